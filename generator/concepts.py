"""The concept vocabulary (``seeds/concepts.yml``) and which questions mention each concept.

A concept is matched as a whole phrase, so "precision" does not match
"mixed-precision" and "variance" does not match "bias-variance": list such
compounds as synonyms where they belong.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import display_path
from .model import Concept, Entry
from .text import plain
from .textutil import slugify
from .urls import is_slug
from .yamlfile import NodeReader, line_of, read_tree

CONCEPTS_FILE = "concepts.yml"


def load_concepts(seeds_dir: Path) -> tuple[Concept, ...]:
    """Read the vocabulary; no file means no concepts."""
    path = seeds_dir / CONCEPTS_FILE
    if not path.exists() and not path.is_symlink():
        return ()
    reader = NodeReader(display_path(path))
    top = reader.mapping(read_tree(path, reader.file), {"concepts"}, "the file")
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    for node in reader.items(top.get("concepts"), "`concepts`"):
        fields = reader.mapping(node, {"name", "slug", "definition", "synonyms"}, "a concept")
        name, definition = reader.text(fields.get("name")), reader.text(fields.get("definition"))
        if fields and (not name or not definition):
            reader.fail(node, "each concept needs a `name` and a `definition`")
            continue
        slug = reader.text(fields.get("slug")) or slugify(name)
        if not is_slug(slug):
            reader.fail(
                fields.get("slug", node), f"slug {slug!r} must be lowercase words joined by '-'"
            )
            continue
        if slug in seen:
            reader.fail(
                node, f"slug {slug!r} is also the slug of line {seen[slug]}; give one a `slug`"
            )
            continue
        seen[slug] = line_of(node)
        synonyms = [t for t, _ in reader.texts(fields.get("synonyms"), "synonyms") if t]
        concepts.append(Concept(slug, name, definition, tuple(dict.fromkeys([name, *synonyms]))))
    reader.stop()
    return tuple(concepts)


def _pattern(concept: Concept) -> re.Pattern[str]:
    phrases = sorted((re.escape(s.lower()) for s in concept.synonyms), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(phrases) + r")(?:e?s)?(?![\w-])")


def match_concepts(
    entries: tuple[Entry, ...], concepts: tuple[Concept, ...]
) -> dict[str, tuple[str, ...]]:
    """Concept slugs of each question (its text and follow-ups), in vocabulary order."""
    patterns = [(c.slug, _pattern(c)) for c in concepts]
    found: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        question = entry.question
        text = " ".join(plain(t) for t in (question.text, *question.follow_ups))
        found[entry.id] = tuple(slug for slug, pattern in patterns if pattern.search(text))
    return found

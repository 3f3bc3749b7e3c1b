"""The concept vocabulary (``seeds/concepts.yml``) and which questions mention each concept.

A concept is matched as a whole phrase, so "precision" does not match
"mixed-precision" and "variance" does not match "bias-variance": list such
compounds as synonyms where they belong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import StudyGuideError, display_path
from .markup import to_text
from .model import Entry
from .textutil import read_yaml, slugify

CONCEPTS_FILE = "concepts.yml"


@dataclass(frozen=True)
class Concept:
    """One entry of the vocabulary."""

    slug: str
    name: str
    definition: str
    """One line, shown on the concept's page."""
    synonyms: tuple[str, ...]
    """Phrases that mean this concept, the name included."""


def load_concepts(seeds_dir: Path) -> tuple[Concept, ...]:
    """Read the vocabulary; no file means no concepts."""
    path = seeds_dir / CONCEPTS_FILE
    shown = display_path(path)
    data = read_yaml(path, "the concepts")
    concepts: list[Concept] = []
    for item in data.get("concepts") or []:
        if not isinstance(item, dict) or not item.get("name") or not item.get("definition"):
            raise StudyGuideError(f"{shown}: each concept needs a `name` and a `definition`")
        name = str(item["name"])
        synonyms = tuple(dict.fromkeys([name, *map(str, item.get("synonyms") or [])]))
        concepts.append(
            Concept(str(item.get("slug") or slugify(name)), name, str(item["definition"]), synonyms)
        )
    slugs = [c.slug for c in concepts]
    if len(set(slugs)) != len(slugs):
        raise StudyGuideError(f"{shown}: two concepts share a slug; give one a `slug`")
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
        text = " ".join(to_text(t) for t in (question.text, *question.follow_ups)).lower()
        text = text.replace("\u2019", "'")
        found[entry.id] = tuple(slug for slug, pattern in patterns if pattern.search(text))
    return found

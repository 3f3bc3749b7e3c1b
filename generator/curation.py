"""The optional curation file (``seeds/topics.yml``): how sections become topic pages.

Seeds are the authors' documents and are never edited for the guide's sake;
everything editorial (order, titles, slugs, descriptions, icons, merges, where
untitled questions go) lives here instead.  Keys are read from YAML nodes, not
plain dicts, so every problem can name its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Problem, StudyGuideError
from .textutil import FAST_LOADER

CURATION_FILE = "topics.yml"

LINK_KINDS = ("duplicates", "related", "unrelated")
_TOPIC_KEYS = {"title", "slug", "description", "icon", "sections", "untitled"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

EXAMPLE = """topics:
  - title: Core Machine Learning
    slug: core-ml
    description: Models, metrics and the maths under them.
    sections: [Core Machine Learning, Core Machine Learning Questions (With Follow-Ups)]"""


@dataclass(frozen=True)
class SectionRef:
    """A section title named by the curation file, with the line that names it."""

    title: str
    line: int


@dataclass(frozen=True)
class TopicSpec:
    """One curated topic as written in the curation file."""

    title: str
    """Display title; empty means "use the first section's title"."""
    slug: str
    """URL slug; empty means "derive it from the title"."""
    description: str
    icon: str
    sections: tuple[SectionRef, ...]
    """Sections merged into this topic, in this order."""
    untitled: bool
    """Whether questions outside any titled section belong here."""
    line: int


@dataclass(frozen=True)
class PairSpec:
    """Two question ids the curation file links or keeps apart."""

    kind: str
    """``duplicates``, ``related`` or ``unrelated``."""
    ids: tuple[str, str]
    line: int


@dataclass(frozen=True)
class Curation:
    """The whole curation file; `Curation()` is what no file means."""

    title: str = ""
    """The guide's name, overriding the site name."""
    topics: tuple[TopicSpec, ...] = ()
    pairs: tuple[PairSpec, ...] = ()
    """Links to force (duplicates, related) or forbid (unrelated)."""
    file: str = ""


def load_curation(seeds_dir: Path, display_dir: str) -> Curation:
    """Read ``topics.yml`` from the seeds folder, or return the empty curation."""
    path = seeds_dir / CURATION_FILE
    display = f"{display_dir.rstrip('/')}/{CURATION_FILE}"
    if not path.is_file():
        return Curation()
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise StudyGuideError([Problem(display, 0, f"cannot read file: {exc}")]) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise StudyGuideError([Problem(display, line, f"invalid YAML: {exc.problem}")]) from None
    return _Reader(display).curation(root)


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.problems.append(Problem(self.file, line, message))

    def curation(self, root: yaml.Node | None) -> Curation:
        top = self.mapping(root, {"title", "topics", "links"}, "the file")
        topics_node = top.get("topics")
        specs: list[TopicSpec] = []
        if isinstance(topics_node, yaml.SequenceNode):
            specs = [s for s in map(self.topic, topics_node.value) if s is not None]
        elif topics_node is not None:
            self.fail(topics_node, f"`topics` must be a list of topics, like:\n{EXAMPLE}")
        untitled = [s for s in specs if s.untitled]
        for extra in untitled[1:]:
            self.problems.append(
                Problem(
                    self.file,
                    extra.line,
                    "only one topic can take the untitled questions",
                )
            )
        if self.problems:
            raise StudyGuideError(self.problems)
        pairs = self.pairs(top.get("links"))
        if self.problems:
            raise StudyGuideError(self.problems)
        return Curation(self.text(top.get("title")), tuple(specs), pairs, self.file)

    def pairs(self, node: yaml.Node | None) -> tuple[PairSpec, ...]:
        if node is None:
            return ()
        found: list[PairSpec] = []
        for kind, value in self.mapping(node, set(LINK_KINDS), "links").items():
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for item in items:
                ids = (
                    [self.text(v) for v in item.value]
                    if isinstance(item, yaml.SequenceNode)
                    else []
                )
                if len(ids) != 2 or not all(ids):
                    self.fail(
                        item, f"each entry of `{kind}` is a pair of question ids: [id-a, id-b]"
                    )
                    continue
                found.append(PairSpec(kind, (ids[0], ids[1]), item.start_mark.line + 1))
        return tuple(found)

    def topic(self, node: yaml.Node) -> TopicSpec | None:
        fields = self.mapping(node, _TOPIC_KEYS, "a topic")
        if not fields:
            return None
        slug = self.text(fields.get("slug"))
        if slug and not _SLUG.match(slug):
            self.fail(fields["slug"], f"slug {slug!r} must be lowercase words joined by '-'")
        sections = fields.get("sections")
        refs: list[SectionRef] = []
        if isinstance(sections, yaml.SequenceNode):
            refs = [SectionRef(self.text(s), s.start_mark.line + 1) for s in sections.value]
        elif sections is not None:
            refs = [SectionRef(self.text(sections), sections.start_mark.line + 1)]
        untitled = fields.get("untitled")
        takes_untitled = untitled is not None and self.text(untitled).lower() == "true"
        if not refs and not takes_untitled:
            self.fail(
                node,
                "topic names no section; add `sections: [Section title]` or `untitled: true`",
            )
        return TopicSpec(
            title=self.text(fields.get("title")),
            slug=slug,
            description=self.text(fields.get("description")),
            icon=self.text(fields.get("icon")),
            sections=tuple(refs),
            untitled=takes_untitled,
            line=node.start_mark.line + 1,
        )

    def mapping(self, node: yaml.Node | None, keys: set[str], what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping of keys to values, like:\n{EXAMPLE}")
            return {}
        fields: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = self.text(key_node)
            if key not in keys:
                self.fail(
                    key_node,
                    f"unknown key {key!r} in {what}; expected one of {sorted(keys)}",
                )
            else:
                fields[key] = value
        return fields

    def text(self, node: yaml.Node | None) -> str:
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, "expected a single value here, not a list or mapping")
            return ""
        return str(node.value).strip()

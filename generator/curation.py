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

from .errors import Problem
from .textutil import split_icon
from .urls import is_slug
from .yamlfile import NodeReader, line_of, read_tree

CURATION_FILE = "topics.yml"

_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"'`]+$")
"""A bank's source is shown as a link: only a plain web address may become one."""

LINK_KINDS = ("duplicates", "related", "unrelated")
_TOPIC_KEYS = {"title", "slug", "description", "icon", "sections", "untitled", "was"}
_BANK_KEYS = {"bank", "title", "source", "licence", "author"}

BANK_EXAMPLE = """banks:
  - bank: deep-ml-questions
    title: Deep ML Questions
    source: https://github.com/someone/deep-ml-questions
    licence: CC BY 4.0
    author: Someone and contributors"""

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
    was: tuple[str, ...] = ()
    """Slugs this topic had before (or of topics merged into it): their old addresses
    lead here, so links shared before a re-curation keep working."""


@dataclass(frozen=True)
class PairSpec:
    """Two question ids the curation file links or keeps apart."""

    kind: str
    """``duplicates``, ``related`` or ``unrelated``."""
    ids: tuple[str, str]
    line: int


@dataclass(frozen=True)
class BankSpec:
    """How the curation file credits one bank (see `banks`)."""

    key: str
    """The bank's folder, or its file name without ``.md``."""
    title: str
    source: str
    licence: str
    author: str
    line: int


@dataclass(frozen=True)
class Curation:
    """The whole curation file; `Curation()` is what no file means."""

    title: str = ""
    """The guide's name, overriding the site name."""
    topics: tuple[TopicSpec, ...] = ()
    pairs: tuple[PairSpec, ...] = ()
    """Links to force (duplicates, related) or forbid (unrelated)."""
    banks: tuple[BankSpec, ...] = ()
    """Titles and credits of the banks, by key."""
    file: str = ""


def load_curation(seeds_dir: Path, display_dir: str) -> Curation:
    """Read ``topics.yml`` from the seeds folder, or return the empty curation."""
    path = seeds_dir / CURATION_FILE
    display = f"{display_dir.rstrip('/')}/{CURATION_FILE}"
    if not path.exists() and not path.is_symlink():
        return Curation()
    return _Reader(display).curation(read_tree(path, display))


class _Reader(NodeReader):
    def curation(self, root: yaml.Node | None) -> Curation:
        top = self.mapping(root, {"title", "topics", "links", "banks"}, "the file", EXAMPLE)
        topics_node = top.get("topics")
        specs: list[TopicSpec] = []
        if isinstance(topics_node, yaml.SequenceNode):
            specs = [s for s in map(self.topic, topics_node.value) if s is not None]
        elif topics_node is not None:
            self.fail(topics_node, f"`topics` must be a list of topics, like:\n{EXAMPLE}")
        for extra in [s for s in specs if s.untitled][1:]:
            self.problems.append(
                Problem(self.file, extra.line, "only one topic can take the untitled questions")
            )
        pairs = self.pairs(top.get("links"))
        banks = self.banks(top.get("banks"))
        self.stop()
        return Curation(self.text(top.get("title")), tuple(specs), pairs, banks, self.file)

    def banks(self, node: yaml.Node | None) -> tuple[BankSpec, ...]:
        found: list[BankSpec] = []
        seen: set[str] = set()
        for item in self.items(node, "`banks`"):
            fields = self.mapping(item, _BANK_KEYS, "a bank", BANK_EXAMPLE)
            key = self.text(fields.get("bank"))
            source = self.text(fields.get("source"))
            if not key:
                if fields:
                    self.fail(
                        item,
                        f"each bank needs `bank:`, its folder or file name, like:\n{BANK_EXAMPLE}",
                    )
                continue
            if key in seen:
                self.fail(fields["bank"], f"bank {key!r} is credited twice")
                continue
            if source and not _WEB_ADDRESS.match(source):
                self.fail(fields["source"], f"source {source!r} must be a web address (https://…)")
                source = ""
            seen.add(key)
            found.append(
                BankSpec(
                    key=key.removesuffix(".md"),
                    title=self.text(fields.get("title")),
                    source=source,
                    licence=self.text(fields.get("licence")),
                    author=self.text(fields.get("author")),
                    line=line_of(item),
                )
            )
        return tuple(found)

    def pairs(self, node: yaml.Node | None) -> tuple[PairSpec, ...]:
        if node is None:
            return ()
        found: list[PairSpec] = []
        for kind, value in self.mapping(node, set(LINK_KINDS), "links").items():
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for item in items:
                ids = (
                    [t for t, _ in self.texts(item, kind)]
                    if isinstance(item, yaml.SequenceNode)
                    else []
                )
                if len(ids) != 2 or not all(ids):
                    self.fail(
                        item, f"each entry of `{kind}` is a pair of question ids: [id-a, id-b]"
                    )
                    continue
                found.append(PairSpec(kind, (ids[0], ids[1]), line_of(item)))
        return tuple(found)

    def topic(self, node: yaml.Node) -> TopicSpec | None:
        fields = self.mapping(node, _TOPIC_KEYS, "a topic", EXAMPLE)
        if not fields:
            return None
        slug = self.text(fields.get("slug"))
        if slug and not is_slug(slug):
            self.fail(fields["slug"], f"slug {slug!r} must be lowercase words joined by '-'")
        icon = self.text(fields.get("icon"))
        if icon and (split_icon(icon)[1] or len(icon) > 16):
            self.fail(fields["icon"], f"icon {icon!r} must be an emoji or two, like 📊")
        refs = [
            SectionRef(t, line_of(n)) for t, n in self.texts(fields.get("sections"), "sections")
        ]
        untitled = fields.get("untitled")
        takes_untitled = untitled is not None and self.text(untitled).lower() == "true"
        if not refs and not takes_untitled:
            self.fail(
                node,
                "topic names no section; add `sections: [Section title]` or `untitled: true`",
            )
        was = []
        for old, old_node in self.texts(fields.get("was"), "was"):
            if is_slug(old):
                was.append(old)
            else:
                self.fail(old_node, f"`was` lists slugs, like [old-topic]; not {old!r}")
        return TopicSpec(
            was=tuple(was),
            title=self.text(fields.get("title")),
            slug=slug,
            description=self.text(fields.get("description")),
            icon=icon,
            sections=tuple(refs),
            untitled=takes_untitled,
            line=line_of(node),
        )

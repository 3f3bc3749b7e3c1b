"""The frozen model every output is made from: Guide → Topic → Entry → Question.

Text fields hold inline Markdown exactly as the seed wrote it (emphasis and code
kept, wrapping bold and numbering removed).  Turning it into safe page Markdown
or HTML is the renderer's job, so the JSON export can keep the author's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, order=True)
class Source:
    """Where something was written, so errors and exports can point back to it."""

    file: str
    """Seed file name relative to the seeds folder, with forward slashes."""
    line: int
    """1-based line number."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


DIFFICULTIES = ("easy", "medium", "hard")
"""The difficulty levels a bank can mark, easiest first."""


@dataclass(frozen=True)
class SourceLink:
    """A link the bank puts beside a question: where it comes from, or an answer elsewhere."""

    label: str
    """The link's words as the bank wrote them (``src``, ``Answer``)."""
    url: str


@dataclass(frozen=True)
class Question:
    """One interview question as the seed states it."""

    text: str
    """Inline Markdown of the question."""
    follow_ups: tuple[str, ...]
    """Inline Markdown of each follow-up, in seed order."""
    source: Source
    """The line the question starts on."""
    answer: str = ""
    """Block Markdown of the bank's answer, dedented, as written; "" when it has none."""
    hint: str = ""
    """Block Markdown of a hint the bank gives instead of (or beside) an answer."""
    difficulty: str = ""
    """One of `DIFFICULTIES`, or "" when the bank does not say."""
    context: str = ""
    """Block Markdown of the group item a question is nested in (``Feature scaling.``, or
    ``Given this graph.`` and its image): the setting the question is asked in."""
    figure: str = ""
    """Block Markdown of an image or table that illustrates the question, in a bank
    without answers."""
    links: tuple[SourceLink, ...] = ()
    """Source and "answer elsewhere" links, in seed order."""


@dataclass(frozen=True)
class Section:
    """A titled section of a seed, or an untitled run of questions (``title`` is None)."""

    title: str | None
    """Heading text without emoji decoration or bold markers."""
    icon: str
    """Leading emoji of the heading, or "" when it has none."""
    source: Source
    """The heading's line, or the first question's line for an untitled part."""
    questions: tuple[Question, ...]
    """Questions in seed order."""


@dataclass(frozen=True)
class LineNote:
    """Lines of a seed the parser says something about: why it skipped them, or how it read them."""

    first: int
    last: int
    """1-based, inclusive."""
    text: str
    """The reason, in a few words (``table of contents``)."""


@dataclass(frozen=True)
class Seed:
    """One parsed seed file."""

    file: str
    """Seed file name relative to the seeds folder."""
    sections: tuple[Section, ...]
    """Sections in file order; each holds at least one question."""
    title: str = ""
    """The file's first ``#`` heading, or "" when it has none."""
    skipped: tuple[LineNote, ...] = ()
    """Non-blank lines that are in no question, answer or title, with the reason."""
    decisions: tuple[LineNote, ...] = ()
    """Shapes that could be read two ways, and the reading chosen."""


@dataclass(frozen=True)
class Bank:
    """One published bank: a seed file at the top of the seeds folder, or a folder of them."""

    key: str
    """The folder's name, or the file's name without ``.md``: what the curation file names."""
    title: str
    """Plain text: the curated title, else the bank's first ``#`` heading, else its key."""
    files: tuple[str, ...]
    """Its seed files, relative to the seeds folder, in order."""
    source: str = ""
    """Where the bank is published (an http(s) URL), or ""."""
    licence: str = ""
    author: str = ""
    """Who to credit, as the curation file words it."""


@dataclass(frozen=True)
class Entry:
    """A question placed in the guide under its permanent id."""

    id: str
    """Short readable id, unique in the guide: the heading anchor and export key."""
    question: Question
    """What the seed says."""
    bank: str = ""
    """The key of the `Bank` it comes from."""
    wordings: tuple[Entry, ...] = ()
    """The same question as other banks ask it (a duplicate group, this entry first):
    shown with this one, each keeping its own id.  Empty when it stands alone."""
    more_follow_ups: tuple[tuple[str, str], ...] = ()
    """Follow-ups the other wordings ask that this one does not, each with the seed file
    it comes from (see `groups.follow_ups`)."""

    @property
    def group(self) -> tuple[Entry, ...]:
        """This entry and its other wordings, this one first."""
        return (self, *self.wordings)


@dataclass(frozen=True)
class Placement:
    """A seed section placed on a topic page, and why it went there."""

    title: str
    """The section's title as the bank wrote it (plain text), or "" for untitled questions."""
    source: Source
    why: str
    """In a few words: ``curated``, ``same title as a.md:3``, ``generic title: its bank's``…"""


@dataclass(frozen=True)
class Record:
    """What the id registry (``seeds/ids.yml``) remembers of one id."""

    id: str
    text: str
    """The wording the id was last seen with."""
    topic: str
    """Slug of the topic page it was last seen on."""
    retired: str = ""
    """Empty while the question exists; else ``removed`` or ``merged``."""
    into: str = ""
    """For a merged question, the id it was merged into."""
    follow_ups: str = ""
    """Digest of the follow-ups it was last seen with ("" for none)."""


@dataclass(frozen=True)
class Topic:
    """One page of the guide: one or more merged sections."""

    slug: str
    """URL path segment of the topic page."""
    title: str
    """Display title, without the icon."""
    description: str
    """One line shown on the home page and as the page's meta description."""
    icon: str
    """Emoji shown before the title, or ""."""
    entries: tuple[Entry, ...]
    """Questions in seed order (sections in curation order when merged); a duplicate
    group is one entry, in the topic of its first wording."""
    placements: tuple[Placement, ...] = ()
    """The seed sections on this page, in order, and why each is here."""
    was: tuple[str, ...] = ()
    """Slugs this page had before: their addresses redirect here."""

    @property
    def follow_up_count(self) -> int:
        return sum(len(e.question.follow_ups) + len(e.more_follow_ups) for e in self.entries)


@dataclass(frozen=True)
class Guide:
    """Everything the renderers need."""

    title: str
    """The guide's name."""
    topics: tuple[Topic, ...]
    """Topic pages in display order."""
    seed_files: tuple[str, ...]
    """The seed files the guide was made from, relative to the seeds folder."""
    registry: tuple[Record, ...]
    """Every id ever given: live ones in seed order, then retired ones."""
    banks: tuple[Bank, ...] = ()
    """The banks the seeds come from, in seed order."""

    @property
    def retired(self) -> tuple[Record, ...]:
        return tuple(record for record in self.registry if record.retired)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every question shown, a duplicate group once (by its first wording)."""
        return tuple(entry for topic in self.topics for entry in topic.entries)

    @property
    def wordings(self) -> tuple[Entry, ...]:
        """Every question of every bank, each wording of a group on its own."""
        return tuple(wording for entry in self.entries for wording in entry.group)

    @property
    def most_asked(self) -> tuple[Entry, ...]:
        """The questions the most banks ask (each group by its first wording): the home
        page offers them to practise first.  Empty unless some question is in two banks."""
        most = max((len(entry.group) for entry in self.entries), default=1)
        if most < 2:
            return ()
        return tuple(entry for entry in self.entries if len(entry.group) == most)

    def bank(self, key: str) -> Bank:
        """The bank with this key (every entry's `Entry.bank` is one)."""
        return next(bank for bank in self.banks if bank.key == key)


@dataclass(frozen=True)
class Concept:
    """One entry of the vocabulary."""

    slug: str
    name: str
    definition: str
    """One line, shown on the concept's page."""
    synonyms: tuple[str, ...]
    """Phrases that mean this concept, the name included."""


@dataclass(frozen=True)
class Pair:
    """Two questions and how alike they are, for the links and the review report."""

    a: str
    b: str
    score: float
    forced: bool = False


@dataclass(frozen=True)
class Links:
    """Everything the pages and exports show about how questions connect."""

    duplicates: Mapping[str, tuple[str, ...]]
    """Each question's duplicates (may be empty), both ways."""
    related: Mapping[str, tuple[str, ...]]
    """At most `MAX_RELATED` related questions each, best first, both ways."""
    concepts: Mapping[str, tuple[str, ...]]
    """Concept slugs of each question."""
    duplicate_pairs: tuple[Pair, ...]
    related_pairs: tuple[Pair, ...]
    """Related links kept, best first."""
    rejected_pairs: tuple[Pair, ...]
    """The best candidates that were not kept (below threshold, forbidden or no room)."""
    relatives: Mapping[str, tuple[str, ...]]
    """For each retired id, the live questions nearest to its last wording."""
    groups: tuple[tuple[str, ...], ...] = ()
    """The same question asked by several banks: each group's ids, in seed order, at
    most one per bank (see `groups`).  Their pairs are not in `duplicates`."""
    group_pairs: tuple[Pair, ...] = ()
    """The cross-bank pairs the groups were made of, weakest first (for review)."""
    suggestions: Mapping[str, tuple[Pair, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """For each question, its best candidates in other banks that are not in its group,
    best first (``pair.a`` is the question): what a maintainer reviews."""
    finder: str = "words"
    """Which finder found the groups: ``words``, or the embedding model's name."""

"""The frozen model every output is made from: Guide → Topic → Entry → Question.

Text fields hold inline Markdown exactly as the seed wrote it (emphasis and code
kept, wrapping bold and numbering removed).  Turning it into safe page Markdown
or HTML is the renderer's job, so the JSON export can keep the author's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


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
class Entry:
    """A question placed in the guide under its permanent id."""

    id: str
    """Short readable id, unique in the guide: the heading anchor and export key."""
    question: Question
    """What the seed says."""


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
    """Questions in seed order (sections in curation order when merged)."""

    @property
    def follow_up_count(self) -> int:
        return sum(len(entry.question.follow_ups) for entry in self.entries)


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

    @property
    def retired(self) -> tuple[Record, ...]:
        return tuple(record for record in self.registry if record.retired)

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for topic in self.topics for entry in topic.entries)


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

"""The frozen model every output is made from: Guide → Topic → Entry → Question.

Text fields hold inline Markdown exactly as the seed wrote it (emphasis and code
kept, wrapping bold and numbering removed).  Turning it into safe page Markdown
or HTML is the renderer's job, so the JSON export can keep the author's text.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Question:
    """One interview question as the seed states it."""

    text: str
    """Inline Markdown of the question."""
    follow_ups: tuple[str, ...]
    """Inline Markdown of each follow-up, in seed order."""
    source: Source
    """The line the question starts on."""


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
class Seed:
    """One parsed seed file."""

    file: str
    """Seed file name relative to the seeds folder."""
    sections: tuple[Section, ...]
    """Sections in file order; each holds at least one question."""


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

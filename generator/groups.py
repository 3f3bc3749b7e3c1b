"""Show the same question from several banks once, as a duplicate group.

The finder (see `link`) decides which questions of different banks ask the same
thing.  This stage moves each group's other wordings under its first wording (the
first in seed order), onto that wording's topic page.  Every wording keeps its id:
it is an anchor on the group, has its short link and its own entry in the export,
and the registry remembers it on the group's page.  Within one bank, duplicates
are not grouped: they stay two questions that point at each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .model import Entry, Guide, Record
from .text import plain


def merge_groups(guide: Guide, groups: Sequence[Sequence[str]]) -> Guide:
    """``guide`` with each group of ids shown once, by its first wording in seed order.

    A group needs at least two ids that are questions of the guide; others are ignored.
    """
    order = {e.id: n for n, e in enumerate(guide.entries)}
    lead_of: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for group in groups:
        ids = sorted({i for i in group if i in order}, key=order.__getitem__)
        if len(ids) < 2:
            continue
        members[ids[0]] = ids[1:]
        lead_of.update((i, ids[0]) for i in ids[1:])
    if not members:
        return guide
    by_id = {e.id: e for e in guide.entries}
    slug_of = {e.id: t.slug for t in guide.topics for e in t.entries}
    topics = tuple(
        replace(
            topic,
            entries=tuple(
                _grouped(e, tuple(by_id[i] for i in members.get(e.id, ())))
                for e in topic.entries
                if e.id not in lead_of
            ),
        )
        for topic in guide.topics
    )
    registry = tuple(_moved(r, slug_of, lead_of) for r in guide.registry)
    return replace(guide, topics=tuple(t for t in topics if t.entries), registry=registry)


def _moved(record: Record, slug_of: dict[str, str], lead_of: dict[str, str]) -> Record:
    """The record of a wording shown with its group: on the group's page."""
    lead = lead_of.get(record.id)
    return replace(record, topic=slug_of[lead]) if lead and not record.retired else record


def _grouped(lead: Entry, wordings: tuple[Entry, ...]) -> Entry:
    """``lead`` with its group's other wordings, and the follow-ups only they ask (a
    follow-up two banks ask, compared by its words, is shown once)."""
    if not wordings:
        return lead
    seen = {_key(text) for text in lead.question.follow_ups}
    more: list[tuple[str, str]] = []
    for wording in wordings:
        for text in wording.question.follow_ups:
            if _key(text) not in seen:
                seen.add(_key(text))
                more.append((text, wording.question.source.file))
    return replace(lead, wordings=wordings, more_follow_ups=tuple(more))


def _key(follow_up: str) -> str:
    return " ".join(plain(follow_up).split()).rstrip("?. ")


def follow_ups(entry: Entry) -> tuple[tuple[str, str], ...]:
    """Every follow-up a question shows: its own, then those only its other wordings
    ask, each with the seed file it comes from: ``(inline Markdown, seed file)``."""
    origin = entry.question.source.file
    return (*((text, origin) for text in entry.question.follow_ups), *entry.more_follow_ups)

"""The id registry (``seeds/ids.yml``): every question keeps its id for good.

An id is a promise to everyone who pasted a link, so ids are stored, not
recomputed.  Each build matches the seed's questions to the registry: first by
exact wording, then by fuzzy similarity of their content words for reworded
questions.  Reordering, moving a question to another topic or renaming its seed
file changes nothing, because none of those are part of the match.  Questions
that match nothing get new ids; registry entries that match nothing are
*retired*, so their links can still explain where the question went.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .errors import StudyGuideError, display_path
from .ids import STOPWORDS, base_id
from .markup import to_text
from .model import Question, Record
from .textutil import FAST_DUMPER, read_yaml

REGISTRY_FILE = "ids.yml"

REWORD_THRESHOLD = 85.0
"""Least score (0–100) for a new wording to keep an old id.

Measured on the seed (tests/test_registry.py): the most similar pair of different
questions scores 78 on their content words; realistic rewordings score 84 to 100,
and the few below 85 keep their follow-ups, which adds `SAME_FOLLOW_UPS`.
"""
SAME_FOLLOW_UPS = 15.0
"""Bonus when the follow-ups are unchanged: a reworded question keeps its follow-ups."""

HEADER = """\
# Permanent question ids: each is a question's anchor, its short link (/q/<id>/),
# its key in questions.json and its note id in the Anki deck. `follow_ups` is a
# digest of the question's follow-ups, which helps recognise a reworded question.
# `studyguide build` adds new questions and retires removed ones; commit this file.
# Renaming an id here breaks the links people have shared: don't, unless you mean to.
"""


@dataclass(frozen=True)
class Assignment:
    """The outcome of matching a seed against the registry."""

    ids: tuple[str, ...]
    """One id per question, in the order given."""
    records: tuple[Record, ...]
    """The registry to save: live records in seed order, then retired ones."""
    reworded: tuple[tuple[str, float], ...]
    """Ids kept through a fuzzy match, with their similarity, for the build report."""


def content(text: str) -> str:
    """A question's content words, the part of its wording that says what it asks.

    Compounds are joined, so "trade-off", "trade–off" and "tradeoff" agree.
    """
    plain = to_text(text).lower().replace("\u2019", "'").replace("'s ", " ")
    plain = re.sub(r"(?<=[a-z])[-\u2010-\u2014](?=[a-z])", "", plain)
    return " ".join(w for w in re.findall(r"[a-z0-9]+", plain) if w not in STOPWORDS)


def similarity(a: str, b: str) -> float:
    """How alike two wordings are, 0–100, insensitive to word order and framing."""
    from rapidfuzz import fuzz  # imported here: only rewordings need it

    return float(fuzz.token_sort_ratio(content(a), content(b)))


def fingerprint(question: Question) -> str:
    """A short digest of a question's follow-ups ("" when it has none)."""
    if not question.follow_ups:
        return ""
    joined = "\n".join(content(f) for f in question.follow_ups)
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def score(question: Question, record: Record) -> float:
    """How likely ``record`` is the same question as ``question`` in new words, 0–115."""
    same = bool(record.follow_ups) and fingerprint(question) == record.follow_ups
    return similarity(question.text, record.text) + (SAME_FOLLOW_UPS if same else 0.0)


def assign(
    questions: Sequence[Question], topics: Sequence[str], registry: Sequence[Record]
) -> Assignment:
    """Give each question (in its current topic) its registered or a new id.

    Retired ids take part too, so a question that comes back gets its old id back.
    """
    texts = [q.text for q in questions]
    ids: list[str | None] = [None] * len(texts)
    free = {r.id: r for r in registry}
    by_text: dict[str, list[str]] = {}
    for record in registry:
        by_text.setdefault(_key(record.text), []).append(record.id)
    for index, text in enumerate(texts):
        for candidate in by_text.get(_key(text), []):
            if candidate in free:
                ids[index] = candidate
                del free[candidate]
                break
    reworded: list[tuple[str, float]] = []
    pairs = sorted(
        (
            (score(questions[i], record), i, record.id)
            for i in range(len(texts))
            if ids[i] is None
            for record in free.values()
        ),
        reverse=True,
    )
    for points, index, record_id in pairs:
        if points < REWORD_THRESHOLD:
            break
        if ids[index] is None and record_id in free:
            ids[index] = record_id
            del free[record_id]
            reworded.append((record_id, points))
    taken = {r.id for r in registry}
    for index, text in enumerate(texts):
        if ids[index] is None:
            ids[index] = _new_id(text, taken)
    final = [i for i in ids if i is not None]
    records = [
        Record(i, q.text, t, follow_ups=fingerprint(q))
        for i, q, t in zip(final, questions, topics, strict=True)
    ]
    retired = [r if r.retired else replace(r, retired="removed") for r in free.values()]
    return Assignment(tuple(final), (*records, *retired), tuple(reworded))


def _key(text: str) -> str:
    return " ".join(to_text(text).lower().split())


def _new_id(text: str, taken: set[str]) -> str:
    base = candidate = base_id(text)
    n = 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def load_registry(seeds_dir: Path) -> tuple[Record, ...]:
    """Read ``ids.yml``; a missing file is an empty registry (every id is new)."""
    path = seeds_dir / REGISTRY_FILE
    shown = display_path(path)
    data = read_yaml(path, "the id registry")
    records: list[Record] = []
    seen: set[str] = set()
    for key in ("questions", "retired"):
        for item in data.get(key) or []:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise StudyGuideError(f"{shown}: every entry needs an `id` and a `text`")
            if item["id"] in seen:
                raise StudyGuideError(
                    f"{shown}: id {item['id']!r} appears twice; ids must be unique"
                )
            seen.add(item["id"])
            records.append(
                Record(
                    id=item["id"],
                    text=str(item.get("text", "")),
                    topic=str(item.get("topic", "")),
                    retired=str(item.get("status", "")) if key == "retired" else "",
                    into=str(item.get("into", "")),
                    follow_ups=str(item.get("follow_ups", "")),
                )
            )
    return tuple(records)


def dump_registry(records: Sequence[Record]) -> str:
    """The registry file's text: stable order and layout, so diffs stay readable."""

    def entry(r: Record) -> dict[str, str]:
        fields = {"id": r.id, "text": r.text, "topic": r.topic, "follow_ups": r.follow_ups}
        if r.retired:
            fields |= {"status": r.retired, "into": r.into}
        return {key: value for key, value in fields.items() if value}

    live = [entry(r) for r in records if not r.retired]
    retired = [entry(r) for r in records if r.retired]
    body = yaml.dump(
        {"version": 1, "questions": live, "retired": retired},
        Dumper=FAST_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return HEADER + body

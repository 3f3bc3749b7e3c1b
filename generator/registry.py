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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .errors import Problem, display_path
from .files import write_atomic
from .ids import base_id
from .markup import to_text
from .model import Question, Record
from .text import content
from .urls import is_slug
from .yamlfile import FAST_DUMPER, NodeReader, line_of, read_tree

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
    """Read ``ids.yml``; a missing file is an empty registry (every id is new).

    Every problem is reported with its line: an id must match the id grammar
    (it becomes a path and an attribute), appear once, and come with its text.
    """
    path = seeds_dir / REGISTRY_FILE
    if not path.exists() and not path.is_symlink():
        return ()
    reader = NodeReader(display_path(path))
    top = reader.mapping(
        read_tree(path, reader.file), {"version", "questions", "retired"}, "the registry"
    )
    records: list[Record] = []
    seen: dict[str, int] = {}
    for key in ("questions", "retired"):
        for node in reader.items(top.get(key), f"`{key}`"):
            fields = reader.mapping(node, _FIELDS, "an entry")
            record = _record(reader, node, fields, retired=key == "retired")
            if record is None:
                continue
            if record.id in seen:
                reader.fail(
                    node, f"id {record.id!r} is also on line {seen[record.id]}; ids must be unique"
                )
                continue
            seen[record.id] = line_of(node)
            records.append(record)
    reader.stop()
    return tuple(records)


_FIELDS = {"id", "text", "topic", "follow_ups", "status", "into"}


def _record(
    reader: NodeReader, node: yaml.Node, fields: dict[str, yaml.Node], *, retired: bool
) -> Record | None:
    if not fields:
        return None
    id_node = fields.get("id")
    value = reader.text(id_node)
    if id_node is None or not value:
        reader.fail(node, "every entry needs an `id` and a `text`")
        return None
    if not reader.is_string(id_node):
        reader.fail(
            id_node, f"id {value} is read as a number or a boolean; quote it: id: '{value}'"
        )
        return None
    if not is_slug(value):
        reader.fail(
            id_node, f"id {value!r} must be lowercase words joined by '-', like bias-variance"
        )
        return None
    if "text" not in fields:
        reader.fail(node, f"id {value!r} needs its `text`")
        return None
    status = reader.text(fields.get("status")) if retired else ""
    if retired and status not in ("removed", "merged"):
        reader.fail(
            fields.get("status", node),
            f"status of a retired id is removed or merged, not {status!r}",
        )
        return None
    into = reader.text(fields.get("into"))
    if into and not is_slug(into):
        reader.fail(fields["into"], f"`into` must be an id, not {into!r}")
        return None
    return Record(
        id=value,
        text=reader.text(fields.get("text")),
        topic=reader.text(fields.get("topic")),
        retired=status,
        into=into,
        follow_ups=reader.text(fields.get("follow_ups")),
    )


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


def save_registry(
    seeds_dir: Path, records: Sequence[Record], read: Sequence[Record] | None = None
) -> Problem | None:
    """Write ``ids.yml`` if it changed; a folder we cannot write to is a warning, not a failure.

    A read-only bank still builds: its new questions get ids for this build
    only, and the warning says they may change until the file can be saved.
    ``read`` is what the file held when the build began: when no record changed, the
    file stays as it is without being written out again to compare (a third of a
    second on 10,000 questions, in every build).
    """
    path = seeds_dir / REGISTRY_FILE
    if read is not None and tuple(records) == tuple(read) and path.is_file():
        return None
    data = dump_registry(records).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return None
    except OSError:
        pass
    try:
        write_atomic(path, data)
    except OSError as exc:
        return Problem(
            display_path(path),
            0,
            f"cannot save the question ids ({exc.strerror}); this build's new ids may change "
            "in the next one until the file can be written",
        )
    return None

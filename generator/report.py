"""``studyguide links``: the link review report, and its evaluation against labels.

The report is for a maintainer to read before publishing: what was linked,
what almost was, and who was left alone.  The evaluation measures the link
finder itself (without the curation file's overrides) on hand-labelled pairs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import display_path
from .markup import to_text
from .model import Guide, Links, Pair
from .yamlfile import NodeReader, read_tree

LABELS = ("duplicate", "related", "unrelated")


def links_report(guide: Guide, links: Links, weakest: int = 10, rejected: int = 10) -> str:
    """The review report as plain text."""
    texts = {entry.id: to_text(entry.question.text) for entry in guide.wordings}

    def pair(p: Pair) -> str:
        note = " (forced by the curation file)" if p.forced else ""
        return (
            f"  {p.score:4.2f}  {p.a}  ~  {p.b}{note}\n        {texts[p.a]}\n        {texts[p.b]}"
        )

    lonely = [i for i, related in links.related.items() if not related and not links.duplicates[i]]
    lines = [f"Duplicate groups ({len(links.duplicate_pairs)} pairs), with their similarity:"]
    lines += [pair(p) for p in links.duplicate_pairs] or ["  none"]
    lines += ["", f"Weakest related links kept (of {len(links.related_pairs)}):"]
    lines += [pair(p) for p in links.related_pairs[::-1][:weakest]] or ["  none"]
    lines += ["", "Strongest related links rejected:"]
    lines += [pair(p) for p in links.rejected_pairs[:rejected]] or ["  none"]
    lines += ["", f"Questions with no related question ({len(lonely)}):"]
    lines += [f"  {i}  {texts[i]}" for i in lonely] or ["  none"]
    if links.groups or links.suggestions:
        lines += cross_bank_report(links, texts, weakest)
    return "\n".join(lines) + "\n"


def cross_bank_report(links: Links, texts: Mapping[str, str], weakest: int) -> list[str]:
    """Groups of the same question across banks, the weakest pairs they rest on, and the
    best candidates in other banks that were not grouped: what to confirm or forbid
    (``links: duplicates:`` or ``unrelated:`` in the curation file)."""
    lines = ["", f"Cross-bank groups ({len(links.groups)}, finder: {links.finder}):"]
    for group in links.groups:
        lines.append("  " + "  =  ".join(group))
        lines += [f"        {texts[i]}" for i in group]
    if not links.groups:
        lines.append("  none")
    lines += ["", "Weakest pairs accepted into groups:"]
    lines += [
        f"  {p.score:4.2f}  {p.a}  ~  {p.b}{' (forced)' if p.forced else ''}"
        for p in links.group_pairs[:weakest]
    ] or ["  none"]
    lines += [
        "",
        "Best cross-bank candidates not grouped (confirm or forbid in the curation file):",
    ]
    best = sorted(
        (options[0] for options in links.suggestions.values() if options),
        key=lambda p: (-p.score, p.a),
    )
    seen: set[frozenset[str]] = set()
    for pair in best:
        key = frozenset((pair.a, pair.b))
        if key in seen:
            continue
        seen.add(key)
        lines.append(f"  {pair.score:4.2f}  {pair.a}  ~  {pair.b}")
        lines += [f"        {texts[pair.a]}", f"        {texts[pair.b]}"]
        if len(seen) == weakest:
            break
    return lines


def links_json(links: Links) -> str:
    """``studyguide links --json``: the cross-bank groups and, for each question, its best
    candidates in other banks that are not in its group."""
    data = {
        "finder": links.finder,
        "groups": [list(group) for group in links.groups],
        "suggestions": [
            {"id": key, "candidates": [{"id": p.b, "score": round(p.score, 4)} for p in options]}
            for key, options in links.suggestions.items()
            if options
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@dataclass(frozen=True)
class Score:
    """Precision and recall of one kind of link on the labelled pairs."""

    kind: str
    true_positives: int
    predicted: int
    labelled: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0

    def __str__(self) -> str:
        hits = self.true_positives
        return (
            f"{self.kind:<10} precision {self.precision:.2f} ({hits}/{self.predicted})"
            f"   recall {self.recall:.2f} ({hits}/{self.labelled})"
        )


def load_labels(path: Path, guide: Guide) -> dict[frozenset[str], str]:
    """Read labelled pairs; unknown questions or labels are errors, since a typo would
    skew the score.  A question is named by its id, or as ``bank:line`` (the bank's key
    and the line its question starts on), which survives a change of ids."""
    ids = {entry.id: entry.id for entry in guide.wordings}
    ids.update((f"{entry.bank}:{entry.question.source.line}", entry.id) for entry in guide.wordings)
    reader = NodeReader(display_path(path))
    top = reader.mapping(read_tree(path, reader.file), {"pairs"}, "the labels file")
    labels: dict[frozenset[str], str] = {}
    expected = f"[question-a, question-b, {'|'.join(LABELS)}]"
    for node in reader.items(top.get("pairs"), "`pairs`"):
        item = [t for t, _ in reader.texts(node, "a pair")]
        if not (isinstance(node, yaml.SequenceNode) and len(item) == 3 and item[2] in LABELS):
            reader.fail(node, f"each pair is {expected}")
            continue
        for missing in [ref for ref in item[:2] if ref not in ids]:
            reader.fail(node, f"no question is {missing!r} (an id, or bank:line)")
        if all(ref in ids for ref in item[:2]):
            labels[frozenset(ids[ref] for ref in item[:2])] = item[2]
    reader.stop()
    return labels


def evaluate(links: Links, labels: Mapping[frozenset[str], str]) -> tuple[Score, Score]:
    """Duplicates are right when labelled duplicate; a related link is right unless unrelated."""

    def linked(kind: Mapping[str, tuple[str, ...]], key: frozenset[str]) -> bool:
        a, b = sorted(key)
        return b in kind.get(a, ())

    dup_predicted = [k for k in labels if linked(links.duplicates, k)]
    dup = Score(
        "duplicate",
        sum(labels[k] == "duplicate" for k in dup_predicted),
        len(dup_predicted),
        sum(v == "duplicate" for v in labels.values()),
    )
    rel_predicted = [k for k in labels if linked(links.related, k)]
    related = Score(
        "related",
        sum(labels[k] != "unrelated" for k in rel_predicted),
        len(rel_predicted),
        sum(v == "related" for v in labels.values()),
    )
    return dup, related


def evaluate_groups(links: Links, labels: Mapping[frozenset[str], str]) -> tuple[Score, Score]:
    """The cross-bank finder on labelled pairs: its automatic groups (a pair is predicted
    when both questions are in one group), and its suggestions (a true pair left out of
    the groups is found when either question is among the other's suggestions)."""
    group_of = {key: group for group in links.groups for key in group}
    grouped = [
        k
        for k in labels
        if len({group_of.get(i) for i in k} - {None}) == 1 and all(i in group_of for i in k)
    ]
    true = [k for k, label in labels.items() if label == "duplicate"]
    groups = Score(
        "groups",
        sum(labels[k] == "duplicate" for k in grouped),
        len(grouped),
        len(true),
    )
    missed = [k for k in true if k not in grouped]

    def suggested(key: frozenset[str]) -> bool:
        a, b = sorted(key)
        return any(p.b == b for p in links.suggestions.get(a, ())) or any(
            p.b == a for p in links.suggestions.get(b, ())
        )

    found = [k for k in missed if suggested(k)]
    return groups, Score("suggested", len(found), len(missed), len(missed))

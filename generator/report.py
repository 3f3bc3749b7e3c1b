"""``studyguide links``: the link review report, and its evaluation against labels.

The report is for a maintainer to read before publishing: what was linked,
what almost was, and who was left alone.  The evaluation measures the link
finder itself (without the curation file's overrides) on hand-labelled pairs.
"""

from __future__ import annotations

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
    texts = {entry.id: to_text(entry.question.text) for entry in guide.entries}

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
    return "\n".join(lines) + "\n"


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


def load_labels(path: Path, known: set[str]) -> dict[frozenset[str], str]:
    """Read labelled pairs; unknown ids or labels are errors, since a typo would skew the score."""
    reader = NodeReader(display_path(path))
    top = reader.mapping(read_tree(path, reader.file), {"pairs"}, "the labels file")
    labels: dict[frozenset[str], str] = {}
    expected = f"[id-a, id-b, {'|'.join(LABELS)}]"
    for node in reader.items(top.get("pairs"), "`pairs`"):
        item = [t for t, _ in reader.texts(node, "a pair")]
        if not (isinstance(node, yaml.SequenceNode) and len(item) == 3 and item[2] in LABELS):
            reader.fail(node, f"each pair is {expected}")
            continue
        for missing in [i for i in item[:2] if i not in known]:
            reader.fail(node, f"no question has the id {missing!r}")
        labels[frozenset(item[:2])] = item[2]
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

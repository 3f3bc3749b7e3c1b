"""Which questions belong together: duplicates, related questions and concepts.

Precision matters more than recall (an unrelated link wastes a candidate's
time), so both rules are conservative and the curation file can force or
forbid any pair.

* **Duplicates** ask the same thing.  They are compared on their *core*, the
  first sentence up to a ", and why/how…" tail, as IDF-weighted sets of content
  words: the same core, or a core contained in the other's with the whole
  questions (follow-ups included) also alike.
* **Related** questions share vocabulary: cosine similarity of IDF-weighted
  words of question and follow-ups, plus shared concepts.  Pairs are kept best
  first while both questions have room, so links go both ways and nobody gets
  more than `MAX_RELATED`.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .curation import LINK_KINDS, Curation
from .errors import Problem, StudyGuideError
from .finder import CrossBank
from .model import Entry, Links, Pair, Record
from .text import words

MAX_RELATED = 5
SUGGESTIONS = 3
"""Cross-bank candidates offered for review per question."""
RELATED_THRESHOLD = 0.31
"""Least score for a related link; tuned on the labelled pairs in tests/data/links.yml."""
CORE_SAME = 0.95
"""Cores this alike (weighted Jaccard) are the same question."""
CORE_CONTAINED = 0.45
WHOLE_ALIKE = 0.45
MAX_SHARED = 40
"""A word in more questions than this is too common to suggest a link by itself."""
CONCEPT_WEIGHT = 0.08
"""Added to the related score per shared concept."""

_TAIL = re.compile(r",?\s+and\s+(?:why|how|when|where|what)\b.*$|,\s+and\b.*$", re.I)
_SENTENCE = re.compile(r"(?<=[?.!])\s")


@dataclass(frozen=True)
class Overrides:
    """Pairs the curation file forces or forbids, as frozensets of two ids."""

    duplicates: frozenset[frozenset[str]] = frozenset()
    related: frozenset[frozenset[str]] = frozenset()
    forbidden: frozenset[frozenset[str]] = frozenset()


class _Scorer:
    """IDF weights of the whole guide, and the two similarity measures built on them."""

    def __init__(self, entries: tuple[Entry, ...], concepts: Mapping[str, tuple[str, ...]]) -> None:
        self.concepts = concepts
        self.core = {e.id: frozenset(words(core(e.question.text))) for e in entries}
        bags = {e.id: _bag(e) for e in entries}
        df = Counter(w for bag in bags.values() for w in bag)
        n = len(entries)
        self.idf = {w: math.log((n + 1) / (count + 0.5)) for w, count in df.items()}
        self.vectors = {key: self._unit(bag) for key, bag in bags.items()}
        self.core_weight = {key: self.weight(terms) for key, terms in self.core.items()}

    def _unit(self, bag: Counter[str]) -> dict[str, float]:
        vector = {w: c * self.idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in vector.values()))
        return {w: x / norm for w, x in vector.items()} if norm else {}

    def weight(self, terms: Iterable[str]) -> float:
        return sum(self.idf.get(t, 1.0) for t in terms)

    def cosine(self, a: str, b: str) -> float:
        small, large = sorted((self.vectors[a], self.vectors[b]), key=len)
        return sum(x * large.get(w, 0.0) for w, x in small.items())

    def duplicate(self, a: str, b: str) -> float:
        """0 when not duplicates, else how alike the cores are."""
        shared = self.core[a] & self.core[b]
        if not shared:
            return 0.0
        common = self.weight(shared)
        union = self.core_weight[a] + self.core_weight[b] - common
        jaccard = common / union
        if jaccard >= CORE_SAME:
            return jaccard
        smaller = min(self.core_weight[a], self.core_weight[b])
        contained = common / smaller if smaller else 0.0
        if contained >= 0.99 and jaccard >= CORE_CONTAINED and self.cosine(a, b) >= WHOLE_ALIKE:
            return jaccard
        return 0.0

    def nearest(self, text: str, k: int) -> tuple[str, ...]:
        """The ``k`` questions most like ``text`` (a wording that is no longer in the guide)."""
        vector = self._unit(Counter(w for w in words(text) if w in self.idf))
        scores = {
            key: sum(x * other.get(w, 0.0) for w, x in vector.items())
            for key, other in self.vectors.items()
        }
        best = sorted(scores, key=lambda key: -scores[key])[:k]
        return tuple(key for key in best if scores[key] > 0)

    def related(self, a: str, b: str) -> float:
        shared = set(self.concepts.get(a, ())) & set(self.concepts.get(b, ()))
        return self.cosine(a, b) + CONCEPT_WEIGHT * len(shared)


def core(text: str) -> str:
    """A question's core: its first sentence without a trailing ", and why…" clause."""
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    return _TAIL.sub("", first)


def _bag(entry: Entry) -> Counter[str]:
    bag = Counter(words(entry.question.text))
    for follow_up in entry.question.follow_ups:
        for word in words(follow_up):
            bag[word] += 0.5  # type: ignore[assignment]
    return bag


def link(
    entries: tuple[Entry, ...],
    concepts: Mapping[str, tuple[str, ...]],
    overrides: Overrides = Overrides(),
    retired: tuple[Record, ...] = (),
    cross: CrossBank | None = None,
) -> Links:
    """Find duplicates and related questions among ``entries``, relatives of ``retired``,
    and groups of the same question across banks.

    ``cross`` is what the embedding finder says about questions of different banks
    (see `finder`); without it, only questions whose cores are the same words group
    across banks, and candidates are ranked by shared words.
    """
    scorer = _Scorer(entries, concepts)
    ids = [e.id for e in entries]
    bank_of = {e.id: e.bank for e in entries}
    duplicate_pairs: list[Pair] = []
    candidates: list[Pair] = []
    across: list[Pair] = []
    for a, b in _candidates(scorer, ids, overrides):
        key = frozenset((a, b))
        if key in overrides.forbidden:
            continue
        if bank_of[a] != bank_of[b]:
            across.append(Pair(a, b, scorer.cosine(a, b)))
        forced = key in overrides.duplicates
        score = scorer.duplicate(a, b)
        if score or forced:
            duplicate_pairs.append(Pair(a, b, score, forced))
            continue
        candidates.append(Pair(a, b, scorer.related(a, b), key in overrides.related))
    candidates.sort(key=lambda p: (not p.forced, -p.score))
    room = Counter[str]()
    kept: list[Pair] = []
    rejected: list[Pair] = []
    for pair in candidates:
        fits = room[pair.a] < MAX_RELATED and room[pair.b] < MAX_RELATED
        if fits and (pair.forced or pair.score >= RELATED_THRESHOLD):
            kept.append(pair)
            room.update((pair.a, pair.b))
        elif len(rejected) < 50:
            rejected.append(pair)
    crossing = [p for p in duplicate_pairs if bank_of[p.a] != bank_of[p.b]]
    if cross is None:
        found = [p for p in crossing if p.forced or p.score >= CORE_SAME]
        ranked = _ranked(across)
    else:
        found = [p for p in crossing if p.forced]
        found += [p for p in cross.accepted if frozenset((p.a, p.b)) not in overrides.forbidden]
        ranked = cross.ranked
    groups, grouped = _groups(found, bank_of, ids)
    group_of = {key: group for group in groups for key in group}
    return Links(
        # Across banks, only the groups say "the same question": word overlap there links
        # questions that share a topic's vocabulary (precision 0.08 on the labelled pairs).
        duplicates=_both_ways(
            ids,
            [
                p
                for p in duplicate_pairs
                if (bank_of[p.a] == bank_of[p.b] or p.forced) and p.b not in group_of.get(p.a, ())
            ],
        ),
        related=_both_ways(ids, kept),
        concepts=MappingProxyType(dict(concepts)),
        duplicate_pairs=tuple(sorted(duplicate_pairs, key=lambda p: -p.score)),
        related_pairs=tuple(kept),
        rejected_pairs=tuple(rejected),
        relatives=MappingProxyType({r.id: scorer.nearest(r.text, MAX_RELATED) for r in retired}),
        groups=groups,
        group_pairs=tuple(sorted(grouped, key=lambda p: (p.score, p.a, p.b))),
        suggestions=_suggestions(ranked, group_of, overrides.forbidden),
        finder=cross.finder if cross else "words",
    )


def _ranked(pairs: Iterable[Pair]) -> Mapping[str, tuple[Pair, ...]]:
    """Each question's candidates, best first (``pair.a`` is the question)."""
    found: dict[str, list[Pair]] = {}
    for pair in pairs:
        found.setdefault(pair.a, []).append(pair)
        found.setdefault(pair.b, []).append(Pair(pair.b, pair.a, pair.score, pair.forced))
    return {
        key: tuple(sorted(options, key=lambda p: (-p.score, p.b))) for key, options in found.items()
    }


def _suggestions(
    ranked: Mapping[str, tuple[Pair, ...]],
    group_of: Mapping[str, tuple[str, ...]],
    forbidden: frozenset[frozenset[str]],
) -> Mapping[str, tuple[Pair, ...]]:
    """The `SUGGESTIONS` best candidates of each question outside its group and not
    forbidden by the curation file: what a maintainer reviews."""
    return MappingProxyType(
        {
            key: picks
            for key in sorted(ranked)
            if (
                picks := tuple(
                    p
                    for p in ranked[key]
                    if p.b not in group_of.get(key, ()) and frozenset((p.a, p.b)) not in forbidden
                )[:SUGGESTIONS]
            )
        }
    )


def _groups(
    pairs: list[Pair], bank_of: Mapping[str, str], ids: list[str]
) -> tuple[tuple[tuple[str, ...], ...], list[Pair]]:
    """Duplicate groups across banks from cross-bank pairs, and the pairs they use.

    Pairs join groups strongest first (forced ones before all), as long as the two
    groups share no bank: a bank that asks a question twice has a duplicate of its
    own, not two wordings of one group.  Groups list their ids in seed order.
    """
    order = {key: n for n, key in enumerate(ids)}
    group_of = {key: frozenset([key]) for key in ids}
    used: list[Pair] = []
    for pair in sorted(pairs, key=lambda p: (not p.forced, -p.score, order[p.a], order[p.b])):
        first, second = group_of[pair.a], group_of[pair.b]
        if first is second:
            used.append(pair)
            continue
        if {bank_of[i] for i in first} & {bank_of[i] for i in second}:
            continue
        merged = first | second
        group_of.update((key, merged) for key in merged)
        used.append(pair)
    groups = {group for group in group_of.values() if len(group) > 1}
    ordered = sorted(
        (tuple(sorted(g, key=order.__getitem__)) for g in groups), key=lambda g: order[g[0]]
    )
    return tuple(ordered), used


def _candidates(scorer: _Scorer, ids: list[str], overrides: Overrides) -> list[tuple[str, str]]:
    """Pairs worth scoring: those sharing a word that is not too common, and forced ones.

    Comparing every pair grows with the square of the guide (50 million pairs at
    10,000 questions); two questions that share only very common words never
    score high enough to be linked anyway.
    """
    order = {key: n for n, key in enumerate(ids)}
    postings: dict[str, list[str]] = {}
    for key in ids:
        for word in scorer.vectors[key]:
            postings.setdefault(word, []).append(key)
    pairs: set[tuple[str, str]] = set()
    for members in postings.values():
        if 1 < len(members) <= MAX_SHARED:
            pairs.update(itertools.combinations(members, 2))
    for forced in overrides.duplicates | overrides.related:
        a, b = sorted(forced, key=order.__getitem__)
        pairs.add((a, b))
    return sorted(pairs, key=lambda pair: (order[pair[0]], order[pair[1]]))


def overrides_from(curation: Curation, ids: set[str]) -> Overrides:
    """The curation file's forced and forbidden pairs; unknown ids are ``file:line`` errors."""
    problems: list[Problem] = []
    found: dict[str, set[frozenset[str]]] = {kind: set() for kind in LINK_KINDS}
    for spec in curation.pairs:
        unknown = [i for i in spec.ids if i not in ids]
        for name in unknown:
            close = difflib.get_close_matches(name, sorted(ids), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            problems.append(
                Problem(curation.file, spec.line, f"no question has the id {name!r}{hint}")
            )
        if not unknown:
            found[spec.kind].add(frozenset(spec.ids))
    if problems:
        raise StudyGuideError(problems)
    return Overrides(
        duplicates=frozenset(found["duplicates"]),
        related=frozenset(found["related"]),
        forbidden=frozenset(found["unrelated"]),
    )


def _both_ways(ids: list[str], pairs: list[Pair]) -> Mapping[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {i: [] for i in ids}
    for pair in pairs:
        found[pair.a].append(pair.b)
        found[pair.b].append(pair.a)
    return MappingProxyType({key: tuple(value) for key, value in found.items()})

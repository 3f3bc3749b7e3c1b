"""Words of a question, for comparing questions with each other.

A deliberately small analyser: content words, lowercased, with plural endings
folded, so "attention mechanisms" and "attention mechanism" meet.  It is shared
by the id registry (rewordings), duplicate and related-question detection, and
concept matching, so all of them agree on what a word is.
"""

from __future__ import annotations

import re

from .ids import STOPWORDS
from .markup import to_text

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def stem(word: str) -> str:
    """Fold common English plural endings: ``networks`` → ``network``, ``biases`` → ``bias``."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def words(markdown: str) -> list[str]:
    """Content words of inline Markdown, in order.

    Hyphenated terms stay whole: "bias-variance" is not "variance", and
    "cross-entropy" is not "entropy".
    """
    plain = to_text(markdown).lower().replace("\u2019", "'")
    tokens = (m.group().removesuffix("'s") for m in _WORD.finditer(plain))
    return [stem(t) for t in tokens if t not in STOPWORDS and not t.isdigit()]

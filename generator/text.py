"""The words of a question: the one analyser every comparison of texts goes through.

Ids (`ids`), the id registry's recognition of rewordings (`registry`), duplicate
and related questions (`link`), concepts (`concepts`) and section titles
(`guide`) all ask this module what a text's words are, so they agree on what a
word is, which words say nothing (`STOPWORDS`), and how plurals fold.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .markup import to_text
from .textutil import split_icon

STOPWORDS = frozenset(
    """a an and any are as at be been being between both by can could describe did do does
    done e.g eg example explain for from give go happen happens has have how i if in into is
    it its it's me mean might more most my of on one or other our own please role should so
    some such talk tell than that the their them then there these they this those through to
    understanding us use used using vs was we well were what what's when where whether which
    while who why will with would you your you've you'd you're words didn't don't doesn't
    isn't aren't walk suppose imagine want take think work works important matter difference
    differences concept common main""".split()  # noqa: SIM905
)
"""Framing words that say nothing about which question this is."""

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_COMPOUND = re.compile(r"(?<=[a-z])[-\u2010-\u2014](?=[a-z])")


@functools.lru_cache(maxsize=16384)
def plain(markdown: str) -> str:
    """Inline Markdown as lowercase words and punctuation, curly apostrophes straightened."""
    return to_text(markdown).lower().replace("\u2019", "'")


@functools.lru_cache(maxsize=65536)
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
    """Content words of inline Markdown, in order, stemmed.

    Hyphenated terms stay whole: "bias-variance" is not "variance", and
    "cross-entropy" is not "entropy".
    """
    tokens = [t.removesuffix("'s") for t in _WORD.findall(plain(markdown))]
    return [stem(t) for t in tokens if t not in STOPWORDS and not t.isdigit()]


@functools.lru_cache(maxsize=16384)
def content(markdown: str) -> str:
    """The content words of a question as one string, compounds joined ("trade-off",
    "trade–off" and "tradeoff" agree): what a fuzzy match of two wordings compares."""
    joined = _COMPOUND.sub("", plain(markdown).replace("'s ", " "))
    return " ".join(w for w in re.findall(r"[a-z0-9]+", joined) if w not in STOPWORDS)


def clause_words(clause: str) -> list[str]:
    """The words of a clause of plain text that are not framing, hyphens kept (for ids)."""
    return [w for w in re.findall(r"[\w'-]+", clause) if w.strip("-'") not in STOPWORDS]


def title_key(title: str) -> str:
    """A section title reduced to its words, so titles match regardless of emoji, markup
    and case."""
    _, rest = split_icon(title)
    rest = unicodedata.normalize("NFKC", rest).casefold()
    return " ".join(re.findall(r"\w+", rest))

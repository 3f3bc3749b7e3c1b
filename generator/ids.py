"""Short, readable question ids: ``bias-variance-tradeoff``, not ``q-17``.

An id is what interviewers paste, so it names the question's subject: the
first content words of its first clause, without the "what is / can you
explain" framing every interview question shares.
"""

from __future__ import annotations

import re

from .markup import to_text
from .textutil import slugify

MAX_WORDS = 5

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


def base_id(text: str) -> str:
    """The id a question would get if no other question wanted it."""
    plain = re.sub(r"\([^)]*\)", " ", to_text(text).lower().replace("\u2019", "'"))
    clauses = [c for c in re.split(r"[?.!;:]\s", plain + " ") if c.strip()]
    candidates = [_content_slug(clause) for clause in clauses or [plain]]
    for slug in candidates:
        if "-" in slug:
            return slug
    return (
        next((slug for slug in candidates if slug), "") or slugify(plain, MAX_WORDS) or "question"
    )


def _content_slug(clause: str) -> str:
    words = [w for w in re.findall(r"[\w'-]+", clause) if w.strip("-'") not in STOPWORDS]
    return slugify(" ".join(words), MAX_WORDS)

"""Short, readable question ids: ``bias-variance-tradeoff``, not ``q-17``.

An id is what interviewers paste, so it names the question's subject: the
first content words of its first clause, without the "what is / can you
explain" framing every interview question shares.
"""

from __future__ import annotations

import re

from .text import clause_words
from .text import plain as text_plain
from .textutil import slugify

MAX_WORDS = 5


def base_id(text: str) -> str:
    """The id a question would get if no other question wanted it."""
    plain = re.sub(r"\([^)]*\)", " ", text_plain(text))
    clauses = [c for c in re.split(r"[?.!;:]\s", plain + " ") if c.strip()]
    candidates = [_content_slug(clause) for clause in clauses or [plain]]
    for slug in candidates:
        if "-" in slug:
            return slug
    return (
        next((slug for slug in candidates if slug), "") or slugify(plain, MAX_WORDS) or "question"
    )


def _content_slug(clause: str) -> str:
    return slugify(" ".join(clause_words(clause)), MAX_WORDS)

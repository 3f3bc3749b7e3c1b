"""Emoji decoration, URL slugs and counted nouns, for the parser, the curation file, the
renderers and the command line.

(What a text's *words* are is `text`'s business.)"""

from __future__ import annotations

import re
import unicodedata

_DECORATION_CATEGORIES = {"So", "Sk", "Mn", "Me", "Cf"}
"""Emoji, their variation selectors, keycaps and joiners: what decorates a heading."""


def split_icon(text: str) -> tuple[str, str]:
    """Split leading emoji decoration off ``text``: ``"🔍 **Title**"`` → ``("🔍", "**Title**")``.

    ASCII is never decoration, though `` ` `` and ``^`` are symbols too: they are Markdown.
    """
    end = 0
    while end < len(text) and (
        text[end].isspace()
        or (not text[end].isascii() and unicodedata.category(text[end]) in _DECORATION_CATEGORIES)
    ):
        end += 1
    return text[:end].strip(), text[end:]


def slugify(text: str, max_words: int = 0) -> str:
    """An ASCII URL slug; empty if ``text`` has no letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    if max_words:
        words = words[:max_words]
    return "-".join(words)


def plural(count: int, noun: str) -> str:
    """``1 question``, ``2 questions``, ``10,000 questions``: every count a person reads
    (pages, kits, ``check``) is worded here."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"

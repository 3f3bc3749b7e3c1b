"""Emoji decoration and URL slugs, for the parser, the curation file and the renderers.

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

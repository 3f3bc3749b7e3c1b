"""Seed text is data: turn its inline Markdown into output that can only *show* it.

The seed's inline Markdown (emphasis, code, links) is read with markdown-it-py
and written out again for each target.  Everything else (``<script>``,
``{{ … }}``, ``|``, ``#``, backslashes, stray backticks) comes out as character
references, so neither Python-Markdown nor a browser can read it as syntax.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("commonmark", {"html": False})

_SPECIAL = re.compile(r"[\\`*_{}\[\]#|<>&]")
"""Characters Python-Markdown, attr_list or Jinja could read as syntax anywhere in a line."""

_LINE_START = re.compile(r"^(\d+)([.)])|^([-+])")
"""A list marker only counts at the start of a line, which is where list items put our text."""

_EMPHASIS = {"em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**"}


@functools.lru_cache(maxsize=16384)
def to_markdown(source: str) -> str:
    """Page Markdown that renders the seed's inline Markdown and nothing else."""
    out = "".join(_markdown(_children(source)))
    return _LINE_START.sub(lambda m: f"{m.group(1) or ''}&#{ord(m.group(2) or m.group(3))};", out)


@functools.lru_cache(maxsize=16384)
def to_html(source: str) -> str:
    """HTML for templates that are not run through Markdown (print pages, attributes)."""
    return str(_MD.renderInline(source)).strip()


@functools.lru_cache(maxsize=16384)
def to_text(source: str) -> str:
    """The words alone, for titles, meta descriptions and search."""
    parts: list[str] = []
    for token in _children(source):
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(token.content)
    return "".join(parts).strip()


def _children(source: str) -> Sequence[Token]:
    tokens = _MD.parseInline(source)
    return tokens[0].children or [] if tokens else []


def _markdown(tokens: Sequence[Token]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if token.type == "text":
            out.append(escape(token.content))
        elif token.type in _EMPHASIS:
            out.append(_EMPHASIS[token.type])
        elif token.type == "code_inline":
            out.append(_code(token.content))
        elif token.type == "link_open":
            out.append("[")
        elif token.type == "link_close":
            out.append(f"]({escape_url(str(tokens[_opener(tokens, token)].attrs['href']))})")
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type == "image":
            out.append(escape(token.content))
    return out


def _opener(tokens: Sequence[Token], close: Token) -> int:
    """Index of the ``link_open`` that ``close`` ends (links cannot nest)."""
    index = list(tokens).index(close)
    while tokens[index].type != "link_open":
        index -= 1
    return index


def escape(text: str) -> str:
    """Text as numeric character references wherever it could be syntax."""
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)


def escape_url(url: str) -> str:
    """A link target that cannot end the link early or carry markup."""
    return re.sub(r"[\s()<>\"'\\`]", lambda m: f"%{ord(m.group()):02X}", url)


def _code(content: str) -> str:
    """A code span whose fence is longer than any backtick run inside it."""
    runs = [len(run) for run in re.findall(r"`+", content)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def attribute(text: str) -> str:
    """Plain text made safe inside a double-quoted HTML attribute or YAML string."""
    return html.escape(text, quote=True)

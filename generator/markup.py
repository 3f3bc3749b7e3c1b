"""Seed text is data: the one place that turns a bank's Markdown into output.

Inline Markdown (questions, follow-ups) is read with markdown-it-py, HTML off,
and written out again for each target: page Markdown that MkDocs can only
*show* (`to_markdown`), HTML (`to_html`) and plain words (`to_text`).  Block
Markdown (answers, hints, the setting of a group of questions) may carry HTML,
as real banks do; `to_block_html` renders it and keeps only an allow-list of
tags and attributes (nh3), so scripts, event handlers, styles, frames and forms
never reach a page.

Every link and image target goes through `Targets`: addresses on the web stay
links, a remote image becomes a link to it (a page never fetches from another
host), a file beside the seed is served from the site (see `assets`), a link to
a heading of the same bank points at that question, and anything else (a
missing file, ``javascript:``) becomes its words.
"""

from __future__ import annotations

import functools
import html
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import MappingProxyType

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

_INLINE = MarkdownIt("commonmark", {"html": False})
_BLOCK = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_SPECIAL = re.compile(r"[\\`*_{}\[\]#|<>&]")
"""Characters Python-Markdown, attr_list or Jinja could read as syntax anywhere in a line."""
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+])")
"""A list marker only counts at the start of a line, which is where list items put our text."""
_EMPHASIS = {"em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**"}
_WEB = re.compile(r"^(?:https?:|mailto:)", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

TAGS = frozenset(
    """a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h3 h4
    h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup table
    tbody td tfoot th thead tr u ul""".split()  # noqa: SIM905
)
"""What an answer may hold: text structure, tables, code, images. No scripts, styles,
frames, forms or embedded objects."""
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "code": {"class"},
    "ol": {"start"},
}


@dataclass(frozen=True, eq=False)
class Targets:
    """Where the links and images of seed text point, in one output.

    ``base`` turns a site path (``assets/…``, ``topics/…/#id``) into a URL of the
    output: ``../../`` on a topic page, the site's address in a PDF or a deck.
    Compared by identity, so renderings of one build can be cached.
    """

    base: str = ""
    local: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    """``(seed file, target as written)`` → site path of a file copied from beside the seed."""
    anchors: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    """``(seed file, "#fragment")`` → site path of the question that heading became."""
    embed: Callable[[str], str] | None = None
    """The ``src`` of a copied image in this output (default: ``base`` + its site path)."""
    follow: bool = True
    """False for text that is itself a link's words: no link or image inside it."""

    def link(self, origin: str, target: str) -> str | None:
        """The URL a link in seed ``origin`` points to here, or None to show only its words."""
        target = target.strip()
        if not self.follow:
            return None
        if _WEB.match(target):
            return target
        if _SCHEME.match(target):
            return None  # javascript:, data:, file:…
        found = self.anchors.get((origin, target)) or self.local.get((origin, target))
        return self.base + found if found else None

    def image(self, origin: str, target: str) -> tuple[str, str] | None:
        """``("img", src)`` for a copied image, ``("a", url)`` for a remote one, else None."""
        target = target.strip()
        if not self.follow:
            return None
        if _WEB.match(target):
            return "a", target
        found = None if _SCHEME.match(target) else self.local.get((origin, target))
        if found is None:
            return None
        return "img", self.embed(found) if self.embed else self.base + found


KEPT = 1 << 16
"""Texts each rendering keeps: every question and follow-up of a 10,000-question guide
(about 35,000 texts) fits, so the deck and the export reuse what the pages rendered."""

PLAIN = Targets()
"""Links to the web only: what text from nowhere in particular (a title) may link to."""
WORDS = Targets(follow=False)
"""No links at all: for text that is the words of a link to it."""


# ---- Inline Markdown: questions, follow-ups, titles.


@functools.lru_cache(maxsize=KEPT)
def to_markdown(source: str, origin: str = "", targets: Targets = PLAIN) -> str:
    """Page Markdown that renders the seed's inline Markdown and nothing else."""
    out: list[str] = []
    for kind, token, href in _walk(_children(source), origin, targets):
        if kind == "text":
            out.append(escape(token.content))
        elif kind == "emphasis":
            out.append(_EMPHASIS[token.type])
        elif kind == "code":
            out.append(_code(token.content))
        elif kind == "link_open":
            out.append("[")
        elif kind == "link_close":
            out.append(f"]({escape_url(href)})")
        elif kind == "image":
            label = escape(token.content or "image")
            out.append(f"[{label}]({escape_url(href)})" if href else label)
    return _quote_line_start("".join(out))


def _quote_line_start(line: str) -> str:
    """A list marker at the start of the line as a character reference."""
    return _LINE_START.sub(lambda m: f"{m.group(1) or ''}&#{ord(m.group(2) or m.group(3))};", line)


@functools.lru_cache(maxsize=KEPT)
def to_html(source: str, origin: str = "", targets: Targets = PLAIN) -> str:
    """HTML of inline Markdown, for pages that are not run through Markdown (print, cards)."""
    out: list[str] = []
    for kind, token, href in _walk(_children(source), origin, targets):
        if kind == "text":
            out.append(html.escape(token.content, quote=False))
        elif kind == "emphasis":
            tag = "em" if token.type.startswith("em") else "strong"
            out.append(f"<{'/' if token.nesting < 0 else ''}{tag}>")
        elif kind == "code":
            out.append(f"<code>{html.escape(token.content, quote=False)}</code>")
        elif kind == "link_open":
            out.append(f'<a href="{html.escape(href)}">')
        elif kind == "link_close":
            out.append("</a>")
        elif kind == "image":
            out.append(_image_html(token.content, token.attrs, targets, origin))
    return "".join(out).strip()


@functools.lru_cache(maxsize=KEPT)
def to_text(source: str) -> str:
    """The words alone, for titles, meta descriptions and search."""
    parts: list[str] = []
    for token in _children(source):
        if token.type in ("text", "code_inline", "image"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


@functools.lru_cache(maxsize=KEPT)
def _children(source: str) -> tuple[Token, ...]:
    """The inline tokens of ``source``, parsed once for all three renderings (never
    changed by them)."""
    tokens = _INLINE.parseInline(source)
    return tuple(tokens[0].children or ()) if tokens else ()


def _walk(tokens: Sequence[Token], origin: str, targets: Targets) -> list[tuple[str, Token, str]]:
    """Tokens as (kind, token, resolved target); a link nobody can follow keeps its words."""
    walked: list[tuple[str, Token, str]] = []
    opened: list[str | None] = []  # the target of each open link, None when dropped
    for token in tokens:
        if token.type == "text":
            walked.append(("text", token, ""))
        elif token.type in _EMPHASIS:
            walked.append(("emphasis", token, ""))
        elif token.type == "code_inline":
            walked.append(("code", token, ""))
        elif token.type in ("softbreak", "hardbreak"):
            walked.append(("text", Token("text", "", 0, content=" "), ""))
        elif token.type == "link_open":
            href = targets.link(origin, str(token.attrs.get("href", "")))
            opened.append(href)
            if href:
                walked.append(("link_open", token, href))
        elif token.type == "link_close":
            href = opened.pop() if opened else None
            if href:
                walked.append(("link_close", token, href))
        elif token.type == "image":
            found = targets.image(origin, str(token.attrs.get("src", "")))
            walked.append(("image", token, found[1] if found else ""))
    return walked


def _image_html(alt: str, attrs: Mapping[str, object], targets: Targets, origin: str) -> str:
    found = targets.image(origin, str(attrs.get("src", "")))
    words = html.escape(alt or "image", quote=False)
    if found is None:
        return words
    kind, url = found
    if kind == "a":
        return f'<a href="{html.escape(url)}" class="remote-image">{words}</a>'
    return f'<img src="{html.escape(url)}" alt="{html.escape(alt)}">'


# ---- Block Markdown: answers, hints, the setting of a group, a question's figure.


_MAY_LINK = re.compile(r"\]\(|\]\s*\[|<|\[[^\]]*\]:")
"""What a text must contain to link anywhere: ``](``, a reference link, or HTML."""


def to_block_html(source: str, origin: str = "", targets: Targets = PLAIN, top: int = 3) -> str:
    """Safe HTML of block Markdown; its headings start at level ``top`` (under the question's).

    Text that links nowhere renders the same in every output: it is rendered once.
    """
    if not _MAY_LINK.search(source):
        return _block_html(source, "", PLAIN, top)
    return _block_html(source, origin, targets, top)


@functools.lru_cache(maxsize=16384)
def _block_html(source: str, origin: str, targets: Targets, top: int) -> str:
    tokens = _BLOCK.parse(source)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = top - min(levels, default=top)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
        for child in token.children or []:
            _resolve_token(child, origin, targets)
    rendered = _BLOCK.renderer.render(tokens, _BLOCK.options, {})

    def attribute(tag: str, name: str, value: str) -> str | None:
        if value.startswith(_RESOLVED):
            return value.removeprefix(_RESOLVED)
        if value.startswith(_REMOTE):
            return value
        if name == "href":
            return targets.link(origin, value)
        if name == "src":
            found = targets.image(origin, value)
            return None if found is None else (_REMOTE + found[1] if found[0] == "a" else found[1])
        if name == "class":
            return value if re.fullmatch(r"language-[\w+#-]+", value) else None
        return value

    cleaned = nh3.clean(
        rendered,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    return _RemoteImages.rewrite(cleaned) if _REMOTE in cleaned else cleaned.strip()


_NONCE = secrets.token_hex(8)
_REMOTE = f"/.remote-image-{_NONCE}/"
"""Marks the ``src`` of a remote image, which `_RemoteImages` turns into a link."""
_RESOLVED = f"/.resolved-{_NONCE}/"
"""Marks a target `Targets` already chose (from Markdown), so the sanitiser keeps it as it is.

Random per process: raw HTML in a seed cannot forge it to slip a target past `Targets`."""


def _resolve_token(token: Token, origin: str, targets: Targets) -> None:
    """Point a Markdown link or image where `Targets` says, or leave only its words."""
    if token.type == "link_open":
        href = targets.link(origin, str(token.attrs.get("href", "")))
        if href is None:
            token.attrs.pop("href", None)
        else:
            token.attrs["href"] = _RESOLVED + href
    elif token.type == "image":
        found = targets.image(origin, str(token.attrs.get("src", "")))
        if found is None:
            token.type, token.tag = "text", ""
            token.content = token.content or "image"
            token.children = None
        else:
            token.attrs["src"] = (_REMOTE if found[0] == "a" else _RESOLVED) + found[1]


class _RemoteImages(HTMLParser):
    """Rewrites sanitised HTML so that every remote image is a link to it, never a fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    @classmethod
    def rewrite(cls, markup: str) -> str:
        parser = cls()
        parser.feed(markup)
        parser.close()
        return "".join(parser.out).strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "img" and values.get("src", "").startswith(_REMOTE):
            url = html.escape(values["src"].removeprefix(_REMOTE))
            words = html.escape(values.get("alt") or "image", quote=False)
            self.out.append(
                f'<a href="{url}" class="remote-image" rel="noopener nofollow">{words}</a>'
            )
            return
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


# ---- Small helpers.


def escape(text: str) -> str:
    """Text as numeric character references wherever it could be syntax."""
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)


def plain_markdown(text: str) -> str:
    """Plain text (kit notes typed in the browser) as Markdown that shows it as typed:
    anything that could be syntax escaped, each line break kept, blank lines between
    paragraphs, no indented code and no ``===`` heading underline."""
    paragraphs = re.split(r"\n\s*\n", text.strip())

    def line(words: str) -> str:
        return re.sub(r"^=", "&#61;", _quote_line_start(escape(words.strip())))

    return "\n\n".join(
        "\\\n".join(line(words) for words in paragraph.splitlines())
        for paragraph in paragraphs
        if paragraph.strip()
    )


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

"""Small readers of a bank's syntax tree and lines, shared by `outline` and `parse`.

Each answers one question about a node or a line (its inline text, its first line,
whether it is a list, a table of contents, only media, only links) so the rules
that decide what a block is read alike everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from markdown_it.token import Token

from .markup import to_text
from .wording import asks, is_label, one_line, undecorate

LETTERED = re.compile(r"^\(?(?:[a-h]|[ivx]{1,4})[.)]\s+\S", re.I)
"""A lettered sub-item (``a. …``, ``(b) …``, ``ii. …``): a follow-up of the question above."""
_GLUED = re.compile(r"^\d{1,3}[.)]\s+\S")
"""A numbered line inside a paragraph (see `split_sub_items`)."""
_IN_PAGE = re.compile(r"^\[[^\]]*\]\(#[^)\s]*\)$")
_LINK = re.compile(r"\[[^\]]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
_ITEM_MARKER = re.compile(r"^(\s*)(\d{1,9}[.)]|[-*+])(\s*)")
T = TypeVar("T")


class Block:
    """One block of a bank: markdown-it's token, or its opening and closing pair with
    what lies between as ``children``.

    The reader's view of markdown-it-py's ``SyntaxTreeNode``, with the same names, made
    once per token with plain attributes: ``SyntaxTreeNode`` derives each of them from
    its tokens on every access, which cost a cold build of 10,000 questions a second.
    Built once by `tree` and never changed (slots, not frozen: made by the tens of
    thousands, and a frozen dataclass pays for every field it sets).
    """

    __slots__ = ("children", "content", "map", "markup", "tag", "type")

    def __init__(self, token: Token, kind: str) -> None:
        self.type = kind
        self.tag = token.tag
        self.markup = token.markup
        self.content = token.content
        self.map: tuple[int, int] | None = (token.map[0], token.map[1]) if token.map else None
        self.children: list[Block] = []


def tree(tokens: Sequence[Token]) -> list[Block]:
    """The top-level blocks of a block-only parse (no inline children to read)."""
    top: list[Block] = []
    open_: list[list[Block]] = [top]
    for token in tokens:
        if token.nesting == 1:
            node = Block(token, token.type[:-5])  # ``bullet_list_open`` → ``bullet_list``
            open_[-1].append(node)
            open_.append(node.children)
        elif token.nesting == -1:
            open_.pop()
        else:
            open_[-1].append(Block(token, token.type))
    return top


def after(items: Sequence[T], index: int) -> Iterator[T]:
    """The items after ``index``, one at a time: the loops that look ahead stop at the
    next heading, so copying the rest of the list (``items[index + 1 :]``) for every
    heading would make a long file quadratic."""
    return (items[k] for k in range(index + 1, len(items)))


def inline(node: Block | None) -> str:
    if node is None:
        return ""
    child = node.children[0] if node.children else None
    return child.content if child is not None and child.type == "inline" else ""


def first_line(node: Block) -> int:
    return node.map[0] + 1 if node.map else 0


def split_label(content: str) -> tuple[list[str], bool]:
    """Split a paragraph's lines at a trailing label line (a label may end a question's item)."""
    lines = [line.strip() for line in content.split("\n") if line.strip()]
    if lines and is_label(lines[-1]):
        return lines[:-1], True
    return lines, False


def is_list(node: Block) -> bool:
    return node.type in ("bullet_list", "ordered_list")


def item_head(item: Block) -> str:
    first = item.children[0] if item.children and item.children[0].type == "paragraph" else None
    return " ".join(split_sub_items(split_label(inline(first))[0], 0)[0])


@dataclass
class Glued:
    """A numbered line inside an item's paragraph (see `split_sub_items`)."""

    line: int
    text: str
    indent: int
    subs: list[str] = field(default_factory=list)
    """Deeper numbered or lettered lines under it: its follow-ups."""


def split_sub_items(
    lines: list[str], first: int, source: list[str] | None = None
) -> tuple[list[str], list[str], list[Glued]]:
    """An item's first paragraph: its own lines, lettered lines, and numbered lines.

    A numbered line (``5. …``) inside a paragraph is an item that Markdown could
    not start there (only ``1.`` may interrupt a paragraph), so it is read as the
    nested item its author meant, with the line it is on.  With the ``source``
    lines, a numbered or lettered line indented deeper than the numbered line
    above it is that line's sub-item.
    """
    head: list[str] = []
    lettered: list[str] = []
    glued: list[Glued] = []
    for index, text in enumerate(lines):
        number = first + index
        indent = indent_of(source, number) if source is not None else 0
        deeper = bool(glued) and indent > glued[-1].indent + 1
        if index and (LETTERED.match(text) or (deeper and _GLUED.match(text))):
            if glued:
                glued[-1].subs.append(text)
            else:
                lettered.append(text)
        elif index and _GLUED.match(text):
            glued.append(Glued(number, text, indent))
        elif glued and glued[-1].subs:
            glued[-1].subs[-1] += f" {text}"
        elif glued:
            glued[-1].text += f" {text}"
        elif lettered:
            lettered[-1] = f"{lettered[-1]} {text}"
        else:
            head.append(text)
    return head, lettered, glued


_MEDIA = re.compile(r"^(?:\s*(?:!\[[^\]]*\]\([^)]*\)|<[^>]*>)\s*)+$")
"""A paragraph or HTML block of images and tags only, with no words of its own."""


def is_media(node: Block) -> bool:
    """Whether a block illustrates a question rather than answers it: an image, a table,
    or a sentence that asks (the question going on after its table)."""
    if node.type == "table":
        return True
    if node.type == "paragraph" and to_text(one_line(inline(node))).rstrip().endswith("?"):
        return True
    if node.type in ("html_block", "paragraph"):
        text = node.content if node.type == "html_block" else inline(node)
        stripped = re.sub(r"<(table|center|div|p)\b.*?</\1>", "", text, flags=re.S | re.I)
        return bool(_MEDIA.match(" ".join(stripped.split()) or "<>"))
    return False


def is_navigation(node: Block) -> bool:
    """Whether a block is only links, banners or a heading with a link (a page's furniture)."""
    if node.type == "html_block":
        return True
    text = to_text(inline(node)).strip() if node.type in ("heading", "paragraph") else ""
    if node.type == "heading":
        return bool(_LINK.search(inline(node)))
    return node.type == "paragraph" and not _LINK.sub("", inline(node)).strip(" |·-") and bool(text)


_TRAILING_BREAKS = re.compile(r"(?:\n[ \t]*<br\s*/?>[ \t]*)+\s*$", re.I)


def trim_breaks(markdown: str) -> str:
    """Block Markdown without the ``<br>`` lines a bank puts after it as spacing."""
    return _TRAILING_BREAKS.sub("", "\n" + markdown.strip("\n")).strip("\n")


def looks_html(line: str) -> bool:
    text = line.strip()
    return text.startswith("<") or text.endswith(">")


def short(text: str, width: int = 60) -> str:
    """A group's words, cut to fit a line of ``check`` output."""
    plain = to_text(text)
    return plain if len(plain) <= width else plain[: width - 1] + "…"


def nest(*blocks: str) -> str:
    """The context of nested questions: each group's words and blocks, outermost first."""
    return "\n\n".join(block for block in blocks if block)


def unletter(line: str) -> str:
    return re.sub(r"^\(?(?:[a-h]|[ivx]{1,4})[.)]\s+", "", line.strip(), flags=re.I)


def mostly_asks(node: Block) -> bool:
    """Whether a list without a label reads as follow-ups: most items end in "?".

    Only the question mark counts here: answer steps start with imperatives too
    ("Choose a metric…", "Estimate the sample size…").
    """
    heads = [item_head(item) for item in node.children]
    return mostly([ends_asking(head) for head in heads])


def is_bold(text: str) -> bool:
    """Whether a paragraph is wholly bold, a trailing difficulty emoji or source link aside."""
    core = re.sub(r"\s*(?:\[\[[^\]]*\]\]?\([^)]*\)\]?)\s*$", "", text.strip())
    core = re.sub(r"[\s\u200d\ufe0f👶⭐🚀]+$", "", core)
    return (
        len(core) > 4
        and core.startswith(("**", "__"))
        and core.endswith(("**", "__"))
        and (undecorate(core) != core)
    )


def is_toc(node: Block) -> bool:
    """A list whose every item is a link within the page (a table of contents)."""
    links = 0
    for item in node.children:
        head = one_line(inline(item.children[0])) if item.children else ""
        if head and not _IN_PAGE.match(head.strip()):
            return False
        if not all(is_toc(child) for child in item.children if is_list(child)):
            return False
        links += bool(head)
    return links > 0


def is_pointer(content: str) -> bool:
    """Whether a heading's inline Markdown is a short label and one link to another page
    ("Recently added: [NLP questions](https://…)"): a notice pointing elsewhere, not a
    section of the bank it sits in."""
    label, colon, link = content.partition(":")
    return (
        bool(colon)
        and 0 < len(label) <= 40
        and "[" not in label
        and _LINK.fullmatch(link.strip()) is not None
        and not _IN_PAGE.match(link.strip())
    )


def is_link_list(node: Block) -> bool:
    """A list whose items are mostly links that do not ask (resources, books, sponsors)."""
    heads = [item_head(item) for item in node.children]
    linked = [h for h in heads if _LINK.search(h) and not asks(_LINK.sub("", h).strip() or "x")]
    return bool(heads) and 2 * len(linked) > len(heads)


def indent_of(lines: list[str], line: int) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(text) - len(text.lstrip(" "))


def content_indent(lines: list[str], line: int) -> int:
    """The column a list item's content starts at (marker, then one to four spaces)."""
    text = lines[line - 1].expandtabs(4) if 0 < line <= len(lines) else ""
    match = _ITEM_MARKER.match(text)
    if not match:
        return 0
    spaces = len(match.group(3))
    width = len(match.group(1)) + len(match.group(2))
    return width + (spaces if 1 <= spaces <= 4 and len(text) > match.end() else 1)


def dedent(line: str, columns: int) -> str:
    line = line.expandtabs(4)
    strip = min(columns, len(line) - len(line.lstrip(" ")))
    return line[strip:]


def blank_between(lines: list[str], last: int, index: int) -> bool:
    """Whether only blank lines lie between 1-based ``last`` and 0-based ``index``."""
    return all(not line.strip() for line in lines[last:index])


def mostly(flags: list[bool]) -> bool:
    """Whether at least half of ``flags`` are true (and there are some)."""
    return bool(flags) and 2 * sum(flags) >= len(flags)


def ends_asking(text: str) -> bool:
    return to_text(text).rstrip().endswith("?")

"""Turn one seed's Markdown into sections of questions with follow-ups.

The seed is parsed with markdown-it-py into a syntax tree and read block by
block, so list markers (``-``, ``*``, ``+``, ``1.``, ``1)``), blank lines and
closing ``#``s are the parser's business, not ours.  What we decide is the
*meaning* of each block:

* A heading is a **question** when its text starts with a number (``1.``,
  ``1)``, ``Q1:``) or it is followed by a follow-up label, unless a deeper
  heading follows it first (then it is a numbered section).  Any other heading
  is a **section**.
* A question belongs to the nearest section heading above it whose level is
  higher (fewer ``#``); a question heading closes sections of its own level.
* A list right after a question (heading, or a label such as ``Follow-ups:``)
  holds its follow-ups.  A list anywhere else holds questions; lists nested in
  a question's item are its follow-ups.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from .errors import Problem, StudyGuideError
from .model import Question, Section, Seed, Source
from .textutil import split_icon

_MD = MarkdownIt("commonmark", {"html": False})
_BLOCKS = MarkdownIt("commonmark", {"html": False}).disable("inline")
"""Blocks only: the parser reads each block's raw inline source, never its inline tokens."""
"""HTML is off: a ``<script>`` in a seed is text to show, never markup."""

_NUMBER = re.compile(
    r"^(?:(?:\*\*|__)(?:q(?:uestion)?\s*)?\d+[.):](?:\*\*|__)|(?:q(?:uestion)?\s*)?\d+[.):])(?:\s+|$)",
    re.I,
)
"""``1.``, ``1)``, ``Q1:`` or ``**1.**`` (a bold that goes on is unwrapped first)."""
_LABEL = re.compile(r"^follow[\s-]*ups?(?:\s+questions?)?$", re.I)

EXAMPLE = "for example `### 1. What is overfitting?` or `1. **What is overfitting?**`"


@dataclass
class _Draft:
    text: str
    line: int
    follow_ups: list[str] = field(default_factory=list)


@dataclass
class _Part:
    title: str | None
    icon: str
    line: int
    level: int
    questions: list[_Draft] = field(default_factory=list)


@dataclass
class _Reader:
    file: str
    problems: list[Problem] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    stack: list[_Part] = field(default_factory=list)
    pending: _Draft | None = None
    """The question a following label and list would give follow-ups to."""
    unlabelled: bool = False
    """Whether ``pending`` takes a list without a label (it is a heading question)."""
    label_line: int = 0
    """Line of a follow-up label still waiting for its list, or 0."""
    continues: _Draft | None = None
    """The question whose follow-up list just ended: an adjacent list continues it."""
    continues_type: str = ""
    """The type of that list: only a list of the same type (bullets or numbers) continues it."""

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))


def parse_seed(text: str, file: str) -> Seed:
    """Parse repaired seed text; raise `StudyGuideError` listing every problem found."""
    reader = _Reader(file)
    blocks = SyntaxTreeNode(_BLOCKS.parse(text)).children
    for index, node in enumerate(blocks):
        _read_block(reader, node, itertools.islice(blocks, index + 1, None))
    _close_label(reader)
    sections = tuple(
        Section(
            title=part.title,
            icon=part.icon,
            source=Source(file, part.line),
            questions=tuple(
                Question(d.text, tuple(d.follow_ups), Source(file, d.line)) for d in part.questions
            ),
        )
        for part in sorted(reader.parts, key=lambda p: p.line)
        if part.questions
    )
    if not sections and not reader.problems:
        reader.problem(
            0,
            f"no questions found; write them as numbered items or headings, {EXAMPLE}",
        )
    if reader.problems:
        raise StudyGuideError(reader.problems)
    return Seed(file, sections)


def _read_block(reader: _Reader, node: SyntaxTreeNode, rest: Iterable[SyntaxTreeNode]) -> None:
    line = _line(node)
    continues, reader.continues = reader.continues, None
    if node.type == "heading":
        content = _inline(node)
        level = int(node.tag[1])
        _close_label(reader)
        if is_label(content):
            reader.label_line = line
        elif _is_question_heading(content, level, rest):
            _close_sections(reader, level)
            reader.pending = _add_question(reader, content, line)
            reader.unlabelled = True
        else:
            _close_sections(reader, level)
            icon, title = split_icon(content)
            part = _Part(question_text(title) or title.strip(), icon, line, level)
            reader.stack.append(part)
            reader.parts.append(part)
            reader.pending = None
    elif node.type == "paragraph":
        head, has_label = _split_label(_inline(node))
        if has_label:
            _close_label(reader)
            reader.label_line = line + len(head)
    elif node.type in ("bullet_list", "ordered_list"):
        if continues is not None and not reader.label_line and node.type == reader.continues_type:
            reader.pending = continues
            _take_follow_ups(reader, node)
        elif reader.label_line or (reader.pending is not None and reader.unlabelled):
            _take_follow_ups(reader, node)
        else:
            for item in node.children:
                _read_question_item(reader, item)
            reader.continues = None
    elif node.type == "hr":
        _close_label(reader)


def _is_question_heading(content: str, level: int, rest: Iterable[SyntaxTreeNode]) -> bool:
    """Decide between question and section by the heading and the blocks right after it.

    A numbered heading that asks something (ends with "?") is a question.  Else a
    follow-up label before any list makes it a question; a deeper heading before
    any list makes it a (maybe numbered) section; otherwise a number decides.
    """
    bare = _undecorate(content)
    numbered = bool(_NUMBER.match(bare))
    if numbered and bare.rstrip("*_ ").endswith("?"):
        return True
    for node in rest:
        if node.type == "heading":
            if is_label(_inline(node)):
                return True
            return numbered and int(node.tag[1]) <= level
        if node.type == "paragraph" and _split_label(_inline(node))[1]:
            return True
        if node.type in ("bullet_list", "ordered_list"):
            break
    return numbered


def _close_sections(reader: _Reader, level: int) -> None:
    while reader.stack and reader.stack[-1].level >= level:
        reader.stack.pop()


def _close_label(reader: _Reader) -> None:
    """A label with no list after it is a mistake worth reporting, not ignoring."""
    if reader.label_line:
        reader.problem(
            reader.label_line,
            "follow-up label is not followed by a list; put the follow-ups under it as `- …` items",
        )
        reader.label_line = 0


def _add_question(reader: _Reader, content: str, line: int) -> _Draft | None:
    text = question_text(content)
    if not text:
        reader.problem(line, f"empty question: expected its text after the number, {EXAMPLE}")
        return None
    draft = _Draft(text, line)
    if reader.stack:
        part = reader.stack[-1]
    elif reader.parts and reader.parts[-1].title is None:
        part = reader.parts[-1]
    else:
        part = _Part(None, "", line, 0)
        reader.parts.append(part)
    part.questions.append(draft)
    return draft


def _read_question_item(reader: _Reader, item: SyntaxTreeNode) -> None:
    """A list item holding a question, maybe with its label and follow-ups nested inside."""
    _close_label(reader)
    line = _line(item)
    paragraphs = [child for child in item.children if child.type == "paragraph"]
    head, has_label = _split_label(_inline(paragraphs[0])) if paragraphs else ([], False)
    draft = _add_question(reader, " ".join(head), line)
    reader.pending, reader.unlabelled = draft, False
    if has_label or any(is_label(_inline(p)) for p in paragraphs[1:]):
        reader.label_line = line
    for child in item.children:
        if child.type in ("bullet_list", "ordered_list"):
            _take_follow_ups(reader, child)
            reader.pending = draft


def _take_follow_ups(reader: _Reader, node: SyntaxTreeNode) -> None:
    label_line, reader.label_line = reader.label_line, 0
    if reader.pending is None:
        reader.problem(
            label_line or _line(node),
            f"follow-up list has no question above it; put it under a question, {EXAMPLE}",
        )
        return
    for line, text in _items(node):
        if text:
            reader.pending.follow_ups.append(text)
        else:
            reader.problem(line, "empty follow-up: write the follow-up question after the bullet")
    reader.continues, reader.pending = reader.pending, None
    reader.continues_type = node.type


def _items(node: SyntaxTreeNode) -> Iterator[tuple[int, str]]:
    """Each item's text, nested items flattened after their parent so nothing is lost."""
    for item in node.children:
        texts = [_one_line(_inline(c)) for c in item.children if c.type == "paragraph"]
        yield _line(item), " ".join(t for t in texts if t)
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                yield from _items(child)


def question_text(content: str) -> str:
    """Inline Markdown of a question or title without emoji, numbering or wrapping emphasis.

    Decoration comes in any order (``🔹 **1. Explain**``, ``**1.** Explain``), but
    only one number is numbering: ``9. 1. Not a list?`` keeps its ``1.``.
    """
    text = _undecorate(_one_line(content))
    unnumbered = _NUMBER.sub("", text, count=1).strip()
    return _undecorate(unnumbered) if unnumbered != text else text


def _undecorate(text: str) -> str:
    """Strip leading emoji and wrapping emphasis, as many layers as there are."""
    while True:
        before = text
        text = _unwrap(split_icon(text)[1].strip())
        if text == before:
            return text


def is_label(content: str) -> bool:
    """Whether a line is a follow-up label: ``**Follow-ups:**``, ``Follow up questions``…"""
    bare = split_icon(content.replace("*", "").replace("_", " "))[1]
    return bool(_LABEL.match(bare.strip().rstrip(":").strip()))


def _split_label(content: str) -> tuple[list[str], bool]:
    """Split a paragraph's lines at a trailing label line (a label may end a question's item)."""
    lines = [line.strip() for line in content.split("\n")]
    if lines and is_label(lines[-1]):
        return lines[:-1], True
    return lines, False


@functools.lru_cache(maxsize=4096)
def _unwrap(text: str) -> str:
    """Remove emphasis that wraps the whole text (``**…**``), keeping inner emphasis."""
    if not text.startswith(("*", "_")):
        return text
    inner = text[2:-2]
    if (
        len(text) > 4
        and text[:2] == text[-2:] in ("**", "__")
        and not any(c in inner for c in "*_`[<\\")
        and inner == inner.strip()
    ):
        return inner  # the common case, unambiguous without a parse
    children = [t for t in _MD.parseInline(text)[0].children or [] if t.type != "text" or t.content]
    if len(children) < 2 or children[0].type not in ("strong_open", "em_open"):
        return text
    depth = 0
    for index, token in enumerate(children):
        depth += token.nesting
        if depth == 0 and index < len(children) - 1:
            return text
    if children[-1].type != children[0].type.replace("open", "close"):
        return text
    marker = len(children[0].markup)
    return text[marker:-marker].strip()


def _inline(node: SyntaxTreeNode) -> str:
    inline = node.children[0] if node.children else None
    return inline.content if inline is not None and inline.type == "inline" else ""


def _one_line(content: str) -> str:
    return " ".join(line.strip() for line in content.split("\n") if line.strip())


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0

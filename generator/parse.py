"""Turn one bank's Markdown into sections of questions, with follow-ups, answers and hints.

The bank is parsed with markdown-it-py into a syntax tree (list markers,
indentation, tables, code fences and HTML are the parser's business) and read
block by block.  Each shape a bank writes questions in is a small rule:

* **question heading** (``### 1. Explain …``, ``#### 12) How …? [[src](…)]``,
  ``### Q1: … ###``): a heading that asks (see `wording.Wording.asks`) or is
  numbered among headings that ask, or is followed by a follow-up label.  The
  blocks under it, deeper headings included, are its answer.  A heading with
  question headings under it is a section (`outline.heading_roles`).
* **bold paragraph** (``**What is …? ⭐️**``): a paragraph wholly in bold that asks.
* **list item** (``1. **What is …?**``, ``1. [E] Why …?``): an item of a list whose
  items ask; a nested list that asks holds its follow-ups, lettered lines
  (``a. …``) too, and other nested blocks are its answer or hint.  An item that
  does not ask but holds items that do is a *group*: its children are the
  questions and its words their `context`.
* **table row**: a table with a "Question" column.
* **follow-up label** (``**Follow-ups:**``) and the list after it.

Everything else is an answer when it comes after a question (up to the next
question or section), a section heading, or a skipped line with its reason.
`Reader` keeps the account of every line (`Seed.skipped`, `Seed.decisions`),
which is what ``studyguide check --explain`` prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt

from .errors import Problem, StudyGuideError
from .markup import to_text
from .model import LineNote, Question, Section, Seed, Source, SourceLink
from .nodes import (
    LETTERED,
    Block,
    Glued,
    after,
    blank_between,
    content_indent,
    dedent,
    ends_asking,
    first_line,
    indent_of,
    inline,
    is_bold,
    is_link_list,
    is_list,
    is_media,
    is_navigation,
    is_toc,
    item_head,
    looks_html,
    mostly_asks,
    nest,
    short,
    split_label,
    split_sub_items,
    tree,
    trim_breaks,
    unletter,
)
from .outline import (
    heading_roles,
    marked_list,
    question_list,
)
from .textutil import split_icon
from .wording import (
    Wording,
    answer_label,
    hint_label,
    inline_answer,
    is_legend,
    is_placeholder,
    one_line,
    read_wording,
    undecorate,
)

_BLOCKS = MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable("table")
_BLOCKS.disable("inline")
"""Blocks only (inline Markdown is read later, by `markup`); HTML blocks are kept for answers."""
INTRO_WORDS = 25
"""Items this long on average, before any question, are a preface (questions are shorter)."""
MAX_DEPTH = 40
"""Lists nested deeper than this are reported rather than read."""

EXAMPLE = "for example `### 1. What is overfitting?` or `1. **What is overfitting?**`"

_SEPARATOR_HTML = re.compile(r"^(?:<br\s*/?>|<p>\s*</p>|<hr\s*/?>|\s)*$", re.I)


@dataclass
class _Draft:
    wording: Wording
    line: int
    context: str = ""
    follow_ups: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    hint: list[str] = field(default_factory=list)
    links: list[SourceLink] = field(default_factory=list)
    answer_lines: list[tuple[int, int]] = field(default_factory=list)
    answering: bool = False
    """Whether an ``Answer:`` label was read: what follows is the answer, never follow-ups."""
    media_only: bool = True
    """Whether every answer block so far is an image or a table, with no words of its own."""
    kinds: list[str] = field(default_factory=list)
    """For each answer block, ``figure`` (code, a table, an image) or ``text``."""
    navigation: list[bool] = field(default_factory=list)
    """For each answer block, whether it is only links, banners or a heading with a link."""
    separators: list[int] = field(default_factory=list)
    """How many answer blocks came before each separator (``<br>``, ``---``) in it."""


@dataclass
class _Part:
    title: str | None
    icon: str
    line: int
    level: int
    skip: str = ""
    """Why nothing in this section is read ("" when it is)."""
    questions: list[_Draft] = field(default_factory=list)
    lines: tuple[int, int] = (0, 0)
    """Its heading's lines, from the first to the one after the last (0-based)."""


@dataclass
class _Open:
    """The question the next blocks may belong to, and how it was written."""

    draft: _Draft
    kind: str
    """``heading``, ``bold``, ``item`` or ``row``."""
    level: int = 0
    """A heading question's level: deeper headings are part of its answer."""
    item_indent: int = -1
    """For an item question, the column its list's markers start at."""


def parse_seed(text: str, file: str) -> Seed:
    """Parse repaired seed text; raise `StudyGuideError` listing every problem found."""
    reader = Reader(file, text)
    blocks = tree(_BLOCKS.parse(text))
    roles = heading_roles(blocks, reader.emoji_marks)
    for index, node in enumerate(blocks):
        following = next((block for block in after(blocks, index) if block.type != "hr"), None)
        reader.block(node, roles.get(index, ""), following)
    return reader.finish()


# ---- The reader.


class Reader:
    """Reads a bank's blocks in order, keeping the account of every line."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.lines = text.split("\n")
        self.emoji_marks = any(is_legend(line) for line in self.lines[:200])
        self.problems: list[Problem] = []
        self.parts: list[_Part] = []
        self.stack: list[_Part] = []
        self.open: _Open | None = None
        self.label_line = 0
        """Line of a follow-up label waiting for its list, or 0."""
        self.follow_list = ""
        """Type of the follow-up list that just ended: a list of the same type continues it."""
        self.claimed: dict[int, str] = {}
        """0-based line → what it is (``question``, ``answer``, ``skipped: reason``…)."""
        self.decisions: list[LineNote] = []
        self.title = ""
        self.title_line = 0
        """The line of the heading that titles the file: it names the bank, questions or not."""
        self.figures = False
        """Whether media after a question is its figure (a bank without prose answers)."""

    # Accounting.

    def claim(self, node: Block | tuple[int, int], role: str) -> None:
        first, end = node if isinstance(node, tuple) else (node.map or (0, 0))
        for line in range(first, end):
            self.claimed.setdefault(line, role)

    def skip(self, node: Block, reason: str) -> None:
        self.claim(node, f"skipped: {reason}")

    def decide(self, line: int, text: str) -> None:
        self.decisions.append(LineNote(line, line, text))

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    # Blocks.

    def block(self, node: Block, role: str, following: Block | None) -> None:
        """Read ``node``; ``following`` is the next top-level block that is not a rule."""
        follow_list, self.follow_list = self.follow_list, ""
        if not is_list(node):
            self.close_label()
        part = self.stack[-1] if self.stack else None
        if node.type == "heading":
            self.heading(node, role)
        elif part is not None and part.skip and self.open is None:
            self.skip(node, part.skip)
        elif node.type == "paragraph":
            self.paragraph(node)
        elif node.type in ("bullet_list", "ordered_list"):
            self.a_list(node, follow_list, following)
        elif node.type == "table":
            self.table(node)
        elif node.type == "hr" or (
            node.type == "html_block" and _SEPARATOR_HTML.match(node.content)
        ):
            self.claim(node, "separator")
            if self.open is not None:
                self.open.draft.separators.append(len(self.open.draft.answer))
                if node.type == "hr" and self.open.kind != "heading":
                    self.open = None  # a rule ends an item's or bold paragraph's answer
        elif self.open is not None:
            self.answer(node)
        else:
            what = {"html_block": "HTML", "fence": "code", "code_block": "code"}
            self.skip(node, f"{what.get(node.type, node.type)} outside any question")

    def heading(self, node: Block, role: str) -> None:
        content, level, line = inline(node), int(node.tag[1]), first_line(node)
        self.close_label()
        if role == "answer" and self.open is not None:
            self.answer(node)
            return
        if role == "label":
            self.claim(node, "label")
            self.label_line = line
            return
        self.open = None
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if role == "question":
            self.claim(node, "question")
            self.question(read_wording(content, self.emoji_marks), line, "heading", level=level)
            return
        icon, title = split_icon(content)
        title = undecorate(read_wording(title).text if role != "skip" else title) or title.strip()
        inherited = self.stack[-1].skip if self.stack else ""
        reason = f"not questions: {to_text(title)!r} section" if role == "skip" else inherited
        part = _Part(title, icon, line, level, skip=reason, lines=node.map or (0, 0))
        self.stack.append(part)
        self.parts.append(part)
        self.claim(node, "skipped: " + reason if reason else "section")
        if level == 1 and not self.title:
            self.title = to_text(title)
            self.title_line = line

    def question(
        self,
        wording: Wording,
        line: int,
        kind: str,
        *,
        level: int = 0,
        context: str = "",
        indent: int = -1,
    ) -> _Draft | None:
        """Start a question (in the nearest section above); a text-less one is a problem."""
        if not to_text(wording.text).strip(" .?:;,-*_#"):
            self.problem(line, f"empty question: expected its text after the number, {EXAMPLE}")
            # What follows belongs to the empty question: no second error about it.
            self.open = _Open(_Draft(wording, line), kind, level, indent)
            return None
        draft = _Draft(wording, line, context=context, links=list(wording.links))
        while self.stack and self.stack[-1].skip:  # a "Contents" heading holds no questions
            self.stack.pop()
        if self.stack:
            part = self.stack[-1]
        elif self.parts and self.parts[-1].title is None:
            part = self.parts[-1]
        else:
            part = _Part(None, "", line, 0)
            self.parts.append(part)
        part.questions.append(draft)
        self.open = _Open(draft, kind, level, indent)
        return draft

    def paragraph(self, node: Block) -> None:
        content = inline(node)
        head, has_label = split_label(content)
        line = first_line(node)
        if has_label:
            self.close_label()
            if not head:
                self.claim(node, "label")
                self.label_line = line
                return
        opened = self.open
        body = "\n".join(head)
        wording = read_wording(body, self.emoji_marks)
        if is_legend(body) and (opened is None or not opened.draft.answer):
            self.skip(node, "difficulty legend")
        elif opened is not None and self.source_links(node, body):
            pass
        elif opened is not None and hint_label(body):
            self.claim(node, "hint")
            opened.draft.hint.append(self.markdown(node, strip=hint_label(body)))
        elif opened is not None and answer_label(body):
            self.claim(node, "answer")
            opened.draft.answering = True
            text = self.markdown(node, strip=answer_label(body))
            if text.strip():
                self.add_answer(opened.draft, text, node)
        elif is_bold(body) and wording.asks and (opened is None or opened.kind != "heading"):
            self.claim(node, "question")
            self.question(wording, line, "bold")
        elif opened is not None and self.lettered(node, opened.draft, head):
            pass
        elif opened is not None:
            self.answer(node, keep=len(head) if has_label else None)
        else:
            self.skip(node, "text outside any question")
        if has_label:
            self.claim((line + len(head) - 1, line + len(head)), "label")
            self.label_line = line + len(head)

    def source_links(self, node: Block, body: str) -> bool:
        """A line of links beside a question (``[[Answer]](…)``) before its answer starts."""
        assert self.open is not None
        draft = self.open.draft
        wording = read_wording(body)
        if draft.answer or not wording.links or to_text(wording.text).strip():
            return False
        draft.links.extend(wording.links)
        self.claim(node, "source link")
        return True

    def lettered(self, node: Block, draft: _Draft, lines: list[str]) -> bool:
        """A paragraph of lettered lines (``a. …``) under a question: its follow-ups."""
        if not lines or not all(LETTERED.match(line) for line in lines):
            return False
        draft.follow_ups.extend(unletter(line) for line in lines)
        self.claim(node, "follow-up")
        return True

    def a_list(self, node: Block, follow_list: str, following: Block | None) -> None:
        opened = self.open
        label_line, self.label_line = self.label_line, 0
        line = first_line(node)
        if is_toc(node):
            self.skip(node, "table of contents (links within the page)")
        elif opened is None and not label_line and self.introduction(node):
            self.skip(node, "introduction: paragraphs in a list, before any question")
        elif label_line:
            if opened is None:
                self.problem(
                    label_line,
                    f"follow-up list has no question above it; put it under a question, {EXAMPLE}",
                )
                self.claim(node, "follow-up")
                return
            self.follow_ups(node, opened.draft)
        elif opened is not None and follow_list == node.type:
            self.follow_ups(node, opened.draft)
        elif (
            opened is not None
            and opened.kind == "item"
            and indent_of(self.lines, line) > opened.item_indent
        ):
            self.sub_list(node, opened)
        elif (
            opened is not None
            and opened.kind in ("heading", "bold")
            and not opened.draft.answer
            and not opened.draft.answering
            and not opened.draft.follow_ups
            and mostly_asks(node)
        ):
            self.follow_ups(node, opened.draft)
        elif (
            opened is not None
            and opened.kind in ("heading", "bold")
            and not opened.draft.follow_ups
            and self.closing_questions(node, following)
        ):
            # After the answer, a list of nothing but questions that ends the question's
            # blocks is what an interviewer asks next, not more of the answer.
            self.decide(line, "a list of questions closing the answer: its follow-ups")
            self.follow_ups(node, opened.draft)
        elif (
            opened is None
            or opened.kind == "item"
            or not (opened.draft.answer or opened.draft.answering)
            or marked_list(node, self.emoji_marks)
        ) and self.question_list(node):
            # After a question's answer, only a list marked as questions (difficulty tags)
            # starts new ones: any other list is more of the answer.
            self.items(node, context="")
        elif opened is not None:
            self.answer(node)
        else:
            self.skip(node, "link list" if is_link_list(node) else "a list that asks nothing")

    def closing_questions(self, node: Block, following: Block | None) -> bool:
        """Whether a list only asks (every item ends in "?") and nothing but the next
        question or section follows it (``following``: the next block that is not a rule)."""
        heads = [item_head(item) for item in node.children]
        if not heads or not all(ends_asking(head) for head in heads):
            return False
        if following is None or following.type == "heading":
            return True
        body = "\n".join(split_label(inline(following))[0]) if following.type == "paragraph" else ""
        return is_bold(body) and self.asks(body)

    def introduction(self, node: Block) -> bool:
        """A bulleted list of long paragraphs before the first question: the bank's preface."""
        if node.type != "bullet_list" or any(part.questions for part in self.parts):
            return False
        words = [len(item_head(item).split()) for item in node.children]
        return bool(words) and sum(words) > INTRO_WORDS * len(words)

    def question_list(self, node: Block) -> bool:
        return question_list(node, self.emoji_marks)

    def items(self, node: Block, context: str, depth: int = 1) -> None:
        """The items of a question list: each a question, or a group of nested questions."""
        indent = indent_of(self.lines, first_line(node))
        for item in node.children:
            self.item(item, context, indent, depth)

    def item(self, item: Block, context: str, indent: int, depth: int) -> None:
        """One item of a question list: a question with what is nested in it, or a group."""
        line = first_line(item)
        if depth > MAX_DEPTH:
            self.problem(line, f"list nested more than {MAX_DEPTH} levels deep; flatten it")
            self.claim(item, "question")
            return
        self.close_label()
        children = list(item.children)
        first = children[0] if children and children[0].type == "paragraph" else None
        lines, has_label = split_label(inline(first)) if first is not None else ([], False)
        head, lettered, glued = split_sub_items(lines, line, self.lines)
        wording = self.words(" ".join(head))
        content = content_indent(self.lines, line)
        rest = [
            part
            for child in children
            if child is not first
            for part in self.split_html(child, content)
        ]
        nested = [child for child in rest if is_list(child)]
        texts = [entry.text for entry in glued]
        marked = self.mostly_marked(texts) or any(self.sub_questions(c) for c in nested)
        asking = self.mostly_ask(texts) or any(self.question_list(c) for c in nested)
        if wording.text and ((asking and not wording.asks) or (marked and not wording.difficulty)):
            self.group(item, wording, context, len(head), glued, rest, depth)
            return
        if first is not None:
            self.claim(first, "question")
        asked, answered = inline_answer(wording.text)
        if answered:
            self.decide(line, "words after the question's last '?' that do not ask: its answer")
            wording = replace(wording, text=asked)
        draft = self.question(wording, line, "item", context=context, indent=indent)
        if draft is None:
            return
        if answered and first is not None:
            self.add_answer(draft, answered, first)
        draft.follow_ups.extend(unletter(text) for text in lettered)
        if glued and marked:
            self.decide(glued[0].line, "numbered lines with their own difficulty: questions")
            inner = nest(context, wording.text)
            for entry in glued:
                self.glued_question(entry, inner, indent)
        else:
            for entry in glued:
                draft.follow_ups.append(self.words(entry.text).text)
                draft.follow_ups.extend(unletter(sub) for sub in entry.subs)
        for child in rest:
            has_label = self.item_child(child, draft, context, content, has_label, depth)
        self.open = _Open(draft, "item", item_indent=indent)

    def group(
        self,
        item: Block,
        wording: Wording,
        context: str,
        head: int,
        glued: list[Glued],
        rest: list[Block],
        depth: int,
    ) -> None:
        """An item whose nested items are the questions: its words (and the blocks before
        them, such as a table, an image or a hint) become their context."""
        line = first_line(item)
        self.claim((line - 1, line - 1 + head), "group")
        self.decide(line, f"group item {short(wording.text)!r}: its nested items are the questions")
        indent = indent_of(self.lines, line)
        content = content_indent(self.lines, line)
        blocks = [wording.text]
        self.open = None
        for entry in glued:
            self.glued_question(entry, nest(context, *blocks), indent)
        for child in rest:
            if is_list(child) and self.question_list(child):
                self.items(child, nest(context, *blocks), depth + 1)
            elif self.open is not None:  # after the group's questions: the last one's
                draft = self.open.draft
                self.item_child(child, draft, draft.context, content, False, depth)
            else:
                self.claim(child, "group")
                blocks.append(self.markdown(child, indent=content))
        self.open = None

    def split_html(self, node: Block, indent: int) -> list[Block]:
        """An HTML block and the Markdown its author wrote right after it, as separate blocks.

        An HTML block runs to the next blank line, so items written right under a
        ``</center>`` are swallowed by it; they are read again as the Markdown they are.
        """
        if node.type != "html_block" or not node.map:
            return [node]
        first, end = node.map
        cut = end
        while cut > first and not looks_html(self.lines[cut - 1]):
            cut -= 1
        if cut in (first, end) or not any(line.strip() for line in self.lines[cut:end]):
            return [node]
        return [*self.reparse(first, cut, indent), *self.reparse(cut, end, indent)]

    def reparse(self, first: int, end: int, indent: int) -> list[Block]:
        """The blocks of lines ``first``–``end`` (0-based), dedented, keeping their line numbers."""
        lines = [dedent(line, indent) for line in self.lines[first:end]]
        text = "\n" * first + "\n".join(lines)
        return tree(_BLOCKS.parse(text))

    def glued_question(self, entry: Glued, context: str, indent: int) -> None:
        self.claim((entry.line - 1, entry.line + len(entry.subs)), "question")
        draft = self.question(
            self.words(entry.text), entry.line, "item", context=context, indent=indent
        )
        if draft is not None:
            draft.follow_ups.extend(self.words(unletter(sub)).text for sub in entry.subs)

    def sub_list(self, node: Block, opened: _Open) -> None:
        """A list indented under the question item before it, that Markdown did not nest
        (a table or an image in between ends the item): its items belong to that question.

        Items with their own difficulty are questions in the question's setting (an
        untagged parent of tagged items is a group, and becomes their context); items
        that ask are follow-ups; others are its answer.
        """
        line = first_line(node)
        draft = opened.draft
        if not self.sub_questions(node):
            self.decide(line, "list indented under a question item: read as part of it")
            if mostly_asks(node):
                self.follow_ups(node, draft)
            else:
                self.answer(node)
            return
        if draft.wording.difficulty:
            self.decide(line, "indented items with their own difficulty: questions")
            context = nest(draft.context, draft.wording.text)
        else:
            self.unask(draft)
            title = to_text(draft.wording.text)
            self.decide(
                draft.line, f"group item {title!r}: the indented items after it are its questions"
            )
            context = nest(draft.context, draft.wording.text, *draft.answer)
        self.open = None
        for item in node.children:
            own = indent_of(self.lines, first_line(item))
            self.item(item, context if own > opened.item_indent else "", own, 2)

    def unask(self, draft: _Draft) -> None:
        """Take back a question that turned out to be a group's title."""
        for part in self.parts:
            if draft in part.questions:
                part.questions.remove(draft)
        for first, last in [(draft.line, draft.line), *draft.answer_lines]:
            for line in range(first - 1, last):
                self.claimed[line] = "group"

    def mostly_ask(self, texts: list[str]) -> bool:
        return bool(texts) and 2 * sum(self.asks(text) for text in texts) >= len(texts)

    def mostly_marked(self, texts: list[str]) -> bool:
        marked = sum(bool(self.words(text).difficulty) for text in texts)
        return bool(texts) and 2 * marked >= len(texts)

    def words(self, text: str) -> Wording:
        return read_wording(text, self.emoji_marks)

    def item_child(
        self,
        child: Block,
        draft: _Draft,
        context: str,
        content: int,
        has_label: bool,
        depth: int,
    ) -> bool:
        """A block nested in a question's item; returns whether a label now waits for a list."""
        if is_list(child):
            if is_toc(child):
                self.skip(child, "table of contents (links within the page)")
            elif self.sub_questions(child) and not has_label:
                line = first_line(child)
                self.decide(line, "nested items with their own difficulty: questions")
                indent = self.open.item_indent if self.open else -1
                self.items(child, nest(context, draft.wording.text), depth + 1)
                self.open = _Open(draft, "item", item_indent=indent)
            elif has_label or mostly_asks(child):
                self.follow_ups(child, draft)
            else:
                self.answer(child, indent=content)
            return False
        if child.type == "paragraph":
            body = inline(child)
            sub_head, sub_label = split_label(body)
            if not sub_head and sub_label:
                self.claim(child, "label")
                return True
            if self.lettered(child, draft, sub_head):
                return has_label
            if hint_label(body):
                self.claim(child, "hint")
                draft.hint.append(self.markdown(child, indent=content, strip=hint_label(body)))
                return has_label
        elif child.type == "code_block":
            entries = [text.strip() for text in child.content.splitlines() if text.strip()]
            if entries and all(LETTERED.match(text) for text in entries):
                draft.follow_ups.extend(unletter(text) for text in entries)
                self.claim(child, "follow-up")
                return has_label
        self.answer(child, indent=content)
        return has_label

    def asks(self, text: str) -> bool:
        return self.words(text).asks

    def sub_questions(self, node: Block) -> bool:
        """Whether nested items carry their own difficulty marks (so each is a question)."""
        marked = [
            read_wording(item_head(item), self.emoji_marks).difficulty for item in node.children
        ]
        return bool(marked) and 2 * sum(bool(m) for m in marked) >= len(marked)

    def follow_ups(self, node: Block, draft: _Draft, depth: int = 1) -> None:
        for item in node.children:
            line = first_line(item)
            texts = [one_line(inline(c)) for c in item.children if c.type == "paragraph"]
            text = " ".join(t for t in texts if t)
            if depth > MAX_DEPTH:
                self.problem(line, f"list nested more than {MAX_DEPTH} levels deep; flatten it")
            elif text:
                draft.follow_ups.append(text)
            elif not any(is_list(c) for c in item.children):
                self.problem(line, "empty follow-up: write the follow-up question after the bullet")
            self.claim((line - 1, line), "follow-up")
            for child in item.children:
                if is_list(child):
                    self.follow_ups(child, draft, depth + 1)
                else:
                    self.claim(child, "follow-up")
        self.follow_list = node.type if depth == 1 else self.follow_list

    def table(self, node: Block) -> None:
        rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
        header = (
            [to_text(inline(cell)).strip().lower() for cell in rows[0].children] if rows else []
        )
        question = next((i for i, h in enumerate(header) if "question" in h), None)
        answer = next((i for i, h in enumerate(header) if "answer" in h), None)
        if question is None:
            if self.open is not None:
                self.answer(node)
            else:
                self.skip(node, "table outside any question")
            return
        self.open = None
        top = first_line(node) - 1
        self.claim((top, top + 2), "table header")
        for row in rows[1:]:
            cells = [inline(cell) for cell in row.children]
            line = first_line(row)
            text = cells[question] if question < len(cells) else ""
            if not to_text(text).strip():
                self.skip(row, "table row without a question")
                continue
            self.claim(row, "question")
            draft = self.question(read_wording(text, self.emoji_marks), line, "row")
            if (
                draft is not None
                and answer is not None
                and answer < len(cells)
                and cells[answer].strip()
            ):
                self.add_answer(draft, cells[answer].strip(), row)
        self.open = None

    def answer(self, node: Block, indent: int = 0, keep: int | None = None) -> None:
        """A block of the open question's answer (its first ``keep`` lines, when given)."""
        assert self.open is not None
        self.add_answer(self.open.draft, self.markdown(node, indent=indent, keep=keep), node)
        self.claim(node, "answer")

    def add_answer(self, draft: _Draft, text: str, node: Block) -> None:
        draft.answer.append(text)
        draft.media_only = draft.media_only and is_media(node)
        draft.navigation.append(is_navigation(node))
        figure = node.type in ("fence", "code_block") or is_media(node)
        draft.kinds.append("figure" if figure else "text")
        if node.map:
            draft.answer_lines.append((node.map[0] + 1, node.map[1]))

    def markdown(
        self, node: Block, indent: int = 0, strip: int = 0, keep: int | None = None
    ) -> str:
        """A block's source lines, dedented by ``indent`` columns, without a leading label."""
        first, end = node.map or (0, 0)
        if keep is not None:
            end = min(end, first + keep)
        if node.type != "code_block" and first < len(self.lines):
            indent = max(indent, indent_of(self.lines, first + 1))
        lines = [dedent(line, indent) for line in self.lines[first:end]]
        if strip and lines:
            offset = len(lines[0]) - len(lines[0].lstrip())
            lines[0] = lines[0][:offset] + lines[0][offset:][strip:].lstrip()
        return "\n".join(lines).strip("\n")

    def close_label(self) -> None:
        """A label with no list after it is a mistake worth reporting, not ignoring."""
        if self.label_line:
            self.problem(
                self.label_line,
                "follow-up label is not followed by a list; "
                "put the follow-ups under it as `- …` items",
            )
            self.label_line = 0

    def finish(self) -> Seed:
        self.close_label()
        for part in self.parts:
            if not part.questions and not part.skip and part.line != self.title_line:
                for index in range(*part.lines):  # its words are on no page
                    self.claimed[index] = "skipped: a heading with no questions of its own"
        drafts = [draft for part in self.parts for draft in part.questions]
        self.figures = not any(draft.answer and not draft.media_only for draft in drafts)
        sections = tuple(
            Section(
                title=part.title,
                icon=part.icon,
                source=Source(self.file, part.line),
                questions=tuple(self.finished(d) for d in part.questions),
            )
            for part in sorted(self.parts, key=lambda p: p.line)
            if part.questions
        )
        if self.problems:
            raise StudyGuideError(self.problems)
        return Seed(
            self.file,
            sections,
            title=self.title,
            skipped=tuple(self.skipped()),
            decisions=tuple(self.decisions),
        )

    def finished(self, draft: _Draft) -> Question:
        self.trim_navigation(draft)
        shown = 0
        if draft.answer and draft.media_only and self.figures:
            shown = len(draft.answer)  # a bank without answers: its images illustrate questions
        elif to_text(draft.wording.text).rstrip().endswith(":") and draft.kinds[:1] == ["figure"]:
            shown = 1  # "… what does this code print:" and the code
        if shown:
            first, last = draft.answer_lines[0][0], draft.answer_lines[shown - 1][1]
            self.decisions.append(
                LineNote(first, last, "image, table or code that the question shows: part of it")
            )
        figure = trim_breaks("\n\n".join(draft.answer[:shown]))
        answer = trim_breaks("\n\n".join(draft.answer[shown:]))
        if answer and is_placeholder(answer):
            first, last = draft.answer_lines[shown][0], draft.answer_lines[-1][1]
            self.decisions.append(LineNote(first, last, "placeholder answer: read as no answer"))
            answer = ""
        return Question(
            text=draft.wording.text,
            follow_ups=tuple(draft.follow_ups),
            source=Source(self.file, draft.line),
            answer=answer,
            hint=trim_breaks("\n\n".join(draft.hint)),
            difficulty=draft.wording.difficulty,
            context=draft.context,
            figure=figure,
            links=tuple(dict.fromkeys(draft.links)),
        )

    def trim_navigation(self, draft: _Draft) -> None:
        """Links and banners after an answer's closing ``<br>`` are the page's, not the answer's."""
        cut = next((i for i in draft.separators if all(draft.navigation[i:])), len(draft.answer))
        for first, last in draft.answer_lines[cut:]:
            for line in range(first - 1, last):
                self.claimed[line] = "skipped: links and banners after an answer"
        del draft.answer[cut:], draft.answer_lines[cut:], draft.kinds[cut:]

    def skipped(self) -> list[LineNote]:
        """Runs of non-blank lines that are in no question, with the reason."""
        notes: list[LineNote] = []
        for index, text in enumerate(self.lines):
            if not text.strip():
                continue
            role = self.claimed.get(index, "skipped: not understood")
            if not role.startswith("skipped: "):
                continue
            reason = role.removeprefix("skipped: ")
            last = notes[-1] if notes else None
            if (
                last is not None
                and last.text == reason
                and blank_between(self.lines, last.last, index)
            ):
                notes[-1] = LineNote(last.first, index + 1, reason)
            else:
                notes.append(LineNote(index + 1, index + 1, reason))
        return notes

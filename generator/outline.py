"""Which headings of a bank are questions, sections, labels or part of an answer,
and which lists hold questions: the outline `parse` reads the blocks by.

A heading's role depends on the headings and lists after it (a heading with
question headings under it is a section; one that asks is a question whose
sub-headings are its answer), so the roles are decided for the whole file first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .markup import to_text
from .nodes import (
    Block,
    after,
    ends_asking,
    inline,
    is_bold,
    is_link_list,
    is_list,
    is_pointer,
    is_toc,
    item_head,
    mostly,
    split_label,
    split_sub_items,
)
from .wording import is_label, read_wording

_NOT_QUESTIONS = re.compile(
    r"^(table of contents|contents|toc|contribut\w*|sponsor\w*|(preparation |useful |other |"
    r"further )?resources|licen[cs]e|acknowledge?ments?|references|credits|support( us)?|"
    r"citation|cite|star history|changelog|donate|about( the authors?)?|authors?|"
    r"disclaimer|how to contribute|further reading|books?|courses?|links)$",
    re.I,
)
"""Section titles that never hold questions ("Contributions", "Sponsors"…)."""


def heading_roles(blocks: Sequence[Block], emoji: bool) -> dict[int, str]:
    """``question``, ``section``, ``skip``, ``label`` or ``answer`` for each top-level heading.

    A heading that asks is a question, and the headings under it are its answer's,
    unless one of them asks a numbered question or titles a list of questions: then
    it starts questions of its own (and a heading with such headings under it is a
    section).  A numbered heading that does not ask is a question when most numbered
    headings of its level ask.
    """
    heads = [(i, int(n.tag[1]), inline(n)) for i, n in enumerate(blocks) if n.type == "heading"]
    words = {i: read_wording(content, emoji) for i, _, content in heads}
    labelled = {i for i, _, _ in heads if _label_follows(blocks, i)}
    numbered: dict[int, list[bool]] = {}
    for i, level, content in heads:
        if words[i].numbered and not is_label(content):
            numbered.setdefault(level, []).append(words[i].asks)
    scopes: dict[int, list[int]] = {}
    parents: dict[int, int] = {}
    for position, (i, level, _) in enumerate(heads):
        scopes[i] = []
        for j, deeper, _ in after(heads, position):
            if deeper <= level:
                break
            scopes[i].append(j)
            parents[j] = i  # the last, so the nearest, heading whose scope holds j

    def titles_questions(j: int) -> bool:
        return _introduces_questions(blocks, j, emoji) or _lists_questions(blocks, j, emoji)

    def asks_numbered(j: int) -> bool:
        return words[j].numbered and (words[j].asks or j in labelled)

    roles: dict[int, str] = {}
    question_level = 0
    for i, level, content in heads:
        wording = words[i]
        if is_label(content):
            roles[i] = "label"
            continue
        starts = asks_numbered(i) or titles_questions(i)
        if (
            question_level
            and level > question_level
            and not (starts or any(asks_numbered(j) or titles_questions(j) for j in scopes[i]))
        ):
            roles[i] = "answer"  # a sub-heading of the answer ("### Bagging")
            continue
        question_level = 0
        if asks_numbered(i) or ends_asking(wording.text):
            # It asks: only numbered questions under it make it their section; a
            # sub-section of other questions just ends its answer.
            contains_questions = any(asks_numbered(j) and parents[j] == i for j in scopes[i])
        else:
            contains_questions = any(
                (words[j].asks and (words[j].numbered or not wording.numbered))
                or (words[j].numbered and mostly(numbered.get(_level(blocks, j), [])))
                or titles_questions(j)
                for j in scopes[i]
            )
        if not wording.asks and (
            _NOT_QUESTIONS.match(to_text(wording.text).strip(" :")) or is_pointer(content)
        ):
            roles[i] = "skip"
        elif i in labelled and (wording.asks or wording.numbered):
            roles[i] = "question"
        elif contains_questions or (
            not ends_asking(wording.text) and _introduces_questions(blocks, i, emoji)
        ):
            roles[i] = "section"
        elif wording.asks or (
            wording.numbered and (not wording.text or mostly(numbered.get(level, [])))
        ):
            roles[i] = "question"
        else:
            roles[i] = "section"
        if roles[i] == "question":
            question_level = level
    return roles


def _level(blocks: Sequence[Block], index: int) -> int:
    return int(blocks[index].tag[1])


def _lists_questions(blocks: Sequence[Block], index: int, emoji: bool) -> bool:
    """Whether a heading is directly followed by a numbered list of questions (so it is a
    section, and a heading above it that seems to ask is a title, not a question)."""
    for node in after(blocks, index):
        if node.type == "heading":
            return False
        if node.type == "ordered_list" and len(node.children) >= 2:
            heads = [item_head(item) for item in node.children]
            return 2 * sum(read_wording(h, emoji).asks for h in heads) > len(heads)
    return False


def question_list(node: Block, emoji: bool) -> bool:
    """Whether a list's items are questions (or groups of questions), and not links."""
    items = [item for item in node.children if item_head(item).strip(" *_")]
    if not items:  # only empty items: questions the author has not written yet
        return bool(node.children)
    return mostly([_item_asks(item, emoji) for item in items]) and not is_link_list(node)


def _item_asks(item: Block, emoji: bool) -> bool:
    """Whether an item is a question, or a group whose nested items are questions."""
    first = item.children[0] if item.children and item.children[0].type == "paragraph" else None
    head, _, glued = split_sub_items(split_label(inline(first))[0], 0)
    if any(read_wording(text, emoji).asks for text in [" ".join(head), *(g.text for g in glued)]):
        return True
    return any(question_list(child, emoji) for child in item.children if is_list(child))


def marked_list(node: Block, emoji: bool) -> bool:
    """Whether most items of a list (or of the lists nested in its items) carry a
    difficulty mark: the surest sign of a list of questions."""
    marks = []
    for item in node.children:
        nested = [child for child in item.children if is_list(child)]
        marks.append(
            bool(read_wording(item_head(item), emoji).difficulty)
            or any(marked_list(child, emoji) for child in nested)
        )
    return mostly(marks)


def _introduces_questions(blocks: Sequence[Block], index: int, emoji: bool) -> bool:
    """Whether a heading titles questions written under it: its first list asks, or a
    paragraph under it is a bold question ("## What to expect" over "1. **What is …?**")."""
    for node in after(blocks, index):
        if node.type == "heading":
            return False
        if is_list(node):
            return question_list(node, emoji) and not is_toc(node)
        if node.type == "paragraph":
            body = "\n".join(split_label(inline(node))[0])
            if is_bold(body) and read_wording(body, emoji).asks:
                return True
    return False


def _label_follows(blocks: Sequence[Block], index: int) -> bool:
    """Whether a follow-up label comes after a heading before any list or other heading."""
    for node in after(blocks, index):
        if node.type == "heading":
            return is_label(inline(node))
        if node.type == "paragraph" and split_label(inline(node))[1]:
            return True
        if node.type in ("bullet_list", "ordered_list"):
            return False
    return False

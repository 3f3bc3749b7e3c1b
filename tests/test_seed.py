"""The real seed: every question and follow-up, exact text, and the right topics.

Expected counts come from an independent reading of the repaired text (line
patterns of the four formats), not from the parser under test.
"""

from __future__ import annotations

import re

import pytest

from generator.model import Guide

from .support import LINES, SEED, expected_questions

DEEP_DIVE = re.compile(r"^### 🔹 \*\*\d+\. (.+)\*\*$")


@pytest.fixture(scope="module")
def guide(seed_guide: Guide) -> Guide:
    return seed_guide


def test_counts_match_an_independent_reading(guide: Guide) -> None:
    questions = [entry.question for entry in guide.entries]
    assert len(expected_questions()) == 118
    assert len(questions) == 118
    assert sum(len(q.follow_ups) for q in questions) == 274
    assert sum(line.startswith("- ") for line in LINES) == 274


def test_every_question_keeps_its_text_file_and_line(guide: Guide) -> None:
    got = sorted((e.question.source.line, e.question.text) for e in guide.entries)
    assert got == expected_questions()
    assert {e.question.source.file for e in guide.entries} == {"ml-interview-questions.md"}


def test_follow_ups_keep_their_text_in_order(guide: Guide) -> None:
    got = [
        f
        for entry in sorted(guide.entries, key=lambda e: e.question.source.line)
        for f in entry.question.follow_ups
    ]
    assert got == [line[2:] for line in LINES if line.startswith("- ")]


@pytest.mark.parametrize("text", ["🔍", "🧠", "🛠️", "🔬", "🧩", "⚡", "🔹", "’", "—", "ε-greedy"])
def test_repaired_text_is_exact(text: str) -> None:
    from generator.encoding import read_seed

    assert text in read_seed(SEED, "seed")


def test_icons_and_inline_markdown_survive(guide: Guide) -> None:
    icons = {topic.slug: topic.icon for topic in guide.topics}
    assert icons["fundamentals"] == "🔍"
    assert icons["deployment"] == "🛠️"
    follow_ups = [f for e in guide.entries for f in e.question.follow_ups]
    assert "How do algorithms like UCB or ε-greedy handle this?" in follow_ups
    assert "How do you validate if a new idea is *actually* novel?" in follow_ups
    assert "How do you choose the value of *k*?" in follow_ups
    texts = [e.question.text for e in guide.entries]
    assert "What’s the difference between KNN and K-means?" in texts


def test_deep_dives_have_a_page_of_their_own(guide: Guide) -> None:
    topics = {topic.slug: topic for topic in guide.topics}
    deep_dives = [m.group(1) for line in LINES if (m := DEEP_DIVE.match(line))]
    assert len(deep_dives) == 10
    assert [e.question.text for e in topics["deep-dives"].entries] == deep_dives
    curveballs = [e.question.text for e in topics["curveballs"].entries]
    assert len(curveballs) == 5
    assert not set(curveballs) & set(deep_dives)


def test_core_machine_learning_sections_merge(guide: Guide) -> None:
    core = [t for t in guide.topics if "core machine learning" in t.title.lower()]
    assert [t.slug for t in core] == ["core-ml"]
    entries = core[0].entries
    assert len(entries) == 2 + 60 + 2  # with Reinforcement Learning's two, in seed order
    lines = [e.question.source.line for e in entries]
    assert lines == sorted(lines)


def test_ids_are_unique_and_readable(guide: Guide) -> None:
    ids = [entry.id for entry in guide.entries]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert "bias-variance-tradeoff" in ids

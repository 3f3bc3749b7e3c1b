"""The id registry: ids survive edits, moves and renames, and are never shared."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from generator.model import Question, Record, Source
from generator.registry import (
    REWORD_THRESHOLD,
    assign,
    dump_registry,
    fingerprint,
    load_registry,
    save_registry,
    score,
    similarity,
)

from .conftest import SEEDS, guide_of

# Realistic rewordings of seed questions, as a maintainer would make them.
EDITS = [
    ("Explain the bias-variance tradeoff.", "Explain the bias–variance trade-off."),
    ("Explain the bias-variance tradeoff.", "Can you explain the bias-variance tradeoff?"),
    ("Compare VAEs and GANs.", "Compare VAEs with GANs."),
    (
        "How do decision trees work? What are their pros and cons?",
        "How do decision trees work, and what are their pros and cons?",
    ),
    (
        "What is the difference between bagging and boosting?",
        "What's the difference between boosting and bagging?",
    ),
    ("How does K-means clustering work?", "How does k-means clustering work?"),
    (
        "What is gradient clipping and when would you use it?",
        "What is gradient clipping, and when should you use it?",
    ),
    (
        "How do you handle missing data in a dataset?",
        "How do you handle missing values in a dataset?",
    ),
    ("What is the curse of dimensionality?", "Explain the curse of dimensionality."),
    (
        "What are the assumptions behind linear regression?",
        "What assumptions lie behind linear regression?",
    ),
    ("Describe how backpropagation works.", "Describe how back-propagation works."),
    ("What is the role of the sigmoid function?", "What role does the sigmoid function play?"),
]


@pytest.fixture(scope="module")
def seed() -> dict[str, Question]:
    guide = guide_of(SEEDS)
    return {entry.question.text: entry.question for entry in guide.entries}


@pytest.fixture(scope="module")
def texts(seed: dict[str, Question]) -> list[str]:
    return list(seed)


def question(text: str, follow_ups: tuple[str, ...] = ()) -> Question:
    return Question(text, follow_ups, Source("seed.md", 1))


@pytest.mark.parametrize(("before", "after"), EDITS)
def test_realistic_edits_clear_the_threshold(
    seed: dict[str, Question], before: str, after: str
) -> None:
    """The seed's own question, reworded, its follow-ups kept as they are."""
    old = seed[before]
    record = Record("x", old.text, "t", follow_ups=fingerprint(old))
    assert score(question(after, old.follow_ups), record) >= REWORD_THRESHOLD


def test_a_new_question_with_old_follow_ups_is_not_enough() -> None:
    follow_ups = ("Why?", "How?")
    record = Record(
        "x", "What is gradient clipping?", "t", follow_ups=fingerprint(question("", follow_ups))
    )
    assert score(question("What is batch normalization?", follow_ups), record) < REWORD_THRESHOLD


def test_different_questions_stay_below_the_threshold(texts: list[str]) -> None:
    exact_duplicates = {"What is the difference between generative and discriminative models?"}
    scores = [
        similarity(a, b)
        for a, b in itertools.combinations(texts, 2)
        if not {a, b} & exact_duplicates
    ]
    assert max(scores) < REWORD_THRESHOLD


def registry(*items: tuple[str, str, str]) -> tuple[Record, ...]:
    return tuple(Record(i, t, s) for i, t, s in items)


def test_reword_reorder_and_move_keep_ids() -> None:
    old = registry(
        ("bias", "Explain the bias-variance tradeoff.", "a"),
        ("gans", "Compare VAEs and GANs.", "b"),
    )
    result = assign(
        [question("Compare VAEs with GANs."), question("Explain the bias–variance trade-off.")],
        ["a", "c"],
        old,
    )
    assert result.ids == ("gans", "bias")
    assert {r.id: r.topic for r in result.records} == {"gans": "a", "bias": "c"}
    assert [i for i, _ in result.reworded] == ["gans", "bias"] or [
        i for i, _ in result.reworded
    ] == ["bias", "gans"]


def test_removed_questions_retire_and_come_back_with_their_id() -> None:
    old = registry(
        ("bias", "Explain the bias-variance tradeoff.", "a"),
        ("gans", "Compare VAEs and GANs.", "b"),
    )
    removed = assign([question("Explain the bias-variance tradeoff.")], ["a"], old)
    assert removed.ids == ("bias",)
    assert [(r.id, r.retired) for r in removed.records] == [("bias", ""), ("gans", "removed")]
    back = assign(
        [question("Compare VAEs and GANs."), question("Explain the bias-variance tradeoff.")],
        ["b", "a"],
        removed.records,
    )
    assert back.ids == ("gans", "bias")
    assert not [r for r in back.records if r.retired]


def test_new_questions_never_take_a_known_id() -> None:
    old = registry(("gradient-clipping", "Something else entirely?", "a"))
    retired = (Record("gradient-clipping-2", "Old question", "a", "removed"),)
    result = assign(
        [question("What is gradient clipping?"), question("What is gradient clipping and why?")],
        ["a", "a"],
        old + retired,
    )
    assert len(set(result.ids)) == 2
    assert not set(result.ids) & {"gradient-clipping", "gradient-clipping-2"}


def test_the_same_text_twice_gets_two_ids() -> None:
    result = assign([question("What is a GAN?"), question("What is a GAN?")], ["a", "b"], ())
    assert result.ids == ("gan", "gan-2")


def test_the_committed_registry_matches_the_seed(texts: list[str]) -> None:
    records = load_registry(SEEDS)
    assert [r.text for r in records if not r.retired] == texts
    assert len({r.id for r in records}) == len(records)


def test_registry_round_trips(tmp_path: pytest.TempPathFactory) -> None:
    records = load_registry(SEEDS)
    path = tmp_path / "ids.yml"  # type: ignore[operator]
    path.write_text(dump_registry(records), encoding="utf-8")
    assert load_registry(path.parent) == records
    assert dump_registry(records) == (SEEDS / "ids.yml").read_text(encoding="utf-8")


def test_an_unchanged_registry_is_left_as_it_is(tmp_path: Path) -> None:
    """A build whose ids did not change leaves ``ids.yml`` alone, a maintainer's layout
    included; one changed record writes the whole file in the registry's own layout."""
    records = load_registry(SEEDS)
    path = tmp_path / "ids.yml"
    by_hand = "# kept by hand\n" + dump_registry(records).replace("\n- ", "\n\n- ")
    path.write_text(by_hand, encoding="utf-8")
    assert load_registry(tmp_path) == records  # the same records, laid out differently
    assert save_registry(tmp_path, records, load_registry(tmp_path)) is None
    assert path.read_text(encoding="utf-8") == by_hand
    changed = (dataclasses.replace(records[0], text="What is new?"), *records[1:])
    assert save_registry(tmp_path, changed, records) is None
    assert path.read_text(encoding="utf-8") == dump_registry(changed)
    assert load_registry(tmp_path) == changed


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "What is gradient clipping and when do you use it?",
            "What is gradient boosting and when do you use it?",
        ),
        ("How does K-means clustering work?", "How does hierarchical clustering work?"),
        ("How does dropout prevent overfitting?", "How does weight decay prevent overfitting?"),
        ("Explain the bias-variance tradeoff.", "Explain the precision-recall tradeoff."),
    ],
)
def test_a_different_question_scoring_in_between_gets_a_new_id(old: str, new: str) -> None:
    """Through `assign`, not only the score: below the threshold is a new question, and the
    old one retires (its link explains where it went) instead of lending its id."""
    points = similarity(old, new)
    assert 40 <= points < REWORD_THRESHOLD, points  # the case this test is about
    records = registry(("kept-id", old, "a"))
    result = assign([question(new)], ["a"], records)
    assert result.ids != ("kept-id",)
    assert result.reworded == ()
    assert [(r.id, r.retired) for r in result.records if r.retired] == [("kept-id", "removed")]

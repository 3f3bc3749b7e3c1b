"""The JSON export: the documented schema, every question and follow-up, in seed order."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator import urls

from .conftest import SEED, SEEDS, Built, generated_from
from .support import LINES, expected_questions


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    """The export a build of the seed writes (the build writes these very bytes)."""
    data: dict[str, Any] = json.loads(generated_from(SEEDS).files[urls.QUESTIONS_JSON])
    return data


def test_schema(export: dict[str, Any]) -> None:
    assert export["schema"] == 1
    assert set(export) == {"schema", "questions", "topics", "banks", "concepts", "retired"}
    assert export["concepts"] and all(
        set(c) == {"slug", "name", "url"} and c["url"] == f"concepts/{c['slug']}/"
        for c in export["concepts"]
    )
    live = {q["id"] for q in export["questions"]}
    for record in export["retired"]:
        assert record["id"] not in live and record["into"] in (live | {None})
    for question in export["questions"]:
        assert set(question) == {
            "id",
            "url",
            "short_url",
            "bank",
            "group",
            "topic",
            "text",
            "follow_ups",
            "more_follow_ups",
            "concepts",
            "duplicates",
            "related",
            "source",
            "answer",
            "hint",
            "difficulty",
            "context",
            "figure",
            "links",
            "html",
        }
        assert set(question["html"]) == {
            "text",
            "follow_ups",
            "more_follow_ups",
            "answer",
            "hint",
            "context",
            "figure",
        }
        # The seed has no answers, difficulties, groups or source links.
        assert question["answer"] is question["hint"] is question["difficulty"] is None
        assert question["context"] is question["figure"] is None and question["links"] == []
        slug = question["topic"]["slug"]
        assert question["url"] == f"topics/{slug}/#{question['id']}"
        assert question["short_url"] == f"q/{question['id']}/"
        assert set(question["topic"]) == {"slug", "title"}
        assert question["source"]["file"] == SEED.name
        assert question["group"] == question["id"]  # one bank: every question stands alone
    [bank] = export["banks"]
    assert bank["files"] == [SEED.name] and bank["key"] == SEED.stem
    assert all(question["bank"] == bank["title"] for question in export["questions"])
    for topic in export["topics"]:
        assert set(topic) == {"slug", "title", "description", "url", "questions"}


def test_every_question_and_follow_up_in_seed_order(export: dict[str, Any]) -> None:
    questions = export["questions"]
    assert [(q["source"]["line"], q["text"]) for q in questions] == expected_questions()
    follow_ups = [f for q in questions for f in q["follow_ups"]]
    assert follow_ups == [line[2:] for line in LINES if line.startswith("- ")]
    assert "How do you validate if a new idea is *actually* novel?" in follow_ups


@pytest.mark.slow
def test_references_resolve(export: dict[str, Any], built: Built) -> None:
    ids = {q["id"] for q in export["questions"]}
    assert len(ids) == len(export["questions"])
    for question in export["questions"]:
        assert set(question["duplicates"]) | set(question["related"]) <= ids
        page, _ = question["url"].split("#")
        assert (built.site / page / "index.html").is_file()
        assert (built.site / question["short_url"] / "index.html").is_file()
    listed = [i for topic in export["topics"] for i in topic["questions"]]
    assert sorted(listed) == sorted(ids)


def test_rendered_html_is_the_safe_rendering_of_the_text(export: dict[str, Any]) -> None:
    """The site's scripts insert ``html`` as it is: it must be the inline Markdown rendered."""
    by_follow_up = {f: q for q in export["questions"] for f in q["follow_ups"]}
    question = by_follow_up["How do you validate if a new idea is *actually* novel?"]
    index = question["follow_ups"].index("How do you validate if a new idea is *actually* novel?")
    assert (
        question["html"]["follow_ups"][index]
        == "How do you validate if a new idea is <em>actually</em> novel?"
    )
    for q in export["questions"]:
        assert len(q["html"]["follow_ups"]) == len(q["follow_ups"])
        assert "<" not in q["html"]["text"].replace("<em>", "").replace("</em>", "")


def test_links_in_the_export_are_the_guides_links(export: dict[str, Any]) -> None:
    """The contents of ``duplicates``, ``related`` and ``concepts``, not only their ids:
    the curated duplicate pair both ways, related links both ways and at most five, and
    concepts that name what the question says."""
    by_id = {q["id"]: q for q in export["questions"]}
    assert "backpropagation-high-schooler" in by_id["backpropagation"]["duplicates"]
    assert "backpropagation" in by_id["backpropagation-high-schooler"]["duplicates"]
    assert "bias-variance-tradeoff" not in by_id["bias-model-evaluation"]["related"]
    for question in export["questions"]:
        assert len(question["related"]) <= 5
        for other in question["related"]:
            assert question["id"] in by_id[other]["related"]
        for other in question["duplicates"]:
            assert question["id"] in by_id[other]["duplicates"]
    dropout = [q for q in export["questions"] if "dropout" in q["text"].lower()]
    assert dropout and all("regularization" in q["concepts"] for q in dropout)
    bias = by_id["bias-variance-tradeoff"]
    assert "bias-variance" in bias["concepts"]

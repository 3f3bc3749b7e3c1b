"""A guide built from banks with answers: every answer under its own question, folded,
apart from the follow-ups; open in print; revealed last in Practice.

The banks are the fixtures in ``tests/data/banks/`` (one per shape a published bank
uses), built into a real site and read back with an HTML parser and in Chromium.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, expect

from .conftest import ROOT, Built, build
from .support_browser import new_context, site_url

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)

BANKS = ROOT / "tests" / "data" / "banks"


@pytest.fixture(scope="module")
def answered(tmp_path_factory: pytest.TempPathFactory) -> Built:
    seeds = tmp_path_factory.mktemp("answered-seeds")
    for bank in BANKS.glob("*.md"):
        shutil.copy(bank, seeds / bank.name)
    return build(seeds, tmp_path_factory.mktemp("answered-out"), "--no-pdf")


def export(built: Built) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built.site / "questions.json").read_text("utf-8"))
    return data


def test_every_answer_is_folded_under_its_own_question(answered: Built) -> None:
    """Each answer under its question; a question several banks ask (a group) shows every
    bank's answer in one block."""
    questions = {q["id"]: q for q in export(answered)["questions"]}
    seen = 0
    for path in (answered.site / "topics").glob("*/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for heading in soup.select("article h2.question"):
            group = [q for q in questions.values() if q["group"] == heading["id"]]
            answered = [q for q in group if q["answer"] is not None]
            blocks: list[Tag] = []
            for sibling in heading.find_next_siblings():
                if sibling.name == "h2":
                    break
                blocks.append(sibling)
            answers = [b for b in blocks if b.name == "details" and "answer" in b["class"]]
            if not answered:
                assert answers == [], heading["id"]
                continue
            seen += len(answered)
            [answer] = answers
            assert not answer.has_attr("open"), "an answer starts closed"
            assert answer.find_parent("details") is None, "not inside the follow-ups"
            # One answer is credited to its bank when other banks ask the question too.
            credit = f" ({answered[0]['bank']})" if len(group) > 1 else ""
            several = f"Answers from {len(answered)} banks"
            title = "Answer" + credit if len(answered) == 1 else several
            assert answer.summary is not None
            assert answer.summary.get_text() == title
            follow_ups = [b for b in blocks if b.name == "details" and "followups" in b["class"]]
            assert all(answer not in f.descendants for f in follow_ups)
            shown = " ".join(answer.get_text().split())
            for question in answered:
                expected = BeautifulSoup(question["html"]["answer"], "html.parser").get_text()
                assert " ".join(expected.split()) in shown
    answered_count = sum(q["answer"] is not None for q in questions.values())
    assert seen == answered_count > 80
    assert any(q["group"] != q["id"] and q["answer"] for q in questions.values())


def test_a_guide_without_answers_shows_no_answer_block(built: Built) -> None:
    for path in (built.site / "topics").glob("*/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("details.answer, details.hint")


def test_difficulty_context_and_sources_show_with_the_question(answered: Built) -> None:
    questions = export(answered)["questions"]
    marked = [q for q in questions if q["difficulty"]]
    grouped = [q for q in questions if q["context"]]
    sourced = [q for q in questions if q["links"]]
    assert marked and grouped and sourced
    for question in (marked[0], grouped[0], sourced[0]):
        page = answered.site / question["url"].split("#")[0] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        heading = soup.find(id=question["id"])
        assert heading is not None
        tools = soup.select_one(f'.question-tools[data-question="{question["id"]}"]')
        assert tools is not None
        if question["difficulty"]:
            badge = tools.select_one(".difficulty")
            assert badge is not None and badge.get_text() == question["difficulty"].capitalize()
        if question["links"]:
            assert tools.select("a.source-link")
        if question["context"]:
            context = heading.find_next_sibling("div", class_="question-context")
            assert context is not None


@pytest.mark.browser
def test_an_answer_opens_on_click_and_practice_reveals_it_last(
    browser: Browser, answered: Built
) -> None:
    questions = export(answered)["questions"]
    target = next(q for q in questions if q["answer"] and not q["follow_ups"] and not q["hint"])
    base = site_url()
    context = new_context(browser, answered.site)
    try:
        page = context.new_page()
        page.goto(base + target["url"])
        answer = page.locator(f"h2#{target['id']} ~ details.answer").first
        body = answer.locator(".answer-body")
        expect(body).to_be_hidden()
        answer.locator("summary").click()
        expect(body).to_be_visible()

        # Practice: only this question's topic, then its steps; the answer comes last.
        topic = target["topic"]["slug"]
        page.goto(f"{base}practice/?topics={topic}")
        reveal = page.locator("button[data-action=reveal]")
        heading = page.locator("#practice-question")
        for _ in range(60):  # draw until the answered question comes up
            if (
                heading.inner_text().strip()
                == BeautifulSoup(target["html"]["text"], "html.parser").get_text().strip()
            ):
                break
            page.locator("button[data-action=skip]").click()
        expect(page.locator(".practice-answer")).to_have_count(0)
        expect(reveal).to_have_text("Show the answer")
        reveal.click()
        expect(page.locator(".practice-answer")).to_have_count(1)
        expect(reveal).to_be_disabled()
    finally:
        context.close()


@pytest.mark.browser
def test_a_source_link_is_a_target_of_its_own_on_a_phone(browser: Browser, answered: Built) -> None:
    """The "Source" link in a question's row of controls is 24 px high at least (WCAG
    2.5.8): on a phone the row sits right above the related pill and the chips; and it
    is a word of its own, not glued to the bank's title before it."""
    questions = export(answered)["questions"]
    sourced = next(q for q in questions if q["links"])
    context = new_context(browser, answered.site, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url() + sourced["url"].split("#")[0])
        links = page.locator("article .question-tools a.source-link")
        expect(links.first).to_be_visible()
        heights = links.evaluate_all("l => l.map(e => e.getBoundingClientRect().height)")
        assert heights and min(heights) >= 24, heights
        # The row has no gap, so its words keep their own space: "Source" never touches
        # what comes before it on its line (a bank's title, another link).
        spaces = links.evaluate_all(
            """l => l.map(e => [e.previousElementSibling.getBoundingClientRect(),
                                e.getBoundingClientRect()])
                     .filter(([a, b]) => Math.abs(a.top - b.top) < 8)
                     .map(([a, b]) => b.left - a.right)"""
        )
        assert spaces and min(spaces) >= 4, spaces
    finally:
        context.close()

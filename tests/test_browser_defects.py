"""Regressions in the site's own JavaScript, each reproduced in real Chromium.

Kit links that opened Material's search, practice marking an unread question, the ¶
and "Copy link" disagreeing, a stored kit that broke the kit builder for good, a
regular expression that froze the tab, and an import that froze it and then
overstated what it stored. Ids and texts are read from the built site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .conftest import Built, build
from .support_browser import new_context, site_url, status

pytestmark = pytest.mark.browser

TOPIC = "deep-dives"
"""A short topic whose questions all have follow-ups."""

BASE = site_url()
TOPIC_PAGE = re.compile(rf"^{re.escape(BASE)}topics/{TOPIC}/(#.*)?$")
"""The topic page's address; Material's navigation.tracking may add the fragment in view."""
REVIEWED_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('studyguide:reviewed:')).sort()"


def questions(site: Path) -> list[dict[str, Any]]:
    data = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    return list(data["questions"])


def topic_ids(site: Path, slug: str) -> list[str]:
    return [q["id"] for q in questions(site) if q["topic"]["slug"] == slug]


@pytest.fixture
def context(browser: Browser, built: Built) -> Iterator[BrowserContext]:
    context = new_context(browser, built.site)
    yield context
    context.close()


def watched(context: BrowserContext, errors: list[str]) -> Page:
    """A new page whose script errors land in ``errors``."""
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def kit_ids(page: Page) -> list[str]:
    items = page.locator(".kit-list > li")
    return [str(i) for i in items.evaluate_all("l => l.map(e => e.dataset.id)")]


def drawn_id(page: Page) -> str:
    """The id of the question practice shows, from its "Open it on its topic page" link."""
    link = page.get_by_role("link", name="Open it on its topic page")
    return str(link.get_attribute("href")).rsplit("#", 1)[1]


# ---- 1. A shared kit link opens the kit, not Material's search.


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["ids", "q"], ids=["new-link", "old-link"])
def test_a_kit_link_opens_the_kit_not_the_search(
    browser: Browser, built: Built, size: tuple[int, int], name: str
) -> None:
    ids = topic_ids(built.site, TOPIC)[:3][::-1]  # not the guide's order
    context = new_context(browser, built.site, viewport={"width": size[0], "height": size[1]})
    try:
        errors: list[str] = []
        page = watched(context, errors)
        page.goto(f"{BASE}kit/?{name}={','.join(ids)}")
        expect(page.locator(".kit-list > li")).to_have_count(3)
        expect(page.locator("#__search")).not_to_be_checked()
        expect(page.locator("[data-md-toggle=search]")).not_to_be_checked()
        assert kit_ids(page) == ids
        expect(page).to_have_url(f"{BASE}kit/?ids={','.join(ids)}")
        expect(page.get_by_label("Link to this kit")).to_have_value(
            f"{BASE}kit/?ids={','.join(ids)}"
        )
        assert errors == []
    finally:
        context.close()


def test_elsewhere_q_is_still_a_search(context: BrowserContext) -> None:
    """The rename is the kit page's alone: on other pages ?q= is Material's search."""
    page = context.new_page()
    page.goto(f"{BASE}?q=gradient")
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("input.md-search__input")).to_have_value("gradient")


# ---- 2. Practice marks only the question on screen.


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_pressing_mark_reviewed_twice_marks_one_question(
    context: BrowserContext, built: Built, key: str
) -> None:
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(f"{BASE}practice/?topics={TOPIC}")
    expect(page.locator(".practice-question")).not_to_be_empty()
    first = drawn_id(page)
    page.get_by_role("button", name="Mark reviewed").focus()
    page.keyboard.press(key)
    page.keyboard.press(key)
    expect(status(page)).to_contain_text("Marked reviewed")
    expect(page.locator(".practice-question")).to_be_focused()
    assert drawn_id(page) != first
    assert page.evaluate(REVIEWED_KEYS) == [f"studyguide:reviewed:{first}"]
    assert errors == []


def test_double_clicking_mark_reviewed_marks_one_question(context: BrowserContext) -> None:
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(f"{BASE}practice/?topics={TOPIC}")
    expect(page.locator(".practice-question")).not_to_be_empty()
    first = drawn_id(page)
    # A double click's second click lands where the first did: keep the button there
    # whatever the length of the question drawn next.
    page.add_style_tag(content=".practice-question { height: 10em; overflow: hidden; }")
    page.get_by_role("button", name="Mark reviewed").dblclick()
    expect(status(page)).to_contain_text("Marked reviewed")
    assert page.evaluate(REVIEWED_KEYS) == [f"studyguide:reviewed:{first}"]
    assert errors == []


# ---- 3. The ¶ and "Copy link" share one address: the short link.


def test_the_pilcrow_and_copy_link_give_the_same_short_link(browser: Browser, built: Built) -> None:
    question = topic_ids(built.site, TOPIC)[1]
    short = f"{BASE}q/{question}/"
    context = new_context(browser, built.site)
    try:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(BASE))
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page = context.new_page()
        # To the topic by instant navigation: the links are set on every page Material shows.
        page.goto(BASE)
        page.evaluate("window.guideTestTag = 'still here'")
        page.locator(f'.topic-cards a[href$="topics/{TOPIC}/"]').first.click()
        expect(page).to_have_url(TOPIC_PAGE)
        assert page.evaluate("window.guideTestTag") == "still here", "a full page load happened"
        pilcrow = page.locator(f'h2.question[id="{question}"] > a.headerlink')
        copy = page.locator(f'.question-tools[data-question="{question}"] a.copy-link')
        expect(pilcrow).to_have_attribute("href", short)

        pilcrow.click()
        expect(copy).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == short
        # Material's navigation.tracking may write the fragment of a section in view.
        expect(page).to_have_url(
            re.compile(rf"^{re.escape(BASE)}topics/{TOPIC}/(#.*)?$")
        )  # copied, not followed

        page.reload()
        page.evaluate("navigator.clipboard.writeText('')")
        copy.click()
        expect(copy).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == short
    finally:
        context.close()

    # Without JavaScript the ¶ is the page link MkDocs made, which works too.
    plain = new_context(browser, built.site, java_script_enabled=False)
    try:
        page = plain.new_page()
        page.goto(f"{BASE}topics/{TOPIC}/")
        expect(page.locator(f'h2.question[id="{question}"] > a.headerlink')).to_have_attribute(
            "href", f"#{question}"
        )
    finally:
        plain.close()


# ---- 4. Nothing a link or storage holds can break the kit builder for good.

NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty"]


def expect_the_kit_works(page: Page, question: str) -> None:
    """The kit takes a question, then clears, and storage follows."""
    page.get_by_label("Add questions by pasting").fill(question)
    page.get_by_role("button", name="Add to kit", exact=True).click()
    expect(page.locator(".kit-list > li")).to_have_count(1)
    assert page.evaluate("localStorage.getItem('studyguide:kit')") == json.dumps([question])
    page.get_by_role("button", name="Clear the kit").click()
    expect(page.locator(".kit-heading")).to_have_text("0 questions")
    assert page.evaluate("localStorage.getItem('studyguide:kit')") is None


@pytest.mark.parametrize(
    "link", [f"ids={name}" for name in NAMES] + ["q=constructor", "ids=toString,constructor"]
)
def test_a_kit_link_naming_no_question_leaves_a_working_kit(
    context: BrowserContext, built: Built, link: str
) -> None:
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(f"{BASE}kit/?{link}")
    expect(page.locator(".kit-heading")).to_have_text("0 questions")
    expect(status(page)).to_contain_text("Not in the guide:")
    assert page.evaluate("localStorage.getItem('studyguide:kit')") is None

    page.goto(f"{BASE}kit/")
    expect(page.locator(".kit-heading")).to_have_text("0 questions")
    expect(page.locator(".kit-empty")).to_be_visible()
    expect_the_kit_works(page, topic_ids(built.site, TOPIC)[0])
    assert errors == []


BAD_KITS = [
    "not json",
    "42",
    "null",
    '"a string"',
    '{"constructor": 1}',
    "[1, {}, null, true]",
    '[["nested"]]',
    json.dumps(NAMES),
    json.dumps(["no-such-question"]),
]


@pytest.mark.parametrize("stored", BAD_KITS)
def test_a_stored_kit_that_cannot_be_read_is_dropped_with_a_note(
    context: BrowserContext, built: Built, stored: str
) -> None:
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(f"{BASE}about/")
    page.evaluate("value => localStorage.setItem('studyguide:kit', value)", stored)

    page.goto(f"{BASE}kit/")
    expect(page.locator(".kit-heading")).to_have_text("0 questions")
    expect(page.locator(".kit-empty")).to_be_visible()
    expect(status(page)).to_contain_text("kit")
    assert page.evaluate("localStorage.getItem('studyguide:kit')") is None
    expect_the_kit_works(page, topic_ids(built.site, TOPIC)[0])

    # Practice and the home page's progress read the same storage: planted again, they work.
    page.evaluate("value => localStorage.setItem('studyguide:kit', value)", stored)
    page.goto(f"{BASE}practice/")
    expect(page.locator(".practice-question")).not_to_be_empty()
    box = page.locator(".practice-links").get_by_label("Add to kit")
    expect(box).not_to_be_checked()
    box.check()
    kept = json.loads(page.evaluate("localStorage.getItem('studyguide:kit')"))
    assert isinstance(kept, list) and kept[-1] == drawn_id(page)
    page.goto(BASE)
    expect(page.get_by_role("button", name=re.compile("Import your progress"))).to_be_visible()
    assert errors == []


def test_a_stored_kit_keeps_its_questions_and_drops_the_rest(
    context: BrowserContext, built: Built
) -> None:
    ids = topic_ids(built.site, TOPIC)[:2]
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(f"{BASE}about/")
    stored = json.dumps([ids[0], "constructor", 7, ids[1], "no-such-question"])
    page.evaluate("value => localStorage.setItem('studyguide:kit', value)", stored)
    page.goto(f"{BASE}kit/")
    expect(page.locator(".kit-list > li")).to_have_count(2)
    assert kit_ids(page) == ids
    note = status(page)
    expect(note).to_contain_text("Dropped 1 unreadable entry")
    expect(note).to_contain_text("not in the guide: constructor, no-such-question")
    assert json.loads(page.evaluate("localStorage.getItem('studyguide:kit')")) == ids
    assert errors == []


# ---- 5. Seed text is inserted as the generator rendered it: no regex to freeze on.

RUN = "`" * 25000


@pytest.fixture(scope="module")
def backticks(tmp_path_factory: pytest.TempPathFactory) -> Built:
    seeds = tmp_path_factory.mktemp("backtick-seeds")
    text = "\n".join(
        [
            "## Topic",
            "",
            f"### 1. Why \\` {RUN} is this slow?",
            "",
            "### 2. What is a normal question?",
            "",
        ]
    )
    (seeds / "backticks.md").write_text(text, encoding="utf-8")
    return build(seeds, tmp_path_factory.mktemp("backtick-out"))


def test_a_long_run_of_backticks_renders_at_once(browser: Browser, backticks: Built) -> None:
    slow, normal = questions(backticks.site)
    assert "is this slow?" in slow["text"], "premise: the slow question comes first"
    context = new_context(browser, backticks.site)
    try:
        errors: list[str] = []
        page = watched(context, errors)
        page.goto(f"{BASE}kit/?ids={slow['id']},{normal['id']}")
        items = page.locator(".kit-question a")
        expect(items).to_have_count(2)
        expect(items.first).to_contain_text(f"Why ` {RUN} is this slow?")
        expect(items.last).to_have_text("What is a normal question?")

        page.goto(f"{BASE}practice/")
        question = page.locator(".practice-question")
        expect(question).not_to_be_empty()
        if drawn_id(page) != slow["id"]:
            page.get_by_role("button", name="Next question").click()
        expect(question).to_contain_text("is this slow?")
        assert errors == []
    finally:
        context.close()


# ---- 6. Importing marks: bounded, linear, all or nothing, and truthful.


def import_marks(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Import (your )?progress")).click()
    chooser.value.set_files(path)


def marks_file(path: Path, ids: list[str], **extra: Any) -> Path:
    path.write_text(json.dumps({"schema": 1, "reviewed": ids, **extra}), encoding="utf-8")
    return path


def test_an_oversized_marks_file_is_refused_and_changes_nothing(
    context: BrowserContext, tmp_path: Path
) -> None:
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(BASE)
    said = status(page)

    many = marks_file(tmp_path / "many.json", [f"q-{n}" for n in range(60000)])
    import_marks(page, many)
    expect(said).to_have_text(
        "That file lists 60,000 marks, more than the 50,000 an import takes; nothing was changed."
    )
    assert page.evaluate(REVIEWED_KEYS) == []

    large = marks_file(tmp_path / "large.json", ["q-1"], padding="x" * (6 * 1024 * 1024))
    import_marks(page, large)
    expect(said).to_contain_text("larger than 5 MB")
    expect(said).to_contain_text("nothing was changed")
    assert page.evaluate(REVIEWED_KEYS) == []
    assert errors == []


def test_importing_a_thousand_marks_stores_them_all(
    context: BrowserContext, tmp_path: Path
) -> None:
    ids = [f"q-{n}" for n in range(1000)]
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(BASE)
    import_marks(page, marks_file(tmp_path / "marks.json", ids + ids[:10]))
    expect(status(page)).to_have_text("Imported 1,000 marks, 1,000 of them new.")
    assert page.evaluate(REVIEWED_KEYS) == sorted(f"studyguide:reviewed:{i}" for i in ids)
    assert errors == []


FULL_AFTER = """
(() => {
  const setItem = Storage.prototype.setItem;
  let left = %d;
  Storage.prototype.setItem = function (key, value) {
    const mark = String(key).startsWith("studyguide:reviewed:");
    if (this === window.localStorage && mark && left-- <= 0) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return setItem.call(this, key, value);
  };
})();
"""


def test_an_import_that_fills_the_storage_is_taken_back_whole(
    context: BrowserContext, tmp_path: Path
) -> None:
    ids = [f"q-{n}" for n in range(1000)]
    context.add_init_script(FULL_AFTER % 500)
    errors: list[str] = []
    page = watched(context, errors)
    page.goto(BASE)
    page.evaluate("localStorage.setItem('studyguide:reviewed:q-7', '1')")  # marked before
    import_marks(page, marks_file(tmp_path / "marks.json", ids))
    expect(status(page)).to_have_text(
        "Could not import: this browser's storage is full; nothing was changed."
    )
    assert page.evaluate(REVIEWED_KEYS) == ["studyguide:reviewed:q-7"]
    assert errors == []

"""The reader's tools in real Chromium: reviewed marks, practice, the kit, print, no JavaScript.

One browser per module, a fresh context (so fresh storage) per test. Ids, texts and
counts are read from the built site, so the tests follow the seed.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Dialog,
    Locator,
    Page,
    Route,
    expect,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import ENGINES, Built, build
from .support import SEEN, guide_data, topic_ids, write_hostile_seed
from .support_browser import new_context, site_url, status

pytestmark = pytest.mark.browser

TOPIC = "deep-dives"
"""A short topic whose questions all have follow-ups."""


def follow_ups(site: Path, question_id: str) -> list[str]:
    [question] = [q for q in guide_data(site)["questions"] if q["id"] == question_id]
    return list(question["follow_ups"])


@pytest.fixture(scope="module")
def base() -> str:
    return site_url()


@pytest.fixture
def context(browser: Browser, site: Path) -> Iterator[BrowserContext]:
    context = new_context(browser, site)
    yield context
    context.close()


@pytest.fixture
def errors() -> list[str]:
    """Script errors and dialogs on ``page``: a test that reads it expects none."""
    return []


def watch(page: Page, errors: list[str]) -> Page:
    """Record ``page``'s script errors and dialogs (an alert is a script that ran) in ``errors``."""

    def on_dialog(dialog: Dialog) -> None:
        errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", on_dialog)
    return page


@pytest.fixture
def page(context: BrowserContext, errors: list[str]) -> Page:
    return watch(context.new_page(), errors)


def tools(page: Page, question_id: str) -> Locator:
    return page.locator(f'.question-tools[data-question="{question_id}"]')


def progress(page: Page) -> Locator:
    return page.locator("article div.guide-progress .guide-progress__text")


def mark_instant(page: Page) -> None:
    """Tag the window: the tag survives instant navigation and is lost on a real load."""
    page.evaluate("window.guideTestTag = 'still here'")


def expect_instant(page: Page) -> None:
    assert page.evaluate("window.guideTestTag") == "still here", "a full page load happened"


def test_a_reviewed_mark_survives_reload_and_instant_navigation(
    page: Page, base: str, built: Built, errors: list[str]
) -> None:
    ids = topic_ids(built.site, TOPIC)
    first, second = ids[0], ids[1]
    page.goto(f"{base}topics/{TOPIC}/")
    expect(progress(page)).to_have_text(f"0/{len(ids)} reviewed")
    box = tools(page, first).get_by_label("Reviewed")
    expect(box).not_to_be_checked()
    box.check()
    expect(progress(page)).to_have_text(f"1/{len(ids)} reviewed")
    assert page.evaluate(f"localStorage.getItem('studyguide:reviewed:{first}')") == "1"

    page.reload()
    expect(tools(page, first).get_by_label("Reviewed")).to_be_checked()
    expect(tools(page, second).get_by_label("Reviewed")).not_to_be_checked()
    expect(progress(page)).to_have_text(f"1/{len(ids)} reviewed")

    # Away and back by instant navigation: the home card counts it, the box is still ticked.
    mark_instant(page)
    page.locator(".md-sidebar--primary").get_by_role("link", name="Home", exact=True).click()
    card = page.locator(f'.topic-cards .guide-progress[data-topic="{TOPIC}"]')
    expect(card).to_contain_text(f"1/{len(ids)} reviewed")
    expect_instant(page)
    page.locator(".topic-cards").get_by_role("link", name=re.compile("Deep Dives")).click()
    # Material's navigation.tracking may add the fragment of a section in view.
    expect(page).to_have_url(re.compile(rf"^{re.escape(base)}topics/{TOPIC}/(#.*)?$"))
    expect(tools(page, first).get_by_label("Reviewed")).to_be_checked()
    expect(progress(page)).to_have_text(f"1/{len(ids)} reviewed")
    expect_instant(page)

    tools(page, first).get_by_label("Reviewed").uncheck()
    expect(progress(page)).to_have_text(f"0/{len(ids)} reviewed")
    assert page.evaluate(f"localStorage.getItem('studyguide:reviewed:{first}')") is None
    assert errors == []


def test_leaving_a_scrolled_topic_page_lands_on_the_new_page(
    page: Page, context: BrowserContext, base: str, errors: list[str]
) -> None:
    """Material's navigation.tracking may write the old page's section into the next
    page's address; that fragment is not a moved question to go back to."""

    def after_tracking(route: Route) -> None:
        # Hold the next page until the tracking has written the old page's section into
        # the address: the state that used to send readers back.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function("location.hash.length > 1", timeout=3000)
        route.fallback()

    context.route(f"{base}kit/", after_tracking)
    page.goto(f"{base}topics/{TOPIC}/")
    mark_instant(page)
    page.locator("h2.question").nth(2).scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    page.locator(".md-sidebar--primary").get_by_role("link", name="Kit builder").click()
    expect(page.locator(".kit-controls")).to_be_visible()
    # A wrong redirect would be a fetch and a new load: wait until the network is quiet.
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(re.compile(rf"^{re.escape(base)}kit/"))
    expect_instant(page)
    assert errors == []


def test_export_then_import_restores_the_marks(
    page: Page, base: str, built: Built, tmp_path: Path, errors: list[str]
) -> None:
    ids = topic_ids(built.site, TOPIC)
    chosen = sorted(ids[:3:2])
    page.goto(f"{base}topics/{TOPIC}/")
    for question_id in chosen:
        tools(page, question_id).get_by_label("Reviewed").check()
    page.goto(base)
    card = page.locator(f'.topic-cards .guide-progress[data-topic="{TOPIC}"]')
    expect(card).to_contain_text(f"2/{len(ids)} reviewed")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["schema"] == 2 and data["reviewed"] == chosen
    assert data["cards"] == {} and data["review_days"] == {}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", data["exported"])

    page.evaluate("localStorage.clear()")
    page.reload()
    expect(card).to_contain_text(f"0/{len(ids)} reviewed")
    # Importing merges: a mark made since is kept.
    page.evaluate(f"localStorage.setItem('studyguide:reviewed:{ids[1]}', '1')")
    page.reload()
    expect(card).to_contain_text(f"1/{len(ids)} reviewed")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Import (your )?progress")).click()
    chooser.value.set_files(exported)
    expect(status(page)).to_contain_text("Imported 2 marks, 2 of them new")
    expect(card).to_contain_text(f"3/{len(ids)} reviewed")
    page.goto(f"{base}topics/{TOPIC}/")
    for question_id in ids:
        box = tools(page, question_id).get_by_label("Reviewed")
        expect(box).to_be_checked(checked=question_id in [*chosen, ids[1]])

    # A file that is not an export changes nothing.
    junk = tmp_path / "junk.json"
    junk.write_text('{"reviewed": ["a"]}', encoding="utf-8")
    page.goto(base)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Import (your )?progress")).click()
    chooser.value.set_files(junk)
    expect(status(page)).to_contain_text("not an export")
    expect(card).to_contain_text(f"3/{len(ids)} reviewed")
    assert errors == []


def kit_ids(page: Page) -> list[str]:
    return [
        str(i) for i in page.locator(".kit-list > li").evaluate_all("l => l.map(e => e.dataset.id)")
    ]


@pytest.mark.parametrize("site", ENGINES, indirect=True)
def test_the_kit_link_opens_the_same_kit_in_a_fresh_browser(
    page: Page, browser: Browser, base: str, built: Built, site: Path, errors: list[str]
) -> None:
    ids = topic_ids(built.site, TOPIC)
    other = topic_ids(built.site, "core-ml")
    page.goto(f"{base}topics/{TOPIC}/")
    tools(page, ids[3]).get_by_label("Add to kit").check()
    tools(page, ids[1]).get_by_label("Add to kit").check()
    expect(page.locator(".guide-kit-count")).to_have_text("Open the kit (2)")
    mark_instant(page)
    page.locator(".md-sidebar--primary").get_by_role("link", name="Kit builder").click()
    expect(page.locator(".kit-list > li")).to_have_count(2)
    expect_instant(page)
    assert kit_ids(page) == [ids[3], ids[1]]

    # Paste links in the forms the CLI reads: a short link, a page link with #id, a bare id.
    pasted = f"{base}q/{other[0]}/\n../topics/core-ml/#{other[1]}, {other[2]} no-such-question"
    page.get_by_label("Add questions by pasting").fill(pasted)
    page.get_by_role("button", name="Add to kit", exact=True).click()
    expect(status(page)).to_contain_text("Added 3 questions")
    expect(status(page)).to_contain_text("not found: no-such-question")
    expected = [ids[3], ids[1], other[0], other[1], other[2]]
    assert kit_ids(page) == expected

    # Reorder with the keyboard: the moved question keeps the focus.
    move = page.locator(f'.kit-list > li[data-id="{other[2]}"] button[data-action="up"]')
    move.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".kit-list > li").nth(3)).to_have_attribute("data-id", other[2])
    expect(page.locator(f'.kit-list > li[data-id="{other[2]}"] [data-action="up"]')).to_be_focused()
    expected = [ids[3], ids[1], other[0], other[2], other[1]]
    assert kit_ids(page) == expected
    page.locator(f'.kit-list > li[data-id="{ids[1]}"]').get_by_role("button", name="Remove").click()
    expected.remove(ids[1])

    link = page.get_by_label("Link to this kit").input_value()
    assert link == f"{base}kit/?ids={','.join(expected)}"
    assert page.url == link

    fresh = new_context(browser, site)
    try:
        elsewhere = fresh.new_page()
        elsewhere.goto(link)
        expect(elsewhere.locator(".kit-list > li")).to_have_count(len(expected))
        assert kit_ids(elsewhere) == expected
        item = elsewhere.locator(f'.kit-list > li[data-id="{ids[3]}"]')
        expect(item.locator(".kit-followups li")).to_have_count(len(follow_ups(built.site, ids[3])))
        expect(item.locator(".kit-followups li").first).to_be_visible()
        expect(item.get_by_role("link")).to_have_attribute(
            "href", f"{base}topics/{TOPIC}/#{ids[3]}"
        )
    finally:
        fresh.close()
    assert errors == []


@pytest.mark.parametrize("site", ENGINES, indirect=True)
def test_practice_reveals_follow_ups_one_at_a_time(
    page: Page, base: str, built: Built, errors: list[str]
) -> None:
    ids = topic_ids(built.site, TOPIC)
    page.goto(f"{base}practice/?topics={TOPIC}")
    question = page.locator(".practice-question")
    expect(question).not_to_be_empty()
    opened = page.get_by_role("link", name="Open it on its topic page")
    current = str(opened.get_attribute("href")).rsplit("#", 1)[1]
    assert current in ids, "drew from another topic than the chosen one"
    expected = follow_ups(built.site, current)
    assert len(expected) > 1, "premise: several follow-ups to reveal"
    shown = page.locator(".practice-followups li")
    reveal = page.locator('button[data-action="reveal"]')
    expect(shown).to_have_count(0)
    for count in range(1, len(expected) + 1):
        expect(reveal).to_be_enabled()
        reveal.click()
        expect(shown).to_have_count(count)
        expect(shown.last).to_be_visible()
        expect(shown.last).to_have_text(expected[count - 1])
    expect(reveal).to_be_disabled()

    page.get_by_role("button", name="Next question").click()
    expect(shown).to_have_count(0)
    skipped_to = str(opened.get_attribute("href")).rsplit("#", 1)[1]
    assert skipped_to != current and skipped_to in ids
    assert page.evaluate(f"localStorage.getItem('studyguide:reviewed:{current}')") is None

    page.get_by_role("button", name="Mark reviewed").click()
    assert page.evaluate(f"localStorage.getItem('studyguide:reviewed:{skipped_to}')") == "1"
    expect(status(page)).to_contain_text("Marked reviewed")
    assert str(opened.get_attribute("href")).rsplit("#", 1)[1] != skipped_to
    assert errors == []


def test_printing_shows_follow_ups_and_hides_navigation(page: Page, base: str) -> None:
    page.goto(f"{base}topics/{TOPIC}/")
    items = page.locator("article details.followups li")
    expect(items.first).to_be_hidden()
    page.emulate_media(media="print")
    assert items.count() > 10
    for index in range(items.count()):
        expect(items.nth(index)).to_be_visible()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    expect(page.locator("header.md-header")).to_be_hidden()
    expect(page.locator(".question-tools").first).to_be_hidden()
    expect(page.locator("article div.guide-progress")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(items.first).to_be_hidden()


def test_the_kit_prints_its_questions_with_follow_ups_and_no_controls(
    page: Page, base: str, built: Built
) -> None:
    ids = topic_ids(built.site, TOPIC)[:2]
    page.goto(f"{base}kit/?ids={','.join(ids)}")
    expect(page.locator(".kit-list > li")).to_have_count(2)
    page.emulate_media(media="print")
    expect(page.locator(".kit-followups li").first).to_be_visible()
    expect(page.locator(".kit-followups li").last).to_be_visible()
    for hidden in (".kit-controls", ".kit-item-tools >> nth=0", ".md-sidebar--primary"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".kit-print-url")).to_contain_text(f"kit/?ids={','.join(ids)}")


def test_without_javascript_pages_still_read(browser: Browser, base: str, built: Built) -> None:
    context = new_context(browser, built.site, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base}topics/{TOPIC}/")
        soup = BeautifulSoup(
            (built.site / "topics" / TOPIC / "index.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        expect(page.locator("h2.question")).to_have_count(len(soup.select("h2.question")))
        expect(page.locator("h2.question").first).to_be_visible()
        details = page.locator("details.followups").first
        expect(details.locator("summary")).to_be_visible()
        details.locator("summary").click()
        expect(details.locator("li").first).to_be_visible()
        expect(page.locator(".copy-link").first).to_be_visible()
        # Nothing half-drawn: no boxes, no empty progress bar, no dead buttons. The
        # question boxes are in the HTML (no layout shift when scripts run) but hidden.
        expect(page.locator(".guide-toggle").first).to_be_hidden()
        expect(page.locator("article input:visible")).to_have_count(0)
        expect(page.locator("article button")).to_have_count(0)
        expect(page.locator("article div.guide-progress")).to_be_hidden()

        page.goto(base)
        expect(page.locator(".topic-cards .guide-progress").first).to_be_hidden()
        expect(page.locator(".home-progress")).to_be_hidden()

        for path, name in (
            ("kit/", "kit builder"),
            ("practice/", "Practice mode"),
            ("review/", "Review"),
        ):
            page.goto(base + path)
            expect(page.locator(".guide-noscript")).to_be_visible()
            expect(page.locator(".guide-noscript")).to_contain_text(f"{name} needs JavaScript")
            topics = page.locator(".guide-nojs a")
            expect(topics.first).to_be_visible()
            expect(topics).to_have_count(len(guide_data(built.site)["topics"]))
            expect(page.locator(".guide-app")).to_be_empty()
    finally:
        context.close()


def test_with_javascript_the_no_javascript_notes_are_gone(page: Page, base: str) -> None:
    page.goto(f"{base}kit/")
    expect(page.locator(".kit-controls")).to_be_visible()
    expect(page.locator(".guide-noscript")).to_be_hidden()
    expect(page.locator(".guide-nojs")).to_be_hidden()


CONTRAST = """
els => {
  function rgba(css) {
    const m = css.match(/[\\d.]+/g).map(Number);
    return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 };
  }
  function over(top, bottom) {
    const a = top.a + bottom.a * (1 - top.a);
    const mix = k => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / (a || 1);
    return { r: mix("r"), g: mix("g"), b: mix("b"), a };
  }
  function background(el) {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 1) break;
    }
    let color = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  }
  function luminance(c) {
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  return els.map(el => {
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const name = el.className || el.tagName;
    return [name, el.textContent.trim().slice(0, 30), (hi + 0.05) / (lo + 0.05)];
  });
}
"""

CONTROLS = {
    f"topics/{TOPIC}/": [
        ".guide-toggle",
        ".copy-link",
        ".concept-chip",
        ".topic-tools .guide-button",
        "details.followups > summary",
        "details.related > summary",
        "div.guide-progress .guide-progress__text",
        ".guide-progress__links a",
    ],
    "kit/": [
        ".md-button.guide-button:not(.md-button--primary)",
        ".md-button--primary.guide-button",
        ".kit-item-tools .guide-button:not(:disabled)",
        ".kit-topic",
        ".kit-question a",
        ".kit-field > label",
        "#kit-url",
    ],
    "practice/": [".practice-meta", ".practice-options > summary", ".md-button.guide-button"],
    "": [
        ".home-start",
        ".home-progress .guide-button:not([hidden])",
        "span.guide-progress .guide-progress__text",
    ],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_controls_meet_contrast(browser: Browser, base: str, built: Built, scheme: str) -> None:
    context = new_context(browser, built.site, color_scheme=scheme)
    try:
        page = context.new_page()
        kit = topic_ids(built.site, TOPIC)[:2]
        page.goto(base)
        page.evaluate(f"localStorage.setItem('studyguide:kit', '{json.dumps(kit)}')")
        low = []
        for path, selectors in CONTROLS.items():
            page.goto(base + path)
            expected = "slate" if scheme == "dark" else "default"
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
            for selector in selectors:
                found = page.locator(f"article {selector}")
                expect(found.first).to_be_visible()
                for name, text, ratio in found.evaluate_all(CONTRAST):
                    if ratio < 4.5:
                        low.append(f"{path} {selector} ({name}: {text!r}): {ratio:.2f}")
        assert low == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    seeds = tmp_path_factory.mktemp("tools-hostile-seeds")
    write_hostile_seed(seeds, "Hostile")
    return build(seeds, tmp_path_factory.mktemp("tools-hostile-out"))


def test_seed_text_shows_literally_in_the_kit(browser: Browser, base: str, hostile: Built) -> None:
    """Markup in questions is shown as text, exactly as the topic pages show it."""
    context = new_context(browser, hostile.site)
    try:
        dialogs: list[str] = []
        page = watch(context.new_page(), dialogs)
        ids = [q["id"] for q in guide_data(hostile.site)["questions"]]
        page.goto(f"{base}kit/?ids={','.join(ids)}")
        questions = page.locator(".kit-question a")
        expect(questions).to_have_count(len(SEEN))
        shown = [" ".join(t.split()) for t in questions.all_text_contents()]
        assert shown == SEEN
        follow = page.locator(".kit-followups li:first-child")
        assert [" ".join(t.split()) for t in follow.all_text_contents()] == [
            f"Also: {text}" for text in SEEN
        ]
        app = page.locator(".guide-app")
        expect(app.locator("script, img, b, a[href^='javascript']")).to_have_count(0)
        expect(app.locator("code").first).to_have_text("a|b")
        page.goto(f"{base}practice/")
        expect(page.locator(".practice-question")).not_to_be_empty()
        assert " ".join(page.locator(".practice-question").inner_text().split()) in SEEN
        assert dialogs == []
    finally:
        context.close()

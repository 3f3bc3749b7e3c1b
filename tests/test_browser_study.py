"""The study experience in real Chromium, on a phone (390×844) and a laptop (1280×800),
light and dark: the home page's starts, topic pages that read first, landing on a
question, the 404 page, spaced review, practice keys and the kit's words and minutes.

Ids, texts and counts come from the built site, so the tests follow the seed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from .conftest import Built, run_cli
from .support import guide_data, topic_ids
from .support_browser import new_context, site_url, status

pytestmark = pytest.mark.browser

BASE = site_url()
TOPIC = "deep-dives"
"""A short topic whose questions all have follow-ups."""
SIZES = {"phone": (390, 844), "laptop": (1280, 800)}
VIEWS = [(size, scheme) for size in SIZES for scheme in ("light", "dark")]
"""Every check of layout runs in each of these."""
TWO_VIEWS = [("phone", "light"), ("laptop", "dark")]
"""Behaviour (keys, storage) runs at both sizes and in both schemes, not in all four."""
CLOSED_MAX = 160
TOUCH = 44


def open_view(browser: Browser, built: Built, view: tuple[str, str]) -> BrowserContext:
    size, scheme = view
    width, height = SIZES[size]
    return new_context(
        browser, built.site, viewport={"width": width, "height": height}, color_scheme=scheme
    )


def watched_page(browser: Browser, built: Built, view: tuple[str, str]) -> Iterator[Page]:
    """A fresh browser in ``view``; the test using it expects no script errors."""
    context = open_view(browser, built, view)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture(params=VIEWS, ids=lambda v: "-".join(v))
def page(request: pytest.FixtureRequest, browser: Browser, built: Built) -> Iterator[Page]:
    """A page in each of `VIEWS`."""
    yield from watched_page(browser, built, request.param)


@pytest.fixture(params=TWO_VIEWS, ids=lambda v: "-".join(v))
def app_page(request: pytest.FixtureRequest, browser: Browser, built: Built) -> Iterator[Page]:
    """A page in each of `TWO_VIEWS`: the study tools' tests, which need fewer."""
    yield from watched_page(browser, built, request.param)


def in_viewport(page: Page, locator: Locator) -> bool:
    """Wholly visible without scrolling."""
    box, viewport = locator.bounding_box(), page.viewport_size
    assert box is not None and viewport is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def expect_scheme(page: Page) -> None:
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if dark else "default"
    )


def follow(page: Page, url: str) -> None:
    """Click a link to ``url`` in the page, as a reader would (on a phone the sidebar's
    links are in a drawer): Material's instant navigation takes it."""
    page.evaluate(
        """url => { const a = document.createElement("a"); a.href = url;
        document.querySelector("article").appendChild(a); a.click(); }""",
        url,
    )


def mark(page: Page, *ids: str) -> None:
    for question_id in ids:
        page.evaluate(f"localStorage.setItem('studyguide:reviewed:{question_id}', '1')")


# ---- 1. Home: a sentence, two starts, the topics.


def test_home_shows_both_starts_and_the_first_topic_without_scrolling(
    page: Page, built: Built
) -> None:
    page.goto(BASE)
    expect_scheme(page)
    review = page.locator(".home-start--review")
    practice = page.locator(".home-start--practice")
    first = page.locator(".topic-cards li").first
    for start in (review, practice, first):
        expect(start).to_be_visible()
    assert all(in_viewport(page, part) for part in (review, practice, first))
    expect(review).to_have_attribute("href", re.compile(r"review/$"))
    expect(practice).to_have_attribute("href", re.compile(r"practice/$"))
    assert "press" not in page.locator("article").inner_text().lower()
    expect(page.locator(".home-progress__count")).to_be_hidden()
    expect(page.get_by_role("button", name="Export progress")).to_be_hidden()

    # Once something is marked: today's count on Review, the progress with its export,
    # and the first topic still in view.
    mark(page, *topic_ids(built.site, TOPIC)[:2])
    page.reload()
    expect(review).to_contain_text("2 due today")
    expect(page.locator(".home-progress__count")).to_contain_text("2 of ")
    expect(page.get_by_role("button", name="Export progress")).to_be_visible()
    assert all(in_viewport(page, part) for part in (review, practice, first))


# ---- 2. Topic pages read first.


MEASURE = """() => Array.from(document.querySelectorAll('article h2.question')).map(h => {
  let bottom = h.getBoundingClientRect().bottom;
  let n = h.nextElementSibling;
  for (; n && !n.matches('h1, h2, .wording-anchor'); n = n.nextElementSibling) {
    const box = n.getBoundingClientRect();
    if (box.height) bottom = Math.max(bottom, box.bottom);
  }
  return [h.id, bottom - h.getBoundingClientRect().top];
})"""


def test_a_closed_question_is_short_on_a_phone(browser: Browser, built: Built) -> None:
    """At most 160 px from its heading to its last closed block, on every topic page,
    the question with four concept chips and three lines of heading included."""
    data = guide_data(built.site)
    context = open_view(browser, built, ("phone", "light"))
    try:
        page = context.new_page()
        heights: dict[str, float] = {}
        for topic in data["topics"]:
            page.goto(BASE + topic["url"])
            expect(page.locator("article .question-tools").first).to_be_visible()
            heights.update(dict(page.evaluate(MEASURE)))
        assert len(heights) == len({q["group"] for q in data["questions"]})
        assert {i: h for i, h in heights.items() if h > CLOSED_MAX} == {}
        assert sorted(heights.values())[len(heights) // 2] <= 125
    finally:
        context.close()


def test_controls_are_big_named_icons_unlike_the_chips(page: Page, built: Built) -> None:
    first = topic_ids(built.site, TOPIC)[0]
    page.goto(f"{BASE}topics/{TOPIC}/")
    expect_scheme(page)
    tools = page.locator(f'.question-tools[data-question="{first}"]')
    # Named for screen readers; the name is also the tooltip, shown on hover.
    reviewed = tools.get_by_role("checkbox", name="Reviewed")
    kit = tools.get_by_role("checkbox", name="Add to kit")
    copy = tools.get_by_role("link", name="Copy link")
    for control in (reviewed, kit, copy):
        expect(control).to_be_attached()
    tip = tools.locator(".guide-tip", has_text="Add to kit")
    expect(tip).not_to_be_in_viewport()
    tools.locator(".guide-toggle--kit").hover()
    expect(tip).to_be_visible()
    expect(tip).to_be_in_viewport()

    sizes = page.locator("article .guide-icon-button").evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])"
    )
    assert sizes and all(w >= TOUCH and h >= TOUCH for w, h in sizes), sizes
    summaries = page.locator(
        "article > details:is(.followups, .hint, .answer) > summary, .topic-tools button"
    ).evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert summaries and min(summaries) >= TOUCH
    small = page.locator("article .concept-chip, article > details.related > summary")
    heights = small.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24  # WCAG 2.5.8: links and lists, not the controls

    # Unlike the chips: square icons without words, the chips grey pills with words.
    icon = tools.locator(".guide-toggle--reviewed")
    chip = page.locator("article .concept-chip").first
    hidden_words = icon.locator(".guide-tip").bounding_box()
    assert hidden_words is not None and hidden_words["width"] <= 1  # for screen readers only
    assert chip.inner_text().strip()
    radius = "e => parseFloat(getComputedStyle(e).borderTopLeftRadius)"
    assert icon.evaluate(radius) < chip.evaluate(radius)
    # Follow-ups at body size.
    body = page.locator("article > p").first.evaluate("e => getComputedStyle(e).fontSize")
    details = page.locator("article details.followups").first
    details.locator("summary").click()
    item = details.locator("li").first
    assert item.evaluate("e => getComputedStyle(e).fontSize") == body


def test_expand_collapse_and_hide_reviewed(app_page: Page, built: Built) -> None:
    page = app_page
    ids = topic_ids(built.site, TOPIC)
    page.goto(f"{BASE}topics/{TOPIC}/")
    blocks = page.locator("article details.followups")
    page.get_by_role("button", name="Expand all").click()
    expect(page.locator("article details.followups[open]")).to_have_count(blocks.count())
    expect(blocks.first.locator("li").first).to_be_visible()
    page.get_by_role("button", name="Collapse all").click()
    expect(page.locator("article details.followups[open]")).to_have_count(0)

    page.locator(f'.question-tools[data-question="{ids[0]}"]').get_by_label("Reviewed").check()
    hide = page.get_by_role("button", name="Hide reviewed")
    expect(hide).to_have_attribute("aria-pressed", "false")
    hide.click()
    expect(hide).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"h2#{ids[0]}")).to_be_hidden()
    expect(page.locator(f'.question-tools[data-question="{ids[0]}"]')).to_be_hidden()
    expect(page.locator(f"h2#{ids[1]}")).to_be_visible()
    expect(page.locator(".topic-tools .guide-status")).to_have_text("1 reviewed question hidden.")
    page.reload()  # the choice is kept
    expect(page.locator(f"h2#{ids[0]}")).to_be_hidden()
    page.get_by_role("button", name="Hide reviewed").click()
    expect(page.locator(f"h2#{ids[0]}")).to_be_visible()


# ---- 3. Landing on a question.


@pytest.mark.parametrize("how", ["fragment", "short link"])
def test_landing_on_a_question_marks_it_and_opens_its_follow_ups(
    page: Page, built: Built, how: str
) -> None:
    ids = topic_ids(built.site, "core-ml")
    target = ids[-1]
    page.goto(f"{BASE}topics/core-ml/#{target}" if how == "fragment" else f"{BASE}q/{target}/")
    heading = page.locator(f"h2.question#{target}")
    expect(heading).to_be_in_viewport()
    expect(heading).to_have_class(re.compile(r"\bis-landed\b"))
    follow_ups = page.locator(f"h2#{target} ~ details.followups").first
    expect(follow_ups).to_have_attribute("open", "")
    expect(follow_ups.locator("li").first).to_be_visible()
    expect(page.locator("article details.followups[open]")).to_have_count(1)
    expect(page.locator(f"h2.question#{ids[0]}")).not_to_have_class(re.compile("is-landed"))


# ---- 4. A helpful 404.


def test_the_404_suggests_the_question_of_a_mistyped_short_link(page: Page, built: Built) -> None:
    question = next(q for q in guide_data(built.site)["questions"] if len(q["id"]) > 10)
    typo = question["id"][:4] + ("x" if question["id"][4] != "x" else "y") + question["id"][5:]
    response = page.goto(f"{BASE}q/{typo}/")
    assert response is not None and response.status == 404
    expect_scheme(page)
    suggestions = page.locator(".missing-suggestions li a")
    expect(suggestions.first).to_have_attribute("href", f"{BASE}q/{question['id']}/")
    expect(page.locator(".missing-suggestions li").first).to_contain_text(question["id"])
    expect(page.get_by_role("searchbox", name="Search the guide")).to_be_visible()
    topics = page.locator(".missing-topics a")
    expect(topics).to_have_count(len(guide_data(built.site)["topics"]))
    page.get_by_role("searchbox", name="Search the guide").fill("gradient")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("input.md-search__input")).to_have_value("gradient")


# ---- 5. Spaced review.


def drawn(page: Page) -> str:
    link = page.get_by_role("link", name="Open it on its topic page")
    return str(link.get_attribute("href")).rsplit("#", 1)[1]


CARD = "JSON.parse(localStorage.getItem('studyguide:card:{}'))"


LOCAL_DAY = (
    "iso => { const d = new Date(iso); return [d.getFullYear(), d.getMonth(), d.getDate()]; }"
)


def local_day(page: Page, iso: str) -> list[int]:
    """The browser's local calendar day of a date, as [year, month, day]."""
    day: list[int] = page.evaluate(LOCAL_DAY, iso)
    return day


def rate(page: Page, key: str) -> None:
    """Show the answer with Space, then rate it with ``key`` (1-4)."""
    expect(page.locator("#review-question")).not_to_be_empty()
    page.keyboard.press("Space")
    expect(page.locator(".review-ratings")).to_be_visible()
    expect(page.locator(".review-ratings button").first).to_contain_text("·")  # intervals shown
    page.keyboard.press(key)


def test_review_schedules_good_for_later_and_again_for_today(app_page: Page, built: Built) -> None:
    page = app_page
    start = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    page.clock.install(time=start)
    ids = topic_ids(built.site, TOPIC)[:2]
    page.goto(BASE)
    mark(page, *ids)
    page.goto(f"{BASE}review/")
    counter = page.locator(".review-counter")
    expect(counter).to_contain_text("Question 1 of 2")
    expect(counter).to_contain_text("new")
    first = drawn(page)
    rate(page, "3")  # Good
    expect(counter).to_contain_text("Question 2 of 2")
    second = drawn(page)
    rate(page, "1")  # Again: back in this session
    expect(counter).to_contain_text("Question 3 of 3")
    assert drawn(page) == second != first and {first, second} == set(ids)

    good, again = (page.evaluate(CARD.format(i)) for i in (first, second))
    today = local_day(page, start.isoformat())
    assert local_day(page, good["due"]) > today, "a Good card is not due again today"
    assert local_day(page, again["due"]) == today, "an Again card is"
    assert good["reps"] == again["reps"] == 1

    # The same schedule after a reload, and by instant navigation to and from home.
    page.reload()
    expect(counter).to_contain_text("Question 1 of 1")
    page.evaluate("window.guideTestTag = 'still here'")
    follow(page, BASE)
    expect(page.locator(".home-start--review")).to_contain_text("1 due today")
    page.locator(".home-start--review").click()
    expect(counter).to_contain_text("Question 1 of 1")
    assert page.evaluate("window.guideTestTag") == "still here", "a full page load happened"

    # Undo takes a rating back; then Good on the Again card leaves nothing for today.
    rate(page, "4")
    expect(page.get_by_role("heading", name="Done for today")).to_be_visible()
    page.keyboard.press("u")
    expect(counter).to_contain_text("Question 1 of 1")
    assert page.evaluate(CARD.format(second)) == again
    rate(page, "3")
    expect(page.get_by_role("heading", name="Done for today")).to_be_visible()
    expect(page.locator(".review-summary")).to_contain_text("1 rating: Again 0 · Hard 0 · Good 1")

    # Late tonight nothing is due; the day after tomorrow the first Good card is.
    page.clock.set_system_time(start.replace(hour=23, minute=50))
    page.goto(f"{BASE}review/")
    expect(page.get_by_role("heading", name="Nothing due today")).to_be_visible()
    page.clock.set_system_time(start + timedelta(days=2, hours=1))
    page.goto(f"{BASE}review/")
    expect(counter).to_contain_text("Question 1 of ")
    expect(counter).to_contain_text("due")


def test_review_of_a_concept_takes_its_questions(app_page: Page, built: Built) -> None:
    page = app_page
    data = guide_data(built.site)
    concept = data["concepts"][0]
    members = {q["group"] for q in data["questions"] if concept["slug"] in q["concepts"]}
    page.goto(f"{BASE}{concept['url']}")
    page.get_by_role("link", name="Review it").click()
    expect(page.locator(".review-scope")).to_contain_text(f"Reviewing {concept['name']} only")
    expect(page.locator(".review-counter")).to_contain_text(f"Question 1 of {len(members)}")


def export_progress(page: Page, folder: Path) -> Path:
    page.goto(BASE)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def import_progress(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Import (your )?progress")).click()
    chooser.value.set_files(path)


STORED = """Object.fromEntries(Object.keys(localStorage)
  .filter(k => k.startsWith('studyguide:')).map(k => [k, localStorage.getItem(k)]))"""


def test_review_cards_round_trip_through_export_and_import(
    app_page: Page, built: Built, tmp_path: Path
) -> None:
    page = app_page
    ids = topic_ids(built.site, TOPIC)[:2]
    page.goto(BASE)
    mark(page, *ids)
    page.goto(f"{BASE}review/")
    expect(page.locator("#review-question")).not_to_be_empty()
    rated = drawn(page)
    rate(page, "3")
    expect(page.locator(".review-counter")).to_contain_text("Question 2 of 2")
    before = page.evaluate(STORED)
    exported = export_progress(page, tmp_path)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["schema"] == 2 and sorted(data["reviewed"]) == sorted(ids)
    assert list(data["cards"]) == [rated] and sum(v[0] for v in data["review_days"].values()) == 1

    page.evaluate("localStorage.clear()")
    page.reload()
    import_progress(page, exported)
    expect(status(page)).to_contain_text("Imported 2 marks, 2 of them new, and 1 review card.")
    after = page.evaluate(STORED)
    assert after == before

    # Malformed or hostile files are refused whole, and nothing changes.
    hostile = [
        {**data, "cards": {ids[1]: {**data["cards"][rated], "stability": "1e9"}}},
        {**data, "cards": {"__proto__": data["cards"][rated]}},
        {**data, "cards": {ids[1]: {**data["cards"][rated], "extra": 1}}},
        {**data, "cards": [data["cards"][rated]]},
        {**data, "review_days": {"yesterday": [1, 0]}},
        {**data, "cards": {ids[1]: {**data["cards"][rated], "due": "soon"}}},
    ]
    for number, bad in enumerate(hostile):
        path = tmp_path / f"bad-{number}.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        import_progress(page, path)
        expect(status(page)).to_contain_text("cannot be imported")
        expect(status(page)).to_contain_text("nothing was changed")
        assert page.evaluate(STORED) == before, bad


# ---- 6. Practice.


def test_practice_keys_undo_and_summary(app_page: Page, built: Built) -> None:
    page = app_page
    ids = topic_ids(built.site, TOPIC)
    page.goto(f"{BASE}practice/?topics={TOPIC}")
    meta = page.locator(".practice-meta")
    expect(meta).to_contain_text(f"1 of {len(ids)}")
    first = drawn(page)
    page.keyboard.press("Space")
    expect(page.locator(".practice-followups li")).to_have_count(1)
    page.keyboard.press("Space")
    expect(page.locator(".practice-followups li")).to_have_count(2)
    page.keyboard.press("r")
    expect(meta).to_contain_text(f"2 of {len(ids)}")
    assert page.evaluate(f"localStorage.getItem('studyguide:reviewed:{first}')") == "1"
    page.keyboard.press("u")
    expect(meta).to_contain_text(f"1 of {len(ids)}")
    assert drawn(page) == first
    assert page.evaluate(f"localStorage.getItem('studyguide:reviewed:{first}')") is None
    expect(status(page)).to_contain_text("No longer marked reviewed")
    page.keyboard.press("n")  # Material's "next page" key does not leave the page
    expect(meta).to_contain_text(f"2 of {len(ids)}")
    assert page.url.startswith(f"{BASE}practice/")
    page.keyboard.press("r")
    for _ in range(len(ids) - 2):
        page.keyboard.press("n")
    done = page.get_by_role("heading", name="Session done")
    expect(done).to_be_visible()
    summary = page.locator(".review-summary")
    expect(summary).to_contain_text(
        f"{len(ids)} questions: 1 marked reviewed, {len(ids) - 1} passed over."
    )
    page.get_by_role("button", name=re.compile("Practise the .* passed over")).click()
    expect(meta).to_contain_text(f"1 of {len(ids) - 1}")


def test_practice_filters_by_concept_and_by_what_is_not_reviewed(
    app_page: Page, built: Built
) -> None:
    page = app_page
    data = guide_data(built.site)
    concept = max(
        data["concepts"], key=lambda c: sum(c["slug"] in q["concepts"] for q in data["questions"])
    )
    members = {q["group"] for q in data["questions"] if concept["slug"] in q["concepts"]}
    page.goto(f"{BASE}{concept['url']}")
    page.get_by_role("link", name="Practise this concept").click()
    meta = page.locator(".practice-meta")
    expect(meta).to_contain_text(f"1 of {len(members)}")
    assert drawn(page) in members
    page.locator(".practice-options > summary").click()
    expect(page.get_by_label("Concept")).to_have_value(concept["slug"])
    page.locator("#practice-question").focus()
    page.keyboard.press("r")
    page.get_by_label("Only questions I have not marked reviewed").check()
    expect(meta).to_contain_text(re.compile(rf"1 of {len(members) - 1}\b"))
    expect(page).to_have_url(re.compile(rf"practice/\?concept={concept['slug']}$"))


# ---- 7. The kit: title, notes and minutes, in the link and on paper.


def test_a_kit_link_with_title_notes_and_minutes_reproduces_the_kit(
    app_page: Page, browser: Browser, built: Built, tmp_path: Path
) -> None:
    """In a fresh browser, and printed by `studyguide kit` from the same link."""
    page = app_page
    ids = topic_ids(built.site, TOPIC)[:3]
    page.goto(f"{BASE}kit/?ids={','.join(ids)}")
    expect(page.locator(".kit-list > li")).to_have_count(3)
    # The kit comes first, the paste box after it.
    list_top = page.locator(".kit-list").bounding_box()
    paste_top = page.get_by_label("Add questions by pasting").bounding_box()
    assert list_top is not None and paste_top is not None and list_top["y"] < paste_top["y"]
    page.get_by_label("Title", exact=True).fill("Onsite loop: ML depth & breadth")
    page.get_by_label("Notes (printed").fill("Ask for trade-offs.\nStop at 45 minutes.")
    page.locator(f'.kit-item[data-id="{ids[0]}"]').get_by_label("Minutes").fill("10")
    page.locator(f'.kit-item[data-id="{ids[0]}"]').get_by_label("Minutes").press("Tab")
    page.locator(f'.kit-item[data-id="{ids[2]}"]').get_by_label("Minutes").fill("5")
    page.locator(f'.kit-item[data-id="{ids[2]}"]').get_by_label("Minutes").press("Tab")
    page.locator(f'.kit-item[data-id="{ids[2]}"]').get_by_role(
        "button", name=re.compile("Move up")
    ).click()
    order = [ids[0], ids[2], ids[1]]
    expect(page.locator(".kit-heading")).to_contain_text("15 min")
    link = page.get_by_label("Link to this kit").input_value()
    assert link.startswith(f"{BASE}kit/?ids={','.join(order)}&min=10,5,&title=")
    assert page.url == link

    fresh = new_context(browser, built.site, viewport=page.viewport_size)
    try:
        elsewhere = fresh.new_page()
        elsewhere.goto(link)
        expect(elsewhere.locator(".kit-list > li")).to_have_count(3)
        got = elsewhere.locator(".kit-list > li").evaluate_all("l => l.map(e => e.dataset.id)")
        assert got == order
        expect(elsewhere.get_by_label("Title", exact=True)).to_have_value(
            "Onsite loop: ML depth & breadth"
        )
        expect(elsewhere.get_by_label("Notes (printed")).to_have_value(
            "Ask for trade-offs.\nStop at 45 minutes."
        )
        minutes = elsewhere.locator(".kit-minutes-input").evaluate_all("l => l.map(e => e.value)")
        assert minutes == ["10", "5", ""]
        expect(elsewhere.locator(".kit-heading")).to_contain_text("3 questions")
        expect(elsewhere.locator(".kit-heading")).to_contain_text("15 min")

        # On paper: the title and notes as text, each question's minutes, its id and
        # short link, and room for notes; no fields or buttons.
        elsewhere.emulate_media(media="print")
        expect(elsewhere.locator(".kit-print-title")).to_have_text(
            "Onsite loop: ML depth & breadth"
        )
        expect(elsewhere.locator(".kit-print-notes")).to_have_text(
            "Ask for trade-offs.\nStop at 45 minutes."
        )
        expect(elsewhere.locator("article > h1")).to_be_hidden()
        expect(elsewhere.locator(".kit-words")).to_be_hidden()
        expect(elsewhere.locator(".kit-notes-space")).to_have_count(3)
        expect(elsewhere.locator(".kit-notes-space").first).to_be_visible()
        expect(elsewhere.locator(".kit-item").first.locator(".kit-minutes")).to_have_text("10 min")
        expect(elsewhere.locator(".kit-item").first.locator(".kit-topic")).to_contain_text(
            f"{order[0]} · "
        )
        expect(elsewhere.locator(".kit-item-tools").first).to_be_hidden()

        # The CLI kit made from the same link is the same document.
        web = elsewhere.evaluate(
            """() => [...document.querySelectorAll(".kit-item")].map(item => ({
                id: item.dataset.id,
                text: item.querySelector(".kit-question a").textContent,
                minutes: item.querySelector(".kit-minutes")?.textContent || "",
                followUps: [...item.querySelectorAll(".kit-followups li")]
                    .map(li => li.textContent),
            }))"""
        )
        web_notes = elsewhere.locator(".kit-print-notes").text_content() or ""
    finally:
        fresh.close()
    out = tmp_path / "kit.html"
    code, _, err = run_cli("kit", link, "-o", str(out))
    assert code == 0, err
    cli = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")

    def words(node: Tag | None) -> str:
        assert node is not None
        return " ".join(node.get_text(" ").split())

    assert words(cli.select_one(".kit-title")) == "Onsite loop: ML depth & breadth"
    notes = cli.select_one(".kit-notes")
    assert notes is not None and notes.h2 is not None
    notes.h2.extract()
    assert words(notes) == " ".join(web_notes.split())
    printed = [
        {
            "id": words(item.select_one(".question-id")),
            "text": words(item.select_one(".question-text")),
            "minutes": words(item.select_one(".question-minutes"))
            if item.select_one(".question-minutes")
            else "",
            "followUps": [words(li) for li in item.select(".follow-ups li")],
        }
        for item in cli.select("li.question")
    ]
    normalised = [
        {
            **q,
            "text": " ".join(q["text"].split()),
            "followUps": [" ".join(f.split()) for f in q["followUps"]],
        }
        for q in web
    ]
    assert printed == normalised
    assert [q["minutes"] for q in printed] == ["10 min", "5 min", ""]


def test_a_concept_goes_into_the_kit_whole(app_page: Page, built: Built) -> None:
    page = app_page
    data = guide_data(built.site)
    concept = data["concepts"][1]
    members = {q["group"] for q in data["questions"] if concept["slug"] in q["concepts"]}
    page.goto(f"{BASE}{concept['url']}")
    add = page.get_by_role("button", name=re.compile(r"Add all \d+ to the kit"))
    add.click()
    said = page.locator(".concept-actions .guide-status")
    expect(said).to_contain_text(f"{len(members)} question")
    stored = json.loads(page.evaluate("localStorage.getItem('studyguide:kit')"))
    assert sorted(stored) == sorted(members)
    add.click()
    expect(said).to_contain_text("already there")

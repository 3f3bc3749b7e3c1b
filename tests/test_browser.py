"""The built site in real Chromium: search, folded follow-ups, deep links, no outside requests.

Each test runs on both engines' builds (MkDocs and Zensical): these are the behaviours a
reader would miss first if the engine changed.

One browser per module, a fresh context per test. Ids and texts are read from the built HTML,
so the tests follow the seed instead of hard-coding it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Locator, Page, Request, expect

from .conftest import ENGINES, Built, built_by

pytestmark = pytest.mark.browser


def topic_soup(site: Path, slug: str) -> BeautifulSoup:
    html = (site / "topics" / slug / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def question_with_follow_up(site: Path, slug: str, text: str) -> str:
    """The id of the question on ``slug`` whose follow-ups contain ``text``."""
    for details in topic_soup(site, slug).select("details.followups"):
        if text in details.get_text():
            heading = details.find_previous("h2", class_="question")
            assert isinstance(heading, Tag), text
            return str(heading["id"])
    raise AssertionError(f"no follow-up on {slug} contains {text!r}")


@pytest.fixture(scope="module", params=ENGINES)
def base(request: pytest.FixtureRequest, serve_dir: object) -> str:
    """The site served locally: every test here runs on the MkDocs and the Zensical build."""
    assert callable(serve_dir)
    return str(serve_dir(built_by(request, request.param).site))


@pytest.fixture
def page(browser: Browser, base: str) -> Iterator[Page]:
    """A fresh page; anything bound off the local server is refused, never fetched."""
    context = browser.new_context()
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
    yield context.new_page()
    context.close()


@dataclass(frozen=True)
class Results:
    """A search's results, whichever engine's search shows them."""

    panel: Locator
    """Holds every result's link (each ``a`` leads to a page or a question)."""
    status: Locator
    """Says how many results there are, once the search has run."""


def search(page: Page, url: str, query: str) -> Results:
    """Open ``url``, press ``/`` and type ``query``; return the results.

    Both engines' searches open on ``/`` and read the query as it is typed (Material on
    key-up), so the text is typed, not filled in.  Material's search is in the page;
    Zensical's is a dialog in a shadow root, which Playwright's locators see into.
    """
    page.goto(url)
    material = page.locator("input.md-search__input")
    page.keyboard.press("/")
    if material.count():
        expect(material).to_be_focused()
        material.press_sequentially(query)
        panel = page.locator(".md-search-result")
        return Results(panel, panel.locator(".md-search-result__meta"))
    box = page.get_by_role("combobox", name="Search")
    expect(box).to_be_focused()
    box.press_sequentially(query)
    dialog = page.get_by_role("dialog", name="Search")
    return Results(
        dialog.get_by_role("listbox", name="Search results"), dialog.get_by_role("status")
    )


SETTLED = re.compile(r"(\d+|No) (matching documents?|results?)", re.IGNORECASE)
"""What either engine's status says once a search has run."""


def test_search_finds_a_follow_up_and_leads_to_its_question(
    page: Page, base: str, built: Built
) -> None:
    slug = "core-ml"  # reinforcement learning is part of it
    qid = question_with_follow_up(built.site, slug, "ε-greedy")
    results = search(page, base, "ε-greedy")
    hit = results.panel.locator(f"a[href*='topics/{slug}/'][href$='#{qid}']")
    expect(hit).to_be_visible()
    expect(hit).to_contain_text("greedy")
    hit.click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(base)}topics/{slug}/.*#{qid}$"))
    expect(page.locator("h1")).to_contain_text("Core Machine Learning")
    expect(page.locator(f"h2.question#{qid}")).to_be_in_viewport()


@pytest.mark.parametrize("query", ["copy link", "add to kit", "reviewed"])
def test_searching_for_a_control_label_finds_no_question(page: Page, base: str, query: str) -> None:
    """The buttons under every question are not indexed: their words may match a question
    elsewhere ("address", "today"), but no topic result holds the label itself."""
    results = search(page, base, query)
    expect(results.status).to_have_text(SETTLED)
    texts = results.panel.locator("a[href*='topics/']").all_inner_texts()
    assert not [text for text in texts if query in " ".join(text.lower().split())]


def test_search_indexes_words_found_only_in_follow_ups(page: Page, base: str, built: Built) -> None:
    slug, words = "core-ml", "Davies-Bouldin"
    soup = topic_soup(built.site, slug)
    for details in soup.select("details.followups"):
        details.decompose()
    for word in words.split("-"):
        assert word not in soup.get_text(), f"premise: {word} must occur only in a follow-up"
    qid = question_with_follow_up(built.site, slug, words)
    hit = search(page, base, words).panel.locator(f"a[href*='topics/{slug}/'][href$='#{qid}']")
    expect(hit).to_be_visible()
    expect(hit.locator("mark")).to_have_text(["Davies", "Bouldin"])


def test_follow_ups_are_folded_until_their_summary_is_clicked(page: Page, base: str) -> None:
    page.goto(base + "topics/deep-dives/")
    expect(page.locator("details.followups")).not_to_have_count(0)
    expect(page.locator("details.followups[open]")).to_have_count(0)
    details = page.locator("details.followups").first
    follow_ups = details.locator("ul")
    expect(follow_ups).to_be_hidden()
    details.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    expect(follow_ups).to_be_visible()
    expect(follow_ups.locator("li")).not_to_have_count(0)


def test_a_deep_link_scrolls_its_question_into_view(page: Page, base: str, built: Built) -> None:
    questions = topic_soup(built.site, "core-ml").select("h2.question")
    assert len(questions) > 10, "premise: the question is far down a long page"
    qid = str(questions[-1]["id"])
    page.goto(f"{base}topics/core-ml/#{qid}")
    heading = page.locator(f"h2.question#{qid}")
    expect(heading).to_be_in_viewport()
    box, viewport = heading.bounding_box(), page.viewport_size
    header = page.locator("header.md-header").bounding_box()
    assert box is not None and viewport is not None and header is not None
    assert header["height"] <= box["y"], "the sticky header hides the question"
    assert box["y"] + box["height"] <= viewport["height"]
    assert page.evaluate("window.scrollY") > 0


def test_no_request_leaves_the_local_server(page: Page, base: str) -> None:
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.context.on("request", record)
    page.goto(base)
    results = search(page, base + "topics/architectures/", "mode collapse")
    expect(results.panel.locator("a").first).to_be_visible()
    index = ("search/search_index.json", "/search.json")  # MkDocs', Zensical's
    assert any(url.endswith(index) for url in requests), requests
    outside = [url for url in requests if not url.startswith((base, "data:", "blob:"))]
    assert outside == [], "the site calls out to other hosts"

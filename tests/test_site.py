"""The built site, read back with an HTML parser: nothing lost, follow-ups folded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.markup import to_text
from generator.model import Guide, Topic

from .conftest import Built
from .support import seed_counts

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def heading_text(heading: Tag) -> str:
    """A heading's text without the permalink sign Material adds."""
    return "".join(
        str(node.get_text())
        for node in heading.children
        if not (isinstance(node, Tag) and "headerlink" in (node.get("class") or []))
    ).strip()


def section(heading: Tag) -> list[Tag]:
    """The elements after a question heading, up to the next heading."""
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2"):
            break
        found.append(sibling)
    return found


@pytest.fixture(scope="module")
def guide(seed_guide: Guide) -> Guide:
    return seed_guide


def topic_page(built: Built, topic: Topic) -> BeautifulSoup:
    return soup(built.site / "topics" / topic.slug / "index.html")


def test_every_question_and_follow_up_is_on_its_topic_page(built: Built, guide: Guide) -> None:
    questions = follow_ups = 0
    for topic in guide.topics:
        page = topic_page(built, topic)
        headings = page.select("article h2.question")
        assert [h["id"] for h in headings] == [e.id for e in topic.entries]
        assert [heading_text(h) for h in headings] == [
            to_text(e.question.text) for e in topic.entries
        ]
        for heading, entry in zip(headings, topic.entries, strict=True):
            blocks = [b for b in section(heading) if "followups" in (b.get("class") or [])]
            if entry.question.follow_ups:
                [block] = blocks
                assert block.name == "details"
                items = [" ".join(li.get_text().split()) for li in block.select("li")]
                assert items == [to_text(f) for f in entry.question.follow_ups]
                follow_ups += len(items)
            else:
                assert blocks == []
            questions += 1
    assert (questions, follow_ups) == seed_counts()


def test_follow_ups_are_folded_by_default(built: Built, guide: Guide) -> None:
    for topic in guide.topics:
        for details in topic_page(built, topic).select("article details"):
            assert not details.has_attr("open")
            if "followups" not in details["class"]:
                continue
            summary = details.find("summary")
            assert summary is not None and summary.get_text().endswith(("follow-up", "follow-ups"))
            assert details.select("li"), "no empty follow-up block"


def test_every_question_has_a_permalink(built: Built, guide: Guide) -> None:
    page = topic_page(built, guide.topics[0])
    for heading in page.select("article h2.question"):
        link = heading.select_one("a.headerlink")
        assert link is not None and link["href"] == f"#{heading['id']}"


def test_home_lists_every_topic_with_counts(built: Built, guide: Guide) -> None:
    home = soup(built.site / "index.html")
    cards = home.select("article .topic-cards li")
    assert len(cards) == len(guide.topics)
    for card, topic in zip(cards, guide.topics, strict=True):
        link = card.find("a")
        assert link is not None and link["href"] == f"topics/{topic.slug}/"
        assert f"{len(topic.entries)} question" in card.get_text()
        assert to_text(topic.description) in card.get_text(" ", strip=True)


def test_every_page_has_its_own_meta_description(built: Built) -> None:
    descriptions = []
    for path in sorted(built.site.rglob("index.html")):
        meta = soup(path).find("meta", attrs={"name": "description"})
        assert meta is not None and meta["content"], path
        descriptions.append(meta["content"])
    assert len(set(descriptions)) == len(descriptions)


def test_search_index_covers_follow_ups(built: Built) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "ε-greedy" in text
    assert "Davies-Bouldin" in text


CONTROLS = (
    "Reviewed",
    "Add to kit",
    "Copy link",
    "Related (",
    "Related questions",
    "Also asked as",
)


def test_a_question_is_found_by_its_own_words_only(built: Built) -> None:
    """A question's search entry is its heading and follow-ups: no control labels, related
    questions, "also asked as" or concept chips, which matched "kit" on every question."""
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if re.match(r"topics/[^/#]+/#", doc["location"])]
    assert len(entries) >= seed_counts()[0]
    for doc in entries:
        for label in CONTROLS:
            assert label not in doc["text"], (doc["location"], label)
    kit = [doc["location"] for doc in entries if "kit" in doc["text"].lower().split()]
    assert kit == []


def test_no_outside_requests_or_emoji_images(built: Built) -> None:
    for path in built.site.rglob("*.html"):
        page = soup(path)
        for tag in page.find_all(["link", "script", "img", "iframe", "source"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            if url and tag.get("rel") not in (["canonical"], ["edit"]):
                assert not str(url).startswith(("http:", "https:", "//")), (path, url)
        assert not page.select("img.twemoji, img.emojione"), path
    for css in built.site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_topic_edit_button_points_at_the_seed(built: Built, guide: Guide) -> None:
    link = topic_page(built, guide.topics[0]).select_one("a[rel=edit]")
    assert link is not None and str(link["href"]).endswith(
        "/edit/main/seeds/ml-interview-questions.md"
    )
    assert soup(built.site / "index.html").select_one("a[rel=edit]") is None

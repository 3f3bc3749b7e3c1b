"""Seed text is data: markup, template syntax and Markdown specials show up literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Built, build
from .support import HOSTILE, SEEN, write_hostile_seed


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    seeds = tmp_path_factory.mktemp("hostile-seeds")
    write_hostile_seed(seeds, "<b>Bold</b> {{ title }} | #1 pick")
    return build(seeds, tmp_path_factory.mktemp("hostile-out"))


def page(built: Built) -> BeautifulSoup:
    [path] = (built.site / "topics").glob("*/index.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(tag: object) -> str:
    return " ".join(str(tag.get_text()).replace("¶", "").split())  # type: ignore[attr-defined]


def test_questions_and_follow_ups_show_literally(hostile: Built) -> None:
    soup = page(hostile)
    assert [text(h) for h in soup.select("article h2.question")] == SEEN
    follow_ups = [text(li) for li in soup.select("article details.followups li")]
    assert follow_ups[::2] == [f"Also: {seen}" for seen in SEEN]
    assert len(follow_ups) == 2 * len(HOSTILE)


def test_the_section_title_is_text(hostile: Built) -> None:
    soup = page(hostile)
    assert text(soup.select_one("article h1")) == "<b>Bold</b> {{ title }} | #1 pick"
    assert soup.title is not None and soup.title.get_text().startswith("<b>Bold</b> {{ title }}")
    home = BeautifulSoup((hostile.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "<b>Bold</b> {{ title }} | #1 pick" in text(home.select_one(".topic-cards"))


def test_nothing_executes(hostile: Built) -> None:
    for path in [*hostile.site.rglob("*.html")]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article") or soup.body
        assert article is not None
        assert not article.find_all(["script", "img", "b", "table", "iframe"]), path
        assert not article.select("[onerror]")
        assert not any("javascript:" in str(a.get("href")) for a in soup.find_all("a"))
        assert not soup.select("#evil")
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text()


def test_ids_stay_clean(hostile: Built) -> None:
    soup = page(hostile)
    ids = [h["id"] for h in soup.select("article h2.question")]
    assert len(set(ids)) == len(HOSTILE)
    assert all(str(i).replace("-", "").isalnum() for i in ids)


def test_generated_markdown_has_no_live_syntax(hostile: Built) -> None:
    [markdown] = (hostile.pages / "topics").glob("*.md")
    body = markdown.read_text(encoding="utf-8").split("---", 2)[2]
    for needle in ("<script", "{{", "{%", "<img"):
        assert needle not in body


def test_seed_text_in_templates_is_never_rendered(tmp_path: Path) -> None:
    from generator.render import environment

    env = environment(Path(__file__).resolve().parent.parent / "templates")
    assert (
        env.from_string("{{ x | md }}").render(x="{{ 7*7 }}") == "&#123;&#123; 7&#42;7 &#125;&#125;"
    )

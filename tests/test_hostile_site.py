"""Every piece of seed and curation text is data on every page, in every attribute and
index, and in the PDFs and the deck: a guide built from hostile text runs nothing.

The hostile bank puts markup in section titles, a seed's file name, the curation
file's title and descriptions, concept names and definitions, questions,
follow-ups and answers.  Every built page is read with an HTML parser, then
opened in Chromium, which must show no dialog and log no error.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from .conftest import Built, build, run_cli
from .support import write_hostile_seed
from .support_browser import new_context, site_url

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)

SECTION = "Security <script>alert('topic')</script> </title><script>alert('t2')</script>"
SECOND = "\"><svg onload=alert('s')> {{ config.site_name }}"
GUIDE = "<img src=x onerror=alert('guide')> Guide"
CURATED = "<script>alert('curated')</script> Curated & co"
DESCRIPTION = "\"><script>alert('desc')</script> described"
CONCEPT = "<b onmouseover=alert('concept')>Risky</b>"
FILE = "\"><img src=x onerror=alert('file')>.md"
ANSWER_BANK = f"""\
## {SECOND}

### 1. What does a hostile answer do?

Nothing: <script>alert('answer')</script><img src="x" onerror="alert('img')">
<a href="javascript:alert('link')">a link</a> <iframe src="https://example.org"></iframe>
<svg onload="alert('svg')"><circle r="4"/></svg> <form action="x"><input name="a"></form>
"""
MARKERS = ("alert(", "onerror", "onload", "onmouseover", "javascript:")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    seeds = tmp_path_factory.mktemp("hostile-site-seeds")
    write_hostile_seed(seeds, SECTION)
    (seeds / FILE).write_text(ANSWER_BANK, encoding="utf-8")
    (seeds / "topics.yml").write_text(
        f"title: {json.dumps(GUIDE)}\n"
        "topics:\n"
        f"  - title: {json.dumps(CURATED)}\n"
        f"    description: {json.dumps(DESCRIPTION)}\n"
        "    icon: 🔐\n"
        f"    sections: [{json.dumps(SECTION)}]\n",
        encoding="utf-8",
    )
    (seeds / "concepts.yml").write_text(
        "concepts:\n"
        f"  - name: {json.dumps(CONCEPT)}\n"
        "    slug: risky\n"
        f"    definition: {json.dumps(DESCRIPTION)}\n"
        "    synonyms: [hostile answer, backslash]\n",
        encoding="utf-8",
    )
    return build(seeds, tmp_path_factory.mktemp("hostile-site-out"))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def curated_page(built: Built) -> Path:
    [page] = [p for p in (built.site / "topics").glob("*/index.html") if "curated" in p.parent.name]
    return page


def test_the_site_has_every_kind_of_page(hostile: Built) -> None:
    names = {path.relative_to(hostile.site).as_posix() for path in pages(hostile.site)}
    assert {"index.html", "404.html", "kit/index.html", "practice/index.html"} <= names
    assert {"concepts/risky/index.html", "concepts/index.html"} <= names
    assert any(name.startswith("q/") for name in names)
    assert len([n for n in names if n.startswith("topics/")]) == 2


def test_no_page_has_markup_from_the_seeds(hostile: Built) -> None:
    for path in pages(hostile.site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), path
        article = soup.select_one("article")
        if article is not None:  # the theme's own forms (search, palette) are outside it
            assert not article.find_all(["iframe", "form", "object", "embed"]), path
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.startswith("on"), (path, tag.name, name)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not text.strip().lower().startswith("javascript:"), (path, tag)
            if tag.name in ("img", "svg", "b"):
                assert "alert" not in str(tag), (path, tag)


def test_titles_reach_navigation_and_head_as_text(hostile: Built) -> None:
    home = BeautifulSoup((hostile.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav = [" ".join(a.get_text().split()) for a in home.select("nav.md-nav a.md-nav__link")]
    assert CURATED in nav
    assert " ".join(SECOND.split()) in nav
    for path in pages(hostile.site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.title is not None:
            assert "<script" not in str(soup.title).replace("&lt;script", ""), path
    topic = BeautifulSoup(curated_page(hostile).read_text(encoding="utf-8"), "html.parser")
    assert topic.title is not None and topic.title.get_text().startswith(CURATED)
    description = topic.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == DESCRIPTION
    heading = topic.select_one("article h1")
    assert heading is not None and CURATED in heading.get_text()


def test_the_search_index_and_sitemap_hold_text_only(hostile: Built) -> None:
    index = json.loads((hostile.site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert "<script" not in doc[field] and "<img" not in doc[field], doc
    sitemap = (hostile.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<script" not in sitemap and "alert(" not in sitemap


def test_the_edit_link_of_a_hostile_file_name_stays_one_link(project: Path) -> None:
    seeds = project / "seeds"
    for path in seeds.iterdir():
        path.unlink()
    (seeds / FILE).write_text(ANSWER_BANK, encoding="utf-8")
    code, _, err = run_cli("build", "--no-pdf", cwd=project)
    assert code == 0, err
    [page] = (project / "site" / "topics").glob("*/index.html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    [edit] = soup.select("a.md-content__button[rel=edit]")
    assert str(edit["href"]).endswith(
        "/seeds/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%28%27file%27%29%3E.md"
    )
    assert not soup.select("img[src=x]")


def test_pdfs_and_deck_hold_the_text(hostile: Built) -> None:
    reader = PdfReader(hostile.site / "handouts" / f"{curated_page(hostile).parent.name}.pdf")
    assert reader.metadata is not None and str(reader.metadata.title).startswith(CURATED)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert CURATED in outline[0]
    with zipfile.ZipFile(hostile.site / "downloads" / "ml-interview-questions.apkg") as deck:
        data = deck.read("collection.anki2")
    database = hostile.site.parent / "deck.sqlite"
    database.write_bytes(data)
    with sqlite3.connect(database) as conn:
        (decks,) = conn.execute("SELECT decks FROM col").fetchone()
        fields = [row[0] for row in conn.execute("SELECT flds FROM notes")]
    names = [deck["name"] for deck in json.loads(decks).values()]
    assert GUIDE in names
    for note in fields:
        for value in note.split("\x1f"):
            if value.startswith("http"):  # the Link field: an address, not markup
                continue
            soup = BeautifulSoup(value, "html.parser")
            assert not soup.find_all(["script", "iframe", "svg", "form"]), value
            for tag in soup.find_all(True):
                assert not [a for a in tag.attrs if a.startswith("on")], value


@pytest.mark.browser
def test_no_page_runs_seed_text_in_chromium(browser: Browser, hostile: Built) -> None:
    context = new_context(browser, hostile.site)
    dialogs: list[str] = []
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        base = site_url()
        for path in pages(hostile.site):
            relative = path.relative_to(hostile.site).as_posix().removesuffix("index.html")
            page.goto(base + relative)
            page.wait_for_load_state("load")
        page.goto(base + "no/such/page/")
        page.wait_for_load_state("load")
    finally:
        context.close()
    assert dialogs == []
    assert [e for e in errors if "404" not in e] == []

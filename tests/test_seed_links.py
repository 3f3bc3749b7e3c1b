"""Links and images in a bank follow one rule in every output.

A file beside the seed is copied into the site (and embedded in the deck and the
PDFs); a remote image becomes a link to it, so nothing is fetched from another
host at view time; a missing file is a ``check`` warning with its line and shows
as its words; ``check`` predicts ``build``, which never fails on a seed's link.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from .conftest import Built, build, run_cli

BANK = """\
## Papers

### 1. What does the Adam paper propose?

Read [the paper](papers/adam.pdf) and [the missing one](papers/gone.pdf), or
[the web](https://example.org/adam).

![The update rule](images/rule.png)

![A remote plot](https://example.org/plot.png)

<img src="https://example.org/raw.png" alt="raw remote"> <img src="images/rule.png" alt="raw local">

### 2. Why would [a local link](papers/adam.pdf) in a question work?

- And ![an image](images/rule.png) in a follow-up?
"""


def png() -> bytes:
    """A real 2×2 PNG, so the PDF printer can draw it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def write_bank(seeds: Path) -> None:
    (seeds / "papers").mkdir(parents=True)
    (seeds / "images").mkdir()
    (seeds / "papers" / "adam.pdf").write_bytes(b"%PDF-1.4 not really")
    (seeds / "images" / "rule.png").write_bytes(png())
    (seeds / "bank.md").write_text(BANK, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    seeds = tmp_path_factory.mktemp("linked-seeds")
    write_bank(seeds)
    return build(seeds, tmp_path_factory.mktemp("linked-out"))


def test_check_warns_about_the_missing_file_with_its_line(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write_bank(seeds)
    code, out, err = run_cli("check", "--seeds", str(seeds))
    assert (code, out) == (0, "")
    warnings = [line for line in err.splitlines() if line.endswith("(warning)")]
    assert warnings == [
        f"{seeds / 'bank.md'}:3: 'papers/gone.pdf': no such file beside the seed "
        "(papers/gone.pdf); it is shown as text (warning)"
    ]


def test_files_beside_the_seed_are_copied_and_linked(built: Built) -> None:
    page = built.site / "topics" / "papers" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    answer = article.select_one("details.answer")
    assert answer is not None
    links = {a.get_text(): str(a["href"]) for a in answer.select("a[href]")}
    assert links["the web"] == "https://example.org/adam"
    for href in (links["the paper"], *(str(i["src"]) for i in answer.select("img"))):
        assert not href.startswith(("http", "/"))
        assert (page.parent / href).resolve().is_file(), href
    copied = (page.parent / links["the paper"]).resolve()
    assert copied.read_bytes() == b"%PDF-1.4 not really"
    assert "the missing one" in answer.get_text() and "the missing one" not in links
    # The question's own link, in page Markdown, resolves too (MkDocs checked it, strictly).
    heading = article.select_one("h2.question + *")
    assert heading is not None
    [question_link] = [a for a in article.select("h2.question a") if "local link" in a.get_text()]
    assert (page.parent / str(question_link["href"])).resolve() == copied


def test_no_page_loads_an_image_from_another_host(built: Built) -> None:
    for path in built.site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for image in soup.find_all("img"):
            assert not str(image.get("src", "")).startswith(("http:", "https:", "//")), path
    page = built.site / "topics" / "papers" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    remote = {a.get_text(): a["href"] for a in soup.select("a.remote-image")}
    assert remote == {
        "A remote plot": "https://example.org/plot.png",
        "raw remote": "https://example.org/raw.png",
    }


def test_the_export_holds_site_relative_addresses(built: Built) -> None:
    data = json.loads((built.site / "questions.json").read_text(encoding="utf-8"))
    answer = data["questions"][0]["html"]["answer"]
    soup = BeautifulSoup(answer, "html.parser")
    for image in soup.find_all("img"):
        assert (built.site / str(image["src"])).is_file()


def test_the_deck_carries_local_images_and_links_remote_ones(built: Built) -> None:
    with zipfile.ZipFile(built.site / "downloads" / "ml-interview-questions.apkg") as deck:
        media = json.loads(deck.read("media"))
        assert len(media) == 1
        [(number, name)] = media.items()
        assert deck.read(number) == png()
        collection = deck.read("collection.anki2")
    assert b'src="http' not in collection
    assert name.encode() in collection


def test_the_handout_prints_the_local_image(built: Built) -> None:
    reader = PdfReader(built.site / "handouts" / "papers.pdf")
    images = [image for page in reader.pages for image in page.images]
    assert images, "the local image is embedded in the handout"

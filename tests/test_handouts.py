"""PDF handouts of the real seed, read back with pypdf: text, outline, metadata, fonts, bytes.

The handouts are printed once for the module (SOURCE_DATE_EPOCH set) and every
test reads those files; the expected side comes from the model, which
test_seed.py checks against an independent reading of the seed.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator import urls
from generator.build import Generated
from generator.errors import StudyGuideError
from generator.handouts import (
    Printer,
    bare_url,
    print_link,
    render_handouts,
    seed_date,
    short_url,
)
from generator.markup import to_text
from generator.model import Entry, Question, Source, Topic
from generator.urls import ALL_TOPICS

from .conftest import ROOT, SEEDS, generated_from
from .support import assert_in_order, seed_counts

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)

SITE = "https://ml-interview-guide.github.io/ml-interview-guide/"
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC
SEED_DATE = "2025-01-31"
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


@pytest.fixture(scope="module")
def generated() -> Generated:
    return generated_from(SEEDS)


@pytest.fixture(scope="module")
def handouts(generated: Generated, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("handouts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        paths = render(generated, out)
    return {path.stem: path for path in paths}


def render(generated: Generated, out: Path, **options: Any) -> list[Path]:
    return render_handouts(
        generated.guide,
        ROOT / "templates",
        out,
        site_url=SITE,
        seed_date=SEED_DATE,
        **options,
    )


def text_of(path: Path) -> str:
    """The PDF's text with whitespace normalized (lines wrap wherever the layout put them)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def expected(entries: tuple[Entry, ...]) -> list[str]:
    """What a reader must find, in this order: each question, its short link, its follow-ups."""
    found: list[str] = []
    for entry in entries:
        found += [to_text(entry.question.text), print_link(entry.id)]
        found += [to_text(follow_up) for follow_up in entry.question.follow_ups]
    return [" ".join(item.split()) for item in found]


MM = 72 / 25.4
BODY = (24 * MM, 22 * MM)
"""The page margins above and below the text (``@page`` in handout.css), in points."""


def fullness(path: Path) -> list[float]:
    """How far down each page the text goes, as a fraction of the text area's height.

    Text flows from the top of the area, so the lowest baseline drawn between the
    running header and footer says how much of the page is used: 0.5 means the lower
    half is empty.  (An image at the bottom of a page would count as empty: the
    measure can only call a page emptier than it is.)
    """
    fractions = []
    for page in PdfReader(path).pages:
        top = float(page.mediabox.height) - BODY[0]
        inside = [y for y in baselines(page) if BODY[1] < y < top]
        fractions.append((top - min(inside)) / (top - BODY[1]) if inside else 0.0)
    return fractions


def baselines(page: Any) -> list[float]:
    """The height above the bottom of the page of each piece of text drawn on it."""
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            found.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

    page.extract_text(visitor_text=visit)
    return found


def text_of_guide(generated: Generated) -> str:
    """Every question and follow-up of the guide, as plain text."""
    entries = generated.guide.entries
    return " ".join(to_text(t) for e in entries for t in (e.question.text, *e.question.follow_ups))


def outline_titles(path: Path) -> list[Any]:
    """The bookmarks as nested lists of titles."""

    def titles(items: list[Any]) -> list[Any]:
        return [titles(item) if isinstance(item, list) else item.title for item in items]

    return titles(PdfReader(path).outline)


def test_one_pdf_per_topic_and_one_for_the_guide(
    generated: Generated, handouts: dict[str, Path]
) -> None:
    slugs = [topic.slug for topic in generated.guide.topics]
    assert list(handouts) == [*slugs, ALL_TOPICS]
    assert all(path.read_bytes().startswith(b"%PDF-") for path in handouts.values())


def test_each_topic_has_every_question_id_link_and_follow_up_in_order(
    generated: Generated, handouts: dict[str, Path]
) -> None:
    for topic in generated.guide.topics:
        text = text_of(handouts[topic.slug])
        assert_in_order(text, expected(topic.entries))
        assert len(re.findall(r"/q/([a-z0-9-]+)/", text)) == len(topic.entries), topic.slug


def test_the_whole_guide_has_all_118_questions_and_274_follow_ups(
    generated: Generated, handouts: dict[str, Path]
) -> None:
    text = text_of(handouts[ALL_TOPICS])
    assert_in_order(text, expected(generated.guide.entries))
    linked = re.findall(r"/q/([a-z0-9-]+)/", text)
    unlinked = re.sub(r"/q/[a-z0-9-]+/", "", text)
    for entry in generated.guide.entries:  # a short link per question, not its id and URL
        assert bare_url(short_url(SITE, entry.id)) not in text
        assert entry.id not in unlinked or entry.id in text_of_guide(generated).lower()
    questions, follow_ups = seed_counts()
    assert len(linked) == len(set(linked)) == questions
    assert linked == [entry.id for entry in generated.guide.entries]
    assert text.count("→") == follow_ups  # each follow-up's bullet; the seed has no arrows
    topics = len(generated.guide.topics)
    facts = (f"topics {topics}", f"questions {questions}", f"follow-ups {follow_ups}")
    for fact in (*facts, f"updated {SEED_DATE}"):
        assert fact in text.lower()


def test_topics_run_on_without_leaving_a_page_more_than_half_empty(
    generated: Generated, handouts: dict[str, Path]
) -> None:
    """The whole guide: after the title page and contents, every page but the last is at
    least half full (each topic used to start a new page: 28 pages, many two-thirds
    empty); a topic's handout starts on its first page and fills all but its last."""
    whole = fullness(handouts[ALL_TOPICS])
    first = 3 - 1  # the first topic starts on page 3, after the title page and contents
    assert len(whole) < 24, whole
    assert min(whole[first:-1]) >= 0.5, [round(f, 2) for f in whole]
    topics = generated.guide.topics
    starts = [topic_page(handouts, topic) for topic in topics]
    assert starts[0] == first + 1
    # No page break before a topic: most start on the page where the one before ends.
    reader = PdfReader(handouts[ALL_TOPICS])

    def holds_the_end_of(before: Topic, page: int) -> bool:
        text = " ".join(reader.pages[page - 1].extract_text().split())
        last = before.entries[-1].question
        return any(to_text(words)[:30] in text for words in (last.text, *last.follow_ups))

    shared = [holds_the_end_of(a, start) for a, start in zip(topics, starts[1:], strict=False)]
    assert sum(shared) * 2 > len(shared), shared
    for topic in generated.guide.topics:
        pages = fullness(handouts[topic.slug])
        assert min(pages[:-1], default=1) >= 0.5, (topic.slug, pages)
        assert len(pages) <= -(-len(topic.entries) // 6), (topic.slug, len(pages))


def topic_page(handouts: dict[str, Path], topic: Topic) -> int:
    """The page of the whole guide where ``topic`` starts, from its bookmark."""
    reader = PdfReader(handouts[ALL_TOPICS])
    title = to_text(topic.title)
    [mark] = [m for m in reader.outline if not isinstance(m, list) and m.title == title]
    return reader.get_destination_page_number(mark) + 1


def test_the_contents_page_numbers_point_at_each_topic(
    generated: Generated, handouts: dict[str, Path]
) -> None:
    reader = PdfReader(handouts[ALL_TOPICS])
    contents = " ".join(reader.pages[1].extract_text().split())
    for topic in generated.guide.topics:
        match = re.search(re.escape(to_text(topic.title)) + r" \d+ questions? (\d+)", contents)
        assert match, topic.title
        page = reader.pages[int(match.group(1)) - 1]
        assert " ".join(page.extract_text().split()).find(to_text(topic.title)) >= 0


def test_outline_has_each_topic_and_its_questions(
    generated: Generated, handouts: dict[str, Path]
) -> None:
    def topic_outline(topic: Topic) -> list[Any]:
        return [to_text(topic.title), [to_text(e.question.text) for e in topic.entries]]

    whole = [item for topic in generated.guide.topics for item in topic_outline(topic)]
    assert outline_titles(handouts[ALL_TOPICS]) == whole
    for topic in generated.guide.topics:
        assert outline_titles(handouts[topic.slug]) == topic_outline(topic)


def test_metadata_title_language_and_dates(generated: Generated, handouts: dict[str, Path]) -> None:
    guide = generated.guide
    for topic in guide.topics:
        reader = PdfReader(handouts[topic.slug])
        assert reader.metadata is not None
        assert reader.metadata.title == f"{to_text(topic.title)} · {guide.title}"
        assert reader.trailer["/Root"]["/Lang"] == "en"
    reader = PdfReader(handouts[ALL_TOPICS])
    assert reader.metadata is not None
    assert reader.metadata.title == guide.title
    assert reader.metadata["/CreationDate"] == "D:20231114221320Z"
    assert reader.metadata["/ModDate"] == "D:20231114221320Z"


def test_a4_by_default(handouts: dict[str, Path]) -> None:
    for path in handouts.values():
        for page in PdfReader(path).pages:
            assert (round(page.mediabox.width, 2), round(page.mediabox.height, 2)) == A4


def test_topic_icons_are_drawn_in_colour_not_tofu(
    generated: Generated, handouts: dict[str, Path]
) -> None:
    """The emoji font draws each icon as a colour bitmap, so the cover shows a colourful image."""
    with_icons = [topic for topic in generated.guide.topics if topic.icon]
    assert {"🔍", "🧠", "🛠️", "⚡", "📊"} <= {topic.icon for topic in with_icons}
    for topic in with_icons:
        cover = PdfReader(handouts[topic.slug]).pages[0]
        assert topic.icon.rstrip("\ufe0f") in cover.extract_text(), topic.slug
        fonts = cover["/Resources"]["/Font"].values()
        names = [str(font.get_object()["/BaseFont"]) for font in fonts]
        assert any("Color-Emoji" in name for name in names), names
        images = [image.image for image in cover.images]
        assert len(images) == 1, topic.slug
        assert images[0] is not None
        colours = [c for _, c in images[0].convert("RGB").getcolors(maxcolors=1 << 16) or []]
        tinted = [c for c in colours if max(c) - min(c) > 40]
        assert len(colours) > 5 and tinted, f"{topic.slug}: the icon is not a colour emoji"


def test_the_fonts_the_stylesheet_names_are_embedded(handouts: dict[str, Path]) -> None:
    """Debian's Inter, Noto Serif and Noto Color Emoji, not a silent fallback."""
    reader = PdfReader(handouts[ALL_TOPICS])
    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            families.add(str(descriptor["/FontFamily"]))
    assert {"Inter", "Noto Serif", "Noto Color Emoji"} <= families, families


def test_seed_date_is_the_last_commit_or_else_the_newest_mtime(tmp_path: Path) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", seed_date(SEEDS, ["ml-interview-questions.md"]))
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "b.md").write_text("y", encoding="utf-8")
    os.utime(tmp_path / "a.md", (1_000_000_000, 1_000_000_000))  # 2001-09-09
    os.utime(tmp_path / "b.md", (1_600_000_000, 1_600_000_000))  # 2020-09-13
    assert seed_date(tmp_path, ["a.md", "b.md"]) == "2020-09-13"


def test_a_character_no_font_has_fails_instead_of_printing_a_box(tmp_path: Path) -> None:
    printer = Printer(ROOT / "templates")
    html = "<html lang='en'><body><p>private use: \U000f0001</p></body></html>"
    with pytest.raises(StudyGuideError, match=r"\.notdef.*apt-get install .*fonts-noto"):
        printer.write(html, tmp_path / "tofu.pdf")
    assert not (tmp_path / "tofu.pdf").exists()


def test_letter_paper_and_seed_text_shown_not_run(generated: Generated, tmp_path: Path) -> None:
    hostile = Entry(
        "hostile",
        Question(
            "Is <script>alert(1)</script> & <b>bold</b> *emphasis* [here](topics/x/) "
            "[or there](https://example.org/x)?",
            ("What about `<img src=x onerror=alert(1)>`?",),
            Source("s.md", 1),
        ),
    )
    topic = Topic("hostile", "Hostile <i>title</i>", "Seed text is data.", "", (hostile,))
    guide = dataclasses.replace(generated.guide, topics=(topic,))
    paths = render_handouts(
        guide,
        ROOT / "templates",
        tmp_path,
        site_url=SITE,
        seed_date=SEED_DATE,
        paper="letter",
    )
    for path in paths:
        page = PdfReader(path).pages[-1]
        assert (round(page.mediabox.width, 2), round(page.mediabox.height, 2)) == LETTER
    text = text_of(tmp_path / "hostile.pdf")
    assert "Is <script>alert(1)</script> & <b>bold</b> emphasis here or there?" in text
    assert "What about <img src=x onerror=alert(1)>?" in text
    assert "Hostile <i>title</i>" in text
    uris = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in PdfReader(tmp_path / "hostile.pdf").pages
        for annotation in page.get("/Annots", [])
    ]
    # A link to the web stays a link; a relative one is no file beside the seed: words only.
    assert sorted(uris) == ["https://example.org/x", f"{SITE}q/hostile/"]
    with pytest.raises(StudyGuideError, match="paper size 'legal'"):
        render_handouts(
            guide,
            ROOT / "templates",
            tmp_path,
            site_url=SITE,
            seed_date=SEED_DATE,
            paper="legal",
        )


def test_a_topic_too_large_for_one_pdf_is_printed_in_parts(
    generated: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory follows the largest part, not the bank: 60,000 questions print in pieces."""
    monkeypatch.setattr(urls, "MAX_PDF_QUESTIONS", 25)
    [topic] = [t for t in generated.guide.topics if len(t.entries) > 50]
    guide = dataclasses.replace(generated.guide, topics=(topic,))
    paths = render_handouts(guide, ROOT / "templates", tmp_path, site_url=SITE, seed_date=SEED_DATE)
    count = len(topic.entries)
    names = [path.name for path in paths]
    assert names == [f"{topic.slug}-{n}.pdf" for n in range(1, -(-count // 25) + 1)]
    texts = [text_of(path) for path in paths]
    printed = [entry.id for text in texts for entry in topic.entries if f"q/{entry.id}/" in text]
    assert sorted(printed) == sorted(e.id for e in topic.entries)  # each in exactly one part
    assert "(part 1 of" in texts[0]

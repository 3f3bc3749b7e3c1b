"""Interview kits: the questions an interviewer pasted, in their order, as PDF, HTML, Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.build import Generated
from generator.errors import StudyGuideError
from generator.handouts import bare_url, short_url
from generator.kit import kit_command, resolve_refs, write_kit
from generator.markup import to_markdown, to_text
from generator.model import Entry
from generator.urls import KitLink, kit_link, ref_id

from .conftest import ROOT, SEEDS, generated_from, run_cli
from .support import assert_in_order

SITE = "https://ml-interview-guide.github.io/ml-interview-guide/"
TITLE = "Onsite loop: ML depth"
NOTES = """\
Ask for **one concrete project** first.

- Stop after 10 minutes per question
- <script>alert("notes")</script> stays text
"""


@pytest.fixture(scope="module")
def generated() -> Generated:
    return generated_from(SEEDS)


@pytest.fixture(scope="module")
def chosen(generated: Generated) -> list[Entry]:
    """Three questions from three topics, not in guide order, with follow-ups."""
    topics = generated.guide.topics
    picks = [topics[2].entries[3], topics[0].entries[10], topics[3].entries[6]]
    assert all(entry.question.follow_ups for entry in picks)
    return picks


@pytest.fixture(scope="module")
def refs(generated: Generated, chosen: list[Entry]) -> list[str]:
    """The same three as interviewers paste them: an id, a short link, a page link."""
    page = next(t for t in generated.guide.topics if chosen[2] in t.entries)
    return [
        chosen[0].id,
        short_url(SITE, chosen[1].id),
        f"{SITE}topics/{page.slug}/#{chosen[2].id}",
    ]


@pytest.fixture(scope="module")
def kits(
    generated: Generated, refs: list[str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("kits")
    notes = out / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    written = {}
    for suffix in ("pdf", "html", "md"):
        output = out / "nested" / f"kit.{suffix}"
        summary = kit_command(generated, refs, TITLE, notes, output, ROOT / "templates", SITE)
        assert summary.startswith("Wrote ") and "3 questions" in summary
        written[suffix] = output
    return written


def question_lines(entries: list[Entry]) -> list[str]:
    lines: list[str] = []
    for entry in entries:
        lines += [to_text(entry.question.text), entry.id, bare_url(short_url(SITE, entry.id))]
        lines += [to_text(f) for f in entry.question.follow_ups]
    return lines


@pytest.mark.parametrize(
    "ref",
    [
        "bias-variance-tradeoff",
        " bias-variance-tradeoff ",
        "q/bias-variance-tradeoff",
        "q/bias-variance-tradeoff/",
        "https://ml-interview-guide.github.io/ml-interview-guide/q/bias-variance-tradeoff/",
        "ml-interview-guide.github.io/ml-interview-guide/q/bias-variance-tradeoff/index.html",
        "https://ml-interview-guide.github.io/ml-interview-guide/topics/deep-dives/#bias-variance-tradeoff",
        "topics/deep-dives/#bias-variance-tradeoff",
    ],
)
def test_every_way_interviewers_paste_a_question(ref: str) -> None:
    assert ref_id(ref) == "bias-variance-tradeoff"


@pytest.mark.parametrize("ref", ["", "   ", "https://example.org/topics/deep-dives/", "a/b/c"])
def test_what_names_no_question(ref: str) -> None:
    assert ref_id(ref) is None


def test_refs_resolve_to_exactly_those_questions_in_order(
    generated: Generated, refs: list[str], chosen: list[Entry]
) -> None:
    assert resolve_refs(refs, generated.guide) == chosen


def test_an_unknown_id_is_one_line_naming_it_with_suggestions(generated: Generated) -> None:
    with pytest.raises(StudyGuideError) as error:
        resolve_refs(["decision-trees", f"{SITE}q/bias-variance-tradof/"], generated.guide)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("unknown question id 'bias-variance-tradof'; did you mean ")
    assert "bias-variance-tradeoff" in message.split("did you mean ", 1)[1]
    assert message.endswith("?")


def test_nothing_close_gives_no_suggestions(generated: Generated) -> None:
    with pytest.raises(StudyGuideError, match=r"^unknown question id 'zzzz-qqqq'$"):
        resolve_refs(["zzzz-qqqq"], generated.guide)


def test_a_question_listed_twice_is_an_error(generated: Generated) -> None:
    with pytest.raises(StudyGuideError, match="'decision-trees' is listed twice"):
        resolve_refs(["decision-trees", "q/decision-trees/"], generated.guide)


def test_pdf_kit_has_exactly_the_three_questions_in_order(
    kits: dict[str, Path], chosen: list[Entry]
) -> None:
    reader = PdfReader(kits["pdf"])
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert TITLE in text
    assert "Ask for one concrete project first." in text
    assert_in_order(text, question_lines(chosen))
    assert re.findall(r"/q/([a-z0-9-]+)/", text) == [entry.id for entry in chosen]
    assert [item.title for item in reader.outline] == [to_text(e.question.text) for e in chosen]
    assert reader.metadata is not None and reader.metadata.title == TITLE
    assert (round(reader.pages[0].mediabox.width), round(reader.pages[0].mediabox.height)) == (
        595,
        842,
    )


def test_html_kit_is_one_self_contained_page(kits: dict[str, Path], chosen: list[Entry]) -> None:
    soup = BeautifulSoup(kits["html"].read_text(encoding="utf-8"), "html.parser")
    assert soup.title is not None and soup.title.string == TITLE
    questions = soup.select("li.question")
    assert [li["id"] for li in questions] == [f"q-{entry.id}" for entry in chosen]
    for li, entry in zip(questions, chosen, strict=True):
        heading = li.select_one(".question-text")
        assert heading is not None and heading.get_text() == to_text(entry.question.text)
        follow_ups = [item.get_text() for item in li.select(".follow-ups li")]
        assert follow_ups == [to_text(f) for f in entry.question.follow_ups]
        link = li.select_one("a.question-link")
        assert link is not None and link["href"] == short_url(SITE, entry.id)
    assert soup.find("style") is not None
    assert not soup.select("link[rel=stylesheet], script, img, [src]")
    notes = soup.select_one(".kit-notes")
    assert notes is not None and notes.find("strong") is not None
    assert '<script>alert("notes")</script> stays text' in notes.get_text()


def test_markdown_kit_lists_the_questions_and_follow_ups(
    kits: dict[str, Path], chosen: list[Entry]
) -> None:
    text = kits["md"].read_text(encoding="utf-8")
    assert text.startswith(f"# {TITLE}\n")
    assert "## Notes\n\nAsk for **one concrete project** first." in text
    headings = re.findall(r"^## (\d+)\. (.+)$", text, re.MULTILINE)
    assert headings == [
        (str(n), to_markdown(e.question.text)) for n, e in enumerate(chosen, start=1)
    ]
    for entry in chosen:
        assert f"`{entry.id}` · <{short_url(SITE, entry.id)}>" in text
    bullets = re.findall(r"^- (.+)$", text, re.MULTILINE)
    follow_ups = [to_markdown(f) for e in chosen for f in e.question.follow_ups]
    assert bullets[-len(follow_ups) :] == follow_ups


def test_unknown_format_is_an_error(
    generated: Generated, chosen: list[Entry], tmp_path: Path
) -> None:
    with pytest.raises(StudyGuideError, match=r"kit\.docx.*\.pdf, \.html, \.md"):
        write_kit(
            chosen, TITLE, None, tmp_path / "kit.docx", ROOT / "templates", SITE, generated.guide
        )
    assert not list(tmp_path.iterdir())


def test_printed_links_need_the_sites_address(
    generated: Generated, chosen: list[Entry], tmp_path: Path
) -> None:
    with pytest.raises(StudyGuideError, match=r"set site_url in mkdocs\.yml"):
        write_kit(
            chosen, TITLE, None, tmp_path / "kit.html", ROOT / "templates", "", generated.guide
        )


def test_a_kit_without_a_title_is_named_after_the_date(
    project: Path, chosen: list[Entry], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")  # 2025-06-15
    code, _, err = run_cli("kit", chosen[0].id, "-o", "kit.md", cwd=project)
    assert code == 0, err
    text = (project / "kit.md").read_text(encoding="utf-8")
    assert text.startswith("# Interview kit, 2025-06-15\n")


def test_the_kit_prints_what_a_good_answer_covers(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bank.md").write_text(
        "## Topic\n\n### 1. Why scale features?\n\nDistances and **gradients** behave.\n"
        "<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    generated = generated_from(seeds)
    [entry] = generated.guide.entries
    out = tmp_path / "kit.html"
    kit_command(generated, [entry.id], "", None, out, ROOT / "templates", SITE)
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    answer = soup.select_one(".question-answer")
    assert answer is not None
    assert answer.select_one(".block-label") is not None
    assert " ".join(answer.get_text(" ").split()) == (
        "What a good answer covers Distances and gradients behave."
    )
    assert not soup.find_all("script")
    markdown = tmp_path / "kit.md"
    kit_command(generated, [entry.id], "", None, markdown, ROOT / "templates", SITE)
    text = markdown.read_text(encoding="utf-8")
    assert "<details><summary>What a good answer covers</summary>" in text
    assert "<strong>gradients</strong>" in text and "<script" not in text


# ---- The kit builder's link: the same kit on the command line.


def test_a_kit_link_is_read_as_its_questions_minutes_title_and_notes() -> None:
    link = kit_link(
        f"{SITE}kit/?ids=gans,backpropagation,,dropout&min=10,x,7,1000"
        "&title=Loop%20%231&notes=Line%20one%0ALine%20two"
    )
    assert link == KitLink(
        ("gans", "backpropagation", "dropout"), (10, 0, 0), "Loop #1", "Line one\nLine two"
    )
    old = kit_link("kit/?q=gans,dropout")
    assert old is not None and old.refs == ("gans", "dropout") and old.minutes == (0, 0)
    spaced = kit_link("kit/?ids=gans,%20dropout%20&min=5,%206")  # a link tidied by hand
    assert spaced is not None and (spaced.refs, spaced.minutes) == (("gans", "dropout"), (5, 6))
    assert kit_link(f"{SITE}kit/") is None  # an empty kit names no question
    assert kit_link(f"{SITE}q/gans/") is None
    assert kit_link(f"{SITE}practice/?ids=gans") is None
    long = kit_link("kit/?ids=gans&title=" + "t" * 300 + "&notes=" + "n" * 5000)
    assert long is not None and (len(long.title), len(long.notes)) == (200, 4000)


def test_the_cli_prints_the_kit_a_kit_link_holds(
    generated: Generated, chosen: list[Entry], tmp_path: Path
) -> None:
    ids = [entry.id for entry in chosen]
    link = (
        f"{SITE}kit/?ids={','.join(ids)}&min=10,,5"
        "&title=Onsite%20%26%20more&notes=Ask%20for%20*trade-offs*.%0A1.%20Stop%20at%2045."
    )
    out = tmp_path / "kit.md"
    kit_command(generated, [link], "", None, out, ROOT / "templates", SITE)
    text = out.read_text(encoding="utf-8")
    follow_ups = sum(len(entry.question.follow_ups) for entry in chosen)
    assert text.startswith(
        f"# Onsite &#38; more\n\n*ML Interview Study Guide · 3 questions · {follow_ups} follow-ups"
        " · 15 min*\n\n## Notes\n\nAsk for &#42;trade-offs&#42;.\\\n1&#46; Stop at 45.\n"
    )
    lines = [line for line in text.splitlines() if line.startswith("`")]
    assert [line.startswith(f"`{i}`") for i, line in zip(ids, lines, strict=True)] == [True] * 3
    assert [line.endswith(" min") for line in lines] == [True, False, True]
    assert lines[0].endswith(" · 10 min") and lines[2].endswith(" · 5 min")
    # Options on the command line win over the link's.
    notes = tmp_path / "notes.md"
    notes.write_text("From the **file**.", encoding="utf-8")
    kit_command(generated, [link], "Mine", notes, out, ROOT / "templates", SITE)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Mine\n") and "From the **file**." in text and "trade-offs" not in text

"""Several banks in one guide: banks named and credited, generic sections kept apart, and
the same question from several banks shown once, every wording keeping its links.

The fixture banks are `tests/data/crossbank` (three banks written for these tests; see
`tests/data/crossbank-README.md`).  Groups are forced here through the curation file,
so these tests do not depend on which finder is installed; the finder has its own.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from generator import finder
from generator.errors import StudyGuideError
from generator.kit import resolve_refs
from generator.model import Entry, Guide

from .conftest import ROOT, Built, build, guide_of, run_cli
from .support import open_deck
from .support_browser import new_context, site_url

# Every test here reads three banks or builds their site: none belongs in `make test-fast`.
pytestmark = pytest.mark.slow

CROSSBANK = ROOT / "tests" / "data" / "crossbank"

OVERFITTING = ("alpha:15", "beta:93", "gamma:7")
"""One question in all three banks, worded three ways (see labels.yml)."""
PRECISION = ("alpha:237", "beta:184")
"""One question in two banks."""
CREDITS = """\
banks:
  - bank: beta
    title: Beta <b>prep</b>
    source: https://example.org/beta
    licence: CC BY 4.0
    author: The beta authors
"""


@pytest.fixture(scope="module", autouse=True)
def without_the_model() -> Iterator[None]:
    """Groups are forced through curation here, so the finder's model (seconds to embed
    the three banks, every time) stays out, as on a machine without the finder extra;
    `test_finder.py` tests the model."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(finder, "load_embedder", lambda: None)
        yield


def copy_banks(folder: Path) -> Path:
    seeds = folder / "seeds"
    shutil.copytree(CROSSBANK, seeds, ignore=shutil.ignore_patterns("*.yml"))
    return seeds


def by_ref(guide: Guide, ref: str) -> Entry:
    """The wording a ``bank:line`` reference names."""
    bank, line = ref.split(":")
    [entry] = [e for e in guide.wordings if e.bank == bank and e.question.source.line == int(line)]
    return entry


def grouped_curation(seeds: Path) -> str:
    """Credits for one bank, and the two groups forced as duplicates."""
    guide = guide_of(seeds)
    a, b, c = (by_ref(guide, ref).id for ref in OVERFITTING)
    d, e = (by_ref(guide, ref).id for ref in PRECISION)
    return (
        CREDITS + f"links:\n  duplicates:\n    - [{a}, {b}]\n    - [{c}, {b}]\n    - [{d}, {e}]\n"
    )


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built, Path]:
    """The three banks built without groups (the site as it was), then with them."""
    seeds = copy_banks(tmp_path_factory.mktemp("banks"))
    before = build(seeds, tmp_path_factory.mktemp("before"), "--no-pdf")
    (seeds / "topics.yml").write_text(grouped_curation(seeds), encoding="utf-8")
    after = build(seeds, tmp_path_factory.mktemp("after"))
    return before, after, seeds


def export(built: Built) -> dict[str, dict[str, object]]:
    data = json.loads((built.site / "questions.json").read_text(encoding="utf-8"))
    return {q["id"]: q for q in data["questions"]}


def overfitting_group(
    questions: dict[str, dict[str, object]],
) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The export's entry for alpha's overfitting question (line 15), which leads a group of
    all three banks, and every entry of that group, the lead first."""
    [lead] = [
        q for q in questions.values() if q["source"] == {"file": "alpha/questions.md", "line": 15}
    ]
    return lead, [q for q in questions.values() if q["group"] == lead["id"]]


def page(built: Built, url: str) -> BeautifulSoup:
    path = built.site / url.split("#")[0] / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# ---- Banks and their sections.


def test_a_bank_is_a_file_or_a_folder_named_by_curation_heading_or_key(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "a.md").write_text("# Bank A\n\n## Vision\n\n1. What is a pixel?\n", "utf-8")
    (seeds / "c.md").write_text("## Speech\n\n1. What is a phoneme?\n", "utf-8")
    (seeds / "sub" / "one.md").write_text("## NLP\n\n1. What is a token?\n", "utf-8")
    (seeds / "sub" / "two.md").write_text("# Part two\n\n## NLP\n\n1. What is a stem?\n", "utf-8")
    (seeds / "topics.yml").write_text("banks:\n  - bank: sub\n    title: Two files\n", "utf-8")
    guide = guide_of(seeds)
    assert [(b.key, b.title, b.files) for b in guide.banks] == [
        ("a", "Bank A", ("a.md",)),
        ("c", "c", ("c.md",)),
        ("sub", "Two files", ("sub/one.md", "sub/two.md")),
    ]
    assert {e.question.text: e.bank for e in guide.wordings} == {
        "What is a pixel?": "a",
        "What is a phoneme?": "c",
        "What is a token?": "sub",
        "What is a stem?": "sub",
    }


@pytest.mark.parametrize(
    ("credits", "error"),
    [
        ("  - bank: gamma\n  - bank: delta\n", "topics.yml:3: no bank 'delta' in the seeds"),
        (
            "  - bank: beta\n    source: javascript:alert(1)\n",
            "topics.yml:3: source 'javascript:alert(1)' must be a web address (https://…)",
        ),
        ("  - bank: beta\n  - bank: beta\n", "topics.yml:3: bank 'beta' is credited twice"),
    ],
)
def test_a_credit_that_cannot_be_right_names_its_line(
    tmp_path: Path, credits: str, error: str
) -> None:
    seeds = copy_banks(tmp_path)
    (seeds / "topics.yml").write_text("banks:\n" + credits, encoding="utf-8")
    with pytest.raises(StudyGuideError) as raised:
        guide_of(seeds)
    assert error in str(raised.value)


def test_generic_sections_keep_to_their_bank_and_specific_ones_merge(tmp_path: Path) -> None:
    guide = guide_of(copy_banks(tmp_path))
    placed = {
        (p.source.file, p.title): topic.title for topic in guide.topics for p in topic.placements
    }
    # "General" and "Questions" (alpha), "Interview questions" and "Misc" (gamma) say
    # nothing: each goes under its own bank's title, never into another bank's.
    assert placed[("alpha/questions.md", "General")] == "Alpha ML interview questions"
    assert placed[("alpha/questions.md", "Questions")] == "Alpha ML interview questions"
    assert placed[("gamma/bank.md", "Interview questions")] == "Gamma question bank"
    assert placed[("gamma/bank.md", "Misc")] == "Gamma question bank"
    assert placed[("beta/README.md", "Questions")] == "Beta interview prep"
    # A specific title shared by two banks is one topic.
    assert placed[("alpha/questions.md", "Decision trees")] == "Decision trees"
    assert placed[("beta/README.md", "Decision trees")] == "Decision trees"


def test_check_explain_says_where_each_section_went_and_why(tmp_path: Path) -> None:
    seeds = copy_banks(tmp_path)
    code, out, err = run_cli("check", "--seeds", str(seeds), "--explain", "beta/README.md")
    assert code == 0, err
    topics = [line.split("topic   → ", 1)[1] for line in out.splitlines() if "topic   → " in line]
    assert any(
        line.startswith("Decision trees (decision-trees): same title as alpha/questions.md:")
        for line in topics
    ), topics
    assert any(
        line.startswith("Beta interview prep (beta-interview-prep): generic title: its bank's")
        for line in topics
    ), topics


# ---- The same question from several banks, shown once.


def test_a_group_is_shown_once_on_its_first_wordings_page(banks: tuple[Built, Built, Path]) -> None:
    _, after, _ = banks
    questions = export(after)
    lead, members = overfitting_group(questions)
    assert [q["bank"] for q in members] == [
        "Alpha ML interview questions",
        "Beta <b>prep</b>",
        "Gamma question bank",
    ]
    soup = page(after, str(lead["url"]))
    headings = [h["id"] for h in soup.select("h2.question")]
    assert lead["id"] in headings
    lead_page = str(lead["url"]).split("#")[0]
    for member in members[1:]:
        assert member["url"] == f"{lead_page}#{member['id']}"
        assert soup.select_one(f"span.wording-anchor#{member['id']}") is not None
        elsewhere = [
            other
            for other in after.site.glob("topics/*/index.html")
            if other.parent != after.site / lead_page
            and BeautifulSoup(other.read_text("utf-8"), "html.parser").find(id=str(member["id"]))
        ]
        assert elsewhere == []
    article = soup.select_one(f"h2#{lead['id']}")
    assert article is not None
    tools = article.find_next("div", class_="question-tools")
    assert tools is not None and "Asked in 3 banks" in tools.get_text()
    also = article.find_next("div", class_="wordings")
    assert also is not None
    assert "Beta <b>prep</b>" in also.get_text() and "Gamma question bank" in also.get_text()


def test_a_group_shows_each_follow_up_once_and_every_banks_answer_credited(
    banks: tuple[Built, Built, Path], tmp_path: Path
) -> None:
    _, after, seeds = banks
    questions = export(after)
    lead, members = overfitting_group(questions)
    asked = [f for q in members for f in q["follow_ups"]]  # type: ignore[attr-defined]
    distinct = list(dict.fromkeys(" ".join(f.split()).rstrip("?. ").lower() for f in asked))
    assert len(asked) > len(distinct), "premise: two banks ask one follow-up"
    soup = page(after, str(lead["url"]))
    heading = soup.select_one(f"h2#{lead['id']}")
    assert heading is not None
    shown = heading.find_next("details", class_="followups")
    assert shown is not None
    items = [" ".join(li.get_text().split()).rstrip("?. ").lower() for li in shown.select("li")]
    assert items == distinct
    answers = heading.find_next("details", class_="answer")
    assert answers is not None
    credited = [s.get_text(strip=True) for s in answers.select("details.answer-bank > summary")]
    assert credited == [str(q["bank"]) for q in members if q["answer"]]
    assert len(credited) >= 2
    first = answers.select_one("details.answer-bank")
    assert first is not None and first.has_attr("open")
    kit = tmp_path / "kit.md"
    code, _, err = run_cli("kit", str(lead["id"]), "--seeds", str(seeds), "-o", str(kit))
    assert code == 0, err
    # What the command says is what the kit prints: every bank's follow-ups, each once.
    assert f"1 question and {len(distinct)} follow-ups" in err
    assert kit.read_text(encoding="utf-8").count("\n- ") >= len(distinct)


def test_the_about_page_credits_every_bank(banks: tuple[Built, Built, Path]) -> None:
    _, after, _ = banks
    about = page(after, "about/")
    text = " ".join(about.get_text().split())
    assert "The questions come from 3 question banks" in text
    link = about.find("a", href="https://example.org/beta")
    assert link is not None and link.get_text() == "Beta <b>prep</b>"  # the title, as text
    assert "by The beta authors, licence: CC BY 4.0" in text
    assert "Gamma question bank" in text
    assert about.find("b", string="prep") is None  # a bank's title is never markup


def test_downstream_one_note_and_one_kit_entry_per_group(
    banks: tuple[Built, Built, Path], tmp_path: Path
) -> None:
    _, after, seeds = banks
    guide = guide_of(seeds)
    collection = open_deck(after.site / "downloads" / "ml-interview-questions.apkg", tmp_path)
    assert sorted(collection.notes) == sorted(e.id for e in guide.entries)
    lead = next(e for e in guide.entries if len(e.group) == 3)
    note = collection.notes[lead.id]
    assert "Also asked as" in note.fields["Question"]
    assert note.fields["Answer"].count('class="credit"') >= 2
    member = lead.wordings[0].id
    assert [e.id for e in resolve_refs([member, lead.id], guide)] == [lead.id]
    code, out, err = run_cli("links", "--seeds", str(seeds), "--json")
    assert code == 0, err
    data = json.loads(out)
    grouped = [sorted(e.id for e in lead.group) for lead in guide.entries if lead.wordings]
    assert sorted(map(sorted, data["groups"])) == sorted(grouped)
    for item in data["suggestions"]:
        assert len(item["candidates"]) <= 3
        banks_of = {e.id: e.bank for e in guide.wordings}
        assert all(banks_of[c["id"]] != banks_of[item["id"]] for c in item["candidates"])


@pytest.mark.browser
def test_an_old_link_to_any_wording_lands_on_its_group(
    banks: tuple[Built, Built, Path], browser: Browser
) -> None:
    """Each wording's short link, and its page link from before it was grouped."""
    before, after, seeds = banks
    old, new = export(before), export(after)
    base = site_url()
    guide = guide_of(seeds)
    forced = [new[by_ref(guide, ref).id] for ref in (*OVERFITTING, *PRECISION)]
    members = [q for q in forced if q["group"] != q["id"]]
    assert len(members) == 3  # two from the three-bank group, one from the two-bank one
    context = new_context(browser, after.site)
    try:
        view = context.new_page()
        for member in members:
            qid = str(member["id"])
            lead = new[str(member["group"])]
            landing = re.compile(
                re.escape(urljoin(base, str(lead["url"]).split("#")[0])) + f"#{qid}$"
            )
            for link in (f"q/{qid}/", str(old[qid]["url"])):
                view.goto(urljoin(base, link))
                expect(view).to_have_url(landing)
                expect(view.locator(f"h2.question#{lead['id']}")).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.browser
def test_the_web_kit_shows_a_group_once_with_every_banks_answer(
    banks: tuple[Built, Built, Path], browser: Browser
) -> None:
    _, after, _ = banks
    questions = export(after)
    lead, members = overfitting_group(questions)
    context = new_context(browser, after.site)
    try:
        view = context.new_page()
        view.goto(f"{site_url()}kit/?ids={members[1]['id']},{lead['id']},{members[2]['id']}")
        items = view.locator(".kit-list > li")
        expect(items).to_have_count(1)
        expect(items.first).to_have_attribute("data-id", str(lead["id"]))
        follow_ups = [f for q in members for f in q["follow_ups"]]  # type: ignore[attr-defined]
        distinct = dict.fromkeys(" ".join(f.split()).rstrip("?. ").lower() for f in follow_ups)
        expect(items.first.locator(".kit-followups li")).to_have_count(len(distinct))
        credited = [f"What a good answer covers ({q['bank']})" for q in members if q["answer"]]
        expect(items.first.locator("details.kit-answer > summary")).to_have_text(credited)
    finally:
        context.close()


@pytest.mark.browser
def test_the_home_page_offers_the_questions_most_banks_ask_to_practise(
    banks: tuple[Built, Built, Path], browser: Browser
) -> None:
    """The home page's "asked everywhere" start opens Practice on exactly the groups the
    most banks ask; choosing "any number of banks" again draws from every question."""
    _, after, _ = banks
    questions = export(after)
    sizes = Counter(str(q["group"]) for q in questions.values())
    most = max(sizes.values())
    assert most == 3  # the forced three-bank group at least
    common = {group for group, size in sizes.items() if size == most}
    link = page(after, "").select_one(".home-common a")
    assert link is not None
    assert link["href"] == f"practice/?banks={most}"
    assert link.get_text(" ", strip=True) == (
        f"practise the {len(common)} question{'s' if len(common) > 1 else ''} every bank asks"
    )
    context = new_context(browser, after.site)
    try:
        view = context.new_page()
        view.goto(urljoin(site_url(), str(link["href"])))
        expect(view.locator("#practice-banks")).to_have_value(str(most))
        meta = view.locator(".practice-meta")
        expect(meta).to_contain_text(f"1 of {len(common)}")
        expect(meta).to_contain_text(f"asked in {most} banks")
        drawn = set()
        for _ in common:
            href = view.locator(".practice-links a").first.get_attribute("href") or ""
            drawn.add(href.rsplit("#", 1)[-1])
            view.keyboard.press("n")
        assert drawn == common
        view.locator(".practice-options > summary").click()
        view.select_option("#practice-banks", "")
        expect(view).to_have_url(re.compile(r"/practice/$"))
        expect(meta).to_contain_text(f"1 of {len(sizes)}")
    finally:
        context.close()


def test_most_asked_is_the_groups_of_the_most_banks_and_none_in_one_bank(tmp_path: Path) -> None:
    seeds = copy_banks(tmp_path / "three")
    (seeds / "topics.yml").write_text(grouped_curation(seeds), encoding="utf-8")
    guide = guide_of(seeds)
    lead = by_ref(guide, OVERFITTING[0])
    assert lead in guide.most_asked
    assert {len(entry.group) for entry in guide.most_asked} == {3}
    one = tmp_path / "one" / "seeds"
    shutil.copytree(CROSSBANK / "alpha", one / "alpha")
    assert guide_of(one).most_asked == ()

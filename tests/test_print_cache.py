"""Printed PDFs are reused between builds: only what an edit changed is printed again, and
what is reused is byte for byte what a clean build prints.

A small bank of three topics keeps this cheap; the real seed's handouts are read in
test_handouts.py.
"""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator import urls
from generator.build import DECK_PREFIX, PDF_CACHE, Generated, Options, build
from generator.handouts import render_handouts, seed_date, start_printing, stylesheet
from generator.model import Guide
from generator.press import Press
from generator.printcache import KEEP_DAYS, PrintCache, print_key, print_setting
from generator.project import load_project

from .conftest import ROOT, generated_from

SITE = "https://ml-interview-guide.github.io/ml-interview-guide/"
EPOCH = "1700000000"
DATE = "2025-01-31"
BANK = """\
## Alpha topic

### 1. What is alpha regularization?
**Follow-ups:**
- Why does it help?
- When does it hurt?

### 2. How do you tune the learning rate?
Try a range on a log scale and keep the one with the lowest validation loss.

**Follow-ups:**
- What happens when it is too high?

## Beta topic

### 1. Why do ensembles beat single models?
**Follow-ups:**
- Is bagging or boosting better for variance?

### 2. What is a confusion matrix?
A table of predicted classes against true ones.

## Gamma topic

### 1. How would you deploy a model to phones?
Shrink it, then run it with the phone's own runtime.

**Follow-ups:**
- How do you shrink it?
"""
EDITED = ("Why do ensembles beat single models?", "Why do ensembles often beat one model?")


def reworded(guide: Guide) -> Guide:
    """``guide`` with one question of its second topic reworded, as in `EDITED`."""
    topic = guide.topics[1]
    entry = topic.entries[0]
    assert entry.question.text == EDITED[0]
    question = dataclasses.replace(entry.question, text=EDITED[1])
    entries = (dataclasses.replace(entry, question=question), *topic.entries[1:])
    topics = list(guide.topics)
    topics[1] = dataclasses.replace(topic, entries=entries)
    return dataclasses.replace(guide, topics=tuple(topics))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    seeds = tmp_path_factory.mktemp("seeds")
    (seeds / "bank.md").write_text(BANK, encoding="utf-8")
    generated = generated_from(seeds)
    assert [len(topic.entries) for topic in generated.guide.topics] == [2, 2, 1]
    assert all(any(e.question.answer for e in topic.entries) for topic in generated.guide.topics)
    return generated


def printed(guide: Guide, out: Path, store: Path, press: Press) -> list[str]:
    """Print ``guide``'s handouts into ``out`` with the cache ``store``; the names printed."""
    with start_printing(
        guide, ROOT / "templates", site_url=SITE, seed_date=DATE, store=store, press=press,
        css=press.css,
    ) as printing:  # fmt: skip
        names = [document.job.name for document in printing.printed]
        printing.finish(out)
    return names


def tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.pdf"))}


@pytest.mark.slow
def test_an_edit_prints_its_topic_and_the_whole_guide_again_and_nothing_else(
    generated: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    store, guide = tmp_path / "store", generated.guide
    slugs = [topic.slug for topic in guide.topics]
    every = [f"{slug}.pdf" for slug in slugs] + [f"{urls.ALL_TOPICS}.pdf"]
    with Press(stylesheet(ROOT / "templates", "a4"), SITE) as press:
        assert sorted(printed(guide, tmp_path / "first", store, press)) == sorted(every)
        assert printed(guide, tmp_path / "again", store, press) == []
        edited = reworded(guide)
        changed = printed(edited, tmp_path / "edited", store, press)
    assert sorted(changed) == [f"{urls.ALL_TOPICS}.pdf", f"{slugs[1]}.pdf"]
    clean = render_handouts(
        edited, ROOT / "templates", tmp_path / "clean", site_url=SITE, seed_date=DATE
    )
    assert tree(tmp_path / "edited") == tree(tmp_path / "clean")
    assert len(clean) == len(every)
    first, after = tree(tmp_path / "first"), tree(tmp_path / "edited")
    assert sorted(name for name in every if first[name] != after[name]) == sorted(changed)
    assert tree(tmp_path / "again") == first
    topic = next(name for name in changed if name != f"{urls.ALL_TOPICS}.pdf")
    assert EDITED[1] in PdfReader(tmp_path / "edited" / topic).pages[0].extract_text()


def keys(generated: Generated, **options: Any) -> list[str]:
    """The cache keys of the guide's handouts, printed with ``options`` (nothing is printed)."""
    with start_printing(
        generated.guide, ROOT / "templates", site_url=SITE, seed_date=DATE, **options
    ) as printing:
        return [document.key for document in printing.documents]


def test_the_key_names_everything_that_makes_the_bytes(
    generated: Generated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same inputs, same key; any input that changes the PDF changes every key it touches."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    base = keys(generated)
    assert keys(generated) == base and len(set(base)) == len(base)
    letter = keys(generated, paper="letter")
    answers = keys(generated, answers=True)
    css = keys(generated, css=stylesheet(ROOT / "templates", "a4") + "p { color: red }")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 1))
    dated = keys(generated)
    for other in (letter, answers, css, dated):
        assert not set(other) & set(base)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    undated = keys(generated)  # no epoch: a PDF keeps the date it was first printed with
    assert keys(generated) == undated and not set(undated) & set(base)
    setting = print_setting("p {}", SITE, "")
    assert print_key("<p>a</p>", setting) != print_key("<p>a</p>", setting, [b"an image"])
    assert print_key("<p>a</p>", setting) != print_key("<p>a</p>", print_setting("p {}", "", ""))


def test_entries_unused_for_a_month_go_only_when_a_build_added_some(tmp_path: Path) -> None:
    cache = PrintCache(tmp_path)
    old, recent = cache.path("0" * 64), cache.path("1" * 64)
    for path in (old, recent):
        path.write_bytes(b"%PDF-1.7")
    stale = time.time() - (KEEP_DAYS + 1) * 86400
    os.utime(old, (stale, stale))
    cache.prune()
    assert old.exists()  # nothing added: the folder is not even listed
    cache.added = True
    cache.prune()
    assert not old.exists() and recent.exists()


@pytest.mark.slow
def test_a_rebuild_after_an_edit_matches_a_clean_build_pdfs_and_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two real builds share a build folder; the second, after a one-question edit,
    prints two PDFs and a new deck, and its files are what a clean build makes."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bank.md").write_text(BANK, encoding="utf-8")
    project = dataclasses.replace(load_project(ROOT / "mkdocs.yml"), build_dir=tmp_path / "b")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def build_into(name: str) -> Path:
        site = tmp_path / name
        build(project, Options(seeds, site, tmp_path / f"{name}-pages"))
        return site

    build_into("site-1")
    pdfs = project.cache / PDF_CACHE
    before = set(pdfs.iterdir())
    bank = seeds / "bank.md"
    bank.write_text(bank.read_text(encoding="utf-8").replace(*EDITED), encoding="utf-8")
    site = build_into("site-2")
    new = set(pdfs.iterdir()) - before
    decks = sorted(project.cache.glob(f"{DECK_PREFIX}*"))
    edited = generated_from(seeds)
    clean = tmp_path / "clean"
    render_handouts(
        edited.guide, ROOT / "templates", clean, site_url=project.site_url,
        seed_date=seed_date(seeds, edited.guide.seed_files), assets=edited.assets,
    )  # fmt: skip
    assert len(new) == 2 and len(decks) == 2
    assert tree(site / urls.HANDOUTS) == tree(clean)
    slug = edited.guide.topics[1].slug
    assert EDITED[1] in PdfReader(site / urls.HANDOUTS / f"{slug}.pdf").pages[0].extract_text()

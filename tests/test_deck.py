"""The Anki deck: one note per question, stable GUIDs, escaped text, reproducible bytes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.build import Generated
from generator.deck import DECK_ID, DEFAULT_EPOCH, deck_bytes, write_deck
from generator.errors import StudyGuideError

from .conftest import ROOT, SEEDS, generated_from
from .support import open_deck, seed_counts

SITE = "https://example.org/guide/"
NAME = "ML Interview Questions"


def make(seeds: Path) -> Generated:
    return generated_from(seeds)


@pytest.fixture(scope="module")
def real() -> Generated:
    return make(SEEDS)


def build(generated: Generated, out: Path, **kwargs: int) -> bytes:
    write_deck(
        generated.guide,
        generated.links,
        out,
        site_url=SITE,
        deck_name=NAME,
        templates=ROOT / "templates",
        assets=generated.assets,
        **kwargs,
    )
    return out.read_bytes()


def seed_html(text: str) -> str:
    """The HTML a card shows for seed text with the only inline Markdown the seed uses,
    ``*emphasis*``: written out here, not by the renderer under test."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", escaped)


def test_one_note_and_card_per_question_in_the_named_deck(real: Generated, tmp_path: Path) -> None:
    build(real, tmp_path / "d.apkg")
    col = open_deck(tmp_path / "d.apkg", tmp_path)
    assert len(col.notes) == seed_counts()[0]
    assert list(col.notes) == [entry.id for entry in real.guide.entries]
    assert len(col.cards) == seed_counts()[0]
    assert {did for _, did, _ in col.cards} == {DECK_ID}
    assert col.decks[str(DECK_ID)] == NAME


def test_fields_hold_every_question_follow_up_topic_and_link(
    real: Generated, tmp_path: Path
) -> None:
    build(real, tmp_path / "d.apkg")
    notes = open_deck(tmp_path / "d.apkg", tmp_path).notes
    for topic in real.guide.topics:
        for entry in topic.entries:
            fields = notes[entry.id].fields
            assert fields["Question"] == seed_html(entry.question.text)
            follow_ups = entry.question.follow_ups
            assert fields["FollowUps"].count("<li>") == len(follow_ups)
            for follow_up in follow_ups:
                assert f"<li>{seed_html(follow_up)}</li>" in fields["FollowUps"]
            assert topic.title.replace("&", "&amp;") in fields["Topic"]
            assert fields["Link"] == f"{SITE}q/{entry.id}/"
    assert sum(bool(n.fields["FollowUps"]) for n in notes.values()) > 50


def test_card_shows_question_in_front_and_the_rest_on_the_back(
    real: Generated, tmp_path: Path
) -> None:
    build(real, tmp_path / "d.apkg")
    (template,) = open_deck(tmp_path / "d.apkg", tmp_path).templates
    assert "{{Question}}" in template["qfmt"]
    for field in ("{{FrontSide}}", "{{FollowUps}}", "{{Topic}}", 'href="{{Link}}"'):
        assert field in template["afmt"]


def test_tags_are_topic_and_concept_slugs(real: Generated, tmp_path: Path) -> None:
    build(real, tmp_path / "d.apkg")
    notes = open_deck(tmp_path / "d.apkg", tmp_path).notes
    for topic in real.guide.topics:
        for entry in topic.entries:
            expected = {topic.slug, *real.links.concepts.get(entry.id, ())}
            assert set(notes[entry.id].tags) == expected
    assert sum(len(n.tags) > 1 for n in notes.values()) > 50, "concepts should tag many notes"


def test_guids_are_unique_and_the_same_in_every_build(real: Generated, tmp_path: Path) -> None:
    build(real, tmp_path / "a.apkg", epoch=1_700_000_000)
    build(make(SEEDS), tmp_path / "b.apkg", epoch=1_800_000_000)
    first = open_deck(tmp_path / "a.apkg", tmp_path / "a")
    second = open_deck(tmp_path / "b.apkg", tmp_path / "b")
    guids = {key: note.guid for key, note in first.notes.items()}
    assert len(set(guids.values())) == seed_counts()[0]
    assert guids == {key: note.guid for key, note in second.notes.items()}


def test_rewording_a_question_keeps_its_guid(real: Generated, tmp_path: Path) -> None:
    (entry,) = [e for e in real.guide.entries if e.id == "bias-variance-tradeoff-affects-model"]
    old = entry.question.text
    assert old.startswith("Can you explain the bias-variance tradeoff in your own words, and")
    new = "In your own words, could you explain the bias-variance tradeoff and" + old[65:]
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    seed = seeds / entry.question.source.file
    lines = seed.read_text(encoding="utf-8").split("\n")
    index = entry.question.source.line - 1
    assert old in lines[index]
    lines[index] = lines[index].replace(old, new)
    seed.write_text("\n".join(lines), encoding="utf-8")
    reworded = make(seeds)
    assert [e.question.text for e in reworded.guide.entries if e.id == entry.id] == [new]

    build(real, tmp_path / "old.apkg")
    build(reworded, tmp_path / "new.apkg")
    before = open_deck(tmp_path / "old.apkg", tmp_path / "old").notes[entry.id]
    after = open_deck(tmp_path / "new.apkg", tmp_path / "new").notes[entry.id]
    assert before.fields["Question"] == seed_html(old)
    assert after.fields["Question"] == seed_html(new)
    assert after.guid == before.guid


def test_builds_are_byte_identical_for_the_same_epoch(
    real: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    default = build(real, tmp_path / "1.apkg")
    assert build(make(SEEDS), tmp_path / "2.apkg") == default
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    dated = build(real, tmp_path / "3.apkg")
    assert build(make(SEEDS), tmp_path / "4.apkg") == dated
    assert dated != default
    assert dated == deck_bytes(
        real.guide,
        real.links,
        site_url=SITE,
        deck_name=NAME,
        templates=ROOT / "templates",
        epoch=1750000000,
    )

    col = open_deck(tmp_path / "3.apkg", tmp_path)
    assert {note.mod for note in col.notes.values()} == {1_750_000_000}
    assert {mod for _, _, mod in col.cards} == {1_750_000_000}
    with zipfile.ZipFile(tmp_path / "3.apkg") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 6, 15, 15, 6, 40)}
    with zipfile.ZipFile(tmp_path / "1.apkg") as archive:
        assert archive.infolist()[0].date_time[:3] == (2024, 1, 1)
    assert DEFAULT_EPOCH == 1_704_067_200


def test_builds_in_separate_processes_are_byte_identical(real: Generated, tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from tests.test_deck import make, build; "
        "from tests.conftest import SEEDS; build(make(SEEDS), Path(sys.argv[1]))"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.apkg"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1750000000"}
        subprocess.run(
            [sys.executable, "-W", "error", "-c", script, str(out)], cwd=ROOT, env=env, check=True
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == build(real, tmp_path / "here.apkg", epoch=1_750_000_000)


def test_seed_html_is_escaped_in_fields(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bank.md").write_text(
        "## Topic\n\n### 1. <script>x</script>?\n\n- <img src=x onerror=alert(1)> *why*?\n",
        encoding="utf-8",
    )
    hostile = make(seeds)
    build(hostile, tmp_path / "d.apkg")
    (note,) = open_deck(tmp_path / "d.apkg", tmp_path).notes.values()
    assert note.fields["Question"] == "&lt;script&gt;x&lt;/script&gt;?"
    assert "&lt;img src=x onerror=alert(1)&gt; <em>why</em>?" in note.fields["FollowUps"]
    for value in note.fields.values():
        assert "<script" not in value
        assert "<img" not in value
    assert note.tags == ("topic",)


def test_bad_source_date_epoch_is_a_user_error(
    real: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(StudyGuideError, match="SOURCE_DATE_EPOCH"):
        build(real, tmp_path / "d.apkg")
    assert not (tmp_path / "d.apkg").exists()

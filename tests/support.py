"""Test data shared by several test modules (test modules never import each other)."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.deck import MODEL_ID

SEED = Path(__file__).resolve().parent.parent / "seeds" / "ml-interview-questions.md"
REPAIRED = SEED.read_bytes().decode("utf-8").encode("mac_roman").decode("utf-8")
"""The real seed, repaired independently of the generator (it is Mac Roman mojibake)."""
LINES = REPAIRED.split("\n")
_LIST_QUESTION = re.compile(r"^\d+\. \*\*(.+)\*\*$")
_HEADING_QUESTION = re.compile(r"^###\s+(?:🔹\s+)?\*\*\d+\. (.+)\*\*$")


SMALL_BANK = "## Topic\n\n1. **What is a question?**\n2. **Why ask it?**\n"
"""A bank of one topic and two questions, for tests about anything but parsing."""


def small_seeds(project: Path) -> Path:
    """Replace a copied project's seeds with `SMALL_BANK` alone; return the seeds folder."""
    seeds = project / "seeds"
    for path in seeds.iterdir():
        path.unlink()
    (seeds / "bank.md").write_text(SMALL_BANK, encoding="utf-8")
    return seeds


def guide_data(site: Path) -> dict[str, Any]:
    """A built site's ``questions.json``, as the browser reads it."""
    data: dict[str, Any] = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    return data


def topic_ids(site: Path, slug: str) -> list[str]:
    """The ids of topic ``slug``'s questions, in page order, by the site's export."""
    [topic] = [t for t in guide_data(site)["topics"] if t["slug"] == slug]
    return list(topic["questions"])


def seed_counts() -> tuple[int, int]:
    """(questions, follow-ups) of the real seed, by that independent reading."""
    return len(expected_questions()), sum(line.startswith("- ") for line in LINES)


def expected_questions() -> list[tuple[int, str]]:
    """(line, text) of every question of the seed, by line patterns of its four formats."""
    found = []
    for number, line in enumerate(LINES, start=1):
        match = _LIST_QUESTION.match(line) or _HEADING_QUESTION.match(line)
        if match:
            found.append((number, match.group(1)))
    return found


HOSTILE = [
    "<script>alert('q')</script> Why?",
    "What does {{ config.site_name }} print? {% raw %}",
    "Is a | b | c a table?",
    "What is C# and # a heading?",
    "Why use `a|b` or a lone ` backtick?",
    r"Path C:\temp\new and \* a backslash?",
    "<img src=x onerror=alert(1)> and &amp; and &lt;b&gt;?",
    "- Not a bullet?",
    "1. Not a list?",
    "{: #evil .class } attr list?",
    "[link](javascript:alert(1)) and ![img](x.png)?",
]
SEEN = [
    "<script>alert('q')</script> Why?",
    "What does {{ config.site_name }} print? {% raw %}",
    "Is a | b | c a table?",
    "What is C# and # a heading?",
    "Why use a|b or a lone ` backtick?",
    r"Path C:\temp\new and * a backslash?",
    "<img src=x onerror=alert(1)> and & and <b>?",
    "- Not a bullet?",
    "1. Not a list?",
    "{: #evil .class } attr list?",
    "[link](javascript:alert(1)) and img?",
]
"""What a reader sees: the text, after the seed's own inline Markdown (code, escapes)."""


def write_hostile_seed(seeds: Path, title: str, name: str = "hostile.md") -> None:
    """A seed whose section title is ``title`` and whose every question is hostile."""
    lines = [f"## {title}"]
    for number, text in enumerate(HOSTILE, start=1):
        lines += ["", f"### {number}. {text}", "**Follow-ups:**", f"- Also: {text}", "- plain"]
    (seeds / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def assert_in_order(text: str, items: list[str]) -> None:
    """Each of ``items`` appears in ``text``, in this order."""
    position = 0
    for item in items:
        found = text.find(item, position)
        assert found >= 0, f"{item!r} missing after position {position}"
        position = found + len(item)


@dataclass(frozen=True)
class Note:
    guid: str
    mod: int
    fields: dict[str, str]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Collection:
    notes: dict[str, Note]
    """By the note's Id field."""
    cards: list[tuple[int, int, int]]
    """(note id, deck id, mod) of every card."""
    decks: dict[str, str]
    """Deck id → name."""
    templates: list[dict[str, str]]


def open_deck(apkg: Path, tmp: Path) -> Collection:
    """The collection inside ``apkg``, read with sqlite3 from an extracted copy."""
    with zipfile.ZipFile(apkg) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        archive.extract("collection.anki2", tmp)
    conn = sqlite3.connect(tmp / "collection.anki2")
    try:
        (models_json, decks_json) = conn.execute("SELECT models, decks FROM col").fetchone()
        model = json.loads(models_json)[str(MODEL_ID)]
        names = [field["name"] for field in sorted(model["flds"], key=lambda f: f["ord"])]
        notes: dict[str, Note] = {}
        for guid, mid, mod, tags, flds in conn.execute(
            "SELECT guid, mid, mod, tags, flds FROM notes ORDER BY id"
        ):
            assert mid == MODEL_ID
            fields = dict(zip(names, flds.split("\x1f"), strict=True))
            notes[fields["Id"]] = Note(guid, mod, fields, tuple(tags.split()))
        cards = list(conn.execute("SELECT nid, did, mod FROM cards ORDER BY id"))
    finally:
        conn.close()
    decks = {key: deck["name"] for key, deck in json.loads(decks_json).items()}
    return Collection(notes, cards, decks, model["tmpls"])

"""Reading a seed: UTF-8 decoding, BOM and newlines, and exact mojibake repair."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.encoding import decode_seed, read_seed, repair_line
from generator.errors import Problem, StudyGuideError
from generator.parse import parse_seed

SEED = Path(__file__).resolve().parent.parent / "seeds" / "ml-interview-questions.md"
FILE = "case.md"
CODE_PAGES = ("mac_roman", "cp1252", "latin-1")
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
"""Bytes Windows-1252 leaves undefined: tools decode them as the Latin-1 control characters."""


def mojibake(text: str, code_page: str) -> str:
    """What ``text`` looks like after its UTF-8 bytes were read as ``code_page`` and saved."""
    data = text.encode("utf-8")
    if code_page == "cp1252":
        return "".join(
            chr(byte) if byte in CP1252_UNDEFINED else bytes([byte]).decode("cp1252")
            for byte in data
        )
    return data.decode(code_page)


# ``Á Í Ï Ð Ý`` and ``”`` have the bytes Windows-1252 leaves undefined.
SAMPLE = (
    "### 🔍 **What’s the “bias–variance” tradeoff — and why?**\n"
    "- How do algorithms like UCB or ε-greedy handle this?\n"
    "- Café, naïve, Straße, São Paulo, Łódź, Dvořák, ÁÍÏÐÝ\n"
    "- Привет, Ελληνικά, 🛠️🧠🔬🧩⚡🔹, 1½ °C ±2 ©\n"
)

WORDS = [
    "café",
    "naïve",
    "résumé",
    "São Paulo",
    "ação",
    "Straße",
    "Crème brûlée",
    "ÁÍÏÐÝ",
    "ε-greedy",
    "Ελληνικά",
    "Привет world",
    "Łódź",
    "Roșu",
    "μs and αx",
    "x² ± ½ °C ©",
    "What’s",
]
"""Lines whose mojibake is weak evidence: mostly two-byte sequences, nothing else to go on."""

CLEAN = [
    "Plain ASCII, untouched: `code`, *emphasis*, 100% (ok).",
    "What’s the bias–variance trade-off — and why?",
    "“Quoted” and ‘single’ quotes",
    "ε-greedy, α, β, γ, λ, σ²",
    "Ελληνικά: μηχανική μάθηση",
    "Привет, мир",
    "café, naïve, résumé, façade, jalapeño",
    "Über, Straße, Ärger, Öl",
    "Ça va? À bientôt! Où est l’hôtel?",
    "¿Qué? ¡Hola!",
    "ação, coração, São Paulo",
    "Łódź, Kraków, Gdańsk, Dvořák, Škoda",
    "🔍 🧠 🛠️ 🔬 🧩 ⚡ 🔹",
    "👍🏽 🇫🇷 1️⃣ 👨\u200d👩\u200d👧",
    "∑∫√∞ ≤ ≥ ≠ ≈ → ← × ÷ ±",
    "°C, µs, ©®™, …, •, €100, £5, ¥",
    "中文 日本語 한국어",
    "אבג עברית, العربية",
    "\u00a0non-breaking\u00a0spaces",
    "x̄ and ŷ, decomposed e\u0301",
    # Clean text that pairs up like mojibake, once changed by the repair:
    "JOSÉ’s model",
    "CAFÉ” he said",
    "the ÉCOLE’s rule",
    "BJÖRK’s album",
    "Paris—école",
    "word—à la carte",
    "“élite”",
    "l’été",
]


def test_real_seed_decodes_to_reversed_mac_roman() -> None:
    raw = SEED.read_text(encoding="utf-8")
    assert read_seed(SEED, "seed.md") == raw.encode("mac_roman").decode("utf-8")


@pytest.mark.parametrize(
    "fragment", ["🔍", "🧠", "🛠️", "🔬", "🧩", "⚡", "🔹", "’", "“", "”", "—", "ε-greedy"]
)
def test_real_seed_keeps_emoji_curly_quotes_and_greek(fragment: str) -> None:
    assert fragment not in SEED.read_text(encoding="utf-8")
    assert fragment in read_seed(SEED, "seed.md")


@pytest.mark.parametrize("code_page", CODE_PAGES)
def test_mojibake_is_repaired_exactly(code_page: str) -> None:
    broken = mojibake(SAMPLE, code_page)
    assert broken != SAMPLE
    assert decode_seed(broken.encode("utf-8"), FILE) == SAMPLE


@pytest.mark.parametrize("code_page", CODE_PAGES)
@pytest.mark.parametrize("word", WORDS)
def test_mojibake_of_single_words_is_repaired(word: str, code_page: str) -> None:
    assert repair_line(mojibake(word, code_page)) == word


def test_mixed_file_is_repaired_line_by_line() -> None:
    lines = [
        "Clean: What’s “attention” — ε?",
        "Mac Roman: What’s 🔍 ε-greedy?",
        "Windows: Café “quoted” — ÁÝ",
        "Latin-1: naïve Straße",
    ]
    broken = [
        lines[0],
        mojibake(lines[1], "mac_roman"),
        mojibake(lines[2], "cp1252"),
        mojibake(lines[3], "latin-1"),
    ]
    assert decode_seed("\n".join(broken).encode("utf-8"), FILE).split("\n") == lines


def test_clean_word_pasted_into_a_mojibake_line_survives() -> None:
    line = mojibake("What’s the ", "mac_roman") + "café?"
    assert repair_line(line) == "What’s the café?"


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_left_alone(text: str) -> None:
    assert repair_line(text) == text
    assert decode_seed(text.encode("utf-8"), FILE) == text


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbf### Title\n", "### Title\n"),
        (b"\xef\xbb\xbf", ""),
        # A file saved with a BOM that then became mojibake itself:
        (mojibake("\ufeff### Title — x\n", "mac_roman").encode(), "### Title — x\n"),
        (mojibake("\ufeff### Title — x\n", "cp1252").encode(), "### Title — x\n"),
    ],
)
def test_bom_is_stripped(data: bytes, text: str) -> None:
    assert decode_seed(data, FILE) == text


@pytest.mark.parametrize(
    "data",
    [b"a\nb\n\nc\n", b"a\r\nb\r\n\r\nc\r\n", b"a\rb\r\rc\r", b"a\r\nb\r\rc\n"],
    ids=["lf", "crlf", "cr", "mixed"],
)
def test_newlines_become_lf(data: bytes) -> None:
    assert decode_seed(data, FILE) == "a\nb\n\nc\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_numbers_survive_newline_conversion(newline: str) -> None:
    markdown = "## Section\n\n### 1. First?\n- Why first?\n\n### 2. Second?\n"
    data = markdown.replace("\n", newline).encode("utf-8")
    seed = parse_seed(decode_seed(data, FILE), FILE)
    [section] = seed.sections
    assert section.source.line == 1
    assert [q.source.line for q in section.questions] == [3, 6]
    assert section.questions[0].follow_ups == ("Why first?",)


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"### 1. Say \x93hi\x94\n", 1, 12),
        (b"ok\n- He said \x93no\x94\n", 2, 11),
        # Columns count characters, as an editor shows them, not bytes:
        ("- naïve ".encode() + b"\x93x\x94\n", 1, 9),
        (b"a\r\nb\r\n  \x93", 3, 3),
        (b"a\rb\r\x93", 3, 1),
        (b"\xef\xbb\xbf\x93", 1, 1),
    ],
    ids=["first-line", "second-line", "after-accent", "crlf", "cr", "after-bom"],
)
def test_invalid_utf8_is_reported_where_it_is(data: bytes, line: int, column: int) -> None:
    with pytest.raises(StudyGuideError) as caught:
        decode_seed(data, FILE)
    text = f"case.md:{line}: not valid UTF-8 (byte 0x93 at column {column}); save the file as UTF-8"
    assert str(caught.value) == text
    assert len(caught.value.problems) == 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.md", f"cannot read file: {os.strerror(errno.ENOENT)}"),
        (lambda tmp: tmp, "is not a regular file; only regular files are read"),
    ],
    ids=["missing", "directory"],
)
def test_unreadable_path_is_a_problem(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    with pytest.raises(StudyGuideError) as caught:
        read_seed(make(tmp_path), FILE)
    assert caught.value.problems == (Problem(FILE, 0, message),)
    assert str(caught.value) == f"case.md: {message}"

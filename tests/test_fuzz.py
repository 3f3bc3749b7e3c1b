"""The parser and generator under random and mutated seeds (hypothesis).

Two outcomes are allowed: a clean result that loses no question, or a
``file:line: message`` error.  Anything else (an exception, a traceback, a lost
question) is a bug; inputs that found one are kept in tests/fuzz_corpus/ and
replayed by `test_corpus_regressions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import StudyGuideError
from generator.load import load_seeds
from generator.model import Seed

from .conftest import generated_from

CORPUS = Path(__file__).parent / "fuzz_corpus"
PROBLEM_LINE = re.compile(r"^\S[^:\n]*(:\d+)?: \S.*$")

WORDS = [
    "What",
    "is",
    "the",
    "bias",
    "variance",
    "tradeoff",
    "model",
    "GAN",
    "attention",
    "How",
    "do",
    "you",
    "tune",
    "ε-greedy",
    "What’s",
    "naïve",
    "“quoted”",
    "—",
    "🔍",
]
HOSTILE = [
    "<script>alert(1)</script>",
    "{{ x }}",
    "{% raw %}",
    "a | b",
    "C#",
    "`code`",
    r"back\slash",
    "*em*",
    "&amp;",
    "<b>",
    "[link](x.md)",
    "1)",
    "~~",
    "$x$",
]
ICONS = ["", "🔹 ", "🧠 ", "🛠️ ", "⚡ "]
ANSWERS = [
    "Because the variance falls faster than the bias grows.",
    "- one point\n- another point",
    "```python\nprint('an answer')\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |",
]
GROUPS = ["Feature scaling.", "Regularization", "Trees and forests."]


@dataclass(frozen=True)
class Item:
    text: str
    follow_ups: tuple[str, ...]


phrase = st.tuples(
    st.sampled_from(WORDS[:-1]),  # a leading emoji is a heading's icon, not its text
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
).map(lambda parts: " ".join([parts[0], *parts[1]]))
text = st.tuples(phrase, st.sampled_from(["", *HOSTILE]), phrase).map(
    lambda parts: " ".join(p for p in parts if p) + "?"
)
item = st.builds(Item, text, st.lists(text, max_size=4).map(tuple))


@st.composite
def seed(draw: st.DrawFn) -> tuple[str, list[Item]]:
    """A seed in one of the real formats, and the questions it holds."""
    lines: list[str] = []
    items: list[Item] = []
    for _ in range(draw(st.integers(1, 4))):
        level = draw(st.integers(1, 3))
        style = draw(st.sampled_from(["list", "heading", "nested", "bold", "group", "lettered"]))
        lines += [
            "",
            "#" * level + " " + draw(st.sampled_from(ICONS)) + "**" + draw(phrase) + "**",
            "",
        ]
        bullet = draw(st.sampled_from(["-", "*", "+"]))
        label = draw(st.sampled_from(["**Follow-ups:**", "Follow ups", "**Follow-up questions**:"]))
        for number, q in enumerate(draw(st.lists(item, min_size=1, max_size=4)), start=1):
            items.append(q)
            mark = draw(st.sampled_from([".", ")"]))
            if style == "bold":
                # A bold paragraph that asks, then its answer up to the next question.
                lines += [f"**{q.text}**", "", draw(st.sampled_from(ANSWERS)), ""]
                items[-1] = Item(q.text, ())
                continue
            if style == "group":
                # An item that does not ask, over tagged items that do: they are the questions.
                if number == 1:
                    lines.append(f"{number}. {draw(st.sampled_from(GROUPS))}")
                tag = draw(st.sampled_from(["[E]", "[M]", "[H]"]))
                lines.append(f"    1. {tag} {q.text}")
                items[-1] = Item(q.text, ())
                continue
            if style == "lettered":
                lines.append(f"{number}{mark} {q.text}")
                lines += [f"{chr(97 + n)}. {f}" for n, f in enumerate(q.follow_ups)]
                continue
            if style == "heading":
                lines += ["#" * (level + 1) + f" **{number}{mark} {q.text}**"]
                if q.follow_ups:
                    lines += [label, *draw(st.sampled_from([[], [""]]))]
                    lines += [f"{bullet} {f}" for f in q.follow_ups]
                lines.append("")
            else:
                lines.append(f"{number}{mark} **{q.text}**")
                if style == "nested" and q.follow_ups:
                    lines += [f"   {bullet} {f}" for f in q.follow_ups]
                    lines.append("")
                else:
                    items[-1] = Item(q.text, ())
        lines.append("")
    return "\n".join(lines) + "\n", items


def encode(text: str, how: str) -> bytes:
    if how == "utf-8":
        return text.encode()
    if how == "cp1252":
        raw = text.encode()
        return "".join(
            chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
            for b in raw
        ).encode()
    return text.encode().decode(how).encode()


def check_problems(error: StudyGuideError) -> None:
    assert error.text, "an error must say something"
    for line in error.text.splitlines():
        assert PROBLEM_LINE.match(line), line


def load(folder: Path, data: bytes) -> tuple[Seed, ...]:
    for old in folder.glob("*.md"):
        old.unlink()
    (folder / "bank.md").write_bytes(data)
    return load_seeds(folder).seeds


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed(),
    st.sampled_from(["utf-8", "mac_roman", "cp1252", "latin-1"]),
    st.booleans(),
    st.booleans(),
)
def test_generated_seeds_lose_no_question(
    tmp_path: Path, case: tuple[str, list[Item]], how: str, bom: bool, crlf: bool
) -> None:
    markdown, items = case
    data = encode(markdown.replace("\n", "\r\n") if crlf else markdown, how)
    seeds = load(tmp_path, (b"\xef\xbb\xbf" if bom else b"") + data)
    questions = [q for s in seeds for section in s.sections for q in section.questions]
    assert [q.text for q in questions] == [i.text for i in items]
    assert [q.follow_ups for q in questions] == [i.follow_ups for i in items]


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed(), st.data())
def test_mutated_seeds_build_or_fail_cleanly(
    tmp_path: Path, case: tuple[str, list[Item]], data: st.DataObject
) -> None:
    raw = bytearray(case[0].encode())
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["insert", "delete", "byte"]))
        if action == "insert":
            raw[at:at] = data.draw(
                st.sampled_from(["\n", "#", "- ", "1. ", "**", "`", "<", "{{", "\r"])
            ).encode()
        elif action == "delete" and at < len(raw):
            del raw[at : at + data.draw(st.integers(1, 20))]
        else:
            raw[at:at] = bytes([data.draw(st.integers(0, 255))])
    (tmp_path / "seeds").mkdir(exist_ok=True)
    try:
        load(tmp_path / "seeds", bytes(raw))
        generated_from(tmp_path / "seeds")
    except StudyGuideError as error:
        check_problems(error)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.md")), ids=lambda p: p.name)
def test_corpus_regressions(tmp_path: Path, path: Path) -> None:
    """Inputs that once found a bug: they build (with the question count in their first
    line's ``<!-- questions: N -->``) or fail cleanly."""
    data = path.read_bytes()
    expected = re.match(rb"<!-- questions: (\d+) -->", data)
    (tmp_path / "seeds").mkdir()
    try:
        seeds = load(tmp_path / "seeds", data)
        generated_from(tmp_path / "seeds")
    except StudyGuideError as error:
        assert expected is None, error.text
        check_problems(error)
        return
    if expected is not None:
        count = sum(len(s.questions) for seed in seeds for s in seed.sections)
        assert count == int(expected.group(1))


def test_the_corpus_is_not_empty() -> None:
    assert len(list(CORPUS.glob("*.md"))) >= 2

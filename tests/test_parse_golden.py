"""Golden-file tests of the seed parser, in the style of mkdocs-literate-nav.

Each ``tests/golden/parse/*.yaml`` holds an ``input`` Markdown snippet and either
the ``expected`` sections it parses into (with the ``skipped`` lines and the
``decisions`` the parser reports, when there are any) or the exact ``error``
text it raises.  A question lists only the fields the bank gives it: an answer,
a hint, a difficulty, a context (its group item) or source links.
``pytest --update-goldens`` rewrites the expected side from the current parser,
keeping everything above it (the comment and the input) byte for byte.  Review
the diff by hand before keeping it: a golden is only as right as its reviewer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import StudyGuideError
from generator.model import LineNote, Question, Section
from generator.parse import parse_seed

GOLDEN = Path(__file__).parent / "golden" / "parse"
CASES = sorted(GOLDEN.glob("*.yaml"))
FILE = "case.md"
_RESULT_KEY = re.compile(r"^(?:expected|error):", re.M)


def parsed(text: str) -> dict[str, Any]:
    """What the parser makes of ``text``, shaped like a golden file's result side."""
    try:
        seed = parse_seed(text, FILE)
    except StudyGuideError as exc:
        return {"error": str(exc)}
    assert seed.file == FILE
    result: dict[str, Any] = {"expected": [_section(section) for section in seed.sections]}
    if seed.skipped:
        result["skipped"] = [_note(note) for note in seed.skipped]
    if seed.decisions:
        result["decisions"] = [_note(note) for note in seed.decisions]
    return result


def _note(note: LineNote) -> str:
    lines = f"{note.first}" if note.first == note.last else f"{note.first}-{note.last}"
    return f"{lines}: {note.text}"


def _section(section: Section) -> dict[str, Any]:
    assert section.source.file == FILE
    return {
        "title": section.title,
        "icon": section.icon,
        "line": section.source.line,
        "questions": [_question(question) for question in section.questions],
    }


def _question(question: Question) -> dict[str, Any]:
    assert question.source.file == FILE
    found: dict[str, Any] = {
        "text": question.text,
        "line": question.source.line,
        "follow_ups": list(question.follow_ups),
    }
    for key in ("answer", "hint", "difficulty", "context", "figure"):
        if getattr(question, key):
            found[key] = getattr(question, key)
    if question.links:
        found["links"] = [f"{link.label}: {link.url}" for link in question.links]
    return found


class _Block(str):
    """A string to write as a literal block: error texts read exactly as printed."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_block(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    """Answers and hints span lines: write them as literal blocks, as they read in the bank."""
    style = "|" if "\n" in data and not data.endswith((" ", "\t")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Block, _represent_block)
_Dumper.add_representer(str, _represent_str)


def rewrite(path: Path, result: dict[str, Any]) -> None:
    """Replace the result side of a golden file, keeping what comes before it as written."""
    text = path.read_text(encoding="utf-8")
    match = _RESULT_KEY.search(text)
    head = text[: match.start()] if match else text
    if head and not head.endswith("\n"):
        head += "\n"
    if "error" in result:
        result = {"error": _Block(result["error"])}
    body = yaml.dump(result, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(head + body, encoding="utf-8")


def load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), f"{path.name}: a golden file is a mapping"
    assert isinstance(case.get("input"), str), f"{path.name}: `input` must be a string"
    unknown = set(case) - {"input", "expected", "skipped", "decisions", "error"}
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    return case


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_parse_golden(path: Path, request: pytest.FixtureRequest) -> None:
    case = load_case(path)
    actual = parsed(case["input"])
    if request.config.getoption("--update-goldens"):
        rewrite(path, actual)
        return
    keys = ("expected", "skipped", "decisions", "error")
    wanted = {key: case[key] for key in keys if key in case}
    assert ("expected" in wanted) != ("error" in wanted), (
        f"{path.name}: give exactly one of `expected` or `error`, "
        "or run pytest --update-goldens and review the result"
    )
    assert actual == wanted


def test_golden_cases_are_found() -> None:
    """An empty or misplaced golden folder would make the parametrized test vanish."""
    assert len(CASES) >= 20, f"expected the parser's golden cases in {GOLDEN}"


def test_update_rewrites_only_the_result_side(tmp_path: Path) -> None:
    """``--update-goldens`` keeps the comment and input exactly and writes a loadable result."""
    head = "# A comment that must survive.\ninput: |\n  ## Section\n\n  1. **Stale?**\n"
    path = tmp_path / "case.yaml"
    path.write_text(head + "expected:\n- title: Outdated\n", encoding="utf-8")
    rewrite(path, parsed(load_case(path)["input"]))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(head)
    assert load_case(path)["expected"] == [
        {
            "title": "Section",
            "icon": "",
            "line": 1,
            "questions": [{"text": "Stale?", "line": 3, "follow_ups": []}],
        }
    ]


def test_update_writes_errors_as_literal_blocks(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("input: |\n  ### 1.\n  ### 2.\n", encoding="utf-8")
    rewrite(path, parsed(load_case(path)["input"]))
    text = path.read_text(encoding="utf-8")
    assert "\nerror: |-\n  case.md:1: empty question" in text
    assert load_case(path)["error"].splitlines()[1].startswith("case.md:2: empty question")

"""Bank-shapes benchmark (``make bench-banks``): how well the parser reads each shape.

Each fixture in ``tests/data/banks/`` is a bank written in one shape real banks
use; ``expected.yml`` beside them is a count made by a person reading the files,
not by running the parser.  For each shape this prints questions found against
expected, false questions, follow-ups, answers on the right question, difficulty
and group context, and skipped lines against the expected skipped lines.

Targets: every expected question found, zero false questions, every answer on
its own question.  Exit code 1 when a target is missed, so CI could hold it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.encoding import decode_seed  # noqa: E402
from generator.markup import to_text  # noqa: E402
from generator.model import Question  # noqa: E402
from generator.parse import parse_seed  # noqa: E402

BANKS = ROOT / "tests" / "data" / "banks"


@dataclass
class Row:
    shape: str
    expected: int
    found: int
    false: int
    answers: str
    follow_ups: str
    marks: str
    skipped: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return self.found == self.expected and not self.false and not self.problems


def measure(name: str, spec: dict[str, Any]) -> Row:
    text = decode_seed((BANKS / name).read_bytes(), name)
    seed = parse_seed(text, name)
    got: dict[int, Question] = {
        q.source.line: q for section in seed.sections for q in section.questions
    }
    wanted = {int(q["line"]): q for q in spec.get("questions") or []}
    found = [line for line in wanted if line in got]
    false = [line for line in got if line not in wanted]
    problems = [f"missing question on line {line}" for line in wanted if line not in got]
    problems += [
        f"false question on line {line}: {to_text(got[line].text)[:50]!r}" for line in false
    ]
    right_answers = right_follow_ups = right_marks = 0
    follow_total = sum(int(q.get("follow_ups", 0) or 0) for q in wanted.values())
    for line in found:
        expect, question = wanted[line], got[line]
        if bool(expect.get("answer")) == bool(question.answer) or (
            expect.get("answer") and question.links and not question.answer
        ):
            right_answers += 1
        else:
            problems.append(
                f"line {line}: answer expected {expect.get('answer')}, got {bool(question.answer)}"
            )
        if int(expect.get("follow_ups", 0) or 0) == len(question.follow_ups):
            right_follow_ups += 1
        else:
            problems.append(
                f"line {line}: {expect.get('follow_ups', 0)} follow-ups expected, got "
                f"{len(question.follow_ups)}"
            )
        wanted_context = to_text(str(expect.get("context", "")))
        # A group's context is its words, then any table or image it shows.
        context_ok = (wanted_context == "") == (question.context == "") and (
            wanted_context in to_text(question.context.split("\n\n")[0])
        )
        if expect.get("difficulty", "") == question.difficulty and context_ok:
            right_marks += 1
        else:
            problems.append(
                f"line {line}: difficulty/context expected "
                f"{expect.get('difficulty', '')!r}/{expect.get('context', '')!r}, got "
                f"{question.difficulty!r}/{question.context[:30]!r}"
            )
    expected_skips = {
        n
        for first, last in spec.get("skipped") or []
        for n in range(first, last + 1)
        if text.split("\n")[n - 1].strip()
    }
    skipped = {n for note in seed.skipped for n in range(note.first, note.last + 1)}
    skip_text = f"{len(skipped & expected_skips)}/{len(expected_skips)}"
    if skipped - expected_skips:
        skip_text += f" (+{len(skipped - expected_skips)} more)"
    return Row(
        name.removesuffix(".md"),
        len(wanted),
        len(found),
        len(false),
        f"{right_answers}/{len(found)}",
        f"{right_follow_ups}/{len(found)} ({follow_total} expected)",
        f"{right_marks}/{len(found)}",
        skip_text,
        problems,
    )


def main() -> int:
    specs: dict[str, Any] = yaml.safe_load((BANKS / "expected.yml").read_text(encoding="utf-8"))
    rows = [measure(name, spec or {}) for name, spec in specs.items()]
    header = (
        "shape",
        "questions",
        "false",
        "answers right",
        "follow-ups right",
        "difficulty+context",
        "skipped lines",
    )
    table = [header] + [
        (
            r.shape,
            f"{r.found}/{r.expected}",
            str(r.false),
            r.answers,
            r.follow_ups,
            r.marks,
            r.skipped,
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    for row in rows:
        for problem in row.problems:
            print(f"  {row.shape}: {problem}")
    ok = all(row.ok for row in rows)
    print(
        "PASS: every expected question found, no false question, every answer on its own question"
        if ok
        else "FAIL: see the lines above"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

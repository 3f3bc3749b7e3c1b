"""The CLI's user errors: exact text on stderr, exit code 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.curation import load_curation

from .conftest import ROOT, run_cli
from .support import seed_counts

EXAMPLE = "for example `### 1. What is overfitting?` or `1. **What is overfitting?**`"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_check_passes_on_the_real_seed() -> None:
    code, out, err = run_cli("check")
    assert (code, out) == (0, "")
    questions, follow_ups = seed_counts()
    topics = len(load_curation(ROOT / "seeds", "seeds").topics)
    assert err == (
        f"seeds/ml-interview-questions.md: {questions} questions, {follow_ups} follow-ups, "
        f"0 answers; no line skipped\nOK: {topics} topics, {questions} questions and "
        f"{follow_ups} follow-ups\n"
    )


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"bank.md": "**Follow-ups:**\n- Why?\n"},
            f"seeds/bank.md:1: follow-up list has no question above it; put it under a question, "
            f"{EXAMPLE}\n",
        ),
        (
            {"bank.md": "## Topic\n\n### 1.\n"},
            f"seeds/bank.md:3: empty question: expected its text after the number, {EXAMPLE}\n",
        ),
        (
            {"notes.md": "Just notes.\n", "more.md": "# Title only\n"},
            f"seeds/more.md: no questions found; write them as numbered items or headings, "
            f"{EXAMPLE}\n"
            f"seeds/notes.md: no questions found; write them as numbered items or headings, "
            f"{EXAMPLE}\n",
        ),
        (
            {"bank.md": b"## Topic\n\n1. **What\x93s this?**\n"},
            "seeds/bank.md:3: not valid UTF-8 (byte 0x93 at column 10); save the file as UTF-8\n",
        ),
        (
            {
                "a.md": "## Topic\n\n### 1. What?\n**Follow-ups:**\n",
                "b.md": "## Topic\n\n- \n",
            },
            "seeds/a.md:4: follow-up label is not followed by a list; put the follow-ups under it "
            "as `- …` items\n"
            f"seeds/b.md:3: empty question: expected its text after the number, {EXAMPLE}\n",
        ),
        (
            {
                "bank.md": "## NLP\n\n1. **What?**\n",
                "topics.yml": "topics:\n  - sections: [Vision]\n",
            },
            "seeds/topics.yml:2: no section titled 'Vision' in the seeds; known sections: 'NLP'\n",
        ),
    ],
    ids=[
        "orphan-follow-ups",
        "empty-question",
        "no-questions",
        "not-utf8",
        "all-problems",
        "curation",
    ],
)
def test_check_reports_each_problem_as_file_and_line(
    project: Path, files: dict[str, str | bytes], expected: str
) -> None:
    seeds = project / "seeds"
    for path in seeds.iterdir():
        path.unlink()
    for name, data in files.items():
        write(seeds, name, data)
    for command in ("check", "build"):
        code, out, err = run_cli(command, cwd=project)
        assert (code, out, err) == (1, "", expected), command


def test_missing_and_empty_seed_folders(project: Path) -> None:
    assert run_cli("check", "--seeds", "nowhere", cwd=project) == (
        1,
        "",
        "nowhere: seeds folder does not exist\n",
    )
    (project / "empty").mkdir()
    assert run_cli("check", "--seeds", "empty", cwd=project) == (
        1,
        "",
        "empty: no seed files (*.md) in this folder; add a Markdown question bank\n",
    )


def test_missing_config(tmp_path: Path) -> None:
    code, out, err = run_cli("build", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert (
        err == "mkdocs.yml: no such file; run studyguide in the project folder or pass --config\n"
    )


def test_a_file_without_questions_is_a_warning_when_others_have_some(project: Path) -> None:
    seeds = project / "seeds"
    write(seeds, "notes.md", "# Notes\n\nJust notes, no questions.\n")
    write(seeds, "empty.md", "")
    for command in (["check"], ["build", "--no-pdf"]):
        code, _, err = run_cli(*command, cwd=project)
        assert code == 0, err
        warnings = [line for line in err.splitlines() if line.endswith("(warning)")]
        assert warnings == [
            "seeds/empty.md: no questions found in this file (warning)",
            "seeds/notes.md: no questions found in this file (warning)",
        ], command


def test_check_explain_lists_every_question_of_every_section_once(tmp_path: Path) -> None:
    """A file of several sections: each question under its own section, at its line (the
    outline used to print the last section's questions once per topic, and no other)."""
    write(
        tmp_path,
        "bank.md",
        "## Trees\n\n**How does a tree pick a split?**\n\nBy purity.\n\n"
        "## Kernels\n\n**What does a kernel compute?**\n\n**When is an RBF kernel a poor fit?**\n",
    )
    code, out, err = run_cli("check", "--seeds", str(tmp_path), "--explain", "bank.md")
    assert code == 0, err
    rows = [line.split(None, 2) for line in out.splitlines() if "question  " in line]
    assert [(int(line), kind) for line, kind, _ in rows] == [
        (3, "question"),
        (9, "question"),
        (11, "question"),
    ]
    sections = [line.strip() for line in out.splitlines() if "section   " in line]
    assert sections[0].startswith("1  section   Trees") and "Kernels" in sections[1]
    assert out.index("Trees") < out.index("split?") < out.index("Kernels") < out.index("RBF")

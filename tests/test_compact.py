"""The guide's own scripts and stylesheets ship without comments, meaning unchanged."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.compact import compact

from .conftest import ROOT

ASSETS = ROOT / "docs" / "assets"
OURS = sorted(ASSETS.glob("javascripts/guide*.js")) + sorted(ASSETS.glob("stylesheets/guide*.css"))


def relative(path: Path) -> str:
    return path.relative_to(ROOT / "docs").as_posix()


def test_only_our_scripts_and_stylesheets_are_compacted() -> None:
    assert len(OURS) >= 8
    vendored = ASSETS / "javascripts" / "vendor" / "ts-fsrs.min.js"
    assert compact(relative(vendored), vendored.read_bytes()) == vendored.read_bytes()
    assert compact("notes.md", b"// not code\n") == b"// not code\n"
    for path in OURS:
        data = path.read_bytes()
        small = compact(relative(path), data)
        assert len(small) < len(data), path.name


def test_whole_line_comments_go_and_code_stays() -> None:
    script = b'  // why\n  var a = "//x"; // kept: shares a line\n\n  f(a);\n'
    assert compact("assets/javascripts/guide.js", script) == (
        b'var a = "//x"; // kept: shares a line\nf(a);\n'
    )
    style = b"/* one\n   two */\n.a {\n  b: url('//c');\n}\n  /* three */\n"
    assert compact("assets/stylesheets/guide.css", style) == b".a {\nb: url('//c');\n}\n"


@pytest.mark.parametrize("path", OURS, ids=lambda p: p.name)
def test_our_files_keep_the_rules_compacting_relies_on(path: Path) -> None:
    """A comment never shares its first line with code; no literal spans lines."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".css":
        assert not re.search(r"^[ \t]*/\*.*\*/[ \t]*\S", text, re.MULTILINE)
        assert not re.search(r"\S[ \t]*/\*", text), "a comment after code on its line"
    else:
        code = [line for line in text.splitlines() if not line.strip().startswith("//")]
        assert not [line for line in code if "`" in line], "template literals may span lines"
        assert not [line for line in code if "/*" in line], "block comments stay; use //"


@pytest.mark.parametrize("path", [p for p in OURS if p.suffix == ".js"], ids=lambda p: p.name)
def test_compacted_scripts_still_parse(path: Path, tmp_path: Path) -> None:
    if not shutil.which("node"):
        pytest.skip("node not installed")
    out = tmp_path / path.name
    out.write_bytes(compact(relative(path), path.read_bytes()))
    subprocess.run(["node", "--check", str(out)], check=True)

"""The vendored scheduler is exactly what the locked npm packages make (`make vendor`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

VENDOR = ROOT / "docs" / "assets" / "javascripts" / "vendor"


def test_the_vendored_ts_fsrs_is_the_locked_one_minified(tmp_path: Path) -> None:
    package = ROOT / "node_modules" / "ts-fsrs" / "package.json"
    if not package.is_file() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("node_modules lacks ts-fsrs in CI: `make test` runs npm ci first")
        pytest.skip("npm packages not installed (npm ci)")
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/ts-fsrs"]["version"]
    assert json.loads(package.read_text(encoding="utf-8"))["version"] == locked
    out = tmp_path / "ts-fsrs.min.js"
    subprocess.run(["bash", "tools/vendor-fsrs.sh", str(out)], cwd=ROOT, check=True)
    for name in ("ts-fsrs.min.js", "ts-fsrs.LICENSE.txt"):
        assert (VENDOR / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"{name} differs from what the lock makes: run `make vendor` and commit it"
        )
    assert (
        (VENDOR / "ts-fsrs.min.js")
        .read_text(encoding="utf-8")
        .startswith(f"/*! ts-fsrs {locked}, MIT licence")
    )

"""Output you can trust: reproducible builds, and builds with no network at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.project import BUILD_DIR_VARIABLE

from .conftest import ROOT

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)

STUDYGUIDE = Path(sys.executable).parent / "studyguide"


def build(
    out: Path, *, epoch: str, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Build the seed into ``out`` from nothing: its own, empty build folder, so no cache
    can hide a difference between two builds."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        BUILD_DIR_VARIABLE: str(out / "build"),
    }
    return subprocess.run(
        [
            *prefix,
            str(STUDYGUIDE),
            "build",
            "--site-dir",
            str(out / "site"),
            "--pages-dir",
            str(out / "pages"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The site of one build at the first epoch, for both comparisons."""
    out = tmp_path_factory.mktemp("first")
    result = build(out, epoch="1764000000")
    assert result.returncode == 0, result.stderr
    return tree(out / "site")


def test_two_builds_are_byte_identical(tmp_path: Path, first: dict[str, bytes]) -> None:
    assert build(tmp_path, epoch="1764000000").returncode == 0
    a, b = first, tree(tmp_path / "site")
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []
    assert "downloads/ml-interview-questions.apkg" in a
    assert "handouts/all-topics.pdf" in a


def test_the_epoch_is_what_changes_the_output(tmp_path: Path, first: dict[str, bytes]) -> None:
    assert build(tmp_path, epoch="1764086400").returncode == 0
    a, b = first, tree(tmp_path / "site")
    assert a["sitemap.xml"] != b["sitemap.xml"]


def test_the_build_needs_no_network(tmp_path: Path) -> None:
    """Run in a network namespace with no interfaces: any outside request fails the build."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"unshare -n is needed in CI: {probe.stderr.decode()}")
        pytest.skip("this machine cannot create a network namespace (needs root)")
    result = build(tmp_path, epoch="1764000000", prefix=("unshare", "-n"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()

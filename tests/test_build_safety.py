"""A build never destroys what it was not asked to replace, and the previous site survives.

Each test breaks the build where a user or the machine would: an output folder
that holds the project, two builds at once, a read-only bank, a swap that fails
halfway, a build killed before it cleaned up.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import registry, write

from .conftest import run_cli
from .support import SMALL_BANK, small_seeds

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)


@pytest.mark.parametrize(
    ("option", "folder", "holds"),
    [
        ("--site-dir", ".", "the project"),
        ("--site-dir", "seeds", "the seeds"),
        ("--site-dir", "docs", "the hand-written pages"),
        ("--site-dir", "build", "the build folder"),
        ("--site-dir", "templates", "the templates"),
        ("--pages-dir", "seeds", "the seeds"),
        ("--site-dir", "..", "the project"),
    ],
)
def test_an_output_folder_holding_the_project_is_refused(
    project: Path, option: str, folder: str, holds: str
) -> None:
    small_seeds(project)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    code, out, err = run_cli("build", "--no-pdf", option, folder, cwd=project)
    assert (code, out) == (1, "")
    assert err.startswith(f"{option} ")
    assert err.endswith(
        f": a build replaces this folder, which holds {holds}; choose an empty or new folder\n"
    )
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_an_output_folder_inside_the_seeds_is_refused(project: Path) -> None:
    small_seeds(project)
    code, _, err = run_cli("build", "--no-pdf", "--site-dir", "seeds/site", cwd=project)
    assert code == 1
    assert err == (
        "--site-dir seeds/site: is inside the seeds, which are read by the next build; "
        "choose a folder outside them\n"
    )


def _build(project: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "studyguide"), "build", "--no-pdf"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_build_waits_for_the_first(project: Path) -> None:
    """A build that finds the lock taken says so and waits, then builds; the site is whole."""
    small_seeds(project)
    lock = project / "build" / ".lock"
    lock.parent.mkdir(parents=True)
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = _build(project)
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert line == "Another build of this project is running; waiting for it to finish…\n"
        assert waiting.poll() is None
        assert not (project / "site").exists()
    _, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert (project / "site" / "topics" / "topic" / "index.html").is_file()


def test_overlapping_builds_both_finish_with_a_whole_site(project: Path) -> None:
    small_seeds(project)
    first, second = _build(project), _build(project)
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "topics" / "topic" / "index.html").is_file()
    assert not list(project.glob(".site.*")) and not list((project / "build").glob(".docs.*"))


def test_a_read_only_bank_still_builds_and_says_its_ids_were_not_saved(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root can write anywhere, so the read-only folder is played by the writer itself."""
    small_seeds(project)

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(registry, "write_atomic", refuse)
    code, _, err = run_cli("build", "--no-pdf", cwd=project)
    assert code == 0, err
    assert err.startswith(
        "seeds/ids.yml: cannot save the question ids (Permission denied); this build's new ids "
        "may change in the next one until the file can be written (warning)\n"
    )
    assert (project / "site" / "topics" / "topic" / "index.html").is_file()
    assert not (project / "seeds" / "ids.yml").exists()


def test_a_swap_that_fails_halfway_keeps_the_previous_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_seeds(project)
    assert run_cli("build", "--no-pdf", cwd=project)[0] == 0
    page = project / "site" / "topics" / "topic" / "index.html"
    before = page.read_bytes()
    (project / "seeds" / "bank.md").write_text(
        SMALL_BANK + "3. **And a third?**\n", encoding="utf-8"
    )
    original = Path.rename
    calls: list[str] = []

    def rename(self: Path, target: Path) -> Path:
        calls.append(self.name)
        # The new site moving into place fails, after the old one moved aside.
        if self.name == ".site.new":
            raise OSError(28, "No space left on device")
        return original(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    code, _, err = run_cli("build", "--no-pdf", cwd=project)
    monkeypatch.undo()
    assert (code, err) == (1, "error: No space left on device; nothing was replaced\n")
    assert ".site.new" in calls
    assert page.read_bytes() == before


def test_a_killed_build_leaves_nothing_the_next_cannot_clean(project: Path) -> None:
    small_seeds(project)
    for stale in (".site.new", ".site.old"):
        (project / stale / "junk").mkdir(parents=True)
    assert run_cli("build", "--no-pdf", cwd=project)[0] == 0
    assert not (project / ".site.new").exists() and not (project / ".site.old").exists()


def test_a_build_killed_between_the_renames_gets_its_site_back(project: Path) -> None:
    """Killed after the old site moved aside and before the new one moved in: the old one
    is put back before anything else happens, so a failing next build still leaves it."""
    small_seeds(project)
    assert run_cli("build", "--no-pdf", cwd=project)[0] == 0
    (project / "site").rename(project / ".site.old")
    (project / "seeds" / "bank.md").write_text("## Topic\n\n### 1.\n", encoding="utf-8")
    code, _, err = run_cli("build", "--no-pdf", cwd=project)
    assert code == 1 and "empty question" in err
    assert (project / "site" / "topics" / "topic" / "index.html").is_file()
    assert not (project / ".site.old").exists()


def test_the_staging_swap_keeps_the_old_folder_until_the_new_one_is_in(tmp_path: Path) -> None:
    current, new = tmp_path / "site", tmp_path / ".site.new"
    current.mkdir()
    (current / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    write.replace_dir(new, current)
    assert [p.name for p in current.iterdir()] == ["new.html"]
    assert not new.exists() and not (tmp_path / ".site.old").exists()

"""Building: output only changes when a build succeeds, and only where content changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator.curation import load_curation
from generator.model import Guide

from .conftest import CHECKOUT_AT_START, Built, checkout_state, run_cli
from .support import seed_counts

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)

SEED = "seeds/ml-interview-questions.md"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, inode and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(project: Path, *options: str) -> str:
    """Build ``project``, without PDFs unless ``options`` say otherwise: these tests are
    about pages and sites, and the handouts' own tests print PDFs."""
    code, _, err = run_cli("build", *(options or ["--no-pdf"]), cwd=project)
    assert code == 0, err
    return err


def test_default_build_writes_pages_and_site(project: Path) -> None:
    questions, follow_ups = seed_counts()
    topics = len(load_curation(project / "seeds", "seeds").topics)
    assert build(project, "--paper", "a4") == (
        f"Built {topics} topics, {questions} questions and {follow_ups} follow-ups into site/\n"
    )
    assert (project / "build/docs/topics/core-ml.md").is_file()
    assert (project / "build/docs/assets/stylesheets/guide.css").is_file()
    assert (project / "site/topics/core-ml/index.html").is_file()
    assert (project / "site/handouts/core-ml.pdf").is_file()
    assert not [p.name for p in project.iterdir() if p.name.startswith(".")]


def test_unchanged_pages_are_not_rewritten(project: Path) -> None:
    build(project)
    before = snapshot(project / "build/docs")
    seed = project / SEED
    seed.write_text(seed.read_text().replace("Compare VAEs and GANs.", "Compare VAEs with GANs."))
    build(project)
    after = snapshot(project / "build/docs")
    changed = sorted(path for path in after if after[path] != before[path])
    # Exactly the files that show the question's wording changed: its page, its short
    # link, the concept and related-question lists that name it, and the JSON export.
    assert "topics/architectures.md" in changed
    assert changed == sorted(p for p in after if b"Compare VAEs with GANs." in after[p][0])
    assert len(changed) < len(after) / 10


def test_a_rebuild_compiles_no_template_and_ignores_forged_ones(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our templates and the theme's stay compiled between builds (signed: a planted entry
    is compiled afresh, never run), and the site is the same either way."""
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None,
                 *rest: Any) -> Any:  # fmt: skip
        compiled.append(name or "")
        return compile_template(self, source, name, *rest)

    build(project)
    first = snapshot(project / "site")
    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    build(project)
    assert compiled == []
    entries = sorted((project / "build/.jinja").glob("theme-*/*.jinja"))
    assert len(entries) > 20  # Material's templates, partials and our overrides
    for entry in entries:
        entry.write_bytes(b"\0" * 32 + entry.read_bytes()[32:])
    build(project)
    assert "main.html" in compiled
    assert len(compiled) >= len(entries)
    assert {k: v[0] for k, v in snapshot(project / "site").items()} == {
        k: v[0] for k, v in first.items()
    }


def test_a_failed_build_leaves_the_previous_pages_and_site(project: Path) -> None:
    build(project)
    pages, site = snapshot(project / "build/docs"), snapshot(project / "site")
    seed = project / SEED
    seed.write_text(seed.read_text().replace("Compare VAEs and GANs.", "Compare VAEs to GANs."))
    # A hand-written page with a broken link fails MkDocs' strict build, after generation.
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [nothing](missing.md).\n")
    code, out, err = run_cli("build", "--no-pdf", cwd=project)
    assert (code, out) == (1, "")
    assert "missing.md" in err and "Traceback" not in err
    assert err.splitlines()[-1] == (
        "MkDocs could not build the site: Aborted with 1 warnings in strict mode!"
    )
    assert snapshot(project / "build/docs") == pages
    assert snapshot(project / "site") == site
    assert not [p.name for p in project.iterdir() if p.name.startswith(".")]


def test_a_seed_error_leaves_the_previous_output(project: Path) -> None:
    build(project)
    pages, site = snapshot(project / "build/docs"), snapshot(project / "site")
    (project / "seeds" / "broken.md").write_text("- \n")
    assert run_cli("build", "--no-pdf", cwd=project)[0] == 1
    assert snapshot(project / "build/docs") == pages
    assert snapshot(project / "site") == site


def test_generated_pages_never_overwrite_hand_written_ones(project: Path) -> None:
    (project / "docs" / "topics").mkdir()
    (project / "docs" / "topics" / "research.md").write_text("# My research notes\n")
    code, out, err = run_cli("build", cwd=project)
    assert (code, out) == (1, "")
    assert err == (
        "docs/topics/research.md: hand-written page is where the generator writes "
        "topics/research.md; "
        "rename or move it (the generator never overwrites it)\n"
    )
    assert (project / "docs" / "topics" / "research.md").read_text() == "# My research notes\n"


def test_hand_written_pages_join_the_site(project: Path) -> None:
    (project / "docs" / "notes.md").write_text("# Notes\n\nBack [home](index.md).\n")
    build(project)
    assert (project / "site" / "notes" / "index.html").is_file()


def test_another_bank_builds_elsewhere_without_touching_the_project(
    project: Path, tmp_path: Path
) -> None:
    build(project)
    pages, site = snapshot(project / "build/docs"), snapshot(project / "site")
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "mine.md").write_text("## Vision\n\n1. **What is a convolution?**\n")
    code, _, err = run_cli(
        "build", "--seeds", str(bank), "--site-dir", str(tmp_path / "out"), cwd=project
    )
    assert code == 0, err
    assert (tmp_path / "out" / "topics" / "vision" / "index.html").is_file()
    assert (tmp_path / "out.pages" / "topics" / "vision.md").is_file()
    assert snapshot(project / "build/docs") == pages
    assert snapshot(project / "site") == site


def test_the_preview_hands_mkdocs_a_configuration_of_its_own(project: Path) -> None:
    """``serve`` shares no list with MkDocs' thread: the navigation is in a file MkDocs reads
    (and reloads), inheriting the project's configuration, with the overrides found."""
    from mkdocs.config import load_config

    from generator.project import load_project
    from generator.serve import serve_config

    loaded = load_project(project / "mkdocs.yml")
    pages = project / "build" / "docs"
    pages.mkdir(parents=True)
    (pages / "index.md").write_text("# Home\n", encoding="utf-8")
    nav = [{"Home": "index.md"}]
    config_file = project / "build" / "serve.yml"
    config_file.write_text(serve_config(loaded, pages, nav), encoding="utf-8")
    config = load_config(str(config_file))
    assert config.docs_dir == str(pages)
    assert config.nav == nav
    assert config.site_name == loaded.site_name
    assert str(project / "overrides") in config.theme.dirs


def test_the_suite_builds_leave_the_checkout_as_it_was(
    built: Built, zensical_built: Built, seed_guide: Guide
) -> None:
    """The session's builds of the real seed (both engines, and the guide made in memory)
    write only to temporary folders: no cache, build folder or registry in the checkout."""
    now = checkout_state()
    added = sorted(now.keys() - CHECKOUT_AT_START.keys())
    changed = sorted(
        p for p in now.keys() & CHECKOUT_AT_START.keys() if now[p] != CHECKOUT_AT_START[p]
    )
    assert (added, changed) == ([], [])

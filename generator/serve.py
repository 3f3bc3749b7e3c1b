"""Live preview: MkDocs serves the generated pages while we regenerate them.

MkDocs' server watches the pages folder and its configuration file; we watch
what the pages are made of (seeds, templates, hand-written pages) and rewrite
only the pages that changed, so MkDocs rebuilds exactly when something a reader
would see changed.  The navigation goes to MkDocs in a configuration file of its
own (`serve_config`, which inherits the project's), rewritten when the topics
change: nothing is shared between our thread and MkDocs' but files.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import yaml

from . import write
from .build import Options, generate
from .errors import StudyGuideError
from .project import Project
from .site import navigation

POLL_SECONDS = 0.5


def serve(project: Project, options: Options, dev_addr: str) -> None:
    """Generate once, then serve and regenerate until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config_file = project.build_dir / "serve.yml"
    with write.locked(project.lock, _waiting):
        _regenerate(project, options, config_file)
    sources = (options.seeds, project.templates, project.handwritten)
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(project, options, config_file, sources, stop), daemon=True
    )
    watcher.start()
    try:
        mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
    finally:
        stop.set()


def serve_config(project: Project, pages: Path, nav: list[Any]) -> str:
    """A configuration for MkDocs that is the project's, with our pages and navigation.

    MkDocs resolves ``theme.custom_dir`` against the file that inherits, so it is
    given as an absolute path here.
    """
    config: dict[str, Any] = {"INHERIT": str(project.config_file), "docs_dir": str(pages)}
    theme = _project_theme(project)
    if isinstance(theme, dict) and theme.get("custom_dir"):
        config["theme"] = {**theme, "custom_dir": str(project.root / theme["custom_dir"])}
    config["nav"] = nav
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _project_theme(project: Project) -> Any:
    class Loader(yaml.SafeLoader):
        """Reads past MkDocs' own tags (``!ENV``, ``!relative``)."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load(project.config_file.read_text(encoding="utf-8"), Loader=Loader)
    return config.get("theme") if isinstance(config, dict) else None


def _regenerate(project: Project, options: Options, config_file: Path) -> list[str]:
    generated = generate(project, options.seeds)
    changed = write.sync(generated.files, options.pages)
    nav = navigation(generated.guide, list(generated.files))
    write.sync_file(config_file, serve_config(project, options.pages, nav).encode("utf-8"))
    return changed


def _watch(
    project: Project,
    options: Options,
    config_file: Path,
    sources: tuple[Path, ...],
    stop: threading.Event,
) -> None:
    seen = _snapshot(sources)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(sources)
        if now == seen:
            continue
        seen = now
        try:
            with write.locked(project.lock, _waiting):
                changed = _regenerate(project, options, config_file)
        except StudyGuideError as exc:
            click.echo(exc.text, err=True)
            continue
        if changed:
            click.echo(f"Regenerated {len(changed)} page(s): {', '.join(changed[:5])}", err=True)


def _waiting() -> None:
    click.echo("Waiting for a build of this project to finish…", err=True)


def _snapshot(folders: tuple[Path, ...]) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in _files(folders)}


def _files(folders: tuple[Path, ...]) -> Iterator[Path]:
    for folder in folders:
        if folder.is_dir():
            yield from (p for p in folder.rglob("*") if p.is_file())

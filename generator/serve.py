"""Live preview: MkDocs serves the generated pages while we regenerate them.

MkDocs' server watches the pages folder; we watch what the pages are made of
(seeds, templates, hand-written pages) and rewrite only the pages that changed,
so MkDocs rebuilds exactly when something a reader would see changed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

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

    with write.locked(project.lock, _waiting):
        generated = generate(project, options.seeds)
        write.sync(generated.files, options.pages)
    # MkDocs reloads its configuration on every rebuild from these same arguments,
    # so the navigation list is updated in place when topics change.
    nav: list[Any] = navigation(generated.guide, list(generated.files))
    sources = (options.seeds, project.templates, project.handwritten)
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(project, options, nav, sources, stop), daemon=True
    )
    watcher.start()
    try:
        mkdocs_serve(
            config_file=str(project.config_file),
            docs_dir=str(options.pages),
            nav=nav,
            dev_addr=dev_addr,
            livereload=True,
        )
    finally:
        stop.set()


def _watch(
    project: Project,
    options: Options,
    nav: list[Any],
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
                generated = generate(project, options.seeds)
                nav[:] = navigation(generated.guide, list(generated.files))
                changed = write.sync(generated.files, options.pages)
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

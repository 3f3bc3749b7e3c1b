"""The pipeline, start to end: seeds → guide → pages → site."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import write
from .concepts import load_concepts, match_concepts
from .curation import load_curation
from .errors import display_path
from .guide import assemble
from .link import Links, Overrides, link, overrides_from
from .load import load_seeds
from .model import Guide
from .project import Project
from .registry import REGISTRY_FILE, dump_registry, load_registry
from .render import render_pages
from .site import build_site, navigation
from .zensical import build_with_zensical

DECK = "downloads/ml-interview-questions.apkg"


@dataclass(frozen=True)
class Options:
    """Where to read from and write to; the defaults are the project's own folders."""

    seeds: Path
    site: Path
    pages: Path
    engine: str = "mkdocs"
    """``mkdocs`` or ``zensical``: which engine turns the pages into a site."""
    handouts: bool = True
    """Render the PDF handouts (the slowest step: ``--no-pdf`` skips it for previews)."""
    paper: str = "a4"
    progress: bool = False
    """Show a progress bar while rendering handouts (when stderr is a terminal)."""


@dataclass(frozen=True)
class Generated:
    """Everything made in memory before anything is written."""

    guide: Guide
    links: Links
    files: dict[str, bytes]
    """The docs folder's planned content."""


def generate(project: Project, seeds_dir: Path, overrides: bool = True) -> Generated:
    """Parse, link and render in memory (``overrides=False`` ignores curated links)."""
    seeds = load_seeds(seeds_dir, project.root / "build" / ".cache" / "seeds")
    curation = load_curation(seeds_dir, display_path(seeds_dir))
    guide = assemble(seeds, curation, project.site_name, load_registry(seeds_dir))
    concepts = load_concepts(seeds_dir)
    forced = overrides_from(curation, {entry.id for entry in guide.entries})
    links = link(
        guide.entries,
        match_concepts(guide.entries, concepts),
        forced if overrides else Overrides(),
        guide.retired,
    )
    edit_urls = {file: project.edit_url(seeds_dir / file) for file in guide.seed_files}
    pages = render_pages(guide, links, concepts, project.templates, edit_urls)
    return Generated(guide, links, write.planned_files(pages, project.handwritten))


def _deck(project: Project, generated: Generated, out: Path) -> None:
    """Write the Anki deck, or reuse the one built from exactly the same inputs.

    The deck is a pure function of the export, the site's address, the guide's
    name, the epoch and the deck code; reusing it skips genanki entirely.
    """
    key = hashlib.sha256(
        b"\0".join(
            [
                generated.files["questions.json"],
                project.site_url.encode(),
                generated.guide.title.encode(),
                os.environ.get("SOURCE_DATE_EPOCH", "").encode(),
                Path(__file__).with_name("deck.py").read_bytes(),
            ]
        )
    ).hexdigest()
    cached = project.root / "build" / ".cache" / f"deck-{key}.apkg"
    if not cached.is_file():
        from .deck import write_deck  # genanki and sqlite only when the deck changes

        write_deck(
            generated.guide,
            generated.links,
            cached,
            site_url=project.site_url,
            deck_name=generated.guide.title,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out)


def build(project: Project, options: Options) -> Guide:
    """Generate the pages and build the site; on any failure the old pages and site stay."""
    generated = generate(project, options.seeds)
    guide, files = generated.guide, generated.files
    staged_pages = write.stage(files, options.pages)
    staged_site = options.site.parent / f".{options.site.name}.new"
    try:
        nav = navigation(guide, list(files))
        if options.engine == "zensical":
            build_with_zensical(project, staged_pages, staged_site, nav)
        else:
            build_site(project.config_file, staged_pages, staged_site, nav)
        if options.handouts:
            from .handouts import render_handouts, seed_date  # WeasyPrint takes 0.5 s to import

            render_handouts(
                guide,
                generated.links,
                project.templates,
                staged_site / "handouts",
                site_url=project.site_url,
                seed_date=seed_date(options.seeds, guide.seed_files),
                paper=options.paper,
                progress=options.progress,
            )
        _deck(project, generated, staged_site / DECK)
    except BaseException:
        write.discard(staged_pages)
        write.discard(staged_site)
        raise
    write.replace_dir(staged_pages, options.pages)
    write.replace_dir(staged_site, options.site)
    write.sync_file(options.seeds / REGISTRY_FILE, dump_registry(guide.registry).encode())
    return guide

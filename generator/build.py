"""The pipeline, start to end: seeds → guide → pages → site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import write
from .curation import load_curation
from .errors import display_path
from .guide import assemble
from .load import load_seeds
from .model import Guide
from .project import Project
from .render import render_pages
from .site import build_site, navigation


@dataclass(frozen=True)
class Options:
    """Where to read from and write to; the defaults are the project's own folders."""

    seeds: Path
    site: Path
    pages: Path


def generate(project: Project, seeds_dir: Path) -> tuple[Guide, dict[str, bytes]]:
    """Parse and render in memory: the docs folder's planned content."""
    seeds = load_seeds(seeds_dir)
    guide = assemble(seeds, load_curation(seeds_dir, display_path(seeds_dir)), project.site_name)
    edit_urls = {file: project.edit_url(seeds_dir / file) for file in guide.seed_files}
    pages = render_pages(guide, project.templates, edit_urls)
    return guide, write.planned_files(pages, project.handwritten)


def build(project: Project, options: Options) -> Guide:
    """Generate the pages and build the site; on any failure the old pages and site stay."""
    guide, files = generate(project, options.seeds)
    staged_pages = write.stage(files, options.pages)
    staged_site = options.site.parent / f".{options.site.name}.new"
    try:
        build_site(project.config_file, staged_pages, staged_site, navigation(guide, list(files)))
    except BaseException:
        write.discard(staged_pages)
        write.discard(staged_site)
        raise
    write.replace_dir(staged_pages, options.pages)
    write.replace_dir(staged_site, options.site)
    return guide

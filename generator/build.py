"""The pipeline, start to end: seeds → guide → pages → site."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from . import urls, write
from .assets import NO_ASSETS, Assets, collect
from .concepts import load_concepts, match_concepts
from .curation import load_curation
from .epoch import source_epoch
from .errors import Problem, StudyGuideError, display_path
from .files import write_atomic
from .finder import across_banks
from .groups import merge_groups
from .guide import assemble
from .link import Overrides, link, overrides_from
from .load import load_seeds
from .model import Guide, Links, Record, Seed
from .project import Project
from .redirects import lost_topics, topic_redirects
from .registry import load_registry, save_registry
from .render import environment, render_pages
from .seedcache import KEEP_DAYS
from .site import build_site, navigation
from .zensical import build_with_zensical

if TYPE_CHECKING:
    from .press import Press

DECK_PREFIX = "deck-"
"""Decks in the build folder's cache are ``deck-<key>.apkg`` (see `_deck`)."""
PDF_CACHE = "pdf"
"""The folder of printed PDFs in the build folder's cache (see `printcache`)."""


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
    answers: bool = False
    """Print the banks' answers in the handouts (candidates' handouts have none by default)."""
    progress: bool = False
    """Show a progress bar while rendering handouts (when stderr is a terminal)."""


@dataclass(frozen=True)
class Generated:
    """Everything made in memory before anything is written."""

    guide: Guide
    links: Links
    files: Mapping[str, bytes]
    """The docs folder's planned content."""
    assets: Assets = NO_ASSETS
    """The files and headings the seeds link to, resolved."""
    seeds: tuple[Seed, ...] = ()
    """Every seed file as parsed, files without questions included."""
    warnings: tuple[Problem, ...] = ()
    """What the user should know but that does not stop the build."""
    published: tuple[Record, ...] = ()
    """The id registry as the seeds folder held it when the build began."""


def generate(
    project: Project,
    seeds_dir: Path,
    *,
    overrides: bool = True,
    downloads: bool = True,
    caches: bool = True,
) -> Generated:
    """Parse, link and render in memory.

    ``overrides=False`` ignores curated links; ``downloads=False`` links no PDFs;
    ``caches=False`` neither reads nor writes the project's build folder.
    """
    loaded = load_seeds(seeds_dir, project.cache / "seeds" if caches else None)
    curation = load_curation(seeds_dir, display_path(seeds_dir))
    published = load_registry(seeds_dir)
    guide = assemble(loaded.seeds, curation, project.site_name, published)
    concepts = load_concepts(seeds_dir)
    forced = overrides_from(curation, {entry.id for entry in guide.entries})
    links = link(
        guide.entries,
        match_concepts(guide.entries, concepts),
        forced if overrides else Overrides(),
        guide.retired,
        across_banks(guide, project.cache / "vectors.npz" if caches else None),
    )
    guide = merge_groups(guide, links.groups)
    assets = collect(guide, seeds_dir)
    edit_urls = {file: project.edit_url(seeds_dir / file) for file in guide.seed_files}
    env = environment(project.templates, project.template_cache if caches else None)
    pages = render_pages(guide, links, concepts, env, edit_urls, downloads, assets)
    pages.update(topic_redirects(guide, env))
    files = write.planned_files(pages, project.handwritten, assets.files)
    lost = lost_topics(guide, published, curation.file)
    warnings = (*loaded.warnings, *assets.warnings, *lost)
    return Generated(
        guide, links, MappingProxyType(files), assets, loaded.seeds, warnings, published
    )


def check_folders(project: Project, options: Options) -> None:
    """Refuse output folders whose replacement would destroy the project or its input.

    A build replaces its site and pages folders whole, as MkDocs refuses a
    ``site_dir`` that contains its ``docs_dir``.
    """
    guarded = {
        "the project": project.root,
        "the seeds": options.seeds,
        "the hand-written pages": project.handwritten,
        "the templates": project.templates,
        "the build folder": project.build_dir,
    }
    outputs = {"--site-dir": options.site, "--pages-dir": options.pages}
    for option, target in outputs.items():
        target = target.resolve()
        for what, folder in guarded.items():
            folder = folder.resolve()
            if target == folder or folder.is_relative_to(target):
                raise StudyGuideError.message(
                    f"{option} {display_path(target)}: a build replaces this folder, "
                    f"which holds {what}; choose an empty or new folder"
                )
        for what, folder in (
            ("the seeds", options.seeds),
            ("the hand-written pages", project.handwritten),
        ):
            if target.is_relative_to(folder.resolve()):
                raise StudyGuideError.message(
                    f"{option} {display_path(target)}: is inside {what}, which are read "
                    "by the next build; choose a folder outside them"
                )
    if options.site.resolve() == options.pages.resolve():
        raise StudyGuideError.message("--site-dir and --pages-dir must be different folders")


@dataclass(frozen=True)
class Built:
    """What a build made, for the summary it prints."""

    guide: Guide
    warnings: tuple[Problem, ...]


def build(project: Project, options: Options, on_wait: Callable[[], None] = lambda: None) -> Built:
    """Generate the pages and build the site; on any failure the old pages and site stay.

    Holds the project's build lock throughout (``on_wait`` runs if another build has it).
    """
    check_folders(project, options)
    with write.locked(project.lock, on_wait), _press(project, options) as press:
        write.recover(options.pages)
        write.recover(options.site)
        generated = generate(project, options.seeds, downloads=options.handouts)
        guide = generated.guide
        staged_pages = write.stage(generated.files, options.pages)
        staged_site = write.staging(options.site)
        try:
            with _handouts(project, options, generated, press) as write_handouts:
                nav = navigation(guide, list(generated.files))
                if options.engine == "zensical":
                    build_with_zensical(project, staged_pages, staged_site, nav)
                else:
                    build_site(
                        project.config_file, staged_pages, staged_site, nav, project.template_cache
                    )
                write_handouts(staged_site)
            _deck(project, generated, staged_site / urls.DECK)
            saved = save_registry(options.seeds, guide.registry, generated.published)
        except BaseException:
            write.discard(staged_pages)
            write.discard(staged_site)
            raise
        write.replace_dir(staged_pages, options.pages)
        write.replace_dir(staged_site, options.site)
    return Built(guide, (*generated.warnings, *([saved] if saved else [])))


@contextmanager
def _press(project: Project, options: Options) -> Iterator[Press | None]:
    """With PDFs, a `Press` started now: WeasyPrint loads in it while the seeds are read."""
    if not options.handouts:
        yield None
        return
    from .handouts import stylesheet
    from .press import Press

    with Press(stylesheet(project.templates, options.paper), project.site_url) as press:
        yield press


@contextmanager
def _handouts(
    project: Project, options: Options, generated: Generated, press: Press | None
) -> Iterator[Callable[[Path], object]]:
    """Start printing the handouts that changed (on ``press``, while the site is built);
    what it gives writes them all into a site folder."""
    if press is None:
        yield lambda site: None
        return
    from .handouts import seed_date, start_printing

    with start_printing(
        generated.guide,
        project.templates,
        site_url=project.site_url,
        seed_date=seed_date(options.seeds, generated.guide.seed_files),
        assets=generated.assets,
        answers=options.answers,
        paper=options.paper,
        cache=project.template_cache,
        store=project.cache / PDF_CACHE,
        press=press,
        css=press.css,
    ) as printing:
        yield lambda site: printing.finish(site / urls.HANDOUTS, options.progress)


def _deck(project: Project, generated: Generated, out: Path) -> None:
    """Write the Anki deck, or reuse the one built from exactly the same inputs.

    The deck is a pure function of the export, the site's address, the guide's
    name, the epoch and the deck code; reusing it skips genanki entirely.
    """
    cards = sorted((project.templates / "anki").glob("*"))
    key = hashlib.sha256(
        b"\0".join(
            [
                generated.files[urls.QUESTIONS_JSON],
                project.site_url.encode(),
                generated.guide.title.encode(),
                str(source_epoch()).encode(),
                Path(__file__).with_name("deck.py").read_bytes(),
                *(path.read_bytes() for path in cards if path.is_file()),
            ]
        )
    ).hexdigest()
    cached = project.cache / f"{DECK_PREFIX}{key}.apkg"
    if cached.is_file():
        os.utime(cached)  # used now: kept another `KEEP_DAYS`
    else:
        from .deck import deck_bytes  # genanki and sqlite only when the deck changes

        data = deck_bytes(
            generated.guide,
            generated.links,
            site_url=project.site_url,
            deck_name=generated.guide.title,
            templates=project.templates,
            assets=generated.assets,
        )
        write_atomic(cached, data)  # never half a deck to reuse
        _prune_decks(project.cache)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out)


def _prune_decks(folder: Path) -> None:
    """Forget decks nobody asked for in `KEEP_DAYS`, as the parse cache forgets its entries."""
    cutoff = time.time() - KEEP_DAYS * 86400
    for path in folder.glob(f"{DECK_PREFIX}*.apkg"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()

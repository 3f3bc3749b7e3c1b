"""Build the static site from the docs folder with MkDocs (the only MkDocs-specific stage).

MkDocs is called through its Python API with our overrides (docs folder, site
folder, navigation), so the project's ``mkdocs.yml`` stays a plain file that
any MkDocs-compatible engine can read.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import urls
from .bytecode import SignedCache
from .errors import StudyGuideError
from .markup import to_text
from .model import Guide

if TYPE_CHECKING:
    from mkdocs.theme import Theme

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def navigation(guide: Guide, files: list[str]) -> list[Any]:
    """The sidebar: home, topics in curated order, concepts, practice and the kit
    builder, then hand-written pages.

    Concept pages and short links are reached from the pages, not the sidebar;
    ``not_in_nav`` in ``mkdocs.yml`` says so.  Titles are given as HTML text
    (`nav_title`): the theme writes navigation titles into pages unescaped.
    """
    topics = [{nav_title(t.title): urls.topic_page(t.slug)} for t in guide.topics]
    index = urls.concepts_index_page()
    concepts = [{"Concepts": index}] if index in files else []
    tools = [{title: path} for title, path in urls.TOOL_PAGES if path in files]
    tool_paths = {path for _, path in urls.TOOL_PAGES}
    others = sorted(
        f
        for f in files
        if f.endswith(".md") and not urls.is_reference_page(f) and f not in tool_paths
    )
    others.remove("index.md")
    return [{"Home": "index.md"}, {"Topics": topics}, *concepts, *tools, *others]


def nav_title(title: str) -> str:
    """A seed or curation title as the HTML text MkDocs and Material expect in the nav."""
    return html.escape(to_text(title), quote=True)


def build_site(
    config_file: Path, docs_dir: Path, site_dir: Path, nav: list[Any], cache: Path | None = None
) -> None:
    """Run a strict MkDocs build of ``docs_dir`` into ``site_dir``; ``cache`` keeps the
    theme's compiled templates (see `_keep_compiled`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(
            str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), nav=nav, strict=True
        )
        if cache is not None:
            _keep_compiled(config.theme, cache)
        build(config)
    except MkDocsException as exc:
        raise StudyGuideError.message(f"MkDocs could not build the site: {exc}") from None


def _keep_compiled(theme: Theme, cache: Path) -> None:
    """Give the environment MkDocs makes for ``theme`` a bytecode cache in ``cache``.

    MkDocs compiles every theme template on every build, and Material's are many: about
    a sixth of a warm build of the seed.  The cache is signed like our own
    (`bytecode.SignedCache`) and kept per MkDocs and Jinja version, since the compiled
    code depends on both; Jinja recompiles any template whose source changed.
    """
    import jinja2
    import mkdocs

    folder = cache / f"theme-{mkdocs.__version__}-{jinja2.__version__}"
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = SignedCache(folder)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]

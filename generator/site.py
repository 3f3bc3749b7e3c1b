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
from typing import Any

from . import urls
from .errors import StudyGuideError
from .markup import to_text
from .model import Guide

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


def build_site(config_file: Path, docs_dir: Path, site_dir: Path, nav: list[Any]) -> None:
    """Run a strict MkDocs build of ``docs_dir`` into ``site_dir``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(
            str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), nav=nav, strict=True
        )
        build(config)
    except MkDocsException as exc:
        raise StudyGuideError.message(f"MkDocs could not build the site: {exc}") from None

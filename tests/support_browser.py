"""Helpers for the browser tests: the site's address, and a context that serves a build there.

A plain module, not a test module, so that every browser test module can import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route

from .conftest import ROOT


def site_url() -> str:
    """The site's address from ``mkdocs.yml``: the sitemap lists pages there, and Material's
    instant navigation only takes over links to pages in the sitemap, so the tests serve
    the built site at that address (from disk, through Playwright) rather than at a port."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return str(config["site_url"])


def new_context(browser: Browser, site: Path, **options: Any) -> BrowserContext:
    """A context with its own storage that sees ``site`` at the site's address.

    Nothing reaches the network: pages come from disk and any other request is refused.
    """
    base = site_url()
    root = urlsplit(base).path

    def serve(route: Route) -> None:
        path = site / unquote(urlsplit(route.request.url).path)[len(root) :]
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            route.fulfill(path=path)
        else:
            route.fulfill(status=404, path=site / "404.html")

    context = browser.new_context(**options)
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
    context.route(lambda url: url.startswith(base), serve)
    return context


def status(page: Page) -> Locator:
    """The guide's own status line (a live region): Zensical adds a status region of its
    own, so the role alone does not find ours."""
    return page.locator(".guide-status[role=status]")

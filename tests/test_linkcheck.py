"""Every link and anchor inside the built site resolves.

MkDocs' strict build validates Markdown links, but not anchors written as raw
HTML (copy-link buttons, short-link redirects), nor what the theme adds; so the
built HTML is read back and every ``href``/``src`` followed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import Built

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)

SITE_PATH = "/ml-interview-guide/"
"""The path part of ``site_url``: absolute links in 404.html start with it."""


@cache
def ids_in(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def target_of(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment a link points to, or None for links that leave the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    if parts.path.startswith("/"):
        assert parts.path.startswith(SITE_PATH), url
        path = site / unquote(parts.path[len(SITE_PATH) :])
    elif parts.path:
        path = (page.parent / unquote(parts.path)).resolve()
    else:
        path = page
    if path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built: Built) -> None:
    site = built.site.resolve()
    broken: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img", "source"]):
            url = tag.get("href") if tag.name in ("a", "link") else tag.get("src")
            if not url:
                continue
            target = target_of(site, page, str(url))
            if target is None:
                continue
            path, fragment = target
            checked += 1
            where = f"{page.relative_to(site)}: {url}"
            if not path.is_file():
                broken.append(f"{where} (no file)")
            elif fragment and path.suffix == ".html" and fragment not in ids_in(path):
                broken.append(f"{where} (no anchor #{fragment})")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is not None:
            url = str(refresh["content"]).split("url=", 1)[1]
            path, fragment = target_of(site, page, url) or (page, "")
            checked += 1
            if not path.is_file() or (fragment and fragment not in ids_in(path)):
                broken.append(f"{page.relative_to(site)}: refresh to {url}")
    assert broken == []
    assert checked > 2000

"""Where a project's parts live, read from its ``mkdocs.yml``.

The generator is run from a project folder: ``mkdocs.yml`` names the site and
the repository, ``templates/`` holds the page templates, ``docs/`` the
hand-written pages and assets, ``seeds/`` the question banks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from .errors import StudyGuideError


class _TolerantLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` for a few plain keys, ignoring MkDocs' ``!ENV``/python tags."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
)


BUILD_DIR_VARIABLE = "STUDYGUIDE_BUILD_DIR"
"""An environment variable naming the build folder: a CI job can keep its caches
elsewhere, and the test suite keeps the checkout untouched."""


@dataclass(frozen=True)
class Project:
    """Paths and settings of one study-guide project."""

    root: Path
    """The folder holding ``mkdocs.yml``."""
    config_file: Path
    site_name: str
    repo_url: str
    """Repository address, or "" when the site links to none."""
    site_url: str
    """The published site's address, ending in "/" (short links printed in handouts and decks)."""
    edit_prefix: str
    """``edit/<branch>/``: joined with a repository path, it edits that file on the host."""
    build_dir: Path
    """Everything the generator keeps between builds (caches, the lock, the default
    ``pages``); safe to delete.  ``build/`` in the project unless `BUILD_DIR_VARIABLE`
    names another folder."""

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def handwritten(self) -> Path:
        return self.root / "docs"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def pages(self) -> Path:
        """Generated pages (and copies of the hand-written ones): MkDocs' ``docs_dir``."""
        return self.build_dir / "docs"

    @property
    def cache(self) -> Path:
        """Parsed seeds and built decks, keyed by what they were made from."""
        return self.build_dir / ".cache"

    @property
    def template_cache(self) -> Path:
        """Compiled templates (signed: see `bytecode`)."""
        return self.build_dir / ".jinja"

    @property
    def lock(self) -> Path:
        """Held by a running build, so two builds never share the staging folders."""
        return self.build_dir / ".lock"

    def edit_url(self, path: Path) -> str:
        """The URL that edits ``path`` on the repository host, or "" outside the project."""
        if not self.repo_url or not self.edit_prefix:
            return ""
        try:
            relative = path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return ""
        # Quoted: a file name is seed data and must not break out of the link.
        quoted = quote(relative.as_posix(), safe="/")
        return f"{self.repo_url.rstrip('/')}/{self.edit_prefix}{quoted}"


def load_project(config_file: Path) -> Project:
    """Read the few keys the generator needs from ``mkdocs.yml``."""
    try:
        data: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except FileNotFoundError:
        raise StudyGuideError.message(
            f"{config_file}: no such file; run studyguide in the project folder or pass --config"
        ) from None
    except (OSError, yaml.YAMLError) as exc:
        raise StudyGuideError.message(
            f"{config_file}: cannot read MkDocs configuration: {exc}"
        ) from None
    if not isinstance(data, dict):
        raise StudyGuideError.message(f"{config_file}: expected a mapping of MkDocs settings")
    edit_uri = str(data.get("edit_uri") or "")
    parts = [p for p in edit_uri.split("/") if p]
    root = config_file.resolve().parent
    return Project(
        root=root,
        config_file=config_file.resolve(),
        site_name=str(data.get("site_name") or "Study guide"),
        repo_url=str(data.get("repo_url") or ""),
        site_url=str(data.get("site_url") or "").rstrip("/") + "/",
        edit_prefix="/".join(parts[:2]) + "/" if len(parts) >= 2 else "",
        build_dir=root / os.environ.get(BUILD_DIR_VARIABLE, "build"),
    )

"""Build the same pages with Zensical, the Material authors' MkDocs successor.

Zensical reads ``mkdocs.yml`` but has no Python API and wants the docs folder
inside the folder of its configuration file, so we write a configuration next
to the docs folder: the project's settings, with our folders and navigation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .errors import StudyGuideError
from .project import Project


def build_with_zensical(project: Project, docs_dir: Path, site_dir: Path, nav: list[Any]) -> None:
    """Run ``zensical build`` (strict) of ``docs_dir`` into ``site_dir``."""
    config: dict[str, Any] = yaml.safe_load(project.config_file.read_text(encoding="utf-8"))
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(project.root / theme["custom_dir"])
    config.update(docs_dir=docs_dir.name, site_dir=str(site_dir), nav=nav)
    config_file = docs_dir.parent / f"{docs_dir.name}.zensical.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    zensical = Path(sys.executable).parent / "zensical"
    try:
        result = subprocess.run(
            [str(zensical), "build", "--strict", "--clean", "-f", str(config_file)],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise StudyGuideError.message("Zensical is not installed: pip install zensical") from None
    finally:
        config_file.unlink(missing_ok=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise StudyGuideError.message(
            f"Zensical could not build the site: {detail[-1] if detail else '?'}"
        )

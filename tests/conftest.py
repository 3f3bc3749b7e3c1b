"""Shared fixtures: the project, a real build of the seed, and Chromium.

Builds go to temporary folders through the same CLI users run, so tests never
touch the project's own build/ or site/.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, sync_playwright

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "ml-interview-questions.md"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the expected side of golden files from current output; review the diff.",
    )


@dataclass(frozen=True)
class Built:
    """A finished build: where its site and generated pages are."""

    site: Path
    pages: Path


def run_cli(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """Run ``studyguide`` in-process from ``cwd``; return (exit code, stdout, stderr)."""
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def build(seeds: Path, out: Path) -> Built:
    """Build ``seeds`` into ``out/site`` (pages in ``out/pages``); fail the test on error."""
    site, pages = out / "site", out / "pages"
    code, _, err = run_cli(
        "build", "--seeds", str(seeds), "--site-dir", str(site), "--pages-dir", str(pages)
    )
    assert code == 0, err
    return Built(site, pages)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real seed, built once for the whole session."""
    return build(SEEDS, tmp_path_factory.mktemp("real"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project (config, templates, pages, seeds) to break freely."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("templates", "overrides", "docs", "seeds"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium. Missing is a skip on a laptop and a failure in CI."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Headless Chromium as root, with none of its own calls home (they fail here, noisily)."""


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    """One real Chromium per test module, through Playwright."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[object]:
    """A factory: ``serve_dir(folder)`` serves it on localhost and returns the base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()

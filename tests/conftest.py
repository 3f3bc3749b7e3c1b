"""Shared fixtures: the project, a real build of the seed, and Chromium.

Builds go to temporary folders through the same CLI users run, so tests never
touch the project's own build/ or site/.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, sync_playwright

from generator.build import Generated, generate
from generator.cli import main
from generator.model import Guide
from generator.project import BUILD_DIR_VARIABLE, load_project

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


TOOL_FOLDERS = frozenset(
    {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis"}
    | {".mypy_cache", ".ruff_cache"}
)
"""Folders that installers and test tools own; the checkout's state is everything else."""


def checkout_state() -> dict[str, int]:
    """Every file in the checkout outside `TOOL_FOLDERS`, with its modification time."""
    state: dict[str, int] = {}
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in TOOL_FOLDERS]
        for name in files:
            path = Path(folder, name)
            state[str(path.relative_to(ROOT))] = path.lstat().st_mtime_ns
    return state


CHECKOUT_AT_START: dict[str, int] = {}
SCRATCH: list[Path] = []
"""A build folder for commands run in the checkout (see `run_cli`), made per session."""


def pytest_sessionstart(session: pytest.Session) -> None:
    CHECKOUT_AT_START.update(checkout_state())
    SCRATCH.append(Path(tempfile.mkdtemp(prefix="studyguide-tests-")))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Clean up, and fail a run that left files in the checkout (unless it was asked to
    rewrite golden files): every test writes to temporary folders only."""
    for folder in SCRATCH:
        shutil.rmtree(folder, ignore_errors=True)
    if session.config.getoption("--update-goldens") or not CHECKOUT_AT_START:
        return
    now = checkout_state()
    touched = sorted(path for path in now if CHECKOUT_AT_START.get(path) != now[path])
    if touched:
        shown = ", ".join(touched[:5]) + (", ..." if len(touched) > 5 else "")
        print(f"\nThe tests wrote {len(touched)} files into the checkout: {shown}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@dataclass(frozen=True)
class Built:
    """A finished build: where its site and generated pages are."""

    site: Path
    pages: Path


def run_cli(*args: str, cwd: Path = ROOT, build_dir: Path | None = None) -> tuple[int, str, str]:
    """Run ``studyguide`` in-process from ``cwd``; return (exit code, stdout, stderr).

    In the checkout itself, the build folder (caches, the lock) is a scratch folder, so
    tests leave the checkout as they found it; a copied project keeps its own.
    ``build_dir`` gives the command a build folder of the test's own.
    """
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    scratch = build_dir or (SCRATCH[0] if cwd == ROOT else None)
    env = {BUILD_DIR_VARIABLE: str(scratch)} if scratch else {}
    try:
        result = runner.invoke(main, list(args), catch_exceptions=False, env=env)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def build(seeds: Path, out: Path, *options: str) -> Built:
    """Build ``seeds`` into ``out/site`` (pages in ``out/pages``); fail the test on error."""
    site, pages = out / "site", out / "pages"
    code, _, err = run_cli(
        "build",
        "--seeds",
        str(seeds),
        "--site-dir",
        str(site),
        "--pages-dir",
        str(pages),
        *options,
    )
    assert code == 0, err
    return Built(site, pages)


def generated_from(seeds: Path, *, overrides: bool = True) -> Generated:
    """What the project makes of ``seeds``, in memory, writing nothing anywhere."""
    return generate(load_project(ROOT / "mkdocs.yml"), seeds, overrides=overrides, caches=False)


def guide_of(seeds: Path) -> Guide:
    """The guide ``seeds`` make, by the generator's own recipe, writing nothing anywhere."""
    return generated_from(seeds).guide


@pytest.fixture(scope="session")
def seed_guide() -> Guide:
    """The real seed's guide, made once for the session."""
    return guide_of(SEEDS)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real seed, built once for the whole session."""
    return build(SEEDS, tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def zensical_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real seed built by Zensical instead of MkDocs, once for the session (without
    PDFs, which do not depend on the engine)."""
    return build(SEEDS, tmp_path_factory.mktemp("zensical"), "--engine", "zensical", "--no-pdf")


ENGINES = ("mkdocs", "zensical")


def built_by(request: pytest.FixtureRequest, engine: str) -> Built:
    """The session's build of the real seed by ``engine``, one of `ENGINES`."""
    built: Built = request.getfixturevalue("built" if engine == "mkdocs" else "zensical_built")
    return built


@pytest.fixture
def site(request: pytest.FixtureRequest) -> Path:
    """The real seed's site; a test parametrized ``indirect`` over `ENGINES` gets each
    engine's build of it in turn (the tests that matter most run on both)."""
    return built_by(request, getattr(request, "param", "mkdocs")).site


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

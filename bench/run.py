"""Time the generator and the site build against bare MkDocs, in one run, as one table.

Run from anywhere (it re-runs itself with the project's ``.venv`` if needed)::

    python bench/run.py

What it measures, all in this one process so the ratios compare like with like:

* ``generate()`` (parse + render in memory, no MkDocs) on the real seed and on
  synthetic banks of 1,000 and 10,000 questions (``bench/synth_bank.py``),
  in-process after one warm-up, the banks interleaved round by round;
* ``studyguide build`` (a subprocess: generation plus MkDocs) against a bare
  ``mkdocs build --strict`` (also a subprocess) of the *same* generated pages
  with the same navigation, for the seed and for the 10,000-question bank, the
  two alternating round by round after one untimed warm-up each.

The bare build uses a small config in ``bench/out/`` that inherits the project's
``mkdocs.yml`` (``INHERIT``) and sets ``docs_dir``, ``site_dir`` and ``nav``.
MkDocs resolves ``theme.custom_dir`` against the *inheriting* file, so the script
checks that and, if needed, sets the absolute ``custom_dir`` too; it also checks
that both builds write byte-identical sites.  Progress goes to stderr, the
table to stdout.  The exit code is 0 even when a target fails: this is a report.
"""

from __future__ import annotations

import gc
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
OUT = ROOT / "bench" / "out" / "run"
GENERATE_RUNS = 5
SEED_BUILD_RUNS = 5
BIG_BUILD_RUNS = 3
SMALL, BIG = 1_000, 10_000

os.environ["NO_MKDOCS_2_WARNING"] = "1"


@dataclass
class Row:
    label: str
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Check:
    label: str
    value: float
    limit: float
    shown: str
    """How ``value`` and ``limit`` are written: ``"%"`` or ``"x"``."""
    spread: str = ""
    strict: bool = False
    """``value < limit`` rather than ``value <= limit``."""

    @property
    def passed(self) -> bool:
        return self.value < self.limit if self.strict else self.value <= self.limit


def main() -> int:
    _use_project_venv()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT / "bench"))
    from synth_bank import write_bank

    from generator.build import generate
    from generator.project import load_project
    from generator.site import navigation

    started = time.perf_counter()
    project = load_project(ROOT / "mkdocs.yml")
    shutil.rmtree(OUT, ignore_errors=True)
    banks = {"seed": OUT / "bank-seed", "1k": OUT / "bank-1k", "10k": OUT / "bank-10k"}
    # A copy of seeds/, because a build writes the id registry into its seeds folder.
    shutil.copytree(project.seeds, banks["seed"])
    _progress(f"writing synthetic banks of {SMALL:,} and {BIG:,} questions")
    write_bank(SMALL, banks["1k"])
    write_bank(BIG, banks["10k"])

    # One untimed first build per bank: it warms the caches and, like any build, leaves
    # the bank's id registry behind, so every timing below sees the steady state.
    commands: dict[str, list[str]] = {}
    first: dict[str, float] = {}
    for name, seeds in banks.items():
        work = OUT / f"build-{name}"
        commands[name] = [
            str(VENV / "bin" / "studyguide"),
            "build",
            "--seeds",
            str(seeds),
            "--site-dir",
            str(work / "site"),
            "--pages-dir",
            str(work / "pages"),
        ]
        _progress(f"{name}: first studyguide build (untimed warm-up)")
        first[name] = _run(commands[name])

    # Generator alone, in-process.
    sizes: dict[str, str] = {}
    navs: dict[str, list[Any]] = {}
    for name, seeds in banks.items():
        guide, files = _unpack(generate(project, seeds))  # warm-up; size and nav
        follow_ups = sum(topic.follow_up_count for topic in guide.topics)
        sizes[name] = (
            f"{len(guide.entries):,} q, {follow_ups:,} follow-ups, {len(guide.topics)} topics"
        )
        navs[name] = navigation(guide, list(files))
        del guide, files
    gen = {name: Row(f"generate(), {_bank_label(name)}") for name in banks}
    for round_ in range(GENERATE_RUNS):
        _progress(f"generate() round {round_ + 1}/{GENERATE_RUNS}")
        for name, seeds in banks.items():
            gen[name].times.append(_timed(lambda seeds=seeds: generate(project, seeds)))

    # Full build against bare MkDocs on the same pages.
    custom_dir_note = ""
    builds: dict[str, tuple[Row, Row, list[float], str]] = {}
    for name, runs in (("seed", SEED_BUILD_RUNS), ("10k", BIG_BUILD_RUNS)):
        work = OUT / f"build-{name}"
        ours = commands[name]
        config, note = _bare_config(work, work / "pages", work / "bare-site", navs[name])
        custom_dir_note = custom_dir_note or note
        bare = [str(VENV / "bin" / "mkdocs"), "build", "--strict", "-q", "-f", str(config)]
        _progress(f"{name}: bare mkdocs build (untimed warm-up)")
        _run(bare)
        same = _compare_sites(work / "site", work / "bare-site")
        row_ours = Row(f"studyguide build, {_bank_label(name)}")
        row_bare = Row(f"bare mkdocs build, {_bank_label(name)}")
        pairs: list[float] = []
        for round_ in range(runs):
            _progress(f"{name}: build round {round_ + 1}/{runs}")
            order = [(row_ours, ours), (row_bare, bare)]
            for row, command in order if round_ % 2 == 0 else reversed(order):
                row.times.append(_run(command))
            pairs.append(row_ours.times[-1] / row_bare.times[-1])
        builds[name] = (row_ours, row_bare, pairs, same)

    seed_ours, seed_bare, seed_pairs, seed_same = builds["seed"]
    big_ours, big_bare, big_pairs, big_same = builds["10k"]
    gen_pairs = [b / s for b, s in zip(gen["10k"].times, gen["1k"].times, strict=True)]
    checks = [
        Check(
            "generate(seed) / bare mkdocs build (seed)",
            gen["seed"].median / seed_bare.median,
            0.10,
            "%",
            strict=True,
        ),
        Check(
            "studyguide build / bare mkdocs build (seed)",
            seed_ours.median / seed_bare.median,
            1.15,
            "x",
            _spread(seed_pairs),
        ),
        Check(
            "studyguide build / bare mkdocs build (10k)",
            big_ours.median / big_bare.median,
            1.15,
            "x",
            _spread(big_pairs),
        ),
        Check(
            f"generate({BIG:,} q) / generate({SMALL:,} q)",
            gen["10k"].median / gen["1k"].median,
            12.0,
            "x",
            _spread(gen_pairs),
        ),
    ]
    rows = [*gen.values(), seed_ours, seed_bare, big_ours, big_bare]
    _print_report(rows, checks, sizes)
    print()
    print("Notes:")
    print(
        f"  - generate() timings: median of {GENERATE_RUNS} in-process runs after a warm-up, "
        f"banks interleaved; builds: median of {SEED_BUILD_RUNS} (seed) / {BIG_BUILD_RUNS} (10k) "
        "subprocess wall times after one untimed warm-up each, studyguide and bare alternating."
    )
    print(
        "  - ratio ranges in brackets are the per-round ratios (same round, back to back); "
        "the ratio itself is of the medians."
    )
    print(
        "  - bare build: `mkdocs build --strict -q` with INHERIT of mkdocs.yml, the generated "
        "pages as docs_dir and the same nav as studyguide passes (not alphabetical)."
    )
    print(
        "  - every bank is built once, untimed, before anything is timed, so its id registry "
        "(ids.yml) exists as after any build; those first builds took "
        + ", ".join(f"{_bank_label(n)} {t:.1f} s" for n, t in first.items())
        + ". The seed is measured on a copy of seeds/ in bench/out/."
    )
    print(f"  - {custom_dir_note}")
    print(f"  - sites written by the two builds: seed {seed_same}; 10k {big_same}.")
    print(f"  - whole benchmark took {time.perf_counter() - started:.0f} s.")
    return 0


def _unpack(generated: Any) -> tuple[Any, dict[str, bytes]]:
    """The guide and the planned files from `generate`'s result (a pair or a record)."""
    if isinstance(generated, tuple):
        return generated[0], generated[1]
    return generated.guide, generated.files


def _use_project_venv() -> None:
    """Re-run this script with the project's virtualenv Python if it is not the one running."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve() or not python.exists():
        return
    if os.environ.get("STUDYGUIDE_BENCH_REEXEC") != "1":
        os.environ["STUDYGUIDE_BENCH_REEXEC"] = "1"
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def _bank_label(name: str) -> str:
    return {"seed": "real seed", "1k": f"synthetic {SMALL:,} q", "10k": f"synthetic {BIG:,} q"}[
        name
    ]


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _timed(work: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _run(command: list[str]) -> float:
    """Run ``command`` from the project folder; return its wall time; stop if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return elapsed


def _read_yaml(path: Path) -> Any:
    """``mkdocs.yml`` as data, ignoring MkDocs' own tags (``!ENV``, ``!!python/…``)."""
    import yaml

    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
    Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Tolerant)


def _bare_config(work: Path, pages: Path, site: Path, nav: list[Any]) -> tuple[Path, str]:
    """A config that inherits the project's and builds ``pages`` into ``site`` with ``nav``.

    Returns the config and a note saying whether ``custom_dir`` had to be set explicitly.
    """
    import yaml
    from mkdocs.config import load_config

    project_config = _read_yaml(ROOT / "mkdocs.yml")
    custom = (project_config.get("theme") or {}).get("custom_dir")
    expected = (ROOT / custom).resolve() if custom else None
    settings: dict[str, Any] = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(pages),
        "site_dir": str(site),
        "nav": nav,
    }
    config = work / "bare-mkdocs.yml"

    def write() -> str | None:
        config.write_text(
            yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        logger = logging.getLogger("mkdocs")
        messages = _Messages()
        logger.addHandler(messages)
        propagate, logger.propagate = logger.propagate, False
        try:
            loaded = load_config(str(config))
        except Exception as exc:
            return messages.first or f"{type(exc).__name__}: {exc}".strip()
        finally:
            logger.removeHandler(messages)
            logger.propagate = propagate
        if expected is not None and Path(loaded.theme.dirs[0]).resolve() != expected:
            return f"theme dir resolved to {loaded.theme.dirs[0]}"
        return None

    if expected is None:
        problem = write()
        if problem:
            sys.exit(f"bare MkDocs config does not load: {problem}")
        return config, "theme.custom_dir: the project sets none."
    problem = write()
    if problem is None:
        return config, "theme.custom_dir resolves correctly through INHERIT."
    settings["theme"] = {"custom_dir": str(expected)}
    second = write()
    if second is not None:
        sys.exit(f"bare MkDocs config does not load even with custom_dir set: {second}")
    return config, (
        "theme.custom_dir does NOT resolve through INHERIT: MkDocs resolves it against the "
        f"inheriting file ({problem}), so the bare config also sets theme.custom_dir: "
        f"{expected}; the rest of `theme` is deep-merged from mkdocs.yml as usual."
    )


class _Messages(logging.Handler):
    """Keeps what MkDocs logs while loading a config, instead of printing it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.first = self.first or record.getMessage()


def _compare_sites(ours: Path, bare: Path) -> str:
    """Whether two built sites hold the same files with the same bytes."""
    skip = {"sitemap.xml.gz"}  # gzip stores a timestamp
    a = {p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file()}
    b = {p.relative_to(bare).as_posix() for p in bare.rglob("*") if p.is_file()}
    if a != b:
        return f"DIFFER in their file lists ({len(a ^ b)} files only in one)"
    differ = [f for f in sorted(a - skip) if (ours / f).read_bytes() != (bare / f).read_bytes()]
    if differ:
        return f"DIFFER in {len(differ)} of {len(a)} files (first: {differ[0]})"
    return f"identical ({len(a):,} files)"


def _spread(ratios: list[float]) -> str:
    return f"[{min(ratios):.2f}-{max(ratios):.2f}]"


def _print_report(rows: list[Row], checks: list[Check], sizes: dict[str, str]) -> None:
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(
        f"Machine: {cores} cores ({usable} usable), {platform.machine()}, "
        f"Python {platform.python_version()}, MkDocs {metadata.version('mkdocs')}, "
        f"Material {metadata.version('mkdocs-material')}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    print(
        "Banks: "
        + "; ".join(
            f"{_bank_label(name).removeprefix('synthetic ')}: {size}"
            for name, size in sizes.items()
        )
    )
    print()
    header = ("Measurement", "runs", "median", "min-max / ratios", "target", "result")
    table: list[tuple[str, ...]] = [
        (
            row.label,
            str(len(row.times)),
            f"{row.median:.3f} s",
            f"{min(row.times):.3f}-{max(row.times):.3f} s",
            "",
            "",
        )
        for row in rows
    ]
    for check in checks:
        op = "<" if check.strict else "<="
        if check.shown == "%":
            value, limit = f"{check.value:.1%}", f"{op} {check.limit:.0%}"
        else:
            value, limit = f"{check.value:.2f}x", f"{op} {check.limit:g}x"
        table.append((check.label, "", value, check.spread, limit, _verdict(check.passed)))
    widths = [max(len(line[i]) for line in [header, *table]) for i in range(len(header))]
    rule = "-+-".join("-" * w for w in widths)

    def line(cells: tuple[str, ...]) -> str:
        return " | ".join(
            c.ljust(w) if i in (0, 3, 4) else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(line(header))
    print(rule)
    for index, cells in enumerate(table):
        if index == len(rows):
            print(rule)
        print(line(cells))
    failed = [c.label for c in checks if not c.passed]
    print()
    if failed:
        print(f"RESULT: FAIL - {len(failed)} of {len(checks)} targets missed: {'; '.join(failed)}")
    else:
        print(f"RESULT: PASS - all {len(checks)} targets met")


def _verdict(passed: bool) -> str:
    return "PASS" if passed else "** FAIL **"


if __name__ == "__main__":
    sys.exit(main())

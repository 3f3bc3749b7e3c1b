"""Time the generator and the site build against bare MkDocs, in one run, as one table.

Run from the project folder (it re-runs itself with the project's ``.venv`` if needed)::

    python bench/run.py

Everything is measured in this one run, so the ratios compare like with like:

* ``generate()`` (parse + render in memory, no MkDocs) on the real seed and on
  synthetic banks of 1,000 and 10,000 questions (``bench/synth_bank.py``),
  in-process after one warm-up, the banks interleaved round by round;
* ``studyguide build`` (a subprocess: generation plus MkDocs) against a bare
  ``mkdocs build --strict`` (also a subprocess) of the *same* generated pages
  with the same navigation, for the seed and for the 10,000-question bank, the
  two alternating round by round after one untimed warm-up each.

Every bank is measured in steady state: its id registry (``ids.yml``) is written
after the warm-up, as a build would, and the seed is a copy of ``seeds/`` so the
project's own files are never touched.  The bare build uses a small config in
``bench/out/`` that inherits the project's ``mkdocs.yml`` (``INHERIT``) and sets
``docs_dir``, ``site_dir`` and ``nav``; MkDocs resolves ``theme.custom_dir``
against the *inheriting* file, so the script checks that and, if needed, sets the
absolute ``custom_dir`` too.  It also checks that both builds write the same site.

A generator that has gone quadratic must not hang the benchmark: each
``generate()`` call has a time budget (for the 10,000 bank, 12 times the 1,000
bank's warm-up, so running out of it already proves that target failed) and each
subprocess a timeout, all under an address-space cap.  Progress goes to stderr,
the table to stdout.  The exit code is 0 even when a target fails: it is a report.
"""

from __future__ import annotations

import gc
import logging
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
OUT = ROOT / "bench" / "out" / "run"
SMALL, BIG = 1_000, 10_000
GENERATE_RUNS = 5
BUILD_RUNS = {"seed": 5, "10k": 3}
GENERATE_BUDGET = 60.0
"""Seconds one ``generate()`` call may take (at least; see `_budget`)."""
BUILD_TIMEOUT = 300.0
"""Seconds one build subprocess may take."""
MEMORY_CAP = 8 * 2**30
"""Address-space limit (bytes) for ``generate()`` calls and build subprocesses."""

os.environ["NO_MKDOCS_2_WARNING"] = "1"


class OverBudget(BaseException):
    """A measured call ran out of time (BaseException, so generator code cannot swallow it)."""


@dataclass
class Row:
    """One measured quantity: its times, or why and after how long it was stopped."""

    label: str
    times: list[float] = field(default_factory=list)
    stopped: str = ""
    """Why measuring stopped, e.g. "stopped after 72 s"; "" when all runs finished."""
    bound: float = 0.0
    """When stopped: a lower bound of one run's time (0 if not measured at all)."""

    @property
    def value(self) -> float | None:
        """The median, or the lower bound when stopped, or None when not measured."""
        if self.stopped:
            return self.bound or None
        return statistics.median(self.times) if self.times else None

    def stop(self, why: str, bound: float = 0.0) -> None:
        self.stopped, self.bound = why, bound


@dataclass
class Check:
    """A target: ``numerator / denominator`` against ``limit``."""

    label: str
    numerator: Row
    denominator: Row
    limit: float
    percent: bool = False
    strict: bool = False
    """``<`` rather than ``<=``."""
    pairs: list[float] = field(default_factory=list)
    """Per-round ratios, when the two were measured back to back."""

    @property
    def ratio(self) -> float | None:
        top, bottom = self.numerator.value, self.denominator.value
        if top is None or bottom is None or self.denominator.stopped:
            return None
        return top / bottom

    @property
    def lower_bound(self) -> bool:
        return bool(self.numerator.stopped)

    @property
    def passed(self) -> bool:
        ratio = self.ratio
        if ratio is None or self.lower_bound:
            return False  # not measured, or known only to be at least `ratio`
        return ratio < self.limit if self.strict else ratio <= self.limit

    def cells(self) -> tuple[str, str, str, str]:
        ratio = self.ratio
        if ratio is None:
            value = "n/a"
        else:
            value = f"{ratio:.1%}" if self.percent else f"{ratio:.2f}x"
            value = f"> {value}" if self.lower_bound else value
        op = "<" if self.strict else "<="
        limit = f"{op} {self.limit:.0%}" if self.percent else f"{op} {self.limit:g}x"
        spread = f"{min(self.pairs):.2f}-{max(self.pairs):.2f}x" if self.pairs else ""
        return value, spread, limit, "PASS" if self.passed else "** FAIL **"


def main() -> int:
    _use_project_venv()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT / "bench"))
    from synth_bank import write_bank

    from generator.build import generate
    from generator.project import load_project
    from generator.site import navigation

    started = time.perf_counter()
    load_before = os.getloadavg()
    project = load_project(ROOT / "mkdocs.yml")
    shutil.rmtree(OUT, ignore_errors=True)
    banks = {"seed": OUT / "bank-seed", "1k": OUT / "bank-1k", "10k": OUT / "bank-10k"}
    shutil.copytree(project.seeds, banks["seed"])  # a build rewrites the bank's ids.yml
    _progress(f"writing synthetic banks of {SMALL:,} and {BIG:,} questions")
    write_bank(SMALL, banks["1k"])
    write_bank(BIG, banks["10k"])

    # generate() alone, in-process: a warm-up per bank, then rounds over the banks.
    gen = {name: Row(f"generate(), {_bank_label(name)}") for name in banks}
    budgets: dict[str, float] = {}
    warm_ups: dict[str, float] = {}
    sizes: dict[str, str] = {}
    navs: dict[str, list[Any]] = {}
    for name, seeds in banks.items():
        budgets[name] = _budget(name, warm_ups)
        _progress(f"generate() warm-up, {_bank_label(name)} (budget {budgets[name]:.0f} s)")
        result, warm_ups[name] = _guarded(
            lambda seeds=seeds: generate(project, seeds), budgets[name]
        )
        if result is None:
            gen[name].stop(f"warm-up stopped after {warm_ups[name]:.0f} s", warm_ups[name])
            sizes[name] = "not generated (over budget)"
            continue
        guide, files = _unpack(result)
        follow_ups = sum(topic.follow_up_count for topic in guide.topics)
        entries = [entry for topic in guide.topics for entry in topic.entries]
        sizes[name] = f"{len(entries):,} q, {follow_ups:,} follow-ups, {len(guide.topics)} topics"
        navs[name] = navigation(guide, list(files))
        _sync_registry(seeds, guide)
        del result, guide, files, entries
    for round_ in range(GENERATE_RUNS):
        _progress(f"generate() round {round_ + 1}/{GENERATE_RUNS}")
        for name, seeds in banks.items():
            if gen[name].stopped:
                continue
            result, elapsed = _guarded(lambda seeds=seeds: generate(project, seeds), budgets[name])
            if result is None:
                gen[name].stop(f"run {round_ + 1} stopped after {elapsed:.0f} s", elapsed)
            else:
                gen[name].times.append(elapsed)
            del result

    # The full build against bare MkDocs on the same pages.
    custom_dir_note = ""
    builds: dict[str, tuple[Row, Row, list[float], str]] = {}
    for name, runs in BUILD_RUNS.items():
        ours_row = Row(f"studyguide build, {_bank_label(name)}")
        bare_row = Row(f"bare mkdocs build, {_bank_label(name)}")
        pairs: list[float] = []
        builds[name] = (ours_row, bare_row, pairs, "not built")
        if gen[name].stopped:
            ours_row.stop("not run: generate() alone ran out of its budget")
            bare_row.stop("not run: no generated pages")
            continue
        work = OUT / f"build-{name}"
        ours = [
            str(VENV / "bin" / "studyguide"),
            "build",
            "--seeds",
            str(banks[name]),
            "--site-dir",
            str(work / "site"),
            "--pages-dir",
            str(work / "pages"),
        ]
        _progress(f"{name}: studyguide build (untimed warm-up)")
        elapsed, failure = _run(ours)
        if failure:
            ours_row.stop(f"warm-up {failure}", elapsed)
            bare_row.stop("not run: no generated pages")
            continue
        config, note = _bare_config(work, work / "pages", work / "bare-site", navs[name])
        custom_dir_note = custom_dir_note or note
        bare = [str(VENV / "bin" / "mkdocs"), "build", "--strict", "-q", "-f", str(config)]
        _progress(f"{name}: bare mkdocs build (untimed warm-up)")
        elapsed, failure = _run(bare)
        if failure:
            sys.exit(f"bare MkDocs build of the generated pages {failure}")
        same = _compare_sites(work / "site", work / "bare-site")
        builds[name] = (ours_row, bare_row, pairs, same)
        for round_ in range(runs):
            _progress(f"{name}: build round {round_ + 1}/{runs}")
            order = [(ours_row, ours), (bare_row, bare)]
            for row, command in order if round_ % 2 == 0 else order[::-1]:
                elapsed, failure = _run(command)
                if failure:
                    row.stop(f"run {round_ + 1} {failure}", elapsed)
                    break
                row.times.append(elapsed)
            if ours_row.stopped or bare_row.stopped:
                break
            pairs.append(ours_row.times[-1] / bare_row.times[-1])

    seed_ours, seed_bare, seed_pairs, seed_same = builds["seed"]
    big_ours, big_bare, big_pairs, big_same = builds["10k"]
    checks = [
        Check(
            "generate(seed) / bare mkdocs build (seed)",
            gen["seed"],
            seed_bare,
            0.10,
            percent=True,
            strict=True,
        ),
        Check(
            "studyguide build / bare mkdocs build (seed)",
            seed_ours,
            seed_bare,
            1.15,
            pairs=seed_pairs,
        ),
        Check(
            "studyguide build / bare mkdocs build (10k)",
            big_ours,
            big_bare,
            1.15,
            pairs=big_pairs,
        ),
        Check(
            f"generate({BIG:,} q) / generate({SMALL:,} q)",
            gen["10k"],
            gen["1k"],
            12.0,
            pairs=[b / s for b, s in zip(gen["10k"].times, gen["1k"].times, strict=False)],
        ),
    ]
    rows = [*gen.values(), seed_ours, seed_bare, big_ours, big_bare]
    _print_header(sizes, load_before)
    _print_table(rows, checks)
    print()
    print("Notes:")
    notes = [
        f"generate(): median of {GENERATE_RUNS} in-process runs after one warm-up, banks "
        f"interleaved round by round; builds: median of {BUILD_RUNS['seed']} (seed) and "
        f"{BUILD_RUNS['10k']} (10k) subprocess wall times after one untimed warm-up each, "
        "studyguide and bare alternating.",
        "The ratio is of the medians; the range after it is of the per-round ratios "
        "(the two measured back to back).",
        "Bare build: `mkdocs build --strict -q` with INHERIT of mkdocs.yml, the generated "
        "pages as docs_dir and the same nav that studyguide passes (not alphabetical).",
        custom_dir_note or "theme.custom_dir: not checked (no build ran).",
        f"Sites written by studyguide and by bare MkDocs: seed {seed_same}; 10k {big_same}.",
        "Steady state: each bank's ids.yml is written after its warm-up, as a build does; "
        "the seed is a copy of seeds/ in bench/out/run/bank-seed.",
        f"Budgets: generate() {GENERATE_BUDGET:.0f} s a call (10k: at least 12x the 1k "
        f"warm-up, so running out proves the scaling target failed), builds "
        f"{BUILD_TIMEOUT:.0f} s, memory {MEMORY_CAP / 2**30:.0f} GiB of address space.",
    ]
    notes += [f"{row.label}: {row.stopped}." for row in rows if row.stopped]
    load_after = os.getloadavg()
    cores = os.cpu_count() or 1
    if max(load_before[0], load_after[0]) > cores:
        notes.append(
            f"The machine was busy with other work (load {load_before[0]:.1f} before, "
            f"{load_after[0]:.1f} after, on {cores} cores): absolute times are inflated; "
            "ratios of interleaved runs hold up better."
        )
    notes.append(f"The whole benchmark took {time.perf_counter() - started:.0f} s.")
    for note in notes:
        print(f"  - {note}")
    return 0


def _budget(name: str, warm_ups: dict[str, float]) -> float:
    """Time allowed for one ``generate()`` call on a bank.

    For the big bank it is at least 12 times the small bank's warm-up (which is
    slower than its steady runs), so a call that runs out proves the ratio > 12.
    """
    if name == "10k" and "1k" in warm_ups:
        return max(GENERATE_BUDGET, 12 * warm_ups["1k"])
    return GENERATE_BUDGET


@contextmanager
def _limits(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` after ``seconds``; cap the address space meanwhile."""

    def expire(signum: int, frame: object) -> None:
        raise OverBudget

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = MEMORY_CAP if hard == resource.RLIM_INFINITY else min(MEMORY_CAP, hard)
    previous = signal.signal(signal.SIGALRM, expire)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _guarded(work: Callable[[], Any], seconds: float) -> tuple[Any, float]:
    """``work()``'s result and wall time, or None and the time it was stopped after."""
    gc.collect()
    start = time.perf_counter()
    try:
        with _limits(seconds):
            result = work()
    except (OverBudget, MemoryError):
        result = None
    elapsed = time.perf_counter() - start
    gc.collect()
    return result, elapsed


def _unpack(generated: Any) -> tuple[Any, dict[str, bytes]]:
    """The guide and the planned files from `generate`'s result (a pair or a record)."""
    if isinstance(generated, tuple):
        return generated[0], generated[1]
    return generated.guide, generated.files


def _sync_registry(seeds: Path, guide: Any) -> None:
    """Write the bank's id registry as a build does after generating, if this version has one."""
    try:
        from generator.registry import REGISTRY_FILE, dump_registry
    except ImportError:
        return
    if not hasattr(guide, "registry"):
        return
    path = seeds / REGISTRY_FILE
    text = dump_registry(guide.registry)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _use_project_venv() -> None:
    """Re-run this script with the project's virtualenv Python if it is not the one running."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve() or not python.exists():
        return
    if os.environ.get("STUDYGUIDE_BENCH_REEXEC") != "1":
        os.environ["STUDYGUIDE_BENCH_REEXEC"] = "1"
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def _bank_label(name: str) -> str:
    labels = {"seed": "real seed", "1k": f"synthetic {SMALL:,} q", "10k": f"synthetic {BIG:,} q"}
    return labels[name]


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _run(command: list[str]) -> tuple[float, str]:
    """Run ``command`` from the project folder: its wall time, and "" or why it stopped.

    Running out of time or memory is a result; any other failure ends the benchmark.
    """
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=BUILD_TIMEOUT,
            preexec_fn=_cap_memory,
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, f"stopped after {BUILD_TIMEOUT:.0f} s"
    elapsed = time.perf_counter() - start
    if done.returncode == 0:
        return elapsed, ""
    if "MemoryError" in done.stderr:
        return elapsed, f"ran out of memory ({MEMORY_CAP / 2**30:.0f} GiB) after {elapsed:.0f} s"
    sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


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

    custom = (_read_yaml(ROOT / "mkdocs.yml").get("theme") or {}).get("custom_dir")
    expected = (ROOT / custom).resolve() if custom else None
    settings: dict[str, Any] = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(pages),
        "site_dir": str(site),
        "nav": nav,
    }
    config = work / "bare-mkdocs.yml"

    def write() -> str | None:
        """Write the config and load it as MkDocs would: None if all is well, else why not."""
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

    problem = write()
    if expected is None:
        if problem:
            sys.exit(f"bare MkDocs config does not load: {problem}")
        return config, "theme.custom_dir: the project sets none."
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
        return f"DIFFER in {len(differ)} of {len(a):,} files (first: {differ[0]})"
    return f"identical ({len(a):,} files)"


def _print_header(sizes: dict[str, str], load: tuple[float, float, float]) -> None:
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(
        f"Machine: {cores} cores ({usable} usable), {platform.machine()}, load average "
        f"{load[0]:.1f} at start; Python {platform.python_version()}, "
        f"MkDocs {metadata.version('mkdocs')}, Material {metadata.version('mkdocs-material')}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    print("Banks: " + "; ".join(f"{_bank_label(name)}: {size}" for name, size in sizes.items()))
    print()


def _print_table(rows: list[Row], checks: list[Check]) -> None:
    header = ("Measurement", "runs", "median", "range", "target", "result")
    table: list[tuple[str, ...]] = []
    for row in rows:
        spread = f"{min(row.times):.2f}-{max(row.times):.2f} s" if row.times else ""
        if row.stopped:
            median = f"> {row.bound:.1f} s" if row.bound else "-"
            runs = f"{len(row.times)}+stop"
        else:
            median = f"{row.value:.3f} s" if row.value is not None else "-"
            runs = str(len(row.times))
        table.append((row.label, runs, median, spread, "", ""))
    for check in checks:
        value, spread, limit, verdict = check.cells()
        table.append((check.label, "", value, spread, limit, verdict))
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
    failed = [check.label for check in checks if not check.passed]
    print()
    if failed:
        print(f"RESULT: FAIL - {len(failed)} of {len(checks)} targets missed: {'; '.join(failed)}")
    else:
        print(f"RESULT: PASS - all {len(checks)} targets met")


if __name__ == "__main__":
    sys.exit(main())

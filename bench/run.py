"""Time the generator and the site build against bare MkDocs, in one run, as one table.

Run from the project folder (it re-runs itself with the project's ``.venv`` if needed)::

    python bench/run.py

Everything is measured in this one run, so the ratios compare like with like:

* ``generate()`` (parse + render in memory, no MkDocs) on the real seed and on
  synthetic banks of 1,000 and 10,000 questions (``bench/synth_bank.py``),
  in-process after one warm-up, the banks interleaved round by round;
* ``studyguide build`` (a subprocess: generation plus MkDocs, so with
  ``--no-pdf`` where the CLI has it) against a bare ``mkdocs build --strict``
  (also a subprocess) of the *same* generated pages with the same navigation,
  for the seed and for the 10,000-question bank, the two alternating round by
  round after one untimed warm-up each; the seed's default build, PDF handouts
  included, is timed alongside for information.

Every bank is measured in steady state: its id registry (``ids.yml``) is written
after the warm-up, as a build would, and the seed is a copy of ``seeds/`` so the
project's own files are never touched.  The bare build uses a small config in
``bench/out/`` that inherits the project's ``mkdocs.yml`` (``INHERIT``) and sets
``docs_dir``, ``site_dir`` and ``nav``; MkDocs resolves ``theme.custom_dir``
against the *inheriting* file, so the script checks that and, if needed, sets the
absolute ``custom_dir`` too.  It also checks that both builds write the same site.

Targets are judged on CPU time (user + system, children included), which other
work on a shared machine barely moves; wall time is printed beside it.  A
generator that has gone quadratic must not hang the benchmark: each
``generate()`` call has a CPU budget (for the 10,000 bank, 13 times the 1,000
bank's warm-up, so running out of it already shows that target failed) and each
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
"""Timed runs of each build (studyguide and bare MkDocs alternate, round by round)."""
GENERATE_BUDGET = 60.0
"""Seconds one ``generate()`` call may take (at least; see `_budget`)."""
BUILD_TIMEOUT = 300.0
"""Seconds one build subprocess may take."""
MEMORY_CAP = 8 * 2**30
"""Address-space limit (bytes) for ``generate()`` calls and build subprocesses."""

os.environ["NO_MKDOCS_2_WARNING"] = "1"


class OverBudget(BaseException):
    """A measured call ran out of time (BaseException, so generator code cannot swallow it)."""


@dataclass(frozen=True)
class Sample:
    """One run: wall-clock seconds and CPU seconds (user + system, children included)."""

    wall: float
    cpu: float


@dataclass
class Row:
    """One measured quantity: its runs, or why and after how long it was stopped."""

    label: str
    runs: list[Sample] = field(default_factory=list)
    stopped: str = ""
    """Why measuring stopped, e.g. "stopped after 72 s"; "" when all runs finished."""
    bound: Sample | None = None
    """When stopped: what the stopped run had used, a lower bound of one run."""

    @property
    def cpu(self) -> float | None:
        """Median CPU time, or the lower bound when stopped, or None when not measured."""
        if self.stopped:
            return self.bound.cpu if self.bound else None
        return statistics.median(r.cpu for r in self.runs) if self.runs else None

    @property
    def wall(self) -> float | None:
        if self.stopped:
            return self.bound.wall if self.bound else None
        return statistics.median(r.wall for r in self.runs) if self.runs else None

    def stop(self, why: str, bound: Sample | None = None) -> None:
        self.stopped, self.bound = why, bound


@dataclass
class Check:
    """A target: ``numerator / denominator`` against ``limit``, judged on CPU time."""

    label: str
    numerator: Row
    denominator: Row
    limit: float
    percent: bool = False
    strict: bool = False
    """``<`` rather than ``<=``."""
    paired: bool = False
    """Whether the two rows were measured round by round, back to back."""
    info: bool = False
    """Shown for information only: no verdict, not counted in the result."""

    def ratio(self, kind: str) -> float | None:
        top, bottom = getattr(self.numerator, kind), getattr(self.denominator, kind)
        if top is None or bottom is None or self.denominator.stopped:
            return None
        return float(top / bottom)

    @property
    def pairs(self) -> list[float]:
        if not self.paired:
            return []
        runs = zip(self.numerator.runs, self.denominator.runs, strict=False)
        return [a.cpu / b.cpu for a, b in runs]

    @property
    def passed(self) -> bool:
        ratio = self.ratio("cpu")
        if ratio is None or self.numerator.stopped:
            return False  # not measured, or known only to be at least `ratio`
        return ratio < self.limit if self.strict else ratio <= self.limit

    def cells(self) -> tuple[str, str, str, str, str]:
        def show(ratio: float | None) -> str:
            if ratio is None:
                return "n/a"
            text = f"{ratio:.1%}" if self.percent else f"{ratio:.2f}x"
            return f"> {text}" if self.numerator.stopped else text

        op = "<" if self.strict else "<="
        limit = f"{op} {self.limit:.0%}" if self.percent else f"{op} {self.limit:g}x"
        pairs = self.pairs
        spread = f"{min(pairs):.2f}-{max(pairs):.2f}x" if pairs else ""
        verdict = "PASS" if self.passed else "** FAIL **"
        if self.info:
            limit, verdict = "", "(info)"
        return show(self.ratio("cpu")), show(self.ratio("wall")), spread, limit, verdict


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
    warm_ups: dict[str, Sample] = {}
    sizes: dict[str, str] = {}
    navs: dict[str, list[Any]] = {}
    for name, seeds in banks.items():
        budgets[name] = _budget(name, warm_ups)
        _progress(f"generate() warm-up, {_bank_label(name)} (budget {budgets[name]:.0f} s CPU)")
        result, warm_ups[name] = _guarded(
            lambda seeds=seeds: generate(project, seeds), budgets[name]
        )
        if result is None:
            gen[name].stop(f"warm-up stopped after {warm_ups[name].cpu:.0f} s CPU", warm_ups[name])
            sizes[name] = "not generated (over budget)"
            continue
        guide, files = _unpack(result)
        follow_ups = sum(topic.follow_up_count for topic in guide.topics)
        entries = [entry for topic in guide.topics for entry in topic.entries]
        sizes[name] = f"{len(entries):,} q, {follow_ups:,} follow-ups, {len(guide.topics)} topics"
        navs[name] = navigation(guide, list(files))
        if _sync_registry(seeds, guide):  # the first build of a bank: warm up once more
            del result, guide, files, entries
            result, again = _guarded(lambda seeds=seeds: generate(project, seeds), budgets[name])
            warm_ups[name] = max(warm_ups[name], again, key=lambda sample: sample.cpu)
        del result
    for round_ in range(GENERATE_RUNS):
        _progress(f"generate() round {round_ + 1}/{GENERATE_RUNS}")
        for name, seeds in banks.items():
            if gen[name].stopped:
                continue
            result, sample = _guarded(lambda seeds=seeds: generate(project, seeds), budgets[name])
            if result is None:
                gen[name].stop(f"run {round_ + 1} stopped after {sample.cpu:.0f} s CPU", sample)
            else:
                gen[name].runs.append(sample)
            del result

    # The full build against bare MkDocs on the same pages.  "Site build" means generation
    # plus MkDocs, so PDF handouts are left out where the CLI can (`--no-pdf`); the seed's
    # default build, handouts included, is timed as well, for information.
    no_pdf = _has_option(["build", "--help"], "--no-pdf")
    custom_dir_note = ""
    builds: dict[str, tuple[Row, Row, str]] = {}
    extra: list[tuple[Row, Row]] = []
    for name, runs in BUILD_RUNS.items():
        ours_row = Row(f"studyguide build{' --no-pdf' * no_pdf}, {_bank_label(name)}")
        bare_row = Row(f"bare mkdocs build, {_bank_label(name)}")
        builds[name] = (ours_row, bare_row, "not built")
        if gen[name].stopped:
            ours_row.stop("not run: generate() alone ran out of its budget")
            bare_row.stop("not run: no generated pages")
            continue
        work = OUT / f"build-{name}"
        ours = _studyguide_build(banks[name], work / "site", work / "pages", no_pdf)
        _progress(f"{name}: studyguide build (untimed warm-up)")
        sample, failure = _run(ours)
        if failure:
            ours_row.stop(f"warm-up {failure}", sample)
            bare_row.stop("not run: no generated pages")
            continue
        config, note = _bare_config(work, work / "pages", work / "bare-site", navs[name])
        custom_dir_note = custom_dir_note or note
        bare = [str(VENV / "bin" / "mkdocs"), "build", "--strict", "-q", "-f", str(config)]
        _progress(f"{name}: bare mkdocs build (untimed warm-up)")
        sample, failure = _run(bare)
        if failure:
            sys.exit(f"bare MkDocs build of the generated pages {failure}")
        builds[name] = (ours_row, bare_row, _compare_sites(work / "site", work / "bare-site"))
        order = [(ours_row, ours), (bare_row, bare)]
        if no_pdf and name == "seed":
            full_row = Row(f"studyguide build (default, with PDFs), {_bank_label(name)}")
            full = _studyguide_build(banks[name], work / "site-pdf", work / "pages-pdf", False)
            _progress(f"{name}: studyguide build with PDFs (untimed warm-up)")
            sample, failure = _run(full)
            if failure:
                full_row.stop(f"warm-up {failure}", sample)
            else:
                order.append((full_row, full))
            extra.append((full_row, bare_row))
        for round_ in range(runs):
            _progress(f"{name}: build round {round_ + 1}/{runs}")
            shift = round_ % len(order)
            for row, command in order[shift:] + order[:shift]:
                sample, failure = _run(command)
                if failure:
                    row.stop(f"run {round_ + 1} {failure}", sample)
                    break
                row.runs.append(sample)
            if any(row.stopped for row, _ in order):
                break

    seed_ours, seed_bare, seed_same = builds["seed"]
    big_ours, big_bare, big_same = builds["10k"]
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
            "studyguide build / bare mkdocs build (seed)", seed_ours, seed_bare, 1.15, paired=True
        ),
        Check("studyguide build / bare mkdocs build (10k)", big_ours, big_bare, 1.15, paired=True),
        Check(
            f"generate({BIG:,} q) / generate({SMALL:,} q)", gen["10k"], gen["1k"], 12.0, paired=True
        ),
    ]
    checks += [
        Check(f"{top.label} / bare (info, not a target)", top, bottom, 1.15, paired=True, info=True)
        for top, bottom in extra
    ]
    rows = [*gen.values(), seed_ours, seed_bare, *(top for top, _ in extra), big_ours, big_bare]
    load_after = os.getloadavg()
    _print_header(sizes, load_before, load_after)
    _print_table(rows, checks)
    print()
    print("Notes:")
    cores = os.cpu_count() or 1
    notes = [
        "PASS/FAIL is judged on CPU time (user + system, of this process for generate() and of "
        "the build subprocess and its children for builds), which other work on a shared "
        "machine barely changes; wall time is shown beside it. On an idle machine the two "
        "agree within I/O.",
        f"generate(): median of {GENERATE_RUNS} in-process runs after one warm-up, banks "
        f"interleaved round by round; builds: median of {BUILD_RUNS['seed']} (seed) and "
        f"{BUILD_RUNS['10k']} (10k) subprocess runs after one untimed warm-up each, "
        "studyguide and bare alternating. Ratios are of the medians; 'rounds' is the range "
        "of per-round CPU ratios.",
        "Bare build: `mkdocs build --strict -q` with INHERIT of mkdocs.yml, the generated "
        "pages as docs_dir and the same nav that studyguide passes (not alphabetical).",
        "Site build = generation plus MkDocs: studyguide runs with --no-pdf where the CLI has "
        "it (it still writes the Anki deck); the seed's default build, PDF handouts "
        "included, is timed too, for information (too slow to repeat on the 10k bank)."
        if no_pdf
        else "Site build = `studyguide build` as it is (this CLI has no --no-pdf).",
        custom_dir_note or "theme.custom_dir: not checked (no build ran).",
        f"Sites written by studyguide and by bare MkDocs: seed {seed_same}; 10k {big_same}.",
        "Steady state: each bank's ids.yml is written after its warm-up, as a build does; "
        "the seed is a copy of seeds/ in bench/out/run/bank-seed.",
        f"Budgets: generate() {GENERATE_BUDGET:.0f} s CPU a call (10k: at least 13x the 1k "
        "warm-up, so running out of it shows the scaling target failed), builds "
        f"{BUILD_TIMEOUT:.0f} s wall, {MEMORY_CAP / 2**30:.0f} GiB of address space.",
    ]
    notes += [f"{row.label}: {row.stopped}." for row in rows if row.stopped]
    if max(load_before[0], load_after[0]) > cores * 0.75:
        notes.append(
            f"The machine was busy with other work (load average {load_before[0]:.1f} at the "
            f"start, {load_after[0]:.1f} at the end, on {cores} cores): wall times are "
            "inflated and noisy; trust the CPU columns."
        )
    notes.append(f"The whole benchmark took {time.perf_counter() - started:.0f} s.")
    for note in notes:
        print(f"  - {note}")
    return 0


def _budget(name: str, warm_ups: dict[str, Sample]) -> float:
    """CPU seconds allowed for one ``generate()`` call on a bank.

    For the big bank it is at least 13 times the small bank's slowest warm-up (the
    last one already in steady state), so a call that runs out shows the ratio > 12
    with room for noise.  A bank's first warm-up has no id registry yet, which only
    makes it cheaper, so stopping it still bounds the steady state from below.
    """
    if name == "10k" and "1k" in warm_ups:
        return max(GENERATE_BUDGET, 13 * warm_ups["1k"].cpu)
    return GENERATE_BUDGET


@contextmanager
def _limits(cpu_seconds: float) -> Iterator[None]:
    """Raise `OverBudget` after ``cpu_seconds`` of CPU; cap the address space meanwhile."""

    def expire(signum: int, frame: object) -> None:
        raise OverBudget

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = MEMORY_CAP if hard == resource.RLIM_INFINITY else min(MEMORY_CAP, hard)
    previous = signal.signal(signal.SIGPROF, expire)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _guarded(work: Callable[[], Any], cpu_seconds: float) -> tuple[Any, Sample]:
    """``work()``'s result and cost, or None and what it had cost when it was stopped."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        with _limits(cpu_seconds):
            result = work()
    except (OverBudget, MemoryError):
        result = None
    sample = Sample(time.perf_counter() - wall, time.process_time() - cpu)
    gc.collect()
    return result, sample


def _unpack(generated: Any) -> tuple[Any, dict[str, bytes]]:
    """The guide and the planned files from `generate`'s result (a pair or a record)."""
    if isinstance(generated, tuple):
        return generated[0], generated[1]
    return generated.guide, generated.files


def _sync_registry(seeds: Path, guide: Any) -> bool:
    """Write the bank's id registry as a build does, if this version has one; True if changed."""
    try:
        from generator.registry import REGISTRY_FILE, dump_registry
    except ImportError:
        return False
    if not hasattr(guide, "registry"):
        return False
    path = seeds / REGISTRY_FILE
    text = dump_registry(guide.registry)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


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


def _studyguide_build(seeds: Path, site: Path, pages: Path, no_pdf: bool) -> list[str]:
    command = [str(VENV / "bin" / "studyguide"), "build", "--seeds", str(seeds)]
    command += ["--site-dir", str(site), "--pages-dir", str(pages)]
    return [*command, "--no-pdf"] if no_pdf else command


def _has_option(arguments: list[str], option: str) -> bool:
    """Whether ``studyguide ARGUMENTS`` (a ``--help``) mentions ``option``."""
    done = subprocess.run(
        [str(VENV / "bin" / "studyguide"), *arguments], capture_output=True, text=True, check=False
    )
    return option in done.stdout


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str]) -> tuple[Sample, str]:
    """Run ``command`` from the project folder: its cost, and "" or why it stopped.

    Running out of time or memory is a result; any other failure ends the benchmark.
    """
    wall, cpu = time.perf_counter(), _children_cpu()
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
        sample = Sample(time.perf_counter() - wall, _children_cpu() - cpu)
        return sample, f"stopped after {BUILD_TIMEOUT:.0f} s"
    sample = Sample(time.perf_counter() - wall, _children_cpu() - cpu)
    if done.returncode == 0:
        return sample, ""
    if "MemoryError" in done.stderr:
        cap = MEMORY_CAP / 2**30
        return sample, f"ran out of memory ({cap:.0f} GiB) after {sample.wall:.0f} s"
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
    common = a & b
    differ = [
        f for f in sorted(common - skip) if (ours / f).read_bytes() != (bare / f).read_bytes()
    ]
    verdict = (
        f"{len(differ)} of {len(common):,} common files DIFFER (first: {differ[0]})"
        if differ
        else f"the {len(common):,} common files are identical"
    )
    for side, names in (("studyguide", a - b), ("bare MkDocs", b - a)):
        if names:
            shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
            verdict += f"; only {side} wrote {len(names)}: {shown}"
    return verdict


def _print_header(
    sizes: dict[str, str], before: tuple[float, float, float], after: tuple[float, float, float]
) -> None:
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(
        f"Machine: {cores} cores ({usable} usable), {platform.machine()}, load average "
        f"{before[0]:.1f} at start and {after[0]:.1f} at end; Python "
        f"{platform.python_version()}, MkDocs {metadata.version('mkdocs')}, Material "
        f"{metadata.version('mkdocs-material')}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    print(f"Code: {_code_version()}")
    print("Banks: " + "; ".join(f"{_bank_label(name)}: {size}" for name, size in sizes.items()))
    print()


def _code_version() -> str:
    """The commit measured, and whether the work tree had uncommitted changes to it."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty=+uncommitted changes"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip().replace("+", " + ") or "unknown (not a git checkout)"


def _seconds(value: float | None, stopped: bool) -> str:
    if value is None:
        return "-"
    return f"> {value:.1f} s" if stopped else f"{value:.3f} s"


def _print_table(rows: list[Row], checks: list[Check]) -> None:
    header = ("Measurement", "runs", "CPU median", "wall median", "CPU range / rounds", "target")
    table: list[tuple[str, ...]] = []
    for row in rows:
        cpus = [r.cpu for r in row.runs]
        spread = f"{min(cpus):.3f}-{max(cpus):.3f} s" if cpus else ""
        runs = f"{len(row.runs)}+stop" if row.stopped else str(len(row.runs))
        stopped = bool(row.stopped)
        cells = (_seconds(row.cpu, stopped), _seconds(row.wall, stopped))
        table.append((row.label, runs, *cells, spread, ""))
    for check in checks:
        cpu, wall, spread, limit, verdict = check.cells()
        table.append((check.label, "", cpu, wall, spread, f"{limit}  {verdict}".strip()))
    widths = [max(len(line[i]) for line in [header, *table]) for i in range(len(header))]
    rule = "-+-".join("-" * w for w in widths)

    def line(cells: tuple[str, ...]) -> str:
        return " | ".join(
            c.ljust(w) if i in (0, 4, 5) else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(line(header))
    print(rule)
    for index, cells in enumerate(table):
        if index == len(rows):
            print(rule)
        print(line(cells))
    targets = [check for check in checks if not check.info]
    failed = [check.label for check in targets if not check.passed]
    print()
    if failed:
        print(f"RESULT: FAIL - {len(failed)} of {len(targets)} targets missed: {'; '.join(failed)}")
    else:
        print(f"RESULT: PASS - all {len(targets)} targets met")


if __name__ == "__main__":
    sys.exit(main())

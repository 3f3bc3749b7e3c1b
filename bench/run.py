"""The benchmark: generate(), the site build and the PDF handouts, in one run, as one table.

    .venv/bin/python bench/run.py [--quick]

Each ratio compares two things timed back to back in this run, alternating round by round
after an untimed warm-up, and is judged on CPU time (user + system, children included):

* ``generate()`` in-process (parse, link, render; no MkDocs) on the real seed and on
  synthetic banks of 1,000 and 10,000 questions (``bench/synth_bank.py``);
* ``studyguide build --no-pdf`` against a bare ``mkdocs build --strict`` of the same pages
  and nav: the seed and the 10k bank warm, the 10k bank cold (an empty
  ``STUDYGUIDE_BUILD_DIR`` each run); for information, the seed's build with PDFs and its
  Zensical build, and the cold floor: what the libraries a build must use do for the 10k
  bank, with none of our code around them (`_floor`);
* the seed's handouts: WeasyPrint in-process, as the build prints them, against headless
  Chromium's ``--print-to-pdf`` of each topic page.

CPU budgets, timeouts and an address-space cap keep a generator gone quadratic from hanging
the run.  Everything is written in a scratch folder, never in the project's ``build/``: on a
RAM file system where the machine has one (see `scratch`), else under ``bench/out/run``.
``--quick``: one round, no 10k bank, no handouts (a smoke test).  Progress goes to stderr,
the table to stdout; the exit code is 0 even when a target fails (it is a report).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import itertools
import logging
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from logging.handlers import BufferingHandler
from pathlib import Path
from typing import Any

import yaml
from synth_bank import write_bank

from generator import urls, write
from generator.build import Generated, generate
from generator.project import BUILD_DIR_VARIABLE, Project, load_project
from generator.registry import REGISTRY_FILE, dump_registry
from generator.site import navigation

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RAM = Path("/dev/shm")
"""A RAM file system (tmpfs), on Linux."""


def scratch() -> Path:
    """Where the runs write: in RAM when the machine has a RAM file system.

    The builds create and delete tens of thousands of files, and on a disk that costs
    system time which depends on what was deleted shortly before: ext4 steps over
    recently freed inodes one by one when it allocates (``perf`` shows
    ``recently_deleted`` at 58 % of the time).  On this machine writing the same 10,218
    files of the 10k pages folder took 0.5 s of system time on a quiet disk and 15 s
    after a few deletions, so each run paid for the one before it, and the order of the
    rounds decided the cold verdict.  In RAM those costs are small and steady, and the
    ratios compare what the programs themselves do.
    """
    if RAM.is_dir() and os.access(RAM, os.W_OK):
        return RAM / f"studyguide-bench-{os.getuid()}"
    return ROOT / "bench" / "out" / "run"


OUT = scratch()
WARM_BUILD_DIR = OUT / "build"
"""``STUDYGUIDE_BUILD_DIR`` of generate() and warm builds; a cold build gets a new one."""
SMALL, BIG = 1_000, 10_000
LABELS = {"seed": "real seed", "1k": f"synthetic {SMALL:,} q", "10k": f"synthetic {BIG:,} q"}
GENERATE_RUNS, HANDOUT_RUNS = 5, 3
BUILD_RUNS = {"seed": 5, "10k": 3}
EDIT = re.compile(r"Compare VAEs (?:and|with) GANs(?: \(take \d+\))?\.")
"""The seed question each round rewords anew ("Compare VAEs with GANs (take 3)."): a
reworded question keeps its id."""
TAKES = itertools.count(1)
"""Numbers the edits, so that no two rounds ask for the same wording."""
EPOCH = "1700000000"
"""SOURCE_DATE_EPOCH of the builds after an edit, so their PDFs can be compared."""
GENERATE_BUDGET = 60.0
"""CPU seconds one ``generate()`` call may take (at least; see `_budget`)."""
TIMEOUT = 300.0
"""Seconds a subprocess (a build, one Chromium print) may take; CPU seconds for WeasyPrint."""
MEMORY_CAP = 8 * 2**30
"""Address-space limit (bytes) for in-process work and build subprocesses (not Chromium)."""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]

Job = Callable[[], tuple["Sample", str]]
"""One timed run: its cost, and "" or why it stopped."""


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
    """Why measuring stopped, e.g. "run 2 stopped after 300 s"; "" when all runs finished."""
    bound: Sample | None = None
    """When stopped: what the stopped run had used, a lower bound of one run."""

    def median(self, kind: str) -> float | None:
        """Median CPU or wall time, or the lower bound when stopped, or None."""
        if self.stopped:
            return getattr(self.bound, kind) if self.bound else None
        return statistics.median(getattr(r, kind) for r in self.runs) if self.runs else None

    def stop(self, why: str, bound: Sample | None = None) -> None:
        self.stopped, self.bound = why, bound


@dataclass
class Check:
    """A target: ``numerator / denominator`` against ``limit``, judged on CPU time."""

    label: str
    numerator: Row
    denominator: Row
    limit: float
    skipped: str = ""
    """Why it was not measured in this run (then not counted), or ""."""
    percent: bool = False
    """Shown as a percentage, and judged with ``<`` rather than ``<=``."""
    info: bool = False
    """Shown for information only: no verdict, not counted in the result."""

    def ratio(self, kind: str) -> float | None:
        top, bottom = self.numerator.median(kind), self.denominator.median(kind)
        if top is None or bottom is None or self.denominator.stopped:
            return None
        return top / bottom

    @property
    def passed(self) -> bool:
        ratio = self.ratio("cpu")
        if ratio is None or self.numerator.stopped:
            return False  # not measured, or known only to be at least `ratio`
        return ratio < self.limit if self.percent else ratio <= self.limit

    def cells(self) -> tuple[str, str, str, str]:
        """The CPU and wall ratios, the range of per-round CPU ratios, and the verdict."""

        def show(ratio: float | None) -> str:
            if ratio is None:
                return "n/a"
            text = f"{ratio:.1%}" if self.percent else f"{ratio:.2f}x"
            return f"> {text}" if self.numerator.stopped else text

        limit = f"< {self.limit:.0%}" if self.percent else f"<= {self.limit:g}x"
        limit = "(info)" if self.info else limit
        if self.skipped:
            return "-", "-", "", f"{limit}  (not run: {self.skipped})"
        pairs = [
            a.cpu / b.cpu for a, b in zip(self.numerator.runs, self.denominator.runs, strict=False)
        ]
        spread = f"{min(pairs):.2f}-{max(pairs):.2f}x" if pairs and not self.percent else ""
        verdict = "(info)" if self.info else f"{limit}  {'PASS' if self.passed else '** FAIL **'}"
        return show(self.ratio("cpu")), show(self.ratio("wall")), spread, verdict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round; no 10k bank, no PDFs")
    quick = parser.parse_args().quick
    started, load_before = time.perf_counter(), os.getloadavg()
    os.chdir(ROOT)
    shutil.rmtree(OUT, ignore_errors=True)
    if OUT.is_relative_to(RAM):
        atexit.register(shutil.rmtree, OUT, ignore_errors=True)  # give the memory back
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ[BUILD_DIR_VARIABLE] = str(WARM_BUILD_DIR)
    project = load_project(ROOT / "mkdocs.yml")
    banks = {name: OUT / f"bank-{name}" for name in ("seed", "1k", "10k")[: 2 if quick else 3]}
    shutil.copytree(project.seeds, banks["seed"])  # a build rewrites the bank's ids.yml
    for name, size in (("1k", SMALL), ("10k", BIG)):
        if name in banks:
            _progress(f"writing a synthetic bank of {size:,} questions")
            write_bank(size, banks[name])
    seed, big = LABELS["seed"], LABELS["10k"]
    rows = {f"gen-{n}": Row(f"generate(), {LABELS[n]}") for n in ("seed", "1k", "10k")}
    rows |= {
        "seed": Row(f"studyguide build --no-pdf, {seed}"),
        "seed-bare": Row(f"bare mkdocs build, {seed}"),
        "seed-pdf": Row(f"studyguide build (default, with PDFs), {seed}"),
        "seed-edit": Row(f"studyguide build (default) after a one-question edit, {seed}"),
        "seed-zensical": Row(f"studyguide build --no-pdf --engine zensical, {seed}"),
        "10k": Row(f"studyguide build --no-pdf, {big}, warm"),
        "10k-cold": Row(f"studyguide build --no-pdf, {big}, cold"),
        "10k-bare": Row(f"bare mkdocs build, {big}"),
        "10k-floor": Row(f"cold floor (markdown-it-py blocks, pages written, deck), {big}"),
        "weasyprint": Row("handouts: WeasyPrint"),
        "chromium": Row("handouts: Chromium --print-to-pdf"),
    }

    # generate() alone, in-process: a warm-up per bank, then rounds over the banks.
    budgets: dict[str, float] = {}
    warm_ups: dict[str, Sample] = {}
    sizes: dict[str, str] = {}
    navs: dict[str, list[Any]] = {}
    kept: dict[str, Generated] = {}
    """What the cold floor needs of a bank, released before the handouts are timed."""
    for name, seeds in banks.items():
        budgets[name] = _budget(name, warm_ups)
        _progress(f"generate() warm-up, {LABELS[name]} (budget {budgets[name]:.0f} s CPU)")
        call = partial(generate, project, seeds)
        result, warm_ups[name], failure = _guarded(call, budgets[name])
        if failure:
            rows[f"gen-{name}"].stop(f"warm-up {failure}", warm_ups[name])
            sizes[name] = f"not generated (warm-up {failure})"
            continue
        guide = result.guide
        follow_ups = sum(topic.follow_up_count for topic in guide.topics)
        sizes[name] = (
            f"{len(guide.entries):,} q, {follow_ups:,} follow-ups, {len(guide.topics)} topics"
        )
        navs[name] = navigation(guide, list(result.files))
        if name == "10k":
            kept[name] = result
        registry, text = seeds / REGISTRY_FILE, dump_registry(guide.registry)  # as a build does
        del result, guide
        if not registry.is_file() or registry.read_text(encoding="utf-8") != text:
            registry.write_text(text, encoding="utf-8")  # a first build: warm up once more
            again = _guarded(call, budgets[name])[1]
            warm_ups[name] = max(warm_ups[name], again, key=lambda sample: sample.cpu)
    jobs = [
        (rows[f"gen-{name}"], _in_process(partial(generate, project, seeds), budgets[name]))
        for name, seeds in banks.items()
    ]
    _alternate("generate()", jobs, 1 if quick else GENERATE_RUNS)

    # Site builds against bare MkDocs on the same pages, alternating round by round.
    custom_dir_note = "(theme.custom_dir: not checked.)"
    same_pdfs = "not built"
    same = dict.fromkeys(("seed", "10k"), "not built")
    for name in [name for name in ("seed", "10k") if name in banks]:
        work, seeds = OUT / f"build-{name}", banks[name]
        config = work / "bare-mkdocs.yml"
        ours = (rows[name], _build(_studyguide(seeds, work, "--no-pdf")))
        bare = (
            rows[f"{name}-bare"],
            _build([str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", str(config)]),
        )
        if name == "seed":
            zensical = _studyguide(seeds, work, "--no-pdf", "--engine", "zensical", tag="zensical")
            edited = OUT / "bank-seed-edited"
            shutil.copytree(seeds, edited)
            edit = _build(
                _studyguide(edited, work, tag="edit"),
                before=partial(_edit_one_question, edited),
                env={"SOURCE_DATE_EPOCH": EPOCH},
            )
            extra = [
                (rows["seed-pdf"], _build(_studyguide(seeds, work, tag="pdf"), fatal=False)),
                (rows["seed-edit"], edit),
                (rows["seed-zensical"], _build(zensical, fatal=False)),
            ]
        else:
            cold = _studyguide(seeds, work, "--no-pdf", tag="cold")
            extra = [
                (rows["10k-cold"], _build(cold, cold=(work / "site-cold", work / "pages-cold"))),
                (rows["10k-floor"], _in_process(_floor(project, seeds, kept, name), TIMEOUT)),
            ]
        every = [ours, bare, *extra]
        if not rows[f"gen-{name}"].stopped:
            _alternate(f"{name}: studyguide build", [ours], 0, warm_up=True)
        if rows[f"gen-{name}"].stopped or rows[name].stopped:
            for row, _ in every:
                row.stopped = row.stopped or "not run: no generated pages"
            continue
        custom_dir_note = _bare_config(config, work / "pages", work / "bare-site", navs[name])
        _alternate(f"{name}: bare mkdocs build", [bare], 0, warm_up=True)
        same[name] = _compare_sites(work / "site", work / "bare-site")
        if name == "seed":  # a cold build has nothing to warm up
            _alternate(f"{name}: other builds", extra, 0, warm_up=True)
        _alternate(f"{name} builds", every, 1 if quick else BUILD_RUNS[name])
        if name == "seed" and rows["seed-edit"].runs:
            same_pdfs = _compare_with_clean(OUT / "bank-seed-edited", work)

    kept.clear()  # the 10k guide is not needed any more: give its memory back
    chromium = shutil.which(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
    if not quick:
        _time_handouts(project, banks["seed"], rows["weasyprint"], rows["chromium"], chromium)

    r, no_10k = rows, "--quick" if quick else ""
    no_pdf = "--quick" if quick else "" if chromium else "no Chromium"
    checks = [
        Check("generate() / bare build, seed", r["gen-seed"], r["seed-bare"], 0.1, percent=True),
        Check("studyguide build / bare, seed, warm", r["seed"], r["seed-bare"], 1.15),
        Check("studyguide build / bare, 10k, warm", r["10k"], r["10k-bare"], 1.15, no_10k),
        Check("studyguide build / bare, 10k, cold", r["10k-cold"], r["10k-bare"], 1.15, no_10k),
        Check("cold floor / bare, 10k", r["10k-floor"], r["10k-bare"], 0, no_10k, info=True),
        Check("generate(), 10k / 1k", r["gen-10k"], r["gen-1k"], 12, no_10k),
        Check("handouts: WeasyPrint / Chromium", r["weasyprint"], r["chromium"], 0.7, no_pdf),
        Check("build with PDFs / bare, seed", r["seed-pdf"], r["seed-bare"], 0, info=True),
        Check("build after an edit / bare, seed", r["seed-edit"], r["seed-bare"], 3),
        Check("Zensical / MkDocs build, seed", r["seed-zensical"], r["seed"], 0, info=True),
    ]  # fmt: skip
    shown = [row for row in rows.values() if row.runs or row.stopped]
    load_after = os.getloadavg()
    _print_header(sizes, (load_before[0], load_after[0]), chromium)
    _print_table(shown, checks)
    cores = os.cpu_count() or 1
    notes = [
        "PASS/FAIL is judged on CPU time (user + system: of this process for generate() and "
        "WeasyPrint, of the subprocesses and their children for builds and Chromium), which "
        "other work on the machine barely changes; wall time is shown beside it.",
        f"Medians of {GENERATE_RUNS} generate(), {BUILD_RUNS['seed']} seed build, "
        f"{BUILD_RUNS['10k']} 10k build and {HANDOUT_RUNS} handout rounds"
        f"{' (--quick: 1 round each; no 10k bank, no handouts)' * quick} after an untimed "
        "warm-up (none for cold builds), each round starting one later in the order; "
        "'rounds' is the range of per-round CPU ratios.",
        "Bare build: `mkdocs build --strict -q` with INHERIT of mkdocs.yml, the generated "
        "pages as docs_dir and the same nav that studyguide passes (not alphabetical). "
        + custom_dir_note,
        f"Files: written under {OUT}"
        f"{', in RAM, removed at the end' if OUT.is_relative_to(RAM) else ''} (see scratch()).",
        "Warm: generate() and builds share one STUDYGUIDE_BUILD_DIR"
        " (parsed seeds, compiled templates, the deck), filled by the warm-ups; each bank's "
        "ids.yml is written after its warm-up, as a build does. Cold: a new empty "
        "STUDYGUIDE_BUILD_DIR and no site or pages folder each run, as on a fresh checkout.",
        f"Sites written by studyguide and bare MkDocs: seed: {same['seed']}; 10k: {same['10k']}.",
        "After an edit: each round rewords one question anew (never to a wording an earlier "
        f"round printed) and runs the default build with SOURCE_DATE_EPOCH={EPOCH}, reusing "
        "the printed PDFs and the deck of the round before; its handouts and deck against a "
        f"clean build's: {same_pdfs}.",
        "Handouts: WeasyPrint prints all of the seed's PDFs in this process, as the build "
        "does; Chromium prints each topic page of the seed site built above, one process each.",
        f"Budgets: generate() {GENERATE_BUDGET:.0f} s CPU a call (10k: at least 13x the 1k "
        f"warm-up, so running out shows the scaling target failed); subprocesses {TIMEOUT:.0f}"
        f" s; {MEMORY_CAP / 2**30:.0f} GiB of address space (not for Chromium).",
        *(f"{row.label}: {row.stopped}." for row in shown if row.stopped),
    ]
    if max(load_before[0], load_after[0]) > cores * 0.75:
        notes.append(
            f"The machine was busy (load average {load_before[0]:.1f} at the start, "
            f"{load_after[0]:.1f} at the end, on {cores} cores): trust the CPU columns."
        )
    notes.append(f"The whole benchmark took {time.perf_counter() - started:.0f} s.")
    print("\nNotes:\n" + "\n".join(f"  - {note}" for note in notes))
    return 0


def _time_handouts(
    project: Project, seeds: Path, weasy: Row, chrome: Row, chromium: str | None
) -> None:
    """WeasyPrint printing the seed's handouts as the build does, against Chromium."""
    from generator.handouts import handout_jobs, render_handouts, seed_date

    generated = generate(project, seeds)
    guide = generated.guide
    site = OUT / "build-seed" / "site"
    pages = [site / urls.topic_url(topic.slug) / "index.html" for topic in guide.topics]
    weasy.label = f"handouts: WeasyPrint, {len(handout_jobs(guide))} PDFs, in-process"
    chrome.label = f"handouts: Chromium --print-to-pdf, {len(pages)} topic pages"
    if not chromium:
        chrome.stop("not run: no Chromium (apt-get install chromium, or set $CHROMIUM)")
    elif not all(page.is_file() for page in pages):
        chrome.stop("not run: the seed site was not built")
    date, out = seed_date(seeds, guide.seed_files), OUT / "handouts"
    (out / "chromium").mkdir(parents=True)

    weasyprint = partial(
        render_handouts, guide, project.templates, out / "weasyprint", site_url=project.site_url,
        seed_date=date, assets=generated.assets, cache=project.template_cache,
    )  # fmt: skip

    def print_pages() -> None:
        for page in pages:
            pdf = out / "chromium" / f"{page.parent.name}.pdf"
            pdf.unlink(missing_ok=True)
            command = [str(chromium), *CHROMIUM_ARGS, f"--print-to-pdf={pdf}", page.as_uri()]
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
            if not pdf.is_file():
                raise RuntimeError(f"Chromium wrote no {pdf.name}")

    jobs = [
        (weasy, _in_process(weasyprint, TIMEOUT, Exception)),
        (chrome, _in_process(print_pages, None, Exception)),  # Chromium reserves terabytes
    ]
    with _like_a_build():  # the press forks from this process
        _alternate("handouts", jobs, HANDOUT_RUNS, warm_up=True)


def _alternate(what: str, jobs: list[tuple[Row, Job]], rounds: int, warm_up: bool = False) -> None:
    """Time the jobs round by round, each round starting one later, after an untimed round
    if ``warm_up``; a job that stops drops out."""
    live = [(row, job) for row, job in jobs if not row.stopped]
    for number in range(0 if warm_up else 1, rounds + 1):
        _progress(f"{what}: {f'round {number}/{rounds}' if number else 'warm-up'}")
        shift = max(number - 1, 0) % max(len(live), 1)
        for row, job in live[shift:] + live[:shift]:
            sample, failure = job()
            if failure:
                row.stop(f"{f'run {number}' if number else 'warm-up'} {failure}", sample)
            elif number:
                row.runs.append(sample)
        live = [(row, job) for row, job in live if not row.stopped]


def _budget(name: str, warm_ups: dict[str, Sample]) -> float:
    """CPU seconds allowed for one ``generate()`` call on a bank: for the big bank, at
    least 13 times the small bank's slowest warm-up, so running out shows the ratio > 12.
    (A first warm-up, without an id registry yet, is only cheaper: still a lower bound.)"""
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


def _guarded(
    work: Callable[[], Any], cpu_seconds: float | None, errors: type[Exception] | None = None
) -> tuple[Any, Sample, str]:
    """``work()``'s result, its cost, and "" or why it stopped (then the result is None);
    ``cpu_seconds`` None runs it without limits, ``errors`` are reported, not raised."""
    gc.collect()
    wall, cpu = time.perf_counter(), _cpu()
    result, failure = None, ""
    try:
        with _limits(cpu_seconds) if cpu_seconds else nullcontext():
            result = work()
    except OverBudget:
        failure = f"stopped after {_cpu() - cpu:.0f} s CPU"
    except MemoryError:
        failure = f"ran out of memory ({MEMORY_CAP / 2**30:.0f} GiB)"
    except Exception as exc:
        if errors is None or not isinstance(exc, errors):
            raise
        failure = f"failed: {type(exc).__name__}: {exc}".splitlines()[0]
    sample = Sample(time.perf_counter() - wall, _cpu() - cpu)
    gc.collect()
    return result, sample, failure


def _in_process(
    work: Callable[[], Any], cpu_seconds: float | None, errors: type[Exception] | None = None
) -> Job:
    return lambda: _guarded(work, cpu_seconds, errors)[1:]


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _cpu(own: bool = True) -> float:
    """CPU seconds of every child this process has waited for, and its own if ``own``."""
    who = (resource.RUSAGE_CHILDREN, resource.RUSAGE_SELF) if own else (resource.RUSAGE_CHILDREN,)
    return sum(usage.ru_utime + usage.ru_stime for usage in map(resource.getrusage, who))


def _studyguide(seeds: Path, work: Path, *options: str, tag: str = "") -> list[str]:
    """``studyguide build`` of ``seeds`` into ``work``/site[-tag] and pages[-tag]."""
    site, pages = (work / f"{folder}{'-' * bool(tag)}{tag}" for folder in ("site", "pages"))
    command = [str(BIN / "studyguide"), "build", "--seeds", str(seeds), *options]
    return [*command, "--site-dir", str(site), "--pages-dir", str(pages)]


def _build(
    command: list[str],
    fatal: bool = True,
    cold: tuple[Path, ...] = (),
    before: Callable[[], object] = lambda: None,
    env: dict[str, str] | None = None,
) -> Job:
    """A job running ``command`` (time and memory capped) with the warm build folder, or,
    when ``cold``, a new empty one and without those folders; ``before`` runs untimed
    first, ``env`` is added to the environment.  Running out of time or memory is a
    result; any other failure ends the benchmark when ``fatal``."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    def job() -> tuple[Sample, str]:
        for folder in cold:
            shutil.rmtree(folder, ignore_errors=True)
        build_dir = Path(tempfile.mkdtemp(prefix="cold-", dir=OUT)) if cold else WARM_BUILD_DIR
        variables = {**os.environ, **(env or {}), BUILD_DIR_VARIABLE: str(build_dir)}
        before()
        wall, cpu = time.perf_counter(), _cpu(own=False)
        try:
            done = subprocess.run(
                command, cwd=ROOT, env=variables, capture_output=True, text=True,
                timeout=TIMEOUT, preexec_fn=cap,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            done = None
        sample = Sample(time.perf_counter() - wall, _cpu(own=False) - cpu)
        if cold:
            shutil.rmtree(build_dir, ignore_errors=True)
        if done is None:
            return sample, f"stopped after {TIMEOUT:.0f} s"
        if done.returncode == 0:
            return sample, ""
        if "MemoryError" in done.stderr:
            return sample, f"ran out of memory ({MEMORY_CAP / 2**30:.0f} GiB)"
        output = f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        if fatal:
            sys.exit(output)
        _progress(output)
        last = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
        return sample, f"failed (exit {done.returncode}): {last}"

    return job


def _floor(
    project: Project, seeds: Path, kept: dict[str, Generated], name: str
) -> Callable[[], None]:
    """What any cold build of ``seeds`` does in the libraries it must use, with none of our
    own work around it: markdown-it-py reads every bank's blocks (as the reader has it
    do), the pages folder is written (MkDocs reads it from disk) and genanki packs the
    deck.  Its ratio to the bare build is the part of the cold target they take up.
    """
    from generator.deck import deck_bytes
    from generator.parse import _BLOCKS

    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds.rglob("*.md"))]

    def work() -> None:
        generated = kept[name]
        with _like_a_build():
            for text in texts:
                _BLOCKS.parse(text)
            pages = Path(tempfile.mkdtemp(prefix="floor-", dir=OUT)) / "pages"
            write.stage(generated.files, pages)
            deck_bytes(
                generated.guide, generated.links, site_url=project.site_url,
                deck_name=generated.guide.title, templates=project.templates,
                assets=generated.assets,
            )  # fmt: skip

    return work


@contextmanager
def _like_a_build() -> Iterator[None]:
    """Run in-process work as a build's process would: the collector tuned as the command
    line tunes it, and this process's own objects (every bank timed so far, in results
    and caches) frozen out of its reach and out of that of processes forked meanwhile
    (WeasyPrint's press).  A build's process holds one bank: without this the cold floor
    read twice as high, and the press spent 0.3 s more of CPU walking the 10k bank's texts.
    """
    from generator.cli import collect_less_often

    thresholds = gc.get_threshold()
    gc.freeze()
    collect_less_often()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _edit_one_question(seeds: Path) -> None:
    """Reword one question of the seed as no round before did: a new edit each time, as
    an author's would be, so no handout printed for an earlier round can serve it."""
    bank = seeds / "ml-interview-questions.md"
    text = bank.read_text(encoding="utf-8")
    edited, found = EDIT.subn(f"Compare VAEs with GANs (take {next(TAKES)}).", text, count=1)
    if not found:
        sys.exit(f"{bank}: the question the benchmark edits is gone; update EDIT")
    bank.write_text(edited, encoding="utf-8")


def _compare_with_clean(seeds: Path, work: Path) -> str:
    """The handouts and deck of the last edited build against a clean build's, byte for byte."""
    clean = _build(
        _studyguide(seeds, work, tag="clean"),
        cold=(work / "site-clean", work / "pages-clean"),
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    if clean()[1]:
        return "the clean build failed"
    files = [
        f"{urls.HANDOUTS}/{p.name}"
        for p in sorted((work / "site-edit" / urls.HANDOUTS).glob("*.pdf"))
    ]
    files.append(urls.DECK)
    differ = [
        f
        for f in files
        if (work / "site-edit" / f).read_bytes() != (work / "site-clean" / f).read_bytes()
    ]
    return f"{len(files) - len(differ)} of {len(files)} identical" + (
        f" (differ: {', '.join(differ)})" if differ else ""
    )


def _bare_config(config: Path, pages: Path, site: Path, nav: list[Any]) -> str:
    """Write ``config``, inheriting the project's, to build ``pages`` into ``site`` with ``nav``.

    Returns a note saying whether ``theme.custom_dir`` had to be set explicitly: MkDocs
    resolves it against the inheriting file.
    """
    from mkdocs.config import load_config

    class Tolerant(yaml.SafeLoader):  # mkdocs.yml as data, ignoring MkDocs' own tags
        pass

    Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
    Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    project = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant)
    custom = (project.get("theme") or {}).get("custom_dir")
    expected = (ROOT / custom).resolve() if custom else None
    settings: dict[str, Any] = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(pages),
        "site_dir": str(site),
        "nav": nav,
    }

    def write() -> str | None:
        """Write the config and load it as MkDocs would: None if all is well, else why not."""
        text = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
        config.write_text(text, encoding="utf-8")
        logger, messages = logging.getLogger("mkdocs"), BufferingHandler(1000)
        messages.setLevel(logging.WARNING)
        logger.addHandler(messages)
        propagate, logger.propagate = logger.propagate, False
        try:
            loaded = load_config(str(config))
        except Exception as exc:
            first = messages.buffer[0].getMessage() if messages.buffer else ""
            return first or f"{type(exc).__name__}: {exc}".strip()
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
        return "theme.custom_dir: the project sets none."
    if problem is None:
        return "theme.custom_dir resolves correctly through INHERIT."
    settings["theme"] = {"custom_dir": str(expected)}
    second = write()
    if second is not None:
        sys.exit(f"bare MkDocs config does not load even with custom_dir set: {second}")
    return (
        "theme.custom_dir does NOT resolve through INHERIT: MkDocs resolves it against the "
        f"inheriting file ({problem}), so the bare config also sets theme.custom_dir: "
        f"{expected}; the rest of `theme` is deep-merged from mkdocs.yml as usual."
    )


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


def _print_header(sizes: dict[str, str], load: tuple[float, float], chromium: str | None) -> None:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    def output(*command: str) -> str:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()

    commit = output("git", "-C", str(ROOT), "describe", "--always", "--dirty=+uncommitted changes")
    print(
        f"Machine: {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), "
        f"{platform.machine()}, load average {load[0]:.1f} at start and {load[1]:.1f} at end; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC\nVersions: Python {platform.python_version()}, "
        f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, Zensical "
        f"{version('zensical')}, WeasyPrint {version('weasyprint')}; "
        f"{output(chromium, '--version') if chromium else 'no Chromium'}\n"
        f"Code: {commit.replace('+', ' + ') or 'unknown (not a git checkout)'}\nBanks: "
        + "; ".join(f"{LABELS[name]}: {size}" for name, size in sizes.items())
        + "\n"
    )


def _print_table(rows: list[Row], checks: list[Check]) -> None:
    header = ("Measurement", "runs", "CPU median", "wall median", "CPU range / rounds", "target")
    table: list[tuple[str, ...]] = []
    for row in rows:
        cpus = [r.cpu for r in row.runs]
        spread = f"{min(cpus):.3f}-{max(cpus):.3f} s" if cpus else ""
        runs = f"{len(row.runs)}+stop" if row.stopped else str(len(row.runs))
        times = [row.median(kind) for kind in ("cpu", "wall")]
        cells = [
            "-" if t is None else f"> {t:.1f} s" if row.stopped else f"{t:.3f} s" for t in times
        ]
        table.append((row.label, runs, *cells, spread, ""))
    table += [(check.label, "", *check.cells()) for check in checks]
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
    targets = [check for check in checks if not check.info and not check.skipped]
    failed = [check.label for check in targets if not check.passed]
    skipped = sum(1 for check in checks if check.skipped)
    aside = f" ({skipped} not run)" if skipped else ""
    if failed:
        print(f"\nRESULT: FAIL - {len(failed)} of {len(targets)} targets missed{aside}: ", end="")
        print("; ".join(failed))
    else:
        print(f"\nRESULT: PASS - all {len(targets)} targets met{aside}")


if __name__ == "__main__":
    sys.exit(main())

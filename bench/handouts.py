"""Time the PDF handouts: WeasyPrint against headless Chromium's --print-to-pdf, in one run.

Run from anywhere (it re-runs itself with the project's ``.venv`` if needed)::

    python bench/handouts.py [--rounds N]

* **WeasyPrint**: ``render_handouts()`` in this process, all 17 PDFs (16 topics
  and the whole guide) with one font configuration and stylesheet, as the build
  does.
* **Chromium**: ``chromium --headless --print-to-pdf`` of each of the 16 topic
  pages of the built site (one process per page: that is how the command line
  prints), from ``file://``.  The site is built once, from a copy of the seeds,
  into ``bench/out/handouts/``.

After one untimed warm-up of each, the two alternate round by round.  Each
round records wall time and CPU time (this process plus every child it waited
for, so Chromium's renderer processes count).  The target, judged on the median
CPU time: WeasyPrint / Chromium <= 0.7.  Progress goes to stderr, the table to
stdout; the exit code is 0 even when the target fails: this is a report.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "handouts"
SITE_URL = "https://ml-interview-guide.github.io/ml-interview-guide/"
TARGET = 0.7
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (default 3)")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

    from generator.build import Options, build, generate
    from generator.handouts import render_handouts
    from generator.project import load_project

    chromium = shutil.which(os.environ.get("CHROMIUM", "chromium"))
    if chromium is None:
        print("Chromium not found (apt-get install chromium); nothing to compare.", file=sys.stderr)
        return 0
    project = load_project(ROOT / "mkdocs.yml")
    shutil.rmtree(OUT, ignore_errors=True)
    seeds = OUT / "seeds"
    shutil.copytree(project.seeds, seeds)
    _progress("building the site once")
    build(project, Options(seeds=seeds, site=OUT / "site", pages=OUT / "pages"))
    generated = generate(project, seeds)
    pages = [OUT / "site" / "topics" / t.slug / "index.html" for t in generated.guide.topics]
    assert all(page.is_file() for page in pages), "the built site lacks a topic page"

    def weasyprint() -> None:
        render_handouts(
            generated.guide,
            generated.links,
            project.templates,
            OUT / "weasyprint",
            site_url=SITE_URL,
            seed_date="2025-01-01",
        )

    def chromium_print() -> None:
        target = OUT / "chromium"
        target.mkdir(exist_ok=True)
        for page in pages:
            pdf = target / f"{page.parent.name}.pdf"
            subprocess.run(
                [chromium, *CHROMIUM_ARGS, f"--print-to-pdf={pdf}", page.as_uri()],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if not pdf.is_file():
                raise RuntimeError(f"Chromium wrote no {pdf.name}")

    runs: dict[str, list[tuple[float, float]]] = {"weasyprint": [], "chromium": []}
    jobs: dict[str, Callable[[], None]] = {"weasyprint": weasyprint, "chromium": chromium_print}
    for name, job in jobs.items():
        _progress(f"warm-up: {name}")
        job()
    for number in range(1, args.rounds + 1):
        for name, job in jobs.items():
            _progress(f"round {number}/{args.rounds}: {name}")
            runs[name].append(_measure(job))

    wall = {name: statistics.median(w for w, _ in samples) for name, samples in runs.items()}
    cpu = {name: statistics.median(c for _, c in samples) for name, samples in runs.items()}
    ratio_cpu = cpu["weasyprint"] / cpu["chromium"]
    ratio_wall = wall["weasyprint"] / wall["chromium"]
    print(f"Handouts, median of {args.rounds} rounds ({os.cpu_count()} cores)")
    labels = {
        "weasyprint": "WeasyPrint: 17 PDFs, one process",
        "chromium": "Chromium --print-to-pdf: 16 topic pages",
    }
    print(f"{'':<44}{'wall s':>9}{'CPU s':>9}")
    for name, label in labels.items():
        print(f"{label:<44}{wall[name]:>9.2f}{cpu[name]:>9.2f}")
    verdict = "PASS" if ratio_cpu <= TARGET else "FAIL"
    print(f"WeasyPrint / Chromium: {ratio_cpu:.2f} CPU, {ratio_wall:.2f} wall")
    print(f"{verdict}: target <= {TARGET} (CPU)")
    return 0


def _measure(job: Callable[[], None]) -> tuple[float, float]:
    """Wall and CPU seconds of ``job``, children included."""
    before = _cpu()
    start = time.perf_counter()
    job()
    return time.perf_counter() - start, _cpu() - before


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

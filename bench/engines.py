"""Zensical against MkDocs on the same pages, and Lighthouse's figures, from one run.

    python bench/engines.py [--runs 3]

Both engines build the real seed with `studyguide build --no-pdf --engine …`
(generation included, so the difference is the engine's), alternating, and the
table reports medians of CPU time (user + system of the build and its children)
and wall time. Lighthouse runs through tools/audit.py on the MkDocs site.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STUDYGUIDE = Path(sys.executable).parent / "studyguide"


def timed(engine: str, out: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [
            str(STUDYGUIDE),
            "build",
            "--no-pdf",
            "--engine",
            engine,
            "--site-dir",
            str(out / engine),
            "--pages-dir",
            str(out / f"{engine}.pages"),
        ],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"mkdocs": [], "zensical": []}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in results:  # warm-up: caches, first registry write
            timed(engine, Path(tmp))
        for _ in range(args.runs):
            for engine in results:
                results[engine].append(timed(engine, Path(tmp)))
    print(f"Site build of the real seed, --no-pdf, median of {args.runs} (after a warm-up)")
    print(f"{'engine':<10} {'CPU':>8} {'wall':>8}")
    medians = {}
    for engine, runs in results.items():
        medians[engine] = tuple(statistics.median(r[i] for r in runs) for i in (0, 1))
        print(f"{engine:<10} {medians[engine][0]:>7.2f}s {medians[engine][1]:>7.2f}s")
    cpu = medians["zensical"][0] / medians["mkdocs"][0]
    wall = medians["zensical"][1] / medians["mkdocs"][1]
    print(f"zensical / mkdocs: {cpu:.2f}x CPU, {wall:.2f}x wall\n")
    audit = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "audit.py")], cwd=ROOT, check=False
    )
    return audit.returncode


if __name__ == "__main__":
    sys.exit(main())

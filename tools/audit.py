"""Lighthouse audit of the built site, against the budgets of the guide.

Serves site/ on localhost with gzip (as GitHub Pages does), runs Lighthouse
(npm, pinned in package.json) with Debian's Chromium three times per page on a
mobile profile, and fails if the median score of any category is under budget.
Also checks every audited page's first-load weight: the HTML, CSS and JavaScript
the browser fetched while Lighthouse loaded it (the apps guide.js loads, and the
Review page's scheduler, included; data such as questions.json and the search
index not), and reports the search index size per 100 questions.

    python tools/audit.py [--site site] [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "topic": "topics/core-ml/",
    "concept": "concepts/regularization/",
    "kit builder": "kit/",
    "review": "review/",
    "practice": "practice/",
}
BUDGET = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
WEIGHT_BUDGET_KB = 90
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client asks, with a short cache lifetime like Pages."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        data = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        compress = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        if compress:
            data = gzip.compress(data, 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


FIRST_LOAD = ("Document", "Stylesheet", "Script")
"""What a first visit's weight counts: the page and its code, not its data."""


def lighthouse(url: str, out: Path) -> tuple[dict[str, float], float]:
    """The page's scores, and the kilobytes of HTML, CSS and JavaScript it fetched."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    command = [
        str(ROOT / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--quiet",
        "--form-factor=mobile",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={out}",
    ]
    subprocess.run(command, env=env, check=True, capture_output=True)
    report = json.loads(out.read_text())
    scores = {key: category["score"] for key, category in report["categories"].items()}
    requests = report["audits"]["network-requests"]["details"]["items"]
    fetched = sum(r["transferSize"] for r in requests if r.get("resourceType") in FIRST_LOAD)
    return scores, fetched / 1024


def answers_site(out: Path) -> tuple[Path, str]:
    """The fixture banks (answers, code, tables, difficulty), built: the seed has no answers,
    and a topic page with answers must meet the same budgets.  Returns the site and the
    topic page with the most answers."""
    site = out / "site"
    studyguide = Path(sys.executable).parent / "studyguide"
    subprocess.run(
        [
            str(studyguide),
            "build",
            "--no-pdf",
            "--seeds",
            str(ROOT / "tests" / "data" / "banks"),
            "--site-dir",
            str(site),
            "--pages-dir",
            str(out / "pages"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    questions = json.loads((site / "questions.json").read_text())["questions"]
    answered: dict[str, int] = {}
    for question in questions:
        if question["answer"]:
            page = question["url"].split("#")[0]
            answered[page] = answered.get(page, 0) + 1
    return site, max(answered, key=lambda page: answered[page])


def weak_audits(report: Path, category: str) -> str:
    """The audits that cost ``category`` points in one run, and where: what to fix."""
    data = json.loads(report.read_text())
    weak = []
    for ref in data["categories"][category]["auditRefs"]:
        result = data["audits"][ref["id"]]
        if ref["weight"] and result["score"] is not None and result["score"] < 1:
            items = result.get("details", {}).get("items", [])
            where = [str(item.get("node", {}).get("selector", "")) for item in items[:3]]
            weak.append(ref["id"] + (": " + ", ".join(w for w in where if w) if any(where) else ""))
    return "; ".join(weak) or "no single audit"


def audit(site: Path, pages: dict[str, str], runs: int, tmp: Path) -> list[str]:
    """Lighthouse ``runs`` times per page; the failures against `BUDGET` and the weight budget."""
    server, base = serve(site)
    failures: list[str] = []
    try:
        for name, path in pages.items():
            results = [lighthouse(base + path, tmp / f"{i}.json") for i in range(runs)]
            medians = {key: statistics.median(r[key] for r, _ in results) for key in BUDGET}
            kb = max(weight for _, weight in results)
            print(
                f"{name:<20} "
                + " ".join(f"{medians[k]:>15.2f}" for k in BUDGET)
                + f" {kb:>10.1f} KB"
            )
            failures += [
                f"{name}: {key} {medians[key]:.2f} < {low} ({weak_audits(tmp / '0.json', key)})"
                for key, low in BUDGET.items()
                if medians[key] < low
            ]
            if kb > WEIGHT_BUDGET_KB:
                failures.append(f"{name} weighs {kb:.1f} KB gzipped > {WEIGHT_BUDGET_KB} KB")
    finally:
        server.shutdown()
        server.server_close()
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    site = args.site.resolve()
    print(f"Lighthouse {args.runs} runs per page, median, mobile, gzip on")
    print(
        f"{'page':<20} "
        + " ".join(f"{k:>15}" for k in BUDGET)
        + f" {'first load':>13} (budget {WEIGHT_BUDGET_KB} KB)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        failures = audit(site, PAGES, args.runs, Path(tmp))
        banks, answered = answers_site(Path(tmp) / "banks")
        failures += audit(banks, {"topic with answers": answered}, args.runs, Path(tmp))
    index = site / "search" / "search_index.json"
    questions = len(json.loads((site / "questions.json").read_text())["questions"])
    size = len(gzip.compress(index.read_bytes(), 6)) / 1024
    print(f"Search index: {size:.1f} KB gzipped, {size / questions * 100:.1f} KB per 100 questions")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

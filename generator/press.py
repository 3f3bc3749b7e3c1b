"""A press: another process that prints PDFs, on every core, while the build goes on.

A build starts its press first thing, so WeasyPrint (0.4 s to import) and the fonts
load there while the seeds are read.  The press prints each document in a worker
forked from it, so every worker starts with WeasyPrint loaded; the documents come
and go as messages (HTML in, problems out), and each PDF is written straight to the
file the build names, through a temporary file renamed into place.

Only this module's `_serve` and the workers import `printer` (and WeasyPrint): a
rebuild whose PDFs all come from the cache never waits for it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

MAX_WORKERS = 4
"""Documents printed at once: each worker holds one (at most `urls.MAX_PDF_QUESTIONS`
questions, about 0.3 GB), so a big bank needs this many documents' memory."""


@dataclass(frozen=True)
class Print:
    """One document to print."""

    key: str
    """Names the document in the answer."""
    html: str
    target: str
    """The file to write (a path)."""
    created: str
    """The date in its metadata (W3C), or "" for the HTML's own."""
    allowed: frozenset[str]
    """The ``file:`` URIs of the images it may embed."""


class PressError(RuntimeError):
    """The press stopped before printing everything (a worker was killed, out of memory)."""


class Press:
    """Prints `Print` jobs in another process; use it as a context manager."""

    def __init__(self, css: str, base_url: str, workers: int | None = None) -> None:
        """``css`` is the whole stylesheet; ``workers`` how many documents are printed at
        once (default: one per core, at most `MAX_WORKERS`)."""
        self.css = css
        self.workers = max(1, min(workers or cores(), MAX_WORKERS))
        context = _context()
        jobs_in, self._jobs = context.Pipe(duplex=False)
        self._answers, answers_out = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_serve,
            args=(jobs_in, answers_out, css, base_url, self.workers),
            name="studyguide-press",
        )
        self.process.start()
        jobs_in.close()
        answers_out.close()
        self.sent: set[str] = set()
        """Every job's key, so a document is printed once however often it is submitted."""
        self.pending: set[str] = set()
        """The keys of the jobs not yet answered."""

    def submit(self, job: Print) -> None:
        if job.key not in self.sent:
            self._jobs.send(job)
            self.sent.add(job.key)
            self.pending.add(job.key)

    def answers(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Each job's key and the problems found printing it, as they are done, until every
        job submitted so far is; `PressError` if the press stops first."""
        while self.pending:
            try:
                kind, key, detail = self._answers.recv()
            except (EOFError, OSError):
                raise PressError(
                    f"the printing process stopped (exit code {self.process.exitcode})"
                ) from None
            if kind == "failed":
                raise PressError(f"printing failed: {detail[0]}")
            self.pending.discard(key)
            yield key, detail

    def close(self) -> None:
        """Stop the press: it finishes what it is printing (an unfinished PDF is never
        left) and drops the rest."""
        if self.process.pid is None:
            return
        with contextlib.suppress(OSError):  # the press has stopped already
            self._jobs.send(None)
        self._jobs.close()
        self.process.join(60)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self._answers.close()

    def __enter__(self) -> Press:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> Any:
    """Processes forked from this one start at once, sharing its imported modules."""
    method = "fork" if sys.platform == "linux" else "spawn"
    return multiprocessing.get_context(method)


def _serve(jobs: Connection, answers: Connection, css: str, base_url: str, workers: int) -> None:
    """The press's process: load the printer, then print every job in a worker forked
    from here, answering ``("done", key, problems)`` or ``("failed", key, (why,))``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build stops the press itself
    from .printer import print_in_worker, start_worker

    start_worker(css, base_url)
    lock = threading.Lock()

    def answer(key: str, future: Future[tuple[str, ...]]) -> None:
        try:
            message: tuple[str, str, tuple[str, ...]] = ("done", key, future.result())
        except BaseException as exc:
            message = ("failed", key, (f"{type(exc).__name__}: {exc}",))
        with lock, contextlib.suppress(OSError):  # else the build has gone: nobody to answer
            answers.send(message)

    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        while True:
            try:
                job = jobs.recv()
            except (EOFError, OSError):
                job = None
            if job is None:
                pool.shutdown(wait=True, cancel_futures=True)
                break
            future = pool.submit(print_in_worker, job.html, job.target, job.created, job.allowed)
            future.add_done_callback(partial(answer, job.key))

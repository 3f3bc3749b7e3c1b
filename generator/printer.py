"""Print HTML to PDF with WeasyPrint: the one module that imports it (0.4 s), in-process
for a kit and in worker processes for the handouts (see `handouts`).

A `Printer` holds what WeasyPrint would otherwise redo for every document: one
font configuration and the parsed stylesheet.  It fetches nothing but the image
files copied from beside the seeds (seed text cannot pull a file or URL into a
PDF) and treats WeasyPrint's warnings as errors, so a missing font (a
``.notdef`` box instead of a character) fails the build instead of shipping tofu.

With ``SOURCE_DATE_EPOCH`` set the PDF's dates come from it, its identifier is a
hash of its content, and the same HTML prints byte-identical files in any process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import weasyprint  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from .assets import NO_ASSETS, Assets
from .errors import Problem, StudyGuideError
from .files import write_atomic
from .handouts import embedded_files, stylesheet

FONT_PACKAGES = "fonts-inter fonts-noto-core fonts-noto-color-emoji fonts-dejavu-core"
"""Debian packages of the fonts the print stylesheet names."""

_LOGGER = logging.getLogger("weasyprint")


class _Fetcher(weasyprint.URLFetcher):  # type: ignore[misc]
    """Fetches nothing but the image files copied from beside the seeds."""

    def __init__(self, allowed: frozenset[str]) -> None:
        super().__init__(allowed_protocols={"file"})
        self.allowed = allowed

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.split("?")[0].split("#")[0] not in self.allowed:
            raise ValueError(f"not a file the guide prints: {url}")
        return super().fetch(url, headers)


class _Collector(logging.Handler):
    """Keeps WeasyPrint's warnings (bad CSS, missing glyphs) to report them as errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.messages.append(record.getMessage())


class Printer:
    """Turns print HTML into PDF, sharing fonts and the parsed stylesheet between documents."""

    def __init__(
        self,
        templates: Path,
        paper: str = "a4",
        base_url: str = "",
        assets: Assets = NO_ASSETS,
        css: str | None = None,
    ) -> None:
        """``base_url`` resolves relative links in seed text (the site's address);
        ``assets`` names the image files a document may embed; ``css`` is the
        stylesheet when already read (see `handouts.stylesheet`)."""
        css = stylesheet(templates, paper) if css is None else css
        self._setup(css, base_url, frozenset(embedded_files(assets)))

    @classmethod
    def of(cls, css: str, base_url: str, allowed: frozenset[str]) -> Printer:
        """A printer of ``css`` that may embed the ``allowed`` files (``file:`` URIs)."""
        printer = cls.__new__(cls)
        printer._setup(css, base_url, allowed)
        return printer

    def _setup(self, css: str, base_url: str, allowed: frozenset[str]) -> None:
        self.inline_css = css
        """The stylesheet, paper size included, as a standalone HTML page inlines it."""
        self.fonts = FontConfiguration()
        self.base_url = base_url
        self.fetcher = _Fetcher(allowed)
        with _strict("the print stylesheet"):
            self.stylesheet = weasyprint.CSS(
                string=self.inline_css, font_config=self.fonts, url_fetcher=self.fetcher
            )

    def pdf(self, html: str, what: str, created: str = "") -> bytes:
        """``html`` printed; ``created`` (W3C date) dates it, else the HTML's own metadata.
        A WeasyPrint warning is a `StudyGuideError` about ``what``."""
        with _strict(what):
            document = weasyprint.HTML(
                string=html, url_fetcher=self.fetcher, base_url=self.base_url or None
            ).render(font_config=self.fonts, stylesheets=[self.stylesheet])
            if created:
                document.metadata.created = document.metadata.modified = created
            data: bytes = document.write_pdf(pdf_identifier=True)
        return data

    def write(self, html: str, target: Path, created: str = "") -> None:
        """Print ``html`` to ``target``, which is replaced only by a whole PDF."""
        write_atomic(target, self.pdf(html, target.name, created))


@contextmanager
def _strict(what: str) -> Iterator[None]:
    collector = _Collector()
    _LOGGER.addHandler(collector)
    try:
        yield
    finally:
        _LOGGER.removeHandler(collector)
    if collector.messages:
        hint = ""
        if any(".notdef" in message for message in collector.messages):
            hint = f" (install the fonts: apt-get install {FONT_PACKAGES})"
        problems = dict.fromkeys(f"{what}: {m}{hint}" for m in collector.messages)
        raise StudyGuideError([Problem("", 0, text) for text in problems])


# The press (see `press`) keeps one printer, and its workers inherit it.
_WORKER: list[Printer] = []
_WARM_UP = (
    '<html lang="en"><body><h1>Aa 🎯</h1><p><b>Aa</b> Aa <i>Aa</i> <code>Aa</code></p>'
    '<ul class="follow-ups"><li>Aa?</li></ul></body></html>'
)
"""A page in each font of the stylesheet: printing it loads the fonts once, for every worker."""


def start_worker(css: str, base_url: str) -> None:
    """Load WeasyPrint, the stylesheet and the fonts, for this process and its children."""
    printer = Printer.of(css, base_url, frozenset())
    printer.pdf(_WARM_UP, "warming up")
    _WORKER[:] = [printer]


def print_in_worker(
    html: str, target: str, created: str, allowed: frozenset[str]
) -> tuple[str, ...]:
    """Print ``html`` to ``target`` with the printer of `start_worker`; the problems found,
    as text (a `StudyGuideError` does not survive pickling: the build raises it again)."""
    printer = _WORKER[0]
    printer.fetcher.allowed = allowed
    try:
        printer.write(html, Path(target), created)
    except StudyGuideError as error:
        return tuple(problem.message for problem in error.problems)
    return ()

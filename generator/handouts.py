"""PDF handouts: one per topic and one of the whole guide, printed with WeasyPrint.

The print templates in ``templates/print/`` get model objects, like the page
templates, and escape seed text themselves through the ``html`` filter
(`markup.to_html`).  No theme and no JavaScript take part: the PDF shows every
follow-up because the template writes them all.

A `Printer` holds what WeasyPrint would otherwise redo for every document: one
font configuration and the parsed stylesheet.  It fetches nothing (seed text
cannot pull a file or URL into a PDF) and treats WeasyPrint's warnings as
errors, so a missing font (a ``.notdef`` box instead of a character) fails the
build instead of shipping tofu.

Output is reproducible: with ``SOURCE_DATE_EPOCH`` set, the PDF's dates come
from it, the file identifier is a hash of the content, and the same seed
prints byte-identical files.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import jinja2
import weasyprint  # type: ignore[import-untyped]
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from . import markup, urls
from .assets import NO_ASSETS, Assets
from .epoch import build_timestamp
from .errors import Problem, StudyGuideError
from .model import Guide, Topic
from .render import environment

PRINT = "print"
STYLESHEET = "handout.css"
PAPERS = {"a4": "A4", "letter": "letter"}
LANG = "en"
FONT_PACKAGES = "fonts-inter fonts-noto-core fonts-noto-color-emoji fonts-dejavu-core"
"""Debian packages of the fonts the print stylesheet names."""

_LOGGER = logging.getLogger("weasyprint")


def short_url(site_url: str, question_id: str) -> str:
    """A question's permanent short link on the published site."""
    return urls.absolute(site_url, urls.short_url(question_id))


def bare_url(url: str) -> str:
    """``url`` without its scheme, as printed for a reader to type."""
    return re.sub(r"^[a-z]+://", "", url)


def seed_date(seeds: Path, files: Sequence[str]) -> str:
    """The date (``YYYY-MM-DD``) of the seed files' last git commit, else of their newest mtime."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *files],
            cwd=seeds,
            capture_output=True,
            text=True,
            check=False,
        )
        committed = result.stdout.strip() if result.returncode == 0 else ""
    except OSError:
        committed = ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", committed):
        return committed
    stamps = [(seeds / name).stat().st_mtime for name in files if (seeds / name).exists()]
    moment = datetime.fromtimestamp(max(stamps), UTC) if stamps else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d")


def print_environment(
    env: jinja2.Environment, site_url: str, assets: Assets = NO_ASSETS
) -> jinja2.Environment:
    """The page environment plus what print templates need: ``html``, ``bare_url``, links,
    and ``out`` to render a question's texts (its answer, hint, setting and figure)."""
    if not re.match(r"https?://[^/]", site_url):
        raise StudyGuideError.message(
            f"printed short links need the site's address: set site_url in mkdocs.yml "
            f"(an http(s) URL), not {site_url!r}"
        )
    # An overlay with its own filters and globals: the page environment is cached
    # and shared, so it must not learn about print filters or one site's address.
    env = env.overlay()
    env.filters = {
        **env.filters,
        "html": lambda value: Markup(markup.to_html(value)),
        "bare_url": bare_url,
    }
    env.globals = {
        **env.globals,
        "short_url": lambda qid: short_url(site_url, qid),
        "out": PrintOutput(print_targets(site_url, assets)),
    }
    return env


def print_targets(site_url: str, assets: Assets) -> markup.Targets:
    """Links point at the published site; images copied from beside a seed are printed
    from the seed's own file (the only files WeasyPrint may read, see `Printer`)."""
    return assets.targets(site_url, embed=lambda path: assets.sources[path].resolve().as_uri())


@dataclass(frozen=True)
class PrintOutput:
    """A question's texts as print HTML."""

    targets: markup.Targets

    def html(self, text: str, origin: str) -> Markup:
        return Markup(markup.to_html(text, origin, self.targets))

    def block(self, text: str, origin: str) -> Markup:
        return Markup(markup.to_block_html(text, origin, self.targets, top=4))


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
    ) -> None:
        """``base_url`` resolves relative links in seed text (the site's address);
        ``assets`` names the image files a document may embed."""
        if paper not in PAPERS:
            raise StudyGuideError.message(
                f"unknown paper size {paper!r}; use one of: {', '.join(PAPERS)}"
            )
        path = templates / PRINT / STYLESHEET
        try:
            self.css = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise StudyGuideError.message(
                f"{path}: cannot read the print stylesheet: {exc}"
            ) from None
        self.paper_css = f"@page {{ size: {PAPERS[paper]}; }}\n"
        self.fonts = FontConfiguration()
        self.base_url = base_url
        self.fetcher = _Fetcher(frozenset(p.resolve().as_uri() for p in assets.sources.values()))
        with self._strict(path.name):
            self.stylesheets = [
                weasyprint.CSS(string=css, font_config=self.fonts, url_fetcher=self.fetcher)
                for css in (self.css, self.paper_css)
            ]

    @property
    def inline_css(self) -> str:
        """The stylesheet for a standalone HTML page, paper size included."""
        return self.css + self.paper_css

    def write(self, html: str, target: Path) -> None:
        """Print ``html`` to ``target``; a WeasyPrint warning is a `StudyGuideError`."""
        with self._strict(target.name):
            document = weasyprint.HTML(
                string=html, url_fetcher=self.fetcher, base_url=self.base_url or None
            ).render(font_config=self.fonts, stylesheets=self.stylesheets)
            data = document.write_pdf(pdf_identifier=True)
        partial = target.with_name(f".{target.name}.part")
        partial.write_bytes(data)
        partial.replace(target)

    @contextmanager
    def _strict(self, what: str) -> Iterator[None]:
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


def handout_html(
    env: jinja2.Environment,
    guide: Guide,
    topics: Sequence[Topic],
    *,
    site_url: str,
    seed_date: str,
    created: str,
    answers: bool = False,
    part: tuple[int, int] = (1, 1),
    inline_css: str = "",
) -> str:
    """The print HTML of ``topics``: one topic's handout, or the whole guide's with contents.

    ``answers`` prints the bank's answers under their questions; ``part`` is this
    document's number and count when a large topic is printed in several.
    """
    whole = len(topics) != 1
    topic = topics[0]
    title = "All topics" if whole else topic.title
    if part[1] > 1:
        title = f"{markup.to_text(title)} (part {part[0]} of {part[1]})"
    context: dict[str, Any] = {
        "guide": guide,
        "topics": topics,
        "lang": LANG,
        "created": created,
        "inline_css": Markup(inline_css),
        "seed_date": seed_date,
        "site_url": site_url,
        "answers": answers,
        "answer_label": "Answer",
        "footer": f"Questions as of {seed_date}",
        "heading": title,
        "icon": "" if whole else topic.icon,
        "description": (
            f"Every question of the guide, in {len(topics)} topics, with its follow-ups."
            if whole
            else topic.description
        ),
        "doc_title": (
            guide.title if whole else f"{markup.to_text(title)} · {markup.to_text(guide.title)}"
        ),
        "question_count": sum(len(t.entries) for t in topics),
        "follow_up_count": sum(t.follow_up_count for t in topics),
    }
    return env.get_template(f"{PRINT}/handout.html.j2").render(context)


def handout_jobs(guide: Guide) -> list[tuple[str, tuple[Topic, ...], tuple[int, int]]]:
    """Each PDF to print: its file name, its topics, and its part number and count.

    A topic too large for one document (see `urls.MAX_PDF_QUESTIONS`) is printed
    in parts, so printing a 60,000-question bank needs the memory of one part; the
    whole guide gets one document only while it fits in one.
    """
    jobs: list[tuple[str, tuple[Topic, ...], tuple[int, int]]] = []
    for topic in guide.topics:
        names = urls.handouts(topic.slug, len(topic.entries))
        size = -(-len(topic.entries) // len(names))
        for number, name in enumerate(names):
            piece = replace(topic, entries=topic.entries[number * size : (number + 1) * size])
            jobs.append(
                (name.removeprefix(f"{urls.HANDOUTS}/"), (piece,), (number + 1, len(names)))
            )
    if urls.whole_guide_handout(len(guide.entries)):
        jobs.append((f"{urls.ALL_TOPICS}.pdf", guide.topics, (1, 1)))
    return jobs


def render_handouts(
    guide: Guide,
    templates: Path,
    out_dir: Path,
    *,
    site_url: str,
    seed_date: str,
    assets: Assets = NO_ASSETS,
    answers: bool = False,
    cache: Path | None = None,
    paper: str = "a4",
    progress: bool = False,
) -> list[Path]:
    """Write ``<topic-slug>.pdf`` for each topic and ``all-topics.pdf`` into ``out_dir``.

    ``seed_date`` (``YYYY-MM-DD``) is printed as the date of the questions;
    ``answers`` prints the bank's answers (candidates' handouts have none by default);
    ``progress`` shows a progress bar on stderr (pass it when stderr is a terminal).
    Returns the files written, topics first, in guide order.
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", seed_date):
        raise StudyGuideError.message(f"seed date must be YYYY-MM-DD, not {seed_date!r}")
    printer = Printer(templates, paper, base_url=site_url, assets=assets)
    env = print_environment(environment(templates, cache), site_url, assets)
    created = build_timestamp()
    jobs = handout_jobs(guide)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    total = sum(len(topic.entries) for _, topics, _ in jobs for topic in topics)
    with click.progressbar(
        length=total,
        label="Printing handouts",
        file=sys.stderr if progress else io.StringIO(),
        item_show_func=lambda name: name,
    ) as bar:
        for name, topics, part in jobs:
            bar.update(0, name)
            html = handout_html(
                env,
                guide,
                topics,
                site_url=site_url,
                seed_date=seed_date,
                created=created,
                answers=answers,
                part=part,
            )
            printer.write(html, out_dir / name)
            written.append(out_dir / name)
            bar.update(sum(len(topic.entries) for topic in topics))
    return written

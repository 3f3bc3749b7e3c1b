"""PDF handouts: one per topic and one of the whole guide, printed with WeasyPrint.

The print templates in ``templates/print/`` get model objects, like the page
templates, and escape seed text themselves through the ``html`` filter
(`markup.to_html`).  No theme and no JavaScript take part: the PDF shows every
follow-up because the template writes them all.

A build prints only what changed: each PDF is kept in the build folder under a
hash of everything that makes its bytes (`printcache`), so after a one-question
edit only that topic's handout and the whole guide's are printed again.  Those
are printed in worker processes, one per core (at most `MAX_WORKERS`), while the
site is built (see `start_printing`); each worker loads WeasyPrint once
(`printer`, the only module that imports it).

Output is reproducible: with ``SOURCE_DATE_EPOCH`` set, the PDF's dates come
from it, the file identifier is a hash of the content, and the same seed
prints byte-identical files, in whichever process and from the cache alike.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import jinja2
from markupsafe import Markup

from . import markup, urls
from .assets import NO_ASSETS, Assets
from .epoch import build_timestamp, source_epoch
from .errors import Problem, StudyGuideError
from .model import Guide, Topic
from .press import Press, Print
from .printcache import SUFFIX, PrintCache, print_key, print_setting
from .render import environment

PRINT = "print"
STYLESHEET = "handout.css"
PAPERS = {"a4": "A4", "letter": "letter"}
LANG = "en"


def __getattr__(name: str) -> Any:
    """`printer.Printer` and `printer.FONT_PACKAGES`, imported (with WeasyPrint) when asked for."""
    if name in ("Printer", "FONT_PACKAGES"):
        from . import printer

        return getattr(printer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def stylesheet(templates: Path, paper: str) -> str:
    """The print stylesheet with the paper size, as every handout and kit is printed."""
    if paper not in PAPERS:
        raise StudyGuideError.message(
            f"unknown paper size {paper!r}; use one of: {', '.join(PAPERS)}"
        )
    path = templates / PRINT / STYLESHEET
    try:
        css = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StudyGuideError.message(f"{path}: cannot read the print stylesheet: {exc}") from None
    return f"{css}\n@page {{ size: {PAPERS[paper]}; }}\n"


def embedded_files(assets: Assets) -> Iterator[str]:
    """The ``file:`` URIs of the images a PDF may embed (copied from beside the seeds)."""
    return (uri for _, uri in _embedded(assets))


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
        "print_link": print_link,
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


def print_link(question_id: str) -> str:
    """A question's short link as a handout prints it: the site's address is on every page."""
    return f"…/{urls.short_url(question_id)}"


def handout_html(
    env: jinja2.Environment,
    guide: Guide,
    topics: Sequence[Topic],
    *,
    site_url: str,
    seed_date: str,
    created: str = "",
    answers: bool = False,
    part: tuple[int, int] = (1, 1),
    whole: bool | None = None,
) -> str:
    """The print HTML of ``topics``: one topic's handout, or the whole guide's (``whole``,
    by default when there are several topics) with a title page and contents.

    ``answers`` prints the bank's answers under their questions; ``part`` is this
    document's number and count when a large topic is printed in several; ``created``
    dates the document in its metadata (or the printer does, see `Printer.pdf`).
    """
    whole = len(topics) != 1 if whole is None else whole
    topic = topics[0]
    title = "All topics" if whole else topic.title
    if part[1] > 1:
        title = f"{markup.to_text(title)} (part {part[0]} of {part[1]})"
    address = bare_url(site_url)
    context: dict[str, Any] = {
        "guide": guide,
        "topics": topics,
        "whole": whole,
        "lang": LANG,
        "created": created,
        "inline_css": "",
        "seed_date": seed_date,
        "site_url": site_url,
        "address": address,
        "answers": answers,
        "answer_label": "Answer",
        "footer": f"{address} · questions as of {seed_date}",
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


@dataclass(frozen=True)
class Job:
    """One PDF to print."""

    name: str
    """Its file name in the handouts folder."""
    topics: tuple[Topic, ...]
    part: tuple[int, int]
    """Its number and the count of parts its topic is printed in ((1, 1) for most)."""
    whole: bool = False
    """The whole guide's handout (title page, contents), not one topic's."""

    @property
    def size(self) -> int:
        return sum(len(topic.entries) for topic in self.topics)


def handout_jobs(guide: Guide) -> list[Job]:
    """Each PDF to print, topics first in guide order, then the whole guide's.

    A topic too large for one document (see `urls.MAX_PDF_QUESTIONS`) is printed
    in parts, so printing a 60,000-question bank needs the memory of one part per
    worker; the whole guide gets one document only while it fits in one.
    """
    jobs: list[Job] = []
    for topic in guide.topics:
        names = urls.handouts(topic.slug, len(topic.entries))
        size = -(-len(topic.entries) // len(names))
        for number, name in enumerate(names):
            piece = replace(topic, entries=topic.entries[number * size : (number + 1) * size])
            name = name.removeprefix(f"{urls.HANDOUTS}/")
            jobs.append(Job(name, (piece,), (number + 1, len(names))))
    if urls.whole_guide_handout(len(guide.entries)):
        jobs.append(Job(f"{urls.ALL_TOPICS}.pdf", guide.topics, (1, 1), whole=True))
    return jobs


@dataclass(frozen=True)
class _Document:
    job: Job
    html: str
    key: str


class Printing:
    """Handouts being printed: those in the cache are reused, the rest printed by a `Press`.

    Made by `start_printing`, which hands the press the largest documents at once (one
    fewer than it has workers: the site is being built meanwhile); `finish` hands it
    the rest, waits, and writes every handout into a folder.  Use it as a context
    manager, so a build that fails meanwhile stops the printing.
    """

    def __init__(
        self,
        documents: list[_Document],
        cache: PrintCache | None,
        setup: tuple[str, str, frozenset[str]],
        created: str,
        press: Press | None,
    ) -> None:
        """``setup`` is the stylesheet, the site's address and the files a PDF may embed;
        ``press`` None prints in this process."""
        self.documents = documents
        self.cache = cache
        self.setup = setup
        self.created = created
        self.press = press
        self.spool = cache.folder if cache else Path(tempfile.mkdtemp(prefix="studyguide-pdf-"))
        """Where new PDFs are printed: the cache itself, or a temporary folder."""
        self.printed = [d for d in documents if not (cache and cache.has(d.key))]
        """The documents that were not in the cache: printed by this build."""
        self.queue = sorted({d.key: d for d in self.printed}.values(), key=lambda d: -d.job.size)
        """What is left to print, largest first."""
        if press is not None:
            self._submit(press, press.workers - 1)

    def _spooled(self, key: str) -> Path:
        return self.spool / f"{key}{SUFFIX}"

    def _submit(self, press: Press, count: int) -> None:
        for document in self.queue[:count]:
            target = str(self._spooled(document.key))
            press.submit(Print(document.key, document.html, target, self.created, self.setup[2]))
        del self.queue[:count]

    def finish(self, out_dir: Path, progress: bool = False) -> list[Path]:
        """Print what is left, wait, and write every handout into ``out_dir``, in job order."""
        sizes = {d.key: d.job.size for d in self.printed}
        with click.progressbar(
            length=sum(sizes.values()),
            label="Printing handouts",
            file=sys.stderr if progress and sizes else io.StringIO(),
        ) as bar:
            problems = [f"{d.job.name}: {text}" for d, text in self._print(bar.update, sizes)]
        if problems:
            raise StudyGuideError([Problem("", 0, text) for text in dict.fromkeys(problems)])
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for document in self.documents:
            target = out_dir / document.job.name
            shutil.copyfile(self._spooled(document.key), target)
            written.append(target)
        if self.cache:
            for document in self.documents:
                self.cache.used(document.key)
            self.cache.added = bool(self.printed)
            self.cache.prune()
        return written

    def _print(
        self, advance: Callable[[int], object], sizes: dict[str, int]
    ) -> Iterator[tuple[_Document, str]]:
        """Print the queue; each document with each problem found."""
        if self.press is None:
            from .printer import Printer

            printer = Printer.of(*self.setup)
            for document in self.queue:
                printer.write(document.html, self._spooled(document.key), self.created)
                advance(sizes[document.key])
            self.queue = []
            return
        self._submit(self.press, len(self.queue))
        by_key = {d.key: d for d in self.printed}
        for key, problems in self.press.answers():
            advance(sizes.get(key, 0))
            for text in problems:
                yield by_key[key], text

    def close(self) -> None:
        """Remove the spool (a temporary folder when there is no cache)."""
        if self.cache is None:
            shutil.rmtree(self.spool, ignore_errors=True)

    def __enter__(self) -> Printing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_printing(
    guide: Guide,
    templates: Path,
    *,
    site_url: str,
    seed_date: str,
    assets: Assets = NO_ASSETS,
    answers: bool = False,
    cache: Path | None = None,
    store: Path | None = None,
    paper: str = "a4",
    press: Press | None = None,
    css: str | None = None,
) -> Printing:
    """Start printing every handout of ``guide`` (see `handout_jobs`).

    ``seed_date`` (``YYYY-MM-DD``) is printed as the date of the questions;
    ``answers`` prints the bank's answers (candidates' handouts have none by default);
    ``cache`` holds compiled templates; ``store`` is the folder of printed PDFs kept
    between builds (see `printcache`), None to print everything; ``press`` prints
    them in other processes (None: in this one), with the stylesheet ``css`` it was
    started with (read from ``templates`` when None).
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", seed_date):
        raise StudyGuideError.message(f"seed date must be YYYY-MM-DD, not {seed_date!r}")
    css = stylesheet(templates, paper) if css is None else css
    env = print_environment(environment(templates, cache), site_url, assets)
    created = build_timestamp()
    setting = print_setting(css, site_url, created if source_epoch() is not None else "")
    images = {uri: assets.files[path] for path, uri in _embedded(assets)}
    documents = []
    for job in handout_jobs(guide):
        html = handout_html(
            env,
            guide,
            job.topics,
            site_url=site_url,
            seed_date=seed_date,
            answers=answers,
            part=job.part,
            whole=job.whole,
        )
        shown = [data for uri, data in images.items() if uri in html]
        documents.append(_Document(job, html, print_key(html, setting, shown)))
    store_cache = PrintCache(store) if store is not None else None
    return Printing(documents, store_cache, (css, site_url, frozenset(images)), created, press)


def render_handouts(
    guide: Guide,
    templates: Path,
    out_dir: Path,
    *,
    progress: bool = False,
    workers: int | None = None,
    **options: Any,
) -> list[Path]:
    """Write ``<topic-slug>.pdf`` for each topic and ``all-topics.pdf`` into ``out_dir``,
    printed by a press of ``workers`` processes (0: in this process); the options are
    `start_printing`'s.  ``progress`` shows a progress bar on stderr (pass it when
    stderr is a terminal).  Returns the files written, in job order."""
    css = stylesheet(templates, options.get("paper", "a4"))
    with contextlib.ExitStack() as stack:
        press = None
        if workers != 0:
            press = stack.enter_context(Press(css, options.get("site_url", ""), workers))
        printing = stack.enter_context(
            start_printing(guide, templates, press=press, css=css, **options)
        )
        return printing.finish(out_dir, progress)


def _embedded(assets: Assets) -> Iterator[tuple[str, str]]:
    for path, source in sorted(assets.sources.items()):
        yield path, source.resolve().as_uri()

"""The ``studyguide`` command: a thin click shell over the pipeline.

User mistakes become ``file:line: message`` lines on stderr and exit code 1,
never a traceback; click's own usage errors keep exit code 2.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .build import Options, build, generate
from .errors import Problem, StudyGuideError, display_path
from .explain import outline, summary
from .model import Guide, Seed
from .project import Project, load_project
from .textutil import plural

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

F = TypeVar("F", bound=Callable[..., Any])


def _user_errors(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except StudyGuideError as exc:
            for line in exc.text.splitlines() or ["error"]:
                click.echo(line, err=True)
            sys.exit(1)
        except OSError as exc:  # the machine, not the input: a full disk, a lost folder
            where = f" ({exc.filename})" if exc.filename else ""
            click.echo(f"error: {exc.strerror or exc}{where}; nothing was replaced", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The project's MkDocs configuration; the project is the folder holding it.",
)
seeds_option = click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of seed files (*.md and an optional topics.yml). Default: the project's seeds/.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="studyguide")
def main() -> None:
    """Build the ML interview study guide from Markdown question banks."""
    collect_less_often()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").propagate = False


def collect_less_often() -> None:
    """Look for reference cycles every 200,000 new objects rather than every 700.

    A build keeps hundreds of thousands of objects until it ends (markdown-it's tokens,
    the reader's blocks, the pages, MkDocs' own), and with Python's default thresholds
    the collector walks them over and over: on 10,000 questions, half the time of
    reading the banks and a tenth of MkDocs' (user time 22.0 s against 17.5 s for a
    cold build, for 13 % more memory).  mypy tunes its collector the same way.
    """
    gc.set_threshold(200_000, 30, 30)


@main.command(name="build")
@config_option
@seeds_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site. Default: the project's site/.",
)
@click.option(
    "--pages-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to keep the generated pages. Default: build/docs, or <site-dir>.pages "
    "beside a custom --site-dir, so another bank never touches the project's pages.",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="The static-site engine: MkDocs, or Zensical (its successor) on the same pages.",
)
@click.option("--no-pdf", is_flag=True, help="Skip the PDF handouts, for quick previews.")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper size of the PDF handouts.",
)
@click.option(
    "--answers",
    is_flag=True,
    help="Print the banks' answers in the PDF handouts (they have none by default).",
)
@_user_errors
def build_command(
    config_file: Path,
    seeds: Path | None,
    site_dir: Path | None,
    pages_dir: Path | None,
    engine: str,
    no_pdf: bool,
    paper: str,
    answers: bool,
) -> None:
    """Generate the pages, build the site, and render the handouts and the deck.

    The site build is strict: any warning fails it, and the previous site stays.
    """
    project = load_project(config_file)
    options = replace(
        _options(project, seeds, site_dir, pages_dir),
        engine=engine,
        handouts=not no_pdf,
        paper=paper,
        answers=answers,
        progress=sys.stderr.isatty(),
    )
    built = build(project, options, on_wait=_waiting)
    _warn(built.warnings)
    click.echo(f"Built {_counts(built.guide)} into {display_path(options.site)}/", err=True)


@main.command()
@config_option
@seeds_option
@click.option(
    "--explain",
    "explain",
    metavar="FILE",
    help="Also print the outline understood of this seed file: sections, questions with "
    "their lines and what each holds, skipped lines and the readings chosen.",
)
@_user_errors
def check(config_file: Path, seeds: Path | None, explain: str | None) -> None:
    """Validate the seeds and the curation file; report every problem as file:line.

    Prints, per seed file, its counts and the lines it skipped, with the reason.
    """
    project = load_project(config_file)
    folder = seeds or project.seeds
    generated = generate(project, folder)
    explained = _explained(folder, generated.seeds, explain) if explain else None
    for seed in generated.seeds:
        for line in summary(seed, display_path(folder / seed.file)):
            click.echo(line, err=True)
    _warn(generated.warnings)
    if explained is not None:
        shown = display_path(folder / explained.file)
        click.echo(outline(explained, shown, generated.guide.topics), nl=False)
    click.echo(f"OK: {_counts(generated.guide)}", err=True)


def _counts(guide: Guide) -> str:
    """What a guide holds, in the words both `build` and `check` report it with."""
    follow_ups = sum(topic.follow_up_count for topic in guide.topics)
    merged = len(guide.wordings) - len(guide.entries)
    banks = f" from {len(guide.banks)} banks" if len(guide.banks) > 1 else ""
    wordings = (
        f" ({len(guide.wordings)} wordings{banks}, {merged} shown with the same question)"
        if merged
        else banks
    )
    return (
        f"{plural(len(guide.topics), 'topic')}, {plural(len(guide.entries), 'question')}"
        f"{wordings} and {plural(follow_ups, 'follow-up')}"
    )


def _explained(folder: Path, seeds: tuple[Seed, ...], wanted: str) -> Seed:
    """The seed ``wanted`` names: a path, or a name relative to the seeds folder."""
    for seed in seeds:
        path = (folder / seed.file).resolve()
        if wanted in (seed.file, str(folder / seed.file)) or Path(wanted).resolve() == path:
            return seed
    known = ", ".join(seed.file for seed in seeds)
    raise StudyGuideError.message(
        f"--explain {wanted}: not a seed file of {display_path(folder)} ({known})"
    )


@main.command()
@config_option
@seeds_option
@click.argument("refs", nargs=-1, required=True)
@click.option(
    "--title", default="", help="Title printed on the kit. Default: Interview kit and the date."
)
@click.option(
    "--notes",
    "notes_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Markdown notes for the interviewers, shown at the top.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="kit.pdf, kit.html or kit.md: the suffix picks the format.",
)
@_user_errors
def kit(
    config_file: Path,
    seeds: Path | None,
    refs: tuple[str, ...],
    title: str,
    notes_path: Path | None,
    output: Path,
) -> None:
    """Make an interview kit of the questions named by REFS, in that order.

    A reference is a question id, its short link or a link to it on its page,
    as interviewers paste them, or the kit builder's link (kit/?ids=…), whose
    title, notes and minutes come along.
    """
    from .kit import kit_command

    project = load_project(config_file)
    generated = generate(project, seeds or project.seeds)
    message = kit_command(
        generated, list(refs), title, notes_path, output, project.templates, project.site_url
    )
    click.echo(message, err=True)


@main.command()
@config_option
@seeds_option
@click.option(
    "--eval",
    "labels",
    is_flag=False,
    flag_value="tests/data/links.yml",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Score the link finder on hand-labelled pairs [default file: tests/data/links.yml].",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the cross-bank groups and candidates as JSON."
)
@_user_errors
def links(config_file: Path, seeds: Path | None, labels: Path | None, as_json: bool) -> None:
    """Report duplicates, related links and cross-bank groups to review before publishing."""
    from .report import evaluate, evaluate_groups, links_json, links_report, load_labels

    project = load_project(config_file)
    generated = generate(project, seeds or project.seeds, overrides=labels is None)
    if as_json:
        click.echo(links_json(generated.links), nl=False)
        return
    if labels is None:
        click.echo(links_report(generated.guide, generated.links), nl=False)
        return
    pairs = load_labels(labels, generated.guide)
    click.echo(f"Link finder on {display_path(labels)} (without curation overrides):")
    for score in evaluate(generated.links, pairs):
        click.echo(f"  {score}")
    groups, suggested = evaluate_groups(generated.links, pairs)
    if groups.labelled:
        click.echo(f"Cross-bank groups (finder: {generated.links.finder}):")
        click.echo(f"  {groups}")
        click.echo(
            f"  suggested  {suggested.recall:.2f} ({suggested.true_positives}/{suggested.labelled})"
            " of the true pairs left out of the groups are among the best candidates"
        )


@main.command()
@config_option
@seeds_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@_user_errors
def serve(config_file: Path, seeds: Path | None, dev_addr: str) -> None:
    """Live preview: rebuild when a seed, template or hand-written page changes."""
    from .serve import serve as run

    project = load_project(config_file)
    run(project, _options(project, seeds, None, None), dev_addr)


def _waiting() -> None:
    click.echo("Another build of this project is running; waiting for it to finish…", err=True)


def _warn(warnings: tuple[Problem, ...]) -> None:
    for warning in warnings:
        click.echo(f"{warning} (warning)", err=True)


def _options(
    project: Project, seeds: Path | None, site_dir: Path | None, pages_dir: Path | None
) -> Options:
    site = (site_dir or project.site).resolve()
    if pages_dir is None:
        pages_dir = project.pages if site_dir is None else site.parent / f"{site.name}.pages"
    return Options(seeds=(seeds or project.seeds).resolve(), site=site, pages=pages_dir.resolve())

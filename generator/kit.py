"""Interview kits: chosen questions, in the interviewer's order, as PDF, HTML or Markdown.

``studyguide kit ID_OR_URL... --title T [--notes FILE] -o kit.pdf`` takes the
questions as interviewers paste them: ids, short links (``…/q/<id>/``), page
links (``…/topics/<slug>/#<id>``) or the kit builder's own link (``…/kit/?ids=…``),
whose title, notes and minutes per question come along, so the web kit and this
one are the same document.  The kit prints each question with all its follow-ups,
its id and short link and its minutes, under the interviewer's notes (Markdown,
rendered without raw HTML).  The PDF uses the handouts' stylesheet; the HTML is
one self-contained page; the Markdown pastes into any tracker or doc.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from . import markup, urls
from .assets import NO_ASSETS, Assets
from .epoch import build_day, build_timestamp
from .errors import Problem, StudyGuideError, display_path
from .groups import follow_ups
from .handouts import LANG, PRINT, Printer, print_environment, print_targets
from .model import Entry, Guide, Topic
from .render import environment
from .textutil import plural

if TYPE_CHECKING:
    from .build import Generated

FORMATS = (".pdf", ".html", ".md")
_NOTES = MarkdownIt("commonmark", {"html": False})


def resolve_refs(refs: Sequence[str], guide: Guide) -> list[Entry]:
    """The questions ``refs`` name, in order; each unknown one is a one-line error.

    A question merged into another resolves to the one it was merged into, as its
    short link on the site does; two wordings of one group (the same question in two
    banks) are one entry of the kit.
    """
    return _entries(_resolved(refs, guide))


def _follow_up_count(entries: Sequence[Entry]) -> int:
    """The follow-ups the kit prints: a group's, every bank's, each once."""
    return sum(len(follow_ups(entry)) for entry in entries)


def _entries(resolved: Sequence[tuple[str, Entry]]) -> list[Entry]:
    """The entries of resolved references, each once, in the order first named."""
    return list(dict.fromkeys(entry for _, entry in resolved))


def _resolved(refs: Sequence[str], guide: Guide) -> list[tuple[str, Entry]]:
    """Each of ``refs`` with the entry it names (see `resolve_refs`), or the errors."""
    by_id = {wording.id: entry for entry in guide.entries for wording in entry.group}
    merged = {r.id: r.into for r in guide.retired if r.retired == "merged" and r.into in by_id}
    removed = {r.id for r in guide.retired} - set(merged)
    found: list[tuple[str, Entry]] = []
    listed: set[str] = set()
    problems: list[str] = []
    for ref in refs:
        question_id = urls.ref_id(ref)
        if question_id is None:
            problems.append(f"not a question id or link: {ref.strip()!r}")
            continue
        question_id = merged.get(question_id, question_id)
        if question_id in by_id:
            if question_id in listed:
                problems.append(f"question {question_id!r} is listed twice")
            found.append((ref, by_id[question_id]))
            listed.add(question_id)
            continue
        what = "removed question" if question_id in removed else "unknown question id"
        close = suggestions(question_id, list(by_id))
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        problems.append(f"{what} {question_id!r}{hint}")
    if problems:
        raise StudyGuideError([Problem("", 0, text) for text in dict.fromkeys(problems)])
    return found


def suggestions(question_id: str, known: list[str], count: int = 3) -> list[str]:
    """Known ids that look like ``question_id``: ones containing it, then the closest."""
    containing = sorted((k for k in known if question_id in k), key=len)
    close = difflib.get_close_matches(question_id, known, n=count, cutoff=0.55)
    return list(dict.fromkeys(containing[:count] + close))[:count]


def write_kit(
    entries: Sequence[Entry],
    title: str,
    notes_markdown: str | None,
    output: Path,
    templates: Path,
    site_url: str,
    guide: Guide,
    assets: Assets = NO_ASSETS,
    minutes: Mapping[str, int] = MappingProxyType({}),
) -> None:
    """Write the kit to ``output`` as PDF, HTML or Markdown, by its suffix."""
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise StudyGuideError.message(
            f"{display_path(output)}: cannot tell the kit's format from {suffix or 'no suffix'!r};"
            f" use one of {', '.join(FORMATS)}"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    kit = Kit(tuple(entries), title, (notes_markdown or "").strip(), guide, minutes)
    if suffix == ".md":
        output.write_text(kit_markdown(kit, templates, site_url, assets), encoding="utf-8")
        return
    printer = Printer(templates, base_url=site_url, assets=assets)
    css = printer.inline_css if suffix == ".html" else ""
    html = kit_html(kit, templates, site_url, assets, inline_css=css)
    if suffix == ".html":
        output.write_text(html, encoding="utf-8")
    else:
        printer.write(html, output)


@dataclass(frozen=True)
class Kit:
    """What an interviewer chose: questions in their order, a title and notes."""

    entries: tuple[Entry, ...]
    title: str
    notes_markdown: str
    """The interviewer's own Markdown ("" for none), rendered without raw HTML."""
    guide: Guide
    minutes: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """Minutes the interviewer gives a question, by its entry's id (none for most)."""

    def context(self) -> dict[str, Any]:
        """What both kit templates (print HTML and Markdown) are rendered with."""
        return {
            "guide": self.guide,
            "entries": self.entries,
            "title": self.title,
            "topic_of": _topics(self.guide),
            "notes_markdown": self.notes_markdown,
            "follow_up_count": _follow_up_count(self.entries),
            "minutes": self.minutes,
            "total_minutes": sum(self.minutes.get(entry.id, 0) for entry in self.entries),
            "answers": True,
            "answer_label": "What a good answer covers",
        }


def kit_html(
    kit: Kit, templates: Path, site_url: str, assets: Assets = NO_ASSETS, *, inline_css: str = ""
) -> str:
    """The kit's page: for WeasyPrint, or standalone with ``inline_css``."""
    env = print_environment(environment(templates), site_url, assets)
    notes = _NOTES.render(kit.notes_markdown) if kit.notes_markdown else ""
    guide = markup.to_text(kit.guide.title)
    return env.get_template(f"{PRINT}/kit.html.j2").render(
        kit.context(),
        lang=LANG,
        created=build_timestamp(),
        inline_css=Markup(inline_css),
        doc_title=kit.title,
        description=f"Interview kit: {len(kit.entries)} questions from {guide}",
        footer=f"Interview kit · {guide}",
        notes_html=Markup(notes),
    )


def kit_markdown(kit: Kit, templates: Path, site_url: str, assets: Assets = NO_ASSETS) -> str:
    """The kit as Markdown; seed text is escaped so it can only show as text."""
    env = print_environment(environment(templates), site_url, assets)
    out = KitMarkdown(print_targets(site_url, assets))
    return env.get_template(f"{PRINT}/kit.md.j2").render(kit.context(), out=out)


@dataclass(frozen=True)
class KitMarkdown:
    """A question's texts in a Markdown kit: inline text as Markdown, blocks as safe HTML."""

    targets: markup.Targets

    def md(self, text: str, origin: str) -> str:
        return markup.to_markdown(text, origin, self.targets)

    def block(self, text: str, origin: str) -> str:
        return markup.to_block_html(text, origin, self.targets, top=3)


def kit_command(
    generated: Generated,
    refs: Sequence[str],
    title: str,
    notes_path: Path | None,
    output: Path,
    templates: Path,
    site_url: str,
) -> str:
    """The body of ``studyguide kit``: resolve, read the notes, write; returns a summary line."""
    guide = generated.guide
    if not refs:
        raise StudyGuideError.message(
            "name at least one question: an id, a short link or a page link"
        )
    wanted, timed, shared = _expand(refs)
    resolved = _resolved(wanted, guide)
    entries = _entries(resolved)
    minutes = {entry.id: timed[ref] for ref, entry in resolved if ref in timed}
    title = title.strip() or shared.title.strip() or default_title()
    notes = markup.plain_markdown(shared.notes) if shared.notes.strip() else None
    if notes_path is not None:
        try:
            notes = notes_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StudyGuideError.message(
                f"{display_path(notes_path)}: cannot read the notes: {exc}"
            ) from None
    write_kit(entries, title, notes, output, templates, site_url, guide, generated.assets, minutes)
    return (
        f"Wrote {display_path(output)}: {plural(len(entries), 'question')}"
        f" and {plural(_follow_up_count(entries), 'follow-up')}"
    )


NO_LINK = urls.KitLink((), (), "", "")
"""What a kit made of ids and page links alone brings: no title, notes or minutes."""


def _expand(refs: Sequence[str]) -> tuple[list[str], dict[str, int], urls.KitLink]:
    """Kit-builder links among ``refs`` as their questions: every ref in order, the
    minutes they give, and the first link's title and notes (`NO_LINK` without one)."""
    wanted: list[str] = []
    timed: dict[str, int] = {}
    links: list[urls.KitLink] = []
    for ref in refs:
        link = urls.kit_link(ref)
        if link is None:
            wanted.append(ref)
            continue
        links.append(link)
        wanted += link.refs
        timed.update((r, n) for r, n in zip(link.refs, link.minutes, strict=True) if n)
    return wanted, timed, links[0] if links else NO_LINK


def default_title() -> str:
    """A kit's title when the interviewer gives none, as the web kit builder names one."""
    return f"Interview kit, {build_day()}"


def _topics(guide: Guide) -> dict[str, Topic]:
    return {entry.id: topic for topic in guide.topics for entry in topic.entries}

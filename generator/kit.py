"""Interview kits: chosen questions, in the interviewer's order, as PDF, HTML or Markdown.

``studyguide kit ID_OR_URL... --title T [--notes FILE] -o kit.pdf`` takes the
questions as interviewers paste them: ids, short links (``…/q/<id>/``) or page
links (``…/topics/<slug>/#<id>``).  The kit prints each question with all its
follow-ups, its id and short link, under the interviewer's notes (Markdown,
rendered without raw HTML).  The PDF uses the handouts' stylesheet; the HTML is
one self-contained page; the Markdown pastes into any tracker or doc.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

from . import markup
from .errors import StudyGuideError, display_path
from .handouts import LANG, PRINT, Printer, created_date, print_environment, short_url
from .model import Entry, Guide, Topic

if TYPE_CHECKING:
    from .build import Generated

FORMATS = (".pdf", ".html", ".md")
_NOTES = MarkdownIt("commonmark", {"html": False})


def resolve_refs(refs: Sequence[str], guide: Guide) -> list[Entry]:
    """The questions ``refs`` name, in order; each unknown one is a one-line error.

    A question merged into another resolves to the one it was merged into, as its
    short link on the site does.
    """
    by_id = {entry.id: entry for entry in guide.entries}
    merged = {r.id: r.into for r in guide.retired if r.retired == "merged" and r.into in by_id}
    removed = {r.id for r in guide.retired} - set(merged)
    found: list[Entry] = []
    problems: list[str] = []
    for ref in refs:
        question_id = ref_id(ref)
        if question_id is None:
            problems.append(f"not a question id or link: {ref.strip()!r}")
            continue
        question_id = merged.get(question_id, question_id)
        if question_id in by_id:
            if by_id[question_id] in found:
                problems.append(f"question {question_id!r} is listed twice")
            found.append(by_id[question_id])
            continue
        what = "removed question" if question_id in removed else "unknown question id"
        close = suggestions(question_id, list(by_id))
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        problems.append(f"{what} {question_id!r}{hint}")
    if problems:
        raise StudyGuideError("\n".join(dict.fromkeys(problems)))
    return found


def ref_id(ref: str) -> str | None:
    """The id in an id, a short link or a page link; None when ``ref`` is none of them."""
    text = unquote(ref.strip())
    if not text:
        return None
    parts = urlsplit(text)
    if parts.fragment:
        return parts.fragment.strip("/") or None
    path = [p for p in parts.path.split("/") if p and p != "index.html"]
    if len(path) >= 2 and path[-2] == "q":
        return path[-1]
    if len(path) == 1 and not parts.scheme and not parts.netloc and "." not in path[0]:
        return path[0]
    return None


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
) -> None:
    """Write the kit to ``output`` as PDF, HTML or Markdown, by its suffix."""
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise StudyGuideError(
            f"{display_path(output)}: cannot tell the kit's format from {suffix or 'no suffix'!r};"
            f" use one of {', '.join(FORMATS)}"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".md":
        text = kit_markdown(entries, title, notes_markdown, site_url, guide)
        output.write_text(text, encoding="utf-8")
        return
    printer = Printer(templates, base_url=site_url)
    html = kit_html(
        entries,
        title,
        notes_markdown,
        templates,
        site_url,
        guide,
        inline_css=printer.inline_css if suffix == ".html" else "",
    )
    if suffix == ".html":
        output.write_text(html, encoding="utf-8")
    else:
        printer.write(html, output)


def kit_html(
    entries: Sequence[Entry],
    title: str,
    notes_markdown: str | None,
    templates: Path,
    site_url: str,
    guide: Guide,
    *,
    inline_css: str = "",
) -> str:
    """The kit's page: for WeasyPrint, or standalone with ``inline_css``."""
    env = print_environment(templates, site_url)
    notes = _NOTES.render(notes_markdown) if notes_markdown and notes_markdown.strip() else ""
    context: dict[str, Any] = {
        "guide": guide,
        "entries": entries,
        "topic_of": _topics(guide),
        "lang": LANG,
        "created": created_date(),
        "inline_css": Markup(inline_css),
        "doc_title": title,
        "description": f"Interview kit: {len(entries)} questions from {guide.title}",
        "footer": f"Interview kit · {guide.title}",
        "notes_html": Markup(notes),
        "follow_up_count": sum(len(e.question.follow_ups) for e in entries),
    }
    return env.get_template(f"{PRINT}/kit.html.j2").render(context)


def kit_markdown(
    entries: Sequence[Entry],
    title: str,
    notes_markdown: str | None,
    site_url: str,
    guide: Guide,
) -> str:
    """The kit as Markdown; seed text is escaped so it can only show as text."""
    topic_of = _topics(guide)
    follow_ups = sum(len(e.question.follow_ups) for e in entries)
    lines = [
        f"# {markup.escape(title)}",
        "",
        f"*{markup.escape(guide.title)} · {_count(len(entries), 'question')}"
        f" · {_count(follow_ups, 'follow-up')}*",
        "",
    ]
    if notes_markdown and notes_markdown.strip():
        lines += ["## Notes", "", notes_markdown.strip(), "", "---", ""]
    for number, entry in enumerate(entries, start=1):
        question = entry.question
        topic = markup.to_markdown(topic_of[entry.id].title)
        lines += [
            f"## {number}. {markup.to_markdown(question.text)}",
            "",
            f"`{entry.id}` · <{short_url(site_url, entry.id)}> · {topic}",
            "",
        ]
        lines += [f"- {markup.to_markdown(f)}" for f in question.follow_ups]
        if question.follow_ups:
            lines.append("")
    return "\n".join(lines)


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
    if not title.strip():
        raise StudyGuideError("the kit needs a --title")
    if not refs:
        raise StudyGuideError("name at least one question: an id, a short link or a page link")
    entries = resolve_refs(refs, guide)
    notes = None
    if notes_path is not None:
        try:
            notes = notes_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StudyGuideError(
                f"{display_path(notes_path)}: cannot read the notes: {exc}"
            ) from None
    write_kit(entries, title.strip(), notes, output, templates, site_url, guide)
    follow_ups = sum(len(e.question.follow_ups) for e in entries)
    return (
        f"Wrote {display_path(output)}: {_count(len(entries), 'question')}"
        f" and {_count(follow_ups, 'follow-up')}"
    )


def _topics(guide: Guide) -> dict[str, Topic]:
    return {entry.id: topic for topic in guide.topics for entry in topic.entries}


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

"""Render the guide into the docs folder's generated files through ``templates/``.

Templates get model objects, never pre-rendered strings, and escape seed text
themselves through the filters below.  Autoescape is off for Markdown templates
(``*.md.j2``), whose output MkDocs reads as Markdown, and on for HTML ones
(``*.html.j2``); StrictUndefined turns a typo in a template into an error
instead of a silently empty page.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2

from . import markup, urls
from .assets import NO_ASSETS, Assets
from .bytecode import SignedCache
from .export import questions_json
from .groups import follow_ups
from .markup import Targets
from .model import Concept, Entry, Guide, Links, Topic
from .textutil import plural

PAGES = "pages"

TOOL_TEMPLATES = {
    urls.REVIEW_PAGE: "review.md.j2",
    urls.PRACTICE_PAGE: "practice.md.j2",
    urls.KIT_PAGE: "kit.md.j2",
}
"""The pages that guide.js runs over ``questions.json``."""


@functools.lru_cache(maxsize=8)
def environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """The one Jinja environment every page and print template is rendered with.

    ``cache`` is a folder for compiled templates (see `bytecode.SignedCache`),
    which saves each build a third of its generation time.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=SignedCache(cache) if cache is not None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markup.to_markdown,
        md_words=lambda text: markup.to_markdown(text, "", markup.WORDS),
        md_escape=markup.escape,
        text=markup.to_text,
        attr=lambda value: markup.attribute(markup.to_text(value)),
        yaml=lambda value: json.dumps(str(value), ensure_ascii=False),
        plural=plural,
    )
    env.globals["urls"] = urls
    env.globals["group_follow_ups"] = follow_ups
    return env


@dataclass(frozen=True, eq=False)
class Output:
    """How one page writes a question's texts: its links lead from where the page is.

    Page Markdown is read by MkDocs from the docs folder (``topics/x.md`` links to
    ``../assets/…``); raw HTML is read by the browser at the built URL
    (``topics/x/`` links to ``../../assets/…``).
    """

    page: Targets
    """For page Markdown (headings, follow-ups)."""
    built: Targets
    """For HTML blocks in the page (answers, hints, the setting, a figure)."""
    root: str
    """The site's root from the built page, for raw HTML links (``../../`` on a topic)."""
    md_root: str
    """The docs folder's root from the page's Markdown file, for Markdown links
    (``../`` from ``topics/x.md``): MkDocs resolves those against the file."""

    def md(self, text: str, origin: str) -> str:
        return markup.to_markdown(text, origin, self.page)

    def block(self, text: str, origin: str) -> str:
        return markup.to_block_html(text, origin, self.built)

    def href(self, url: str, origin: str) -> str | None:
        """A link a bank puts beside a question, where this page can follow it (or None)."""
        return self.built.link(origin, url)


def outputs(assets: Assets) -> dict[str, Output]:
    """The `Output` of each page depth, by its `Output.root`: the home page (``""``), a
    page one folder down (``../``: the tools) and a page in a section's folder
    (``../../``: topics, concepts)."""
    made = (
        Output(assets.targets(""), assets.targets(""), "", ""),
        Output(assets.targets("../", md_pages=True), assets.targets("../../"), "../../", "../"),
        Output(assets.targets("../", md_pages=True), assets.targets("../"), "../", "../"),
    )
    return {out.root: out for out in made}


@dataclass(frozen=True)
class Place:
    """Where a question is: its topic, its entry, and the entry shown for it (its group's
    first wording, or itself)."""

    topic: Topic
    entry: Entry
    shown: Entry


@dataclass(frozen=True)
class Lookup:
    """What templates need to find any question or concept by its key."""

    guide: Guide
    links: Links
    concepts: Mapping[str, Concept]

    @cached_property
    def place(self) -> Mapping[str, Place]:
        """Every live question by id, each wording of a group included."""
        return {
            wording.id: Place(topic, wording, entry)
            for topic in self.guide.topics
            for entry in topic.entries
            for wording in entry.group
        }

    def url(self, question_id: str) -> str:
        """Site-relative URL of a question on its topic page."""
        return urls.question_url(self.place[question_id].topic.slug, question_id)


def render_pages(
    guide: Guide,
    links: Links,
    concepts: tuple[Concept, ...],
    env: jinja2.Environment,
    edit_urls: Mapping[str, str],
    downloads: bool = True,
    assets: Assets = NO_ASSETS,
) -> dict[str, str]:
    """Every generated file as ``{path in the docs folder: text}``.

    ``edit_urls`` maps a seed file to the URL that edits it, for the page's edit
    button; ``downloads`` says whether the build makes PDFs to link to;
    ``assets`` resolves the files and headings the seeds link to.
    """
    lookup = Lookup(guide, links, {c.slug: c for c in concepts})
    out = outputs(assets)
    context = {
        "guide": guide,
        "links": links,
        "lookup": lookup,
        "concepts": concepts,
        "downloads": downloads,
        "answers": any(e.question.answer for e in guide.entries),
    }
    page = env.get_template
    files = {"index.md": page(f"{PAGES}/index.md.j2").render(context, out=out[""])}
    for topic in guide.topics:
        seed = topic.entries[0].question.source.file
        files[urls.topic_page(topic.slug)] = page(f"{PAGES}/topic.md.j2").render(
            context,
            topic=topic,
            edit_url=edit_urls.get(seed, ""),
            out=out["../../"],
        )
    members = {
        c.slug: list(
            {
                place.shown.id: place
                for place in (lookup.place[i] for i, s in links.concepts.items() if c.slug in s)
            }.values()
        )
        for c in concepts
    }
    if concepts:
        files[urls.concepts_index_page()] = page(f"{PAGES}/concepts.md.j2").render(
            context, members=members
        )
    for concept in concepts:
        files[urls.concept_page(concept.slug)] = page(f"{PAGES}/concept.md.j2").render(
            context, concept=concept, members=members, out=out["../../"]
        )
    shortlink = page(f"{PAGES}/shortlink.html.j2")
    for entry_id, place in lookup.place.items():
        files[urls.short_page(entry_id)] = shortlink.render(
            context, entry=place.entry, target=f"../../{lookup.url(entry_id)}"
        )
    for path, template in TOOL_TEMPLATES.items():
        files[path] = page(f"{PAGES}/{template}").render(context, out=out["../"])
    files[urls.ABOUT_PAGE] = page(f"{PAGES}/about.md.j2").render(context, out=out["../"])
    for record in guide.retired:
        files[urls.retired_page(record.id)] = page(f"{PAGES}/retired.md.j2").render(
            context, record=record, out=out["../"]
        )
    files[urls.QUESTIONS_JSON] = questions_json(guide, links, assets.targets(""), concepts)
    return files

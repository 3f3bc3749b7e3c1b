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

from . import markup
from .concepts import Concept
from .export import questions_json
from .link import Links
from .model import Entry, Guide, Topic

PAGES = "pages"


@functools.lru_cache(maxsize=8)
def environment(templates: Path) -> jinja2.Environment:
    """The one Jinja environment every page and print template is rendered with.

    Compiled templates are cached in ``build/.jinja`` beside the templates folder,
    which saves each build a third of its generation time.
    """
    cache = templates.parent / "build" / ".jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)),
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
        text=markup.to_text,
        attr=lambda value: markup.attribute(markup.to_text(value)),
        yaml=lambda value: json.dumps(str(value), ensure_ascii=False),
        plural=_plural,
    )
    return env


def topic_path(topic: Topic) -> str:
    """Where a topic's page lives inside the generated docs folder."""
    return f"topics/{topic.slug}.md"


def concept_path(concept: Concept) -> str:
    return f"concepts/{concept.slug}.md"


TOOL_PAGES = (
    ("Practice", "practice/index.md", "practice.md.j2"),
    ("Kit builder", "kit/index.md", "kit.md.j2"),
)
"""Title, path and template of the pages that guide.js runs over ``questions.json``."""


@dataclass(frozen=True)
class Lookup:
    """What templates need to find any question, topic or concept by its key."""

    guide: Guide
    links: Links
    concepts: Mapping[str, Concept]

    @cached_property
    def by_id(self) -> dict[str, tuple[Topic, Entry]]:
        return {e.id: (t, e) for t in self.guide.topics for e in t.entries}

    def url(self, question_id: str) -> str:
        """Site-relative URL of a question: ``topics/<slug>/#<id>``."""
        topic, _ = self.by_id[question_id]
        return f"topics/{topic.slug}/#{question_id}"


def render_pages(
    guide: Guide,
    links: Links,
    concepts: tuple[Concept, ...],
    templates: Path,
    edit_urls: Mapping[str, str],
) -> dict[str, str]:
    """Every generated file as ``{path in the docs folder: text}``.

    ``edit_urls`` maps a seed file to the URL that edits it, for the page's edit button.
    """
    env = environment(templates)
    lookup = Lookup(guide, links, {c.slug: c for c in concepts})
    by_id = lookup.by_id
    context = {
        "guide": guide,
        "links": links,
        "lookup": lookup,
        "by_id": by_id,
        "concepts": concepts,
        "topic_path": topic_path,
        "concept_path": concept_path,
    }
    page = env.get_template
    files = {"index.md": page(f"{PAGES}/index.md.j2").render(context, root="")}
    for topic in guide.topics:
        seed = topic.entries[0].question.source.file
        files[topic_path(topic)] = page(f"{PAGES}/topic.md.j2").render(
            context, topic=topic, edit_url=edit_urls.get(seed, ""), root="../../"
        )
    members = {
        c.slug: [by_id[i] for i, slugs in links.concepts.items() if c.slug in slugs]
        for c in concepts
    }
    if concepts:
        files["concepts/index.md"] = page(f"{PAGES}/concepts.md.j2").render(
            context, members=members
        )
    for concept in concepts:
        files[concept_path(concept)] = page(f"{PAGES}/concept.md.j2").render(
            context, concept=concept, members=members
        )
    for entry_id in by_id:
        files[f"q/{entry_id}/index.html"] = page(f"{PAGES}/shortlink.html.j2").render(
            context, entry=by_id[entry_id][1], target=f"../../{lookup.url(entry_id)}"
        )
    for _, path, template in TOOL_PAGES:
        files[path] = page(f"{PAGES}/{template}").render(context, root="../")
    for record in guide.retired:
        files[f"q/{record.id}.md"] = page(f"{PAGES}/retired.md.j2").render(context, record=record)
    files["questions.json"] = questions_json(guide, links)
    return files


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

"""Render the guide into page Markdown through the Jinja2 templates in ``templates/``.

Templates get model objects, never pre-rendered strings, and escape seed text
themselves through the filters below.  Autoescape is off because the output is
Markdown, not HTML; StrictUndefined turns a typo in a template into an error
instead of a silently empty page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import jinja2

from . import markup
from .model import Guide, Topic

PAGES = "pages"
TOPICS_DIR = "topics"


def environment(templates: Path) -> jinja2.Environment:
    """The one Jinja environment every page and print template is rendered with."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
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
    return f"{TOPICS_DIR}/{topic.slug}.md"


def render_pages(guide: Guide, templates: Path, edit_urls: Mapping[str, str]) -> dict[str, str]:
    """Every generated page as ``{path in the docs folder: Markdown}``.

    ``edit_urls`` maps a seed file to the URL that edits it, for the page's edit button.
    """
    env = environment(templates)
    context = {"guide": guide, "topic_path": topic_path}
    pages = {"index.md": env.get_template(f"{PAGES}/index.md.j2").render(context)}
    topic_template = env.get_template(f"{PAGES}/topic.md.j2")
    for topic in guide.topics:
        seed = topic.entries[0].question.source.file
        pages[topic_path(topic)] = topic_template.render(
            context, topic=topic, edit_url=edit_urls.get(seed, "")
        )
    return pages


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

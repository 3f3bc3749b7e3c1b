"""Old topic addresses: pages that send a link shared before a re-curation to its topic now.

A topic's curated ``was:`` slugs get a page at their old address that redirects
to the topic, with or without JavaScript; a ``#question`` fragment goes along, and
on the topic page `guide.js` follows a question that has moved elsewhere.  A topic
slug the id registry remembers but no page or ``was:`` covers any more would break
every link to it: that is a warning, so the maintainer can add it to a ``was:``.
"""

from __future__ import annotations

import jinja2

from . import urls
from .errors import Problem
from .model import Guide, Record

TEMPLATE = "pages/redirect.html.j2"


def topic_redirects(guide: Guide, env: jinja2.Environment) -> dict[str, str]:
    """``{path in the docs folder: page}`` for every old slug of every topic."""
    page = env.get_template(TEMPLATE)
    return {
        urls.topic_redirect_page(old): page.render(
            guide=guide, topic=topic, old=old, target=f"../{topic.slug}/"
        )
        for topic in guide.topics
        for old in topic.was
    }


def lost_topics(guide: Guide, before: tuple[Record, ...], curation_file: str) -> list[Problem]:
    """Topic slugs questions were last published on that lead nowhere now."""
    kept = {topic.slug for topic in guide.topics} | {old for t in guide.topics for old in t.was}
    lost = sorted({record.topic for record in before if not record.retired and record.topic} - kept)
    return [
        Problem(
            curation_file or "topics.yml",
            0,
            f"{urls.topic_url(slug)} was published and is gone: links to it break; add "
            f"`was: [{slug}]` to the topic that took its questions",
        )
        for slug in lost
    ]

"""The JSON export (``questions.json``): the guide as data, for other tools and our scripts.

The schema is documented in the README.  Text keeps its inline Markdown, every
question and follow-up appears in seed order, and URLs are site-relative.  Each
question also carries ``html``, the same texts rendered by the one safe renderer
(`markup`), with links relative to the site's root: the site's own scripts
insert it as it is instead of reading Markdown themselves.
"""

from __future__ import annotations

import json
from typing import Any

from . import urls
from .markup import PLAIN, Targets, to_block_html, to_html
from .model import Concept, Entry, Guide, Links

SCHEMA = 1
"""Changes only when a field changes meaning or goes away; new fields keep it."""


def questions_json(
    guide: Guide, links: Links, targets: Targets = PLAIN, concepts: tuple[Concept, ...] = ()
) -> str:
    """The export's text: stable key order and layout, so builds are reproducible.

    Compact, without indentation: it is smaller for the browser to fetch, and only
    then does `json` use its C encoder (five times faster on a 10,000-question bank).
    """
    questions: list[dict[str, Any]] = []
    for topic in guide.topics:
        for lead in topic.entries:
            for entry in lead.group:
                question = entry.question
                questions.append(
                    {
                        "id": entry.id,
                        "url": urls.question_url(topic.slug, entry.id),
                        "short_url": urls.short_url(entry.id),
                        "bank": guide.bank(entry.bank).title,
                        "group": lead.id,
                        "topic": {"slug": topic.slug, "title": topic.title},
                        "text": question.text,
                        "follow_ups": list(question.follow_ups),
                        "more_follow_ups": [text for text, _ in entry.more_follow_ups],
                        "concepts": list(links.concepts.get(entry.id, ())),
                        "duplicates": list(links.duplicates.get(entry.id, ())),
                        "related": list(links.related.get(entry.id, ())),
                        "source": {"file": question.source.file, "line": question.source.line},
                        "answer": question.answer or None,
                        "hint": question.hint or None,
                        "difficulty": question.difficulty or None,
                        "context": question.context or None,
                        "figure": question.figure or None,
                        "links": [{"label": k.label, "url": k.url} for k in question.links],
                        "html": _html(entry, targets),
                    }
                )
    questions.sort(key=lambda q: (guide.seed_files.index(q["source"]["file"]), q["source"]["line"]))
    topics = [
        {
            "slug": topic.slug,
            "title": topic.title,
            "description": topic.description,
            "url": urls.topic_url(topic.slug),
            "questions": [entry.id for entry in topic.entries],
        }
        for topic in guide.topics
    ]
    banks = [
        {
            "key": bank.key,
            "title": bank.title,
            "source": bank.source or None,
            "licence": bank.licence or None,
            "author": bank.author or None,
            "files": list(bank.files),
        }
        for bank in guide.banks
    ]
    data = {
        "schema": SCHEMA,
        "questions": questions,
        "topics": topics,
        "banks": banks,
        "concepts": [
            {"slug": c.slug, "name": c.name, "url": urls.concept_url(c.slug)} for c in concepts
        ],
        "retired": _retired(guide),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _html(entry: Entry, targets: Targets) -> dict[str, Any]:
    question = entry.question
    origin = question.source.file

    def block(text: str) -> str | None:
        return to_block_html(text, origin, targets) if text else None

    return {
        "text": to_html(question.text, origin, targets),
        "follow_ups": [to_html(f, origin, targets) for f in question.follow_ups],
        "more_follow_ups": [to_html(f, where, targets) for f, where in entry.more_follow_ups],
        "answer": block(question.answer),
        "hint": block(question.hint),
        "context": block(question.context),
        "figure": block(question.figure),
    }


def _retired(guide: Guide) -> list[dict[str, Any]]:
    """Ids no longer in the guide, each with the live question it was merged into (or
    None): what a browser that kept something under an old id needs to move it on."""
    live = {wording.id for wording in guide.wordings}
    return [
        {"id": record.id, "into": record.into if record.into in live else None}
        for record in guide.retired
    ]

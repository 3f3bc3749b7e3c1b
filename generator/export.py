"""The JSON export (``questions.json``): the guide as data, for other tools.

The schema is documented in the README.  Text keeps its inline Markdown, every
question and follow-up appears in seed order, and URLs are site-relative.
"""

from __future__ import annotations

import json
from typing import Any

from .link import Links
from .model import Guide

SCHEMA = 1


def questions_json(guide: Guide, links: Links) -> str:
    """The export's text: stable key order and layout, so builds are reproducible."""
    questions: list[dict[str, Any]] = []
    for topic in guide.topics:
        for entry in topic.entries:
            question = entry.question
            questions.append(
                {
                    "id": entry.id,
                    "url": f"topics/{topic.slug}/#{entry.id}",
                    "short_url": f"q/{entry.id}/",
                    "topic": {"slug": topic.slug, "title": topic.title},
                    "text": question.text,
                    "follow_ups": list(question.follow_ups),
                    "concepts": list(links.concepts.get(entry.id, ())),
                    "duplicates": list(links.duplicates.get(entry.id, ())),
                    "related": list(links.related.get(entry.id, ())),
                    "source": {"file": question.source.file, "line": question.source.line},
                }
            )
    questions.sort(key=lambda q: (guide.seed_files.index(q["source"]["file"]), q["source"]["line"]))
    topics = [
        {
            "slug": topic.slug,
            "title": topic.title,
            "description": topic.description,
            "url": f"topics/{topic.slug}/",
            "questions": [entry.id for entry in topic.entries],
        }
        for topic in guide.topics
    ]
    data = {"schema": SCHEMA, "questions": questions, "topics": topics}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

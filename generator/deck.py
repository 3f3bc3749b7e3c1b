"""The Anki deck (``downloads/ml-interview-questions.apkg``): one note per question.

Each note's GUID is a hash of the question's permanent id (``seeds/ids.yml``),
never of its text, so importing a rebuilt deck updates the notes already in a
collection, even after a question is reworded.  Anki only overwrites a note when
the incoming one is newer, which is why every timestamp in the deck is the build
epoch (``SOURCE_DATE_EPOCH``, best set to the commit time).

The package is written here rather than by ``genanki.Package.write_to_file``: the
collection is made in memory, vacuumed and zipped with fixed entry metadata, so
equal input and epoch give byte-identical output.
"""

from __future__ import annotations

import html
import io
import itertools
import os
import sqlite3
import time
import zipfile
from pathlib import Path
from typing import Any

import genanki  # type: ignore[import-untyped]

from .errors import StudyGuideError
from .link import Links
from .markup import to_html, to_text
from .model import Guide

DECK_ID = 1_733_221_007
"""Anki id of the deck.  Picked once at random in genanki's range [2**30, 2**31); never change
it, or imports make a second deck instead of updating the first."""
MODEL_ID = 1_588_964_113
"""Anki id of the note type, picked the same way.  Change it (and ``MODEL_NAME``) only when
``FIELDS`` change: Anki will not update notes whose note type has other fields."""
MODEL_NAME = "ML Interview Question (studyguide v1)"
FIELDS = ("Question", "FollowUps", "Topic", "Link", "Id")
DEFAULT_EPOCH = 1_704_067_200
"""2024-01-01T00:00:00Z: the timestamps when ``SOURCE_DATE_EPOCH`` is not set."""
_ZIP_EPOCH = 315_532_800
"""1980-01-01, the earliest date a zip entry can hold."""

FRONT = '<div class="question">{{Question}}</div>'
BACK = """{{FrontSide}}
<hr id="answer">
{{#FollowUps}}<div class="label">Follow-ups</div>{{FollowUps}}{{/FollowUps}}
<div class="meta"><span class="topic">{{Topic}}</span>
<a class="link" href="{{Link}}">Open in the study guide →</a></div>"""
CSS = """\
.card {
  --fg: #1f2328; --muted: #59636e; --accent: #3f51b5; --rule: #d1d9e0; --bg: #fff; --code: #eff1f3;
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.5; color: var(--fg); background: var(--bg);
  text-align: left; max-width: 42em; margin: 0 auto; padding: 1em;
}
.card.nightMode, .nightMode .card, .card.night_mode, .night_mode .card {
  --fg: #e6edf3; --muted: #9198a1; --accent: #9fa8ff; --rule: #3d444d; --bg: #222; --code: #2d333b;
}
.question { font-size: 1.15em; font-weight: 600; }
hr#answer { border: 0; border-top: 1px solid var(--rule); margin: 1em 0; }
.label { color: var(--muted); font-size: .8em; text-transform: uppercase; letter-spacing: .05em; }
ol.follow-ups { margin: .3em 0 1em; padding-left: 1.4em; }
ol.follow-ups li { margin: .3em 0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em;
  background: var(--code); padding: .1em .3em; border-radius: 4px; }
a { color: var(--accent); }
.meta { display: flex; flex-wrap: wrap; gap: .5em 1.5em; justify-content: space-between;
  color: var(--muted); font-size: .8em; margin-top: 1em; }
"""


def source_date_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` from the environment, or `DEFAULT_EPOCH` when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    if not value.isdigit():
        raise StudyGuideError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {value!r}")
    return int(value)


def note_guid(question_id: str) -> str:
    """The note's GUID: a function of the permanent id alone, so rewording keeps it."""
    return str(genanki.guid_for("studyguide", question_id))


def deck_bytes(
    guide: Guide, links: Links, *, site_url: str, deck_name: str, epoch: int | None = None
) -> bytes:
    """The ``.apkg`` file's bytes; ``epoch`` defaults to `source_date_epoch`."""
    stamp = source_date_epoch() if epoch is None else epoch
    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    description = f'From the <a href="{html.escape(site_url)}">{html.escape(guide.title)}</a>.'
    deck = genanki.Deck(DECK_ID, deck_name, description)
    position = 0
    for topic in guide.topics:
        topic_label = html.escape(f"{topic.icon} {topic.title}".strip(), quote=False)
        for entry in topic.entries:
            question = entry.question
            follow_ups = "".join(f"<li>{to_html(text)}</li>" for text in question.follow_ups)
            tags = dict.fromkeys(
                "-".join(tag.split()) for tag in (topic.slug, *links.concepts.get(entry.id, ()))
            )
            fields = [
                to_html(question.text),
                f'<ol class="follow-ups">{follow_ups}</ol>' if follow_ups else "",
                topic_label,
                html.escape(f"{site_url}q/{entry.id}/"),
                html.escape(entry.id),
            ]
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=fields,
                    sort_field=to_text(question.text),
                    tags=list(tags),
                    guid=note_guid(entry.id),
                    due=position,
                )
            )
            position += 1
    return _package(deck, stamp)


def write_deck(
    guide: Guide,
    links: Links,
    out: Path,
    *,
    site_url: str,
    deck_name: str,
    epoch: int | None = None,
) -> None:
    """Write the deck to ``out`` (folders made as needed); see `deck_bytes`."""
    data = deck_bytes(guide, links, site_url=site_url, deck_name=deck_name, epoch=epoch)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)


def _package(deck: Any, stamp: int) -> bytes:
    """genanki's collection of ``deck``, made in memory and zipped with fixed metadata."""
    conn = sqlite3.connect(":memory:")
    try:
        # Note and card ids count up from the epoch in milliseconds, as genanki's do.
        ids = itertools.count(stamp * 1000)
        genanki.Package(deck).write_to_db(conn.cursor(), stamp, ids)
        conn.commit()
        conn.execute("VACUUM")
        collection = conn.serialize()
    finally:
        conn.close()
    date = time.gmtime(max(stamp, _ZIP_EPOCH))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()

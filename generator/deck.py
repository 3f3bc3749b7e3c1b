"""The Anki deck (``downloads/ml-interview-questions.apkg``): one note per question.

Each note's GUID is a hash of the question's permanent id (``seeds/ids.yml``),
never of its text, so importing a rebuilt deck updates the notes already in a
collection, even after a question is reworded.  Anki only overwrites a note when
the incoming one is newer, which is why every timestamp in the deck is the build
epoch (``SOURCE_DATE_EPOCH``, best set to the commit time).

Fields are HTML made by `markup`, the one renderer of seed text; the card's look
is in ``templates/anki/``.  Images copied from beside a seed travel in the deck's
media and remote ones become links, so a card never fetches from the web.

The package is written here rather than by ``genanki.Package.write_to_file``: the
collection is made in memory, vacuumed and zipped with fixed entry metadata, so
equal input and epoch give byte-identical output.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import sqlite3
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki  # type: ignore[import-untyped]
import jinja2
from markupsafe import Markup

from . import urls
from .assets import NO_ASSETS, Assets
from .epoch import source_epoch
from .errors import StudyGuideError
from .groups import follow_ups
from .markup import to_block_html, to_html, to_text
from .model import Entry, Guide, Links
from .render import environment

DECK_ID = 1_733_221_007
"""Anki id of the deck.  Picked once at random in genanki's range [2**30, 2**31); never change
it, or imports make a second deck instead of updating the first."""
MODEL_ID = 1_902_311_457
"""Anki id of the note type, picked the same way.  Change it (and ``MODEL_NAME``) only when
``FIELDS`` change: Anki will not update notes whose note type has other fields.  (v1,
1_588_964_113, had no answer fields; its notes have the same GUIDs, so Anki's "merge note
types" on import updates them.)"""
MODEL_NAME = "ML Interview Question (studyguide v2)"
FIELDS = (
    "Question",
    "FollowUps",
    "Topic",
    "Link",
    "Id",
    "Answer",
    "Hint",
    "Context",
    "Figure",
    "Difficulty",
)
DEFAULT_EPOCH = 1_704_067_200
"""2024-01-01T00:00:00Z: the timestamps when ``SOURCE_DATE_EPOCH`` is not set."""
_ZIP_EPOCH = 315_532_800
"""1980-01-01, the earliest date a zip entry can hold."""
ANKI = "anki"
"""The card templates' folder under ``templates/``; Anki's own ``{{Field}}`` syntax, read as is."""


@dataclass(frozen=True)
class CardTemplates:
    """The note type's look, from ``templates/anki/``."""

    front: str
    back: str
    css: str
    follow_ups: jinja2.Template
    """Renders the FollowUps field."""

    @classmethod
    def read(cls, templates: Path) -> CardTemplates:
        folder = templates / ANKI
        try:
            front, back, css = (
                (folder / name).read_text(encoding="utf-8")
                for name in ("front.html", "back.html", "card.css")
            )
        except OSError as exc:
            raise StudyGuideError.message(
                f"{folder}: cannot read the card templates: {exc}"
            ) from None
        follow_ups = environment(templates).get_template(f"{ANKI}/follow-ups.html.j2")
        return cls(front, back, css, follow_ups)


def note_guid(question_id: str) -> str:
    """The note's GUID: a function of the permanent id alone, so rewording keeps it."""
    return str(genanki.guid_for("studyguide", question_id))


def media_name(site_path: str) -> str:
    """A copied image's file name in the deck's media folder: flat, and unique by content."""
    folder, _, name = site_path.rpartition("/")
    return f"studyguide-{folder.rsplit('/', 1)[-1]}-{name}"


def deck_bytes(
    guide: Guide,
    links: Links,
    *,
    site_url: str,
    deck_name: str,
    templates: Path,
    assets: Assets = NO_ASSETS,
    epoch: int | None = None,
) -> bytes:
    """The ``.apkg`` file's bytes; ``epoch`` defaults to ``SOURCE_DATE_EPOCH`` (see `epoch`)."""
    stamp = (source_epoch() or DEFAULT_EPOCH) if epoch is None else epoch
    cards = CardTemplates.read(templates)
    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": cards.front, "afmt": cards.back}],
        css=cards.css,
    )
    description = f'From the <a href="{html.escape(site_url)}">{html.escape(guide.title)}</a>.'
    deck = genanki.Deck(DECK_ID, deck_name, description)
    targets = assets.targets(site_url, embed=media_name)
    position = 0
    for topic in guide.topics:
        topic_label = html.escape(f"{topic.icon} {topic.title}".strip(), quote=False)
        for entry in topic.entries:
            question = entry.question
            origin = question.source.file

            def block(text: str, origin: str = origin) -> str:
                return to_block_html(text, origin, targets) if text else ""

            def inline(text: str, origin: str = origin) -> Markup:
                return Markup(to_html(text, origin, targets))

            group_follow_ups = follow_ups(entry)
            rendered = cards.follow_ups.render(
                follow_ups=[inline(text, origin) for text, origin in group_follow_ups]
            )
            wordings = "; ".join(
                f"{inline(w.question.text, w.question.source.file)} "
                f"({html.escape(guide.bank(w.bank).title)})"
                for w in entry.wordings
            )
            also = f'<div class="also-asked">Also asked as: {wordings}</div>' if wordings else ""
            tags = dict.fromkeys(
                "-".join(tag.split())
                for tag in (topic.slug, *links.concepts.get(entry.id, ()), question.difficulty)
                if tag
            )
            fields = [
                str(inline(question.text)) + also,
                rendered.strip() if group_follow_ups else "",
                topic_label,
                html.escape(urls.absolute(site_url, urls.short_url(entry.id))),
                html.escape(entry.id),
                _credited(guide, entry, "answer", block),
                _credited(guide, entry, "hint", block),
                block(question.context),
                block(question.figure),
                question.difficulty.capitalize(),
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
    shown = " ".join(field for note in deck.notes for field in note.fields)
    media = {media_name(path): data for path, data in assets.files.items()}
    return _package(deck, stamp, {name: data for name, data in media.items() if name in shown})


def _credited(guide: Guide, entry: Entry, kind: str, block: Callable[[str, str], str]) -> str:
    """A group's answers (or hints), each in HTML, named by its bank when there are several."""
    given = [w for w in entry.group if getattr(w.question, kind)]
    credit = len(given) > 1
    return "".join(
        (f'<div class="credit">{html.escape(guide.bank(w.bank).title)}</div>' if credit else "")
        + block(getattr(w.question, kind), w.question.source.file)
        for w in given
    )


def write_deck(
    guide: Guide,
    links: Links,
    out: Path,
    *,
    site_url: str,
    deck_name: str,
    templates: Path,
    assets: Assets = NO_ASSETS,
    epoch: int | None = None,
) -> None:
    """Write the deck to ``out`` (folders made as needed); see `deck_bytes`."""
    data = deck_bytes(
        guide,
        links,
        site_url=site_url,
        deck_name=deck_name,
        templates=templates,
        assets=assets,
        epoch=epoch,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)


def _package(deck: Any, stamp: int, media: Mapping[str, bytes]) -> bytes:
    """genanki's collection of ``deck``, made in memory and zipped with fixed metadata.

    ``media`` (file name → bytes) goes in as Anki expects: numbered zip entries,
    and a ``media`` index from number to name.
    """
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
    # zlib's default level: 9 took four times as long (0.38 against 0.10 s for the
    # collection of 10,000 questions) to make the deck 0.2 % smaller.
    names = sorted(media)
    index = json.dumps({str(n): name for n, name in enumerate(names)}, sort_keys=True).encode()
    entries = [("collection.anki2", collection), ("media", index)]
    entries += [(str(n), media[name]) for n, name in enumerate(names)]
    date = time.gmtime(max(stamp, _ZIP_EPOCH))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()

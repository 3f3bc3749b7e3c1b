"""The site's addresses: the one place that builds them, checks them and reads them back.

Every page, export, handout, deck and kit asks this module where a question,
topic or concept lives, so the URL scheme can change in one place.  Ids and
slugs are the only seed- or curation-derived parts of a path, and `is_slug`
is the grammar they must match: lowercase ASCII words joined by ``-``, which
can never climb out of a folder (``..``), start a scheme or break an attribute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Ids and slugs: ``bias-variance-tradeoff``, ``core-ml``."""
MAX_SLUG = 100
"""A longer id is a mistake (or an attack), not a name anyone pastes."""

TOPICS = "topics"
CONCEPTS = "concepts"
SHORT = "q"
KIT = "kit/"
KIT_PARAMETER = "ids"
"""``kit/?ids=a,b``: not ``q``, which Material reads as a search query."""
QUESTIONS_JSON = "questions.json"
PRACTICE_PAGE = "practice/index.md"
REVIEW_PAGE = "review/index.md"
KIT_PAGE = "kit/index.md"
ABOUT_PAGE = "about.md"
HANDOUTS = "handouts"
ALL_TOPICS = "all-topics"
DECK = "downloads/ml-interview-questions.apkg"
TOOL_PAGES = (("Review", REVIEW_PAGE), ("Practice", PRACTICE_PAGE), ("Kit builder", KIT_PAGE))
"""Title and docs path of the pages guide.js runs, in navigation order."""


def is_slug(value: object) -> bool:
    """Whether ``value`` is a valid id or slug (see `SLUG`)."""
    return isinstance(value, str) and len(value) <= MAX_SLUG and bool(SLUG.match(value))


# Pages, as paths inside the generated docs folder.


def topic_page(slug: str) -> str:
    return f"{TOPICS}/{slug}.md"


def concept_page(slug: str) -> str:
    return f"{CONCEPTS}/{slug}.md"


def concepts_index_page() -> str:
    return f"{CONCEPTS}/index.md"


def short_page(question_id: str) -> str:
    """The redirect page behind a live question's short link."""
    return f"{SHORT}/{question_id}/index.html"


def retired_page(question_id: str) -> str:
    """The page a retired id's short link shows."""
    return f"{SHORT}/{question_id}.md"


def is_reference_page(path: str) -> bool:
    """Pages reached from other pages, never listed in the navigation."""
    return path.startswith((f"{TOPICS}/", f"{CONCEPTS}/", f"{SHORT}/"))


# URLs, relative to the site's root.


def topic_url(slug: str) -> str:
    return f"{TOPICS}/{slug}/"


def topic_redirect_page(old_slug: str) -> str:
    """The redirect page at a topic's old address (see `redirects`)."""
    return f"{TOPICS}/{old_slug}/index.html"


def question_url(topic_slug: str, question_id: str) -> str:
    return f"{topic_url(topic_slug)}#{question_id}"


def concept_url(slug: str) -> str:
    return f"{CONCEPTS}/{slug}/"


def short_url(question_id: str) -> str:
    return f"{SHORT}/{question_id}/"


def kit_url(question_ids: list[str] | tuple[str, ...]) -> str:
    return f"{KIT}?{KIT_PARAMETER}={','.join(question_ids)}" if question_ids else KIT


KIT_TITLE_MAX = 200
KIT_NOTES_MAX = 4000
KIT_MINUTES_MAX = 999
"""The kit builder's limits (``guide-kit.js`` keeps the same): longer is cut, minutes
outside 1 to 999 are none."""


@dataclass(frozen=True)
class KitLink:
    """What a kit link the kit builder shares holds:
    ``kit/?ids=a,b,c&min=10,,5&title=…&notes=…`` (or the older ``kit/?q=a,b,c``)."""

    refs: tuple[str, ...]
    """The ids in the link, in its order (not yet checked against a guide)."""
    minutes: tuple[int, ...]
    """Minutes for each of `refs`, 0 for none."""
    title: str
    notes: str
    """Plain text, as typed in the browser."""


def kit_link(ref: str) -> KitLink | None:
    """The kit a kit-builder link holds, or None when ``ref`` is not such a link."""
    parts = urlsplit(ref.strip())
    path = [p for p in parts.path.split("/") if p and p != "index.html"]
    query = parse_qs(parts.query, keep_blank_values=True)
    listed = query.get(KIT_PARAMETER) or query.get("q")
    if not path or path[-1] != KIT.strip("/") or not listed:
        return None
    # Minutes go by position in the link, empty places included, as the kit builder reads them.
    given = (query.get("min") or [""])[0].split(",")
    placed = [
        (item.strip(), _minutes(given[n]) if n < len(given) else 0)
        for n, item in enumerate(listed[0].split(","))
        if item.strip()
    ]
    refs = tuple(item for item, _ in placed)
    minutes = tuple(n for _, n in placed)

    def text(key: str, limit: int) -> str:
        return (query.get(key) or [""])[0][:limit]

    return KitLink(refs, minutes, text("title", KIT_TITLE_MAX), text("notes", KIT_NOTES_MAX))


def _minutes(value: str) -> int:
    value = value.strip()
    return int(value) if value.isdigit() and 0 < int(value) <= KIT_MINUTES_MAX else 0


MAX_PDF_QUESTIONS = 1000
"""Questions in one PDF at most: a larger topic is printed in parts, in bounded memory."""


def handout(slug: str) -> str:
    """A topic's PDF handout (or the whole guide's, for `ALL_TOPICS`)."""
    return f"{HANDOUTS}/{slug}.pdf"


def handouts(slug: str, questions: int) -> list[str]:
    """A topic's handout, or its parts when it has more than `MAX_PDF_QUESTIONS` questions."""
    parts = -(-questions // MAX_PDF_QUESTIONS)
    if parts <= 1:
        return [handout(slug)]
    return [f"{HANDOUTS}/{slug}-{number}.pdf" for number in range(1, parts + 1)]


def whole_guide_handout(questions: int) -> bool:
    """Whether the whole guide is printed as one PDF too (only while it fits in one)."""
    return questions <= MAX_PDF_QUESTIONS


def absolute(site_url: str, relative: str) -> str:
    """``relative`` on the published site (``site_url`` ends in "/")."""
    return f"{site_url.rstrip('/')}/{relative}"


# Reading addresses back, as interviewers paste them.


def ref_id(ref: str) -> str | None:
    """The id in an id, a short link or a page link; None when ``ref`` is none of them."""
    text = unquote(ref.strip())
    if not text:
        return None
    parts = urlsplit(text)
    if parts.fragment:
        return parts.fragment.strip("/") or None
    path = [p for p in parts.path.split("/") if p and p != "index.html"]
    if len(path) >= 2 and path[-2] == SHORT:
        return path[-1]
    if len(path) == 1 and not parts.scheme and not parts.netloc and "." not in path[0]:
        return path[0]
    return None


def inside(relative: str) -> bool:
    """Whether a generated path stays inside its output folder (no ``..``, not absolute)."""
    path = PurePosixPath(relative)
    return (
        bool(relative)
        and not path.is_absolute()
        and "\\" not in relative
        and all(part not in ("..", ".", "") for part in relative.split("/"))
    )

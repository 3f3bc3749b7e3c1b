"""Files and headings a bank's text points at: which exist, and where they go in the site.

Banks link to files beside them (``![graph](images/graph.png)``,
``[paper](adam.pdf)``) and to their own headings (``[see Q3](#q3-what-is-…)``).
This stage finds every such target once per build: a file that exists inside the
seeds folder is copied into the site under a name made from its content, a
heading that became a question points at that question, and anything else is a
`check` warning with the question's line (the renderers show its words instead).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import files, urls
from .errors import Problem, StudyGuideError, display_path
from .markup import Targets, to_text
from .model import Guide, Question

_BLOCK = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_INLINE = MarkdownIt("commonmark", {"html": False})
_HTML_TARGET = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_ELSEWHERE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
MAX_ASSET = 20 * 1024 * 1024
"""The largest file copied from beside a seed into the site."""


@dataclass(frozen=True)
class Assets:
    """The local targets of a guide's text, resolved."""

    local: Mapping[tuple[str, str], str]
    """``(seed file, target as written)`` → site path of its copy."""
    anchors: Mapping[tuple[str, str], str]
    """``(seed file, "#fragment")`` → site path of the question or topic it names."""
    files: Mapping[str, bytes]
    """Site path → bytes, for the docs folder."""
    sources: Mapping[str, Path]
    """Site path → the file it was copied from (for outputs that embed it)."""
    warnings: tuple[Problem, ...]

    def targets(
        self, base: str, embed: Callable[[str], str] | None = None, md_pages: bool = False
    ) -> Targets:
        """How links and images resolve in an output whose site root is ``base``.

        ``md_pages`` points links to questions at the page Markdown files
        (``topics/x.md#id``), as links in page Markdown must be for MkDocs.
        """
        anchors = self.page_anchors if md_pages else self.anchors
        return Targets(base=base, local=self.local, anchors=anchors, embed=embed)

    @cached_property
    def page_anchors(self) -> Mapping[tuple[str, str], str]:
        return {key: _page_link(url) for key, url in self.anchors.items()}


NO_ASSETS = Assets(
    MappingProxyType({}), MappingProxyType({}), MappingProxyType({}), MappingProxyType({}), ()
)
"""For outputs made without a seeds folder to read files from (tests, a kit of text only)."""


def collect(guide: Guide, seeds_dir: Path) -> Assets:
    """Resolve every link and image target in the guide's questions."""
    headings = _anchors(guide)
    anchors: dict[tuple[str, str], str] = {}
    local: dict[tuple[str, str], str] = {}
    copies: dict[str, bytes] = {}
    sources: dict[str, Path] = {}
    warnings: dict[tuple[str, str], Problem] = {}
    for topic in guide.topics:
        for entry in (wording for lead in topic.entries for wording in lead.group):
            question = entry.question
            origin = question.source.file
            for target in _targets(question):
                key = (origin, target)
                if key in local or key in anchors or _ELSEWHERE.match(target):
                    continue
                if target.startswith("#"):
                    url = anchor_for(headings, origin, target)
                    if url:
                        anchors[key] = url
                    continue  # else a heading that is no question: its words are shown
                found = _copy(seeds_dir, origin, target)
                if isinstance(found, str):
                    shown = display_path(seeds_dir / origin)
                    warnings.setdefault(
                        (shown, target),
                        Problem(
                            shown, question.source.line, f"{target!r}: {found}; it is shown as text"
                        ),
                    )
                    continue
                path, data = found
                site_path = f"assets/seeds/{hashlib.sha256(data).hexdigest()[:12]}/{path.name}"
                local[key] = site_path
                copies[site_path] = data
                sources[site_path] = path
    return Assets(
        MappingProxyType(local),
        MappingProxyType(anchors),
        MappingProxyType(copies),
        MappingProxyType(sources),
        tuple(warnings.values()),
    )


def _page_link(url: str) -> str:
    """``topics/x/#id`` as the docs file MkDocs resolves it from: ``topics/x.md#id``."""
    page, _, fragment = url.partition("#")
    return f"{page.rstrip('/')}.md#{fragment}" if fragment else f"{page.rstrip('/')}.md"


_MAY_LINK = re.compile(r"\]\(|\]\s*\[|<|\[[^\]]*\]:")
"""What a text must contain to link anywhere: ``](``, a reference link, or HTML."""


def _targets(question: Question) -> Iterator[str]:
    """Every link and image target written in a question's texts."""
    for text in (question.text, *question.follow_ups):
        if _MAY_LINK.search(text):
            yield from _token_targets(_INLINE.parse(text))
    for text in (question.answer, question.hint, question.context, question.figure):
        if text and _MAY_LINK.search(text):
            tokens = _BLOCK.parse(text)
            yield from _token_targets(tokens)
            for token in _flatten(tokens):
                if token.type in ("html_block", "html_inline"):
                    for match in _HTML_TARGET.finditer(token.content):
                        yield next(g for g in match.groups()[1:] if g is not None)


def _token_targets(tokens: list[Token]) -> Iterator[str]:
    for token in _flatten(tokens):
        if token.type == "link_open":
            yield str(token.attrs.get("href", ""))
        elif token.type == "image":
            yield str(token.attrs.get("src", ""))


def _flatten(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from token.children or []


def _copy(seeds_dir: Path, origin: str, target: str) -> tuple[Path, bytes] | str:
    """The file a relative target names (inside the seeds folder), or why it cannot be used."""
    relative = unquote(urlsplit(target).path)
    if not relative or relative.startswith("/"):
        return "not a file beside the seed"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(origin), relative))
    if joined.startswith("../") or joined == "..":
        return "outside the seeds folder"
    path = seeds_dir / joined
    if not path.exists() and not path.is_symlink():
        return f"no such file beside the seed ({joined})"
    try:
        return path, files.read_regular(path, display_path(path), MAX_ASSET)
    except StudyGuideError as exc:
        return exc.problems[0].message if exc.problems else exc.text


def _anchors(guide: Guide) -> dict[tuple[str, str], str]:
    """In-page links a bank can write to its own headings, and the questions they became.

    GitHub names a heading's anchor after its words (lowercased, punctuation
    dropped, spaces as ``-``); the question keeps its words without its number,
    so ``#q1-what-is-x`` finds the question ``What is x?`` by its ending.
    """
    found: dict[tuple[str, str], str] = {}
    seen: dict[tuple[str, str], int] = {}
    for topic in guide.topics:
        for entry in (wording for lead in topic.entries for wording in lead.group):
            origin = entry.question.source.file
            slug = github_slug(entry.question.text)
            if slug:
                key = (origin, slug)
                seen[key] = seen.get(key, 0) + 1
                found[(origin, f"#{slug}")] = urls.question_url(topic.slug, entry.id)
    return {key: url for key, url in found.items() if seen[(key[0], key[1][1:])] == 1}


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading with these words."""
    plain = to_text(text).strip().lower()
    return re.sub(r"\s", "-", re.sub(r"[^\w\- ]", "", plain))


def anchor_for(anchors: Mapping[tuple[str, str], str], origin: str, fragment: str) -> str | None:
    """The question an in-page link names: exactly, or by the ending after its number."""
    if (origin, fragment) in anchors:
        return anchors[(origin, fragment)]
    for (file, known), url in anchors.items():
        if (
            file == origin
            and fragment.endswith(known[1:])
            and fragment[: -len(known) + 1].rstrip("-")
        ):
            return url
    return None

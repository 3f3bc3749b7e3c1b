"""The site's own scripts and stylesheets, without their comments and indentation.

``docs/assets/javascripts/guide*.js`` and ``docs/assets/stylesheets/guide*.css``
are written to be read: a third of their bytes are comments saying why.  Every
page downloads them, against a first-load budget, so the build ships them
compacted.  Only what cannot change their meaning goes: whole-line comments
(``//`` in scripts, ``/* … */`` in stylesheets, starting a line) and the
whitespace around lines.  That holds because these files, unlike vendored ones,
keep to two rules: a comment never shares a line with code, and no string or
template literal spans lines.  Anything else (vendor/, images) is left as it is.
"""

from __future__ import annotations

import re

OURS = re.compile(r"^assets/(?:javascripts/guide[\w-]*\.js|stylesheets/guide[\w-]*\.css)$")
"""Docs-relative paths of the guide's own scripts and stylesheets."""


def compact(path: str, data: bytes) -> bytes:
    """``data`` compacted when ``path`` is one of ours (see `OURS`), else unchanged."""
    if not OURS.match(path):
        return data
    lines = data.decode("utf-8").splitlines()
    kept = _without_css_comments(lines) if path.endswith(".css") else _without_js_comments(lines)
    return "".join(line + "\n" for line in kept).encode("utf-8")


def _without_js_comments(lines: list[str]) -> list[str]:
    stripped = (line.strip() for line in lines)
    return [line for line in stripped if line and not line.startswith("//")]


def _without_css_comments(lines: list[str]) -> list[str]:
    kept: list[str] = []
    in_comment = False
    for line in (line.strip() for line in lines):
        if not in_comment and line.startswith("/*"):
            in_comment = True
        if in_comment:
            in_comment = not line.endswith("*/")
            continue
        if line:
            kept.append(line)
    return kept

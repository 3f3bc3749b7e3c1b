"""Golden tests of `markup`, the one renderer of seed text.

``tests/golden/markup/inline.yaml`` holds inline Markdown and its HTML, page
Markdown and plain text; ``blocks.yaml`` holds block Markdown (answers, hints)
and its sanitised HTML.  ``pytest --update-goldens`` writes the outputs of
each case from the renderer; review the diff by hand before keeping it.  The
expected outputs were read and checked by a person, never produced by the
function under test and compared with itself in the same run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.markup import Targets, plain_markdown, to_block_html, to_html, to_markdown, to_text

GOLDEN = Path(__file__).parent / "golden" / "markup"
ORIGIN = "bank.md"
TARGETS = Targets(
    base="../../",
    local={
        (ORIGIN, "images/graph.png"): "assets/seeds/0123456789ab/graph.png",
        (ORIGIN, "adam.pdf"): "assets/seeds/ba9876543210/adam.pdf",
    },
    anchors={(ORIGIN, "#q1-what-is-x"): "topics/core/#what-is-x"},
)


def load(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load((GOLDEN / name).read_text(encoding="utf-8"))
    return cases


def inline_outputs(source: str) -> dict[str, str]:
    return {"html": to_html(source), "markdown": to_markdown(source), "text": to_text(source)}


def block_outputs(source: str) -> dict[str, str]:
    return {"html": to_block_html(source, ORIGIN, TARGETS)}


class _Dumper(yaml.SafeDumper):
    """Writes texts of several lines as literal blocks, as they read."""


_Dumper.add_representer(
    str,
    lambda dumper, data: dumper.represent_scalar(
        "tag:yaml.org,2002:str", data, style="|" if "\n" in data.strip("\n") else None
    ),
)


def _update(name: str, outputs: Any) -> None:
    cases = load(name)
    head = (GOLDEN / name).read_text(encoding="utf-8").split("\n- name:")[0]
    for case in cases:
        case.update(outputs(case["input"]))
    body = yaml.dump(cases, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    (GOLDEN / name).write_text(head.rstrip() + "\n" + body, encoding="utf-8")


@pytest.mark.parametrize("case", load("inline.yaml"), ids=lambda c: c["name"])
def test_inline(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-goldens"):
        _update("inline.yaml", inline_outputs)
        return
    assert inline_outputs(case["input"]) == {k: case[k] for k in ("html", "markdown", "text")}


@pytest.mark.parametrize("case", load("blocks.yaml"), ids=lambda c: c["name"])
def test_blocks(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-goldens"):
        _update("blocks.yaml", block_outputs)
        return
    assert block_outputs(case["input"]) == {"html": case["html"]}


def test_no_rendering_of_any_case_carries_a_script_handler_or_frame() -> None:
    """Checked with an HTML parser on every golden output, whatever its wording."""
    outputs = [inline_outputs(c["input"])["html"] for c in load("inline.yaml")]
    outputs += [block_outputs(c["input"])["html"] for c in load("blocks.yaml")]
    for html in outputs:
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(["script", "style", "iframe", "form", "input", "object"])
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on") or a == "style"], tag
            for name in ("href", "src"):
                value = str(tag.get(name, ""))
                assert not value.lower().startswith(("javascript:", "data:", "vbscript:"))
                assert not (tag.name == "img" and value.startswith("http")), tag


@pytest.mark.parametrize(
    ("typed", "html"),
    [
        ("Ask for *trade-offs*.\nStop at 45.", "<p>Ask for *trade-offs*.<br />\nStop at 45.</p>\n"),
        ("1. first\n- second\n+ third", "<p>1. first<br />\n- second<br />\n+ third</p>\n"),
        ("# not a heading\n> nor a quote", "<p># not a heading<br />\n&gt; nor a quote</p>\n"),
        ("Title\n===", "<p>Title<br />\n===</p>\n"),
        (
            "    not code\n\n\nnew <b>paragraph</b>",
            "<p>not code</p>\n<p>new &lt;b&gt;paragraph&lt;/b&gt;</p>\n",
        ),
        ("[a](javascript:alert(1)) `x` \\", "<p>[a](javascript:alert(1)) `x` \\</p>\n"),
    ],
)
def test_plain_text_notes_show_as_typed(typed: str, html: str) -> None:
    """Notes typed in the kit builder, printed by the CLI kit: every character as typed,
    each line break kept; written by hand, read back through CommonMark."""
    from markdown_it import MarkdownIt

    assert MarkdownIt("commonmark", {"html": False}).render(plain_markdown(typed)) == html

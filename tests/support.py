"""Test data shared by several test modules (test modules never import each other)."""

from __future__ import annotations

from pathlib import Path

HOSTILE = [
    "<script>alert('q')</script> Why?",
    "What does {{ config.site_name }} print? {% raw %}",
    "Is a | b | c a table?",
    "What is C# and # a heading?",
    "Why use `a|b` or a lone ` backtick?",
    r"Path C:\temp\new and \* a backslash?",
    "<img src=x onerror=alert(1)> and &amp; and &lt;b&gt;?",
    "- Not a bullet?",
    "1. Not a list?",
    "{: #evil .class } attr list?",
    "[link](javascript:alert(1)) and ![img](x.png)?",
]
SEEN = [
    "<script>alert('q')</script> Why?",
    "What does {{ config.site_name }} print? {% raw %}",
    "Is a | b | c a table?",
    "What is C# and # a heading?",
    "Why use a|b or a lone ` backtick?",
    r"Path C:\temp\new and * a backslash?",
    "<img src=x onerror=alert(1)> and & and <b>?",
    "- Not a bullet?",
    "1. Not a list?",
    "{: #evil .class } attr list?",
    "[link](javascript:alert(1)) and img?",
]
"""What a reader sees: the text, after the seed's own inline Markdown (code, escapes)."""


def write_hostile_seed(seeds: Path, title: str, name: str = "hostile.md") -> None:
    """A seed whose section title is ``title`` and whose every question is hostile."""
    lines = [f"## {title}"]
    for number, text in enumerate(HOSTILE, start=1):
        lines += ["", f"### {number}. {text}", "**Follow-ups:**", f"- Also: {text}", "- plain"]
    (seeds / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

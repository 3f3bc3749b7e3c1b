"""The project's YAML files (curation, concepts, ids, labels), read one way.

Each file is read as a tree of nodes, so every problem names its line; all
problems are collected, then raised once.  Anchors and aliases are refused:
a few hundred bytes of nested aliases expand into gigabytes, and no file of
ours needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .errors import Problem, StudyGuideError
from .files import read_regular

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: several times faster."""
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class NodeReader:
    """Reads a YAML node tree, collecting every problem with its line."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node | None, message: str) -> None:
        self.problems.append(Problem(self.file, line_of(node), message))

    def stop(self) -> None:
        """Raise every problem found so far, if any."""
        if self.problems:
            raise StudyGuideError(self.problems)

    def mapping(
        self, node: yaml.Node | None, keys: set[str], what: str, example: str = ""
    ) -> dict[str, yaml.Node]:
        """The values of a mapping by key; unknown keys and non-mappings are problems."""
        if not isinstance(node, yaml.MappingNode):
            like = f", like:\n{example}" if example else ""
            self.fail(node, f"{what} must be a mapping of keys to values{like}")
            return {}
        fields: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = self.text(key_node)
            if key not in keys:
                self.fail(
                    key_node, f"unknown key {key!r} in {what}; expected one of {sorted(keys)}"
                )
            elif key in fields:
                self.fail(key_node, f"key {key!r} appears twice in {what}")
            else:
                fields[key] = value
        return fields

    def items(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        """The items of a list (a missing or null value is an empty list)."""
        if node is None or _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list")
            return []
        return list(node.value)

    def text(self, node: yaml.Node | None) -> str:
        """A scalar's text, stripped ("" for a missing or null value)."""
        if node is None or _is_null(node):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, "expected a single value here, not a list or mapping")
            return ""
        return str(node.value).strip()

    def texts(self, node: yaml.Node | None, what: str) -> list[tuple[str, yaml.Node]]:
        """A list of scalars (or one scalar), each with its node for its line."""
        if isinstance(node, yaml.SequenceNode):
            return [(self.text(item), item) for item in node.value]
        if node is None or _is_null(node):
            return []
        return [(self.text(node), node)]

    def is_string(self, node: yaml.Node | None) -> bool:
        """Whether a scalar is text as written, not a number or boolean YAML would convert."""
        return isinstance(node, yaml.ScalarNode) and (
            node.style in ("'", '"', "|", ">") or node.tag == "tag:yaml.org,2002:str"
        )


_MAY_ALIAS = re.compile(r"(?:^|[:?,\[{-])[ \t]*(?:![^\s]*[ \t]+)?[&*][^\s,\[\]{}]", re.M)
"""An anchor (``&a``) or alias (``*a``) where YAML could read one: where a node starts, at
the start of a line or after ``:``, ``-``, ``?``, ``,``, ``[`` or ``{``, maybe after a tag.
Most files have none, so they skip the event scan that would find them; an asterisk of
Markdown emphasis inside a question's text (``what is *bias*``) does not count."""


def line_of(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def read_tree(path: Path, shown: str) -> yaml.Node | None:
    """The node tree of a YAML file (None when it is empty); problems name ``shown``."""
    try:
        text = read_regular(path, shown).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StudyGuideError([Problem(shown, 0, f"not valid UTF-8: {exc.reason}")]) from None
    try:
        if _MAY_ALIAS.search(text):  # only then can there be anchors and aliases
            for line, what in _anchors(text):
                raise StudyGuideError(
                    [Problem(shown, line, f"YAML {what} are not allowed in this file")]
                )
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise StudyGuideError(
            [Problem(shown, mark.line + 1 if mark else 0, f"invalid YAML: {exc.problem}")]
        ) from None
    except yaml.YAMLError as exc:
        raise StudyGuideError([Problem(shown, 0, f"invalid YAML: {exc}")]) from None


def _anchors(text: str) -> Iterator[tuple[int, str]]:
    for event in yaml.parse(text, Loader=FAST_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            yield line, "aliases (*name)"
        elif getattr(event, "anchor", None):
            yield line, "anchors (&name)"

"""Parsed seeds kept between builds as JSON, keyed by everything that made them.

The key is a hash of the seed's bytes and name, markdown-it-py's version and
the source of every module that turns bytes into a `Seed`, so a changed
parser never serves a stale parse.  Entries are data (never pickles), so a
planted cache file can at worst describe a seed, never run code.  Entries
unused for `KEEP_DAYS` are pruned.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import time
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import markdown_it

from .files import write_atomic
from .model import Seed

KEEP_DAYS = 30
SUFFIX = ".seed.json"


def parser_key(modules: tuple[str, ...]) -> bytes:
    """What the parse depends on besides the seed: markdown-it-py's version and the
    source of our ``modules`` (names in this package; read, not imported)."""
    digest = hashlib.sha256(f"markdown-it-py {markdown_it.__version__}\0".encode())
    for name in modules:
        digest.update(Path(__file__).with_name(f"{name}.py").read_bytes())
    return digest.digest()


class SeedCache:
    """A folder of parsed seeds."""

    def __init__(self, folder: Path, parser: bytes) -> None:
        self.folder = folder
        self.parser = parser
        self.added = False

    def _path(self, name: str, raw: bytes) -> Path:
        key = hashlib.sha256(self.parser + name.encode() + b"\0" + raw).hexdigest()
        return self.folder / f"{key}{SUFFIX}"

    def get(self, name: str, raw: bytes) -> Seed | None:
        path = self._path(name, raw)
        try:
            seed = _builder(Seed)(json.loads(path.read_bytes()))
            path.touch()
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return seed if isinstance(seed, Seed) and seed.file == name else None

    def put(self, name: str, raw: bytes, seed: Seed) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomic(self._path(name, raw), json.dumps(_data(seed)).encode())
            self.added = True

    def prune(self) -> None:
        """Forget parses nobody asked for in `KEEP_DAYS`.

        Only after this cache grew: a rebuild that parsed nothing new has nothing to
        make room for, and listing a big cache folder costs more than the rebuild's reads.
        """
        if not self.added:
            return
        cutoff = time.time() - KEEP_DAYS * 86400
        for path in self.folder.glob(f"*{SUFFIX}"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue


def _data(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_data(item) for item in value]
    return value


@functools.cache
def _builder(kind: Any) -> Callable[[Any], Any]:
    """A function turning what `_data` made back into a value of type ``kind`` (TypeError
    if it is not one), made once per type: a big bank's cache holds hundreds of thousands
    of values, too many to inspect each one's type."""
    origin = typing.get_origin(kind)
    if is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        parts = tuple((f.name, _builder(hints[f.name])) for f in fields(kind))

        def record(data: Any) -> Any:
            if not isinstance(data, dict):
                raise TypeError(kind)
            return kind(**{name: part(data[name]) for name, part in parts})

        return record
    if origin is tuple:
        item = _builder(typing.get_args(kind)[0])

        def items(data: Any) -> tuple[Any, ...]:
            if not isinstance(data, list):
                raise TypeError(kind)
            return tuple(map(item, data))

        return items
    if origin in (typing.Union, types.UnionType):  # ``str | None``
        options = typing.get_args(kind)
        value = _builder(next(option for option in options if option is not type(None)))
        if type(None) not in options:
            return value
        return lambda data: None if data is None else value(data)
    if kind in (str, int):

        def scalar(data: Any) -> Any:
            if isinstance(data, kind) and not isinstance(data, bool):
                return data
            raise TypeError(kind)

        return scalar
    raise TypeError(kind)

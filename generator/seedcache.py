"""Parsed seeds kept between builds as JSON, keyed by everything that made them.

The key is a hash of the seed's bytes and name, markdown-it-py's version and
the source of every module that turns bytes into a `Seed`, so a changed
parser never serves a stale parse.  Entries are data (never pickles), so a
planted cache file can at worst describe a seed, never run code.  Entries
unused for `KEEP_DAYS` are pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
import types
import typing
from dataclasses import fields, is_dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .files import write_atomic
from .model import Seed

KEEP_DAYS = 30
SUFFIX = ".seed.json"


def parser_key(modules: tuple[types.ModuleType, ...]) -> bytes:
    """What the parse depends on besides the seed: library versions and our own code."""
    digest = hashlib.sha256(f"markdown-it-py {version('markdown-it-py')}\0".encode())
    for module in modules:
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.digest()


class SeedCache:
    """A folder of parsed seeds."""

    def __init__(self, folder: Path, parser: bytes) -> None:
        self.folder = folder
        self.parser = parser

    def _path(self, name: str, raw: bytes) -> Path:
        key = hashlib.sha256(self.parser + name.encode() + b"\0" + raw).hexdigest()
        return self.folder / f"{key}{SUFFIX}"

    def get(self, name: str, raw: bytes) -> Seed | None:
        path = self._path(name, raw)
        try:
            seed = _build(Seed, json.loads(path.read_bytes()))
            path.touch()
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return seed if isinstance(seed, Seed) and seed.file == name else None

    def put(self, name: str, raw: bytes, seed: Seed) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomic(self._path(name, raw), json.dumps(_data(seed)).encode())

    def prune(self) -> None:
        """Forget parses nobody asked for in `KEEP_DAYS`."""
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


def _build(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that `_data` turned into ``data``; TypeError if it is not one."""
    origin = typing.get_origin(kind)
    if is_dataclass(kind) and isinstance(kind, type):
        if not isinstance(data, dict):
            raise TypeError(kind)
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _build(hints[f.name], data[f.name]) for f in fields(kind)})
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if not isinstance(data, list):
            raise TypeError(kind)
        return tuple(_build(item, value) for value in data)
    if kind in (str, int) and isinstance(data, kind) and not isinstance(data, bool):
        return data
    raise TypeError(kind)

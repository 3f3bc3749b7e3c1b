"""Write generated pages without ever losing the previous good output.

Two ways, one rule set (`planned_files`):

* `stage` builds the new docs folder *beside* the current one.  Files whose
  bytes did not change are hard links to the current ones, so they keep their
  modification time and MkDocs' ``--dirty`` and ``serve`` reuse still work.
  `replace_dir` then swaps it in, only after the site built.
* `sync` updates a folder in place, one atomic file at a time, for the live
  preview, where MkDocs watches a fixed folder.

Either way a generated page never overwrites a hand-written one: a clash is an
error naming both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .errors import StudyGuideError, display_path


def planned_files(pages: Mapping[str, str], handwritten: Path) -> dict[str, bytes]:
    """The docs folder's whole content: hand-written files plus generated pages."""
    files: dict[str, bytes] = {}
    if handwritten.is_dir():
        for path in sorted(handwritten.rglob("*")):
            relative = path.relative_to(handwritten)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                files[relative.as_posix()] = path.read_bytes()
    clashes = sorted(set(files) & set(pages))
    if clashes:
        shown = display_path(handwritten / clashes[0])
        raise StudyGuideError(
            f"{shown}: hand-written page is where the generator writes {clashes[0]}; "
            "rename or move it (the generator never overwrites it)"
        )
    files.update((path, text.encode("utf-8")) for path, text in pages.items())
    return files


def stage(files: Mapping[str, bytes], current: Path) -> Path:
    """A new folder beside ``current`` holding ``files``; unchanged files are hard links."""
    staging = _sibling(current, "new")
    for relative, data in files.items():
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        old = current / relative
        if _same(old, data):
            try:
                os.link(old, target)
                continue
            except OSError:
                shutil.copy2(old, target)
                continue
        target.write_bytes(data)
    return staging


def sync_file(path: Path, data: bytes) -> bool:
    """Atomically rewrite one file if its content changed; return whether it did."""
    if _same(path, data):
        return False
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def sync(files: Mapping[str, bytes], target: Path) -> list[str]:
    """Make ``target`` hold exactly ``files``, writing only what changed; return what did."""
    changed: list[str] = []
    for relative, data in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if sync_file(path, data):
            changed.append(relative)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            relative = path.relative_to(target).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                changed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def replace_dir(new: Path, current: Path) -> None:
    """Put ``new`` in place of ``current``; the old folder is removed only afterwards."""
    old = _sibling(current, "old") if current.exists() else None
    if old is not None:
        current.rename(old)
    new.rename(current)
    if old is not None:
        shutil.rmtree(old)


def discard(path: Path) -> None:
    """Remove a staging folder left by a failed build."""
    shutil.rmtree(path, ignore_errors=True)


def _sibling(current: Path, kind: str) -> Path:
    path = current.parent / f".{current.name}.{kind}"
    if path.exists():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "new":
        path.mkdir()
    return path


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False

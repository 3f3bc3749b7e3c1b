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

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .compact import compact
from .errors import StudyGuideError, display_path
from .files import write_atomic
from .urls import inside


def planned_files(
    pages: Mapping[str, str], handwritten: Path, copies: Mapping[str, bytes] | None = None
) -> dict[str, bytes]:
    """The docs folder's whole content: hand-written files (the guide's own scripts and
    stylesheets compacted, see `compact`), generated pages and ``copies`` (files the
    seeds link to)."""
    generated = {path: text.encode("utf-8") for path, text in pages.items()} | dict(copies or {})
    files: dict[str, bytes] = {}
    if handwritten.is_dir():
        for path in sorted(handwritten.rglob("*")):
            relative = path.relative_to(handwritten)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                files[relative.as_posix()] = compact(relative.as_posix(), path.read_bytes())
    clashes = sorted(set(files) & set(generated))
    if clashes:
        shown = display_path(handwritten / clashes[0])
        raise StudyGuideError.message(
            f"{shown}: hand-written page is where the generator writes {clashes[0]}; "
            "rename or move it (the generator never overwrites it)"
        )
    outside = sorted(path for path in generated if not inside(path))
    if outside:
        raise StudyGuideError.message(
            f"refusing to write {outside[0]!r}: it is outside the docs folder"
        )
    files.update(generated)
    return files


def stage(files: Mapping[str, bytes], current: Path) -> Path:
    """A new folder beside ``current`` holding ``files``; unchanged files are hard links."""
    staging = _sibling(current, "new")
    for relative, data in files.items():
        _check_inside(relative)
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


def staging(current: Path) -> Path:
    """An empty folder beside ``current`` to build its replacement in (a stale one is cleared)."""
    return _sibling(current, "new")


def sync_file(path: Path, data: bytes) -> bool:
    """Atomically rewrite one file if its content changed; return whether it did."""
    if _same(path, data):
        return False
    write_atomic(path, data)
    return True


def sync(files: Mapping[str, bytes], target: Path) -> list[str]:
    """Make ``target`` hold exactly ``files``, writing only what changed; return what did."""
    changed: list[str] = []
    for relative, data in files.items():
        _check_inside(relative)
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
    try:
        new.rename(current)
    except BaseException:
        if old is not None:
            old.rename(current)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def recover(current: Path) -> None:
    """Put back what a build killed halfway through its swap left, before a new build.

    Killed between the two renames of `replace_dir`, a build leaves no ``current``
    and the previous output in ``.current.old``: that is restored, and any stale
    staging folder is removed.
    """
    old = current.parent / f".{current.name}.old"
    if not current.exists() and old.is_dir():
        old.rename(current)
    for kind in ("new", "old"):
        discard(current.parent / f".{current.name}.{kind}")


def discard(path: Path) -> None:
    """Remove a staging folder left by a failed build."""
    shutil.rmtree(path, ignore_errors=True)


def _check_inside(relative: str) -> None:
    """Every output path is checked, whoever planned it: nothing is written outside its folder."""
    if not inside(relative):
        raise StudyGuideError.message(
            f"refusing to write {relative!r}: it is outside the output folder"
        )


@contextmanager
def locked(lock_file: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the project's build lock; ``on_wait`` is called once if another build has it.

    Two builds of one project share the staging folders and the registry, so the
    second waits for the first instead of swapping half a site in.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


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

"""Reading the user's files and writing ours, safely.

A seeds folder is input from anywhere: a bank dropped in from another
repository may hold a symbolic link to a secret, a FIFO that blocks a read
forever or a link to ``/dev/zero``.  So input is read only from regular files
inside the folder, never through a link, and never more than `MAX_BYTES`.
Output goes through `write_atomic`: a temporary file made with exclusive
creation (a planted link in its place is never followed), then renamed over
the target, so a reader never sees half a file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import Problem, StudyGuideError

MAX_BYTES = 32 * 1024 * 1024
"""The largest seed, curation or registry file read (a 60,000-question bank is 5 MB)."""


def read_regular(path: Path, shown: str, limit: int | None = None) -> bytes:
    """The bytes of ``path``, a regular file that is not a symbolic link.

    Raises `StudyGuideError` naming ``shown`` otherwise, or when it is over ``limit``
    bytes (default `MAX_BYTES`).
    """
    limit = MAX_BYTES if limit is None else limit
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _problem(shown, "is a symbolic link; put the file itself here") from None
        raise _problem(shown, f"cannot read file: {exc.strerror}") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise _problem(shown, "is not a regular file; only regular files are read")
    with os.fdopen(descriptor, "rb") as stream:
        if info.st_size > limit:
            raise _problem(shown, f"is {info.st_size:,} bytes; the limit is {limit:,}")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _problem(shown, f"is over the limit of {limit:,} bytes")
    return data


def is_regular(path: Path) -> bool:
    """Whether ``path`` itself (not what a link points to) is a regular file."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through an exclusively created temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _problem(shown: str, message: str) -> StudyGuideError:
    return StudyGuideError([Problem(shown, 0, message)])

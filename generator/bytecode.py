"""A Jinja bytecode cache whose entries are signed, so a planted file cannot run code.

Jinja's bytecode cache stores marshalled code objects and runs them: anyone who
can write into the cache folder could make the next build run their code.  Each
entry here carries an HMAC of its bytes under a key that only this user can read
(`key`), and an entry whose signature does not match is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import jinja2

from .files import write_atomic

_MAC = hashlib.sha256().digest_size


def key_file() -> Path:
    """Where this user's signing key lives: outside any project, readable by the user alone."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "studyguide" / "cache-key"


def key() -> bytes | None:
    """This user's signing key, made on first use; None when it cannot be kept."""
    path = key_file()
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(32))
        return _read_key(path)
    except OSError:
        try:
            return _read_key(path)  # another process made it first
        except OSError:
            return None


def _read_key(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if info.st_uid != os.getuid() or info.st_mode & 0o077:
            raise PermissionError(f"{path}: others can read or own the key")
        data = stream.read(64)
    if len(data) != 32:
        raise PermissionError(f"{path}: not a key")
    return data


class SignedCache(jinja2.BytecodeCache):
    """Compiled templates in ``folder``, each signed with this user's `key`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.secret = key()

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.secret is None:
            return
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        mac, body = data[:_MAC], data[_MAC:]
        if hmac.compare_digest(mac, hmac.new(self.secret, body, hashlib.sha256).digest()):
            bucket.bytecode_from_string(body)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.secret is None:
            return
        body = bucket.bytecode_to_string()
        mac = hmac.new(self.secret, body, hashlib.sha256).digest()
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomic(self._path(bucket), mac + body)

"""Printed PDFs kept between builds, named by a hash of everything that makes their bytes.

A handout is a pure function of its print HTML and of how it is printed: the
stylesheet with its paper size, the site's address (relative links), the images
it embeds, the fonts installed, WeasyPrint's version, the code that calls it and
the date it carries.  `print_key` hashes all of these, so an entry is reused only
for a document that would print to the same bytes, and a rebuild after a
one-question edit prints only that topic's handout and the whole guide's.

Entries are PDFs printed straight into the folder through a temporary file renamed
into place, so a reader never sees half a PDF; entries unused for `KEEP_DAYS` are
pruned, only by a build that added some.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from .seedcache import KEEP_DAYS

SUFFIX = ".pdf"
FORMAT = b"studyguide print cache 1"
"""Changed when what an entry means changes."""
FONT_FOLDERS = ("/etc/fonts", "/usr/share/fonts", "/usr/local/share/fonts")
"""Where Debian keeps fonts and fontconfig's rules; the user's own folders are added."""
FONT_VARIABLES = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")


def print_key(html: str, setting: bytes, images: Iterable[bytes] = ()) -> str:
    """The entry's name: the HTML, how it is printed (`print_setting`) and the bytes of
    the images it embeds."""
    digest = hashlib.sha256(FORMAT + b"\0" + setting)
    for image in images:
        digest.update(hashlib.sha256(image).digest())
    digest.update(b"\0" + html.encode())
    return digest.hexdigest()


def print_setting(css: str, base_url: str, date: str) -> bytes:
    """What every document of one build is printed with, besides its HTML and images.

    ``date`` is the build epoch's timestamp, or "" when no ``SOURCE_DATE_EPOCH`` is
    set: a PDF is then dated when its content was first printed.
    """
    printer = Path(__file__).with_name("printer.py").read_bytes()
    versions = " ".join(f"{name} {_version(name)}" for name in ("weasyprint", "pydyf"))
    parts = [versions.encode(), printer, css.encode(), base_url.encode(), date.encode()]
    return b"\0".join([*parts, fonts_fingerprint()])


def fonts_fingerprint() -> bytes:
    """Every font file and fontconfig rule, by name, size and modification time.

    A font package upgraded, added or removed changes it; a font folder that only a
    custom fontconfig file names is not seen (delete the build folder after changing
    one).  Listing about 400 files takes a few milliseconds.
    """
    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local/share")
    folders = [*FONT_FOLDERS, str(home / ".fonts"), str(data / "fonts")]
    digest = hashlib.sha256()
    for name in FONT_VARIABLES:
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    for folder in folders:
        for parent, subfolders, files in os.walk(folder):
            subfolders.sort()
            for name in sorted(files):
                path = Path(parent, name)
                with contextlib.suppress(OSError):
                    info = path.stat()
                    digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.digest()


class PrintCache:
    """A folder of printed PDFs, each named by its `print_key`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.added = False

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def used(self, key: str) -> None:
        """Mark the entry as used now: it is kept another `KEEP_DAYS`."""
        with contextlib.suppress(OSError):
            os.utime(self.path(key))

    def prune(self) -> None:
        """Forget PDFs nobody asked for in `KEEP_DAYS`, after a build that added some."""
        if not self.added:
            return
        cutoff = time.time() - KEEP_DAYS * 86400
        for path in self.folder.glob(f"*{SUFFIX}"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"

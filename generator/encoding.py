"""Read a seed file as the text its author meant, repairing mojibake.

Mojibake is UTF-8 whose bytes were once decoded with a single-byte code page
(Mac Roman, Windows-1252, Latin-1) and saved again.  Each original character
became two to four "wrong" characters, and reversing it is exact: encode those
characters back with the same code page and decode the bytes as UTF-8.

``ftfy`` is not used because it is not exact here: it drops the emoji of a Mac
Roman file and straightens curly quotes.  The repair is decided line by line,
so a file that mixes clean lines with mojibake of different code pages is fixed
where needed and left alone elsewhere.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .errors import Problem, StudyGuideError

CODE_PAGES = ("mac_roman", "cp1252")
"""Tried in this order for each line; ``cp1252`` falls back to Latin-1 (see `_byte`)."""


def read_seed(path: Path, display: str) -> str:
    """Return the repaired text of ``path``; raise `StudyGuideError` if it is unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StudyGuideError([Problem(display, 0, f"cannot read file: {exc.strerror}")]) from None
    return decode_seed(data, display)


def decode_seed(data: bytes, display: str) -> str:
    """Decode UTF-8 bytes, strip a BOM, normalise newlines and repair mojibake."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise StudyGuideError(
            [
                Problem(
                    display,
                    line,
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); "
                    "save the file as UTF-8",
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(repair_line(line) for line in text.split("\n"))


def repair_line(line: str) -> str:
    """Undo mojibake in one line, or return it unchanged if it is not mojibake."""
    if line.isascii():
        return line
    for code_page in CODE_PAGES:
        fixed = _reverse(line, code_page)
        if fixed is not None:
            return fixed
    return line


def _reverse(line: str, code_page: str) -> str | None:
    """Reverse the mojibake of ``code_page``, if the line shows enough of it.

    Enough means every non-ASCII character is part of a sequence, or at least one
    sequence is three or four bytes long.  That is what keeps clean text safe: in
    real prose a curly quote may pair with the next accented letter into a valid
    two-byte sequence, but it does not pair up *every* non-ASCII character of a
    line, nor form a longer sequence.  A pasted clean word inside a mojibake line
    survives the second rule untouched.
    """
    out: list[str] = []
    orphans = False
    strong = False
    i = 0
    while i < len(line):
        decoded = None if line[i].isascii() else _sequence_at(line, i, code_page)
        if decoded is None:
            orphans = orphans or not line[i].isascii()
            out.append(line[i])
            i += 1
            continue
        out.append(decoded[0])
        strong = strong or decoded[1] > 2
        i += decoded[1]
    if orphans and not strong:
        return None
    return "".join(out) if out != list(line) else None


def _sequence_at(line: str, start: int, code_page: str) -> tuple[str, int] | None:
    """Decode the UTF-8 sequence that the characters at ``start`` stand for, if any."""
    lead = _byte(line[start], code_page)
    if lead is None:
        return None
    if 0xC2 <= lead <= 0xDF:
        length = 2
    elif 0xE0 <= lead <= 0xEF:
        length = 3
    elif 0xF0 <= lead <= 0xF4:
        length = 4
    else:
        return None
    raw = bytearray([lead])
    for char in line[start + 1 : start + length]:
        byte = _byte(char, code_page)
        if byte is None or not 0x80 <= byte <= 0xBF:
            return None
        raw.append(byte)
    if len(raw) != length:
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if unicodedata.category(decoded) in {"Cc", "Cn", "Cs"}:
        return None
    return decoded, length


def _byte(char: str, code_page: str) -> int | None:
    """The byte ``char`` came from under ``code_page``, or None.

    Windows-1252 leaves five bytes undefined; tools that decoded mojibake with
    it map those to the Latin-1 control characters, so Latin-1 is the fallback.
    """
    try:
        return char.encode(code_page)[0]
    except UnicodeEncodeError:
        if code_page == "cp1252" and ord(char) < 0x100:
            return ord(char)
        return None

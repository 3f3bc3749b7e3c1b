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
from .files import read_regular

CODE_PAGES = ("mac_roman", "cp1252")
"""Tried in this order for each line; ``cp1252`` falls back to Latin-1 (see `_byte`)."""


_UTF16 = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
"""Byte-order marks of UTF-16, as Windows editors save "Unicode" text."""


def read_seed(path: Path, display: str) -> str:
    """The repaired text of the seed file ``path`` (a regular file, see `files`)."""
    return decode_seed(read_regular(path, display), display)


def decode_seed(data: bytes, display: str) -> str:
    """Decode UTF-8 bytes, strip a BOM, normalise newlines and repair mojibake.

    Newlines and the BOM are dealt with on the bytes (CR and LF never occur inside
    a UTF-8 sequence), so an encoding error points at the line and column an
    editor shows, also in a file with old Mac (CR) line ends.
    """
    if data[:2] in _UTF16 and not data.startswith(b"\xff\xfe\x00\x00"):
        try:
            data = data[2:].decode(_UTF16[data[:2]]).encode("utf-8")
        except UnicodeDecodeError:
            raise StudyGuideError(
                [
                    Problem(
                        display, 0, "starts like UTF-16 but is not valid UTF-16; save it as UTF-8"
                    )
                ]
            ) from None
    elif b"\x00" in data[:4096]:
        raise StudyGuideError(
            [
                Problem(
                    display,
                    0,
                    "holds NUL bytes: UTF-16 or UTF-32 without a byte-order mark, "
                    "or not text; save it as UTF-8",
                )
            ]
        )
    data = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8")) + 1
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
    repaired = "\n".join(repair_line(line) for line in text.split("\n"))
    return repaired.removeprefix("\ufeff")  # the BOM of a file that became mojibake itself


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

    Enough means at least one sequence is three or four bytes long, or every
    non-ASCII character is part of a sequence and every decoded character is
    plausible (see `_plausible`).  That is what keeps clean text safe: in real
    prose a curly quote may pair with the next accented letter into a valid
    two-byte sequence, but it rarely pairs up *every* non-ASCII character of a
    line into letters of a real script, and never forms a longer sequence.  A
    pasted clean word inside a mojibake line survives the first rule untouched.
    """
    out: list[str] = []
    decoded_at: list[int] = []
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
        decoded_at.append(len(out))
        out.append(decoded[0])
        strong = strong or decoded[1] > 2
        i += decoded[1]
    if orphans and not strong:
        return None
    if not strong and not all(_plausible(out, index) for index in decoded_at):
        return None
    return "".join(out) if out != list(line) else None


def _plausible(chars: list[str], index: int) -> bool:
    """Whether ``chars[index]``, decoded from two bytes, is a character people write.

    A line whose only evidence is two-byte sequences may be other mojibake or clean
    text that happens to pair up: Latin-1 ``cafÃ©`` read as Mac Roman is ``caf̩``,
    clean ``JOSÉ’s`` read as Windows-1252 is ``JOSɒs`` and clean ``Paris—école``
    read as Mac Roman is ``Parisюcole``.  Accented Latin letters and Latin-1 symbols
    are always plausible; combining marks, IPA and modifier letters are not; other
    marks and punctuation need a letter of their own script beside them; letters
    of other scripts may not touch an ASCII letter, except Greek ones (``αx``).
    """
    char = chars[index]
    before = chars[index - 1] if index else " "
    after = chars[index + 1] if index + 1 < len(chars) else " "
    if 0xA0 <= ord(char) <= 0x17F:
        return True
    if not char.isalpha():
        return _script(char) in {_script(c) for c in (before, after) if c.isalpha()}
    if 0x250 <= ord(char) <= 0x2FF:
        return False
    touches_ascii_word = any(c.isascii() and c.isalpha() for c in (before, after))
    return _script(char) in {"LATIN", "GREEK"} or not touches_ascii_word


def _script(char: str) -> str:
    """The script of a letter or mark, roughly: the first word of its Unicode name."""
    return unicodedata.name(char, "").partition(" ")[0]


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

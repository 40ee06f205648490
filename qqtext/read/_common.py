"""What every reader shares: messages that name the file, file access, line breaks, sniffing.

Not public: the readers of :mod:`qqtext.read` use these helpers.
"""

from __future__ import annotations

import math
import os
import re
import stat
from pathlib import Path

from qqtext.errors import ReadError
from qqtext.limits import check_bytes, limit_bytes

__all__ = [
    "BLANK_LINES_RE",
    "WHITESPACE_RE",
    "MAX_DETAIL",
    "display",
    "one_line",
    "check_regular_file",
    "read_bytes",
    "normalise_line_breaks",
    "sniff_magic",
    "visible_length",
]

#: Leading bytes of common non-text formats, and what to call them in a message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office (OLE) file such as .doc or .xls"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


# --------------------------------------------------------------------------------------------
# Line breaks and white space

#: Every line break other than "\n" (CRLF first, so it becomes one "\n").
_LINE_BREAK_RE = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
BLANK_LINES_RE = re.compile(r"\n{3,}")
WHITESPACE_RE = re.compile(r"\s+")

#: At most this many characters of an exception's message end an error message.
MAX_DETAIL = 160


# ============================================================================================
# Shared helpers


def display(path: str | os.PathLike[str]) -> str:
    """Return the path as given, made safe for a one-line message."""
    try:
        shown = os.fspath(path)
    except TypeError:
        shown = repr(path)
    if isinstance(shown, bytes):
        shown = os.fsdecode(shown)
    return shown.replace("\r", "\\r").replace("\n", "\\n")


def one_line(exc: BaseException) -> str:
    """Summarise an exception on one short line, for the end of an error message."""
    detail = WHITESPACE_RE.sub(" ", str(exc)).strip()
    if len(detail) > MAX_DETAIL:
        detail = detail[: MAX_DETAIL - 1] + "…"
    name = type(exc).__name__
    return f"{name}: {detail}" if detail else name


def check_regular_file(file: Path, where: str) -> int:
    """Raise a :class:`ReadError` unless ``file`` is an existing regular file; return its size."""
    try:
        info = file.stat()
    except FileNotFoundError as exc:
        raise ReadError(f"{where}: no such file") from exc
    except OSError as exc:
        raise ReadError(f"{where}: cannot access the file ({one_line(exc)})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{where}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{where}: not a regular file")
    return info.st_size


def read_bytes(file: Path, where: str, *, limit: str = "file_mb", what: str = "the file") -> bytes:
    """Return the bytes of a file, or raise a :class:`ReadError` saying why not.

    At most the size limit ``limit`` (see :mod:`qqtext.limits`) is read: a file that grew since it
    was looked at is refused like one that was too large from the start.
    """
    bound = limit_bytes(limit)
    try:
        with file.open("rb") as stream:
            data = stream.read() if math.isinf(bound) else stream.read(int(bound) + 1)
    except PermissionError as exc:
        raise ReadError(f"{where}: permission denied") from exc
    except OSError as exc:
        raise ReadError(f"{where}: cannot read the file ({one_line(exc)})") from exc
    check_bytes(where, limit, len(data), what=what)
    return data


def normalise_line_breaks(text: str) -> str:
    """Drop a leading BOM and turn every kind of line break into ``"\\n"``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _LINE_BREAK_RE.sub("\n", text)


def sniff_magic(data: bytes) -> str | None:
    """Name the non-text format ``data`` starts with, if it is a known one."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None




def visible_length(text: str) -> int:
    """Number of non-white-space characters."""
    return len(text) - sum(1 for char in text if char.isspace())

"""Plain text and Markdown files: decoded with detection (see :mod:`qqtext.read.encodings`).

Markdown is returned as is; :mod:`qqtext.normalize` drops its markers later.
"""

from __future__ import annotations

from qqtext.errors import UnsupportedFormatError
from qqtext.read._common import sniff_magic
from qqtext.read.encodings import decode_bom, decode_detect, decode_forced

__all__ = ["read_plain"]


def read_plain(data: bytes, where: str, encoding: str | None) -> str:
    """Decode a plain-text/Markdown file."""
    kind = sniff_magic(data)
    if kind is not None:
        raise UnsupportedFormatError(f"{where}: the file is {kind}, not text")
    if encoding is not None:
        return decode_forced(data, where, encoding)
    text = decode_bom(data, where)
    if text is None:
        text = decode_detect(data, where)
    return text



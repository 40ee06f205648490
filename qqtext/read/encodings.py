"""Bytes -> text: byte-order marks, strict UTF-8, BOM-less UTF-16/32, GB18030 or Big5.

The rules (see :mod:`qqtext.read`): a BOM wins; otherwise strict UTF-8 is tried first; bytes with
NULs may be BOM-less UTF-16 (charset-normalizer's verdict, checked for plausibility); anything else
is decoded as GB18030 (the superset of GB2312 and GBK) or Big5, whichever strictly decodes, the one
with more common Chinese punctuation and function characters winning when both do.

>>> decode_detect("第一条".encode("gb18030"), "a.txt")
'第一条'
>>> canonical_codec("GBK"), canonical_codec("x-gbk"), canonical_codec("latin-1")
('gb18030', 'gb18030', 'cp1252')
"""

from __future__ import annotations

import codecs
import re

from qqtext.errors import EncodingError, UnsupportedFormatError

__all__ = ["canonical_codec", "try_decode", "decode_forced", "decode_bom", "decode_detect"]

# --------------------------------------------------------------------------------------------
# Byte-level sniffing

#: Byte-order marks, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: C0 control bytes that never occur in a text file (tab, newline, vertical tab, form feed,
#: carriage return, SUB (DOS end of file) and ESC (terminal colours) are allowed).
_BINARY_CONTROL_RE = re.compile(rb"[\x01-\x08\x0e-\x19\x1c-\x1f]")
#: The same, for already decoded text (plus NUL).
_CONTROL_CHAR_RE = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f]")

_UTF16_32_CODECS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
#: Python codec names that are GB2312 or a subset of GB18030: always decoded as GB18030.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "euc_cn", "hz"})
#: Declared single-byte Western charsets: browsers (WHATWG) decode all of them as windows-1252.
_WINDOWS_1252_ALIASES = frozenset({"ascii", "latin_1", "iso8859_1", "cp1252"})

#: Characters frequent in any Chinese prose and identical in simplified and traditional script:
#: full-width punctuation and function characters. Used to choose between a GB18030 and a Big5
#: reading of the same bytes (a wrong reading almost never produces them).
_CHINESE_EVIDENCE = frozenset(
    "，。、；：？！「」『』“”‘’（）《》〈〉…—" "的一是不人在有中大上以和之也而所其及第本法年月日工作民政府公市"
)
#: Below this many bytes >= 0x80, charset-normalizer's GB18030-vs-Big5 verdict is unreliable.
_MIN_HIGH_BYTES_FOR_DETECTOR = 64

#: Characters that are plausible in a document (ASCII, Latin, general punctuation, CJK and
#: kana, Hangul, full-width forms); used to check a BOM-less UTF-16/UTF-32 reading.
_IMPLAUSIBLE_CHAR_RE = re.compile(
    r"[^\t\n\r\f\x20-\x7e\u00a0-\u024f\u2010-\u2027\u2030-\u205e\u2100-\u27bf"
    r"\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
#: Share of plausible characters a BOM-less UTF-16/UTF-32 reading needs to be accepted.
_MIN_PLAUSIBLE_SHARE = 0.9


def canonical_codec(name: str) -> str | None:
    """Return the Python codec to decode a declared/forced charset ``name`` with, or None.

    GB2312/GBK map to GB18030 (their superset) and Latin-1/ASCII to windows-1252 (what browsers
    do); unknown names give None.
    """
    name = name.strip().strip("\"'")
    for candidate in (name, name[2:] if name.lower().startswith("x-") else None):
        if not candidate:
            continue
        try:
            codec = codecs.lookup(candidate).name.replace("-", "_")
        except LookupError:
            continue
        if codec in _GB_FAMILY:
            return "gb18030"
        if codec in _WINDOWS_1252_ALIASES:
            return "cp1252"
        return codecs.lookup(candidate).name
    return None


def try_decode(data: bytes, codec: str) -> str | None:
    """Decode strictly, or return None."""
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_forced(data: bytes, where: str, encoding: str) -> str:
    """Decode with the caller's ``encoding=`` (GB2312/GBK widened to GB18030)."""
    codec = canonical_codec(encoding)
    if codec is None:
        raise EncodingError(f"{where}: unknown encoding {encoding!r} (passed as encoding=)")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{where}: cannot decode the file as {codec} (forced by encoding={encoding!r}): "
            f"invalid bytes at offset {exc.start}"
        ) from exc
    if "\x00" in text:
        raise UnsupportedFormatError(
            f"{where}: decoded as {codec} the file contains NUL characters; "
            "it looks binary, not text"
        )
    return text


def decode_bom(data: bytes, where: str) -> str | None:
    """Decode by the byte-order mark, if there is one (the BOM is dropped)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"{where}: the file starts with a {codec.upper()} byte-order mark but is "
                    f"not valid {codec.upper()} (invalid bytes at offset {exc.start + len(bom)})"
                ) from exc
    return None


def decode_detect(data: bytes, where: str) -> str:
    """Decode bytes without a BOM: NUL check, strict UTF-8, then the Chinese legacy encodings."""
    if b"\x00" in data:
        text = _decode_bomless_utf16_32(data)
        if text is None:
            raise UnsupportedFormatError(
                f"{where}: the file contains NUL bytes and is not UTF-16; "
                "it looks binary, not text"
            )
        return text
    controls = len(_BINARY_CONTROL_RE.findall(data))
    if controls >= 4 and controls * 50 > len(data):
        raise UnsupportedFormatError(
            f"{where}: the file is full of control bytes; it looks binary, not text"
        )
    text = try_decode(data, "utf-8")
    if text is not None:
        return text
    text = _decode_chinese_legacy(data)
    if text is None:
        raise EncodingError(
            f"{where}: cannot determine the character encoding "
            "(not UTF-8, UTF-16, GB18030 or Big5); pass encoding= to force one"
        )
    return text


def _plausible_share(text: str) -> float:
    """Share of characters in ``text`` that are plausible in a document."""
    if not text:
        return 0.0
    return 1.0 - len(_IMPLAUSIBLE_CHAR_RE.findall(text)) / len(text)


def _decode_bomless_utf16_32(data: bytes) -> str | None:
    """Decode BOM-less UTF-16/UTF-32, as charset-normalizer suggests and a plausibility check
    confirms; None if the bytes are no such thing (then they are binary).
    """
    from charset_normalizer import from_bytes

    readings: dict[str, tuple[float, str]] = {}
    for codec in _UTF16_32_CODECS:
        text = try_decode(data, codec)
        if text is not None and not _CONTROL_CHAR_RE.search(text):
            readings[codec] = (_plausible_share(text), text)
    if not readings:
        return None
    best = from_bytes(data, cp_isolation=list(_UTF16_32_CODECS)).best()
    if best is not None:
        guess = codecs.lookup(best.encoding).name
        if guess in readings and readings[guess][0] >= _MIN_PLAUSIBLE_SHARE:
            return readings[guess][1]
    # The detector abstained or picked an implausible reading: take the most plausible one.
    share, text = max(readings.values(), key=lambda reading: reading[0])
    return text if share >= _MIN_PLAUSIBLE_SHARE else None


def _chinese_evidence(text: str) -> int:
    """Count common Chinese punctuation and function characters in ``text``."""
    return sum(1 for char in text if char in _CHINESE_EVIDENCE)


def _decode_chinese_legacy(data: bytes) -> str | None:
    """Decode non-UTF bytes as GB18030 or Big5, or return None if neither fits.

    Both encodings use the same byte ranges, so short texts often decode both ways. The reading
    with more common Chinese punctuation/function characters wins; on a tie charset-normalizer
    decides if the input is long enough for it to be reliable, else GB18030 wins.
    """
    gb_text = try_decode(data, "gb18030")
    big5_text = None
    for codec in _BIG5_CODECS:
        big5_text = try_decode(data, codec)
        if big5_text is not None:
            break
    if big5_text is None:
        return gb_text
    if gb_text is None:
        return big5_text
    gb_score, big5_score = _chinese_evidence(gb_text), _chinese_evidence(big5_text)
    if gb_score != big5_score:
        return gb_text if gb_score > big5_score else big5_text
    if sum(1 for byte in data if byte >= 0x80) >= _MIN_HIGH_BYTES_FOR_DETECTOR:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", *_BIG5_CODECS]).best()
        if best is not None and codecs.lookup(best.encoding).name in _BIG5_CODECS:
            return big5_text
    return gb_text



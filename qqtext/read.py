"""Read a document file (plain text, Markdown, Word, HTML or PDF) into one string.

:func:`read_text` is the only entry point. Whatever the format, it returns the document's text
as a single :class:`str` with ``"\\n"`` line endings, one paragraph (or line) per line, no
byte-order mark. Later stages keep character offsets into exactly this string, so every reader is
deterministic: the same bytes always give the same text.

Formats, by file suffix (case-insensitive):

* ``.txt``, ``.text``, ``.md``, ``.markdown``: the bytes are decoded with detection. A BOM wins
  (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); otherwise strict UTF-8 is tried first; bytes with NULs may
  be BOM-less UTF-16 (charset-normalizer's verdict, checked for plausibility); anything else is
  decoded as GB18030 (the superset of GB2312 and GBK) or Big5, whichever strictly decodes. When both
  decode, the one whose text holds more common Chinese punctuation and function characters wins;
  on a tie, charset-normalizer decides for long inputs and GB18030 wins for short ones (where
  detectors are unreliable and mainland GB text is by far the likelier). Markdown is returned as is.
* ``.docx``: the body's paragraphs and tables in document order, one paragraph per line, tables
  row by row and cell by cell (empty cells skipped). Text boxes, headers, footers, footnotes and
  deleted (tracked) text are left out.
* ``.html``, ``.htm``, ``.xhtml``: decoded honouring a BOM, then ``<meta charset>`` /
  ``http-equiv`` / the XML declaration (unless the bytes are plainly UTF-8, or the declared
  charset fails to decode them), else detection as above; then the visible body text, one block
  element per line (see :func:`_html_to_text` for the rules).
* ``.pdf``: the text layer as extracted by pdfminer.six, pages joined by ``"\\n"``.

Line breaks of every kind (``"\\r\\n"``, ``"\\r"``, form feed, vertical tab, U+0085, U+2028, U+2029)
become ``"\\n"``, so ``text.split("\\n") == text.splitlines()`` holds for every result.

Every failure is a :class:`~qqtext.errors.ReadError` (or a subclass) with a one-line message that
names the file. Heavy libraries (python-docx, pdfminer.six, BeautifulSoup, charset-normalizer) are
imported only when a file of their kind is read, to keep the command line quick to start.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qqtext.errors import (
    EmptyDocumentError,
    EncodingError,
    NoTextLayerError,
    QqtextError,
    ReadError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from bs4 import Tag

__all__ = ["SUPPORTED_SUFFIXES", "read_text"]

# --------------------------------------------------------------------------------------------
# Suffixes

_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_DOCX_SUFFIXES = frozenset({".docx"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_PDF_SUFFIXES = frozenset({".pdf"})

#: Every file suffix :func:`read_text` accepts (lower case, with the dot).
SUPPORTED_SUFFIXES: frozenset[str] = (
    _TEXT_SUFFIXES | _DOCX_SUFFIXES | _HTML_SUFFIXES | _PDF_SUFFIXES
)

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

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_MAGIC = b"%PDF-"
#: How far into a file the ``%PDF-`` header may start (the PDF spec tolerates leading junk).
_PDF_HEADER_WINDOW = 1024

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

#: ``<meta charset=...>``, ``<meta http-equiv=... content="...; charset=...">`` or an XML
#: declaration's ``encoding="..."``, searched in the first bytes of an HTML file.
_HTML_CHARSET_RE = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_HTML_SNIFF_BYTES = 4096
#: Valid UTF-8 with at least this many bytes >= 0x80 overrides a declared legacy charset (GBK
#: text is valid UTF-8 by chance only when very short).
_MIN_HIGH_BYTES_FOR_UTF8 = 8
_XML_DECLARATION_RE = re.compile(r"\A\s*<\?xml\b[^>]*\?>")

# --------------------------------------------------------------------------------------------
# Text-level normalisation

#: Every line break other than "\n" (CRLF first, so it becomes one "\n").
_LINE_BREAK_RE = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_CID_RE = re.compile(r"\(cid:\d+\)")
_WHITESPACE_RE = re.compile(r"\s+")

# --------------------------------------------------------------------------------------------
# HTML rules

#: Elements that never hold visible text: always dropped with their content.
_HTML_DROP_TAGS = frozenset(
    {
        "head", "title", "meta", "link", "base",
        "script", "style", "noscript", "template",
        "iframe", "frame", "frameset", "object", "embed", "applet", "canvas", "svg", "math",
        "audio", "video", "map", "img", "picture",
        "button", "select", "option", "optgroup", "datalist", "input", "textarea",
        "rt", "rp",
    }
)  # fmt: skip
#: Elements that are page furniture: dropped, unless one wraps most of the page and the main
#: content (ASP.NET pages put the whole body inside one ``<form>``).
_HTML_BOILERPLATE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
#: id/class values of navigation, breadcrumb ("dqwz": 当前位置), menu, share ("bdshare": Baidu
#: share buttons, "fenxiang": 分享) and footer/copyright blocks; treated like the tags above.
_HTML_BOILERPLATE_ATTR_RE = re.compile(
    r"nav|breadcrumb|crumb|menu|share|fenxiang|daohang|dqwz"
    r"|footer|(?<![a-z])foot(?![a-z])|copyright|banquan|sidebar|toolbar",
    re.IGNORECASE,
)
#: Obvious main-content containers: ``<article>``, ``<main>`` and these id/class values (``zoom``
#: and ``TRS_Editor`` are what gov.cn content-management systems emit).
_HTML_MAIN_TAGS = frozenset({"article", "main"})
_HTML_MAIN_ATTR_RE = re.compile(
    r"zoom|trs_editor|content|article|(?<![a-z])main(?![a-z])|zhengwen|(?<![a-z])detail",
    re.IGNORECASE,
)
#: A main container is used when it holds at least this share of the page's visible text.
_HTML_MAIN_MIN_SHARE = 0.5
#: ... and widened to an enclosing container when that adds at most this much text (a title or
#: a date line just outside the innermost container).
_HTML_MAIN_WIDEN_RATIO = 1.25
#: A boilerplate-looking element is kept when it holds more than this share of the page's text.
_HTML_WRAPPER_MIN_SHARE = 0.5
_HTML_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: Elements that start and end a line.
_HTML_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
        "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
    }
)  # fmt: skip
_HTML_PRE_TAGS = frozenset({"pre", "listing", "plaintext", "xmp", "textarea"})
#: HTML collapsible white space (not U+00A0 or U+3000, which are content).
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
#: A source line break between two CJK characters is dropped, not turned into a space (CSS Text
#: segment-break rule): Chinese pages often wrap long paragraphs in the HTML source.
_HTML_CJK_SEGMENT_BREAK_RE = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")

_MAX_DETAIL = 160


# ============================================================================================
# Public API


def read_text(path: str | os.PathLike[str], *, encoding: str | None = None) -> str:
    """Read a document file and return its text.

    Args:
        path: the file to read; its suffix (see :data:`SUPPORTED_SUFFIXES`) selects the reader.
        encoding: force this character encoding for a plain-text or HTML file instead of
            detecting it (GB2312 and GBK are read as GB18030, their superset). Ignored for
            ``.docx`` and ``.pdf`` files, which carry their own encoding.

    Returns:
        The document's text with ``"\\n"`` line endings and no byte-order mark.

    Raises:
        ReadError: the file is missing, is a directory, cannot be read, or is a corrupt or
            encrypted ``.docx``/``.pdf``.
        EmptyDocumentError: the file holds no text (it is empty or only white space).
        UnsupportedFormatError: the suffix is not supported, or the bytes are not text (an
            image, an archive, an executable, ...).
        EncodingError: the character encoding cannot be determined, or the forced one does not
            decode the file.
        NoTextLayerError: a PDF without a text layer (a scan, which needs OCR).
    """
    where = _display(path)
    file = Path(path)
    _check_regular_file(file, where)
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        shown = f"suffix {suffix!r}" if suffix else "no suffix"
        raise UnsupportedFormatError(
            f"{where}: unsupported file type ({shown}); qqtext reads {supported}"
        )
    data = _read_bytes(file, where)
    if not data:
        raise EmptyDocumentError(f"{where}: the file is empty")

    if suffix in _TEXT_SUFFIXES:
        text = _read_plain(data, where, encoding)
    elif suffix in _HTML_SUFFIXES:
        text = _read_html(data, where, encoding)
    elif suffix in _DOCX_SUFFIXES:
        text = _read_docx(data, where)
    else:
        text = _read_pdf(data, where)

    text = _normalise_line_breaks(text)
    if not text.strip():
        raise EmptyDocumentError(f"{where}: the file holds no text (only white space)")
    return text


# ============================================================================================
# Shared helpers


def _display(path: str | os.PathLike[str]) -> str:
    """Return the path as given, made safe for a one-line message."""
    try:
        shown = os.fspath(path)
    except TypeError:
        shown = repr(path)
    if isinstance(shown, bytes):
        shown = os.fsdecode(shown)
    return shown.replace("\r", "\\r").replace("\n", "\\n")


def _one_line(exc: BaseException) -> str:
    """Summarise an exception on one short line, for the end of an error message."""
    detail = _WHITESPACE_RE.sub(" ", str(exc)).strip()
    if len(detail) > _MAX_DETAIL:
        detail = detail[: _MAX_DETAIL - 1] + "…"
    name = type(exc).__name__
    return f"{name}: {detail}" if detail else name


def _check_regular_file(file: Path, where: str) -> None:
    """Raise a :class:`ReadError` unless ``file`` is an existing regular file."""
    try:
        info = file.stat()
    except FileNotFoundError as exc:
        raise ReadError(f"{where}: no such file") from exc
    except OSError as exc:
        raise ReadError(f"{where}: cannot access the file ({_one_line(exc)})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{where}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{where}: not a regular file")


def _read_bytes(file: Path, where: str) -> bytes:
    """Return the bytes of a file, or raise a :class:`ReadError` saying why not."""
    try:
        return file.read_bytes()
    except PermissionError as exc:
        raise ReadError(f"{where}: permission denied") from exc
    except OSError as exc:
        raise ReadError(f"{where}: cannot read the file ({_one_line(exc)})") from exc


def _normalise_line_breaks(text: str) -> str:
    """Drop a leading BOM and turn every kind of line break into ``"\\n"``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _LINE_BREAK_RE.sub("\n", text)


def _sniff_magic(data: bytes) -> str | None:
    """Name the non-text format ``data`` starts with, if it is a known one."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _canonical_codec(name: str) -> str | None:
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


def _try_decode(data: bytes, codec: str) -> str | None:
    """Decode strictly, or return None."""
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


# ============================================================================================
# Decoding bytes to text


def _decode_forced(data: bytes, where: str, encoding: str) -> str:
    """Decode with the caller's ``encoding=`` (GB2312/GBK widened to GB18030)."""
    codec = _canonical_codec(encoding)
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


def _decode_bom(data: bytes, where: str) -> str | None:
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


def _decode_detect(data: bytes, where: str) -> str:
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
    text = _try_decode(data, "utf-8")
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
        text = _try_decode(data, codec)
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
    gb_text = _try_decode(data, "gb18030")
    big5_text = None
    for codec in _BIG5_CODECS:
        big5_text = _try_decode(data, codec)
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


# ============================================================================================
# Plain text and Markdown


def _read_plain(data: bytes, where: str, encoding: str | None) -> str:
    """Decode a plain-text/Markdown file."""
    kind = _sniff_magic(data)
    if kind is not None:
        raise UnsupportedFormatError(f"{where}: the file is {kind}, not text")
    if encoding is not None:
        return _decode_forced(data, where, encoding)
    text = _decode_bom(data, where)
    if text is None:
        text = _decode_detect(data, where)
    return text


# ============================================================================================
# HTML


def _declared_html_charset(data: bytes) -> str | None:
    """Return the codec an HTML file declares in its first bytes, if any (and if known)."""
    match = _HTML_CHARSET_RE.search(data[:_HTML_SNIFF_BYTES])
    if match is None:
        return None
    declared = (match.group(1) or match.group(2)).decode("ascii", "replace")
    codec = _canonical_codec(declared)
    if codec is None or codec.replace("-", "_").startswith(("utf_16", "utf_32")):
        # A BOM-less page cannot really be UTF-16/32 if its ASCII declaration is readable.
        return None
    return codec


def _is_multibyte_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 with enough non-ASCII bytes not to be so by chance."""
    high = sum(1 for byte in data if byte >= 0x80)
    return high >= _MIN_HIGH_BYTES_FOR_UTF8 and _try_decode(data, "utf-8") is not None


def _read_html(data: bytes, where: str, encoding: str | None) -> str:
    """Decode an HTML file and return its visible body text."""
    kind = _sniff_magic(data)
    if kind is not None:
        raise UnsupportedFormatError(f"{where}: the file is {kind}, not HTML")
    if encoding is not None:
        markup = _decode_forced(data, where, encoding)
    else:
        markup = _decode_bom(data, where)
        if markup is None:
            declared = _declared_html_charset(data)
            if declared and declared != "utf-8" and _is_multibyte_utf8(data):
                declared = "utf-8"  # a page converted to UTF-8 that kept its old declaration
            markup = _try_decode(data, declared) if declared else None
            if markup is None:  # no declaration, or a wrong one: detect
                markup = _decode_detect(data, where)
    markup = _XML_DECLARATION_RE.sub("", markup.lstrip("\ufeff"), count=1)
    try:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(markup, "lxml")
        return _html_to_text(soup)
    except QqtextError:
        raise
    except Exception as exc:  # noqa: BLE001 - never let a parser error escape unwrapped
        raise ReadError(f"{where}: cannot parse the HTML ({_one_line(exc)})") from exc


def _attr_words(tag: Tag) -> str:
    """The element's id and class values, space-separated."""
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    ident = tag.get("id") or ""
    if not isinstance(ident, str):
        ident = " ".join(ident)
    return " ".join([ident, *classes]).strip()


def _is_hidden(tag: Tag) -> bool:
    """Whether the element is hidden by the ``hidden`` attribute or an inline style."""
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HTML_HIDDEN_STYLE_RE.search(style))


def _is_main_candidate(tag: Tag) -> bool:
    """Whether the element looks like the page's main-content container."""
    words = _attr_words(tag)
    if words and _HTML_BOILERPLATE_ATTR_RE.search(words):
        return False
    if tag.name in _HTML_MAIN_TAGS or tag.get("role") == "main":
        return True
    return bool(words) and bool(_HTML_MAIN_ATTR_RE.search(words))


def _is_boilerplate(tag: Tag) -> bool:
    """Whether the element looks like navigation, a menu, a share bar or a footer."""
    if tag.name in _HTML_BOILERPLATE_TAGS:
        return True
    words = _attr_words(tag)
    return bool(words) and bool(_HTML_BOILERPLATE_ATTR_RE.search(words))


def _visible_length(text: str) -> int:
    """Number of non-white-space characters."""
    return len(text) - sum(1 for char in text if char.isspace())


def _html_to_text(soup: Any) -> str:
    """Return the visible text of a parsed HTML page, one block per line.

    Rules:

    1. ``script``, ``style``, ``noscript``, ``template``, ``iframe``, ``svg``, form controls and
       the like, comments, and elements hidden by ``hidden`` or ``display:none`` are dropped.
    2. Page furniture is dropped: ``nav``, ``header``, ``footer``, ``aside``, ``form`` and
       elements whose id/class matches :data:`_HTML_BOILERPLATE_ATTR_RE` -- except one that holds
       more than half of the page's text and is a ``form`` or wraps a main container.
    3. Main container: among ``<article>``, ``<main>`` and elements whose id/class matches
       :data:`_HTML_MAIN_ATTR_RE`, the innermost one holding at least half of the remaining text
       is used, widened to an enclosing candidate while that adds at most 25 % more text (so a
       title just outside ``#zoom`` is kept). Without one, the whole body is used.
    4. Block elements (``p``, ``div``, ``li``, ``h1``-``h6``, ``tr``, ``td``, ``section``,
       ``table``, ``pre``, ...) start and end a line; ``<br>`` ends one; inline text stays on one
       line with white space collapsed (kept in ``<pre>``); a source line break between two CJK
       characters is dropped. Lines are stripped, leading and trailing blank lines dropped and
       runs of blank lines collapsed to one.
    """
    from bs4 import Comment, NavigableString, Tag

    root = soup.body or soup
    # 1. Elements that never show text, hidden elements and comments.
    doomed = [
        tag
        for tag in root.find_all(True)
        if tag.name in _HTML_DROP_TAGS or _is_hidden(tag)
    ]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()

    def raw_length(tag: Tag) -> int:
        return _visible_length(tag.get_text())

    # 2. Page furniture, sparing a wrapper around most of the page and its main content.
    page_length = raw_length(root) or 1
    elements = root.find_all(True)
    candidates = [tag for tag in elements if _is_main_candidate(tag)]
    skip: set[int] = set()
    for tag in elements:
        if tag.name in ("html", "body") or not _is_boilerplate(tag):
            continue
        if raw_length(tag) > _HTML_WRAPPER_MIN_SHARE * page_length and (
            tag.name == "form"
            or any(any(parent is tag for parent in c.parents) for c in candidates)
        ):
            continue
        skip.add(id(tag))

    def dropped(tag: Tag) -> bool:
        return id(tag) in skip or any(id(parent) in skip for parent in tag.parents)

    # 3. The main container.
    chosen = root
    body_length = _visible_length(_render_html(root, skip, NavigableString, Tag))
    if body_length:
        lengths = {
            id(tag): _visible_length(_render_html(tag, skip, NavigableString, Tag))
            for tag in candidates
            if not dropped(tag)
        }
        eligible = [
            tag
            for tag in candidates
            if lengths.get(id(tag), 0) >= _HTML_MAIN_MIN_SHARE * body_length
        ]
        if eligible:
            # Eligible candidates hold most of the text, so they nest: the deepest is innermost.
            innermost = max(eligible, key=lambda tag: sum(1 for _ in tag.parents))
            chosen = innermost
            for parent in innermost.parents:
                if id(parent) not in lengths:
                    continue
                if lengths[id(parent)] > _HTML_MAIN_WIDEN_RATIO * lengths[id(innermost)]:
                    break
                chosen = parent
    text = _render_html(chosen, skip, NavigableString, Tag)
    if not text.strip() and skip:
        # All text sat in elements whose id/class looked like furniture (say a misnamed wrapper
        # <div class="menu-wrap">): trust only the nav/header/footer/aside/form tags then.
        semantic = {
            id(tag) for tag in elements if id(tag) in skip and tag.name in _HTML_BOILERPLATE_TAGS
        }
        text = _render_html(root, semantic, NavigableString, Tag)
    return text


class _PreformattedText(str):
    """Text from inside ``<pre>``: its white space is kept."""

    __slots__ = ()


def _render_html(root: Any, skip: set[int], string_type: type, tag_type: type) -> str:
    """Render an element's text, one block per line, skipping the elements in ``skip``.

    Walks the tree without recursion (pages with unclosed tags nest very deeply).
    """
    block, hard_break = object(), object()
    tokens: list[object] = []
    # Stack of (node, leaving, in_pre): leaving marks the end of a block element.
    stack: list[tuple[Any, bool, bool]] = [(root, False, False)]
    while stack:
        node, leaving, in_pre = stack.pop()
        if leaving:
            tokens.append(block)
            continue
        if isinstance(node, tag_type):
            if id(node) in skip or node.name in _HTML_DROP_TAGS:
                continue
            if node.name == "br":
                tokens.append(hard_break)
                continue
            child_pre = in_pre or node.name in _HTML_PRE_TAGS
            if node.name in _HTML_BLOCK_TAGS:
                tokens.append(block)
                stack.append((node, True, in_pre))
            stack.extend((child, False, child_pre) for child in reversed(node.contents))
        elif type(node) is string_type:  # not a Comment, Doctype, CData, Script, ...
            text = str(node)
            if in_pre:
                for index, piece in enumerate(text.split("\n")):
                    if index:
                        tokens.append(hard_break)
                    tokens.append(_PreformattedText(piece))
            else:
                tokens.append(text)

    lines: list[str] = []
    current: list[str] = []  # the current line's pieces; runs of flowing text are joined first
    flowing: list[str] = []

    def end_flowing() -> None:
        if flowing:
            text = _HTML_CJK_SEGMENT_BREAK_RE.sub("", "".join(flowing))
            current.append(_HTML_SPACE_RE.sub(" ", text))
            flowing.clear()

    def end_line(keep_blank: bool) -> None:
        end_flowing()
        line = "".join(current).strip()
        if line or keep_blank:
            lines.append(line)
        current.clear()

    for token in tokens:
        if token is block:
            end_line(keep_blank=False)
        elif token is hard_break:
            end_line(keep_blank=True)
        elif isinstance(token, _PreformattedText):
            end_flowing()
            current.append(str(token))
        else:
            flowing.append(str(token))
    end_line(keep_blank=False)
    text = "\n".join(lines).strip("\n")
    return _BLANK_LINES_RE.sub("\n\n", text)


# ============================================================================================
# Word (.docx)

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _W_NS + "}"
#: Runs of a paragraph: every w:r below it except those in text boxes and deleted text.
_DOCX_RUNS_XPATH = (
    ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::w:del) and not(ancestor::w:moveFrom)]"
)
#: Containers whose children are read as if they stood in their place.
_DOCX_TRANSPARENT = frozenset(
    {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag", _W + "ins", _W + "moveTo"}
)


def _read_docx(data: bytes, where: str) -> str:
    """Return the paragraphs and table cells of a .docx body, in document order."""
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFormatError(
            f"{where}: a legacy Word (.doc) or password-protected Office file, not a .docx; "
            "save it as .docx first"
        )
    if not data.startswith(_ZIP_MAGIC):
        kind = _sniff_magic(data)
        if kind is not None:
            raise UnsupportedFormatError(f"{where}: the file is {kind}, not a .docx document")
        raise ReadError(f"{where}: not a valid .docx document (not a ZIP package)")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        return "\n".join(_docx_lines(body))
    except QqtextError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml/python-docx errors of every kind
        raise ReadError(f"{where}: not a valid .docx document ({_one_line(exc)})") from exc


def _docx_paragraph_text(paragraph: Any) -> str:
    """Text of a ``w:p`` element: its runs (including those in hyperlinks and insertions)."""
    return "".join(run.text for run in paragraph.xpath(_DOCX_RUNS_XPATH))


def _docx_lines(container: Any) -> Iterator[str]:
    """Yield the lines of a body, table cell or content control, in document order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            yield _docx_paragraph_text(child)
        elif tag == _W + "tbl":
            yield from _docx_table_lines(child)
        elif tag in _DOCX_TRANSPARENT:
            yield from _docx_lines(child)


def _docx_table_lines(table: Any) -> Iterator[str]:
    """Yield a table's lines row by row, cell by cell; cells without text are skipped.

    Each ``w:tc`` is read once, so a merged cell's text is not repeated.
    """
    for cell in table.iter(_W + "tc"):
        # iter() also reaches cells of nested tables; those are read through their own cell.
        if next(cell.iterancestors(_W + "tbl")) is not table:
            continue
        lines = list(_docx_lines(cell))
        if any(line.strip() for line in lines):
            yield from lines


# ============================================================================================
# PDF


def _read_pdf(data: bytes, where: str) -> str:
    """Return the text layer of a PDF, pages joined by ``"\\n"``."""
    header_at = data.find(_PDF_MAGIC, 0, _PDF_HEADER_WINDOW)
    if header_at < 0:
        kind = _sniff_magic(data)
        if kind is not None:
            raise UnsupportedFormatError(f"{where}: the file is {kind}, not a PDF")
        raise ReadError(f"{where}: not a valid PDF (no %PDF header)")
    try:
        pages = _pdf_page_texts(data)
    except QqtextError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated exception types
        from pdfminer.pdfdocument import PDFEncryptionError

        if isinstance(exc, PDFEncryptionError):
            raise ReadError(
                f"{where}: the PDF is encrypted and cannot be opened without a password "
                f"({_one_line(exc)})"
            ) from exc
        raise ReadError(f"{where}: corrupt or unreadable PDF ({_one_line(exc)})") from exc
    if not pages:
        raise ReadError(f"{where}: corrupt or unreadable PDF (no pages found)")

    text = "\n".join(pages)
    if not text.strip():
        raise NoTextLayerError(
            f"{where}: the PDF has no text layer ({len(pages)} page(s) without text); "
            "it looks like a scan and needs OCR first"
        )
    glyph_codes = _CID_RE.findall(text)
    if glyph_codes and len(glyph_codes) * 2 > _visible_length(_CID_RE.sub("", text)):
        raise EncodingError(
            f"{where}: the PDF's text layer has no Unicode mapping (pdfminer returned "
            f"{len(glyph_codes)} raw glyph codes such as {glyph_codes[0]}); OCR it instead"
        )
    return text


def _pdf_page_texts(data: bytes) -> list[str]:
    """Extract each page's text with pdfminer's layout analysis (default parameters).

    Within a page pdfminer yields one line per text line and a blank line after each text box;
    trailing white space on a line and the page's form feed are dropped.
    """
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    parser = PDFParser(io.BytesIO(data))
    document = PDFDocument(parser, password="")
    manager = PDFResourceManager(caching=True)
    output = io.StringIO()
    device = TextConverter(manager, output, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[str] = []
    try:
        for page in PDFPage.create_pages(document):
            output.seek(0)
            output.truncate()
            interpreter.process_page(page)
            raw = output.getvalue().replace("\f", "")
            lines = [line.rstrip() for line in _normalise_line_breaks(raw).split("\n")]
            page_text = "\n".join(lines).strip("\n")
            pages.append(_BLANK_LINES_RE.sub("\n\n", page_text))
    finally:
        device.close()
    return pages

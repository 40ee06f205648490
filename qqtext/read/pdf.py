"""PDF files: the text layer as extracted by pdfminer.six, pages joined by ``"\\n"``.

Two limits of :mod:`qqtext.limits` hold here: ``pdf_pages`` (counted from the page tree before
any page is laid out, and again while reading) and ``pdf_stream_mb``, the decompressed size of any
one stream. pdfminer inflates a stream whole; while qqtext reads a PDF, the Flate, LZW and
RunLength decoders pdfminer calls are bounded ones that stop one byte past the limit, so a small
file with a huge stream is refused without the memory it asks for.
"""

from __future__ import annotations

import contextvars
import io
import math
import re
import zlib
from typing import Any

from qqtext.errors import EncodingError, NoTextLayerError, QqtextError, ReadError, UnsupportedFormatError
from qqtext.limits import check, limit, limit_bytes, refuse
from qqtext.read._common import BLANK_LINES_RE, normalise_line_breaks, one_line, sniff_magic, visible_length

__all__ = ["read_pdf"]

_PDF_MAGIC = b"%PDF-"
#: How far into a file the ``%PDF-`` header may start (the PDF spec tolerates leading junk).
_PDF_HEADER_WINDOW = 1024

_CID_RE = re.compile(r"\(cid:\d+\)")

def read_pdf(data: bytes, where: str) -> str:
    """Return the text layer of a PDF, pages joined by ``"\\n"``."""
    header_at = data.find(_PDF_MAGIC, 0, _PDF_HEADER_WINDOW)
    if header_at < 0:
        kind = sniff_magic(data)
        if kind is not None:
            raise UnsupportedFormatError(f"{where}: the file is {kind}, not a PDF")
        raise ReadError(f"{where}: not a valid PDF (no %PDF header)")
    try:
        pages = _pdf_page_texts(data, where)
    except QqtextError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated exception types
        from pdfminer.pdfdocument import PDFEncryptionError

        if isinstance(exc, PDFEncryptionError):
            raise ReadError(
                f"{where}: the PDF is encrypted and cannot be opened without a password "
                f"({one_line(exc)})"
            ) from exc
        raise ReadError(f"{where}: corrupt or unreadable PDF ({one_line(exc)})") from exc
    if not pages:
        raise ReadError(f"{where}: corrupt or unreadable PDF (no pages found)")

    text = "\n".join(pages)
    if not text.strip():
        raise NoTextLayerError(
            f"{where}: the PDF has no text layer ({len(pages)} page(s) without text); "
            "it looks like a scan and needs OCR first"
        )
    glyph_codes = _CID_RE.findall(text)
    if glyph_codes and len(glyph_codes) * 2 > visible_length(_CID_RE.sub("", text)):
        raise EncodingError(
            f"{where}: the PDF's text layer has no Unicode mapping (pdfminer returned "
            f"{len(glyph_codes)} raw glyph codes such as {glyph_codes[0]}); OCR it instead"
        )
    return text


def _pdf_page_texts(data: bytes, where: str) -> list[str]:
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

    _install_bounded_decoders()
    token = _STREAM_LIMIT.set((where, limit_bytes("pdf_stream_mb")))
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser, password="")
        declared = _declared_page_count(document)
        if declared is not None:
            check(where, "pdf_pages", declared)
        most = limit("pdf_pages")
        manager = PDFResourceManager(caching=True)
        output = io.StringIO()
        device = TextConverter(manager, output, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        pages: list[str] = []
        try:
            for page in PDFPage.create_pages(document):
                if len(pages) >= most:
                    refuse(where, "pdf_pages", f"the PDF has more than {most:,} pages")
                output.seek(0)
                output.truncate()
                interpreter.process_page(page)
                raw = output.getvalue().replace("\f", "")
                lines = [line.rstrip() for line in normalise_line_breaks(raw).split("\n")]
                page_text = "\n".join(lines).strip("\n")
                pages.append(BLANK_LINES_RE.sub("\n\n", page_text))
        finally:
            device.close()
        return pages
    finally:
        _STREAM_LIMIT.reset(token)


def _declared_page_count(document: Any) -> int | None:
    """The /Count of the PDF's page tree, if it states one."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
        return int(count) if isinstance(count, int) else None
    except Exception:  # noqa: BLE001 - a broken page tree: pages are counted while reading
        return None


# --------------------------------------------------------------------------------------------
# Bounded stream decoders

#: While a PDF is read: its name for messages and the stream limit in bytes; None otherwise (then
#: the decoders below behave exactly as pdfminer's own).
_STREAM_LIMIT: contextvars.ContextVar[tuple[str, float] | None] = contextvars.ContextVar(
    "qqtext_pdf_stream_limit", default=None
)


def _check_stream(size: int) -> None:
    state = _STREAM_LIMIT.get()
    if state is not None and size > state[1]:
        where, bound = state
        refuse(where, "pdf_stream_mb", f"a stream of the PDF decompresses to more than {bound / 1e6:,.1f} MB")


class _BoundedZlib:
    """Stands in for the :mod:`zlib` module inside ``pdfminer.pdftypes``.

    ``decompress`` first inflates at most one byte past the limit; under it, the real
    ``zlib.decompress`` runs, so results and errors are exactly pdfminer's.
    """

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        state = _STREAM_LIMIT.get()
        if state is not None and not math.isinf(state[1]):
            try:
                probe = zlib.decompressobj().decompress(data, int(state[1]) + 1)
            except zlib.error:
                probe = b""  # the real call below raises the error pdfminer expects
            _check_stream(len(probe))
        return zlib.decompress(data, *args, **kwargs)

    @staticmethod
    def decompressobj(*args: Any, **kwargs: Any) -> Any:
        return _BoundedDecompressor(zlib.decompressobj(*args, **kwargs))


class _BoundedDecompressor:
    """A zlib decompressor that counts what it has produced (pdfminer's corrupted-data path)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._size = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def decompress(self, data: bytes, *args: Any) -> bytes:
        out = self._inner.decompress(data, *args)
        self._size += len(out)
        _check_stream(self._size)
        return out


def _bounded_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    chunks: list[bytes] = []
    size = 0
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        size += len(chunk)
        _check_stream(size)
        chunks.append(chunk)
    return b"".join(chunks)


def _install_bounded_decoders() -> None:
    """Make ``pdfminer.pdftypes`` use the bounded decoders (once; harmless outside qqtext)."""
    from pdfminer import pdftypes

    if isinstance(pdftypes.zlib, _BoundedZlib):
        return
    original_rldecode = pdftypes.rldecode

    def bounded_rldecode(data: bytes) -> bytes:  # at most 128 times its input: checked after
        out = original_rldecode(data)
        _check_stream(len(out))
        return out

    pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdftypes.lzwdecode = _bounded_lzwdecode
    pdftypes.rldecode = bounded_rldecode

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
  element per line (see :func:`html_to_text` for the rules).
* ``.pdf``: the text layer as extracted by pdfminer.six, pages joined by ``"\\n"``.

Line breaks of every kind (``"\\r\\n"``, ``"\\r"``, form feed, vertical tab, U+0085, U+2028, U+2029)
become ``"\\n"``, so ``text.split("\\n") == text.splitlines()`` holds for every result.

Every failure is a :class:`~qqtext.errors.ReadError` (or a subclass) with a one-line message that
names the file. Sizes are bounded before the costly step (:mod:`qqtext.limits`): the file
(``file_mb``), a text file (``text_mb``), an HTML file and its nesting (``html_mb``,
``html_depth``), the parts of a .docx (``zip_entry_mb``, ``zip_total_mb``, ``zip_ratio``), a PDF's
pages and streams (``pdf_pages``, ``pdf_stream_mb``), and the text read from any file (``text_mb``);
a file over one raises :class:`~qqtext.errors.LimitError`, naming the limit and its variable.

One module per format: :mod:`qqtext.read.plain`, :mod:`qqtext.read.html`, :mod:`qqtext.read.docx`,
:mod:`qqtext.read.pdf`; decoding bytes is :mod:`qqtext.read.encodings`. Heavy libraries (python-docx, pdfminer.six, BeautifulSoup, charset-normalizer) are
imported only when a file of their kind is read, to keep the command line quick to start.
"""

from __future__ import annotations

import os
from pathlib import Path

from qqtext.errors import EmptyDocumentError, UnsupportedFormatError
from qqtext.limits import check_bytes
from qqtext.read._common import check_regular_file, display, normalise_line_breaks, read_bytes
from qqtext.read.docx import read_docx
from qqtext.read.html import read_html
from qqtext.read.pdf import read_pdf
from qqtext.read.plain import read_plain

__all__ = ["SUPPORTED_SUFFIXES", "read_text"]

# --------------------------------------------------------------------------------------------
# Suffixes

_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_DOCX_SUFFIXES = frozenset({".docx"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_PDF_SUFFIXES = frozenset({".pdf"})

#: The size limit (and what to call the file) of each kind of file, besides ``file_mb``.
_SIZE_LIMITS: dict[str, tuple[str, str]] = {
    **{suffix: ("text_mb", "the text file") for suffix in _TEXT_SUFFIXES},
    **{suffix: ("html_mb", "the HTML file") for suffix in _HTML_SUFFIXES},
}

#: Every file suffix :func:`read_text` accepts (lower case, with the dot).
SUPPORTED_SUFFIXES: frozenset[str] = (
    _TEXT_SUFFIXES | _DOCX_SUFFIXES | _HTML_SUFFIXES | _PDF_SUFFIXES
)


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
        LimitError: the file is over one of the limits of :mod:`qqtext.limits`.
    """
    where = display(path)
    file = Path(path)
    size = check_regular_file(file, where)
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        shown = f"suffix {suffix!r}" if suffix else "no suffix"
        raise UnsupportedFormatError(
            f"{where}: unsupported file type ({shown}); qqtext reads {supported}"
        )
    check_bytes(where, "file_mb", size)
    limit, what = _SIZE_LIMITS.get(suffix, ("file_mb", "the file"))
    check_bytes(where, limit, size, what=what)
    data = read_bytes(file, where, limit="file_mb")
    check_bytes(where, limit, len(data), what=what)
    if not data:
        raise EmptyDocumentError(f"{where}: the file is empty")

    if suffix in _TEXT_SUFFIXES:
        text = read_plain(data, where, encoding)
    elif suffix in _HTML_SUFFIXES:
        text = read_html(data, where, encoding)
    elif suffix in _DOCX_SUFFIXES:
        text = read_docx(data, where)
    else:
        text = read_pdf(data, where)

    if suffix not in _TEXT_SUFFIXES:  # a text file's bytes were checked; an upper bound of its text
        check_bytes(where, "text_mb", len(text.encode("utf-8", "surrogatepass")), what="the text read from it")
    text = normalise_line_breaks(text)
    if not text.strip():
        raise EmptyDocumentError(f"{where}: the file holds no text (only white space)")
    return text


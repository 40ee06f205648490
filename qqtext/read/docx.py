"""Word (.docx) files: the body's paragraphs and tables in document order, one paragraph per line.

Tables are read row by row and cell by cell (empty cells skipped). Text boxes, headers, footers,
footnotes and deleted (tracked) text are left out.

Before python-docx opens the package, its ZIP directory is read with :mod:`zipfile`: a part whose
uncompressed size, or whose compression ratio, is over its limit, or parts over the total limit
(``zip_entry_mb``, ``zip_ratio``, ``zip_total_mb`` of :mod:`qqtext.limits`), refuse the file
before anything is inflated. The sizes the directory declares bound what is inflated: zipfile
stops at a part's declared size (and then fails its CRC check).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from qqtext.errors import QqtextError, ReadError, UnsupportedFormatError
from qqtext.limits import ZIP_RATIO_MIN_MB, check, check_bytes
from qqtext.read._common import one_line, sniff_magic

__all__ = ["read_docx", "check_zip_directory"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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


def read_docx(data: bytes, where: str) -> str:
    """Return the paragraphs and table cells of a .docx body, in document order."""
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFormatError(
            f"{where}: a legacy Word (.doc) or password-protected Office file, not a .docx; "
            "save it as .docx first"
        )
    if not data.startswith(_ZIP_MAGIC):
        kind = sniff_magic(data)
        if kind is not None:
            raise UnsupportedFormatError(f"{where}: the file is {kind}, not a .docx document")
        raise ReadError(f"{where}: not a valid .docx document (not a ZIP package)")
    check_zip_directory(data, where)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        return "\n".join(_docx_lines(body))
    except QqtextError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml/python-docx errors of every kind
        raise ReadError(f"{where}: not a valid .docx document ({one_line(exc)})") from exc


def check_zip_directory(data: bytes, where: str) -> None:
    """Refuse a ZIP package whose parts are over the size or ratio limits (a zip bomb).

    Only the central directory is read. A package zipfile cannot open is left to python-docx,
    whose error says what is wrong with it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except Exception:  # noqa: BLE001 - a corrupt package: python-docx will say so
        return
    total = 0
    for part in parts:
        name = part.filename[:80]
        check_bytes(where, "zip_entry_mb", part.file_size, what=f"the part {name!r} uncompressed")
        if part.file_size > ZIP_RATIO_MIN_MB * 1_000_000:
            ratio = part.file_size / max(part.compress_size, 1)
            check(where, "zip_ratio", round(ratio, 1), what=f"the part {name!r}")
        total += part.file_size
    check_bytes(where, "zip_total_mb", total, what="the package uncompressed")


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

"""How much input qqtext accepts: every size and depth bound of reading in one place.

A user's downloads hold broken, huge and odd files. Each limit below keeps one of them from taking
gigabytes or minutes: a file over a limit is refused before the costly step, with one line that
names the file, the limit and how to raise it (a :class:`~qqtext.errors.LimitError`).

Every limit has a documented default and an environment variable that overrides it; a program (the
command line, a notebook) may also override one for a block with :func:`overridden`. The order is:
:func:`overridden`, then the environment variable, then the default. A value of ``0`` or below, or
``inf``, switches a limit off.

======================  ==========================  =======  ==================================================
limit                   environment variable        default  what it bounds
======================  ==========================  =======  ==================================================
``file_mb``             ``QQTEXT_MAX_FILE_MB``      100      the size of any input file
``text_mb``             ``QQTEXT_MAX_TEXT_MB``      32       a plain-text file, and the text read from any file
``html_mb``             ``QQTEXT_MAX_HTML_MB``      16       an HTML file (its markup)
``html_depth``          ``QQTEXT_MAX_HTML_DEPTH``   1000     how deeply an HTML page's elements nest
``zip_entry_mb``        ``QQTEXT_MAX_ZIP_ENTRY_MB`` 50       one part of a .docx, uncompressed
``zip_total_mb``        ``QQTEXT_MAX_ZIP_TOTAL_MB`` 200      all parts of a .docx together, uncompressed
``zip_ratio``           ``QQTEXT_MAX_ZIP_RATIO``    200      uncompressed / compressed size of a .docx part
``pdf_pages``           ``QQTEXT_MAX_PDF_PAGES``    2000     the pages of a PDF
``pdf_stream_mb``       ``QQTEXT_MAX_PDF_STREAM_MB`` 50      one PDF stream, decompressed
======================  ==========================  =======  ==================================================

How the defaults were chosen: the largest text of the shared corpora (a national law of some 300
articles) is under 0.5 MB of UTF-8 and the largest Chinese code (the 民法典) about 0.3 MB, so
32 MB of text is some hundred codes; parsing costs about 10–20 times the text in memory, so the
default keeps a parse under about 0.6 GB. Government pages are under 2 MB and nest 20–60 elements
deep (unclosed tags add some hundreds at worst). A .docx's ``word/document.xml`` compresses 5–20
times; a zip bomb 300–1000 times (the known case: 1.4 MB inflating to 400 MB), and the ratio is only
checked for parts of more than :data:`ZIP_RATIO_MIN_MB` uncompressed, so small, very repetitive
parts (styles, settings) never trip it. Text pages of a PDF have content streams of kilobytes;
images are not decoded to extract text.

>>> limit("html_depth")
1000
>>> with overridden(text_mb=1):
...     limit("text_mb")
1.0
>>> describe("zip_ratio")
'QQTEXT_MAX_ZIP_RATIO (default 200)'
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from qqtext.errors import ConfigurationError, LimitError

__all__ = [
    "Limit",
    "LIMITS",
    "LimitName",
    "ZIP_RATIO_MIN_MB",
    "limit",
    "limit_bytes",
    "describe",
    "overridden",
    "check",
    "check_bytes",
    "refuse",
]

LimitName = Literal[
    "file_mb", "text_mb", "html_mb", "html_depth", "zip_entry_mb", "zip_total_mb", "zip_ratio",
    "pdf_pages", "pdf_stream_mb",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Limit:
    """One limit: its name, environment variable, default and what it bounds."""

    name: str
    env: str
    default: float
    what: str
    unit: Literal["MB", ""] = "MB"


#: Every limit, by name (see the table in the module documentation).
LIMITS: dict[str, Limit] = {
    item.name: item
    for item in (
        Limit("file_mb", "QQTEXT_MAX_FILE_MB", 100, "an input file"),
        Limit("text_mb", "QQTEXT_MAX_TEXT_MB", 32, "a document's text"),
        Limit("html_mb", "QQTEXT_MAX_HTML_MB", 16, "an HTML file"),
        Limit("html_depth", "QQTEXT_MAX_HTML_DEPTH", 1000, "the nesting depth of HTML elements", ""),
        Limit("zip_entry_mb", "QQTEXT_MAX_ZIP_ENTRY_MB", 50, "one uncompressed part of a .docx"),
        Limit("zip_total_mb", "QQTEXT_MAX_ZIP_TOTAL_MB", 200, "the uncompressed parts of a .docx"),
        Limit("zip_ratio", "QQTEXT_MAX_ZIP_RATIO", 200, "the compression ratio of a .docx part", ""),
        Limit("pdf_pages", "QQTEXT_MAX_PDF_PAGES", 2000, "the pages of a PDF", ""),
        Limit("pdf_stream_mb", "QQTEXT_MAX_PDF_STREAM_MB", 50, "one decompressed PDF stream"),
    )
}

#: The compression ratio is only checked for parts larger than this, uncompressed (MB).
ZIP_RATIO_MIN_MB = 1.0

_MB = 1_000_000
_OVERRIDES: ContextVar[dict[str, float]] = ContextVar("qqtext_limit_overrides", default={})


def _definition(name: str) -> Limit:
    try:
        return LIMITS[name]
    except KeyError:
        known = ", ".join(LIMITS)
        raise ConfigurationError(f"unknown limit {name!r}; known limits: {known}") from None


def limit(name: LimitName | str) -> float:
    """The limit's value now (``math.inf`` when switched off).

    Raises:
        ConfigurationError: the name is unknown, or its environment variable is not a number.
    """
    definition = _definition(name)
    overrides = _OVERRIDES.get()
    if name in overrides:
        value = overrides[name]
    else:
        raw = os.environ.get(definition.env, "").strip()
        if not raw:
            value = definition.default
        else:
            try:
                value = float(raw)
            except ValueError:
                raise ConfigurationError(
                    f"{definition.env}={raw!r} is not a number (a limit for {definition.what})"
                ) from None
    if math.isnan(value) or value <= 0:
        return math.inf
    return int(value) if value == int(value) and not definition.unit and value < 2**53 else value


def limit_bytes(name: LimitName | str) -> float:
    """A size limit in bytes (``math.inf`` when switched off)."""
    value = limit(name)
    return value if math.isinf(value) else value * _MB


def describe(name: LimitName | str) -> str:
    """How to raise a limit: its environment variable and default.

    >>> describe("file_mb")
    'QQTEXT_MAX_FILE_MB (default 100 MB)'
    """
    definition = _definition(name)
    default = f"{definition.default:g}{' ' + definition.unit if definition.unit else ''}"
    return f"{definition.env} (default {default})"


@contextlib.contextmanager
def overridden(**values: float | None) -> Iterator[None]:
    """Override limits for a block (``None`` leaves one as it is; ``0`` switches one off).

    The command line uses this for its flags; the setting is per thread and per async task.
    """
    for name in values:
        _definition(name)
    merged = {**_OVERRIDES.get(), **{k: float(v) for k, v in values.items() if v is not None}}
    token = _OVERRIDES.set(merged)
    try:
        yield
    finally:
        _OVERRIDES.reset(token)


def _shown(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value / _MB:,.1f} MB" if value >= _MB / 10 else f"{value:,.0f} bytes"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def check(where: str, name: LimitName | str, value: float, *, what: str | None = None) -> None:
    """Raise a :class:`LimitError` if ``value`` (a count or ratio) is over the limit ``name``.

    >>> check("a.html", "html_depth", 1200)
    Traceback (most recent call last):
    ...
    qqtext.errors.LimitError: a.html: the HTML elements nest 1,200 deep, over the limit of 1,000 (set QQTEXT_MAX_HTML_DEPTH to raise it; 0 switches it off)
    """
    bound = limit(name)
    if value > bound:
        _raise(where, name, value, bound, what)


def check_bytes(where: str, name: LimitName | str, size: float, *, what: str | None = None) -> None:
    """Raise a :class:`LimitError` if ``size`` (bytes) is over the size limit ``name`` (MB).

    >>> with overridden(text_mb=1):
    ...     check_bytes("big.txt", "text_mb", 3_500_000, what="the text file")
    Traceback (most recent call last):
    ...
    qqtext.errors.LimitError: big.txt: the text file is 3.5 MB, over the limit of 1.0 MB (set QQTEXT_MAX_TEXT_MB to raise it; 0 switches it off)
    """
    bound = limit_bytes(name)
    if size > bound:
        _raise(where, name, size, bound, what)


def refuse(where: str, name: LimitName | str, stated: str) -> None:
    """Raise the :class:`LimitError` of limit ``name`` with ``stated`` saying what is over it.

    >>> refuse("a.pdf", "pdf_stream_mb", "a stream of the PDF decompresses to more than 50 MB")
    Traceback (most recent call last):
    ...
    qqtext.errors.LimitError: a.pdf: a stream of the PDF decompresses to more than 50 MB, over the limit (set QQTEXT_MAX_PDF_STREAM_MB to raise it; 0 switches it off)
    """
    definition = _definition(name)
    raise LimitError(f"{where}: {stated}, over the limit (set {definition.env} to raise it; 0 switches it off)")


def _raise(where: str, name: str, value: float, bound: float, what: str | None) -> None:
    definition = LIMITS[name]
    unit = definition.unit
    subject = what or definition.what
    if name == "html_depth":
        stated = f"the HTML elements nest {_shown(value, unit)} deep"
    elif name == "zip_ratio":
        stated = f"{subject} is compressed {_shown(value, unit)} times"
    elif name == "pdf_pages":
        stated = f"the PDF has {_shown(value, unit)} pages"
    else:
        stated = f"{subject} is {_shown(value, unit)}"
    raise LimitError(
        f"{where}: {stated}, over the limit of {_shown(bound, unit)} "
        f"(set {definition.env} to raise it; 0 switches it off)"
    )

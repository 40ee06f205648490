"""One sanitiser for every writer: text that XML, the Office formats, graph files and UTF-8 can hold.

A document can carry characters no output format wants: C0 control characters from a broken
conversion, the non-characters U+FFFE/U+FFFF, and lone surrogates (a Python ``str`` holds one only
when it is unpaired, as from a bad decode or an escaped ``"\\ud800"`` in JSON or YAML). XML 1.0 (and
so xlsx, docx, QTI, Moodle XML, GraphML, GEXF) cannot hold them at all; a lone surrogate cannot even
be encoded as UTF-8, so it breaks every text file and standard output.

Every XML/Office/graph writer passes its text through :func:`sanitize` (or :func:`clean`, which
first turns CR LF and CR into LF); plain-text and JSON writers pass it through :func:`utf8_safe`,
which only replaces what UTF-8 cannot encode. Normal text (Chinese, Latin, emoji, CJK extensions,
tabs, newlines) is never changed.

>>> sanitize("第一条\\x00 机关\\ufffe工作人员\\ud800")
'第一条 机关工作人员'
>>> utf8_safe("甲\\ud800乙\\x00")
'甲\\ufffd乙\\x00'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["RE_NOT_XML", "RE_SURROGATE", "sanitize", "clean", "utf8_safe", "sanitized_value", "first_unsafe"]

#: What XML 1.0 (and so xlsx, docx, QTI, Moodle XML, GraphML, GEXF) cannot hold, or holds only to break
#: a reader: the C0 controls other than tab and newline (a carriage return, legal but rewritten by every
#: XML parser, goes too: :func:`clean` turns line ends into newlines first), DEL, the non-characters
#: U+FFFE and U+FFFF, and surrogate code points.
RE_NOT_XML = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
#: A surrogate code point: in a ``str`` always a lone one, which UTF-8 cannot encode.
RE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def sanitize(text: str) -> str:
    """``text`` without the characters XML 1.0 and the Office formats cannot hold (see :data:`RE_NOT_XML`).

    Tab and newline stay; everything else a document can hold stays too (emoji, CJK extensions,
    U+2028).

    >>> sanitize("甲\\x00乙\\x1f丙\\ufffe丁\\ud800戊\\t己\\n")
    '甲乙丙丁戊\\t己\\n'
    """
    return RE_NOT_XML.sub("", text)


def clean(text: str) -> str:
    """Text as every XML/Office writer emits it: CR LF and CR become LF; then :func:`sanitize`.

    >>> clean("甲\\r\\n乙\\x0c丙")
    '甲\\n乙丙'
    """
    return sanitize(text.replace("\r\n", "\n").replace("\r", "\n"))


def utf8_safe(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so that it encodes as UTF-8.

    For plain text, Markdown, CSV and JSON outputs, which can hold control characters (JSON escapes
    them) but not a lone surrogate.

    >>> utf8_safe("甲\\udc80乙").encode("utf-8")
    b'\\xe7\\x94\\xb2\\xef\\xbf\\xbd\\xe4\\xb9\\x99'
    """
    return RE_SURROGATE.sub("\ufffd", text)


def sanitized_value(value: Any) -> Any:
    """A value for an XML attribute or element: strings sanitised; tuples, lists and dicts walked; others as is.

    >>> sanitized_value({"label": "甲\\x01", "tags": ["乙\\uffff"], "article": 3})
    {'label': '甲', 'tags': ['乙'], 'article': 3}
    """
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, Mapping):
        return {sanitized_value(k): sanitized_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(sanitized_value(v) for v in value)
    return value


def first_unsafe(text: str) -> tuple[int, str] | None:
    """The offset and the character of the first character :func:`sanitize` would drop, or ``None``.

    For readers that refuse such text with a message naming the place.

    >>> first_unsafe("第一条\\ud800"), first_unsafe("第一条")
    ((3, '\\ud800'), None)
    """
    match = RE_NOT_XML.search(text)
    return (match.start(), match.group()) if match else None

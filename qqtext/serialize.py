"""Writing a parsed document out: a JSON-ready dict, Markdown, CSV.

The JSON shape is stable (other tools read it)::

    {"id", "title", "issuers": [...], "date": "YYYY-MM-DD" | null, "kind", "recipients": [...],
     "cc": [...], "chapters": [{"number", "title", "articles": [numbers]}],
     "parts": [...], "subchapters": [...],            # same shape as chapters, where present
     "preamble": [paragraph texts],
     "versions": [{"date": "YYYY-MM-DD", "event", "text"}],   # the history, in printed order
     "articles": [{"id", "number", "sub", "heading", "chapter", "text", "paragraphs": [texts],
                   "items": [{"id", "number", "marker", "text", "start", "end"}], "start", "end"}],
     "sections": [{"id", "number", "title", "text", "paragraphs": [texts], "items": [...], "start", "end"}],
     "annexes": [{"id", "number", "title", "text", "start", "end"}],
     "warnings": [...]}

``sub`` is 0, or 1 for 第X条之一 (``number`` X), 2 for 之二 …; a chapter's ``articles`` names each
article number once. ``chapter`` is null where the document has no chapters; ``start``/``end`` are
offsets into the normalised text (``Document.text``).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from qqtext.frames import ARTICLE_COLUMNS, SECTION_COLUMNS, article_rows, section_rows
from qqtext.model import Annex, Article, Document, Heading, Item, Section
from qqtext.numerals import to_chinese_number
from qqtext.textsafe import utf8_safe

__all__ = ["to_dict", "to_json", "to_markdown", "markdown_text", "to_csv", "heading_label", "spreadsheet_safe",
           "safe_rows"]

#: What a spreadsheet reads as the start of a formula (=SUM, +1, -1, @x) or a control.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell Excel and LibreOffice show as text: a text opening like a formula gets a leading ``'``
    (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``); anything else is returned as is.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("企业应当依法经营"), spreadsheet_safe(3)
    ("'=1+1", '企业应当依法经营', 3)
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def safe_rows(rows):
    """Rows (dicts) with every cell passed through :func:`spreadsheet_safe`, for ``csv.DictWriter``."""
    return ({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)


def _item(item: Item) -> dict[str, Any]:
    return {"id": item.id, "number": item.number, "marker": item.marker, "text": item.text,
            "start": item.span.start, "end": item.span.end}


def _heading(heading: Heading) -> dict[str, Any]:
    return {"id": heading.id, "number": heading.number, "title": heading.title, "articles": list(heading.articles)}


def _annex(annex: Annex) -> dict[str, Any]:
    return {"id": annex.id, "number": annex.number, "title": annex.title, "text": annex.text,
            "start": annex.span.start, "end": annex.span.end}


def _body(unit: Article | Section) -> dict[str, Any]:
    return {
        "text": unit.text,
        "paragraphs": [p.text for p in unit.paragraphs if p.text],
        "items": [_item(i) for i in unit.items],
        "start": unit.span.start,
        "end": unit.span.end,
    }


def to_dict(doc: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data (see the module documentation for the shape)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "issuers": list(doc.issuers),
        "date": doc.date.isoformat() if doc.date else None,
        "kind": doc.kind,
        "recipients": list(doc.recipients),
        "cc": list(doc.cc),
        "parts": [_heading(h) for h in doc.parts],
        "chapters": [_heading(h) for h in doc.chapters],
        "subchapters": [_heading(h) for h in doc.subchapters],
        "preamble": [p.text for p in doc.preamble],
        "versions": [{"date": v.date.isoformat(), "event": v.event, "text": v.text} for v in doc.versions],
        "articles": [
            {"id": a.id, "number": a.number, "sub": a.sub, "heading": a.heading, "chapter": a.chapter, **_body(a)}
            for a in doc.articles
        ],
        "sections": [{"id": s.id, "number": s.number, "title": s.title, **_body(s)} for s in doc.sections],
        "annexes": [_annex(a) for a in doc.annexes],
        "warnings": list(doc.warnings),
    }


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    """The document as JSON text (UTF-8 characters kept, not escaped)."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent) + "\n"


def markdown_text(text: str) -> str:
    """Document text for Markdown: ``&``, ``<`` and ``>`` as character references, so that no HTML in a
    document (``<script>``, ``<img onerror=…>``) passes through to a renderer; lone surrogates as U+FFFD.

    The text reads the same when rendered; the Markdown around it is left alone.

    >>> markdown_text("<script>alert(1)</script> & 第一条")
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; 第一条'
    """
    return utf8_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(doc: Document) -> str:
    """A readable Markdown rendering: title, metadata, then the structure with every article.

    Every text taken from the document is escaped with :func:`markdown_text` (HTML never passes through).

    >>> from qqtext import parse_text
    >>> print(to_markdown(parse_text("第一条 <b>企业</b>应当依法经营。", doc_id="d")).splitlines()[-1])
    **第一条** &lt;b&gt;企业&lt;/b&gt;应当依法经营。
    """
    e = markdown_text
    out = [f"# {e(doc.title or doc.id)}", ""]
    facts = [
        ("发文机关", "、".join(doc.issuers)),
        ("日期", doc.date.isoformat() if doc.date else ""),
        ("沿革", "；".join(f"{v.date.isoformat()} {v.event}" for v in doc.versions) if len(doc.versions) > 1 else ""),
        ("文种", doc.kind or ""),
        ("主送", "、".join(doc.recipients)),
        ("抄送", "、".join(doc.cc)),
    ]
    out += [f"- **{label}**：{e(value)}" for label, value in facts if value]
    out.append("")
    out += [e(p.text) + "\n" for p in doc.preamble]
    marks = {"part": "##", "chapter": "##", "subchapter": "###"}
    units = sorted([*doc.headings, *doc.articles, *doc.sections], key=lambda unit: unit.span.start)
    for unit in units:
        if isinstance(unit, Heading):
            out += [f"{marks[unit.level]} {e(heading_label(unit))}", ""]
            continue
        title = getattr(unit, "title", None)
        gap = "" if unit.heading.endswith("、") else " "  # 一、总体要求; 第一条 title
        lead = f"**{e(unit.heading)}{gap + e(title) if title else ''}**"
        for index, paragraph in enumerate(unit.paragraphs):
            out.append(f"{lead} {e(paragraph.text)}".rstrip() if index == 0 else e(paragraph.text))
            out += [f"- {e(item.marker)}{e(item.text)}" for item in paragraph.items]
            out.append("")
        if not unit.paragraphs:
            out += [lead, ""]
    for annex in doc.annexes:
        out += [f"## 附件{annex.number} {e(annex.title)}".rstrip(), ""]
        out += [e(line) + "\n" for line in annex.text.splitlines()]
    return "\n".join(out).rstrip() + "\n"


def heading_label(heading: Heading) -> str:
    """How a heading is printed: ``第三章 规范政商交往`` (or just the title when unnumbered)."""
    if heading.number is None:
        return heading.title
    level = {"part": "编", "chapter": "章", "subchapter": "节"}[heading.level]
    return f"第{to_chinese_number(heading.number)}{level} {heading.title}".rstrip()


def to_csv(doc: Document) -> str:
    """One CSV row per article (or per section of an 意见-style text), UTF-8 with a header."""
    rows, columns = (article_rows(doc), ARTICLE_COLUMNS) if doc.articles else (section_rows(doc), SECTION_COLUMNS)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_rows(rows))
    return buffer.getvalue()

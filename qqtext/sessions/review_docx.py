"""The 错题本 as a Word document: the same content as :func:`qqtext.sessions.review.review_markdown`.

Per article a heading (第十三条（五）), then each wrong question with its options, 您的答案, 正确答案,
解析 and the quoted source. The file carries no date and its zip entries a fixed timestamp, so the
same groups always give the same bytes.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_review_docx([], pathlib.Path(folder) / "错题本.docx")
...     path.stat().st_size > 1000
True
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from qqtext.exercises.model import TYPE_LABELS
from qqtext.outputs import atomic_write_bytes
from qqtext.sessions.review import ReviewGroup, response_text
from qqtext.textsafe import clean

__all__ = ["write_review_docx"]

#: What every file says it was made at (no build date in the file).
FIXED_DATETIME = datetime(2019, 1, 4)
FIXED_ZIP_TIME = (2019, 1, 4, 0, 0, 0)
BODY_FONT, HEADING_FONT = "宋体", "黑体"


def _clean(text: str) -> str:
    """Every text written: what XML 1.0 cannot hold dropped, line ends as LF (:func:`qqtext.textsafe.clean`)."""
    return clean(text)


def _east_asian(style, font: str) -> None:
    """Give a paragraph style its Chinese font (python-docx sets only the Latin one)."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def _labelled(document, label: str, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(_clean(text))


def write_review_docx(groups: Sequence[ReviewGroup], path: str | os.PathLike[str], *, title: str = "错题本") -> Path:
    """Write the 错题本 of ``groups`` (from :func:`~qqtext.sessions.review.wrong_answers`) to ``path``.

    Every text is sanitised (:func:`qqtext.textsafe.clean`); the file is written whole or not at all.

    Raises:
        qqtext.outputs.OutputError: the file cannot be written (an ``OSError`` too; one line).
    """
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for name, font, size in (("Normal", BODY_FONT, 10.5), ("Title", HEADING_FONT, 18), ("Heading 1", HEADING_FONT, 14),
                             ("Heading 2", HEADING_FONT, 11)):
        style = document.styles[name]
        style.font.size = Pt(size)
        _east_asian(style, font)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = " ".join(_clean(title).split()), "qqtext", "qqtext"
    properties.revision = 1
    properties.created = properties.modified = FIXED_DATETIME
    body = document.element.body
    for paragraph in list(body.iterchildren()):  # the template's empty first paragraph
        if paragraph.tag.endswith("}p"):
            body.remove(paragraph)

    document.add_heading(_clean(title), level=0)
    entries = [entry for group in groups for entry in group.entries]
    if not entries:
        document.add_paragraph("没有错题。继续保持！")
    else:
        docs = {group.doc for group in groups}
        places = "、".join(_heading(group, len(docs) > 1) for group in groups)
        document.add_paragraph(_clean(f"共 {len(entries)} 道错题，涉及 {len(groups)} 处条款：{places}。"))
        number = 0
        for group in groups:
            document.add_heading(_clean(_heading(group, len(docs) > 1)), level=1)
            for entry in group.entries:
                number += 1
                q = entry.question
                notes = [f"答错 {entry.times} 次"] if entry.times > 1 else []
                notes += ["后来已答对"] if entry.corrected else []
                note = f"（{'，'.join(notes)}）" if notes else ""
                document.add_heading(_clean(f"{number}. {TYPE_LABELS.get(q.type, q.type)}{note}"), level=2)
                document.add_paragraph(_clean(q.stem))
                for option in q.options:
                    document.add_paragraph(_clean(f"{option.key}. {option.text}"))
                yours = "；".join(dict.fromkeys(response_text(q, r) for r in entry.responses))
                _labelled(document, "您的答案", yours)
                _labelled(document, "正确答案", response_text(q, q.answer))
                _labelled(document, "解析", q.explanation)
                if q.source.quote:
                    _labelled(document, "原文", q.source.quote)
        document.add_paragraph("建议：对照原文重读以上条款，再做一次错题重测。")

    buffer = io.BytesIO()
    document.save(buffer)
    return atomic_write_bytes(path, _fixed_zip(buffer.getvalue()))  # whole or not at all


def _heading(group: ReviewGroup, with_doc: bool) -> str:
    citation = group.citation or "未注明条款"
    return f"{group.doc} {citation}" if with_doc else citation


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()

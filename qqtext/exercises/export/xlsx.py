"""An Excel 题库 in the column layout Chinese exam platforms import, set up to print.

One header row, then one row per question, numbered and ordered as the printed paper numbers them
(by type: 单选题, 多选题, 判断题, 填空题, 情形判断题; within a type in the given order)::

    题号 | 题型 | 题干 | 选项A … 选项F | 正确答案 | 解析 | 难度 | 分值 | 章节 | 条款 | 知识点 | 出处

* 题号: 1 … n, the numbers of :func:`~qqtext.exercises.export.docx.write_docx_paper` for the same questions;
* 题型: 单选题 / 多选题 / 判断题 / 填空题. Scenario (情形判断) questions are written as 单选题 by
  default, since platforms know no 情形判断题 and refuse rows they cannot type;
  ``scenario_as_single=False`` writes 情形判断题;
* 正确答案: ``A``, ``ABD``; 正确 / 错误 for true/false; cloze answers joined by ``|``;
* 难度: 简单 / 中等 / 困难; 分值: the points, as a number;
* 章节: the chapter of the cited article, ``第三章 规范政商交往``: from ``doc`` when it is given, else
  from the question's tags (a ``第X章`` tag and the title after it, as generators and curated banks
  write them); 条款: the citation, ``第十三条（五）``; 知识点: the other tags (topics, 亲/清), joined
  by 、; 出处: the citation and the quote, 第十三条（五）“quote”.

Every text cell is stored as text, so a stem that starts with ``=`` is never taken for a formula. The
header is bold, shaded, frozen and filtered. For printing: text wraps, columns have widths for
their content (an empty 选项E/选项F is narrow), the page is A4, landscape when the columns are wider
than a portrait page, scaled to fit the page width (as many pages long as it takes), with the header
row repeated on every page and 第 n 页，共 N 页 in the footer.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.xml.functions import tostring

from qqtext.exercises.export._common import (
    CHOICE_TYPES,
    DIFFICULTY_LABELS,
    FIXED_DATETIME,
    ExportError,
    clean,
    normalize_zip,
    paper_sections,
    source_text,
    validated,
    width_em,
    write_bytes,
)
from qqtext.exercises.model import TRUE, TYPE_LABELS, Question
from qqtext.numerals import to_chinese_number

if TYPE_CHECKING:
    from qqtext.model import Document

__all__ = ["write_xlsx", "COLUMNS", "OPTION_KEYS", "chapter_label", "topic_tags"]

OPTION_KEYS = ("A", "B", "C", "D", "E", "F")
COLUMNS = ("题号", "题型", "题干", *(f"选项{k}" for k in OPTION_KEYS), "正确答案", "解析", "难度", "分值",
           "章节", "条款", "知识点", "出处")
#: Column widths in Excel's units (about one Latin digit; a Chinese character takes two). Chosen so
#: that the sheet, at 200–210 units with four options, prints landscape on A4 (about 150 units at
#: full size between the margins) at roughly 70 % of full size: stems and 解析 wrap at 14–16
#: characters a line, a citation (第十三条（五）) fits one line.
WIDTHS = {"题号": 5, "题型": 9, "题干": 32, "正确答案": 8, "解析": 28, "难度": 6, "分值": 6, "章节": 12,
          "条款": 14, "知识点": 12, "出处": 20}
#: An option column is as wide as its longest option needs, within these bounds (an empty one: the least).
OPTION_WIDTH = (4, 10)
#: Wider than this (in width units) the columns do not fit a portrait A4 page legibly: print landscape.
PORTRAIT_WIDTH = 100
MAX_CELL = 32767  # Excel's limit on the characters of one cell
SHEET_TITLE = "题库"
FOOTER = "第 &P 页，共 &N 页"

RE_CHAPTER_TAG = re.compile(r"^第[〇零一二两三四五六七八九十百千\d]+(?:编|章|节|部分)$")
RE_CITATION_TAG = re.compile(r"^第[〇零一二两三四五六七八九十百千\d]+条")


def _doc_chapter(q: Question, doc: Document | None):
    if doc is None or q.source.article is None or q.source.doc != doc.id:
        return None
    return next((h for h in doc.chapters if q.source.article in h.articles), None)


def _heading_label(heading) -> str:
    title = " ".join(clean(heading.title).split())
    if heading.number is None:
        return title
    return f"第{to_chinese_number(heading.number)}章 {title}".strip()


def _tags(q: Question) -> list[str]:
    return [tag for tag in (" ".join(clean(t).split()) for t in q.tags) if tag]


def _chapter_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """The tags naming the chapter: the first ``第X章`` (or 编, 节, 部分) and the title after it."""
    for i, tag in enumerate(tags):
        if RE_CHAPTER_TAG.match(tag):
            title = tags[i + 1] if i + 1 < len(tags) else ""
            if title and not RE_CHAPTER_TAG.match(title) and not RE_CITATION_TAG.match(title) and title not in ("亲", "清"):
                return (tag, title)
            return (tag,)
    return ()


def chapter_label(q: Question, doc: Document | None = None) -> str:
    """章节: the chapter of the question's article, ``第三章 规范政商交往`` (``""`` where none is known).

    From ``doc``'s chapter headings where ``doc`` is the question's document and the article is under
    one, else from the tags.

    >>> from qqtext.exercises.model import Source
    >>> q = Question.create(type="true_false", stem="…", answer=["对"], explanation="",
    ...                     source=Source("d", 13, 5, "", 0, 0), tags=["第三章", "规范政商交往", "清"])
    >>> chapter_label(q), topic_tags(q)
    ('第三章 规范政商交往', ('清',))
    """
    heading = _doc_chapter(q, doc)
    if heading is not None:
        return _heading_label(heading)
    return " ".join(_chapter_tags(_tags(q)))


def topic_tags(q: Question, doc: Document | None = None) -> tuple[str, ...]:
    """知识点: the question's tags without those naming its chapter or citing an article (章节, 条款 hold them)."""
    tags = _tags(q)
    drop = set(_chapter_tags(tags))
    heading = _doc_chapter(q, doc)
    if heading is not None:
        drop.add(heading.title.strip())
        if heading.number is not None:
            drop.add(f"第{to_chinese_number(heading.number)}章")
    return tuple(dict.fromkeys(t for t in tags if t not in drop and not RE_CITATION_TAG.match(t)))


def _type_label(q: Question, scenario_as_single: bool) -> str:
    if q.type == "scenario" and scenario_as_single:
        return TYPE_LABELS["single_choice"]
    return TYPE_LABELS[q.type]


def _answer(q: Question) -> str:
    if q.type in CHOICE_TYPES:
        return "".join(q.answer)
    if q.type == "true_false":
        return "正确" if q.answer == (TRUE,) else "错误"
    return "|".join(clean(a) for a in q.answer)


def _row(number: int, q: Question, scenario_as_single: bool, doc: Document | None) -> list[object]:
    options = {o.key: clean(o.text) for o in q.options}
    extra = set(options) - set(OPTION_KEYS)
    if extra:
        raise ExportError(f"{q.id}: options {', '.join(sorted(extra))} do not fit the columns 选项A–选项F")
    score = int(q.score) if float(q.score).is_integer() else q.score
    row = [number, _type_label(q, scenario_as_single), clean(q.stem), *(options.get(k, "") for k in OPTION_KEYS),
           _answer(q), clean(q.explanation), DIFFICULTY_LABELS.get(q.difficulty, str(q.difficulty)), score,
           chapter_label(q, doc), q.source.citation(), "、".join(topic_tags(q, doc)), source_text(q)]
    for value in row:
        if isinstance(value, str) and len(value) > MAX_CELL:
            raise ExportError(f"{q.id}: a cell would hold {len(value)} characters; Excel holds {MAX_CELL}")
    return row


def _widths(rows: Sequence[Sequence[object]]) -> list[float]:
    widths = []
    low, high = OPTION_WIDTH
    for index, name in enumerate(COLUMNS):
        if name in WIDTHS:
            widths.append(WIDTHS[name])
            continue
        longest = max((width_em(str(row[index])) for row in rows if row[index]), default=0)
        widths.append(max(low, min(high, round(2 * longest + 1))) if longest else low)
    return widths


def _header_footer_text(text: str) -> str:
    # & starts a code in Excel's header and footer: a literal one is doubled.
    return " ".join(clean(text).split()).replace("&", "&&")


def write_xlsx(
    questions: Sequence[Question],
    path: str | os.PathLike[str],
    *,
    title: str,
    scenario_as_single: bool = True,
    doc: Document | None = None,
) -> Path:
    """Write the questions as an Excel 题库 to ``path`` and return the path.

    Args:
        questions: the questions, in paper order.
        path: the ``.xlsx`` file.
        title: the workbook's title (document properties and the printed page header; the sheet is
            named 题库).
        scenario_as_single: write scenario questions as 单选题 (the default) or as 情形判断题.
        doc: the questions' document, for the 章节 column (else it comes from the tags).

    Raises:
        ExportError: a question has options beyond F, or a text longer than a cell holds.
    """
    questions = validated(questions)
    numbered = [pair for section in paper_sections(questions) for pair in section.numbered]
    rows = [_row(number, q, scenario_as_single, doc) for number, q in numbered]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row)

    header_font = Font(bold=True, name="宋体", size=11)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name="宋体", size=11)
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    centred = {"题号", "题型", "正确答案", "难度", "分值"}
    for row in sheet.iter_rows(min_row=2):
        for name, cell in zip(COLUMNS, row):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.font = body_font
            cell.border = border
            cell.alignment = Alignment(horizontal="center" if name in centred else "left", vertical="top",
                                       wrap_text=True)
    widths = _widths(rows)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 22
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"

    # Printing: A4, fit to the page width (as many pages long as needed), the header on every page.
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.oddHeader.center.text = _header_footer_text(title)
    sheet.oddFooter.center.text = FOOTER

    properties = workbook.properties
    properties.title = " ".join(clean(title).split())
    properties.creator = "qqtext"
    properties.lastModifiedBy = "qqtext"
    properties.created = properties.modified = FIXED_DATETIME.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Saving stamps the modification time: put the fixed one back, and fix the zip's dates.
    properties.modified = FIXED_DATETIME.replace(tzinfo=None)
    core = tostring(properties.to_tree())
    return write_bytes(path, normalize_zip(buffer.getvalue(), replace={"docProps/core.xml": core}))

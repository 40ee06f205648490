"""An Excel 题库 in the column layout Chinese exam platforms import.

One header row, then one row per question in paper order::

    题型 | 题干 | 选项A … 选项F | 正确答案 | 解析 | 难度 | 分值 | 出处

* 题型: 单选题 / 多选题 / 判断题 / 填空题. Scenario (情形判断) questions are written as 单选题 by
  default, since platforms know no 情形判断题 and refuse rows they cannot type;
  ``scenario_as_single=False`` writes 情形判断题;
* 正确答案: ``A``, ``ABD``; 正确 / 错误 for true/false; cloze answers joined by ``|``;
* 难度: 简单 / 中等 / 困难; 分值: the points, as a number; 出处: 第十三条（五）“quote”.

Every text cell is stored as text, so a stem that starts with ``=`` is never taken for a formula. The
header is bold, shaded and frozen; columns have widths; cells wrap.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from qqtext.exercises.export._common import (
    CHOICE_TYPES,
    DIFFICULTY_LABELS,
    FIXED_DATETIME,
    ExportError,
    clean,
    normalize_zip,
    source_text,
    validated,
    write_bytes,
)
from qqtext.exercises.model import TRUE, TYPE_LABELS, Question

__all__ = ["write_xlsx", "COLUMNS", "OPTION_KEYS"]

OPTION_KEYS = ("A", "B", "C", "D", "E", "F")
COLUMNS = ("题型", "题干", *(f"选项{k}" for k in OPTION_KEYS), "正确答案", "解析", "难度", "分值", "出处")
WIDTHS = {"题型": 10, "题干": 48, "正确答案": 12, "解析": 48, "难度": 7, "分值": 7, "出处": 36}
OPTION_WIDTH = 18
MAX_CELL = 32767  # Excel's limit on the characters of one cell
SHEET_TITLE = "题库"


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


def _row(q: Question, scenario_as_single: bool) -> list[object]:
    options = {o.key: clean(o.text) for o in q.options}
    extra = set(options) - set(OPTION_KEYS)
    if extra:
        raise ExportError(f"{q.id}: options {', '.join(sorted(extra))} do not fit the columns 选项A–选项F")
    score = int(q.score) if float(q.score).is_integer() else q.score
    row = [_type_label(q, scenario_as_single), clean(q.stem), *(options.get(k, "") for k in OPTION_KEYS),
           _answer(q), clean(q.explanation), DIFFICULTY_LABELS.get(q.difficulty, str(q.difficulty)), score,
           source_text(q)]
    for value in row:
        if isinstance(value, str) and len(value) > MAX_CELL:
            raise ExportError(f"{q.id}: a cell would hold {len(value)} characters; Excel holds {MAX_CELL}")
    return row


def write_xlsx(
    questions: Sequence[Question],
    path: str | os.PathLike[str],
    *,
    title: str,
    scenario_as_single: bool = True,
) -> Path:
    """Write the questions as an Excel 题库 to ``path`` and return the path.

    Args:
        questions: the questions, in paper order.
        path: the ``.xlsx`` file.
        title: the workbook's title (document properties; the sheet is named 题库).
        scenario_as_single: write scenario questions as 单选题 (the default) or as 情形判断题.

    Raises:
        ExportError: a question has options beyond F, or a text longer than a cell holds.
    """
    questions = validated(questions)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(COLUMNS))
    for q in questions:
        sheet.append(_row(q, scenario_as_single))

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
    centred = {"题型", "正确答案", "难度", "分值"}
    for row in sheet.iter_rows(min_row=2):
        for name, cell in zip(COLUMNS, row):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.font = body_font
            cell.border = border
            cell.alignment = Alignment(horizontal="center" if name in centred else "left", vertical="top",
                                       wrap_text=True)
    for index, name in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, OPTION_WIDTH)
    sheet.row_dimensions[1].height = 22
    sheet.freeze_panes = "A2"

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

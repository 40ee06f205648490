"""The class report as an Excel workbook: 概览, 题目分析, 干扰项, 掌握情况, 需修订 (openpyxl, byte-stable)."""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd

from qqtext.sessions.report.model import (
    DISTRACTOR_NOTES,
    FLAG_LABELS,
    MIN_D,
    MIN_RPB,
    URGENT_FLAGS,
    ClassReport,
)

__all__ = ["write_xlsx_report", "XLSX_COLORS"]

XLSX_COLORS = {"low": "F8696B", "mid": "FFEB84", "high": "5A8AC6", "bad": "F4B6B6", "warn": "FCE4B6",
               "key": "E2F0D9", "header": "D9E1F2", "muted": "EDEDED"}


def write_xlsx_report(report: ClassReport, path: str | os.PathLike[str], *, title: str) -> Path:
    """Write the report as an Excel workbook: 概览, 题目分析, 干扰项, 掌握情况, 需修订.

    Headers are Chinese, bold and frozen; shares are formatted as percentages; conditional colours
    mark facility and mastery (red low, blue high), low and negative discrimination, and distractors
    that do not work or beat the key. The same report always gives the same bytes.
    """
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring

    from qqtext.exercises.export._common import FIXED_DATETIME, normalize_zip, write_bytes
    from qqtext.textsafe import clean

    workbook = Workbook()
    bold = Font(bold=True, name="宋体", size=11)
    body = Font(name="宋体", size=11)
    header_fill = PatternFill("solid", fgColor=XLSX_COLORS["header"])

    def fill(name: str) -> PatternFill:
        return PatternFill("solid", start_color=XLSX_COLORS[name], end_color=XLSX_COLORS[name])

    def scale(sheet, cells: str) -> None:
        sheet.conditional_formatting.add(cells, ColorScaleRule(
            start_type="num", start_value=0, start_color=XLSX_COLORS["low"],
            mid_type="num", mid_value=0.5, mid_color=XLSX_COLORS["mid"],
            end_type="num", end_value=1, end_color=XLSX_COLORS["high"]))

    def table(sheet, headers, rows, *, start=1, formats=None, widths=None, wrap=()):
        """Write a header row and rows at row ``start``; return the first and last data rows."""
        formats, widths, rows = formats or {}, widths or {}, list(rows)
        for c, name in enumerate(headers, 1):
            cell = sheet.cell(start, c, name)
            cell.font, cell.fill = bold, header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r, row in enumerate(rows, start + 1):
            for c, (name, value) in enumerate(zip(headers, row), 1):
                value = _cell(value)
                cell = sheet.cell(r, c, clean(value) if isinstance(value, str) else value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.font = body
                cell.alignment = Alignment(vertical="top", wrap_text=name in wrap)
                if name in formats:
                    cell.number_format = formats[name]
        for c, name in enumerate(headers, 1):
            letter = get_column_letter(c)
            if widths.get(name):
                sheet.column_dimensions[letter].width = widths[name]
        return start + 1, start + len(rows)

    def column(headers, name) -> str:
        return get_column_letter(list(headers).index(name) + 1)

    # 概览
    sheet = workbook.active
    sheet.title = "概览"
    overview = report.overview()
    table(sheet, ["指标", "数值"], overview.itertuples(index=False), widths={"指标": 22, "数值": 40},
          formats={"数值": "General"})
    percent_row = overview.index[overview["指标"] == "平均得分率"][0] + 2
    sheet.cell(percent_row, 2).number_format = "0%"
    sheet.freeze_panes = "A2"
    row = len(overview) + 3
    sheet.cell(row, 1, "给培训师的总结").font = bold
    for paragraph in report.summary_paragraphs():
        row += 1
        sheet.cell(row, 1, clean(paragraph)).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.row_dimensions[row].height = 15 * (1 + len(paragraph) // 60)
    for note in report.warnings:
        row += 1
        cell = sheet.cell(row, 1, clean(f"注意：{note}"))
        cell.fill, cell.alignment = fill("warn"), Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.row_dimensions[row].height = 15 * (1 + len(note) // 60)
    row += 2
    sheet.cell(row, 1, "条款掌握情况（由弱到强）").font = bold
    articles = report.table("articles")
    first, last = table(sheet, list(articles.columns), articles.itertuples(index=False), start=row + 1,
                        formats={"掌握度": "0%", "该处正确率": "0%"})
    for name in ("掌握度", "该处正确率"):
        letter = column(list(articles.columns), name)
        scale(sheet, f"{letter}{first}:{letter}{last}")
    row = last + 2
    sheet.cell(row, 1, "分数分布").font = bold
    distribution = report.table("distribution")
    table(sheet, list(distribution.columns), distribution.itertuples(index=False), start=row + 1)
    for letter, width in zip("CDEF", (10, 12, 22, 14)):
        sheet.column_dimensions[letter].width = width

    # 题目分析
    sheet = workbook.create_sheet("题目分析")
    items = report.table("items")
    headers = list(items.columns)
    widths = {"题号": 6, "题型": 10, "条款": 15, "题干": 50, "正确答案": 14, "作答人数": 8, "正确率": 8,
              "高分组正确率": 10, "低分组正确率": 10, "区分度D": 9, "点二列相关": 10, "平均用时（秒）": 10,
              "最常见错答": 16, "该错答占比": 10, "修订提示": 60}
    formats = {"正确率": "0%", "高分组正确率": "0%", "低分组正确率": "0%", "区分度D": "0.00", "点二列相关": "0.00",
               "平均用时（秒）": "0.0", "该错答占比": "0%"}
    first, last = table(sheet, headers, items.itertuples(index=False), formats=formats, widths=widths,
                        wrap={"题干", "修订提示", "最常见错答"})
    if last >= first:
        p = column(headers, "正确率")
        scale(sheet, f"{p}{first}:{p}{last}")
        for name, minimum in (("区分度D", MIN_D), ("点二列相关", MIN_RPB)):
            letter = column(headers, name)
            cells = f"{letter}{first}:{letter}{last}"
            sheet.conditional_formatting.add(cells, CellIsRule(operator="lessThan", formula=["0"], fill=fill("bad"),
                                                               stopIfTrue=True))
            sheet.conditional_formatting.add(cells, CellIsRule(operator="lessThan", formula=[str(minimum)],
                                                               fill=fill("warn")))
        letter = column(headers, "修订提示")
        sheet.conditional_formatting.add(f"{letter}{first}:{letter}{last}",
                                         FormulaRule(formula=[f'LEN(${letter}{first})>0'], fill=fill("bad")))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(last, 1)}"

    # 干扰项
    sheet = workbook.create_sheet("干扰项")
    distractors = report.table("distractors")
    headers = list(distractors.columns)
    first, last = table(sheet, headers, distractors.itertuples(index=False),
                        formats={"选择率": "0%", "高分组选择率": "0%", "低分组选择率": "0%"},
                        widths={"题号": 6, "题型": 10, "条款": 15, "选项": 6, "选项内容": 44, "正确答案": 8,
                                "选择人数": 8, "选择率": 8, "高分组选择率": 11, "低分组选择率": 11, "提示": 18},
                        wrap={"选项内容"})
    if last >= first:
        note, key = column(headers, "提示"), column(headers, "正确答案")
        whole = f"A{first}:{get_column_letter(len(headers))}{last}"
        sheet.conditional_formatting.add(whole, FormulaRule(
            formula=[f'OR(${note}{first}="{DISTRACTOR_NOTES["above_key"]}",'
                     f'${note}{first}="{DISTRACTOR_NOTES["upper_above_key"]}")'], fill=fill("bad")))
        sheet.conditional_formatting.add(whole, FormulaRule(
            formula=[f'${note}{first}="{DISTRACTOR_NOTES["nonfunctioning"]}"'], fill=fill("muted")))
        sheet.conditional_formatting.add(whole, FormulaRule(formula=[f'LEN(${key}{first})>0'], fill=fill("key")))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(last, 1)}"

    # 掌握情况
    sheet = workbook.create_sheet("掌握情况")
    labels = list(report.mastery.columns)
    headers = ["学员", "得分", "得分率", *labels]
    rows = [[learner, report.scores.at[learner, "score"], report.scores.at[learner, "percent"],
             *report.mastery.loc[learner].tolist()] for learner in report.mastery.index]
    rows.append(["全班平均", report.mean, report.mean / report.max_score if report.max_score else None,
                 *report.mastery.mean().tolist()])
    first, last = table(sheet, headers, rows, formats={"得分率": "0%", **{label: "0%" for label in labels}},
                        widths={"学员": 14, "得分": 7, "得分率": 8, **{label: 11 for label in labels}})
    for cell in sheet[last]:
        cell.font = bold
    if labels:
        scale(sheet, f"D{first}:{get_column_letter(len(headers))}{last}")
    sheet.freeze_panes = "D2"

    # 需修订
    sheet = workbook.create_sheet("需修订")
    flags = report.table("flags")
    headers = list(flags.columns)
    first, last = table(sheet, headers, flags.itertuples(index=False),
                        formats={"正确率": "0%", "区分度D": "0.00", "点二列相关": "0.00"},
                        widths={"题号": 6, "条款": 15, "题型": 10, "题干": 46, "问题": 13, "原因与建议": 60,
                                "正确率": 8, "区分度D": 9, "点二列相关": 10},
                        wrap={"题干", "原因与建议"})
    if last >= first:
        label = column(headers, "问题")
        urgent = ",".join(f'${label}{first}="{FLAG_LABELS[code]}"' for code in URGENT_FLAGS)
        sheet.conditional_formatting.add(f"{label}{first}:{label}{last}", FormulaRule(
            formula=[f"OR({urgent})"], fill=fill("bad")))
    sheet.freeze_panes = "A2"
    row = max(last, 1) + 2
    if not len(flags):
        sheet.cell(row, 1, "没有需要修订的题目。")
        row += 1
    for note in report.warnings:
        sheet.cell(row, 1, clean(f"注意：{note}")).fill = fill("warn")
        row += 1

    properties = workbook.properties
    properties.title = " ".join(clean(title).split())
    properties.creator = properties.lastModifiedBy = "qqtext"
    properties.created = properties.modified = FIXED_DATETIME.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    properties.modified = FIXED_DATETIME.replace(tzinfo=None)  # saving stamps the time: put the fixed one back
    core = tostring(properties.to_tree())
    return write_bytes(path, normalize_zip(buffer.getvalue(), replace={"docProps/core.xml": core}))


def _cell(value):
    """A value as a cell holds it: NaN and NA empty, numpy scalars as Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


"""The training pack's trainer-facing tables: Chinese labels, the 题库 columns and print setup, one GIFT question a cloze."""

from __future__ import annotations

import csv
import re

import docx
import openpyxl
import pytest
from test_export import parse_gift

from qqtext.pack import NORM_TABLE_COLUMNS, build_training_pack, norm_table_rows

#: English names a trainer must never read in a table: the deontic classes and the question types.
RE_ENGLISH_LABEL = re.compile(
    r"obligation|prohibition|permission|encouragement|discouragement|"
    r"true_false|single_choice|multiple_choice|cloze|scenario", re.I)
DEONTIC = {"义务", "禁止", "许可", "鼓励", "不提倡"}


@pytest.fixture(scope="module")
def pack(jinan, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    build_training_pack(jinan, folder, count=20)
    return folder


def test_norm_table_is_in_chinese(pack):
    with open(pack / "规范一览.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == NORM_TABLE_COLUMNS
    assert len(rows) > 10
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert {r["类型"] for r in records} <= DEONTIC and len({r["类型"] for r in records}) >= 2
    assert all(re.match(r"^第[一二三四五六七八九十]+条", r["出处"]) for r in records)
    assert [r["序号"] for r in records] == [str(i) for i in range(1, len(records) + 1)]
    assert any("（" in r["出处"] for r in records)  # items cited as 第十三条（五）
    for row in rows:
        for cell in row:
            assert not RE_ENGLISH_LABEL.search(cell), cell


def test_norm_table_cites_paragraphs_and_sections():
    from qqtext import parse_text
    from qqtext.frames import norm_rows

    doc = parse_text("第一条 机关单位工作人员应当廉洁。\n企业不得行贿。\n第二条 工作人员可以参加座谈。", doc_id="d")
    rows = norm_table_rows(doc, norm_rows(doc))
    assert [(r["出处"], r["类型"]) for r in rows] == [("第一条第一款", "义务"), ("第一条第二款", "禁止"), ("第二条", "许可")]
    doc = parse_text("关于某事的意见\n一、总体要求\n各部门应当加强服务。\n二、工作措施\n工作人员不得收受礼金。", doc_id="d")
    rows = norm_table_rows(doc, norm_rows(doc))
    assert [(r["出处"], r["类型"]) for r in rows] == [("第一部分", "义务"), ("第二部分", "禁止")]


def test_every_trainer_table_has_chinese_labels(pack):
    cells: list[str] = []
    sheet = openpyxl.load_workbook(pack / "题库.xlsx")["题库"]
    cells += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    for name in ("试卷A.docx", "试卷A_答案与解析.docx", "试卷B.docx", "试卷B_答案与解析.docx"):
        document = docx.Document(pack / name)
        cells += [p.text for p in document.paragraphs]
        cells += [c.text for t in document.tables for row in t.rows for c in row.cells]
    cells += (pack / "说明.txt").read_text(encoding="utf-8").splitlines()
    found = sorted({m.group(0) for cell in cells for m in RE_ENGLISH_LABEL.finditer(cell)})
    assert not found


def test_question_bank_columns_and_print_setup(pack, jinan):
    sheet = openpyxl.load_workbook(pack / "题库.xlsx")["题库"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    for column in ("题号", "章节", "条款", "知识点", "题型", "题干", "正确答案", "解析", "出处"):
        assert column in header
    records = [dict(zip(header, row)) for row in rows[1:]]
    assert [r["题号"] for r in records] == list(range(1, len(records) + 1))
    titles = {f"{h.title}" for h in jinan.chapters}
    # every Jinan article is in a chapter: every question has one, from the document's headings
    assert all(r["章节"] and r["章节"].split(" ", 1)[1] in titles for r in records)
    assert all(re.match(r"^第[一二三四五六七八九十]+条(（[一二三四五六七八九十]+）)?$", r["条款"]) for r in records)
    assert sum(bool(r["知识点"]) for r in records) >= len(records) * 0.9
    assert not any(t.startswith("第") for r in records for t in (r["知识点"] or "").split("、"))
    assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)


def test_gift_paper_keeps_one_question_per_question(pack):
    parsed, _ = parse_gift((pack / "试卷A.gift").read_text(encoding="utf-8"))
    assert len(parsed) == 20
    several = [p for p in parsed if p.qtype == "shortanswer" and "（2）____" in p.text]
    for p in several:
        answers = p.answers[0][0].split("；")
        assert len(answers) >= 2
        assert not any(answer in p.text for answer in answers), p.text  # no blank shows another's answer

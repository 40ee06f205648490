"""Word papers: a printable paper (试卷) and its separate answer key (参考答案及解析).

The paper has a Chinese title, an optional subtitle, the question count and total points, a line for
姓名 / 单位 / 得分, then the questions grouped by type (一、单选题 二、多选题 …), each part's heading
giving its count and points. Questions are numbered through the paper; options are set as ``A. …``,
several to a line when they are short; choice and true/false questions end in （　　） for the
answer; cloze blanks are underlined spaces. The key follows the same numbering: a quick-reference
table of all answers, then each question with its answer, 解析 and 出处.

Styles carry the Chinese fonts as Word and WPS expect them: ``w:rFonts w:eastAsia`` is 宋体 on Normal
and 黑体 on the title and headings (theme fonts removed, since a theme font overrides an explicit
one), and the East Asian language is zh-CN. Pages are A4 with 2.5 cm margins and a
“第 X 页 共 Y 页” footer. Core properties carry the title and a fixed date; zip entries are dated
1980-01-01, so the same questions give the same bytes.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from qqtext.exercises.export._common import (
    ANSWER_BRACKETS,
    CHOICE_TYPES,
    FIXED_DATETIME,
    Section,
    answer_display,
    clean,
    format_score,
    has_answer_brackets,
    normalize_zip,
    options_per_line,
    paper_sections,
    source_text,
    validated,
    width_em,
    write_bytes,
)
from qqtext.exercises.model import BLANK, FALSE, TRUE, Question

__all__ = ["write_docx_paper", "write_docx_key", "BODY_FONT", "HEADING_FONT"]

BODY_FONT = "宋体"  # SimSun
HEADING_FONT = "黑体"  # SimHei
SUBTITLE_FONT = "楷体"  # KaiTi
LATIN_FONT = "Times New Roman"
LATIN_HEADING_FONT = "Arial"
BODY_SIZE = Pt(10.5)  # 五号
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN = Cm(2.5)
TEXT_WIDTH_CM = 21.0 - 2 * 2.5
INDENT_CM = 0.75  # hanging indent of the question number
EM_CM = 10.5 / 72 * 2.54  # one full-width character at 五号
TITLE_SIZES = (18, 16, 15)  # 小二, 三号, 小三
IDEOGRAPHIC_SPACE = "\u3000"


# ------------------------------------------------------------------ styles
def _set_fonts(element, east_asia: str, latin: str) -> None:
    """Explicit fonts on a style's or run's rPr, theme fonts removed (they would win)."""
    if hasattr(element, "get_or_add_rPr"):
        rpr = element.get_or_add_rPr()
    else:  # w:rPrDefault, which python-docx does not model
        rpr = element.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            element.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _plain_style(style, *, east_asia: str, latin: str, size: Pt, bold: bool = False) -> None:
    _set_fonts(style.element, east_asia, latin)
    font = style.font
    font.size = size
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.rPr
    for tag in ("w:spacing", "w:kern"):  # the template's letter spacing and kerning of titles
        for child in rpr.findall(qn(tag)):
            rpr.remove(child)
    ppr = style.element.pPr
    if ppr is not None:
        for child in ppr.findall(qn("w:pBdr")):  # the template's rule under the title
            ppr.remove(child)


def _new_document(title: str) -> docx.document.Document:
    document = docx.Document()
    styles = document.styles

    # Document defaults (what tables, headers and footers fall back on) and the Normal style.
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _set_fonts(rpr_default, BODY_FONT, LATIN_FONT)
    normal = styles["Normal"]
    _plain_style(normal, east_asia=BODY_FONT, latin=LATIN_FONT, size=BODY_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.3
    normal.paragraph_format.widow_control = True

    title_style = styles["Title"]
    _plain_style(title_style, east_asia=HEADING_FONT, latin=LATIN_HEADING_FONT, size=Pt(18))
    title_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_style.paragraph_format.space_before = Pt(0)
    title_style.paragraph_format.space_after = Pt(6)
    title_style.paragraph_format.line_spacing = 1.2

    subtitle = styles["Subtitle"]
    _plain_style(subtitle, east_asia=SUBTITLE_FONT, latin=LATIN_FONT, size=Pt(12))
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(4)

    for name, size in (("Heading 1", Pt(12)), ("Heading 2", Pt(10.5))):
        heading = styles[name]
        _plain_style(heading, east_asia=HEADING_FONT, latin=LATIN_HEADING_FONT, size=size)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.line_spacing = 1.2

    settings = document.settings.element
    # Theme fonts resolve in this language: Chinese, not the template's Japanese.
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    # Underline a blank even where it ends a line (Word leaves trailing spaces bare by default).
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    compat.insert(0, OxmlElement("w:ulTrailSpace"))  # first: it precedes useFELayout in the schema

    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin = section.bottom_margin = MARGIN
    section.left_margin = section.right_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.5)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    _add_field(footer, "PAGE")
    footer.add_run(" 页  共 ")
    _add_field(footer, "NUMPAGES")
    footer.add_run(" 页")
    for run in footer.runs:
        run.font.size = Pt(9)

    properties = document.core_properties
    properties.title = title
    properties.author = "qqtext"
    properties.last_modified_by = "qqtext"
    properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = FIXED_DATETIME.replace(tzinfo=None)

    # The template's thumbnail is a picture of an empty page: drop it rather than mislead.
    package_rels = document.part.package.rels
    for r_id in [r_id for r_id, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(r_id)

    _add_font_table_entries(document)

    # The body starts with one empty paragraph in the template: remove it.
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return document


#: Font table entries as Word writes them, so that Word on a system without the Chinese names
#: (and LibreOffice) can match 宋体, 黑体 and 楷体 by their English names and classes.
FONT_TABLE = (
    ("宋体", "SimSun", "02010600030101010101", "auto", "variable"),
    ("黑体", "SimHei", "02010609060101010101", "modern", "fixed"),
    ("楷体", "KaiTi", "02010609060101010101", "modern", "fixed"),
)


def _add_font_table_entries(document) -> None:
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    w = lambda tag: qn(f"w:{tag}")  # noqa: E731
    for name, alt_name, panose, family, pitch in FONT_TABLE:
        font = etree.SubElement(root, w("font"))
        font.set(w("name"), name)
        for tag, value in (("altName", alt_name), ("panose1", panose), ("charset", "86"), ("family", family),
                           ("pitch", pitch)):
            etree.SubElement(font, w(tag)).set(w("val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_field(paragraph, instruction: str) -> None:
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _save(document, path: str | os.PathLike[str]) -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    return write_bytes(path, normalize_zip(buffer.getvalue()))


# ------------------------------------------------------------------ text
def _add_text(paragraph, text: str, *, bold: bool = False, underline: bool = False):
    """Add text as runs, line breaks as breaks."""
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            paragraph.add_run().add_break()
        if line:
            run = paragraph.add_run(line)
            run.bold = bold or None
            if underline:
                run.font.underline = True


def _blank(paragraph, answer: str) -> None:
    width = max(6, math.ceil(width_em(answer)) + 2)
    run = paragraph.add_run(IDEOGRAPHIC_SPACE * width)
    run.font.underline = True


def _question_paragraph(document, number: int, *, space_after: float = 0):
    paragraph = document.add_paragraph()
    form = paragraph.paragraph_format
    form.left_indent = Cm(INDENT_CM)
    form.first_line_indent = Cm(-INDENT_CM)
    form.tab_stops.add_tab_stop(Cm(INDENT_CM))
    form.keep_together = True
    form.space_after = Pt(space_after)
    paragraph.add_run(f"{number}.\t")
    return paragraph


def _options(document, q: Question) -> list:
    per_line = options_per_line(q, (TEXT_WIDTH_CM - INDENT_CM) / EM_CM)
    column = (TEXT_WIDTH_CM - INDENT_CM) / per_line
    paragraphs = []
    options = list(q.options)
    for start in range(0, len(options), per_line):
        paragraph = document.add_paragraph()
        form = paragraph.paragraph_format
        form.keep_together = True
        if per_line == 1:
            form.left_indent = Cm(INDENT_CM + 0.5)
            form.first_line_indent = Cm(-0.5)
            form.tab_stops.add_tab_stop(Cm(INDENT_CM + 0.5))
        else:
            form.left_indent = Cm(INDENT_CM)
            for j in range(1, per_line):
                form.tab_stops.add_tab_stop(Cm(INDENT_CM + j * column))
        for j, option in enumerate(options[start:start + per_line]):
            if j:
                paragraph.add_run("\t")
            paragraph.add_run(f"{option.key}.{' ' if per_line > 1 else chr(9)}")
            _add_text(paragraph, option.text)
        paragraphs.append(paragraph)
    return paragraphs


def _write_question(document, number: int, q: Question) -> None:
    paragraph = _question_paragraph(document, number)
    if q.type == "cloze":
        parts = clean(q.stem).split(BLANK)
        _add_text(paragraph, parts[0])
        for answer, part in zip(q.answer, parts[1:]):
            _blank(paragraph, clean(answer))
            _add_text(paragraph, part)
        block = [paragraph]
    else:
        stem = clean(q.stem).rstrip()
        _add_text(paragraph, stem)
        if not has_answer_brackets(stem):  # some stems hold their own （　） mid-sentence
            paragraph.add_run(ANSWER_BRACKETS)
        block = [paragraph] + (_options(document, q) if q.type in CHOICE_TYPES else [])
    for p in block[:-1]:
        p.paragraph_format.keep_with_next = True
    block[-1].paragraph_format.space_after = Pt(8)


def _heading(document, text: str, level: int = 1):
    paragraph = document.add_paragraph(style=f"Heading {level}")
    _add_text(paragraph, text)
    return paragraph


def _title_block(document, title: str, subtitle: str | None) -> None:
    paragraph = document.add_paragraph(style="Title")
    _add_text(paragraph, title)
    # A title a little too long for one line at 18 pt gets a smaller size rather than an orphan.
    width = max(width_em(line) for line in title.split("\n"))
    for size in TITLE_SIZES:
        if width * size <= TEXT_WIDTH_CM / 2.54 * 72:
            if size != TITLE_SIZES[0]:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
            break
    if subtitle:
        _add_text(document.add_paragraph(style="Subtitle"), subtitle)


def _total_line(sections: Sequence[Section]) -> str:
    count = sum(len(s.numbered) for s in sections)
    return f"（共{count}题，满分{format_score(sum(s.total for s in sections))}分）"


# ------------------------------------------------------------------ public
def write_docx_paper(
    questions: Sequence[Question],
    path: str | os.PathLike[str],
    *,
    title: str,
    subtitle: str | None = None,
) -> Path:
    """Write a printable paper (.docx) to ``path`` and return the path.

    Args:
        questions: the questions, in paper order (grouped by type on the paper, keeping this order
            within each type).
        path: the ``.docx`` file.
        title: the paper's title (标题).
        subtitle: a line under it (e.g. the session, or the document the questions test).

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
    """
    questions = validated(questions)
    title = clean(title)
    document = _new_document(" ".join(title.split()))
    sections = paper_sections(questions)
    _title_block(document, title, subtitle and clean(subtitle))
    total = document.add_paragraph(_total_line(sections))
    total.alignment = WD_ALIGN_PARAGRAPH.CENTER

    info = document.add_paragraph()
    info.alignment = WD_ALIGN_PARAGRAPH.CENTER
    info.paragraph_format.space_before = Pt(10)
    info.paragraph_format.space_after = Pt(6)
    for i, (label, width) in enumerate((("姓名", 7), ("单位", 10), ("得分", 5))):
        info.add_run(("\u3000\u3000" if i else "") + f"{label}：")
        info.add_run(IDEOGRAPHIC_SPACE * width).font.underline = True

    for section in sections:
        _heading(document, section.heading)
        for number, q in section.numbered:
            _write_question(document, number, q)
    return _save(document, path)


def _key_label(q: Question) -> str:
    if q.type in CHOICE_TYPES:
        return "".join(q.answer)
    if q.type == "true_false":
        return "对" if q.answer == (TRUE,) else "错" if q.answer == (FALSE,) else q.answer[0]
    return "；".join(clean(a) for a in q.answer)


def _quick_table(document, sections: Sequence[Section], per_row: int = 10) -> None:
    numbered = [(n, q) for s in sections for n, q in s.numbered]
    if not numbered:
        return
    rows = math.ceil(len(numbered) / per_row)
    table = document.add_table(rows=rows * 2, cols=per_row + 1)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    label_width = Cm(1.6)
    cell_width = Cm((TEXT_WIDTH_CM - 1.6) / per_row)
    for r in range(rows):
        chunk = numbered[r * per_row:(r + 1) * per_row]
        for line, (label, values) in enumerate((("题号", [str(n) for n, _ in chunk]),
                                                 ("答案", [_key_label(q) for _, q in chunk]))):
            row = table.rows[r * 2 + line]
            for c, cell in enumerate(row.cells):
                cell.width = label_width if c == 0 else cell_width
                text = label if c == 0 else (values[c - 1] if c - 1 < len(values) else "")
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add_text(paragraph, text, bold=(c == 0 or line == 0))
                for run in paragraph.runs:
                    run.font.size = Pt(9)
                if line == 0:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:color"), "auto")
                    shading.set(qn("w:fill"), "E7E6E6")
                    cell._tc.get_or_add_tcPr().append(shading)


def _labelled(document, label: str, text: str, *, last: bool = False):
    paragraph = document.add_paragraph()
    form = paragraph.paragraph_format
    form.left_indent = Cm(INDENT_CM)
    form.keep_together = True
    form.keep_with_next = not last
    form.space_after = Pt(8 if last else 0)
    paragraph.add_run(f"{label}：").bold = True
    _add_text(paragraph, text)
    return paragraph


def write_docx_key(questions: Sequence[Question], path: str | os.PathLike[str], *, title: str) -> Path:
    """Write the answer key (.docx) of the paper :func:`write_docx_paper` makes from the same questions.

    A quick-reference table of every answer, then, part by part and with the paper's numbering,
    each question with its 答案, 解析 and 出处.

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
    """
    questions = validated(questions)
    title = clean(title)
    document = _new_document(" ".join(title.split()) + " 参考答案及解析")
    sections = paper_sections(questions)
    _title_block(document, title, "参考答案及解析")
    total = document.add_paragraph(_total_line(sections))
    total.alignment = WD_ALIGN_PARAGRAPH.CENTER

    if sections:
        _heading(document, "答案速查")
        _quick_table(document, sections)
    for section in sections:
        _heading(document, section.heading)
        for number, q in section.numbered:
            paragraph = _question_paragraph(document, number)
            paragraph.paragraph_format.keep_with_next = True
            if q.type == "cloze":  # the stem with its answers filled in, underlined
                parts = clean(q.stem).split(BLANK)
                _add_text(paragraph, parts[0])
                for answer, part in zip(q.answer, parts[1:]):
                    _add_text(paragraph, f"\u2002{clean(answer)}\u2002", underline=True)
                    _add_text(paragraph, part)
            else:
                _add_text(paragraph, clean(q.stem).rstrip())
            _labelled(document, "答案", answer_display(q))
            source = source_text(q)
            _labelled(document, "解析", clean(q.explanation), last=not source)
            if source:
                _labelled(document, "出处", source, last=True)
    return _save(document, path)

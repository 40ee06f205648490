"""Markdown and standalone HTML renderings of a paper.

Both lay the questions out as :mod:`~qqtext.exercises.export.docx` does: grouped by type under
一、单选题 二、多选题 …, numbered through the paper, options as ``A. …``, （　　） after choice and
true/false stems, cloze blanks as a line. ``answers`` says where the answers go:

* ``"none"``: a paper to fill in (with a 姓名 / 单位 / 得分 line);
* ``"inline"``: a study sheet, each question followed by its 答案, 解析 and 出处;
* ``"end"``: the paper, then 参考答案及解析 after it (on a new page when printed).

Markdown backslash-escapes the ASCII punctuation of the questions' text that Markdown could read
as syntax, so nothing in a stem becomes markup; line breaks are hard breaks. The HTML
is one file with a UTF-8 meta tag and its own print-friendly CSS (A4 pages, a CJK font stack,
questions not split across pages); every text is HTML-escaped.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from typing import Literal

from qqtext.exercises.export._common import (
    ANSWER_BRACKETS,
    CHOICE_TYPES,
    Section,
    answer_display,
    clean,
    format_score,
    has_answer_brackets,
    options_per_line,
    paper_sections,
    source_text,
    validated,
    width_em,
)
from qqtext.exercises.model import BLANK, Question

__all__ = ["to_markdown", "to_html", "markdown_escape", "Answers"]

Answers = Literal["none", "inline", "end"]
# The ASCII punctuation that can start or end Markdown syntax (CommonMark, and GFM's autolinks,
# tables and strikethrough); any of it may be backslash-escaped.
RE_MD_SPECIAL = re.compile(r"([!#$&()*+\-.:<=>@\[\\\]^_`{|}~])")
LINE_EM = 40  # printed line width of the HTML page, in full-width characters


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as it is: syntax characters backslash-escaped, line breaks hard.

    >>> markdown_escape("**不是粗体** <b>\\n# 不是标题")
    '\\\\*\\\\*不是粗体\\\\*\\\\* \\\\<b\\\\>\\\\\\n\\\\# 不是标题'
    """
    lines = [RE_MD_SPECIAL.sub(r"\\\1", line).strip() for line in clean(text).split("\n")]
    return "\\\n".join(lines)


def _brackets(q: Question) -> str:
    """（　　） for the answer after the stem, unless the stem holds its own （　）."""
    return "" if has_answer_brackets(q.stem) else ANSWER_BRACKETS


def _blank_width(answer: str) -> int:
    return max(6, math.ceil(width_em(clean(answer))) + 2)


def _check_answers(answers: str) -> None:
    if answers not in ("none", "inline", "end"):
        raise ValueError(f"answers is 'none', 'inline' or 'end', not {answers!r}")


def _total(sections: Sequence[Section]) -> str:
    count = sum(len(s.numbered) for s in sections)
    return f"（共{count}题，满分{format_score(sum(s.total for s in sections))}分）"


# ------------------------------------------------------------------ Markdown
def _md_stem(q: Question) -> str:
    if q.type == "cloze":
        parts = clean(q.stem).split(BLANK)
        out = markdown_escape(parts[0])
        for answer, part in zip(q.answer, parts[1:]):
            out += "\\_" * (2 * _blank_width(answer)) + markdown_escape(part)
        return out
    return markdown_escape(q.stem.rstrip()) + _brackets(q)


def _md_key(q: Question) -> list[str]:
    lines = [f"**答案**：{markdown_escape(answer_display(q))}", f"**解析**：{markdown_escape(q.explanation)}"]
    source = source_text(q)
    if source:
        lines.append(f"**出处**：{markdown_escape(source)}")
    return lines


def to_markdown(
    questions: Sequence[Question], *, title: str, answers: Answers = "none", subtitle: str | None = None
) -> str:
    """The paper as Markdown (CommonMark).

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
        ValueError: ``answers`` is not ``"none"``, ``"inline"`` or ``"end"``.
    """
    _check_answers(answers)
    sections = paper_sections(validated(questions))
    blocks = [f"# {markdown_escape(' '.join(clean(title).split()))}"]
    if subtitle:
        blocks.append(markdown_escape(subtitle))
    blocks.append(_total(sections))
    if answers != "inline":
        line = "\\_" * 16
        blocks.append(f"姓名：{line}　单位：{line}　得分：{line}")
    for section in sections:
        blocks.append(f"## {section.heading}")
        for number, q in section.numbered:
            blocks.append(f"**{number}.** {_md_stem(q)}")
            if q.type in CHOICE_TYPES:
                blocks.append("\\\n".join(f"{o.key}. {markdown_escape(o.text)}" for o in q.options))
            if answers == "inline":
                blocks.append("\n".join(f"> {line}" for line in "\\\n".join(_md_key(q)).split("\n")))
    if answers == "end" and sections:
        blocks.append("## 参考答案及解析")
        for section in sections:
            for number, q in section.numbered:
                key = _md_key(q)
                blocks.append("\\\n".join([f"**{number}.** {key[0]}", *key[1:]]))
    return "\n\n".join(blocks) + "\n"


# ------------------------------------------------------------------ HTML
CSS = """
@page { size: A4; margin: 2.2cm 2.5cm; }
:root {
  /* CJK fonts first: they also set the “” quotes full-width, as Chinese text wants them */
  --serif: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, "宋体",
    "Times New Roman", serif;
  --sans: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "微软雅黑",
    SimHei, "黑体", Arial, sans-serif;
}
html { color: #000; background: #fff; }
body { font-family: var(--serif); font-size: 10.5pt; line-height: 1.75;
       max-width: 44em; margin: 2em auto; padding: 0 1.5em; }
h1, h2, .number, .label { font-family: var(--sans); }
h1 { font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 .2em; text-wrap: balance; }
h2 { font-size: 12pt; font-weight: normal; margin: 1.4em 0 .6em; break-after: avoid; }
.subtitle { font-size: 12pt; text-align: center; margin: 0 0 .2em; }
.total { text-align: center; margin: 0; }
.candidate { text-align: center; margin: 1em 0 1.2em; }
.candidate .line { display: inline-block; width: 7em; border-bottom: 1px solid #000; margin-right: 2em; }
.question { margin: 0 0 .9em; break-inside: avoid; }
.stem { margin: 0; padding-left: 2em; text-indent: -2em; }
.number { display: inline-block; width: 2em; text-indent: 0; }
.blank { text-decoration: underline; text-underline-offset: .2em; }
.options { list-style: none; margin: .1em 0 0 2em; padding: 0; display: grid; column-gap: 1em; }
.options.cols-1 { grid-template-columns: 1fr; }
.options.cols-2 { grid-template-columns: repeat(2, 1fr); }
.options.cols-3 { grid-template-columns: repeat(3, 1fr); }
.options.cols-4 { grid-template-columns: repeat(4, 1fr); }
.options.cols-5 { grid-template-columns: repeat(5, 1fr); }
.options.cols-6 { grid-template-columns: repeat(6, 1fr); }
.options .key { margin-right: .3em; }
.answer { margin: .3em 0 0 2em; padding: .3em .8em; border-left: 3px solid #888; background: #f4f4f4; }
.answer p, .key-entry p { margin: 0; }
.label { font-weight: bold; }
.key { margin-top: 2em; }
.key-entry { margin: 0 0 .8em; padding-left: 2em; break-inside: avoid; }
.key-entry .number { margin-left: -2em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .answer { background: none; }
  .key { break-before: page; margin-top: 0; }
}
""".strip()


def _h(text: str) -> str:
    return html.escape(clean(text), quote=True).replace("\n", "<br>")


def _html_stem(q: Question) -> str:
    if q.type == "cloze":
        parts = clean(q.stem).split(BLANK)
        out = _h(parts[0])
        for answer, part in zip(q.answer, parts[1:]):
            out += f'<span class="blank">{chr(0x3000) * _blank_width(answer)}</span>' + _h(part)
        return out
    return _h(q.stem.rstrip()) + _brackets(q)


def _html_key(q: Question) -> list[str]:
    lines = [f'<p><span class="label">答案：</span>{_h(answer_display(q))}</p>',
             f'<p><span class="label">解析：</span>{_h(q.explanation)}</p>']
    source = source_text(q)
    if source:
        lines.append(f'<p><span class="label">出处：</span>{_h(source)}</p>')
    return lines


def to_html(
    questions: Sequence[Question], *, title: str, answers: Answers = "none", subtitle: str | None = None
) -> str:
    """The paper as one standalone HTML page (UTF-8, print CSS included).

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
        ValueError: ``answers`` is not ``"none"``, ``"inline"`` or ``"end"``.
    """
    _check_answers(answers)
    sections = paper_sections(validated(questions))
    title_text = " ".join(clean(title).split())
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="qqtext">',
           f"<title>{_h(title_text)}</title>", "<style>", CSS, "</style>", "</head>", "<body>",
           '<header class="paper-head">', f"<h1>{_h(title_text)}</h1>"]
    if subtitle:
        out.append(f'<p class="subtitle">{_h(subtitle)}</p>')
    out.append(f'<p class="total">{_total(sections)}</p>')
    if answers != "inline":
        out.append('<p class="candidate">' + "".join(
            f'{label}：<span class="line"></span>' for label in ("姓名", "单位", "得分")) + "</p>")
    out.append("</header>")
    for index, section in enumerate(sections, 1):
        out.append(f'<section class="part {section.type}" id="part-{index}">')
        out.append(f"<h2>{_h(section.heading)}</h2>")
        for number, q in section.numbered:
            out.append(f'<div class="question" id="{html.escape(q.id, quote=True)}">')
            out.append(f'<p class="stem"><span class="number">{number}.</span>{_html_stem(q)}</p>')
            if q.type in CHOICE_TYPES:
                per_line = options_per_line(q, LINE_EM - 2)
                out.append(f'<ul class="options cols-{per_line}">')
                out.extend(f'<li><span class="key">{html.escape(o.key)}.</span>{_h(o.text)}</li>'
                           for o in q.options)
                out.append("</ul>")
            if answers == "inline":
                out.append('<div class="answer">' + "".join(_html_key(q)) + "</div>")
            out.append("</div>")
        out.append("</section>")
    if answers == "end" and sections:
        out.append('<section class="key">')
        out.append("<h2>参考答案及解析</h2>")
        for section in sections:
            for number, q in section.numbered:
                entry = _html_key(q)
                entry[0] = entry[0].replace("<p>", f'<p><span class="number">{number}.</span>', 1)
                out.append('<div class="key-entry">' + "".join(entry) + "</div>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"

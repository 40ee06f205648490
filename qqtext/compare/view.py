"""A side-by-side view of an alignment: a standalone HTML page, character differences highlighted.

One row per alignment: A's unit on the left, B's on the right, the label and score between them.
In a pair, the characters the two texts do not share are highlighted (a character-level diff,
:class:`difflib.SequenceMatcher`): on the A side what B lacks (``<del>``, red), on the B side what
B adds (``<ins>``, green). A unit without a partner is shown on its own side only. The header gives
the documents, the counts of copied, adapted, only_a and only_b, and the mean score of the pairs.

The page is UTF-8, every text is escaped, and it needs nothing from the network: fonts come from a
CJK font stack (Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, …).

>>> from qqtext.parse import parse_text
>>> from qqtext.compare.align import align
>>> a = parse_text("第一条 政府及其有关部门应当公开涉企政策。", doc_id="a")
>>> b = parse_text("第一条 县级以上人民政府及其有关部门应当公开涉企政策。", doc_id="b")
>>> page = side_by_side_html(align(a, b), a, b)
>>> '<ins class="ins">县级以上人民</ins>' in page
True
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Sequence

from qqtext.compare.align import Alignment, find_unit, label_counts, side_heading, unit_text
from qqtext.model import Document, Span

__all__ = ["side_by_side_html", "comparison_page", "diff_html", "LABEL_NAMES"]

#: How each label is shown.
LABEL_NAMES = {
    "copied": "照搬 copied",
    "adapted": "改写 adapted",
    "only_a": "仅见于A only_a",
    "only_b": "仅见于B only_b",
}

FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
              '"Microsoft YaHei", "WenQuanYi Micro Hei", "Heiti SC", sans-serif')

STYLE = """
:root { --copied: #1f5fa8; --adapted: #b25d00; --only: #6b6b6b; --del-bg: #ffd9d6; --del-fg: #a3140b;
        --ins-bg: #d3f5d3; --ins-fg: #0d6b1f; --line: #d9dde3; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font-family: FONTS; font-size: 16px; line-height: 1.75;
       color: #1d1d1f; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 12px; border-top: 3px solid #1d1d1f; }
nav ol { margin: 4px 0 0; padding-left: 1.5em; }
.docs { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 32px; margin: 8px 0 12px; }
.doc { padding: 8px 12px; background: #f5f6f8; border-radius: 6px; }
.doc .side { font-weight: 700; margin-right: 6px; }
.doc .title { font-weight: 700; }
.doc .meta { color: #555; font-size: 14px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.count { padding: 4px 12px; border-radius: 14px; color: #fff; font-size: 15px; }
.count b { font-size: 17px; margin-left: 4px; }
.count.copied { background: var(--copied); }
.count.adapted { background: var(--adapted); }
.count.only_a, .count.only_b { background: var(--only); }
.note { color: #555; font-size: 14px; margin: 4px 0 12px; }
del.del { background: var(--del-bg); color: var(--del-fg); text-decoration: none; border-radius: 2px; }
ins.ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: none; border-radius: 2px; }
.note del.del, .note ins.ins { padding: 0 4px; }
table.pairs { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.pairs thead th { position: sticky; top: 0; background: #fff; z-index: 1; text-align: left;
                       font-size: 15px; padding: 6px 10px; border-bottom: 2px solid #1d1d1f; }
table.pairs col.side { width: auto; }
table.pairs col.mid { width: 132px; }
table.pairs td { vertical-align: top; padding: 10px 12px; border-bottom: 1px solid var(--line); }
td.unit .ref { font-weight: 700; margin-bottom: 2px; }
td.unit .text { white-space: pre-wrap; word-break: break-all; }
td.empty { background: repeating-linear-gradient(135deg, #fcfcfc, #fcfcfc 8px, #f5f5f5 8px, #f5f5f5 16px); }
td.mid { text-align: center; font-size: 14px; }
.label { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 13px;
         white-space: nowrap; }
tr.copied .label { background: var(--copied); }
tr.adapted .label { background: var(--adapted); }
tr.only_a .label, tr.only_b .label { background: var(--only); }
.score { display: block; margin-top: 4px; font-size: 18px; font-weight: 700; }
.bar { display: block; height: 5px; background: #e6e8eb; border-radius: 3px; margin: 2px 8px 0; }
.bar span { display: block; height: 100%; border-radius: 3px; background: #1d1d1f; }
.contain { display: block; color: #555; font-size: 12px; margin-top: 4px; }
tr.only_a td.unit, tr.only_b td.unit { color: #4a4a4a; font-size: 14px; line-height: 1.65; }
.index { margin: 6px 0 10px; font-size: 14px; line-height: 2; }
.index-title { color: #555; }
a.pairlink { display: inline-block; margin: 0 6px 0 0; padding: 0 8px; border-radius: 4px; text-decoration: none;
             color: #1d1d1f; background: #f1f2f4; border-left: 4px solid var(--only); white-space: nowrap; line-height: 1.7; }
a.pairlink.copied { border-left-color: var(--copied); }
a.pairlink.adapted { border-left-color: var(--adapted); }
tr:target td { background: #fff8d6; }
""".replace("FONTS", FONT_STACK)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def diff_html(a: str, b: str) -> tuple[str, str]:
    """Both texts as escaped HTML, with what only A has in ``<del class="del">`` and what only B has in ``<ins class="ins">``.

    A character-level diff (:class:`difflib.SequenceMatcher`), made readable: a stretch of one or two
    shared characters between two changes (the 发 of 激发市场活力 against 不断解放和发展) is shown as
    part of the change, so a rewritten phrase reads as one deletion and one insertion.

    >>> diff_html("应当公开政策", "应当及时公开政策")
    ('应当公开政策', '应当<ins class="ins">及时</ins>公开政策')
    """
    segments = _diff_segments(a, b)
    left: list[str] = []
    right: list[str] = []
    for equal, a_part, b_part in segments:
        if equal:
            left.append(_escape(a_part))
            right.append(_escape(b_part))
            continue
        if a_part:
            left.append(f'<del class="del">{_escape(a_part)}</del>')
        if b_part:
            right.append(f'<ins class="ins">{_escape(b_part)}</ins>')
    return "".join(left), "".join(right)


#: Shared stretches this short between two changes are shown as part of the change.
MIN_EQUAL = 3


def _diff_segments(a: str, b: str) -> list[tuple[bool, str, str]]:
    """``(equal, a_part, b_part)`` segments of a character diff, short equal islands merged into changes."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw = [(op == "equal", a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    merged: list[tuple[bool, str, str]] = []
    for k, (equal, a_part, b_part) in enumerate(raw):
        inner = 0 < k < len(raw) - 1
        if equal and inner and len(a_part) < MIN_EQUAL and not raw[k - 1][0] and not raw[k + 1][0] and "\n" not in a_part:
            equal = False  # a short island inside a change
        if merged and not equal and not merged[-1][0]:
            _, prev_a, prev_b = merged[-1]
            merged[-1] = (False, prev_a + a_part, prev_b + b_part)
        else:
            merged.append((equal, a_part, b_part))
    return merged


def _doc_card(side: str, doc: Document) -> str:
    meta = [doc.id]
    if doc.issuers:
        meta.append("、".join(doc.issuers))
    if doc.date:
        meta.append(doc.date.isoformat())
    units = f"{len(doc.articles)} 条" if doc.articles else f"{len(doc.sections)} 部分"
    meta.append(units)
    return (f'<div class="doc {side.lower()}"><span class="side">{side}</span>'
            f'<span class="title">《{_escape(doc.title or doc.id)}》</span>'
            f'<div class="meta">{_escape(" · ".join(meta))}</div></div>')


def _unit_cell(side: str, doc: Document, article: int | None, item: int | None, span: Span | None,
               body: str | None = None) -> str:
    if article is None:
        return f'<td class="unit {side} empty"></td>'
    unit = find_unit(doc, article, item, span=span)
    ref = side_heading(doc, article, item, span)
    text = body if body is not None else _escape(unit_text(unit) if unit is not None else "")
    return (f'<td class="unit {side}"><div class="ref">{_escape(ref)}</div>'
            f'<div class="text" lang="zh-CN">{text}</div></td>')


def _row(al: Alignment, a_doc: Document, b_doc: Document, row_id: str) -> str:
    a_body = b_body = None
    if al.paired:
        a_unit = find_unit(a_doc, al.a_article, al.a_item, span=al.a_span) if al.a_article is not None else None
        b_unit = find_unit(b_doc, al.b_article, al.b_item, span=al.b_span) if al.b_article is not None else None
        if a_unit is not None and b_unit is not None:
            a_body, b_body = diff_html(unit_text(a_unit), unit_text(b_unit))
    if al.paired:
        width = max(0.0, min(1.0, al.score)) * 100
        mid = (f'<span class="label">{LABEL_NAMES[al.label]}</span>'
               f'<span class="score" title="score">{al.score:.2f}</span>'
               f'<span class="bar"><span style="width:{width:.0f}%"></span></span>'
               f'<span class="contain">包含度 {al.containment:.2f}</span>')
    else:
        mid = f'<span class="label">{LABEL_NAMES[al.label]}</span>'
    return (f'<tr class="{al.label}" id="{row_id}">'
            + _unit_cell("a", a_doc, al.a_article, al.a_item, al.a_span, a_body)
            + f'<td class="mid">{mid}</td>'
            + _unit_cell("b", b_doc, al.b_article, al.b_item, al.b_span, b_body)
            + "</tr>")


def _index(number: int, alignments: Sequence[Alignment], a_doc: Document, b_doc: Document) -> str:
    """A compact list of the pairs, best first, each a link to its row."""
    pairs = sorted(((k, al) for k, al in enumerate(alignments, 1) if al.paired), key=lambda kv: (-kv[1].score, kv[0]))
    if not pairs:
        return ""
    links = "".join(
        f'<a class="pairlink {al.label}" href="#cmp-{number}-r{k}">'
        f'{_escape(side_heading(a_doc, al.a_article, al.a_item, al.a_span))} ↔ '
        f'{_escape(side_heading(b_doc, al.b_article, al.b_item, al.b_span))} <b>{al.score:.2f}</b></a>'
        for k, al in pairs)
    return f'<div class="index"><span class="index-title">配对一览（按得分）：</span>{links}</div>'


def _section(number: int, alignments: Sequence[Alignment], a_doc: Document, b_doc: Document,
             threshold: float | None, level: str | None) -> str:
    counts = label_counts(alignments)
    pairs = [al for al in alignments if al.paired]
    mean = sum(al.score for al in pairs) / len(pairs) if pairs else None
    badges = "".join(f'<span class="count {label}">{LABEL_NAMES[label]}<b>{n}</b></span>' for label, n in counts.items())
    facts = []
    if level:
        facts.append(f"对齐单位：{'条' if level == 'article' else '项'}（{level}）")
    if threshold is not None:
        facts.append(f"配对阈值 threshold {threshold:.2f}")
    facts.append(f"配对 {len(pairs)} 组，平均得分 {mean:.2f}" if mean is not None else "没有配对")
    return (
        f'<section class="comparison" id="cmp-{number}">'
        f'<h2>{number}. 《{_escape(a_doc.title or a_doc.id)}》 ↔ 《{_escape(b_doc.title or b_doc.id)}》</h2>'
        f'<div class="docs">{_doc_card("A", a_doc)}{_doc_card("B", b_doc)}</div>'
        f'<div class="summary">{badges}</div>'
        + _index(number, alignments, a_doc, b_doc)
        +
        f'<p class="note">{_escape("；".join(facts))}。'
        '左栏 <del class="del">红底</del> 为A有而B无的文字，右栏 <ins class="ins">绿底</ins> 为B新增的文字；'
        '得分 score 综合字符与词语相似度（0–1），包含度为A的字符三元组见于B的比例。</p>'
        '<table class="pairs"><colgroup><col class="side"><col class="mid"><col class="side"></colgroup>'
        f'<thead><tr><th>A 《{_escape(a_doc.title or a_doc.id)}》</th><th>对应关系</th>'
        f'<th>B 《{_escape(b_doc.title or b_doc.id)}》</th></tr></thead><tbody>'
        + "".join(_row(al, a_doc, b_doc, f"cmp-{number}-r{k}") for k, al in enumerate(alignments, 1))
        + "</tbody></table></section>"
    )


def comparison_page(comparisons: Iterable[tuple[Sequence[Alignment], Document, Document]], *,
                    title: str | None = None, threshold: float | None = None, level: str | None = None) -> str:
    """One standalone HTML page with a section per ``(alignments, a_doc, b_doc)`` comparison."""
    comparisons = list(comparisons)
    if title is None:
        if len(comparisons) == 1:
            _, a_doc, b_doc = comparisons[0]
            title = f"条文对照：《{a_doc.title or a_doc.id}》与《{b_doc.title or b_doc.id}》"
        else:
            title = f"条文对照（{len(comparisons)} 组）"
    nav = ""
    if len(comparisons) > 1:
        nav = "<nav><ol>" + "".join(
            f'<li><a href="#cmp-{n}">《{_escape(a.title or a.id)}》 ↔ 《{_escape(b.title or b.id)}》</a>'
            f'（{"，".join(f"{LABEL_NAMES[k].split()[0]} {v}" for k, v in label_counts(al).items())}）</li>'
            for n, (al, a, b) in enumerate(comparisons, 1)) + "</ol></nav>"
    sections = "".join(_section(n, list(al), a, b, threshold, level) for n, (al, a, b) in enumerate(comparisons, 1))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="qqtext compare">\n'
        f"<title>{_escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{_escape(title)}</h1>{nav}</header>\n<main>{sections}</main>\n</body>\n</html>\n"
    )


def side_by_side_html(alignments: Sequence[Alignment], a_doc: Document, b_doc: Document, *,
                      title: str | None = None, threshold: float | None = None, level: str | None = None) -> str:
    """A standalone HTML page showing ``alignments`` of ``a_doc`` with ``b_doc`` side by side."""
    return comparison_page([(alignments, a_doc, b_doc)], title=title, threshold=threshold, level=level)

"""A side-by-side view of an alignment: a standalone HTML page, character differences highlighted.

One row per alignment: A's unit on the left, B's on the right, the label and score between them.
In a pair, the characters the two texts do not share are highlighted (a character-level diff,
:class:`difflib.SequenceMatcher`): on the A side what B lacks (``<del>``, red), on the B side what
B adds (``<ins>``, green). A split or merge is one row: the group's units together on their side,
``拆分 1:n`` or ``合并 n:1`` and the group's score between them. Each rule change
(:mod:`qqtext.compare.changes`) is listed between the columns (义务加强：可以 → 应当) and marked in the
text it is about (``<mark class="chg">``, with the change as its title). A unit without a partner is
shown on its own side only. The header gives the documents, the counts of copied, adapted, only_a and
only_b, the number of pairs whose rules changed, and the mean score of the pairs.

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
from qqtext.compare.changes import Change
from qqtext.compare.quantities import SideText
from qqtext.model import Document, Span

__all__ = ["side_by_side_html", "comparison_page", "diff_html", "LABEL_NAMES", "RELATION_NAMES"]

#: How each label is shown.
LABEL_NAMES = {
    "copied": "照搬 copied",
    "adapted": "改写 adapted",
    "only_a": "仅见于A only_a",
    "only_b": "仅见于B only_b",
}
#: How a split or merge is shown.
RELATION_NAMES = {"1:n": "拆分 1:n", "n:1": "合并 n:1"}

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
table.pairs col.mid { width: 200px; }
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
mark.chg { background: none; border-bottom: 3px solid #7a3db8; color: inherit; padding: 0; }
.relation { display: block; margin-top: 4px; font-size: 13px; font-weight: 700; color: #7a3db8; }
ul.changes { list-style: none; margin: 6px 0 0; padding: 0; text-align: left; font-size: 12px; line-height: 1.5; }
ul.changes li { margin: 3px 0; padding: 2px 4px; border-left: 3px solid #7a3db8; background: #f6f0fb; }
.count.changed { background: #7a3db8; }
""".replace("FONTS", FONT_STACK)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def diff_html(a: str, b: str, *, marks_a: Sequence[tuple[int, int, str]] = (),
              marks_b: Sequence[tuple[int, int, str]] = ()) -> tuple[str, str]:
    """Both texts as escaped HTML, with what only A has in ``<del class="del">`` and what only B has in ``<ins class="ins">``.

    A character-level diff (:class:`difflib.SequenceMatcher`), made readable: a stretch of one or two
    shared characters between two changes (the 发 of 激发市场活力 against 不断解放和发展) is shown as
    part of the change, so a rewritten phrase reads as one deletion and one insertion. ``marks_a`` and
    ``marks_b`` are ``(start, end, title)`` ranges of each text put in ``<mark class="chg">`` (the rule
    changes).

    >>> diff_html("应当公开政策", "应当及时公开政策")
    ('应当公开政策', '应当<ins class="ins">及时</ins>公开政策')
    """
    runs_a: list[tuple[int, int, bool]] = []
    runs_b: list[tuple[int, int, bool]] = []
    at_a = at_b = 0
    for equal, a_part, b_part in _diff_segments(a, b):
        if a_part:
            runs_a.append((at_a, at_a + len(a_part), not equal))
            at_a += len(a_part)
        if b_part:
            runs_b.append((at_b, at_b + len(b_part), not equal))
            at_b += len(b_part)
    return _render(a, runs_a, marks_a, "del"), _render(b, runs_b, marks_b, "ins")


def _render(text: str, runs: Sequence[tuple[int, int, bool]], marks: Sequence[tuple[int, int, str]], tag: str) -> str:
    """``text`` escaped, changed runs in ``<tag>``, each stretch under the same marks in one ``<mark>``."""
    cuts = {0, len(text)}
    for start, end, _ in runs:
        cuts.update((start, end))
    for start, end, _ in marks:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    edges = sorted(cuts)
    pieces: list[tuple[str, str]] = []  # (titles, html)
    for start, end in zip(edges, edges[1:]):
        if start >= end:
            continue
        piece = _escape(text[start:end])
        if any(s <= start and end <= e and changed for s, e, changed in runs):
            piece = f'<{tag} class="{tag}">{piece}</{tag}>'
        titles = "；".join(dict.fromkeys(title for s, e, title in marks if s <= start and end <= e))
        if pieces and pieces[-1][0] == titles:
            pieces[-1] = (titles, pieces[-1][1] + piece)
        else:
            pieces.append((titles, piece))
    return "".join(f'<mark class="chg" title="{_escape(titles)}">{html}</mark>' if titles else html
                   for titles, html in pieces)


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


def _marks(side: SideText, changes: Sequence[Change], which: str) -> list[tuple[int, int, str]]:
    """Where each change is in ``side.text`` (narrowed to the words it names, where they are there)."""
    out = []
    for change in changes:
        span = change.a_span if which == "a" else change.b_span
        local = side.local(span) if span is not None else None
        if local is None:
            continue
        start, end = local
        words = change.before if which == "a" else change.after
        if words and len(words) < end - start:
            found = side.text.find(words, start, end)
            if found >= 0:
                start, end = found, found + len(words)
        out.append((start, end, change.label))
    return out


def _units_of(doc: Document, rows: Sequence[Alignment], which: str) -> list[tuple[int, int | None, Span | None]]:
    seen: dict[tuple[int, int | None, Span | None], None] = {}
    for al in rows:
        article = getattr(al, f"{which}_article")
        if article is not None:
            seen.setdefault((article, getattr(al, f"{which}_item"), getattr(al, f"{which}_span")))
    return list(seen)


def _group_cell(side: str, doc: Document, keys: Sequence[tuple[int, int | None, Span | None]], body: str) -> str:
    ref = " ＋ ".join(side_heading(doc, article, item, span) for article, item, span in keys)
    return (f'<td class="unit {side}"><div class="ref">{_escape(ref)}</div>'
            f'<div class="text" lang="zh-CN">{body}</div></td>')


def _row(rows: Sequence[Alignment], a_doc: Document, b_doc: Document, row_id: str) -> str:
    """One table row: a pair, an unpaired unit, or every row of a split or merge together."""
    al = rows[0]
    if not al.paired:
        return (f'<tr class="{al.label}" id="{row_id}">'
                + _unit_cell("a", a_doc, al.a_article, al.a_item, al.a_span)
                + f'<td class="mid"><span class="label">{LABEL_NAMES[al.label]}</span></td>'
                + _unit_cell("b", b_doc, al.b_article, al.b_item, al.b_span) + "</tr>")
    a_keys, b_keys = _units_of(a_doc, rows, "a"), _units_of(b_doc, rows, "b")
    a_units = [u for u in (find_unit(a_doc, art, item, span=span) for art, item, span in a_keys) if u is not None]
    b_units = [u for u in (find_unit(b_doc, art, item, span=span) for art, item, span in b_keys) if u is not None]
    changes = [change for row in rows for change in row.changes]
    side_a, side_b = SideText.of(a_doc, a_units), SideText.of(b_doc, b_units)
    a_text = "\n".join(unit_text(u) for u in a_units)
    b_text = "\n".join(unit_text(u) for u in b_units)
    marks_a = _marks(side_a, changes, "a") if side_a.text == a_text else []
    marks_b = _marks(side_b, changes, "b") if side_b.text == b_text else []
    a_body, b_body = diff_html(a_text, b_text, marks_a=marks_a, marks_b=marks_b)
    score = al.group_score if al.group_score is not None else al.score
    width = max(0.0, min(1.0, score)) * 100
    relation = f'<span class="relation">{RELATION_NAMES[al.relation]}</span>' if al.relation in RELATION_NAMES else ""
    listed = ""
    if changes:
        listed = '<ul class="changes">' + "".join(f"<li>{_escape(c.label)}</li>" for c in changes) + "</ul>"
    mid = (f'<span class="label">{LABEL_NAMES[al.label]}</span>{relation}'
           f'<span class="score" title="score">{score:.2f}</span>'
           f'<span class="bar"><span style="width:{width:.0f}%"></span></span>'
           f'<span class="contain">包含度 {al.containment:.2f}</span>{listed}')
    if len(rows) == 1:
        a_cell = _unit_cell("a", a_doc, al.a_article, al.a_item, al.a_span, a_body)
        b_cell = _unit_cell("b", b_doc, al.b_article, al.b_item, al.b_span, b_body)
    else:
        a_cell, b_cell = _group_cell("a", a_doc, a_keys, a_body), _group_cell("b", b_doc, b_keys, b_body)
    return f'<tr class="{al.label}" id="{row_id}">{a_cell}<td class="mid">{mid}</td>{b_cell}</tr>'


def _table_rows(alignments: Sequence[Alignment]) -> list[tuple[int, list[Alignment]]]:
    """``(number of the first row, rows)`` per table row: a group's rows together, at its first row."""
    out: list[tuple[int, list[Alignment]]] = []
    by_group: dict[int, list[Alignment]] = {}
    for k, al in enumerate(alignments, 1):
        if al.group is None:
            out.append((k, [al]))
        elif al.group in by_group:
            by_group[al.group].append(al)
        else:
            by_group[al.group] = [al]
            out.append((k, by_group[al.group]))
    return out


def _index(number: int, alignments: Sequence[Alignment], a_doc: Document, b_doc: Document) -> str:
    """A compact list of the pairs, best first, each a link to its row (a group's rows to the group's row)."""
    row_of: dict[int, int] = {}
    for first, rows in _table_rows(alignments):
        for al in rows:
            row_of[id(al)] = first
    pairs = sorted(((row_of[id(al)], al) for al in alignments if al.paired), key=lambda kv: (-kv[1].score, kv[0]))
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
    groups = {al.group: al.relation for al in alignments if al.group is not None}
    if groups:
        splits = sum(1 for relation in groups.values() if relation == "1:n")
        facts.append(f"拆分 {splits} 处、合并 {len(groups) - splits} 处")
    changed = sum(1 for al in alignments if al.changes)
    facts.append(f"规则有变化的配对 {changed} 组" if changed else "配对中没有规则变化")
    return (
        f'<section class="comparison" id="cmp-{number}">'
        f'<h2>{number}. 《{_escape(a_doc.title or a_doc.id)}》 ↔ 《{_escape(b_doc.title or b_doc.id)}》</h2>'
        f'<div class="docs">{_doc_card("A", a_doc)}{_doc_card("B", b_doc)}</div>'
        f'<div class="summary">{badges}</div>'
        + _index(number, alignments, a_doc, b_doc)
        +
        f'<p class="note">{_escape("；".join(facts))}。'
        '左栏 <del class="del">红底</del> 为A有而B无的文字，右栏 <ins class="ins">绿底</ins> 为B新增的文字；'
        '得分 score 综合字符、词语与语义相似度（0–1），包含度为A的字符三元组见于B的比例；'
        '<mark class="chg">紫色下划线</mark> 标出规则变化（义务、主体、条件、期限、金额、处罚），“照搬”只用于没有规则变化的配对。</p>'
        '<table class="pairs"><colgroup><col class="side"><col class="mid"><col class="side"></colgroup>'
        f'<thead><tr><th>A 《{_escape(a_doc.title or a_doc.id)}》</th><th>对应关系</th>'
        f'<th>B 《{_escape(b_doc.title or b_doc.id)}》</th></tr></thead><tbody>'
        + "".join(_row(rows, a_doc, b_doc, f"cmp-{number}-r{k}") for k, rows in _table_rows(alignments))
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

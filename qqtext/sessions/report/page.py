"""The class report as one standalone HTML page (the heatmap embedded; every text escaped)."""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Sequence

import pandas as pd

from qqtext.sessions.report._format import _number, _percent, _signed
from qqtext.textsafe import sanitize
from qqtext.sessions.report.model import (
    EASY,
    HARD,
    LABELS,
    MASTERY_THRESHOLD,
    MIN_D,
    MIN_DISTRACTOR_SHARE,
    MIN_RPB,
    URGENT_FLAGS,
    ClassReport,
)

__all__ = ["to_html", "CSS"]

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", "Noto Sans SC", sans-serif')
CSS = """
body { font-family: FONTS; color: #222; margin: 2em auto; max-width: 1240px; padding: 0 1.2em; line-height: 1.6; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #d9e1f2; padding-bottom: .2em; margin-top: 1.8em; }
.meta { color: #666; margin-top: 0; }
.summary { background: #f3f6fb; border-left: 4px solid #4575b4; padding: .6em 1em; }
.summary p { margin: .4em 0; }
.warnings { background: #fff4dc; border-left: 4px solid #e6a23c; padding: .5em 1em; }
.warnings p { margin: .3em 0; }
table { border-collapse: collapse; margin: .6em 0; font-size: .92em; }
th, td { border: 1px solid #c8c8c8; padding: .25em .5em; vertical-align: top; }
th { background: #d9e1f2; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.stem { min-width: 18em; }
td.nw { white-space: nowrap; }
td.reasons { min-width: 22em; }
td.reasons p { margin: 0 0 .3em 0; }
tr.key td { background: #e2f0d9; }
td.bad { background: #f4b6b6; } td.warn { background: #fce4b6; } td.muted { color: #888; }
.bar { display: inline-block; height: .8em; background: #4575b4; vertical-align: middle; }
img.heatmap { max-width: 100%; border: 1px solid #ddd; }
.row { display: flex; flex-wrap: wrap; gap: 3em; align-items: flex-start; }
.row h3 { margin-top: 0; font-size: 1em; }
table.compact td, table.compact th { padding: 0 .5em; line-height: 1.35; }
dl dt { font-weight: 600; } dl dd { margin: 0 0 .4em 1.5em; }
""".replace("FONTS", FONT_STACK)


def _e(text: str) -> str:
    """Text for the page: HTML-escaped, and without the control characters and lone surrogates no page
    should hold (:func:`qqtext.textsafe.sanitize`; a lone surrogate cannot even be written as UTF-8)."""
    return html.escape(sanitize(str(text)))


def _mix(value: float) -> str:
    """A light background for a share: red (0) through yellow to blue (1), the heatmap's colours paled."""
    stops = [(0.0, (0xF8, 0x69, 0x6B)), (0.5, (0xFF, 0xEB, 0x84)), (1.0, (0x5A, 0x8A, 0xC6))]
    value = min(1.0, max(0.0, value))
    for (x0, c0), (x1, c1) in zip(stops, stops[1:]):
        if value <= x1:
            t = (value - x0) / (x1 - x0)
            rgb = [round((a + (b - a) * t) * 0.55 + 255 * 0.45) for a, b in zip(c0, c1)]
            return "#" + "".join(f"{v:02x}" for v in rgb)
    return "#ffffff"


def _td(value, *, kind: str = "text", css: str = "") -> str:
    """One table cell: kind ``text``, ``percent`` (coloured by value when css is ``scale``), ``fixed``, ``int``."""
    classes = [css] if css and css != "scale" else []
    style = ""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        text = "—"
    elif kind == "percent":
        text = _percent(float(value))
        if css == "scale":
            style = f' style="background:{_mix(float(value))}"'
    elif kind == "fixed":
        text = _signed(float(value))
    elif kind == "seconds":
        text = f"{float(value):.1f}"
    else:
        text = str(value)
    if kind != "text":
        classes.append("num")
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{cls}{style}>{_e(text)}</td>"


def _html_table(headers: Sequence[str], rows: Sequence[str], *, css: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    cls = f' class="{css}"' if css else ""
    return f"<table{cls}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def to_html(report: ClassReport, *, title: str, heatmap: bytes | None = None) -> str:
    """The report as one standalone HTML page (the heatmap embedded as base64 PNG); every text escaped."""
    e = _e
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">场次：{e("、".join(report.sessions))}　试卷：{e("、".join(report.papers))}　'
        f"学员 {report.n_learners} 名　题目 {report.n_questions} 道</p>",
    ]
    if report.warnings:
        parts.append('<div class="warnings" id="warnings">'
                     + "".join(f"<p>⚠ {e(note)}</p>" for note in report.warnings) + "</div>")
    parts.append('<h2 id="summary">给培训师的总结</h2><div class="summary">'
                 + "".join(f"<p>{e(p)}</p>" for p in report.summary_paragraphs()) + "</div>")

    # articles
    parts.append('<h2 id="articles">条款掌握情况（由弱到强）</h2>'
                 f"<p>掌握度：每名学员在该条题目上答对的比例，再取全班平均；低于 {_percent(MASTERY_THRESHOLD)} "
                 "即为没掌握。一条的题目分属几项时，“最薄弱之处”是其中正确率最低的一项（写作第十三条的，是不分项、"
                 "考整条的题）。</p>")
    rows = [f"<tr>{_td(r.label, css='nw')}{_td(r.questions, kind='int')}{_td(r.numbers)}"
            f"{_td(r.mastery, kind='percent', css='scale')}{_td(r.below, kind='int')}"
            + (f"{_td(r.weakest, css='nw')}{_td(r.weakest_p, kind='percent', css='scale')}</tr>"
               if not r.single_provision else "<td></td><td></td></tr>")
            for r in report.articles.itertuples()]
    parts.append(_html_table(list(LABELS["articles"].values()), rows))

    # heatmap
    parts.append('<h2 id="heatmap">学员 × 条款 掌握情况</h2>')
    if heatmap:
        data = base64.b64encode(heatmap).decode("ascii")
        parts.append(f'<img class="heatmap" alt="学员 × 条款 掌握情况热力图" src="data:image/png;base64,{data}">')

    # flags
    parts.append('<h2 id="flags">需修订的题目</h2>')
    if len(report.flags):
        rows = []
        for _, group in report.flags.groupby("number", sort=True):
            r = group.iloc[0]
            urgent = bool(group["code"].isin(URGENT_FLAGS).any())
            labels = "<br>".join(_e(label) for label in dict.fromkeys(group["label"]))
            reasons = "".join(f"<p>{_e(reason)}</p>" for reason in group["reason"])
            rows.append(f"<tr>{_td(int(r['number']), kind='int')}{_td(r['citation'], css='nw')}"
                        f"{_td(r['type_label'], css='nw')}{_td(r['stem'], css='stem')}"
                        f'<td class="nw{" bad" if urgent else ""}">{labels}</td><td class="reasons">{reasons}</td>'
                        f"{_td(r['p'], kind='percent', css='scale')}{_td(r['D'], kind='fixed')}"
                        f"{_td(r['r_pb'], kind='fixed')}</tr>")
        parts.append(_html_table(list(LABELS["flags"].values()), rows))
    else:
        parts.append("<p>没有需要修订的题目。</p>")

    # overview and score distribution
    parts.append('<h2 id="overview">概览</h2><div class="row"><div>')
    overview_rows = []
    for name, value in report.overview().itertuples(index=False):
        if name == "平均得分率":
            cell = _td(value, kind="percent")
        elif isinstance(value, str) or value is None:
            cell = _td(value)
        else:
            cell = _td(f"{value:.2f}" if name.startswith("信度") else value, kind="int")
        overview_rows.append(f"<tr><th>{e(name)}</th>{cell}</tr>")
    parts.append("<table>\n" + "\n".join(overview_rows) + "\n</table></div><div>")
    peak = max(1, int(report.distribution["learners"].max()))
    rows = [f"<tr>{_td(_number(s), kind='int')}{_td(int(c), kind='int')}"
            f'<td><span class="bar" style="width:{round(200 * c / peak)}px"></span></td></tr>'
            for s, c in report.distribution.itertuples(index=False)]
    parts.append("<h3>分数分布</h3>" + _html_table(["得分", "人数", ""], rows, css="compact") + "</div></div>")

    # items
    parts.append('<h2 id="items">题目分析</h2>')
    rows = []
    for r in report.items.itertuples():
        d_css = "bad" if r.D < 0 else ("warn" if r.D < MIN_D else "")
        r_css = "bad" if r.r_pb < 0 else ("warn" if r.r_pb < MIN_RPB else "")
        rows.append(
            f"<tr>{_td(r.number, kind='int')}{_td(r.type_label, css='nw')}{_td(r.citation, css='nw')}"
            f"{_td(r.stem, css='stem')}"
            f"{_td(r.answer)}{_td(r.n, kind='int')}{_td(r.p, kind='percent', css='scale')}"
            f"{_td(r.p_upper, kind='percent')}{_td(r.p_lower, kind='percent')}{_td(r.D, kind='fixed', css=d_css)}"
            f"{_td(r.r_pb, kind='fixed', css=r_css)}{_td(r.mean_seconds, kind='seconds')}"
            f"{_td(r.top_wrong)}{_td(r.top_wrong_share, kind='percent')}</tr>")
    parts.append(_html_table([v for k, v in LABELS["items"].items() if k != "flags"], rows))

    # distractors
    parts.append('<h2 id="distractors">干扰项分析</h2>'
                 "<p>选择题和情形判断题每个选项的选择率（✓ 为正确答案）。好的干扰项主要吸引低分组；"
                 f"选择率低于 {_percent(MIN_DISTRACTOR_SHARE)} 的干扰项起不到作用，选择率高于正确答案的要核对答案。</p>")
    rows = []
    for r in report.distractors.itertuples():
        css = {"above_key": "bad", "upper_above_key": "bad", "nonfunctioning": "muted"}.get(r.flag, "")
        row_class = ' class="key"' if r.is_key else ""
        rows.append(
            f'<tr{row_class}>{_td(r.number, kind="int")}{_td(r.citation, css="nw")}'
            f'{_td(r.option)}{_td(r.text)}{_td("✓" if r.is_key else "")}{_td(r.n, kind="int")}'
            f'{_td(r.share, kind="percent")}{_td(r.share_upper, kind="percent")}'
            f'{_td(r.share_lower, kind="percent")}{_td(r.note, css=css)}</tr>')
    parts.append(_html_table(["题号", "条款", "选项", "选项内容", "正确答案", "选择人数", "选择率", "高分组选择率",
                              "低分组选择率", "提示"], rows))

    parts.append(f"""<h2 id="glossary">指标说明</h2>
<dl>
<dt>正确率 p</dt><dd>答这道题的学员中答对的比例。低于 {_percent(HARD)} 太难（或答案有误），高于 {_percent(EASY)} 太容易。</dd>
<dt>区分度 D</dt><dd>总分最高的 27% 学员（高分组）与最低的 27%（低分组）正确率之差。{MIN_D:.1f} 以上为好；为负说明掌握得好的学员反而答错，先核对答案。高分组选某个干扰项的比选答案的还多，同样要先核对答案。</dd>
<dt>点二列相关</dt><dd>这道题答对与否和其余题目总分的相关（不含本题）。{MIN_RPB:.2f} 以下区分能力弱。</dd>
<dt>信度 α（KR-20）</dt><dd>整份试卷测量是否一致：0.8 以上较高，0.6 以下偏低。题少、人少时偏低属正常。</dd>
<dt>掌握度</dt><dd>学员在某一条的题目上答对的比例；全班掌握度是各学员掌握度的平均。</dd>
</dl>""")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


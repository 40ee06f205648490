"""A seeded fuzz run of the whole API: parse → extract → graph → questions → paper → every export → compare.

Documents are built from the pieces a legal text is made of (第X条, （一）, 一、, 第X章, cue words, bodies,
numbers, punctuation) mixed with what breaks writers (control characters, U+FFFF, lone surrogates,
HTML, formula openings). Whatever comes in, only a :class:`qqtext.QqtextError` may come out: any other
exception is a fault. The run is derandomised (the same examples every time) and bounded.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qqtext import QqtextError, parse_text

PIECES = [
    "第一条 ", "第二条 ", "第三条 ", "第十条 ", "第一百条 ", "第一章 总则\n", "第二章 监督\n", "一、", "（一）", "（二）", "1.",
    "\n", "\n\n", "。", "，", "；", "：", "、", "的", "应当", "不得", "可以", "禁止", "鼓励", "负责", "由", "会同",
    "行政机关", "有关部门", "企业", "当事人", "人民政府", "市场监督管理部门", "工作人员", "三十日", "5万元", "内",
    "经批准", "确有需要", "违反本条例规定", "给予警告、罚款", "依法追究刑事责任", "法律另有规定的除外", "（以下简称监管部门）",
    "《中华人民共和国行政处罚法》", "\x00", "\x07", "\ufffe", "\uffff", "\ud800", "<script>alert(1)</script>", "=SUM(A1)",
    "+1", "@x", "  ", "\t", "…", "“", "”", "（", "）",
]

documents = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map(lambda parts: "测试条例\n\n" + "".join(parts))


def _run_pipeline(text: str, folder: Path) -> None:
    from qqtext.compare.align import align
    from qqtext.exercises.generate import generate_all
    from qqtext.exercises.quiz import FORMATS, make_paper, write_quiz
    from qqtext.extract.duties import extract_duties
    from qqtext.extract.norms import extract_norms
    from qqtext.graph import build_graph, to_gexf, to_graphml, write_json
    from qqtext.serialize import to_csv, to_json, to_markdown

    doc = parse_text(text, doc_id="fuzz")
    to_json(doc), to_markdown(doc), to_csv(doc)
    extract_norms(doc), extract_duties(doc)
    G = build_graph(doc)
    for write, name in ((to_graphml, "g.graphml"), (to_gexf, "g.gexf"), (write_json, "g.json")):
        write(G, folder / name)
    pool = generate_all(doc, seed=1)
    if pool:
        paper = make_paper(pool, count=min(3, len(pool)), seed=1, title="测验")
        for fmt, suffix in FORMATS.items():
            write_quiz(paper, folder / f"paper{suffix}", format=fmt)
    other = parse_text("对照办法\n\n第一条 行政机关应当依法行政。\n", doc_id="other")
    align(doc, other)


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=documents)
def test_only_qqtext_errors_come_out(tmp_path, text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numbering gaps and linter notes are expected here
        try:
            _run_pipeline(text, tmp_path)
        except QqtextError:
            pass  # a clear error about the input is the right answer to some of these


@pytest.mark.parametrize("text", ["测试条例\n\n第一条 企业\ud800应当依法经营。\n", "测试条例\n\n第一条 \uffff\x00行政机关不得=SUM(A1)。\n"])
def test_the_worst_characters_pass_through_every_writer(tmp_path, text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _run_pipeline(text, tmp_path)
    for path in tmp_path.iterdir():
        assert path.stat().st_size > 0, path

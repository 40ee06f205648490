from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qqtext.normalize import CHAR_TABLE, is_continuation, normalize_text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("第一条　为了１２３ＡＢｃ", "第一条 为了123ABc"),
        ("(九) 其他符合规定的活动。", "（九） 其他符合规定的活动。"),
        ("## 第一章  总则", "第一章  总则"),
        ("**中共济南市委办公厅\n济南市人民政府办公厅**", "中共济南市委办公厅\n济南市人民政府办公厅"),
        ("# 标题\n\n<!-- INFO END -->\n\n正文。", "标题\n正文。"),
        ("　　第一条 甲。\n\n\n第二条 乙。", "第一条 甲。\n第二条 乙。"),
        ("\ufeff第一条 甲。\r\n第二条 乙。", "第一条 甲。\n第二条 乙。"),
    ],
    ids=["fullwidth", "ascii-parens", "md-heading", "bold", "info-comment", "indent-blank", "bom-crlf"],
)
def test_normalize(source, expected):
    assert normalize_text(source).text == expected


@pytest.mark.parametrize(
    ("previous", "following", "joined"),
    [
        ("推动机关单位工作人员走进企业，实现零距离联系服务、有尺度", "正常交往，加快形成", True),
        ("推动机关单位工作人员走进企业，实现零距离联系服务。", "正常交往。", False),
        ("区县党委和人民政府，市委各部门，市属各企事业单位：", "《关于构建》已经同意。", False),
        ("推动机关单位工作人员走进企业，实现零距离联系服务、有尺度", "第五条 制定政策。", False),
        ("推动机关单位工作人员走进企业，实现零距离联系服务、有尺度", "（二）参加活动；", False),
        ("推动机关单位工作人员走进企业，实现零距离联系服务、有尺度", "2019年1月4日", False),
        ("关于构建亲清新型政商关系的", "实施办法（试行）", False),
        ("中共济南市委办公厅", "济南市人民政府办公厅", False),
        ("第二章 优化政务服务，规范政商交往、落实责任的措施", "第五条 甲。", False),
    ],
    ids=["page-break", "sentence-end", "colon", "next-article", "next-item", "next-date", "title", "issuers", "heading"],
)
def test_continuation(previous, following, joined):
    assert is_continuation(previous, following) is joined


PIECES = [*"第一二十条章（）()１２ab 　\n\r*#>，。；：、政商亲清", "**", "<!-- x -->", "\n\n", "有尺度和规范的交往，实现零距离联系服务"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@given(TEXTS)
def test_every_character_maps_back_to_its_source(source):
    norm = normalize_text(source)
    translated = source.translate(CHAR_TABLE)
    for position, char in enumerate(norm.text):
        if char == "\n":
            continue
        assert translated[norm.to_source(position)] == char
    # source spans are ordered and inside the source
    previous = -1
    for position in range(len(norm.text)):
        mapped = norm.to_source(position)
        assert 0 <= mapped < len(source)
        assert mapped > previous
        previous = mapped

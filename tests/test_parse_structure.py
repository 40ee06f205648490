"""Layout rules of Chinese legal texts: 第X条之一, 附件, 编 and their chapters, dated versions,
titles and their metadata lines, Traditional script.

Every text here is written in the test; only the last tests read ``../shared/corpus-dev``.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

from conftest import shared_dev_dir
from qqtext import StructureWarning, parse_text, to_dict, to_markdown
from qqtext.model import Document


def parse(text: str, doc_id: str = "t") -> Document:
    """Parse ``text``; every StructureWarning stays on ``doc.warnings`` for the test to check."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        return parse_text(text, doc_id=doc_id)


def warnings_of(doc: Document) -> list[str]:
    return [w.split(": ", 1)[1] for w in doc.warnings]


# ------------------------------------------------------------------ 第X条之一

AMENDED = """某市优化营商环境条例
第一章 总则
第一条 为了优化营商环境，制定本条例。
第二条 本条例适用于本市行政区域。
第二条之一 市人民政府应当建立营商环境评价制度。
评价结果向社会公开。
第二条之二 评价应当包括下列内容：
（一）政务服务；
（二）市场监管。
第二章 附则
第三条 本条例自公布之日起施行。
"""


def test_sub_article_is_its_own_article():
    doc = parse(AMENDED)
    assert [(a.number, a.sub) for a in doc.articles] == [(1, 0), (2, 0), (2, 1), (2, 2), (3, 0)]
    assert [a.id for a in doc.articles] == ["t/art-1", "t/art-2", "t/art-2-1", "t/art-2-2", "t/art-3"]
    assert [a.label for a in doc.articles][2:4] == ["第二条之一", "第二条之二"]
    assert doc.article(2).text == "本条例适用于本市行政区域。"  # no longer swallows 第二条之一
    inserted = doc.article(2, sub=1)
    assert inserted.heading == "第二条之一"
    assert [p.text for p in inserted.paragraphs] == ["市人民政府应当建立营商环境评价制度。", "评价结果向社会公开。"]
    assert [i.id for i in doc.article(2, sub=2).items] == ["t/art-2-2/item-1", "t/art-2-2/item-2"]
    assert doc.article(2, sub=2).paragraphs[0].sentences[0].id == "t/art-2-2/para-1/sent-1"
    assert doc.text[inserted.span.start:inserted.span.end].startswith("第二条之一 市人民政府")
    assert doc.warnings == ()  # 2, 2之一, 2之二, 3 is in order


def test_sub_article_belongs_to_its_chapter_once():
    doc = parse(AMENDED)
    assert [(h.title, h.articles) for h in doc.chapters] == [("总则", (1, 2)), ("附则", (3,))]
    assert [a.label for a in doc.chapter_articles(1)] == ["第一条", "第二条", "第二条之一", "第二条之二"]


def test_sub_article_lookup_errors():
    doc = parse(AMENDED)
    with pytest.raises(KeyError, match="no article 第二条之三"):
        doc.article(2, sub=3)
    with pytest.raises(KeyError, match="no article 9"):
        doc.article(9)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("第一条 甲。\n第一条之二 乙。\n第二条 丙。", ["article numbers skip 第一条之一"]),
        ("第一条 甲。\n第二条 乙。\n第一条之一 丙。", ["article numbers out of order: 第一条之一 after 第二条"]),
        ("第一条 甲。\n第一条之一 乙。\n第一条之一 丙。\n第二条 丁。", ["article numbers repeat 第一条之一"]),
        ("第一条 甲。\n第二条之一 乙。\n第三条 丙。", ["article numbers skip 第二条"]),
    ],
    ids=["sub-gap", "sub-disorder", "sub-repeat", "base-missing"],
)
def test_sub_article_numbering_warnings(body, expected):
    with pytest.warns(StructureWarning):
        doc = parse_text(body, doc_id="t")
    assert warnings_of(doc) == expected


@pytest.mark.parametrize(
    "line",
    ["第二条之一规定的评价结果，应当公开。", "第二条之规定不适用于下列情形。", "第二条之一、第二条之二所列事项。"],
    ids=["sub-reference", "zhi-guiding", "sub-list"],
)
def test_line_starting_with_a_reference_is_no_article(line):
    doc = parse(f"第一条 甲。\n第二条 乙。\n第二条之一 丙。\n{line}\n第三条 丁。")
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第二条之一", "第三条"]
    assert doc.article(2, sub=1).paragraphs[-1].text == line


def test_sub_article_ids_and_labels_downstream():
    from qqtext.compare.align import find_unit, side_heading, unit_heading
    from qqtext.frames import article_rows
    from qqtext.numerals import article_label

    doc = parse(AMENDED)
    data = to_dict(doc)
    assert [(a["id"], a["number"], a["sub"]) for a in data["articles"]][1:3] == [("t/art-2", 2, 0), ("t/art-2-1", 2, 1)]
    assert len({a["id"] for a in data["articles"]}) == len(data["articles"])
    rows = article_rows(doc)
    assert [(r["number"], r["sub"], r["id"]) for r in rows][2] == (2, 1, "t/art-2-1")
    assert article_label(133, 1) == "第一百三十三条之一" == unit_heading(133, sub=1)
    inserted = doc.article(2, sub=1)
    assert find_unit(doc, 2) is doc.article(2)
    assert find_unit(doc, 2, span=inserted.span) is inserted
    assert side_heading(doc, 2, None, inserted.span) == "第二条之一"
    assert side_heading(doc, 2, 1, doc.article(2, sub=2).items[0].span) == "第二条之二（一）"
    assert "**第二条之一** 市人民政府" in to_markdown(doc)


def test_sub_article_in_the_graph(tmp_path):
    from qqtext.graph import build_graph, citation, from_graphml, to_graphml

    doc = parse(AMENDED)
    G = build_graph(doc)
    to_graphml(G, tmp_path / "g.graphml")
    assert from_graphml(tmp_path / "g.graphml").nodes["t/art-2-1"]["sub"] == 1
    articles = {n: d for n, d in G.nodes(data=True) if d["kind"] == "article"}
    assert len(articles) == 5
    assert (articles["t/art-2-1"]["label"], articles["t/art-2-1"]["sub"]) == ("第二条之一", 1)
    sentence = doc.article(2, sub=1).sentences[0].id
    assert citation(G, article=2, unit=sentence) == "第二条之一"
    assert citation(G, article=2, unit=doc.article(2).sentences[0].id) == "第二条"
    item_sentence = doc.article(2, sub=2).items[1].sentences[0].id
    assert citation(G, article=2, unit=item_sentence) == "第二条之二（二）"


def test_generated_questions_never_cite_a_sub_article_as_its_base():
    """Questions cite 第X条 by number; one about 第X条之一 would name the wrong article, so none is made."""
    from qqtext.exercises.generate import generate_all

    doc = parse(AMENDED.replace("评价结果向社会公开。", "市人民政府应当每年向社会公开营商环境评价结果。"))
    for question in generate_all(doc, seed=1):
        source = question.source
        if source.article is not None:
            article = doc.article(source.article)
            assert article.span.start <= source.start and source.end <= article.span.end, question.id


# ------------------------------------------------------------------ 附件

WITH_ANNEXES = """某市政务服务办法
第一条 为了规范政务服务，制定本办法。
第二条 申请人应当填写申请表（见附件1）。
附件三所列事项按照有关规定办理。
第三条 本办法自发布之日起施行。
附件1：政务服务申请表
申请人姓名
联系电话
附件2 事项清单
（一）企业开办；
（二）工程建设项目审批。
"""


def test_annexes_are_not_the_last_article():
    doc = parse(WITH_ANNEXES)
    assert doc.article(3).text == "本办法自发布之日起施行。"
    assert "附件三所列事项" in doc.article(2).text  # a sentence about an annex is no label
    assert [(a.id, a.number, a.title) for a in doc.annexes] == [
        ("t/annex-1", 1, "政务服务申请表"), ("t/annex-2", 2, "事项清单"),
    ]
    assert doc.annexes[0].text == "申请人姓名\n联系电话"
    assert doc.annexes[1].text == "（一）企业开办；\n（二）工程建设项目审批。"
    first = doc.annexes[0]
    assert doc.text[first.span.start:first.span.end] == "附件1：政务服务申请表\n申请人姓名\n联系电话"
    assert doc.source[first.source_span.start:first.source_span.end].startswith("附件1：")
    assert doc.warnings == ()  # the annex's （一）（二） are no items of 第三条


def test_annexes_in_json_and_markdown():
    doc = parse(WITH_ANNEXES)
    data = to_dict(doc)
    assert data["annexes"][1] == {"id": "t/annex-2", "number": 2, "title": "事项清单",
                                  "text": "（一）企业开办；\n（二）工程建设项目审批。",
                                  "start": doc.annexes[1].span.start, "end": doc.annexes[1].span.end}
    assert "## 附件1 政务服务申请表" in to_markdown(doc)


def test_list_of_annexes_then_the_annexes():
    doc = parse("第一条 甲。\n第二条 乙。\n附件：1、查处酒后驾驶操作规程\n2、查处超速行驶操作规程\n"
                "附件1：查处酒后驾驶操作规程\n一、配备酒精检测仪。\n附件2：查处超速行驶操作规程\n一、使用测速设备。")
    assert [(a.number, a.title, a.text) for a in doc.annexes] == [
        (1, "查处酒后驾驶操作规程", "一、配备酒精检测仪。"), (2, "查处超速行驶操作规程", "一、使用测速设备。"),
    ]
    assert doc.article(2).text == "乙。"


def test_list_of_annexes_alone_names_them():
    doc = parse("第一条 甲。\n第二条 乙。\n附件：\n1.企业诉求登记表\n2.办理情况反馈表")
    assert [(a.number, a.title, a.text) for a in doc.annexes] == [(1, "企业诉求登记表", ""), (2, "办理情况反馈表", "")]
    assert doc.article(2).text == "乙。"


def test_annexes_following_their_list_in_another_order():
    doc = parse("第一条 甲。\n附件：1、甲表\n2、乙表\n3、丙表\n附件3：丙表\n丙的内容\n附件1 甲表\n甲的内容")
    assert [(a.number, a.title, a.text) for a in doc.annexes] == [
        (1, "甲表", "甲的内容"), (2, "乙表", ""), (3, "丙表", "丙的内容"),
    ]


def test_bare_annex_label_takes_its_title_line():
    doc = parse("第一条 甲。\n附件\n重点企业名单\n某某有限公司；\n某某集团。")
    [annex] = doc.annexes
    assert (annex.id, annex.number, annex.title, annex.text) == ("t/annex-1", 1, "重点企业名单", "某某有限公司；\n某某集团。")


def test_annex_with_articles_of_its_own():
    doc = parse("第一条 为了规范，制定本决定。\n第二条 本决定自公布之日起施行。\n附件：某某实施细则\n"
                "第一条 细则的第一条。\n第二条 细则的第二条。")
    assert [a.number for a in doc.articles] == [1, 2]
    assert doc.annexes[0].title == "某某实施细则"
    assert doc.annexes[0].text == "第一条 细则的第一条。\n第二条 细则的第二条。"
    assert doc.warnings == ()


def test_annex_label_inside_the_body_is_no_annex():
    """A label followed by articles that carry the numbering on is a line of the body."""
    doc = parse("第一条 甲：\n附件：申请材料清单\n第二条 乙。\n第三条 丙。")
    assert [a.number for a in doc.articles] == [1, 2, 3]
    assert doc.annexes == ()


# ------------------------------------------------------------------ 编 and 章


def test_chapters_restarting_in_each_part_are_in_order():
    text = ("第一编 总则\n第一章 任务\n第一条 甲。\n第二章 原则\n第二条 乙。\n"
            "第二编 分则\n第一章 程序\n第一节 一般规定\n第三条 丙。\n第二章 责任\n第四条 丁。")
    doc = parse(text)
    assert doc.warnings == ()
    assert [h.id for h in doc.chapters] == ["t/part-1/chapter-1", "t/part-1/chapter-2",
                                            "t/part-2/chapter-1", "t/part-2/chapter-2"]
    assert doc.subchapters[0].id == "t/part-2/chapter-1/subchapter-1"
    assert [(a.part, a.chapter, a.subchapter) for a in doc.articles] == [(1, 1, None), (1, 2, None), (2, 1, 1), (2, 2, None)]
    assert len({h.id for h in doc.headings}) == len(doc.headings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一编 甲\n第一章 一\n第一条 甲。\n第二编 乙\n第一章 一\n第二条 乙。\n第三章 三\n第三条 丙。",
         ["第二编 chapter numbers skip 第二章"]),
        ("第一编 甲\n第一章 一\n第一条 甲。\n第二章 二\n第二条 乙。\n第二编 乙\n第四章 四\n第三条 丙。",
         ["chapter numbers skip 第三章"]),
        ("第一章 一\n第一条 甲。\n第一章 一\n第二条 乙。", ["chapter numbers repeat 第一章"]),
    ],
    ids=["gap-after-restart", "gap-across-parts", "repeat-without-parts"],
)
def test_real_chapter_gaps_still_warn(text, expected):
    doc = parse(text)
    assert warnings_of(doc) == expected


def test_repeated_heading_numbers_get_distinct_ids():
    doc = parse("第一章 一\n第一节 甲\n第一条 甲。\n第一章 一\n第一节 甲\n第二条 乙。")
    assert [h.id for h in doc.headings] == ["t/chapter-1", "t/chapter-1/subchapter-1",
                                            "t/chapter-1~2", "t/chapter-1~2/subchapter-1"]


def test_continuous_chapters_across_parts_keep_their_ids():
    doc = parse("第一编 总则\n第一章 一\n第一条 甲。\n第二编 分则\n第二章 二\n第二条 乙。")
    assert [h.id for h in doc.chapters] == ["t/chapter-1", "t/chapter-2"]
    assert doc.warnings == ()


# ------------------------------------------------------------------ versions and the date

LAWREFBOOK = """# 某省环境保护条例

2004年9月24日 某省第十届人民代表大会常务委员会第十三次会议通过

2015年1月13日 某省第十二届人民代表大会常务委员会第十三次会议修订  根据

2018年11月29日 某省第十三届人民代表大会常务委员会第七次会议《关于修改〈某省环境保护条例〉等十三项地方性法规的决定》第一次修正  根据

2022年11月30日 某省第十三届人民代表大会常务委员会第四十七次会议通过的《关于修改部分地方性法规的决定》第二次修正）

<!-- INFO END -->

## 第一章 总则

第一条 为了保护和改善环境，制定本条例。
"""


def test_amended_text_is_dated_by_its_last_amendment():
    doc = parse(LAWREFBOOK)
    assert doc.title == "某省环境保护条例"
    assert doc.date == dt.date(2022, 11, 30)
    assert [(v.date.isoformat(), v.event) for v in doc.versions] == [
        ("2004-09-24", "通过"), ("2015-01-13", "修订"), ("2018-11-29", "修正"), ("2022-11-30", "修正"),
    ]
    # the decision's 通过 does not count, and the stray 根据 / ） are no part of a step
    assert doc.versions[1].text == "2015年1月13日 某省第十二届人民代表大会常务委员会第十三次会议修订"
    assert doc.versions[3].text.endswith("第二次修正")
    assert doc.issuers == ("某省人民代表大会常务委员会",)
    assert doc.preamble == ()
    assert to_dict(doc)["versions"][0] == {
        "date": "2004-09-24", "event": "通过", "text": "2004年9月24日 某省第十届人民代表大会常务委员会第十三次会议通过",
    }


def test_unamended_text_keeps_its_adoption_or_approval_date():
    doc = parse("某市条例\n2019年3月1日 某市人民代表大会常务委员会第十次会议通过\n"
                "2019年5月1日 某省人民代表大会常务委员会第八次会议批准\n第一条 甲。")
    assert doc.date == dt.date(2019, 5, 1)
    assert doc.meta("approved_by") == "某省人民代表大会常务委员会"
    assert [v.event for v in doc.versions] == ["通过", "批准"]


def test_dates_run_together_on_one_line():
    doc = parse("某市条例\n2021年6月25日 某市人民代表大会常务委员会第二十四次会议通过2021年7月30日某省人民代表大会常务委员会第二十六次会议批准\n"
                "2005年7月1日 施行2015年8月26日某市人民代表大会常务委员会第二十九次会议修订\n第一条 甲。")
    assert [(v.date.isoformat(), v.event) for v in doc.versions] == [
        ("2021-06-25", "通过"), ("2021-07-30", "批准"), ("2005-07-01", "施行"), ("2015-08-26", "修订"),
    ]
    assert doc.versions[1].text == "2021年7月30日某省人民代表大会常务委员会第二十六次会议批准"
    assert doc.date == dt.date(2021, 7, 30)  # the approval comes after the revision


def test_revised_then_promulgated_is_dated_by_the_promulgation():
    doc = parse("某某实施条例\n2009年7月20日 中华人民共和国国务院令第557号公布\n"
                "2019年3月26日 国务院第42次常务会议修订通过\n2019年10月11日 中华人民共和国国务院令第721号公布\n"
                "2019年12月1日 施行\n第一条 甲。")
    assert [v.event for v in doc.versions] == ["公布", "修订", "公布", "施行"]
    assert doc.date == dt.date(2019, 10, 11)
    assert doc.issuers == ("国务院",)


def test_metadata_line_broken_before_its_verb():
    doc = parse("某法\n1979年7月1日 第五届全国人民代表大会第二次会议通过\n"
                "2015年8月29日 第十二届全国人民代表大会常务委员会第十六次会议《关于修改〈某法〉\n"
                "〈某选举法〉\n〈某代表法〉的决定》第五次修正\n第一章 总则\n第一条 甲。")
    assert [(v.date.isoformat(), v.event) for v in doc.versions] == [("1979-07-01", "通过"), ("2015-08-29", "修正")]
    assert doc.versions[1].text.endswith("的决定》第五次修正")
    assert doc.preamble == () and doc.title == "某法" and doc.date == dt.date(2015, 8, 29)


def test_chinese_numeral_dates():
    doc = parse("某某条例\n（一九九六年三月十七日第八届全国人民代表大会第四次会议通过）\n第一条 甲。")
    assert doc.title == "某某条例"
    assert [(v.date, v.event) for v in doc.versions] == [(dt.date(1996, 3, 17), "通过")]


# ------------------------------------------------------------------ titles


@pytest.mark.parametrize(
    "meta",
    [
        "（2019年3月1日某市人民代表大会常务委员会第十次会议通过）",
        "（经2019年3月1日某市人民代表大会常务委员会第十次会议通过）",
        "（根据2019年3月1日某市人民代表大会常务委员会决定修正）",
        "（中华人民共和国国务院令第722号）",
        "（2019年10月某市人民代表大会常务委员会通过）",
        "2019年3月1日 某市人民代表大会常务委员会第十次会议通过",
        "（二〇一九年三月一日某市人民代表大会常务委员会第十次会议通过）",
        "某政发〔2019〕5号",
    ],
    ids=["adopted", "jing", "genju", "order-number", "no-day", "lawrefbook", "chinese-date", "doc-number"],
)
def test_title_never_swallows_a_metadata_line(meta):
    doc = parse(f"某市优化营商环境条例\n{meta}\n第一条 为了优化营商环境，制定本条例。")
    assert doc.title == "某市优化营商环境条例"
    assert doc.kind == "条例"
    assert doc.preamble == ()
    recorded = [v.text for v in doc.versions] + [doc.meta("note") or "", doc.meta("doc_number") or ""]
    assert any(text and text in meta for text in recorded)


def test_title_over_two_lines_and_its_trial_mark():
    doc = parse("关于构建亲清新型政商关系的\n实施办法\n（试行）\n（2019年1月4日）\n第一条 甲。")
    assert doc.title == "关于构建亲清新型政商关系的实施办法（试行）"
    assert doc.date == dt.date(2019, 1, 4)


def test_title_printed_again_is_kept_once():
    doc = parse("# 中华人民共和国某某组织法\n\n中华人民共和国某某\n\n组织法\n\n1979年7月1日 第五届全国人民代表大会第二次会议通过\n\n"
                "<!-- INFO END -->\n\n第一条 甲。")
    assert doc.title == "中华人民共和国某某组织法"
    assert doc.date == dt.date(1979, 7, 1)


def test_first_line_of_preamble_with_a_date_is_prose():
    doc = parse("某某意见\n2019年，全市营商环境持续改善，审议通过了若干措施。\n第一条 甲。")
    assert doc.versions == ()
    assert [p.text for p in doc.preamble] == ["2019年，全市营商环境持续改善，审议通过了若干措施。"]


# ------------------------------------------------------------------ Traditional script

TRADITIONAL = """某某條例
第一編 總則
第一章 一般規定
第一節 適用範圍
第一條 為了規範行政行為，制定本條例。
第二條 本條例適用於下列事項：
（一）行政許可；
（二）行政處罰。
第一條規定的原則，適用於本條例。
第二節 其他
第二條之一 新增的條文。
"""


def test_traditional_script_structure():
    doc = parse(TRADITIONAL)
    assert [(a.label, a.heading) for a in doc.articles] == [
        ("第一条", "第一條"), ("第二条", "第二條"), ("第二条之一", "第二條之一"),
    ]
    assert [(h.level, h.number, h.title) for h in doc.headings] == [
        ("part", 1, "總則"), ("chapter", 1, "一般規定"), ("subchapter", 1, "適用範圍"), ("subchapter", 2, "其他"),
    ]
    assert doc.article(2).paragraphs[-1].text == "第一條規定的原則，適用於本條例。"  # a reference, not an article
    assert [i.number for i in doc.article(2).items] == [1, 2]
    assert (doc.article(2, sub=1).subchapter, doc.article(2, sub=1).id) == (2, "t/art-2-1")
    assert doc.warnings == ()


def test_traditional_liang():
    from qqtext.numerals import parse_chinese_number

    assert parse_chinese_number("兩百") == 200
    doc = parse("第一條 甲。\n第二條 乙。\n第兩百條 丙。")
    assert [a.number for a in doc.articles] == [1, 2, 200]


def test_traditional_article_is_never_joined_to_the_line_before():
    """A page break repair must not glue 第二條 onto an unfinished line (as it would not glue 第二条)."""
    doc = parse("第一條 為了規範行政行為，保障和監督行政機關有效實施行政管理，依據憲法\n第二條 本條例適用於本市。")
    assert [a.number for a in doc.articles] == [1, 2]


# ------------------------------------------------------------------ the development corpus


def _corpus_dev_files() -> list[str]:
    folder = shared_dev_dir()
    names = sorted(p.name for p in folder.glob("*") if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    return names or ["<corpus-dev missing>"]


#: a line that starts with 第X条 (or 第X条之一) and a space or the end of the line: an article heading
RE_ARTICLE_LINE = re.compile(r"^\s*第[零〇一二两三四五六七八九十百千]+[条條](?:之[一二三四五六七八九十]+)?(?:\s|$)", re.M)


@pytest.mark.parametrize("name", _corpus_dev_files())
def test_corpus_dev_article_counts(shared_dev, name):
    from qqtext import load_document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        doc = load_document(shared_dev / name)
    text = (shared_dev / name).read_text(encoding="utf-8")
    assert len(doc.articles) == len(RE_ARTICLE_LINE.findall(text))
    assert len({a.id for a in doc.articles}) == len(doc.articles)
    assert doc.title and "<!--" not in doc.title


@pytest.mark.parametrize(
    ("name", "date", "events"),
    [
        ("2022_guangdong_huanjing-baohu-tiaoli.md", "2022-11-30", ["通过", "修订", "修正", "修正", "修正"]),
        ("2021_beijing_zhaobiao-toubiao-tiaoli.md", "2021-09-24", ["通过", "修正", "修正"]),
        ("2018_shanghai_xinfang-tiaoli.md", "2018-05-24", ["通过", "修订", "修订", "修正"]),
        ("2021_puyang_gonggong-ziyuan-jiaoyi-guanli-tiaoli.md", "2021-07-30", ["通过", "批准"]),
        ("2017_qingdao_shenji-jiandu-tiaoli.md", "2017-08-25",
         ["通过", "批准", "公布", "施行", "修订", "批准", "公布", "施行", "修正"]),
    ],
    ids=["guangdong", "beijing", "shanghai", "puyang-run-together", "qingdao-run-together"],
)
def test_corpus_dev_dates_of_amended_texts(shared_dev, name, date, events):
    from qqtext import load_document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        doc = load_document(shared_dev / name)
    assert doc.date.isoformat() == date
    assert [v.event for v in doc.versions] == events


def test_numbering_warnings_stay_one_short_line_and_ten_thousand_is_an_article():
    import warnings as _warnings

    from qqtext import StructureWarning, parse_text

    body = "\n".join(f"第{n}条 企业应当依法经营。" for n in [*range(1, 6), *range(20, 3000, 3)]) + "\n第一万条 企业应当依法经营。"
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        doc = parse_text(f"测试条例\n\n{body}\n", doc_id="t")
    assert doc.articles[-1].number == 10000 and "第一万条" not in doc.articles[-2].text
    messages = [str(w.message) for w in caught if issubclass(w.category, StructureWarning)]
    assert messages and all(len(m) < 300 for m in messages), messages
    skip = next(m for m in messages if "skip" in m)
    assert "more ranges" in skip and skip.endswith(
        f"({10000 - (5 + len(range(20, 3000, 3)) + 1):,} in all)")


def test_a_gap_of_thousands_is_one_range():
    import warnings as _warnings

    from qqtext import parse_text

    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        parse_text("测试\n\n第一条 企业应当经营。\n第九千九百九十九条 企业应当经营。\n", doc_id="t")
    assert any(str(w.message).endswith("article numbers skip 第二条–第九千九百九十八条 (9,997 in all)") for w in caught)

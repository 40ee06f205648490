"""Every real text of ../shared/corpus parses with the counts its SOURCES.md states.

The expected counts are read from SOURCES.md's "Complete?" column, not written down here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qqtext import load_document
from qqtext.numerals import parse_chinese_number

RE_ROW = re.compile(r"^\| (?P<file>\d{4}_\S+?) \|.*\| (?P<complete>[^|]+) \|$", re.M)
RE_ARTICLE_RANGE = re.compile(r"第一条–第(?P<last>[一二三四五六七八九十百零]+)条")
RE_ARTICLE_COUNT = re.compile(r"(?P<n>\d+) articles")
RE_SECTION_RANGE = re.compile(r"一、–(?P<last>[一二三四五六七八九十]+)、")
RE_ITEM_RANGE = re.compile(r"items 1\.–(?P<last>\d+)\.")
RE_CHAPTERS = re.compile(r"(?P<n>\d+) chapters")
RE_PARTS = re.compile(r"(?P<n>\d+) 编")
RE_LINE_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零]+条", re.M)


def expectations(sources: str) -> dict[str, dict[str, int]]:
    table = {}
    for row in RE_ROW.finditer(sources):
        complete = row.group("complete")
        expected: dict[str, int] = {}
        if m := RE_ARTICLE_RANGE.search(complete):
            expected["articles"] = parse_chinese_number(m.group("last"))
        elif m := RE_ARTICLE_COUNT.search(complete):
            expected["articles"] = int(m.group("n"))
        if m := RE_SECTION_RANGE.search(complete):
            expected["sections"] = parse_chinese_number(m.group("last"))
            expected["articles"] = 0
        if m := RE_ITEM_RANGE.search(complete):
            expected["section_items"] = int(m.group("last"))
        if m := RE_CHAPTERS.search(complete):
            expected["chapters"] = int(m.group("n"))
        if m := RE_PARTS.search(complete):
            expected["parts"] = int(m.group("n"))
        table[row.group("file")] = expected
    # the founding text is described in prose below the table
    if m := re.search(r"`(2019_jinan\S+\.txt)` is the founding text.*?(\d+) chapters, (\d+) articles", sources, re.S):
        table[m.group(1)] = {"chapters": int(m.group(2)), "articles": int(m.group(3))}
    return table


@pytest.fixture(scope="module")
def expected(shared_corpus: Path) -> dict[str, dict[str, int]]:
    table = expectations((shared_corpus / "SOURCES.md").read_text(encoding="utf-8"))
    files = sorted(p.name for p in shared_corpus.iterdir() if p.name != "SOURCES.md")
    assert sorted(table) == files, "SOURCES.md should describe every file"
    return table


def test_sources_md_gives_counts_for_every_file(expected):
    assert all("articles" in counts or "sections" in counts for counts in expected.values())
    assert expected["2018_party_jilv-chufen-tiaoli.md"] == {"articles": 142, "parts": 3}


def _corpus_files():
    from conftest import shared_corpus_dir

    folder = shared_corpus_dir()
    return sorted(p.name for p in folder.glob("*") if p.name != "SOURCES.md") or ["<shared corpus missing>"]


@pytest.mark.parametrize("name", _corpus_files())
def test_counts_match_sources_md(shared_corpus, expected, name):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = load_document(shared_corpus / name)
    counts = expected[name]
    assert len(doc.articles) == counts["articles"]
    # no false articles: numbering runs 1..N, exactly as many as lines that begin with 第X条
    assert [a.number for a in doc.articles] == list(range(1, counts["articles"] + 1))
    text = (shared_corpus / name).read_text(encoding="utf-8")
    assert len(doc.articles) == len(RE_LINE_ARTICLE.findall(text))
    if "sections" in counts:
        assert len(doc.sections) == counts["sections"]
        assert [s.number for s in doc.sections] == list(range(1, counts["sections"] + 1))
    if "section_items" in counts:
        assert [i.number for s in doc.sections for i in s.items] == list(range(1, counts["section_items"] + 1))
    if "chapters" in counts:
        assert len(doc.chapters) == counts["chapters"]
    if "parts" in counts:
        assert len(doc.parts) == counts["parts"]
    assert doc.title


def test_in_text_references_do_not_start_articles(shared_corpus):
    doc = load_document(shared_corpus / "2018_party_jilv-chufen-tiaoli.md")
    referencing = [a for a in doc.articles if re.search(r"第[一二三四五六七八九十百]+条", a.text)]
    assert referencing, "the 2018 条例 refers to its own articles inside sentences"
    assert doc.article(47).text.startswith("制作、贩卖、传播第四十五条、第四十六条所列内容")
    assert len(doc.article(47).paragraphs) == 2


def test_yijian_style_parses_into_sections(shared_corpus):
    doc = load_document(shared_corpus / "2017_party_zhongyang-baxiang-guiding-shishi-xize.md")
    assert doc.articles == ()
    assert [s.title for s in doc.sections] == ["改进调查研究", "精简会议活动和文件简报", "规范出访活动", "改进新闻报道", "加强督促检查"]
    assert doc.sections[0].items[0].text.startswith("注重实际效果。")
    assert doc.warnings == ()


def test_marker_alone_on_its_line(shared_corpus):
    """The 2013 规定 writes 第一条 on a line of its own; the 2012 八项规定 does the same with 二、."""
    doc = load_document(shared_corpus / "2013_national_dangzheng-jiguan-guonei-gongwu-jiedai-guanli-guiding.md")
    assert doc.article(1).paragraphs[0].text.startswith("为了规范党政机关国内公务接待管理")
    baxiang = load_document(shared_corpus / "2012_party_zhongyang-baxiang-guiding.md")
    assert baxiang.sections[1].text.startswith("要精简会议活动")
    assert baxiang.title == "中共中央八项规定"


def test_group_titles_without_numbers(shared_corpus):
    doc = load_document(shared_corpus / "2015_party_lianjie-zilv-zhunze.md")
    assert [(h.title, h.articles) for h in doc.chapters] == [
        ("党员廉洁自律规范", (1, 2, 3, 4)),
        ("党员领导干部廉洁自律规范", (5, 6, 7, 8)),
    ]
    assert len(doc.preamble) == 1


def test_missing_chapter_heading_is_a_warning(shared_corpus):
    with pytest.warns(Warning, match="chapter numbers skip 第一章"):
        doc = load_document(shared_corpus / "2020_zhejiang_minying-qiye-fazhan-cujin-tiaoli.md")
    assert len(doc.articles) == 50


def test_law_metadata_lines(shared_corpus):
    doc = load_document(shared_corpus / "2021_zhumadian_youhua-yingshang-huanjing-tiaoli.md")
    assert doc.issuers == ("驻马店市人民代表大会常务委员会",)
    assert doc.meta("approved_by") == "河南省人民代表大会常务委员会"
    assert str(doc.date) == "2021-11-27"
    national = load_document(shared_corpus / "2019_national_youhua-yingshang-huanjing-tiaoli.md")
    assert national.issuers == ("国务院",)
    assert str(national.date) == "2019-10-22"

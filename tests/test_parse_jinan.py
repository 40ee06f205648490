"""The founding text: Jinan's 2019 实施办法 parses faithfully, artifacts and all."""

from __future__ import annotations

import datetime as dt

import pytest

CHAPTERS = [
    (1, "总则", (1, 2, 3, 4)),
    (2, "优化政务服务", (5, 6, 7, 8, 9, 10, 11, 12)),
    (3, "规范政商交往", (13,)),
    (4, "严格落实责任", (14, 15, 16, 17, 18, 19, 20)),
    (5, "附则", (21, 22, 23)),
]


def test_metadata(jinan):
    assert jinan.id == "jinan-2019"
    assert jinan.title == "关于构建亲清新型政商关系的实施办法（试行）"
    assert jinan.issuers == ("中共济南市委办公厅", "济南市人民政府办公厅")
    assert jinan.date == dt.date(2019, 1, 4)
    assert jinan.kind == "实施办法"
    assert jinan.cc == ("驻济高校",)
    assert "市属各企事业单位" in jinan.recipients and len(jinan.recipients) == 5
    assert jinan.warnings == ()


def test_metadata_found_in_text_without_corpus_metadata(jinan_text):
    """The parser itself finds title, issuers and date in the notice wrapper (no metadata.toml)."""
    from qqtext import parse_text

    doc = parse_text(jinan_text, doc_id="x")
    assert doc.title == "关于构建亲清新型政商关系的实施办法（试行）"
    assert doc.issuers == ("中共济南市委办公厅", "济南市人民政府办公厅")
    assert doc.date == dt.date(2019, 1, 4)
    assert doc.meta("note") == "此件公开发布"


def test_notice_wrapper_is_metadata_not_body(jinan):
    assert jinan.notice is not None and "现印发给你们" in jinan.notice
    assert jinan.preamble == ()
    body = "\n".join(a.text for a in jinan.articles)
    for wrapper_text in ("现印发给你们", "抄送", "驻济高校", "印发"):
        assert wrapper_text not in body
    assert jinan.article(23).text == "本办法自发布之日起施行。此前规定与本办法不一致的，以本办法为准。"


@pytest.mark.parametrize(("number", "title", "articles"), CHAPTERS, ids=[c[1] for c in CHAPTERS])
def test_chapters(jinan, number, title, articles):
    chapter = jinan.chapters[number - 1]
    assert (chapter.number, chapter.title, chapter.articles) == (number, title, articles)
    assert chapter.id == f"jinan-2019/chapter-{number}"
    assert [a.number for a in jinan.chapter_articles(number)] == list(articles)


def test_articles_in_order(jinan):
    assert len(jinan.chapters) == 5
    assert [a.number for a in jinan.articles] == list(range(1, 24))
    assert [a.id for a in jinan.articles][12] == "jinan-2019/art-13"


def test_article_13_items(jinan):
    article = jinan.article(13)
    assert len(article.items) == 9
    assert [item.number for item in article.items] == list(range(1, 10))
    assert article.items[8].marker == "（九）"  # written "(九)" with ASCII parentheses
    assert jinan.source[article.items[8].source_span.start:article.items[8].source_span.end].startswith("(九)")
    assert article.items[8].text == "其他符合规定的活动。"
    assert article.items[4].id == "jinan-2019/art-13/item-5"
    assert "不许单独指派、专程接送" in article.items[4].text
    assert article.paragraphs[0].text.endswith("机关单位工作人员经单位批准可参加或组织以下活动：")


@pytest.mark.parametrize(
    ("article", "joined"),
    [
        (4, "实现零距离联系服务、有尺度正常交往，加快形成"),
        (13, "机关单位工作人员经单位批准可参加或组织以下活动："),
        (13, "按有关规定报批，接受的礼品按有关规定处理；"),
    ],
    ids=["art4-page-break", "art13-lead-in", "art13-item8"],
)
def test_page_breaks_rejoined(jinan, article, joined):
    assert joined in jinan.article(article).text


def test_real_paragraphs_and_items_not_joined(jinan):
    assert all(len(a.paragraphs) == 1 for a in jinan.articles)
    article = jinan.article(13)
    assert all("（" not in item.text[:1] for item in article.items)
    assert article.items[7].text.endswith("接受的礼品按有关规定处理；")


def test_stray_and_kept_verbatim(jinan):
    assert "思想 and 党的十九大精神" in jinan.article(1).text


def test_offsets_point_at_the_text(jinan):
    for article in jinan.articles:
        assert jinan.text[article.span.start:article.span.end].startswith(article.heading)
        for item in article.items:
            item_text = jinan.text[item.span.start:item.span.end]
            assert item_text.startswith(item.marker) and item_text.endswith(item.text)
        for sentence in article.sentences:
            assert jinan.text[sentence.span.start:sentence.span.end] == sentence.text
            source = jinan.source[sentence.source_span.start:sentence.source_span.end]
            # the source keeps the page breaks the normalised text removed
            assert source.replace("\n", "").replace("(", "（").replace(")", "）") == sentence.text


def test_source_span_of_rejoined_paragraph_covers_the_break(jinan):
    article = jinan.article(4)
    source = jinan.source[article.source_span.start:article.source_span.end]
    assert "有尺度\n\n正常交往" in source


def test_sentences(jinan):
    article = jinan.article(23)
    assert [s.text for s in article.sentences] == ["本办法自发布之日起施行。", "此前规定与本办法不一致的，以本办法为准。"]
    assert article.sentences[1].id == "jinan-2019/art-23/para-1/sent-2"


def test_source_file_is_byte_identical_to_shared(shared_corpus):
    from conftest import JINAN_FILE

    shared = shared_corpus / JINAN_FILE.name
    assert JINAN_FILE.read_bytes() == shared.read_bytes()

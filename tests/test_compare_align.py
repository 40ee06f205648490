"""Comparing documents: alignment (qqtext.compare.align), text reuse (reuse) and the side-by-side view (view).

The known pairs come from the real texts of ../shared/corpus (see SOURCES.md there):
山东 2020 copies the national 优化营商环境条例 2019 heavily; Jinan's 2019 实施办法 paraphrases a few national
rules; 驻马店 第三十二条 is a negative list of 政商交往, Jinan 第十三条 a positive one.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from qqtext import load_document, parse_text
from qqtext.compare.align import (
    ADAPTED,
    ADAPTED_LEXICAL,
    ALIGNMENT_COLUMNS,
    LOOSE,
    COPIED,
    TEXT_COLUMNS,
    Alignment,
    align,
    alignment_rows,
    alignments_frame,
    find_unit,
    label_counts,
    similarity,
    unit_text,
)
from qqtext.compare.reuse import SEED, _strip, shared_passages
from qqtext.compare.view import comparison_page, diff_html, side_by_side_html
from qqtext.model import Document

FILES = {
    "national": "2019_national_youhua-yingshang-huanjing-tiaoli.md",
    "shandong": "2020_shandong_youhua-yingshang-huanjing-tiaoli.md",
    "jinan22": "2022_jinan_youhua-yingshang-huanjing-tiaoli.md",
    "zhumadian": "2021_zhumadian_youhua-yingshang-huanjing-tiaoli.md",
    "party2018": "2018_party_jilv-chufen-tiaoli.md",
    "party2023": "2023_party_jilv-chufen-tiaoli.md",
    "baxiang": "2012_party_zhongyang-baxiang-guiding.md",
    "xize": "2017_party_zhongyang-baxiang-guiding-shishi-xize.md",
}
RE_STRIP = re.compile(r"[\W_]+")


@pytest.fixture(scope="module")
def docs(shared_corpus: Path, jinan: Document) -> dict[str, Document]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = {name: load_document(shared_corpus / file) for name, file in FILES.items()}
    loaded["jinan"] = jinan
    return loaded


@pytest.fixture(scope="module")
def shandong_national(docs) -> list[Alignment]:
    return align(docs["shandong"], docs["national"])


def units(doc: Document, level: str) -> list[tuple[int, int | None]]:
    tops = doc.articles or doc.sections
    if level == "article":
        return [(top.number, None) for top in tops]
    return [(top.number, item.number) for top in tops for item in top.items]


def pair_of(alignments: list[Alignment], a_article: int, a_item: int | None = None) -> Alignment:
    [row] = [al for al in alignments if al.a_article == a_article and al.a_item == a_item]
    return row


PAIRS = [
    pytest.param("shandong", "national", "article", id="shandong-national-article"),
    pytest.param("shandong", "national", "item", id="shandong-national-item"),
    pytest.param("jinan", "national", "article", id="jinan-national-article"),
    pytest.param("jinan", "jinan22", "article", id="jinan-jinan22-article"),
    pytest.param("jinan", "zhumadian", "item", id="jinan-zhumadian-item"),
    pytest.param("jinan22", "national", "item", id="jinan22-national-item"),
    pytest.param("baxiang", "xize", "article", id="sections-baxiang-xize"),
]


# ------------------------------------------------------------------ similarity


def test_similarity_is_one_for_identical_text_and_ignores_punctuation():
    text = "政府及其有关部门应当按照鼓励创新的原则，对新技术、新产业实行包容审慎监管。"
    assert similarity(text, text).score == pytest.approx(1.0)
    assert similarity(text, text.replace("，", " ").replace("、", "")).score == pytest.approx(1.0)
    assert similarity(text, text).containment == 1.0


def test_similarity_is_symmetric_and_bounded():
    a = "制定涉及企业重大利益的政策，应当充分听取企业及其负责人的意见。"
    b = "制定与市场主体生产经营活动密切相关的行政法规，应当充分听取市场主体、行业协会商会的意见。"
    ab, ba = similarity(a, b), similarity(b, a)
    assert ab.score == pytest.approx(ba.score) and ab.char == pytest.approx(ba.char)
    assert ab.semantic == pytest.approx(ba.semantic)
    assert 0.0 < ab.score < 1.0 and 0.0 <= ab.containment <= 1.0
    assert ab.lexical == pytest.approx((ab.char + ab.word) / 2)
    assert ab.score == pytest.approx((ab.lexical + ab.semantic) / 2)
    # the same rule in other words: the semantic measure sees more than the shared wording
    assert ab.semantic > ab.lexical
    lexical = similarity(a, b, model=None)
    assert lexical.semantic is None and lexical.score == pytest.approx(ab.lexical)


def test_word_measure_counts_actor_surface_forms_as_their_canonical_actor():
    a, b = "应当充分听取市场主体的意见", "应当充分听取企业的意见"
    sim = similarity(a, b)
    assert sim.word == pytest.approx(1.0)  # 市场主体 is 企业 in the actor dictionary
    assert sim.char < 0.8


def test_containment_is_the_share_of_a_found_in_b():
    clause = "不得强制或者变相强制市场主体参加评比"
    article = "除法律、法规另有规定外，任何单位和个人不得强制或者变相强制市场主体参加评比、达标、表彰、培训、考核。"
    assert similarity(clause, article).containment == 1.0
    assert similarity(article, clause).containment < 0.5


def test_empty_texts_score_zero():
    assert similarity("", "应当公开").score == 0.0
    assert similarity("。", "，").score == 0.0


# ------------------------------------------------------------------ alignment invariants


@pytest.mark.parametrize(("a", "b", "level"), PAIRS)
def test_scores_and_labels_are_well_formed(docs, a, b, level):
    rows = align(docs[a], docs[b], level=level)
    assert rows
    for row in rows:
        assert 0.0 <= row.score <= 1.0 and 0.0 <= row.containment <= 1.0
        assert row.label in ("copied", "adapted", "only_a", "only_b")
        assert (row.a_doc, row.b_doc) == (docs[a].id, docs[b].id)
        if row.paired:
            assert row.a_article is not None and row.b_article is not None
            if row.group is None:  # a group's label is that of its two sides read as one
                assert row.label == ("copied" if row.lexical >= COPIED and not row.changes else "adapted")
            assert row.relation in ("1:1", "1:n", "n:1") and (row.group is None) == (row.relation == "1:1")
            assert row.semantic is not None and 0.0 <= row.lexical <= 1.0
        elif row.label == "only_a":
            assert row.b_article is None and row.b_span is None and row.score == 0.0
        else:
            assert row.a_article is None and row.a_span is None and row.score == 0.0
        assert (row.a_item is not None) == (level == "item" and row.a_article is not None)


@pytest.mark.parametrize(("a", "b", "level"), PAIRS)
def test_every_unit_appears_exactly_once(docs, a, b, level):
    """Once, or, in a split or merge, once per unit of the other side of its group."""
    rows = align(docs[a], docs[b], level=level)
    seen_a = Counter((r.a_article, r.a_item) for r in rows if r.label != "only_b")
    seen_b = Counter((r.b_article, r.b_item) for r in rows if r.label != "only_a")
    assert sorted(seen_a) == sorted(units(docs[a], level))
    assert sorted(seen_b) == sorted(units(docs[b], level))
    groups: dict[int, list] = {}
    for r in rows:
        if r.group is not None:
            groups.setdefault(r.group, []).append(r)
    expected_a = Counter({unit: 1 for unit in seen_a})
    expected_b = Counter({unit: 1 for unit in seen_b})
    for members in groups.values():
        a_units = {(r.a_article, r.a_item) for r in members}
        b_units = {(r.b_article, r.b_item) for r in members}
        assert len(members) == len(a_units) * len(b_units) and min(len(a_units), len(b_units)) == 1
        for unit in a_units:
            expected_a[unit] = len(b_units)
        for unit in b_units:
            expected_b[unit] = len(a_units)
    assert seen_a == expected_a and seen_b == expected_b


@pytest.mark.parametrize(("a", "b", "level"), PAIRS[:3])
def test_spans_point_at_the_units(docs, a, b, level):
    for row in align(docs[a], docs[b], level=level):
        for side in ("a", "b"):
            article, item, span = (getattr(row, f"{side}_{name}") for name in ("article", "item", "span"))
            if article is None:
                continue
            doc = docs[a] if side == "a" else docs[b]
            unit = find_unit(doc, article, item)
            assert span == unit.span
            assert unit_text(unit).split("\n")[0] in doc.text[span.start:span.end]


@pytest.mark.parametrize(("a", "b", "level"), PAIRS[:2] + PAIRS[5:6])
def test_rows_follow_both_documents_in_order(docs, a, b, level):
    rows = align(docs[a], docs[b], level=level)
    a_order = [(r.a_article, r.a_item) for r in rows if r.a_article is not None]
    assert a_order == sorted(a_order)
    paired_b = sorted((r.b_article, r.b_item) for r in rows if r.paired)
    for k, row in enumerate(rows):
        if row.label != "only_b":
            continue
        unit = (row.b_article, row.b_item)
        before = [u for u in paired_b if u < unit]
        previous = rows[k - 1] if k else None
        if previous is not None and previous.label == "only_b":
            assert (previous.b_article, previous.b_item) < unit  # a run of only_b reads in B's order
        elif before:  # right after the rows of the A unit whose pair holds its predecessor in B
            assert previous is not None and previous.paired
            holder = next(r for r in rows if r.paired and (r.b_article, r.b_item) == before[-1])
            assert (previous.a_article, previous.a_item) == (holder.a_article, holder.a_item)


@pytest.mark.parametrize("level", ["article", "item"])
def test_alignment_is_symmetric(docs, level):
    ab = align(docs["shandong"], docs["national"], level=level)
    ba = align(docs["national"], docs["shandong"], level=level)

    def pairs(rows, swap):
        out = {}
        for r in rows:
            if r.paired:
                a_unit, b_unit = (r.a_article, r.a_item), (r.b_article, r.b_item)
                out[(b_unit, a_unit) if swap else (a_unit, b_unit)] = (round(r.score, 9), r.label)
        return out

    assert pairs(ab, False) == pairs(ba, True)
    assert label_counts(ab)["only_a"] == label_counts(ba)["only_b"]


def test_a_document_against_itself_is_all_copied(docs):
    rows = align(docs["zhumadian"], docs["zhumadian"], level="item")
    assert {r.label for r in rows} == {"copied"}
    assert all(r.score == pytest.approx(1.0) and r.containment == 1.0 for r in rows)
    assert all((r.a_article, r.a_item) == (r.b_article, r.b_item) for r in rows)


def test_one_to_one_false_lists_every_pair_above_the_threshold(docs):
    a, b = docs["shandong"], docs["national"]
    strict = align(a, b)
    loose = align(a, b, one_to_one=False)
    paired = [r for r in loose if r.paired]
    assert len(paired) > label_counts(strict)["copied"] + label_counts(strict)["adapted"]
    assert max(Counter(r.a_article for r in paired).values()) > 1  # 第四十条 and 第五十一条 both use national 第六十二条
    assert {(r.a_article, r.b_article) for r in strict if r.paired} <= {(r.a_article, r.b_article) for r in paired}
    for row in paired:
        if row.score < ADAPTED:  # paired by containment, in one direction or the other
            back = similarity(unit_text(b.article(row.b_article)), unit_text(a.article(row.a_article))).containment
            assert max(row.containment, back) >= 0.6
    # units with no pair at all are still listed once
    unpaired_a = {r.a_article for r in loose if r.label == "only_a"}
    assert unpaired_a.isdisjoint({r.a_article for r in paired})
    assert unpaired_a | {r.a_article for r in paired} == {art.number for art in a.articles}


def test_greedy_fallback_without_scipy(docs, monkeypatch):
    import sys

    with_scipy = align(docs["shandong"], docs["national"], groups=False)
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)  # import fails: greedy best-first
    greedy = align(docs["shandong"], docs["national"], groups=False)
    for rows in (with_scipy, greedy):
        paired = [r for r in rows if r.paired]
        assert len({r.a_article for r in paired}) == len(paired) == len({r.b_article for r in paired})
    copied = lambda rows: {(r.a_article, r.b_article) for r in rows if r.label == "copied"}  # noqa: E731
    assert copied(greedy) == copied(with_scipy)


def test_bad_arguments(docs):
    with pytest.raises(ValueError, match="level"):
        align(docs["jinan"], docs["jinan"], level="chapter")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threshold"):
        align(docs["jinan"], docs["jinan"], threshold=1.5)


# ------------------------------------------------------------------ known pairs


@pytest.mark.parametrize(("shandong", "national", "label"), [
    pytest.param(61, 55, "copied", id="61-55-包容审慎监管"),
    # near-verbatim, but the national text adds 设定证明事项，应当坚持确有必要、从严控制的原则 and has 政府有关部门,
    # not 县级以上人民政府, publish the list: a rule changed, so not copied
    pytest.param(39, 44, "adapted", id="39-44-证明事项"),
    pytest.param(12, 21, "copied", id="12-21-反垄断"),
    pytest.param(45, 56, "copied", id="45-56-在线监管"),
    pytest.param(41, 31, "copied", id="41-31-政策承诺"),
    # the national text adds 没有依据的，不得作为办理行政审批的条件
    pytest.param(19, 43, "adapted", id="19-43-中介服务"),
    pytest.param(55, 48, "adapted", id="55-48-亲清政商关系"),

    pytest.param(9, 20, "adapted", id="9-20-市场准入负面清单"),
    pytest.param(56, 49, "adapted", id="56-49-投诉举报"),
    pytest.param(67, 72, "adapted", id="67-72-施行日期"),
])
def test_shandong_2020_copies_and_adapts_the_national_2019(shandong_national, shandong, national, label):
    row = pair_of(shandong_national, shandong)
    assert (row.b_article, row.label) == (national, label)


def test_shandong_national_counts(shandong_national):
    # was copied 6, adapted 37, only_a 24, only_b 29 with the lexical measures alone; two of the six
    # copies change a rule (39-44, 19-43); the semantic measure adds 8 pairs (each unit the other's best
    # match), and two splits hold 5 articles of the national text (51 -> 61, 62, 64 and 49 -> 66, 68)
    assert label_counts(shandong_national) == {"copied": 4, "adapted": 48, "only_a": 18, "only_b": 20}


def test_shandong_article_51_holds_three_national_articles(shandong_national):
    """及时制定、修改、废止 (national 61), 公开征求意见 (62), 不得减损市场主体合法权益 (64): one Shandong article."""
    rows = [r for r in shandong_national if r.a_article == 51]
    assert [(r.b_article, r.relation) for r in rows] == [(61, "1:n"), (62, "1:n"), (64, "1:n")]
    assert len({r.group for r in rows}) == 1 and rows[0].group_score > max(r.score for r in rows)


@pytest.mark.parametrize(("jinan_article", "national_article", "paired"), [
    pytest.param(5, 62, True, id="5-62-听取企业意见"),
    pytest.param(7, 14, False, id="7-14-不得违法冻结"),
    pytest.param(10, 37, True, id="10-37-一网通办"),
])
def test_jinan_paraphrases_of_national_rules_are_their_best_match(docs, jinan_article, national_article, paired):
    """The same rule in other words: each is its article's best match of all 72 national articles, above
    the combined null's 95th percentile (LOOSE); under the lexical measures alone it was inside the band."""
    a, b = docs["jinan"], docs["national"]
    candidates = [r for r in align(a, b, threshold=0.0, one_to_one=False, changes=False)
                  if r.a_article == jinan_article]
    best = max(candidates, key=lambda r: r.score)
    assert best.b_article == national_article and best.score >= LOOSE
    assert best.lexical < ADAPTED_LEXICAL  # the lexical measures alone would not have paired them
    assert (pair_of(align(a, b), jinan_article).b_article == national_article) is paired  # default threshold
    assert pair_of(align(a, b, threshold=LOOSE), jinan_article).b_article == national_article


def test_jinan_2019_copies_no_provision_of_the_later_laws(docs):
    """Jinan's 2019 measures predate them: what pairs is reworded, nothing is copied."""
    for other, total in (("national", 72), ("jinan22", 69), ("zhumadian", 38)):
        rows = align(docs["jinan"], docs[other])
        counts = label_counts(rows)
        assert counts["copied"] == 0 and 0 < counts["adapted"] <= 9
        assert counts["adapted"] + counts["only_a"] == 23 and counts["adapted"] + counts["only_b"] == total
        assert all(r.lexical < 0.3 for r in rows if r.paired)
        assert label_counts(align(docs["jinan"], docs[other], model=None)) == {
            "copied": 0, "adapted": 0, "only_a": 23, "only_b": total}


@pytest.mark.parametrize(("jinan19", "jinan22"), [
    pytest.param(5, 34, id="5-34-制定涉企政策"),
    pytest.param(23, 69, id="23-69-施行"),
])
def test_jinan_2019_and_2022_loose_pairs(docs, jinan19, jinan22):
    row = pair_of(align(docs["jinan"], docs["jinan22"], threshold=LOOSE), jinan19)
    assert (row.b_article, row.label) == (jinan22, "adapted")


def test_zhumadian_negative_list_and_jinan_positive_list_share_no_item(docs):
    """驻马店 第三十二条 （一）–（十） forbids, Jinan 第十三条 （一）–（九） permits: no item carries over."""
    rows = align(docs["jinan"], docs["zhumadian"], level="item")
    jinan_items = [(r.a_article, r.a_item) for r in rows if r.a_article is not None]
    zhumadian_items = [(r.b_article, r.b_item) for r in rows if r.b_article is not None]
    assert jinan_items == [(13, n) for n in range(1, 10)]
    assert zhumadian_items == [(32, n) for n in range(1, 11)]
    assert label_counts(rows) == {"copied": 0, "adapted": 0, "only_a": 9, "only_b": 10}
    # the closest items are gifts against gifts, at a score below any pairing
    gifts = similarity(docs["jinan"].article(13).items[7].text, docs["zhumadian"].article(32).items[0].text)
    assert gifts.lexical < 0.12 and gifts.score < LOOSE


@pytest.mark.parametrize(("a_item", "b_item"), [
    pytest.param((66, 7), (69, 9), id="66.7-69.9-指定中介服务机构"),
    pytest.param((66, 10), (69, 8), id="66.10-69.8-行政许可"),
    pytest.param((66, 16), (69, 11), id="66.16-69.11-兜底"),
    pytest.param((16, 5), (71, 5), id="16.5-71.5-across-articles"),
])
def test_items_align_inside_article_pairs_and_across_documents(docs, a_item, b_item):
    rows = align(docs["jinan22"], docs["national"], level="item")
    row = pair_of(rows, *a_item)
    assert (row.b_article, row.b_item) == b_item and row.paired


def test_item_level_pairs_the_2023_discipline_rules_with_2018(docs):
    rows = align(docs["party2023"], docs["party2018"], level="item")
    counts = label_counts(rows)
    assert counts["copied"] > 80
    row = pair_of(rows, 17, 5)  # 主动上交或者退赔违纪所得 / 主动上交违纪所得的
    assert (row.b_article, row.b_item, row.label) == (17, 5, "adapted")


def test_sections_are_units_where_there_are_no_articles(docs):
    rows = align(docs["baxiang"], docs["xize"])
    assert sorted({r.a_article for r in rows if r.a_article is not None}) == list(range(1, 9))
    assert sorted({r.b_article for r in rows if r.b_article is not None}) == list(range(1, 6))
    # 二、精简会议活动 and 三、精简文件简报 of the 八项规定 are the 实施细则's 二、精简会议活动和文件简报
    merged = [r for r in rows if r.relation == "n:1"]
    assert {(r.a_article, r.b_article) for r in merged} == {(2, 2), (3, 2)} and len({r.group for r in merged}) == 1


# ------------------------------------------------------------------ tables


def test_rows_and_frame(docs, shandong_national):
    rows = alignment_rows(shandong_national)
    assert list(rows[0]) == list(ALIGNMENT_COLUMNS)
    with_text = alignment_rows(shandong_national, docs=(docs["shandong"], docs["national"]))
    assert list(with_text[0]) == [*ALIGNMENT_COLUMNS, *TEXT_COLUMNS]
    first = with_text[0]
    assert first["a_heading"] == "第一条" and first["a_text"].startswith("为了优化营商环境")
    assert docs["shandong"].text[first["a_start"]:first["a_end"]].startswith("第一条")
    frame = alignments_frame(shandong_national)
    assert list(frame.columns) == list(ALIGNMENT_COLUMNS) and len(frame) == len(shandong_national)
    assert str(frame["a_article"].dtype) == "Int64" and frame["score"].between(0, 1).all()
    only_b = frame[frame["label"] == "only_b"]
    assert only_b["a_article"].isna().all() and only_b["b_article"].notna().all()


# ------------------------------------------------------------------ reuse


@pytest.fixture(scope="module")
def passages(docs):
    return shared_passages([docs["national"], docs["shandong"]])


def stripped_slice(doc: Document, start: int, end: int) -> str:
    """The characters reuse compares between two offsets: no punctuation, whitespace or 第X条 headings."""
    stripped = _stripped(doc)
    return "".join(ch for ch, offset in zip(stripped.chars, stripped.offsets) if start <= offset < end)


_STRIPPED: dict[str, object] = {}


def _stripped(doc: Document):
    if doc.id not in _STRIPPED:
        _STRIPPED[doc.id] = _strip(doc, SEED)
    return _STRIPPED[doc.id]


def test_shared_passages_offsets_match_on_both_sides(docs, passages):
    a, b = docs["national"], docs["shandong"]
    assert len(passages) > 30
    for p in passages:
        assert (p.a_doc, p.b_doc) == (a.id, b.id)
        assert p.text == a.text[p.a_start:p.a_end]
        a_chars, b_chars = stripped_slice(a, p.a_start, p.a_end), stripped_slice(b, p.b_start, p.b_end)
        assert RE_STRIP.sub("", a.text[p.a_start]) and RE_STRIP.sub("", b.text[p.b_end - 1])  # no punctuation at the ends
        assert min(len(a_chars), len(b_chars)) >= 20
        if p.similarity == 1.0:
            assert a_chars == b_chars
        else:
            assert 0.8 <= p.similarity < 1.0
            assert SequenceMatcher(None, a_chars, b_chars, autojunk=False).ratio() >= p.similarity - 1e-4


def test_shared_passages_do_not_overlap(passages):
    for side in ("a", "b"):
        spans = sorted((getattr(p, f"{side}_start"), getattr(p, f"{side}_end")) for p in passages)
        assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))


def test_verbatim_passages_are_maximal(docs, passages):
    a, b = _stripped(docs["national"]), _stripped(docs["shandong"])
    index_a = {offset: k for k, offset in enumerate(a.offsets)}
    index_b = {offset: k for k, offset in enumerate(b.offsets)}
    claimed_a = {k for p in passages for k in range(index_a[p.a_start], index_a[p.a_end - 1] + 1)}
    claimed_b = {k for p in passages for k in range(index_b[p.b_start], index_b[p.b_end - 1] + 1)}
    for p in (p for p in passages if p.similarity == 1.0):
        i, j = index_a[p.a_start], index_b[p.b_start]
        if i and j and (i - 1) not in claimed_a and (j - 1) not in claimed_b:
            assert a.chars[i - 1] != b.chars[j - 1]
        i, j = index_a[p.a_end - 1] + 1, index_b[p.b_end - 1] + 1
        if i < len(a.chars) and j < len(b.chars) and i not in claimed_a and j not in claimed_b:
            assert a.chars[i] != b.chars[j]


def test_a_known_shared_passage(passages):
    texts = [RE_STRIP.sub("", p.text) for p in passages]
    assert any("任何单位和个人不得强制或者变相强制市场主体参加评比达标表彰培训考核考试以及类似活动" in t for t in texts)


def test_shared_passages_over_three_documents_and_min_chars(docs):
    trio = [docs["zhumadian"], docs["national"], docs["shandong"]]
    found = shared_passages(trio, min_chars=40)
    pairs = {(p.a_doc, p.b_doc) for p in found}
    ids = [d.id for d in trio]
    assert pairs <= {(ids[0], ids[1]), (ids[0], ids[2]), (ids[1], ids[2])}
    assert (ids[1], ids[2]) in pairs
    assert all(len(RE_STRIP.sub("", p.text)) >= 40 for p in found)


def test_no_passages_between_unrelated_texts():
    a = parse_text("第一条 本办法自发布之日起施行。", doc_id="a")
    b = parse_text("第一条 各级党委应当加强领导。", doc_id="b")
    assert shared_passages([a, b]) == []


# ------------------------------------------------------------------ side-by-side view


def test_diff_html_keeps_every_character_and_escapes():
    a, b = "应当<公开>政策 & 规定", "应当及时<公开>政策"
    left, right = diff_html(a, b)
    assert BeautifulSoup(left, "html.parser").get_text() == a
    assert BeautifulSoup(right, "html.parser").get_text() == b
    assert "<公开>" not in left and "&lt;公开&gt;" in left


@pytest.fixture(scope="module")
def page(docs, shandong_national) -> BeautifulSoup:
    return BeautifulSoup(side_by_side_html(shandong_national, docs["shandong"], docs["national"]), "html.parser")


def test_page_is_standalone_utf8_with_a_cjk_font_stack(page):
    assert page.find("meta", charset=True)["charset"].lower() == "utf-8"
    assert page.html["lang"] == "zh-CN"
    style = page.find("style").get_text()
    assert "Noto Sans CJK SC" in style and "Microsoft YaHei" in style
    assert not page.find_all("script") and not page.find_all("link")


def test_page_header_gives_titles_and_counts(page, shandong_national):
    header = page.find("section", class_="comparison")
    assert "山东省优化营商环境条例" in header.find("h2").get_text()
    counts = {span["class"][1]: int(span.find("b").get_text()) for span in header.select(".summary .count")}
    assert counts == label_counts(shandong_national)
    assert len(header.select(".index a.pairlink")) == counts["copied"] + counts["adapted"]


def test_page_has_two_columns_per_pair_and_highlights(page, docs, shandong_national):
    rows = page.select("table.pairs tbody tr")
    shown = [al for al in shandong_national if al.group is None]  # a split or merge is one row of its own
    assert len(rows) == len(shown) + len({al.group for al in shandong_national if al.group is not None})
    rows = [tr for tr in rows if not tr.select(".relation")]
    assert len(rows) == len(shown)
    for tr, al in zip(rows, shown):
        a_cell, b_cell = tr.select("td.unit.a")[0], tr.select("td.unit.b")[0]
        assert al.label in tr["class"]
        assert not a_cell.find("ins") and not b_cell.find("del")
        if al.paired:
            a_text = unit_text(find_unit(docs["shandong"], al.a_article))
            b_text = unit_text(find_unit(docs["national"], al.b_article))
            assert a_cell.select_one(".text").get_text() == a_text
            assert b_cell.select_one(".text").get_text() == b_text
            assert f"{al.score:.2f}" in tr.select_one("td.mid").get_text()
        elif al.label == "only_a":
            assert "empty" in b_cell["class"] and not b_cell.get_text(strip=True)
        else:
            assert "empty" in a_cell["class"] and not a_cell.get_text(strip=True)
    copied_row = rows[[i for i, al in enumerate(shown) if (al.a_article, al.b_article) == (61, 55)][0]]
    assert copied_row.select("td.unit.a del.del") and copied_row.select("td.unit.b ins.ins")
    assert copied_row.select_one("td.unit.a del.del").get_text().startswith("县级以上")  # 县级以上人民政府 for 政府


def test_page_escapes_hostile_text():
    a = parse_text('第一条 <script>alert("x")</script> 企业 & 政府应当<b>公开</b>。', doc_id="a<b>")
    b = parse_text('第一条 <script>alert("y")</script> 企业 & 政府应当公开。', doc_id="b")
    soup = BeautifulSoup(side_by_side_html(align(a, b), a, b), "html.parser")
    assert not soup.find_all("script") and not soup.select("td b")
    shown = soup.select_one("td.unit.a").get_text()
    assert "<script>alert" in shown and "<b>公开</b>" in shown


def test_several_comparisons_make_one_page_with_sections(docs):
    jinan, national, zhumadian = docs["jinan"], docs["national"], docs["zhumadian"]
    html = comparison_page([(align(jinan, national), jinan, national), (align(jinan, zhumadian), jinan, zhumadian)])
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("section.comparison")) == 2
    assert [a["href"] for a in soup.select("nav a")] == ["#cmp-1", "#cmp-2"]

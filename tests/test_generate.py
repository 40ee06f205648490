"""Question generators: on Jinan in detail, and on real texts of the shared corpus.

Every generated question must pass the bank checker (verbatim quote at its offsets in the cited
article or item, answers consistent, explanation citing the article).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from pathlib import Path

import pytest

from qqtext import load_document
from qqtext.exercises import generate as g
from qqtext.exercises.bank import Bank, check_bank, check_questions, write_bank
from qqtext.exercises.model import BLANK, FALSE, TRUE
from qqtext.model import Document
from qqtext.numerals import parse_chinese_number

GENERATORS = {
    "cloze": lambda doc, seed: g.generate_cloze(doc, seed=seed, terms=True),  # Jinan sets no time limits
    "true_false": lambda doc, seed: g.generate_true_false(doc, seed=seed),
    "which_body": lambda doc, seed: g.generate_which_body(doc, seed=seed),
    "which_article": lambda doc, seed: g.generate_which_article(doc, seed=seed),
    "sanctions": lambda doc, seed: g.generate_sanctions(doc, seed=seed),
    "scenario": lambda doc, seed: g.generate_scenario(doc, seed=seed),
}
#: Shared-corpus texts tested one by one: a national rule without chapters, a city regulation with a
#: 政商交往 negative list, a party-discipline code with 3 编 and tiered sanctions, an 意见-style text
#: with sections instead of articles.
SHARED = [
    "2013_national_dangzheng-jiguan-guonei-gongwu-jiedai-guanli-guiding.md",
    "2021_zhumadian_youhua-yingshang-huanjing-tiaoli.md",
    "2018_party_jilv-chufen-tiaoli.md",
    "2017_party_zhongyang-baxiang-guiding-shishi-xize.md",
]


def problems_of(questions, doc: Document) -> list[str]:
    _, problems = check_questions(questions, file="<generated>", load=lambda _id: doc)
    return [str(p) for p in problems]


def load_shared(folder: Path, name: str) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_document(folder / name)


@pytest.fixture(scope="module")
def jinan_questions(jinan) -> dict[str, list]:
    return {name: run(jinan, 2019) for name, run in GENERATORS.items()}


def by_stem(questions, text: str):
    found = [q for q in questions if text in q.stem]
    assert found, f"no question with {text!r} in its stem"
    return found[0]


def answer_texts(q) -> set[str]:
    return {q.option(key).text for key in q.answer}


# ------------------------------------------------------------------ every generator on Jinan


@pytest.mark.parametrize("name", list(GENERATORS))
def test_generator_passes_the_bank_check_on_jinan(jinan, jinan_questions, name):
    questions = jinan_questions[name]
    # Jinan's rules leave no believable false statement (no numbers; its permissions are conditioned on a
    # need or continued by a duty): the true/false generator gives nothing rather than a giveaway; its
    # curated bank has 22. The generator is checked on another text below.
    assert len(questions) >= {"true_false": 0, "scenario": 1}.get(name, 2)
    assert problems_of(questions, jinan) == []
    for q in questions:
        assert q.provenance == f"generator:{name}"
        assert q.source.doc == "jinan-2019"
        assert jinan.text[q.source.start:q.source.end] == q.source.quote
        assert q.source.citation() in q.explanation
        assert 1 <= q.difficulty <= 3
        assert q.audience in ("official", "business", "all")
        assert q.tags and any(re.fullmatch(r"第[一二三四五]章", t) for t in q.tags)


def test_same_seed_same_questions_other_seed_other_ones(jinan):
    for name, run in GENERATORS.items():
        assert run(jinan, 5) == run(jinan, 5), name
    changed = [name for name, run in GENERATORS.items() if run(jinan, 5) != run(jinan, 6)]
    assert {"cloze", "which_body"} <= set(changed)


def test_generated_bank_round_trips_through_the_checker(tmp_path, jinan):
    questions = g.generate_all(jinan, seed=3)
    write_bank(Bank("jinan-2019-generated", None, tuple(questions)), tmp_path / "generated.yaml")
    assert check_bank(tmp_path) == []  # schema, citations, answers, no duplicate ids or stems


def test_generate_all_deduplicates(jinan):
    questions = g.generate_all(jinan, seed=1)
    assert len({q.id for q in questions}) == len(questions)
    assert len({re.sub(r"\s", "", q.stem) for q in questions}) == len(questions)
    assert {q.provenance for q in questions} <= {f"generator:{n}" for n in g.GENERATORS}
    # Jinan sets no time limit or amount (no cloze by default) and no believable false statement, and
    # which-body questions are out of the default pool
    assert len({q.provenance for q in questions}) >= 2
    assert "generator:which_body" not in {q.provenance for q in questions}


# ------------------------------------------------------------------ cloze


def test_cloze_blanks_a_key_term(jinan_questions):
    for q in jinan_questions["cloze"]:
        (answer,) = q.answer
        assert q.stem.count(BLANK) == 1
        assert q.stem.replace(BLANK, answer) == q.source.quote
        assert len(answer) >= 2 and answer not in g.STOP_WORDS
        assert not re.fullmatch(r"[\d\W一二三四五六七八九十百千万零〇]+", answer)
        assert q.source.quote.count(answer) == 1
    answers = {q.answer[0] for q in jinan_questions["cloze"]}
    assert answers & {"公共交通工具", "高档菜肴", "外地申报项目", "主体责任", "合法权益", "开展调研"}
    assert not answers & set(g.CUE_WORDS)  # a cue is no blank: true/false and scenario questions ask it


@pytest.mark.parametrize("text", [
    "但不许单独指派、专程接送；",
    "各级党委、政府和相关职能部门应当担负起构建亲清新型政商关系的主体责任",
    "第二十三条 本办法自2019年1月4日起施行，共23条。",
    "在与企业人员交往中，不提倡互赠礼品。",
])
def test_rank_terms_never_offers_function_words_numbers_or_single_characters(text):
    for term in g.rank_terms(text):
        assert len(term.text) >= 2
        assert term.text not in g.STOP_WORDS
        assert not re.search(r"[\s，。、；：“”（）]", term.text)
        assert not re.fullmatch(r"[\d一二三四五六七八九十百千万零〇第条]+", term.text)
        assert text[term.start:term.end] == term.text


def test_rank_terms_boosts_actors_and_takes_cues_whole():
    ranked = [t.text for t in g.rank_terms("各级纪检监察机关担负起监督责任")]
    assert ranked[0] == "纪检监察机关"
    ranked = [t.text for t in g.rank_terms("在交往中，不提倡互赠礼品；", cues=[(5, 8)])]
    assert "不提倡" in ranked and "提倡" not in ranked


def test_cloze_uses_the_domain_idf_and_the_private_segmenter():
    import jieba

    from qqtext.extract.actors import segmenter

    extractor = g.keyword_extractor()
    assert extractor.tokenizer is segmenter() and extractor.tokenizer is not jieba.dt
    idf, median = g.idf_table()
    assert idf["诫勉"] > idf["应当"]  # domain weights: a sanction name is rarer than a modal
    assert "机关单位工作人员" in idf and median > 0


def test_cloze_count_samples(jinan):
    every = g.generate_cloze(jinan, seed=1, terms=True)
    some = g.generate_cloze(jinan, seed=1, count=4, terms=True)
    assert len(some) == 4 and all(q in every for q in some)


# ------------------------------------------------------------------ true / false


@pytest.fixture(scope="module")
def zhumadian_statements(shared_corpus):
    doc = load_shared(shared_corpus, "2021_zhumadian_youhua-yingshang-huanjing-tiaoli.md")
    return doc, g.generate_true_false(doc, seed=2019)


def test_true_false_states_the_clause_or_changes_it_plausibly(zhumadian_statements):
    from qqtext.exercises.generate.true_false import STATEMENT_CUES

    doc, questions = zhumadian_statements
    assert len(questions) >= 6 and {q.answer[0] for q in questions} == {TRUE, FALSE}
    assert problems_of(questions, doc) == []
    for q in questions:
        quote = q.source.quote
        assert any(cue in quote for cue in STATEMENT_CUES)
        body = re.sub(r"^(?:但|并|且|同时)", "", quote)
        if q.answer == (TRUE,):
            assert body in q.stem, q.stem
            assert "题干与原文一致" in q.explanation
        else:
            assert body not in q.stem
            assert "题干改成了" in q.explanation
            old, new = re.search("原文(?:规定的)?是“(.+?)”，题干改成了“(.+?)”", q.explanation).groups()
            assert old in quote and new in q.stem and old != new


@pytest.mark.parametrize(
    ("body", "forbidden"),
    [
        ("第一条 行政机关应当依法维护企业的合法权益。", "不得依法维护"),  # an obligation is never flipped
        ("第一条 行政机关不得擅自冻结企业账户。", "可以擅自冻结"),  # allowing a wrong-in-itself act
        ("第一条 当事人可以依法申请行政复议。", "不得依法申请"),  # forbidding a right-in-itself act
        ("第一条 为提高效率，工作人员可以邀请企业人员商议。", "不得邀请"),  # forbidding what the purpose serves
    ],
    ids=["obligation", "wrong-in-itself", "right-in-itself", "purpose"],
)
def test_true_false_never_flips_into_a_self_contradiction(body, forbidden):
    from qqtext import parse_text

    doc = parse_text(f"测试条例\n\n{body}\n", doc_id="t")
    stems = [q.stem for seed in range(12) for q in g.generate_true_false(doc, seed=seed)]
    assert not any(forbidden in s for s in stems)  # (with no believable change, no statement at all)


def test_true_false_changes_a_number_or_the_body():
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 税务部门应当在三十日内作出书面决定。\n第二条 财政部门应当每年向社会公开本级预算。\n"
                     "第三条 审计部门应当定期审计本级预算执行情况。\n第四条 人民政府应当定期公布政府信息。\n"
                     "第五条 监察机关应当定期公布工作报告。\n", doc_id="t")
    false = [q for seed in range(12) for q in g.generate_true_false(doc, seed=seed) if q.answer == (FALSE,)]
    stems = {q.stem for q in false}
    assert any("六十日" in s or "十五日" in s for s in stems), stems
    assert any(s.startswith(("根据本条例，财政部门应当在三十日内", "根据本条例，审计部门应当在三十日内"))
               or "税务部门应当每年" in s or "税务部门应当定期审计" in s for s in stems), stems
    # a department stands for another department, never a government or an organ for another body
    assert not any(s.startswith(("根据本条例，人民政府", "根据本条例，监察机关")) and "公布" not in s for s in stems), stems
    assert not any("监察机关应当定期公布政府信息" in s or "人民政府应当定期公布工作报告" in s for s in stems), stems


def test_true_false_never_changes_a_number_into_one_the_text_gives_another_case():
    """A law may give the other case the changed limit (十五日 at home, 三十日 abroad): stated with it, the
    false statement would be true there."""
    from qqtext import parse_text

    doc = parse_text("测试法\n\n第一条 被告应当在收到起诉状副本之日起十五日内提出答辩状。\n"
                     "第二条 在境外居住的被告，应当在收到起诉状副本之日起三十日内提出答辩状。\n"
                     "第三条 人民法院应当在立案之日起五日内通知当事人。\n", doc_id="t")
    false = [q for seed in range(16) for q in g.generate_true_false(doc, seed=seed) if q.answer == (FALSE,)]
    stems = {q.stem for q in false}
    assert not any("三十日内提出答辩状" in s and "境外" not in s for s in stems), stems
    assert not any("十五日内提出答辩状" in s and "境外" in s for s in stems), stems
    assert any("十日内通知当事人" in s for s in stems), stems  # a limit written nowhere else still changes
    assert all(s.startswith("根据本法，") for s in stems), stems


def test_true_false_adds_the_inherited_actor():
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 机关单位工作人员经单位批准，可参加以下活动：\n（一）到外地开展调研的，应当在三日内报告行程；\n"
                     "（二）到企业走访的，应当在五日内报告情况。\n", doc_id="t")
    items = [q for seed in range(6) for q in g.generate_true_false(doc, seed=seed) if q.source.item]
    assert items
    for q in items:
        assert q.stem.startswith("根据本条例，机关单位工作人员到"), q.stem
        assert "承接上文" in q.explanation  # the 解析 says the actor comes from the lead-in


def test_true_false_pool_is_balanced(zhumadian_statements):
    _, questions = zhumadian_statements
    answers = Counter(q.answer[0] for q in questions)
    assert answers[TRUE] == answers[FALSE], answers
    # by the cue a reader sees: 不得 statements are not all false, 可以 statements not all true
    forbidding = Counter(q.answer[0] for q in questions if "不得" in q.stem)
    assert forbidding[TRUE] == forbidding[FALSE], forbidding


def test_true_false_skips_list_lead_ins_and_prohibited_acts(jinan, shared_corpus):
    stems = [q.stem for q in g.generate_true_false(jinan, seed=0)]
    assert not any(s.endswith("以下活动。") for s in stems)
    zhumadian = load_shared(shared_corpus, "2021_zhumadian_youhua-yingshang-huanjing-tiaoli.md")
    # 第三十二条（三） lists a prohibited act: 由市场主体支付应当由单位或者个人负担的费用
    assert not [q for q in g.generate_true_false(zhumadian, seed=0) if q.source.article == 32 and q.source.item]


# ------------------------------------------------------------------ which body


def test_which_body_on_jinan(jinan_questions):
    questions = jinan_questions["which_body"]
    main = by_stem(questions, "主体责任")
    assert main.type == "multiple_choice" and answer_texts(main) == {"党委", "政府", "职能部门"}
    # the one supervisory body of the text besides 司法机关: its other wrong options would be party and
    # government offices, which no reader takes for the supervisor (trainers found the question guessable)
    assert not [q for q in questions if "担负起监督责任" in q.stem]
    interpretation = by_stem(questions, "解释工作")
    assert interpretation.type == "multiple_choice"
    assert answer_texts(interpretation) == {"市委办公厅", "市政府办公厅"}
    assert "纪检监察机关" not in {o.text for o in interpretation.options}  # consulted, not a distractor
    united_front = by_stem(questions, "团结、服务、引导、教育")
    assert answer_texts(united_front) == {"统战部", "工商联"}


def test_which_body_distractors_are_graph_actors_never_correct(jinan, jinan_questions):
    from qqtext.graph import build_graph

    G = build_graph(jinan)
    actors = {d["name"] for _, d in G.nodes(data=True) if d["kind"] == "actor"}
    for q in jinan_questions["which_body"]:
        wrong = {o.text for o in q.options} - answer_texts(q)
        assert wrong and wrong <= actors
        assert not wrong & g.UMBRELLA_ACTORS
        assert not wrong & answer_texts(q)
        for text in wrong:  # nor a group a correct body belongs to, nor a member of one, nor a generic name
            assert not g.is_generic(text)
            for right in answer_texts(q):
                for u, v in ((f"actor:{right}", f"actor:{text}"), (f"actor:{text}", f"actor:{right}")):
                    relations = {d.get("relation") for d in (G.get_edge_data(u, v) or {}).values()}
                    assert not relations & {"member_of", "alias_of"}, (q.stem, text, right)


def test_which_body_never_names_a_part_of_a_longer_subject_nor_its_answer():
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 政府采购评审专家应当遵守评审工作纪律。\n第二条 财政部门应当加强对评审专家的监督管理。\n"
                     "第三条 有关部门应当依法履行职责。\n第四条 行业协会应当加强行业自律。\n", doc_id="t")
    for q in g.generate_which_body(doc, seed=1):
        keys = answer_texts(q)
        assert "政府" not in keys, q.stem
        assert not any(k in q.stem for k in keys)
        if keys & {"有关部门"}:  # a generic key: the wrong options are bodies of another kind
            assert not {o.text for o in q.options} - keys & {"财政部门"}


# ------------------------------------------------------------------ which article


def test_which_article_options_are_articles_of_the_chapter_and_others(jinan, jinan_questions):
    questions = jinan_questions["which_article"]
    assert len(questions) >= 10
    for q in questions:
        (key,) = q.answer
        assert q.option(key).text == q.source.citation().split("（")[0]
        assert 2 <= len(q.options) <= 4
        numbers = [parse_chinese_number(o.text[1:-1]) for o in q.options]
        assert numbers == sorted(numbers) and set(numbers) <= {a.number for a in jinan.articles}
        assert q.source.quote in q.stem
    q = next(q for q in questions if q.source.article == 6)  # chapter 2 has eight articles
    chapter = {f"第{n}条" for n in ("五", "七", "八", "九", "十", "十一", "十二")}
    assert {o.text for o in q.options} & chapter


def test_which_article_gives_nothing_without_articles(shared_corpus):
    doc = load_shared(shared_corpus, "2017_party_zhongyang-baxiang-guiding-shishi-xize.md")
    assert not doc.articles and g.generate_which_article(doc, seed=0) == []


# ------------------------------------------------------------------ sanctions


def test_sanctions_on_jinan(jinan, jinan_questions):
    questions = jinan_questions["sanctions"]
    listed = by_stem(questions, "给予下列哪些处理")
    assert listed.type == "multiple_choice"
    assert answer_texts(listed) == {"批评教育", "责令检查", "通报", "诫勉", "党纪政务处分"}
    wrong = {o.text for o in listed.options} - answer_texts(listed)
    assert wrong and all(w not in jinan.text for w in wrong)
    assert wrong <= set(g.SANCTION_DISTRACTORS) | set(g.PARTY_LIST_DISTRACTORS)
    to_whom = by_stem(questions, "针对的是下列哪一类对象")
    assert answer_texts(to_whom) == {"机关单位工作人员"}
    assert not [q for q in questions if "如何处理" in q.stem]  # stock wrong ways of handling give it away
    assert {q.source.article for q in questions} == {19}
    for q in questions:  # the 解析 names as absent only sanctions the options offer
        offered = {o.text for o in q.options}
        absent = re.search(r"；([^；”]+)不在其中", q.explanation)
        assert absent is None or set(absent.group(1).split("、")) <= offered


def test_sanctions_of_party_discipline_tiers(shared_corpus):
    doc = load_shared(shared_corpus, "2018_party_jilv-chufen-tiaoli.md")
    questions = [q for q in g.generate_sanctions(doc, seed=0) if q.source.article == 88]
    tiers = [answer_texts(q) for q in questions if "给予下列" in q.stem]
    assert {"警告", "严重警告"} in tiers and {"撤销党内职务", "留党察看"} in tiers and {"开除党籍"} in tiers
    article = doc.article(88).text
    for q in questions:  # wrong options: sanctions of other articles or none the code has, never this article's
        assert all(o.text not in article for o in q.options if o.key not in q.answer)


# ------------------------------------------------------------------ other texts


NO_FALSIFIABLE_RULES = {"2017_party_zhongyang-baxiang-guiding-shishi-xize.md"}


@pytest.mark.parametrize("name", SHARED)
def test_generators_on_shared_texts(shared_corpus, name):
    doc = load_shared(shared_corpus, name)
    counts = {}
    for generator, run in GENERATORS.items():
        questions = run(doc, 11)
        counts[generator] = len(questions)
        assert problems_of(questions, doc) == [], generator
        assert all(q.source.doc == doc.id for q in questions)
    assert sum(counts.values()) >= 20, counts
    if doc.articles:
        assert counts["which_article"] >= 5
    assert counts["cloze"]
    # true/false needs a number, a rung of government or a department to change (a cue is never flipped):
    # a text of prohibitions of wrongdoing only (the 八项规定 rules) gives none
    assert counts["true_false"] or name in NO_FALSIFIABLE_RULES, counts


def test_every_shared_text_generates_without_error(shared_corpus):
    counts: dict[str, Counter] = {}
    for path in sorted(shared_corpus.iterdir()):
        if path.name == "SOURCES.md":
            continue
        doc = load_shared(shared_corpus, path.name)
        questions = g.generate_all(doc, seed=0)
        assert problems_of(questions, doc) == [], path.name
        counts[path.name] = Counter(q.provenance for q in questions)
    assert len(counts) >= 16
    # fewer than before the generators were narrowed to what trainers found sound (about 890 after it):
    # texts whose rules are prohibitions of wrongdoing without time limits (八项规定, 廉洁自律准则) give
    # almost none, the codes and regulations dozens
    # after review round 9 no cue is flipped and a rung only widens (县级以上 → 省级以上 stays true): the
    # 优化营商环境 texts, whose false statements were mostly those, give 4–12 questions each (256 true/false
    # statements over the corpus before, 52 after)
    assert sum(sum(c.values()) for c in counts.values()) > 600
    assert sum(1 for c in counts.values() if sum(c.values()) >= 10) >= 4
    assert sum(c["generator:true_false"] for c in counts.values()) >= 40


# ------------------------------------------------------------------ scenario


def test_scenario_verdicts_follow_the_norm(jinan_questions):
    from qqtext.exercises.model import VERDICTS

    questions = jinan_questions["scenario"]
    verdicts = {}
    for q in questions:
        assert q.stem.startswith("情形：") and "（　）" in q.stem
        assert {o.text for o in q.options} <= set(VERDICTS)
        verdicts[q.source.quote] = q.option(q.answer[0]).text
    assert verdicts["但不得上高档菜肴和烟酒"] == "不可以"
    assert "确有需要可搭乘企业交通工具" not in verdicts  # 经单位批准 of the lead-in: 可以 or 经批准后可以?
    assert "应按当地公务接待标准安排公务用餐" not in verdicts  # under 经单位批准: 经批准后可以 defensible too
    assert not any("以下活动" in q.stem for q in questions)  # a lead-in gives no situation


def test_scenario_of_an_approval_and_of_an_obligation():
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 查封的财物情况复杂的，经行政机关负责人批准，行政机关可以延长查封期限。\n"
                     "第二条 违法行为涉嫌犯罪的，行政机关应当将案件移送司法机关。\n", doc_id="t")
    questions = {q.source.article: q for q in g.generate_scenario(doc, seed=0)}
    assert questions[1].option(questions[1].answer[0]).text == "经批准后可以"
    assert questions[2].option(questions[2].answer[0]).text == "应当"
    assert questions[2].stem == "情形：违法行为涉嫌犯罪。按照本条例第二条，行政机关在这种情形下（　）将案件移送司法机关。"
    assert problems_of(list(questions.values()), doc) == []


def test_scenario_states_the_case_whole_and_asks_what_a_reader_must_know():
    from qqtext import parse_text

    doc = parse_text(
        "测试条例\n\n第一条 已归集的公共数据发生变更的，公共管理和服务机构应当及时更新。\n"  # only 应当 fits 及时
        "第二条 因不明真相被裹挟参与违法活动，经批评教育后确有悔改表现的，管理人员可以减轻处分。\n"  # premise dropped
        "第三条 行政复议期间，申请人提出新的理由的，经行政复议机构同意，被申请人可以补充证据。\n"  # consent: 可以 or 经批准后可以?
        "第四条 对复核结果不服的，公务员可以自接到复核决定之日起十五日内。\n"  # the action has no verb
        "第五条 经主管部门批准的，机关可以对辅助性职位实行聘任制。\n"  # the case states the approval
        "第六条 案件情况复杂的，行政机关可以延长办案期限。\n", doc_id="t")
    questions = {q.source.article: q for q in g.generate_scenario(doc, seed=0)}
    assert set(questions) == {6}, {a: q.stem for a, q in questions.items()}


def test_cloze_blanks_only_time_limits_and_amounts_unless_terms_are_asked_for():
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 行政机关应当依法公开行政处罚决定书的主要内容。\n"
                     "第二条 已满十四周岁不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚。\n"
                     "第三条 行政机关拟作出下列决定的，应当在七日内告知当事人：\n（一）较大数额罚款；\n", doc_id="t")
    (q,) = g.generate_cloze(doc, seed=0)  # no stock-word blank (第一条); 下列 not shown (第三条)
    assert q.answer == ("十四周岁",)  # the whole age, never 十四周 cut before 岁


def test_true_false_never_states_a_fragment_or_a_policy_as_a_rule():
    from qqtext import parse_text

    doc = parse_text(
        "测试条例\n\n第一条 行政机关应当加强行政处罚工作，完善评议、考核制度。\n"  # a policy: 对 needs no knowledge
        "第二条 被调查取证的单位和个人不得拒绝或者阻挠。\n"  # what? the object is in another sentence
        "第三条 行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利。\n"  # the list is not shown
        "第四条 行政机关及其执法人员未告知当事人的，不得作出行政处罚决定；当事人明确放弃陈述权利的除外。\n"
        "第五条 地方性法规可以设定除限制人身自由以外的行政处罚。\n"  # 不得设定除…以外 turns the exception inside out
        "第六条 行政机关根据实施行政处罚的需要，可以向有关机关提出协助请求。\n"  # forbidding what a need calls for
        "第七条 只有在采取严格保护措施的情形下，处理者方可处理敏感个人信息。\n", doc_id="t")  # 方不得 is nonsense
    questions = [q for seed in range(8) for q in g.generate_true_false(doc, seed=seed)]
    assert questions == [], [q.stem for q in questions]


def test_which_body_keeps_the_case_and_asks_nothing_vague():
    from qqtext import parse_text

    doc = parse_text(
        "测试条例\n\n第一条 投诉人书面申请撤回投诉的，财政部门应当终止投诉处理程序。\n"
        "第二条 审计部门应当依法处理。\n"
        "第三条 发展改革部门应当会同有关部门编制年度投资计划。\n"
        "第四条 人力资源部门应当组织公务员培训。\n第五条 统计部门应当定期发布统计公报。\n", doc_id="t")
    stems = [q.stem for q in g.generate_which_body(doc, seed=0)]
    assert "根据本条例第一条，投诉人书面申请撤回投诉的，下列哪一主体应当终止投诉处理程序？" in stems, stems
    assert not any("依法处理" in stem for stem in stems)  # handle what? no reader can tell who


def test_cloze_blanks_the_time_limit_a_rule_sets():
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 采购人应当自合同签订之日起2个工作日内将合同公告。\n", doc_id="t")
    (q,) = g.generate_cloze(doc, seed=0)
    assert q.answer == ("2个工作日",) and "期限或数额" in q.explanation


def test_true_false_widens_a_rung_and_keeps_the_written_actor():
    """Review round 9: 县级以上 → 省级以上 is still true (县级以上 holds 省级), and a statement whose actor is
    written earlier in the sentence names it as written, never as a list of general names."""
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 县级以上人民政府应当在三十日内公布本级预算执行情况。\n"
                     "第二条 省级以上人民政府财政部门应当指定媒体公告采购信息。\n"
                     "第三条 国务院部门和省、自治区、直辖市人民政府及其有关部门应当定期组织评估行政处罚的实施情况，"
                     "对不适当的罚款数额，应当提出修改的建议。\n", doc_id="t")
    questions = [q for seed in range(12) for q in g.generate_true_false(doc, seed=seed)]
    stems = {q.stem for q in questions}
    assert not any("省级以上人民政府应当在" in s or "设区的市级以上人民政府应当在" in s for s in stems), stems
    changed = [q.stem for q in questions if q.answer == (FALSE,) and q.source.article == 2]
    assert all(s.startswith(("根据本条例，县级以上", "根据本条例，设区的市级以上")) for s in changed), changed
    assert not any("职能部门" in s or s.startswith("根据本条例，部门、") for s in stems), stems
    assert not any(s.endswith("对不适当的罚款数额。") for s in stems), stems  # the next rule's topic


def test_scenario_skips_a_partys_right_and_a_duty_with_a_deadline():
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 当事人对处罚决定不服的，可以依法申请行政复议。\n"
                     "第二条 处罚决定被依法撤销的，行政机关应当在三日内撤回处罚决定信息。\n", doc_id="t")
    assert [q.stem for seed in range(4) for q in g.generate_scenario(doc, seed=seed)] == []


def test_true_false_never_takes_a_possessor_for_the_subject():
    """The bodies that qualify a thing (…机构转送、交办的信访事项) are not the subject a statement may be put
    under (上海信访条例 第三十五条 gave "…上级主管部门不属于本机关法定职权范围的，应当…退回")."""
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 人民政府信访工作机构、上级主管部门转送、交办的信访事项，属于本机关法定职权范围的，"
                     "应当自收到之日起十五日内决定是否受理；不属于本机关法定职权范围的，应当及时将相关材料退回转送机构。\n",
                     doc_id="t")
    stems = [q.stem for seed in range(12) for q in g.generate_true_false(doc, seed=seed)]
    assert not any("上级主管部门不属于" in s for s in stems), stems


def test_no_sanction_distractor_is_a_kind_of_a_listed_sanction(jinan):
    """Round 10: 降级 offered as wrong beside 党纪政务处分, of which it is one (a member of the key)."""
    from qqtext.exercises.generate.sanctions import SANCTION_KINDS, generate_sanctions

    for q in generate_sanctions(jinan, seed=0):
        keys = [o.text for o in q.options if o.key in q.answer]
        wrong = {o.text for o in q.options if o.key not in q.answer}
        if any("政务处分" in k for k in keys):
            assert not wrong & SANCTION_KINDS["政务处分"], q.stem


@pytest.mark.parametrize(
    "text",
    [
        # a duty of honesty or of keeping one's word: anyone judges it 对 (review round 10)
        "第一条 申请人应当对提交材料的真实性、合法性和有效性负责。",
        "第一条 摄影冲印业经营者应当根据约定将影像资料交付消费者。",
        # the easy half of a chain: stated true, it hides the rule that follows
        "第一条 采购人和采购代理机构应当按照委托代理协议履行各自义务，不得超越代理权限。",
    ],
)
def test_no_true_statement_anyone_judges_right(text):
    from qqtext import parse_text
    from qqtext.exercises.generate.true_false import generate_true_false

    # a second article gives a false statement, so that a true one is wanted beside it
    falsifiable = "\n第二条 登记机关应当自受理申请之日起三十日内作出决定。\n第三条 市场监督管理部门应当自收到材料之日起十五日内答复。"
    questions = generate_true_false(parse_text(text + falsifiable, doc_id="t"), seed=0)
    assert any(q.answer == ("错",) for q in questions)
    assert not [q.stem for q in questions if q.answer == ("对",) and q.source.article == 1]


def test_no_statement_opens_with_a_thing_its_article_brought_in_before():
    """Round 10: 笔录应当交当事人…核对 (which record? 听证应当制作笔录 is the sentence before)."""
    from qqtext import parse_text
    from qqtext.exercises.generate.true_false import generate_true_false

    text = ("第一条 听证应当依照以下程序组织：\n（一）行政机关应当在举行听证的七日前通知当事人；\n"
            "（二）听证应当制作笔录。笔录应当在听证结束后五日内交当事人审核。\n"
            "第二条 登记机关应当自受理申请之日起三十日内作出决定。\n第三条 市场监督管理部门应当自收到材料之日起十五日内答复。")
    doc = parse_text(text, doc_id="t")
    questions = [q for seed in range(12) for q in generate_true_false(doc, seed=seed)]
    assert any(q.source.item == 1 for q in questions)
    assert not [q.stem for q in questions if "，笔录" in q.stem]


def test_no_question_opens_with_a_case_that_names_nothing():
    """验收合格的，…; 有违法所得的，…: what was inspected, whose gain, is said before; a cloze or a statement
    opening there reads as a fragment (review round 12: four such items poor)."""
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 建设单位应当将供水设施移交供水企业验收。验收合格的，供水企业应当在五日内接收。\n"
                     "第二条 经营者违反本条例规定的，由市场监督管理部门责令改正；有违法所得的，处一万元以上五万元以下罚款。\n"
                     "第三条 建设单位应当在竣工后三十日内报送资料。\n", doc_id="t")
    stems = [q.stem for seed in range(4) for q in [*g.generate_cloze(doc, seed=seed), *g.generate_true_false(doc, seed=seed)]]
    assert any("报送资料" in stem for stem in stems)  # the generators do make questions of this text
    assert not any(stem.lstrip("根据本条例，").startswith(("验收合格的", "有违法所得的")) for stem in stems), stems


def test_a_changed_department_is_one_the_text_names_beside_it():
    """A false statement swaps a department for one the text lists with it in some rule (a reader could take
    it for the real one), not for a department of another field that anyone rules out."""
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 卫生健康部门、中医药主管部门应当加强协作，建立信息共享机制。\n第二条 发展改革部门应当编制本地区的发展规划并向社会公布。\n"
                     "第三条 卫生健康部门应当在每年三月底前公布监测结果。\n第四条 中医药主管部门应当建立中医药人才库并定期更新。\n", doc_id="t")
    swaps = [q.explanation for seed in range(8) for q in g.generate_true_false(doc, seed=seed)
             if q.source.article == 3 and "题干改成了“" in q.explanation and "部门" in q.explanation.split("题干改成了")[1]]
    assert swaps and all("题干改成了“中医药主管部门”" in e for e in swaps), swaps


def test_sanction_stems_do_not_name_the_key_and_offer_three_options():
    """下列哪一种处分 beside one option 行业处分 names the key; two options are a coin toss (review round 12)."""
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 物业管理行业协会应当对物业服务人违反行业规范的行为给予行业处分。\n"
                     "第二条 违反本条例第五条规定的，由房地产行政主管部门给予警告，并处一万元以上五万元以下罚款。\n"
                     "第三条 违反本条例第六条规定的，由房地产行政主管部门没收违法所得。\n", doc_id="t")
    questions = [q for seed in range(3) for q in g.generate_sanctions(doc, seed=seed) if "给予下列" in q.stem]
    assert questions
    for q in questions:
        assert len(q.options) >= 3, q
        keys = [o.text for o in q.options if o.key in q.answer]
        asked = q.stem.split("下列哪一种")[-1].split("下列哪些")[-1].rstrip("？")
        assert not (all(asked in k for k in keys) and not any(asked in o.text for o in q.options if o.key not in q.answer)), q.stem


def test_a_scenario_keeps_the_time_of_a_zai_frame():
    """在必要时 is the case; 情形：…，在必要。 (its 时 cut off like the 的 of a case) reads as nonsense."""
    from qqtext import parse_text

    doc = parse_text("测试法\n\n第一条 人民法院根据对方当事人的申请，可以裁定对其财产进行保全；当事人没有提出申请的，"
                     "人民法院在必要时也可以裁定采取保全措施。\n", doc_id="t")
    stems = [q.stem for seed in range(4) for q in g.generate_scenario(doc, seed=seed)]
    assert stems and not any(re.search(r"在必要[。，]", s) for s in stems), stems

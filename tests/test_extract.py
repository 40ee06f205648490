"""Extraction: actors, norms, definitions, references and duties on the real texts."""

from __future__ import annotations

import warnings

import pytest

from qqtext import load_document
from qqtext.extract.actors import actor_dictionary, find_actors, segmenter
from qqtext.extract.definitions import extract_definitions
from qqtext.extract.duties import extract_duties
from qqtext.extract.norms import extract_norms
from qqtext.extract.references import extract_references


@pytest.mark.parametrize(
    "word", ["纪检监察机关", "个体工商户", "领导干部", "市纪委市监委机关", "机关单位工作人员", "相关职能部门"],
)
def test_domain_words_stay_whole(word):
    assert word in segmenter().lcut(f"各级{word}应当依法办事")


def test_jieba_global_state_untouched():
    import jieba

    assert "市纪委市监委机关" not in jieba.lcut("商市纪委市监委机关")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("司法、执法、执纪机关在办案中", ["司法机关", "执法机关", "执纪机关"]),
        ("各级党委、政府和相关职能部门应当", ["党委", "政府", "职能部门"]),
        ("由市委办公厅、市政府办公厅商市纪委市监委机关承担", ["市委办公厅", "市政府办公厅", "纪检监察机关"]),
        ("企业及其负责人", ["企业", "企业负责人"]),
    ],
    ids=["shared-head", "three-bodies", "shang", "ji-qi"],
)
def test_coordinated_actors_split(text, expected):
    assert [m.canonical for m in find_actors(text)] == expected


def test_scope_kept_as_attribute():
    [party, *_] = find_actors("各级党委、政府和相关职能部门")
    assert (party.canonical, party.scope) == ("党委", "各级")


def test_dictionary_sides():
    sides = {entry.side for entry in actor_dictionary().values()}
    assert sides == {"government", "business", "supervisory", "coordinating", "public"}
    assert actor_dictionary()["统战部"].side == "coordinating"


def test_one_clause_three_norms(jinan):
    item = jinan.article(13).items[4]
    norms = [n for n in extract_norms(jinan) if n.item == 5]
    assert [(n.deontic, n.cue) for n in norms] == [("obligation", "应"), ("permission", "可"), ("prohibition", "不许")]
    assert all(n.actor == ("机关单位工作人员",) and n.actor_implicit for n in norms)
    assert all("经单位批准" in n.conditions for n in norms)
    assert norms[2].aim == "单独指派、专程接送"
    assert all(item.span.start <= n.cue_span.start < item.span.end for n in norms)


@pytest.mark.parametrize(
    "text",
    ["坚持可持续发展，可能存在风险。", "这是重要的要求。", "企业负责人到场。", "不得不说明情况。", "有关部门相应调整。"],
    ids=["ke-chixu", "zhongyao-yaoqiu", "fuzeren", "budebu", "xiangying"],
)
def test_false_cues(text):
    from qqtext import parse_text

    doc = parse_text(f"第一条 {text}", doc_id="t")
    assert extract_norms(doc) == []


@pytest.mark.parametrize(
    ("clause", "cues"),
    [
        ("在允许临时停放机动车的城市道路、广场上，应当按照指示停放车辆", ["应当"]),
        ("在路面荷载可承受的情况下，公安机关可以设置停车泊位", ["可以"]),
        ("在公共场所应当设置明显的标志", ["应当"]),
        ("在紧急情况下可以采取必要的措施", ["可以"]),
        ("不得在道路上设置固定或者可移动障碍物", ["不得"]),
        ("政府采购应当优先采购综合利用产品和可重复使用产品", ["应当"]),
        ("修建战时可用于防空的地下室", []),
        ("未经学校允许，未成年学生不得将手机带入学校", ["不得"]),
        ("由常务委员会派有关负责人员主持", []),
        ("企业和个人可申请贷款", ["可"]),
        ("应当公开、可以查询", ["应当", "可以"]),
        ("不得将应当由物业服务人承担的费用列入公摊费用", ["不得"]),
        ("维修费用，除约定应当由建设单位承担外，由业主承担", ["承担"]),
        ("除本条例另有规定外应当报告", ["应当"]),
        ("驻军人员除须遵守全国性的法律外，还须遵守本地的法律", ["须", "须"]),
        ("根据水量分配方案确定的可供本行政区域使用的水量", []),
        ("有的可刊播简短消息", ["可"]),
        ("取得强制许可的单位不享有独占的实施权，并且无权允许他人实施", []),
    ],
)
def test_weak_cues_by_word_function(clause, cues):
    """可/允许/负责 inside the place of a 在, an attribute of a thing or a 未经 condition are no cues;
    the same words as modals or main verbs are."""
    from qqtext.extract.cues import find_cues

    assert [cue.word for cue in find_cues(clause)] == cues


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("执业兽医从事动物诊疗活动，应当佩戴执业证明。", [("执业兽医",)]),
        ("鼓励通过申报地理标志等方式，培育知名品牌。", [()]),
        ("县级以上人民政府应当支持中医药发展。鼓励通过申报地理标志等方式，培育知名品牌。", [("人民政府",), ()]),
        ("生态环境主管部门应当会同有关部门约谈该地区人民政府的主要负责人。", [("生态环境主管部门", "有关部门")]),
        ("经营者违反规定的，由市交通执法总队或者区交通执法机构责令改正，可以处五百元以下罚款。", [("交通执法总队", "交通执法机构")]),
        ("本条例施行前经营者已经从事线路营运的，应当办理手续。", [("经营者",)]),
    ],
    ids=["subject-of-the-clause-before", "encouraged-not-written", "encourager-not-inherited", "co-actor-before-its-verb",
         "by-a-body-named-with-a-verb", "time-before-the-subject"],
)
def test_actor_of_the_sentence(text, actors):
    from qqtext import parse_text

    doc = parse_text(f"第一条 {text}", doc_id="t")
    assert [n.actor_surface for n in extract_norms(doc)] == actors


def test_definitions_and_alias(jinan):
    by_term = {d.term: d for d in extract_definitions(jinan)}
    assert by_term["机关单位"].members == ("党的机关", "国家机关", "民主党派机关", "人民团体")
    assert by_term["机关单位"].kind == "alias"
    assert by_term["民营企业"].members == ("个体工商户",)
    assert by_term["政商关系"].kind == "definition" and by_term["政商关系"].unit.startswith("jinan-2019/art-2/")


def test_references(jinan):
    refs = extract_references(jinan)
    external = {r.target for r in refs if r.kind == "external"}
    assert {"公务接待标准", "公务出差标准", "有关规定"} <= external
    assert any(r.target == "following" and r.unit.startswith("jinan-2019/art-13/") for r in refs)
    for ref in refs:
        assert jinan.text[ref.span.start:ref.span.end] == ref.text


EXPECTED_DUTIES = [
    (14, "党委", "responsible_for", "主体责任", None),
    (14, "政府", "responsible_for", "主体责任", None),
    (14, "职能部门", "responsible_for", "主体责任", None),
    (14, "纪检监察机关", "supervises", "监督责任", None),
    *[(15, body, "responsible_for", task, "企业") for task in ("团结", "服务", "引导", "教育") for body in ("统战部", "工商联")],
    (22, "市委办公厅", "interprets", "解释", None),
    (22, "市政府办公厅", "interprets", "解释", None),
    (22, "市委办公厅", "consults", "解释", "纪检监察机关"),
    (22, "市政府办公厅", "consults", "解释", "纪检监察机关"),
]


def test_responsibilities_of_articles_14_15_22_exactly(jinan):
    found = {(d.article, d.body, d.relation, d.duty, d.target) for d in extract_duties(jinan) if d.article in (14, 15, 22)}
    assert found == set(EXPECTED_DUTIES)


def test_sanctions_of_article_19(jinan):
    sanctions = [(d.body, d.duty, d.target) for d in extract_duties(jinan) if d.article == 19]
    for name in ("批评教育", "责令检查", "通报", "诫勉", "党纪政务处分", "移交有关国家机关"):
        assert ("纪检监察机关", name, "机关单位工作人员") in sanctions
    assert ("国家机关", "依法处理", "企业") in sanctions


def test_extraction_runs_on_every_shared_text(shared_corpus):
    for path in sorted(shared_corpus.glob("*.*")):
        if path.name == "SOURCES.md":
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = load_document(path)
        norms = extract_norms(doc)
        extract_duties(doc), extract_definitions(doc), extract_references(doc)
        for norm in norms:
            assert doc.text[norm.cue_span.start:norm.cue_span.end] == norm.cue
            assert doc.text[norm.span.start:norm.span.end] == norm.text


def _statements(body: str) -> list[str]:
    from qqtext.parse import parse_text

    doc = parse_text(f"测试条例\n\n{body}\n", doc_id="t")
    return [norm.statement for norm in extract_norms(doc)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("第一条 行政机关不得在夜间实施行政强制执行。但是，情况紧急的除外。",
         ["不得在夜间实施行政强制执行。但是，情况紧急的除外"]),
        ("第一条 查封的期限不得超过三十日。法律另有规定的除外。", ["查封的期限不得超过三十日。法律另有规定的除外"]),
        ("第一条 行政机关不得在夜间实施行政强制执行。情况紧急的，可以先行实施。",
         ["不得在夜间实施行政强制执行", "情况紧急的，可以先行实施"]),
    ],
    ids=["but-except", "law-except", "not-an-exception"],
)
def test_statement_carries_the_exception_sentence_after_it(body, expected):
    assert _statements(body) == expected


def test_statement_carries_a_violation_written_without_de():
    body = "第一条 诉求人违反本条例规定，热线服务机构应当对诉求人进行劝阻、批评、教育。"
    assert _statements(body) == ["诉求人违反本条例规定，应当对诉求人进行劝阻、批评、教育"]


def test_statement_keeps_the_scope_the_rule_is_for():
    body = "第一条 对来访的传染病病人，信访工作机构应当及时通知疾病预防控制机构。"
    assert _statements(body) == ["对来访的传染病病人，应当及时通知疾病预防控制机构"]


def test_a_listed_noun_phrase_is_stated_with_the_lead_ins_verb():
    body = ("第一条 信访工作机构应当对下级人民政府重点督查下列事项：\n（一）执行信访工作决策的情况；\n"
            "（二）重点地区的信访工作情况。")
    statements = _statements(body)
    assert statements[1:] == ["应当对下级人民政府重点督查执行信访工作决策的情况",
                              "应当对下级人民政府重点督查重点地区的信访工作情况"]


def test_items_that_are_cases_are_stated_after_their_lead_in():
    """不得聘用具有下列情形的人员：（一）有犯罪记录的 is no rule 不得有犯罪记录的 (blind card check, round 12)."""
    from qqtext import parse_text

    doc = parse_text("测试条例\n\n第一条 幼儿园不得聘用具有下列情形的人员：\n（一）有犯罪记录的；\n"
                     "（二）其他不宜从事学前教育工作的情形。\n", doc_id="t")
    statements = [n.statement for n in extract_norms(doc) if n.item]
    assert statements == ["不得聘用具有下列情形的人员：有犯罪记录的", "不得聘用具有其他不宜从事学前教育工作的情形的人员"]


def test_founding_text_article_13_items_are_the_acts_permitted(jinan):
    """第十三条（一）–（三） are acts (参加…, 组织…) under 可参加或组织以下活动：, stated as such, not as things."""
    items = {n.item: n for n in extract_norms(jinan) if n.article == 13 and n.item in (1, 2, 3)}
    assert [items[i].aim for i in (1, 2, 3)] == ["参加", "参加", "组织"]
    assert [items[i].statement[:3] for i in (1, 2, 3)] == ["可参加", "可参加", "可组织"]

"""Actors read from the clause (qqtext.extract.subjects) and cues read as words (qqtext.extract.norms).

Every text here is written in the test, so these run on a fresh clone. They pin the rules of
GUIDELINES-dev.md: the specific written form, the head-noun type, inheritance only where no subject is
written, and the word-level cue rules.
"""

from __future__ import annotations

import pytest

from qqtext import parse_text
from qqtext.extract.norms import extract_norms
from qqtext.extract.subjects import actor_type, specific_form, subject_before


def norms_of(text: str):
    return extract_norms(parse_text(text, doc_id="t"))


def one(text: str):
    [norm] = norms_of(text)
    return norm


@pytest.mark.parametrize(
    ("clause", "actors"),
    [
        ("县级以上地方人民政府自然资源和规划部门应当", ["自然资源和规划部门"]),
        ("商业银行等金融机构应当", ["商业银行等金融机构"]),
        # a department named after a ministry (jieba knows 人力资源部, 环境保护部 as words)
        ("人力资源部门应当", ["人力资源部门"]),
        ("县级以上环境保护部门应当", ["环境保护部门"]),
        # the national level, and the organ an agency belongs to, are no part of its name
        ("国家网信部门负责", ["网信部门"]), ("中央公务员主管部门负责", ["公务员主管部门"]),
        ("人民代表大会常务委员会信访工作机构应当", ["信访工作机构"]), ("国务院办公厅督查机构承担", ["督查机构"]),
        ("国家安全机关应当", ["国家安全机关"]),
        ("食品安全监督管理等部门应当", ["食品安全监督管理部门"]),
        # a list of tiers before a body says which level, and the congress owns its standing committee
        ("省、自治区、直辖市的人民政府可以", ["人民政府"]), ("县级以上的地方各级人民政府应当", ["人民政府"]),
        ("县、自治县的人民代表大会常务委员会可以", ["常务委员会"]),
        # a count after the party says how many; a topic after it is no part of it
        ("代表十人以上联名可以", ["代表"]),
        # a special administrative region acts, and is a place before its bodies
        ("有关机关、组织应当", ["有关机关", "有关组织"]),  # 有关 goes with each generic member
        # owners written straight before one department own it together; a generic one is the last owner's
        ("各级党委和政府信访部门应当", ["信访部门"]), ("省人民政府和国务院有关部门负责", ["人民政府", "有关部门"]),
        ("香港特别行政区可以", ["香港特别行政区"]), ("香港特别行政区政府应当", ["政府"]), ("香港特别行政区立法会可以", ["立法会"]),
        # a party named by a passive appointment (受委托) is not the one appointed by a verb before it
        ("受委托单位应当", ["受委托单位"]),
        # a meeting that decides as a body
        ("信访工作联席会议应当", ["信访工作联席会议"]),
        # short forms of committees, and persons titled 长 who are no officials
        ("开发区管委会应当", ["开发区管委会"]), ("村委会应当", ["村委会"]), ("导游不得", ["导游"]),
        # a body in brackets is the alternative of the one before it; a bracketed note is not
        ("乡人民政府（街道办事处）应当", ["人民政府", "街道办事处"]),
        ("服务企业（包括外地企业设立的分支机构）应当", ["服务企业"]),
        # a list of verbs shares its object and its head; a role noun shares the thing it is of
        ("危险废物收集、贮存单位应当", ["危险废物收集单位", "危险废物贮存单位"]),
        ("餐饮、住宿经营者不得", ["餐饮经营者", "住宿经营者"]),
        ("房屋所有人或者使用人应当", ["房屋所有人", "房屋使用人"]),
        # a thing before 的 is no part of the party's name (a relative clause is)
        ("商场、超市等场所的经营者应当", ["经营者"]),
        ("各类药品的销售者应当", ["销售者"]),
        # an organ owning a department is dropped, not from its staff; quantity words go
        ("公安机关交通管理部门应当", ["交通管理部门"]),
        ("国家机关工作人员不得", ["国家机关工作人员"]),
        ("其他各类企业应当", ["企业"]),
        ("市精神文明建设指导委员会应当", ["精神文明建设指导委员会"]),
        ("村民、居民和游客应当", ["村民", "居民", "游客"]),
        # the people written after a list of bodies are those of each body
        ("评审委员会、谈判小组或者询价小组成员应当", ["评审委员会成员", "谈判小组成员", "询价小组成员"]),
        # a subject described by a clause is named by the alias the text gives it; a plain list is not
        ("受理复核申请的机关、单位（以下称复核机关）应当", ["复核机关"]),
        ("公民、法人或者其他组织（以下称申请人）可以", ["公民", "法人", "组织"]),
        # levels stand for their governments, also after bodies; an owner's 各 goes with it
        ("国务院各部门和各省、自治区、直辖市应当", ["部门", "省", "自治区", "直辖市"]),
        # a law is the subject of a competence rule; a verb opening a clause ends the subject
        ("地方性法规可以", ["地方性法规"]),
        # a list shares the head word written last; a body in the list keeps its own name; the area goes
        ("园林、林业主管部门应当", ["园林主管部门", "林业主管部门"]),
        ("教育、民政、妇联等单位应当", ["教育单位", "民政单位", "妇联"]),
        ("辖区内县级人民政府应当", ["人民政府"]),
        # a party noun after its possessor; a time after the subject; a passive party
        ("国有企业的关联方不得", ["关联方"]),
        ("其法定代表人或者主要负责人五年内不得", ["法定代表人", "主要负责人"]),
        ("被检查对象应当", ["被检查对象"]),
        ("地级以上市人民政府可以", ["人民政府"]),
        ("被告及其诉讼代理人不得", ["被告", "诉讼代理人"]),
        ("交通警察应当", ["交通警察"]),
        ("监督管理部门发现单位违反规定的", ["监督管理部门"]),
        ("司法、执法、执纪机关在办案中应当", ["司法机关", "执法机关", "执纪机关"]),
        ("市外经贸、科技、物价等部门应当", ["外经贸部门", "科技部门", "物价部门"]),
        ("小额贷款公司、融资担保公司等地方金融组织应当", ["小额贷款公司、融资担保公司等地方金融组织"]),
        ("任何单位和个人不得", ["单位", "个人"]),
        ("非公有制企业的合伙人、员工不得", ["合伙人", "员工"]),
        ("国务院投资主管部门依照本条例", ["投资主管部门"]),
        ("投资主管部门和依法对政府投资项目负有监督管理职责的其他部门应当",
         ["投资主管部门", "依法对政府投资项目负有监督管理职责的部门"]),
        ("有关单位和人员应当", ["有关单位", "有关人员"]),
        ("行政执法辅助人员经培训考试合格后", ["行政执法辅助人员"]),
        ("被征收人对补偿决定不服的", ["被征收人"]),
        ("设区的市人民政府应当", ["人民政府"]),
        ("兽医、卫生、水务等行政部门应当", ["兽医行政部门", "卫生行政部门", "水务行政部门"]),
        ("交通、公安等行政管理部门应当", ["交通行政管理部门", "公安行政管理部门"]),
        ("物业所在地公安机关应当", ["公安机关"]),
        ("教育部门及其他职能部门应当", ["教育部门", "职能部门"]),
        ("在本市从事物业服务的物业服务企业应当", ["从事物业服务的物业服务企业"]),
        ("社区卫生服务中心、乡镇卫生院应当", ["社区卫生服务中心", "卫生院"]),
        ("有条件的企业应当", ["企业"]),
        ("民用爆炸物品生产企业", ["民用爆炸物品生产企业"]),
        ("全省性宗教团体应当", ["宗教团体"]),
        ("宗教活动场所应当", ["宗教活动场所"]),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_subject_in_its_specific_form(clause, actors):
    subject = subject_before(clause, 0, len(clause))
    assert subject is not None and [a.surface for a in subject.actors] == actors


@pytest.mark.parametrize(
    "clause",
    ["政府投资资金应当", "对非公有制企业的行政事业性收费应当", "政府投资项目开工建设"],
)
def test_things_and_activities_name_no_actor(clause):
    subject = subject_before(clause, 0, len(clause))
    assert subject is None or subject.actors == ()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("商业银行等金融机构", "financial_institution"), ("行业协会", "association"), ("申请人", "individual"),
        ("发展改革部门", "government"), ("人民检察院", "judicial_supervisory"), ("村民委员会", "public_service"),
        ("经营者", "enterprise"), ("中介服务机构", "enterprise"),
        # institutions that test, certify or arbitrate are not organs of the state
        ("船长", "individual"), ("居委会", "public_service"), ("食品检验机构", "other"), ("认证机构", "other"), ("劳动争议仲裁机构", "other"), ("公证机构", "public_service"),
    ],
)
def test_type_from_the_head_noun(name, kind):
    assert actor_type(name) == kind


def test_specific_form_drops_levels_not_names():
    assert specific_form("各级党委") == "党委"
    assert specific_form("市场监督管理部门") == "市场监督管理部门"
    assert specific_form("地方金融组织") == "地方金融组织"
    assert specific_form("有关部门") == "有关部门" and specific_form("有关主管部门") == "主管部门"


def test_specific_body_is_kept_and_typed():
    norm = one("第一条 县级以上地方人民政府自然资源和规划部门应当加强监督检查。")
    assert norm.actor == ("自然资源和规划部门",) and norm.actor_surface == ("自然资源和规划部门",)
    assert norm.actor_type == ("government",) and not norm.actor_implicit


def test_no_dominant_actor_for_a_thing_subject():
    """A law that names 企业 in every article does not give 企业 the norms of a thing subject."""
    text = ("第一条 企业应当依法经营。\n第二条 企业可以申请贷款。\n第三条 企业应当建立制度。\n"
            "第四条 对企业的行政事业性收费应当建立监督制度。")
    last = [n for n in norms_of(text) if n.article == 4]
    assert len(last) == 1 and last[0].actor == () and last[0].actor_implicit


def test_inheritance_within_the_article_and_never_across_a_new_subject():
    norms = norms_of("第一条 检察机关应当加强预防。发现问题的，应当提出建议。\n第二条 被建议单位应当及时整改。")
    assert [n.actor for n in norms] == [("检察机关",), ("检察机关",), ("被建议单位",)]
    assert [n.actor_implicit for n in norms] == [False, True, False]


def test_by_gives_the_bearer_and_shang_only_consults():
    norm = one("第一条 本办法具体解释工作由市委办公厅、市政府办公厅商市纪委市监委机关承担。")
    assert norm.actor == ("市委办公厅", "市政府办公厅")


def test_encouraged_party_follows_the_cue():
    norms = norms_of("第一条 鼓励和支持公民、法人和其他组织参与预防工作。")
    assert [n.cue for n in norms] == ["鼓励", "支持"]
    assert all(n.deontic == "encouragement" and n.actor_surface == ("公民", "法人", "组织") for n in norms)


def test_pivot_names_who_acts():
    norm = one("第一条 县级以上地方各级人民政府指定专门单位负责保管礼品。")
    assert norm.actor_surface == ("专门单位",)


def test_sanction_target_is_not_its_actor():
    norm = one("第一条 国家行政机关工作人员违反本规定赠送礼品的，应当给予批评教育。")
    assert norm.actor == ()


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # heads of small businesses, company officers and the public
        ("第一条 食品小作坊应当公示登记证。", ("食品小作坊",)),
        ("第一条 董事、监事、高级管理人员不得兼任监事。", ("董事", "监事", "高级管理人员")),
        ("第一条 社会公众应当守信自律。", ("社会公众",)),
        # a verb compounding with the platform or committee it names (共享平台, 委员会成员)
        ("第一条 省、省辖市信用信息共享平台应当公开信用信息。", ("信用信息共享平台",)),
        ("第一条 评审委员会成员有利害关系的，应当主动回避。", ("评审委员会成员",)),
        # levels and owning courts are dropped; a reference to the whole text restricts nothing
        ("第一条 上一级人民法院审判委员会应当重新审查。", ("审判委员会",)),
        ("第一条 本条例规定的监督机关，应当依法履行职责。", ("监督机关",)),
        ("第一条 市卫生健康部门应当公布投诉电话。", ("卫生健康部门",)),
        # a verb + person noun opening the subject is one agent noun; after a verb it is the object
        ("第一条 复议请求人要求复议，应当先向复议机关提出。", ("复议请求人",)),
        ("第一条 行政机关应当及时答复申请人。", ("行政机关",)),
        # a subject with a topic (X对Y，应当…), or with a clause of time, acts in the clause after it
        ("第一条 市执法部门对区执法部门未予查处的违法行为，应当责令其查处。", ("执法部门",)),
        ("第一条 履行监管职责的机构对拟任命的人选，应当进行考察。", ("履行监管职责的机构",)),
        ("第一条 行政机关赔偿损失后，应当责令有过错的工作人员承担部分费用。", ("行政机关",)),
        # 禁止 X + verb: X is barred, also before a verb jieba tags as a noun
        ("第一条 禁止食品摊贩生产经营过期食品。", ("食品摊贩",)),
        # 组织 + verb organises an activity; 跨部门 qualifies a mechanism: neither names a co-actor
        ("第一条 省人民政府应当组织建设统一的信息平台。", ("人民政府",)),
        ("第一条 人民政府应当会同监察机关建立跨部门的协作机制。", ("人民政府", "监察机关")),
        # coordinations: a level list, a relative clause, X等有关部门
        ("第一条 市、区人民政府以及市场监管等有关部门应当及时处置事故。", ("人民政府", "市场监管部门")),
        ("第一条 国家机关、法律法规授权的组织以及人民团体应当遵守本条例。", ("国家机关", "法律法规授权的组织", "人民团体")),
        ("第一条 国家机关、人民团体和国有公司、企业应当做好预防工作。", ("国家机关", "人民团体", "国有公司", "国有企业")),
        ("第一条 受理投诉的单位或者个人不得泄露投诉内容。", ("受理投诉的单位", "受理投诉的个人")),
        ("第一条 鼓励国家机关、企事业单位和其他社会组织自行实施禁烟。", ("国家机关", "企业单位", "事业单位", "社会组织")),
        ("第一条 鼓励民营企业、社区组织等单位开展合作。", ("民营企业、社区组织等单位",)),
        # a copula states what the subject is; a count says how many, not who
        ("第一条 市卫生健康部门是控烟工作的主管部门，负责组织实施本条例。", ("卫生健康部门",)),
        ("第一条 调查工作应当由两名以上的监督人员进行。", ("监督人员",)),
        # a chain of relative clauses, also with the predicate written in the clause before the cue
        ("第一条 出资机构委派的股东代表参加股东会会议，应当按照委派机构的指示行使表决权。", ("出资机构委派的股东代表",)),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_subject_written_in_the_sentence(text, actors):
    first = norms_of(text)[0]
    assert first.actor_surface == actors and not first.actor_implicit


def test_a_topic_after_the_subject_and_a_body_set_up_are_not_actors():
    assert one("第一条 代表对于确定的候选人，可以投赞成票。").actor_surface == ("代表",)
    assert one("第一条 人民代表大会可以组织关于特定问题的调查委员会。").actor_surface == ("人民代表大会",)
    assert one("第一条 人民政府应当组织有关部门开展检查。").actor_surface == ("人民政府", "有关部门")
    assert one("第一条 主任可以委托副主任主持会议。").actor_surface == ("主任",)


def test_granting_compensation_is_no_sanction():
    """给予赔偿 grants, 给予处分 sanctions: only the subject of the case before a sanction is its target."""
    assert one("第一条 行政机关有违法情形的，应当给予赔偿。").actor_surface == ("行政机关",)
    assert one("第一条 公务员有下列情形之一的，应当依法给予处分。").actor_surface == ()
    # 予以 is a sanction only with one (予以处分); 予以登记, 予以受理 are what the party of the case does
    assert one("第一条 公务员违反规定的，应当予以处分。").actor_surface == ()
    assert one("第一条 人民政府信访工作机构收到信访事项的，应当予以登记。").actor_surface == ("信访工作机构",)


def test_a_written_subject_imposes_every_sanction_of_its_sentence():
    norms = norms_of("第一条 对违纪人员，监察机关应当依法给予处分；构成犯罪的，应当依法追究刑事责任。")
    assert [n.actor_surface for n in norms] == [("监察机关",), ("监察机关",)]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("第一条 工作人员不得索要财物。", ["不得"]),            # 索要: 要 inside a word
        ("第一条 营造稳定、公平、透明、可预期的营商环境。", []),  # 可预期: an attribute
        ("第一条 会议纪要应当存档。", ["应当"]),                # 纪要
        ("第一条 企业负责人应当履职。", ["应当"]),              # 负责人: a noun
        ("第一条 在国家规定允许的范围内自主定价。", []),         # 允许的范围
        ("第一条 行政机关应当避免重复检查。", ["应当"]),         # 避免 is no cue
        ("第一条 推动可持续发展。", []),                      # 可持续
        ("第一条 分级负责、限时办结。", []),                   # 负责 as a noun in a list
        ("第一条 保障员工应当享有的合法权益。", []),            # 应当享有的: inside a noun phrase
        # a modal in a relative clause on a thing the sentence goes on about
        ("第一条 依法必须进行评估的项目，建设单位应当委托评估。", ["应当"]),
        ("第一条 国务院规定应当备案的项目，按照有关规定办理。", []),
        ("第一条 对于应当公开的信息，行政机关应当及时公开。", ["应当"]),
        ("第一条 行政机关应当加强对企业的服务。", ["应当"]),     # 的 inside the object: a norm
        ("第一条 政府应当给予支持和便利。", ["应当"]),            # 给予支持: the support is a noun
        ("第一条 网信部门可以予以公告，并采取限制或者禁止向其提供个人信息等措施。", ["可以"]),  # the measure taken
    ],
)
def test_false_friends_are_no_cues(text, cues):
    assert [n.cue for n in norms_of(text)] == cues


def test_definitions_state_no_norm():
    assert norms_of("第一条 本条例所称单位，是指应当依法登记的组织。") == []


def test_cue_inside_a_noun_phrase_is_no_norm():
    assert [n.cue for n in norms_of("第一条 经营者应当在禁止吸烟场所设置明显的禁止吸烟标志。")] == ["应当"]


def test_items_carry_a_governing_lead_in():
    text = ("第一条 机关单位工作人员经单位批准，可参加下列活动：\n（一）参加企业举办的座谈会；\n"
            "（二）其他符合规定的活动。")
    norms = norms_of(text)
    items = [n for n in norms if n.item]
    assert [(n.deontic, n.cue_implicit, n.actor_implicit) for n in items] == [("permission", True, True)] * 2
    assert items[1].aim == "参加" and items[1].object == "其他符合规定的活动"


def test_items_of_a_situation_list_state_no_norms():
    text = ("第一条 工作人员有下列情形之一的，应当依法处理：\n（一）应办未办的；\n（二）可以办理而拖延的。")
    assert [n.item for n in norms_of(text)] == [None]


def test_a_permission_inside_a_prohibited_act_is_part_of_it():
    text = "第一条 工作人员不得有下列行为：\n（一）允许他人以本单位名义经营；\n（二）收受礼品。"
    items = [n for n in norms_of(text) if n.item]
    assert [(n.item, n.deontic, n.cue_implicit) for n in items] == [(1, "prohibition", True), (2, "prohibition", True)]


def test_norms_cli_writes_surface_and_type(tmp_path, capsys):
    import csv
    import io
    import json

    from conftest import run

    path = tmp_path / "条例.txt"
    path.write_text("第一条 县级以上地方人民政府自然资源和规划部门应当加强监督。\n第二条 行业协会可以制定自律规范。\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "norms", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [(r["actor_surface"], r["actor_type"]) for r in rows] == [
        ("自然资源和规划部门", "government"), ("行业协会", "association")]
    code, out, _ = run(capsys, "norms", str(path), "--format", "json")
    assert [r["actor_type"] for r in json.loads(out)] == ["government", "association"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区、县（市）城市市容和环境卫生行政主管部门（以下简称区、县（市）市容环卫主管部门）负责本辖区的管理工作",
         ["城市市容和环境卫生行政主管部门"]),  # an alias with parentheses inside it is left out whole
        ("城市管理行政执法部门可以处五百元以上五千元以下罚款", ["城市管理行政执法部门"]),  # 城市 is no place name
    ],
    ids=["nested-alias", "chengshi"],
)
def test_subjects_with_aliases_and_city_words(text, expected):
    [norm] = norms_of(f"测试条例\n\n第一条 {text}。\n")
    assert list(norm.actor_surface) == expected


def test_a_verb_before_a_level_word_opens_no_subject():
    from qqtext.extract.subjects import subject_before

    text = "报同级人民政府批准后实施"
    assert subject_before(text, 0, len(text), before_cue=False) is None


def test_a_sanction_bars_the_party_of_its_case():
    """…的，由X处…罚款，N年内不得… / 禁止其…: the violator is barred, not the body that sanctions."""
    text = ("第一条 供货单位以欺骗手段取得资格的，由主管部门撤销其资格，处五万元以下的罚款，三年内不得再次申请。"
            "\n第二条 投标人提供虚假材料的，由财政部门列入不良行为记录名单，禁止其一至三年内参加采购活动。")
    barred = [n for n in norms_of(text) if n.deontic == "prohibition"]
    assert [n.actor_surface for n in barred] == [("供货单位",), ("投标人",)]


def test_cue_of_an_obligations_act_and_abilities_are_no_norms():
    # 应当…后方可…: the permission is the condition of the obligation's act; 可对账、可校验: abilities
    assert [n.cue for n in norms_of("第一条 建设单位应当经主管部门验收后方可投入使用。")] == ["应当"]
    assert [n.cue for n in norms_of("第一条 平台应当实现数据可对账、可校验、可追溯。")] == ["应当"]
    assert [n.deontic for n in norms_of("第一条 建设单位取得施工许可证后方可开工建设。")] == ["permission"]


def test_a_law_is_an_actor_only_of_its_own_cue():
    text = "第一条 行政法规可以设定行政许可。法律、行政法规对许可条件有规定的，申请人应当遵守。"
    assert [n.actor_surface for n in norms_of(text)] == [("行政法规",), ("申请人",)]
    text = "第一条 法律、法规授权的组织应当依法履行职责。"
    assert [n.actor_surface for n in norms_of(text)] == [("法律、法规授权的组织",)]


def test_levels_in_a_clause_without_a_cue_name_who_acts():
    text = "第一条 省、自治区、直辖市根据当地实际情况，可以决定具体办法。"
    assert [n.actor_surface for n in norms_of(text)] == [("省", "自治区", "直辖市")]


def test_a_named_body_before_its_predicate_acts_in_the_next_clause():
    # 人民法院审理行政案件，应当…: the court, not the case; 政府投资项目，应当…: a project (a compound)
    assert [n.actor_surface for n in norms_of("第一条 人民法院审理行政案件，应当收取诉讼费用。")] == [("人民法院",)]
    assert [n.actor_surface for n in norms_of("第一条 政府投资项目开工建设，应当符合建设条件。")] == [()]


def test_a_case_written_over_several_clauses_is_stated_whole():
    text = "第一条 管理人员涉嫌违法，已经被立案调查，不宜继续履行职责的，任免机关可以决定暂停其履行职务。"
    [norm] = norms_of(text)
    assert norm.statement.startswith("管理人员涉嫌违法，已经被立案调查，不宜继续履行职责的，")
    # after a rule, a clause without a cue continues it and opens no case
    text = "第一条 工作人员应当提高效率，尽可能在工作时间内完成任务，确有需要用餐的，应按标准安排。"
    assert norms_of(text)[1].statement.startswith("确有需要用餐的，")


def test_a_modal_in_a_situation_found_is_no_rule():
    text = "第一条 监察机关发现任免机关应当给予处分而未给予的，可以提出监察建议。"
    assert [n.cue for n in norms_of(text)] == ["可以"]


def test_card_lines_keep_the_approval_and_the_scope_they_need():
    text = "第一条 被告因正当事由不能提供证据的，经人民法院准许，可以延期提供。"
    [norm] = norms_of(text)
    assert "经人民法院准许" in norm.statement
    text = "第一条 在行政赔偿的案件中，原告应当对损害提供证据。"
    [norm] = norms_of(text)
    assert norm.statement.startswith("在行政赔偿的案件中")


def test_a_court_decision_on_a_party_is_not_the_partys_permission():
    text = "第一条 被告无正当理由拒不到庭的，可以缺席判决。"
    assert [n.actor_surface for n in norms_of(text)] == [()]


def test_an_item_that_ends_in_a_case_states_no_rule():
    text = "第一条 原告应当提供证据，但有下列情形之一的除外：\n（一）被告应当依职权主动履行法定职责的；"
    assert [n.cue for n in norms_of(text) if n.item] == []


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # 鼓励/支持 X V…: X is the party encouraged whatever its head (money, a district, an area)
        ("第一条 鼓励社会资本参与河流管理保护。", ("社会资本",)),
        ("第一条 本市支持浦东新区建立算法评价标准体系。", ("浦东新区",)),
        ("第一条 鼓励社会资金参与公益设施建设。", ("社会资金",)),
        # verbs coordinated with the cue come before the party
        ("第一条 本市支持、指导、规范有关安全生产服务机构依法开展评价。", ("安全生产服务机构",)),
        # a phrase that is supported (an activity, a verb-noun) or a body being made names no party
        ("第一条 本市支持数据资源开发和应用。", ()),
        ("第一条 本市支持传统产业转型升级。", ()),
        ("第一条 鼓励和支持建立参与精致城市建设的志愿服务组织，拓宽志愿服务范围。", ()),
    ],
)
def test_the_party_encouraged_is_the_noun_phrase_before_its_action(text, actors):
    assert norms_of(text)[0].actor_surface == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("第一条 重要数据处理者应当明确数据安全责任人。", ("重要数据处理者",)),  # an adjective inside the subject
        ("第一条 下列机构应当优先实施无障碍设施改造：", ("机构",)),  # 下列 (tagged a verb) opens the phrase
        ("第一条 食用农产品批发市场应当配备检验设备。", ("食用农产品批发市场",)),  # a market stands for who runs it
        ("第一条 接收方应当在上述处理目的范围内处理个人信息。", ("接收方",)),
        ("第一条 政府常务会议可以决定有关事项。", ("政府常务会议",)),
    ],
)
def test_written_subjects_of_other_heads(text, actors):
    assert norms_of(text)[0].actor_surface == actors


def test_who_found_the_case_acts_on_it():
    """人民法院发现…的，应当移送…: 移送 is no sanction on the court; the finder acts."""
    norm = one("第一条 人民法院发现受理的案件不属于本院管辖的，应当移送有管辖权的人民法院。")
    assert norm.actor_surface == ("人民法院",) and not norm.actor_implicit


def test_specific_form_drops_words_that_point_to_the_bodies_meant():
    assert [specific_form(a) for a in ("下列机构", "上述单位", "前款规定的单位", "其所有人")] == ["机构", "单位", "单位", "所有人"]
    # the organ a body belongs to is no part of its name
    assert specific_form("决策机关所属部门") == "所属部门"
    assert specific_form("街道办事处所属的城市网格化管理机构") == "城市网格化管理机构"


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a list closed by 等 before its head is one actor (GUIDELINES-dev.md)
        ("第一条 报刊、广播、电视、网络等新闻媒体应当开展公益宣传。", ("报刊、广播、电视、网络等新闻媒体",)),
        # field words before 等部门 / 等单位 each name a department or unit
        ("第一条 公安、民政、卫生健康等部门应当予以配合。", ("公安部门", "民政部门", "卫生健康部门")),
    ],
)
def test_lists_closed_by_etc(text, actors):
    assert norms_of(text)[0].actor_surface == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a party named by its trade, verbs included, right before the cue
        ("第一条 修理加工业经营者应当在修理前告知消费者。", ("修理加工业经营者",)),
        ("第一条 洗染业经营者应当与消费者共同确认衣物状况。", ("洗染业经营者",)),
        # a foreign party is a category of its own
        ("第一条 外国投资者应当通过企业登记系统报送投资信息。", ("外国投资者",)),
    ],
)
def test_trade_names_and_foreign_parties(text, actors):
    assert norms_of(text)[0].actor_surface == actors


def test_a_verb_and_its_object_are_no_trade_name():
    [norm] = norms_of("第一条 外国军用船只进入香港特别行政区须经中央人民政府批准。")
    assert not any("进入" in a for a in norm.actor_surface)


def test_after_an_encouragement_another_encouragement_is_a_norm_of_its_own():
    norms = norms_of("第一条 本市鼓励外国投资者在本市设立投资性公司，支持投资性公司依法开展投资活动。")
    assert [(n.cue, n.actor_surface) for n in norms] == [("鼓励", ("外国投资者",)), ("支持", ("投资性公司",))]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("第一条 交通警察执勤执法应当遵守道路交通安全法律法规。", ("交通警察",)),  # the agent, then what it does
        ("第一条 登记机关无正当理由不得拒绝移交档案。", ("登记机关",)),
        ("第一条 受委托的自然人或者中介机构代为办理登记事宜应当遵守有关规定。", ("受委托的自然人", "受委托的中介机构")),
        ("第一条 消费者组织应当依法进行社会监督。", ("消费者组织",)),  # 组织 (tagged a verb) closing the subject
    ],
)
def test_a_subject_followed_by_its_own_predicate_before_the_cue(text, actors):
    assert norms_of(text)[0].actor_surface == actors


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # 禁止 inside a noun phrase: what a law bars is a kind of thing, no norm
        ("第一条 对法律、法规禁止向未成年人提供的商品或者服务，经营者不得向其提供。", ["不得"]),
        ("第一条 经营者不得从事法律、法规禁止从事的经营活动。", ["不得"]),
        # a prohibition as such stays one
        ("第一条 禁止生产、销售不可降解的一次性餐具。", ["禁止"]),
    ],
)
def test_a_prohibition_a_law_makes_inside_a_noun_phrase_is_no_norm(text, cues):
    assert [n.cue for n in norms_of(text)] == cues


def test_card_statements_of_items_and_aliases():
    text = ("第一条 县级以上地方人民政府市场监督管理部门（以下称登记机关）应当优化登记流程。\n"
            "第二条 登记机关可以行使下列职权：\n（一）向与市场主体经营活动有关的单位和个人调查了解情况；\n"
            "（二）法律、行政法规规定的其他职权。")
    statements = [n.statement for n in norms_of(text)]
    assert statements[0] == "应当优化登记流程"  # not "）应当…": the alias is no part of the rule
    assert "可以向与市场主体经营活动有关的单位和个人调查了解情况" in statements  # an act, not a listed noun
    assert "可以行使法律、行政法规规定的其他职权" in statements  # a noun phrase the lead-in's verb governs


def test_a_modal_inside_a_short_member_of_a_list_is_no_cue():
    """异地可办 among 集中办理、就近办理、网上办理: a term of the list (the annotator of round 12 said so too)."""
    assert [n.cue for n in norms_of("第一条 登记机关应当推行限时办结制度，实现集中办理、就近办理、网上办理、异地可办。")] == ["应当"]


def test_a_verb_cue_after_a_hiring_verb_is_in_the_aim():
    """…应当遵循…原则，聘用…高级管理人员负责…工作: whom it hires are responsible; one norm of the subject."""
    norms = norms_of("第一条 私募基金管理人应当遵循专业化管理原则，聘用具有相应从业经历的高级管理人员负责投资管理工作。")
    assert [n.cue for n in norms] == ["应当"]


def test_who_found_the_case_acts_on_all_of_it():
    norm = norms_of("第一条 证券监督管理机构发现私募基金管理人违法违规，或者其内部治理结构不符合规定的，应当责令其限期改正。")[0]
    assert norm.actor_surface == ("证券监督管理机构",)


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("第一条 运营单位应当设定操作权限，操作过程留痕可查。", ["应当"]),  # what a record can be: traceable
        ("第一条 鼓励经营者优先使用可循环利用的产品。", ["鼓励"]),  # 可 inside the object of 使用
        ("第一条 信访事项按照“属地管理、分级负责，谁主管、谁负责”的原则办理。", []),  # a principle in quotes
        ("第一条 当事人可查阅案卷。", ["可"]),  # a permission stays one
        ("第一条 民间团体和宗教组织可同世界各国的有关团体保持和发展关系。", ["可"]),  # 组织 (tagged a verb) is the subject
    ],
)
def test_weak_cues_that_describe_instead_of_permitting(text, cues):
    assert [n.cue for n in norms_of(text)] == cues


def test_items_of_a_list_of_documents_are_stated_in_the_lead_ins_words():
    text = ("第一条 私募基金管理人应当向国务院证券监督管理机构委托的机构（以下称登记备案机构）报送下列材料：\n"
            "（一）统一社会信用代码；\n（二）保证报送材料真实、准确、完整的信用承诺书；\n（三）国务院证券监督管理机构规定的其他材料。")
    statements = [n.statement for n in norms_of(text)][1:]
    assert statements == ["应当向国务院证券监督管理机构委托的机构报送统一社会信用代码",
                          "应当向国务院证券监督管理机构委托的机构报送保证报送材料真实、准确、完整的信用承诺书",
                          "应当向国务院证券监督管理机构委托的机构报送国务院证券监督管理机构规定的其他材料"]


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        # what the actor does that the rule is about stays in the card line (blind card check, round 12)
        ("第一条 经营者以预收款方式提供商品或者服务，应当与消费者明确约定商品的数量和质量。",
         "以预收款方式提供商品或者服务，应当与消费者明确约定商品的数量和质量"),
        ("第一条 经营者对可能危及人身安全的商品，应当向消费者作出真实的说明。", "对可能危及人身安全的商品，应当向消费者作出真实的说明"),
        ("第一条 经营者在施工过程中，不得擅自超出约定增加费用。", "在施工过程中，不得擅自超出约定增加费用"),
        ("第一条 因施工质量问题需要返工的，经营者应当免费返工。", "因施工质量问题需要返工的，应当免费返工"),
        ("第一条 登记机关，应当公示。", "应当公示"),
    ],
)
def test_card_lines_keep_what_the_actor_does_before_the_cue(text, statement):
    assert norms_of(text)[0].statement == statement

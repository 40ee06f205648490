"""Word classes of subject phrases: agent heads and the function words that bound a phrase.

The head nouns (``qqtext/data/actor_heads.tsv``: 部门, 机关, 企业, 银行, 协会, 作坊, 人员, 者 …) say
whether a noun phrase names someone who can act and of which type; the word sets below say where a
subject phrase may run (coordinators, levels, glue) and where it ends (adverbials, prepositions, verbs
that take a body as object). :mod:`qqtext.extract.subjects` reads subjects with them.

>>> agent_head("食品小作坊"), actor_type("食品小作坊"), actor_type("商业银行等金融机构")
('作坊', 'enterprise', 'financial_institution')
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from qqtext.extract.actors import _surface_index

__all__ = [
    "ActorType", "actor_type", "agent_head", "ADVERBIALS", "CLAUSE_VERBS", "DEPARTMENT_HEADS", "LAW_HEADS", "MEMBER_HEADS", "ORGAN_OWNERS", "names_a_law", "AGENT_TAKING_VERBS", "BARE_HEADS", "COORDINATORS",
    "COPULAS", "DETERMINERS", "DUTY_NOUNS", "GLUE", "LEADING", "LEVEL_WORDS", "NOMINAL_TAGS", "NOT_RELATIVE_START",
    "ONE_CHARACTER_HEADS", "OWNERS", "PLACE_AFTER", "PLACE_LEVELS", "TIME_AFTER", "TOPIC_MARKERS",
]

ActorType = str  # one of the types in actor_heads.tsv

#: Words joining members of a coordinated list of actors.
COORDINATORS = frozenset({"、", "和", "及", "及其", "以及", "或", "或者", "和其他", "或其他"})
#: Words that stay inside a noun phrase without being its head.
GLUE = frozenset({"等", "的", "之", "（", "）", "(", ")", "“", "”", "《", "》", "\"", "'"})
#: Words in front of a subject that are not part of it.
LEADING = frozenset({"但", "但是", "并", "并且", "同时", "且", "另外", "此外", "而", "也", "还", "凡", "凡是", "除", "如", "若", "即", "均",
                     "或者", "或", "以及", "其中"})
#: Words that say which level, place or how many (dropped from the specific form).
LEVEL_WORDS = frozenset(
    "各级 县级 以上 县级以上 地方 地方各级 本级 上级 下级 同级 本市 本省 本区 本县 全市 全省 全国 全区 全县 任何 其他 其它 "
    "全国性 全省性 全市性 全区性 全县性 所在地 所在 各类 各种 各个 各省 各市 各县 各区 地级 当地 各 上一级 下一级 市 省 县 区 乡 镇 州 盟 旗 乡镇 区县 县区 市县 市级 省级 县级市 省辖市 设区 同一 不同 自治区 直辖市 自治州 自治县".split()
)
#: Adverbials that end the subject even where jieba tags them as nouns (依法 is tagged n).
ADVERBIALS = frozenset(
    "依法 依规 依纪 依照 按照 根据 依据 遵照 均 都 也 还 原则上 一律 统一 共同 分别 及时 严格 积极 主动 自行 自觉 逐步 切实 认真 "
    "应当 应 必须 须 要 可以 可 不得 不 未 已 已经 将 把 对 对于 在 向 为 于 从 自 与 由 经 通过 会同 协同 联合 商 就 按 依 给予 予以 是 为".split()
)
#: Heads of the names of laws and rules: actors only of the cue written right after them (行政法规可以设定…),
#: never of a case (法律、法规对…有规定的) and never the subject of a relative clause (法律、法规授权的组织).
LAW_HEADS = frozenset({"法律", "法规", "规章", "规范性文件"})
#: Organs that own the department or office written after them (公安机关交通管理部门 -> 交通管理部门).
ORGAN_OWNERS = frozenset({"公安机关", "国家机关", "检察机关", "审判机关"})
#: Heads of a department or office inside an organ.
DEPARTMENT_HEADS = frozenset({"部门", "主管部门", "机构", "工作机构", "办公室", "委员会"})
#: Heads of the people of a body, written after it (评标委员会成员, 事业单位工作人员).
MEMBER_HEADS = frozenset({"成员", "工作人员", "负责人", "主要负责人", "职工", "员工"})
#: Bodies that own the department written after them (人民政府发展改革部门, 国务院投资主管部门).
OWNERS = frozenset({"人民政府", "政府", "国务院", "党委", "县级人民政府", "市人民政府", "省人民政府", "人民法院", "人民检察院"})
#: Words a relative clause inside a subject may not start with at the clause start: they open an
#: object or an agent phrase (对拒不改正的企业 is what is acted on, not who acts).
NOT_RELATIVE_START = frozenset({"对", "向", "把", "将", "给", "为", "由", "与", "同", "和", "跟", "就",
                                "应当", "应", "可以", "可", "必须", "须", "不得", "要"})
#: Heads a modifier may share or a verb may modify as one compound (司法、执法机关; 执法人员, 融资担保公司).
BARE_HEADS = frozenset({"机关", "部门", "单位", "机构", "组织", "人员", "公司", "学校", "委员会", "小组", "中心", "协会", "媒体", "平台"})
#: Words that open a noun phrase of their own (a verb's object), never the middle of a compound.
DETERMINERS = frozenset({"有关", "相关", "其他", "其它", "该", "本", "各", "所属", "下列", "以下", "上述", "前款", "其",
                         "上级", "下级", "同级"})
#: Level words that name a tier of government (乡镇企业 is a kind of enterprise, 乡镇人民政府 a tier).
PLACE_LEVELS = frozenset("市 省 县 区 乡 镇 州 乡镇 区县 县区 市县 市级 省级 省辖市".split())
#: Place words that may close a subject after its head (行政执法机构之间…).
PLACE_AFTER = frozenset({"之间", "相互之间", "之中"})
#: Copulas: X是Y states what X is (卫生健康部门是…主管部门，负责…); X is the subject of what follows.
COPULAS = frozenset({"是", "系"})
#: Prepositions after a subject that front the object of the clause after it (X对Y，应当…).
TOPIC_MARKERS = frozenset({"对", "对于", "就"})
#: Words closing a clause of time (…后, …时): what stands before them is an event, its opening agent acts.
TIME_AFTER = frozenset({"后", "以后", "之后", "前", "以前", "之前", "时", "期间"})
#: Verbs that open a clause of their own after a subject (X发现Y违反…的, X接到Y…后): never inside the subject.
CLAUSE_VERBS = frozenset("发现 接到 收到 认为 得知 获悉 查明 确认 知道 违反 接受 不服".split())
#: One-character heads written after a verb or noun: 来电人, 吸烟者, 工作员, 农户.
ONE_CHARACTER_HEADS = frozenset({"人", "者", "员", "户", "官", "师"})
#: Verbs that take a body as their object (委托中介机构, 指定相关机构, 要求企业): never part of a subject,
#: whatever jieba tags them (委托 is tagged a noun).
AGENT_TAKING_VERBS = frozenset("委托 指定 要求 组织 通知 邀请 责令 授权 督促 指导 协助 配合 引导 会同 协同 联合 商 征求 听取 "
                               "选择 提交 报送 报请 提请 移送 抄送 告知 送达 开办 设立".split())
#: Nouns for what a body owes (市热线工作机构主要职责：): the body before them acts in the list that follows.
DUTY_NOUNS = frozenset({"职责", "主要职责", "职权", "义务", "责任", "主要任务", "任务"})
NOMINAL_TAGS = ("n", "j", "l", "i", "b", "f", "r", "m", "q", "x", "vn", "an", "s", "nz", "nt", "ns", "nr", "ng")


@cache
def _heads() -> dict[str, str]:
    text = (resources.files("qqtext") / "data" / "actor_heads.tsv").read_text(encoding="utf-8")
    heads: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            head, kind = line.split("\t")[:2]
            heads[head.strip()] = kind.strip()
    return heads


@cache
def _heads_by_length() -> tuple[str, ...]:
    return tuple(sorted(_heads(), key=len, reverse=True))


def agent_head(phrase: str) -> str | None:
    """The longest agent head ``phrase`` ends with (one-character heads only after other characters)."""
    for head in _heads_by_length():
        if phrase.endswith(head) and (len(head) > 1 or len(phrase) > 1):
            return head
    return None


def _shortest_head(word: str) -> str | None:
    """The shortest head of two characters or more that ``word`` ends with (学校 of 小学校), to distribute."""
    found = [h for h in _heads() if len(h) > 1 and word.endswith(h)]
    return min(found, key=len) if found else None


def actor_type(name: str) -> ActorType:
    """The type of an actor from its head noun (``other`` when no head is known).

    >>> actor_type("商业银行等金融机构"), actor_type("行业协会"), actor_type("申请人"), actor_type("发展改革部门")
    ('financial_institution', 'association', 'individual', 'government')
    """
    head = agent_head(name)
    return _heads()[head] if head else "other"


def names_a_law(name: str) -> bool:
    """Whether a name is that of a law or rule (行政法规, 规范性文件): see :data:`LAW_HEADS`."""
    return agent_head(name) in LAW_HEADS


def _is_agent(word: str, tag: str) -> bool:
    if word.startswith("跨"):
        return False  # 跨部门, 跨区域: "across departments" qualifies a mechanism, it names no body
    if word in _surface_index() or word in _heads():
        return True  # 组织 is tagged a verb, but a bare head names a body
    return _nominal(word, tag) and agent_head(word) is not None


def _nominal(word: str, tag: str) -> bool:
    if word in ADVERBIALS or word in AGENT_TAKING_VERBS:
        return False
    return tag.startswith(NOMINAL_TAGS) or word in LEVEL_WORDS or word in DETERMINERS  # 下列/v, 相关/v open a noun phrase

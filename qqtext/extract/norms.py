"""Norms: who must, must not or may do what, under which condition, or else what.

After the Institutional Grammar (Crawford & Ostrom 1995; Frantz & Siddiki 2021): each explicit
deontic cue in a sentence gives one :class:`Norm` with its Attribute (``actor``), Deontic, aIm,
Object, Conditions and Or-else. Only explicit cues count; a plain imperative without one
(切实减轻企业税费负担) states no norm here.

* **Cues are words**, not substrings (:mod:`qqtext.extract.cues`): 索要, 可预期, 负责人 are no cues;
  鼓励/支持/承担 inside a chain of verbs under an earlier cue of the sentence are part of that norm; a
  cue inside a 的-case (…或者依法应当报告的，…) or a definition (…是指…, 本条例所称…) states no norm.
* **The actor is the subject written in the clause** (:mod:`qqtext.extract.subjects`): the noun phrase
  before the cue, past scope words and adverbials, whatever body it names; 由X负责/承担 gives X; for
  鼓励/支持/提倡 the party encouraged, after the cue; 会同 Y adds Y (商 Y, "consulting Y", does not).
  Only when the clause has no agent subject is the actor inherited: from an earlier clause of the
  sentence (explicit), else an earlier sentence of the article or an item list's lead-in (flagged
  ``actor_implicit``). Never across a new subject and never from "the document's main actor": with no
  antecedent in the article the actor stays empty, except where the document itself names whom it
  addresses by an alias definition (…人民团体（以下简称机关单位）). Before a sanction (给予处分, 责令, 追究)
  the subject of a case (…的, 违反…) is its target, not who imposes it; a subject written before an
  earlier cue, a 由-agent, the subject of a clause of time (…后, …时) or of a fronted object (X对Y，…)
  imposes it (给予赔偿/补偿 grants, it is no sanction).
* **Items under a cued lead-in** (…可参加或组织以下活动：, 禁止下列行为：) each carry the lead-in's
  cue when they have none of their own (``cue_implicit``); a permission inside a listed prohibited
  act (禁止…：（三）允许他人…) describes the act and is not a norm.
* Conditions are the clauses before the cue ending in 的/时 or opening with 在/经/对/凡/如/确有/确因,
  and 经…批准 or 在…中 between actor and cue; items inherit their lead-in's conditions.

>>> from qqtext import parse_text
>>> doc = parse_text("第一条 机关单位工作人员经单位批准可参加座谈会，但不得接受礼品。", doc_id="d")
>>> [(n.deontic, n.cue, n.actor, n.conditions) for n in extract_norms(doc)]
[('permission', '可', ('机关单位工作人员',), ('经单位批准',)), ('prohibition', '不得', ('机关单位工作人员',), ())]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from qqtext.extract.actors import ActorMention
from qqtext.extract.cues import CUES, ENCOURAGING, MODAL_CUES, PERMITTING, VERB_CUES, Cue, Deontic, describes_thing, find_cues
from qqtext.extract.lexicon import word_tags
from qqtext.extract.lexicon import words as cut
from qqtext.extract.heads import _heads, names_a_law
from qqtext.extract.subjects import ADVERBIALS, encouraged_party, leading_agents, phrase_after, subject_before
from qqtext.model import Article, Document, Item, Paragraph, Section, Sentence, Span

__all__ = ["Norm", "Deontic", "extract_norms", "default_actors", "CUES"]

RE_CLAUSE_SPLIT = re.compile(r"[，；：,;:]")
#: (经 but not 经营者/经济/经费/经办人, 对 but not 对方, 如 but not 如实, 因 but not 因素: words of their own)
RE_CONDITION_CLAUSE = re.compile(r"(?:的|时|前|后|中)$|^(?:在|经(?!营|济|费|理|销|办|纪)|对(?!方|外)|凡|如(?!实)|若|确有|确因|因(?!素)|为了|为)")
RE_INNER_CONDITION = re.compile(r"经[^，；。]{1,12}?(?:批准|同意|审批)|在[^，；。]{1,12}?(?:中|时|期间|内)|确有需要|确因工作需要")
RE_AIM_END = re.compile(r"[，；。：！？,;:]")
#: An aim that imposes a sanction (依法追究责任, 给予处分, 处…罚款, 责令改正): the subject of the
#: condition before it (…的国家工作人员有下列情形之一的) is its target, not who imposes it.
#: 给予赔偿/补偿/奖励 grants something to the party; it imposes nothing on it.
RE_IMPOSED = re.compile(r"^(?:依法|依照[^，；。]{0,20}?|按照[^，；。]{0,20}?|依纪依规|依规|予以)?(?:追究|给予(?![^，；。]{0,6}?(?:赔偿|补偿|奖励|表彰|支持|帮助|扶持|补助))|处以|处分|处罚|处[一二三四五六七八九十百千万\d]|责令|没收|吊销|问责|免予|免除|从重|从轻|减轻|解除处分|分别确定其处分|移送|撤销其|列入|记入|对其|予以(?:处分|处罚|罚款|警告|通报|批评|撤职|开除|取缔|没收|拘留|追缴|收缴|查处|撤销|惩戒|问责|曝光|训诫|取消|辞退|解聘|降级|记过|纠正|制止)|缺席判决|按照撤诉处理|按撤诉处理)")
#: An aim that rewards the party of the case before it (…有贡献的，应当给予奖励): an authority rewards, not the party.
RE_REWARDED = re.compile(r"^(?:依法|按照[^，；。]{0,20}?|依照[^，；。]{0,20}?)?(?:给予|予以)[^，；。]{0,6}?(?:奖励|表彰|表扬|嘉奖)")
#: A clause saying whose approval a rule needs (经人民法院准许, 经行政复议机构的负责人批准).
RE_APPROVAL_CASE = re.compile(r"^(?:未)?经[^，；。]{1,30}?(?:批准|准许|同意|许可|核准|决定)$")
#: A sanction imposed in a clause (the party of the case it follows is barred by a 不得 after it).
RE_SANCTION = re.compile(r"罚款|吊销|没收|列入[^，；。]{0,12}名单|记入[^，；。]{0,8}(?:档案|记录)|警告|撤销[^，；。]{0,6}(?:许可|资格|资质|登记)")
#: An aim that states liability (承担赔偿责任, 承担相应的法律责任): borne by whoever the sentence opens with.
RE_LIABILITY = re.compile(r"^[^，；。]{0,6}?(?:赔偿|法律|相应|民事|刑事)?[^，；。]{0,4}责任")
#: A clause of time (…后, …时): its subject acts in what follows; it is no case a sanction targets.
RE_TEMPORAL = re.compile(r"(?:后|时|前|之前|之后|期间)$")
#: 有下列行为之一, 存在下列情形: the list names the cases a norm applies to, even without 的.
RE_HAS_LISTED = re.compile(r"(?:有|存在|属于|具有|出现|发生)(?:下列|以下|如下)")
#: An item that names a kind of act rather than doing it (其他…的行为; 下列…事项).
RE_ACT_NOUN = re.compile(r"(?:行为|活动|事项|情形|措施|工作)$")
#: Verbs of finding or judging right after a case's subject (X发现…的, X认为…的, X经调查核实): the subject
#: is the body that found it and acts on it, not the party a sanction targets.
RE_PERCEIVING = re.compile(r"(?:在[^，；。]{1,20}?中)?(?:发现|接到|收到|认为|得知|获悉|查明|经调查|经审查|经核查|经核实|审查|审理|检查)")
#: A clause that states a violation (违反本条例规定; 拒不履行…义务): the trigger of the rule after it.
RE_VIOLATION = re.compile(r"违反|拒不|擅自")
#: An alias the text gives a body (…委托的机构（以下称登记备案机构）报送…; （以下称登记机关）应当…): it names the
#: body, it is no part of a rule's statement.
RE_ALIAS_INSIDE = re.compile(r"[（(]以下(?:简称|称|统称)[^）)]{1,30}[）)]")
RE_LEADING_ALIAS = re.compile("^" + RE_ALIAS_INSIDE.pattern)
#: Words that join a statement to the one before (并, 但, 同时): not part of it.
RE_LEADING_JOINER = re.compile(r"^(?:并且|但是|同时|并|但|且|也|还|等)(?=[^，；。])")
#: A sentence that defines a term states no norm (本条例所称X，是指…; X，是指…).
RE_DEFINITION = re.compile(r"是指|所称[^，。；]{1,30}?(?:是|，|包括)")
#: Verbs coordinated with an encouraging cue before the party encouraged (鼓励、支持和引导X).
RE_COORDINATED_VERBS = re.compile(r"(?:[、和及并]|并且)?(?:(?:支持|鼓励|引导|帮助|扶持|推动|指导|规范|促进|保障|督促|倡导|提倡)(?:[、和及]|并且)?)*")
#: Verb cues that, without a subject of their own, continue a chain of verbs under an earlier cue of
#: the sentence (应当采取措施，鼓励、支持和引导…; 鼓励企业从事…，承担…): part of that norm.
CHAIN_CUES = frozenset({"鼓励", "支持", "提倡", "负责", "担负", "承担"})
#: Cues that are part of the action they state (担负起监督责任); other cues precede the aim.
AIM_WITH_CUE = frozenset({"担负", "承担"})
RE_CO_ACTOR_PHRASE = re.compile(r"^(?:会同|商|协同|联合)[^，；。]{1,20}?(?=加强|组织|制定|建立|开展|做好|负责|进行|实施|推进|按)")
#: Words joining co-actors who act together (会同 Y 负责); 商 Y (consulting Y) does not make Y act.
CO_ACTOR_WORDS = ("会同", "协同", "联合", "组织")
#: Verbs of appointing whose object acts in what follows (指定专门单位负责保管).
PIVOT_VERBS = frozenset({"指定", "委托", "授权", "责成"})


@dataclass(frozen=True, slots=True)
class Norm:
    """One norm: a deontic cue with its actor, aim, object, conditions and or-else.

    Attributes:
        id: ``<sentence id>/norm-<k>``.
        unit: the id of the sentence holding the cue.
        article: article number (``None`` in a sectioned document); section: section number or None.
        paragraph, item: numbers of the paragraph and item (``None`` where not in an item).
        span: the clause of the norm in ``Document.text``; cue_span: the cue itself (for an item that
            carries its lead-in's cue, the lead-in's cue).
        actor: canonical actor names (the dictionary's name where it knows the body, else the
            specific form); a coordinated list gives several.
        actor_surface: the actors in their specific written form (自然资源和规划部门);
        actor_type: one type per actor (government, judicial_supervisory, enterprise,
            financial_institution, association, public_service, individual, other);
        actor_implicit: the actor is not written in the sentence.
        aim: the action after the cue, up to the clause's end; object: what it acts on, or None.
        cue_implicit: an item that carries the cue of its lead-in (第十三条（一））.
        statement: the rule as written without its actor, from what stands between the actor and the
            cue to the end of the statement (对举报应当及时核实、处理; 暂停期限不得超过1年; 应当在收到
            建议书之日起三十日内，向…反馈), for cards and questions.
        introduces_list: the lead-in of a list whose items each carry this norm (…可参加以下活动：).
    """

    id: str
    unit: str
    article: int | None
    section: int | None
    paragraph: int
    item: int | None
    deontic: Deontic
    cue: str
    cue_span: Span
    actor: tuple[str, ...]
    actor_surface: tuple[str, ...]
    actor_implicit: bool
    aim: str
    object: str | None
    conditions: tuple[str, ...]
    or_else: str | None
    text: str
    span: Span
    actor_type: tuple[str, ...] = ()
    cue_implicit: bool = False
    statement: str = ""
    introduces_list: bool = False


@dataclass(slots=True)
class _Context:
    """What a unit inherits: the last explicit actors and the standing conditions."""

    actors: tuple[ActorMention, ...] = ()
    conditions: tuple[str, ...] = ()
    lead: Norm | None = None
    situations: bool = False


def extract_norms(doc: Document) -> list[Norm]:
    """Every norm of ``doc`` in text order (articles, or the sections of an 意见-style text)."""
    norms: list[Norm] = []
    units: list[Article | Section] = list(doc.articles) or list(doc.sections)
    for unit in units:
        article = unit.number if isinstance(unit, Article) else None
        section = unit.number if isinstance(unit, Section) else None
        context = _Context()
        for paragraph in unit.paragraphs:
            lead = _unit_norms(doc, paragraph.sentences, context, article, section, paragraph, None, norms)
            carried = None
            for item in paragraph.items:
                inherited = _Context(lead.actors, lead.conditions, lead.lead, lead.situations)
                before = len(norms)
                _unit_norms(doc, item.sentences, inherited, article, section, paragraph, item, norms)
                if lead.situations:
                    del norms[before:]  # 有下列情形之一的：…应办未办…: the items are cases, not norms
                elif lead.lead is not None and _item_carries_lead(doc, lead.lead, item, norms, before):
                    carried = lead.lead
            if carried is not None:  # the lead-in's own line only introduces its items
                norms[norms.index(carried)] = replace(carried, introduces_list=True)
            context = _Context(lead.actors, ())
    return _fill_default_actors(doc, norms)


#: An item that is a noun phrase whatever verb it opens with (…部署的情况, …的事项).
RE_LISTED_NOUN = re.compile(r"的[^，；：]*(?:情况|情形|事项|内容|问题|材料|信息|文件|意见)$")
#: The words of a lead-in that stand for its list (下列事项, 以下内容).
RE_LIST_WORD = re.compile(r"(?:下列|以下|如下)(?:(?!的)[\u4e00-\u9fff]){0,8}")


def _item_carries_lead(doc: Document, lead: Norm, item: Item, norms: list[Norm], before: int) -> bool:
    """An item under a cued lead-in states the lead-in's norm for itself, unless it has a cue of its own.

    Under a prohibition the listed items describe prohibited acts: a permission written inside one
    (允许他人…, 可以…) is part of the act, so it is dropped and the item takes the prohibition.
    """
    own = norms[before:]
    if lead.deontic == "prohibition":
        own = [n for n in own if n.cue not in PERMITTING]
        del norms[before:]
        norms.extend(own)
    if own or not item.sentences:
        return False
    sentence = item.sentences[0]
    text = sentence.text.rstrip("；;。，, ")
    phrase = RE_AIM_END.split(text, 1)[0].strip()
    governs_list = bool(re.search("下列|以下|如下", f"{lead.aim}{lead.object or ''}"))
    lead_words = RE_ALIAS_INSIDE.sub("", lead.statement)  # the lead-in without the alias it gives a body
    list_word = RE_LIST_WORD.search(lead_words)
    if not governs_list:
        # 下列进项税额不得…抵扣：（一）适用简易计税方法…的进项税额: the item is the list's topic, not an act
        aim, obj = lead.aim, phrase
        statement = f"{lead.statement or lead.cue + lead.aim}：{text}"
    elif text.endswith("的") and list_word and re.search("情形|情况|条件", list_word.group()):
        # 不得聘用具有下列情形的人员：（一）有犯罪记录的: the item is a case the lead-in names, stated after it
        aim, obj = lead.aim, phrase
        statement = f"{lead_words}：{text}"
    elif list_word and (_listed_noun_phrase(phrase, list_word.group()) or _named_as_kind(phrase, list_word.group(), lead.aim)):
        # （一）执行…决策、部署的情况 under 应当…重点督查下列事项：, （一）统一社会信用代码 under 应当…报送下列材料：:
        # a noun phrase the lead-in's verb governs, stated in the lead-in's words in the place of 下列事项
        aim, obj = lead.aim, phrase
        statement = RE_LIST_WORD.sub(lambda _: text, lead_words, count=1)
    elif phrase.startswith(("其他", "其它")) or not _opens_with_verb(phrase) and (
            RE_ACT_NOUN.search(phrase) or RE_LIST_WORD.search(lead.aim + (lead.object or ""))):
        # （九）其他符合规定的活动; （六）法律、行政法规规定的其他职权 under 可以行使下列职权：: what the lead-in's
        # verb governs
        aim, obj = lead.aim, phrase
        statement = f"{lead.cue}{aim}{text}"
    else:
        aim, obj = split_aim(phrase)  # （一）参加企业…举办的座谈会; （一）行使任何审批…职能: the item is the act
        statement = f"{_lead_scope(lead_words, lead.cue)}{lead.cue}{text}"
    norms.append(replace(
        lead, id=f"{sentence.id}/norm-1", unit=sentence.id, item=item.number, actor_implicit=True,
        aim=aim, object=obj, text=text, span=Span(sentence.span.start, sentence.span.start + len(text)),
        cue_implicit=True, statement=statement, introduces_list=False,
    ))
    return True


def _lead_scope(lead_words: str, cue: str) -> str:
    """What a lead-in says before its cue (在装饰装修活动中，不得有下列行为：): the case every item is in."""
    at = lead_words.find(cue)
    scope = lead_words[:at] if at > 0 else ""
    if not scope.endswith(("中，", "中", "时，", "时", "的，", "后，", "前，")):
        return ""
    return scope if scope.endswith("，") else scope + "，"


#: What a list of things is made of (下列材料, 以下事项): its items are noun phrases even when a verb opens
#: them (（四）保证报送材料真实…的信用承诺书).
RE_THING_LIST = re.compile(r"材料|资料|文件|证件|证明|信息|内容|事项|条件|情况")
#: Lists of documents: every item is a document, whatever word opens it.
RE_DOCUMENT_LIST = re.compile(r"材料|资料|文件|证件|证明")


def _listed_noun_phrase(phrase: str, list_word: str) -> bool:
    """Whether an item is a noun phrase the lead-in's verb governs (not an act of its own)."""
    first = next(iter(cut(phrase)), "")
    if word_tags().get(first, "x").startswith("p"):
        return False  # （三）向…单位和个人调查了解情况: a preposition opens an act
    if RE_LISTED_NOUN.search(phrase) or not _opens_with_verb(phrase):
        return True  # 执行…部署的情况; 统一社会信用代码; 法律、行政法规规定的其他职权
    if RE_DOCUMENT_LIST.search(list_word):
        return True  # 报送下列材料：（一）统一社会信用代码 (统一 opens a name, not an act)
    return bool(RE_THING_LIST.search(list_word)) and bool(re.search(r"的[^的，；]{1,12}$", phrase))


def _named_as_kind(phrase: str, list_word: str, lead_aim: str) -> bool:
    """分摊下列费用：（三）在物业管理区域开展…活动的水电费用: an item named as the list's kind of thing (…的费用),
    not opening with the lead-in's own verb (参加或组织以下活动：（一）参加…举办的…活动 is an act)."""
    kind = re.sub(r"^(?:下列|以下|如下)", "", list_word)
    first = next(iter(cut(phrase)), "")
    return len(kind) >= 2 and phrase.endswith(kind) and "的" in phrase and first not in lead_aim


def _opens_with_verb(phrase: str) -> bool:
    tags = word_tags()
    first = next(iter(cut(phrase)), "")
    return first in ADVERBIALS or tags.get(first, "x").startswith(("v", "p", "d", "a")) and tags.get(first, "x") != "vn"


def default_actors(doc: Document, norms: list[Norm]) -> tuple[str, ...]:
    """Whom a document says it addresses, for a norm whose article names nobody.

    Only the government-side term the document defines by alias counts (第二条: …人民团体（以下简称
    机关单位）): the document's own word for its addressee. A count of the actors it names most often is
    no evidence (a law protecting enterprises names 企业 most), so without such a definition the
    actor stays empty.
    """
    from qqtext.extract.actors import actor_dictionary, find_actors
    from qqtext.extract.definitions import extract_definitions
    from qqtext.extract.subjects import agent_head

    dictionary = actor_dictionary()
    for definition in extract_definitions(doc):
        if definition.kind != "alias" or not definition.members:
            continue
        if definition.term not in dictionary or agent_head(definition.term) is None:
            continue  # only a defined term that is itself a dictionary actor (机关单位): not 决策机关, 政府投资项目
        named = [m.canonical for m in find_actors(definition.term)]
        if named and named[0] in dictionary and dictionary[named[0]].side == "government":
            return (named[0],)
    return ()


def _fill_default_actors(doc: Document, norms: list[Norm]) -> list[Norm]:
    if all(norm.actor for norm in norms):
        return norms
    default = default_actors(doc, norms)
    if not default:
        return norms
    from qqtext.extract.subjects import actor_type

    return [
        replace(norm, actor=default, actor_surface=default, actor_type=tuple(map(actor_type, default)), actor_implicit=True)
        if not norm.actor else norm
        for norm in norms
    ]


def _unit_norms(
    doc: Document,
    sentences: tuple[Sentence, ...],
    inherited: _Context,
    article: int | None,
    section: int | None,
    paragraph: Paragraph,
    item: Item | None,
    out: list[Norm],
) -> _Context:
    """Norms of one paragraph line or item; returns the context its items (or successors) inherit."""
    context = _Context(inherited.actors, inherited.conditions)
    # the lead-in is the paragraph's own line (its sentences may be cut at ；)
    governs = item is None and _governs_list(paragraph.text)
    situations = item is None and _lists_situations(paragraph.text)
    first = len(out)
    for sentence in sentences:
        if RE_DEFINITION.search(sentence.text):
            continue  # a definition states no norm
        sentence_actors: tuple[ActorMention, ...] = ()
        from_condition = False  # sentence_actors are the subject of a 的/时 condition
        from_by = False  # sentence_actors are the 由-agent of an earlier clause
        may_be_target = False  # sentence_actors are the subject of a case (…的, 违反…), whom a sanction may target
        from_cue = False  # sentence_actors are the written subject of an earlier cue of the sentence
        first_condition: tuple[ActorMention, ...] = ()
        found_it = False  # sentence_actors found the case (X发现…的): they act on it, it does not target them
        sanctioned = False  # an earlier clause of the sentence imposed a sanction (处…罚款, 吊销…, 列入…名单)
        case_parts: list[str] = []  # clauses without a cue since the last rule: the opening of a case (…，…的)
        rule_seen = False  # a clause with a cue came earlier in the sentence (since the last ；)
        sentence_conditions: list[str] = []
        number = 0
        last_conditions: tuple[str, ...] = context.conditions
        modal_before = ""  # "modal" after a modal cue of the sentence, "encouraging" after 鼓励/支持 only
        last_norm: Norm | None = None
        clauses = list(_clauses(sentence))
        clause_cues = [find_cues(clause) for _, clause in clauses]  # cut once; the statements look ahead too
        for position, (clause_start, clause_text) in enumerate(clauses):
            clause_end = clause_start + len(clause_text)
            if doc.text[clause_start - 1:clause_start] in ("；", ";"):
                sentence_conditions, case_parts, rule_seen = [], [], False  # a 的-case scopes up to the next ；
            # …或者依法应当报告的，…: a case; so is an item that ends in 的 (（一）被告应当依职权主动履行法定职责的；)
            case = clause_text.endswith("的") and (position + 1 < len(clauses) or item is not None)
            cues = [] if _purpose(clause_text, sentence.text) or case else \
                [c for c in clause_cues[position] if not describes_thing(clause_text, c, position + 1 == len(clauses))]
            if not cues:
                exception = clause_text.startswith("除")  # 除…外: an exception names no subject for what follows
                # a clause opening with a verb is a subject (收集…危险废物的单位，应当…) only when it is a whole
                # noun phrase opening the sentence
                subject = None if exception else subject_before(doc.text, clause_start, clause_end, before_cue=False,
                                                                opening_phrase=position == 0)
                by = None if exception else _word_before(clause_text, "由", len(clause_text))
                agents = phrase_after(doc.text, clause_start + by + 1, clause_end) if by is not None else ()
                if agents and not RE_CONDITION_CLAUSE.search(clause_text):
                    sentence_actors, from_condition, from_by = agents, False, True  # 由X责令改正，可以处…罚款: X acts on
                    may_be_target = from_cue = False
                elif subject is not None and subject.actors and not all(names_a_law(m.surface) for m in subject.actors):
                    # a law is an actor only where it is the written subject of a cue (行政法规可以设定…), not as
                    # the subject of a case (法律、行政法规对…有规定的，应当…)
                    sentence_actors, from_by, from_cue = subject.actors, False, False  # a new subject: what follows is its
                    found_it = bool(RE_PERCEIVING.match(doc.text, subject.end))  # X发现…，或者…的: X acts on all of it
                    # a case (…的; 违反…) names whom a sanction after it targets; a clause of time or a topic
                    # (赔偿义务机关赔偿损失后，应当责令…; X对Y，应当责令…) names who acts
                    may_be_target = bool(clause_text.endswith("的") or RE_VIOLATION.search(clause_text)
                                         or RE_HAS_LISTED.search(clause_text)) and not RE_TEMPORAL.search(clause_text) \
                        and not found_it  # 人民法院发现…的，应当移送…: who found it acts
                    from_condition = bool(RE_CONDITION_CLAUSE.search(clause_text))
                    if from_condition and not first_condition:
                        first_condition = subject.actors
                elif sentence_actors and not from_by and not from_cue and not found_it \
                        and (clause_text.endswith("的") or RE_VIOLATION.search(clause_text)):
                    may_be_target = True  # X已经履行…，有充分证据…的，可以免予处罚: the case is X's
                if RE_CONDITION_CLAUSE.search(clause_text) or doc.text[clause_start - 1:clause_start] == "；":
                    modal_before = ""  # a new condition or a ； starts a new norm, not a chain of verbs
                if RE_CONDITION_CLAUSE.search(clause_text):
                    if clause_text.endswith("的") and case_parts:
                        # 国有企业管理人员涉嫌违法，已经被立案调查，不宜继续履行职责的，…: one case over three clauses
                        sentence_conditions.append("，".join([*case_parts, clause_text]))
                    else:
                        sentence_conditions.append(clause_text)
                    case_parts = []
                elif agents or doc.text[clause_start - 1:clause_start] not in ("，", ",") and position:
                    case_parts = []
                elif not rule_seen:  # after a rule of the sentence a clause continues it (要提高效率，尽可能…)
                    case_parts.append(clause_text)
                sanctioned = sanctioned or bool(RE_SANCTION.search(clause_text))
                continue
            case_parts, rule_seen = [], True
            modal_in_clause = ""
            for cue in cues:
                if cue.word in CHAIN_CUES and cue.word not in ENCOURAGING and modal_in_clause == "modal":
                    continue  # 应当聘用…人员负责投资管理: 负责 is in the aim of the modal before it in the clause
                if cue.word in CHAIN_CUES and modal_before and not _written_subject(doc.text, clause_start, cue, agent_only=True) \
                        and not (cue.word in ENCOURAGING and modal_before == "encouraging"):
                    # 应当采取措施，鼓励、支持和引导…; 鼓励…，承担…: one norm with a chain of verbs (鼓励X…，支持Y…: two)
                    continue
                cue_start = clause_start + cue.start
                usable = sentence_actors
                if (RE_IMPOSED.match(clause_text[cue.end:]) or RE_REWARDED.match(clause_text[cue.end:])) and may_be_target or \
                        from_condition and item is not None and context.actors:
                    usable = ()  # the subject before a sanction is its target; a condition's, a party of the item's case
                if cue.word == "承担" and RE_LIABILITY.match(clause_text[cue.end:]) and first_condition:
                    usable = first_condition  # 违反…的，由Y责令改正；造成损失的，依法承担赔偿责任: the violator is liable
                barred: tuple[ActorMention, ...] = ()  # …的，由X处…罚款，3年内不得再次申请 / 禁止其参加…: the violator
                if CUES[cue.word] == "prohibition" and sanctioned \
                        and (cue.word in ("禁止", "严禁") and clause_text.startswith("其", cue.end) or cue.word == "不得") \
                        and not _written_subject(doc.text, clause_start, cue):
                    barred = _case_subject(doc.text, clauses)
                if barred:
                    actors, implicit = barred, False
                else:
                    actors, implicit = _actor_for(doc.text, clause_text, clause_start, cue, usable, context.actors)
                if actors:  # 会同Y: after the cue, or after the party encouraged (鼓励组织和个人…: no 和个人 again)
                    after = max([clause_start + cue.end, *(a.end for a in actors if a.start >= clause_start + cue.start)])
                    actors = (*actors, *_co_actors_after(doc.text, after, clause_end))
                conditions = list(dict.fromkeys([*context.conditions, *sentence_conditions, *_inner_conditions(clause_text[: cue.start])]))
                number += 1
                aim_from = cue.start if cue.word in AIM_WITH_CUE else cue.end
                if cue.word in ENCOURAGING and actors and not implicit and actors[-1].end > cue_start:
                    aim_from = max(aim_from, actors[-1].end - clause_start)  # 鼓励X与Y交往: the aim follows X
                aim_text = clause_text[aim_from:]
                aim_end = RE_AIM_END.search(aim_text)
                aim = (aim_text[: aim_end.start()] if aim_end else aim_text).strip()
                topic_end = clause_text.rfind("由", 0, cue.start)
                if aim == cue.word and topic_end > 0:
                    aim += clause_text[:topic_end]  # 解释工作由X承担: X 承担解释工作
                aim, obj = split_aim(aim)
                norm = Norm(
                    id=f"{sentence.id}/norm-{number}",
                    unit=sentence.id,
                    article=article,
                    section=section,
                    paragraph=paragraph.number,
                    item=item.number if item else None,
                    deontic=CUES[cue.word],
                    cue=cue.word,
                    cue_span=Span(cue_start, cue_start + cue.end - cue.start),
                    actor=tuple(dict.fromkeys(m.canonical for m in actors)),
                    actor_surface=tuple(dict.fromkeys(m.surface for m in actors)),
                    actor_implicit=implicit,
                    aim=aim,
                    object=obj,
                    conditions=tuple(conditions),
                    or_else=None,
                    text=clause_text,
                    span=Span(clause_start, clause_end),
                    actor_type=tuple({m.surface: m.type for m in actors}.values()),
                    statement=_with_cases(sentence_conditions, _statement(doc.text, clauses, clause_cues, position, cue, actors,
                                                                          implicit, aim, obj),
                                          tuple(m for m in actors if m.end <= clause_start
                                                and any(doc.text.startswith(c, m.start) for c in sentence_conditions))),
                )
                out.append(norm)
                last_norm = norm
                if cue.word in MODAL_CUES:
                    modal_in_clause = "modal"
                elif cue.word in ENCOURAGING and not modal_in_clause:
                    modal_in_clause = "encouraging"  # after 鼓励 only another encouragement starts a norm of its own
                if actors and not implicit:
                    sentence_actors, from_condition, from_by = tuple(actors), False, False
                    may_be_target = False  # 有关机关应当依法给予处分；构成犯罪的，应当依法追究…: the same body
                    from_cue = True
                last_conditions = tuple(conditions)
            modal_before = "modal" if "modal" in (modal_before, modal_in_clause) else modal_before or modal_in_clause
            sanctioned = sanctioned or bool(RE_SANCTION.search(clause_text))
        if sentence_actors and not from_condition:
            context.actors = sentence_actors  # a condition's subject (接待对象在10人以内的) does not carry on
        if item is None and number:
            # what an item list inherits: the conditions of the norm that introduces it (经单位批准 …)
            context.conditions = last_conditions
        if item is None:
            context.lead = last_norm if last_norm is not None and governs else None
            context.situations = situations
    _attach_exceptions(sentences, out, first)
    return context


#: A sentence that only states an exception to the one before (法律另有规定的除外。但是，情况紧急的除外。).
RE_EXCEPTION_SENTENCE = re.compile(r"^(?:但是?[，,]?)?[^，,；;。]*除外[。；;]?$")


def _attach_exceptions(sentences: tuple[Sentence, ...], out: list[Norm], first: int) -> None:
    """Give the norms of a sentence the exception the next sentence states: without it a card line
    reads as a rule without exceptions."""
    for sentence, following in zip(sentences, sentences[1:]):
        if not RE_EXCEPTION_SENTENCE.match(following.text) or find_cues(following.text):
            continue
        for index in range(first, len(out)):
            norm = out[index]
            if sentence.span.start <= norm.span.start < sentence.span.end:
                out[index] = replace(norm, statement=f"{norm.statement}。{following.text.rstrip('。；;')}")


def _lists_situations(text: str) -> bool:
    """A lead-in whose list is inside a condition (有下列情形之一的，…：; 存在下列情形的，…：)."""
    if not text.rstrip().endswith(("：", ":")):
        return False
    marked = next((c for c in RE_CLAUSE_SPLIT.split(text.rstrip("：:")) if re.search("下列|以下|如下", c)), "").strip()
    listed = RE_HAS_LISTED.search(marked)
    return marked.endswith(("的", "时")) or listed is not None and not find_cues(marked[:listed.start()])  # 不得有下列行为 governs


def _governs_list(text: str) -> bool:
    """Whether a lead-in's cue governs the list after it (…可以采取以下方式：; 不得…赠送和接受礼品：),
    not a situation list inside a condition (有下列情形之一的，应当…：, whose items are the cases the
    norm applies to)."""
    if not text.rstrip().endswith(("：", ":")):
        return False
    return not _lists_situations(text)


def _names_agent(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens with an agent (a clause of its own, not a topic of the next)."""
    subject = subject_before(text, start, end, before_cue=False)
    return subject is not None and bool(subject.actors)


def _with_cases(conditions: list[str], statement: str, actors: tuple[ActorMention, ...] = ()) -> str:
    """The statement with the cases the sentence opens with (放弃优惠的，在三十六个月内不得享受…): without
    them a line reads as a general rule the text does not state."""
    # the cases, and a scope opening with 对 (对来访的传染病病人，应当…): without it the rule reads as general
    # an approval the rule needs (经人民法院准许，可以…) and a scope (在行政赔偿、补偿的案件中，…): without them
    # a permission or duty reads as unconditional
    # 经营者在施工过程中，不得…: the case without the actor it opens with (the line is the actor's own); ``actors``
    # are those written before the rule's clause (经营者集中达到…的，经营者应当…: 经营者集中 is no actor)
    conditions = [next((c[len(a.surface):] for a in actors if c.startswith(a.surface) and len(c) - len(a.surface) >= 2), c)
                  for c in conditions]
    cases = [c for c in conditions if c.endswith(("的", "时", "后", "前")) or c.startswith(("对", "对于", "因", "由于"))
             or RE_APPROVAL_CASE.match(c) or c.startswith("在") and c.endswith(("中", "期间"))]
    return "，".join([*cases, statement]) if cases else statement


def _statement(
    text: str, clauses: list[tuple[int, str]], clause_cues: list[list[Cue]], position: int, cue: Cue,
    actors: tuple[ActorMention, ...], implicit: bool, aim: str, obj: str | None,
) -> str:
    """The rule as written without its actor (see :attr:`Norm.statement`)."""
    clause_start, clause = clauses[position]
    cue_start = clause_start + cue.start
    if cue.word in VERB_CUES and cue.end == len(clause) and _word_before(clause, "由", cue.start) is not None:
        action = f"{aim}{obj or ''}"  # 解释工作由X承担: 承担解释工作
        return action if action.startswith(cue.word) else f"{cue.word}{action}"
    written = [m.end for m in actors if not implicit and clause_start <= m.end <= cue_start]
    if cue.word in ENCOURAGING and not written:
        start = cue_start  # 鼓励X做…: the party follows the cue
    else:
        start = max(written) if written else clause_start  # a thing subject stays: 暂停期限不得超过1年
    statement = RE_LEADING_JOINER.sub("", RE_LEADING_ALIAS.sub("", text[start:clause_start + len(clause)]).lstrip("、，,及和的 ）)”\""))
    if position:
        topic_at = position - 1
        while topic_at > 0 and clause_cues[topic_at] and not written and text[clauses[topic_at + 1][0] - 1] in "，," \
                and not _written_subject(text, clauses[topic_at][0], clause_cues[topic_at][0]):
            topic_at -= 1  # 通过共享获取的公共数据，应当用于…，不得提供给第三方: the topic of the whole chain
        topic_start, topic = clauses[topic_at]
        if topic_at + 1 < position and (clause_cues[topic_at] or RE_CONDITION_CLAUSE.search(topic)):
            topic_start, topic = clauses[position - 1]
        if topic_at > 0 and topic.startswith(("以及", "和", "及", "或者")) and not clause_cues[topic_at - 1]:
            # …收集和产生的数据，以及依法委托第三方收集和产生的数据，应当纳入…: one topic over two clauses
            topic_start, topic = clauses[topic_at - 1][0], text[clauses[topic_at - 1][0]:topic_start + len(topic)]
        if text[clause_start - 1:clause_start] not in ("，", ",") or clause_cues[topic_at] \
                or RE_CONDITION_CLAUSE.search(topic):
            pass
        elif RE_VIOLATION.search(topic) or _opens_with_actor(topic_start, topic, actors, implicit):
            # 诉求人违反本条例规定，…可以…: the violation written without 的 is the case the rule is for; 经营者以预收款
            # 方式提供商品或者服务，应当…: what the actor does that the rule is about (a card line without it is wider)
            actor_ends = [m.end for m in actors if topic_start <= m.end <= topic_start + len(topic)]
            statement = f"{text[max(actor_ends, default=topic_start):topic_start + len(topic)]}，{statement}"
        elif not _names_agent(text, topic_start, topic_start + len(topic)):
            statement = f"{topic}，{statement}"  # 未单独核算的项目，不得享受税收优惠: the topic it is about
    for following, ((next_start, next_clause), next_cues) in enumerate(
            zip(clauses[position + 1:position + 3], clause_cues[position + 1:position + 3]), start=position + 2):
        if next_clause.endswith("除外") and text[next_start - 1:next_start] in ("，", ",", "；", ";"):
            statement += text[next_start - 1] + next_clause  # …计算缴纳增值税；本法另有规定的除外
            break
        if text[next_start - 1:next_start] not in ("，", ",") or next_cues \
                or next_clause.endswith(("的", "时", "后", "前")):
            break
        next_subject = subject_before(text, next_start, next_start + len(next_clause), before_cue=False, opening_phrase=False)
        first_word = next(iter(cut(next_clause)), "")
        opens_with_verb = word_tags().get(first_word, "x")[:1] in ("v", "d") or first_word in ADVERBIALS
        if next_subject is not None and next_subject.actors and next_subject.start == next_start and not opens_with_verb \
                and not all(names_a_law(m.surface) for m in next_subject.actors):
            break  # a new subject starts another statement (明确承担…的内设部门… is what the rule goes on to ask)
        if following < len(clauses) and clause_cues[following] and clause_cues[following][0].start <= 1 \
                and "的" in next_clause:
            break  # …机制，[通过共享获取的公共数据]，应当用于…: the topic of the next rule, not this one's
        statement += "，" + next_clause  # 应当在收到建议书之日起三十日内，向…反馈
    return statement


def _opens_with_actor(topic_start: int, topic: str, actors: tuple[ActorMention, ...], implicit: bool) -> bool:
    """Whether a clause opens with the norm's written actor and goes on with what it does or is about
    (经营者以预收款方式提供商品或者服务, 经营者对可能危及人身安全的商品): not the actor alone."""
    if implicit:
        return False
    ends = [m.end for m in actors if m.start - topic_start <= 2 and topic_start <= m.end < topic_start + len(topic)]
    return bool(ends) and len(topic) - (max(ends) - topic_start) >= 2


def _case_subject(text: str, clauses: list[tuple[int, str]]) -> tuple[ActorMention, ...]:
    """The party a sentence's opening case is about (排污单位以欺骗…取得许可证的，…): whom its sanctions bar."""
    start, clause = clauses[0]
    if not clause.endswith("的") and not RE_VIOLATION.search(clause):
        return ()
    subject = subject_before(text, start, start + len(clause))
    return subject.actors if subject is not None else ()


def _written_subject(text: str, clause_start: int, cue: Cue, *, agent_only: bool = False) -> bool:
    """Whether the clause names a subject before ``cue``; with ``agent_only`` not one that opens with a verb
    (…，聘用具有…经历的高级管理人员负责…: whom the earlier subject hires, the 负责 is in its aim)."""
    subject = subject_before(text, clause_start, clause_start + cue.start)
    if subject is None or not subject.actors:
        return False
    first = next(iter(cut(subject.text)), "")
    return not (agent_only and word_tags().get(first, "x") == "v" and first not in _heads())


def split_aim(phrase: str) -> tuple[str, str | None]:
    """Split the action after a cue into aim (adverbials + verb) and object, with jieba's POS tags.

    Only this short phrase is tagged. The verb is the first verb (with 或/和-joined verbs and 起/好
    complements); a phrase opening with a preposition (按…标准安排) takes the last verb that a noun
    follows. With no verb, or no noun after it, the whole phrase is the aim.

    >>> split_aim("依法维护涉案企业的合法权益")
    ('依法维护', '涉案企业的合法权益')
    >>> split_aim("自备或乘坐公共交通工具")
    ('自备或乘坐', '公共交通工具')
    >>> split_aim("单独指派、专程接送")
    ('单独指派、专程接送', None)
    """
    co_actor = RE_CO_ACTOR_PHRASE.match(phrase)
    if co_actor:
        phrase = phrase[co_actor.end():]  # 会同有关部门加强…: the co-actor is an actor, not the aim
    tags = word_tags()
    tokens = [(word, tags.get(word, "x")) for word in cut(phrase)]
    verbs = [i for i, (_, flag) in enumerate(tokens) if flag == "v"]
    if not verbs:
        return phrase, None
    nounish = [i for i, (_, flag) in enumerate(tokens) if flag[0] in "nlbs" or flag == "vn"]
    if tokens[0][0] in {"对", "将", "把"}:
        after_noun = [v for v in verbs if any(0 < n < v for n in nounish)]
        if after_noun:  # 对X进行监督检查 / 将X纳入问责范围: X is the object, fronted
            start = sum(len(word) for word, _ in tokens[: after_noun[0]])
            return phrase[start:], phrase[len(tokens[0][0]):start] or None
    if tokens[0][1] == "p":
        followed = [v for v in verbs if any(n > v for n in nounish)]
        verb = followed[-1] if followed else verbs[0]
    else:
        verb = verbs[0]
    while verb + 2 < len(tokens) and tokens[verb + 1][1] == "c" and tokens[verb + 2][1] == "v":
        verb += 2  # 自备或乘坐
    while verb + 1 < len(tokens) and tokens[verb + 1][0] in {"起", "好", "到"}:
        verb += 1  # 担负起
    split = sum(len(word) for word, _ in tokens[: verb + 1])
    rest = phrase[split:]
    if not rest or not any(n > verb for n in nounish) or not rest[0].isalnum() and rest[0] not in "“《（":
        return phrase, None
    return phrase[:split], rest


def _purpose(clause: str, sentence: str) -> bool:
    """The purpose clause of an enacting formula (为了禁止向企业摊派，…制定本条例): no norm."""
    return clause.startswith(("为了", "为")) and "制定本" in sentence


def _co_actors_after(text: str, position: int, end: int) -> list[ActorMention]:
    """The actors right after a cue joined by 会同/协同/联合 (应当会同有关部门加强…): they act together."""
    while position < end and text[position] in " 并":
        position += 1
    for word in CO_ACTOR_WORDS:
        if text.startswith(word, position):
            following = next(iter(cut(text[position + 2:end])), "")
            if word == "组织" and (word_tags().get(following, "x").startswith("v") or following in ("关于", "对")):
                return []  # 组织建设和管理…平台: organising an activity, not a body that acts with
            agents = list(phrase_after(text, position + len(word), end))
            if any("的" in a.surface for a in agents):
                leading = leading_agents(text, position + len(word), end)
                if leading:
                    agents = list(leading)  # 会同有关部门约谈该地区人民政府的主要负责人: the body before the verb acts with
            if word == "组织" and agents and not text[agents[-1].end:end].strip("，,。；; "):
                return []  # 组织调查委员会 (nothing done after it): setting a body up, not acting with it
            return agents
    return []


def _clauses(sentence: Sentence) -> Iterator[tuple[int, str]]:
    """``(start, text)`` of each clause of a sentence (split at ，；：), offsets into Document.text."""
    position = 0
    for part in RE_CLAUSE_SPLIT.split(sentence.text):
        text = part.strip("。！？!? ")
        if text:
            yield sentence.span.start + position + part.index(text[0]), text
        position += len(part) + 1


def _inner_conditions(text: str) -> list[str]:
    return [match.group() for match in RE_INNER_CONDITION.finditer(text)]


def _word_before(clause: str, word: str, end: int) -> int | None:
    """The offset of the last ``word`` cut as a word of its own before ``end`` (由 but not 理由, 由于)."""
    position, found = 0, None
    for token in cut(clause[:end]):
        if token == word:
            found = position
        position += len(token)
    return found


def _pivot(text: str, clause: str, clause_start: int, cue: Cue) -> tuple[ActorMention, ...]:
    """X in 指定X负责 / 委托X承担 / 责成X…: the body a verb of appointing names, right before the cue."""
    position = 0
    last = None
    tokens = cut(clause[:cue.start])
    for index, token in enumerate(tokens):
        if token in PIVOT_VERBS and tokens[index + 1:index + 2] != ("的",) \
                and tokens[index - 1:index] not in (("受",), ("被",)):
            # 法律法规授权的组织: a relative clause; 受委托单位, 被授权运营主体: a party named by the appointment
            last = position + len(token)
        position += len(token)
    if last is None:
        return ()
    agents = phrase_after(text, clause_start + last, clause_start + cue.start)
    return agents if agents and agents[-1].end == clause_start + cue.start else ()


def _actor_for(
    text: str,
    clause: str,
    clause_start: int,
    cue: Cue,
    sentence_actors: tuple[ActorMention, ...],
    inherited: tuple[ActorMention, ...],
) -> tuple[tuple[ActorMention, ...], bool]:
    """The actors a cue addresses and whether they are implicit (not written in the sentence)."""
    cue_start = clause_start + cue.start
    clause_end = clause_start + len(clause)
    if cue.word in ENCOURAGING:
        after = clause_start + cue.end + len(RE_COORDINATED_VERBS.match(clause, cue.end).group())
        encouraged = encouraged_party(text, after, clause_end)  # 鼓励和支持[公民、法人]…; 鼓励[社会资本]参与…
        if encouraged:
            return encouraged, False
    if clause.startswith("由", cue.end):
        agents = phrase_after(text, clause_start + cue.end + 1, clause_end, predicate=True)
        if agents:
            return agents, False  # 不得由施工单位垫资建设: the body after 由 acts
    if cue.word in ("禁止", "严禁") and subject_before(text, clause_start, cue_start) is None:
        prohibited = phrase_after(text, clause_start + cue.end, clause_end, predicate=True)
        if prohibited:
            return prohibited, False  # 禁止任何国家机关…向企业摊派: who is barred follows the cue
    by = _word_before(clause, "由", cue.start)
    if by is not None:
        agents = phrase_after(text, clause_start + by + 1, cue_start)
        if agents:
            return agents, False  # 由X负责, 由X商Y承担: X (Y is consulted)
    pivot = _pivot(text, clause, clause_start, cue)
    if pivot:
        return pivot, False  # 人民政府指定专门单位负责保管: the unit designated acts
    subject = subject_before(text, clause_start, cue_start)
    if subject is not None and subject.actors:
        return (*subject.actors, *_co_actors_after(text, subject.end, cue_start)), False
    if sentence_actors:
        return sentence_actors, False
    if inherited and cue.word not in ENCOURAGING:
        return inherited, True
    return (), True  # 鼓励通过…方式…: the party encouraged is not written (the one before encourages)

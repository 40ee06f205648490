"""Norms: who must, must not or may do what, under which condition, or else what.

After the Institutional Grammar (Crawford & Ostrom 1995; Frantz & Siddiki 2021): each explicit
deontic cue in a sentence gives one :class:`Norm` with its Attribute (``actor``), Deontic, aIm,
Object, Conditions and Or-else. Only explicit cues count; a plain imperative without one
(切实减轻企业税费负担) states no norm here.

* Cues, longest first, with the false friends filtered out: 可持续, 可能, 重要, 要求 (a noun), 不得不,
  负责人, 相应 … never count. One clause can hold several norms:
  应自备…，确有需要可搭乘…，但不许单独指派 is an obligation, a permission and a prohibition.
* The actor is the coordinated group of actors written closest before the cue in its clause
  (after the cue for 鼓励/支持/提倡, which name who is encouraged; after 由 in 由X负责/承担). Failing that
  it is inherited, in this order, from an earlier clause of the sentence, an earlier sentence of the
  paragraph, the lead-in of an item list (第十三条's items inherit 机关单位工作人员), and flagged
  ``actor_implicit``. Nothing is invented: with no antecedent the actor stays empty.
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
from functools import cache
from dataclasses import dataclass, replace
from typing import Literal

from qqtext.extract.actors import ActorMention, actor_groups, find_actors
from qqtext.extract.lexicon import segmenter, word_tags
from qqtext.model import Article, Document, Item, Paragraph, Section, Sentence, Span

__all__ = ["Norm", "Deontic", "extract_norms", "default_actors", "CUES"]

Deontic = Literal["obligation", "prohibition", "permission", "encouragement", "discouragement"]

#: Cue -> deontic class. Matched longest first.
CUES: dict[str, Deontic] = {
    "不提倡": "discouragement", "避免": "discouragement",
    "不得": "prohibition", "严禁": "prohibition", "禁止": "prohibition", "不许": "prohibition",
    "不准": "prohibition", "不允许": "prohibition",
    "可以": "permission", "允许": "permission", "可": "permission",
    "鼓励": "encouragement", "支持": "encouragement", "提倡": "encouragement",
    "应当": "obligation", "必须": "obligation", "应": "obligation", "要": "obligation", "须": "obligation",
    "负责": "obligation", "担负": "obligation", "承担": "obligation",
}

# (?<!…) and (?!…) keep the false friends out: 可持续 可能 可行 认可 许可, 重要 主要 需要 要求 只要,
# 相应 响应 应用, 负责人, 不得不, 无须 必须 (whole word), 禁止性 …
RE_CUE = re.compile(
    r"不提倡|避免"
    r"|不得(?!不)|严禁|禁止(?!性)|不许|不准|不允许"
    r"|可以|(?<![认许])(?<!不)允许|(?<![认许不宁])可(?![能持行靠见观控比信用否口爱乐谓怜惜视])"
    r"|(?<![并和及])鼓励|(?<![给予的和并及])支持(?![性下])|(?<![不并和及])提倡"
    r"|应当|必须|(?<![相响适供对反呼感效回理顺必])应(?![用对急届聘邀酬收付该有当])"
    r"|(?<![重主需只必纲摘首紧卡])要(?![求素件点害闻务员领])"
    r"|(?<![必无])须(?!知)|(?<!首问)负责(?!人)|担负|承担"
)
RE_CLAUSE_SPLIT = re.compile(r"[，；：,;:]")
RE_CONDITION_CLAUSE = re.compile(r"(?:的|时|前|后|中)$|^(?:在|经|对|凡|如|若|确有|确因|因|为了|为)")
RE_INNER_CONDITION = re.compile(r"经[^，；。]{1,12}?(?:批准|同意|审批)|在[^，；。]{1,12}?(?:中|时|期间|内)|确有需要|确因工作需要")
RE_ATTRIBUTIVE_TAIL = re.compile(r"由[^，；。]{1,12}?的")
RE_AIM_END = re.compile(r"[，；。：！？,;:]")
ENCOURAGING = frozenset({"鼓励", "支持", "提倡"})
#: Cues that are themselves the action (the aim starts with them); after a modal they are no cue.
VERB_CUES = frozenset({"负责", "担负", "承担", "鼓励", "支持", "提倡", "避免", "禁止", "严禁"})
MODAL_CUES = frozenset(CUES) - VERB_CUES
#: Cues that are part of the action they state (担负起监督责任); other cues precede the aim.
AIM_WITH_CUE = frozenset({"担负", "承担"})
RE_CO_ACTOR_PHRASE = re.compile(r"^(?:会同|商|协同|联合)[^，；。]{1,20}?(?=加强|组织|制定|建立|开展|做好|负责|进行|实施|推进|按)")
#: What may stand before the subject of a clause: scope words (各级, 县级以上地方 …) and conjunctions.
RE_SUBJECT_PREFIX = re.compile(
    r"^(?:各级|县级以上|地方各级|地方|本级|上级|下级|同级|本市|我市|全市|本省|[省市县区乡镇]|[、（）()]"
    r"|各|凡|任何|同时|并|但|且|另外)*$"
)
#: Words joining co-actors who act together: 由X商Y承担, X会同Y负责.
RE_CO_ACTOR = re.compile(r"^(?:商|会同|会商|协同|联合)$")


@dataclass(frozen=True, slots=True)
class Norm:
    """One norm: a deontic cue with its actor, aim, object, conditions and or-else.

    Attributes:
        id: ``<sentence id>/norm-<k>``.
        unit: the id of the sentence holding the cue.
        article: article number (``None`` in a sectioned document); section: section number or None.
        paragraph, item: numbers of the paragraph and item (``None`` where not in an item).
        span: the clause of the norm in ``Document.text``; cue_span: the cue itself.
        actor: canonical actor names (a coordinated list gives several).
        actor_surface: the actors as written; actor_implicit: the actor is not written in the sentence.
        aim: the action after the cue, up to the clause's end; object: not split out yet (``None``).
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


@dataclass(slots=True)
class _Context:
    """What a unit inherits: the last explicit actors and the standing conditions."""

    actors: tuple[ActorMention, ...] = ()
    conditions: tuple[str, ...] = ()


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
            for item in paragraph.items:
                _unit_norms(doc, item.sentences, _Context(lead.actors, lead.conditions), article, section, paragraph, item, norms)
            context = _Context(lead.actors, ())
    return _fill_default_actors(doc, norms)


def default_actors(doc: Document, norms: list[Norm]) -> tuple[str, ...]:
    """Who a document addresses when a norm names nobody (构建亲清新型政商关系应当防止…).

    The government-side term the document defines by alias (第二条: …人民团体（以下简称机关单位）),
    else the actor most often named explicitly as the subject of its norms (接待单位 in the 2013
    reception rules); empty when the document names none.
    """
    from qqtext.extract.actors import actor_dictionary, find_actors
    from qqtext.extract.definitions import extract_definitions

    dictionary = actor_dictionary()
    for definition in extract_definitions(doc):
        if definition.kind != "alias" or not definition.members:
            continue
        named = [m.canonical for m in find_actors(definition.term)]
        if named and named[0] in dictionary and dictionary[named[0]].side == "government":
            return (named[0],)
    counts: dict[str, int] = {}
    for norm in norms:
        if not norm.actor_implicit:
            for actor in norm.actor:
                counts[actor] = counts.get(actor, 0) + 1
    return (max(counts, key=counts.__getitem__),) if counts else ()


def _fill_default_actors(doc: Document, norms: list[Norm]) -> list[Norm]:
    if all(norm.actor for norm in norms):
        return norms
    default = default_actors(doc, norms)
    return [replace(norm, actor=default, actor_implicit=True) if not norm.actor else norm for norm in norms]


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
    for sentence in sentences:
        sentence_actors: tuple[ActorMention, ...] = ()
        sentence_conditions: list[str] = []
        clauses = list(_clauses(sentence))
        number = 0
        last_conditions: tuple[str, ...] = context.conditions
        for clause_start, clause_text in clauses:
            mentions = find_actors(clause_text, offset=clause_start)
            cues = _cues(clause_text)
            if not cues:
                if RE_CONDITION_CLAUSE.search(clause_text):
                    sentence_conditions.append(clause_text)
                else:
                    subjects = _subject_groups(doc.text, clause_text, clause_start, mentions)
                    if subjects:
                        sentence_actors = tuple(subjects[0])
                continue
            for cue in cues:
                cue_start = clause_start + cue.start()
                actors, implicit = _actor_for(doc.text, clause_text, clause_start, cue, mentions, sentence_actors, context.actors)
                if actors:
                    actors = (*actors, *_co_actors_after(doc.text, clause_start + cue.end(), actor_groups(doc.text, mentions)))
                conditions = list(dict.fromkeys([*context.conditions, *sentence_conditions, *_inner_conditions(clause_text[: cue.start()])]))
                number += 1
                aim_text = clause_text[cue.start() if cue.group() in AIM_WITH_CUE else cue.end():]
                aim_end = RE_AIM_END.search(aim_text)
                aim = (aim_text[: aim_end.start()] if aim_end else aim_text).strip()
                topic_end = clause_text.rfind("由", 0, cue.start())
                if aim == cue.group() and topic_end > 0:
                    aim += clause_text[:topic_end]  # 解释工作由X承担: X 承担解释工作
                aim, obj = split_aim(aim)
                out.append(Norm(
                    id=f"{sentence.id}/norm-{number}",
                    unit=sentence.id,
                    article=article,
                    section=section,
                    paragraph=paragraph.number,
                    item=item.number if item else None,
                    deontic=CUES[cue.group()],
                    cue=cue.group(),
                    cue_span=Span(cue_start, cue_start + len(cue.group())),
                    actor=tuple(dict.fromkeys(m.canonical for m in actors)),
                    actor_surface=tuple(m.surface for m in actors),
                    actor_implicit=implicit,
                    aim=aim,
                    object=obj,
                    conditions=tuple(conditions),
                    or_else=None,
                    text=clause_text,
                    span=Span(clause_start, clause_start + len(clause_text)),
                ))
                if actors and not implicit:
                    sentence_actors = tuple(actors)
                last_conditions = tuple(conditions)
        if sentence_actors:
            context.actors = sentence_actors
        if item is None and number:
            # what an item list inherits: the conditions of the norm that introduces it (经单位批准 …)
            context.conditions = last_conditions
    return context


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
    tokens = [(word, tags.get(word, "x")) for word in segmenter().lcut(phrase, HMM=False)]
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


def _cues(clause: str) -> list[re.Match[str]]:
    """Cue matches of a clause, without attributive uses (明令禁止的行为) or verbs after a modal (应当担负)."""
    found = []
    for match in RE_CUE.finditer(clause):
        if clause[match.end():match.end() + 1] == "的":
            continue
        if found and RE_ATTRIBUTIVE_TAIL.match(clause, match.end()):
            continue  # 不得…支付应由个人负担的费用: a cue inside the object of another norm
        if match.group() in ENCOURAGING and match.end() == len(clause):
            continue  # 提供资金支持: a noun closing the clause, not a verb
        if match.group() in VERB_CUES and any(m.group() in MODAL_CUES for m in found):
            continue
        found.append(match)
    return found


def _subject_groups(
    text: str, clause: str, clause_start: int, mentions: list[ActorMention]
) -> list[list[ActorMention]]:
    """The actor groups written in subject position: at the start of the clause (after 各级, 但 …)."""
    return [
        group for group in actor_groups(text, mentions)
        if RE_SUBJECT_PREFIX.match(clause[: group[0].start - clause_start])
    ]


def _co_actors_after(text: str, position: int, groups: list[list[ActorMention]]) -> list[ActorMention]:
    """The group right after a cue joined by 会同/商 (应当会同有关部门加强…): they act together."""
    for group in groups:
        if group[0].start >= position:
            return list(group) if RE_CO_ACTOR.match(text[position:group[0].start]) else []
    return []


def _with_co_actors(text: str, group: list[ActorMention], groups: list[list[ActorMention]]) -> list[ActorMention]:
    """``group`` plus the groups joined to it by 商 / 会同 (由市委办公厅商市纪委市监委机关承担)."""
    actors = list(group)
    last = group[-1]
    for other in groups:
        if other[0].start >= last.end and RE_CO_ACTOR.match(text[last.end:other[0].start]):
            actors.extend(other)
            last = other[-1]
    return actors


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


def _actor_for(
    text: str,
    clause: str,
    clause_start: int,
    cue: re.Match[str],
    mentions: list[ActorMention],
    sentence_actors: tuple[ActorMention, ...],
    inherited: tuple[ActorMention, ...],
) -> tuple[tuple[ActorMention, ...], bool]:
    """The actors a cue addresses and whether they are implicit (not written in the sentence)."""
    cue_start = clause_start + cue.start()
    groups = actor_groups(text, mentions)
    if cue.group() in ENCOURAGING:
        after = [g for g in groups if g[0].start >= cue_start + len(cue.group())]
        if after:
            return tuple(after[0]), False

    by = clause.rfind("由", 0, cue.start())
    if by >= 0:
        after_by = [g for g in groups if clause_start + by < g[0].start < cue_start]
        if after_by:
            return tuple(_with_co_actors(text, after_by[0], groups)), False
    before = [g for g in _subject_groups(text, clause, clause_start, mentions) if g[-1].end <= cue_start]
    if before:
        return tuple(_with_co_actors(text, before[-1], groups)), False
    subject = RE_INNER_CONDITION.sub("", clause[: cue.start()])
    if subject and not RE_SUBJECT_PREFIX.match(subject) and not any(m.end <= cue_start for m in mentions):
        return (), True  # a thing or an activity is the subject (接待住宿应当…): the document's addressee acts
    if sentence_actors:
        return sentence_actors, False
    if inherited:
        return inherited, True
    return (), True

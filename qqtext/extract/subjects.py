"""Subjects: who a clause addresses, read from the clause itself rather than from a list of bodies.

A Chinese legal clause puts its actor first: ``[subject] [adverbials] [modal] [verb] …``
(各级人民政府 / 依法 / 应当 / 保护…). :func:`subject_before` finds that noun phrase in the words before
a cue, whatever body it names, and :func:`~qqtext.extract.coordination.split_actors` turns it into actors
in their specific written form (自然资源和规划部门, 商业银行等金融机构), each with a type from its head noun.

How the phrase is found, word by word (the private segmenter's words, jieba's dictionary tags):

1. connectives in front (但, 并, 同时, 除 …) are skipped;
2. the phrase runs over nominal words, coordinators (、 和 及 或者 …), 等, 的 and level words
   (各级, 县级以上, 市、县（市）、区); a verb, a preposition or an adverbial (依法, 按照 …) ends it —
   unless a relative clause closes with 的 and an agent head follows (负有监督管理职责的部门,
   承担公共服务职能的单位, 被调查的机构), also a chain of them (履行出资人职责的机构委派的股东代表);
   a verb opening the phrase compounds with a person noun (赔偿 + 请求人), a copula (是) ends it;
3. it names an actor only if its last word ends in an **agent head** (``qqtext/data/actor_heads.tsv``:
   部门, 机关, 企业, 银行, 协会, 学校, 人员, 者 …; the word classes are in :mod:`qqtext.extract.heads`).
   A phrase with another head is a thing or an activity (政府投资资金, 对…的行政事业性收费): the clause
   has a subject but no actor. A clause that ends in 的 (a case) or in 后/时 (a time) names the agent
   that opens it (赔偿义务机关赔偿损失后，应当…); so does a subject with a fronted object (X对Y，应当…).

The specific form drops only what says which level, place or how many (各级, 县级以上, 湖州市, 任何,
其他, 上一级, 两名以上的), a reference to the whole text (本法规定的) and an owning body in front of its
department (人民政府发展改革部门 -> 发展改革部门; 人民法院赔偿委员会 -> 赔偿委员会; 企业的合伙人 -> 合伙人).
Coordinated lists are split and a shared head is distributed (司法、执法、执纪机关 -> 司法机关, 执法机关,
执纪机关), and so are a shared modifier (国有公司、企业 -> 国有公司, 国有企业) and a restrictive clause that
opens the list (受理举报的单位或者个人 -> 受理举报的单位, 受理举报的个人); a list closed by 等 before its
head stays one actor (小额贷款公司、融资担保公司等地方金融组织).

>>> [(a.surface, a.type) for a in subject_before("县级以上地方人民政府自然资源和规划部门应当", 0, 20).actors]
[('自然资源和规划部门', 'government')]
>>> [(a.surface, a.type) for a in subject_before("商业银行等金融机构应当", 0, 9).actors]
[('商业银行等金融机构', 'financial_institution')]
>>> subject_before("政府投资资金应当", 0, 6).actors
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qqtext.extract.actors import ActorMention, _surface_index
from qqtext.extract.coordination import TIER_WORDS, _is_owner, _level_actors, split_actors
from qqtext.extract.heads import (
    ADVERBIALS, AGENT_TAKING_VERBS, BARE_HEADS, CLAUSE_VERBS, COORDINATORS, COPULAS, DETERMINERS, DUTY_NOUNS, GLUE, LEADING,
    LEVEL_WORDS, NOT_RELATIVE_START, ONE_CHARACTER_HEADS, PLACE_AFTER, TIME_AFTER, TOPIC_MARKERS, ActorType, _heads,
    _is_agent, _nominal, _shortest_head, actor_type, agent_head,
)
from qqtext.extract.lexicon import word_tags
from qqtext.extract.lexicon import words as cut
from qqtext.extract.specific import specific_form

__all__ = [
    "Subject", "actor_type", "agent_head", "subject_before", "phrase_after", "leading_agents", "pivot_party", "encouraged_party", "split_actors",
    "specific_form", "ActorType",
    "ADVERBIALS",
]



@dataclass(frozen=True, slots=True)
class Subject:
    """The noun phrase in subject position of a clause and the actors it names (none for a thing)."""

    start: int
    end: int
    text: str
    actors: tuple[ActorMention, ...]


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int, str]]:
    """``(word, start, end, tag)`` of ``text[start:end]``, dictionary words only (no HMM guesses).

    A one-character head joins the word before it (来电 + 人, 举报 + 人, 吸烟 + 者), and an alias in
    parentheses (（以下称来电人）) is left out: it names the phrase, it is not part of it.
    """
    tags = word_tags()
    surfaces = _surface_index()
    out: list[tuple[str, int, int, str]] = []
    position = start
    alias = 0  # the depth of the parentheses of an alias being skipped (（以下简称区、县（市）…）)
    words = cut(text[start:end])
    for index, word in enumerate(words):
        begin, position = position, position + len(word)
        if not alias and word in "（(" and index + 1 < len(words) and words[index + 1].startswith("以下"):
            alias = 1
            continue
        if alias:
            alias += (word in "（(") - (word in "）)")
            continue
        if word.startswith("他") and out and out[-1][0] == "及其" and out[-1][2] == begin:
            joiner = out.pop()  # 及其他有关部门 is 及 + 其他有关部门, not 及其 + 他有关部门
            out.append(("及", joiner[1], joiner[1] + 1, "c"))
            out.append(("其他", joiner[1] + 1, begin + 1, "r"))
            word, begin = word[1:], begin + 1
            if not word:
                continue
        if word in ONE_CHARACTER_HEADS and out and out[-1][0] not in GLUE | COORDINATORS and out[-1][3] != "x":
            previous = out.pop()
            word, begin = previous[0] + word, previous[1]
            tag = "n"
        else:
            tag = "nt" if word in surfaces else tags.get(word, "x")
        if out and out[-1][0] + word in _heads() and out[-1][2] == begin and out[-1][0] not in GLUE | COORDINATORS:
            previous = out.pop()  # 志愿者 + 组织: a head the segmenter split
            word, begin, tag = previous[0] + word, previous[1], "n"
        elif _verb_compound(out, word, start, words[index + 1] if index + 1 < len(words) else text[position:position + 2]):
            previous = out.pop()  # 赔偿请求人, 复议申请人 opening a subject: one agent noun, not verb + object
            word, begin, tag = previous[0] + word, previous[1], "n"
        elif out and out[-1][0] == "被" and agent_head(word) and len(word) > 1:
            previous = out.pop()  # 被征收人: the party a measure is taken against
            word, begin, tag = previous[0] + word, previous[1], "n"
        elif len(out) > 1 and out[-2][0] == "被" and out[-1][0] not in GLUE | COORDINATORS and word in BARE_HEADS | {"对象"}:
            verb, passive = out.pop(), out.pop()  # 被建议单位, 被调查人员
            word, begin, tag = passive[0] + verb[0] + word, passive[1], "n"
        out.append((word, begin, position, tag))
    return out


#: What may follow a subject: a modal, an adverbial or a verb (赔偿请求人要求赔偿, 复议申请人可以…).
RE_PREDICATE_START = re.compile(r"^(?:应|可|不|必须|须|要|在|对|向|于|自|经|因|按|依|就|应当)")


def _verb_compound(out: list[tuple[str, int, int, str]], word: str, start: int, following: str) -> bool:
    """Whether a verb opening the phrase and ``word`` make one agent noun (赔偿 + 请求人).

    Only at the very start of a phrase, with a noun of three characters built on a verb and ending in a
    person head (请求人, 申请人, 使用者), and with a predicate after it. Elsewhere the same words are a
    verb and its object (应当答复申请人, 通知申请人补正: AGENT_TAKING_VERBS).
    """
    if len(out) != 1 or out[0][1] != start or out[0][3] != "v" or out[0][0] in AGENT_TAKING_VERBS | ADVERBIALS:
        return False
    if len(word) != 3 or word[-1] not in ONE_CHARACTER_HEADS or len(out[0][0]) != 2:
        return False
    if not word_tags().get(word[:2], "x").startswith("v"):
        return False
    return bool(RE_PREDICATE_START.match(following)) or following in COORDINATORS \
        or word_tags().get(following, "x").startswith(("v", "d", "p"))


def _ends_in_agent(tokens: list[tuple[str, int, int, str]], start: int) -> int | None:
    """Index past a nominal run from ``start`` whose last word is an agent head (or None)."""
    last = None
    index = start
    while index < len(tokens):
        word, _, _, tag = tokens[index]
        if word in COORDINATORS or word in GLUE - {"的"} or _nominal(word, tag) or _reaches_agent(tokens, index):
            if _is_agent(word, tag) or agent_head(word) and _reaches_agent(tokens, index):
                last = index + 1
            index += 1
            continue
        break
    if last is None or any(_nominal(w, t) and w not in GLUE and w not in COORDINATORS for w, _, _, t in tokens[last:index]):
        return None  # the run goes on past its agent: 企业的《营业执照》 is a thing
    return last


def _relative_clause_end(
    tokens: list[tuple[str, int, int, str]], start: int, first: bool, predicate_ok: bool = False
) -> int | None:
    """If a relative clause runs from ``start`` to a 的 followed by an agent phrase, the index after 的.

    The agent closes the subject before an adverbial, a coordinator or the end (…职责的部门 + 应当), or
    before a second relative clause on another agent (履行出资人职责的机构委派的股东代表); with
    ``predicate_ok`` (a clause without a cue that opens the sentence) also before its predicate
    (…委派的股东代表参加…会议，应当…).
    """
    if first and tokens[start][0] in NOT_RELATIVE_START or tokens[start][0] in COPULAS:
        return None  # X是…的主管部门: a copula states what X is, it opens no relative clause
    for index in range(start + 1, len(tokens)):
        if tokens[index][0] == "的":
            past = _ends_in_agent(tokens, index + 1)
            if past is None:
                continue
            if past == len(tokens) or tokens[past][0] in ADVERBIALS | COORDINATORS:
                return index + 1  # the agent after 的 closes the subject: …职责的部门 + 应当
            if tokens[past][3].startswith("v") and _relative_clause_end(tokens, past, False, predicate_ok) is not None:
                return index + 1  # …的机构 + 委派的股东代表: a chain of relative clauses
            if predicate_ok and tokens[past][3].startswith(("v", "d")):
                return index + 1
    return None


def _reaches_agent(tokens: list[tuple[str, int, int, str]], start: int) -> bool:
    """Whether a verb (or verb-tagged noun) at ``start`` modifies an agent head: 执法、执纪机关,
    融资担保公司, 行政执法机构, 驻湖机构, 其他组织.

    It does when it is itself a bare head closing the phrase (组织), when a 、-list of modifiers
    follows it (not closed by 的: 收集、贮存、处置危险废物的单位 is a relative clause), or when a
    compound head (人员, 机构, 担保公司 …, not 相关机构 or 当事人) comes within the next two words and
    ends the phrase. Otherwise the words are a verb phrase (吸收非公有制企业外地从业人员的子女入学,
    制定涉及企业…的政策, 指定相关机构承担…, 通知当事人).
    """
    def closes(index: int) -> bool:
        if index + 1 >= len(tokens):
            return True
        after, _, _, tag = tokens[index + 1]
        return after in COORDINATORS or after == "等" or after in ADVERBIALS or tag.startswith(("v", "p")) or after in AGENT_TAKING_VERBS \
            or after in _heads() and tag.startswith("n")  # 评标委员会成员: a head of the body's members follows

    word = tokens[start][0]
    previous = tokens[start - 1] if start else None
    if word in ADVERBIALS or word == "的" or tokens[start][3].startswith("p") or word in CLAUSE_VERBS:
        return False
    after_agent = previous is not None and _is_agent(previous[0], previous[3])
    opening = previous is None or previous[0] in LEADING
    if word in AGENT_TAKING_VERBS and opening and start + 1 < len(tokens) and tokens[start + 1][3].startswith("v"):
        return False  # 组织实施…项目的: a clause opening with a verb of organising before a verb
    if word in _heads() and closes(start) and not after_agent:
        return True  # 地方金融组织, 其他组织 (有关部门组织考评 is a verb)
    if after_agent:
        # after its head a subject's predicate begins (决策承办单位提交决策机关讨论…), unless a bare head
        # right after closes the phrase before the cue (公共资源交易平台运行服务机构应当…)
        for index in range(start + 1, min(start + 3, len(tokens))):
            candidate, _, _, tag = tokens[index]
            if candidate in BARE_HEADS or _shortest_head(candidate) in BARE_HEADS and len(candidate) <= 4 \
                    and _is_agent(candidate, tag):
                after = tokens[index + 1][0] if index + 1 < len(tokens) else None
                if index == start + 1 and candidate in BARE_HEADS and word not in AGENT_TAKING_VERBS \
                        and _is_owner(previous[0], word) and after is not None and tokens[index + 1][3].startswith("v"):
                    return True  # 人民法院赔偿委员会处理…: the owner's committee, then its predicate
                return after is None or after in ADVERBIALS or after in COORDINATORS
            if not _nominal(candidate, tag):
                return False
        return False
    following = tokens[start + 1][0] if start + 1 < len(tokens) else ""
    if following == "、":
        for candidate, _, _, tag in tokens[start + 2:start + 30]:
            if candidate == "的" or candidate in ADVERBIALS:
                return False
            if _is_agent(candidate, tag):
                return True
        return False
    reach = 2 if word in AGENT_TAKING_VERBS else 5
    for index in range(start + 1, min(start + reach, len(tokens))):
        candidate, _, _, tag = tokens[index]
        if candidate in ADVERBIALS or candidate == "的" or tag.startswith("p") or candidate in DETERMINERS:
            return False  # 发现有关单位: a determiner opens the verb's object
        if _is_agent(candidate, tag):  # 执法人员, 融资担保公司, 执法辅助人员, 预防职务犯罪工作领导机构
            compound = len(candidate) <= 4 and _shortest_head(candidate) in BARE_HEADS \
                and not candidate.startswith(("有关", "相关", "其他", "本", "该", "各"))
            middle = tokens[start + 1:index]  # nouns may stand between (not 建设无烟单位, 认为香港特别行政区立法机关)
            verbs_allowed = ("v",) if not after_agent else ()  # 房屋征收实施单位; not 社会组织建设无烟单位
            through = all(len(w) == 1 or len(w) <= 4 and t.startswith(("n", "vn", "b", "j", *verbs_allowed))
                          and t not in ("nt", "ns") and w not in DETERMINERS for w, _, _, t in middle)
            adjective = tokens[start][3] == "a" and candidate not in AGENT_TAKING_VERBS  # 平安建设组织协调机构
            if not tokens[start][3].startswith(("v", "n", "b")) and not adjective:
                return False  # 提前培训督查人员: an adverb opens a verb phrase (卫生健康部门: an adjective in a name)
            if middle and previous is not None and previous[0] in ("和", "及", "或者", "并") and start > 1 \
                    and tokens[start - 2][3].startswith("v"):
                return False  # 管理和维护公共资源交易平台: coordinated verbs and their object
            closed = closes(index) or index + 1 < len(tokens) and tokens[index + 1][0] == "的"
            if word in AGENT_TAKING_VERBS and candidate not in BARE_HEADS:
                return False  # 指导机构 is a body; 配合公安机关, 组织有关部门 are what is done
            return compound and through and closed
    return False


def _walk(
    tokens: list[tuple[str, int, int, str]], *, opening_relative: bool = True, predicate_follows: bool = False,
    whole_only: bool = False, relative_before_predicate: bool = False,
) -> tuple[int, int, list[tuple[int, int]]] | None:
    """``(first, past, relative regions)`` of the subject phrase among ``tokens`` (or None)."""
    first = 0
    while first < len(tokens) and tokens[first][0] in LEADING:
        first += 1
    index = first
    relatives: list[tuple[int, int]] = []
    while index < len(tokens):
        word, _, _, tag = tokens[index]
        previous = tokens[index - 1] if index > first else None
        if predicate_follows and previous is not None and _is_agent(previous[0], previous[3]) and tag == "vn" \
                and not _reaches_agent(tokens, index) and not _is_agent(word, tag) \
                and (not whole_only or len(previous[0]) >= 4 and index + 1 < len(tokens)):
            # 建设单位投保…; in a clause without a cue only after a named body and with an object (人民法院审理行政
            # 案件，应当…), not in a compound (政府投资项目，企业投资项目)
            break  # the agent's predicate begins
        if tag == "i" and index == first:
            break  # 诬告陷害…: an idiom opening the phrase is what is done (inside a name it is a modifier)
        if word in COORDINATORS or word in GLUE or _nominal(word, tag) or _modifying_adjective(tokens, index, whole_only=whole_only):
            index += 1
            continue
        if word in _heads() and previous is not None and _nominal(previous[0], previous[3]) \
                and (not _is_agent(previous[0], previous[3]) or not whole_only and index + 1 == len(tokens)) \
                and previous[0] not in COORDINATORS | GLUE:
            index += 1  # 地方金融组织; 消费者组织 right before the cue: a bare head after its modifier, whatever its tag
            continue
        if whole_only and relatives and previous is not None and _is_agent(previous[0], previous[3]) and tag == "v":
            break  # …委派的股东代表 + 参加…会议: after a relative-clause subject its predicate begins
        if _reaches_agent(tokens, index):
            index += 1
            continue
        if whole_only and (not opening_relative or word in NOT_RELATIVE_START):
            break  # in a clause without a cue only a whole-clause noun phrase may hold a relative clause
        predicate_ok = (whole_only or relative_before_predicate) and opening_relative \
            and (index == first or bool(relatives) and relatives[0][0] == first)
        relative = _relative_clause_end(tokens, index, index == first, predicate_ok)
        if relative is None:
            break
        agent_end = _ends_in_agent(tokens, relative)
        if whole_only and agent_end != len(tokens) and not (agent_end is not None and tokens[agent_end][0] in TOPIC_MARKERS) \
                and not (predicate_ok and agent_end is not None and tokens[agent_end][3].startswith(("v", "d"))):
            break  # …告知被调查的公务员本人: unless the relative clause makes the whole clause, a verb phrase
        relatives.append((index, relative))
        index = relative
        if relative_before_predicate and agent_end is not None:
            index = agent_end  # 由[履行出资人职责的机构]报经…批准: the predicate begins after the agent
            break
    past = index
    while past > first and (tokens[past - 1][0] in GLUE | COORDINATORS or tokens[past - 1][0] in PLACE_AFTER):
        past -= 1  # 行政执法机构之间: the bodies, not the space between them
    timed = past
    while timed > first + 1 and (tokens[timed - 1][3] in ("m", "q", "t", "f") or tokens[timed - 1][0].isdigit()
                                 or tokens[timed - 1][0] in ("年内", "日内", "以内")):
        timed -= 1
    if timed < past and _is_agent(tokens[timed - 1][0], tokens[timed - 1][3]):
        past = timed  # 其法定代表人5年内禁止…: a time after the subject is no part of it
    if past <= first:
        return None
    return first, past, relatives


def _modifying_adjective(tokens: list[tuple[str, int, int, str]], index: int, *, whole_only: bool = False) -> bool:
    """An adjective inside a noun phrase, before the noun it modifies (重要数据处理者, 私募基金管理人). In a
    clause without a cue not right before an agent: 尊重信访人, 畅通公众诉求 are verbs (tagged a) and objects."""
    word, _, _, tag = tokens[index]
    if tag != "a" or word in ADVERBIALS or index + 1 >= len(tokens):
        return False
    following, _, _, following_tag = tokens[index + 1]
    if whole_only and _is_agent(following, following_tag):
        return False
    return _nominal(following, following_tag) and following not in GLUE | COORDINATORS


def _acts_before_cue(tokens: list[tuple[str, int, int, str]], first: int) -> bool:
    """Whether the words before a cue open with an agent and go on with what it does (交通警察执勤执法应当…,
    登记机关无正当理由不得…): a verb or an adverbial right after the agent, not a thing it owns
    (公务员工资应当…, 企业改制应当…)."""
    leading = _leading_agent(tokens, first)
    if leading is None or leading >= len(tokens):
        return False
    word, _, _, tag = tokens[leading]
    if tag == "vn":  # 执勤执法: a verb-noun counts only before a verb
        return leading + 1 < len(tokens) and tokens[leading + 1][3] == "v"
    return tag in ("v", "d") or word in ADVERBIALS or word == "无"


def _trade_name(tokens: list[tuple[str, int, int, str]]) -> tuple[int, int, list] | None:
    """``(first, past, [])`` when all the words before a cue are one noun phrase naming a party by its
    trade, verbs included (修理加工业经营者, 洗染业经营者, 供水、供电、…、殡葬等公用服务经营者, 组织编制机关):
    nouns, verbs, 、 and 等 only, ending in an agent head right before the cue."""
    first = 0
    while first < len(tokens) and tokens[first][0] in LEADING:
        first += 1
    words = tokens[first:]
    if not 1 < len(words) <= 24 or not _is_agent(words[-1][0], words[-1][3]):
        return None
    if not any(t.startswith("v") for *_, t in words[:-1]):
        return None
    if len(words) == 2 and words[0][3].startswith("v"):
        return None  # 设立行业协会: a verb and its object
    for index, ((word, _, _, tag), (following, _, _, following_tag)) in enumerate(zip(words, words[1:])):
        if tag.startswith("v") and tag != "vn" and following_tag in ("ns", "nt") or index + 2 < len(words) and _is_agent(word, tag) \
                and following_tag.startswith("v"):
            return None  # …进入香港特别行政区 (a verb and the place it goes to), 机关聘任公务员 (a subject and its predicate)
    for word, _, _, tag in words:
        if word in ADVERBIALS or word in DETERMINERS or word in CLAUSE_VERBS or word == "的" or tag.startswith(("p", "d", "r", "m", "x")) \
                and word not in ("、", "等"):
            return None
    return first, len(tokens), []


def _trade_name_before_verb(tokens: list[tuple[str, int, int, str]]) -> tuple[int, int, list] | None:
    """:func:`_trade_name` of the words up to the first agent head a verb or adverbial follows."""
    for index in range(1, len(tokens) - 1):
        word, _, _, tag = tokens[index]
        following, _, _, following_tag = tokens[index + 1]
        if _is_agent(word, tag) and (following_tag.startswith(("v", "d", "ad", "p")) and following_tag != "vn"
                                     or following in ADVERBIALS):
            named = _trade_name(tokens[:index + 1])
            return (named[0], index + 1, []) if named else None
    return None


#: Prepositions that open a topic after a subject (代表对于确定的候选人，可以投赞成票): the subject ends there.
TOPIC_PREPOSITIONS = frozenset({"对于", "关于", "对"})


def _before_topic(tokens: list[tuple[str, int, int, str]], first: int, past: int,
                  relatives: list[tuple[int, int]]) -> tuple[int, list[tuple[int, int]]]:
    """Where a walked phrase ends when a topic opens after its agent (代表对于确定的候选人: 代表)."""
    for index in range(first + 1, past):
        word, _, _, tag = tokens[index]
        if word in TOPIC_PREPOSITIONS and tag.startswith("p") and _is_agent(tokens[index - 1][0], tokens[index - 1][3]):
            return index, [r for r in relatives if r[1] <= index]
    return past, relatives


def subject_before(
    text: str, start: int, end: int, *, before_cue: bool = True, opening_phrase: bool = True
) -> Subject | None:
    """The subject phrase of ``text[start:end]`` (the words before a cue), or None if none is written.

    A subject whose head is no agent (a thing or an activity) comes back with no actors. For a clause
    without a cue (``before_cue`` false) a relative clause counts only where the whole clause is one
    noun phrase and ``opening_phrase`` (it opens the sentence): 负有…职责的部门应当 and
    收集…危险废物的单位， are subjects; 因…需要，接待…的来访人员， and 任免机关将…告知被调查的公务员本人，
    are what is done.
    """
    tokens = _tokens(text, start, end)
    place = _leading_place(tokens) or _leading_time(tokens)
    if place:  # 在本市从事物业服务的企业应当…, 在…规划区内村民…的, 本条例施行前经营者…的: where or when, then who
        return subject_before(text, tokens[place][1], end, before_cue=before_cue, opening_phrase=opening_phrase)
    walked = _walk(tokens, opening_relative=before_cue or opening_phrase, whole_only=not before_cue, predicate_follows=not before_cue,
                   relative_before_predicate=before_cue)
    if before_cue and (walked is None or not _is_agent(tokens[walked[1] - 1][0], tokens[walked[1] - 1][3])):
        walked = _trade_name(tokens) or walked  # 修理加工业经营者应当…, 洗染业经营者应当…: a party named by its trade
    if walked is None:
        return None
    first, past, relatives = walked
    past, relatives = _before_topic(tokens, first, past, relatives)
    phrase = tokens[first:past]
    if len(phrase) > 1 and len(phrase[0][0]) == 1 and phrase[0][3] in ("v", "p") and phrase[1][0] in LEVEL_WORDS:
        return None  # 报同级人民政府批准: a verb before a level word takes the body as its object (评标委员会 stays)
    head_word, _, _, head_tag = phrase[-1]
    if not _is_agent(head_word, head_tag) and (text[start:end].rstrip("，, ").endswith("的") or head_word in DUTY_NOUNS
                                               or head_word in TIME_AFTER or before_cue and _acts_before_cue(tokens, first)):
        # a headless relative (非公有制企业符合规定条件的，可以…) or a clause of time (赔偿义务机关赔偿损失后，
        # 应当…): the agent that opens it acts
        leading = _leading_agent(tokens, first)
        if leading is not None:
            past, relatives = leading, []
            phrase = tokens[first:past]
            head_word, _, _, head_tag = phrase[-1]
    if _is_agent(head_word, head_tag):
        actors = tuple(split_actors(text, phrase, relatives=[(a - first, b - first) for a, b in relatives]))
    elif before_cue and _levels_only(phrase) or opening_phrase and _levels_only(phrase, places=False):
        actors = tuple(_level_actors(text, phrase))  # 市、区（县）应当…; 省、自治区、直辖市根据…，可以…
    else:
        actors = _possessor(text, phrase) or _bodies_and_levels(text, phrase)

    alias = RE_ALIAS.match(text, phrase[-1][2])
    if actors and alias and _is_agent(alias.group(1), "n") and any("的" in a.surface for a in actors):
        # 受理申诉的机关、单位（以下称申诉机关）应当…: the text names a subject described by a clause by its own
        # term (a plain list keeps its members: 自然人、法人或者其他组织（以下称来电人）)
        name = alias.group(1)
        actors = (ActorMention(_surface_index().get(name, name), name, alias.start(1), alias.end(1), None, actor_type(name)),)
    return Subject(phrase[0][1], phrase[-1][2], text[phrase[0][1]:phrase[-1][2]], actors)


#: Words closing the place of a 在 that opens a clause (在…规划区内, 在道路上, 在…过程中).
PLACE_CLOSERS = frozenset({"内", "中", "上", "以内", "范围内", "区域内", "境内"})


def _leading_place(tokens: list[tuple[str, int, int, str]]) -> int | None:
    """The index past a place that opens a phrase (在本市, 在乡、村庄规划区内) when a phrase follows it."""
    if len(tokens) < 3 or tokens[0][0] != "在":
        return None
    past = next((i + 1 for i, t in enumerate(tokens[:9]) if t[0] in PLACE_CLOSERS), None)
    if past is not None and any(t[0] in "，,；;" or t[3].startswith("v") and t[3] != "vn" for t in tokens[1:past]):
        past = None  # 在…中 must be a place, not an act (在履行职责中)
    if past is None and (tokens[1][0] in LEVEL_WORDS | {"本行政区域", "行政区域"} or tokens[1][3] == "ns") \
            and tokens[2][0] not in COORDINATORS:
        past = 2  # 在本市…, 在北京市…
    return past if past is not None and past < len(tokens) else None


def _leading_time(tokens: list[tuple[str, int, int, str]]) -> int | None:
    """The index past a time that opens a phrase (本条例施行前, 合同终止后) when an agent follows it and none is
    in it (经营者停业前 is the agent's own act)."""
    for index, (word, *_rest) in enumerate(tokens[:8]):
        if word in "，,；;":
            return None
        if word in TIME_AFTER and index + 1 < len(tokens) and index > 0:
            before = tokens[:index]
            if any(_is_agent(w, t) for w, _, _, t in before) or _leading_agent(tokens, index + 1) is None:
                return None
            return index + 1
    return None


#: An alias the text gives a phrase right after it: （以下简称排污单位）, （以下称“申诉机关”）.
RE_ALIAS = re.compile(r"[（(]以下(?:简称|称)[“\"]?([\u4e00-\u9fff]{2,12})[”\"]?[）)]")


def _levels_only(phrase: list[tuple[str, int, int, str]], *, places: bool = True) -> bool:
    """Whether a phrase names only levels (市、区（县）), or also places (``places``: jieba tags words such as
    新建 as place names, so a clause without a cue counts only true level words)."""
    return all(w in LEVEL_WORDS or w in "、（）()的" or places and t == "ns" or w in TIER_WORDS for w, _, _, t in phrase) \
        and any(w not in "、（）()的" for w, *_ in phrase)


def _bodies_and_levels(text: str, phrase: list[tuple[str, int, int, str]]) -> tuple[ActorMention, ...]:
    """国务院各部门和各省、自治区、直辖市应…: bodies, then a list of levels that stand for their governments."""
    joins = [i for i, (w, *_) in enumerate(phrase) if w in ("和", "及", "以及", "或者")]
    for join in reversed(joins):
        before, after = phrase[:join], phrase[join + 1:]
        if before and _is_agent(before[-1][0], before[-1][3]) and after and _levels_only(after):
            return (*split_actors(text, before), *_level_actors(text, after))
    return ()


def _possessor(text: str, phrase: list[tuple[str, int, int, str]]) -> tuple[ActorMention, ...]:
    """The owner of a thing subject, who acts for it: [行政执法机构及其行政执法人员]的主体资格应当报…,
    [出差人员]住宿费应当…. The owner must open the phrase and be followed by 的, or be a person
    (政府投资资金 is money, not the government)."""
    past = _leading_agent(phrase, 0)
    if past is None or past >= len(phrase):
        return ()
    owner = phrase[:past]
    person = agent_head(owner[-1][0]) in ONE_CHARACTER_HEADS | {"人员"} or owner[-1][0][-1] in ONE_CHARACTER_HEADS
    if phrase[past][0] != "的" and not person:
        return ()  # 公务员领导职务应当逐级晋升: a person's post; 政府投资资金 is money, not the government
    return tuple(split_actors(text, owner))


def _leading_agent(tokens: list[tuple[str, int, int, str]], first: int) -> int | None:
    """Index past the agent phrase that opens ``tokens`` (a list of agents joined by coordinators)."""
    index, past, opened = first, None, True  # opened: a new member begins (企事业 + 单位 after 、)
    while index < len(tokens):
        word, _, _, tag = tokens[index]
        if _is_agent(word, tag):
            past, opened = index + 1, False
        elif word in COORDINATORS or word == "等":
            opened = True  # 非公有制企业、集体经济组织等单位
        elif not (word in LEVEL_WORDS or opened and _nominal(word, tag)):
            break
        index += 1
    return past


def phrase_after(
    text: str, start: int, end: int, *, agents_only: bool = True, predicate: bool = False
) -> tuple[ActorMention, ...]:
    """The actors of the noun phrase right after ``start`` (鼓励X…, 会同X…, 由X负责), up to its verb.

    With ``agents_only`` false any noun phrase counts (鼓励社会资金投向…: the encouraged party is money).
    """
    tokens = _tokens(text, start, end)
    walked = _walk(tokens, predicate_follows=True, relative_before_predicate=predicate)  # 由[具有…资格的执法人员]实施
    if walked is None or not _is_agent(tokens[walked[1] - 1][0], tokens[walked[1] - 1][3]):
        named = _trade_name_before_verb(tokens)  # 由市交通执法总队责令改正: a name with a verb inside it
        if named:
            walked = named
    if walked is None:
        return ()
    first, past, relatives = walked
    past, relatives = _before_topic(tokens, first, past, relatives)
    phrase = tokens[first:past]
    if len(phrase) > 1 and len(phrase[0][0]) == 1 and phrase[0][3] in ("v", "p") and phrase[1][0] in LEVEL_WORDS:
        return None  # 报同级人民政府批准: a verb before a level word takes the body as its object (评标委员会 stays)
    if not _is_agent(phrase[-1][0], phrase[-1][3]):
        leading = _leading_agent(tokens, first)
        if leading is not None and leading <= past:
            phrase, relatives = tokens[first:leading], []
    if predicate:  # 禁止[任何国家机关]向企业摊派: the phrase must be followed by what it does
        rest = [t for t in tokens if t[1] >= phrase[-1][2]]
        after = rest[0] if rest else None
        verbal = after is not None and (after[3] != "vn" or len(rest) > 1 and rest[1][0] != "的")  # 生产经营过期食品
        if after is None or not (after[0] in ADVERBIALS or after[3].startswith(("v", "p", "d", "ad")) and verbal):
            return ()
    if _is_agent(phrase[-1][0], phrase[-1][3]) or not agents_only:
        return tuple(split_actors(text, phrase, relatives=[(a - first, b - first) for a, b in relatives]))
    return ()


def leading_agents(text: str, start: int, end: int) -> tuple[ActorMention, ...]:
    """The agents that open ``text[start:end]`` when a verb follows them (有关部门约谈…), else ()."""
    tokens = _tokens(text, start, end)
    past = _leading_agent(tokens, 0)
    if not past or past >= len(tokens):
        return ()
    word, _, _, tag = tokens[past]
    if not (tag.startswith("v") and tag != "vn" or word in ADVERBIALS):
        return ()
    return tuple(split_actors(text, tokens[:past]))


#: Tags of the words a pivot party may be made of (社会资本, 浦东新区, 新城等重点区域): nouns, names and
#: the adjectives or distinguishers before them; a verb-noun (培育, 管理) is where its action begins.
PARTY_TAGS = ("n", "nr", "ns", "nt", "nz", "j", "b", "a", "s", "f")


def pivot_party(text: str, start: int, end: int) -> tuple[ActorMention, ...]:
    """The party a verb of encouraging names before its action (鼓励[社会资本]参与…, 支持[浦东新区]培育…),
    whatever its head: a noun phrase right after ``start`` that a verb follows.

    Other verbs coordinated with the cue come first (支持、指导、规范[有关…机构]开展…). A phrase that opens
    with a verb (鼓励研发…, 鼓励建立…组织) or that no verb follows (鼓励市场竞争) names no party.
    """
    tokens = _tokens(text, start, end)
    index = 0
    while index + 1 < len(tokens) and tokens[index][0] in COORDINATORS and tokens[index + 1][3].startswith("v"):
        index += 2  # 支持、指导、规范…: verbs coordinated with the cue
    first = index
    while index < len(tokens) and tokens[index][0] in DETERMINERS | LEVEL_WORDS:
        index += 1  # 有关, 各类, 各: which ones, not who
    members: list[list[tuple[str, int, int, str]]] = [[]]
    while index < len(tokens):
        word, _, _, tag = tokens[index]
        if word in COORDINATORS and members[-1]:
            members.append([])
        elif word in ("等", "（", "）", "(", ")") or tag.startswith(PARTY_TAGS) and tag not in ("vn", "ad", "an"):
            members[-1].append(tokens[index])
        else:
            break
        index += 1
    verb = index
    while verb < len(tokens) and (tokens[verb][3] in ("d", "ad") or tokens[verb][0] in ADVERBIALS):
        verb += 1  # 新城等重点区域[同步]规划…
    if verb >= len(tokens) or tokens[verb][3] != "v" or not all(members) or index == first:
        return ()  # 支持[数据资源]开发和应用, 支持传统产业转型升级 (a verb-noun): what is supported, not who acts
    rest = tokens[verb + 1:verb + 5]
    if not rest or rest[0][0] in COORDINATORS or rest[0][3] == "x" or any(w == "的" for w, *_ in rest):
        return ()  # …开发和应用; 鼓励社会资本投资建设的各类文化设施…: the phrase is a thing, not the party
    if tokens[first][3].startswith("a") and len(members[0]) == 1:
        return ()  # 鼓励[积极]参与: an adverb-like adjective, no party
    if any(m[0][0] in ("等",) or m[-1][0] in ("（", "(") for m in members):
        return ()
    if "等" in {w for m in members for w, *_ in m}:  # 新城等重点区域: a list closed by 等 is one party
        members = [tokens[tokens.index(members[0][0]):tokens.index(members[-1][-1]) + 1]]
    out = []
    for member in members:
        a, b = member[0][1], member[-1][2]
        surface = text[a:b]
        out.append(ActorMention(_surface_index().get(surface, surface), surface, a, b, None, actor_type(surface)))
    return tuple(out)


#: Verbs that bring a body into being (建立…组织, 培育…主体): the body after them is made, it does not act.
CREATING_VERBS = frozenset("建立 设立 成立 组建 培育 引进 发展 开办 兴办 创办 创建 建设".split())


def encouraged_party(text: str, start: int, end: int) -> tuple[ActorMention, ...]:
    """Whom 鼓励/支持/提倡 at ``start`` encourages: the noun phrase after it (and after verbs coordinated
    with it), an agent (鼓励和支持[公民、法人]…) or any party a verb follows (鼓励[社会资本]参与…); none
    where the words after it make a body (鼓励建立…志愿服务组织)."""
    first = next(iter(_tokens(text, start, end)), None)
    if first is None or first[0] in CREATING_VERBS:
        return ()
    return phrase_after(text, start, end, agents_only=False) or pivot_party(text, start, end)

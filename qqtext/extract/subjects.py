"""Subjects: who a clause addresses, read from the clause itself rather than from a list of bodies.

A Chinese legal clause puts its actor first: ``[subject] [adverbials] [modal] [verb] …``
(各级人民政府 / 依法 / 应当 / 保护…). :func:`subject_before` finds that noun phrase in the words before
a cue, whatever body it names, and :func:`split_actors` turns it into actors in their specific written
form (自然资源和规划部门, 商业银行等金融机构), each with a type from its head noun.

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
from qqtext.extract.heads import (
    ADVERBIALS, AGENT_TAKING_VERBS, BARE_HEADS, CLAUSE_VERBS, COORDINATORS, COPULAS, DEPARTMENT_HEADS, DETERMINERS, DUTY_NOUNS,
    GLUE, LEADING, LEVEL_WORDS, MEMBER_HEADS, NOT_RELATIVE_START, ONE_CHARACTER_HEADS, ORGAN_OWNERS, OWNERS, PLACE_AFTER,
    PLACE_LEVELS, TIME_AFTER, TOPIC_MARKERS, ActorType, _heads, _is_agent, _nominal, _shortest_head, actor_type, agent_head,
    names_a_law,
)
from qqtext.extract.lexicon import word_tags
from qqtext.extract.lexicon import words as cut
from qqtext.extract.specific import GENERIC_HEADS, specific_form

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


#: Tiers below the county that a subject of levels may name (镇（街道）、村（社区）应当…).
TIER_WORDS = frozenset({"和", "及", "或者", "街道", "村", "社区", "居", "乡镇"})
#: Words that fuse a coordination of two kinds of body (企事业单位 = 企业单位 + 事业单位).
FUSED_COORDINATIONS = {"企事业单位": ("企业单位", "事业单位"), "企业事业单位": ("企业", "事业单位"),
                       "机关事业单位": ("机关", "事业单位")}


def _level_actors(text: str, phrase: list[tuple[str, int, int, str]]) -> list[ActorMention]:
    """A subject of levels only (市、区（县）应当…; 设区的市、县（市、区）应当…): each tier's government, as written."""
    parts: list[list[tuple[str, int, int, str]]] = [[]]
    depth = 0
    for token in phrase:
        depth += token[0] in "（(" and 1 or 0
        depth -= token[0] in "）)" and 1 or 0
        if token[0] in ("、", "和", "及", "或者") and depth == 0:
            parts.append([])
        else:
            parts[-1].append(token)
    out = []
    for part in parts:
        if part and part[0][0] not in ("各级", "任何", "其他", "本级", "同级", "上级", "下级") and not part[0][0].startswith("本"):
            # 本市 is the text's own territory, where a rule holds, not who acts (本市支持浦东新区…)
            start, end = part[0][1], part[-1][2]
            if text[start] == "各" and end - start > 1:
                start += 1  # 各省 -> 省
            if text.count("（", start, end) > text.count("）", start, end) and text[end:end + 1] in "）)":
                end += 1  # 区（县）: the closing bracket the phrase ended on
            out.append(ActorMention(text[start:end], text[start:end], start, end, None, "government"))
    return out


def split_actors(
    text: str, phrase: list[tuple[str, int, int, str]], *, relatives: list[tuple[int, int]] = ()
) -> list[ActorMention]:
    """The actors of a subject phrase (its words with offsets), in their specific written forms."""
    widened = []
    def member(index: int) -> bool:  # a body of its own (a law before a relative clause is its subject)
        return _is_agent(phrase[index][0], phrase[index][3]) and not names_a_law(phrase[index][0])

    for a, b in relatives:  # 法律、法规授权的组织: the relative clause's own subject belongs to it
        while a > 0 and (phrase[a - 1][0] == "、" and not (a > 1 and member(a - 2))
                         or _nominal(phrase[a - 1][0], phrase[a - 1][3]) and phrase[a - 1][0] not in GLUE | {"、"}
                         and not member(a - 1)):
            a -= 1
        widened.append((a, b))
    inside_relative = {i for a, b in widened for i in range(a, b)}
    stripped = _leading_levels(phrase)
    phrase, inside_relative = phrase[stripped:], {i - stripped for i in inside_relative}
    owner_end = _shared_possessor(phrase, inside_relative) or _owners_of_department(phrase)
    if owner_end:  # 各级人民政府及有关部门的工作人员: the staff, not the bodies that own them
        phrase, inside_relative = phrase[owner_end:], {i - owner_end for i in inside_relative if i >= owner_end}
    kept = _without_level_runs(phrase)
    if len(kept) != len(phrase):
        dropped = {i for i, t in enumerate(phrase) if t not in kept}
        inside_relative = {i - sum(1 for d in dropped if d < i) for i in inside_relative if i not in dropped}
        phrase = kept
    conjuncts: list[list[tuple[str, int, int, str]]] = [[]]
    joiners: list[str] = []
    depth = 0
    alternative = _alternatives(phrase)
    for index, token in enumerate(phrase):
        word = token[0]
        if index in alternative:  # 镇人民政府（街道办事处）: the body in brackets is a member of its own
            if word in "（(":
                conjuncts.append([])
                joiners.append("或者")
            continue
        depth += word in "（(" and 1 or 0
        depth -= word in "）)" and 1 or 0
        if word in COORDINATORS and depth == 0 and index not in inside_relative and conjuncts[-1]:
            conjuncts.append([])
            joiners.append(word)
        else:
            conjuncts[-1].append(token)
    # X和Y部门 is one name (自然资源和规划部门); only a 、-list of bare modifiers shares its head
    merged = [conjuncts[0]]
    for joiner, conjunct, previous in zip(joiners, conjuncts[1:], conjuncts):
        if joiner != "、" and not _is_agent(previous[-1][0], previous[-1][3]) and merged[-1] is previous:
            merged[-1] = [*previous, *_joiner_tokens(phrase, previous, conjunct), *conjunct]
        else:
            merged.append(conjunct)
    conjuncts = [c for c in (_strip_levels(c) for c in merged) if c]
    if not conjuncts:
        if len(phrase) == 1 and phrase[0][3] == "ns":  # 支持浦东新区…: a district named alone is the party
            return [ActorMention(phrase[0][0], phrase[0][0], phrase[0][1], phrase[0][2], None, "government")]
        return []
    opening = next((b for a, b in widened if a == stripped and phrase[b - stripped - 1][0] == "的"), None) \
        if len(conjuncts) > 1 and not any(w == "及其" for w, *_ in phrase) else None  # X及其Y: Y is X's
    if opening is not None and conjuncts[0][:opening - stripped] == phrase[:opening - stripped]:
        # 受理控告、举报的单位或者个人: a restrictive clause opening a coordination goes with each member
        relative = phrase[:opening - stripped]
        conjuncts = [conjuncts[0], *([*relative, *c] if c[0][0] not in DETERMINERS else c for c in conjuncts[1:])]
    if len(conjuncts) > 1 and any(w == "等" for w, *_ in conjuncts[-1]) and all(
        _is_agent(c[-1][0], c[-1][3]) for c in conjuncts[:-1]
    ) and _is_agent(*_before_etc(conjuncts[-1])):
        # 小额贷款公司、融资担保公司等地方金融组织: members with heads of their own, summed up by 等 + head
        return [_mention(text, _strip_levels(list(phrase)))]
    etc_list = any(w == "等" for w, *_ in conjuncts[-1]) and len(conjuncts) > 1
    separators = [w for w, *_ in phrase if w in COORDINATORS]
    one_list = set(separators) <= {"、"} or len(separators) > 1 and set(separators[:-1]) <= {"、"}  # A、B和C等…
    if etc_list and not _distributes_over_etc(conjuncts[-1]) and one_list:
        # 报刊、广播、电视、网络等新闻媒体; 医疗机构、药品经营单位等单位: one actor, summed up by its head
        # (GUIDELINES-dev.md); only a department's field words take its head each (计划、财政、物价等部门)
        return [_mention(text, _strip_levels(list(phrase)))]
    etc_head, etc_after = None, ""
    if etc_list:
        # 计划、财政、物价等部门: bare modifiers sharing the head after 等
        last = conjuncts[-1]
        mark = next(i for i, t in enumerate(last) if t[0] == "等")
        after = last[mark + 1:]
        if after and after[0][0] in ("有关部门", "相关部门", "有关单位", "相关单位"):
            after = [(after[0][0][2:], after[0][1] + 2, after[0][2], after[0][3]), *after[1:]]  # 等有关部门: 部门
        if mark == 1 and _is_agent(last[0][0], last[0][3]) and actor_type(last[0][0]) == "association" and after:
            conjuncts[-1], etc_head = last[:1], after[-1]  # …、残联等单位: 残联 is a body of its own
        else:
            conjuncts[-1] = [*last[:mark], *after]
            etc_after = "".join(w for w, *_ in after)
    for position, first in enumerate(conjuncts):
        if len(first) == 2 and not _is_agent(first[0][0], first[0][3]) and first[0][0] not in LEVEL_WORDS | DETERMINERS \
                and _is_agent(first[1][0], first[1][3]):
            # 国有公司、企业 -> 国有公司, 国有企业 (also inside a longer list: …人民团体和国有公司、企业); the
            # modifier goes on over the bare heads that follow it directly
            modifier, after = first[0], position + 1
            while after < len(conjuncts) and len(conjuncts[after]) == 1 and (
                    conjuncts[after][0][0] in BARE_HEADS | {"企业"} or _role_noun(first[1][0]) and _role_noun(conjuncts[after][0][0])):
                # 建筑物所有人或者使用人、管理人: the owner, user and manager of the building
                conjuncts[after] = [(modifier[0] + conjuncts[after][0][0], *conjuncts[after][0][1:])]
                after += 1
            break
    _share_object(conjuncts)
    _share_members(conjuncts)
    scope = next((p for p in ("有关", "相关") if conjuncts[0][0][0].startswith(p)), None)
    if scope:  # 有关单位和人员: 有关 goes with each generic member
        conjuncts = [c if i == 0 or c[0][0] not in GENERIC_HEADS else [(scope + c[0][0], c[0][1], c[0][2], "n"), *c[1:]]
                     for i, c in enumerate(conjuncts)]  # a noun now (组织 of 有关机关、组织 is tagged a verb)
    last_word, _, _, last_tag = etc_head or conjuncts[-1][-1]
    shared = _shortest_head(last_word) if _is_agent(last_word, last_tag) else None
    # 法律、法规及人民政府 shares no 政府; 住宿、旅游、餐饮经营者 share 经营者 (a party named by its role)
    shared = shared if shared in BARE_HEADS or len(shared or "") > 2 and shared[-1] in ONE_CHARACTER_HEADS else None
    if shared and len(conjuncts[-1]) > 1 and last_word in DEPARTMENT_HEADS:
        shared = last_word  # 市政园林、林业主管部门: the head word written last (主管部门), not the shortest head
    if shared and etc_after.endswith(("部门", "机关")) and len(etc_after) <= 6 and etc_after.endswith(shared):
        shared = etc_after  # 兽医、卫生、水务等行政部门: each a 行政部门 (兽医行政部门), as the last member is
    headless = sum(1 for c in conjuncts[:-1] if not _is_agent(c[-1][0], c[-1][3]))
    actors = []
    for conjunct in conjuncts:
        word, _, _, tag = conjunct[-1]
        if shared and etc_list and headless * 2 >= len(conjuncts) - 1 and not "".join(w for w, *_ in conjunct).endswith(shared) \
                and not (len(conjunct) == 1 and _is_agent(word, tag) and actor_type(word) == "association"):
            # 外经贸、乡镇企业、物价等部门: 乡镇企业部门 (a body in its own right keeps its name: …、残联等单位 -> 残联)
            actors.append(_mention(text, conjunct, head=shared))
        elif _is_agent(word, tag):
            actors.extend(_mentions(text, conjunct))
        elif shared and not any(w in ADVERBIALS for w, *_ in conjunct):
            actors.append(_mention(text, conjunct, head=shared))  # 司法、执法机关: 司法 + 机关
    return actors


#: Heads after 等 that each member of the list takes (计划、财政、物价等部门 -> 计划部门, 财政部门, 物价部门):
#: a department or organ is named by its field; other lists closed by 等 are one actor.
DISTRIBUTED_ETC_HEADS = ("部门", "机关", "机构", "工作机构", "有关部门", "相关部门", "单位", "有关单位", "相关单位")


def _distributes_over_etc(last: list[tuple[str, int, int, str]]) -> bool:
    mark = next(i for i, t in enumerate(last) if t[0] == "等")
    after = [w for w, *_ in last[mark + 1:]]
    return not after or "".join(after) in DISTRIBUTED_ETC_HEADS or after[-1].endswith(("部门", "机关"))


def _role_noun(word: str) -> bool:
    """A party named by what it does to a thing, a verb and a one-character head (所有人, 使用人, 经营者)."""
    return len(word) == 3 and word[-1] in ONE_CHARACTER_HEADS and word_tags().get(word[:2], "x").startswith(("v", "b"))


def _share_object(conjuncts: list[list[tuple[str, int, int, str]]]) -> None:
    """Give the object of a list of verbs to each verb (生活垃圾收集、运输单位 -> 生活垃圾收集单位, 生活垃圾运输单位;
    原办理、复查机关; 食品生产、销售者): the first member holds it, the others are a verb alone (with the
    shared head on the last)."""
    first = conjuncts[0]
    if len(conjuncts) < 2 or len(first) < 2 or not first[-1][3].startswith("v") or _is_agent(first[-1][0], first[-1][3]):
        return
    modifier = first[:-1]
    core = modifier[:-1] if len(modifier) > 1 and modifier[-1][0] == "的" else modifier  # 危险物品的生产、经营单位
    if any(w in LEVEL_WORDS | DETERMINERS | GLUE or _is_agent(w, t) or not (_nominal(w, t) or t.startswith("v"))
           for w, _, _, t in core):
        return
    def bare_verb(conjunct: list[tuple[str, int, int, str]], last: bool) -> bool:
        word, _, _, tag = conjunct[0]
        if len(conjunct) == 1:
            return tag.startswith("v") and not _is_agent(word, tag) or last and _role_noun(word)
        return last and len(conjunct) == 2 and tag.startswith("v") and _is_agent(conjunct[1][0], conjunct[1][3])
    if all(bare_verb(c, i == len(conjuncts) - 1) for i, c in enumerate(conjuncts[1:], 1)):
        for i in range(1, len(conjuncts)):
            conjuncts[i] = [*modifier, *conjuncts[i]]




def _share_members(conjuncts: list[list[tuple[str, int, int, str]]]) -> None:
    """评标委员会、竞争性谈判小组或者询价小组成员 -> each body's 成员: the people written after the last body
    of a list of bodies are those of every body (not in 国家机关及其工作人员, where they stand alone)."""
    last = conjuncts[-1]
    if len(conjuncts) < 2 or len(last) < 2 or last[-1][0] not in MEMBER_HEADS or not _is_agent(last[-2][0], last[-2][3]):
        return
    if not all(_is_agent(c[-1][0], c[-1][3]) and actor_type(c[-1][0]) != "individual" and c[-1][0] not in MEMBER_HEADS
               for c in conjuncts[:-1]):
        return
    for i in range(len(conjuncts) - 1):
        conjuncts[i] = [*conjuncts[i], last[-1]]


def _alternatives(phrase: list[tuple[str, int, int, str]]) -> set[int]:
    """Indices of the brackets around a body written as the alternative of the body before it
    (镇人民政府（街道办事处）: the town government or, where there is none, the sub-district office)."""
    out: set[int] = set()
    for index, (word, _, _, tag) in enumerate(phrase):
        if word not in "（(" or not index or not _is_agent(phrase[index - 1][0], phrase[index - 1][3]) \
                or index + 1 < len(phrase) and phrase[index + 1][0].startswith(("包括", "含", "即", "不含", "不包括", "指")):
            continue  # （包括…的分支机构）: a note on what the body covers
        close = next((i for i in range(index + 1, len(phrase)) if phrase[i][0] in "（()）"), None)
        if close is None and index + 1 < len(phrase) and _is_agent(phrase[-1][0], phrase[-1][3]):
            out.add(index)  # the phrase ends inside the brackets (its closing bracket is not part of it)
        elif close is not None and phrase[close][0] in "）)" and close > index + 1 \
                and _is_agent(phrase[close - 1][0], phrase[close - 1][3]):
            out.update((index, close))
    return out


def _before_etc(conjunct: list[tuple[str, int, int, str]]) -> tuple[str, str]:
    """``(word, tag)`` right before 等 in a conjunct (融资担保公司 of 融资担保公司等地方金融组织)."""
    mark = next(i for i, t in enumerate(conjunct) if t[0] == "等")
    return (conjunct[mark - 1][0], conjunct[mark - 1][3]) if mark else ("", "x")


def _joiner_tokens(phrase, previous, following):
    """The coordinator tokens of ``phrase`` between two conjuncts (kept when they are merged)."""
    end, start = previous[-1][2], following[0][1]
    return [t for t in phrase if end <= t[1] and t[2] <= start]


def _shared_possessor(tokens: list[tuple[str, int, int, str]], inside_relative: set[int]) -> int:
    """Index after a top-level 的 whose left side is a list of bodies owning the head after it (or 0)."""
    marks = [i for i, t in enumerate(tokens) if t[0] == "的" and i not in inside_relative and 0 < i < len(tokens) - 1]
    if not marks:
        return 0
    mark = marks[-1]
    before = tokens[:mark]
    if not _is_agent(tokens[-1][0], tokens[-1][3]):
        return 0
    if any(t[0] in COORDINATORS for t in before) and _is_agent(before[-1][0], before[-1][3]) \
            and all(_nominal(w, t) or w in GLUE | COORDINATORS or _is_agent(w, t) for w, _, _, t in before):
        return mark + 1
    if any(t[0] in COORDINATORS for t in before) and not any(_is_agent(w, t) for w, _, _, t in before) and _thing_possessor(before):
        return mark + 1  # 商场、超市等场所的经营者: the party of the places listed
    return 0


def _owners_of_department(tokens: list[tuple[str, int, int, str]]) -> int:
    """Index after a list of owners written straight before one department (党委和政府信访部门, 各级党委和
    政府督查部门): the department of both, not the owners themselves (or 0)."""
    index, last_owner = 0, -1
    while index < len(tokens):
        word = tokens[index][0]
        if word in OWNERS or specific_form(word) in OWNERS:
            last_owner = index
        elif not (word in COORDINATORS and last_owner == index - 1):
            break
        index += 1
    rest = tokens[last_owner + 1:]
    if last_owner < 2 or not rest or any(t[0] in COORDINATORS or t[0] in GLUE for t in rest) \
            or rest[0][0].startswith(("有关", "相关", "各", "所属")):
        return 0  # 人民政府和国务院有关部门: the governments, and the State Council's departments
    return last_owner + 1 if agent_head("".join(t[0] for t in rest)) in DEPARTMENT_HEADS | {"部门"} else 0


def _without_level_runs(tokens: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Drop a list of levels written in the middle of a phrase before a government (…和省、自治区、直辖市人民政府
    住房城乡建设主管部门): it would otherwise be split as if it named bodies."""
    out: list[tuple[str, int, int, str]] = []
    index = 0
    while index < len(tokens):
        run = index
        while run < len(tokens) and (tokens[run][0] in LEVEL_WORDS or tokens[run][0] in "、（）()"
                                     and run > index):
            run += 1
        if run - index >= 3 and run < len(tokens) and tokens[run - 1][0] not in "、" \
                and (_is_owner(tokens[run][0], tokens[run + 1][0] if run + 1 < len(tokens) else "") or tokens[run][0] in OWNERS):
            index = run  # 省、自治区、直辖市 + 人民政府
            continue
        out.append(tokens[index])
        index += 1
    return out


def _is_owner(word: str, following: str = "") -> bool:
    """A body that owns the department written after it: 人民政府发展改革部门, 国务院投资主管部门.
    A bare 政府 owns only 有关部门 and the like (政府督查机构, 政府性融资担保机构 are names)."""
    name = specific_form(word)
    if name == "政府":
        return following.startswith(("有关", "相关", "各")) or following in _surface_index()
    return word in OWNERS or name in OWNERS


def _leading_levels(tokens: list[tuple[str, int, int, str]]) -> int:
    """How many words in front are a list of levels (市、县（市）、区 …), kept out of the split."""
    count = 0
    for index, (word, _, _, tag) in enumerate(tokens[:-1]):
        if index < count:
            continue
        if word == "设区" and count == index and tokens[index + 1][0] == "的" and index + 2 < len(tokens) \
                and tokens[index + 2][0].startswith("市"):
            count = index + (3 if tokens[index + 2][0] == "市" and index + 3 < len(tokens) else 2)
            continue  # 设区的市 is a level (市人民政府 keeps its word: specific_form drops the 市)
        if word in KIND_PLACES:
            break
        if word in LEVEL_WORDS and word != "地方" or tag == "ns" or word in "、（）()" and count == index \
                or word in ("或者", "或", "和", "及", "以及") and count == index and index + 1 < len(tokens) - 1 \
                and tokens[index + 1][0] in LEVEL_WORDS:
            count = index + 1  # 市、县（市）、区; 市或者区
        else:
            break
    return count


#: Place words that make a legal category of their own (外国投资者 is not any 投资者).
KIND_PLACES = frozenset({"外国", "国外", "境外", "海外"})


def _strip_levels(tokens: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Drop level, place and quantity words, an owning body and a possessor in front of the head."""
    others = [i for i, t in enumerate(tokens) if t[0] in ("其他", "其它")]
    if others and 0 < others[-1] < len(tokens) - 1 and _is_agent(tokens[others[-1] - 1][0], tokens[others[-1] - 1][3]):
        tokens = tokens[others[-1] + 1:]  # 行政执法机关其他在编人员: the body's other staff
    tokens = [t for t in tokens if t[0] not in ("其他", "其它")]
    count = 0
    while count < len(tokens) - 1 and (tokens[count][3] in ("m", "q") or count and tokens[count][0] in ("以上", "以下", "的")):
        count += 1
    if count and (tokens[count - 1][0] in ("以上", "以下", "的") or tokens[count - 1][3] == "q"):
        tokens = tokens[count:]  # 两名以上的行政执法监督人员, 三名以上审判员: how many (not 首接单位, 第三方机构)
    reference = RE_WHOLE_TEXT_REFERENCE.match("".join(w for w, *_ in tokens))
    if reference:  # 本法规定的赔偿义务机关: the text's own term, not a restriction
        tokens = [t for t in tokens if t[1] >= tokens[0][1] + reference.end()] or tokens
    while len(tokens) > 1 and tokens[0][0] in ("其", "该", "上述", "本"):
        tokens = tokens[1:]  # 其法定代表人 -> 法定代表人
    while len(tokens) > 1:
        word, tag = tokens[0][0], tokens[0][3]
        following = tokens[1][0]
        if word == "地方" and following not in LEVEL_WORDS and following not in OWNERS:
            break  # 地方金融组织 is a name; 县级以上地方人民政府 is a level
        if word in PLACE_LEVELS and actor_type("".join(w for w, *_ in tokens[1:])) not in ("government", "judicial_supervisory"):
            break  # 乡镇企业, 市场主体: a kind of body, not a level of government
        if word in KIND_PLACES:
            break  # 外国投资者, 境外生产企业: a kind of party the law treats apart, not a place that says where
        if word in LEVEL_WORDS or tag == "ns" or word in "、（）()" or word in ("和", "及") and following in LEVEL_WORDS:
            tokens = tokens[1:]
            continue
        break
    # a possessor: 非公有制企业的合伙人 -> 合伙人 (not a relative clause: 负有…职责的部门 stays whole)
    for index in range(len(tokens) - 2, -1, -1):
        if tokens[index][0] == "的":
            before = tokens[:index]
            possessor = before and _is_agent(before[-1][0], before[-1][3]) and all(_nominal(w, t) or w in GLUE for w, _, _, t in before)
            # 人民政府设立的热线工作机构: a relative clause with the owning body as its subject
            agentive = before and _is_owner(before[0][0], before[1][0] if len(before) > 1 else "") and len(before) <= 3
            if possessor or agentive or _thing_possessor(before):
                tokens = tokens[index + 1:]
            break
    while len(tokens) > 1 and _is_owner(tokens[0][0], tokens[1][0]) and _is_agent(tokens[-1][0], tokens[-1][3]) \
            and (len(tokens[1][0]) > 1 or tokens[1][0] == "各" and len(tokens) > 2
                 or tokens[1][3].startswith("n") and len(tokens) > 2):  # 人民政府水行政主管部门 -> 水行政主管部门
        tokens = tokens[2:] if tokens[1][0] == "各" else tokens[1:]  # 国务院各部门 -> 部门
    while len(tokens) > 2 and tokens[0][0] in ORGAN_OWNERS and _is_agent(tokens[-1][0], tokens[-1][3]) \
            and (agent_head(tokens[-1][0]) or "") in DEPARTMENT_HEADS:
        tokens = tokens[1:]  # 公安机关交通管理部门 -> 交通管理部门 (its staff keep the owner: 国家机关工作人员)
    return tokens





def _thing_possessor(before: list[tuple[str, int, int, str]]) -> bool:
    """Whether the words before a 的 name a thing whose party the head is (出租屋的出租人, 各类商品的生产者,
    …等场所的经营者): a noun phrase, not a relative clause (负有…职责的部门, 人民政府设立的机构 keep theirs)."""
    if not before or before[-1][3] not in ("n", "nz", "ns", "s", "j", "l", "f") or before[-1][0] in GLUE:
        return False
    if before[0][3].startswith(("v", "p", "d", "c")) or before[0][0] in ADVERBIALS:
        return False
    for index, (word, _, _, tag) in enumerate(before):
        if tag.startswith(("p", "d")) or word in ADVERBIALS:
            return False
        if tag == "v":  # only inside a compound noun (全民健身设施), never after an agent (人民政府负责…)
            previous, following = before[index - 1], before[index + 1] if index + 1 < len(before) else None
            if _is_agent(previous[0], previous[3]) or following is None or not following[3].startswith("n"):
                return False
    return True


#: A reference to the whole text in front of a subject (本法规定的, 本条例规定的): it restricts nothing.
RE_WHOLE_TEXT_REFERENCE = re.compile(r"^本(?:法|条例|办法|规定|决定|细则)规定的")
def _mentions(text: str, tokens: list[tuple[str, int, int, str]], *, head: str | None = None) -> list[ActorMention]:
    """The actors one conjunct names: one, or two for a fused coordination (企事业单位)."""
    mention = _mention(text, tokens, head=head)
    for word, parts in FUSED_COORDINATIONS.items():
        if mention.surface == word or mention.surface == "国有" + word:  # 公用企事业单位 is one kind of body
            prefix = mention.surface[: -len(word)]  # 国有企业事业单位 -> 国有企业, 事业单位
            index = _surface_index()
            return [ActorMention(index.get(prefix + part, prefix + part if i == 0 else part), prefix + part if i == 0 else part,
                                 mention.start, mention.end, None, actor_type(part)) for i, part in enumerate(parts)]
    return [mention]


def _mention(text: str, tokens: list[tuple[str, int, int, str]], *, head: str | None = None) -> ActorMention:
    while head and len(tokens) > 1 and _is_owner(tokens[0][0], tokens[1][0]):
        tokens = tokens[1:]  # 国务院卫生行政、…等部门: the department, without the owner in front
    start, end = tokens[0][1], tokens[-1][2]
    written = "".join(word for word, *_ in tokens)  # without the 其他 a phrase may hold (…的其他部门)
    surface = written + head if head else written
    surface = specific_form(surface)
    index = _surface_index()
    canonical = index.get(text[start:end]) or index.get(surface) or surface
    return ActorMention(canonical, surface, start, end, None, actor_type(surface))

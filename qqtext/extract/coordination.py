"""Coordination: a subject phrase split into its actors, in their specific written forms.

:func:`split_actors` takes the words of a subject phrase (found by :mod:`qqtext.extract.subjects`) and
returns its actors: coordinated lists are split (司法、执法、执纪机关 -> 司法机关, 执法机关, 执纪机关), a
shared head, modifier, owner or object is given to each member (国有公司、企业 -> 国有公司, 国有企业;
生活垃圾收集、运输单位 -> 生活垃圾收集单位, 生活垃圾运输单位; 兽医、卫生等行政部门 -> 兽医行政部门, 卫生行政部门),
a list closed by 等 before its head stays one actor (小额贷款公司、融资担保公司等地方金融组织), and the words
that say which level, place or owner (各级, 县级以上, 人民政府发展改革部门) are dropped.

>>> from qqtext.extract.subjects import subject_before
>>> [a.surface for a in subject_before("司法、执法、执纪机关应当", 0, 10).actors]
['司法机关', '执法机关', '执纪机关']
"""

from __future__ import annotations

import re

from qqtext.extract.actors import ActorMention, _surface_index
from qqtext.extract.heads import (
    ADVERBIALS, BARE_HEADS, COORDINATORS, DEPARTMENT_HEADS, DETERMINERS, GLUE, LEVEL_WORDS, MEMBER_HEADS,
    ONE_CHARACTER_HEADS, ORGAN_OWNERS, OWNERS, PLACE_LEVELS, _is_agent, _nominal, _shortest_head, actor_type, agent_head,
    names_a_law,
)
from qqtext.extract.lexicon import word_tags
from qqtext.extract.specific import GENERIC_HEADS, specific_form

__all__ = ["split_actors", "FUSED_COORDINATIONS", "TIER_WORDS"]


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

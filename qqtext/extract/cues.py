"""Cues: the words that make a clause a norm (应当, 不得, 可以, 鼓励 …), read as words, not substrings.

A cue counts only where the segmenter cuts it as a word of its own (索要, 纪要, 可持续, 负责人, 相应,
需要 are other words; ``qqtext/data/terms.txt`` adds compounds jieba lacks, such as 可预期, 应纳税额,
强拿硬要; ``fused_cues.tsv`` splits the words jieba fuses with a cue, 应予 = 应 + 予) and where it works
as a modal or main verb:

* the one-character modals 可/要/应/须 only before a verb, an adverbial or a preposition;
* no cue right before 的 or inside a noun phrase (允许的范围, 直接负责的主管人员, 应当享有的权益,
  支付应由个人负担的费用, 可以通过…方式证明的事项, 承担公共服务职能的单位, 在禁止吸烟场所);
* a verb cue after a modal is part of that norm's aim (应当负责, 不得允许);
* 负责 as a noun in a list (分级负责、限时办结) is no cue; 避免 is no cue at all.

>>> [(cue.word, cue.start) for cue in find_cues("工作人员不得索要财物，可依法申请复议")]
[('不得', 4), ('可', 11)]
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Literal, NamedTuple

from qqtext.extract.lexicon import word_tags
from qqtext.extract.lexicon import words as cut
from qqtext.extract.subjects import ADVERBIALS, agent_head, subject_before

__all__ = ["CUES", "Cue", "Deontic", "find_cues", "describes_thing", "ENCOURAGING", "PERMITTING", "VERB_CUES", "MODAL_CUES"]

Deontic = Literal["obligation", "prohibition", "permission", "encouragement", "discouragement"]
#: Where a phrase governed by a cue ends.
RE_AIM_END = re.compile(r"[，；。：！？,;:]")

#: Cue word -> deontic class (a closed list; see tests/data/gold/GUIDELINES*.md).
CUES: dict[str, Deontic] = {
    "不提倡": "discouragement",
    "不得": "prohibition", "严禁": "prohibition", "禁止": "prohibition", "不许": "prohibition",
    "不准": "prohibition", "不允许": "prohibition", "不应当": "prohibition", "不应": "prohibition",
    "可以": "permission", "允许": "permission", "可": "permission",
    "鼓励": "encouragement", "支持": "encouragement", "提倡": "encouragement",
    "应当": "obligation", "必须": "obligation", "应": "obligation", "要": "obligation", "须": "obligation",
    "负责": "obligation", "担负": "obligation", "承担": "obligation",
}
def _fused_cues() -> dict[str, str]:
    """Words the segmenter keeps whole that are a cue fused with the next word (``data/fused_cues.tsv``)."""
    text = (resources.files("qqtext") / "data" / "fused_cues.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word.strip(): cue.strip() for word, cue in pairs}


#: Words the segmenter keeps whole that are a cue fused with the next word: 应有 = 应 + 有, 方可 = 方 + 可.
FUSED_CUES = _fused_cues()
#: Cues that 不 in front of negates into another cue (不 + 允许 = 不允许).
NEGATED = {"允许": "不允许", "提倡": "不提倡", "应当": "不应当", "应": "不应"}
#: One-character modals: a cue only before a verb, an adverbial or a preposition (要加强, 可依法, 应按).
SHORT_MODALS = frozenset({"可", "要", "应", "须"})
#: First characters of the prepositional words a modal may stand before (按规定, 依照, 经, 同, 与 …).
PREPOSITION_CHARS = frozenset("按依经在对向与同和为从自于由把将以")
#: Words after a cue that make it a noun or an attribute, not a verb (支持下, 禁止性, 支持力度).
NOT_VERB_AFTER = frozenset({"的", "下", "中", "性", "力度", "者"})
#: Words that join list members (节能、节水和可循环利用的产品).
LIST_JOINERS = frozenset({"、", "和", "或者", "或", "及", "以及", "等"})
#: Nouns that make 负责 + noun the noun 负责人员 (the persons in charge), not 负责 + object.
PERSON_NOUNS = frozenset({"人员", "同志", "干部"})
#: Words closing the place of a 在 (在本行政区域内, 在道路上): a cue after them is outside it.
LOCATIVE_WORDS = frozenset({"内", "外", "上", "下", "中", "里", "前", "后", "时", "期间", "范围"})
RE_ATTRIBUTIVE_TAIL = re.compile(r"由[^，；。]{1,20}?的")
ENCOURAGING = frozenset({"鼓励", "支持", "提倡"})
#: Verbs whose object is a situation found (发现X应当…而未…): a modal after them in the clause states no rule.
FINDING_VERBS = frozenset({"发现", "认为", "得知", "获悉"})
#: Verbs whose object is the support itself (给予支持, 提供…支持 is caught as a clause end).
SUPPORT_GIVING = frozenset({"给予", "提供", "予以", "加大", "争取", "获得", "得到"})
PERMITTING = frozenset({"可以", "可", "允许", "鼓励", "支持", "提倡"})
#: Cues that are themselves the action (the aim starts with them); after a modal they are no cue.
VERB_CUES = frozenset({"负责", "担负", "承担", "鼓励", "支持", "提倡", "禁止", "严禁", "允许"})
MODAL_CUES = frozenset(CUES) - VERB_CUES


class Cue(NamedTuple):
    """A cue word in a clause: its class's key in :data:`CUES` and offsets into the clause."""

    word: str
    start: int
    end: int


def find_cues(clause: str) -> list[Cue]:
    """The cue words of a clause that work as modals or main verbs (see the module docstring)."""
    tags = word_tags()
    words = list(cut(clause))
    found: list[Cue] = []
    position = 0
    skip = False
    for index, word in enumerate(words):
        start, position = position, position + len(word)
        if skip:
            skip = False
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        cue, cue_start = FUSED_CUES.get(word, word), start
        if word in FUSED_CUES:
            cue_start = start + word.index(cue)
        elif word == "不" and following in NEGATED:
            cue, skip = NEGATED[following], True
            following = words[index + 2] if index + 2 < len(words) else ""
        if cue not in CUES:
            continue
        cue_end = cue_start + len(cue)
        if word not in FUSED_CUES and following in NOT_VERB_AFTER:
            continue  # 允许的范围, 直接负责的主管人员, 支持下: an attribute or a noun
        if _previous_word(words, index) in ("无权", "有权") and cue in VERB_CUES:
            continue  # 无权允许他人实施: what one has (no) right to do, not a permission granted
        if _previous_word(words, index) in ("将", "把") and cue in MODAL_CUES:
            continue  # 将应当由物业服务人承担的费用列入…: the cue is inside the object of 将
        if _names_who_bears_exception(words, index, cue, following):
            continue  # 除约定应当由建设单位承担外: who bears what the exception names, no rule (除应当符合…外 is one)
        if cue == "负责" and following in PERSON_NOUNS:
            continue  # 派有关负责人员主持: 负责 + 人员 is 负责人员 (the officials in charge)
        if _inside_locative_object(words, index, tags):
            continue  # 在允许临时停放机动车的城市道路, 在路面荷载可承受…的情况下: inside the place or case of 在
        if cue in SHORT_MODALS and word not in FUSED_CUES and not _verb_follows(words, index, tags):
            continue  # 有呼必应, 强拿硬要: no verb after it, so no modal
        if word == "可" and _able_list(words, index):
            continue  # 实现数据可对账、可校验、可稽核: what the data can be, not a permission
        if word == "可" and index + 2 == len(words) and len(following) == 1 and index:
            continue  # 操作过程留痕可查: what a record can be (traceable), not a permission
        if word == "可" and index and words[index - 1] == "的" and (index < 2 or words[index - 2] != "有"):
            continue  # 确定的可供本行政区域使用的水量: 可 inside a noun phrase after 的
        if word == "可" and _object_of_verb_before(words, index, tags):
            continue  # 优先使用可循环利用的产品, 修建战时可用于防空的地下室: inside the object of the verb before it
        if word == "可" and index >= 2 and words[index - 1] in LIST_JOINERS \
                and (tags.get(words[index - 2], "x").startswith("a") or _names_a_thing(words, index, tags)):
            continue  # 设置固定或者可移动障碍物, 采购综合利用产品和可重复使用产品: an attribute of a thing
        if cue == "允许" and "未经" in words[:index]:
            continue  # 未经学校允许，…不得: the permission is the condition of another rule
        if _quoted(clause, cue_start):
            continue  # “谁主管、谁负责”的原则: a principle named in quotes, not a rule of the clause
        previous = words[index - 1] if index else ""
        if cue in ("可", "可以") and (previous.endswith(("方", "才")) or word in ("方可", "才可")) \
                and any(f.word in MODAL_CUES for f in found):
            continue  # 应当…放线后方可开工建设: the condition of the obligation's act, part of its aim
        if word not in FUSED_CUES and _attributive(words, index + (1 if skip else 0), tags):
            continue  # 应当享有的合法权益, 可预期的: inside a noun phrase
        if cue == "负责" and (following == "、" or cue_end == len(clause) and not re.search("[对由]", clause[:cue_start])):
            continue  # 分级负责、限时办结: a noun in a list; 由X负责, 对X负责 (answerable to X) stay norms
        if cue in VERB_CUES and _heads_relative(clause, cue_end):
            continue  # 承担公共服务职能的单位: a relative clause naming a body
        if _by_relative(clause, cue_end, tags) or _relative_tail(words, index, tags):
            continue  # 支付应由个人负担的费用, 可以通过…方式证明的事项: inside a noun phrase
        if cue in ENCOURAGING and cue_end == len(clause):
            continue  # 提供资金支持: a noun closing the clause, not a verb
        if cue in MODAL_CUES and any(w in FINDING_VERBS for w in words[:index]):
            continue  # 监察机关发现任免机关应当给予处分而未给予: the situation found, not a rule
        if cue in VERB_CUES and any(f.word in MODAL_CUES for f in found):
            continue  # 应当负责, 不得允许: part of the aim of the modal before it
        if cue in ENCOURAGING and index and words[index - 1] in SUPPORT_GIVING:
            continue  # 给予支持和便利, 提供支持: the support given is a noun
        if cue in VERB_CUES and any(w in MEASURE_TAKING for w in words[:index]) and RE_MEASURE_END.search(clause):
            continue  # 采取限制或者禁止向其提供个人信息等措施: the measure taken, not a prohibition
        if cue in VERB_CUES and index and _inside_phrase(words[index - 1], tags):
            continue  # 在禁止吸烟场所, 设置明显的禁止吸烟标志, 划定禁止吸烟区域: part of a noun phrase
        found.append(Cue(cue, cue_start, cue_end))
    return [cue for cue in found if not _inside_subject(clause, cue, found)]


#: Verbs that take a measure as their object (采取…措施): a verb cue inside that object names the measure.
MEASURE_TAKING = frozenset({"采取", "实施", "实行", "作出"})
RE_MEASURE_END = re.compile(r"(?:措施|手段|办法|决定)$")
#: What stands before a cue that opens a relative clause on a thing (依法必须进行招标的项目, 国务院规定应当
#: 审批的项目, 对于应当进入平台交易的项目, 除依法应当予以销毁的外): 依法, a 规定 saying whose rule, a preposition.
RE_RELATIVE_OPENING = re.compile(r"^(?:依法|依照[^，；。]{1,20}?规定|[^，；。]{1,30}?规定|对于|对|除|凡|属于)(?:依法)?$")
#: The names of laws that open a relative clause with 禁止 (法律、法规禁止…的商品, 国家明令禁止…的产品).
RE_LAW_SUBJECT = re.compile(r"^(?:对于|对)?(?:[^，；。]{0,12}?(?:法律|法规|规章|规定|国家|政策)[、和及或者]*)+(?:明令|明确)?$")
#: Words right after a modal that show it governs a predicate of the clause's own (应当按照…, 应当向…申报).
GOVERNED_AFTER = frozenset({"按照", "依照", "根据", "向", "对", "在", "与", "为", "通过", "由"})


def describes_thing(clause: str, cue: Cue, last_clause: bool) -> bool:
    """Whether a modal cue sits in a relative clause describing a thing, not stating a norm:
    依法必须进行招标的项目，… / 国务院规定应当审批开工报告的重大政府投资项目，按照… / 法律规定应当记录的其他信息。

    Something that is not the actor opens the clause before the cue (依法, a 规定 saying whose rule it
    is, 对于/除), and the clause ends in 的 + nouns. After a bare 依法 the noun must be the topic of a
    clause that follows.
    """
    before = clause[:cue.start]
    if cue.word in ("禁止", "限制"):
        if not RE_LAW_SUBJECT.match(before):
            return False  # 法律、法规禁止…提供的商品; 禁止或者限制转让的事实: what a law bars, a kind of thing
    elif cue.word not in MODAL_CUES:
        return False
    elif not RE_RELATIVE_OPENING.match(before) or last_clause and before == "依法":
        return False
    tags = word_tags()
    words = list(cut(clause[cue.end:]))
    if not words or words[0] in GOVERNED_AFTER and cue.word in MODAL_CUES:
        return False
    marks = [i for i, w in enumerate(words) if w == "的"]
    if not marks or marks[-1] == 0 or marks[-1] == len(words) - 1:
        return False
    mark = marks[-1]
    if not tags.get(words[mark - 1], "x").startswith(("v", "n")):
        return False
    tail = words[mark + 1:]
    return all(tags.get(w, "x").startswith(("n", "r", "b", "m", "q", "f")) or tags.get(w) == "vn" and i
               or w in ("外", "其他", "之", "等", "或者", "和", "及", "、")
               for i, w in enumerate(tail))


def _able_list(words: list[str], index: int) -> bool:
    """Whether 可 at ``index`` is one of a 、-list of 可 + verb (可对账、可校验、可稽核): adjectives of ability."""
    after = index + 2 < len(words) and words[index + 2] == "、" and index + 3 < len(words) and words[index + 3].startswith("可")
    before = index >= 2 and words[index - 1] == "、" and (words[index - 2].startswith("可") or index >= 3 and words[index - 3].startswith("可"))
    return after or before or _short_list_member(words, index)


def _short_list_member(words: list[str], index: int) -> bool:
    """Whether the word at ``index`` is inside a member of four characters or fewer of a 、-list
    (集中办理、就近办理、网上办理、异地可办): a term of the list, not a modal of the clause."""
    left = index
    while left > 0 and words[left - 1] not in "、，,；;。：:":
        left -= 1
    right = index + 1
    while right < len(words) and words[right] not in "、，,；;。：:":
        right += 1
    listed = left > 0 and words[left - 1] == "、" or right < len(words) and words[right] == "、"
    return listed and len("".join(words[left:right])) <= 4


def _names_a_thing(words: list[str], index: int, tags) -> bool:
    """Whether 可 + a verb at ``index`` runs into a noun closing a list member or the clause (可移动障碍物,
    可循环使用包装袋, 可循环利用的产品): what a thing can be used for, not what someone may do."""
    rest = words[index + 1:index + 5]
    if not rest or not tags.get(rest[0], "x").startswith("v"):
        return False
    stop = next((i for i, w in enumerate(rest) if w in "、，,；;。：:" or w in ("等", "和", "或者")), len(rest))
    if index + 1 + stop < len(words) and words[index + 1 + stop] not in "、，,；;。：:等和或者" and stop == len(rest):
        return False
    member = [w for w in rest[1:stop] if w != "的"]
    return bool(member) and tags.get(member[-1], "x").startswith("n")


def _names_who_bears_exception(words: list[str], index: int, cue: str, following: str) -> bool:
    """Whether the cue at ``index`` is inside a 除…外 exception saying who bears a thing (除约定应当由建设单位
    承担外): 应当 + 由, or a verb cue after a 由 of the exception."""
    if "除" not in words[:index] or "外" not in words[index:]:
        return False
    exception = words[words.index("除"):index]
    return "，" not in "".join(exception) and (following == "由" or cue in VERB_CUES and "由" in exception)


def _previous_word(words: list[str], index: int) -> str:
    """The word before ``words[index]`` (``""`` at the clause start)."""
    return words[index - 1] if index else ""


def _object_of_verb_before(words: list[str], index: int, tags) -> bool:
    """Whether 可 at ``index`` opens a relative clause in the object of the verb before it (使用可循环
    利用的产品; a time word may stand between: 修建战时可用于防空的地下室), the clause running to 的 + nouns."""
    before = index - 1
    while before >= 0 and tags.get(words[before], "x") == "t":
        before -= 1
    if before < 0 or tags.get(words[before], "x") != "v" or "经" in words[max(0, before - 2):index]:
        return False
    return agent_head(words[before]) is None and _noun_after_de(words[index + 1:], tags)


def _inside_locative_object(words: list[str], index: int, tags) -> bool:
    """Whether the cue at ``index`` is inside the place or case of a 在 before it: 在 + nouns only + the
    cue + … + 的 + nouns + a locative closing the clause (在允许…停放机动车的城市道路上，, 在…的情况下，).

    在本行政区域内可以… is a norm (the locative closes the place before the cue), and so is
    在公共场所应当设置明显的标志 (no locative closes it after the cue: 的标志 is the cue's object)."""
    opening = next((i for i in range(index - 1, -1, -1) if words[i] == "在"), None)
    if opening is None or any(w in "，,；;：:" for w in words[opening:index]):
        return False
    between = words[opening + 1:index]
    if any(not tags.get(w, "x").startswith(("n", "r", "b")) or w in LOCATIVE_WORDS for w in between):
        return False
    end = next((i for i in range(index + 1, len(words)) if words[i] in "，,；;。：:"), len(words))
    marks = [i for i in range(index + 1, end) if words[i] == "的"]
    if not marks or marks[-1] + 1 >= end:
        return False
    tail = words[marks[-1] + 1:end]
    return tail[-1] in LOCATIVE_WORDS and all(tags.get(w, "x").startswith(("n", "b", "f")) or w in ("、", "和", "等") or w in LOCATIVE_WORDS
                                              for w in tail[:-1])


def _noun_after_de(words: list[str], tags) -> bool:
    """Whether ``words`` run to a 的 followed by nouns only to the clause's end (…循环利用的产品)."""
    marks = [i for i, w in enumerate(words) if w == "的"]
    if not marks or marks[-1] + 1 >= len(words):
        return False
    tail = words[marks[-1] + 1:]
    return all(tags.get(w, "x").startswith(("n", "b")) or w in ("、", "和", "等") for w in tail)


def _quoted(clause: str, at: int) -> bool:
    """Whether position ``at`` of a clause is inside quotation marks (“…”), open before it or closed after it."""
    before, after = clause[:at], clause[at:]
    opened = before.count("“") > before.count("”")
    closed_later = "”" in after and "“" not in after[:after.index("”")] and before.count("“") <= before.count("”")
    return opened or closed_later


def _inside_phrase(previous: str, tags) -> bool:
    """Whether a verb cue after ``previous`` sits inside a noun phrase instead of opening a predicate."""
    if previous in ("、", "和", "并", "及", "或", "或者", "以及") or previous in ADVERBIALS:
        return False  # 鼓励、支持; 依法承担
    tag = tags.get(previous, "x")
    return previous in ("的", "非", "其他", "各", "该", "本") or tag.startswith("p") or tag.startswith("v") and tag != "vn"


def _verb_follows(words: list[str], index: int, tags) -> bool:
    """Whether a verb, an adverbial or a preposition comes right after ``words[index]``."""
    if index + 1 >= len(words):
        return False
    following = words[index + 1]
    if following in ADVERBIALS or following[0] in PREPOSITION_CHARS:
        return True  # 可依法, 应按规定, 应同本市学生
    return tags.get(following, "x").startswith(("v", "d", "p", "a", "c", "l", "i"))


def _by_relative(clause: str, position: int, tags) -> bool:
    """应由个人负担的费用: 由X + verb + 的 + a noun with no verb after it (由两名人员进行 is a norm)."""
    match = RE_ATTRIBUTIVE_TAIL.match(clause, position)
    if match is None:
        return False
    return not any(tags.get(w, "x").startswith("v") and tags.get(w, "x") != "vn"
                   for w in cut(clause[match.end():]))


def _relative_tail(words: list[str], index: int, tags) -> bool:
    """A cue opening a relative clause that closes the clause: [可以通过…等方式证明]的事项.

    The clause ends in ``verb 的 noun…`` with no verb after 的, and no other verb stands between the
    cue and that verb (应当保障企业依法享有的权益 governs 保障: a norm).
    """
    def verb(word: str) -> bool:
        tag = tags.get(word, "x")
        return tag.startswith("v") and tag != "vn"

    marks = [i for i in range(index + 1, len(words)) if words[i] == "的"]
    if not marks or index + 1 >= len(words) or words[index + 1] not in ("通过", "由", "经"):
        return False  # the relative clause opens with a preposition after the cue (可以通过…, 应由…)
    last = marks[-1]
    if last <= index + 1 or not verb(words[last - 1]) or any(verb(w) for w in words[last + 1:]):
        return False
    between = words[index + 1:last - 1]
    means = next((i for i, w in enumerate(between) if w in ("方式", "途径", "渠道", "形式")), None)
    if between and between[0] == "通过" and means is not None:
        between = between[means + 1:]  # 可以[通过共享方式]获取的公共数据: the verbs of the means do not count
    return not any(verb(w) for w in between)


def _attributive(words: list[str], index: int, tags) -> bool:
    """A cue + one verb + 的 describes a noun (可预期的环境, 应当享有的权益, 负责安排的投资, 依法应当保密的
    信息): no norm is stated. One verb only, or two one-character words (附具 cut as 附/具);
    不得泄露企业的秘密 (verb + noun + 的) and 负责企业的规划 (noun + 的) are norms."""
    if index + 2 < len(words) and words[index + 2] == "的":
        word = words[index + 1]  # a verb (负责非公有制企业的规划 governs a noun: a norm)
        return word not in ADVERBIALS and tags.get(word, "x").startswith(("v", "a", "d"))
    return index + 3 < len(words) and words[index + 3] == "的" and len(words[index + 1]) == len(words[index + 2]) == 1 \
        and not tags.get(words[index + 1], "x").startswith("p") and words[index + 1] not in PREPOSITION_CHARS


def _heads_relative(clause: str, position: int) -> bool:
    """Whether the words after ``position`` close a relative clause on a body (…职能的事业、企业等单位)."""
    rest = clause[position:]
    mark = rest.find("的")
    if mark < 0 or mark > 12 or RE_AIM_END.search(rest[:mark]) or "、" in rest[:mark] \
            or rest.startswith(("对", "向", "在", "为", "与", "把", "将", "给", "、")):
        return False  # only a short object between the verb and 的: 承担公共服务职能的单位
    after = subject_before(clause, position + mark + 1, len(clause))
    return after is not None and bool(after.actors) and after.start == position + mark + 1


def _inside_subject(clause: str, cue: Cue, found: list[Cue]) -> bool:
    """A verb cue in a relative clause of the subject of a later modal (负责审批的部门应当…)."""
    if cue.word not in VERB_CUES:
        return False
    later = [f for f in found if f.start > cue.start and f.word in MODAL_CUES]
    return bool(later) and "的" in clause[cue.end:later[0].start]

"""判断: a norm's clause as a statement, true as written or made false."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from qqtext.exercises.generate._common import (
    _DEONTIC_LABELS, RE_ADVERBIAL_OPENING, RE_INNER_CONDITION, RE_LEAD_CONJ, RE_NEEDS_CONTEXT, RE_QUANTITY, RE_SCOPE, _balanced, elliptical_case,
    _clauses, _Context, _dedupe, _following, _make, _norms, _rng, audience_for, lacks_object, qualified_after,
)
from qqtext.exercises.generate.distractors import is_generic
from qqtext.exercises.model import FALSE, TRUE, Question
from qqtext.extract.norms import RE_CONDITION_CLAUSE
from qqtext.extract.subjects import agent_head
from qqtext.model import Document, Sentence
from qqtext.numerals import parse_chinese_number, to_chinese_number

if TYPE_CHECKING:
    from qqtext.exercises.generate._common import _Place
    from qqtext.extract.norms import Norm

#: Cues a statement can be made from (the rule as written is the true statement).
STATEMENT_CUES: frozenset[str] = frozenset({
    "可以", "可", "允许", "应当", "应", "必须", "须", "要", "不得", "不许", "不准", "不允许", "严禁", "禁止",
    "鼓励", "提倡", "支持", "不提倡",
})
#: Acts wrong in themselves (违法…, 擅自…, 泄露…): a prohibition of them, stated as written, anyone judges 对.
RE_WRONG_IN_ITSELF = re.compile(
    "违法|违规|违纪|违反|非法|擅自|私自|虚假|弄虚作假|伪造|滥用|以权谋私|谋取|牟取|索取|索要|收受|侵犯|侵害|侵占|挪用|截留|"
    "私分|干预|干扰|刁难|徇私|隐瞒|泄露|串通|歧视|变相|强行|强制|拖延|推诿|不当|无故|借机|乱|超越|超出|任何理由|任何形式|任何方式"
)
#: An obligation that states a policy, not a rule a reader could get wrong (应当加强…工作, 应当遵守法律,
#: 应当自觉接受监督, 应当完善…制度): stated as written, anyone answers 对 (宣示性条款).
RE_DECLARATORY = re.compile(
    r"^(?:进一步|切实|积极|认真|自觉|大力|不断|依法|严格|全面|共同)*"
    r"(?:加强|完善|健全|建立健全|规范|遵守|遵循|坚持|尊重|强化|做好|重视|推进|推动|促进|提高|保障|落实|接受|维护|增强|改进|优化"
    r"|发挥|守信|履行|依照|按照[^，,；;]{0,20}(?:规定|确定|要求)的)"
    r"|^[^，,；;]*相适应"
)
#: (review round 9: 评标委员会应当按照招标文件确定的评标标准和方法…评审, 社会公众应当守信自律, 依法履行监督职责,
#: 惩戒应当与…相适应: anyone judges 对)



class _Draft(NamedTuple):
    """A norm that can be stated, with what the statement is made of and its false version (if any)."""

    norm: Norm
    place: _Place
    sentence: Sentence
    prefix: str
    opening: str
    rest: str
    change: tuple[str, str] | None
    chained: bool  # the sentence goes on with a further rule: the statement may only be made false


def generate_true_false(doc: Document, norms: Iterable[Norm] | None = None, *, seed: int) -> list[Question]:
    """True/false statements from norms: the rule as written (true), or changed so that it is false.

    The statement is the norm's clause, preceded by the clauses that state no norm at the start of its
    sentence (its topic: 上门服务企业或开展调研) and right before it in the same ；-part (its conditions:
    确有需要企业提供用餐的), and by its actor when the clause names none: the actor written earlier in
    the sentence, or the inherited one (the items of 第十三条 inherit 机关单位工作人员). About half the
    norms give false statements, made in one of three ways a reader could believe (seeded choice among
    those that apply): a number or time limit changed (三十日 → 十五日); a rung of government widened
    (省级以上 → 县级以上: 县级以上 → 省级以上 would still be true); or the department changed to another department the text gives no rule in this
    article. Never the cue flipped: trainers judged five of six 可以 → 不得 statements nonsense (不得依法
    申请…, 根据当地实际情况…不得决定), and a flipped duty or prohibition more so (不得提高工作效率). A norm
    none of them fits is stated as written. The source quote is the original clause,
    which holds the cue; the 解析 quotes the whole sentence and says what was changed. A clause that
    introduces a list (…可参加或组织以下活动：) gives no statement.
    """
    ctx = _Context(doc)
    rng = _rng("true_false", seed)
    norms = _norms(doc, norms)
    cue_clauses = {n.span.start for n in norms}
    bodies = _bodies(norms)
    # an actor inherited from another sentence is a guess a statement must not present as the text's
    # words; an item's actor comes from its own lead-in (第十三条（五） from 机关单位工作人员…：)
    usable = [n for n in norms if n.cue in STATEMENT_CUES and n.unit in ctx.sentences
              and n.unit not in ctx.prohibited_acts and _flippable(doc, n)
              and (not n.actor_implicit or n.item is not None)]
    by_start = {n.span.start: n for n in norms}
    drafts: list[_Draft] = []
    for norm in usable:
        place = ctx.place(norm.span.start, norm.span.end)
        if place is None:
            continue
        _, sentence = ctx.sentences[norm.unit]
        clauses = _clauses(sentence)
        position = next((i for i, (s, _) in enumerate(clauses) if s == norm.span.start), None)
        if position is None:
            continue
        lead: list[int] = []
        while len(lead) < position and clauses[len(lead)][0] not in cue_clauses \
                and "；" not in doc.text[clauses[len(lead)][1]:clauses[len(lead) + 1][0]]:
            lead.append(len(lead))
        middle: list[int] = []
        back = position - 1
        while back >= len(lead) and clauses[back][0] not in cue_clauses \
                and "；" not in doc.text[clauses[back][1]:clauses[back + 1][0]] \
                and RE_CONDITION_CLAUSE.search(doc.text[clauses[back][0]:clauses[back][1]]):
            middle.insert(0, back)
            back -= 1
        if lead and "；" in doc.text[clauses[lead[-1]][1]:norm.span.start] \
                and (middle or _opens_with_subject(norm)):
            lead = []  # the topic of an earlier ；-part: this part has its own (…；在水上当场收缴的罚款，应当…)
        kept = [*lead, *middle]
        skipped = [i for i in range(kept[0], position) if i not in kept] if kept else []
        if any(_opens_with_subject(by_start.get(clauses[i][0])) for i in skipped):
            continue  # the topic kept belongs to another subject's clause: 公民…对行政处罚的行为，…，应当主动改正
        context = [doc.text[clauses[i][0]:clauses[i][1]] for i in kept]
        offset = norm.cue_span.start - norm.span.start
        prefix = _actor_prefix(doc, sentence, norm, norm.text[:offset], "".join(context))
        if prefix is None:
            continue  # who acts cannot be written in the text's words
        tail_end = _following(doc, sentence, norm.span.end, stop=cue_clauses, limit=60)
        if _following(doc, sentence, norm.span.end, stop=cue_clauses, limit=10_000) != tail_end:
            continue  # the rule goes on past what a statement can hold: cut, it would end mid-rule
        tail = RE_NEXT_TOPIC.sub("", doc.text[norm.span.end:tail_end])
        opening = prefix + "，".join([*context, RE_LEAD_CONJ.sub("", norm.text[:offset])])
        rest = norm.text[offset + len(norm.cue):] + tail
        if not _balanced(opening + norm.cue + rest) or RE_ADVERBIAL_OPENING.match(_last_clause(rest)) \
                or RE_TIME_ADVERBIAL.match(_last_clause(rest)):
            continue  # …应当通过听取报告、询问等方式 cut before its verb
        if RE_REFERS_BACK.search(opening) or len(opening + norm.cue + rest) < 15 \
                or _names_a_thing_said_before(place.unit.text, sentence.text, opening):
            continue  # 也不得…, 其他组织…, 相关部门应当配合: read alone, it says what the text does not
        if any(RE_ELLIPTICAL_CASE.match(c) or elliptical_case(c) for c in context) or (
                norm.actor_surface and not any(a in opening + rest for a in norm.actor_surface)):
            continue  # 不足30日的，…; 在同等条件下应当优先列为…: the statement lost its subject
        if RE_NEEDS_CONTEXT.search(opening + rest) or qualified_after(doc, sentence, norm.span.end + len(tail)) \
                or lacks_object(rest):
            continue  # 拟作出下列决定…; …不得作出决定 without its 除外; 不得拒绝或者阻挠 (what?): the text says more
        change = _falsify(opening, norm, rest, sentence.text, bodies, norms, rng, doc.text)
        chained = doc.text[tail_end:tail_end + 1] in ("，", ",") and tail_end + 1 in cue_clauses
        if change is None and (_obvious_if_true(norm, rest) or chained):
            # it could only be stated true, and as written 对 needs no knowledge of the text; or the sentence goes
            # on with a further rule (…履行各自义务，不得超越代理权限): stated true, the easy half hides the point
            continue
        drafts.append(_Draft(norm, place, sentence, prefix, opening, rest, change, chained))
    # as many false statements as true ones (a pool of mostly true statements makes 对 a safe guess); a
    # norm no believable change fits can only be stated true
    # within each deontic class (a class whose statements are all true teaches "不得… is 对")
    false_ones: set[int] = set()
    true_ones: set[int] = set()
    for deontic in sorted({draft.norm.deontic for draft in drafts}):
        used = false_ones | true_ones
        falsifiable = [i for i, d in enumerate(drafts) if d.change is not None and i not in used
                       and d.norm.deontic == deontic]
        stated = [i for i, d in enumerate(drafts) if d.norm.deontic == deontic and i not in used
                  and not _obvious_if_true(d.norm, d.rest) and not d.chained]
        # as many pairs (one false, one true, never the same norm) as the class allows
        pairs = min(len(falsifiable), len(stated), len(set(falsifiable) | set(stated)) // 2)
        only_false = [i for i in falsifiable if i not in stated]
        either = [i for i in falsifiable if i in stated]
        rng.shuffle(only_false)
        rng.shuffle(either)
        chosen = (only_false + either)[:pairs]
        rest = [i for i in stated if i not in chosen]
        rng.shuffle(rest)
        false_ones |= set(chosen)
        true_ones |= set(rest[:pairs])
    questions: list[Question] = []
    for index, (norm, place, sentence, prefix, opening, rest, change, _) in enumerate(drafts):
        if index not in false_ones and index not in true_ones:
            continue
        false = index in false_ones
        statement, verdict = change if false else (opening + norm.cue + rest, "题干与原文一致，所以说法正确。")
        stem = f"根据{ctx.ref}，{statement}。"
        cite = ctx.cite(place)
        said = sentence.text.rstrip()
        if not prefix:
            note = ""
        elif norm.actor_implicit:
            note = f"（该句未写明主体，“{prefix}”承接上文或依全文推定。）"
        else:
            note = f"（主体“{prefix}”见本句前文。）"
        explanation = f"{cite}规定：“{said}”{verdict}{note}"
        difficulty = 1 + bool(norm.conditions or prefix) + (len(statement) > 50)
        questions.append(_make(
            ctx, "true_false", type="true_false", stem=stem, answer=(FALSE if false else TRUE,),
            explanation=explanation, place=place, start=norm.span.start, end=norm.span.end, difficulty=difficulty,
            audience=audience_for(norm.actor), tags=ctx.tags(place, _DEONTIC_LABELS.get(norm.deontic, "")),
        ))
    return _dedupe(questions)


#: A clause that is only a time or place (在此期间, 在收集证据时): the rule it frames comes after it.
RE_TIME_ADVERBIAL = re.compile(r"^(?:在|于|自|从)[^，,]*(?:期间|时|前|后|内|中)$")


#: Words that tie a clause to the one before (也, 其, 其他, 上述, 前款): alone it means something else.
RE_REFERS_BACK = re.compile(r"(?:也|并|还|亦|同时)$|^其|其他|其它|上述|前款|前项|该")
#: A last clause that fronts the object of the next rule (…实施情况，对不适当的罚款数额，应当提出…): it
#: belongs to that rule, not to the statement.
RE_NEXT_TOPIC = re.compile(r"[，,](?:对于|对|就)[^，,；;。]*$")
#: A case that is a comparison with no subject of its own (不足30日的, 超过规定期限的): what falls short
#: is said in an earlier clause.
RE_ELLIPTICAL_CASE = re.compile(r"^(?:不足|超过|少于|多于|未满|满|低于|高于|逾期)")


#: Duties of honesty, of keeping one's word and of signing or paying as told (应当对…真实性负责, 应当如实…,
#: 应当根据约定交付, 应当按照委托代理协议履行, 应当在…上签字, 应当在…载明的期限内履行): anyone judges them 对
#: (review round 10: 营业执照…醒目位置 aside, these were the guessable true duties).
RE_EXPECTED_DUTY = re.compile(r"真实性|真实信息|真实、准确|如实|(?:按照|根据|按)约定|协议履行|签字|签名|载明的期限内")


def _names_a_thing_said_before(article: str, sentence: str, opening: str) -> bool:
    """Whether a statement opens with a bare noun its article brought in earlier (笔录 after 听证应当制作笔录,
    处理结果 after …协调处理): read alone, the reader does not know which record or which result."""
    subject = opening.strip("，, ")
    if not 2 <= len(subject) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", subject) or agent_head(subject):
        return False  # a body named again (行政机关) is no thing referred back to
    at = article.find(sentence)
    return at > 0 and subject in article[:at]


def _obvious_if_true(norm: Norm, rest: str) -> bool:
    """Whether the rule stated as written is one anyone judges 对: a policy (应当加强…工作, 应当遵守法律), a
    duty of honesty or of keeping one's word (see :data:`RE_EXPECTED_DUTY`) or a prohibition of wrongdoing
    (不得私分罚没款, 不得泄露评审情况; trainers found them guessable)."""
    return (norm.deontic == "obligation" and bool(RE_DECLARATORY.match(rest) or RE_EXPECTED_DUTY.search(rest))
            or norm.deontic == "prohibition" and bool(RE_WRONG_IN_ITSELF.search(rest)))


def _last_clause(rest: str) -> str:
    return re.split(r"[，,]", rest)[-1]


def _opens_with_subject(norm: Norm | None) -> bool:
    """Whether a norm's clause writes its own subject before the cue (行政机关应当认真审查)."""
    if norm is None or norm.actor_implicit:
        return False
    before = norm.text[:norm.cue_span.start - norm.span.start]
    return any(surface in before for surface in norm.actor_surface)


def _bodies(norms: list[Norm]) -> dict[str, str]:
    """The bodies the text writes as the subject of a rule, with their type (for a changed body)."""
    found: dict[str, str] = {}
    for norm in norms:
        if norm.actor_implicit or len(norm.actor_surface) != len(norm.actor_type):
            continue
        for surface, kind in zip(norm.actor_surface, norm.actor_type):
            if 2 <= len(surface) <= 12:
                found.setdefault(surface, kind)
    return found


def _falsify(opening: str, norm: Norm, rest: str, sentence: str, bodies: dict[str, str], norms: list[Norm],
             rng: random.Random, text: str) -> tuple[str, str] | None:
    """A false statement and its verdict, or ``None`` when no change a reader could believe fits."""
    ways = [_changed_number, _changed_level, _changed_body]
    rng.shuffle(ways)
    for way in ways:
        if way is _changed_number:
            found = _changed_number(opening, norm, rest, rng, text)
        else:
            found = way(opening, norm, rest, sentence, bodies, norms, rng)
        if found is not None:
            return found
    return None


#: how many characters beside a changed number must match another passage of the text for the changed
#: wording to count as written there (十五日内提出答辩状 is the domestic rule where the foreign one says 三十日)
WRITTEN_ELSEWHERE = 4


def _changed_number(opening: str, norm: Norm, rest: str, rng: random.Random, document: str):
    """A number or time limit halved or doubled, unless the changed wording is written elsewhere in the
    text (a law may give another case the other limit: the statement would be true there)."""
    text = opening + norm.cue + rest
    match = next((m for m in RE_QUANTITY.finditer(text) if text.count(m.group()) == 1), None)
    if match is None:
        return None
    clause = re.split(r"[，,；;]", text[:match.start()])[-1] + re.split(r"[，,；;]", text[match.start():])[0]
    if len(list(RE_QUANTITY.finditer(clause))) > 1:
        return None  # one end of a range (已满十四周岁不满十八周岁, 二万元以上五万元以下) may turn it inside out
    digits = match.group("n").isdigit()
    try:
        value = int(match.group("n")) if digits else parse_chinese_number(match.group("n"))
    except ValueError:
        return None
    if value <= 0:
        return None
    halves = value % 2 == 0 and value > 2
    changed = value // 2 if halves and rng.random() < 0.5 else value * 2
    number = str(changed) if digits else to_chinese_number(changed)
    old, new = match.group(), number + match.group("unit")
    before = re.split(r"[，,；;。：:]", text[:match.start()])[-1][-WRITTEN_ELSEWHERE - 2:]
    after = re.split(r"[，,；;。：:]", text[match.end():])[0][:WRITTEN_ELSEWHERE + 2]
    if any(len(side) >= WRITTEN_ELSEWHERE and phrase in document
           for side, phrase in ((before, before + new), (after, new + after))):
        return None
    statement = text[:match.start()] + new + text[match.end():]
    return statement, f"原文是“{old}”，题干改成了“{new}”，所以说法错误。"


#: The rungs of government a rule may name (县级以上人民政府, 省级以上…指定的媒体): a changed rung is a
#: believable and clearly wrong statement.
LEVELS = ("乡级", "县级", "设区的市级", "省级")
RE_LEVEL = re.compile(r"(?P<level>设区的市级|乡级|县级|省级)(?P<dir>以上|以下)")


def _changed_level(opening, norm, rest, sentence, bodies, norms, rng):
    text = opening + norm.cue + rest
    found = list(RE_LEVEL.finditer(text))
    if len(found) != 1 or len(RE_LEVEL.findall(sentence)) != 1:
        return None  # two rungs in one rule (县级以上…报省级…) may be read either way once one changes
    match = found[0]
    old = match.group()
    # only a rung that widens the rule makes it false: 县级以上 holds 省级以上 (trainers judged six such
    # statements "still true"), so 以上 moves down and 以下 up; 乡级…财政部门: no one believes it
    rung = LEVELS.index(match.group("level"))
    wider = LEVELS[:rung] if match.group("dir") == "以上" else LEVELS[rung + 1:]
    others = [level for level in wider if level != "乡级"]
    if not others:
        return None
    new = rng.choice(others) + match.group("dir")
    statement = text[:match.start()] + new + text[match.end():]
    return statement, f"原文是“{old}”，题干改成了“{new}”，所以说法错误。"


#: The heads of bodies a changed body is made from: only a body may stand for another (a person such as
#: 单位负责人 may act for 采购人, and a prohibition of wrongdoing binds anyone), and of bodies only a
#: functional department for another (财政部门 for 审计部门) is clearly wrong and believable. A
#: government, an organ or a commission for another is not
#: (人民政府 for 行政复议机关: the people's government is one; 人民调解委员会 准许终止行政复议: no one
#: believes it); trainers found three of five such statements poor or ambiguous.
SWAPPABLE_HEADS = ("部门",)


def _changed_body(opening, norm, rest, sentence, bodies, norms, rng):
    if norm.actor_implicit or len(norm.actor_surface) != 1 or norm.deontic != "obligation":
        return None
    if not norm.actor_surface[0].endswith(SWAPPABLE_HEADS) or "的" in norm.actor_surface[0]:
        return None
    surface = norm.actor_surface[0]
    offset = norm.cue_span.start - norm.span.start
    if is_generic(surface) or surface not in norm.text[:offset] or (opening + rest).count(surface) != 1:
        return None  # the body must be the subject written in the rule's own clause
    domain = re.sub(r"(?:行政)?(?:工作)?(?:主管)?(?:部门|机关|机构)$", "", surface)
    if any(domain[i:i + 2] in rest for i in range(len(domain) - 1)):
        return None  # 信访部门应当分类处理信访诉求, 社会信用工作主管部门…市场信用信息: the rule's words name the body
    kind = bodies.get(surface)
    in_article = {s for n in norms if n.article == norm.article for s in n.actor_surface}
    candidates = sorted(
        other for other, other_kind in bodies.items()
        if other_kind == kind and other not in in_article and not is_generic(other) and other.endswith(SWAPPABLE_HEADS)
        and "的" not in other and "等" not in other and len(other) <= 10 and other not in sentence
        and surface not in other and other not in surface
        and not set(other) <= set(surface) and not set(surface) <= set(other)  # 有关审批部门 for 有关项目审批部门
        and (agent_head(other) != agent_head(surface) or agent_head(surface) == "部门")
    )  # another head (参加采购活动的供应商 for 资格预审合格的供应商 could be read as true), or another department
    if not candidates:
        return None
    # a department the text names beside this one in some rule (卫生健康、中医药等部门应当…) is one a reader
    # could take for it; a department of another field is a guess anyone gets right (发展改革部门 for 教育部门)
    beside = {other for n in norms if surface in n.actor_surface for other in n.actor_surface}
    other = rng.choice([c for c in candidates if c in beside] or candidates)
    statement = opening.replace(surface, other) + norm.cue + rest
    return statement, f"原文规定的是“{surface}”，题干改成了“{other}”，所以说法错误。"


def _flippable(doc: Document, norm: Norm) -> bool:
    """Whether a norm makes a clear statement: not a cue followed by a negation (可以不, 应当不), not a
    cue ending its clause, not the lead-in of a list (…以下活动：)."""
    if norm.cue_implicit:
        return False  # an item carrying its lead-in's cue has no cue of its own to flip
    after = doc.text[norm.cue_span.end:norm.span.end]
    if not after or after.startswith(("不", "免", "无", "予")):
        return False
    return doc.text[norm.span.end:norm.span.end + 1] not in ("：", ":")


def _actor_prefix(doc: Document, sentence: Sentence, norm: Norm, before_cue: str, context: str) -> str | None:
    """The actor to write in front of a statement whose clause names none (``""`` when it has a subject):
    the group as written in the sentence (司法、执法、执纪机关), else the canonical names where the text
    writes them; ``None`` when the actor cannot be written in the text's words."""
    from qqtext.extract.actors import actor_dictionary, actor_groups, find_actors

    if not norm.actor:
        return ""
    after_cue = norm.text[len(before_cue) + len(norm.cue):]
    if norm.cue in ("鼓励", "支持", "提倡") and any(surface in after_cue for surface in norm.actor_surface):
        return ""  # 鼓励调解组织…: the party encouraged follows the cue; the encourager is the text itself
    subject = RE_LEAD_CONJ.sub("", before_cue)
    subject = RE_INNER_CONDITION.sub("", subject)
    if subject and not RE_SCOPE.match(subject):
        return ""  # the clause has its own subject (构建亲清新型政商关系应当…)
    dictionary = actor_dictionary()
    written = [s for name in norm.actor for s in (dictionary[name].surfaces if name in dictionary else (name,))]
    if any(surface in context for surface in written):
        return ""
    if not norm.actor_implicit:
        mentions = find_actors(sentence.text, offset=sentence.span.start)
        for group in actor_groups(doc.text, mentions):
            if {m.canonical for m in group} == set(norm.actor) and group[-1].end <= norm.span.start:
                return doc.text[group[0].start:group[-1].end]
        written_span = _subject_as_written(doc, sentence, norm)
        if written_span:
            return written_span
    # canonical names only where the text writes them (机关单位工作人员 of a lead-in); a list of general
    # names (部门、政府、职能部门 for 国务院部门和省…人民政府及其有关部门) is not the text's words
    if all(name in doc.text for name in norm.actor):
        return "、".join(norm.actor)
    return None


def _subject_as_written(doc: Document, sentence: Sentence, norm: Norm) -> str:
    """The subject of an earlier clause of the sentence as written, from the start of that clause to the
    end of the last of the norm's actor surfaces in it (国务院部门和省、自治区、直辖市人民政府及其有关部门),
    or ``""``."""
    before = doc.text[sentence.span.start:norm.span.start]
    found = {surface: before.rfind(surface) for surface in norm.actor_surface}
    if not found or -1 in found.values():
        return ""
    first = min(found.values())
    end = max(at + len(surface) for surface, at in found.items())
    start = max(before.rfind(mark, 0, first) for mark in "，,；;：:") + 1
    written = before[start:end]
    clause_rest = re.split(r"[，,；;]", before[end:], maxsplit=1)[0]
    if RE_RELATIVE_AFTER.match(clause_rest):
        return ""  # …上级主管部门转送、交办的信访事项，…: the bodies qualify a thing; they are not its subject
    return written if 2 <= len(written) <= 40 and not re.search(r"[，,；;]", written) else ""


#: What follows a written subject when it is a possessor or the agent of a relative clause
#: (…机构转送、交办的信访事项): a 的 before any modal of the clause.
RE_RELATIVE_AFTER = re.compile(r"^(?:(?!应当|应|可以|可|不得|必须|须|要)[^，,；;])*的")

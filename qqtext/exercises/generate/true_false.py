"""判断: a norm's clause as a statement, true as written or made false."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from qqtext.exercises.generate._common import (
    _DEONTIC_LABELS, RE_INNER_CONDITION, RE_LEAD_CONJ, RE_SCOPE, _balanced, _clauses, _Context, _dedupe, _following,
    _make, _norms, _rng, audience_for,
)
from qqtext.exercises.model import FALSE, TRUE, Question
from qqtext.extract.norms import RE_CONDITION_CLAUSE
from qqtext.model import Document, Sentence

if TYPE_CHECKING:
    from qqtext.extract.norms import Norm

#: Deontic flips for false statements: cue -> its opposite.
FLIPS: dict[str, str] = {
    "可以": "不得", "可": "不得", "允许": "不得",
    "应当": "不得", "应": "不得", "必须": "不得", "须": "不得", "要": "不得",
    "不得": "可以", "不许": "可以", "不准": "可以", "不允许": "可以", "严禁": "可以", "禁止": "允许",
    "鼓励": "不提倡", "提倡": "不提倡", "支持": "不提倡", "不提倡": "鼓励", "避免": "提倡",
}


def generate_true_false(doc: Document, norms: Iterable[Norm] | None = None, *, seed: int) -> list[Question]:
    """True/false statements from norms: the clause as written (true) or with its cue flipped (false).

    The statement is the norm's clause, preceded by the clauses that state no norm at the start of its
    sentence (its topic: 上门服务企业或开展调研) and right before it in the same ；-part (its conditions:
    确有需要企业提供用餐的), and by its actor when the clause names none: the actor written earlier in
    the sentence, or the inherited one (the items of 第十三条 inherit 机关单位工作人员). About half the
    norms give false statements, the cue replaced by its opposite from :data:`FLIPS`. The source quote
    is the original clause, which holds the cue; the 解析 quotes the whole sentence. A clause that
    introduces a list (…可参加或组织以下活动：) gives no statement.
    """
    ctx = _Context(doc)
    rng = _rng("true_false", seed)
    norms = _norms(doc, norms)
    cue_clauses = {n.span.start for n in norms}
    usable = [n for n in norms if n.cue in FLIPS and n.unit in ctx.sentences and n.unit not in ctx.prohibited_acts
              and _flippable(doc, n)]
    order = list(range(len(usable)))
    rng.shuffle(order)
    false_ones = set(order[: (len(usable) + 1) // 2])
    questions: list[Question] = []
    for index, norm in enumerate(usable):
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
        context = [doc.text[clauses[i][0]:clauses[i][1]] for i in (*lead, *middle)]
        offset = norm.cue_span.start - norm.span.start
        false = index in false_ones
        flipped = FLIPS[norm.cue]
        clause = norm.text[:offset] + (flipped if false else norm.cue) + norm.text[offset + len(norm.cue):]
        clause = RE_LEAD_CONJ.sub("", clause)
        prefix = _actor_prefix(doc, sentence, norm, norm.text[:offset], "".join(context))
        tail_end = _following(doc, sentence, norm.span.end, stop=cue_clauses, limit=60)
        tail = doc.text[norm.span.end:tail_end]
        statement = prefix + "，".join([*context, clause]) + tail
        if not _balanced(statement):
            continue
        stem = f"根据{ctx.ref}，{statement}。"
        cite = ctx.cite(place)
        said = sentence.text.rstrip()
        if false:
            verdict = f"原文是“{norm.cue}”，题干改成了“{flipped}”，与原文相反，所以说法错误。"
        else:
            verdict = "题干与原文一致，所以说法正确。"
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


def _flippable(doc: Document, norm: Norm) -> bool:
    """Whether a norm makes a clear statement: not a cue followed by a negation (可以不, 应当不), not a
    cue ending its clause, not the lead-in of a list (…以下活动：)."""
    if norm.cue_implicit:
        return False  # an item carrying its lead-in's cue has no cue of its own to flip
    after = doc.text[norm.cue_span.end:norm.span.end]
    if not after or after.startswith(("不", "免", "无", "予")):
        return False
    return doc.text[norm.span.end:norm.span.end + 1] not in ("：", ":")


def _actor_prefix(doc: Document, sentence: Sentence, norm: Norm, before_cue: str, context: str) -> str:
    """The actor to write in front of a statement whose clause names none (``""`` when it has a subject):
    the group as written in the sentence (司法、执法、执纪机关), else the canonical names."""
    from qqtext.extract.actors import actor_dictionary, actor_groups, find_actors

    if not norm.actor:
        return ""
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
    return "、".join(norm.actor)

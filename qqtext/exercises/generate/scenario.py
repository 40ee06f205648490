"""情形判断: a situation the text writes a rule for, and the verdict the rule gives in it.

From every norm that holds under a case (…的, …时, 经…批准, 确有需要) and names its actor, the situation
is the case and the question is what the actor must, may or must not do in it:

    情形：情况复杂。按照本法第二十五条，行政机关在这种情形下（　）延长查封、扣押的期限。

The options are the verdicts (:data:`qqtext.exercises.model.VERDICTS`) 应当, 可以, 不可以 and 经批准后可以. The key follows the norm's deontic (obligation → 应当, prohibition
→ 不可以, permission → 可以, or 经批准后可以 when the case is an approval), and ``qqtext bank check``
verifies it against the norm the quote states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from qqtext.exercises.generate._common import (
    _DEONTIC_LABELS, RE_NEEDS_CONTEXT, RE_QUANTITY, RE_SCOPE, _balanced, _Context, _dedupe, _make, _norms, _rng, audience_for,
)
from qqtext.exercises.model import Option, Question
from qqtext.extract.cues import MODAL_CUES
from qqtext.model import Document

if TYPE_CHECKING:
    from qqtext.extract.norms import Norm

#: A case a rule is written for: a 的/时 clause, or an approval or need inside the clause.
RE_CASE = re.compile(r"(?:的|时)$")
RE_APPROVAL = re.compile(r"经[^，；。]{1,16}?(?:批准|审批)")  # 经当事人同意 is consent, not an approval
RE_NEED = re.compile(r"确有需要|确因工作需要|确需")
#: Cue words that must not stand in the action (they would give the verdict away).
RE_ANY_CUE = re.compile(r"应当|应|必须|须|可以|可|不得|禁止|严禁|不准|不许|允许")
VERDICT_OF = {"obligation": "应当", "prohibition": "不可以", "permission": "可以"}
#: Consent a rule depends on (经行政复议机构同意): between 可以 and 经批准后可以 a reader cannot choose.
RE_CONSENT = re.compile(r"经[^，；。]{1,16}?(?:同意|许可|准许|决定)")
#: Adverbs only a duty takes (应当及时更新, 应当立即整改): after them the blank can only be 应当.
RE_DUTY_ADVERB = re.compile(r"^(?:及时|立即|即时|依法|按照规定|按规定|予以|如实|主动|限期)")
#: An action cut before its verb (自接到复核决定之日起十五日内): the blank would govern nothing.
RE_CUT_ACTION = re.compile(r"(?:内|前|后|起|期间|时)$")
CONJUNCTIONS = ("或者", "或", "以及", "并且", "并", "但是", "但", "且", "和")


def _cue_part(sentence: str, norm: Norm) -> str:
    """The ；-part of the sentence that holds the norm's clause."""
    at = sentence.find(norm.text) if norm.text else -1
    for part in re.finditer(r"[^；;]+", sentence):
        if part.start() <= at < part.end():
            return part.group()
    return sentence


def _told_whole(part: str, cases: list[str], actors: tuple[str, ...], actor: str, action: str, written: str,
                verdict: str) -> bool:
    """Whether the question states the rule's case whole and asks a verdict a reader has to know:

    * nothing of the ；-part before its first case is left out but the actor and scope words (因不明真相
      被裹挟…，经批评教育后确有悔改表现的: the premise would be dropped), and the part does not open with
      其中 (a case of the sentence before);
    * the actor is written as the text writes it (行政复议机关或者有关上级行政机关 is not 行政复议机关、行政机关;
      no 的人民政府 fragment) and is not repeated in the action;
    * no consent the rule depends on (经…同意: 可以 and 经批准后可以 would both be defensible);
    * the action has its verb (not cut at 十五日内), and for a duty it does not open with an adverb only
      a duty takes (及时更新, 立即整改: the blank can only be 应当).
    """
    if part.lstrip().startswith("其中") or actor.startswith("的"):
        return False
    if len(actors) > 1 and actor not in part or any(a in action for a in actors):
        return False
    if RE_CONSENT.search(written) or RE_CUT_ACTION.search(action):
        return False
    if verdict == "应当" and RE_DUTY_ADVERB.match(action):
        return False
    if cases:
        lead = part[:part.find(cases[0])] if cases[0] in part else ""
        for surface in sorted(actors, key=len, reverse=True):
            lead = lead.replace(surface, "")
        lead = re.sub(r"[，,、（）()\s]", "", lead)
        if lead and not RE_SCOPE.match(lead) and not re.fullmatch(r"(?:对|在|凡|如|若|因)?", lead):
            return False
    return True


def _own_subject_in_clause(norm: Norm) -> bool:
    """Whether a norm with an inherited actor has a subject of its own before the cue (加处罚款的数额不得
    超出罚款的数额): the rule is about that thing, and 行政机关（　）超出罚款的数额 does not read."""
    if not norm.actor_implicit:
        return False
    before = norm.text[:norm.cue_span.start - norm.span.start]
    before = re.sub(r"[，,、（）()\s]", "", before)
    return len(before) >= 2 and not RE_SCOPE.match(before)


#: Parties who bring a case or a request: what they "may" do is a right, which no reader takes for a duty
#: (当事人可以申请…, 申请人可以向人民法院起诉: trainers found all such scenarios guessable).
RE_PARTY = re.compile(r"(?:当事人|申请人|被申请人|原告|被告|第三人|起诉人|投诉人|举报人|信访人|公民|个人)$")
#: Units of a time limit (of :data:`RE_QUANTITY`'s units): 在三日内撤回… — only a duty has one, so the
#: blank can only be 应当.
TIME_LIMIT_UNITS = frozenset({"个工作日", "工作日", "个月", "日", "天", "小时"})


def _guessable(key: str, norm: Norm, action: str) -> bool:
    """Whether the verdict can be told without the text: a party's right, or a duty with a deadline."""
    if key == "可以" and norm.actor_surface and all(RE_PARTY.search(a) for a in norm.actor_surface):
        return True
    return key == "应当" and any(m.group("unit") in TIME_LIMIT_UNITS and action.startswith(("内", "以内", "前"), m.end())
                                 for m in RE_QUANTITY.finditer(action))


def _balanced_keys(questions: list[Question], rng) -> list[Question]:
    """At most one more question of the commonest verdict than of all others together (most rules are
    duties: without this 应当 is the safe guess)."""
    by_key: dict[str, list[Question]] = {}
    for q in questions:
        by_key.setdefault(q.option(q.answer[0]).text, []).append(q)
    others = sum(len(v) for k, v in by_key.items() if k != "应当")
    duties = by_key.get("应当", [])
    keep = set(id(q) for q in rng.sample(duties, min(len(duties), others + 1)))
    return [q for q in questions if q.option(q.answer[0]).text != "应当" or id(q) in keep]


def generate_scenario(doc: Document, *, seed: int, norms: Iterable[Norm] | None = None) -> list[Question]:
    """Scenario questions from the norms of ``doc`` that hold under a case (see the module docstring).

    The verdicts keep their fixed order, as on a printed paper; ``seed`` chooses which duties stay when
    there are more 应当 questions than all others together plus one (see :func:`_balanced_keys`).
    """
    ctx = _Context(doc)
    norms = _norms(doc, norms)
    questions: list[Question] = []
    for norm in norms:
        verdict = VERDICT_OF.get(norm.deontic)
        if verdict is None or norm.cue_implicit or norm.introduces_list or not norm.actor_surface \
                or norm.unit not in ctx.sentences:
            continue
        if norm.actor_implicit and norm.item is None:
            continue  # an actor guessed from another sentence is no situation the text describes
        if norm.unit in ctx.prohibited_acts:
            continue
        statement = norm.statement or ""
        at = statement.find(norm.cue)
        if at < 0:
            continue
        before, after = statement[:at], statement[at + len(norm.cue):]
        action = re.split(r"[。；;]", after, maxsplit=1)[0].strip("，, ")
        if norm.cue not in MODAL_CUES and norm.cue not in ("禁止", "严禁"):
            continue  # 依法承担…: a verb cue leaves no verb to ask about (（　）民事责任)
        part = _cue_part(ctx.sentences[norm.unit][1].text, norm)
        if not (norm.actor_implicit and norm.item is not None) and not any(a in part for a in norm.actor_surface):
            continue  # the actor is written in another ；-part (不满十四周岁的… for 已满十四周岁…的)
        # every case of the cue's own ；-part, in order: the nearest alone may drop what the rule needs
        # (质疑事项可能影响中标结果的，…已经签订合同的，应当中止履行合同)
        cases = [c for c in norm.conditions if RE_CASE.search(c) and c in part]
        sentence = ctx.sentences[norm.unit][1].text
        written = "，".join([before, *norm.conditions])
        approval = RE_APPROVAL.search(written)
        if approval and approval.group() not in sentence:
            if norm.deontic != "prohibition":
                continue  # an approval the item inherits from its lead-in: 经批准后可以 is defensible
            approval = None  # nothing forbidden becomes allowed by the approval of the activity
        need = RE_NEED.search(written)
        if not (cases or approval or need) or len(action) < 4 or RE_ANY_CUE.search(action):
            continue
        # 当事人没有提出申请的 -> 当事人没有提出申请; 在必要时 keeps its 时 (在必要 alone is no phrase)
        situation = "，".join(c if c.startswith("在") else c.removesuffix("的").removesuffix("时") for c in cases) \
            or (need.group() if need else "")
        if approval and not situation and norm.deontic == "permission":
            situation = approval.group()  # an approval grants a permission; it says nothing of a duty
        # too short a case reads without its topic (期限届满: which term?); one naming the actor repeats it
        if not 6 <= len(situation) <= 80 or RE_ANY_CUE.search(situation) or RE_NEEDS_CONTEXT.search(situation) \
                or RE_APPROVAL.search(situation) or _own_subject_in_clause(norm) \
                or any(a in situation for a in norm.actor_surface) or situation.startswith(CONJUNCTIONS) \
                or action.startswith(("其", "该")):
            continue  # a case cut at 或者, an action about 其 with no antecedent, a case of another ；-part
        actor = "、".join(norm.actor_surface)
        if not _told_whole(part, cases, norm.actor_surface, actor, action, written, verdict):
            continue
        place = ctx.place(norm.span.start, norm.span.end)
        if place is None:
            continue
        cite = ctx.cite(place)
        # an approval the situation itself states is granted: the verdict is then plain 可以
        asks_approval = approval is not None and norm.deontic == "permission" and approval.group() not in situation
        key = "经批准后可以" if asks_approval else verdict
        if _guessable(key, norm, action):
            continue
        texts = ["应当", "可以", "不可以", "经批准后可以"]  # always all four: an option added only as the key shows it
        options = tuple(Option(chr(ord("A") + i), text) for i, text in enumerate(texts))
        answer = (options[texts.index(key)].key,)
        stem = f"情形：{situation}。按照{ctx.ref}{cite}，{actor}在这种情形下（　）{action}。"
        if not _balanced(stem):
            continue
        said = sentence.rstrip()
        label = _DEONTIC_LABELS[norm.deontic]
        explanation = f"{cite}规定：“{said}”在这一情形下，{actor}“{norm.cue}”{action}，是{label}性规定，所以选“{key}”。"
        questions.append(_make(
            ctx, "scenario", type="scenario", stem=stem, options=options, answer=answer, explanation=explanation,
            place=place, start=norm.span.start, end=norm.span.end, difficulty=2 + asks_approval,
            audience=audience_for(norm.actor), tags=ctx.tags(place, label, "情形判断"),
        ))
    return _balanced_keys(_dedupe(questions), _rng("scenario", seed))

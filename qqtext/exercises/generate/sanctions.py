"""多选/单选: the sanctions a text provides, to whom they apply and who applies them."""

from __future__ import annotations

import random
from functools import cache
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from qqtext.exercises.generate._common import (
    RE_CLAUSE, _balanced, _Context, _dedupe, _make, _options, _Place, _rng, audience_for,
)
from qqtext.exercises.generate.distractors import UMBRELLA_ACTORS, _dictionary_related, _overlapping
from qqtext.exercises.model import Question
from qqtext.model import Document

if TYPE_CHECKING:
    from qqtext.extract.duties import Duty

#: Sanctions no 亲清 text of the corpus provides for officials' misconduct: distractors (any the
#: document does contain are dropped).
SANCTION_DISTRACTORS: tuple[str, ...] = (
    "罚款", "行政拘留", "吊销营业执照", "没收违法所得", "责令停产停业", "暂扣许可证件", "降低资质等级", "限制高消费",
)
#: Further distractors for party-discipline lists (警告 … 开除党籍): sanctions of the other system.
PARTY_LIST_DISTRACTORS: tuple[str, ...] = ("记过", "记大过", "降级", "撤职")
#: Names of party and government sanctions that a list may share a 处分 suffix with (警告或者严重警告处分).
_SANCTION_NAMES = frozenset({"警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍", "记过", "记大过", "降级", "撤职", "开除"})
#: Sanctions and measures a list after 给予 may hold (others must end like one: …处分, …检查 …).
_KNOWN_SANCTIONS = _SANCTION_NAMES | frozenset({
    "批评教育", "责令检查", "通报", "通报批评", "诫勉", "谈话提醒", "党纪政务处分", "责令书面检查", "责令作出书面检查",
    "停职检查", "调整职务", "责令辞职", "免职", "降职", "责令公开道歉", "组织调整", "组织处理",
})
_SANCTION_ENDINGS = ("处分", "检查", "教育", "通报", "批评", "诫勉", "提醒", "道歉")
_GENERIC_SANCTIONS = frozenset({
    "处分", "处理", "纪律处分", "党纪处分", "政务处分", "组织处理", "相应处分", "处罚", "行政处罚", "纪律处理",
})
RE_GIVE = re.compile(r"(?:依纪依规|依规依纪|依法依规|依规|依法)?给予(?P<list>[^，。；：:]{2,60}?)(?=[；。，：:]|$)")
RE_LIST_SPLIT = re.compile(r"、|直至|或者|以及|和|及|或")
RE_TARGET = re.compile(r"对(?:于)?(?P<target>[^，。；]{1,40}?)(?:违反|通过|涉嫌|有|利用|在)")


def generate_sanctions(doc: Document, duties: Iterable[Duty] | None = None, *, seed: int) -> list[Question]:
    """Questions on the sanctions a text provides.

    * For each list after 给予 (批评教育、责令检查、通报、诫勉直至党纪政务处分; 警告或者严重警告处分): a
      multiple-choice question (single choice for a list of one) whose distractors are sanctions the
      text does not contain (:data:`SANCTION_DISTRACTORS`, and for party-discipline lists
      :data:`PARTY_LIST_DISTRACTORS`).
    * For a list whose target the text names (对机关单位工作人员违反…的): to whom it applies, with other
      actors of the text as distractors; where a duty names the body that applies it, who applies it.

    No question asks how a case is handled (移交…依法处理): its wrong options could only be stock phrases
    no reader takes for the law (仅作内部通报，不再追究), which gives the answer away.

    Args:
        doc: a parsed document.
        duties: its duties (:func:`qqtext.extract.duties.extract_duties`; extracted when not given):
            sanction targets and explicit sanctioning bodies come from them.
        seed: the seed.
    """
    from qqtext.extract.actors import find_actors

    ctx = _Context(doc)
    rng = _rng("sanctions", seed)
    if duties is None:
        from qqtext.extract.duties import extract_duties

        duties = extract_duties(doc)
    sanctions = [d for d in duties if d.kind == "sanction"]
    doc_actors = _document_actors(doc, duties)
    party = "党籍" in doc.text
    questions: list[Question] = []
    for _, sentence in doc.sentences():
        text = sentence.text.rstrip()
        base = sentence.span.start
        place = ctx.place(base, base + len(text))
        if place is None or "给予" not in text:
            continue
        cite = ctx.cite(place)
        quote_span = (base, base + len(text))
        target_names: list[str] = []
        for part in re.finditer(r"[^；。]+", text):
            part_text, part_start = part.group(), part.start()
            targets = list(RE_TARGET.finditer(part_text))
            if targets:
                named = [m.canonical for m in find_actors(targets[-1].group("target"))]
                target_names = list(dict.fromkeys(named)) or target_names
            for match in RE_GIVE.finditer(part_text):
                items, noun = _sanction_items(match.group("list"))
                if not items:
                    continue
                at = part_start + match.start("list") - 2  # position of 给予 in the sentence
                prefix = _context_before(text, at, part_start)
                duty = next((d for d in sanctions if d.unit == sentence.id and d.span.start <= base + at < d.span.end + 2),
                            None)
                targets_here = [duty.target] if duty and duty.target else target_names
                if text[:at].rstrip().endswith(("，", ",")):
                    prefix += "，"
                questions.extend(_list_questions(
                    ctx, rng, place, quote_span, cite, prefix, match.group("list"), items, noun, targets_here,
                    doc_actors, party, duty if duty and not duty.body_implicit else None,
                ))
    return _dedupe(questions)


#: The kinds a general sanction names (公职人员政务处分法 第七条; 中国共产党纪律处分条例 第八条): never a wrong option
#: beside it.
SANCTION_KINDS = {
    "政务处分": frozenset({"警告", "记过", "记大过", "降级", "撤职", "开除"}),
    "党纪处分": frozenset({"警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"}),
}


def _covered_kinds(items: Sequence[str]) -> frozenset[str]:
    """The sanctions that some item of a list names in general (党纪政务处分 covers 降级 and 留党察看)."""
    covered: set[str] = set()
    for item in items:
        if "政务处分" in item or item in ("处分", "纪律处分"):
            covered |= SANCTION_KINDS["政务处分"]
        if "党纪" in item or item in ("处分", "纪律处分"):
            covered |= SANCTION_KINDS["党纪处分"]
    return frozenset(covered)


def _document_actors(doc: Document, duties: Iterable[Duty]) -> list[str]:
    """Actors the text names (dictionary actors, in order of first mention)."""
    from qqtext.extract.actors import actor_dictionary, find_actors

    dictionary = actor_dictionary()
    names = [m.canonical for _, sentence in doc.sentences() for m in find_actors(sentence.text)]
    names += [d.body for d in duties] + [d.target for d in duties if d.target]
    return [n for n in dict.fromkeys(names) if n in dictionary]


def _sanction_items(listed: str) -> tuple[list[str], str]:
    """The sanctions of a list after 给予, and the noun for them (处分 or 处理); ``[]`` if not a list."""
    parts = [p.strip() for p in RE_LIST_SPLIT.split(listed) if p.strip()]
    noun = "处理"
    if parts and parts[-1].endswith("处分") and parts[-1][:-2] in _SANCTION_NAMES and all(
            p in _SANCTION_NAMES for p in parts[:-1]):
        parts[-1] = parts[-1][:-2]  # 警告或者严重警告处分: the suffix belongs to every member
        noun = "处分"
    elif parts and all(p.endswith("处分") for p in parts):
        noun = "处分"
    if parts:
        parts[-1] = parts[-1].removesuffix("等")
    bad = ("的", "其", "相应", "规定", "以上", "以下", "一档", "较重", "较轻", "按照", "依照")
    if not parts or any(len(p) < 2 or len(p) > 10 or p in _GENERIC_SANCTIONS or any(b in p for b in bad)
                        or not (p in _KNOWN_SANCTIONS or p.endswith(_SANCTION_ENDINGS)) for p in parts):
        return [], noun
    return list(dict.fromkeys(parts)), noun


def _context_before(text: str, at: int, part_start: int, *, clause_only: bool = False) -> str:
    """What a sentence says before position ``at`` (without trailing commas).

    From its last 对/对于 clause; else, in the first ；-part, from the start of the sentence; in a later
    part (情节较重的，给予…), the sentence's opening up to its first clause ending in 的 (the conduct),
    then …… and the part. With ``clause_only`` only the part counts.
    """
    clauses = list(RE_CLAUSE.finditer(text[:at]))
    start = part_start if clause_only or part_start > 0 else 0
    addressed = [m for m in clauses if m.start() >= start and m.group().lstrip().startswith("对")]
    if addressed:
        return text[addressed[-1].start():at].strip().rstrip("，,：: ")
    here = text[start:at].strip().rstrip("，,：: ")
    if clause_only or part_start == 0:
        return here if len(here) <= 100 else text[clauses[-2].start() if len(clauses) >= 2 else start:at].strip().rstrip("，,：: ")
    conduct = next((m for m in clauses if m.end() <= part_start and m.group().rstrip().endswith("的")), None)
    if conduct is None or conduct.end() > 80:
        return here
    return f"{text[:conduct.end()].strip()}，……{here}"


def _list_questions(ctx: _Context, rng: random.Random, place: _Place, quote_span: tuple[int, int], cite: str,
                    prefix: str, listed: str, items: list[str], noun: str, targets: Sequence[str],
                    doc_actors: Sequence[str], party: bool, duty: Duty | None) -> list[Question]:
    doc = ctx.doc
    text = doc.text[quote_span[0]:quote_span[1]]
    out: list[Question] = []
    # wrong options the text itself makes believable: sanctions it provides elsewhere; stock ones only for
    # officials' discipline (处分), where they are the other system's (an expert is never 行政拘留)
    article = place.unit.text  # never a sanction the same article provides in another sentence
    elsewhere = [d for d in _sanctions_in(doc) if d not in items and d not in text and d not in article]
    officials = party or noun == "处分" or audience_for(targets) == "official"
    first = [d for d in PARTY_LIST_DISTRACTORS if d not in doc.text] if officials else []
    then = [d for d in SANCTION_DISTRACTORS if d not in doc.text] if officials else []
    covered = _covered_kinds(items)  # 降级 is one of the 政务处分 a list ending in 党纪政务处分 names
    elsewhere, first, then = ([d for d in group if d not in covered] for group in (elsewhere, first, then))
    rng.shuffle(elsewhere)
    rng.shuffle(first)
    rng.shuffle(then)
    first = elsewhere + first
    correct = items if len(items) <= 6 else sorted(rng.sample(items, 6), key=items.index)
    several = len(correct) > 1
    wanted = max(2, 4 - len(correct)) if several else 3
    wrong = [*first[:max(2, len(elsewhere))], *then][: min(wanted, 8 - len(correct))]
    lead = prefix
    audience = audience_for(targets)
    shown = noun
    if any(noun in c for c in correct) and not any(noun in w for w in wrong):
        shown = "处理"  # 下列哪一种处分 beside one option 行业处分: the word itself would name the key
    asked = f"下列哪些{shown}" if several else f"下列哪一种{shown}"
    stem = f"根据{ctx.ref}{cite}，{lead}给予{asked}？"
    if len(wrong) >= (1 if several else 2) and _balanced(stem):  # one wrong option beside the key is a coin toss
        options, answer = _options(correct, wrong, rng)
        shown_wrong = [o.text for o in options if o.key not in answer]  # only what the options offer
        explanation = (f"{cite}规定：“{text}”所列{noun}为{'、'.join(items)}；"
                       f"{'、'.join(shown_wrong)}不在其中。")
        out.append(_make(
            ctx, "sanctions", type="multiple_choice" if several else "single_choice", stem=stem, options=options,
            answer=answer, explanation=explanation, place=place, start=quote_span[0], end=quote_span[1],
            difficulty=1 + several + (len(correct) > 4) + (len(text) > 60), audience=audience,
            tags=ctx.tags(place, "责任追究"),
        ))
    if targets:
        from qqtext.extract.actors import actor_dictionary

        dictionary = actor_dictionary()
        first = targets[0]
        related = {m for t in targets for m in _dictionary_related(t)} | _overlapping(targets) | UMBRELLA_ACTORS
        others = [a for a in doc_actors if a not in targets and a not in related
                  and not any(a in t or t in a for t in targets)]
        target_side = dictionary[first].side if first in dictionary else ""
        others.sort(key=lambda a: (dictionary[a].side == target_side if a in dictionary else True, a))
        wrong_actors = others[:3]
        if wrong_actors:
            options, answer = _options([first], wrong_actors, rng)
            stem = f"根据{ctx.ref}{cite}，给予{listed}，针对的是下列哪一类对象？"
            explanation = f"{cite}规定：“{text}”这些{noun}针对的是{'、'.join(targets)}。"
            out.append(_make(
                ctx, "sanctions", type="single_choice", stem=stem, options=options, answer=answer,
                explanation=explanation, place=place, start=quote_span[0], end=quote_span[1],
                difficulty=1 + (len(text) > 60), audience=audience, tags=ctx.tags(place, "责任追究"),
            ))
    if duty is not None:
        banned = _dictionary_related(duty.body) | _overlapping([duty.body]) | UMBRELLA_ACTORS
        others = [a for a in doc_actors if a != duty.body and a not in targets and a not in banned]
        wrong_bodies = rng.sample(others, min(3, len(others)))
        if wrong_bodies:
            options, answer = _options([duty.body], wrong_bodies, rng)
            stem = f"根据{ctx.ref}{cite}，由下列哪一主体给予{listed}？"
            explanation = f"{cite}规定：“{text}”给予这些{noun}的是{duty.body}。"
            out.append(_make(
                ctx, "sanctions", type="single_choice", stem=stem, options=options, answer=answer,
                explanation=explanation, place=place, start=quote_span[0], end=quote_span[1],
                difficulty=2, audience=audience, tags=ctx.tags(place, "责任追究"),
            ))
    return out


#: Penalties and measures a text may provide (行政处罚法 第九条 and the discipline lists).
PENALTIES = ("警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件",
             "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "记过", "记大过", "降级", "撤职", "开除")


@cache
def _sanctions_cache(text: str) -> tuple[str, ...]:
    found = [p for p in PENALTIES if p in text]
    for match in RE_GIVE.finditer(text):
        items, _ = _sanction_items(match.group("list"))
        found.extend(items)
    return tuple(dict.fromkeys(found))


def _sanctions_in(doc: Document) -> tuple[str, ...]:
    """The sanctions ``doc`` provides anywhere (for wrong options other articles make believable)."""
    return _sanctions_cache(doc.text)

"""填空: a key term of a norm's sentence blanked."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from qqtext.exercises.generate._common import (
    _DEONTIC_LABELS, RE_NEEDS_CONTEXT, RE_QUANTITY, _clauses, _Context, _dedupe, _make, _norms, _rng, audience_for, elliptical_case,
    qualified_after,
)
from qqtext.exercises.generate.terms import _Term, rank_terms
from qqtext.exercises.model import BLANK, Question
from qqtext.model import Document, Sentence

if TYPE_CHECKING:
    from qqtext.extract.norms import Norm

_MAX_QUOTE = 80
#: The shortest blank that is not a number: two-character words (公告, 形式, 基础) test nothing a reader
#: could not fill in from the sentence around them.
MIN_TERM = 3


def generate_cloze(doc: Document, *, seed: int, count: int | None = None,
                   norms: Iterable[Norm] | None = None, terms: bool = False) -> list[Question]:
    """Cloze questions: the sentence of a norm with its time limit or amount blanked (one per sentence).

    The quote is the norm's sentence, or, for a sentence longer than 80 characters, the clauses around
    the norm's clause; the stem is the quote with ``____`` for the blank; the answer is the first time
    limit or amount the rule sets (五日, 2个工作日, 二万元). With ``terms=True`` a sentence without one
    gets a term blanked instead, chosen among the three best of :func:`rank_terms` (weighted by score,
    seeded). Term blanks are off by default: in seven blind reviews by trainers, three of four were
    poor (a stock word such as 违法行为 or 当事人, a set phrase, a word the sentence around it gives
    away), while blanked time limits and amounts were right to hand out in four of five.

    Args:
        doc: a parsed document.
        seed: the seed; the same seed gives the same questions.
        count: at most this many questions (a seeded sample, kept in text order); ``None``: all.
        norms: the norms of ``doc`` (extracted when not given).
        terms: also blank terms where a sentence sets no time limit or amount.
    """
    from qqtext.extract.actors import find_actors

    ctx = _Context(doc)
    rng = _rng("cloze", seed)
    norms = _norms(doc, norms)
    questions: list[Question] = []
    seen: list[tuple[int, int]] = []  # windows taken, sorted, never overlapping one another
    norms_sorted = sorted(norms, key=lambda n: n.cue_span.start)  # the norms whose cue a window holds, by bisect
    cue_starts = [n.cue_span.start for n in norms_sorted]
    for norm in norms:
        found = ctx.sentences.get(norm.unit)
        if found is None:
            continue
        _, sentence = found
        start, end = _quote_window(sentence, norm)
        if _overlaps(seen, start, end):
            continue  # one question per stretch of text
        bisect.insort(seen, (start, end))
        place = ctx.place(start, end)
        if place is None:
            continue
        quote = doc.text[start:end]
        if quote.startswith(("或者", "或", "以及", "并且", "并", "但是", "但", "且", "其")):
            continue  # a window cut after its first clause reads as a fragment
        if norm.cue_implicit:
            continue  # a listed element alone (具备…设备和____的证明材料；) says nothing without its lead-in
        inside = norms_sorted[bisect.bisect_left(cue_starts, start):bisect.bisect_left(cue_starts, end)]
        cues = [(n.cue_span.start - start, n.cue_span.end - start) for n in inside if n.cue_span.end <= end]
        # never the actor (调解不成的，____应当及时作出裁决 fits any body: the which-body questions ask who), nor a
        # cue (没有规定的标准____作为依据: only 不得 fits; true/false and scenario questions ask the deontic),
        # nor a word of the document's title, which the paper prints
        # a time limit or an amount is the point of the rule it sets (2个工作日, 二万元): blanked first
        quantities = [m for m in RE_QUANTITY.finditer(quote) if quote.count(m.group()) == 1]
        if not quantities and not terms:
            continue
        if re.search(r"(?:的|时)[；;，,]?$", quote.rstrip("。")):
            continue  # the window ends on a case (…需要检验、检测、鉴定、专家评审的): its rule is cut off
        if elliptical_case(re.split(r"[，,；;]", quote, maxsplit=1)[0]):
            continue  # 验收合格的，…; 有违法所得的，…: what is inspected, whose gain, is said before the quote
        if RE_NEEDS_CONTEXT.search(quote) or qualified_after(doc, sentence, end):
            continue  # …有下列情形之一的，____内…; a rule cut before its 但书: the blank is filled from what is missing
        ranked = [t for t in rank_terms(quote, cues=cues)
                  if t.kind == "term" and len(t.text) >= MIN_TERM and _bounded(quote, t.start, t.end)
                  and not any(t.text in a or a in t.text for n in inside for a in n.actor_surface)
                  and t.text not in (doc.title or "")][:3]
        if quantities:
            first = quantities[0]
            term = _Term(first.group(), first.start(), first.end(), 1.0, "quantity")
        elif ranked:
            term = rng.choices(ranked, weights=[t.score for t in ranked])[0]
        else:
            continue
        stem = quote[:term.start] + BLANK + quote[term.end:]
        deontic = _DEONTIC_LABELS.get((inside or [norm])[0].deontic, "")
        cite = ctx.cite(place)
        subjects = {a for n in inside if not n.actor_implicit for a in n.actor}
        named = {m.canonical for m in find_actors(term.text)}
        why = {
            "actor": f"这一规定的主体是“{term.text}”。" if named & subjects else "",
            "cue": f"“{term.text}”表明这是一条{deontic}性规定。" if deontic else "",
            "term": "",
            "quantity": "这是本条规定的期限或数额。",
        }[term.kind]
        explanation = f"{cite}原文：“{quote}”空格处应填“{term.text}”。{why}"
        difficulty = 1 + (term.kind in ("term", "quantity")) + (len(quote) > 50)
        actors = [a for n in inside for a in n.actor]
        questions.append(_make(
            ctx, "cloze", type="cloze", stem=stem, answer=(term.text,), explanation=explanation, place=place,
            start=start, end=end, difficulty=difficulty, audience=audience_for(actors),
            tags=ctx.tags(place, deontic),
        ))
    questions = _dedupe(questions)
    if count is not None and count < len(questions):
        keep = set(id(q) for q in rng.sample(questions, max(0, count)))
        questions = [q for q in questions if id(q) in keep]
    return questions


def _quote_window(sentence: Sentence, norm: Norm) -> tuple[int, int]:
    """The sentence, or for a long one the clauses around the norm's clause (at most 80 characters)."""
    text_end = sentence.span.start + len(sentence.text.rstrip())
    if text_end - sentence.span.start <= _MAX_QUOTE:
        return sentence.span.start, text_end
    clauses = _clauses(sentence)
    index = next((i for i, (s, e) in enumerate(clauses) if s <= norm.cue_span.start < e), None)
    if index is None:
        return norm.span.start, norm.span.end
    first = last = index
    while first > 0 and clauses[last][1] - clauses[first - 1][0] <= _MAX_QUOTE:
        first -= 1
    while last + 1 < len(clauses) and clauses[last + 1][1] - clauses[first][0] <= _MAX_QUOTE:
        last += 1
    return clauses[first][0], clauses[last][1]


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone as a term: each side a punctuation mark, the text's end,
    a one-character word or a function word, never another content word it could form a set phrase
    or a compound with (平等____ of 平等自愿, 竞争性____ of 竞争性谈判小组, ____不为 of 为官不为)."""
    from qqtext.exercises.generate.terms import CUE_WORDS
    from qqtext.extract.lexicon import segmenter, word_tags

    tags = word_tags()

    def free(word: str) -> bool:
        # a preposition, conjunction, particle or pronoun ends a term; an adverb (一定) or a noun does not
        return (not word or len(word) == 1 or not word[0].isalnum() or word in CUE_WORDS
                or tags.get(word, "x").startswith(("p", "c", "u", "r")))

    if text[start - 1:start] == "、" or text[end:end + 1] == "、":
        return False  # one member of a list (海关、统计、税务、____): filled in from the others, tests nothing
    left = list(segmenter().cut(text[max(0, start - 6):start], HMM=False))
    right = list(segmenter().cut(text[end:end + 6], HMM=False))
    return free(left[-1] if left else "") and free(right[0] if right else "")


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``taken`` (sorted, pairwise disjoint windows)."""
    index = bisect.bisect_left(taken, (end, end))  # the windows starting before end …
    return index > 0 and taken[index - 1][1] > start  # … the last of which reaches past start, if any does

"""The paper linter: what makes a set of questions unfit to hand out even when every key is right.

A question is looked at with everything a learner sees while taking the paper: the stems and
options of all questions, and (in a self-test, after each answer) the 解析. Four kinds of problem:

* ``giveaway``: a stem, an option or a 解析 shows another question's answer in that question's own
  words (the words around a cloze blank or around 下列哪一主体, with the answer in the slot), or shows
  the original words a false true/false statement changed, in their place;
* ``same_clause``: two questions quote overlapping text, or text of one article and item less than
  :data:`NEAR` characters apart (at most one question per passage: the second is answered by reading
  the first);
* ``names_answer``: a choice question whose stem contains one of its own correct options;
* ``same_key``: a third choice question of a paper whose correct option is the same text as two
  before it (政府, 政府, 政府: the safe guess);
* ``near_duplicate``: two stems alike by character trigrams (Jaccard ≥ :data:`NEAR_DUPLICATE`); in a
  pool only between questions of one type (a cloze and a true/false on one sentence are alike by
  nature, and a paper never holds both: ``same_clause``).

:func:`lint_paper` checks one paper; :func:`lint_pool` checks a bank or pool (near-duplicates and
stems that name their answer only: a pool may hold several questions on one clause, a paper may not).
:func:`conflicting` gives, for a paper, the questions that would go so that no problem remains (the
later of each pair); the paper maker (:func:`qqtext.exercises.assemble.assemble`) draws again without
the question of each pair whose type the pool can replace best.

>>> from qqtext.exercises.model import Question, Source
>>> a = Question.create(type="cloze", stem="企业可以____经营", answer=("自主",), explanation="第一条",
...                     source=Source("t", 1, None, "企业可以自主经营", 0, 8))
>>> b = Question.create(type="true_false", stem="根据本条例，企业可以自主经营。", answer=("对",),
...                     explanation="第一条", source=Source("t", 1, None, "企业可以自主经营", 0, 8))
>>> [p.kind for p in lint_paper([a, b])]
['same_clause']
>>> c = Question.create(type="true_false", stem="根据本条例，企业可以自主经营，依法纳税。", answer=("对",),
...                     explanation="第九条", source=Source("t", 9, None, "企业可以自主经营，依法纳税", 30, 43))
>>> [p.kind for p in lint_paper([a, c])]
['giveaway']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from qqtext.errors import QqtextWarning
from qqtext.exercises.model import BLANK, Question

__all__ = ["NEAR_DUPLICATE", "LintProblem", "LintWarning", "lint_paper", "lint_pool", "conflicting", "trigram_similarity"]

#: Stems at least this alike (Jaccard of character trigrams, punctuation and the 根据本办法 opening
#: left out) are near-duplicates.
NEAR_DUPLICATE = 0.7
#: How many characters of the question's own words beside the answer must be seen with it.
CONTEXT = 3
#: How many characters of a passage beside the words a false statement changed must be seen with the
#: original words (…省级以上[人民政府财政部门]…): fewer would match any mention of a common phrase.
CHANGED_CONTEXT = 8
#: What a choice stem asks in place of its answer: 下列哪一主体, 下列哪些处分, 下列哪一类对象 …
RE_SLOT = re.compile(r"下列哪(?:一种|一类|一项|一|些)[\u4e00-\u9fff]{0,4}?(?:主体|机关|部门|处分|处理|对象|行为|情形|措施|方式|人员|单位)")
RE_OPENING = re.compile(r"^根据本[\u4e00-\u9fff]{1,4}(?:第[^，,]{1,12}条(?:（[^）]+）)?)?[，,]")
RE_NOT_TEXT = re.compile(r"[\s\W_]", re.UNICODE)
LABELS = {
    "giveaway": "泄露他题答案", "same_clause": "与他题考同一句", "names_answer": "题干含答案", "near_duplicate": "与他题近似",
    "same_key": "答案与多题相同",
}


class LintWarning(QqtextWarning):
    """A paper or pool problem the linter found (the paper is still written)."""


@dataclass(frozen=True, slots=True)
class LintProblem:
    """One problem: its kind, the question it is about, the other question involved (if any)."""

    kind: str
    question: str
    other: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.question}: {LABELS[self.kind]} / {self.kind}: {self.message}"


def _answer_texts(q: Question) -> list[str]:
    if q.type == "cloze":
        return [a for a in q.answer if a]
    if q.options:
        keys = set(q.answer)
        return [o.text for o in q.options if o.key in keys]
    return []


def _slots(q: Question) -> list[tuple[str, str, str]]:
    """(words before, answer, words after) for each answer the stem leaves out."""
    out: list[tuple[str, str, str]] = []
    if q.type == "cloze":
        parts = q.stem.split(BLANK)
        for index, answer in enumerate(q.answer[: len(parts) - 1]):
            out.append((parts[index], answer, parts[index + 1]))
        return out
    if q.type == "true_false":
        return _changed_words(q)
    match = RE_SLOT.search(q.stem)
    if match:
        before, after = q.stem[:match.start()], q.stem[match.end():].rstrip("？?。")
        before = RE_OPENING.sub("", before)
        out.extend((before, answer, after) for answer in _answer_texts(q))
    return out


def _changed_words(q: Question) -> list[tuple[str, str, str]]:
    """For a false statement, (words before, original words, words after) of what it changed in the
    passage it quotes (设区的市级以上 for 省级以上): another question showing the original words in their
    place tells the statement is false (round 9b: a cloze printed 省级以上…指定的媒体)."""
    if q.answer != ("错",) or not q.source.quote:
        return []
    quote, stem = q.source.quote, RE_OPENING.sub("", q.stem).rstrip("。？?")
    changes = [op for op in SequenceMatcher(None, quote, stem, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not changes or len(changes) > 2:
        return []  # a statement written anew is no word swap
    out = []
    for _, i1, i2, _, _ in changes:
        while i2 - i1 < 2 and i2 < len(quote):
            i2 += 1  # 省 -> 省级: at least two characters of the original
        out.append((quote[:i1], quote[i1:i2], quote[i2:]))
    return out


def _seen(q: Question) -> str:
    """Everything a learner reads of ``q`` while taking the paper."""
    return "\n".join([q.stem, *(o.text for o in q.options), q.explanation])


def _reveals(text: str, before: str, answer: str, after: str, *, context: int = CONTEXT) -> bool:
    """Whether ``text`` shows ``answer`` with ``context`` of the question's own words beside it."""
    if len(answer) < 2:
        return False
    left = RE_NOT_TEXT.sub("", before)[-context:]
    right = RE_NOT_TEXT.sub("", after)[:context]
    plain = RE_NOT_TEXT.sub("", text)
    return (len(left) == context and left + answer in plain) or (len(right) == context and answer + right in plain)


def _trigrams(stem: str) -> set[str]:
    text = RE_NOT_TEXT.sub("", RE_OPENING.sub("", stem).replace(BLANK, ""))
    return {text[i:i + 3] for i in range(len(text) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the character trigrams of two stems.

    >>> round(trigram_similarity("企业可以自主经营。", "企业可以自主经营管理。"), 2)
    0.75
    """
    x, y = _trigrams(a), _trigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _names_answer(q: Question) -> LintProblem | None:
    if not q.options or q.type == "scenario":
        return None
    stem = RE_SLOT.sub("", q.stem)
    named = [t for t in _answer_texts(q) if len(t) >= 2 and t in stem]
    if named:
        return LintProblem("names_answer", q.id, None, f"the stem names its answer {'、'.join(named)}")
    return None


#: Two quotes of one article and item this close (in characters) test one passage.
NEAR = 60


def _overlap(a: Question, b: Question) -> bool:
    sa, sb = a.source, b.source
    if sa.doc != sb.doc or sa.end <= sa.start or sb.end <= sb.start:
        return False
    if sa.start < sb.end and sb.start < sa.end:
        return True
    gap = max(sa.start, sb.start) - min(sa.end, sb.end)
    return (sa.article, sa.item) == (sb.article, sb.item) and sa.article is not None and gap < NEAR


def _pairs(questions: Sequence[Question], *, paper: bool) -> Iterable[LintProblem]:
    grams = [_trigrams(q.stem) for q in questions]
    for i, a in enumerate(questions):
        for j in range(i + 1, len(questions)):
            b = questions[j]
            if paper:
                if _overlap(a, b):
                    yield LintProblem("same_clause", b.id, a.id, f"quotes the same text as {a.id} ({a.source.citation()})")
                    continue
                for first, second in ((a, b), (b, a)):
                    context = CHANGED_CONTEXT if second.type == "true_false" else CONTEXT
                    if any(_reveals(_seen(first), *slot, context=context) for slot in _slots(second)):
                        yield LintProblem("giveaway", second.id, first.id, f"{first.id} shows its answer")
            x, y = grams[i], grams[j]
            if (paper or a.type == b.type) and x and y and len(x & y) / len(x | y) >= NEAR_DUPLICATE:
                yield LintProblem("near_duplicate", b.id, a.id, f"stem alike to {a.id}'s")


#: At most this many choice questions of a paper share the text of their correct option.
SAME_KEY = 2


def _same_keys(questions: Sequence[Question]) -> Iterable[LintProblem]:
    seen: dict[str, list[str]] = {}
    for q in questions:
        if q.type not in ("single_choice", "multiple_choice"):
            continue
        key = "、".join(sorted(_answer_texts(q)))
        earlier = seen.setdefault(key, [])
        if len(earlier) >= SAME_KEY:
            yield LintProblem("same_key", q.id, earlier[-1], f"its answer {key} is also the answer of {len(earlier)} others")
        earlier.append(q.id)


def lint_paper(questions: Sequence[Question]) -> list[LintProblem]:
    """Every problem of one paper (see the module docstring)."""
    problems = [p for q in questions if (p := _names_answer(q)) is not None]
    problems.extend(_pairs(list(questions), paper=True))
    problems.extend(_same_keys(questions))
    return problems


def lint_pool(questions: Sequence[Question]) -> list[LintProblem]:
    """The problems of a bank or pool: near-duplicates and stems that name their answer."""
    problems = [p for q in questions if (p := _names_answer(q)) is not None]
    problems.extend(_pairs(list(questions), paper=False))
    return problems


def conflicting(questions: Sequence[Question]) -> set[str]:
    """Ids to drop from a paper so that no problem remains: each question that names its answer, and of
    each pair the later one (the earlier, kept, was drawn first)."""
    return {p.question for p in lint_paper(questions)}

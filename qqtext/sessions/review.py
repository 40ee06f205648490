"""错题本: a learner's wrong answers, grouped by the article they test, and a retest built from them.

* :func:`wrong_answers` reads one learner's own attempts from a
  :class:`~qqtext.sessions.store.ResultsStore` (through :meth:`~ResultsStore.answers`, which checks
  that each attempt is theirs) and groups every wrong answer by the passage its question cites:
  document, article and item (第十三条（五）), in article order. A question answered wrongly in
  several attempts is one entry with all its wrong responses; one answered right later is kept and
  marked ``corrected``.
* :func:`review_markdown` writes the groups as a readable Chinese 错题本: for each article the
  questions, the learner's answers, the correct answers, the 解析 and the quoted source.
* :func:`retest_paper` draws a retest: the wrong questions again (choice options reshuffled) and,
  where the pool has them, other questions on the same articles (the same item first), assembled
  with :func:`qqtext.exercises.assemble.assemble` under a seed, so the same seed gives the same paper.

Choice answers are read by what the learner saw: the option texts chosen (stored with each answer,
see :class:`~qqtext.sessions.store.AnswerRecord`) are turned into the keys of the question given in
``questions``, so any version of it will do: the paper's, the pool's, or a retest's with its options
reshuffled. Only answers stored before the texts were are read by their keys, against the question
given: for those, pass the questions as the learner saw them (the paper's versions).

>>> from qqtext.exercises.model import Option, Question, Source
>>> from qqtext.sessions.store import AnswerRecord, ResultsStore
>>> q = Question.create(type="true_false", stem="机关单位工作人员可以接受企业专程接送。", answer=("错",),
...                     explanation="第十三条（五）：不许单独指派、专程接送。",
...                     source=Source("jinan-2019", 13, 5, "但不许单独指派、专程接送", 1945, 1957))
>>> store = ResultsStore("sqlite://")
>>> me = store.learner_id("张三")
>>> _ = store.save_attempt(me, "A", [AnswerRecord(q.id, ("对",), False, 8.0)])
>>> groups = wrong_answers(store, me, {q.id: q})
>>> [(g.citation, g.responses, g.correct_answers) for g in groups]
[('第十三条（五）', ((('对',),),), (('错',),))]
>>> print(review_markdown(groups).splitlines()[0])
# 错题本
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qqtext.exercises.assemble import AssemblyError, Blueprint, Paper, assemble
from qqtext.exercises.model import TYPE_LABELS, Question
from qqtext.numerals import to_chinese_number
from qqtext.sessions.responses import CHOICE_TYPES, chosen_keys

if TYPE_CHECKING:
    from qqtext.sessions.store import ResultsStore

__all__ = ["WrongAnswer", "ReviewGroup", "wrong_answers", "review_markdown", "retest_paper", "response_text",
           "RETEST_TITLE"]

RETEST_TITLE = "错题重测"
_CHOICE = CHOICE_TYPES


@dataclass(frozen=True, slots=True)
class WrongAnswer:
    """One question the learner got wrong, with every wrong response they gave to it.

    Attributes:
        question: the question (as passed to :func:`wrong_answers`).
        responses: the wrong responses, oldest first (one per attempt that got it wrong); for choice
            questions the keys of ``question`` the learner chose, matched by option text (a text
            ``question`` has no option for is kept as the text).
        attempt_ids: the attempts they come from.
        corrected: answered right in a later attempt.
    """

    question: Question
    responses: tuple[tuple[str, ...], ...]
    attempt_ids: tuple[int, ...]
    corrected: bool = False

    @property
    def times(self) -> int:
        """How many times it was answered wrongly."""
        return len(self.responses)


@dataclass(frozen=True, slots=True)
class ReviewGroup:
    """The wrong answers on one passage: a document's article and item (``item`` ``None``: the article)."""

    doc: str
    article: int | None
    item: int | None
    entries: tuple[WrongAnswer, ...]

    @property
    def citation(self) -> str:
        """第十三条（五）, 第十九条; ``""`` for questions citing no article."""
        if self.article is None:
            return ""
        text = f"第{to_chinese_number(self.article)}条"
        return text + (f"（{to_chinese_number(self.item)}）" if self.item is not None else "")

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(entry.question for entry in self.entries)

    @property
    def responses(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Per question, the learner's wrong responses (oldest first)."""
        return tuple(entry.responses for entry in self.entries)

    @property
    def correct_answers(self) -> tuple[tuple[str, ...], ...]:
        """Per question, the correct answer (option keys, 对/错, or the cloze texts)."""
        return tuple(entry.question.answer for entry in self.entries)

    @property
    def quotes(self) -> tuple[str, ...]:
        """The distinct source quotes of the group's questions, in order."""
        return tuple(dict.fromkeys(q.source.quote for q in self.questions if q.source.quote))


def _group_key(key: tuple[str, int | None, int | None]) -> tuple:
    doc, article, item = key
    return (doc, article is None, article or 0, item is not None, item or 0)


def wrong_answers(store: ResultsStore, learner_id: str, questions: Mapping[str, Question], *,
                  session: str | None = None) -> list[ReviewGroup]:
    """The learner's wrong answers across their attempts, grouped by article and item, in article order.

    Args:
        store: the results store; only ``learner_id``'s own attempts are read.
        learner_id: the learner.
        questions: the questions by id (answers to questions missing here are left out: there is
            nothing to show for them).
        session: only attempts of this session (default: all).

    Within a group the questions come in the order they were first answered wrongly.
    """
    wrong: dict[str, dict] = {}
    last_right: dict[str, int] = {}
    order = 0
    for attempt in store.learner_attempts(learner_id):
        if session is not None and attempt.session != session:
            continue
        for record in store.answers(attempt.id, learner_id=learner_id):
            question = questions.get(record.question_id)
            if question is None:
                continue
            if record.correct:
                last_right[question.id] = attempt.id
                continue
            entry = wrong.setdefault(question.id, {"question": question, "responses": [], "attempts": [],
                                                   "order": order})
            order += 1
            entry["responses"].append(_response(question, record))
            entry["attempts"].append(attempt.id)
    groups: dict[tuple[str, int | None, int | None], list[dict]] = {}
    for entry in sorted(wrong.values(), key=lambda e: e["order"]):
        source = entry["question"].source
        groups.setdefault((source.doc, source.article, source.item), []).append(entry)
    return [
        ReviewGroup(*key, tuple(
            WrongAnswer(e["question"], tuple(e["responses"]), tuple(e["attempts"]),
                        last_right.get(e["question"].id, -1) > e["attempts"][-1])
            for e in entries))
        for key, entries in sorted(groups.items(), key=lambda kv: _group_key(kv[0]))
    ]


def _response(question: Question, record) -> tuple[str, ...]:
    """A stored answer in the terms of ``question``: for choice questions its keys, found by the texts chosen."""
    if question.type not in _CHOICE:
        return tuple(record.response)
    return chosen_keys(question, record.response, shown=record.shown, chosen=record.chosen)


def response_text(question: Question, response: Sequence[str]) -> str:
    """A response written out: ``B. 不可以``, ``对``, the cloze texts joined by ；, or （未作答）.

    >>> from qqtext.exercises.model import Option, Source
    >>> q = Question.create(type="single_choice", stem="？", options=[Option("A", "可以"), Option("B", "不可以")],
    ...                     answer=("B",), explanation="", source=Source("d", 1, None, "", 0, 0))
    >>> response_text(q, ("A",)), response_text(q, ("Z",)), response_text(q, ())
    ('A. 可以', 'Z', '（未作答）')
    """
    parts = [part for part in response if part.strip()]
    if not parts:
        return "（未作答）"
    if question.type in _CHOICE:
        texts = {option.key: option.text for option in question.options}
        return "；".join(f"{key}. {texts[key]}" if key in texts else key for key in parts)
    return "；".join(parts)


def review_markdown(groups: Sequence[ReviewGroup], *, title: str = "错题本") -> str:
    """A readable Chinese 错题本 in Markdown: per article, each question with 您的答案, 正确答案, 解析, 原文.

    The questions' text is escaped, so nothing in a stem becomes Markdown syntax.
    """
    from qqtext.exercises.export.markdown import markdown_escape as esc

    entries = [entry for group in groups for entry in group.entries]
    lines = [f"# {esc(title)}", ""]
    if not entries:
        lines += ["没有错题。继续保持！", ""]
        return "\n".join(lines)
    docs = {group.doc for group in groups}
    places = "、".join(_heading(group, len(docs) > 1) for group in groups)
    lines += [f"共 {len(entries)} 道错题，涉及 {len(groups)} 处条款：{esc(places)}。", ""]
    number = 0
    for group in groups:
        lines += [f"## {esc(_heading(group, len(docs) > 1))}", ""]
        for entry in group.entries:
            number += 1
            q = entry.question
            times = f"，答错 {entry.times} 次" if entry.times > 1 else ""
            later = "，后来已答对" if entry.corrected else ""
            note = f"（{times[1:]}{later}）" if times else (f"（{later[1:]}）" if later else "")
            lines += [f"### {number}. {TYPE_LABELS.get(q.type, q.type)}{note}", "", esc(q.stem), ""]
            if q.options:
                lines += [f"- {esc(option.key)}. {esc(option.text)}" for option in q.options] + [""]
            yours = "；".join(dict.fromkeys(response_text(q, r) for r in entry.responses))
            lines += [
                f"- **您的答案**：{esc(yours)}",
                f"- **正确答案**：{esc(response_text(q, q.answer))}",
                f"- **解析**：{esc(q.explanation)}",
                "",
            ]
            if q.source.quote:
                lines += ["**原文**：", "", f"> {esc(q.source.quote)}", ""]
    lines += ["---", "", "建议：对照原文重读以上条款，再做一次错题重测。", ""]
    return "\n".join(lines)


def _heading(group: ReviewGroup, with_doc: bool) -> str:
    citation = group.citation or "未注明条款"
    return f"{group.doc} {citation}" if with_doc else citation


def retest_paper(groups: Sequence[ReviewGroup], pool: Sequence[Question], *, seed: int, size: int | None = None,
                 title: str = RETEST_TITLE) -> Paper:
    """A retest: the wrong questions again, options reshuffled, plus other pool questions on the same articles.

    Args:
        groups: from :func:`wrong_answers`.
        pool: the questions to draw companions from (say :func:`qqtext.exercises.quiz.question_pool`);
            a wrong question found in the pool (by id) is taken in the pool's version.
        seed: the same seed gives the same paper.
        size: the number of questions. ``None``: every wrong question and, where the pool allows,
            one more question on the same article per wrong question. Smaller than the number of
            wrong questions: those not yet corrected first, then those missed most often. Larger
            than the pool allows: as many as it has.
        title: the paper's title.

    Companions are shared out over the wrong questions in turn: for each, a question on the same
    item first, then on the rest of the same article, in a seeded order; none repeats a question or
    a stem already chosen.

    Raises:
        AssemblyError: no wrong answers to retest, or a size below 1.
    """
    if size is not None and size < 1:
        raise AssemblyError(f"重测题量须至少为 1 / a retest needs at least one question, not {size}")
    entries = [entry for group in groups for entry in group.entries]
    if not entries:
        raise AssemblyError("没有错题，无需重测 / there are no wrong answers to retest")
    rng = random.Random(seed)
    by_id = {q.id: q for q in pool}
    wrong, seen = [], set()
    for entry in entries:
        if _stem(entry.question) not in seen:  # two ids with one stem: a paper holds only one of them
            seen.add(_stem(entry.question))
            wrong.append(by_id.get(entry.question.id, entry.question))
    entries = [entry for entry in entries if entry.question.id in {q.id for q in wrong}]
    if size is not None and size < len(wrong):
        rank = {id(entry): i for i, entry in enumerate(entries)}
        keep = sorted(entries, key=lambda e: (e.corrected, -e.times, rank[id(e)]))[:size]
        kept = {entry.question.id for entry in keep}
        wrong = [q for q in wrong if q.id in kept]
    extra = len(wrong) if size is None else max(0, size - len(wrong))
    chosen = list(wrong)
    ids = {q.id for q in chosen}
    stems = {_stem(q) for q in chosen}
    queues: list[list[Question]] = []
    for q in wrong:  # each wrong question: the same item first, then the rest of its article
        if q.source.article is None:
            continue
        same_article = sorted((p for p in pool if (p.source.doc, p.source.article) == (q.source.doc, q.source.article)),
                              key=lambda p: p.id)
        rng.shuffle(same_article)
        same_article.sort(key=lambda p: p.source.item != q.source.item)  # a stable sort keeps the seeded order
        queues.append(same_article)
    while extra > 0 and queues:
        for queue in list(queues):
            if extra <= 0:
                break
            while queue and (queue[0].id in ids or _stem(queue[0]) in stems):
                queue.pop(0)
            if not queue:
                queues = [other for other in queues if other is not queue]
                continue
            q = queue.pop(0)
            chosen.append(q)
            ids.add(q.id)
            stems.add(_stem(q))
            extra -= 1
    blueprint = Blueprint(dict(Counter(q.type for q in chosen)))
    # a retest asks the same passages again on purpose: the linter's one-question-per-clause rule is not for it
    return assemble(chosen, blueprint, seed=seed, title=title, lint=False)


def _stem(question: Question) -> str:
    return re.sub(r"\s+", "", question.stem)

"""What the classroom pages show of a question, a paper and a learner's history (no HTTP here).

The page templates (``qqtext/web/templates``) get plain dicts from these functions, so grading, the
verdict wording and the cited passage come from :mod:`qqtext.sessions.grading`, the same as in the
JupyterLab quiz.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from qqtext.exercises.model import BLANK, FALSE, TRUE, TYPE_LABELS, Question
from qqtext.sessions.grading import (
    CHOICE_TYPES,
    answer_display,
    passage_html,
    response_display,
    source_passage,
    verdict_text,
)
from qqtext.web.classroom import Answer, LearnerPaper

__all__ = ["question_view", "wrong_book", "paper_summary", "article_label"]


def article_label(question: Question) -> str:
    """``第十三条`` for a question citing 第十三条（五）: the 错题本 groups by article."""
    citation = question.source.citation() or "出处未注明"
    return citation.split("（", 1)[0] if "（" in citation else citation


def question_view(question: Question, answer: Answer, *, index: int, doc: Any) -> dict:
    """One question as the page shows it: stem parts, inputs, and after answering the verdict and passage."""
    kind = question.type
    view: dict[str, Any] = {
        "index": index, "number": index + 1, "type": kind, "type_label": TYPE_LABELS.get(kind, ""),
        "stem": question.stem, "answered": answer.answered, "correct": answer.correct,
        "response": list(answer.response), "multiple": kind == "multiple_choice",
    }
    if kind in CHOICE_TYPES:
        view["options"] = [{"key": o.key, "text": o.text, "checked": o.key in answer.response} for o in question.options]
    elif kind == "true_false":
        view["options"] = [{"key": v, "text": v, "checked": v in answer.response} for v in (TRUE, FALSE)]
    else:
        parts = question.stem.split(BLANK)
        view["stem_parts"] = parts
        given = list(answer.response) + [""] * len(parts)
        view["blanks"] = [{"number": i + 1, "value": given[i]} for i in range(max(1, len(parts) - 1))]
    if answer.answered:
        view["verdict"] = verdict_text(question, bool(answer.correct), answer.response)
        view["explanation"] = question.explanation
        view["passage_html"] = passage_html(source_passage(question, doc))
        view["your_answer"] = response_display(question, answer.response)
    return view


def paper_summary(questions: Sequence[Question], paper: LearnerPaper) -> dict:
    """Score, points and the wrong answers of a paper (after 交卷)."""
    points = sum(q.score for q in questions)
    got = sum(q.score for q, a in zip(questions, paper.answers) if a.correct)
    wrong = []
    for i, (question, answer) in enumerate(zip(questions, paper.answers)):
        if not answer.correct:
            wrong.append({"number": i + 1, "stem": question.stem, "citation": question.source.citation(),
                          "given": response_display(question, answer.response),
                          "answer": answer_display(question), "explanation": question.explanation})
    return {"score": got, "max_score": points, "right": len(questions) - len(wrong), "wrong": wrong,
            "total": len(questions)}


def wrong_book(latest: dict[str, tuple[Question, bool, tuple[str, ...]]], doc: Any) -> list[dict]:
    """The 错题本: the questions whose latest answer was wrong, grouped by the article they cite, in article order.

    ``latest`` maps a question id to (the question as last seen, whether the last answer was right,
    that response).
    """
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    ordered = sorted(latest.values(), key=lambda v: (v[0].source.article or 0, v[0].source.item or 0, v[0].id))
    for question, correct, response in ordered:
        if correct:
            continue
        groups.setdefault(article_label(question), []).append({
            "stem": question.stem, "given": response_display(question, response), "answer": answer_display(question),
            "explanation": question.explanation, "passage_html": passage_html(source_passage(question, doc)),
            "id": question.id})
    return [{"article": article, "questions": items} for article, items in groups.items()]

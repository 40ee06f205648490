"""Self-check quizzes for notebooks: the question list ``jupyterquiz.display_quiz`` takes.

``display_quiz(to_jupyterquiz(questions))`` in a notebook, or save the list as JSON
(``json.dumps(..., ensure_ascii=False)``) and pass the file's path or URL.

* single choice and scenario: ``"multiple_choice"``; multiple choice: ``"many_choice"``;
* true/false: ``"multiple_choice"`` with the answers 对 and 错;
* cloze: ``"string"`` (a text box). jupyterquiz has one box per question, so a stem with several
  blanks gives one question per blank: each shows the whole stem with the blanks numbered and
  empty (``（1）____ … （2）____``) and asks for one of them (请填第2空), so no question gives
  another blank's answer away.

Each question starts with its type in brackets (【多选题】…), since jupyterquiz shows single and
multiple choice alike. A right answer's feedback is 正确 with the 解析 and 出处; a wrong one's asks
to think again. jupyterquiz puts question, answer and feedback texts into the page as HTML and
turns ``$…$`` into mathematics and ``[text](url)`` into links, so those texts are HTML-escaped,
with ``$`` and ``[`` as character references. A cloze answer is compared with what the learner
types, so it stays plain text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from qqtext.exercises.export._common import (
    CHOICE_TYPES,
    clean,
    cloze_blanks,
    feedback_lines,
    numbered_blanks,
    validated,
)
from qqtext.exercises.model import BLANK, FALSE, TRUE, TYPE_LABELS, Question

__all__ = ["to_jupyterquiz", "quiz_html"]

WRONG = "不正确，再想想。"


def quiz_html(text: str) -> str:
    """Text as jupyterquiz should show it: HTML-escaped, with no ``$`` or ``[`` left for it to interpret.

    >>> quiz_html("<b>$5</b> [链接](x)\\n下一行")
    '&lt;b&gt;&#36;5&lt;/b&gt; &#91;链接](x)<br>下一行'
    """
    escaped = html.escape(clean(text), quote=True)
    return escaped.replace("$", "&#36;").replace("[", "&#91;").replace("\n", "<br>")


def _right(q: Question) -> str:
    return "<br>".join(["正确！", *(quiz_html(line) for line in feedback_lines(q))])


def _heading(q: Question, stem: str) -> str:
    return f"【{TYPE_LABELS[q.type]}】{stem}"


def to_jupyterquiz(questions: Sequence[Question]) -> list[dict[str, Any]]:
    """The questions as jupyterquiz's list of question dicts (JSON-ready), in paper order.

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
    """
    quiz: list[dict[str, Any]] = []
    for q in validated(questions):
        if q.type in CHOICE_TYPES:
            right = set(q.answer)
            quiz.append({
                "question": _heading(q, quiz_html(q.stem)),
                "type": "many_choice" if q.type == "multiple_choice" else "multiple_choice",
                "answers": [
                    {"answer": f"{html.escape(o.key)}. {quiz_html(o.text)}", "correct": o.key in right,
                     "feedback": _right(q) if o.key in right else WRONG}
                    for o in q.options
                ],
            })
        elif q.type == "true_false":
            quiz.append({
                "question": _heading(q, quiz_html(q.stem)),
                "type": "multiple_choice",
                "answers": [
                    {"answer": label, "correct": q.answer == (label,),
                     "feedback": _right(q) if q.answer == (label,) else WRONG}
                    for label in (TRUE, FALSE)
                ],
            })
        else:
            blanks = cloze_blanks(q)
            for blank in blanks:
                if len(blanks) > 1:
                    stem = quiz_html(numbered_blanks(q)) + f"（请填第{blank.index}空，共{blank.count}空）"
                else:
                    stem = quiz_html(blank.before) + BLANK + quiz_html(blank.after)
                quiz.append({
                    "question": _heading(q, stem),
                    "type": "string",
                    "answers": [
                        {"answer": blank.answer.strip(), "correct": True, "match_case": False, "feedback": _right(q)},
                        {"type": "default", "feedback": WRONG},
                    ],
                    "input_width": max(8, len(blank.answer) * 2 + 2),
                })
    return quiz

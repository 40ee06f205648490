"""Moodle GIFT: the plain-text format Moodle's question import reads.

Each question gets its id as its name (``::q-…::``) and is written in Moodle's ``[plain]`` text
format, so ``<``, ``&`` and the like show as typed. The 解析 and 出处 are the general feedback
(``####``).

* single choice and scenario (情形判断): ``{=right ~wrong}``;
* multiple choice: ``{~%25%right … ~%-100%wrong}``; the right options share 100 %, the wrong ones
  share −100 %, so ticking everything scores nothing (weights snap to the grades Moodle accepts);
* true/false: ``{T}`` / ``{F}``;
* cloze with one blank: short answer in GIFT's missing-word form, the answer block where the blank is;
* cloze with several blanks: GIFT cannot ask them in one question. Moodle's GIFT reader takes one
  answer block per question (the first ``{`` to the first ``}``), and embedded answers
  (``{1:SHORTANSWER:=…}``, the ``cloze`` question type) exist only in Moodle XML and Moodle's own
  cloze text, not in GIFT. Of the forms GIFT has, the one written is the least bad honest one:
  **one** short-answer question (so a paper keeps its count and points), the stem with its blanks
  numbered and empty (``（1）____ … （2）____``: no blank shows another's answer), an instruction to
  type the answers in order separated by ``；``, and the answers so joined as the right answer, also
  with ``;`` ``，`` ``,`` ``、`` or a space between them (the separators a learner may type). It is
  graded all or nothing, and a GIFT comment above it says so and points to Moodle XML
  (:func:`~qqtext.exercises.export.moodle_xml.to_moodle_xml`), where the blanks are one cloze
  question with a box each. Splitting it into one question per blank, the other blanks filled in, as
  before, gave every other blank's answer away.

The control characters ``~ = # { } :`` and the backslash are escaped with a backslash and a line
break is written ``\\n``, as Moodle's own GIFT export does.

>>> from qqtext.exercises.model import Option, Source
>>> q = Question.create(type="single_choice", stem="A:B 是{什么}？", options=[Option("A", "甲"), Option("B", "乙")],
...                     answer=["A"], explanation="第一条。", source=Source("d", 1, None, "原文", 0, 2))
>>> print(to_gift([q]))  # doctest: +NORMALIZE_WHITESPACE
::q-0677d78f568b::[plain]A\\:B 是\\{什么\\}？{
	=甲
	~乙
	####解析：第一条。\\n出处：第一条“原文”
}
<BLANKLINE>
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from qqtext.exercises.export._common import (
    CHOICE_TYPES,
    clean,
    cloze_blanks,
    feedback_lines,
    numbered_blanks,
    validated,
    write_bytes,
)
from qqtext.exercises.model import TRUE, Question

__all__ = ["to_gift", "write_gift", "gift_escape", "moodle_fractions", "CLOZE_SEPARATORS"]

GIFT_SPECIAL = "\\~=#{}:"
#: Between the answers of a several-blank cloze: the one the stem asks for first, then the others
#: accepted as right (a learner on a Western keyboard types ; or ,).
CLOZE_SEPARATORS = ("；", ";", "，", ",", "、", " ")
#: Grades (in %) Moodle accepts for an answer; other weights are refused on import.
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0)


def gift_escape(text: str) -> str:
    """Text escaped for GIFT: a backslash before ``~ = # { } :`` and ``\\``, line breaks as ``\\n``.

    >>> gift_escape("a=b{c}\\n~d#:e\\\\")
    'a\\\\=b\\\\{c\\\\}\\\\n\\\\~d\\\\#\\\\:e\\\\\\\\'
    """
    out = []
    for char in clean(text):
        if char in GIFT_SPECIAL:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        else:
            out.append(char)
    return "".join(out)


def _text(text: str) -> str:
    """Escaped answer or feedback text that Moodle will not mistake for a format tag or a weight."""
    escaped = gift_escape(text).strip()
    # Moodle reads a leading [html], [plain] … as the text's format; a leading %…% as a weight.
    return "[plain]" + escaped if escaped.startswith("[") else escaped


def _weight(percent: float) -> str:
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def moodle_fractions(n: int) -> float:
    """The share of 100 % each of ``n`` answers gets, snapped down to a grade Moodle accepts.

    >>> moodle_fractions(3), moodle_fractions(4), moodle_fractions(12)
    (33.33333, 25, 5)
    """
    share = 100 / n
    return next(g for g in MOODLE_GRADES if g <= share + 1e-6)


def _general_feedback(q: Question) -> str:
    return "\t####" + _text("\n".join(feedback_lines(q)))


def _name(name: str) -> str:
    return f"::{gift_escape(name)}::"


def _choice(q: Question) -> list[str]:
    lines = [f"{_name(q.id)}[plain]{gift_escape(q.stem).strip()}{{"]
    right = set(q.answer)
    if q.type == "multiple_choice":
        wrong_count = len(q.options) - len(right)
        plus = _weight(moodle_fractions(len(right)))
        minus = "-" + _weight(moodle_fractions(wrong_count)) if wrong_count else "0"
        for option in q.options:
            lines.append(f"\t~%{plus if option.key in right else minus}%{_text(option.text)}")
    else:
        for option in q.options:
            text = _text(option.text)
            if option.key in right:
                lines.append(f"\t={text}")
            else:
                # An explicit 0 % keeps a text starting with %…% from being read as a weight.
                lines.append(f"\t~%0%{text}" if text.startswith("%") else f"\t~{text}")
    lines.append(_general_feedback(q))
    lines.append("}")
    return lines


def _true_false(q: Question) -> list[str]:
    letter = "T" if q.answer == (TRUE,) else "F"
    return [f"{_name(q.id)}[plain]{gift_escape(q.stem).strip()}{{{letter}", _general_feedback(q), "}"]


def _short_answer_text(answer: str) -> str:
    # In a Moodle short answer * is a wildcard; \* is a literal star.
    text = _text(answer.replace("*", "\\*"))
    return "%100%" + text if text.startswith("%") else text


def _cloze(q: Question) -> list[str]:
    if len(q.answer) > 1:
        return _several_blanks(q)
    [blank] = cloze_blanks(q)
    before, after = gift_escape(blank.before), gift_escape(blank.after)
    if not after.strip():
        # Moodle draws no blank for an answer block at the very end: keep the stem's own.
        before, after = before.rstrip() + "____", ""
    return [
        f"{_name(q.id)}[plain]{before}{{={_short_answer_text(blank.answer)}",
        _general_feedback(q),
        "}" + after,
    ]


def _several_blanks(q: Question) -> list[str]:
    """One short-answer question for a cloze with several blanks (see the module docstring)."""
    n = len(q.answer)
    answers = [" ".join(clean(a).split()) for a in q.answer]
    first = CLOZE_SEPARATORS[0]
    stem = f"{numbered_blanks(q).rstrip()}（本题共{n}空，请按顺序填写各空答案，用“{first}”隔开）"
    right = dict.fromkeys(separator.join(answers) for separator in CLOZE_SEPARATORS)
    return [
        f"// 多空填空题（{n}空）：GIFT 每题只有一个答案框，各空答案须按顺序填在同一框内，全对才得分；"
        "一空一框请导入 Moodle XML 版（完形填空题型）",
        f"{_name(q.id)}[plain]{gift_escape(stem)}{{",
        *(f"\t={_short_answer_text(text)}" for text in right),
        _general_feedback(q),
        "}",
    ]


def to_gift(questions: Sequence[Question], *, title: str | None = None, category: str | None = None) -> str:
    """The questions as a GIFT file, in paper order.

    Args:
        questions: the questions.
        title: written as a comment at the top.
        category: a Moodle category path (``$CATEGORY:``); the questions are imported into it.

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
    """
    blocks: list[list[str]] = []
    if title:
        blocks.append([f"// {line}" for line in clean(title).split("\n")])
    if category:
        blocks.append([f"$CATEGORY: {clean(category).replace(chr(10), ' ')}"])
    for q in validated(questions):
        if q.type in CHOICE_TYPES:
            blocks.append(_choice(q))
        elif q.type == "true_false":
            blocks.append(_true_false(q))
        else:
            blocks.append(_cloze(q))
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"


def write_gift(
    questions: Sequence[Question],
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    category: str | None = None,
) -> Path:
    """Write :func:`to_gift` to ``path`` (UTF-8, LF line ends) and return the path."""
    return write_bytes(path, to_gift(questions, title=title, category=category).encode("utf-8"))

r"""Moodle XML: the richer of Moodle's question import formats.

* single choice, scenario (情形判断) and multiple choice: ``multichoice`` (``<single>true</single>``
  or ``false``); options keep their order and A/B/C numbering, so they match a printed paper;
  multiple-choice weights as in :mod:`~qqtext.exercises.export.gift`;
* true/false: ``truefalse``;
* cloze with one blank: ``shortanswer`` (the stem shows the blank, the answer box follows);
* cloze with several blanks: one ``cloze`` question (Moodle's embedded answers, qtype
  ``multianswer``): the stem with a ``{w:SHORTANSWER:=answer}`` box where each blank is, so a
  learner fills every blank of the passage in one question and no blank shows another's answer.

Every question carries its id as ``<name>`` and ``<idnumber>``, its points as ``<defaultgrade>`` (a
cloze with several blanks: see below), and the 解析 and 出处 as ``<generalfeedback>``. Texts are HTML (Moodle's ``html`` format), escaped, line
breaks as ``<br>``; the tree is built with lxml, which escapes the XML.

How the embedded answers are written, from Moodle's reader (``qtype_multianswer_extract_question``):

* Moodle finds a box as ``{`` + weight + ``:SHORTANSWER:`` … ``}`` anywhere in the question text, so
  every ``{`` and ``}`` of the stem itself is written as a character reference (``&#123;``, ``&#125;``):
  a stem quoting ``{1:SA:=x}`` stays text.
* An answer ends at the first ``~``, ``#`` or ``}`` not preceded by ``\``, ``&`` or ``&amp;``; after
  cutting, Moodle decodes HTML character references in it. So every character of an answer that
  could end it or start a reference (``~ # { } \ & < > " '``) is written as a numeric character
  reference, which nothing in the answer syntax reads and which decodes back to the character
  (``&`` as ``&#38;``, never ``&amp;``: an answer ending in ``&amp;`` would swallow its ``}``). ``*`` is
  a short-answer wildcard and is written ``\*``, as for ``shortanswer``.
* No ``<defaultgrade>``, as Moodle's own export: a cloze question's mark is the sum of its boxes'
  weights. Each box weighs ``score / blanks`` where that is a whole number, else 1 (a 1-point
  question with 2 blanks is worth 2 in the bank: set its mark in the quiz).
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from qqtext.exercises.export._common import (
    CHOICE_TYPES,
    clean,
    cloze_blanks,
    feedback_lines,
    validated,
    write_bytes,
)
from qqtext.exercises.export.gift import moodle_fractions
from qqtext.exercises.model import BLANK, TRUE, Question

__all__ = ["to_moodle_xml", "write_moodle_xml", "embedded_answer"]


def _html(text: str) -> str:
    return html.escape(clean(text)).replace("\n", "<br>")


def _paragraphs(lines: Sequence[str]) -> str:
    return "".join(f"<p>{_html(line)}</p>" for line in lines)


def _text_element(parent: etree._Element, tag: str, text: str, format: str | None = "html") -> etree._Element:
    element = etree.SubElement(parent, tag)
    if format:
        element.set("format", format)
    etree.SubElement(element, "text").text = text
    return element


def _percent(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _head(quiz: etree._Element, qtype: str, name: str, stem_html: str, q: Question, grade: float | None,
          penalty: str):
    question = etree.SubElement(quiz, "question", type=qtype)
    name = clean(name)
    name_element = etree.SubElement(question, "name")
    etree.SubElement(name_element, "text").text = name
    _text_element(question, "questiontext", stem_html)
    _text_element(question, "generalfeedback", _paragraphs(feedback_lines(q)))
    if grade is not None:
        etree.SubElement(question, "defaultgrade").text = _percent(grade)
    etree.SubElement(question, "penalty").text = penalty
    etree.SubElement(question, "hidden").text = "0"
    etree.SubElement(question, "idnumber").text = name
    return question


def _answer(parent, fraction: str, text: str, format: str = "html", feedback: str = "") -> None:
    answer = etree.SubElement(parent, "answer", fraction=fraction, format=format)
    etree.SubElement(answer, "text").text = text
    _text_element(answer, "feedback", feedback)


def _multichoice(quiz, q: Question) -> None:
    question = _head(quiz, "multichoice", q.id, f"<p>{_html(q.stem)}</p>", q, q.score, "0.3333333")
    single = q.type != "multiple_choice"
    etree.SubElement(question, "single").text = "true" if single else "false"
    etree.SubElement(question, "shuffleanswers").text = "false"
    etree.SubElement(question, "answernumbering").text = "ABCD"
    etree.SubElement(question, "showstandardinstruction").text = "1"
    _text_element(question, "correctfeedback", "<p>回答正确。</p>")
    _text_element(question, "partiallycorrectfeedback", "<p>部分正确。</p>")
    _text_element(question, "incorrectfeedback", "<p>回答错误。</p>")
    etree.SubElement(question, "shownumcorrect")
    right = set(q.answer)
    wrong_count = len(q.options) - len(right)
    for option in q.options:
        if single:
            fraction = "100" if option.key in right else "0"
        elif option.key in right:
            fraction = _percent(moodle_fractions(len(right)))
        else:
            fraction = "-" + _percent(moodle_fractions(wrong_count))
        _answer(question, fraction, _html(option.text))


def _truefalse(quiz, q: Question) -> None:
    question = _head(quiz, "truefalse", q.id, f"<p>{_html(q.stem)}</p>", q, q.score, "1")
    right = q.answer == (TRUE,)
    _answer(question, "100" if right else "0", "true", "moodle_auto_format")
    _answer(question, "0" if right else "100", "false", "moodle_auto_format")


def _shortanswer(quiz, q: Question) -> None:
    [blank] = cloze_blanks(q)
    stem = f"<p>{_html(blank.before)}{BLANK}{_html(blank.after)}</p>"
    question = _head(quiz, "shortanswer", q.id, stem, q, q.score, "0.3333333")
    etree.SubElement(question, "usecase").text = "0"
    # In a Moodle short answer * is a wildcard; \* is a literal star.
    _answer(question, "100", blank.answer.replace("*", "\\*"), "moodle_auto_format")


#: Characters of an embedded answer written as numeric character references (see the module docstring).
EMBEDDED_REFERENCES = {char: f"&#{ord(char)};" for char in "~#{}\\&<>\"'"}
#: Braces of the stem outside the answers, so that Moodle finds no answer box in them.
STEM_BRACES = {ord("{"): "&#123;", ord("}"): "&#125;"}


def embedded_answer(text: str) -> str:
    """An answer as it stands inside a Moodle embedded answer ``{1:SHORTANSWER:=…}``.

    >>> embedded_answer("a}b#c~d&amp;")
    'a&#125;b&#35;c&#126;d&#38;amp;'
    >>> embedded_answer("5*")
    '5&#92;*'
    """
    # A box holds one line; * is a wildcard, \* a literal star.
    answer = " ".join(clean(text).split("\n")).replace("*", "\\*")
    return "".join(EMBEDDED_REFERENCES.get(char, char) for char in answer)


def _stem_part(text: str) -> str:
    return _html(text).translate(STEM_BRACES)


def _box_weight(q: Question, blanks: int) -> int:
    share = q.score / blanks
    return int(share) if share >= 1 and float(share).is_integer() else 1


def _cloze(quiz, q: Question) -> None:
    parts = clean(q.stem).split(BLANK)
    weight = _box_weight(q, len(q.answer))
    html_parts = [_stem_part(parts[0])]
    for answer, part in zip(q.answer, parts[1:]):
        html_parts.append(f"{{{weight}:SHORTANSWER:={embedded_answer(answer)}}}")
        html_parts.append(_stem_part(part))
    _head(quiz, "cloze", q.id, f"<p>{''.join(html_parts)}</p>", q, None, "0.3333333")


def to_moodle_xml(questions: Sequence[Question], *, category: str | None = None) -> str:
    """The questions as a Moodle XML quiz file, in paper order.

    Args:
        questions: the questions.
        category: the category to import into, as Moodle writes it (``$course$/top/亲清政商``); a path
            without a leading ``$`` goes under the course's top category.

    Raises:
        ExportError: see :func:`~qqtext.exercises.export._common.validated`.
    """
    quiz = etree.Element("quiz")
    if category:
        path = clean(category).replace("\n", " ")
        if not path.startswith("$"):
            path = "$course$/top/" + path
        entry = etree.SubElement(quiz, "question", type="category")
        etree.SubElement(etree.SubElement(entry, "category"), "text").text = path
        _text_element(entry, "info", "")
    for q in validated(questions):
        if q.type in CHOICE_TYPES:
            _multichoice(quiz, q)
        elif q.type == "true_false":
            _truefalse(quiz, q)
        elif len(q.answer) == 1:
            _shortanswer(quiz, q)
        else:
            _cloze(quiz, q)
    body = etree.tostring(quiz, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def write_moodle_xml(
    questions: Sequence[Question], path: str | os.PathLike[str], *, category: str | None = None
) -> Path:
    """Write :func:`to_moodle_xml` to ``path`` (UTF-8) and return the path."""
    return write_bytes(path, to_moodle_xml(questions, category=category).encode("utf-8"))


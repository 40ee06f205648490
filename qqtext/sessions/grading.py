"""Grading a response and finding the passage a question cites: the logic every quiz front end shares.

The ipywidgets quiz (:mod:`qqtext.sessions.widgets`) and the classroom server (:mod:`qqtext.web`) both
grade with :func:`grade`, word the verdict with :func:`verdict_text` and show the cited article with
:func:`source_passage` / :func:`passage_html`, so a learner gets the same verdict and the same marked
passage in JupyterLab and in the served page.

>>> from qqtext.exercises.model import Question, Source
>>> q = Question.create(type="true_false", stem="可以接受企业专程接送。", answer=("错",), explanation="",
...                     source=Source("jinan-2019", 13, 5, "不许单独指派、专程接送", 0, 0))
>>> grade(q, "错"), verdict_text(q, False, ("对",))
(True, '✘ 回答错误，正确答案是：错')
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qqtext.exercises.model import BLANK, Question

if TYPE_CHECKING:
    from qqtext.model import Document

__all__ = [
    "CHOICE_TYPES",
    "Passage",
    "grade",
    "normalize_response",
    "verdict_text",
    "answer_display",
    "response_display",
    "source_passage",
    "passage_html",
    "derive_paper_id",
]

#: The question types answered by choosing option keys.
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "scenario"})

# --- grading -------------------------------------------------------------------------------------

_RE_SPACE = re.compile(r"\s+")
_QUOTES = "“”\"'‘’「」『』《》"
_TRAILING = "。，、；：！？.,;:!?"


def _norm_text(text: str) -> str:
    """A cloze answer as compared: NFKC (full-width letters and digits to half-width), no spaces, no
    surrounding quotes or trailing punctuation.

    >>> _norm_text(" “清单之外无权力”。")
    '清单之外无权力'
    """
    text = _RE_SPACE.sub("", unicodedata.normalize("NFKC", text))
    return text.strip(_QUOTES).rstrip(_TRAILING).strip(_QUOTES)


def normalize_response(question: Question, response: str | Iterable[str] | None) -> tuple[str, ...]:
    """A learner's response as a tuple: option keys (sorted for multiple choice), 对/错, or one text per blank.

    A single string is one key (``"B"``), one verdict (``"对"``) or the only blank; for multiple
    choice ``"AC"`` means A and C. ``None`` means no answer: ``()``.

    >>> from qqtext.exercises.model import Source
    >>> q = Question.create(type="multiple_choice", stem="…", options=(), answer=("A", "C"), explanation="",
    ...                     source=Source("d", 1, None, "", 0, 0))
    >>> normalize_response(q, "CA"), normalize_response(q, ["C", "A", "C"]), normalize_response(q, None)
    (('A', 'C'), ('A', 'C'), ())
    """
    if response is None:
        return ()
    if question.type == "multiple_choice":
        keys = list(response) if isinstance(response, str) else [str(k) for k in response]
        return tuple(sorted({k.strip() for k in keys if k and k.strip()}))
    if question.type == "cloze":
        texts = [response] if isinstance(response, str) else [str(t) for t in response]
        texts = [t.strip() for t in texts]
        return () if not any(texts) else tuple(texts)
    value = response if isinstance(response, str) else next(iter(response), "")
    value = str(value).strip()
    return (value,) if value else ()


def grade(question: Question, response: str | Iterable[str] | None) -> bool:
    """Whether ``response`` answers ``question`` correctly.

    Choice and scenario: exactly the right keys; true/false: the right 对/错; cloze: every blank
    right, compared after :func:`_norm_text` (full-width or half-width, spaces, quotes and a trailing
    full stop do not matter).
    """
    given = normalize_response(question, response)
    if not given:
        return False
    if question.type == "multiple_choice":
        return set(given) == set(question.answer)
    if question.type == "cloze":
        return len(given) == len(question.answer) and all(
            _norm_text(g) == _norm_text(a) for g, a in zip(given, question.answer)
        )
    return given == tuple(question.answer[:1])


def answer_display(question: Question) -> str:
    """The correct answer written out: ``B. 不可以``, ``错``, or the cloze answers joined by ；."""
    if question.type in CHOICE_TYPES:
        return "；".join(f"{key}. {question.option(key).text}" for key in question.answer)
    return "；".join(question.answer)


def response_display(question: Question, response: Sequence[str]) -> str:
    """A learner's response written out: ``B. 不可以``, ``对``, the cloze texts joined by ；, or 未作答."""
    if not response:
        return "未作答"
    if question.type in CHOICE_TYPES:
        texts = []
        for key in response:
            try:
                texts.append(f"{key}. {question.option(key).text}")
            except KeyError:
                texts.append(key)
        return "；".join(texts)
    return "；".join(response)


def verdict_text(question: Question, correct: bool, response: Sequence[str] = ()) -> str:
    """``✔ 回答正确``, or ``✘ 回答错误，正确答案是 …`` (``✘ 未作答，…`` without a response).

    >>> from qqtext.exercises.model import Source
    >>> q = Question.create(type="true_false", stem="…", answer=("错",), explanation="",
    ...                     source=Source("d", 1, None, "", 0, 0))
    >>> verdict_text(q, True), verdict_text(q, False, ("对",)), verdict_text(q, False)
    ('✔ 回答正确', '✘ 回答错误，正确答案是：错', '✘ 未作答，正确答案是：错')
    """
    if correct:
        return "✔ 回答正确"
    lead = "✘ 回答错误" if response else "✘ 未作答"
    return f"{lead}，正确答案是：{answer_display(question)}"


# --- the source passage --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Passage:
    """The passage of a document a question cites, with the stretches to mark.

    Attributes:
        citation: ``《title》第十三条（五）`` (or just the quote's article when the document is unknown).
        text: the passage (the item, the paragraph, or the article's lead-in holding the quote).
        start: offset of ``text`` in ``Document.text`` (``None`` when not from the document).
        marks: ``(start, end)`` offsets into ``text`` of the tested words.
    """

    citation: str
    text: str
    start: int | None
    marks: tuple[tuple[int, int], ...]

    def marked(self) -> list[str]:
        """The marked stretches of text."""
        return [self.text[a:b] for a, b in self.marks]


def _quote_span(question: Question, doc: Document) -> tuple[int, int] | None:
    source = question.source
    if source.quote and 0 <= source.start < source.end <= len(doc.text) \
            and doc.text[source.start:source.end] == source.quote:
        return source.start, source.end
    if source.quote:
        found = doc.text.find(source.quote)
        if found >= 0:
            return found, found + len(source.quote)
    return None


def _enclosing(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The span of the smallest unit holding ``[start, end)``: item, paragraph lead-in, paragraph or article."""
    for unit in (*doc.articles, *doc.sections, *doc.preamble):
        if not (unit.span.start <= start and end <= unit.span.end):
            continue
        paragraphs = getattr(unit, "paragraphs", None) or (unit,)
        for paragraph in paragraphs:
            if not (paragraph.span.start <= start and end <= paragraph.span.end):
                continue
            for item in paragraph.items:
                if item.span.start <= start and end <= item.span.end:
                    return item.span.start, item.span.end
            if paragraph.items and end <= paragraph.items[0].span.start:
                return paragraph.span.start, paragraph.items[0].span.start
            return paragraph.span.start, paragraph.span.end
        return unit.span.start, unit.span.end
    return start, end


def _cloze_marks(question: Question, text: str, quote_at: int | None) -> list[tuple[int, int]]:
    """Where the missing words of a cloze stand in ``text``: by the filled-in stem, else one by one."""
    parts = question.stem.split(BLANK)
    answers = list(question.answer)
    if len(parts) != len(answers) + 1:
        return []
    filled = "".join(p + a for p, a in zip(parts, answers)) + parts[-1]
    for candidate in (filled, filled.strip().rstrip(_TRAILING)):
        at = text.find(candidate) if candidate else -1
        if at >= 0:
            marks, pos = [], at
            for part, answer in zip(parts, answers):
                pos += len(part)
                marks.append((pos, pos + len(answer)))
                pos += len(answer)
            return marks
    marks, pos = [], quote_at if quote_at is not None else 0
    for answer in answers:
        found = text.find(answer, pos) if answer else -1
        if found < 0 and answer:
            found = text.find(answer)
        if found >= 0:
            marks.append((found, found + len(answer)))
            pos = found + len(answer)
    return marks


def source_passage(question: Question, doc: Document | None) -> Passage:
    """The passage ``question`` cites, from ``doc`` by the quote's offsets, with the tested words marked.

    The passage is the item holding the quote, else the paragraph (its lead-in when the items follow),
    else the article. The quote is marked; for a cloze, the missing words. Without the document (or
    when the quote is not in it) the passage is the quote itself.
    """
    source = question.source
    citation = source.citation()
    span = _quote_span(question, doc) if doc is not None else None
    if doc is None or span is None:
        text = source.quote
        marks = _cloze_marks(question, text, 0) if question.type == "cloze" else [(0, len(text))] if text else []
        return Passage(citation, text, None, tuple(marks))
    if doc.title:
        citation = f"《{doc.title}》{citation}"
    begin, finish = _enclosing(doc, *span)
    text = doc.text[begin:finish].rstrip("\n")
    quote_at = span[0] - begin
    if question.type == "cloze":
        marks = _cloze_marks(question, text, quote_at)
    else:
        marks = [(quote_at, min(span[1] - begin, len(text)))]
    return Passage(citation, text, begin, tuple(sorted(m for m in marks if m[0] < m[1])))


def passage_html(passage: Passage) -> str:
    """The passage as HTML: the citation, then the text with ``<mark class="qq-mark">`` on the tested words."""
    pieces, pos = [], 0
    for a, b in passage.marks:
        if a < pos:
            continue
        pieces.append(html.escape(passage.text[pos:a]))
        pieces.append(f'<mark class="qq-mark">{html.escape(passage.text[a:b])}</mark>')
        pos = b
    pieces.append(html.escape(passage.text[pos:]))
    body = "".join(pieces).replace("\n", "<br>")
    citation = html.escape(passage.citation or "原文")
    return (f'<div class="qq-passage"><div class="qq-citation">出处：{citation}</div>'
            f'<div class="qq-passage-text">{body}</div></div>')


def derive_paper_id(questions: Sequence[Question]) -> str:
    """A stable id for a paper: from its question ids in order (``p-`` and 12 hex digits).

    >>> derive_paper_id([]) == derive_paper_id(())
    True
    """
    digest = hashlib.sha1("\n".join(q.id for q in questions).encode("utf-8")).hexdigest()[:12]
    return f"p-{digest}"

"""What every writer shares: validation, Chinese labels, the paper's sections, and deterministic zips.

Writers never read a clock. Formats that insist on a date get :data:`FIXED_DATETIME`; zip entries
get :data:`ZIP_DATE_TIME`, the earliest date a zip can hold.
"""

from __future__ import annotations

import io
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from qqtext.errors import QqtextError
from qqtext.exercises.model import (
    BLANK,
    FALSE,
    QUESTION_TYPES,
    TRUE,
    TYPE_LABELS,
    Question,
)
from qqtext.numerals import to_chinese_number
from qqtext.outputs import atomic_write_bytes
from qqtext.textsafe import RE_NOT_XML, clean, sanitize  # re-exported: every writer takes them from here

__all__ = [
    "ExportError",
    "CHOICE_TYPES",
    "DIFFICULTY_LABELS",
    "FIXED_DATETIME",
    "ZIP_DATE_TIME",
    "Section",
    "Blank",
    "validated",
    "RE_NOT_XML",
    "sanitize",
    "clean",
    "source_text",
    "answer_display",
    "feedback_lines",
    "format_score",
    "paper_sections",
    "cloze_blanks",
    "numbered_blanks",
    "has_answer_brackets",
    "ANSWER_BRACKETS",
    "width_em",
    "options_per_line",
    "build_zip",
    "normalize_zip",
    "write_bytes",
]


class ExportError(QqtextError, ValueError):
    """The questions cannot be written in a format (duplicate ids, too many options for the columns …)."""


CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "scenario"})
DIFFICULTY_LABELS = {1: "简单", 2: "中等", 3: "困难"}
#: The date written where a format insists on one (docx core properties, Anki notes).
FIXED_DATETIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
#: The date of every zip entry: the earliest a zip can hold (as reproducible builds use).
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)

def validated(questions: Iterable[Question]) -> list[Question]:
    """The questions as a list, after checking what every writer relies on.

    Raises:
        ExportError: an unknown type, a choice answer naming no option, or an id used twice.
    """
    result = list(questions)
    seen: set[str] = set()
    for q in result:
        if not isinstance(q, Question):
            raise ExportError(f"not a Question: {q!r}")
        if q.type not in QUESTION_TYPES:
            raise ExportError(f"{q.id}: unknown question type {q.type!r}")
        if q.id in seen:
            raise ExportError(f"{q.id}: the same question id occurs twice")
        seen.add(q.id)
        if q.type in CHOICE_TYPES:
            keys = {o.key for o in q.options}
            if not q.answer or any(key not in keys for key in q.answer):
                raise ExportError(f"{q.id}: answer {','.join(q.answer)} names no option")
        elif q.type == "true_false" and q.answer not in ((TRUE,), (FALSE,)):
            raise ExportError(f"{q.id}: a true_false answer is {TRUE} or {FALSE}, not {q.answer!r}")
        elif q.type == "cloze" and q.stem.count(BLANK) != len(q.answer):
            raise ExportError(f"{q.id}: the stem has {q.stem.count(BLANK)} blank(s) but {len(q.answer)} answer(s)")
    return result


#: The （　） after a choice or true/false stem for the answer. No-break spaces, not ideographic
#: ones, so that no renderer breaks a line inside the brackets.
ANSWER_BRACKETS = "（" + "\u00a0" * 8 + "）"
RE_ANSWER_BRACKETS = re.compile(r"[（(][ \t\u3000\u00a0]*[）)]")


def has_answer_brackets(stem: str) -> bool:
    """Whether a stem already holds the （　） a learner writes the answer in.

    >>> has_answer_brackets("交通运输局在出台前（　）采取听证会"), has_answer_brackets("第十三条（五）")
    (True, False)
    """
    return bool(RE_ANSWER_BRACKETS.search(stem))


def source_text(q: Question) -> str:
    """出处: the article as cited, then the quote: 第十三条（五）“但不许单独指派、专程接送”."""
    quote = f"“{clean(q.source.quote)}”" if q.source.quote else ""
    return q.source.citation() + quote


def answer_display(q: Question) -> str:
    """The answer as a key shows it: ``B. 不可以``, ``对``, or the cloze answers separated by ；."""
    if q.type in CHOICE_TYPES:
        return "；".join(f"{key}. {clean(q.option(key).text)}" for key in q.answer)
    return "；".join(clean(a) for a in q.answer)


def feedback_lines(q: Question) -> list[str]:
    """The general feedback: ``解析：…`` and, where there is a source, ``出处：…``."""
    lines = [f"解析：{clean(q.explanation)}"]
    source = source_text(q)
    if source:
        lines.append(f"出处：{source}")
    return lines


def format_score(score: float) -> str:
    """Points as a paper prints them: ``1``, ``1.5``.

    >>> format_score(2.0), format_score(0.5)
    ('2', '0.5')
    """
    return f"{score:g}"


@dataclass(frozen=True, slots=True)
class Section:
    """One part of a paper: all questions of one type, numbered on from the part before."""

    type: str
    heading: str  # 一、单选题（共2题，每题1分，共2分）
    label: str  # 单选题
    numbered: tuple[tuple[int, Question], ...]

    @property
    def total(self) -> float:
        return sum(q.score for _, q in self.numbered)


def paper_sections(questions: Sequence[Question]) -> list[Section]:
    """Questions grouped by type in the order of :data:`TYPE_LABELS`, numbered 1 … n across the paper.

    Within a type the questions keep their paper order.
    """
    sections = []
    number = 0
    for index, qtype in enumerate(t for t in TYPE_LABELS if any(q.type == t for q in questions)):
        group = [q for q in questions if q.type == qtype]
        numbered = tuple((number + i, q) for i, q in enumerate(group, 1))
        number += len(group)
        scores = {q.score for q in group}
        total = format_score(sum(q.score for q in group))
        if len(scores) == 1:
            points = f"每题{format_score(group[0].score)}分，共{total}分"
        else:
            points = f"共{total}分"
        label = TYPE_LABELS[qtype]
        heading = f"{to_chinese_number(index + 1)}、{label}（共{len(group)}题，{points}）"
        sections.append(Section(qtype, heading, label, numbered))
    return sections


@dataclass(frozen=True, slots=True)
class Blank:
    """One blank of a cloze question asked on its own: the text before and after it, the others filled in."""

    index: int  # 1-based
    count: int
    before: str
    after: str
    answer: str


def cloze_blanks(q: Question) -> list[Blank]:
    """Each blank of a cloze question with the rest of the stem around it (other blanks filled in).

    >>> from qqtext.exercises.model import Source
    >>> q = Question.create(type="cloze", stem="甲____乙____", answer=("一", "二"), explanation="",
    ...                     source=Source("d", None, None, "", 0, 0))
    >>> [(b.before, b.after, b.answer) for b in cloze_blanks(q)]
    [('甲', '乙二', '一'), ('甲一乙', '', '二')]
    """
    parts = clean(q.stem).split(BLANK)
    answers = [clean(a) for a in q.answer]
    blanks = []
    for i, answer in enumerate(answers):
        before = "".join(parts[j] + answers[j] for j in range(i)) + parts[i]
        after = parts[i + 1] + "".join(answers[j] + parts[j + 1] for j in range(i + 1, len(answers)))
        blanks.append(Blank(i + 1, len(answers), before, after, answer))
    return blanks


def numbered_blanks(q: Question) -> str:
    """A cloze stem with every blank numbered and left empty: ``甲（1）____乙（2）____``.

    For formats that ask several blanks in one answer field: no blank shows another's answer. A
    single blank is not numbered.

    >>> from qqtext.exercises.model import Source
    >>> q = Question.create(type="cloze", stem="甲____乙____", answer=("一", "二"), explanation="",
    ...                     source=Source("d", None, None, "", 0, 0))
    >>> numbered_blanks(q)
    '甲（1）____乙（2）____'
    """
    parts = clean(q.stem).split(BLANK)
    if len(parts) <= 2:
        return BLANK.join(parts)
    return parts[0] + "".join(f"（{i}）{BLANK}{part}" for i, part in enumerate(parts[1:], 1))


def width_em(text: str) -> float:
    """Rough printed width in full-width characters (a Latin letter or digit counts a little over half).

    >>> width_em("A. 团结")
    3.65
    """
    return round(sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text), 2)


def options_per_line(q: Question, available_em: float) -> int:
    """How many options of a choice question share a printed line ``available_em`` wide.

    All of them, or half, or two, whichever first lets the widest (with its ``A.``) fit its column;
    else one a line. An option holding a line break always gets a line of its own.
    """
    texts = [f"{o.key}. {clean(o.text)}" for o in q.options]
    if not texts or any("\n" in t for t in texts):
        return 1
    widest = max(width_em(t) for t in texts) + 1.5  # a gap before the next column
    for per_line in dict.fromkeys((len(texts), math.ceil(len(texts) / 2), 2)):
        if 1 < per_line <= 6 and widest <= available_em / per_line:
            return per_line
    return 1


# ------------------------------------------------------------------ zips
def build_zip(entries: Iterable[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``(name, data)`` entries in the given order, every entry dated :data:`ZIP_DATE_TIME`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine writes it
            archive.writestr(info, data, compresslevel=6 if compression == zipfile.ZIP_DEFLATED else None)
    return buffer.getvalue()


def normalize_zip(data: bytes, *, replace: Mapping[str, bytes] | None = None) -> bytes:
    """The same zip (same entries, same order) with fixed dates; ``replace`` swaps some entries' data."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, replace.get(info.filename, archive.read(info))) for info in archive.infolist()]
    return build_zip(entries)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` (making its folder) whole or not at all, and return the path.

    Raises:
        qqtext.outputs.OutputError: the file cannot be written (nothing partial is left).
    """
    return atomic_write_bytes(path, data)

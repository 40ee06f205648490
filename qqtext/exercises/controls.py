"""Trainer controls: what ``qqtext quiz`` options such as ``--types 单选:5,判断:5`` ask for, checked.

Each ``parse_*`` function reads one option as a trainer types it and returns plain values for
:func:`qqtext.exercises.quiz.blueprint_for` and :func:`~qqtext.exercises.quiz.make_paper`; anything
malformed, or naming what the document does not have, is a :class:`ControlError` with a one-line
message (the CLI turns it into exit code 2).

* :func:`parse_type_counts`: ``单选:5,判断:5`` (a count per type), ``单选题 判断题`` or ``scenario``
  (types only); Chinese names (单选, 单选题, 多选, 判断, 填空, 情形, 情形判断, 案例 …) and the English type
  names alike (:data:`TYPE_NAMES`);
* :func:`parse_numbers`: ``5-9,13`` (article or chapter numbers and ranges; 第十三条 and 三 too);
* :func:`parse_difficulty`: ``1:4,2:4,3:2`` (questions per difficulty level; levels also 易/中/难 or
  easy/medium/hard);
* :func:`read_exclude`: question ids to leave out, from a paper written by ``qqtext quiz --format
  json``, from a file with one id per line, or from ids separated by commas;
* :func:`restrict_pool`: only the questions citing the given chapters or articles of a document.

>>> parse_type_counts(["单选:5,判断题：5"])
{'single_choice': 5, 'true_false': 5}
>>> parse_type_counts(["单选题", "scenario"])
{'single_choice': None, 'scenario': None}
>>> parse_numbers(["5-9,13"], what="article")
(5, 6, 7, 8, 9, 13)
>>> parse_difficulty("易:4,2:4,hard:2")
{1: 4, 2: 4, 3: 2}
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qqtext.exercises.assemble import AssemblyError
from qqtext.exercises.model import QUESTION_TYPES, TYPE_LABELS, Question
from qqtext.model import Document
from qqtext.numerals import parse_chinese_number

__all__ = [
    "ControlError",
    "TYPE_NAMES",
    "LEVEL_NAMES",
    "Exclusion",
    "parse_type_name",
    "parse_type_counts",
    "parse_numbers",
    "parse_difficulty",
    "read_exclude",
    "restrict_pool",
]


class ControlError(AssemblyError):
    """A trainer control that is malformed (bad syntax, a count below 1) or names what is not there."""


#: Every name a question type is known by (lower case), Chinese and English.
TYPE_NAMES: dict[str, str] = {
    **{t: t for t in QUESTION_TYPES},
    **{label: t for t, label in TYPE_LABELS.items()},
    "single": "single_choice", "单选": "single_choice", "单项选择": "single_choice", "单项选择题": "single_choice",
    "multiple": "multiple_choice", "多选": "multiple_choice", "多项选择": "multiple_choice",
    "多项选择题": "multiple_choice",
    "tf": "true_false", "判断": "true_false", "是非": "true_false", "是非题": "true_false",
    "填空": "cloze",
    "情形": "scenario", "情形题": "scenario", "情形判断": "scenario", "情景": "scenario", "情景题": "scenario",
    "情景判断": "scenario", "情景判断题": "scenario", "案例": "scenario", "案例题": "scenario",
    "案例分析": "scenario", "案例分析题": "scenario",
}
#: Difficulty levels by name.
LEVEL_NAMES: dict[str, int] = {
    "1": 1, "2": 2, "3": 3, "易": 1, "中": 2, "难": 3, "容易": 1, "中等": 2, "困难": 3, "较难": 3,
    "easy": 1, "medium": 2, "hard": 3,
}
#: What separates the parts of an option (ASCII and full-width commas, 、, spaces) and a name from its count.
RE_PARTS = re.compile(r"[,，、;；\s]+")
RE_PAIR = re.compile(r"^(?P<name>[^:：=]+)(?:[:：=](?P<count>.*))?$")
RE_RANGE = re.compile(r"^(?P<a>[^-–~～至]+)(?:[-–~～至](?P<b>[^-–~～至]+))?$")
RE_NUMBER_WORD = re.compile(r"^第?(?P<n>[\d０-９零〇一二两三四五六七八九十百千]+)[条章]?$")
RE_ID = re.compile(r"^q-[0-9a-f]{12}$")


def _parts(spec: str | Sequence[str]) -> list[str]:
    tokens = [spec] if isinstance(spec, str) else list(spec)
    return [part for token in tokens for part in RE_PARTS.split(token.strip()) if part]


def _count(text: str, what: str, *, minimum: int = 1) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ControlError(f"{what}: the count must be a whole number, not {text.strip()!r}") from None
    if value < minimum:
        raise ControlError(f"{what}: the count must be at least {minimum}, not {value}")
    return value


def parse_type_name(name: str) -> str:
    """The question type a name stands for (``单选题`` → ``single_choice``).

    >>> parse_type_name("情形判断"), parse_type_name("True-False")
    ('scenario', 'true_false')
    """
    key = name.strip().lower().replace("-", "_")
    if key not in TYPE_NAMES:
        raise ControlError(f"unknown question type {name.strip()!r} (use 单选 多选 判断 填空 情形, or "
                           f"{' '.join(QUESTION_TYPES)})")
    return TYPE_NAMES[key]


def parse_type_counts(spec: str | Sequence[str]) -> dict[str, int | None]:
    """Question types in the order given, each with its count, or ``None`` where none is given.

    ``单选:5,判断:5`` gives exactly 5 and 5; ``单选 判断`` spreads the paper over those two types;
    ``单选:5,判断`` gives 5 single choice and the rest of the paper true/false.

    Raises:
        ControlError: an unknown type, a type named twice, a count that is not a whole number >= 1.
    """
    out: dict[str, int | None] = {}
    parts = _parts(spec)
    if not parts:
        raise ControlError("--types: name at least one question type")
    for part in parts:
        match = RE_PAIR.match(part)
        if match is None:
            raise ControlError(f"--types: cannot read {part!r} (expected TYPE or TYPE:COUNT, e.g. 单选:5)")
        question_type = parse_type_name(match.group("name"))
        if question_type in out:
            raise ControlError(f"--types: {TYPE_LABELS[question_type]} ({question_type}) is named twice")
        count = match.group("count")
        out[question_type] = None if count is None else _count(count, f"--types {part}")
    return out


def _number(text: str, what: str) -> int:
    match = RE_NUMBER_WORD.match(text.strip())
    if match is None:
        raise ControlError(f"cannot read {text!r} as a {what} number")
    try:
        value = parse_chinese_number(match.group("n"))
    except ValueError:
        raise ControlError(f"cannot read {text!r} as a {what} number") from None
    if value < 1:
        raise ControlError(f"{what} numbers start at 1, not {value}")
    return value


def parse_numbers(spec: str | Sequence[str], *, what: str = "article") -> tuple[int, ...]:
    """Numbers and ranges (``5-9,13``; ``3 4``; ``第三章``), sorted, each once.

    Raises:
        ControlError: a part that is not a number or a range, or a range that runs backwards.
    """
    numbers: set[int] = set()
    parts = _parts(spec)
    if not parts:
        raise ControlError(f"give at least one {what} number")
    for part in parts:
        match = RE_RANGE.match(part)
        if match is None:
            raise ControlError(f"cannot read {part!r} as a {what} number or range (e.g. 5-9,13)")
        first = _number(match.group("a"), what)
        last = first if match.group("b") is None else _number(match.group("b"), what)
        if last < first:
            raise ControlError(f"the {what} range {part!r} runs backwards")
        numbers.update(range(first, last + 1))
    return tuple(sorted(numbers))


def parse_difficulty(spec: str | Sequence[str]) -> dict[int, int]:
    """Questions per difficulty level: ``1:4,2:4,3:2`` (levels 1 易 easy, 2 中 medium, 3 难 hard).

    Levels left out get no question; a count may be 0. The counts must add up to the paper's size
    (checked by :func:`qqtext.exercises.quiz.blueprint_for`).

    Raises:
        ControlError: an unknown level, a level named twice, a part without a count, a negative
            count, or counts that add up to nothing.
    """
    out: dict[int, int] = {}
    parts = _parts(spec)
    for part in parts:
        match = RE_PAIR.match(part)
        if match is None or match.group("count") is None:
            raise ControlError(f"--difficulty: cannot read {part!r} (expected LEVEL:COUNT, e.g. 1:4,2:4,3:2)")
        name = match.group("name").strip().lower()
        if name not in LEVEL_NAMES:
            raise ControlError(f"--difficulty: unknown level {match.group('name')!r} (use 1/易/easy, 2/中/medium, "
                               "3/难/hard)")
        level = LEVEL_NAMES[name]
        if level in out:
            raise ControlError(f"--difficulty: level {level} is named twice")
        out[level] = _count(match.group("count"), f"--difficulty {part}", minimum=0)
    if not parts or not sum(out.values()):
        raise ControlError("--difficulty: ask for at least one question (e.g. 1:4,2:4,3:2)")
    return dict(sorted(out.items()))


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Questions a class has seen: their ids and, from a paper file, their stems (whitespace removed).

    A stem matters as well as an id: a generated question drawn under another seed may come back
    with other distractors, and so with another id, under the same stem.
    """

    ids: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()

    def __or__(self, other: Exclusion) -> Exclusion:
        return Exclusion(self.ids | other.ids, self.stems | other.stems)

    def ids_in(self, pool: Iterable[Question]) -> frozenset[str]:
        """The ids of the questions of ``pool`` this excludes (by id or by stem)."""
        return frozenset(q.id for q in pool if q.id in self.ids or _stem(q.stem) in self.stems)


def _stem(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_exclude(value: str | os.PathLike[str]) -> Exclusion:
    """The questions named by one ``--exclude`` value: a paper (JSON), a file of ids, or ``id,id,…``.

    Raises:
        ControlError: a file that cannot be read or is neither a paper nor a list of ids; a value
            that looks like a file name but names no file; an id that is not a question id.
    """
    text = os.fspath(value).strip()
    path = Path(text).expanduser()
    if path.is_file():
        try:
            content = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise ControlError(f"{path}: cannot read the questions to exclude ({error})") from None
        if content.lstrip().startswith(("{", "[")):
            try:
                data = json.loads(content)
                questions = data["questions"] if isinstance(data, dict) else data
                ids = frozenset(str(q["id"]) for q in questions)
                stems = frozenset(_stem(str(q["stem"])) for q in questions if q.get("stem"))
            except (ValueError, KeyError, TypeError) as error:
                raise ControlError(f"{path}: not a paper written by `qqtext quiz --format json` ({error})") from None
            return Exclusion(ids, stems)
        lines = [line.split("#", 1)[0].strip() for line in content.splitlines()]
        return Exclusion(_ids([line for line in lines if line], str(path)))
    if path.suffix.lower() in (".json", ".txt", ".csv") or os.sep in text or path.exists():
        raise ControlError(f"{text}: no such file of questions to exclude")
    return Exclusion(_ids(_parts(text), "--exclude"))


def _ids(values: Sequence[str], where: str) -> frozenset[str]:
    bad = [v for v in values if not RE_ID.match(v)]
    if bad:
        raise ControlError(f"{where}: {bad[0]!r} is not a question id (ids look like q-0123456789ab)")
    if not values:
        raise ControlError(f"{where}: no question ids")
    return frozenset(values)


def restrict_pool(pool: Iterable[Question], doc: Document, *, chapters: Sequence[int] | None = None,
                  articles: Sequence[int] | None = None) -> list[Question]:
    """The questions of ``pool`` citing one of ``chapters`` or one of ``articles`` of ``doc``.

    A question's chapter is that of the article it cites, as the document has it (in a text whose
    chapters start again in every 编, chapter N of each 编). With both given, a question citing
    either is kept; with neither, the pool is returned as it is.

    Raises:
        ControlError: a chapter or article the document does not have (the message lists those it has).
    """
    pool = list(pool)
    if not chapters and not articles:
        return pool
    chapter_of = {a.number: a.chapter for a in doc.articles}
    if chapters:
        known = sorted({h.number for h in doc.chapters if h.number is not None})
        unknown = [c for c in chapters if c not in known]
        if unknown:
            has = f"chapters {_spans(known)}" if known else "no chapters"
            raise ControlError(f"{doc.id}: no chapter {', '.join(map(str, unknown))} (the document has {has})")
    if articles:
        known = sorted(chapter_of)
        unknown = [a for a in articles if a not in chapter_of]
        if unknown:
            raise ControlError(f"{doc.id}: no article {_spans(unknown)} (the document has articles {_spans(known)})")
    wanted_chapters, wanted_articles = set(chapters or ()), set(articles or ())
    return [q for q in pool if q.source.article in wanted_articles
            or (q.source.article in chapter_of and chapter_of[q.source.article] in wanted_chapters)]


def _spans(numbers: Sequence[int]) -> str:
    """``1-5,7`` from ``[1, 2, 3, 4, 5, 7]``.

    >>> _spans([1, 2, 3, 4, 5, 7])
    '1-5,7'
    """
    out: list[str] = []
    for n in sorted(set(numbers)):
        if out and n == int(out[-1].rsplit("-", 1)[-1]) + 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ",".join(out)

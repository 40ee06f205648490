"""Question banks on disk (YAML or JSON) and their checking.

A bank file (``exercises/*.yaml``, ``*.yml`` or ``*.json``) follows the JSON Schema shipped as
``qqtext/exercises/question-bank.schema.json``::

    bank: jinan-2019-curated
    questions:
      - type: scenario
        stem: 某局干部到企业调研，企业专门派车到单位接该干部。这样做可以吗？
        options: {A: 可以, B: 不可以, C: 经批准后可以}
        answer: [B]
        explanation: 第十三条（五）规定……不许单独指派、专程接送。
        source: {doc: jinan-2019, article: 13, item: 5, quote: 不许单独指派、专程接送}
        difficulty: 1
        audience: official
        tags: [第三章, 规范政商交往, 清]

:func:`check_bank` checks a folder of such files and returns every problem, each naming the file
and the question:

* the schema;
* the citation resolves: the document loads, and the quote occurs verbatim in the cited article or
  item. Offsets, where given, must point at it; where absent they are filled in;
* answers are consistent:
  * a choice answer names existing options (one for single choice, two or more for multiple
    choice);
  * a cloze stem with its blanks filled in is the quote;
  * a scenario's verdict agrees with the deontic of the norm the quote states;
  * the explanation cites the article;
* no duplicate ids or stems across the folder.

>>> problems = check_bank(default_bank_dir())
>>> problems
[]
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from qqtext.errors import BankError, QqtextError
from qqtext.exercises.lint import lint_pool
from qqtext.exercises.model import (
    BLANK,
    FALSE,
    TRUE,
    VERDICTS,
    Option,
    Question,
    Source,
)
from qqtext.model import Document

__all__ = [
    "Bank",
    "Problem",
    "BANK_SUFFIXES",
    "schema",
    "default_bank_dir",
    "read_bank",
    "read_banks",
    "write_bank",
    "bank_to_data",
    "resolve_sources",
    "check_questions",
    "check_bank",
]

BANK_SUFFIXES = (".yaml", ".yml", ".json")
RE_SPACE = re.compile(r"\s+")
RE_ARTICLE_CITE = re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")


@dataclass(frozen=True, slots=True)
class Bank:
    """A bank read from one file."""

    name: str
    path: Path | None
    questions: tuple[Question, ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a bank: the file, the question (id or position) and what is wrong."""

    file: str
    question: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.question}: {self.message}"


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of bank files."""
    text = (resources.files("qqtext.exercises") / "question-bank.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def default_bank_dir() -> Path:
    """The repository's ``exercises/`` folder (the curated banks qqtext ships)."""
    return Path(__file__).resolve().parents[2] / "exercises"


def _load_data(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".json":
            return json.loads(text)
        import yaml

        return yaml.safe_load(text)
    except Exception as exc:  # yaml.YAMLError and json.JSONDecodeError, with their line numbers
        raise BankError(f"{path}: not valid {path.suffix.lstrip('.').upper()}: {' '.join(str(exc).split())}") from exc


def _schema_problems(data: Any, file: str) -> list[Problem]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(error.absolute_path)
        where = f"question {path[1] + 1}" if len(path) >= 2 and path[0] == "questions" else "file"
        field = "/".join(str(p) for p in path[2:]) if len(path) > 2 else ""
        problems.append(Problem(file, where, f"schema: {field + ': ' if field else ''}{error.message}"))
    return problems


def _question(raw: Mapping[str, Any]) -> Question:
    source = raw["source"]
    options = raw.get("options") or {}
    answer = raw["answer"]
    return Question.create(
        id=raw.get("id"),
        type=raw["type"],
        stem=raw["stem"],
        options=tuple(Option(key, text) for key, text in sorted(options.items())),
        answer=(answer,) if isinstance(answer, str) else tuple(answer),
        explanation=raw["explanation"],
        source=Source(
            source["doc"], source.get("article"), source.get("item"), source["quote"],
            source.get("start", -1), source.get("end", -1),
        ),
        difficulty=raw.get("difficulty", 1),
        audience=raw.get("audience", "all"),
        tags=tuple(raw.get("tags", ())),
        provenance=raw.get("provenance", "curated"),
        score=float(raw.get("score", 1.0)),
    )


def read_bank(path: str | os.PathLike[str]) -> Bank:
    """Read one bank file (schema-checked; sources not yet resolved).

    Raises:
        BankError: the file is unreadable, not YAML/JSON, or does not follow the schema.
    """
    file = Path(path)
    if file.suffix not in BANK_SUFFIXES:
        raise BankError(f"{file}: not a bank file (expected {', '.join(BANK_SUFFIXES)})")
    try:
        data = _load_data(file)
    except OSError as exc:
        raise BankError(f"{file}: cannot read ({exc.strerror or exc})") from exc
    problems = _schema_problems(data, str(file))
    if problems:
        raise BankError(f"{problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    return Bank(data["bank"], file, tuple(_question(q) for q in data["questions"]), data.get("description", ""))


def read_banks(folder: str | os.PathLike[str]) -> list[Bank]:
    """Read every bank file of a folder, in name order."""
    return [read_bank(path) for path in sorted(Path(folder).iterdir()) if path.suffix in BANK_SUFFIXES]


def bank_to_data(bank: Bank) -> dict[str, Any]:
    """A bank as plain data in the file format (offsets included)."""
    questions = []
    for q in bank.questions:
        entry: dict[str, Any] = {"id": q.id, "type": q.type, "stem": q.stem}
        if q.options:
            entry["options"] = {o.key: o.text for o in q.options}
        entry["answer"] = list(q.answer)
        entry["explanation"] = q.explanation
        source: dict[str, Any] = {"doc": q.source.doc, "article": q.source.article, "item": q.source.item,
                                  "quote": q.source.quote}
        if q.source.start >= 0:
            source.update(start=q.source.start, end=q.source.end)
        entry["source"] = source
        entry.update(difficulty=q.difficulty, audience=q.audience, tags=list(q.tags), provenance=q.provenance)
        if q.score != 1.0:
            entry["score"] = q.score
        questions.append(entry)
    data: dict[str, Any] = {"bank": bank.name}
    if bank.description:
        data["description"] = bank.description
    data["questions"] = questions
    return data


def write_bank(bank: Bank, path: str | os.PathLike[str]) -> Path:
    """Write a bank as YAML (``.yaml``/``.yml``) or JSON (``.json``); no timestamps, stable order."""
    file = Path(path)
    data = bank_to_data(bank)
    if file.suffix == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        import yaml

        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


# ------------------------------------------------------------------ checking
DocumentLoader = Callable[[str], Document]


def _default_loader() -> DocumentLoader:
    from qqtext.corpus import load_document

    @cache
    def load(doc_id: str) -> Document:
        return load_document(doc_id)

    return load


def _unit_span(doc: Document, source: Source) -> tuple[int, int] | None:
    """The span of the cited article (or item; or the whole body when no article is cited)."""
    if source.article is None:
        return 0, len(doc.text)
    try:
        article = doc.article(source.article)
    except KeyError:
        return None
    if source.item is None:
        return article.span.start, article.span.end
    for item in article.items:
        if item.number == source.item:
            return item.span.start, item.span.end
    return None


def resolve_sources(questions: Iterable[Question], documents: Mapping[str, Document]) -> list[Question]:
    """Fill in missing source offsets by finding each quote in its cited unit (unresolvable ones stay)."""
    resolved = []
    for q in questions:
        doc = documents.get(q.source.doc)
        span = _unit_span(doc, q.source) if doc else None
        if doc and span and q.source.start < 0:
            at = doc.text.find(q.source.quote, *span)
            if at >= 0:
                q = replace(q, source=replace(q.source, start=at, end=at + len(q.source.quote)))
        resolved.append(q)
    return resolved


def check_questions(
    questions: Iterable[Question], *, file: str, load: DocumentLoader | None = None
) -> tuple[list[Question], list[Problem]]:
    """Check questions against their documents; return them with offsets filled in, and the problems."""
    load = load or _default_loader()
    problems: list[Problem] = []
    checked: list[Question] = []
    norm_cache: dict[str, list] = {}

    for position, q in enumerate(questions, 1):
        label = q.id or f"question {position}"

        def problem(message: str, label: str = label) -> None:
            problems.append(Problem(file, label, message))

        try:
            doc = load(q.source.doc)
        except QqtextError as exc:
            problem(f"cited document {q.source.doc!r} does not load ({exc})")
            checked.append(q)
            continue
        span = _unit_span(doc, q.source)
        if span is None:
            problem(f"cites {q.source.citation() or 'an article'} which {q.source.doc} does not have")
            checked.append(q)
            continue
        start = q.source.start
        if start >= 0:
            if doc.text[start:q.source.end] != q.source.quote:
                problem(f"offsets {start}–{q.source.end} do not point at the quote “{q.source.quote}”")
        else:
            start = doc.text.find(q.source.quote, *span)
            if start < 0:
                problem(f"quote “{q.source.quote}” is not in {q.source.citation() or q.source.doc}")
            else:
                q = replace(q, source=replace(q.source, start=start, end=start + len(q.source.quote)))
        _check_answer(q, lambda doc=doc: _norms_of(doc, norm_cache), problem)
        if q.source.article is not None and not RE_ARTICLE_CITE.search(q.explanation):
            problem(f"the explanation does not cite the article ({q.source.citation()})")
        checked.append(q)
    return checked, problems


def _check_answer(q: Question, norms: Callable[[], list], problem: Callable[[str], None]) -> None:
    keys = [o.key for o in q.options]
    if q.type in ("single_choice", "multiple_choice", "scenario"):
        if len(q.options) < 2:
            problem("needs at least two options")
        if len(set(o.text for o in q.options)) != len(q.options):
            problem("two options have the same text")
        missing = [key for key in q.answer if key not in keys]
        if missing:
            problem(f"answer {', '.join(missing)} is not an option")
        if q.type != "multiple_choice" and len(q.answer) != 1:
            problem(f"a {q.type} question has exactly one answer, not {len(q.answer)}")
        if q.type == "multiple_choice" and len(q.answer) < 2:
            problem("a multiple_choice question has two or more answers")
    elif q.options:
        problem(f"a {q.type} question has no options")
    if q.type == "true_false" and (len(q.answer) != 1 or q.answer[0] not in (TRUE, FALSE)):
        problem(f"a true_false answer is {TRUE} or {FALSE}")
    if q.type == "cloze":
        blanks = q.stem.count(BLANK)
        if blanks != len(q.answer):
            problem(f"the stem has {blanks} blank(s) but {len(q.answer)} answer(s)")
        else:
            filled = q.stem
            for answer in q.answer:
                filled = filled.replace(BLANK, answer, 1)
            if RE_SPACE.sub("", filled) != RE_SPACE.sub("", q.source.quote):
                problem("the stem with its blanks filled in is not the quote")
    if q.type == "scenario":
        unknown = [o.text for o in q.options if o.text not in VERDICTS]
        if unknown:
            problem(f"scenario options must be verdicts ({'、'.join(VERDICTS)}), not {'、'.join(unknown)}")
        elif q.answer and q.answer[0] in keys and q.source.start >= 0:
            verdict = q.option(q.answer[0]).text
            stated = _deontics_in(norms(), q.source.start, q.source.end)
            if not stated:
                problem(f"the quote “{q.source.quote}” states no norm for the verdict {verdict} to agree with")
            elif not VERDICTS[verdict] & stated:
                problem(f"verdict {verdict} disagrees with the cited norm ({'/'.join(sorted(stated))})")


def _deontics_in(norms: list, start: int, end: int) -> set[str]:
    """Deontic classes of the norms whose cue lies inside ``[start, end)``."""
    return {n.deontic for n in norms if start <= n.cue_span.start < end}


def _norms_of(doc: Document, cache: dict[str, list]) -> list:
    from qqtext.extract.norms import extract_norms

    if doc.id not in cache:
        cache[doc.id] = extract_norms(doc)
    return cache[doc.id]


def check_bank(
    folder: str | os.PathLike[str], *, load: DocumentLoader | None = None
) -> list[Problem]:
    """Check every bank file of ``folder``; return all problems (an empty list: the banks are sound).

    Besides each file's own checks, the questions of all files together go through the linter's pool
    checks (:func:`qqtext.exercises.lint.lint_pool`): near-duplicate stems and stems naming their answer.
    """
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    seen_stems: dict[str, str] = {}
    every: list[tuple[str, Question]] = []
    load = load or _default_loader()
    folder = Path(folder)
    if not folder.is_dir():
        raise BankError(f"{folder}: not a folder")
    for path in sorted(folder.iterdir()):
        if path.suffix not in BANK_SUFFIXES:
            continue
        file = str(path)
        try:
            data = _load_data(path)
        except BankError as exc:
            problems.append(Problem(file, "file", str(exc).split(": ", 1)[-1]))
            continue
        schema_problems = _schema_problems(data, file)
        if schema_problems:
            problems.extend(schema_problems)
            continue
        questions = [_question(q) for q in data["questions"]]
        checked, found = check_questions(questions, file=file, load=load)
        problems.extend(found)
        for q in checked:
            stem = RE_SPACE.sub("", q.stem)
            if q.id in seen_ids:
                problems.append(Problem(file, q.id, f"duplicate id (also in {seen_ids[q.id]})"))
            if stem in seen_stems:
                problems.append(Problem(file, q.id, f"duplicate stem (also {seen_stems[stem]})"))
            seen_ids.setdefault(q.id, file)
            seen_stems.setdefault(stem, f"{q.id} in {Path(file).name}")
        every.extend((file, q) for q in checked)
    where = {q.id: file for file, q in every}
    for found in lint_pool([q for _, q in every]):  # near-duplicates across files, stems naming their answer
        problems.append(Problem(where[found.question], found.question, str(found).split(": ", 1)[1]))
    return problems

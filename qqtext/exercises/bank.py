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

Bank files are hand-edited, so reading them is strict and bounded: a file must be a regular file of
at most :data:`MAX_BANK_MB` MB (``$QQTEXT_MAX_BANK_MB`` overrides it, as for the limits of
:mod:`qqtext.limits`), UTF-8 text without NUL
bytes, and YAML without aliases (``*name``: an alias bomb of a few hundred bytes expands to
gigabytes) nested at most :data:`MAX_DEPTH` deep; every mapping key is text and no text holds a
control character or a lone surrogate. Each breach is a one-line :class:`~qqtext.errors.BankError`
naming the file and the place. :func:`check_bank` skips what is not a regular file (a FIFO, a folder
named ``x.yaml``, a symbolic link loop) with a warning, and loads a cited ``source.doc`` only if it is
the id of a shipped corpus document, of a document handed to it, or a file inside the bank's own
folder: never any other local file.

>>> problems = check_bank(default_bank_dir())
>>> problems
[]
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from qqtext.errors import BankError, CorpusError, QqtextError, QqtextWarning
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
from qqtext.outputs import atomic_write_text
from qqtext.textsafe import first_unsafe

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
    "bank_loader",
    "max_bank_bytes",
    "MAX_BANK_MB",
    "MAX_BANK_MB_VAR",
    "MAX_DEPTH",
]

BANK_SUFFIXES = (".yaml", ".yml", ".json")
RE_SPACE = re.compile(r"\s+")
RE_ARTICLE_CITE = re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")
#: The largest bank file read, in MB (1,000,000 bytes, as in :mod:`qqtext.limits`). The shipped bank of
#: 92 questions is about 60 KB; 10 MB holds some 15,000 questions, more than any trainer's bank, and
#: parses in about a second.
MAX_BANK_MB = 10
#: The environment variable that overrides :data:`MAX_BANK_MB` (a number of MB; 0 or ``inf``: no limit).
MAX_BANK_MB_VAR = "QQTEXT_MAX_BANK_MB"
#: The deepest nesting of lists and mappings a bank file may have: the schema needs 4 (file,
#: questions, question, source); more is not a bank, and unbounded nesting exhausts the parser.
MAX_DEPTH = 32
#: How much of a schema message is kept (a message quotes the offending value, which may be huge).
MAX_MESSAGE = 200


class BankFileError(BankError):
    """A bank file that cannot be read as a bank: the file, the place in it (``file``, ``line 3``,
    ``question 2: stem``) and what is wrong; ``str()`` is ``FILE: PLACE: MESSAGE``."""

    def __init__(self, path: str | os.PathLike[str], message: str, *, place: str = "") -> None:
        self.path, self.place, self.message = os.fspath(path), place, message
        super().__init__(f"{self.path}: {place + ': ' if place else ''}{message}")


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


def max_bank_bytes() -> int | None:
    """The size limit of a bank file in bytes: ``$QQTEXT_MAX_BANK_MB`` MB when set, else :data:`MAX_BANK_MB`;
    ``None`` when switched off (0 or below, or ``inf``).

    Raises:
        BankError: the variable is set to something that is not a number.
    """
    raw = os.environ.get(MAX_BANK_MB_VAR, "").strip()
    try:
        megabytes = float(raw) if raw else float(MAX_BANK_MB)
    except ValueError:
        raise BankError(f"{MAX_BANK_MB_VAR}={raw!r} is not a number (the limit of a bank file, in MB)") from None
    if math.isnan(megabytes) or megabytes <= 0 or math.isinf(megabytes):
        return None
    return int(megabytes * 1_000_000)


def _one_line(text: object, limit: int = MAX_MESSAGE) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _read_text(path: Path) -> str:
    """The text of a bank file: a regular file within the size limit, UTF-8 without NUL bytes."""
    try:
        info = path.stat()
    except OSError as exc:
        raise BankFileError(path, f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise BankFileError(path, f"{what}, not a bank file")
    limit = max_bank_bytes()
    too_big = f"over the limit of {(limit or 0) / 1_000_000:g} MB for a bank file (set {MAX_BANK_MB_VAR} to raise it)"
    if limit is not None and info.st_size > limit:
        raise BankFileError(path, f"{info.st_size:,} bytes, {too_big}")
    try:
        with open(path, "rb") as handle:
            data = handle.read(-1 if limit is None else limit + 1)
    except OSError as exc:
        raise BankFileError(path, f"cannot read ({exc.strerror or exc})") from None
    if limit is not None and len(data) > limit:  # it grew since the stat
        raise BankFileError(path, too_big)
    nul = data.find(b"\0")
    if nul >= 0:
        raise BankFileError(path, f"a binary file (a NUL byte at offset {nul}), not a YAML or JSON bank")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BankFileError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the "
                                "bank as UTF-8 (GBK and other encodings are not read)", place=f"line {line}") from None


def _safe_yaml(text: str, path: Path) -> Any:
    """YAML through the safe loader, after a pass over its events that refuses aliases and deep nesting."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise BankFileError(path, f"YAML aliases (*{event.anchor}) are not allowed in a bank file; write the "
                                "text out", place=f"line {line}")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise BankFileError(path, f"nested more than {MAX_DEPTH} deep, not a bank file", place=f"line {line}")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, aliases already refused


def _check_text(data: Any, path: Path) -> None:
    """Refuse mapping keys that are not text, and text holding a control character or a lone surrogate."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            found = first_unsafe(value)
            if found:
                kind = "a lone surrogate" if "\ud800" <= found[1] <= "\udfff" else "a control character"
                raise BankFileError(path, f"{kind} (U+{ord(found[1]):04X}) at character {found[0] + 1}, not text",
                                    place=_place(where))
        elif isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise BankFileError(path, f"the key {_one_line(repr(key), 40)} is not text", place=_place(where))
                stack.append((key, where))
                stack.append((item, f"{where}/{key}"))
        elif isinstance(value, list):
            stack.extend((item, f"{where}/{index}") for index, item in enumerate(value))


def _place(where: str) -> str:
    """``/questions/2/source/quote`` as ``question 3: source/quote``."""
    parts = where.strip("/").split("/") if where else []
    if len(parts) >= 2 and parts[0] == "questions" and parts[1].isdigit():
        rest = "/".join(parts[2:])
        return f"question {int(parts[1]) + 1}" + (f": {rest}" if rest else "")
    return "/".join(parts) or "file"


def _load_data(path: Path) -> Any:
    text = _read_text(path)
    kind = path.suffix.lstrip(".").upper()
    try:
        if path.suffix == ".json":
            data = json.loads(text)
        else:
            import yaml

            try:
                data = _safe_yaml(text, path)
            except yaml.YAMLError as exc:  # with its line and column
                raise BankFileError(path, f"not valid YAML: {_one_line(exc, 400)}") from None
    except (ValueError, RecursionError) as exc:  # json.JSONDecodeError; a number of over 4,300 digits
        raise BankFileError(path, f"not valid {kind}: {_one_line(exc, 400)}") from None
    _check_text(data, path)
    return data


def _schema_problems(data: Any, file: str) -> list[Problem]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(error.absolute_path)
        where = f"question {path[1] + 1}" if len(path) >= 2 and path[0] == "questions" else "file"
        field = "/".join(str(p) for p in path[2:]) if len(path) > 2 else ""
        problems.append(Problem(file, where, f"schema: {field + ': ' if field else ''}{_one_line(error.message)}"))
    return problems


def _whole(value: Any) -> Any:
    """A whole number given as ``5.0`` (JSON and YAML allow it; the schema accepts it) as ``5``."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _question(raw: Mapping[str, Any]) -> Question:
    source = {key: _whole(value) for key, value in raw["source"].items()}
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
        difficulty=_whole(raw.get("difficulty", 1)),
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
    data = _load_data(file)
    problems = _schema_problems(data, str(file))
    if problems:
        raise BankError(f"{problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    return Bank(data["bank"], file, tuple(_question(q) for q in data["questions"]), data.get("description", ""))


def read_banks(folder: str | os.PathLike[str]) -> list[Bank]:
    """Read every bank file of a folder, in name order (what is not a regular file is skipped, with a warning)."""
    return [read_bank(path) for path in _bank_files(Path(folder))]


def _bank_files(folder: Path) -> list[Path]:
    """The bank files of ``folder`` in name order; a FIFO, a folder or a link loop named like one is skipped."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise BankError(f"{folder}: cannot read the folder ({exc.strerror or exc})") from None
    files = []
    for path in entries:
        if path.suffix not in BANK_SUFFIXES:
            continue
        try:
            regular = stat.S_ISREG(path.stat().st_mode)
        except OSError as exc:  # a dangling link, a link loop
            warnings.warn(f"{path}: skipped ({exc.strerror or exc})", QqtextWarning, stacklevel=3)
            continue
        if not regular:
            warnings.warn(f"{path}: skipped (not a regular file)", QqtextWarning, stacklevel=3)
            continue
        files.append(path)
    return files


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
    return atomic_write_text(file, text)


# ------------------------------------------------------------------ checking
DocumentLoader = Callable[[str], Document]


def _default_loader() -> DocumentLoader:
    return bank_loader()


def bank_loader(folder: str | os.PathLike[str] | None = None,
                documents: Mapping[str, Document] | None = None) -> DocumentLoader:
    """The loader for the documents banks cite: never an arbitrary local file.

    A ``source.doc`` is looked up among ``documents`` (by id), then among the ids of the shipped
    corpus, then (with a ``folder``) as a file inside ``folder``, the bank's own folder (after
    resolving ``..`` and symbolic links). Anything else raises :class:`~qqtext.errors.CorpusError`.
    Each document is parsed once.

    >>> load = bank_loader()
    >>> load("jinan-2019").id
    'jinan-2019'
    >>> load("/etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    qqtext.errors.CorpusError: /etc/passwd: not the id of a shipped document...
    """
    given = dict(documents or {})
    root = Path(folder).resolve() if folder is not None else None

    @cache
    def load(doc_id: str) -> Document:
        from qqtext.corpus import corpus_entries, load_document

        if doc_id in given:
            return given[doc_id]
        for entry in corpus_entries():
            if entry.id == doc_id:
                return load_document(entry.path)
        if root is not None and doc_id:
            candidate = (root / doc_id).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return load_document(candidate)
        inside = f", nor a file inside the bank's folder {folder}" if root is not None else ""
        raise CorpusError(f"{_one_line(doc_id, 80)}: not the id of a shipped document{inside} "
                          "(a bank cites documents by corpus id, or files beside it)")

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
    folder: str | os.PathLike[str], *, load: DocumentLoader | None = None,
    documents: Mapping[str, Document] | None = None,
) -> list[Problem]:
    """Check every bank file of ``folder``; return all problems (an empty list: the banks are sound).

    Besides each file's own checks, the questions of all files together go through the linter's pool
    checks (:func:`qqtext.exercises.lint.lint_pool`): near-duplicate stems and stems naming their answer.

    Cited documents are loaded by :func:`bank_loader` (``documents``, corpus ids, files inside
    ``folder``) unless a ``load`` of the caller's own is given. What is not a regular file is skipped
    with a warning.

    Raises:
        BankError: ``folder`` is not a folder, or ``$QQTEXT_MAX_BANK_MB`` is not a number.
    """
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    seen_stems: dict[str, str] = {}
    every: list[tuple[str, Question]] = []
    folder = Path(folder)
    if not folder.is_dir():
        raise BankError(f"{folder}: not a folder")
    load = load or bank_loader(folder, documents)
    max_bank_bytes()  # a bad $QQTEXT_MAX_BANK_MB is one error, not one problem per file
    for path in _bank_files(folder):
        file = str(path)
        try:
            data = _load_data(path)
        except BankFileError as exc:
            problems.append(Problem(file, exc.place or "file", exc.message))
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

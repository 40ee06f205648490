"""From a document to a paper in any export format: the question pool, a blueprint for N questions, output.

This is what ``qqtext quiz`` and the training pack use:

* :func:`question_pool`: the curated questions that cite the document (from the banks in
  ``exercises/``) plus everything the generators make from it, checked, without duplicates;
* :func:`blueprint_for`: N questions spread over the wanted types as evenly as the pool allows;
* :func:`write_quiz`: one paper in one of :data:`FORMATS`.

>>> from qqtext import load_document
>>> doc = load_document("jinan-2019")
>>> pool = question_pool(doc, seed=1)
>>> paper = make_paper(pool, count=10, seed=1, title="测验")
>>> len(paper.questions), sorted({q.type for q in paper.questions})
(10, ['cloze', 'multiple_choice', 'scenario', 'single_choice', 'true_false'])
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from qqtext.exercises.assemble import AssemblyError, Blueprint, Paper, assemble
from qqtext.exercises.bank import _bank_files, check_questions, default_bank_dir, read_bank
from qqtext.exercises.model import QUESTION_TYPES, TYPE_LABELS, Question
from qqtext.model import Document

__all__ = [
    "FORMATS", "Format", "question_pool", "blueprint_for", "make_paper", "check_difficulty", "question_dicts",
    "questions_from_dicts", "write_quiz", "form_path",
]

Format = Literal["json", "gift", "moodle-xml", "qti", "xlsx", "docx", "md", "html", "anki", "jupyterquiz"]
#: Output formats and the file suffix each writes.
FORMATS: dict[str, str] = {
    "json": ".json", "gift": ".gift", "moodle-xml": ".xml", "qti": ".zip", "xlsx": ".xlsx",
    "docx": ".docx", "md": ".md", "html": ".html", "anki": ".apkg", "jupyterquiz": ".json",
}


def question_pool(
    doc: Document, *, seed: int, banks: str | os.PathLike[str] | None = None, generated: bool = True
) -> list[Question]:
    """Curated questions citing ``doc`` (banks in ``banks``, default ``exercises/``) plus generated ones.

    Every question is checked against ``doc`` (offsets filled in); questions with problems are left
    out. Curated questions come first, so a generated twin of a curated stem is dropped.
    """
    from qqtext.exercises.generate import generate_all

    folder = Path(banks) if banks is not None else default_bank_dir()
    curated: list[Question] = []
    if folder.is_dir():
        for path in _bank_files(folder):  # regular bank files only (a FIFO or a folder named x.yaml is skipped)
            curated += [q for q in read_bank(path).questions if q.source.doc == doc.id]
    candidates = curated + (generate_all(doc, seed=seed) if generated else [])
    checked, problems = check_questions(candidates, file="<pool>", load=lambda _doc_id: doc)
    broken = {p.question for p in problems}
    pool, ids, stems = [], set(), set()
    for question in checked:
        if question.id in broken or question.id in ids or question.stem in stems:
            continue
        ids.add(question.id)
        stems.add(question.stem)
        pool.append(question)
    return pool


def blueprint_for(
    pool: Iterable[Question], count: int | None = None, *,
    types: Sequence[str] | Mapping[str, int | None] | None = None, audience: str = "all",
    chapters: Sequence[int] | None = None, difficulty: Mapping[int, int] | None = None, forms: int = 1,
) -> Blueprint:
    """A blueprint for ``count`` questions spread evenly over ``types`` (default: all), within what the pool has.

    Args:
        pool: the questions the paper is drawn from (already restricted to what the trainer wants).
        count: the paper's size; ``None``: the sum of the counts of ``types`` (each type given a
            count) or of ``difficulty``.
        types: the types to spread ``count`` over, round robin as far as each type's questions go;
            or a mapping from type to a fixed count (``{"single_choice": 5, "true_false": 5}``), where
            a type mapped to ``None`` shares the rest of ``count`` with the other such types.
        audience: whose questions (``official``, ``business`` or ``all``).
        chapters: chapters each to be covered by at least one question (where the pool has one).
        difficulty: questions per level (``{1: 4, 2: 4, 3: 2}``), adding up to ``count``; the draw
            meets it exactly when the pool allows (see :mod:`qqtext.exercises.assemble`).
        forms: the number of parallel forms to be drawn with the blueprint: every type is held to
            what the pool has for that many forms without a shared question.

    Raises:
        AssemblyError: unknown types, a count below 1, counts that do not add up, or fewer eligible
            questions in the pool than asked for (the message says which type or level falls short).

    >>> from qqtext.exercises.bank import read_bank, default_bank_dir
    >>> pool = read_bank(default_bank_dir() / "jinan-2019.curated.yaml").questions
    >>> dict(blueprint_for(pool, types={"scenario": 2, "true_false": None}, count=5).counts)
    {'scenario': 2, 'true_false': 3}
    """
    fixed = dict(types) if isinstance(types, Mapping) else dict.fromkeys(types or QUESTION_TYPES)
    unknown = [t for t in fixed if t not in QUESTION_TYPES]
    if unknown:
        raise AssemblyError(f"未知题型：{'、'.join(unknown)} / unknown question type(s): {', '.join(unknown)}")
    if any(n is not None and n < 1 for n in fixed.values()):
        raise AssemblyError(f"每种题型至少 1 道 / every type's count must be at least 1: {fixed}")
    if not 1 <= forms <= 26:
        raise AssemblyError(f"平行卷份数须在 1 到 26 之间 / forms must be between 1 and 26, not {forms}")
    given = sum(n for n in fixed.values() if n is not None)
    if count is None:
        if all(n is not None for n in fixed.values()):
            count = given
        elif difficulty:
            count = sum(difficulty.values())
        else:
            raise AssemblyError("请给出题量 / give the number of questions (a count, or a count for every type)")
    if count < 1:
        raise AssemblyError(f"题量至少为 1 / the number of questions must be at least 1, not {count}")
    if all(n is not None for n in fixed.values()) and given != count:
        raise AssemblyError(f"各题型题量之和为 {given}，与题量 {count} 不符 / the type counts add up to {given}, "
                            f"not {count}")
    if given > count:
        raise AssemblyError(f"各题型题量之和 {given} 超过题量 {count} / the type counts add up to {given}, more than "
                            f"the {count} questions asked for")
    if difficulty is not None and sum(difficulty.values()) != count:
        raise AssemblyError(f"各难度题量之和为 {sum(difficulty.values())}，与题量 {count} 不符 / the difficulty counts "
                            f"add up to {sum(difficulty.values())}, not {count}")
    audiences = {"all": None, "official": {"official", "all"}, "business": {"business", "all"}}[audience]
    eligible = [q for q in pool if q.type in fixed and (audiences is None or q.audience in audiences)]
    available = Counter(q.type for q in eligible)
    per_form = {t: available[t] // forms for t in fixed}
    forms_note = (f"（{forms} 份平行卷互不重复）", f" ({forms} forms without a shared question)") if forms > 1 else ("", "")
    short = [(t, n, per_form[t]) for t, n in fixed.items() if n is not None and n > per_form[t]]
    if short:
        chinese = "；".join(f"{TYPE_LABELS[t]}需要 {n} 道，仅有 {have} 道" for t, n, have in short)
        english = "; ".join(f"{t} needs {n}, has {have}" for t, n, have in short)
        raise AssemblyError(f"题库题目不足{forms_note[0]}：{chinese} / the pool is too small{forms_note[1]}: {english}")
    open_types = [t for t, n in fixed.items() if n is None]
    room = given + sum(per_form[t] for t in open_types)
    if room < count:
        raise AssemblyError(f"题库只有 {room} 道符合条件的题{forms_note[0]}，不足 {count} 道 / the pool has only {room} "
                            f"eligible questions{forms_note[1]} for {count}")
    counts = {t: n or 0 for t, n in fixed.items()}
    remaining = count - given
    while remaining:  # round robin over the open types that still have questions left
        for question_type in open_types:
            if remaining and counts[question_type] < per_form[question_type]:
                counts[question_type] += 1
                remaining -= 1
    if difficulty is not None:
        have = Counter(q.difficulty for q in eligible if counts.get(q.type))
        short_levels = [(level, n, have[level] // forms) for level, n in sorted(difficulty.items())
                        if n > have[level] // forms]
        if short_levels:
            chinese = "；".join(f"难度 {level} 需要 {n} 道，仅有 {h} 道" for level, n, h in short_levels)
            english = "; ".join(f"level {level} needs {n}, has {h}" for level, n, h in short_levels)
            raise AssemblyError(f"题库题目不足{forms_note[0]}：{chinese} / the pool is too small{forms_note[1]}: "
                                f"{english}")
    return Blueprint({t: n for t, n in counts.items() if n}, audience=audience,
                     chapters=tuple(chapters) if chapters else None,
                     difficulty={level: float(n) for level, n in difficulty.items()} if difficulty else None)


def make_paper(
    pool: Sequence[Question], *, count: int | None, seed: int, title: str,
    types: Sequence[str] | Mapping[str, int | None] | None = None, audience: str = "all",
    chapters: Sequence[int] | None = None, form: str = "A", exclude: Iterable[str] = (),
    difficulty: Mapping[int, int] | None = None,
) -> Paper:
    """Draw one paper of ``count`` questions from ``pool`` (see :func:`blueprint_for`), ``exclude`` ids left out.

    Raises:
        AssemblyError: see :func:`blueprint_for`; also a difficulty mix the pool cannot meet for the
            types drawn (the message gives the levels asked for and those drawn).
    """
    excluded = frozenset(exclude)
    pool = [q for q in pool if q.id not in excluded]
    blueprint = blueprint_for(pool, count, types=types, audience=audience, chapters=chapters, difficulty=difficulty)
    # a spread over the types (not counts the trainer fixed) may shift between types to stay sound
    flexible = not isinstance(types, Mapping) and not difficulty
    paper = assemble(pool, blueprint, seed=seed, title=title, form=form, flexible=flexible)
    check_difficulty(paper, difficulty)
    return paper


def check_difficulty(paper: Paper, difficulty: Mapping[int, int] | None) -> None:
    """Raise :class:`AssemblyError` when ``paper`` does not hold exactly ``difficulty`` questions per level."""
    if not difficulty:
        return
    drawn = Counter(q.difficulty for q in paper.questions)
    if any(drawn[level] != difficulty.get(level, 0) for level in {*drawn, *difficulty}):
        asked = ",".join(f"{level}:{n}" for level, n in sorted(difficulty.items()))
        got = ",".join(f"{level}:{drawn[level]}" for level in sorted(drawn))
        raise AssemblyError(f"题库无法按所需难度组卷（要求 {asked}，最多做到 {got}） / the pool cannot meet the difficulty "
                            f"mix {asked} with these types (best drawn: {got})")


def question_dicts(questions: Sequence[Question]) -> list[dict[str, Any]]:
    """Questions as JSON-ready dicts: id, type, stem, options, answer, explanation, source, ….

    >>> from qqtext.exercises.model import Source
    >>> q = Question.create(type="true_false", stem="可以专程接送。", answer=("错",), explanation="第十三条（五）",
    ...                     source=Source("jinan-2019", 13, 5, "不许单独指派、专程接送", 1, 12))
    >>> question_dicts([q])[0]["source"]
    {'doc': 'jinan-2019', 'article': 13, 'item': 5, 'quote': '不许单独指派、专程接送', 'start': 1, 'end': 12}
    """
    return [
        {
            "id": q.id,
            "type": q.type,
            "stem": q.stem,
            "options": [{"key": o.key, "text": o.text} for o in q.options],
            "answer": list(q.answer),
            "explanation": q.explanation,
            "source": {"doc": q.source.doc, "article": q.source.article, "item": q.source.item,
                       "quote": q.source.quote, "start": q.source.start, "end": q.source.end},
            "difficulty": q.difficulty,
            "audience": q.audience,
            "tags": list(q.tags),
            "provenance": q.provenance,
            "score": q.score,
        }
        for q in questions
    ]


def questions_from_dicts(items: Iterable[Mapping[str, Any]]) -> list[Question]:
    """The inverse of :func:`question_dicts` (reads the questions of a ``qqtext quiz --format json`` file)."""
    from qqtext.exercises.model import Option, Source

    out = []
    for item in items:
        source = item["source"]
        out.append(Question(
            id=item["id"], type=item["type"], stem=item["stem"],
            options=tuple(Option(o["key"], o["text"]) for o in item.get("options", ())),
            answer=tuple(item["answer"]), explanation=item["explanation"],
            source=Source(source["doc"], source.get("article"), source.get("item"), source["quote"],
                          source.get("start", -1), source.get("end", -1)),
            difficulty=item.get("difficulty", 1), audience=item.get("audience", "all"),
            tags=tuple(item.get("tags", ())), provenance=item.get("provenance", "curated"),
            score=float(item.get("score", 1.0)),
        ))
    return out


def write_quiz(paper: Paper, path: str | os.PathLike[str], *, format: Format) -> list[Path]:
    """Write ``paper`` in ``format`` to ``path``; return the files written.

    ``docx`` writes the paper and, beside it, the answer key with 解析 (``<name>_答案与解析.docx``).
    Every file is written whole or not at all (:mod:`qqtext.outputs`).

    Raises:
        qqtext.outputs.OutputError: a file cannot be written (nothing partial is left).
    """
    from qqtext.exercises import export
    from qqtext.outputs import atomic_write_text

    target = Path(path)
    questions, title = paper.questions, paper.title
    if format == "json":
        data = {"title": title, "form": paper.form, "seed": paper.seed, "questions": question_dicts(questions)}
        atomic_write_text(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif format == "gift":
        export.write_gift(questions, target, title=title)
    elif format == "moodle-xml":
        export.write_moodle_xml(questions, target, category=title)
    elif format == "qti":
        export.write_qti(questions, target, title=title)
    elif format == "xlsx":
        export.write_xlsx(questions, target, title=title)
    elif format == "docx":
        key = target.with_name(f"{target.stem}_答案与解析{target.suffix or '.docx'}")
        export.write_docx_paper(questions, target, title=title)
        export.write_docx_key(questions, key, title=title)
        return [target, key]
    elif format == "md":
        atomic_write_text(target, export.to_markdown(questions, title=title, answers="end"))
    elif format == "html":
        atomic_write_text(target, export.to_html(questions, title=title, answers="end"))
    elif format == "anki":
        export.write_apkg(questions, target, deck_name=title)
    elif format == "jupyterquiz":
        atomic_write_text(target, json.dumps(export.to_jupyterquiz(questions), ensure_ascii=False, indent=2) + "\n")
    else:  # argparse limits the choices; a library caller may not
        raise AssemblyError(f"unknown format {format!r} (expected {', '.join(FORMATS)})")
    return [target]


def form_path(path: str | os.PathLike[str], form: str) -> Path:
    """The file of one parallel form: ``out/试卷.docx`` and ``B`` give ``out/试卷-B.docx``.

    >>> form_path("out/paper.json", "B").as_posix()
    'out/paper-B.json'
    """
    target = Path(path)
    return target.with_name(f"{target.stem}-{form}{target.suffix}")

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
from qqtext.exercises.bank import BANK_SUFFIXES, check_questions, default_bank_dir, read_bank
from qqtext.exercises.model import QUESTION_TYPES, Question
from qqtext.model import Document

__all__ = [
    "FORMATS", "Format", "question_pool", "blueprint_for", "make_paper", "question_dicts", "questions_from_dicts",
    "write_quiz",
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
        for path in sorted(folder.iterdir()):
            if path.suffix in BANK_SUFFIXES:
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
    pool: Iterable[Question], count: int, *, types: Sequence[str] | None = None, audience: str = "all",
    chapters: Sequence[int] | None = None,
) -> Blueprint:
    """A blueprint for ``count`` questions spread evenly over ``types`` (default: all), within what the pool has.

    Raises:
        AssemblyError: unknown types, or fewer eligible questions in the pool than ``count``.
    """
    wanted = list(types or QUESTION_TYPES)
    unknown = [t for t in wanted if t not in QUESTION_TYPES]
    if unknown:
        raise AssemblyError(f"未知题型：{'、'.join(unknown)} / unknown question type(s): {', '.join(unknown)}")
    audiences = {"all": None, "official": {"official", "all"}, "business": {"business", "all"}}[audience]
    available = Counter(q.type for q in pool if q.type in wanted and (audiences is None or q.audience in audiences))
    if sum(available.values()) < count:
        raise AssemblyError(f"题库只有 {sum(available.values())} 道符合条件的题，不足 {count} 道 / the pool has only "
                            f"{sum(available.values())} eligible questions for {count}")
    counts = dict.fromkeys(wanted, 0)
    remaining = count
    while remaining:  # round robin over the types that still have questions left
        for question_type in wanted:
            if remaining and counts[question_type] < available[question_type]:
                counts[question_type] += 1
                remaining -= 1
    return Blueprint({t: n for t, n in counts.items() if n}, audience=audience,
                     chapters=tuple(chapters) if chapters else None)


def make_paper(
    pool: Sequence[Question], *, count: int, seed: int, title: str, types: Sequence[str] | None = None,
    audience: str = "all", chapters: Sequence[int] | None = None, form: str = "A",
    exclude: Iterable[str] = (),
) -> Paper:
    """Draw one paper of ``count`` questions from ``pool`` (see :func:`blueprint_for`)."""
    blueprint = blueprint_for(pool, count, types=types, audience=audience, chapters=chapters)
    return assemble(pool, blueprint, seed=seed, title=title, form=form, exclude=frozenset(exclude))


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
    """
    from qqtext.exercises import export

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    questions, title = paper.questions, paper.title
    if format == "json":
        data = {"title": title, "form": paper.form, "seed": paper.seed, "questions": question_dicts(questions)}
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
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
        target.write_text(export.to_markdown(questions, title=title, answers="end"), encoding="utf-8")
    elif format == "html":
        target.write_text(export.to_html(questions, title=title, answers="end"), encoding="utf-8")
    elif format == "anki":
        export.write_apkg(questions, target, deck_name=title)
    elif format == "jupyterquiz":
        target.write_text(json.dumps(export.to_jupyterquiz(questions), ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
    else:  # argparse limits the choices; a library caller may not
        raise AssemblyError(f"unknown format {format!r} (expected {', '.join(FORMATS)})")
    return [target]

"""Many documents: for each article of A, the best candidates across a whole folder of documents.

"Which provision of the national or provincial texts does this city article implement?" Every
article of A is scored against every article (or 意见-style section) of every document, with the
same ``score`` as :func:`qqtext.compare.align.align` (:mod:`qqtext.compare.measures`), and the ``top``
best are kept per article of A, each with its document, article and score.

The measures are computed as matrix products, one document at a time, restricted to what A has: the
character bigrams and words of A index the columns of sparse matrices, so a folder article is read
once and only its overlap with A is kept. The documents are read, parsed, cut into words and scored
in ``workers`` processes (default: one per CPU); each returns its best candidates per article of A,
and the best over all documents are kept. The result does not depend on the number of workers.

A file that cannot be read is left out with a warning that names it.

>>> from qqtext.parse import parse_text
>>> city = parse_text("第一条 制定涉企政策，应当听取企业的意见。\\n第二条 本办法自印发之日起施行。", doc_id="city")
>>> law = parse_text("第一条 本条例自2020年1月1日起施行。\\n第二条 制定行政规范性文件，应当充分听取市场主体的意见。", doc_id="law")
>>> [(m.a_article, m.rank, m.b_doc, m.b_article) for m in rank_candidates(city, [law], top=1)]
[(1, 1, 'law', 2), (2, 1, 'law', 1)]
"""

from __future__ import annotations

import hashlib
import math
import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from qqtext.compare.measures import ADAPTED, DEFAULT_MODEL, LOOSE, Unit, make_units, resolve_model, units
from qqtext.errors import QqtextError, QqtextWarning
from qqtext.model import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Match", "rank_candidates", "candidate_rows", "candidates_frame", "CANDIDATE_COLUMNS", "TOP"]

#: Candidates kept per article of A by default.
TOP = 3
#: The columns of :func:`candidate_rows`.
CANDIDATE_COLUMNS = (
    "a_doc", "a_article", "a_heading", "rank", "b_doc", "b_title", "b_article", "b_heading",
    "score", "lexical", "semantic", "band", "b_start", "b_end",
)


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate counterpart of an article of A in another document.

    Attributes:
        a_doc, a_article: the article of A (section number in a 意见-style text).
        rank: 1 for the best candidate of that article, 2 for the next …
        b_doc, b_title, b_article: the candidate's document (id and title) and article.
        score, lexical, semantic: the measures (:mod:`qqtext.compare.measures`; ``semantic`` ``None``
            without a model).
        b_start, b_end: the candidate's span in its ``Document.text``.
        b_heading: its printed label (第六十二条).
    """

    a_doc: str
    a_article: int | None
    rank: int
    b_doc: str
    b_title: str
    b_article: int | None
    score: float
    lexical: float
    semantic: float | None
    b_start: int
    b_end: int
    b_heading: str = ""

    @property
    def band(self) -> str:
        """``adapted`` at or above :data:`~qqtext.compare.measures.ADAPTED`, ``loose`` at or above
        :data:`~qqtext.compare.measures.LOOSE`, else ``below`` (calibrated with the shipped model)."""
        return "adapted" if self.score >= ADAPTED else "loose" if self.score >= LOOSE else "below"


# ------------------------------------------------------------------ A's features


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class _Query:
    """A's articles as the matrices every folder article is scored against."""

    doc: str
    articles: tuple[int | None, ...]
    bigrams: dict[str, int]  # A's bigram -> column
    words: dict[str, int]  # A's word -> column
    char_a: Any  # sparse (articles x bigrams), binary
    word_a: Any  # sparse (articles x words), idf weights
    char_size: np.ndarray  # |bigrams| per article
    word_norm: np.ndarray
    vectors: np.ndarray | None  # (articles x dim), unit rows or zeros
    text_hash: str = ""  # of A's text: the same document in the folder is left out

    @classmethod
    def of(cls, a_units: Sequence[Unit], text: str = "") -> _Query:
        import scipy.sparse as sp

        bigrams: dict[str, int] = {}
        words: dict[str, int] = {}
        rows_c, cols_c, rows_w, cols_w, vals_w = [], [], [], [], []
        for r, unit in enumerate(a_units):
            for gram in sorted(unit.bigrams):
                rows_c.append(r)
                cols_c.append(bigrams.setdefault(gram, len(bigrams)))
            for word, weight in unit.words.items():
                rows_w.append(r)
                cols_w.append(words.setdefault(word, len(words)))
                vals_w.append(math.sqrt(weight))
        n = len(a_units)
        char_a = sp.csr_matrix((np.ones(len(rows_c)), (rows_c, cols_c)), shape=(n, max(1, len(bigrams))))
        word_a = sp.csr_matrix((vals_w, (rows_w, cols_w)), shape=(n, max(1, len(words))))
        vectors = None
        if a_units and a_units[0].vector is not None:
            vectors = np.vstack([u.vector for u in a_units]).astype(np.float32)
        return cls(a_units[0].doc if a_units else "", tuple(u.article for u in a_units), bigrams, words, char_a,
                   word_a, np.array([len(u.bigrams) for u in a_units], dtype=float),
                   np.array([u.word_norm for u in a_units]), vectors, _digest(text))


def _scores(query: _Query, b_units: Sequence[Unit], floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """``(score, lexical, semantic)`` matrices of A's articles against ``b_units`` (as :func:`measure`)."""
    import scipy.sparse as sp

    n = len(b_units)
    rows_c, cols_c, rows_w, cols_w, vals_w = [], [], [], [], []
    for r, unit in enumerate(b_units):
        for gram in unit.bigrams:
            k = query.bigrams.get(gram)
            if k is not None:
                rows_c.append(r)
                cols_c.append(k)
        for word, weight in unit.words.items():
            k = query.words.get(word)
            if k is not None:
                rows_w.append(r)
                cols_w.append(k)
                vals_w.append(math.sqrt(weight))
    char_b = sp.csr_matrix((np.ones(len(rows_c)), (rows_c, cols_c)), shape=(n, query.char_a.shape[1]))
    word_b = sp.csr_matrix((vals_w, (rows_w, cols_w)), shape=(n, query.word_a.shape[1]))
    size_b = np.array([len(u.bigrams) for u in b_units], dtype=float)
    norm_b = np.array([u.word_norm for u in b_units])
    with np.errstate(divide="ignore", invalid="ignore"):
        char = np.nan_to_num((query.char_a @ char_b.T).toarray() / np.sqrt(np.outer(query.char_size, size_b)))
        word = np.nan_to_num((query.word_a @ word_b.T).toarray() / np.outer(query.word_norm, norm_b))
    lexical = np.minimum(1.0, (char + np.minimum(1.0, word)) / 2)
    if query.vectors is None or not b_units or b_units[0].vector is None:
        return lexical, lexical, None
    vectors_b = np.vstack([u.vector for u in b_units]).astype(np.float32)
    cos = query.vectors @ vectors_b.T
    semantic = np.clip((cos - floor) / (1.0 - floor), 0.0, 1.0) if floor < 1.0 else np.zeros_like(cos)
    known = np.outer(query.vectors.any(axis=1), vectors_b.any(axis=1))
    score = np.where(known, np.minimum(1.0, (lexical + semantic) / 2), lexical)
    return score, lexical, semantic


def _best(query: _Query, doc: Document, b_units: Sequence[Unit], top: int, floor: float) -> list[list[tuple]]:
    """Per article of A, its ``top`` best candidates in ``doc``: ``(score, lexical, semantic, k, doc, unit)``."""
    from qqtext.compare.align import unit_heading
    from qqtext.compare.measures import top_units

    if not b_units:
        return [[] for _ in query.articles]
    score, lexical, semantic = _scores(query, b_units, floor)
    tops = top_units(doc)  # b_units are the article units, in this order

    def heading(k: int) -> str:
        top = tops[k]
        return unit_heading(top.number, section=not doc.articles, sub=getattr(top, "sub", 0))

    out = []
    for r in range(len(query.articles)):
        order = np.lexsort((np.arange(len(b_units)), -score[r]))[:top]
        picks = []
        for k in order:
            unit = b_units[int(k)]
            picks.append((float(score[r, k]), float(lexical[r, k]),
                          None if semantic is None else float(semantic[r, k]), int(k), doc.id, doc.title or doc.id,
                          unit.article, unit.span.start, unit.span.end, heading(int(k))))
        out.append(picks)
    return out


# ------------------------------------------------------------------ workers

_WORKER: dict[str, Any] = {}


def _init_worker(query: _Query, model: str | None, top: int, exclude_self: bool) -> None:
    import warnings as _warnings

    _warnings.simplefilter("ignore")
    encoder = resolve_model(model) if model is not None else None
    from qqtext.compare.semantic import floor

    _WORKER.update(query=query, encoder=encoder, top=top, floor=floor(encoder) if encoder is not None else 0.0,
                   exclude_self=exclude_self)


def _score_file(task: tuple[str, str, dict[str, object]]) -> tuple[str, list[list[tuple]] | None, str]:
    path, doc_id, metadata = task
    from qqtext.parse import parse_text
    from qqtext.read import read_text

    try:
        with warnings.catch_warnings():  # structure warnings of the folder's files: not the question here
            warnings.simplefilter("ignore")
            doc = parse_text(read_text(path), doc_id=doc_id, source_name=path, metadata=metadata)
    except QqtextError as error:
        return path, None, str(error)
    query = _WORKER["query"]
    if _WORKER["exclude_self"] and _digest(doc.text) == query.text_hash:
        return path, [[] for _ in query.articles], ""
    b_units = make_units(doc, "article", _WORKER["encoder"], bulk=True)
    return path, _best(query, doc, b_units, _WORKER["top"], _WORKER["floor"]), ""


def _merge(best: list[list[tuple]], found: list[list[tuple]], top: int) -> None:
    for r, picks in enumerate(found):
        merged = best[r] + picks
        merged.sort(key=lambda p: (-p[0], p[4], p[3]))  # score, then document id, then document order
        best[r] = merged[:top]


def rank_candidates(a: Document, others: Iterable[Document] | str | os.PathLike[str], *, top: int = TOP,
                    model: object = DEFAULT_MODEL, workers: int | None = None,
                    exclude_self: bool = True) -> list[Match]:
    """For each article of ``a``, its ``top`` best candidates among the articles of ``others``.

    Args:
        a: the document whose articles are looked for.
        others: documents, or a folder whose files are read as :func:`qqtext.corpus.load_corpus` would
            (ids from its ``metadata.toml`` or the file names).
        top: candidates kept per article of ``a``.
        model: as in :func:`qqtext.compare.align.align`; a model object other than a path or the
            shipped model keeps the work in this process.
        workers: processes that read and score the folder's files (default: one per CPU; 1 for none).
        exclude_self: leave out the documents with the same text as ``a`` (``a`` itself, under any name).

    Returns:
        Rows ordered by A's articles, then rank.

    Raises:
        QqtextError: the folder does not exist, or none of its files could be read.
        ValueError: ``top`` is smaller than 1.
    """
    from qqtext.corpus import corpus_files

    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    encoder = resolve_model(model)
    a_units = units(a, "article", encoder)
    query = _Query.of(a_units, a.text)
    best: list[list[tuple]] = [[] for _ in a_units]
    if isinstance(others, (str, os.PathLike)):
        files = corpus_files(others)
        tasks = [(str(path), doc_id, meta) for path, doc_id, meta in files]
        model_name = None if encoder is None else _model_name(model)
        count = workers if workers is not None else (os.cpu_count() or 1)
        if model_name is False or count <= 1 or len(tasks) < 2 * count:
            count = 1
        read = 0
        for path, found, problem in _run(tasks, query, encoder, top, count, model_name, exclude_self):
            if found is None:
                warnings.warn(f"{path}: left out ({problem})", QqtextWarning, stacklevel=2)
                continue
            read += 1
            _merge(best, found, top)
        if tasks and not read:
            raise QqtextError(f"{others}: none of its {len(tasks)} files could be read")
        if not tasks:
            raise QqtextError(f"{others}: no document to compare with (.txt, .md, .docx, .html, .pdf)")
    else:
        from qqtext.compare.semantic import floor

        low = floor(encoder) if encoder is not None else 0.0
        for doc in others:
            if exclude_self and doc.text == a.text:
                continue
            _merge(best, _best(query, doc, units(doc, "article", encoder), top, low), top)
    out = []
    for r, picks in enumerate(best):
        for rank, (score, lexical, semantic, _, doc_id, title, article, start, end, heading) in enumerate(picks, 1):
            out.append(Match(a.id, query.articles[r], rank, doc_id, title, article, score, lexical, semantic,
                             start, end, heading))
    return out


def _model_name(model: object) -> str | bool | None:
    """How workers load the model: ``"default"``, a path, or ``False`` (an object: stay in this process)."""
    if model is None:
        return None
    if isinstance(model, str) and model == DEFAULT_MODEL:
        return DEFAULT_MODEL
    if isinstance(model, (str, os.PathLike)):
        return str(model)
    return False


def _run(tasks, query, encoder, top, count, model_name, exclude_self):
    """``(path, best candidates or None, problem)`` per file, in the order of ``tasks``."""
    if count == 1:
        from qqtext.compare.semantic import floor

        _WORKER.update(query=query, encoder=encoder, top=top, floor=floor(encoder) if encoder is not None else 0.0,
                       exclude_self=exclude_self)
        try:
            yield from map(_score_file, tasks)
        finally:
            _WORKER.clear()
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no inherited locks or open lexicon connections
    with context.Pool(count, initializer=_init_worker, initargs=(query, model_name, top, exclude_self)) as pool:
        yield from pool.imap(_score_file, tasks, chunksize=max(1, min(64, len(tasks) // (count * 8) or 1)))


# ------------------------------------------------------------------ tables


def candidate_rows(matches: Iterable[Match], *, a: Document | None = None) -> list[dict[str, Any]]:
    """One dict per candidate with the columns :data:`CANDIDATE_COLUMNS` (scores rounded to 4 places)."""
    from qqtext.compare.align import side_heading

    rows = []
    for m in matches:
        rows.append({
            "a_doc": m.a_doc, "a_article": m.a_article,
            "a_heading": side_heading(a, m.a_article) if a is not None and m.a_article is not None else "",
            "rank": m.rank, "b_doc": m.b_doc, "b_title": m.b_title, "b_article": m.b_article,
            "b_heading": m.b_heading, "score": round(m.score, 4), "lexical": round(m.lexical, 4),
            "semantic": None if m.semantic is None else round(m.semantic, 4), "band": m.band,
            "b_start": m.b_start, "b_end": m.b_end,
        })
    return rows


def candidates_frame(matches: Iterable[Match], *, a: Document | None = None) -> pd.DataFrame:
    """The rows of :func:`candidate_rows` as a pandas DataFrame."""
    import pandas as pd

    frame = pd.DataFrame(candidate_rows(matches, a=a), columns=list(CANDIDATE_COLUMNS))
    for column in ("a_article", "b_article", "b_start", "b_end"):
        frame[column] = frame[column].astype("Int64")
    return frame

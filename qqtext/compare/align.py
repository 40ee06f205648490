"""Aligning two documents article by article, or item by item: what was copied, adapted, or left out.

Each unit (an article, or a 意见-style section where a document has no articles; at item level, an
item 项) is compared with every unit of the other document, and units are paired one to one.

How similar two units are
-------------------------

Both texts are stripped of punctuation and whitespace (what is left: CJK characters, letters and
digits; item markers such as （一） are not part of a unit's text).

- **char** = Ochiai (set cosine) of the two sets of character bigrams:
  ``|A ∩ B| / sqrt(|A| · |B|)``. It measures shared wording.
- **word** = IDF-weighted cosine of the two sets of words, cut by qqtext's private jieba tokenizer
  (:func:`qqtext.extract.actors.segmenter`, the domain dictionary, no global jieba state). Words of one
  character (的, 和, 或, 在 …) are left out; each actor surface form is replaced by its canonical
  actor (市场主体 and 民营企业 count as 企业, 经营者 as 企业负责人); the weight of a word is its IDF in
  ``qqtext/data/idf.txt`` (unknown words get the median IDF):
  ``Σ_{w∈A∩B} idf(w)² / sqrt(Σ_{w∈A} idf(w)² · Σ_{w∈B} idf(w)²)``. It measures shared content,
  across the changes of wording national and local texts make (市场主体 ↔ 企业).
- ``score = (char + word) / 2``, in [0, 1]; 1 for identical texts, symmetric.
- ``containment`` = the share of A's character trigrams found in B (B's unit contains A's clause).

Labels and thresholds
---------------------

- ``copied``: ``score >= COPIED`` (0.80): near-verbatim, the differences are a level word
  (县级以上人民政府 for 政府), a dropped or added clause or phrase.
- ``adapted``: paired but below ``COPIED``; a pair needs ``score >= threshold`` (default
  ``ADAPTED`` = 0.25), or a containment of at least ``CONTAINED`` (0.6) in either direction for a
  unit of at least ``MIN_CONTAINED_NGRAMS`` (8) trigrams, so a short clause copied into a long article
  still pairs.
- ``only_a`` / ``only_b``: a unit with no partner (score and containment 0).

The thresholds were calibrated on the real texts of ``../shared/corpus``:

- Null: the best match of every article of four unrelated document pairs (party discipline 2018 vs
  the national 优化营商环境条例 2019 and vs 济南 2022, 国内公务接待管理规定 2013 vs 山东 2020, 国企领导人员
  廉洁从业若干规定 2009 vs 广东 2022; 340 articles). Median 0.07, 90th percentile 0.12, 99th
  percentile 0.20; above that only the formulae every law shares (本条例自…起施行, 0.61).
  ``ADAPTED`` = 0.25 lies above the 99th percentile. In 山东 2020 vs national 2019 every pair at
  0.25 or more is the same provision re-worded (judged by reading all of them); between 0.20 and 0.25
  about half are, below 0.20 few are.
- Reading every 山东 2020 ↔ national 2019 pair from the top: at 0.80 and above all are copies with
  local edits (第六十一条 ↔ 第五十五条 0.91, 第三十九条 ↔ 第四十四条 0.88, 第四十一条 ↔ 第三十一条 0.82);
  just below are the formula articles (第六十七条 ↔ 第七十二条 本条例自…起施行, 0.74) and provisions
  rewritten around a shared core (第五十五条 ↔ 第四十八条 亲清政商关系, 0.67). Hence ``COPIED`` = 0.80.
- Paraphrase defeats any measure of shared wording: Jinan 2019 第五条 (听取企业意见) is the
  national 第六十二条 (充分听取市场主体、行业协会商会的意见) said in other words, score 0.14, its best match
  but inside the null band. Pass ``threshold=0.12`` (the null's 90th percentile) to pair such weak,
  topical matches too; expect about one in three of them to be coincidental.

Pairing
-------

One to one by default: a maximum-weight assignment on the scores of the eligible pairs
(:func:`scipy.optimize.linear_sum_assignment` when scipy is installed, else greedy best-first,
ties broken by document order). ``one_to_one=False`` lists every eligible pair instead; units in none
are ``only_a`` / ``only_b``.

At item level, articles are aligned first and the items of each aligned article pair are paired
among themselves; the items left over are then paired across the whole documents, since an item of
a list carries its own rule (驻马店 第三十二条 （一）–（十） against 济南 第十三条).

Rows come in A's order; an ``only_b`` row is placed right after the pair that holds the B unit
before it, so both columns read in document order as far as the pairing allows.

>>> sim = similarity("制定涉企政策，应当充分听取市场主体的意见。", "制定涉企政策，应当充分听取企业的意见。")
>>> sim.word == 1.0 and 0.5 < sim.char < 1.0
True
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from qqtext.model import Article, Document, Item, Section, Span
from qqtext.numerals import article_label, to_chinese_number

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Alignment",
    "Label",
    "Level",
    "Similarity",
    "COPIED",
    "ADAPTED",
    "CONTAINED",
    "MIN_CONTAINED_NGRAMS",
    "ALIGNMENT_COLUMNS",
    "TEXT_COLUMNS",
    "align",
    "similarity",
    "alignment_rows",
    "alignments_frame",
    "label_counts",
    "unit_heading",
    "side_heading",
    "unit_text",
    "find_unit",
]

Label = Literal["copied", "adapted", "only_a", "only_b"]
Level = Literal["article", "item"]

#: Score at or above which a pair is ``copied`` (near-verbatim).
COPIED = 0.80
#: Default score a pair needs to be paired at all (``adapted`` below ``COPIED``).
ADAPTED = 0.25
#: Containment (either direction) that pairs two units whatever their score.
CONTAINED = 0.6
#: The contained unit must have at least this many distinct character trigrams (about ten characters).
MIN_CONTAINED_NGRAMS = 8

LABELS: tuple[Label, ...] = ("copied", "adapted", "only_a", "only_b")

#: The columns of :func:`alignment_rows` (plus ``a_heading, a_text, b_heading, b_text`` when documents are given).
ALIGNMENT_COLUMNS = (
    "a_doc", "a_article", "a_item", "b_doc", "b_article", "b_item",
    "score", "containment", "label", "a_start", "a_end", "b_start", "b_end",
)
TEXT_COLUMNS = ("a_heading", "a_text", "b_heading", "b_text")

RE_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Alignment:
    """One row of an alignment: a pair of units, or a unit of one side without a partner.

    Attributes:
        a_doc, b_doc: document ids (both set on every row, also on ``only_a``/``only_b`` rows).
        a_article, b_article: article number (section number for 意见-style documents); ``None`` on
            the side that has no unit.
        a_item, b_item: item number at item level, else ``None``.
        score: the combined similarity in [0, 1] (0 for unpaired units).
        containment: share of A's character trigrams found in B (0 for unpaired units).
        label: ``copied``, ``adapted``, ``only_a`` or ``only_b``.
        a_span, b_span: offsets of the units in ``Document.text`` (an article's span starts at its
            第X条 heading), ``None`` on the side without a unit.
    """

    a_doc: str
    a_article: int | None
    a_item: int | None
    b_doc: str
    b_article: int | None
    b_item: int | None
    score: float
    containment: float
    label: Label
    a_span: Span | None
    b_span: Span | None

    @property
    def paired(self) -> bool:
        """Whether the row pairs two units (``copied`` or ``adapted``)."""
        return self.label in ("copied", "adapted")


class Similarity(NamedTuple):
    """The measures between two texts (see the module docstring)."""

    score: float
    char: float
    word: float
    containment: float


# ------------------------------------------------------------------ units and features


@dataclass(frozen=True, slots=True)
class _Unit:
    index: int
    doc: str
    article: int | None
    item: int | None
    span: Span
    bigrams: frozenset[str]
    trigrams: frozenset[str]
    words: dict[str, float]  # canonical word -> idf²
    word_norm: float


def _clean(text: str) -> str:
    return RE_NOT_WORD.sub("", text)


def _ngrams(chars: str, n: int) -> frozenset[str]:
    if len(chars) < n:
        return frozenset((chars,)) if chars else frozenset()
    return frozenset(chars[i:i + n] for i in range(len(chars) - n + 1))


@cache
def _idf() -> tuple[dict[str, float], float]:
    table: dict[str, float] = {}
    text = (resources.files("qqtext") / "data" / "idf.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            table[parts[0]] = float(parts[1])
    values = sorted(table.values())
    return table, (values[len(values) // 2] if values else 1.0)


@cache
def _canonical() -> dict[str, str]:
    from qqtext.extract.actors import actor_dictionary

    index: dict[str, str] = {}
    for entry in actor_dictionary().values():
        for surface in entry.surfaces:
            index.setdefault(surface, entry.canonical)
    return index


def _words(text: str) -> frozenset[str]:
    from qqtext.extract.actors import segmenter

    canonical = _canonical()
    out = set()
    for token in segmenter().lcut(text):
        word = _clean(token)
        if len(word) >= 2:
            out.add(canonical.get(word, word))
    return frozenset(out)


def _weight(word: str) -> float:
    table, median = _idf()
    return table.get(word, median)


def _features(text: str) -> tuple[frozenset[str], frozenset[str], dict[str, float], float]:
    chars = _clean(text)
    words = {w: _weight(w) ** 2 for w in sorted(_words(text))}
    return _ngrams(chars, 2), _ngrams(chars, 3), words, math.sqrt(math.fsum(words.values()))


def unit_text(unit: Article | Section | Item) -> str:
    """The text a unit is compared on: its paragraphs and items, without heading or item markers."""
    if isinstance(unit, Item):
        return unit.text
    lines: list[str] = []
    for paragraph in unit.paragraphs:
        if paragraph.text:
            lines.append(paragraph.text)
        lines.extend(item.text for item in paragraph.items)
    return "\n".join(lines) if lines else unit.text


def unit_heading(article: int | None, item: int | None = None, *, section: bool = False, sub: int = 0) -> str:
    """A unit's printed label: ``第十三条``, ``第十三条（四）``, ``一、`` for a section.

    ``sub`` names an article inserted after ``article`` (1: 第X条之一).

    >>> unit_heading(13, 4), unit_heading(133, sub=1)
    ('第十三条（四）', '第一百三十三条之一')
    """
    if article is None:
        return ""
    head = f"{to_chinese_number(article)}、" if section else article_label(article, sub)
    return head + (f"（{to_chinese_number(item)}）" if item is not None else "")


def side_heading(doc: Document, article: int | None, item: int | None = None, span: Span | None = None) -> str:
    """:func:`unit_heading` of one side of an alignment row, 之一 articles told apart by ``span``."""
    top = find_unit(doc, article, None, span=span) if article is not None else None
    sub = top.sub if isinstance(top, Article) else 0
    return unit_heading(article, item, section=not doc.articles, sub=sub)


def _top_units(doc: Document) -> tuple[Article | Section, ...]:
    return doc.articles if doc.articles else doc.sections


def _make_unit(index: int, doc: Document, top: Article | Section, item: Item | None) -> _Unit:
    bigrams, trigrams, words, norm = _features(unit_text(item if item is not None else top))
    return _Unit(index, doc.id, top.number, item.number if item is not None else None,
                 (item or top).span, bigrams, trigrams, words, norm)


_UNIT_CACHE: dict[tuple[str, str, str], list[_Unit]] = {}
_UNIT_CACHE_SIZE = 64


def _cached_units(doc: Document, level: Level) -> list[_Unit]:
    """The units of ``doc`` with their features, kept for the last documents seen (segmenting is the slow part)."""
    key = (doc.id, doc.text, level)
    units = _UNIT_CACHE.pop(key, None)
    if units is None:
        if level == "article":
            units = [_make_unit(i, doc, top, None) for i, top in enumerate(_top_units(doc))]
        else:
            units = []
            for top in _top_units(doc):
                for item in top.items:
                    units.append(_make_unit(len(units), doc, top, item))
    _UNIT_CACHE[key] = units  # most recently used last
    while len(_UNIT_CACHE) > _UNIT_CACHE_SIZE:
        del _UNIT_CACHE[next(iter(_UNIT_CACHE))]
    return units


def _article_units(doc: Document) -> list[_Unit]:
    return _cached_units(doc, "article")


def _item_units(doc: Document) -> list[_Unit]:
    return _cached_units(doc, "item")


# ------------------------------------------------------------------ measures


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _word_cosine(a: _Unit, b: _Unit) -> float:
    if not a.word_norm or not b.word_norm:
        return 0.0
    small, large = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    shared = math.fsum(weight for word, weight in small.items() if word in large)
    return min(1.0, shared / (a.word_norm * b.word_norm))


def _containment(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def _measure(a: _Unit, b: _Unit) -> Similarity:
    char = _cosine(a.bigrams, b.bigrams)
    word = _word_cosine(a, b)
    score = min(1.0, (char + word) / 2)
    return Similarity(score, char, word, _containment(a.trigrams, b.trigrams))


def similarity(a: str, b: str) -> Similarity:
    """The measures between two texts: combined ``score``, ``char``, ``word`` and ``containment`` of a in b."""
    ua = _Unit(0, "", None, None, Span(0, len(a)), *_features(a))
    ub = _Unit(0, "", None, None, Span(0, len(b)), *_features(b))
    return _measure(ua, ub)


@dataclass(frozen=True, slots=True)
class _Candidate:
    i: int
    j: int
    score: float
    containment: float


def _contained(a: _Unit, b: _Unit, c_ab: float, contained: float | None) -> bool:
    if contained is None:
        return False
    if len(a.trigrams) >= MIN_CONTAINED_NGRAMS and c_ab >= contained:
        return True
    return len(b.trigrams) >= MIN_CONTAINED_NGRAMS and _containment(b.trigrams, a.trigrams) >= contained


def _candidates(ua: Sequence[_Unit], ub: Sequence[_Unit], threshold: float, contained: float | None,
                pairs: Iterable[tuple[int, int]] | None = None) -> list[_Candidate]:
    """Every eligible pair (score >= threshold, or contained) among ``pairs`` (default: all)."""
    out = []
    todo = pairs if pairs is not None else ((i, j) for i in range(len(ua)) for j in range(len(ub)))
    for i, j in todo:
        a, b = ua[i], ub[j]
        sim = _measure(a, b)
        if sim.score >= threshold or _contained(a, b, sim.containment, contained):
            out.append(_Candidate(i, j, sim.score, sim.containment))
    return out


def _assign(candidates: list[_Candidate]) -> list[_Candidate]:
    """A maximum-weight one-to-one subset of ``candidates`` (scipy if installed, else greedy)."""
    if not candidates:
        return []
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:
        return _greedy(candidates)
    rows = sorted({c.i for c in candidates})
    cols = sorted({c.j for c in candidates})
    r_index = {i: k for k, i in enumerate(rows)}
    c_index = {j: k for k, j in enumerate(cols)}
    weights = np.zeros((len(rows), len(cols)))
    by_cell = {}
    for c in candidates:
        # a tiny bonus keeps an eligible pair of score 0 (paired by containment) above "no pair"
        weights[r_index[c.i], c_index[c.j]] = c.score + 1e-9
        by_cell[(r_index[c.i], c_index[c.j])] = c
    chosen = []
    for r, k in zip(*linear_sum_assignment(weights, maximize=True)):
        if (int(r), int(k)) in by_cell:
            chosen.append(by_cell[(int(r), int(k))])
    return chosen


def _greedy(candidates: list[_Candidate]) -> list[_Candidate]:
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for c in sorted(candidates, key=lambda c: (-c.score, c.i, c.j)):
        if c.i in used_a or c.j in used_b:
            continue
        used_a.add(c.i)
        used_b.add(c.j)
        chosen.append(c)
    return chosen


def _label(score: float, copied: float) -> Label:
    return "copied" if score >= copied else "adapted"


def _pair_row(a: _Unit, b: _Unit, c: _Candidate, copied: float) -> Alignment:
    return Alignment(a.doc, a.article, a.item, b.doc, b.article, b.item, c.score, c.containment,
                     _label(c.score, copied), a.span, b.span)


def _order(ua: Sequence[_Unit], ub: Sequence[_Unit], chosen: list[_Candidate], a_id: str, b_id: str,
           copied: float) -> list[Alignment]:
    """Rows in A's order; each only_b unit right after the row of its paired predecessor in B.

    B units that come before every paired B unit are placed before the first pair (at the end if
    nothing pairs), so both columns read in document order as far as the pairing allows.
    """
    by_a: dict[int, list[_Candidate]] = {}
    for c in chosen:
        by_a.setdefault(c.i, []).append(c)
    anchor_of_b: dict[int, int] = {}  # paired B unit -> the first A unit it is paired with
    for c in sorted(chosen, key=lambda c: (c.j, c.i)):
        anchor_of_b.setdefault(c.j, c.i)
    paired_b = sorted(anchor_of_b)
    after: dict[int, list[int]] = {}  # A unit -> only_b units to show after its rows
    leading: list[int] = []
    for j in range(len(ub)):
        if j in anchor_of_b:
            continue
        k = bisect.bisect_left(paired_b, j)
        if k == 0:
            leading.append(j)
        else:
            after.setdefault(anchor_of_b[paired_b[k - 1]], []).append(j)

    def only_b(j: int) -> Alignment:
        b = ub[j]
        return Alignment(a_id, None, None, b.doc, b.article, b.item, 0.0, 0.0, "only_b", None, b.span)

    rows: list[Alignment] = []
    for i, a in enumerate(ua):
        pairs = sorted(by_a.get(i, []), key=lambda c: c.j)
        if not pairs:
            rows.append(Alignment(a.doc, a.article, a.item, b_id, None, None, 0.0, 0.0, "only_a", a.span, None))
            continue
        rows.extend(only_b(j) for j in leading)
        leading = []
        rows.extend(_pair_row(a, ub[c.j], c, copied) for c in pairs)
        rows.extend(only_b(j) for j in after.get(i, []))
    rows.extend(only_b(j) for j in leading)
    return rows


def align(a: Document, b: Document, *, level: Level = "article", threshold: float = ADAPTED,
          one_to_one: bool = True, copied: float = COPIED, contained: float | None = CONTAINED) -> list[Alignment]:
    """Align document ``a`` with document ``b``.

    Args:
        a, b: the documents (A is the one being compared, e.g. a city's measures).
        level: ``"article"`` (articles, or 意见-style sections) or ``"item"`` (项).
        threshold: the score a pair needs (default :data:`ADAPTED`).
        one_to_one: pair each unit at most once (maximum-weight assignment); ``False`` lists every
            pair above the threshold.
        copied: the score from which a pair is labelled ``copied`` (default :data:`COPIED`).
        contained: containment (either direction) that pairs two units whatever their score
            (default :data:`CONTAINED`); ``None`` to pair on the score alone.

    Returns:
        One :class:`Alignment` per pair and per unpaired unit: at ``one_to_one=True`` every unit of
        A (and of B) appears exactly once.

    Raises:
        ValueError: for an unknown level or a threshold outside [0, 1].
    """
    if level not in ("article", "item"):
        raise ValueError(f"level must be 'article' or 'item', not {level!r}")
    for name, value in (("threshold", threshold), ("copied", copied)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be between 0 and 1, not {value}")
    ua, ub = _article_units(a), _article_units(b)
    if level == "article":
        found = _candidates(ua, ub, threshold, contained)
        chosen = _assign(found) if one_to_one else found
        return _order(ua, ub, chosen, a.id, b.id, copied)

    ia, ib = _item_units(a), _item_units(b)
    if not one_to_one:
        return _order(ia, ib, _candidates(ia, ib, threshold, contained), a.id, b.id, copied)
    # 1. items inside aligned article pairs
    article_pairs = _assign(_candidates(ua, ub, threshold, contained))
    a_items_of: dict[int | None, list[int]] = {}
    b_items_of: dict[int | None, list[int]] = {}
    for k, unit in enumerate(ia):
        a_items_of.setdefault(unit.article, []).append(k)
    for k, unit in enumerate(ib):
        b_items_of.setdefault(unit.article, []).append(k)
    chosen: list[_Candidate] = []
    for pair in article_pairs:
        within = [(i, j) for i in a_items_of.get(ua[pair.i].article, []) for j in b_items_of.get(ub[pair.j].article, [])]
        chosen.extend(_assign(_candidates(ia, ib, threshold, contained, within)))
    # 2. the items left over, across the whole documents
    used_a = {c.i for c in chosen}
    used_b = {c.j for c in chosen}
    rest = [(i, j) for i in range(len(ia)) if i not in used_a for j in range(len(ib)) if j not in used_b]
    chosen.extend(_assign(_candidates(ia, ib, threshold, contained, rest)))
    return _order(ia, ib, chosen, a.id, b.id, copied)


# ------------------------------------------------------------------ tables


def label_counts(alignments: Iterable[Alignment]) -> dict[str, int]:
    """How many rows carry each label, in the order copied, adapted, only_a, only_b."""
    counts = dict.fromkeys(LABELS, 0)
    for row in alignments:
        counts[row.label] += 1
    return counts


def alignment_rows(alignments: Iterable[Alignment], *, docs: Iterable[Document] = ()) -> list[dict[str, Any]]:
    """One dict per alignment with the columns :data:`ALIGNMENT_COLUMNS` (scores rounded to 4 places).

    With ``docs`` (the compared documents), each row also carries ``a_heading``, ``a_text``,
    ``b_heading`` and ``b_text``: the unit's printed label (第十三条（四）) and its text.
    """
    by_id = {doc.id: doc for doc in docs}
    rows = []
    for al in alignments:
        row: dict[str, Any] = {
            "a_doc": al.a_doc, "a_article": al.a_article, "a_item": al.a_item,
            "b_doc": al.b_doc, "b_article": al.b_article, "b_item": al.b_item,
            "score": round(al.score, 4), "containment": round(al.containment, 4), "label": al.label,
            "a_start": al.a_span.start if al.a_span else None, "a_end": al.a_span.end if al.a_span else None,
            "b_start": al.b_span.start if al.b_span else None, "b_end": al.b_span.end if al.b_span else None,
        }
        if by_id:
            for side in ("a", "b"):
                doc = by_id.get(getattr(al, f"{side}_doc"))
                heading, text = _side_text(doc, getattr(al, f"{side}_article"), getattr(al, f"{side}_item"),
                                           getattr(al, f"{side}_span"))
                row[f"{side}_heading"] = heading
                row[f"{side}_text"] = text
        rows.append(row)
    return rows


def _side_text(doc: Document | None, article: int | None, item: int | None, span: Span | None) -> tuple[str, str]:
    if doc is None or article is None:
        return "", ""
    unit = find_unit(doc, article, item, span=span)
    return side_heading(doc, article, item, span), unit_text(unit) if unit is not None else ""


def find_unit(
    doc: Document, article: int, item: int | None = None, *, span: Span | None = None
) -> Article | Section | Item | None:
    """The article (or section) numbered ``article`` of ``doc``, or its item ``item``; ``None`` if absent.

    Without ``span``, an article number names 第X条, not 第X条之一 (which shares its number); with
    the unit's ``span`` (an :class:`Alignment`'s ``a_span``/``b_span``) the unit at that place is found.
    """
    tops = [top for top in _top_units(doc) if top.number == article]
    if span is not None:
        tops = [top for top in tops if top.span.start <= span.start and span.end <= top.span.end] or tops
    else:
        tops = [top for top in tops if not getattr(top, "sub", 0)] or tops
    if not tops:
        return None
    if item is None:
        return tops[0]
    items = [candidate for candidate in tops[0].items if candidate.number == item]
    exact = [candidate for candidate in items if candidate.span == span]
    return (exact or items)[0] if items else None


def alignments_frame(alignments: Iterable[Alignment], *, docs: Iterable[Document] = ()) -> pd.DataFrame:
    """The rows of :func:`alignment_rows` as a pandas DataFrame (article/item/offset columns as ``Int64``)."""
    import pandas as pd

    docs = list(docs)
    columns = list(ALIGNMENT_COLUMNS) + (list(TEXT_COLUMNS) if docs else [])
    frame = pd.DataFrame(alignment_rows(alignments, docs=docs), columns=columns)
    for column in ("a_article", "a_item", "b_article", "b_item", "a_start", "a_end", "b_start", "b_end"):
        frame[column] = frame[column].astype("Int64")
    frame["score"] = frame["score"].astype(float)
    frame["containment"] = frame["containment"].astype(float)
    return frame

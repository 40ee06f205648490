"""Aligning two documents article by article, or item by item: what was copied, adapted, split, merged, left out.

Each unit (an article, or a 意见-style section where a document has no articles; at item level, an
item 项) is compared with every unit of the other document (:mod:`qqtext.compare.measures`: shared
wording, shared content and, with the shipped semantic model, shared meaning), and units are paired.

Labels
------

- ``copied``: near-verbatim (lexical score at least ``COPIED``, 0.80) **and no rule changed**
  (:mod:`qqtext.compare.changes`: no deontic cue, actor, condition, number, deadline or sanction
  differs). The differences are a level word (县级以上人民政府 for 政府), a phrase, a clause that
  states no rule.
- ``adapted``: paired, but reworded or with a rule changed (the row's ``changes`` say which).
- ``only_a`` / ``only_b``: a unit with no partner (score and containment 0).

A pair needs ``score >= threshold`` (default ``ADAPTED``, 0.40, calibrated on a null of unrelated
documents: see :mod:`qqtext.compare.measures`; ``ADAPTED_LEXICAL``, 0.25, with ``model=None``), or a
containment of at least ``CONTAINED`` (0.6) in either direction (:mod:`qqtext.compare.pairing`).

Pairing, splits and merges
--------------------------

One to one first (:func:`qqtext.compare.pairing.choose`): a maximum-weight assignment on the scores
of the pairs the wording supports, then, among the units left, the pairs only their meaning supports
where each unit is the other's best match. Then splits and
merges (:mod:`qqtext.compare.splits`): a unit of A whose content went into two or three neighbouring
units of B (``relation`` ``1:n``), or several of A joined into one of B (``n:1``), each such group
with its ``group`` number and ``group_score`` (the score of the two sides each read as one); the
group's label and changes are those of the whole. ``one_to_one=False`` lists every eligible pair
instead (no groups); units in none are ``only_a`` / ``only_b``.

At item level, articles are aligned first and the items of each aligned article pair are paired
among themselves; the items left over are then paired across the whole documents, since an item of
a list carries its own rule (驻马店 第三十二条 （一）–（十） against 济南 第十三条).

Rows come in A's order; an ``only_b`` row is placed right after the pair that holds the B unit
before it, so both columns read in document order as far as the pairing allows.

>>> from qqtext.parse import parse_text
>>> a = parse_text("第一条 采购人应当在三十日内支付款项。", doc_id="a")
>>> b = parse_text("第一条 采购人应当在六十日内支付款项。", doc_id="b")
>>> [(row.label, row.changes[0].label) for row in align(a, b)]
[('adapted', '期限改变：三十日 → 六十日')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from qqtext.compare.changes import Change, rule_changes
from qqtext.compare.measures import (
    ADAPTED,
    ADAPTED_LEXICAL,
    CONTAINED,
    COPIED,
    DEFAULT_MODEL,
    LOOSE,
    MIN_CONTAINED_NGRAMS,
    Level,
    Similarity,
    Unit,
    default_threshold,
    measure,
    resolve_model,
    similarity,
    top_units,
    unit_text,
    units,
)
from qqtext.compare.pairing import Candidate, candidates, choose
from qqtext.compare.splits import Group, Relation, find_groups
from qqtext.model import Article, Document, Item, Section, Span
from qqtext.numerals import article_label, to_chinese_number

if TYPE_CHECKING:
    import pandas as pd

    from qqtext.compare.semantic import Encoder

__all__ = [
    "Alignment",
    "Label",
    "Level",
    "Relation",
    "Similarity",
    "COPIED",
    "ADAPTED",
    "ADAPTED_LEXICAL",
    "LOOSE",
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

LABELS: tuple[Label, ...] = ("copied", "adapted", "only_a", "only_b")

#: The columns of :func:`alignment_rows` (plus ``a_heading, a_text, b_heading, b_text`` when documents are given).
ALIGNMENT_COLUMNS = (
    "a_doc", "a_article", "a_item", "b_doc", "b_article", "b_item",
    "score", "containment", "label", "a_start", "a_end", "b_start", "b_end",
    "lexical", "semantic", "relation", "group", "group_score", "changes",
)
TEXT_COLUMNS = ("a_heading", "a_text", "b_heading", "b_text")


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
        lexical: the score of shared wording and content alone (``copied`` is decided on it).
        semantic: the semantic measure (``None`` without a model or for an unpaired unit).
        relation: ``1:1``, ``1:n`` (A's unit split into several of B), ``n:1`` (several merged into
            one), ``""`` for an unpaired unit.
        group: the split or merge this row belongs to (numbered from 1 within the alignment), else ``None``.
        group_score: the score of the group's two sides each read as one, else ``None``.
        changes: what changed in the rules from A to B (a split or merge lists them on its first row).
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
    lexical: float = 0.0
    semantic: float | None = None
    relation: Relation = ""
    group: int | None = None
    group_score: float | None = None
    changes: tuple[Change, ...] = ()

    @property
    def paired(self) -> bool:
        """Whether the row pairs two units (``copied`` or ``adapted``)."""
        return self.label in ("copied", "adapted")


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


# ------------------------------------------------------------------ rows


@dataclass(frozen=True, slots=True)
class _Pair:
    """What a chosen pair's row carries besides its units."""

    sim: Similarity
    label: Label
    relation: Relation = "1:1"
    group: int | None = None
    group_score: float | None = None
    changes: tuple[Change, ...] = ()


def _model_unit(doc: Document, unit: Unit) -> Article | Section | Item | None:
    return find_unit(doc, unit.article, unit.item, span=unit.span) if unit.article is not None else None


def _changes_between(a: Document, ua: Sequence[Unit], b: Document, ub: Sequence[Unit],
                     encoder: Encoder | None) -> tuple[Change, ...]:
    left = [m for m in (_model_unit(a, u) for u in ua) if m is not None]
    right = [m for m in (_model_unit(b, u) for u in ub) if m is not None]
    return rule_changes(a, left, b, right, encoder=encoder) if left and right else ()


def _label(lexical: float, copied: float, changes: tuple[Change, ...]) -> Label:
    return "copied" if lexical >= copied and not changes else "adapted"


def _pairs(a: Document, b: Document, ua: Sequence[Unit], ub: Sequence[Unit], chosen: list[Candidate],
           groups: list[Group], *, copied: float, with_changes: bool, floor: float,
           encoder: Encoder | None) -> tuple[list[Candidate], dict[tuple[int, int], _Pair]]:
    """The final pairs (groups replacing the one-to-one pairs of their units) and what each row carries."""
    in_group_a = {i for g in groups for i in g.a}
    in_group_b = {j for g in groups for j in g.b}
    final = [c for c in chosen if c.i not in in_group_a and c.j not in in_group_b]
    info: dict[tuple[int, int], _Pair] = {}
    for c in final:
        changes = _changes_between(a, [ua[c.i]], b, [ub[c.j]], encoder) if with_changes else ()
        info[(c.i, c.j)] = _Pair(c.sim, _label(c.sim.lexical, copied, changes), changes=changes)
    for number, group in enumerate(groups, 1):
        changes = _changes_between(a, [ua[i] for i in group.a], b, [ub[j] for j in group.b], encoder) \
            if with_changes else ()
        label = _label(group.sim.lexical, copied, changes)
        members = sorted((i, j) for i in group.a for j in group.b)
        for k, (i, j) in enumerate(members):
            sim = measure(ua[i], ub[j], floor)
            final.append(Candidate(i, j, sim))
            info[(i, j)] = _Pair(sim, label, group.relation, number, group.sim.score, changes if k == 0 else ())
    return final, info


def _order(ua: Sequence[Unit], ub: Sequence[Unit], chosen: list[Candidate], info: dict[tuple[int, int], _Pair],
           a_id: str, b_id: str) -> list[Alignment]:
    """Rows in A's order; each only_b unit right after the row of its paired predecessor in B.

    B units that come before every paired B unit are placed before the first pair (at the end if
    nothing pairs), so both columns read in document order as far as the pairing allows.
    """
    by_a: dict[int, list[Candidate]] = {}
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

    def pair_row(a: Unit, b: Unit, pair: _Pair) -> Alignment:
        sim = pair.sim
        return Alignment(a.doc, a.article, a.item, b.doc, b.article, b.item, sim.score, sim.containment, pair.label,
                         a.span, b.span, sim.lexical, sim.semantic, pair.relation, pair.group, pair.group_score,
                         pair.changes)

    rows: list[Alignment] = []
    for i, a in enumerate(ua):
        pairs = sorted(by_a.get(i, []), key=lambda c: c.j)
        if not pairs:
            rows.append(Alignment(a.doc, a.article, a.item, b_id, None, None, 0.0, 0.0, "only_a", a.span, None))
            continue
        rows.extend(only_b(j) for j in leading)
        leading = []
        rows.extend(pair_row(a, ub[c.j], info[(c.i, c.j)]) for c in pairs)
        rows.extend(only_b(j) for j in after.get(i, []))
    rows.extend(only_b(j) for j in leading)
    return rows


def align(a: Document, b: Document, *, level: Level = "article", threshold: float | None = None,
          one_to_one: bool = True, copied: float = COPIED, contained: float | None = CONTAINED,
          model: object = DEFAULT_MODEL, groups: bool = True, changes: bool = True) -> list[Alignment]:
    """Align document ``a`` with document ``b``.

    Args:
        a, b: the documents (A is the one being compared, e.g. a city's measures, or the old version).
        level: ``"article"`` (articles, or 意见-style sections) or ``"item"`` (项).
        threshold: the score a pair needs (default :data:`ADAPTED`, or :data:`ADAPTED_LEXICAL`
            without a model).
        one_to_one: pair each unit at most once (maximum-weight assignment, then splits and merges);
            ``False`` lists every pair above the threshold.
        copied: the lexical score from which an unchanged pair is ``copied`` (default :data:`COPIED`).
        contained: containment (either direction) that pairs two units whatever their score
            (default :data:`CONTAINED`); ``None`` to pair on the score alone.
        model: ``"default"`` (the shipped semantic model), ``None`` (lexical measures only), a path
            (:func:`qqtext.compare.semantic.load_model`) or an object with ``encode(texts)``.
        groups: look for splits and merges (with ``one_to_one``).
        changes: compare the rules of every pair (:mod:`qqtext.compare.changes`); without, a pair is
            ``copied`` on its lexical score alone.

    Returns:
        One :class:`Alignment` per pair and per unpaired unit: at ``one_to_one=True`` every unit of
        A (and of B) appears exactly once, except a unit of a split or merge, which appears once per
        unit of the other side of its group.

    Raises:
        ValueError: for an unknown level or a threshold outside [0, 1].
        qqtext.errors.ModelError: for a model path that holds no model.
    """
    from qqtext.compare.semantic import floor as model_floor

    if level not in ("article", "item"):
        raise ValueError(f"level must be 'article' or 'item', not {level!r}")
    encoder = resolve_model(model)
    if threshold is None:
        threshold = default_threshold(encoder)
    for name, value in (("threshold", threshold), ("copied", copied)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be between 0 and 1, not {value}")
    floor = model_floor(encoder) if encoder is not None else 0.0
    ua, ub = units(a, "article", encoder), units(b, "article", encoder)
    options = {"copied": copied, "with_changes": changes, "floor": floor, "encoder": encoder}
    if level == "article":
        found = candidates(ua, ub, threshold, contained, floor)
        chosen = choose(found, semantic=encoder is not None) if one_to_one else found
        grouped = find_groups(ua, ub, chosen, found, threshold=threshold, floor=floor, encoder=encoder) \
            if one_to_one and groups else []
        final, info = _pairs(a, b, ua, ub, chosen, grouped, **options)
        return _order(ua, ub, final, info, a.id, b.id)

    ia, ib = units(a, "item", encoder), units(b, "item", encoder)
    if not one_to_one:
        found = candidates(ia, ib, threshold, contained, floor)
        final, info = _pairs(a, b, ia, ib, found, [], **options)
        return _order(ia, ib, final, info, a.id, b.id)
    # 1. items inside aligned article pairs
    article_pairs = choose(candidates(ua, ub, threshold, contained, floor), semantic=encoder is not None)
    a_items_of: dict[int | None, list[int]] = {}
    b_items_of: dict[int | None, list[int]] = {}
    for k, unit in enumerate(ia):
        a_items_of.setdefault(unit.article, []).append(k)
    for k, unit in enumerate(ib):
        b_items_of.setdefault(unit.article, []).append(k)
    chosen: list[Candidate] = []
    found = []
    for pair in article_pairs:
        within = [(i, j) for i in a_items_of.get(ua[pair.i].article, []) for j in b_items_of.get(ub[pair.j].article, [])]
        inside = candidates(ia, ib, threshold, contained, floor, within)
        found.extend(inside)
        chosen.extend(choose(inside, semantic=encoder is not None))
    # 2. the items left over, across the whole documents
    used_a = {c.i for c in chosen}
    used_b = {c.j for c in chosen}
    rest = [(i, j) for i in range(len(ia)) if i not in used_a for j in range(len(ib)) if j not in used_b]
    across = candidates(ia, ib, threshold, contained, floor, rest)
    found.extend(across)
    chosen.extend(choose(across, semantic=encoder is not None))
    grouped = find_groups(ia, ib, chosen, found, threshold=threshold, floor=floor, encoder=encoder) if groups else []
    final, info = _pairs(a, b, ia, ib, chosen, grouped, **options)
    return _order(ia, ib, final, info, a.id, b.id)


# ------------------------------------------------------------------ tables


def label_counts(alignments: Iterable[Alignment]) -> dict[str, int]:
    """How many rows carry each label, in the order copied, adapted, only_a, only_b."""
    counts = dict.fromkeys(LABELS, 0)
    for row in alignments:
        counts[row.label] += 1
    return counts


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def alignment_rows(alignments: Iterable[Alignment], *, docs: Iterable[Document] = ()) -> list[dict[str, Any]]:
    """One dict per alignment with the columns :data:`ALIGNMENT_COLUMNS` (scores rounded to 4 places).

    ``changes`` is the row's rule changes in words (义务加强：可以 → 应当；期限改变：三十日 → 六十日); the
    full table with offsets is :func:`qqtext.compare.changes.change_rows`. With ``docs`` (the compared
    documents), each row also carries ``a_heading``, ``a_text``, ``b_heading`` and ``b_text``: the
    unit's printed label (第十三条（四）) and its text.
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
            "lexical": round(al.lexical, 4) if al.paired else None, "semantic": _rounded(al.semantic),
            "relation": al.relation, "group": al.group, "group_score": _rounded(al.group_score),
            "changes": "；".join(change.label for change in al.changes),
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
    tops = [top for top in top_units(doc) if top.number == article]
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
    for column in ("a_article", "a_item", "b_article", "b_item", "a_start", "a_end", "b_start", "b_end", "group"):
        frame[column] = frame[column].astype("Int64")
    for column in ("score", "containment", "lexical", "semantic", "group_score"):
        frame[column] = frame[column].astype(float)
    return frame

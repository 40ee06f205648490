"""Splits and merges: one article of A that became two or three of B (1:n), or several that became one (n:1).

A one-to-one pairing can show a split only as a pair and a "new" article: when 第十条 of an old version
becomes 第十二条 and 第十三条 of the new one, one of the two is paired and the other is reported
``only_b``. After the one-to-one pairing, each unit is therefore tried against groups of units of the
other side:

* **parts**: a unit ``p`` of the other side is a part of unit ``u`` when at least :data:`PART` (half)
  of ``p``'s character trigrams are found in ``u`` (``p`` has at least
  :data:`~qqtext.compare.measures.MIN_CONTAINED_NGRAMS` of them), or when the pair's score reaches
  the threshold with a lexical score of at least :data:`~qqtext.compare.measures.ADAPTED_LEXICAL`
  (meaning alone makes no split); and ``p`` is not paired with another unit;
* **near one another**: the parts of a group follow one another in their document with at most
  :data:`MAX_GAP` units between two of them (an article is split into neighbours; a merge joins
  neighbours), at most :data:`MAX_PARTS` of them;
* **better together**: the group starts from ``u``'s partner in the one-to-one pairing (else the part
  that holds most of ``u``), takes the parts mostly made of ``u``'s text, then greedily each part that
  adds at least :data:`PART_GAIN` to the share of ``u``'s character trigrams the group holds; it is a
  group if every further part is mostly made of ``u``'s text, or if together they hold at least
  :data:`COVER_GAIN` more of ``u`` than its first part alone; and ``u`` against the parts read as one
  (their n-grams, words and text vector together) scores at least the threshold;
* **each part holds its piece**: at least :data:`MIN_OWN` of every part's trigrams are in ``u`` and in
  no other part of the group (a new article that only repeats the old one's words, 自然人、法人和其他组织
  …依法享受税收优惠, is no part of it), and the parts together hold at least :data:`MIN_COVERED` of ``u``
  unless each part is mostly made of ``u``'s text (a whole much longer than its parts: 实施细则 二、精简会议
  活动和文件简报 holds the 八项规定's 二、 and 三、 in a few lines each).

Groups are taken best combined score first, each unit in at most one group. Looked for both ways, the
result does not depend on which document is A: a split of A → B is a merge of B → A.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from qqtext.compare.measures import ADAPTED_LEXICAL, MIN_CONTAINED_NGRAMS, Similarity, Unit, containment, joined, measure
from qqtext.compare.pairing import Candidate

if TYPE_CHECKING:
    from qqtext.compare.semantic import Encoder

__all__ = ["Group", "Relation", "find_groups", "PART", "COVER_GAIN", "PART_GAIN", "MIN_OWN", "MIN_COVERED",
           "MAX_GAP", "MAX_PARTS"]

Relation = Literal["1:1", "1:n", "n:1", ""]

#: Share of a part's character trigrams found in the whole.
PART = 0.5
#: How much more of the whole's trigrams the parts together must cover than its first part alone.
COVER_GAIN = 0.10
#: How much each further part must add to what the group covers.
PART_GAIN = 0.05
#: At least this share of every part's trigrams must be in the whole and in no other part of the group.
MIN_OWN = 0.05
#: The parts together must hold at least this share of the whole (unless each is mostly the whole's text).
MIN_COVERED = 0.4
#: Units that may stand between two parts of a group.
MAX_GAP = 1
#: The most parts a group has.
MAX_PARTS = 3


@dataclass(frozen=True, slots=True)
class Group:
    """A split (``1:n``: one unit of A, several of B) or a merge (``n:1``), with the score of the whole.

    Attributes:
        a, b: indices of the units of A and of B in the group (one side has one).
        sim: the measures of A's unit(s) against B's unit(s), each side read as one.
        relation: ``"1:n"`` or ``"n:1"``.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    sim: Similarity
    relation: Relation


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for k in sorted(indices):
        if runs and k - runs[-1][-1] <= MAX_GAP + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return [run for run in runs if len(run) >= 2]


def _coverage(whole: Unit, parts: Sequence[Unit]) -> float:
    """The share of ``whole``'s character trigrams found in the parts together."""
    found = frozenset().union(*(part.trigrams for part in parts)) if parts else frozenset()
    return containment(whole.trigrams, found)


def _own(whole: Unit, part: Unit, others: Sequence[Unit]) -> float:
    """The share of ``part``'s trigrams that are in ``whole`` and in none of the ``others``."""
    rest = frozenset().union(*(other.trigrams for other in others)) if others else frozenset()
    return len((part.trigrams & whole.trigrams) - rest) / len(part.trigrams) if part.trigrams else 0.0


def _proposals(whole: Sequence[Unit], parts: Sequence[Unit], partner_of_whole: dict[int, int],
               partner_of_part: dict[int, int], scored: dict[tuple[int, int], Similarity], threshold: float,
               floor: float, encoder: Encoder | None) -> list[tuple[int, tuple[int, ...], Similarity]]:
    """``scored[(w, p)]``: the measures of the eligible pairs (whole ``w``, part ``p``)."""
    out = []
    for w, unit in enumerate(whole):
        if len(unit.trigrams) < MIN_CONTAINED_NGRAMS:
            continue
        eligible: list[int] = []
        inside: set[int] = set()  # parts whose own text is mostly in the whole
        for p, part in enumerate(parts):
            owner = partner_of_part.get(p)
            if owner is not None and owner != w:
                continue
            share = containment(part.trigrams, unit.trigrams) if len(part.trigrams) >= MIN_CONTAINED_NGRAMS else 0.0
            sim = scored.get((w, p))
            if share >= PART:
                inside.add(p)
            if share >= PART or (sim is not None and sim.score >= threshold and sim.lexical >= ADAPTED_LEXICAL):
                eligible.append(p)  # a part shares wording with the whole: meaning alone makes no split
        if len(eligible) < 2:
            continue
        partner = partner_of_whole.get(w)
        for run in _runs(eligible):
            if partner is not None and partner not in run:
                continue  # a paired unit keeps its partner: the group must hold it
            # the part that covers most of the whole (its partner, if it has one); then the parts mostly
            # made of the whole's text; then each part that adds to what the group covers, most first
            first = partner if partner is not None else max(run, key=lambda p: (_coverage(unit, [parts[p]]), -p))
            chosen = [first] + sorted((p for p in run if p in inside and p != first),
                                      key=lambda p: (-containment(parts[p].trigrams, unit.trigrams), p))
            chosen = chosen[:MAX_PARTS]
            alone = _coverage(unit, [parts[first]])
            covered = _coverage(unit, [parts[p] for p in chosen])
            while len(chosen) < MAX_PARTS:
                gains = [(_coverage(unit, [parts[q] for q in chosen + [p]]) - covered, -p, p)
                         for p in run if p not in chosen]
                if not gains:
                    break
                gain, _, best = max(gains)
                if gain < PART_GAIN:
                    break
                chosen.append(best)
                covered += gain
            chosen.sort()
            held = all(p in inside for p in chosen if p != first)
            if len(chosen) < 2 or (covered - alone < COVER_GAIN and not held) or _runs(chosen) != [chosen]:
                continue
            if covered < MIN_COVERED and not held:
                continue  # too little of the whole is in the parts
            if any(_own(unit, parts[p], [parts[q] for q in chosen if q != p]) < MIN_OWN for p in chosen):
                continue  # a part that holds nothing of the whole the others do not hold
            together = measure(unit, joined([parts[p] for p in chosen], encoder), floor)
            if together.score >= threshold:
                out.append((w, tuple(chosen), together))
    return out


def find_groups(ua: Sequence[Unit], ub: Sequence[Unit], chosen: Sequence[Candidate], found: Sequence[Candidate], *,
                threshold: float, floor: float = 0.0, encoder: Encoder | None = None) -> list[Group]:
    """The splits and merges between ``ua`` and ``ub`` given the one-to-one pairs ``chosen`` among the
    eligible pairs ``found``.

    Returns:
        Groups in A's order (by their first unit of A).
    """
    partner_a = {c.i: c.j for c in chosen}
    partner_b = {c.j: c.i for c in chosen}
    ab = {(c.i, c.j): c.sim for c in found}
    ba = {(j, i): sim for (i, j), sim in ab.items()}
    proposals: list[Group] = []
    for w, run, sim in _proposals(ua, ub, partner_a, partner_b, ab, threshold, floor, encoder):
        proposals.append(Group((w,), run, sim, "1:n"))
    for w, run, sim in _proposals(ub, ua, partner_b, partner_a, ba, threshold, floor, encoder):
        proposals.append(Group(run, (w,), sim, "n:1"))
    proposals.sort(key=lambda g: (-round(g.sim.score, 9), len(g.a) + len(g.b), min(g.a), min(g.b)))
    used_a: set[int] = set()
    used_b: set[int] = set()
    accepted = []
    for group in proposals:
        if used_a.intersection(group.a) or used_b.intersection(group.b):
            continue
        used_a.update(group.a)
        used_b.update(group.b)
        accepted.append(group)
    return sorted(accepted, key=lambda g: (min(g.a), min(g.b)))

"""Pairing units: the eligible pairs of two documents and a one-to-one choice among them.

A pair is eligible when its score reaches the threshold, or when one unit's character trigrams are at
least ``contained`` (0.6) found in the other and that unit has at least
:data:`~qqtext.compare.measures.MIN_CONTAINED_NGRAMS` trigrams (a short clause copied into a long
article still pairs).

The choice (:func:`choose`) is made in two rounds. First the pairs the wording supports (lexical
score at least :data:`~qqtext.compare.measures.ADAPTED_LEXICAL`, or contained): a maximum-weight
assignment on their scores (:func:`scipy.optimize.linear_sum_assignment`; greedy best-first, ties
broken by document order, where scipy cannot be imported). Then, among the units left, a pair only
its meaning supports is taken if each unit is the other's best match. Without that second rule a
maximum-weight assignment over every eligible pair trades one strong pair for two weak ones: in
山东 2020 ↔ national 2019 it gave 第四条 (组织领导) national 第八条 (营商环境评价) so that 第五十二条 could
have 第七条 (组织领导), when 第四条 ↔ 第七条 is each other's best match. Documents in one domain are
all about one matter, and meaning alone ranks well but pairs loosely.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qqtext.compare.measures import MIN_CONTAINED_NGRAMS, Similarity, Unit, containment, measure

__all__ = ["Candidate", "candidates", "assign", "greedy", "contained", "choose"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An eligible pair: unit ``i`` of A, unit ``j`` of B, and their measures."""

    i: int
    j: int
    sim: Similarity
    held: bool = False  # one unit mostly contained in the other

    @property
    def score(self) -> float:
        """The combined score."""
        return self.sim.score


def contained(a: Unit, b: Unit, c_ab: float, share: float | None) -> bool:
    """Whether either unit is at least ``share`` contained in the other (``None``: never)."""
    if share is None:
        return False
    if len(a.trigrams) >= MIN_CONTAINED_NGRAMS and c_ab >= share:
        return True
    return len(b.trigrams) >= MIN_CONTAINED_NGRAMS and containment(b.trigrams, a.trigrams) >= share


def candidates(ua: Sequence[Unit], ub: Sequence[Unit], threshold: float, share: float | None, floor: float = 0.0,
               pairs: Iterable[tuple[int, int]] | None = None) -> list[Candidate]:
    """Every eligible pair (score >= threshold, or contained) among ``pairs`` (default: all)."""
    out = []
    todo = pairs if pairs is not None else ((i, j) for i in range(len(ua)) for j in range(len(ub)))
    for i, j in todo:
        a, b = ua[i], ub[j]
        sim = measure(a, b, floor)
        if sim.score >= threshold:
            out.append(Candidate(i, j, sim, contained(a, b, sim.containment, share)))
        elif contained(a, b, sim.containment, share):
            out.append(Candidate(i, j, sim, True))
    return out


def assign(found: list[Candidate]) -> list[Candidate]:
    """A maximum-weight one-to-one subset of ``found`` (scipy if installed, else :func:`greedy`)."""
    if not found:
        return []
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:
        return greedy(found)
    rows = sorted({c.i for c in found})
    cols = sorted({c.j for c in found})
    r_index = {i: k for k, i in enumerate(rows)}
    c_index = {j: k for k, j in enumerate(cols)}
    weights = np.zeros((len(rows), len(cols)))
    by_cell = {}
    for c in found:
        # a tiny bonus keeps an eligible pair of score 0 (paired by containment) above "no pair"
        weights[r_index[c.i], c_index[c.j]] = c.score + 1e-9
        by_cell[(r_index[c.i], c_index[c.j])] = c
    chosen = []
    for r, k in zip(*linear_sum_assignment(weights, maximize=True)):
        if (int(r), int(k)) in by_cell:
            chosen.append(by_cell[(int(r), int(k))])
    return chosen


def greedy(found: list[Candidate]) -> list[Candidate]:
    """Best first, each unit at most once, ties broken by document order."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for c in sorted(found, key=lambda c: (-c.score, c.i, c.j)):
        if c.i in used_a or c.j in used_b:
            continue
        used_a.add(c.i)
        used_b.add(c.j)
        chosen.append(c)
    return chosen


def choose(found: list[Candidate], *, semantic: bool) -> list[Candidate]:
    """The one-to-one pairs among ``found`` (see the module docstring); ``semantic``: the scores hold a
    semantic measure (else every eligible pair is supported by its wording)."""
    from qqtext.compare.measures import ADAPTED_LEXICAL

    if not semantic:
        return assign(found)
    worded = [c for c in found if c.sim.lexical >= ADAPTED_LEXICAL or c.held]
    chosen = assign(worded)
    used_a = {c.i for c in chosen}
    used_b = {c.j for c in chosen}
    rest = [c for c in found if c.i not in used_a and c.j not in used_b]
    best_of_a: dict[int, Candidate] = {}
    best_of_b: dict[int, Candidate] = {}
    for c in sorted(rest, key=lambda c: (-c.score, c.i, c.j)):
        best_of_a.setdefault(c.i, c)
        best_of_b.setdefault(c.j, c)
    chosen.extend(c for c in best_of_a.values() if best_of_b.get(c.j) is c)
    return chosen


"""Pairing units: the eligible pairs of two documents and a maximum-weight one-to-one choice among them.

A pair is eligible when its score reaches the threshold, or when one unit's character trigrams are at
least ``contained`` (0.6) found in the other and that unit has at least
:data:`~qqtext.compare.measures.MIN_CONTAINED_NGRAMS` trigrams (a short clause copied into a long
article still pairs). The one-to-one choice is :func:`scipy.optimize.linear_sum_assignment` on the
scores (greedy best-first, ties broken by document order, where scipy cannot be imported).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qqtext.compare.measures import MIN_CONTAINED_NGRAMS, Similarity, Unit, containment, measure

__all__ = ["Candidate", "candidates", "assign", "greedy", "contained"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An eligible pair: unit ``i`` of A, unit ``j`` of B, and their measures."""

    i: int
    j: int
    sim: Similarity

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
        if sim.score >= threshold or contained(a, b, sim.containment, share):
            out.append(Candidate(i, j, sim))
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

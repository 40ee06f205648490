"""Scoring extracted norms against hand-annotated gold (precision, recall, F1 per field).

Gold is JSON Lines, one norm per line (see ``tests/data/gold/GUIDELINES.md``)::

    {"sentence": "<sentence id>", "cue": "不许", "at": 40, "deontic": "prohibition",
     "actor": ["机关单位工作人员"], "actor_implicit": true, "aim": "单独指派、专程接送", "object": null,
     "conditions": ["经单位批准"], "or_else": null}

A predicted norm and a gold norm are the same norm when they sit in the same sentence with the cue at
the same offset. Per field:

* ``cue``: the norm is found (whatever its class); ``deontic``: found with the right class;
* ``actor``: over ``(norm, actor)`` pairs, so a coordinated list counts each member;
* ``condition``: over ``(norm, condition)`` pairs, a condition matching when one text contains the other;
* ``aim``: over norms, the predicted aim starting with the gold aim;
* ``object``: over norms, both empty or one object containing the other;
* ``actor_implicit``: over norms found by both, agreement of the flag (precision = recall = accuracy).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qqtext.extract.norms import Norm
from qqtext.model import Document

__all__ = ["Score", "read_gold", "score_norms"]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and the derived precision, recall and F1 of one field."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  ({self.true_positives}/{self.predicted} pred, {self.gold} gold)"


def read_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read a gold JSONL file."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _key(sentence: str, at: int) -> tuple[str, int]:
    return sentence, at


def score_norms(doc: Document, predicted: Iterable[Norm], gold: list[dict[str, Any]]) -> dict[str, Score]:
    """Score ``predicted`` norms of ``doc`` against ``gold`` records, field by field."""
    starts = {sentence.id: sentence.span.start for _, sentence in doc.sentences()}
    pred = {_key(n.unit, n.cue_span.start - starts[n.unit]): n for n in predicted}
    truth = {_key(g["sentence"], g["at"]): g for g in gold}
    common = pred.keys() & truth.keys()

    def pairs_score(pred_pairs: set, gold_pairs: set, match=None) -> Score:
        if match is None:
            hits = len(pred_pairs & gold_pairs)
        else:
            hits = sum(1 for p in pred_pairs if any(match(p, g) for g in gold_pairs if g[0] == p[0]))
        return Score(hits, len(pred_pairs), len(gold_pairs))

    def contains(p: tuple, g: tuple) -> bool:
        return p[1] in g[1] or g[1] in p[1]

    implicit_agree = sum(1 for k in common if pred[k].actor_implicit == truth[k]["actor_implicit"])
    aim_hits = sum(1 for k in common if truth[k]["aim"] and pred[k].aim.startswith(truth[k]["aim"]))
    object_hits = sum(1 for k in common if _same_object(pred[k].object, truth[k].get("object")))
    return {
        "cue": Score(len(common), len(pred), len(truth)),
        "deontic": Score(sum(1 for k in common if pred[k].deontic == truth[k]["deontic"]), len(pred), len(truth)),
        "actor": pairs_score(
            {(k, a) for k, n in pred.items() for a in n.actor},
            {(k, a) for k, g in truth.items() for a in g["actor"]},
        ),
        "condition": pairs_score(
            {(k, c) for k, n in pred.items() for c in n.conditions},
            {(k, c) for k, g in truth.items() for c in g["conditions"]},
            match=contains,
        ),
        "aim": Score(aim_hits, len(pred), len(truth)),
        "object": Score(object_hits, len(pred), len(truth)),
        "actor_implicit": Score(implicit_agree, len(common), len(common)),
    }


def _same_object(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return not predicted and not gold
    return predicted in gold or gold in predicted

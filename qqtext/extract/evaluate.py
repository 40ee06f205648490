"""Scoring extracted norms against hand-annotated gold (precision, recall, F1 per field).

Gold is JSON Lines, one norm per line (see ``tests/data/gold/GUIDELINES.md``)::

    {"sentence": "<sentence id>", "cue": "不许", "at": 40, "deontic": "prohibition",
     "actor": ["机关单位工作人员"], "actor_implicit": true, "aim": "单独指派、专程接送", "object": null,
     "conditions": ["经单位批准"], "or_else": null}

A predicted norm and a gold norm are the same norm when they sit in the same sentence with the cue at
the same offset. Per field:

* ``cue``: the norm is found (whatever its class); ``deontic``: found with the right class;
* ``actor``: over ``(norm, actor)`` pairs, so a coordinated list counts each member; a predicted
  specific actor counts under the dictionary actor its head names (:func:`~qqtext.extract.actors.actor_group`:
  投资主管部门 is a 职能部门), as the canonical gold of ``GUIDELINES.md`` records it;
* ``condition``: over ``(norm, condition)`` pairs, a condition matching when one text contains the other;
* ``aim``: over norms, the predicted aim starting with the gold aim;
* ``object``: over norms, both empty or one object containing the other;
* ``actor_implicit``: over norms found by both, agreement of the flag (precision = recall = accuracy).

Gold of the texts the extractor was never tuned on (``tests/data/gold/dev/``, see
``GUIDELINES-dev.md``) records each actor in its specific written form with a type, and items that
carry their lead-in's cue (``cue_implicit``). :func:`score_norms` then also gives:

* ``actor_specific``: over ``(norm, actor)`` pairs, the predicted ``actor_surface`` against the gold
  actor, both passed through :func:`specific_form` (level, place and quantity words in front dropped);
* ``actor_type``: over the actor pairs both have, agreement of the type;
* ``weak_cue_false``: predicted norms cued by a weak cue (:data:`WEAK_CUES`) that are no gold norm,
  as ``Score(false, predicted weak, gold)``: its *precision* is the false-positive rate.

An item norm with an implicit cue is keyed by its sentence alone (it has no cue offset).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qqtext.extract.actors import actor_group
from qqtext.extract.norms import Norm
from qqtext.model import Document

__all__ = ["Score", "read_gold", "score_norms", "specific_form", "WEAK_CUES"]

#: Cue strings that are often no cue at all (索要, 可预期, 负责人, 避免重复): their false positives are counted.
WEAK_CUES = frozenset({"可", "要", "允许", "避免", "负责"})

def specific_form(actor: str) -> str:
    """An actor as written, without the level, place or quantity words in front (see
    :func:`qqtext.extract.subjects.specific_form`), so 县级以上地方人民政府 and 人民政府 are one actor, and
    without the body a person belongs to (幼儿园园长 and 园长 are one actor; see
    :func:`qqtext.extract.specific.member_of`).

    >>> specific_form("县级以上地方人民政府"), specific_form("湖州市人民政府"), specific_form("市场监督管理部门")
    ('人民政府', '人民政府', '市场监督管理部门')
    """
    from qqtext.extract.specific import member_of
    from qqtext.extract.subjects import specific_form as strip

    name = strip(RE_PLACE.sub("", actor.strip()))
    member = member_of(name)
    return strip(member) if member else name


# a place name before its government: 湖州市人民政府 (the segmenter tags it; a gold string has no tags;
# a one-character level such as 市人民政府 is dropped by specific_form itself)
RE_PLACE = re.compile(r"^[\u4e00-\u9fa5]{2,3}[省市县区](?=人民政府|政府|人大|有关|相关)")


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


def _key(sentence: str, at: int | str) -> tuple[str, int | str]:
    return sentence, at


def _predicted_key(norm: Norm, starts: dict[str, int]) -> tuple[str, int | str]:
    if getattr(norm, "cue_implicit", False):
        return _key(norm.unit, "implicit")
    return _key(norm.unit, norm.cue_span.start - starts[norm.unit])


def _gold_key(record: dict[str, Any]) -> tuple[str, int | str]:
    return _key(record["sentence"], "implicit" if record.get("cue_implicit") else record["at"])


def score_norms(doc: Document, predicted: Iterable[Norm], gold: list[dict[str, Any]]) -> dict[str, Score]:
    """Score ``predicted`` norms of ``doc`` against ``gold`` records, field by field."""
    starts = {sentence.id: sentence.span.start for _, sentence in doc.sentences()}
    pred = {_predicted_key(n, starts): n for n in predicted}
    truth = {_gold_key(g): g for g in gold}
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
    scores = {
        "cue": Score(len(common), len(pred), len(truth)),
        "deontic": Score(sum(1 for k in common if pred[k].deontic == truth[k]["deontic"]), len(pred), len(truth)),
        "actor": pairs_score(
            {(k, actor_group(a)) for k, n in pred.items() for a in n.actor},
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
    if any("actor_type" in g for g in gold):
        scores.update(_specific_scores(pred, truth))
    return scores


def unqualified_form(actor: str) -> str:
    """A specific form without a restrictive clause in front (接到举报的部门 -> 部门, 实行排污许可管理的企业事业单位 ->
    企业事业单位): annotators kept such a clause in about 7 cases of 10 and stripped it in the others, so
    ``actor_unqualified`` is reported beside ``actor_specific`` (which stays the target's measure).

    >>> unqualified_form("接到举报的部门"), unqualified_form("危险物品的生产单位"), unqualified_form("人民政府")
    ('部门', '生产单位', '人民政府')
    """
    from qqtext.extract.heads import agent_head

    mark = actor.rfind("的")
    rest = actor[mark + 1:]
    return rest if mark >= 0 and len(rest) >= 2 and agent_head(rest) else actor


def _specific_scores(pred: dict, truth: dict) -> dict[str, Score]:
    """Actors in their specific written form, their types, and the weak cues' false positives."""
    pred_types = {
        (k, specific_form(a)): t
        for k, n in pred.items()
        for a, t in zip(n.actor_surface, getattr(n, "actor_type", ()) or [None] * len(n.actor_surface))
    }
    gold_types = {(k, specific_form(a)): t for k, g in truth.items() for a, t in zip(g["actor"], g["actor_type"])}
    both = pred_types.keys() & gold_types.keys()
    weak = [k for k, n in pred.items() if n.cue in WEAK_CUES and not getattr(n, "cue_implicit", False)]
    false_weak = sum(1 for k in weak if k not in truth)
    pred_heads = {(k, unqualified_form(a)) for k, a in pred_types}
    gold_heads = {(k, unqualified_form(a)) for k, a in gold_types}
    return {
        "actor_specific": Score(len(both), len(pred_types), len(gold_types)),
        "actor_unqualified": Score(len(pred_heads & gold_heads), len(pred_heads), len(gold_heads)),
        "actor_type": Score(sum(1 for k in both if pred_types[k] == gold_types[k]), len(both), len(both)),
        "weak_cue_false": Score(false_weak, len(weak), sum(1 for k, g in truth.items() if g["cue"] in WEAK_CUES)),
    }


def _same_object(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return not predicted and not gold
    return predicted in gold or gold in predicted

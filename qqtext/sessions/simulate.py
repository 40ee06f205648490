"""A simulated class: responses to a paper from learners of known ability, for reports and their tests.

:func:`simulate_class` answers a paper as a class would under a two-parameter logistic (2PL) item
response model. Learner ``i`` has ability θᵢ ~ N(0, 1); question ``j`` has difficulty bⱼ (given, or
drawn from N(0, 1)) and discrimination aⱼ; the learner answers correctly with probability

    P(correct) = 1 / (1 + exp(−aⱼ (θᵢ − bⱼ)))

With ``discrimination=0`` every answer is a coin toss, whatever the learner knows: the class answers
at random. A wrong answer is what a real wrong answer looks like:

* single choice and scenario: one distractor, drawn with the question's *attraction* weights. They
  are unequal (Dirichlet(0.6) unless ``attraction`` gives them), so some distractors are popular and
  some are almost never chosen, as in real classes;
* multiple choice: the key with one correct option left out and/or one distractor added;
* true/false: the other verdict;
* cloze: one blank filled with a wrong string (another blank's answer from the paper, or a domain
  word) or left empty.

The result has the columns of :meth:`qqtext.sessions.store.ResultsStore.responses_frame`:
``session, attempt_id, learner_id, paper_id, question_id, response, correct, seconds, shown,
chosen``; one attempt per learner. ``shown`` is what the learner saw of a choice question, its option
texts in order, and ``chosen`` the texts of the options chosen (both ``()`` for true/false and
cloze). With ``shuffle=True`` every learner sees the options of each choice question in an order of
their own, relabelled A, B, C … as a paper is (:func:`qqtext.exercises.assemble.shuffle_options`),
and ``response`` holds that learner's letters: only the texts say which option was meant, as in a
class where everyone drew their own paper. Shuffling changes no one's right or wrong answers nor the
options they choose (it draws from a generator of its own). The true parameters are kept in ``frame.attrs``: ``"difficulty"`` and
``"discrimination"`` (question id → value) and ``"ability"`` (learner id → θ).

Everything is drawn from one :func:`numpy.random.default_rng` generator seeded with ``seed``, in a
fixed order, so the same arguments give the same frame.

>>> from qqtext.exercises.model import Question, Source
>>> q = Question.create(type="true_false", stem="可以专程接送。", answer=("错",), explanation="第十三条（五）",
...                     source=Source("jinan-2019", 13, 5, "不许单独指派、专程接送", 0, 0))
>>> frame = simulate_class([q], n_learners=3, seed=1, difficulty={q.id: 0.0})
>>> list(frame.columns)
['session', 'attempt_id', 'learner_id', 'paper_id', 'question_id', 'response', 'correct', 'seconds', 'shown', 'chosen']
>>> frame["learner_id"].tolist(), frame.attrs["difficulty"] == {q.id: 0.0}
(['学员1', '学员2', '学员3'], True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from qqtext.exercises.model import BLANK, FALSE, TRUE, Question

__all__ = ["simulate_class", "RESPONSE_COLUMNS", "SEEN_COLUMNS", "SEPARATOR", "BASE_SECONDS", "DOMAIN_WORDS"]

#: The columns a responses frame must have, in order.
RESPONSE_COLUMNS = ("session", "attempt_id", "learner_id", "paper_id", "question_id", "response", "correct",
                    "seconds")
#: The columns saying what the learner saw of a choice question: the option texts in the order shown,
#: and the texts chosen (tuples of strings; ``()`` when not recorded). They follow :data:`RESPONSE_COLUMNS`.
SEEN_COLUMNS = ("shown", "chosen")
#: Joins the keys of a multiple-choice response ("A|C") and the blanks of a cloze response.
SEPARATOR = "|"
#: Median answering time of each question type, in seconds (before the stem's length is added).
BASE_SECONDS = {"true_false": 12.0, "single_choice": 20.0, "scenario": 28.0, "multiple_choice": 32.0,
                "cloze": 25.0}
#: Wrong strings for cloze blanks when the paper has no other blanks to confuse them with.
DOMAIN_WORDS = ("服务", "监督", "廉洁", "规范", "沟通", "担当", "引导", "协调")
#: Dirichlet concentration of the distractors' attraction: below 1, so the weights are unequal.
ATTRACTION_CONCENTRATION = 0.6
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "scenario"})
#: The second seed word of the generator drawing per-learner option orders (``shuffle=True``).
SHUFFLE_STREAM = 0x5EE


def simulate_class(
    questions: Iterable[Question] | Mapping[str, Question],
    *,
    n_learners: int,
    seed: int,
    difficulty: Mapping[str, float] | None = None,
    discrimination: float | Mapping[str, float] = 1.0,
    attraction: Mapping[str, Mapping[str, float]] | None = None,
    session: str = "模拟课堂",
    paper_id: str = "模拟试卷",
    shuffle: bool = False,
) -> pd.DataFrame:
    """Responses of ``n_learners`` simulated learners to ``questions`` under a 2PL model.

    Args:
        questions: the paper's questions, in paper order (a mapping's values are used).
        n_learners: how many learners (学员1 … 学员N, zero-padded to the same width).
        seed: seeds the one random generator everything is drawn from.
        difficulty: question id → difficulty b (on the ability scale: 0 is average, +1 hard, −1
            easy). Questions it leaves out get b drawn from N(0, 1).
        discrimination: a, for every question, or question id → a (1.0 for those left out).
            0 makes every answer a coin toss; a negative value makes weaker learners do better.
        attraction: question id → option key → relative weight of that distractor among wrong
            answers (0: never chosen). Questions or options it leaves out get Dirichlet(0.6) weights.
        session, paper_id: written into every row.
        shuffle: every learner sees each choice question's options in an order of their own,
            relabelled A, B, C …; ``response`` holds that learner's letters, ``shown`` and ``chosen``
            the texts (default: everyone sees the questions as given).

    Returns:
        One row per learner and question, in learner order then paper order. ``frame.attrs`` holds
        the true ``difficulty``, ``discrimination`` and ``ability``.

    Raises:
        ValueError: ``n_learners`` below 1, no questions, or a question id given twice.
    """
    paper = list(questions.values()) if isinstance(questions, Mapping) else list(questions)
    if n_learners < 1:
        raise ValueError(f"n_learners must be at least 1, not {n_learners}")
    if not paper:
        raise ValueError("no questions to answer")
    ids = [q.id for q in paper]
    if len(set(ids)) != len(ids):
        raise ValueError("a question id occurs twice in the paper")
    rng = np.random.default_rng(seed)
    given = dict(difficulty or {})
    drawn = rng.standard_normal(len(paper))  # drawn for every question, so giving some b moves no other
    b = np.array([float(given.get(q.id, drawn[j])) for j, q in enumerate(paper)])
    if isinstance(discrimination, Mapping):
        a = np.array([float(discrimination.get(q.id, 1.0)) for q in paper])
    else:
        a = np.full(len(paper), float(discrimination))
    theta = rng.standard_normal(n_learners)
    wrong_choices = [_wrong_answer_weights(q, paper, rng, (attraction or {}).get(q.id)) for q in paper]

    probability = 1.0 / (1.0 + np.exp(-a[None, :] * (theta[:, None] - b[None, :])))
    knows = rng.random(probability.shape) < probability
    width = len(str(n_learners))
    learners = [f"学员{i:0{width}d}" for i in range(1, n_learners + 1)]
    orders = np.random.default_rng([seed, SHUFFLE_STREAM]) if shuffle else None  # never moves `rng`'s draws
    rows = []
    for i, learner in enumerate(learners):
        attempt = f"{session}:{learner}:1"
        for j, q in enumerate(paper):
            correct = bool(knows[i, j])
            response = _right_answer(q) if correct else _wrong_answer(q, wrong_choices[j], rng)
            seconds = _seconds(q, theta[i], b[j], rng)
            response, shown, chosen = _as_seen(q, response, orders)
            rows.append((session, attempt, learner, paper_id, q.id, response, correct, seconds, shown, chosen))
    frame = pd.DataFrame(rows, columns=[*RESPONSE_COLUMNS, *SEEN_COLUMNS])
    frame.attrs["difficulty"] = {q.id: float(b[j]) for j, q in enumerate(paper)}
    frame.attrs["discrimination"] = {q.id: float(a[j]) for j, q in enumerate(paper)}
    frame.attrs["ability"] = {learner: float(theta[i]) for i, learner in enumerate(learners)}
    return frame


def _as_seen(q: Question, response: str, orders: np.random.Generator | None) -> tuple[str, tuple, tuple]:
    """The response as the learner gave it on their paper: their letters, the texts shown, the texts chosen.

    ``orders`` (when shuffling) draws the learner's order of the options; the letters then follow it.
    """
    if q.type not in CHOICE_TYPES or not q.options:
        return response, (), ()
    picked = {key for key in response.split(SEPARATOR) if key}
    options = list(q.options)
    if orders is not None:
        options = [options[k] for k in orders.permutation(len(options))]
        letters = {option.key: chr(ord("A") + k) for k, option in enumerate(options)}
        response = SEPARATOR.join(sorted(letters[key] for key in picked if key in letters))
    shown = tuple(option.text for option in options)
    return response, shown, tuple(option.text for option in options if option.key in picked)


def _right_answer(q: Question) -> str:
    if q.type in CHOICE_TYPES:
        return SEPARATOR.join(sorted(q.answer))
    return SEPARATOR.join(q.answer)


def _wrong_answer_weights(
    q: Question, paper: list[Question], rng: np.random.Generator, given: Mapping[str, float] | None
) -> tuple[tuple[str, ...], np.ndarray]:
    """The wrong options (or wrong strings) a question's wrong answers choose from, with their weights."""
    if q.type in CHOICE_TYPES:
        candidates = tuple(o.key for o in q.options if o.key not in q.answer)
    elif q.type == "cloze":
        own = set(q.answer)
        others = [a for other in paper if other.type == "cloze" and other.id != q.id for a in other.answer]
        candidates = tuple(dict.fromkeys(a for a in [*others, *DOMAIN_WORDS] if a not in own))[:6] + ("",)
    else:
        return (), np.array([])
    # always draw, so that giving weights for one question moves no other question's draws
    weights = rng.dirichlet(np.full(len(candidates), ATTRACTION_CONCENTRATION)) if candidates else np.array([])
    if given:
        weights = np.array([float(given.get(key, weights[k])) for k, key in enumerate(candidates)])
        if (weights < 0).any() or weights.sum() <= 0:
            raise ValueError(f"{q.id}: attraction weights must be non-negative and not all 0")
    if candidates:
        weights = weights / weights.sum()
    return candidates, weights


def _wrong_answer(q: Question, choices: tuple[tuple[str, ...], np.ndarray], rng: np.random.Generator) -> str:
    candidates, weights = choices
    if q.type == "true_false":
        return FALSE if q.answer == (TRUE,) else TRUE
    if q.type in ("single_choice", "scenario"):
        return candidates[rng.choice(len(candidates), p=weights)] if candidates else ""
    if q.type == "multiple_choice":
        chosen = set(q.answer)
        dropped = len(chosen) > 1 and rng.random() < 0.5
        if dropped:
            chosen.discard(sorted(chosen)[rng.integers(len(chosen))])
        if candidates and (not dropped or rng.random() < 0.4):
            chosen.add(candidates[rng.choice(len(candidates), p=weights)])
        if chosen == set(q.answer):  # no distractor and a single key: nothing chosen
            chosen = set()
        return SEPARATOR.join(sorted(chosen))
    # cloze: one blank (of those the stem has) gets a wrong string or stays empty
    blanks = list(q.answer) or [""]
    wrong_blank = int(rng.integers(len(blanks)))
    blanks[wrong_blank] = candidates[rng.choice(len(candidates), p=weights)]
    if blanks == list(q.answer):  # a wrong string that happens to be right: leave the blank empty
        blanks[wrong_blank] = ""
    return SEPARATOR.join(blanks)


def _seconds(q: Question, theta: float, b: float, rng: np.random.Generator) -> float:
    """Answering time: the type's median plus reading time, longer when the question is hard for the learner."""
    reading = 0.08 * len(q.stem.replace(BLANK, "")) + 0.05 * sum(len(o.text) for o in q.options)
    strain = math.exp(0.15 * max(-2.0, min(2.0, b - theta)))
    return round((BASE_SECONDS.get(q.type, 20.0) + reading) * strain * float(rng.lognormal(0.0, 0.3)), 1)

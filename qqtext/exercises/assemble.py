"""Paper assembly: draw a paper (试卷) from a pool of questions by a blueprint, reproducibly.

A :class:`Blueprint` says how many questions of each type a paper has, which chapters it must cover,
for which audience, with what mix of difficulty and how many points per type. :func:`assemble` draws
one :class:`Paper` from a pool (curated banks, generated questions, or both) with a seeded
:class:`random.Random` (never the global one), so the same pool, blueprint and seed always give the
same paper. :func:`parallel_forms` draws forms A, B, … that share no question when the pool allows,
and as few as possible when it does not (the shared ids are recorded on each paper).

How a paper is drawn:

1. The pool is filtered: duplicates (same id or same stem) once, curated before generated, the
   ``exclude`` ids out, the audience applied (``official`` keeps official and all questions,
   ``business`` keeps business and all, ``all`` keeps everything), and only the types the blueprint
   counts. Where a type has fewer questions than the blueprint asks for, :class:`AssemblyError`
   says what is missing.
2. Chapter coverage: for each chapter of ``Blueprint.chapters`` with no question yet, one question
   from it (where the pool has one). A question's chapter is its ``第X章`` tag.
3. The remaining places are filled type by type, in turn. With ``Blueprint.difficulty`` a plan
   first says how many questions of each type to take at each level (a maximum flow, so every
   level gets its count whenever the pool allows it: ``{1: 4, 2: 4, 3: 2}`` on ten questions gives
   exactly four, four and two). Among the candidates (in a seeded random order) the draw prefers,
   in this order: questions no earlier form used; a level the plan still wants for that type; the
   difficulty the paper lacks most; a passage no chosen question quotes already (a true/false and
   a cloze on one clause give each other away); a chapter with fewer questions.
4. Choice options (single and multiple choice) are shuffled and relabelled A, B, C … in the new
   order, the answer keys following their options (:meth:`Question.with_options` keeps the id).
   True/false, cloze and scenario questions are left as they are: a scenario's verdicts read best
   in their fixed order. With ``Blueprint.points`` every question of a type scores those points.

The questions of a paper come grouped by type (single choice, multiple choice, true/false, cloze,
scenario), each group in the order drawn.

>>> from qqtext.exercises.bank import read_bank, default_bank_dir
>>> pool = read_bank(default_bank_dir() / "jinan-2019.curated.yaml").questions
>>> paper = assemble(pool, Blueprint({"scenario": 1, "single_choice": 1}), seed=7, title="小测")
>>> [q.type for q in paper.questions], paper.total_points
(['single_choice', 'scenario'], 2.0)
"""

from __future__ import annotations

import random
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from qqtext.errors import QqtextError
from qqtext.exercises.model import AUDIENCES, QUESTION_TYPES, TYPE_LABELS, Option, Question
from qqtext.numerals import parse_chinese_number

__all__ = [
    "AssemblyError",
    "Blueprint",
    "Paper",
    "assemble",
    "parallel_forms",
    "question_chapter",
    "shuffle_options",
    "DEFAULT_TITLE",
]

DEFAULT_TITLE = "廉洁教育测试卷"
RE_CHAPTER_TAG = re.compile(r"^第(?P<n>[一二三四五六七八九十百零〇两\d]+)章$")
_SHUFFLED = frozenset({"single_choice", "multiple_choice"})


class AssemblyError(QqtextError):
    """A blueprint that is malformed, or that the pool cannot fill.

    Attributes:
        missing: ``(type, needed, available)`` for each question type the pool lacks.
    """

    def __init__(self, message: str, *, missing: tuple[tuple[str, int, int], ...] = ()) -> None:
        self.missing = missing
        super().__init__(message)


def _frozen(mapping: Mapping | None) -> Mapping | None:
    return None if mapping is None else MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Blueprint:
    """What a paper holds.

    Attributes:
        counts: questions per type (``{"single_choice": 5, "true_false": 10}``).
        chapters: chapter numbers that must each have at least one question (when the pool has one);
            ``None``: no coverage asked.
        audience: ``official``, ``business`` or ``all`` (no filter).
        difficulty: the wanted share of each difficulty, ``{1: 0.5, 2: 0.3, 3: 0.2}`` (normalised; a
            preference, met as far as the pool allows); ``None``: any.
        points: points per question of each type; ``None``: the questions' own scores.

    Raises:
        AssemblyError: an unknown type or audience, a negative count, no question at all, a
            difficulty other than 1–3 or a share below zero, points not above zero.
    """

    counts: Mapping[str, int]
    chapters: tuple[int, ...] | None = None
    audience: str = "all"
    difficulty: Mapping[int, float] | None = None
    points: Mapping[str, float] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", _frozen({t: int(n) for t, n in self.counts.items()}))
        object.__setattr__(self, "difficulty", _frozen(self.difficulty))
        object.__setattr__(self, "points", _frozen(self.points))
        if self.chapters is not None:
            object.__setattr__(self, "chapters", tuple(int(c) for c in self.chapters))
        unknown = [t for t in (*self.counts, *(self.points or {})) if t not in QUESTION_TYPES]
        if unknown:
            raise AssemblyError(f"蓝图中有未知题型：{'、'.join(unknown)} / unknown question type(s) in the blueprint: "
                                f"{', '.join(unknown)} (expected {', '.join(QUESTION_TYPES)})")
        if any(n < 0 for n in self.counts.values()) or not sum(self.counts.values()):
            raise AssemblyError("蓝图题量须为非负整数且至少一题 / blueprint counts must be non-negative and ask for "
                                f"at least one question: {dict(self.counts)}")
        if self.audience not in AUDIENCES:
            raise AssemblyError(f"未知的受众：{self.audience} / unknown audience {self.audience!r} "
                                f"(expected {', '.join(AUDIENCES)})")
        if self.difficulty is not None and (
            any(level not in (1, 2, 3) or share < 0 for level, share in self.difficulty.items())
            or not sum(self.difficulty.values())
        ):
            raise AssemblyError("难度比例须以 1、2、3 为键、非负且总和大于零 / difficulty shares must be keyed 1, 2, 3, "
                                f"non-negative and not all zero: {dict(self.difficulty)}")
        if self.points is not None and any(p <= 0 for p in self.points.values()):
            raise AssemblyError(f"分值须大于零 / points must be above zero: {dict(self.points)}")

    @property
    def total(self) -> int:
        """The number of questions a paper has."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class Paper:
    """A drawn paper.

    Attributes:
        title: the paper's title; form: ``"A"``, ``"B"`` …; seed: the seed it was drawn with.
        blueprint: the blueprint it follows.
        questions: the questions, grouped by type, options shuffled and relabelled.
        overlap: ids of its questions that other forms of the same :func:`parallel_forms` set also
            hold (empty when the pool allowed disjoint forms).
        uncovered: chapters of the blueprint the pool had no question for.
    """

    title: str
    form: str
    seed: int
    blueprint: Blueprint
    questions: tuple[Question, ...]
    overlap: tuple[str, ...] = ()
    uncovered: tuple[int, ...] = field(default=())

    @property
    def total_points(self) -> float:
        """The paper's total points (the sum of its questions' scores)."""
        return float(sum(q.score for q in self.questions))

    def summary(self) -> dict:
        """Counts per type, per chapter (``第X章``; ``—`` for none) and per difficulty, with totals.

        >>> from qqtext.exercises.bank import read_bank, default_bank_dir
        >>> pool = read_bank(default_bank_dir() / "jinan-2019.curated.yaml").questions
        >>> summary = assemble(pool, Blueprint({"scenario": 2, "true_false": 1}), seed=1).summary()
        >>> summary["types"], summary["questions"], sum(summary["chapters"].values())
        ({'true_false': 1, 'scenario': 2}, 3, 3)
        """
        types = Counter(q.type for q in self.questions)
        chapters = Counter(_chapter_label(q) for q in self.questions)
        difficulty = Counter(q.difficulty for q in self.questions)
        return {
            "title": self.title,
            "form": self.form,
            "questions": len(self.questions),
            "points": self.total_points,
            "types": {t: types[t] for t in QUESTION_TYPES if types[t]},
            "type_labels": {TYPE_LABELS[t]: types[t] for t in QUESTION_TYPES if types[t]},
            "chapters": dict(sorted(chapters.items(), key=lambda kv: _chapter_sort(kv[0]))),
            "difficulty": {level: difficulty[level] for level in (1, 2, 3) if difficulty[level]},
            "overlap": len(self.overlap),
            "uncovered": list(self.uncovered),
        }


def question_chapter(question: Question) -> int | None:
    """The chapter number of a question, from its ``第X章`` tag (``None`` without one).

    >>> from qqtext.exercises.model import Source
    >>> question_chapter(Question.create(type="true_false", stem="…", answer=("对",), explanation="第十三条",
    ...                  source=Source("d", 13, None, "q", 0, 1), tags=("第三章", "规范政商交往")))
    3
    """
    for tag in question.tags:
        match = RE_CHAPTER_TAG.match(tag)
        if match:
            try:
                return parse_chinese_number(match.group("n"))
            except ValueError:
                continue
    return None


def _chapter_label(question: Question) -> str:
    return next((t for t in question.tags if RE_CHAPTER_TAG.match(t)), "—")


def _chapter_sort(label: str) -> tuple[int, int]:
    match = RE_CHAPTER_TAG.match(label)
    if not match:
        return (1, 0)
    try:
        return (0, parse_chinese_number(match.group("n")))
    except ValueError:
        return (0, 10**6)


def shuffle_options(question: Question, rng: random.Random) -> Question:
    """A choice question with its options in a seeded order, relabelled A, B, C …; others unchanged.

    The answer keys follow their options, so the text of every correct option stays the same.
    """
    if question.type not in _SHUFFLED or len(question.options) < 2:
        return question
    order = list(question.options)
    rng.shuffle(order)
    relabelled = tuple(Option(chr(ord("A") + i), option.text) for i, option in enumerate(order))
    new_key = {old.key: new.key for old, new in zip(order, relabelled)}
    answer = tuple(sorted(new_key[key] for key in question.answer))
    return question.with_options(relabelled, answer)


def _eligible(pool: Iterable[Question], blueprint: Blueprint, exclude: frozenset[str]) -> tuple[list[Question], int]:
    """The pool without duplicates (id or stem), excluded ids, other audiences and uncounted types.

    Of two questions with one stem the curated one is kept, else the one with the smaller id, so the
    pool's order never matters.
    """
    seen: set[str] = set()
    kept: list[Question] = []
    excluded = 0
    for q in sorted(pool, key=lambda q: (q.provenance != "curated", q.id)):
        stem = re.sub(r"\s+", "", q.stem)
        if q.id in seen or stem in seen:
            continue
        seen.update((q.id, stem))
        if q.id in exclude:
            excluded += 1
            continue
        if blueprint.audience != "all" and q.audience not in (blueprint.audience, "all"):
            continue
        if blueprint.counts.get(q.type, 0) <= 0:
            continue
        kept.append(q)
    return kept, excluded


def _shortage(candidates: Mapping[str, list[Question]], blueprint: Blueprint, excluded: int) -> None:
    missing = tuple(
        (t, n, len(candidates.get(t, ()))) for t, n in blueprint.counts.items() if n > len(candidates.get(t, ()))
    )
    if not missing:
        return
    chinese = "；".join(f"{TYPE_LABELS[t]}需要 {n} 道，仅有 {have} 道可用" for t, n, have in missing)
    english = "; ".join(f"{t} needs {n}, has {have}" for t, n, have in missing)
    where = f"受众 {blueprint.audience}" + (f"，已排除 {excluded} 道" if excluded else "")
    where_en = f"audience {blueprint.audience}" + (f", {excluded} excluded" if excluded else "")
    raise AssemblyError(
        f"题库题目不足，无法组卷：{chinese}（{where}）。 / The pool is too small for this blueprint: {english} "
        f"({where_en}).",
        missing=missing,
    )


def _targets(blueprint: Blueprint) -> dict[int, int]:
    """Questions wanted per difficulty (largest remainder over the blueprint's shares); ``{}``: any."""
    if not blueprint.difficulty:
        return {}
    total = blueprint.total
    shares = {level: blueprint.difficulty.get(level, 0.0) for level in (1, 2, 3)}
    whole = sum(shares.values())
    exact = {level: total * share / whole for level, share in shares.items()}
    counts = {level: int(value) for level, value in exact.items()}
    for level in sorted(exact, key=lambda lv: (-(exact[lv] - counts[lv]), lv))[: total - sum(counts.values())]:
        counts[level] += 1
    return counts


def _select(pool: Iterable[Question], blueprint: Blueprint, rng: random.Random, exclude: frozenset[str],
            used: Mapping[str, int]) -> tuple[list[Question], list[int]]:
    """Draw the questions of one paper (before option shuffling); also the chapters left uncovered."""
    candidates, excluded = _eligible(pool, blueprint, exclude)
    by_type: dict[str, list[Question]] = {t: [] for t in blueprint.counts}
    for q in sorted(candidates, key=lambda q: q.id):  # the pool's order does not matter, only the seed
        by_type[q.type].append(q)
    for t in sorted(by_type):
        rng.shuffle(by_type[t])
    _shortage(by_type, blueprint, excluded)
    rank = {q.id: i for t in by_type for i, q in enumerate(by_type[t])}
    targets = _targets(blueprint)
    need = {t: n for t, n in blueprint.counts.items() if n > 0}
    chosen: dict[str, list[Question]] = {t: [] for t in need}
    taken: set[str] = set()
    have = Counter[int]()
    per_chapter = Counter[int | None]()
    quoted: set[tuple[str, int, int]] = set()
    verdicts = Counter[str]()  # the keys of the true/false questions drawn (对, 错)

    def key(q: Question) -> tuple:
        deficit = targets.get(q.difficulty, 0) - have[q.difficulty] if targets else 0
        passage = (q.source.doc, q.source.start, q.source.end) in quoted
        return (used.get(q.id, 0), -deficit, passage, _verdict_excess(q, verdicts), per_chapter[question_chapter(q)],
                rank[q.id])

    def take(q: Question) -> None:
        chosen[q.type].append(q)
        taken.add(q.id)
        need[q.type] -= 1
        have[q.difficulty] += 1
        per_chapter[question_chapter(q)] += 1
        quoted.add((q.source.doc, q.source.start, q.source.end))
        if q.type == "true_false":
            verdicts[q.answer[0]] += 1

    uncovered: list[int] = []
    for chapter in blueprint.chapters or ():
        if per_chapter[chapter]:
            continue
        options = [q for t, left in need.items() if left > 0 for q in by_type[t]
                   if q.id not in taken and not used.get(q.id, 0) and question_chapter(q) == chapter]
        if options:
            take(min(options, key=key))
        else:
            uncovered.append(chapter)
    order = [t for t in QUESTION_TYPES if t in need]
    plan: Counter[tuple[str, int]] = Counter()
    if targets:  # how many of each type at each level, so that every level gets its count where it can
        capacity = Counter((q.type, q.difficulty) for t in order for q in by_type[t]  # unused: disjoint forms first
                           if q.id not in taken and not used.get(q.id, 0))
        plan = _difficulty_plan({t: need[t] for t in order}, {lv: max(0, n - have[lv]) for lv, n in targets.items()},
                                capacity)

    def planned(q: Question) -> tuple:
        return (used.get(q.id, 0), not plan[(q.type, q.difficulty)], *key(q)[1:])

    while any(need[t] > 0 for t in order):
        for t in order:
            if need[t] > 0:
                q = min((q for q in by_type[t] if q.id not in taken), key=planned)
                if plan[(q.type, q.difficulty)]:
                    plan[(q.type, q.difficulty)] -= 1
                take(q)
    return [q for t in order for q in chosen[t]], uncovered


def _verdict_excess(q: Question, verdicts: Counter[str]) -> int:
    """How many more true/false keys like ``q``'s the paper has than of the other (0 for other types):
    a paper whose true/false items are all 对 is answered without reading them."""
    if q.type != "true_false":
        return 0
    mine = q.answer[0]
    return verdicts[mine] - verdicts["错" if mine == "对" else "对"]


def _difficulty_plan(need: Mapping[str, int], wanted: Mapping[int, int],
                     capacity: Mapping[tuple[str, int], int]) -> Counter[tuple[str, int]]:
    """Questions to draw per (type, level): a maximum flow from the types' needs to the levels' targets.

    Filling the paper type by type, each taking the level it lacks most, can leave a level short
    that another order would have met (a type with only easy questions after the others took the
    easy places). A maximum flow through ``capacity`` (the questions available per type and level)
    meets every level's count whenever any choice of questions can. Augmenting paths are found
    breadth first, over types and levels in a fixed order, so the plan is deterministic.

    >>> plan = _difficulty_plan({"cloze": 2, "true_false": 2}, {1: 2, 3: 2},
    ...                         {("cloze", 1): 2, ("cloze", 3): 1, ("true_false", 1): 2, ("true_false", 3): 1})
    >>> sorted(plan.items())
    [(('cloze', 1), 1), (('cloze', 3), 1), (('true_false', 1), 1), (('true_false', 3), 1)]
    """
    types, levels = list(need), sorted(wanted)
    flow: Counter[tuple[str, int]] = Counter()
    out_of = Counter[str]()
    into = Counter[int]()
    while True:
        # breadth-first search from the source over the residual graph; nodes ("t", type), ("l", level)
        parent: dict[tuple, tuple | None] = {}
        queue = [("t", t) for t in types if out_of[t] < need[t]]
        parent.update({node: None for node in queue})
        end = None
        while queue and end is None:
            node = queue.pop(0)
            if node[0] == "t":
                for level in levels:
                    nxt = ("l", level)
                    if nxt not in parent and flow[(node[1], level)] < capacity.get((node[1], level), 0):
                        parent[nxt] = node
                        if into[level] < wanted[level]:
                            end = nxt
                            break
                        queue.append(nxt)
            else:
                for t in types:
                    nxt = ("t", t)
                    if nxt not in parent and flow[(t, node[1])] > 0:
                        parent[nxt] = node
                        queue.append(nxt)
        if end is None:
            return +flow
        step = end
        into[end[1]] += 1
        while parent[step] is not None:  # push one question along the path
            before = parent[step]
            if step[0] == "l":
                flow[(before[1], step[1])] += 1
            else:
                flow[(step[1], before[1])] -= 1
            step = before
        out_of[step[1]] += 1


def _finish(questions: list[Question], blueprint: Blueprint, rng: random.Random) -> tuple[Question, ...]:
    out = []
    for q in questions:
        q = shuffle_options(q, rng)
        if blueprint.points is not None and q.type in blueprint.points:
            q = replace(q, score=float(blueprint.points[q.type]))
        out.append(q)
    return tuple(out)


def assemble(pool: Iterable[Question], blueprint: Blueprint, *, seed: int, title: str = DEFAULT_TITLE,
             form: str = "A", exclude: frozenset[str] | Iterable[str] = frozenset(), lint: bool = True,
             flexible: bool = False) -> Paper:
    """Draw one paper from ``pool`` by ``blueprint`` (see the module documentation for how).

    Args:
        pool: the questions to draw from (any order; duplicates are dropped).
        blueprint: counts per type, chapters to cover, audience, difficulty mix, points.
        seed: the seed of the draw and of the option order; the same seed gives the same paper.
        title, form: the paper's title and form letter.
        exclude: ids of questions not to use (say, last session's paper).
        lint: draw again without the questions the paper linter objects to (see :func:`_select_sound`);
            off for a retest, which asks the passages a learner got wrong on purpose.
        flexible: the type counts are a spread, not the trainer's: a type with no clean question left
            may give its place to another (the paper's blueprint records the counts drawn).

    Raises:
        AssemblyError: the pool has too few questions of some type (after the audience filter and
            ``exclude``); the message says which, in Chinese and English.
    """
    pool = list(pool)
    rng = random.Random(seed)
    if lint:
        questions, uncovered, blueprint = _select_sound(pool, blueprint, rng, frozenset(exclude), {}, flexible=flexible)
    else:
        questions, uncovered = _select(pool, blueprint, rng, frozenset(exclude), {})
    return Paper(title, form, seed, blueprint, _finish(questions, blueprint, rng), (), tuple(uncovered))


#: How many times a draw is repeated without the questions the linter objects to.
LINT_ROUNDS = 50


def _select_sound(pool: list[Question], blueprint: Blueprint, rng: random.Random, exclude: frozenset[str],
                  used: Mapping[str, int], *, flexible: bool = False) -> tuple[list[Question], list[int], Blueprint]:
    """:func:`_select`, drawn again without the questions the paper linter objects to (one giving another's
    answer away, a second question on one passage, a stem naming its answer) until none is left.

    Of a bad pair the question whose type the pool can replace best goes. With ``flexible`` (the type
    counts were not fixed by the trainer) a type with nothing left to replace it gives its place to the
    type with most to spare. When the pool runs short first, the draw with the fewest problems is kept,
    with a :class:`~qqtext.exercises.lint.LintWarning` naming what is left. Returns the questions, the
    chapters left uncovered and the blueprint they were drawn by.
    """
    from qqtext.exercises.lint import LintWarning, lint_paper

    dropped: set[str] = set()
    wanted_types = sorted(blueprint.counts)  # a type may give its place only to another type asked for
    questions, uncovered = _select(pool, blueprint, rng, exclude, used)
    best = (len(lint_paper(questions)), questions, uncovered, blueprint)
    spare = Counter(q.type for q in pool if q.id not in exclude)
    spare.subtract(blueprint.counts)
    for _ in range(LINT_ROUNDS):
        problems = lint_paper(questions)
        if len(problems) < best[0]:
            best = (len(problems), questions, uncovered, blueprint)
        if not problems:
            return questions, uncovered, blueprint
        by_id = {q.id: q for q in questions}
        counts = dict(blueprint.counts)
        bad: set[str] = set()
        # what the pool still holds beside this draw, by type and (with a difficulty mix) level
        level = (lambda q: (q.type, q.difficulty)) if blueprint.difficulty else (lambda q: (q.type, 0))
        left = Counter(level(q) for q in pool if q.id not in exclude and q.id not in dropped)
        left.subtract(level(q) for q in questions)
        for problem in problems:
            ids = [i for i in (problem.question, problem.other) if i is not None]
            if bad.intersection(ids):
                continue  # solved by a question already dropped
            pair = [by_id[i] for i in ids if i in by_id]  # in a fixed order: ties go to the later question
            if not pair:
                continue
            drop = max(pair, key=lambda q: (left[level(q)], spare[q.type]))
            bad.add(drop.id)
            left[level(drop)] -= 1
            spare[drop.type] -= 1
            if flexible and spare[drop.type] < 0:
                richest = max(wanted_types, key=lambda t: spare[t])
                if spare[richest] > 0 and counts.get(drop.type, 0) > 0:
                    counts[drop.type] -= 1  # this type has no clean question left: another type takes the place
                    counts[richest] = counts.get(richest, 0) + 1
                    spare[drop.type] += 1
                    spare[richest] -= 1
        dropped |= bad
        if counts != dict(blueprint.counts):
            blueprint = replace(blueprint, counts={t: n for t, n in counts.items() if n})
        try:
            questions, uncovered = _select(pool, blueprint, rng, exclude | dropped, used)
        except AssemblyError:
            break  # too few questions left without them: keep the best draw and say what is wrong
    else:
        problems = lint_paper(questions)
        if len(problems) < best[0]:
            best = (len(problems), questions, uncovered, blueprint)
    count, questions, uncovered, blueprint = best
    if count:
        warnings.warn(LintWarning(f"试卷仍有 {count} 处问题 / the paper still has {count} linter problem(s): "
                                  f"{lint_paper(questions)[0]}"), stacklevel=3)
    return questions, uncovered, blueprint


def parallel_forms(pool: Iterable[Question], blueprint: Blueprint, *, seed: int, forms: int = 2,
                   title: str = DEFAULT_TITLE, exclude: frozenset[str] | Iterable[str] = frozenset(),
                   flexible: bool = False) -> tuple[Paper, ...]:
    """Forms A, B, … of one paper that share no question when the pool allows.

    Each form is drawn like :func:`assemble` (form A is exactly ``assemble(pool, blueprint, seed=seed)``),
    preferring questions no earlier form used; where a type has too few questions for disjoint forms,
    the fewest possible are shared, the least used first, and each paper lists them in ``overlap``.

    Raises:
        AssemblyError: the pool cannot fill even one form, or ``forms`` is below 1 or above 26.
    """
    if not 1 <= forms <= 26:
        raise AssemblyError(f"平行卷份数须在 1 到 26 之间 / forms must be between 1 and 26, not {forms}")
    pool = list(pool)
    rng = random.Random(seed)
    used: Counter[str] = Counter()
    drawn: list[tuple[tuple[Question, ...], list[int]]] = []
    for _ in range(forms):
        questions, uncovered, drawn_by = _select_sound(pool, blueprint, rng, frozenset(exclude), used, flexible=flexible)
        used.update(q.id for q in questions)
        drawn.append((_finish(questions, drawn_by, rng), uncovered, drawn_by))
    papers = []
    for index, (questions, uncovered, drawn_by) in enumerate(drawn):
        shared = tuple(sorted(q.id for q in questions if used[q.id] > 1))
        papers.append(Paper(title, chr(ord("A") + index), seed, drawn_by, questions, shared, tuple(uncovered)))
    return tuple(papers)

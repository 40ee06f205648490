"""Computing the class report: item statistics, distractors, flags, mastery, scores (and rescoring).

Choice answers are read by the option *texts* the learner saw and chose (columns ``shown`` and
``chosen`` of the responses frame; see :mod:`qqtext.sessions.responses`), so per-learner shuffles and
papers labelled differently from the pool are counted on the right options; rows without texts (stored
before they were recorded) are read by their keys against the questions given.
"""

from __future__ import annotations

import dataclasses
import math
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from qqtext.exercises.model import TYPE_LABELS, Question
from qqtext.numerals import to_chinese_number
from qqtext.sessions.report._format import _percent, _signed
from qqtext.sessions.report.model import (
    DISTRACTOR_NOTES,
    EASY,
    FLAG_LABELS,
    GROUP_FRACTION,
    HARD,
    MASTERY_THRESHOLD,
    MIN_D,
    MIN_DISTRACTOR_SHARE,
    MIN_LEARNERS,
    MIN_LEARNERS_DISCRIMINATION,
    MIN_RPB,
    NO_ARTICLE,
    Attempts,
    ClassReport,
    ReportError,
    ReportWarning,
    SmallClassWarning,
)
from qqtext.sessions.responses import CHOICE_TYPES, chosen_keys, text_tuple
from qqtext.sessions.simulate import RESPONSE_COLUMNS, SEEN_COLUMNS, SEPARATOR
from qqtext.textsafe import utf8_safe

__all__ = ["class_report", "rescore"]


def rescore(responses: pd.DataFrame, questions: Mapping[str, Question]) -> pd.DataFrame:
    """The responses with ``correct`` marked again against the keys of ``questions``.

    For a key that was wrong when the session ran, and has been put right since: the learners'
    choices stand; what counts as correct changes. Choice answers match when the option texts
    chosen are exactly the texts of the key's options (answers stored without texts: when they hold
    the same keys, read against ``questions``); cloze answers when each blank matches after
    trimming spaces. Rows whose question is not in ``questions`` keep their mark.
    """
    frame = responses.copy()
    seen = all(column in frame.columns for column in SEEN_COLUMNS)

    def mark(row) -> bool:
        q = questions.get(row.question_id)
        if q is None:
            return bool(row.correct)
        response = "" if _missing(row.response) else str(row.response)
        if q.type in CHOICE_TYPES:
            shown, chosen = (text_tuple(row.shown), text_tuple(row.chosen)) if seen else ((), ())
            return set(chosen_keys(q, response, shown=shown, chosen=chosen)) == set(q.answer)
        if q.type == "cloze":
            return [part.strip() for part in response.split(SEPARATOR)] == [a.strip() for a in q.answer]
        return response.strip() == q.answer[0]

    frame["correct"] = [mark(row) for row in frame.itertuples(index=False)]
    return frame


def class_report(
    responses: pd.DataFrame,
    questions: Mapping[str, Question],
    *,
    session: str | None = None,
    attempts: Attempts = "latest",
    names: Mapping[str, str] | None = None,
) -> ClassReport:
    """The statistics of a class's answers: questions, distractors, articles, learners, flags.

    Args:
        responses: the responses frame (columns :data:`RESPONSE_COLUMNS`, and where recorded
            :data:`~qqtext.sessions.simulate.SEEN_COLUMNS`: the option texts shown and chosen, which
            then decide which options a choice answer chose).
        questions: question id → question, for every question answered; in paper order, so that
            the 题号 are the numbers on the paper (questions nobody answered are left out).
        session: report on this session only (default: every row).
        attempts: ``"latest"`` (default) or ``"first"`` attempt of each learner, or ``"all"``
            (each attempt a respondent, named ``学员（2）`` for a learner's second).
        names: learner id → the name to show (e.g. ``ResultsStore.learner_names()``); learners it
            leaves out keep their id. Two learners of the same name are told apart by their ids.

    Raises:
        ReportError: a column is missing, no rows are left, or a question id is not in ``questions``.

    Warns:
        SmallClassWarning: fewer than 30 learners (and again for fewer than 10).
        ReportWarning: some learners did not answer every question.
    """
    frame = _prepare(responses, session)
    frame = _select_attempts(frame, attempts, names or {})
    questions = {utf8_safe(qid): _without_surrogates(q) for qid, q in questions.items()}
    order = [qid for qid in questions if qid in set(frame["question_id"])]
    unknown = sorted(set(frame["question_id"]) - set(order))
    if unknown:
        raise ReportError(f"{len(unknown)} answered question(s) are not among the questions given: "
                          f"{', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}")
    paper = [questions[qid] for qid in order]
    frame["picked"] = _choice_keys(frame, questions)
    learners = sorted(frame["respondent"].unique(), key=_natural)
    matrix = (frame.pivot(index="respondent", columns="question_id", values="correct")
              .reindex(index=learners, columns=order).astype(float))
    matrix.index.name, matrix.columns.name = "learner_id", "question_id"
    x = matrix.to_numpy()
    answered = ~np.isnan(x)
    weights = np.array([float(q.score) for q in paper])
    total = np.nansum(x * weights, axis=1)
    n = len(learners)
    upper, lower = _group_weights(total, GROUP_FRACTION)

    notes = _small_class_notes(n)
    incomplete = int((~answered.all(axis=1)).sum())
    if incomplete:
        notes.append(ReportWarning(
            f"有 {incomplete} 名学员没有答完全部 {len(order)} 道题：没答的题计 0 分，不计入该题的正确率；"
            f"信度 α 只按答完的 {n - incomplete} 人计算。 / {incomplete} learner(s) left questions unanswered"))
    for note in notes:
        warnings.warn(note, stacklevel=2)

    items = _item_table(paper, frame, x, answered, weights, total, upper, lower)
    distractors = _distractor_table(paper, items, frame, matrix.index, upper, lower)
    flags = _flag_table(paper, items, distractors)
    items["flags"] = [
        "；".join(flags.loc[flags["question_id"] == qid, "reason"]) for qid in items.index
    ]
    mastery, articles = _mastery(paper, matrix)
    alpha, alpha_n = _alpha(x, answered, weights)
    scores = _score_table(frame, matrix, weights, total)
    max_score = float(weights.sum())
    return ClassReport(
        session=session,
        sessions=tuple(dict.fromkeys(frame["session"])),
        papers=tuple(dict.fromkeys(frame["paper_id"])),
        n_learners=n,
        n_questions=len(order),
        max_score=max_score,
        mean=float(total.mean()),
        sd=float(total.std(ddof=1)) if n > 1 else math.nan,
        alpha=alpha,
        alpha_n=alpha_n,
        scores=scores,
        distribution=_distribution(total, weights),
        matrix=matrix,
        items=items,
        distractors=distractors,
        mastery=mastery,
        articles=articles,
        flags=flags,
        warnings=tuple(_chinese(str(note)) for note in notes),
    )


def _missing(value) -> bool:
    """NaN, None or NA (a cell with nothing in it); a tuple is never missing."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _without_surrogates(value):
    """``value`` (a question, its options, tuples of them …) with every lone surrogate in its text
    replaced (U+FFFD): the tables of the report are pandas frames, whose Arrow-backed strings (when
    pyarrow is installed) cannot hold one."""
    if isinstance(value, str):
        return utf8_safe(value)
    if isinstance(value, tuple):
        return tuple(_without_surrogates(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _without_surrogates(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def _texts(values: pd.Series) -> list[str]:
    """Each value as text, lone surrogates replaced (U+FFFD)."""
    return [utf8_safe(str(v)) for v in values]


def _prepare(responses: pd.DataFrame, session: str | None) -> pd.DataFrame:
    missing = [c for c in RESPONSE_COLUMNS if c not in responses.columns]
    if missing:
        raise ReportError(f"the responses lack the column(s) {', '.join(missing)} "
                          f"(expected {', '.join(RESPONSE_COLUMNS)})")
    seen = [c for c in SEEN_COLUMNS if c in responses.columns]
    frame = responses[[*RESPONSE_COLUMNS, *seen]].reset_index(drop=True)
    for column in SEEN_COLUMNS:  # a frame from before the texts were recorded: read by keys
        frame[column] = [text_tuple(v) for v in frame[column]] if column in seen else [()] * len(frame)
    if session is not None:
        frame = frame[frame["session"].astype(str) == str(session)].reset_index(drop=True)
    if frame.empty:
        where = f" for session {session!r}" if session is not None else ""
        raise ReportError(f"no responses{where}")
    frame = frame.assign(  # text without lone surrogates: pandas' Arrow-backed strings (pyarrow installed) refuse them
        session=_texts(frame["session"]),
        learner_id=_texts(frame["learner_id"]),
        paper_id=_texts(frame["paper_id"]),
        question_id=_texts(frame["question_id"]),
        response=[("" if pd.isna(r) else utf8_safe(str(r))) for r in frame["response"]],
        correct=[_as_bool(c) for c in frame["correct"]],
        seconds=pd.to_numeric(frame["seconds"], errors="coerce").astype(float),
    )
    frame["row"] = np.arange(len(frame))
    return frame


def _as_bool(value) -> bool:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "对", "正确"):
        return True
    if text in ("false", "0", "no", "错", "错误", "", "nan", "none"):
        return False
    raise ReportError(f"the correct column holds {value!r}, which is neither true nor false")


def _select_attempts(frame: pd.DataFrame, attempts: Attempts, names: Mapping[str, str]) -> pd.DataFrame:
    """One attempt per learner, or every attempt as a respondent; the rows of each (learner, question) once."""
    if attempts not in ("latest", "first", "all"):
        raise ReportError(f"attempts is latest, first or all, not {attempts!r}")
    learners = list(dict.fromkeys(frame["learner_id"]))
    shown = {learner: str(names.get(learner) or learner) for learner in learners}
    repeated = Counter(shown.values())
    shown = {learner: (name if repeated[name] == 1 else f"{name}（{learner}）") for learner, name in shown.items()}
    span = frame.groupby(["learner_id", "attempt_id"], sort=False)["row"].agg(["min", "max"]).reset_index()
    if attempts == "all":
        span = span.sort_values("min")
        span["ordinal"] = span.groupby("learner_id").cumcount() + 1
        counts = span.groupby("learner_id")["ordinal"].transform("max")
        span["respondent"] = [shown[learner] if count == 1 else f"{shown[learner]}（{ordinal}）"
                              for learner, ordinal, count in zip(span["learner_id"], span["ordinal"], counts)]
    else:
        # latest: the attempt whose answers end last; first: the one whose answers begin first
        chosen = span.loc[span.groupby("learner_id")["max"].idxmax() if attempts == "latest"
                          else span.groupby("learner_id")["min"].idxmin()]
        span = chosen.assign(respondent=chosen["learner_id"].map(shown))
    kept = frame.merge(span[["learner_id", "attempt_id", "respondent"]], on=["learner_id", "attempt_id"])
    kept = kept.sort_values("row").drop_duplicates(["respondent", "question_id"], keep="last")
    return kept.reset_index(drop=True)


def _natural(text: str) -> tuple:
    """Sort key that puts 学员2 before 学员10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text))


def _group_weights(total: np.ndarray, fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Weights (0 … 1) of each learner in the upper and the lower group; each group's weights sum to g.

    g = round(fraction × n), at least 1. Learners tied at a group's boundary score share the places
    left by weight, so that the groups never depend on the order the learners are listed in.
    """
    n = len(total)
    size = max(1, math.floor(fraction * n + 0.5))

    def group(scores: np.ndarray) -> np.ndarray:  # the top `size` of scores
        boundary = np.sort(scores)[::-1][size - 1]
        above = scores > boundary
        tied = scores == boundary
        weights = above.astype(float)
        weights[tied] = (size - above.sum()) / tied.sum()
        return weights

    return group(total), group(-total)


def _weighted_share(values: np.ndarray, weights: np.ndarray) -> float:
    total = weights.sum()
    return float((values * weights).sum() / total) if total > 0 else math.nan


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return math.nan
    return float(np.corrcoef(a, b)[0, 1])


def _item_table(paper, frame, x, answered, weights, total, upper, lower) -> pd.DataFrame:
    rows = []
    by_question = dict(tuple(frame.groupby("question_id", sort=False)))
    for j, q in enumerate(paper):
        mask = answered[:, j]
        values = x[mask, j]
        rest = total[mask] - weights[j] * values
        p_upper = _weighted_share(values, upper[mask])
        p_lower = _weighted_share(values, lower[mask])
        answers = by_question[q.id]
        wrong = Counter(_display_response(r.response, r.picked, q)
                        for r in answers.loc[~answers["correct"]].itertuples(index=False))
        top_wrong, top_count = min(wrong.items(), key=lambda kv: (-kv[1], kv[0])) if wrong else ("", 0)
        seconds = answers["seconds"].dropna()
        rows.append({
            "question_id": q.id,
            "number": j + 1,
            "type": q.type,
            "type_label": TYPE_LABELS.get(q.type, q.type),
            "article": q.source.article,
            "citation": q.source.citation(),
            "article_label": _article_label(q.source.article),
            "stem": q.stem,
            "answer": _display_answer(q),
            "n": int(mask.sum()),
            "p": float(values.mean()),
            "p_upper": p_upper,
            "p_lower": p_lower,
            "D": p_upper - p_lower,
            "r_pb": _correlation(values, rest),
            "mean_seconds": float(seconds.mean()) if len(seconds) else math.nan,
            "top_wrong": top_wrong,
            "top_wrong_share": top_count / mask.sum() if top_count else math.nan,
        })
    items = pd.DataFrame(rows).set_index("question_id")
    items["article"] = items["article"].astype("Int64")
    return items


def _choice_keys(frame: pd.DataFrame, questions: Mapping[str, Question]) -> list[tuple[str, ...]]:
    """Per row, the keys of the question given that a choice answer chose (``()`` for other types).

    By the option texts where the row has them (``shown``), else by the response's keys; parts the
    question has no option for are dropped (they count on no option).
    """
    keys = []
    for row in frame.itertuples(index=False):
        q = questions[row.question_id]
        if q.type not in CHOICE_TYPES:
            keys.append(())
            continue
        known = {o.key for o in q.options}
        chosen = chosen_keys(q, row.response, shown=row.shown, chosen=row.chosen)
        keys.append(tuple(k for k in chosen if k in known))
    return keys


def _display_answer(q: Question) -> str:
    if q.type in CHOICE_TYPES:
        return "".join(sorted(q.answer))
    return "；".join(q.answer)


def _display_response(response: str, keys: tuple[str, ...], q: Question) -> str:
    if q.type in CHOICE_TYPES:
        return "".join(sorted(keys)) or ("（未作答）" if not response.strip() else "（无效）")
    if not response.strip():
        return "（未作答）"
    if q.type == "cloze":
        return "；".join(part.strip() or "（空）" for part in response.split(SEPARATOR))
    return response.strip()


def _distractor_table(paper, items, frame, learners, upper, lower) -> pd.DataFrame:
    position = {learner: i for i, learner in enumerate(learners)}
    rows = []
    for q in paper:
        if q.type not in CHOICE_TYPES:
            continue
        answers = frame[frame["question_id"] == q.id]
        chosen = [set(keys) for keys in answers["picked"]]
        index = np.array([position[r] for r in answers["respondent"]])
        w_upper, w_lower = upper[index], lower[index]
        shares = {}
        for option in q.options:
            picked = np.array([option.key in c for c in chosen], dtype=float)
            shares[option.key] = (int(picked.sum()), float(picked.mean()), _weighted_share(picked, w_upper),
                                  _weighted_share(picked, w_lower))
        key_share = min(shares[k][1] for k in q.answer)
        key_upper = min(shares[k][2] for k in q.answer)
        for option in q.options:
            count, share, share_upper, share_lower = shares[option.key]
            is_key = option.key in q.answer
            flag = ""
            if not is_key and share_upper > key_upper and share_upper > share_lower:
                flag = "upper_above_key"
            elif not is_key and share > key_share:
                flag = "above_key"
            elif not is_key and share < MIN_DISTRACTOR_SHARE:
                flag = "nonfunctioning"
            rows.append({
                "question_id": q.id, "number": int(items.at[q.id, "number"]),
                "type_label": TYPE_LABELS.get(q.type, q.type), "citation": q.source.citation(),
                "option": option.key, "text": option.text, "is_key": is_key, "n": count, "share": share,
                "share_upper": share_upper, "share_lower": share_lower, "flag": flag,
                "note": DISTRACTOR_NOTES[flag],
            })
    columns = ["question_id", "number", "type_label", "citation", "option", "text", "is_key", "n", "share",
               "share_upper", "share_lower", "flag", "note"]
    return pd.DataFrame(rows, columns=columns)


def _flag_table(paper, items, distractors) -> pd.DataFrame:
    rows = []

    def add(q: Question, code: str, reason: str) -> None:
        item = items.loc[q.id]
        rows.append({"question_id": q.id, "number": int(item["number"]), "citation": item["citation"],
                     "type_label": item["type_label"], "stem": q.stem, "code": code, "label": FLAG_LABELS[code],
                     "reason": reason, "p": item["p"], "D": item["D"], "r_pb": item["r_pb"]})

    for q in paper:
        item = items.loc[q.id]
        p, d, r = item["p"], item["D"], item["r_pb"]
        if p < HARD:
            add(q, "too_hard", f"太难：正确率仅 {_percent(p)}（低于 {_percent(HARD)}）。是讲解不到位，还是答案有误？"
                               f"请先核对答案，再看这一条讲清楚没有。")
        elif p > EASY:
            add(q, "too_easy", f"太容易：正确率 {_percent(p)}（高于 {_percent(EASY)}），区分不出谁掌握了；"
                               f"可以加大难度或换成情形判断题。")
        if not math.isnan(d) and d < 0:
            add(q, "negative_discrimination",
                f"区分度为负（D = {_signed(d)}）：高分组答对的反而比低分组少。请核对答案！"
                f"也可能题干有歧义，让掌握得好的学员想多了。")
        else:
            low = []
            if not math.isnan(d) and d < MIN_D:
                low.append(f"D = {_signed(d)}（低于 {MIN_D:.2f}）")
            if not math.isnan(r) and r < MIN_RPB:
                low.append(f"点二列相关 {_signed(r)}（低于 {MIN_RPB:.2f}）")
            if low and p <= EASY:
                add(q, "poor_discrimination", f"区分度低：{'，'.join(low)}。掌握得好和差的学员答对的机会差不多，"
                                              f"请检查题干是否含糊、干扰项是否太弱或太强。")
            elif low:
                add(q, "poor_discrimination", f"区分度低：{'，'.join(low)}，因为几乎人人答对。")
        options = distractors[distractors["question_id"] == q.id]
        dead = options[options["flag"] == "nonfunctioning"]
        if len(dead):
            listed = "、".join(f"{_named(o)}（{_percent(o.share)}）" for o in dead.itertuples())
            add(q, "nonfunctioning_distractor", f"干扰项 {listed}几乎无人选择（低于 {_percent(MIN_DISTRACTOR_SHARE)}），"
                                                f"起不到干扰作用，建议换成学员真会混淆的说法。")
        suspect = options[options["flag"] == "upper_above_key"]
        if len(suspect):
            keys = options[options["is_key"]]
            key_upper = keys["share_upper"].min()
            key_names = "、".join(_named(o) for o in keys.itertuples())
            listed = "、".join(f"{_percent(o.share_upper)} 选了干扰项 {_named(o)}" for o in suspect.itertuples())
            lower = "、".join(f"{o.option} 的 {_percent(o.share_lower)}" for o in suspect.itertuples())
            add(q, "miskey_suspected", f"答案可能有误：高分组有 {listed}，选答案 {key_names} 的只有 "
                                       f"{_percent(key_upper)}（低分组选 {lower}）。请核对答案！")
        strong = options[options["flag"] == "above_key"]
        if len(strong):
            key_share = options.loc[options["is_key"], "share"].min()
            listed = "、".join(f"{_named(o)}（{_percent(o.share)}）" for o in strong.itertuples())
            add(q, "distractor_above_key", f"干扰项 {listed}的选择率高于正确答案（{_percent(key_share)}）："
                                           f"请核对答案；若答案无误，说明学员普遍误解了这一条，需要重点讲解。")
    columns = ["question_id", "number", "citation", "type_label", "stem", "code", "label", "reason", "p", "D", "r_pb"]
    return pd.DataFrame(rows, columns=columns)


#: Option texts longer than this are cut (with …) where a flag's reason names the option.
NAMED_TEXT_LENGTH = 16


def _named(option) -> str:
    """An option as a flag's reason names it: its key in the questions given and its text, ``B“可以”``.

    The text is what identifies it: with papers shuffled per learner, the letter is only the one of
    the version of the question the report was given.
    """
    text = " ".join(str(option.text).split())
    if len(text) > NAMED_TEXT_LENGTH:
        text = text[:NAMED_TEXT_LENGTH - 1] + "…"
    return f"{option.option}“{text}”"


def _article_label(article: int | None) -> str:
    return NO_ARTICLE if article is None else f"第{to_chinese_number(article)}条"


def _mastery(paper: Sequence[Question], matrix: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = sorted({q.source.article for q in paper}, key=lambda a: (a is None, a or 0))
    labels = [_article_label(a) for a in articles]
    of_question = {q.id: _article_label(q.source.article) for q in paper}
    mastery = matrix.T.groupby(of_question, sort=False).mean().T.reindex(columns=labels)
    mastery.columns.name = "article"
    number = {q.id: j for j, q in enumerate(paper, 1)}
    rows = []
    for article, label in zip(articles, labels):
        on_article = [q for q in paper if q.source.article == article]
        provisions: dict[str, list[str]] = {}
        for q in on_article:
            provisions.setdefault(q.source.citation() or label, []).append(q.id)
        shares = {name: float(np.nanmean(matrix[ids].to_numpy())) for name, ids in provisions.items()}
        weakest = min(shares, key=lambda name: shares[name])  # the first of equals, in paper order
        column = mastery[label]
        rows.append({
            "article": article, "label": label, "questions": len(on_article),
            "numbers": "、".join(str(number[q.id]) for q in on_article),
            "mastery": float(column.mean()), "below": int((column < MASTERY_THRESHOLD).sum()),
            "weakest": weakest, "weakest_p": shares[weakest], "single_provision": len(provisions) == 1,
        })
    table = pd.DataFrame(rows, columns=["article", "label", "questions", "numbers", "mastery", "below", "weakest",
                                        "weakest_p", "single_provision"])
    table["article"] = table["article"].astype("Int64")
    table = table.sort_values(["mastery", "article"], kind="stable", na_position="last").reset_index(drop=True)
    return mastery, table


def _alpha(x: np.ndarray, answered: np.ndarray, weights: np.ndarray) -> tuple[float, int]:
    complete = answered.all(axis=1)
    k = x.shape[1]
    if complete.sum() < 2 or k < 2:
        return math.nan, int(complete.sum())
    points = x[complete] * weights
    total_variance = points.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return math.nan, int(complete.sum())
    return float(k / (k - 1) * (1 - points.var(axis=0, ddof=1).sum() / total_variance)), int(complete.sum())


def _score_table(frame, matrix, weights, total) -> pd.DataFrame:
    attempts = frame.groupby("respondent")["attempt_id"].first()
    seconds = frame.groupby("respondent")["seconds"].sum(min_count=1)
    x = matrix.to_numpy()
    scores = pd.DataFrame({
        "attempt_id": attempts.reindex(matrix.index).to_numpy(),
        "score": total,
        "percent": total / weights.sum() if weights.sum() else np.nan,
        "answered": (~np.isnan(x)).sum(axis=1),
        "correct": np.nansum(x, axis=1).astype(int),
        "seconds": seconds.reindex(matrix.index).to_numpy(),
    }, index=matrix.index)
    scores.index.name = "learner_id"
    return scores


def _distribution(total: np.ndarray, weights: np.ndarray) -> pd.DataFrame:
    counts = Counter(float(t) for t in total)
    if all(float(w).is_integer() for w in weights):
        values = [float(v) for v in range(int(weights.sum()) + 1)]
    else:
        values = sorted(counts)
    return pd.DataFrame({"score": values, "learners": [counts.get(v, 0) for v in values]})


def _small_class_notes(n: int) -> list[ReportWarning]:
    notes: list[ReportWarning] = []
    if n < MIN_LEARNERS:
        notes.append(SmallClassWarning(
            f"全班只有 {n} 名学员（少于 {MIN_LEARNERS} 名）：除人数以外，正确率等所有统计都很不稳定，只能作为参考。"
            f" / only {n} learners (under {MIN_LEARNERS}): no statistic but the counts is reliable",
            n=n, minimum=MIN_LEARNERS))
    if n < MIN_LEARNERS_DISCRIMINATION:
        notes.append(SmallClassWarning(
            f"全班只有 {n} 名学员（少于 {MIN_LEARNERS_DISCRIMINATION} 名）：区分度、点二列相关和信度 α 不稳定，"
            f"“区分度低”“区分度为负”等提示请结合题目内容判断。"
            f" / only {n} learners (under {MIN_LEARNERS_DISCRIMINATION}): discrimination, point-biserial and α "
            f"are unstable", n=n, minimum=MIN_LEARNERS_DISCRIMINATION))
    return notes


def _chinese(message: str) -> str:
    """The Chinese half of a bilingual warning message."""
    return message.split(" / ")[0]


"""The trainer's report on a session: what the class did not understand, and which questions need revision.

Input is a responses frame, as :meth:`qqtext.sessions.store.ResultsStore.responses_frame` returns it
(one row per answer: ``session, attempt_id, learner_id, paper_id, question_id, response, correct,
seconds``), and the questions by id, for their texts, keys and sources. :func:`class_report`
computes the statistics of classical test theory into a :class:`ClassReport`;
:func:`write_report` writes it as an Excel workbook, a standalone HTML page and a PNG heatmap.

Which answers count. One attempt per learner: the latest (the attempt whose answers come last in
the frame, which is the order the store records them in), or the first, or every attempt as a
respondent of its own (``attempts="all"``). A question the learner's attempt has no row for is
*not answered*: it is left out of that question's statistics and scores 0 in the learner's total.

The statistics (n learners, k questions, each question's points as its weight):

* **facility** p: the share of the learners who answered the question that got it right;
* **discrimination** D = p(upper) − p(lower), the upper and lower groups being the 27 % of learners
  with the highest and the lowest total scores (learners tied at a group's boundary share the
  remaining places by weight, so ties never depend on who is listed first). The total includes the
  question itself, as D is usually computed; in a short paper that lifts D (by about 0.25 for 20
  questions answered at random), which is why the corrected point-biserial is checked as well;
* **point-biserial** r: the correlation of the question (0/1) with the total score *without* it
  (the corrected item–rest correlation);
* **Cronbach's α**, which for right/wrong items is KR-20, over the learners who answered every
  question; the mean, the SD (n − 1) and the distribution of the total score;
* **distractors** of choice and scenario questions: the share of learners choosing each option,
  overall and in the upper and lower groups. A distractor chosen by under 5 % does not work; one
  chosen more than the key (for multiple choice: than its least chosen correct option) points at a
  misunderstanding or a wrong key; one the *upper group* chooses more than the key, and more than
  the lower group does, points at a wrong key (the classic miskey sign: with 40 learners it catches
  a wrong key where D alone often stays positive);
* **mastery**: for each learner and article (第十三条; items such as 第十三条（五） are aggregated to
  their article), the share of the article's questions answered correctly; for each article, the
  mean over the learners: the articles the class did not understand come first.

Questions are flagged for revision, with the reason in Chinese, when p < 0.2 (too hard, or a wrong
key?), p > 0.95 (too easy), D < 0 (check the key!), the upper group prefers a distractor (check the
key!), D < 0.2 or r < 0.15 (discriminates poorly), or a distractor does not work or beats the key. Small classes make these figures unstable: under 30
learners D, r and α, under 10 everything but the counts. The report says so, and
:class:`SmallClassWarning` is issued.

>>> from qqtext.exercises.model import Question, Source
>>> q = Question.create(type="true_false", stem="可以专程接送。", answer=("错",), explanation="第十三条（五）",
...                     source=Source("jinan-2019", 13, 5, "不许单独指派、专程接送", 0, 0))
>>> rows = [("课1", f"t{i}", f"学员{i}", "卷", q.id, "错" if i < 3 else "对", i < 3, 10.0) for i in range(4)]
>>> frame = pd.DataFrame(rows, columns=list(RESPONSE_COLUMNS))
>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", SmallClassWarning)
...     report = class_report(frame, {q.id: q})
>>> report.n_learners, float(report.items.loc[q.id, "p"]), report.mastery.columns.tolist()
(4, 0.75, ['第十三条'])
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from qqtext.errors import QqtextError, QqtextWarning
from qqtext.exercises.model import TYPE_LABELS, Question
from qqtext.numerals import to_chinese_number
from qqtext.sessions.simulate import RESPONSE_COLUMNS, SEPARATOR

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "ClassReport",
    "ReportError",
    "ReportWarning",
    "SmallClassWarning",
    "class_report",
    "rescore",
    "plot_mastery_heatmap",
    "heatmap_png",
    "to_html",
    "write_xlsx_report",
    "write_class_report",
    "write_report",
    "RESPONSE_COLUMNS",
    "REPORT_FILES",
    "GROUP_FRACTION",
    "MIN_LEARNERS",
    "MIN_LEARNERS_DISCRIMINATION",
    "HARD",
    "EASY",
    "MIN_D",
    "MIN_RPB",
    "MIN_DISTRACTOR_SHARE",
    "MASTERY_THRESHOLD",
]

Attempts = Literal["latest", "first", "all"]

#: The share of learners in each of the upper and lower groups.
GROUP_FRACTION = 0.27
#: Below this many learners nothing but the counts is reliable.
MIN_LEARNERS = 10
#: Below this many learners discrimination, point-biserial and α are unstable.
MIN_LEARNERS_DISCRIMINATION = 30
#: Facility below which a question is too hard, above which too easy.
HARD, EASY = 0.2, 0.95
#: Discrimination D and point-biserial r below which a question discriminates poorly.
MIN_D, MIN_RPB = 0.2, 0.15
#: A distractor chosen by fewer than this share of the learners does not work.
MIN_DISTRACTOR_SHARE = 0.05
#: An article is not yet mastered by a learner (and by the class) below this share correct.
MASTERY_THRESHOLD = 0.6
#: The files :func:`write_report` writes into its folder.
REPORT_FILES = {"xlsx": "课堂报告.xlsx", "html": "课堂报告.html", "png": "掌握情况热力图.png"}

CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "scenario"})
NO_ARTICLE = "其他"
#: Revision flags: code → short Chinese label.
FLAG_LABELS = {
    "too_hard": "太难",
    "too_easy": "太容易",
    "negative_discrimination": "区分度为负",
    "miskey_suspected": "答案可能有误",
    "poor_discrimination": "区分度低",
    "nonfunctioning_distractor": "干扰项无效",
    "distractor_above_key": "干扰项强于答案",
}
#: How the summary counts the questions with each flag (except the wrong-key flags, which it names).
SUMMARY_PHRASES = {
    "too_hard": "太难", "too_easy": "太容易", "poor_discrimination": "区分度低",
    "distractor_above_key": "有干扰项比答案更多人选", "nonfunctioning_distractor": "有几乎无人选的干扰项",
}
#: Flags that may mean a wrong key: check them first.
WRONG_KEY_FLAGS = ("negative_discrimination", "miskey_suspected")
#: Flags the report colours red: a wrong key, or a misunderstanding most of the class shares.
URGENT_FLAGS = (*WRONG_KEY_FLAGS, "distractor_above_key")
DISTRACTOR_NOTES = {"": "", "nonfunctioning": "几乎无人选择", "above_key": "选择率高于正确答案",
                    "upper_above_key": "高分组多选此项：答案可能有误"}


class ReportError(QqtextError, ValueError):
    """Responses a report cannot be made from: missing columns, no rows, questions not given."""


class ReportWarning(QqtextWarning):
    """Something the trainer should know when reading the report (it is printed in the report too)."""


class SmallClassWarning(ReportWarning):
    """The class is too small for some of the statistics.

    Attributes:
        n: the number of learners; minimum: the number the statistics need.
    """

    def __init__(self, message: str, *, n: int, minimum: int) -> None:
        super().__init__(message)
        self.n = n
        self.minimum = minimum


# ------------------------------------------------------------------ the report
#: Chinese column headers of the report's tables (see :meth:`ClassReport.table`).
LABELS = {
    "items": {
        "number": "题号", "type_label": "题型", "citation": "条款", "stem": "题干", "answer": "正确答案",
        "n": "作答人数", "p": "正确率", "p_upper": "高分组正确率", "p_lower": "低分组正确率", "D": "区分度D",
        "r_pb": "点二列相关", "mean_seconds": "平均用时（秒）", "top_wrong": "最常见错答",
        "top_wrong_share": "该错答占比", "flags": "修订提示",
    },
    "distractors": {
        "number": "题号", "type_label": "题型", "citation": "条款", "option": "选项", "text": "选项内容",
        "is_key": "正确答案", "n": "选择人数", "share": "选择率", "share_upper": "高分组选择率",
        "share_lower": "低分组选择率", "note": "提示",
    },
    "flags": {
        "number": "题号", "citation": "条款", "type_label": "题型", "stem": "题干", "label": "问题",
        "reason": "原因与建议", "p": "正确率", "D": "区分度D", "r_pb": "点二列相关",
    },
    "articles": {
        "label": "条款", "questions": "题数", "numbers": "题号", "mastery": "掌握度", "below": "未掌握人数",
        "weakest": "最薄弱之处", "weakest_p": "该处正确率",
    },
    "scores": {
        "learner_id": "学员", "attempt_id": "作答编号", "score": "得分", "percent": "得分率",
        "answered": "作答题数", "correct": "答对题数", "seconds": "用时（秒）",
    },
    "distribution": {"score": "得分", "learners": "人数"},
}


@dataclass(frozen=True, eq=False)
class ClassReport:
    """A class's results on a paper, question by question and article by article.

    Attributes:
        session: the session reported on (``None``: every session in the frame); sessions, papers:
            those the answers come from.
        n_learners: the learners (respondents) counted; n_questions: the questions answered.
        max_score: the paper's total points; mean, sd: of the learners' total scores.
        alpha: Cronbach's α (KR-20 for right/wrong items) over the ``alpha_n`` learners who
            answered every question (NaN with fewer than 2 learners or questions).
        scores: one row per learner (index ``learner_id``: the id, or the name ``names`` gives):
            attempt_id, score, percent, answered, correct, seconds.
        distribution: the score distribution: score, learners.
        matrix: learners × question ids: 1.0 right, 0.0 wrong, NaN not answered.
        items: one row per question (index ``question_id``, paper order): number, type, type_label,
            article, citation, article_label, stem, answer, n, p, p_upper, p_lower, D, r_pb,
            mean_seconds, top_wrong, top_wrong_share, flags.
        distractors: one row per option of each choice/scenario question: question_id, number,
            type_label, citation, option, text, is_key, n, share, share_upper, share_lower, flag
            (``""``, ``"nonfunctioning"``, ``"above_key"``, ``"upper_above_key"``), note.
        mastery: learners × articles (第一条 …, in article order): share correct.
        articles: one row per article, the least understood first: article, label, questions,
            numbers (the question numbers, ``2、9、15``), mastery, below (learners under :data:`MASTERY_THRESHOLD`), weakest (its least
            understood provision, e.g. 第十三条（五）), weakest_p.
        flags: one row per reason to revise a question: question_id, number, citation, type_label,
            stem, code (see ``FLAG_LABELS``), label, reason, p, D, r_pb.
        warnings: what the trainer should keep in mind (small class, incomplete attempts), in Chinese.
    """

    session: str | None
    sessions: tuple[str, ...]
    papers: tuple[str, ...]
    n_learners: int
    n_questions: int
    max_score: float
    mean: float
    sd: float
    alpha: float
    alpha_n: int
    scores: pd.DataFrame
    distribution: pd.DataFrame
    matrix: pd.DataFrame
    items: pd.DataFrame
    distractors: pd.DataFrame
    mastery: pd.DataFrame
    articles: pd.DataFrame
    flags: pd.DataFrame
    warnings: tuple[str, ...]

    def overview(self) -> pd.DataFrame:
        """The paper's figures as 指标 / 数值 rows, in Chinese."""
        scores = self.scores["score"]
        rows = [
            ("场次", "、".join(self.sessions)),
            ("试卷", "、".join(self.papers)),
            ("学员人数", self.n_learners),
            ("题数", self.n_questions),
            ("满分", _number(self.max_score)),
            ("平均分", _round(self.mean, 1)),
            ("标准差", _round(self.sd, 1)),
            ("中位数", _round(float(scores.median()), 1)),
            ("最低分", _number(float(scores.min()))),
            ("最高分", _number(float(scores.max()))),
            ("平均得分率", _round(self.mean / self.max_score, 2) if self.max_score else None),
            ("信度 α（KR-20）", _round(self.alpha, 2)),
            ("计算 α 的人数", self.alpha_n),
            ("需修订的题数", int(self.flags["question_id"].nunique())),
        ]
        return pd.DataFrame(rows, columns=["指标", "数值"])

    def table(self, name: str) -> pd.DataFrame:
        """One of the report's tables with Chinese headers, figures rounded, for display.

        Args:
            name: ``items``, ``distractors``, ``flags``, ``articles``, ``scores``, ``distribution``,
                ``mastery`` or ``overview``.
        """
        if name == "overview":
            return self.overview()
        if name == "mastery":
            return self.mastery.round(2).rename_axis(index="学员", columns="条款")
        if name not in LABELS:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(['overview', 'mastery', *LABELS])}")
        frame = getattr(self, name)
        if name == "scores":
            frame = frame.reset_index()
        labels = LABELS[name]
        shown = frame[list(labels)].copy()
        if "is_key" in shown:
            shown["is_key"] = shown["is_key"].map({True: "✓", False: ""})
        for column in shown.columns:
            if pd.api.types.is_float_dtype(shown[column]):
                shown[column] = shown[column].round(1 if column in ("mean_seconds", "seconds", "score") else 2)
        return shown.rename(columns=labels).reset_index(drop=True)

    def weakest(self, count: int = 3) -> list[str]:
        """The ``count`` least understood articles as a trainer would name them.

        ``第十三条（五）（掌握度 25%）`` where the article's questions are all on one item;
        ``第十三条（掌握度 45%，其中第十三条（五）仅 25%）`` where one item is clearly weaker than the rest.
        """
        names = []
        for row in self.articles.head(count).itertuples():
            mastery = _percent(row.mastery)
            if row.weakest and row.weakest != row.label and row.single_provision:
                names.append(f"{row.weakest}（掌握度 {mastery}）")
            elif row.weakest and row.weakest != row.label and row.weakest_p < row.mastery - 0.05:
                names.append(f"{row.label}（掌握度 {mastery}，其中{row.weakest}仅 {_percent(row.weakest_p)}）")
            else:
                names.append(f"{row.label}（掌握度 {mastery}）")
        return names

    def summary_paragraphs(self) -> list[str]:
        """The report in a few sentences for the trainer, in Chinese."""
        paragraphs = []
        mean_share = f"（得分率 {_percent(self.mean / self.max_score)}）" if self.max_score else ""
        alpha = f"，信度 α = {self.alpha:.2f}{_alpha_verdict(self.alpha)}" if not math.isnan(self.alpha) else ""
        sd = f"，标准差 {self.sd:.1f}" if not math.isnan(self.sd) else ""
        paragraphs.append(
            f"共 {self.n_learners} 名学员作答 {self.n_questions} 道题，满分 {_number(self.max_score)} 分；"
            f"平均 {self.mean:.1f} 分{mean_share}{sd}{alpha}。"
        )
        if len(self.articles):
            weak = self.articles[self.articles["mastery"] < MASTERY_THRESHOLD]
            if len(weak):
                names = self.weakest(min(3, len(weak)))
                more = f"；掌握度低于 {_percent(MASTERY_THRESHOLD)} 的条款共 {len(weak)} 条" if len(weak) > 3 else ""
                paragraphs.append(f"全班最薄弱的条款是{'、'.join(names)}{more}，建议下次培训重点讲解。")
            else:
                paragraphs.append(f"各条款的掌握度都在 {_percent(MASTERY_THRESHOLD)} 以上；相对最弱的是"
                                  f"{'、'.join(self.weakest(2))}。")
        if len(self.flags):
            text = f"有 {self.flags['question_id'].nunique()} 道题需要修订（详见“需修订”）。"
            suspects = self.flags[self.flags["code"].isin(WRONG_KEY_FLAGS)].drop_duplicates("question_id")
            if len(suspects):
                named = "、".join(f"第 {r.number} 题·{r.citation or NO_ARTICLE}"
                                 for r in suspects.sort_values("number").itertuples())
                text += f"请先核对{named}的答案：掌握得好的学员反而答错更多。"
            counts = self.flags[~self.flags["code"].isin(WRONG_KEY_FLAGS)].groupby("code")["question_id"].nunique()
            described = [f"{counts[code]} 道{SUMMARY_PHRASES[code]}" for code in SUMMARY_PHRASES if code in counts]
            if described:
                text += f"{'其余' if len(suspects) else ''}问题：{'，'.join(described)}。"
            paragraphs.append(text)
        else:
            paragraphs.append("没有需要修订的题目。")
        return paragraphs

    def summary(self) -> str:
        """:meth:`summary_paragraphs` as one text, with the warnings after it."""
        return "\n".join([*self.summary_paragraphs(), *(f"注意：{w}" for w in self.warnings)])


def _alpha_verdict(alpha: float) -> str:
    if alpha >= 0.8:
        return "（较高）"
    if alpha >= 0.6:
        return "（尚可）"
    if alpha < 0:
        return "（为负，无法解释：人数太少，或有题目出了问题）"
    return "（偏低：分数受偶然因素影响较大，题少、人少时常见，也可能有题目出了问题）"


# ------------------------------------------------------------------ statistics
def rescore(responses: pd.DataFrame, questions: Mapping[str, Question]) -> pd.DataFrame:
    """The responses with ``correct`` marked again against the keys of ``questions``.

    For a key that was wrong when the session ran, and has been put right since: the learners'
    choices stand; what counts as correct changes. Choice answers match when they hold the same
    keys; cloze answers when each blank matches after trimming spaces. Rows whose question is not
    in ``questions`` keep their mark.
    """
    frame = responses.copy()

    def mark(row) -> bool:
        q = questions.get(row.question_id)
        if q is None:
            return bool(row.correct)
        response = "" if pd.isna(row.response) else str(row.response)
        if q.type in CHOICE_TYPES:
            return _chosen(response, q) == set(q.answer)
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
        responses: the responses frame (columns :data:`RESPONSE_COLUMNS`).
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
    order = [qid for qid in questions if qid in set(frame["question_id"])]
    unknown = sorted(set(frame["question_id"]) - set(order))
    if unknown:
        raise ReportError(f"{len(unknown)} answered question(s) are not among the questions given: "
                          f"{', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}")
    paper = [questions[qid] for qid in order]
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


def _prepare(responses: pd.DataFrame, session: str | None) -> pd.DataFrame:
    missing = [c for c in RESPONSE_COLUMNS if c not in responses.columns]
    if missing:
        raise ReportError(f"the responses lack the column(s) {', '.join(missing)} "
                          f"(expected {', '.join(RESPONSE_COLUMNS)})")
    frame = responses[list(RESPONSE_COLUMNS)].reset_index(drop=True)
    if session is not None:
        frame = frame[frame["session"].astype(str) == str(session)].reset_index(drop=True)
    if frame.empty:
        where = f" for session {session!r}" if session is not None else ""
        raise ReportError(f"no responses{where}")
    frame = frame.assign(
        session=frame["session"].astype(str),
        learner_id=frame["learner_id"].astype(str),
        paper_id=frame["paper_id"].astype(str),
        question_id=frame["question_id"].astype(str),
        response=[("" if pd.isna(r) else str(r)) for r in frame["response"]],
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
        wrong = Counter(_display_response(r, q) for r in answers.loc[~answers["correct"], "response"])
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


def _chosen(response: str, q: Question) -> set[str]:
    """The option keys a choice response names: ``A|C``; tolerates ``A,C``, ``A、C`` and ``AC``."""
    keys = {o.key for o in q.options}
    parts = [p.strip() for p in re.split(r"[|,，、;；\s]+", response) if p.strip()]
    chosen = set()
    for part in parts:
        if part in keys:
            chosen.add(part)
        elif all(c in keys for c in part):
            chosen.update(part)
    return chosen


def _display_answer(q: Question) -> str:
    if q.type in CHOICE_TYPES:
        return "".join(sorted(q.answer))
    return "；".join(q.answer)


def _display_response(response: str, q: Question) -> str:
    if not response.strip():
        return "（未作答）"
    if q.type in CHOICE_TYPES:
        return "".join(sorted(_chosen(response, q))) or "（无效）"
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
        chosen = [_chosen(r, q) for r in answers["response"]]
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
            listed = "、".join(f"{o.option}（{_percent(o.share)}）" for o in dead.itertuples())
            add(q, "nonfunctioning_distractor", f"干扰项 {listed}几乎无人选择（低于 {_percent(MIN_DISTRACTOR_SHARE)}），"
                                                f"起不到干扰作用，建议换成学员真会混淆的说法。")
        suspect = options[options["flag"] == "upper_above_key"]
        if len(suspect):
            keys = options[options["is_key"]]
            key_upper = keys["share_upper"].min()
            key_names = "、".join(keys["option"])
            listed = "、".join(f"{_percent(o.share_upper)} 选了干扰项 {o.option}" for o in suspect.itertuples())
            lower = "、".join(f"{o.option} 的 {_percent(o.share_lower)}" for o in suspect.itertuples())
            add(q, "miskey_suspected", f"答案可能有误：高分组有 {listed}，选答案 {key_names} 的只有 "
                                       f"{_percent(key_upper)}（低分组选 {lower}）。请核对答案！")
        strong = options[options["flag"] == "above_key"]
        if len(strong):
            key_share = options.loc[options["is_key"], "share"].min()
            listed = "、".join(f"{o.option}（{_percent(o.share)}）" for o in strong.itertuples())
            add(q, "distractor_above_key", f"干扰项 {listed}的选择率高于正确答案（{_percent(key_share)}）："
                                           f"请核对答案；若答案无误，说明学员普遍误解了这一条，需要重点讲解。")
    columns = ["question_id", "number", "citation", "type_label", "stem", "code", "label", "reason", "p", "D", "r_pb"]
    return pd.DataFrame(rows, columns=columns)


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


# ------------------------------------------------------------------ formatting helpers
def _percent(value: float) -> str:
    return "—" if value is None or math.isnan(value) else f"{round(value * 100):d}%"


def _signed(value: float) -> str:
    return f"{value:.2f}".replace("-", "−")


def _round(value: float, digits: int):
    return None if value is None or math.isnan(value) else round(value, digits)


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 2)


# ------------------------------------------------------------------ heatmap
#: The colour map of mastery, 0 (red: not understood) to 1 (blue: understood); readable for red-green blindness.
MASTERY_CMAP = "RdYlBu"


def plot_mastery_heatmap(report: ClassReport, *, ax: Axes | None = None) -> Axes:
    """Learners × articles, each cell the learner's share correct on the article's questions.

    The first row (全班平均) is the class's mastery of each article, set apart by a white band; then
    the learners, sorted by total score (best on top) and labelled with it. Columns are the articles
    in order, labelled with their number of questions. Cells read ``答对/题数`` when the grid is
    small enough to print them (60 learners, 30 articles); grey cells are articles a learner answered
    nothing on. Red is not understood, blue understood (a map readable with red–green blindness).

    Args:
        report: the class report.
        ax: axes to draw on (a new figure when omitted).

    Returns:
        The axes drawn on; its image carries the colour bar (掌握度).
    """
    from qqtext.plotting import use_chinese_font

    use_chinese_font()
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    order = report.scores.sort_values("score", ascending=False, kind="stable").index
    mastery = report.mastery.reindex(index=order)
    class_mastery = mastery.mean()  # the mean over learners, as in report.articles
    learners, columns = len(mastery.index), len(mastery.columns)
    rows = learners + 1  # the class row on top, then the learners
    if ax is None:
        _, ax = plt.subplots(figsize=_heatmap_size(learners, columns), layout="constrained")
    cmap = mpl.colormaps[MASTERY_CMAP].with_extremes(bad="#d9d9d9")
    values = np.ma.masked_invalid(np.vstack([class_mastery.to_numpy(dtype=float), mastery.to_numpy(dtype=float)]))
    image = ax.imshow(values, cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto", interpolation="nearest")

    def ink(value: float) -> str:  # white on the dark ends of the colour map, black in between
        return "white" if value <= 0.2 or value >= 0.8 else "#222222"

    size = 9 if learners <= 30 else 8
    for c, value in enumerate(class_mastery):
        if not math.isnan(value):
            ax.text(c, 0, _percent(value), ha="center", va="center", fontsize=size + 1, color=ink(value))
    counts = report.items.groupby("article_label", sort=False).size()
    cells = learners <= 60 and columns <= 30
    if cells:
        right = report.matrix.T.groupby(report.items["article_label"], sort=False).sum(min_count=1).T
        answered = report.matrix.notna().T.groupby(report.items["article_label"], sort=False).sum().T
        for r, learner in enumerate(mastery.index, 1):
            for c, label in enumerate(mastery.columns):
                value = mastery.iat[r - 1, c]
                if not math.isnan(value):
                    text = f"{int(right.at[learner, label])}/{int(answered.at[learner, label])}"
                    ax.text(c, r, text, ha="center", va="center", fontsize=size, color=ink(value))

    xlabels = [f"{label}\n{counts.get(label, 0)}题" for label in mastery.columns]
    ax.set_xticks(range(columns), xlabels, fontsize=9 if columns > 12 else 10,
                  rotation=90 if columns > 16 else 0)
    ax.xaxis.tick_top()
    scores = report.scores["score"]
    if learners <= 80:
        ylabels = ["全班平均", *(f"{learner}（{_number(float(scores[learner]))}分）" for learner in mastery.index)]
        ax.set_yticks(range(rows), ylabels, fontsize=9 if learners > 30 else 10)
    else:
        step = math.ceil(learners / 40)
        ax.set_yticks([0, *range(1, rows, step)], ["全班平均", *(str(x) for x in mastery.index[::step])], fontsize=7)
    ax.set_xticks([x - 0.5 for x in range(1, columns)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(2, rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2 if learners <= 60 else 0.4)
    ax.axhline(0.5, color="white", linewidth=5)  # sets the class row apart
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_ylabel("学员（按总分从高到低）")
    ax.set_xlabel("单元格：该学员在这一条上答对的题数 / 这一条的题数" if cells else "")
    ax.set_title("学员 × 条款 掌握情况（红色：没掌握）", pad=10, fontsize=13)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02, shrink=min(1.0, 12 / rows + 0.3))
    bar.set_label("掌握度（这一条答对的比例）")
    bar.set_ticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0%", "25%", "50%", "75%", "100%"])
    return ax


def _heatmap_size(rows: int, columns: int) -> tuple[float, float]:
    width = min(24.0, max(7.0, 0.78 * columns + 3.2))
    height = min(32.0, max(4.0, (0.27 if rows <= 80 else 0.12) * (rows + 1) + 2.4))
    return width, height


def heatmap_png(report: ClassReport, *, dpi: int = 120) -> bytes:
    """The mastery heatmap as PNG bytes, the same bytes for the same report (no date, no software tag)."""
    from matplotlib.figure import Figure

    from qqtext.plotting import use_chinese_font

    use_chinese_font()
    figure = Figure(figsize=_heatmap_size(*report.mastery.shape), layout="constrained")
    plot_mastery_heatmap(report, ax=figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


# ------------------------------------------------------------------ xlsx
XLSX_COLORS = {"low": "F8696B", "mid": "FFEB84", "high": "5A8AC6", "bad": "F4B6B6", "warn": "FCE4B6",
               "key": "E2F0D9", "header": "D9E1F2", "muted": "EDEDED"}


def write_xlsx_report(report: ClassReport, path: str | os.PathLike[str], *, title: str) -> Path:
    """Write the report as an Excel workbook: 概览, 题目分析, 干扰项, 掌握情况, 需修订.

    Headers are Chinese, bold and frozen; shares are formatted as percentages; conditional colours
    mark facility and mastery (red low, blue high), low and negative discrimination, and distractors
    that do not work or beat the key. The same report always gives the same bytes.
    """
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring

    from qqtext.exercises.export._common import FIXED_DATETIME, clean, normalize_zip, write_bytes

    workbook = Workbook()
    bold = Font(bold=True, name="宋体", size=11)
    body = Font(name="宋体", size=11)
    header_fill = PatternFill("solid", fgColor=XLSX_COLORS["header"])

    def fill(name: str) -> PatternFill:
        return PatternFill("solid", start_color=XLSX_COLORS[name], end_color=XLSX_COLORS[name])

    def scale(sheet, cells: str) -> None:
        sheet.conditional_formatting.add(cells, ColorScaleRule(
            start_type="num", start_value=0, start_color=XLSX_COLORS["low"],
            mid_type="num", mid_value=0.5, mid_color=XLSX_COLORS["mid"],
            end_type="num", end_value=1, end_color=XLSX_COLORS["high"]))

    def table(sheet, headers, rows, *, start=1, formats=None, widths=None, wrap=()):
        """Write a header row and rows at row ``start``; return the first and last data rows."""
        formats, widths, rows = formats or {}, widths or {}, list(rows)
        for c, name in enumerate(headers, 1):
            cell = sheet.cell(start, c, name)
            cell.font, cell.fill = bold, header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r, row in enumerate(rows, start + 1):
            for c, (name, value) in enumerate(zip(headers, row), 1):
                value = _cell(value)
                cell = sheet.cell(r, c, clean(value) if isinstance(value, str) else value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.font = body
                cell.alignment = Alignment(vertical="top", wrap_text=name in wrap)
                if name in formats:
                    cell.number_format = formats[name]
        for c, name in enumerate(headers, 1):
            letter = get_column_letter(c)
            if widths.get(name):
                sheet.column_dimensions[letter].width = widths[name]
        return start + 1, start + len(rows)

    def column(headers, name) -> str:
        return get_column_letter(list(headers).index(name) + 1)

    # 概览
    sheet = workbook.active
    sheet.title = "概览"
    overview = report.overview()
    table(sheet, ["指标", "数值"], overview.itertuples(index=False), widths={"指标": 22, "数值": 40},
          formats={"数值": "General"})
    percent_row = overview.index[overview["指标"] == "平均得分率"][0] + 2
    sheet.cell(percent_row, 2).number_format = "0%"
    sheet.freeze_panes = "A2"
    row = len(overview) + 3
    sheet.cell(row, 1, "给培训师的总结").font = bold
    for paragraph in report.summary_paragraphs():
        row += 1
        sheet.cell(row, 1, paragraph).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.row_dimensions[row].height = 15 * (1 + len(paragraph) // 60)
    for note in report.warnings:
        row += 1
        cell = sheet.cell(row, 1, f"注意：{note}")
        cell.fill, cell.alignment = fill("warn"), Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.row_dimensions[row].height = 15 * (1 + len(note) // 60)
    row += 2
    sheet.cell(row, 1, "条款掌握情况（由弱到强）").font = bold
    articles = report.table("articles")
    first, last = table(sheet, list(articles.columns), articles.itertuples(index=False), start=row + 1,
                        formats={"掌握度": "0%", "该处正确率": "0%"})
    for name in ("掌握度", "该处正确率"):
        letter = column(list(articles.columns), name)
        scale(sheet, f"{letter}{first}:{letter}{last}")
    row = last + 2
    sheet.cell(row, 1, "分数分布").font = bold
    distribution = report.table("distribution")
    table(sheet, list(distribution.columns), distribution.itertuples(index=False), start=row + 1)
    for letter, width in zip("CDEF", (10, 12, 22, 14)):
        sheet.column_dimensions[letter].width = width

    # 题目分析
    sheet = workbook.create_sheet("题目分析")
    items = report.table("items")
    headers = list(items.columns)
    widths = {"题号": 6, "题型": 10, "条款": 15, "题干": 50, "正确答案": 14, "作答人数": 8, "正确率": 8,
              "高分组正确率": 10, "低分组正确率": 10, "区分度D": 9, "点二列相关": 10, "平均用时（秒）": 10,
              "最常见错答": 16, "该错答占比": 10, "修订提示": 60}
    formats = {"正确率": "0%", "高分组正确率": "0%", "低分组正确率": "0%", "区分度D": "0.00", "点二列相关": "0.00",
               "平均用时（秒）": "0.0", "该错答占比": "0%"}
    first, last = table(sheet, headers, items.itertuples(index=False), formats=formats, widths=widths,
                        wrap={"题干", "修订提示", "最常见错答"})
    if last >= first:
        p = column(headers, "正确率")
        scale(sheet, f"{p}{first}:{p}{last}")
        for name, minimum in (("区分度D", MIN_D), ("点二列相关", MIN_RPB)):
            letter = column(headers, name)
            cells = f"{letter}{first}:{letter}{last}"
            sheet.conditional_formatting.add(cells, CellIsRule(operator="lessThan", formula=["0"], fill=fill("bad"),
                                                               stopIfTrue=True))
            sheet.conditional_formatting.add(cells, CellIsRule(operator="lessThan", formula=[str(minimum)],
                                                               fill=fill("warn")))
        letter = column(headers, "修订提示")
        sheet.conditional_formatting.add(f"{letter}{first}:{letter}{last}",
                                         FormulaRule(formula=[f'LEN(${letter}{first})>0'], fill=fill("bad")))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(last, 1)}"

    # 干扰项
    sheet = workbook.create_sheet("干扰项")
    distractors = report.table("distractors")
    headers = list(distractors.columns)
    first, last = table(sheet, headers, distractors.itertuples(index=False),
                        formats={"选择率": "0%", "高分组选择率": "0%", "低分组选择率": "0%"},
                        widths={"题号": 6, "题型": 10, "条款": 15, "选项": 6, "选项内容": 44, "正确答案": 8,
                                "选择人数": 8, "选择率": 8, "高分组选择率": 11, "低分组选择率": 11, "提示": 18},
                        wrap={"选项内容"})
    if last >= first:
        note, key = column(headers, "提示"), column(headers, "正确答案")
        whole = f"A{first}:{get_column_letter(len(headers))}{last}"
        sheet.conditional_formatting.add(whole, FormulaRule(
            formula=[f'OR(${note}{first}="{DISTRACTOR_NOTES["above_key"]}",'
                     f'${note}{first}="{DISTRACTOR_NOTES["upper_above_key"]}")'], fill=fill("bad")))
        sheet.conditional_formatting.add(whole, FormulaRule(
            formula=[f'${note}{first}="{DISTRACTOR_NOTES["nonfunctioning"]}"'], fill=fill("muted")))
        sheet.conditional_formatting.add(whole, FormulaRule(formula=[f'LEN(${key}{first})>0'], fill=fill("key")))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(last, 1)}"

    # 掌握情况
    sheet = workbook.create_sheet("掌握情况")
    labels = list(report.mastery.columns)
    headers = ["学员", "得分", "得分率", *labels]
    rows = [[learner, report.scores.at[learner, "score"], report.scores.at[learner, "percent"],
             *report.mastery.loc[learner].tolist()] for learner in report.mastery.index]
    rows.append(["全班平均", report.mean, report.mean / report.max_score if report.max_score else None,
                 *report.mastery.mean().tolist()])
    first, last = table(sheet, headers, rows, formats={"得分率": "0%", **{label: "0%" for label in labels}},
                        widths={"学员": 14, "得分": 7, "得分率": 8, **{label: 11 for label in labels}})
    for cell in sheet[last]:
        cell.font = bold
    if labels:
        scale(sheet, f"D{first}:{get_column_letter(len(headers))}{last}")
    sheet.freeze_panes = "D2"

    # 需修订
    sheet = workbook.create_sheet("需修订")
    flags = report.table("flags")
    headers = list(flags.columns)
    first, last = table(sheet, headers, flags.itertuples(index=False),
                        formats={"正确率": "0%", "区分度D": "0.00", "点二列相关": "0.00"},
                        widths={"题号": 6, "条款": 15, "题型": 10, "题干": 46, "问题": 13, "原因与建议": 60,
                                "正确率": 8, "区分度D": 9, "点二列相关": 10},
                        wrap={"题干", "原因与建议"})
    if last >= first:
        label = column(headers, "问题")
        urgent = ",".join(f'${label}{first}="{FLAG_LABELS[code]}"' for code in URGENT_FLAGS)
        sheet.conditional_formatting.add(f"{label}{first}:{label}{last}", FormulaRule(
            formula=[f"OR({urgent})"], fill=fill("bad")))
    sheet.freeze_panes = "A2"
    row = max(last, 1) + 2
    if not len(flags):
        sheet.cell(row, 1, "没有需要修订的题目。")
        row += 1
    for note in report.warnings:
        sheet.cell(row, 1, f"注意：{note}").fill = fill("warn")
        row += 1

    properties = workbook.properties
    properties.title = " ".join(clean(title).split())
    properties.creator = properties.lastModifiedBy = "qqtext"
    properties.created = properties.modified = FIXED_DATETIME.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    properties.modified = FIXED_DATETIME.replace(tzinfo=None)  # saving stamps the time: put the fixed one back
    core = tostring(properties.to_tree())
    return write_bytes(path, normalize_zip(buffer.getvalue(), replace={"docProps/core.xml": core}))


def _cell(value):
    """A value as a cell holds it: NaN and NA empty, numpy scalars as Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


# ------------------------------------------------------------------ html
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", "Noto Sans SC", sans-serif')
CSS = """
body { font-family: FONTS; color: #222; margin: 2em auto; max-width: 1240px; padding: 0 1.2em; line-height: 1.6; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #d9e1f2; padding-bottom: .2em; margin-top: 1.8em; }
.meta { color: #666; margin-top: 0; }
.summary { background: #f3f6fb; border-left: 4px solid #4575b4; padding: .6em 1em; }
.summary p { margin: .4em 0; }
.warnings { background: #fff4dc; border-left: 4px solid #e6a23c; padding: .5em 1em; }
.warnings p { margin: .3em 0; }
table { border-collapse: collapse; margin: .6em 0; font-size: .92em; }
th, td { border: 1px solid #c8c8c8; padding: .25em .5em; vertical-align: top; }
th { background: #d9e1f2; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.stem { min-width: 18em; }
td.nw { white-space: nowrap; }
td.reasons { min-width: 22em; }
td.reasons p { margin: 0 0 .3em 0; }
tr.key td { background: #e2f0d9; }
td.bad { background: #f4b6b6; } td.warn { background: #fce4b6; } td.muted { color: #888; }
.bar { display: inline-block; height: .8em; background: #4575b4; vertical-align: middle; }
img.heatmap { max-width: 100%; border: 1px solid #ddd; }
.row { display: flex; flex-wrap: wrap; gap: 3em; align-items: flex-start; }
.row h3 { margin-top: 0; font-size: 1em; }
table.compact td, table.compact th { padding: 0 .5em; line-height: 1.35; }
dl dt { font-weight: 600; } dl dd { margin: 0 0 .4em 1.5em; }
""".replace("FONTS", FONT_STACK)


def _mix(value: float) -> str:
    """A light background for a share: red (0) through yellow to blue (1), the heatmap's colours paled."""
    stops = [(0.0, (0xF8, 0x69, 0x6B)), (0.5, (0xFF, 0xEB, 0x84)), (1.0, (0x5A, 0x8A, 0xC6))]
    value = min(1.0, max(0.0, value))
    for (x0, c0), (x1, c1) in zip(stops, stops[1:]):
        if value <= x1:
            t = (value - x0) / (x1 - x0)
            rgb = [round((a + (b - a) * t) * 0.55 + 255 * 0.45) for a, b in zip(c0, c1)]
            return "#" + "".join(f"{v:02x}" for v in rgb)
    return "#ffffff"


def _td(value, *, kind: str = "text", css: str = "") -> str:
    """One table cell: kind ``text``, ``percent`` (coloured by value when css is ``scale``), ``fixed``, ``int``."""
    classes = [css] if css and css != "scale" else []
    style = ""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        text = "—"
    elif kind == "percent":
        text = _percent(float(value))
        if css == "scale":
            style = f' style="background:{_mix(float(value))}"'
    elif kind == "fixed":
        text = _signed(float(value))
    elif kind == "seconds":
        text = f"{float(value):.1f}"
    else:
        text = str(value)
    if kind != "text":
        classes.append("num")
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{cls}{style}>{html.escape(text)}</td>"


def _html_table(headers: Sequence[str], rows: Sequence[str], *, css: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    cls = f' class="{css}"' if css else ""
    return f"<table{cls}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def to_html(report: ClassReport, *, title: str, heatmap: bytes | None = None) -> str:
    """The report as one standalone HTML page (the heatmap embedded as base64 PNG); every text escaped."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">场次：{e("、".join(report.sessions))}　试卷：{e("、".join(report.papers))}　'
        f"学员 {report.n_learners} 名　题目 {report.n_questions} 道</p>",
    ]
    if report.warnings:
        parts.append('<div class="warnings" id="warnings">'
                     + "".join(f"<p>⚠ {e(note)}</p>" for note in report.warnings) + "</div>")
    parts.append('<h2 id="summary">给培训师的总结</h2><div class="summary">'
                 + "".join(f"<p>{e(p)}</p>" for p in report.summary_paragraphs()) + "</div>")

    # articles
    parts.append('<h2 id="articles">条款掌握情况（由弱到强）</h2>'
                 f"<p>掌握度：每名学员在该条题目上答对的比例，再取全班平均；低于 {_percent(MASTERY_THRESHOLD)} "
                 "即为没掌握。一条的题目分属几项时，“最薄弱之处”是其中正确率最低的一项（写作第十三条的，是不分项、"
                 "考整条的题）。</p>")
    rows = [f"<tr>{_td(r.label, css='nw')}{_td(r.questions, kind='int')}{_td(r.numbers)}"
            f"{_td(r.mastery, kind='percent', css='scale')}{_td(r.below, kind='int')}"
            + (f"{_td(r.weakest, css='nw')}{_td(r.weakest_p, kind='percent', css='scale')}</tr>"
               if not r.single_provision else "<td></td><td></td></tr>")
            for r in report.articles.itertuples()]
    parts.append(_html_table(list(LABELS["articles"].values()), rows))

    # heatmap
    parts.append('<h2 id="heatmap">学员 × 条款 掌握情况</h2>')
    if heatmap:
        data = base64.b64encode(heatmap).decode("ascii")
        parts.append(f'<img class="heatmap" alt="学员 × 条款 掌握情况热力图" src="data:image/png;base64,{data}">')

    # flags
    parts.append('<h2 id="flags">需修订的题目</h2>')
    if len(report.flags):
        rows = []
        for _, group in report.flags.groupby("number", sort=True):
            r = group.iloc[0]
            urgent = bool(group["code"].isin(URGENT_FLAGS).any())
            labels = "<br>".join(html.escape(label) for label in dict.fromkeys(group["label"]))
            reasons = "".join(f"<p>{html.escape(reason)}</p>" for reason in group["reason"])
            rows.append(f"<tr>{_td(int(r['number']), kind='int')}{_td(r['citation'], css='nw')}"
                        f"{_td(r['type_label'], css='nw')}{_td(r['stem'], css='stem')}"
                        f'<td class="nw{" bad" if urgent else ""}">{labels}</td><td class="reasons">{reasons}</td>'
                        f"{_td(r['p'], kind='percent', css='scale')}{_td(r['D'], kind='fixed')}"
                        f"{_td(r['r_pb'], kind='fixed')}</tr>")
        parts.append(_html_table(list(LABELS["flags"].values()), rows))
    else:
        parts.append("<p>没有需要修订的题目。</p>")

    # overview and score distribution
    parts.append('<h2 id="overview">概览</h2><div class="row"><div>')
    overview_rows = []
    for name, value in report.overview().itertuples(index=False):
        if name == "平均得分率":
            cell = _td(value, kind="percent")
        elif isinstance(value, str) or value is None:
            cell = _td(value)
        else:
            cell = _td(f"{value:.2f}" if name.startswith("信度") else value, kind="int")
        overview_rows.append(f"<tr><th>{e(name)}</th>{cell}</tr>")
    parts.append("<table>\n" + "\n".join(overview_rows) + "\n</table></div><div>")
    peak = max(1, int(report.distribution["learners"].max()))
    rows = [f"<tr>{_td(_number(s), kind='int')}{_td(int(c), kind='int')}"
            f'<td><span class="bar" style="width:{round(200 * c / peak)}px"></span></td></tr>'
            for s, c in report.distribution.itertuples(index=False)]
    parts.append("<h3>分数分布</h3>" + _html_table(["得分", "人数", ""], rows, css="compact") + "</div></div>")

    # items
    parts.append('<h2 id="items">题目分析</h2>')
    rows = []
    for r in report.items.itertuples():
        d_css = "bad" if r.D < 0 else ("warn" if r.D < MIN_D else "")
        r_css = "bad" if r.r_pb < 0 else ("warn" if r.r_pb < MIN_RPB else "")
        rows.append(
            f"<tr>{_td(r.number, kind='int')}{_td(r.type_label, css='nw')}{_td(r.citation, css='nw')}"
            f"{_td(r.stem, css='stem')}"
            f"{_td(r.answer)}{_td(r.n, kind='int')}{_td(r.p, kind='percent', css='scale')}"
            f"{_td(r.p_upper, kind='percent')}{_td(r.p_lower, kind='percent')}{_td(r.D, kind='fixed', css=d_css)}"
            f"{_td(r.r_pb, kind='fixed', css=r_css)}{_td(r.mean_seconds, kind='seconds')}"
            f"{_td(r.top_wrong)}{_td(r.top_wrong_share, kind='percent')}</tr>")
    parts.append(_html_table([v for k, v in LABELS["items"].items() if k != "flags"], rows))

    # distractors
    parts.append('<h2 id="distractors">干扰项分析</h2>'
                 "<p>选择题和情形判断题每个选项的选择率（✓ 为正确答案）。好的干扰项主要吸引低分组；"
                 f"选择率低于 {_percent(MIN_DISTRACTOR_SHARE)} 的干扰项起不到作用，选择率高于正确答案的要核对答案。</p>")
    rows = []
    for r in report.distractors.itertuples():
        css = {"above_key": "bad", "upper_above_key": "bad", "nonfunctioning": "muted"}.get(r.flag, "")
        row_class = ' class="key"' if r.is_key else ""
        rows.append(
            f'<tr{row_class}>{_td(r.number, kind="int")}{_td(r.citation, css="nw")}'
            f'{_td(r.option)}{_td(r.text)}{_td("✓" if r.is_key else "")}{_td(r.n, kind="int")}'
            f'{_td(r.share, kind="percent")}{_td(r.share_upper, kind="percent")}'
            f'{_td(r.share_lower, kind="percent")}{_td(r.note, css=css)}</tr>')
    parts.append(_html_table(["题号", "条款", "选项", "选项内容", "正确答案", "选择人数", "选择率", "高分组选择率",
                              "低分组选择率", "提示"], rows))

    parts.append(f"""<h2 id="glossary">指标说明</h2>
<dl>
<dt>正确率 p</dt><dd>答这道题的学员中答对的比例。低于 {_percent(HARD)} 太难（或答案有误），高于 {_percent(EASY)} 太容易。</dd>
<dt>区分度 D</dt><dd>总分最高的 27% 学员（高分组）与最低的 27%（低分组）正确率之差。{MIN_D:.1f} 以上为好；为负说明掌握得好的学员反而答错，先核对答案。高分组选某个干扰项的比选答案的还多，同样要先核对答案。</dd>
<dt>点二列相关</dt><dd>这道题答对与否和其余题目总分的相关（不含本题）。{MIN_RPB:.2f} 以下区分能力弱。</dd>
<dt>信度 α（KR-20）</dt><dd>整份试卷测量是否一致：0.8 以上较高，0.6 以下偏低。题少、人少时偏低属正常。</dd>
<dt>掌握度</dt><dd>学员在某一条的题目上答对的比例；全班掌握度是各学员掌握度的平均。</dd>
</dl>""")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


# ------------------------------------------------------------------ writing
def write_class_report(report: ClassReport, out_dir: str | os.PathLike[str], *, title: str) -> list[Path]:
    """Write ``report`` into ``out_dir`` as :data:`REPORT_FILES`; return the paths (xlsx, html, png)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    png = heatmap_png(report)
    xlsx = write_xlsx_report(report, folder / REPORT_FILES["xlsx"], title=title)
    page = folder / REPORT_FILES["html"]
    page.write_text(to_html(report, title=title, heatmap=png), encoding="utf-8")
    image = folder / REPORT_FILES["png"]
    image.write_bytes(png)
    return [xlsx, page, image]


def write_report(
    responses: pd.DataFrame,
    questions: Mapping[str, Question],
    out_dir: str | os.PathLike[str],
    *,
    title: str,
    session: str | None = None,
    attempts: Attempts = "latest",
    names: Mapping[str, str] | None = None,
) -> list[Path]:
    """The class report of ``responses`` written into ``out_dir``: 课堂报告.xlsx, 课堂报告.html, 掌握情况热力图.png.

    See :func:`class_report` for the arguments, errors and warnings; the same input always writes
    the same bytes.
    """
    report = class_report(responses, questions, session=session, attempts=attempts, names=names)
    return write_class_report(report, out_dir, title=title)

"""The class report as data: :class:`ClassReport`, the thresholds it is judged by, its Chinese labels and errors.

:func:`qqtext.sessions.report.class_report` (in :mod:`.stats`) computes it; :mod:`.xlsx`, :mod:`.page`
and :mod:`.heatmap` write it. The thresholds are documented in :mod:`qqtext.sessions.report`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from qqtext.errors import QqtextError, QqtextWarning
from qqtext.sessions.report._format import _number, _percent, _round

__all__ = [
    "ClassReport",
    "ReportError",
    "ReportWarning",
    "SmallClassWarning",
    "Attempts",
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
    "FLAG_LABELS",
    "LABELS",
]


#: Which attempts of a learner count: the latest, the first, or each as a respondent of its own.
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


"""The trainer's report on a session: what the class did not understand, and which questions need revision.

Input is a responses frame, as :meth:`qqtext.sessions.store.ResultsStore.responses_frame` returns it
(one row per answer: ``session, attempt_id, learner_id, paper_id, question_id, response, correct,
seconds, shown, chosen``), and the questions by id, for their texts, keys and sources. :func:`class_report`
computes the statistics of classical test theory into a :class:`ClassReport`;
:func:`write_report` writes it as an Excel workbook, a standalone HTML page and a PNG heatmap.

Which options were chosen. Choice answers are read by the option *texts* the learner saw and
chose (the ``shown`` and ``chosen`` columns the store and the simulation write; see
:mod:`qqtext.sessions.responses`), so a paper shuffled differently for each learner, or labelled
differently from the questions given here, is counted on the right options. Rows without texts
(answers stored before they were recorded, or a frame without those columns) are read by their
keys, against the questions given: pass those as the learners saw them.

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
>>> import pandas as pd
>>> frame = pd.DataFrame(rows, columns=list(RESPONSE_COLUMNS))
>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", SmallClassWarning)
...     report = class_report(frame, {q.id: q})
>>> report.n_learners, float(report.items.loc[q.id, "p"]), report.mastery.columns.tolist()
(4, 0.75, ['第十三条'])

The package, by responsibility: :mod:`.model` (:class:`ClassReport`, thresholds, Chinese labels,
errors), :mod:`.stats` (:func:`class_report`, :func:`rescore`), :mod:`.heatmap`
(:func:`plot_mastery_heatmap`, :func:`heatmap_png`), :mod:`.xlsx` (:func:`write_xlsx_report`) and
:mod:`.page` (:func:`to_html`); this module re-exports them and writes the three files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from qqtext.exercises.model import Question
from qqtext.sessions.report.heatmap import MASTERY_CMAP, heatmap_png, plot_mastery_heatmap
from qqtext.sessions.report.model import (
    EASY,
    FLAG_LABELS,
    GROUP_FRACTION,
    HARD,
    LABELS,
    MASTERY_THRESHOLD,
    MIN_D,
    MIN_DISTRACTOR_SHARE,
    MIN_LEARNERS,
    MIN_LEARNERS_DISCRIMINATION,
    MIN_RPB,
    REPORT_FILES,
    Attempts,
    ClassReport,
    ReportError,
    ReportWarning,
    SmallClassWarning,
)
from qqtext.sessions.report.page import to_html
from qqtext.sessions.report.stats import class_report, rescore
from qqtext.sessions.report.xlsx import write_xlsx_report
from qqtext.sessions.simulate import RESPONSE_COLUMNS, SEEN_COLUMNS

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
    "SEEN_COLUMNS",
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
    "MASTERY_CMAP",
    "FLAG_LABELS",
    "LABELS",
]


# ------------------------------------------------------------------ writing
def write_class_report(report: ClassReport, out_dir: str | os.PathLike[str], *, title: str) -> list[Path]:
    """Write ``report`` into ``out_dir`` as :data:`REPORT_FILES`; return the paths (xlsx, html, png).

    Each file is written whole or not at all (:mod:`qqtext.outputs`).

    Raises:
        qqtext.outputs.OutputError: the folder or a file cannot be written.
    """
    from qqtext.outputs import OutputError, atomic_write_bytes, atomic_write_text

    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(folder, error.strerror or str(error), error.errno) from None
    png = heatmap_png(report)
    xlsx = write_xlsx_report(report, folder / REPORT_FILES["xlsx"], title=title)
    page = atomic_write_text(folder / REPORT_FILES["html"], to_html(report, title=title, heatmap=png))
    image = atomic_write_bytes(folder / REPORT_FILES["png"], png)
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

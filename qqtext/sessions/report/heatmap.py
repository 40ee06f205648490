"""The learner × article mastery heatmap of a class report (matplotlib, CJK font)."""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

import numpy as np

from qqtext.sessions.report._format import _number, _percent
from qqtext.sessions.report.model import ClassReport

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_mastery_heatmap", "heatmap_png", "MASTERY_CMAP"]

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


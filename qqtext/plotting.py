"""Plots with Chinese labels that render on any machine.

matplotlib's default fonts have no Chinese glyphs, and many machines (servers, CI, fresh
containers) have no Chinese system font, so labels come out as empty boxes ("tofu").
:func:`use_chinese_font` registers the Noto Sans CJK SC font that the ``mplfonts`` dependency ships
and makes it matplotlib's sans-serif font; every plotting function here calls it first.

>>> name = use_chinese_font()
>>> name
'Noto Sans CJK SC'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from qqtext.frames import articles_frame
from qqtext.model import Document
from qqtext.numerals import to_chinese_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["chinese_font_path", "use_chinese_font", "plot_article_lengths"]

FONT_FILE = "NotoSansCJKsc-Regular.otf"


def chinese_font_path() -> Path:
    """The path of the CJK font shipped by the ``mplfonts`` package."""
    return Path(str(resources.files("mplfonts") / "fonts" / FONT_FILE))


@cache
def use_chinese_font() -> str:
    """Register the shipped CJK font with matplotlib, make it the default; return its family name."""
    import matplotlib as mpl
    from matplotlib import font_manager

    path = chinese_font_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [name, *[f for f in mpl.rcParams["font.sans-serif"] if f != name]]
    mpl.rcParams["axes.unicode_minus"] = False  # the CJK font's minus sign renders; U+2212 may not
    return name


def plot_article_lengths(doc: Document, *, ax: Axes | None = None) -> Axes:
    """Bar chart of each article's length in characters, coloured by chapter, with Chinese labels.

    Args:
        doc: a parsed document with articles.
        ax: axes to draw on (a new figure when omitted).

    Returns:
        The axes drawn on.
    """
    use_chinese_font()
    import matplotlib.pyplot as plt

    frame = articles_frame(doc)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.38 * len(frame) + 2), 4.2), layout="constrained")
    groups = frame["chapter_title"].fillna("（无章）")
    palette = plt.get_cmap("tab10")
    order = list(dict.fromkeys(groups))
    colors = [palette(order.index(group) % 10) for group in groups]
    labels = [f"第{to_chinese_number(int(n))}条" for n in frame["number"]]
    ax.bar(range(len(frame)), frame["chars"], color=colors)
    ax.set_xticks(range(len(frame)), labels, rotation=90, fontsize=8)
    ax.set_ylabel("字数")
    ax.set_title(f"{doc.title}：各条字数")
    handles = [plt.Rectangle((0, 0), 1, 1, color=palette(i % 10)) for i in range(len(order))]
    ax.legend(handles, order, title="章", fontsize=8, title_fontsize=9, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax

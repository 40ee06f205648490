"""Plots render Chinese glyphs (no tofu boxes), even where the system has no Chinese font."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from qqtext.plotting import chinese_font_path, plot_article_lengths, use_chinese_font  # noqa: E402


def test_shipped_font_has_the_glyphs_we_print():
    font = FT2Font(str(chinese_font_path()))
    for char in "关于构建亲清新型政商关系的实施办法（试行）第十三条字数章规范":
        assert font.get_char_index(ord(char)) != 0, char


def test_default_font_resolves_to_the_shipped_cjk_font():
    use_chinese_font()
    resolved = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert resolved == str(chinese_font_path())


def test_article_length_plot_draws_without_missing_glyphs(jinan, tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot_article_lengths(jinan)
        target = tmp_path / "lengths.png"
        ax.figure.savefig(target, dpi=60)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    assert [t.get_text() for t in ax.get_xticklabels()][12] == "第十三条"
    assert ax.get_legend().get_texts()[2].get_text() == "规范政商交往"
    assert len(ax.patches) == 23 and target.stat().st_size > 10_000
    plt.close(ax.figure)

"""The trainer's class report: statistics recovered from simulated classes, flags, warnings and the files."""

from __future__ import annotations

import base64
import io
import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from scipy.stats import pearsonr, spearmanr  # noqa: E402

from qqtext.errors import QqtextWarning  # noqa: E402
from qqtext.exercises.model import Option, Question, Source  # noqa: E402
from qqtext.exercises.quiz import make_paper, question_pool  # noqa: E402
from qqtext.sessions.report import (  # noqa: E402
    REPORT_FILES,
    RESPONSE_COLUMNS,
    SEEN_COLUMNS,
    ReportError,
    SmallClassWarning,
    class_report,
    plot_mastery_heatmap,
    rescore,
    to_html,
    write_report,
)
from qqtext.sessions.simulate import simulate_class  # noqa: E402


@pytest.fixture(scope="module")
def paper(jinan) -> dict[str, Question]:
    """20 questions of every type from the Jinan pool, in paper order."""
    questions = make_paper(question_pool(jinan, seed=7), count=20, seed=7, title="测验").questions
    return {q.id: q for q in questions}


def report_quietly(frame, questions, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallClassWarning)
        return class_report(frame, questions, **kwargs)


def choice(stem: str, article: int, item: int | None = None, *, keys: str = "A", options: str = "ABCD") -> Question:
    return Question.create(
        type="multiple_choice" if len(keys) > 1 else "single_choice", stem=stem,
        options=[Option(k, f"{stem}·选项{k}") for k in options], answer=tuple(keys), explanation="…",
        source=Source("jinan-2019", article, item, "…", 0, 1))


def frame_of(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(RESPONSE_COLUMNS))


# ------------------------------------------------------------------ recovering what the simulation put in
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_facility_recovers_the_order_of_known_difficulties(paper, seed):
    spread = np.linspace(-2.0, 2.0, len(paper))[np.random.default_rng(seed).permutation(len(paper))]
    difficulty = dict(zip(paper, spread))
    frame = simulate_class(paper.values(), n_learners=200, seed=seed, difficulty=difficulty)
    report = class_report(frame, paper)
    assert report.n_learners == 200 and report.n_questions == 20
    rho = spearmanr(report.items["p"], [-difficulty[qid] for qid in report.items.index]).statistic
    assert rho >= 0.9


def test_facility_recovers_drawn_difficulties_too(paper):
    frame = simulate_class(paper.values(), n_learners=200, seed=11)
    report = class_report(frame, paper)
    truth = frame.attrs["difficulty"]
    assert spearmanr(report.items["p"], [-truth[qid] for qid in report.items.index]).statistic >= 0.9


def test_alpha_is_high_when_items_discriminate_and_near_zero_for_random_answers(paper):
    sharp = class_report(simulate_class(paper.values(), n_learners=200, seed=3, discrimination=2.5), paper)
    random = class_report(simulate_class(paper.values(), n_learners=200, seed=3, discrimination=0.0), paper)
    assert sharp.alpha > 0.85
    assert abs(random.alpha) < 0.2
    # random answers discriminate nothing: the corrected point-biserial scatters around 0, and the flags
    # say so. (D groups by the total score, the item included, so it stays positive: see the module doc.)
    assert abs(random.items["r_pb"].mean()) < 0.1
    assert random.items["D"].mean() < sharp.items["D"].mean() - 0.3
    assert (random.flags["code"] == "poor_discrimination").sum() + (
        random.flags["code"] == "negative_discrimination").sum() >= 12


def test_alpha_is_kr20(paper):
    report = class_report(simulate_class(paper.values(), n_learners=60, seed=4), paper)
    x = report.matrix.to_numpy()
    k = x.shape[1]
    p = x.mean(axis=0)
    kr20 = k / (k - 1) * (1 - (p * (1 - p)).sum() / x.sum(axis=1).var())  # population variances, as KR-20
    assert report.alpha == pytest.approx(kr20)
    assert report.mean == pytest.approx(x.sum(axis=1).mean())
    assert report.sd == pytest.approx(x.sum(axis=1).std(ddof=1))
    assert report.distribution["learners"].sum() == 60


def test_point_biserial_is_corrected_and_d_compares_the_27_percent_groups(paper):
    report = class_report(simulate_class(paper.values(), n_learners=100, seed=5), paper)
    x = report.matrix.to_numpy()
    total = x.sum(axis=1)
    for j, qid in enumerate(report.items.index):
        rest = total - x[:, j]
        assert report.items.at[qid, "r_pb"] == pytest.approx(pearsonr(x[:, j], rest).statistic)
    # groups of 27 learners each (no ties at the boundary for this first check: compare with a direct count)
    order = np.argsort(-total, kind="stable")
    boundary_upper, boundary_lower = total[order[26]], total[order[-27]]
    for j, qid in enumerate(report.items.index):
        upper = report.items.at[qid, "p_upper"]
        strictly = x[total > boundary_upper, j]
        tied = x[total == boundary_upper, j]
        expected = (strictly.sum() + (27 - len(strictly)) * tied.mean()) / 27
        assert upper == pytest.approx(expected)
        assert report.items.at[qid, "D"] == pytest.approx(upper - report.items.at[qid, "p_lower"])
    assert boundary_lower <= boundary_upper


def test_tied_learners_share_the_group_places():
    q = choice("甲", 13)
    other = choice("乙", 14)
    # 4 learners: scores 2, 1, 1, 0; group size round(0.27 × 4) = 1
    rows = []
    for learner, (a, b) in {"学员1": (1, 1), "学员2": (1, 0), "学员3": (0, 1), "学员4": (0, 0)}.items():
        rows.append(("课", learner, learner, "卷", q.id, "A" if a else "B", bool(a), 10.0))
        rows.append(("课", learner, learner, "卷", other.id, "A" if b else "C", bool(b), 10.0))
    report = report_quietly(frame_of(rows), {q.id: q, other.id: other})
    assert report.items.at[q.id, "p_upper"] == 1.0 and report.items.at[q.id, "p_lower"] == 0.0
    # had the lower group been 学员3 alone or 学员4 alone the answer would hang on the listing order
    assert report.items.at[q.id, "D"] == 1.0


# ------------------------------------------------------------------ flags
def test_a_wrong_key_gives_negative_discrimination_and_is_flagged(paper):
    target = next(q for q in paper.values() if q.type == "single_choice")
    # an easy question (b = −1): most learners choose the true key, which the bank marks wrong
    # 300 learners: with 120 the sign of D on one easy item still hangs on the draw of the paper and the seed
    frame = simulate_class(paper.values(), n_learners=300, seed=6, difficulty={target.id: -1.0})
    wrong = frame[(frame["question_id"] == target.id) & ~frame["correct"]]["response"].value_counts()
    miskeyed = target.with_options(target.options, (wrong.index[0],))  # the bank holds the popular wrong answer
    questions = {qid: (miskeyed if qid == target.id else q) for qid, q in paper.items()}
    report = class_report(rescore(frame, questions), questions)
    assert report.items.at[target.id, "D"] < 0
    assert report.items.at[target.id, "r_pb"] < 0
    flagged = report.flags[report.flags["question_id"] == target.id]
    assert {"negative_discrimination", "miskey_suspected"} <= set(flagged["code"])
    assert "请核对答案" in " ".join(flagged["reason"])
    assert f"请先核对第 {report.items.at[target.id, 'number']} 题" in report.summary()
    # the true key, now a "distractor", is the upper group's choice
    true_key = report.distractors[(report.distractors["question_id"] == target.id)
                                  & (report.distractors["option"] == target.answer[0])]
    assert true_key["flag"].item() == "upper_above_key"
    assert true_key["share_upper"].item() > true_key["share_lower"].item()


def test_the_upper_group_preferring_a_distractor_flags_a_wrong_key_that_d_misses():
    # The bank's key is A, the truth D. Learners 1–6 know the other five questions and choose D, but for
    # learner 4, who guessed A; learners 7–12 know nothing and guess. Marked against A, D comes out
    # positive (the lucky guess of learner 4 puts A in the upper group); the upper group's choice of D
    # gives the wrong key away.
    q = choice("哪一项？", 21)
    others = [choice(f"另一题{k}", 5) for k in range(5)]
    picks = ["D", "D", "D", "A", "D", "D", "A", "C", "A", "C", "C", "D"]
    rows = []
    for i, pick in enumerate(picks):
        learner = f"学员{i + 1:02d}"
        rows.append(("课", learner, learner, "卷", q.id, pick, pick == "A", 9.0))
        rows += [("课", learner, learner, "卷", o.id, "A" if i < 6 else "B", i < 6, 9.0) for o in others]
    report = report_quietly(frame_of(rows), {q.id: q, **{o.id: o for o in others}})
    assert report.items.at[q.id, "D"] > 0
    flagged = report.flags[report.flags["question_id"] == q.id].set_index("code")
    assert "negative_discrimination" not in flagged.index
    # upper group: learner 4 (A) and two of the five tied learners who chose D; lower group: three places
    # shared by the four learners with 0, one of whom chose D
    assert flagged.at["miskey_suspected", "reason"] == (
        "答案可能有误：高分组有 67% 选了干扰项 D“哪一项？·选项D”，选答案 A“哪一项？·选项A” 的只有 33%"
        "（低分组选 D 的 25%）。请核对答案！")
    assert "请先核对第 1 题" in report.summary()


def test_a_distractor_nobody_chooses_is_flagged_as_not_working(paper):
    target = next(q for q in paper.values() if q.type == "single_choice")
    distractors = [o.key for o in target.options if o.key not in target.answer]
    attraction = {target.id: {distractors[0]: 1.0, distractors[1]: 1.0, distractors[2]: 0.0}}
    frame = simulate_class(paper.values(), n_learners=80, seed=8, attraction=attraction)
    report = class_report(frame, paper)
    options = report.distractors[report.distractors["question_id"] == target.id].set_index("option")
    assert options.at[distractors[2], "share"] == 0
    assert options.at[distractors[2], "flag"] == "nonfunctioning"
    assert options.at[distractors[0], "flag"] != "nonfunctioning"
    flagged = report.flags[(report.flags["question_id"] == target.id)
                           & (report.flags["code"] == "nonfunctioning_distractor")]
    dead = target.option(distractors[2]).text
    named = dead if len(dead) <= 16 else dead[:15] + "…"
    assert len(flagged) == 1 and f"干扰项 {distractors[2]}“{named}”（0%）" in flagged["reason"].item()
    assert options["share"].sum() == pytest.approx(1.0)  # single choice: the shares add up


def test_too_hard_and_too_easy_are_flagged(paper):
    ids = list(paper)
    difficulty = {ids[0]: 4.0, ids[1]: -4.0}
    report = class_report(simulate_class(paper.values(), n_learners=100, seed=9, difficulty=difficulty), paper)
    codes = report.flags.groupby("question_id")["code"].agg(set)
    assert "too_hard" in codes[ids[0]] and report.items.at[ids[0], "p"] < 0.2
    assert "too_easy" in codes[ids[1]] and report.items.at[ids[1], "p"] > 0.95
    assert "太难" in report.items.at[ids[0], "flags"]


# ------------------------------------------------------------------ small classes
def test_small_class_warnings_at_8_and_25_learners(paper):
    with pytest.warns(SmallClassWarning) as caught:
        report = class_report(simulate_class(paper.values(), n_learners=8, seed=1), paper)
    small = [w.message for w in caught if isinstance(w.message, SmallClassWarning)]
    assert sorted(w.minimum for w in small) == [10, 30] and all(w.n == 8 for w in small)
    assert all(isinstance(w, QqtextWarning) for w in small)
    assert len(report.warnings) == 2 and "8 名学员" in report.warnings[0]

    with pytest.warns(SmallClassWarning) as caught:
        report = class_report(simulate_class(paper.values(), n_learners=25, seed=1), paper)
    small = [w.message for w in caught if isinstance(w.message, SmallClassWarning)]
    assert [w.minimum for w in small] == [30]
    assert len(report.warnings) == 1 and "区分度" in report.warnings[0]

    with warnings.catch_warnings():
        warnings.simplefilter("error", QqtextWarning)
        report = class_report(simulate_class(paper.values(), n_learners=30, seed=1), paper)
    assert report.warnings == ()


def test_the_warnings_are_shown_in_the_report(paper, tmp_path):
    frame = simulate_class(paper.values(), n_learners=8, seed=2)
    with pytest.warns(SmallClassWarning):
        xlsx, page, _ = write_report(frame, paper, tmp_path, title="小班")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert "8 名学员" in soup.find(id="warnings").get_text()
    overview = load_workbook(xlsx)["概览"]
    assert any("8 名学员" in str(cell.value) for row in overview.iter_rows() for cell in row if cell.value)


# ------------------------------------------------------------------ attempts, articles, input
def test_the_latest_attempt_of_each_learner_counts():
    q = choice("甲", 13, 5)
    rows = [("课", "a1", "学员1", "卷", q.id, "B", False, 5.0),   # first try: wrong
            ("课", "b1", "学员2", "卷", q.id, "A", True, 5.0),
            ("课", "a2", "学员1", "卷", q.id, "A", True, 6.0)]   # second try: right
    latest = report_quietly(frame_of(rows), {q.id: q})
    assert latest.n_learners == 2 and latest.items.at[q.id, "p"] == 1.0
    assert latest.scores.at["学员1", "attempt_id"] == "a2"
    first = report_quietly(frame_of(rows), {q.id: q}, attempts="first")
    assert first.items.at[q.id, "p"] == 0.5
    every = report_quietly(frame_of(rows), {q.id: q}, attempts="all")
    assert every.n_learners == 3 and list(every.mastery.index) == ["学员1（1）", "学员1（2）", "学员2"]
    named = report_quietly(frame_of(rows), {q.id: q}, names={"学员1": "张三", "学员2": "张三"})
    assert list(named.scores.index) == ["张三（学员1）", "张三（学员2）"]
    assert named.scores.at["张三（学员1）", "attempt_id"] == "a2"


def test_items_are_aggregated_to_their_article_and_the_weakest_named():
    questions = [choice("甲", 13, 5), choice("乙", 13, 5), choice("丙", 13), choice("丁", 8)]
    bank = {q.id: q for q in questions}
    right = {"学员1": (0, 0, 1, 1), "学员2": (0, 1, 1, 1), "学员3": (1, 0, 1, 0)}
    rows = [("课", learner, learner, "卷", q.id, "A" if ok else "B", bool(ok), 10.0)
            for learner, marks in right.items() for q, ok in zip(questions, marks)]
    report = report_quietly(frame_of(rows), bank)
    assert list(report.mastery.columns) == ["第八条", "第十三条"]
    assert report.mastery.at["学员1", "第十三条"] == pytest.approx(1 / 3)
    weakest = report.articles.iloc[0]
    assert weakest["label"] == "第十三条" and weakest["weakest"] == "第十三条（五）"
    assert weakest["mastery"] == pytest.approx((1 / 3 + 2 / 3 + 2 / 3) / 3)
    assert weakest["weakest_p"] == pytest.approx(2 / 6)
    assert "全班最薄弱的条款是第十三条（掌握度 56%，其中第十三条（五）仅 33%）" in report.summary()


def test_unanswered_questions_are_left_out_of_facility_and_alpha():
    a, b = choice("甲", 3), choice("乙", 4)
    rows = [("课", "1", "学员1", "卷", a.id, "A", True, 1.0), ("课", "1", "学员1", "卷", b.id, "A", True, 1.0),
            ("课", "2", "学员2", "卷", a.id, "B", False, 1.0), ("课", "2", "学员2", "卷", b.id, "A", True, 1.0),
            ("课", "3", "学员3", "卷", a.id, "A", True, 1.0)]  # 学员3 skipped b
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallClassWarning)
        with pytest.warns(QqtextWarning, match="没有答完"):
            report = class_report(frame_of(rows), {a.id: a, b.id: b})
    assert report.items.at[b.id, "n"] == 2 and report.items.at[b.id, "p"] == 1.0
    assert report.alpha_n == 2 and report.scores.at["学员3", "score"] == 1.0


def test_bad_input_raises_report_errors(paper):
    frame = simulate_class(paper.values(), n_learners=3, seed=1)
    with pytest.raises(ReportError, match="column"):
        class_report(frame.drop(columns="correct"), paper)
    with pytest.raises(ReportError, match="not among the questions"):
        report_quietly(frame, dict(list(paper.items())[1:]))
    with pytest.raises(ReportError, match="no responses"):
        class_report(frame, paper, session="别的课")
    with pytest.raises(ReportError, match="attempts"):
        class_report(frame, paper, attempts="best")


# ------------------------------------------------------------------ simulation
def test_simulation_is_seeded_and_answers_look_real(paper):
    one = simulate_class(paper.values(), n_learners=50, seed=12)
    two = simulate_class(paper.values(), n_learners=50, seed=12)
    pd.testing.assert_frame_equal(one, two)
    assert not one.equals(simulate_class(paper.values(), n_learners=50, seed=13))
    assert list(one.columns) == [*RESPONSE_COLUMNS, *SEEN_COLUMNS] and len(one) == 50 * 20
    assert one["correct"].dtype == bool and (one["seconds"] > 0).all()
    # correct means the key, wrong never is the key: rescoring changes nothing
    assert (rescore(one, paper)["correct"] == one["correct"]).all()
    for q in paper.values():
        answers = one[one["question_id"] == q.id]
        if q.type == "cloze":
            assert set(answers.loc[answers["correct"], "response"]) <= {"|".join(q.answer)}
            assert "|".join(q.answer) not in set(answers.loc[~answers["correct"], "response"])
        if q.type == "true_false":
            assert set(answers["response"]) <= {"对", "错"}


def test_distractors_attract_unequally(paper):
    frame = simulate_class(paper.values(), n_learners=400, seed=14, difficulty=dict.fromkeys(paper, 1.0))
    report = class_report(frame, paper)
    wrong = report.distractors[~report.distractors["is_key"] & (report.distractors["type_label"] == "单选题")]
    spread = wrong.groupby("question_id")["share"].agg(lambda s: s.max() - s.min())
    assert spread.max() > 0.2  # some distractors draw many, others few


# ------------------------------------------------------------------ outputs
@pytest.fixture(scope="module")
def class40(paper):
    return class_report(simulate_class(paper.values(), n_learners=40, seed=21), paper)


def test_mastery_heatmap_axes(class40):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot_mastery_heatmap(class40)
        ax.figure.canvas.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]
    articles = list(class40.mastery.columns)
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == articles
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "全班平均" and len(labels) == 41
    best = class40.scores["score"].idxmax()
    assert labels[1].startswith(best) and labels[1].endswith(f"（{class40.scores['score'].max():g}分）")
    image = ax.get_images()[0]
    assert image.get_array().shape == (41, len(articles))
    assert image.get_clim() == (0.0, 1.0)
    assert np.allclose(image.get_array()[0], class40.mastery.mean().to_numpy())
    colorbar = image.colorbar
    assert colorbar is not None and colorbar.ax.get_ylabel().startswith("掌握度")
    assert "学员" in ax.get_ylabel() and "掌握情况" in ax.get_title()
    plt.close(ax.figure)


def test_write_report_files_are_deterministic(paper, tmp_path):
    frame = simulate_class(paper.values(), n_learners=40, seed=21)
    first = write_report(frame, paper, tmp_path / "a", title="课堂报告")
    second = write_report(frame, paper, tmp_path / "b", title="课堂报告")
    assert [p.name for p in first] == [REPORT_FILES["xlsx"], REPORT_FILES["html"], REPORT_FILES["png"]]
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes(), one.name
    png = first[2].read_bytes()
    assert png.startswith(b"\x89PNG") and b"Software" not in png and b"matplotlib" not in png


def test_xlsx_sheets_read_back(class40, tmp_path):
    from qqtext.sessions.report import write_xlsx_report

    path = write_xlsx_report(class40, tmp_path / "r.xlsx", title="课堂报告")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["概览", "题目分析", "干扰项", "掌握情况", "需修订"]
    assert workbook.properties.title == "课堂报告"
    items = workbook["题目分析"]
    header = [c.value for c in items[1]]
    assert header[:7] == ["题号", "题型", "条款", "题干", "正确答案", "作答人数", "正确率"]
    assert items.freeze_panes == "A2" and items.max_row == 21
    p = header.index("正确率")
    assert [row[p].value for row in items.iter_rows(min_row=2)] == pytest.approx(
        class40.items["p"].round(2).tolist())
    assert items.cell(2, p + 1).number_format == "0%"
    assert len(items.conditional_formatting) >= 3
    overview = {row[0].value: row[1].value for row in workbook["概览"].iter_rows(max_row=15)}
    assert overview["学员人数"] == 40 and overview["信度 α（KR-20）"] == round(class40.alpha, 2)
    mastery = workbook["掌握情况"]
    assert [c.value for c in mastery[1]][3:] == list(class40.mastery.columns)
    assert mastery.cell(mastery.max_row, 1).value == "全班平均" and mastery.max_row == 42
    assert mastery.freeze_panes == "D2" and len(mastery.conditional_formatting) == 1
    distractors = workbook["干扰项"]
    assert distractors.max_row == len(class40.distractors) + 1
    flags = workbook["需修订"]
    assert [c.value for c in flags[1]][:6] == ["题号", "条款", "题型", "题干", "问题", "原因与建议"]
    assert flags.max_row >= len(class40.flags) + 1


def test_html_parses_and_escapes(tmp_path):
    tricky = Question.create(type="single_choice", stem="<script>alert(1)</script> 甲 & 乙？",
                             options=[Option("A", "<b>对</b>"), Option("B", "错")], answer=("A",),
                             explanation="…", source=Source("jinan-2019", 13, 5, "…", 0, 1))
    rows = [("课<1>", str(i), f"学员{i}", "卷", tricky.id, "A" if i % 3 else "B", bool(i % 3), 9.0)
            for i in range(12)]
    report = report_quietly(frame_of(rows), {tricky.id: tricky})
    page = to_html(report, title="报告 <测试>", heatmap=b"\x89PNG fake")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.title.get_text() == "报告 <测试>" and soup.find("script") is None
    assert "<script>alert(1)</script> 甲 & 乙？" in soup.get_text()
    assert soup.find("b") is None and "<b>对</b>" in soup.get_text()
    assert "Noto Sans CJK SC" in soup.style.get_text()


def test_html_report_has_the_summary_tables_and_heatmap(paper, tmp_path):
    frame = simulate_class(paper.values(), n_learners=40, seed=21)
    _, page, png = write_report(frame, paper, tmp_path, title="课堂报告")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "zh-CN" and soup.meta["charset"] == "utf-8"
    sections = [h2["id"] for h2 in soup.find_all("h2")]
    assert sections == ["summary", "articles", "heatmap", "flags", "overview", "items", "distractors", "glossary"]
    assert "全班最薄弱的条款是" in soup.find(class_="summary").get_text()
    image = soup.find("img", class_="heatmap")
    assert base64.b64decode(image["src"].split(",", 1)[1]) == png.read_bytes()
    tables = soup.find_all("table")
    item_rows = soup.find(id="items").find_next("table").find("tbody").find_all("tr")
    assert len(item_rows) == 20 and len(tables) == 6  # overview, distribution, articles, flags, items, distractors
    assert soup.find(id="warnings") is None
    assert not soup.find_all(["script", "link"])  # standalone: nothing loaded from elsewhere


def test_heatmap_png_is_readable_by_matplotlib(class40):
    from qqtext.sessions.report import heatmap_png

    data = heatmap_png(class40)
    pixels = plt.imread(io.BytesIO(data), format="png")
    assert pixels.shape[0] > 800 and pixels.shape[1] > 800
    assert not math.isnan(float(pixels.mean()))

"""`qqtext report` on a store filled by a simulated class."""

from __future__ import annotations

import json
import warnings
from collections import Counter

import pytest
from openpyxl import load_workbook

from qqtext.cli import main
from qqtext.exercises.quiz import make_paper, question_dicts, question_pool
from qqtext.sessions.report import class_report, to_html
from qqtext.sessions.simulate import simulate_class
from qqtext.sessions.store import AnswerRecord, ResultsStore


def fill(path, frame, *, session: str) -> None:
    """Save a simulated class's answers as the quiz does: letters, and the option texts shown and chosen."""
    store = ResultsStore(path)
    for (learner, _), rows in frame.groupby(["learner_id", "attempt_id"], sort=False):
        answers = [AnswerRecord(r.question_id, tuple(str(r.response).split("|")), bool(r.correct), float(r.seconds),
                                shown=r.shown, chosen=r.chosen)
                   for r in rows.itertuples()]
        store.save_attempt(store.learner_id(str(learner)), "paper-11", answers, session=session)
    store.close()


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory, jinan):
    # every generated question of seed 11 (their options, and so their ids, change with the seed) and
    # curated ones (in any seed's pool)
    pool = question_pool(jinan, seed=11)
    generated = [q for q in pool if q.provenance.startswith("generator:")]
    curated = [q for q in pool if not q.provenance.startswith("generator:")]
    assert len(generated) >= 3
    paper = make_paper(generated + curated[:12 - len(generated)], count=12, seed=11, title="t")
    frame = simulate_class(list(paper.questions), n_learners=32, seed=4)
    path = tmp_path_factory.mktemp("store") / "results.sqlite"
    fill(path, frame, session="班级一")
    return path, paper


@pytest.fixture(scope="module")
def shuffled_store(tmp_path_factory, jinan):
    """A class in which every learner saw each choice question's options in an order of their own.

    One choice question is so easy that everyone answers it right (each with the letter of their paper).
    """
    paper = make_paper(question_pool(jinan, seed=11), count=12, seed=11, title="t")
    easy = next(q for q in paper.questions if q.type == "single_choice")
    kwargs = {"n_learners": 32, "seed": 4, "difficulty": {easy.id: -9.0}}
    frame = simulate_class(list(paper.questions), shuffle=True, **kwargs)
    path = tmp_path_factory.mktemp("shuffled") / "results.sqlite"
    fill(path, frame, session="班级二")
    plain = simulate_class(list(paper.questions), **kwargs)  # the same class, every paper as the trainer's
    return path, paper, easy, frame, plain


def test_report_from_the_store(filled_store, tmp_path, capsys):
    path, _ = filled_store
    code = main(["report", "--results", str(path), "--session", "班级一", "--seed", "11", "-o", str(tmp_path)])
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["掌握情况热力图.png", "课堂报告.html", "课堂报告.xlsx"]
    html = (tmp_path / "课堂报告.html").read_text(encoding="utf-8")
    assert "学员 32 名" in html and "题目 12 道" in html


def test_report_finds_questions_through_a_paper_file(filled_store, tmp_path, capsys):
    path, paper = filled_store
    paper_file = tmp_path / "paper.json"
    paper_file.write_text(json.dumps({"questions": question_dicts(paper.questions)}, ensure_ascii=False),
                          encoding="utf-8")
    out = tmp_path / "report"
    assert main(["report", "--results", str(path), "--seed", "1", "--paper", str(paper_file), "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert (out / "课堂报告.xlsx").is_file()


def test_report_warns_about_unknown_questions(filled_store, tmp_path, capsys):
    path, _ = filled_store
    code = main(["report", "--results", str(path), "--seed", "1", "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert "not in the pool" in err
    assert code == 0  # curated questions (every scenario is one) are in any seed's pool; the rest are left out


def test_report_on_an_empty_store_exits_2(tmp_path, capsys):
    from qqtext.sessions.store import ResultsStore

    ResultsStore(tmp_path / "empty.sqlite")  # a store with no answers in it
    assert main(["report", "--results", str(tmp_path / "empty.sqlite"), "-o", str(tmp_path / "r")]) == 2
    assert "no answers stored" in capsys.readouterr().err


def test_report_on_a_mistyped_store_path_exits_2_and_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "typo" / "results.sqlite"
    assert main(["report", "--results", str(missing), "-o", str(tmp_path / "r")]) == 2
    assert "no results store there" in capsys.readouterr().err and not missing.parent.exists()


def sheet_rows(path, name: str) -> list[dict]:
    sheet = load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:] if row[0] is not None]


def test_report_on_per_learner_shuffled_papers_counts_the_options_by_text(shuffled_store, tmp_path, capsys):
    path, paper, easy, frame, plain = shuffled_store
    number = [q.id for q in paper.questions].index(easy.id) + 1
    letters = frame.loc[frame["question_id"] == easy.id, "response"]
    assert letters.nunique() > 1 and frame.loc[frame["question_id"] == easy.id, "correct"].all()
    # the report looks the questions up in the pool, whose letters are neither the paper's nor any learner's
    assert main(["report", "--results", str(path), "--session", "班级二", "--seed", "11", "-o", str(tmp_path)]) == 0
    workbook = tmp_path / "课堂报告.xlsx"
    items = {row["题号"]: row for row in sheet_rows(workbook, "题目分析")}
    assert items[number]["正确率"] == 1.0
    distractors = sheet_rows(workbook, "干扰项")
    key_text = easy.option(easy.answer[0]).text
    mine = {row["选项内容"]: row for row in distractors if row["题号"] == number}
    assert mine[key_text]["选择人数"] == 32 and mine[key_text]["正确答案"] == "✓"
    assert all(row["选择人数"] == 0 for text, row in mine.items() if text != key_text)
    # every option of every question: chosen by as many learners as chose its text
    order = [q.id for q in paper.questions]
    chosen = Counter((order.index(r.question_id) + 1, text) for r in frame.itertuples() for text in r.chosen)
    assert distractors and all(row["选择人数"] == chosen[(row["题号"], row["选项内容"])] for row in distractors)
    flagged = {(row["题号"], row["问题"]) for row in sheet_rows(workbook, "需修订")}
    assert not {label for n, label in flagged if n == number} & {"答案可能有误", "干扰项强于答案"}
    # the flags are those of the same class on one unshuffled paper, read against that paper
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = class_report(plain, {q.id: q for q in paper.questions})
    assert flagged == set(zip(expected.flags["number"], expected.flags["label"]))
    html = (tmp_path / "课堂报告.html").read_text(encoding="utf-8")
    assert "学员 32 名" in html
    assert html.count("答案可能有误") == to_html(expected, title="t").count("答案可能有误")

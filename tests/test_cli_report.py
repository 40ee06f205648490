"""`qqtext report` on a store filled by a simulated class."""

from __future__ import annotations

import json

import pytest

from qqtext.cli import main
from qqtext.exercises.quiz import make_paper, question_dicts, question_pool
from qqtext.sessions.simulate import simulate_class
from qqtext.sessions.store import AnswerRecord, ResultsStore


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory, jinan):
    paper = make_paper(question_pool(jinan, seed=11), count=12, seed=11, title="t")
    frame = simulate_class(list(paper.questions), n_learners=32, seed=4)
    path = tmp_path_factory.mktemp("store") / "results.sqlite"
    store = ResultsStore(path)
    for (learner, _), rows in frame.groupby(["learner_id", "attempt_id"], sort=False):
        answers = [AnswerRecord(r.question_id, tuple(str(r.response).split("|")), bool(r.correct), float(r.seconds))
                   for r in rows.itertuples()]
        store.save_attempt(store.learner_id(str(learner)), "paper-11", answers, session="班级一")
    store.close()
    return path, paper


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
    assert main(["report", "--results", str(tmp_path / "empty.sqlite"), "-o", str(tmp_path / "r")]) == 2
    assert "no answers stored" in capsys.readouterr().err

"""`qqtext review`: a learner's 错题本 and retest paper from the results store, Markdown and DOCX."""

from __future__ import annotations

import json

import pytest

from conftest import assert_one_line_error, run
from qqtext.exercises.quiz import make_paper, question_dicts, question_pool
from qqtext.sessions.store import AnswerRecord, ResultsStore


def wrong_response(q):
    if q.options:
        return (next(o.key for o in q.options if o.key not in q.answer),)
    if q.type == "true_false":
        return ("对",) if q.answer == ("错",) else ("错",)
    return ("不知道",) * len(q.answer)


@pytest.fixture(scope="module")
def setup(tmp_path_factory, jinan):
    folder = tmp_path_factory.mktemp("review")
    paper = make_paper(question_pool(jinan, seed=11), count=12, seed=11, title="t")
    (folder / "paper.json").write_text(json.dumps({"questions": question_dicts(paper.questions)}, ensure_ascii=False),
                                       encoding="utf-8")
    store = ResultsStore(folder / "results.sqlite")
    wrong = paper.questions[::3]
    records = [AnswerRecord(q.id, wrong_response(q) if q in wrong else q.answer, q not in wrong, 5.0)
               for q in paper.questions]
    me = store.learner_id("张三")
    store.save_attempt(me, "p", records, session="3月培训班")
    store.save_attempt(store.learner_id("李四"), "p", [AnswerRecord(q.id, q.answer, True, 3.0) for q in paper.questions],
                       session="3月培训班")
    store.close()
    return folder, me, wrong


def test_review_markdown_by_name_and_by_id(capsys, setup):
    folder, me, wrong = setup
    argv = ["--results", str(folder / "results.sqlite"), "--paper", str(folder / "paper.json"), "--seed", "11"]
    code, out, err = run(capsys, "review", "张三", *argv)
    assert code == 0, err
    assert out.startswith("# 错题本") and f"共 {len(wrong)} 道错题" in out
    for q in wrong:
        assert q.source.quote[:8] in out.replace("\\", "")
    assert "您的答案" in out and "正确答案" in out and "第" in out
    assert run(capsys, "review", me, *argv)[1] == out, "the id finds the same learner"
    code, out, _ = run(capsys, "review", "李四", *argv)
    assert code == 0 and "没有错题" in out


def test_review_docx_and_retest(capsys, setup, tmp_path):
    from docx import Document as Docx

    folder, _, wrong = setup
    target = tmp_path / "张三_错题本.docx"
    code, _, err = run(capsys, "review", "张三", "--results", str(folder / "results.sqlite"), "--paper",
                       str(folder / "paper.json"), "--seed", "11", "-o", str(target), "--retest")
    assert code == 0, err
    text = "\n".join(p.text for p in Docx(target).paragraphs)
    assert "错题本" in text and f"共 {len(wrong)} 道错题" in text and "正确答案" in text
    retest = tmp_path / "张三_错题本_重测卷.docx"
    key = tmp_path / "张三_错题本_重测卷_答案与解析.docx"
    assert retest.is_file() and key.is_file()
    paper_text = "\n".join(p.text for p in Docx(retest).paragraphs)
    assert all(q.stem[:10] in paper_text for q in wrong if q.type != "cloze")
    first = target.read_bytes()
    assert run(capsys, "review", "张三", "--results", str(folder / "results.sqlite"), "--paper",
               str(folder / "paper.json"), "--seed", "11", "-o", str(target))[0] == 0
    assert target.read_bytes() == first, "the same store gives the same bytes"


def test_review_markdown_retest(capsys, setup, tmp_path):
    folder, _, wrong = setup
    target = tmp_path / "错题本.md"
    code, _, err = run(capsys, "review", "张三", "--results", str(folder / "results.sqlite"), "--paper",
                       str(folder / "paper.json"), "--seed", "11", "-o", str(target), "--retest", "--retest-count",
                       str(len(wrong)))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# 错题本")
    retest = (tmp_path / "错题本_重测卷.md").read_text(encoding="utf-8").replace("\\", "")
    assert all(q.stem[:10] in retest for q in wrong if q.type != "cloze")


@pytest.mark.parametrize(("argv", "needles"), [
    (["张三", "--results", "{folder}/typo.sqlite"], ["typo.sqlite", "no results store"]),
    (["王五", "--results", "{folder}/results.sqlite"], ["no attempts", "王五"]),
    (["张三", "--results", "{folder}/results.sqlite", "--session", "别的班"], ["no attempts", "别的班"]),
    (["张三", "--results", "{folder}/results.sqlite", "--format", "docx"], ["-o FILE"]),
    (["张三", "--results", "{folder}/results.sqlite", "--retest"], ["-o FILE"]),
    (["张三", "--results", "{folder}/results.sqlite", "--paper", "{folder}/none.json"], ["none.json"]),
], ids=["mistyped-store", "unknown-name", "unknown-session", "docx-stdout", "retest-stdout", "missing-paper"])
def test_review_errors(capsys, setup, argv, needles):
    folder, _, _ = setup
    argv = [a.format(folder=folder) for a in argv]
    assert_one_line_error(*run(capsys, "review", *argv), *needles)
    assert not (folder / "typo.sqlite").exists(), "no store is created on a mistyped path"


def test_review_default_store_must_exist(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("QQTEXT_RESULTS", str(tmp_path / "nowhere" / "results.sqlite"))
    assert_one_line_error(*run(capsys, "review", "张三"), "no results store", "--results")
    assert not (tmp_path / "nowhere").exists()

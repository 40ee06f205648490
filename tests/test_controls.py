"""Trainer controls of `qqtext quiz`: restricting, per-type and per-level counts, exclusion, parallel forms."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter

import pytest

from conftest import assert_one_line_error, run
from qqtext.exercises.controls import (
    ControlError,
    Exclusion,
    parse_difficulty,
    parse_numbers,
    parse_type_counts,
    read_exclude,
    restrict_pool,
)
from qqtext.exercises.quiz import question_pool


@pytest.fixture(scope="module")
def pool(jinan):
    return question_pool(jinan, seed=2019)


def chapter_of(doc):
    return {a.number: a.chapter for a in doc.articles}


# -- parsing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "expected"), [
    (["单选:5,判断:5"], {"single_choice": 5, "true_false": 5}),
    (["单选题：3", "多选题:2", "填空=1"], {"single_choice": 3, "multiple_choice": 2, "cloze": 1}),
    (["情形", "案例"][:1], {"scenario": None}),
    (["情形判断题,判断题"], {"scenario": None, "true_false": None}),
    (["案例:2,single_choice"], {"scenario": 2, "single_choice": None}),
    (["True-False:4"], {"true_false": 4}),
], ids=["chinese-counts", "full-width-and-spaces", "scenario-alias", "plain-list", "mixed", "english"])
def test_parse_type_counts(spec, expected):
    assert parse_type_counts(spec) == expected


@pytest.mark.parametrize(("spec", "message"), [
    (["单选:0"], "at least 1"), (["单选:-5"], "at least 1"), (["单选:x"], "whole number"),
    (["问答"], "unknown question type"), (["单选,单选题"], "named twice"), ([""], "at least one"),
], ids=["zero", "negative", "not-a-number", "unknown", "twice", "empty"])
def test_parse_type_counts_errors(spec, message):
    with pytest.raises(ControlError, match=message):
        parse_type_counts(spec)


def test_parse_numbers():
    assert parse_numbers(["5-9,13"]) == (5, 6, 7, 8, 9, 13)
    assert parse_numbers(["3", "4"], what="chapter") == (3, 4)
    assert parse_numbers(["第三章，第五章"], what="chapter") == (3, 5)
    assert parse_numbers(["十三", "13"]) == (13,)
    for bad in (["9-5"], ["x"], ["0"], ["-5"], ["5--9"]):
        with pytest.raises(ControlError):
            parse_numbers(bad)


def test_parse_difficulty():
    assert parse_difficulty("1:4,2:4,3:2") == {1: 4, 2: 4, 3: 2}
    assert parse_difficulty("难:2,易：8") == {1: 8, 3: 2}
    assert parse_difficulty("easy:5,hard:0") == {1: 5, 3: 0}
    for bad, message in (("4:2", "unknown level"), ("1", "LEVEL:COUNT"), ("1:-1", "at least 0"), ("1:0", "at least one"),
                         ("1:2,易:3", "twice")):
        with pytest.raises(ControlError, match=message):
            parse_difficulty(bad)


def test_read_exclude(tmp_path, pool):
    ids = [q.id for q in pool[:3]]
    assert read_exclude(",".join(ids)).ids == frozenset(ids)
    listed = tmp_path / "ids.txt"
    listed.write_text(f"# seen in March\n{ids[0]}\n\n{ids[1]}  # and this\n", encoding="utf-8")
    assert read_exclude(listed).ids == frozenset(ids[:2])
    paper = tmp_path / "paper.json"
    paper.write_text(json.dumps({"questions": [{"id": "q-000000000000", "stem": pool[5].stem}]}), encoding="utf-8")
    exclusion = read_exclude(paper)
    assert exclusion.ids_in(pool) == {pool[5].id}, "a paper excludes by stem too"
    with pytest.raises(ControlError, match="no such file"):
        read_exclude(tmp_path / "missing.json")
    with pytest.raises(ControlError, match="not a question id"):
        read_exclude("q-1,q-2")
    (tmp_path / "bad.json").write_text('{"title": "x"}', encoding="utf-8")
    with pytest.raises(ControlError, match="not a paper"):
        read_exclude(tmp_path / "bad.json")
    assert (Exclusion(frozenset({"a"})) | Exclusion(frozenset({"b"}))).ids == {"a", "b"}


def test_restrict_pool(pool, jinan):
    chapters = chapter_of(jinan)
    third = restrict_pool(pool, jinan, chapters=[3])
    assert third and all(chapters[q.source.article] == 3 for q in third)
    assert len(third) < len(pool)
    some = restrict_pool(pool, jinan, articles=[5, 6, 7, 8, 9, 13])
    assert some and {q.source.article for q in some} <= {5, 6, 7, 8, 9, 13}
    both = restrict_pool(pool, jinan, chapters=[3], articles=[19])
    assert {q.source.article for q in both} == {13, 19}
    assert restrict_pool(pool, jinan) == pool
    with pytest.raises(ControlError, match="no chapter 6 .*chapters 1-5"):
        restrict_pool(pool, jinan, chapters=[6])
    with pytest.raises(ControlError, match="no article 24,30 .*articles 1-23"):
        restrict_pool(pool, jinan, articles=[3, 24, 30])


# -- the command line ------------------------------------------------------------------------------------


def paper_of(capsys, *argv):
    code, out, err = run(capsys, "quiz", "jinan-2019", *argv)
    assert code == 0, err
    return json.loads(out)["questions"]


def test_chapters_restrict_the_paper(capsys, jinan):
    questions = paper_of(capsys, "--chapters", "3", "--count", "15")
    chapters = chapter_of(jinan)
    assert len(questions) == 15 and all(chapters[q["source"]["article"]] == 3 for q in questions), "every one cites 第三章"


def test_articles_restrict_the_paper(capsys):
    questions = paper_of(capsys, "--articles", "5-9,13", "--count", "12", "--seed", "4")
    assert len(questions) == 12 and {q["source"]["article"] for q in questions} <= {5, 6, 7, 8, 9, 13}


def test_type_counts_are_exact(capsys):
    questions = paper_of(capsys, "--types", "单选:5,判断:5")
    assert Counter(q["type"] for q in questions) == {"single_choice": 5, "true_false": 5}
    questions = paper_of(capsys, "--types", "单选题", "--count", "6")
    assert Counter(q["type"] for q in questions) == {"single_choice": 6}
    questions = paper_of(capsys, "--types", "情形:3", "判断", "--count", "8")
    assert Counter(q["type"] for q in questions) == {"scenario": 3, "true_false": 5}


def test_difficulty_mix_is_exact(capsys):
    questions = paper_of(capsys, "--difficulty", "1:4,2:4,3:2", "--seed", "11")
    assert len(questions) == 10 and Counter(q["difficulty"] for q in questions) == {1: 4, 2: 4, 3: 2}
    questions = paper_of(capsys, "--difficulty", "易:3,中:3", "--types", "填空,判断")
    assert Counter(q["difficulty"] for q in questions) == {1: 3, 2: 3}
    assert {q["type"] for q in questions} <= {"cloze", "true_false"}


def test_exclude_a_paper_gives_a_disjoint_paper(capsys, tmp_path):
    first = tmp_path / "三月.json"
    assert run(capsys, "quiz", "jinan-2019", "--count", "20", "-o", str(first))[0] == 0
    seen = json.loads(first.read_text(encoding="utf-8"))["questions"]
    again = paper_of(capsys, "--count", "20", "--exclude", str(first))
    assert len(again) == 20
    assert not {q["id"] for q in seen} & {q["id"] for q in again}
    assert not {q["stem"] for q in seen} & {q["stem"] for q in again}
    ids = ",".join(q["id"] for q in again[:5])
    third = paper_of(capsys, "--count", "20", "--exclude", str(first), "--exclude", ids)
    assert not {q["id"] for q in seen + again[:5]} & {q["id"] for q in third}


@pytest.mark.parametrize("fmt", ["json", "docx"])
def test_parallel_forms_are_separate_files_without_a_shared_question(capsys, tmp_path, fmt):
    target = tmp_path / f"期末.{fmt}"
    code, _, err = run(capsys, "quiz", "jinan-2019", "--count", "20", "--forms", "2", "--format", fmt, "-o", str(target),
                       "--difficulty", "1:12,2:7,3:1")
    assert code == 0, err
    if fmt == "docx":
        assert sorted(p.name for p in tmp_path.iterdir()) == ["期末-A.docx", "期末-A_答案与解析.docx", "期末-B.docx",
                                                             "期末-B_答案与解析.docx"]
        return
    a, b = (json.loads((tmp_path / f"期末-{form}.json").read_text(encoding="utf-8")) for form in "AB")
    assert (a["form"], b["form"]) == ("A", "B") and "（A卷）" in a["title"]
    assert len(a["questions"]) == len(b["questions"]) == 20
    assert not {q["id"] for q in a["questions"]} & {q["id"] for q in b["questions"]}
    for paper in (a, b):
        assert Counter(q["difficulty"] for q in paper["questions"]) == {1: 12, 2: 7, 3: 1}


@pytest.mark.parametrize(("argv", "needles"), [
    (["--chapters", "6"], ["no chapter 6", "1-5"]),
    (["--articles", "5-9,40"], ["no article 40"]),
    (["--count", "0"], ["--count", "at least 1"]),
    (["--types", "单选:0"], ["at least 1"]),
    (["--types", "问答题"], ["unknown question type"]),
    (["--types", "单选:5,判断:5", "--count", "12"], ["add up to 10"]),
    (["--chapters", "1", "--count", "15"], ["eligible questions for 15"]),
    (["--types", "多选:40"], ["multiple_choice needs 40"]),
    (["--difficulty", "3:30"], ["level 3 needs 30"]),
    (["--difficulty", "1:4,2:4", "--count", "10"], ["add up to 8"]),
    (["--difficulty", "x:4"], ["unknown level"]),
    (["--articles", "9-5"], ["backwards"]),
    (["--forms", "2", "--count", "80", "-o", "x.json"], ["2 forms"]),
    (["--forms", "0", "-o", "x.json"], ["--forms"]),
    (["--forms", "2"], ["give -o FILE"]),
    (["--exclude", "nothing-here.json"], ["no such file"]),
], ids=["chapter-6", "article-40", "count-0", "type-count-0", "unknown-type", "types-vs-count", "small-chapter",
        "too-many-of-a-type", "too-many-hard", "difficulty-vs-count", "bad-level", "backwards", "forms-too-big",
        "forms-0", "forms-stdout", "exclude-missing"])
def test_bad_controls_are_one_line_errors(capsys, tmp_path, monkeypatch, argv, needles):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(*run(capsys, "quiz", "jinan-2019", *argv), *needles)
    assert not list(tmp_path.iterdir()), "nothing written"


@pytest.mark.parametrize("argv", [["quiz", "jinan-2019", "--count", "-5"], ["pack", "jinan-2019", "--count", "-1"]],
                         ids=["quiz", "pack"])
def test_negative_counts_exit_2_quickly(tmp_path, argv):
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "qqtext.cli", *argv, "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "at least 1" in done.stderr
    assert time.monotonic() - started < 30
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("name", "check"), [
    ("试卷.md", lambda data: data.startswith(b"#")),  # a trainer writing paper.md expects Markdown, not JSON
    ("试卷.docx", lambda data: data[:2] == b"PK"),
    ("试卷.json", lambda data: json.loads(data)["questions"]),
])
def test_the_format_follows_the_output_name(capsys, tmp_path, name, check):
    target = tmp_path / name
    assert run(capsys, "quiz", "jinan-2019", "--count", "5", "-o", str(target))[0] == 0
    assert check(target.read_bytes())

"""`qqtext quiz` and the training pack, run as a trainer would."""

from __future__ import annotations

import json
import re

import pytest

from qqtext.cli import main
from qqtext.exercises.bank import check_questions
from qqtext.exercises.quiz import FORMATS, blueprint_for, make_paper, question_pool, write_quiz


@pytest.fixture(scope="module")
def pool(jinan):
    return question_pool(jinan, seed=2019)


def test_pool_mixes_curated_and_generated_and_passes_the_check(pool, jinan):
    provenance = {q.provenance.split(":")[0] for q in pool}
    assert provenance == {"curated", "generator"}
    assert len({q.id for q in pool}) == len(pool) and len({q.stem for q in pool}) == len(pool)
    _, problems = check_questions(pool, file="pool", load=lambda _: jinan)
    assert problems == []


def test_blueprint_spreads_evenly(pool):
    blueprint = blueprint_for(pool, 12, types=["scenario", "true_false", "cloze"])
    assert dict(blueprint.counts) == {"scenario": 4, "true_false": 4, "cloze": 4}


def test_audience_filter(pool):
    paper = make_paper(pool, count=15, seed=3, title="t", audience="business")
    assert {q.audience for q in paper.questions} <= {"business", "all"}


def test_cli_quiz_json(capsys):
    assert main(["quiz", "jinan-2019", "--count", "8", "--seed", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["questions"]) == 8
    for question in data["questions"]:
        assert {"id", "type", "stem", "options", "answer", "explanation", "source"} <= set(question)
        assert {"doc", "article", "item", "quote"} <= set(question["source"])
        assert question["source"]["doc"] == "jinan-2019"
    assert main(["quiz", "jinan-2019", "--count", "8", "--seed", "5"]) == 0
    assert json.loads(capsys.readouterr().out) == data, "the same seed gives the same paper"
    assert main(["quiz", "jinan-2019", "--count", "8", "--seed", "6"]) == 0
    assert json.loads(capsys.readouterr().out) != data


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_quiz_every_format(tmp_path, capsys, fmt):
    target = tmp_path / f"paper{FORMATS[fmt]}"
    assert main(["quiz", "jinan-2019", "--count", "10", "--format", fmt, "-o", str(target)]) == 0
    assert target.is_file() and target.stat().st_size > 200
    if fmt == "docx":
        assert (tmp_path / "paper_答案与解析.docx").is_file()
    assert "qqtext: wrote" in capsys.readouterr().err


def test_cli_quiz_errors(capsys, tmp_path):
    assert main(["quiz", "jinan-2019", "--count", "1000"]) == 2
    assert "1000" in capsys.readouterr().err
    assert main(["quiz", "jinan-2019", "--format", "xlsx"]) == 2
    assert "-o FILE" in capsys.readouterr().err


def test_quiz_on_another_text(shared_corpus, capsys):
    path = shared_corpus / "2013_national_dangzheng-jiguan-guonei-gongwu-jiedai-guanli-guiding.md"
    # 6 sound generated questions since review round 9 (14 before: flipped cues and rungs changed within
    # their range); asking for more is the one-line error tested above
    assert main(["quiz", str(path), "--count", "5", "--format", "md"]) == 0
    assert "党政机关国内公务接待管理规定" in capsys.readouterr().out


def test_training_pack_is_complete_and_reproducible(tmp_path, capsys):
    first, second = tmp_path / "one", tmp_path / "two"
    assert main(["pack", "jinan-2019", "-o", str(first)]) == 0
    out = capsys.readouterr().out
    assert f"{first / 'jinan-2019'}" in out
    assert main(["pack", "jinan-2019", "-o", str(second)]) == 0
    names = sorted(p.name for p in (first / "jinan-2019").iterdir())
    assert names == sorted(["试卷A.docx", "试卷A_答案与解析.docx", "试卷B.docx", "试卷B_答案与解析.docx", "试卷A.gift",
                            "题库.xlsx", "规范一览.csv", "责任网络.png", "各章规范类型.png", "说明.txt"])
    for name in names:
        assert (first / "jinan-2019" / name).read_bytes() == (second / "jinan-2019" / name).read_bytes(), name
    readme = (first / "jinan-2019" / "说明.txt").read_text(encoding="utf-8")
    assert "试卷A：共 20 道题" in readme and "试卷B：共 20 道题" in readme


def test_pack_of_a_text_with_few_sound_questions_makes_shorter_papers(tmp_path, capsys):
    path = tmp_path / "短条例.txt"
    path.write_text("测试条例\n\n第一条 行政机关应当在七日内作出决定。\n第二条 申请人应当在十五日内提交材料。\n"
                    "第三条 财政部门应当在三十日内拨付资金。\n第四条 审计部门应当在六十日内完成审计。\n", encoding="utf-8")
    assert main(["pack", str(path), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "题库只够每份试卷" in err and "warning" in err  # the trainer is told, the pack is still written
    readme = next((tmp_path / "out").glob("*/说明.txt")).read_text(encoding="utf-8")
    count = int(re.search(r"试卷A：共 (\d+) 道题", readme).group(1))
    assert 1 <= count < 20
    assert main(["pack", str(path), "--count", "20", "-o", str(tmp_path / "asked")]) == 2  # a count asked for is kept to


def test_parallel_forms_in_the_pack_share_no_question(tmp_path, jinan):
    from docx import Document as Docx

    from qqtext.pack import build_training_pack

    build_training_pack(jinan, tmp_path, count=20)
    a = "\n".join(p.text for p in Docx(tmp_path / "试卷A.docx").paragraphs)
    b = "\n".join(p.text for p in Docx(tmp_path / "试卷B.docx").paragraphs)
    stems_a = {line.split(".", 1)[-1].strip() for line in a.splitlines() if line[:2].rstrip(".").isdigit()}
    stems_b = {line.split(".", 1)[-1].strip() for line in b.splitlines() if line[:2].rstrip(".").isdigit()}
    assert len(stems_a) >= 15 and not stems_a & stems_b


def test_write_quiz_json_is_deterministic(tmp_path, pool):
    paper = make_paper(pool, count=5, seed=1, title="t")
    one = write_quiz(paper, tmp_path / "a.json", format="json")[0].read_bytes()
    two = write_quiz(paper, tmp_path / "b.json", format="json")[0].read_bytes()
    assert one == two

"""Question banks: schema, citations, answer consistency, duplicates; `qqtext bank check`."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from qqtext.cli import main
from qqtext.errors import BankError
from qqtext.exercises.bank import check_bank, default_bank_dir, read_bank, write_bank
from qqtext.exercises.model import Question, Source

GOOD = {
    "type": "scenario",
    "stem": "企业专门派车到单位接送调研干部，可以吗？",
    "options": {"A": "可以", "B": "不可以"},
    "answer": ["B"],
    "explanation": "第十三条（五）：不许单独指派、专程接送。",
    "source": {"doc": "jinan-2019", "article": 13, "item": 5, "quote": "但不许单独指派、专程接送"},
}


def write(tmp_path: Path, *questions: dict, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"bank": "t", "questions": list(questions)}, allow_unicode=True), encoding="utf-8")
    return tmp_path


def mutate(**changes) -> dict:
    question = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if key.startswith("source_"):
            question["source"][key[len("source_"):]] = value
        elif value is None:
            question.pop(key)
        else:
            question[key] = value
    return question


def test_shipped_banks_are_sound():
    assert check_bank(default_bank_dir()) == []


def test_good_question_passes_and_gets_offsets(tmp_path, jinan):
    assert check_bank(write(tmp_path, GOOD)) == []
    from qqtext.exercises.bank import check_questions

    [question] = read_bank(tmp_path / "bank.yaml").questions
    [checked], problems = check_questions([question], file="x")
    assert problems == []
    assert jinan.text[checked.source.start:checked.source.end] == "但不许单独指派、专程接送"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (mutate(answer=["A"]), "verdict 可以 disagrees with the cited norm (prohibition)"),
        (mutate(source_quote="但可以单独指派"), "is not in 第十三条（五）"),
        (mutate(source_item=12), "which jinan-2019 does not have"),
        (mutate(source_doc="no-such-doc"), "does not load"),
        (mutate(explanation="企业不能派车接送干部。"), "does not cite the article"),
        (mutate(options={"A": "可以", "B": "也许"}), "scenario options must be verdicts"),
        (mutate(answer=["C"]), "answer C is not an option"),
        (mutate(source_start=5, source_end=10), "do not point at the quote"),
        (mutate(source_quote="确有需要可搭乘企业交通工具", answer=["B"]), "disagrees with the cited norm (permission)"),
        (mutate(type="cloze", options=None, stem="但不许单独指派、____", answer=["专程护送"]), "blanks filled in is not the quote"),
        (mutate(type="cloze", options=None, stem="但不许____、____", answer=["单独指派"]), "2 blank(s) but 1 answer(s)"),
        (mutate(type="true_false", options=None, answer=["是"]), "answer is 对 or 错"),
        (mutate(type="single_choice", answer=["A", "B"]), "exactly one answer"),
        (mutate(type="multiple_choice", answer=["A"]), "two or more answers"),
        (mutate(explanation=None), "schema: 'explanation' is a required property"),
        (mutate(type="essay"), "schema: type"),
    ],
    ids=["wrong-verdict", "quote-not-in-item", "no-such-item", "no-such-doc", "no-citation", "bad-verdict",
         "answer-not-option", "bad-offsets", "verdict-vs-permission", "cloze-mismatch", "cloze-count", "tf-answer",
         "single-two-answers", "multi-one-answer", "schema-missing", "schema-type"],
)
def test_problems_name_file_question_and_fault(tmp_path, question, message):
    problems = check_bank(write(tmp_path, question))
    assert problems, "the checker must find the fault"
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    assert all(p.file.endswith("bank.yaml") for p in problems)
    assert all(p.question.startswith(("q-", "question ")) for p in problems)


def test_duplicates_across_files(tmp_path):
    write(tmp_path, GOOD, name="a.yaml")
    write(tmp_path, GOOD, name="b.yaml")
    messages = [p.message for p in check_bank(tmp_path)]
    assert any("duplicate id" in m for m in messages) and any("duplicate stem" in m for m in messages)


def test_ids_are_stable_and_content_derived():
    def make(options):
        return Question.create(type="single_choice", stem="谁？", options=options, answer=("A",),
                               explanation="第一条", source=Source("d", 1, None, "x", 0, 1))

    from qqtext.exercises.model import Option

    first = make((Option("A", "甲"), Option("B", "乙")))
    relabelled = Question.create(type="single_choice", stem="谁？", options=(Option("A", "乙"), Option("B", "甲")),
                                 answer=("B",), explanation="第一条", source=first.source)
    assert first.id == relabelled.id
    assert first.id != make((Option("A", "丙"), Option("B", "乙"))).id


def test_round_trip_yaml_and_json(tmp_path):
    bank = read_bank(default_bank_dir() / "jinan-2019.curated.yaml")
    for suffix in (".yaml", ".json"):
        again = read_bank(write_bank(bank, tmp_path / f"copy{suffix}"))
        assert [q.id for q in again.questions] == [q.id for q in bank.questions]
        assert again.questions == bank.questions


def test_unreadable_bank_is_a_bank_error(tmp_path):
    (tmp_path / "bad.yaml").write_text("bank: [unclosed", encoding="utf-8")
    with pytest.raises(BankError, match="bad.yaml"):
        read_bank(tmp_path / "bad.yaml")
    assert any("not valid YAML" in p.message for p in check_bank(tmp_path))


def test_cli_bank_check(tmp_path, capsys):
    assert main(["bank", "check", str(default_bank_dir())]) == 0
    assert "all banks are sound" in capsys.readouterr().err
    write(tmp_path, mutate(answer=["A"]))
    assert main(["bank", "check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bank.yaml" in err and "disagrees" in err
    assert main(["bank", "check", str(tmp_path / "nowhere")]) == 2

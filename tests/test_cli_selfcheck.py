"""`qqtext selfcheck`: the private checklist in a terminal; answers only in the user's own files."""

from __future__ import annotations

import io
import json
import stat

import pytest

from conftest import assert_one_line_error, run
from qqtext.sessions.selfcheck import load_local, self_check_items
from qqtext.sessions.selfcheck_terminal import parse_answers


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("QQTEXT_RESULTS", str(tmp_path / "store" / "results.sqlite"))
    return tmp_path


@pytest.fixture(scope="module")
def items(jinan):
    return self_check_items(jinan)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_piped_answers_give_the_summary_and_save_nothing(capsys, home, monkeypatch, items):
    monkeypatch.setattr("sys.stdin", io.StringIO("是\n否\n-\n不确定\n"))
    code, out, err = run(capsys, "selfcheck")
    assert code == 0, err
    assert out.startswith("自查结果") and f"共 {len(items)} 项，已回答 3 项" in out
    assert f"建议重读：{'、'.join(items[0].articles)}" in out
    assert not (home / "data").exists() and not (home / "store").exists()


def test_answers_file_and_save_to_the_private_folder(capsys, home, items):
    answers = home / "answers.txt"
    answers.write_text(f"# 我的自查\n2 是\n{items[4].id} 不确定\n否\n", encoding="utf-8")
    code, out, err = run(capsys, "selfcheck", "--answers", str(answers), "--save")
    assert code == 0, err
    saved = home / "data" / "qqtext" / "selfcheck" / "jinan-2019.json"
    assert str(saved) in err
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    result = load_local(saved)
    assert result.answers == {items[1].id: "是", items[4].id: "不确定", items[5].id: "否"}
    assert not (home / "store").exists(), "never the results store"
    code, out, _ = run(capsys, "selfcheck", "--show")
    assert code == 0 and out.strip() == result.summary


def test_save_to_a_chosen_file(capsys, home, monkeypatch, items):
    target = home / "mine" / "自查.json"
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({items[0].id: "是"})))
    assert run(capsys, "selfcheck", "--save", str(target))[0] == 0
    assert load_local(target).flagged == (items[0].id,)
    assert not (home / "data").exists()


def test_interactive(capsys, home, monkeypatch, items):
    replies = iter(["y", "也许", "n", "?", "q", "y"])  # the last: yes, save
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt="": next(replies))
    code, out, err = run(capsys, "selfcheck")
    assert code == 0, err
    assert f"[1/{len(items)}] {items[0].question}" in out and "请回答" in out
    assert "已回答 3 项" in out and "不会上传" in out
    assert load_local(doc="jinan-2019").answers == {items[0].id: "是", items[1].id: "否", items[2].id: "不确定"}


def test_list(capsys, items):
    code, out, _ = run(capsys, "selfcheck", "--list")
    assert code == 0 and f"1. {items[0].question}" in out and items[0].id in out


@pytest.mark.parametrize(("stdin", "needles"), [
    ("是\n也许\n", ["line 2", "也许"]),
    ("99 是\n", ["line 1"]),
    ("是\n" * 40, ["more answers"]),
    ("1 是\n1 否\n", ["answered twice"]),
    ('{"sc-0000000000": "是"}', ["sc-0000000000"]),
], ids=["bad-word", "bad-number", "too-many", "twice", "unknown-id"])
def test_bad_answers_are_one_line_errors(capsys, home, monkeypatch, stdin, needles):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert_one_line_error(*run(capsys, "selfcheck", "--save"), *needles)
    assert not (home / "data").exists()


def test_missing_answers_file_and_nothing_saved_to_show(capsys, home):
    assert_one_line_error(*run(capsys, "selfcheck", "--answers", str(home / "none.txt")), "none.txt")
    assert_one_line_error(*run(capsys, "selfcheck", "--show"), "cannot read")


def test_parse_answers_json_by_number(items):
    assert parse_answers('{"1": "y", "3": "-"}', items) == {items[0].id: "是"}

"""The `qqtext` command line, run as a user would (in-process and as a real subprocess)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA
from qqtext.cli import main

GOLDEN = DATA / "jinan-2019.golden.json"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_parse_json_matches_golden(capsys):
    code, out, err = run(capsys, "parse", "jinan-2019")
    assert code == 0 and err == ""
    data = json.loads(out)
    if os.environ.get("QQTEXT_UPDATE_GOLDEN"):
        GOLDEN.write_text(out, encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_parse_json_shape(capsys):
    _, out, _ = run(capsys, "parse", "jinan-2019", "--format", "json")
    data = json.loads(out)
    assert {"id", "title", "issuers", "date", "chapters", "articles", "sections"} <= set(data)
    assert data["date"] == "2019-01-04"
    assert data["chapters"][2] == {"id": "jinan-2019/chapter-3", "number": 3, "title": "规范政商交往", "articles": [13]}
    article = data["articles"][12]
    assert (article["number"], article["chapter"], len(article["items"])) == (13, 3, 9)
    assert article["items"][8]["number"] == 9 and article["items"][8]["text"] == "其他符合规定的活动。"
    assert {"number", "chapter", "text", "paragraphs", "items"} <= set(article)
    assert data["sections"] == []


def test_parse_by_path_equals_by_id(capsys):
    from conftest import JINAN_FILE

    _, by_id, _ = run(capsys, "parse", "jinan-2019")
    _, by_path, _ = run(capsys, "parse", str(JINAN_FILE))
    assert json.loads(by_id) == json.loads(by_path)


def test_parse_markdown(capsys):
    code, out, _ = run(capsys, "parse", "jinan-2019", "--format", "markdown")
    assert code == 0
    assert out.startswith("# 关于构建亲清新型政商关系的实施办法（试行）\n")
    assert "## 第三章 规范政商交往" in out
    assert "- （五）上门服务企业或开展调研" in out
    assert "**第二十三条** 本办法自发布之日起施行。" in out


def test_parse_csv(capsys):
    code, out, _ = run(capsys, "parse", "jinan-2019", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 23
    assert rows[12]["heading"] == "第十三条" and rows[12]["items"] == "9" and rows[12]["chapter_title"] == "规范政商交往"


def test_output_file(capsys, tmp_path):
    target = tmp_path / "out" / "jinan.md"
    code, out, err = run(capsys, "parse", "jinan-2019", "--format", "markdown", "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    assert "第十三条" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.txt", None), ("empty.txt", b""), ("blank.md", b"  \n\n\t\n"), ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00")],
    ids=["missing", "empty", "blank", "binary"],
)
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qqtext: error: ") and name in lines[0]


def test_unknown_id(capsys):
    code, _, err = run(capsys, "parse", "no-such-doc")
    assert code == 2 and "no-such-doc" in err and "jinan-2019" in err


def test_numbering_gap_is_a_warning_not_an_error(capsys, tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text("第一条 应当依法办事。\n第二条 不得违规。\n第五条 本办法自发布之日起施行。\n", encoding="utf-8")
    code, out, err = run(capsys, "parse", str(path))
    assert code == 0 and len(json.loads(out)["articles"]) == 3
    assert "qqtext: warning:" in err and "第三条, 第四条" in err and "gap.txt" in err


def test_summary(capsys):
    code, out, _ = run(capsys, "summary")
    assert code == 0
    assert "jinan-2019  关于构建亲清新型政商关系的实施办法（试行）" in out
    assert "第三章 规范政商交往" in out and "第十三条：9 项" in out
    assert "5 章 · 23 条 · 9 项" in out


def test_console_script_no_traceback_and_lean_import(tmp_path):
    """The real `qqtext` executable: a clean error, and the parse path loads neither jieba nor pandas."""
    exe = Path(sys.executable).parent / "qqtext"
    result = subprocess.run([str(exe), "parse", str(tmp_path / "nope.docx")], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "nope.docx" in result.stderr
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys, io, contextlib\nfrom qqtext.cli import main\n"
         "with contextlib.redirect_stdout(io.StringIO()): main(['parse', 'jinan-2019'])\n"
         "print(sorted(m for m in ('jieba', 'pandas', 'matplotlib', 'docx', 'pdfminer') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == "[]"


YIJIAN = "关于促进民营经济发展的意见\n\n一、总体要求\n（一）坚持平等对待。各级政府应当依法保护民营企业。\n二、保障措施\n（二）加强组织领导。\n"


@pytest.mark.parametrize("argv", [["parse", "--format", "markdown"], ["summary"], ["parse", "--format", "csv"]])
def test_an_opinion_style_text_prints_in_every_format(capsys, tmp_path, argv):
    path = tmp_path / "意见.txt"
    path.write_text(YIJIAN, encoding="utf-8")
    code, out, err = run(capsys, *argv[:1], str(path), *argv[1:])
    assert code == 0, err
    assert "总体要求" in out and "Traceback" not in err
    assert "一、" in out or argv[-1] == "csv"


def test_csv_cells_never_open_like_a_formula(capsys, tmp_path):
    import csv
    import io

    path = tmp_path / "x.txt"
    path.write_text("测试办法\n\n第一条 企业应当=SUM(A1:A9)申报。\n第二条 企业可以+1提交材料。\n", encoding="utf-8")
    code, out, err = run(capsys, "norms", str(path), "--format", "csv")
    assert code == 0, err
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert cells and not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert [c for c in cells if c.startswith("'=SUM")]  # the aim, kept as text


def test_an_internal_fault_is_one_line_and_exit_1(capsys, monkeypatch):
    import qqtext.summary

    def broken(*_args, **_kwargs):
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr(qqtext.summary, "summarize", broken)
    monkeypatch.delenv("QQTEXT_DEBUG", raising=False)
    code, out, err = run(capsys, "summary", "jinan-2019")
    assert code == 1 and err.strip().splitlines() == [
        "qqtext: internal error: RuntimeError: something went wrong (set QQTEXT_DEBUG=1 for the traceback, and "
        "please report it)"]


def test_an_output_path_that_is_a_folder_is_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "norms", "jinan-2019", "-o", str(tmp_path))
    assert code == 2 and len(err.strip().splitlines()) == 1 and str(tmp_path) in err

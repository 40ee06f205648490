"""The `qqtext compare` verb: csv, json and html output, levels, thresholds, several documents, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import assert_one_line_error, run
from qqtext.cli import main

REQUIRED_COLUMNS = ("a_doc", "a_article", "a_item", "b_doc", "b_article", "b_item", "score", "label",
                    "containment", "a_start", "a_end", "b_start", "b_end")
NATIONAL = "2019_national_youhua-yingshang-huanjing-tiaoli.md"
SHANDONG = "2020_shandong_youhua-yingshang-huanjing-tiaoli.md"
JINAN22 = "2022_jinan_youhua-yingshang-huanjing-tiaoli.md"



@pytest.fixture(scope="module")
def paths(shared_corpus: Path) -> dict[str, str]:
    return {"national": str(shared_corpus / NATIONAL), "shandong": str(shared_corpus / SHANDONG),
            "jinan22": str(shared_corpus / JINAN22)}


def test_csv_rows_carry_the_columns(capsys, paths):
    code, out, err = run(capsys, "compare", paths["shandong"], paths["national"])
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert set(REQUIRED_COLUMNS) <= set(rows[0])
    assert {row["label"] for row in rows} == {"copied", "adapted", "only_a", "only_b"}
    assert all(0.0 <= float(row["score"]) <= 1.0 for row in rows)
    copied = {(row["a_article"], row["b_article"]) for row in rows if row["label"] == "copied"}
    assert ("61", "55") in copied
    # every Shandong article exactly once, or once per article of B in its split
    a_articles = [int(row["a_article"]) for row in rows if row["label"] != "only_b" and not row["group"]]
    grouped = {int(row["a_article"]) for row in rows if row["group"]}
    assert sorted(a_articles + sorted(grouped)) == list(range(1, 68))
    assert {row["relation"] for row in rows if row["label"] in ("copied", "adapted")} <= {"1:1", "1:n", "n:1"}
    assert all(row["semantic"] for row in rows if row["label"] in ("copied", "adapted"))
    assert "copied 4, adapted 48, only_a 18, only_b 20" in err


def test_json_rows_and_texts(capsys, paths):
    code, out, _ = run(capsys, "compare", "jinan-2019", paths["national"], "--format", "json", "--threshold", "0.12")
    assert code == 0
    rows = json.loads(out)
    assert set(REQUIRED_COLUMNS) <= set(rows[0])
    [row] = [r for r in rows if r["a_article"] == 5]
    assert (row["b_article"], row["label"], row["a_heading"], row["b_heading"]) == (62, "adapted", "第五条", "第六十二条")
    assert row["b_text"].startswith("制定与市场主体生产经营活动密切相关的行政法规")
    assert row["a_item"] is None and isinstance(row["score"], float)


def test_item_level(capsys, paths):
    code, out, _ = run(capsys, "compare", paths["jinan22"], paths["national"], "--level", "item", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert all(r["a_item"] is not None for r in rows if r["label"] != "only_b")
    assert any((r["a_article"], r["a_item"], r["b_article"], r["b_item"]) == (66, 7, 69, 9) for r in rows)


def test_first_against_the_others_or_all_pairs(capsys, paths):
    docs = ["jinan-2019", paths["national"], paths["shandong"]]
    _, out, err = run(capsys, "compare", *docs, "--format", "json")
    pairs = {(r["a_doc"], r["b_doc"]) for r in json.loads(out)}
    national, shandong = Path(NATIONAL).stem, Path(SHANDONG).stem
    assert pairs == {("jinan-2019", national), ("jinan-2019", shandong)}
    assert len(err.strip().splitlines()) == 2
    _, out, _ = run(capsys, "compare", *docs, "--format", "json", "--all-pairs")
    pairs = {(r["a_doc"], r["b_doc"]) for r in json.loads(out)}
    assert pairs == {("jinan-2019", national), ("jinan-2019", shandong), (national, shandong)}


def test_html_page_written_to_a_file(capsys, paths, tmp_path):
    out_file = tmp_path / "sub" / "compare.html"
    code, out, err = run(capsys, "compare", "jinan-2019", paths["national"], paths["shandong"], "--format", "html",
                         "-o", str(out_file))
    assert code == 0 and out == "" and f"wrote {out_file}" in err
    soup = BeautifulSoup(out_file.read_text(encoding="utf-8"), "html.parser")
    sections = soup.select("section.comparison")
    assert len(sections) == 2
    assert "关于构建亲清新型政商关系的实施办法" in sections[0].find("h2").get_text()
    paired = len(sections[0].select("tbody tr.adapted"))
    assert 0 < paired and len(sections[0].select("tbody tr")) == 23 + 72 - paired  # reworded pairs, no copy
    assert not sections[0].select("tbody tr.copied")
    assert "threshold 0.40" in sections[0].select_one(".note").get_text()


def test_same_document_twice_is_all_copied(capsys):
    code, out, _ = run(capsys, "compare", "jinan-2019", "jinan-2019", "--level", "item")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 9 and {row["label"] for row in rows} == {"copied"}


@pytest.mark.parametrize(("argv", "needles"), [
    pytest.param(["jinan-2019", "no-such-document"], ["no-such-document"], id="unknown-document"),
    pytest.param(["jinan-2019"], ["at least two documents"], id="one-document"),
    pytest.param(["jinan-2019", "jinan-2019", "--threshold", "1.5"], ["--threshold", "1.5"], id="threshold-above-1"),
    pytest.param(["jinan-2019", "jinan-2019", "--threshold", "-0.1"], ["--threshold"], id="threshold-below-0"),
])
def test_errors_exit_2_with_one_line(capsys, argv, needles):
    assert_one_line_error(*run(capsys, "compare", *argv), *needles)


def test_bad_file(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "compare", "jinan-2019", str(empty))
    assert_one_line_error(code, out, err, "empty.txt")


@pytest.mark.parametrize("argv", [
    pytest.param(["--level", "chapter"], id="bad-level"),
    pytest.param(["--format", "xlsx"], id="bad-format"),
    pytest.param(["--threshold", "high"], id="threshold-not-a-number"),
])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(["compare", "jinan-2019", "jinan-2019", *argv])
    assert exc.value.code == 2


def test_unwritable_output(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "compare", "jinan-2019", "jinan-2019", "-o", str(blocker / "out.csv"))
    assert_one_line_error(code, out, err, "cannot write")


def test_real_subprocess_exit_code():
    exe = Path(sys.executable).with_name("qqtext")
    result = subprocess.run([str(exe), "compare", "jinan-2019", "no-such-document"], capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("qqtext: error: no-such-document")

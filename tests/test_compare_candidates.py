"""Many documents (qqtext.compare.candidates): for each article of A, its best candidates across a folder.

The folder is the shipped corpus/reference (six laws and regulations): the Jinan measures' known
counterparts in the national 条例 must come out on top across all six.
"""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from conftest import REPO, assert_one_line_error, run
from qqtext import load_document
from qqtext.corpus import load_corpus
from qqtext.compare.candidates import CANDIDATE_COLUMNS, candidate_rows, candidates_frame, rank_candidates
from qqtext.compare.measures import similarity, top_units, unit_text
from qqtext.errors import QqtextError, QqtextWarning, StructureWarning

REFERENCE = REPO / "corpus" / "reference"


@pytest.fixture(scope="module")
def ranked():
    return rank_candidates(load_document("jinan-2019"), REFERENCE, top=3, workers=1)


def best(matches, article: int):
    return [m for m in matches if m.a_article == article]


@pytest.mark.parametrize(("article", "national", "other"), [
    # above it: 驻马店 第二十五条 (制定涉企政策…应当征求相关市场主体…的意见), the same rule again
    pytest.param(5, 62, ("zhumadian-2021", 25), id="5-62-听取企业意见"),
    pytest.param(7, 14, None, id="7-14-不得违法冻结"),
    # above it: 济南 2022 第二十四条 (政务服务…推动互联网、大数据…应用)
    pytest.param(10, 37, ("jinan-2022-yingshang", 24), id="10-37-一网通办"),
])
def test_known_counterparts_across_the_folder(ranked, article, national, other):
    found = [(m.b_doc, m.b_article) for m in best(ranked, article)]
    assert ("national-2019-yingshang", national) in found  # among the top 3 of 6 documents, 308 articles
    assert found[0] == (other or ("national-2019-yingshang", national))


def test_rows_are_ranked_and_scores_are_those_of_a_pair(ranked):
    jinan = load_document("jinan-2019")
    assert [m.a_article for m in ranked] == [n for n in range(1, 24) for _ in range(3)]
    for article in range(1, 24):
        picks = best(ranked, article)
        assert [m.rank for m in picks] == [1, 2, 3]
        assert all(a.score >= b.score for a, b in zip(picks, picks[1:]))
    m = best(ranked, 5)[1]
    assert m.b_doc == "national-2019-yingshang"
    other = load_document(REFERENCE / "2019_national_youhua-yingshang-huanjing-tiaoli.md")
    expected = similarity(unit_text(jinan.article(5)), unit_text(other.article(m.b_article)))
    assert m.score == pytest.approx(expected.score, abs=1e-5) and m.lexical == pytest.approx(expected.lexical, abs=1e-6)
    assert other.text[m.b_start:m.b_end].startswith(m.b_heading)


def test_the_number_of_workers_changes_nothing(ranked):
    assert rank_candidates(load_document("jinan-2019"), REFERENCE, top=3, workers=2) == ranked


def test_documents_instead_of_a_folder_and_a_itself_left_out(ranked):
    jinan = load_document("jinan-2019")
    with pytest.warns(StructureWarning):  # 驻马店 has no 第一章 heading
        docs = load_corpus(REFERENCE) + [jinan]
    assert rank_candidates(jinan, docs, top=3) == ranked  # the same, and jinan itself is not among them
    with_self = rank_candidates(jinan, docs, top=1, exclude_self=False)
    assert all(m.b_doc == "jinan-2019" and m.score == pytest.approx(1.0) for m in with_self)


def test_unreadable_files_are_left_out_with_a_warning(tmp_path):
    for path in sorted(REFERENCE.glob("2019_*.md")):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a docx")
    with pytest.warns(QqtextWarning, match="broken.docx"):
        matches = rank_candidates(load_document("jinan-2019"), tmp_path, top=1, workers=1)
    assert {m.b_doc for m in matches} <= {"2019_national_youhua-yingshang-huanjing-tiaoli"}


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(QqtextError, match="no document"):
        rank_candidates(load_document("jinan-2019"), tmp_path)
    with pytest.raises(ValueError, match="top"):
        rank_candidates(load_document("jinan-2019"), tmp_path, top=0)


def test_tables(ranked):
    jinan = load_document("jinan-2019")
    rows = candidate_rows(ranked, a=jinan)
    assert list(rows[0]) == list(CANDIDATE_COLUMNS) and rows[0]["a_heading"] == "第一条"
    assert {r["band"] for r in rows} <= {"adapted", "loose", "below"}
    frame = candidates_frame(ranked, a=jinan)
    assert len(frame) == len(rows) == 3 * len(top_units(jinan)) and str(frame["b_article"].dtype) == "Int64"


def test_cli_with_a_folder(capsys):
    code, out, err = run(capsys, "compare", "jinan-2019", str(REFERENCE), "--top", "2")
    assert code == 0 and "46 candidate(s) for 23 article(s)" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(CANDIDATE_COLUMNS) and len(rows) == 46
    five = [r for r in rows if r["a_article"] == "5"]
    assert (five[1]["b_doc"], five[1]["b_heading"], five[1]["rank"]) == ("national-2019-yingshang", "第六十二条", "2")
    code, out, _ = run(capsys, "compare", "jinan-2019", str(REFERENCE), "--top", "1", "--threshold", "0.45")
    assert code == 0 and all(float(r["score"]) >= 0.45 for r in csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize(("extra", "needles"), [
    pytest.param(["--format", "html"], ["csv or json"], id="html"),
    pytest.param(["--changes"], ["do not apply"], id="changes"),
    pytest.param(["--top", "0"], ["--top"], id="top-0"),
])
def test_cli_folder_errors(capsys, extra, needles):
    code, out, err = run(capsys, "compare", "jinan-2019", str(REFERENCE), *extra)
    assert_one_line_error(code, out, err, *needles)


def test_top_needs_a_folder(capsys):
    code, out, err = run(capsys, "compare", "jinan-2019", "jinan-2019", "--top", "2")
    assert_one_line_error(code, out, err, "--top", "folder")

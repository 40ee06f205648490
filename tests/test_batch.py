"""`qqtext corpus`: a folder of documents into Parquet tables (qqtext.batch)."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from _batch_helpers import TEXT_LIMIT_MB, ShuffledEngine, copy_shuffled, die_on_three, write_corpus
from conftest import REPO, assert_one_line_error, run
from qqtext.batch import build_corpus
from qqtext.batch.engine import WORKER_DIED, ProcessEngine, open_engine
from qqtext.batch.schema import TABLES, column_names, schema_markdown
from qqtext.batch.store import CACHE_FILE, table_path

WRITTEN = [t for t in TABLES if t != "near_duplicates"]


@pytest.fixture(autouse=True)
def text_limit(monkeypatch):
    monkeypatch.setenv("QQTEXT_MAX_TEXT_MB", TEXT_LIMIT_MB)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    """The tables of ``corpus`` built with --jobs 1 (in this process)."""
    out = tmp_path_factory.mktemp("out-jobs1")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QQTEXT_MAX_TEXT_MB", TEXT_LIMIT_MB)
        report = build_corpus(corpus, out, jobs=1, progress=False)
    return out, report


def table(out, name):
    return pd.read_parquet(table_path(out, name))


def same_files(a, b, tables=WRITTEN):
    return {t: table_path(a, t).read_bytes() == table_path(b, t).read_bytes() for t in tables}


# ------------------------------------------------------------------ what is in the tables


def test_every_document_is_read_and_every_bad_file_is_an_error_row(built):
    out, report = built
    documents = table(out, "documents")
    assert sorted(documents["path"]) == sorted([
        "jinan.txt", "formats/济南 办法.docx", "formats/page.html",
        *(f"synthetic/s{n}/measure-{n}.md" for n in range(1, 5)),
    ])
    assert documents["doc"].is_monotonic_increasing and documents["doc"].is_unique
    errors = table(out, "errors").set_index("path")
    assert list(errors.index) == ["bad/broken.docx", "bad/empty.txt", "bad/huge.txt", "bad/old.doc"]
    assert errors.loc["bad/empty.txt", "error"] == "EmptyDocumentError"
    assert errors.loc["bad/huge.txt", "error"] == "LimitError" and "QQTEXT_MAX_TEXT_MB" in errors.loc["bad/huge.txt", "message"]
    assert errors.loc["bad/old.doc", "error"] == "UnsupportedFormatError"
    assert errors.loc["bad/broken.docx", "error"] == "ReadError"
    for path, row in errors.iterrows():
        assert row["message"].startswith(path + ":") and "\n" not in row["message"]
        assert str(REPO) not in row["message"] and "/tmp" not in row["message"]  # paths relative to DIR
    assert (report.documents, report.errors, report.new) == (7, 4, 11)


def test_metadata_toml_of_a_subfolder_applies_and_other_files_get_ids_from_their_paths(built):
    documents = table(built[0], "documents").set_index("doc")
    word = documents.loc["jinan-docx"]
    assert (word["path"], word["title"], word["level"], word["place"], word["year"]) == (
        "formats/济南 办法.docx", "济南办法（Word）", "city", "济南市", 2019)
    assert str(word["date"]) == "2019-01-04"
    assert documents.loc["synthetic-s1-measure-1", "path"] == "synthetic/s1/measure-1.md"
    assert documents.loc["jinan", "articles"] == documents.loc["jinan-docx", "articles"] == 23


def test_rows_agree_with_the_per_document_frames(built, corpus):
    from qqtext.corpus import load_document
    from qqtext.frames import norms_frame

    out, _ = built
    doc = load_document(corpus / "jinan.txt")
    norms = table(out, "norms")
    mine = norms[norms["doc"] == "jinan"].reset_index(drop=True)
    expected = norms_frame(doc)
    assert mine["id"].tolist() == expected["id"].tolist()
    assert mine["deontic"].tolist() == expected["deontic"].tolist()
    assert ["、".join(a) for a in mine["actor"]] == expected["actor"].tolist()
    documents = table(out, "documents").set_index("doc")
    for name in ("norms", "duties", "references"):
        assert documents.loc["jinan", name] == (table(out, name)["doc"] == "jinan").sum()
    articles = table(out, "articles")
    assert (articles[articles["doc"] == "jinan"]["text"].tolist() == [a.text for a in doc.articles])
    provisions = table(out, "provisions")
    hotline = provisions[(provisions["doc"] == "jinan") & (provisions["provision"] == "hotline")].iloc[0]
    assert hotline["present"] and list(hotline["articles"]) == [19]
    profiles = table(out, "profiles").set_index("doc")
    assert profiles.loc["jinan", "norms"] == documents.loc["jinan", "norms"]
    edges = table(out, "edges")
    assert {"contains", "addressed_to", "interprets"} <= set(edges[edges["doc"] == "jinan"]["relation"])


def test_schemas_are_those_documented(built):
    out, _ = built
    page = (REPO / "docs" / "corpus-tables.md").read_text(encoding="utf-8")
    assert schema_markdown() in page, "regenerate the table reference in docs/corpus-tables.md (schema_markdown())"
    for name in WRITTEN:
        assert pq.read_schema(table_path(out, name)).names == list(column_names(name))


def test_tables_read_with_pandas_duckdb_and_polars(built):
    import duckdb
    import polars as pl

    out, _ = built
    con = duckdb.connect()
    for name in WRITTEN:
        path = table_path(out, name)
        rows = len(pd.read_parquet(path))
        assert con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(rows,)]
        assert pl.read_parquet(path).height == rows
    norms = table_path(out, "norms")
    [top] = con.execute(f"SELECT a, count(*) n FROM (SELECT unnest(actor) a FROM read_parquet('{norms}') "
                        "WHERE doc = 'jinan' AND deontic = 'permission') GROUP BY a ORDER BY n DESC, a LIMIT 1").fetchall()
    assert top == ("机关单位工作人员", 8)  # as actors_frame says (tests/test_graph.py)
    polars_top = (pl.read_parquet(norms).filter((pl.col("doc") == "jinan") & (pl.col("deontic") == "permission"))
                  .explode("actor").group_by("actor").len().sort(["len", "actor"], descending=[True, False]).row(0))
    assert polars_top == top


# ------------------------------------------------------------------ the same tables whatever the engine or order


def test_same_tables_with_two_worker_processes_and_in_any_order(built, corpus, tmp_path):
    out1, _ = built
    two = build_corpus(corpus, tmp_path / "jobs2", jobs=2, progress=False)
    assert two.engine == "2 worker processes" and two.documents == 7
    assert all(same_files(out1, tmp_path / "jobs2").values())
    copied = copy_shuffled(corpus, tmp_path / "copy", seed=3)
    build_corpus(copied, tmp_path / "shuffled", engine=ShuffledEngine(seed=11), progress=False)
    assert all(same_files(out1, tmp_path / "shuffled").values())


def test_incremental_rerun_reads_only_what_changed_and_equals_a_fresh_run(corpus, tmp_path):
    folder = shutil.copytree(corpus, tmp_path / "corpus")
    out = tmp_path / "out"
    first = build_corpus(folder, out, jobs=1, progress=False)
    again = build_corpus(folder, out, jobs=1, progress=False)
    assert (again.processed, again.written, again.unchanged, again.hashed) == (0, False, first.new, 0)
    (folder / "jinan.txt").write_text((folder / "jinan.txt").read_text(encoding="utf-8").replace(
        "第二十三条", "第二十三条 本办法自印发之日起施行。\n第二十四条"), encoding="utf-8")
    (folder / "synthetic" / "s2" / "measure-2.md").unlink()
    shutil.copyfile(folder / "synthetic" / "s1" / "measure-1.md", folder / "new.md")
    (folder / "bad" / "empty.txt").write_text("第一条 现在有内容了。", encoding="utf-8")
    later = build_corpus(folder, out, jobs=1, progress=False)
    assert (later.new, later.changed, later.removed, later.processed) == (1, 2, 1, 3)
    assert later.written and later.documents == 8 and later.errors == 3
    documents = table(out, "documents").set_index("doc")
    assert documents.loc["jinan", "articles"] == 24 and "synthetic-s2-measure-2" not in documents.index
    assert not (table(out, "norms")["doc"] == "synthetic-s2-measure-2").any()
    fresh = build_corpus(folder, tmp_path / "fresh", jobs=1, progress=False)
    assert fresh.processed == 8 + 3
    assert all(same_files(out, tmp_path / "fresh").values())


def test_a_changed_metadata_entry_is_read_again(corpus, tmp_path):
    folder = shutil.copytree(corpus, tmp_path / "corpus")
    out = tmp_path / "out"
    build_corpus(folder, out, jobs=1, progress=False)
    toml = folder / "formats" / "metadata.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('level = "city"', 'level = "provincial"'),
                    encoding="utf-8")
    report = build_corpus(folder, out, jobs=1, progress=False)
    assert (report.changed, report.processed) == (1, 1)
    assert table(out, "documents").set_index("doc").loc["jinan-docx", "level"] == "provincial"


def test_metadata_problems_are_error_rows_and_a_malformed_metadata_stops_the_run(tmp_path, capsys):
    folder = tmp_path / "c"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    text = "第一条 机关单位工作人员不得接受礼品。"
    (folder / "a" / "x.txt").write_text(text, encoding="utf-8")
    (folder / "b" / "x.txt").write_text(text, encoding="utf-8")
    for sub in ("a", "b"):
        (folder / sub / "metadata.toml").write_text(f'[[document]]\nid = "same"\nfile = "x.txt"\n', encoding="utf-8")
    (folder / "metadata.toml").write_text('[[document]]\nid = "gone"\nfile = "missing.txt"\n', encoding="utf-8")
    report = build_corpus(folder, tmp_path / "out", jobs=1, progress=False)
    errors = table(tmp_path / "out", "errors")
    assert report.documents == 1 and errors["path"].tolist() == ["b/x.txt", "missing.txt"]
    assert "already that of a/x.txt" in errors["message"][0] and "no such file" in errors["message"][1]
    (folder / "metadata.toml").write_text("[[document]\nid =", encoding="utf-8")
    code, out, err = run(capsys, "corpus", str(folder), "-o", str(tmp_path / "out"), "--no-progress")
    assert_one_line_error(code, out, err, "metadata.toml", "not valid TOML")


def test_ids_from_paths_keep_the_dots_of_file_names(tmp_path):
    from qqtext.batch.files import discover

    for name in ("v1.2 办法.txt", "v1.3 办法.txt", "sub/v1.2 办法.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("第一条 机关单位工作人员不得接受礼品。", encoding="utf-8")
    sources, problems = discover(tmp_path)
    assert [s.doc for s in sources] == ["sub-v1.2-办法", "v1.2-办法", "v1.3-办法"] and problems == []


# ------------------------------------------------------------------ the command line


def test_cli_writes_the_tables_and_says_what_it_did(corpus, tmp_path, capsys):
    code, out, err = run(capsys, "corpus", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "1", "--no-progress")
    assert code == 0 and out == ""
    assert err.strip().splitlines() == [err.strip()]
    assert "7 documents, 4 errors (11 new, 0 changed, 0 unchanged, 0 removed)" in err
    assert (tmp_path / "out" / CACHE_FILE).is_file()
    assert all(table_path(tmp_path / "out", t).is_file() for t in WRITTEN)


@pytest.mark.parametrize("case", ["out-is-a-file", "out-under-a-file", "dir-missing", "jobs-zero", "bad-scheduler",
                                  "malformed-scheduler", "same-folder", "bad-threshold"])
def test_cli_bad_arguments_are_one_line_exit_2(case, corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("qqtext.batch.engine.CONNECT_TIMEOUT", 2)  # a refused port is retried until then
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    args = {
        "out-is-a-file": ([str(corpus), "-o", str(blocker)], [str(blocker)]),
        "out-under-a-file": ([str(corpus), "-o", str(blocker / "out")], [str(blocker)]),
        "dir-missing": ([str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")], ["nowhere", "not a folder"]),
        "jobs-zero": ([str(corpus), "-o", str(tmp_path / "out"), "--jobs", "0"], ["--jobs"]),
        "bad-scheduler": ([str(corpus), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"],
                          ["tcp://127.0.0.1:1", "cannot connect"]),
        "malformed-scheduler": ([str(corpus), "-o", str(tmp_path / "out"), "--scheduler", "nonsense://x"],
                                ["nonsense://x", "cannot connect"]),
        "same-folder": ([str(corpus), "-o", str(corpus)], ["output folder other than"]),
        "bad-threshold": ([str(corpus), "-o", str(tmp_path / "out"), "--threshold", "1.5"], ["--threshold"]),
    }[case]
    code, out, err = run(capsys, "corpus", *args[0], "--no-progress")
    assert_one_line_error(code, out, err, *args[1])


# ------------------------------------------------------------------ engines


def test_a_worker_process_that_dies_fails_its_item_only():
    with ProcessEngine(2) as engine:
        results = {item: (result, failure) for item, result, failure in engine.imap_unordered(die_on_three, range(6))}
    assert results[3] == (None, WORKER_DIED)
    assert {n: r for n, (r, f) in results.items() if n != 3} == {0: (0), 1: 10, 2: 20, 4: 40, 5: 50}


def test_engine_map_keeps_the_order():
    with open_engine(jobs=2) as engine:
        assert engine.map(abs, [-3, 2, -1, 0]) == [3, 2, 1, 0]


def test_near_duplicates_are_those_of_minhash_pairs(tmp_path):
    import warnings

    from qqtext.compare.scale import minhash_pairs, synthetic_corpus
    from qqtext.corpus import load_corpus, load_document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = synthetic_corpus([load_document("jinan-2019")], n_docs=12, seed=5, articles_per_doc=(8, 16))
    folder = tmp_path / "syn"
    folder.mkdir()
    for number, doc in enumerate(docs):
        (folder / f"m{number:02d}.txt").write_text(doc.source, encoding="utf-8")
    report = build_corpus(folder, tmp_path / "out", jobs=2, near_duplicates=True, threshold=0.6, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = minhash_pairs(load_corpus(folder), threshold=0.6, progress=False)
    found = table(tmp_path / "out", "near_duplicates")
    assert report.near_duplicates == len(found) == len(expected) > 20
    assert list(zip(found["a_id"], found["b_id"], found["jaccard"])) == [tuple(p) for p in expected]
    assert (found["a_doc"] == found["a_id"].str.split("/").str[0]).all()
    again = build_corpus(folder, tmp_path / "out", jobs=2, near_duplicates=True, threshold=0.6, progress=False)
    assert again.near_duplicates == len(found) and not again.written and again.engine == ""

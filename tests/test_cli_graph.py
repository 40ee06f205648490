"""The `qqtext norms`, `qqtext graph` and `qqtext duties` verbs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import networkx as nx
import pytest

from conftest import assert_one_line_error, run
from qqtext.cli import main
from qqtext.extract.norms import extract_norms
from qqtext.frames import NORM_COLUMNS
from qqtext.graph import build_graph, from_gexf, from_graphml, read_json

REQUIRED_COLUMNS = (
    "doc", "article", "paragraph", "item", "deontic", "cue", "actor", "actor_implicit", "aim", "object",
    "conditions", "or_else", "text", "start", "end",
)



# -- norms --------------------------------------------------------------------------------------


def test_norms_csv(capsys, jinan):
    code, out, err = run(capsys, "norms", "jinan-2019", "--format", "csv")
    assert code == 0 and err == ""
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    assert set(REQUIRED_COLUMNS) <= set(reader.fieldnames) and reader.fieldnames == list(NORM_COLUMNS)
    assert len(rows) == len(extract_norms(jinan))
    row = next(r for r in rows if r["aim"] == "单独指派、专程接送")
    assert (row["article"], row["item"], row["deontic"], row["cue"], row["actor"]) == ("13", "5", "prohibition", "不许", "机关单位工作人员")
    assert next(r for r in rows if r["article"] == "14")["item"] == ""


def test_norms_csv_is_the_default(capsys):
    assert run(capsys, "norms", "jinan-2019")[1] == run(capsys, "norms", "jinan-2019", "--format", "csv")[1]


def test_norms_json(capsys, jinan):
    code, out, _ = run(capsys, "norms", "jinan-2019", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == len(extract_norms(jinan))
    assert list(rows[0]) == list(NORM_COLUMNS)
    item_norm = next(r for r in rows if r["item"] == 5 and r["deontic"] == "prohibition")
    assert item_norm["article"] == 13 and item_norm["actor_implicit"] is True
    assert next(r for r in rows if r["article"] == 7)["actor"] == "司法机关、执法机关、执纪机关"


def test_norms_to_file(capsys, tmp_path):
    target = tmp_path / "out" / "norms.csv"
    code, out, err = run(capsys, "norms", "jinan-2019", "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    assert target.read_text(encoding="utf-8").startswith("doc,id,unit,article")


# -- graph --------------------------------------------------------------------------------------

READERS = {"graphml": from_graphml, "gexf": from_gexf, "json": read_json}


@pytest.mark.parametrize("fmt", list(READERS), ids=str)
def test_graph_formats(capsys, tmp_path, jinan, fmt):
    target = tmp_path / f"jinan.{fmt}"
    code, out, err = run(capsys, "graph", "jinan-2019", "--format", fmt, "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    expected = build_graph(jinan)
    back = READERS[fmt](target)
    assert set(back.nodes) == set(expected.nodes)
    assert sorted(back.edges(keys=True)) == sorted(expected.edges(keys=True))


@pytest.mark.parametrize(("suffix", "reader"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)], ids=["graphml", "gexf"])
def test_graph_format_from_suffix(capsys, tmp_path, suffix, reader):
    target = tmp_path / f"g{suffix}"
    code, _, _ = run(capsys, "graph", "jinan-2019", "-o", str(target))
    assert code == 0 and reader(target).number_of_nodes() > 100


def test_graph_unknown_suffix_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "graph", "jinan-2019", "-o", str(tmp_path / "g.txt"))
    assert_one_line_error(code, out, err, "g.txt", "--format")


def test_graph_needs_an_output_file(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["graph", "jinan-2019", "--format", "json"])
    assert caught.value.code == 2
    assert "-o" in capsys.readouterr().err


# -- duties -------------------------------------------------------------------------------------


def test_duties_prints_the_card(capsys):
    code, out, err = run(capsys, "duties", "jinan-2019", "机关单位工作人员")
    assert code == 0 and err == ""
    assert out.startswith("《关于构建亲清新型政商关系的实施办法（试行）》\n机关单位工作人员（党政机关）\n")
    must_not = out[out.index("【不得做（禁止）】"):out.index("【可以做（许可）】")]
    assert "  - 上门服务企业或开展调研，不许单独指派、专程接送（第十三条（五））\n" in must_not


def test_duties_by_surface_form_with_conditions(capsys):
    code, out, _ = run(capsys, "duties", "jinan-2019", "纪委", "--conditions")
    assert code == 0 and out.splitlines()[1] == "纪检监察机关（纪检监察）"
    assert "监督责任（第十四条）" in out and "批评教育（对象：机关单位工作人员）（第十九条）※" in out


@pytest.mark.parametrize("actor", ["外星人", "审计机关"], ids=["not-an-actor", "not-in-this-document"])
def test_duties_unknown_actor_exits_2(capsys, actor):
    code, out, err = run(capsys, "duties", "jinan-2019", actor)
    assert_one_line_error(code, out, err, actor, "jinan-2019", "known actors", "机关单位工作人员")


@pytest.mark.parametrize(
    ("verb", "rest"), [("norms", []), ("duties", ["企业"]), ("graph", ["-o", "g.json"])], ids=["norms", "duties", "graph"],
)
def test_bad_document_exits_2(capsys, tmp_path, verb, rest):
    rest = [str(tmp_path / r) if r.endswith(".json") else r for r in rest]
    code, out, err = run(capsys, verb, str(tmp_path / "missing.txt"), *rest)
    assert_one_line_error(code, out, err, "missing.txt")
    assert not (tmp_path / "g.json").exists()


def test_lean_imports():
    """`norms` needs neither pandas nor networkx; `graph` and `duties` do not load pandas or matplotlib."""
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys, io, os, tempfile, contextlib\nfrom qqtext.cli import main\n"
         "with contextlib.redirect_stdout(io.StringIO()): main(['norms', 'jinan-2019'])\n"
         "print(sorted(m for m in ('pandas', 'networkx', 'matplotlib') if m in sys.modules))\n"
         "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
         "    main(['graph', 'jinan-2019', '-o', os.path.join(tempfile.mkdtemp(), 'g.json')])\n"
         "    main(['duties', 'jinan-2019', '企业'])\n"
         "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.splitlines() == ["[]", "[]"]

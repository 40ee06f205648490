"""Hostile input at the writing end: sanitised XML/Office/graph files, atomic writes, one-line errors.

Every hostile file is made here, in the test; every case is bounded in time (``bounded``: SIGALRM) and
the one that used gigabytes (the YAML alias bomb) runs in a child process with its address space
capped. Each case asserts either a valid output file (parsed back with ``xml.etree``, ``openpyxl``,
``python-docx``, ``zipfile``) or a one-line error with exit code 2, and never a partial file.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import warnings
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import JINAN_FILE, assert_one_line_error, run
from qqtext import parse_text
from qqtext.errors import BankError, QqtextError, QqtextWarning
from qqtext.exercises.bank import read_bank
from qqtext.exercises.model import Option, Question, Source
from qqtext.graph import build_graph, from_gexf, from_graphml, read_json, to_gexf, to_graphml, write_json
from qqtext.outputs import OutputError, atomic_open, atomic_write_bytes, atomic_write_text
from qqtext.textsafe import RE_NOT_XML, sanitize

#: Every kind of character no XML/Office file can hold, with normal text around it.
HOSTILE = "甲\x00乙\x01丙\x0b丁\x1f戊\x7f己\ufffe庚\uffff辛\ud800壬\udfff癸"
HOSTILE_DOC = (
    "关于测试的办法\n"
    "第一条 机关单位工作人员不得接受\x01企业\uffff礼品\x0b。\n"
    "第二条 企业应当依法\x1f经营，不得行贿\ufffe。\n"
    "第三条 纪检监察机关\x7f负责监督。\n"
)


class Hang(BaseException):
    """A case that did not finish in time (a BaseException: no ``except OSError`` or ``except Exception`` in
    the code under test can swallow it, as one would a TimeoutError)."""


@pytest.fixture
def bounded():
    """Fail a test that runs over 60 seconds (a hang) instead of hanging the suite."""
    def expire(signum, frame):
        raise Hang("the case did not finish within 60 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def hostile_doc():
    return parse_text(HOSTILE_DOC, doc_id="hostile")


def leftovers(folder: Path) -> list[str]:
    """Temporary files a writer left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".qqtext-"))


def no_unsafe(data: bytes) -> bool:
    return RE_NOT_XML.search(data.decode("utf-8").replace("\r", "")) is None


# ------------------------------------------------------------------ the sanitiser
def test_one_sanitiser_is_shared_by_every_writer():
    from qqtext.exercises.export import _common
    from qqtext.sessions import review_docx
    from qqtext.textsafe import clean

    assert _common.sanitize is sanitize and _common.clean is clean and review_docx.clean is clean
    assert sanitize(HOSTILE) == "甲乙丙丁戊己庚辛壬癸"
    assert sanitize("第一条\t机关\n工作人员🙂𠀀\u2028") == "第一条\t机关\n工作人员🙂𠀀\u2028"  # normal text untouched


# ------------------------------------------------------------------ graph writers
@pytest.mark.parametrize("suffix", ["graphml", "gexf", "json"])
def test_graph_writers_sanitise_and_read_back(tmp_path, hostile_doc, suffix):
    G = build_graph(hostile_doc)  # normalisation already cleans a document's text; a graph built or
    G.add_node(f"term:{HOSTILE}", kind="term", label=HOSTILE)  # extended by hand may still hold anything
    G.add_edge(f"term:{HOSTILE}", next(iter(G.nodes)), key="mentions", relation="mentions", article=1, unit="")
    assert any(RE_NOT_XML.search(str(v)) for _, d in G.nodes(data=True) for v in d.values())  # the case is real
    path = tmp_path / f"g.{suffix}"
    write, read = {"graphml": (to_graphml, from_graphml), "gexf": (to_gexf, from_gexf),
                   "json": (write_json, read_json)}[suffix]
    write(G, path)
    data = path.read_bytes()
    assert data and no_unsafe(data)
    if suffix != "json":
        ET.parse(path)  # well-formed XML
    back = read(path)
    assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()
    assert {n: d.get("label") for n, d in back.nodes(data=True)} == {
        sanitize(n): sanitize(d["label"]) for n, d in G.nodes(data=True)}
    assert leftovers(tmp_path) == []


def test_graph_formats_agree_on_a_hostile_document(tmp_path, hostile_doc):
    G = build_graph(hostile_doc)
    to_graphml(G, tmp_path / "g.graphml")
    to_gexf(G, tmp_path / "g.gexf")
    write_json(G, tmp_path / "g.json")
    nodes = [sorted(read(tmp_path / f"g.{s}").nodes(data=True))
             for read, s in ((from_graphml, "graphml"), (from_gexf, "gexf"), (read_json, "json"))]
    assert nodes[0] == nodes[1] == nodes[2]


def test_a_clean_graph_is_written_as_before(tmp_path, jinan):
    """The sanitiser is a no-op on normal text: the graph written is the graph built."""
    G = build_graph(jinan)
    to_graphml(G, tmp_path / "g.graphml")
    back = from_graphml(tmp_path / "g.graphml")
    assert sorted(back.nodes(data=True)) == sorted(G.nodes(data=True))


@pytest.mark.parametrize("suffix", ["graphml", "gexf", "json"])
def test_cli_graph_of_a_file_with_control_characters(tmp_path, capsys, suffix):
    source = tmp_path / "bad.txt"
    source.write_bytes(HOSTILE_DOC.encode("utf-8"))
    target = tmp_path / f"out.{suffix}"
    code, out, err = run(capsys, "graph", str(source), "-o", str(target))
    assert code == 0, err
    assert target.stat().st_size > 0 and no_unsafe(target.read_bytes())
    if suffix != "json":
        ET.parse(target)
    else:
        json.loads(target.read_text(encoding="utf-8"))


def test_cli_graph_into_a_folder_is_one_line(tmp_path, capsys):
    (tmp_path / "x.graphml").mkdir()
    code, out, err = run(capsys, "graph", "jinan-2019", "-o", str(tmp_path / "x.graphml"))
    assert_one_line_error(code, out, err, "x.graphml", "folder")
    assert leftovers(tmp_path) == []


# ------------------------------------------------------------------ atomic writes
def full_disk(monkeypatch):
    """Make the next flush to disk fail as a full disk does (NFS and quotas report it at fsync)."""
    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "keep.txt"
    target.write_text("old", encoding="utf-8")
    full_disk(monkeypatch)
    with pytest.raises(OutputError) as caught:
        atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []
    assert str(caught.value) == f"{target}: cannot write (No space left on device)"
    assert isinstance(caught.value, QqtextError) and isinstance(caught.value, OSError)


def test_an_exception_inside_atomic_open_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError), atomic_open(tmp_path / "half.csv", "w") as handle:
        handle.write("a,b\n")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_modes_new_and_kept(tmp_path):
    mask = os.umask(0o027)
    try:
        fresh = atomic_write_bytes(tmp_path / "new.bin", b"x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0o666 less the umask, as open() gives
    finally:
        os.umask(mask)
    kept = tmp_path / "kept.bin"
    kept.write_bytes(b"old")
    kept.chmod(0o604)
    atomic_write_bytes(kept, b"new")
    assert kept.read_bytes() == b"new" and stat.S_IMODE(kept.stat().st_mode) == 0o604


def test_a_symlinked_target_is_written_through(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(real)
    atomic_write_text(tmp_path / "link.txt", "new")
    assert (tmp_path / "link.txt").is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_text_outputs_survive_a_lone_surrogate(tmp_path):
    path = atomic_write_text(tmp_path / "s.md", "第一条\ud800。")
    assert path.read_text(encoding="utf-8") == "第一条\ufffd。"


@pytest.mark.parametrize("fmt", ["json", "gift", "moodle-xml", "qti", "xlsx", "docx", "md", "html", "anki",
                                 "jupyterquiz"])
def test_every_quiz_export_fails_whole(tmp_path, monkeypatch, capsys, fmt):
    target = tmp_path / f"quiz.{fmt}"
    full_disk(monkeypatch)
    code, out, err = run(capsys, "quiz", "jinan-2019", "--count", "5", "--format", fmt, "-o", str(target))
    assert_one_line_error(code, out, err, "quiz", "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_pack_fails_whole_file_by_file(tmp_path, monkeypatch, capsys):
    full_disk(monkeypatch)
    code, out, err = run(capsys, "pack", "jinan-2019", "--count", "5", "-o", str(tmp_path))
    assert_one_line_error(code, out, err, "No space left on device")
    assert [p for p in (tmp_path / "jinan-2019").iterdir()] == []


def test_parse_output_fails_whole(tmp_path, monkeypatch, capsys):
    target = tmp_path / "doc.json"
    target.write_text("old", encoding="utf-8")
    full_disk(monkeypatch)
    code, out, err = run(capsys, "parse", "jinan-2019", "-o", str(target))
    assert_one_line_error(code, out, err, "doc.json", "No space left on device")
    assert target.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", [["parse", "jinan-2019"], ["summary"], ["duties", "jinan-2019", "纪委"],
                                  ["parse", "{tiny}", "--format", "markdown"]],
                         ids=["parse", "summary", "duties", "tiny"])
def test_stdout_on_a_full_disk_is_one_line(tmp_path, argv):
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("第一条 企业应当依法经营。\n", encoding="utf-8")
    argv = [a.replace("{tiny}", str(tiny)) for a in argv]
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "qqtext.cli", *argv], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0] == "qqtext: error: standard output: cannot write (No space left on device)"


# ------------------------------------------------------------------ exports, reports, 错题本
def hostile_question(kind: str = "single_choice") -> Question:
    """A question with every unsafe character in every text (its id given: a content id cannot hash a lone
    surrogate, see :func:`qqtext.exercises.model.question_id`)."""
    source = Source("jinan-2019", 13, 5, "但不许单独指派、专程接送" + HOSTILE, -1, -1)
    if kind == "cloze":
        return Question.create(id="q-00000000c10e", type="cloze", stem="但不许____" + HOSTILE,
                               answer=("单独指派" + HOSTILE,), explanation="第十三条（五）" + HOSTILE, source=source)
    return Question.create(id="q-000000000001", type=kind, stem="企业派车接送" + HOSTILE + "可以吗？",
                           options=(Option("A", "可以" + HOSTILE), Option("B", "不可以")), answer=("B",),
                           explanation="第十三条（五）：" + HOSTILE, source=source, tags=("标签" + HOSTILE,))


def xml_members(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels", ".qti"))]


@pytest.mark.parametrize("fmt", ["json", "gift", "moodle-xml", "qti", "xlsx", "docx", "md", "html", "anki",
                                 "jupyterquiz"])
def test_every_quiz_export_of_hostile_text_is_valid(tmp_path, fmt):
    from qqtext.exercises.assemble import Paper
    from qqtext.exercises.quiz import FORMATS, write_quiz

    questions = (hostile_question(), hostile_question("cloze"))
    paper = Paper(title="试卷" + HOSTILE, questions=questions, seed=1, form="A", blueprint=None)
    paths = write_quiz(paper, tmp_path / f"quiz{FORMATS[fmt]}", format=fmt)
    for path in paths:
        data = path.read_bytes()
        assert data
        if fmt == "moodle-xml":
            ET.fromstring(data)
            assert no_unsafe(data)
        elif fmt in ("qti", "xlsx", "docx"):
            for member in xml_members(path):
                ET.fromstring(member)
                assert no_unsafe(member)
        elif fmt in ("json", "jupyterquiz"):
            json.loads(data.decode("utf-8"))
        elif fmt != "anki":
            data.decode("utf-8")
    if fmt == "xlsx":
        from openpyxl import load_workbook

        load_workbook(paths[0])
    if fmt == "docx":
        import docx

        assert "企业派车接送甲乙" in "\n".join(p.text for p in docx.Document(paths[0]).paragraphs)


def test_class_report_of_hostile_text_is_valid(tmp_path, jinan):
    import pandas as pd
    from openpyxl import load_workbook

    from qqtext.exercises.quiz import make_paper, question_pool
    from qqtext.sessions.report import write_report
    from qqtext.sessions.simulate import simulate_class

    paper = make_paper(question_pool(jinan, seed=7), count=10, seed=7, title="测验").questions
    hostile = {q.id: dataclasses.replace(q, stem=q.stem + HOSTILE,
                                          options=tuple(dataclasses.replace(o, text=o.text + HOSTILE)
                                                        for o in q.options))
               for q in paper}
    frame = simulate_class(hostile.values(), n_learners=40, seed=3)
    # object dtype: pandas' default string dtype (Arrow-backed where pyarrow is installed) holds no lone surrogate
    frame["session"] = pd.Series(["班" + HOSTILE] * len(frame), index=frame.index, dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QqtextWarning)  # a small class: not what this test is about
        paths = write_report(frame, hostile, tmp_path, title="报告" + HOSTILE)
    xlsx, page, png = paths
    for member in xml_members(xlsx):
        ET.fromstring(member)
        assert no_unsafe(member)
    load_workbook(xlsx)
    assert no_unsafe(page.read_bytes()) and "报告甲乙丙" in page.read_text(encoding="utf-8")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert leftovers(tmp_path) == []


def test_review_docx_of_hostile_text_is_valid(tmp_path):
    import docx

    from qqtext.sessions.review import ReviewGroup, WrongAnswer
    from qqtext.sessions.review_docx import write_review_docx

    q = hostile_question()
    group = ReviewGroup("jinan-2019", 13, 5, (WrongAnswer(q, (("A",),), (1,)),))
    path = write_review_docx([group], tmp_path / "错题本.docx", title="错题本" + HOSTILE)
    for member in xml_members(path):
        ET.fromstring(member)
        assert no_unsafe(member)
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert "错题本甲乙丙" in text and "企业派车接送甲乙" in text
    assert leftovers(tmp_path) == []


def test_review_docx_fails_whole(tmp_path, monkeypatch):
    from qqtext.sessions.review_docx import write_review_docx

    full_disk(monkeypatch)
    with pytest.raises(OutputError):
        write_review_docx([], tmp_path / "错题本.docx")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ Markdown escapes HTML
def test_markdown_output_escapes_html(tmp_path, capsys):
    source = tmp_path / "x.txt"
    source.write_text("关于<b>测试</b>的办法\n第一条 <script>alert</script>企业应当依法经营 & 纳税。\n"
                      "第二条 <img src=x onerror=alert>不得行贿。\n", encoding="utf-8")
    code, out, err = run(capsys, "parse", str(source), "--format", "markdown")
    assert code == 0, err
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert&lt;/script&gt;企业应当依法经营 &amp; 纳税。" in out
    assert "**第一条** " in out and "**第二条** &lt;img" in out  # the Markdown structure is kept


def test_markdown_rendered_runs_no_script(tmp_path):
    import mistune

    from qqtext.serialize import to_markdown

    doc = parse_text("第一条 <script>alert(1)</script>企业应当依法经营。\n", doc_id="x")
    rendered = mistune.html(to_markdown(doc))
    assert "<script" not in rendered and "&lt;script&gt;" in rendered and "<strong>第一条</strong>" in rendered


# ------------------------------------------------------------------ bank files
GOOD = {
    "type": "scenario",
    "stem": "企业专门派车到单位接送调研干部，可以吗？",
    "options": {"A": "可以", "B": "不可以"},
    "answer": ["B"],
    "explanation": "第十三条（五）：不许单独指派、专程接送。",
    "source": {"doc": "jinan-2019", "article": 13, "item": 5, "quote": "但不许单独指派、专程接送"},
}


def bank_text(**source) -> str:
    question = {**GOOD, "source": {**GOOD["source"], **source}}
    return yaml.safe_dump({"bank": "t", "questions": [question]}, allow_unicode=True)


def check_cli(capsys, folder: Path) -> tuple[int, list[str]]:
    code, out, err = run(capsys, "bank", "check", str(folder))
    assert out == ""
    return code, err.strip().splitlines()


BAD_BANKS = {
    # name: (file name, bytes, what the problem line must say)
    "gbk": ("b.yaml", "bank: 题库\nquestions: []\n".encode("gbk"), ["b.yaml", "line 1", "not UTF-8", "GBK"]),
    "binary": ("b.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["b.yaml", "binary", "NUL byte at offset 8"]),
    "lone-surrogate-json": ("b.json", json.dumps({"bank": "t", "questions": [{**GOOD, "stem": "企业\ud800派车可以吗"}]})
                            .encode("ascii"), ["b.json", "question 1: stem", "lone surrogate (U+D800)"]),
    "lone-surrogate-yaml": ("b.yaml", b'bank: t\nquestions:\n  - {stem: "\\ud800"}\n',  # libyaml: no such escape
                            ["b.yaml", "question 1: stem, lone surrogate|line 3, column 15"]),
    "control-character": ("b.yaml", b'bank: t\nquestions:\n  - {stem: "a\\x01b"}\n',
                          ["b.yaml", "question 1: stem", "control character (U+0001)"]),
    "article-1e30-json": ("b.json", json.dumps({"bank": "t", "questions": [
        {**GOOD, "source": {**GOOD["source"], "article": 1e30}}]}).encode("ascii"),
        ["b.json", "question 1", "source/article", "maximum"]),
    "article-1e30-yaml": ("b.yaml", bank_text(article="1e30").encode("utf-8"),
                          ["b.yaml", "question 1", "source/article", "not of type"]),
    "article-float-yaml": ("b.yaml", bank_text().replace("article: 13", "article: 1.0e+30").encode("utf-8"),
                           ["b.yaml", "question 1", "source/article", "maximum"]),
    "alias": ("b.yaml", b"bank: &a t\nquestions: []\ndescription: *a\n", ["b.yaml", "line 3", "aliases (*a)"]),
    "deep": ("b.json", b"[" * 5000 + b"]" * 5000, ["b.json", "not valid JSON"]),
    "deep-yaml": ("b.yaml", b"[" * 100 + b"]" * 100, ["b.yaml", "line 1", "nested more than 32 deep"]),
    "very-deep-yaml": ("b.yaml", b"[" * 100000 + b"]" * 100000, ["b.yaml", "line 1", "nest"]),
    "huge-number": ("b.yaml", b"bank: t\nquestions: []\nx: " + b"9" * 5000 + b"\n", ["b.yaml", "not valid YAML"]),
    "non-text-key": ("b.yaml", bank_text().replace("A: 可以", "1: 可以").encode("utf-8"),
                     ["b.yaml", "question 1: options", "key 1 is not text"]),
    "python-tag": ("b.yaml", b"bank: !!python/object/apply:os.system [echo hi]\nquestions: []\n",
                   ["b.yaml", "not valid YAML"]),
    "two-documents": ("b.yaml", b"bank: t\nquestions: []\n---\nbank: u\n", ["b.yaml", "not valid YAML"]),
}


@pytest.mark.parametrize(("name", "data", "needles"), BAD_BANKS.values(), ids=BAD_BANKS)
def test_bad_bank_files_are_one_problem_line(tmp_path, capsys, bounded, name, data, needles):
    (tmp_path / name).write_bytes(data)
    code, lines = check_cli(capsys, tmp_path)
    assert code == 2 and lines[-1] == f"qqtext: 1 problem(s) in {tmp_path}", lines
    [problem] = lines[:-1]
    assert problem.startswith(f"qqtext: bank: {tmp_path / name}: ")
    assert all(any(all(part in problem for part in choice.split(", ")) for choice in needle.split("|"))
               for needle in needles), problem
    with pytest.raises(BankError) as caught:
        read_bank(tmp_path / name)
    assert "\n" not in str(caught.value) and str(tmp_path / name) in str(caught.value)


def test_the_shipped_bank_and_a_good_one_still_pass(tmp_path, capsys):
    (tmp_path / "good.yaml").write_text(bank_text(), encoding="utf-8")
    assert check_cli(capsys, tmp_path)[0] == 0


def test_yaml_alias_bomb_is_refused_in_bounded_memory(tmp_path):
    """A few hundred bytes that expand to 10**9 strings (it used 5-6 GB): refused at once, under 1 GB."""
    lines = ["bank: t", "questions: []", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
        from qqtext.exercises.bank import check_bank
        problems = check_bank({str(tmp_path)!r})
        print(len(problems), problems[0].message)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 YAML aliases (*a0) are not allowed")


def test_bank_size_limit_and_its_override(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("QQTEXT_MAX_BANK_MB", raising=False)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:  # sparse: 11 MB without writing them
        handle.truncate(11_000_000)
    code, lines = check_cli(capsys, tmp_path)
    assert code == 2 and "11,000,000 bytes, over the limit of 10 MB for a bank file" in lines[0]
    assert "QQTEXT_MAX_BANK_MB" in lines[0]
    big.unlink()
    (tmp_path / "good.yaml").write_text(bank_text(), encoding="utf-8")
    monkeypatch.setenv("QQTEXT_MAX_BANK_MB", "0.0001")
    code, lines = check_cli(capsys, tmp_path)
    assert code == 2 and "over the limit of 0.0001 MB for a bank file" in lines[0]
    monkeypatch.setenv("QQTEXT_MAX_BANK_MB", "0")  # switched off
    assert check_cli(capsys, tmp_path)[0] == 0
    monkeypatch.setenv("QQTEXT_MAX_BANK_MB", "lots")
    code, out, err = run(capsys, "bank", "check", str(tmp_path))
    assert_one_line_error(code, out, err, "QQTEXT_MAX_BANK_MB='lots' is not a number")


def test_a_fifo_in_the_bank_folder_is_skipped(tmp_path, capsys, bounded):
    (tmp_path / "good.yaml").write_text(bank_text(), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    code, out, err = run(capsys, "bank", "check", str(tmp_path))
    assert code == 0, err
    assert f"qqtext: warning: {tmp_path / 'pipe.yaml'}: skipped (not a regular file)" in err.splitlines()
    with pytest.raises(BankError, match="not a regular file"):
        read_bank(tmp_path / "pipe.yaml")  # read directly: refused, never opened


def test_a_folder_named_like_a_bank_and_a_symlink_loop_are_skipped(tmp_path, capsys, bounded):
    (tmp_path / "good.yaml").write_text(bank_text(), encoding="utf-8")
    (tmp_path / "x.yaml").mkdir()
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    code, out, err = run(capsys, "bank", "check", str(tmp_path))
    assert code == 0, err
    skipped = [line for line in err.splitlines() if line.startswith("qqtext: warning: ")]
    assert len(skipped) == 2 and "loop.yaml: skipped" in skipped[0] and "x.yaml: skipped" in skipped[1]
    with pytest.raises(BankError, match="x.yaml: a folder, not a bank file"):
        read_bank(tmp_path / "x.yaml")
    with pytest.raises(BankError, match="loop.yaml: cannot read"):
        read_bank(tmp_path / "loop.yaml")


def test_an_unreadable_bank_is_one_problem(tmp_path, capsys, monkeypatch):
    """Simulated (tests may run as root, who reads anything): open() refuses as for chmod 000."""
    import builtins

    from qqtext.exercises import bank

    (tmp_path / "b.yaml").write_text(bank_text(), encoding="utf-8")

    def refuse(path, *args, **kwargs):
        if str(path).endswith("b.yaml"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(bank, "open", refuse, raising=False)
    code, lines = check_cli(capsys, tmp_path)
    assert code == 2 and lines[0] == f"qqtext: bank: {tmp_path / 'b.yaml'}: file: cannot read (Permission denied)"


@pytest.mark.parametrize("doc", ["{outside}", "../secret.txt", "/etc/passwd", "{link}"],
                         ids=["absolute-outside", "dotdot", "etc-passwd", "symlink-out"])
def test_bank_check_loads_no_local_file_outside_its_folder(tmp_path, capsys, monkeypatch, doc):
    import qqtext.corpus

    loaded = []
    real = qqtext.corpus.load_document
    monkeypatch.setattr(qqtext.corpus, "load_document", lambda p, **k: (loaded.append(str(p)), real(p, **k))[1])
    secret = tmp_path / "secret.txt"
    secret.write_text(JINAN_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "link.txt").symlink_to(secret)
    doc = doc.replace("{outside}", str(secret)).replace("{link}", "link.txt")
    (folder / "b.yaml").write_text(bank_text(doc=doc), encoding="utf-8")
    code, lines = check_cli(capsys, folder)
    assert code == 2 and "not the id of a shipped document, nor a file inside the bank's folder" in lines[0]
    assert not any("secret" in p for p in loaded)


def test_bank_check_loads_a_document_beside_the_bank(tmp_path, capsys):
    (tmp_path / "本市办法.txt").write_text(JINAN_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(bank_text(doc="本市办法.txt"), encoding="utf-8")
    code, lines = check_cli(capsys, tmp_path)
    assert code == 0, lines


# ------------------------------------------------------------------ results stores
@pytest.fixture
def store_file(tmp_path, jinan):
    from qqtext.exercises.quiz import make_paper, question_pool
    from qqtext.sessions.store import AnswerRecord, ResultsStore

    paper = make_paper(question_pool(jinan, seed=7), count=3, seed=7, title="测验")
    path = tmp_path / "results.sqlite"
    with ResultsStore(path) as store:
        learner = store.learner_id("张三")
        store.save_attempt(learner, "p", [AnswerRecord(q.id, tuple(q.answer), False, 3.0) for q in paper.questions],
                           session="班")
    return path


def poke(path: Path, sql: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(sql)


@pytest.mark.parametrize(("sql", "needles"), [
    ("UPDATE meta SET value = 'two' WHERE key = 'schema_version'", ["schema version 'two' is not a number"]),
    ("UPDATE meta SET value = '' WHERE key = 'schema_version'", ["schema version '' is not a number"]),
    ("UPDATE meta SET value = '2.5' WHERE key = 'schema_version'", ["schema version '2.5'"]),
    ("UPDATE meta SET value = '99' WHERE key = 'schema_version'", ["newer qqtext (schema 99"]),
    ("UPDATE meta SET value = '0' WHERE key = 'schema_version'", ["schema 0 is too old"]),
    ("UPDATE answers SET response = 'B|C' WHERE position = 1", ["attempt 1", "response 'B|C' is not a JSON list"]),
    ("UPDATE answers SET response = '5' WHERE position = 0", ["response '5' is not a JSON list"]),
    ("UPDATE answers SET response = '[\"A\", 1]' WHERE position = 0", ["is not a JSON list of texts"]),
    ("UPDATE answers SET response = '' WHERE position = 0", None),  # nothing recorded: read as ()
    ("UPDATE answers SET seconds = 'slow' WHERE position = 0", ["seconds 'slow' is not a number"]),
    ("UPDATE answers SET shown = '{' WHERE position = 0", ["shown '{' is not a JSON list"]),
    ("UPDATE attempts SET score = 'x'", ["score that is not a number"]),
], ids=["version-text", "version-empty", "version-float", "version-new", "version-old", "response-pipes",
        "response-number", "response-mixed", "response-empty", "seconds", "shown", "score"])
def test_odd_stores_are_one_line(store_file, capsys, sql, needles):
    from qqtext.sessions.store import ResultsStore, StoreError

    poke(store_file, sql)
    if needles is None:
        with ResultsStore(store_file) as store:
            assert store.responses_frame()["response"].iloc[0] == ""
        return
    with pytest.raises(StoreError) as caught:
        with ResultsStore(store_file) as store:
            store.responses_frame()
            store.attempts()
            [attempt] = store.attempts()
            store.answers(attempt.id, learner_id=attempt.learner_id)
    assert "\n" not in str(caught.value) and str(store_file) in str(caught.value)
    assert all(n in str(caught.value) for n in needles), caught.value
    if "score" not in sql:  # the report reads the answers, not the attempts' scores
        code, out, err = run(capsys, "report", "--results", str(store_file), "-o", str(store_file.parent / "r"))
        assert_one_line_error(code, out, err, str(store_file))
    code, out, err = run(capsys, "review", "张三", "--results", str(store_file))
    assert_one_line_error(code, out, err, str(store_file))


def test_a_text_file_as_the_store_is_one_line(tmp_path, capsys):
    path = tmp_path / "results.sqlite"
    path.write_text("not a database\n" * 100, encoding="utf-8")
    code, out, err = run(capsys, "report", "--results", str(path), "-o", str(tmp_path / "r"))
    assert_one_line_error(code, out, err, str(path), "not a database")


# ------------------------------------------------------------------ --paper files
def paper_files(folder: Path) -> dict[str, Path]:
    from qqtext.exercises.export import to_jupyterquiz

    files = {
        "jupyterquiz": json.dumps(to_jupyterquiz([hostile_question()]), ensure_ascii=False),
        "list": "[1, 2]",
        "no-questions": '{"title": "x"}',
        "questions-not-list": '{"questions": 5}',
        "question-not-dict": '{"questions": [5]}',
        "question-missing-source": '{"questions": [{"id": "q", "type": "true_false", "stem": "s", "answer": ["对"],'
                                   ' "explanation": "e"}]}',
        "unknown-type": '{"questions": [{"id": "q", "type": "essay", "stem": "s", "answer": ["x"], "explanation": "e",'
                        ' "source": {"doc": "d", "quote": "q"}}]}',
        "deep": "[" * 100000 + "]" * 100000,
        "not-json": "题目：一、……",
    }
    paths = {name: folder / f"{name}.json" for name in files}
    for name, text in files.items():
        paths[name].write_text(text, encoding="utf-8")
    paths["gbk"] = folder / "gbk.json"
    paths["gbk"].write_bytes('{"questions": [], "title": "试卷"}'.encode("gbk"))
    paths["folder"] = folder / "folder.json"
    paths["folder"].mkdir()
    paths["missing"] = folder / "missing.json"
    paths["device"] = Path("/dev/zero")  # endless: stops at the size limit
    return paths


@pytest.mark.parametrize("verb", ["report", "review"])
def test_bad_paper_files_are_one_line(tmp_path, store_file, capsys, bounded, verb):
    papers = tmp_path / "papers"
    papers.mkdir()
    for name, path in paper_files(papers).items():
        argv = (["report", "-o", str(tmp_path / "r")] if verb == "report" else ["review", "张三"])
        code, out, err = run(capsys, *argv, "--results", str(store_file), "--paper", str(path))
        assert_one_line_error(code, out, err, str(path))
        if name == "jupyterquiz":
            assert "jupyterquiz" in err


# ------------------------------------------------------------------ saved self-checks
def saved_selfcheck(folder: Path) -> dict:
    from qqtext.corpus import load_document
    from qqtext.sessions.selfcheck import evaluate, save_local, self_check_items

    items = self_check_items(load_document("jinan-2019"))
    path = save_local(evaluate(items, {items[0].id: "是"}), folder / "good.json")
    return json.loads(path.read_text(encoding="utf-8"))


SELFCHECK_CASES = {
    "version-text": lambda d: {**d, "version": "new"},
    "version-null": lambda d: {**d, "version": None},
    "version-newer": lambda d: {**d, "version": 99},
    "items-not-list": lambda d: {**d, "items": {"a": 1}},
    "item-not-dict": lambda d: {**d, "items": [5]},
    "item-unknown-field": lambda d: {**d, "items": [{**d["items"][0], "colour": "red"}]},
    "item-id-number": lambda d: {**d, "items": [{**d["items"][0], "id": 5}]},
    "answers-list": lambda d: {**d, "answers": ["是"]},
    "answer-unknown-item": lambda d: {**d, "answers": {"nope": "是"}},
    "answer-bad-value": lambda d: {**d, "answers": {d["items"][0]["id"]: "maybe"}},
    "taken-bad": lambda d: {**d, "taken": "yesterday"},
    "taken-missing": lambda d: {k: v for k, v in d.items() if k != "taken"},
    "lone-surrogate": lambda d: {**d, "items": [{**d["items"][0], "question": "过去一年\ud800？"}]},
    "not-a-dict": lambda d: [d],
    "other-format": lambda d: {**d, "format": "other"},
}


@pytest.mark.parametrize("name", SELFCHECK_CASES)
def test_malformed_saved_selfchecks_are_one_line(tmp_path, capsys, name):
    data = SELFCHECK_CASES[name](saved_selfcheck(tmp_path))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    code, out, err = run(capsys, "selfcheck", "--show", "--save", str(path))
    assert_one_line_error(code, out, err, str(path))


@pytest.mark.parametrize("kind", ["gbk", "binary", "deep", "folder", "fifo", "empty"])
def test_unreadable_saved_selfchecks_are_one_line(tmp_path, capsys, bounded, kind):
    path = tmp_path / "bad.json"
    if kind == "gbk":
        path.write_bytes('{"format": "qqtext-selfcheck", "taken": "今天"}'.encode("gbk"))
    elif kind == "binary":
        path.write_bytes(bytes(range(256)))
    elif kind == "deep":
        path.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(b"")
    code, out, err = run(capsys, "selfcheck", "--show", "--save", str(path))
    assert_one_line_error(code, out, err, str(path))

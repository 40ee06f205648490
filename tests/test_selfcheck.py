"""自查: items from a document's prohibitions, evaluation, and answers kept on the official's machine only."""

from __future__ import annotations

import ast
import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

import qqtext.sessions.selfcheck as selfcheck
from qqtext import parse_text
from qqtext.errors import QqtextError
from qqtext.extract.norms import extract_norms
from qqtext.sessions.selfcheck import (
    ANSWERS,
    PRIVACY_NOTE,
    SelfCheckError,
    SelfCheckItem,
    default_path,
    evaluate,
    load_local,
    save_local,
    self_check_items,
)

WHEN = datetime(2025, 3, 1, 10, 0, tzinfo=timezone.utc)
DEMO = """第一条 机关单位工作人员不得接受企业宴请。
第二条 机关单位工作人员经单位批准可参加以下活动：
（一）参加企业举办的座谈会；
（二）其他符合规定的活动。
第三条 在与企业交往中，机关单位工作人员不提倡互赠礼品。
第四条 企业不得向机关单位工作人员行贿。
第五条 职能部门不得违规向企业摊派费用。
第六条 机关单位工作人员在与企业交往中，禁止下列行为：
（一）收受企业礼金；
（二）由企业支付应由个人负担的费用。"""


@pytest.fixture(scope="module")
def items(jinan) -> list[SelfCheckItem]:
    return self_check_items(jinan)


def find(items, text) -> SelfCheckItem:
    return next(item for item in items if text in item.question)


# -- items ---------------------------------------------------------------------------------------------


def test_the_brief_example(items):
    item = find(items, "专程派车")
    assert item.question == "过去一年，是否有企业专程派车接送您？"
    assert item.articles == ("第十三条（五）",)
    assert "不许单独指派、专程接送" in item.quote
    assert (item.answers, item.flag_if, item.provenance, item.doc) == (("是", "否", "不确定"), "是", "curated", "jinan-2019")


@pytest.mark.parametrize(
    ("needle", "article"),
    [("冻结企业账号", "第七条"), ("座谈会", "第十三条（一）"), ("工作餐", "第十三条（一）"), ("外出考察调研", "第十三条（二）"),
     ("展销会", "第十三条（三）"), ("高档菜肴", "第十三条（四）"), ("并非确有需要", "第十三条（四）"),
     ("专程派车", "第十三条（五）"), ("差旅费用", "第十三条（六）"), ("私人会所", "第十三条（七）"),
     ("互赠过礼品", "第十三条（八）"), ("礼品后", "第十三条（八）")],
    ids=lambda value: value if value.startswith("第") else None,
)
def test_jinan_curated_items(items, jinan, needle, article):
    item = find(items, needle)
    assert item.articles == (article,)
    assert item.question.startswith("过去一年，") and item.question.endswith(("？", "）"))
    assert item.quote in jinan.text and item.advice


def test_jinan_items_cover_every_prohibition_and_13s_conditional_items(items, jinan):
    from qqtext.numerals import to_chinese_number

    cited = {a for item in items for a in item.articles}
    for norm in extract_norms(jinan):
        if norm.deontic in ("prohibition", "discouragement"):
            item = f"（{to_chinese_number(norm.item)}）" if norm.item else ""
            assert f"第{to_chinese_number(norm.article)}条{item}" in cited
    assert {f"第十三条（{n}）" for n in "一二三四五六七八"} <= cited  # （九）其他符合规定的活动: nothing to ask
    assert all(item.provenance == "curated" for item in items)
    assert len({item.id for item in items}) == len(items)
    assert [a for item in items for a in item.articles][0] == "第七条"  # in article order


def test_jinan_generated_items_exist_too(jinan):
    generated = self_check_items(jinan, curated=False)
    assert generated and all(item.provenance == "generated" for item in generated)
    assert any(item.articles == ("第十三条（八）",) and "互赠礼品" in item.question for item in generated)


def test_ids_are_stable(items, jinan):
    assert [item.id for item in self_check_items(jinan)] == [item.id for item in items]


@pytest.fixture(scope="module")
def demo_items():
    return self_check_items(parse_text(DEMO, doc_id="demo"))


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("过去一年，您是否接受企业宴请？", "第一条"),
        ("过去一年，您是否未经单位批准就参加企业举办的座谈会？", "第二条（一）"),
        ("过去一年，在与企业交往中，您是否互赠礼品？", "第三条"),
        ("过去一年，您或您所在单位是否违规向企业摊派费用？", "第五条"),
        ("过去一年，在与企业交往中，您是否收受企业礼金？", "第六条（一）"),
        ("过去一年，在与企业交往中，您是否由企业支付应由个人负担的费用？", "第六条（二）"),
    ],
    ids=["prohibition", "approval-item", "discouragement-situation", "body", "listed-1", "listed-2"],
)
def test_generated_items(demo_items, question, article):
    item = next(item for item in demo_items if item.question == question)
    assert item.articles == (article,)
    assert item.provenance == "generated" and item.doc == "demo" and item.advice.startswith(article)


def test_generated_items_leave_out_business_norms_and_catch_alls(demo_items):
    assert len(demo_items) == 6
    assert not any("行贿" in item.question or "其他" in item.question for item in demo_items)


def test_reception_rules(shared_corpus):
    from qqtext.corpus import load_document

    doc = load_document(shared_corpus / "2013_national_dangzheng-jiguan-guonei-gongwu-jiedai-guanli-guiding.md")
    items = self_check_items(doc)
    assert len(items) >= 25
    assert all(item.question.startswith("过去一年，") and item.question.endswith("？") and item.articles for item in items)
    assert any("私人会所" in item.question for item in items)


# -- evaluating --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "flagged", "reread", "verify"),
    [
        ({}, [], (), ()),
        ({"专程派车": "否", "互赠过礼品": "否"}, [], (), ()),
        ({"专程派车": "是"}, ["专程派车"], ("第十三条（五）",), ()),
        ({"专程派车": "是", "互赠过礼品": "是", "高档菜肴": "不确定"}, ["专程派车", "互赠过礼品"],
         ("第十三条（五）", "第十三条（八）"), ("第十三条（四）",)),
        ({"互赠过礼品": "是", "礼品后": "不确定"}, ["互赠过礼品"], ("第十三条（八）",), ()),
    ],
    ids=["nothing", "all-no", "one-yes", "two-yes-one-unsure", "unsure-on-a-reread-article"],
)
def test_evaluate(items, answers, flagged, reread, verify):
    given = {find(items, needle).id: answer for needle, answer in answers.items()}
    result = evaluate(items, given, clock=lambda: WHEN)
    assert [result.item(i).question for i in result.flagged] == [find(items, n).question for n in flagged]
    assert result.reread == reread and result.verify == verify
    assert len(result.unanswered) == len(items) - len(given)
    assert result.taken == "2025-03-01T10:00:00+00:00"
    assert result.summary.startswith("自查结果（2025-03-01）")
    assert f"共 {len(items)} 项，已回答 {len(given)} 项" in result.summary
    assert result.summary.endswith(PRIVACY_NOTE)
    if reread:
        assert f"建议重读：{'、'.join(reread)}" in result.summary
    else:
        assert "没有需要留意的情形" in result.summary


def test_evaluate_orders_answers_by_item(items):
    reversed_answers = {item.id: "否" for item in reversed(items)}
    assert list(evaluate(items, reversed_answers).answers) == [item.id for item in items]


@pytest.mark.parametrize(("answer", "item_id"), [("可能", None), ("yes", None), ("是", "sc-nonexistent")],
                         ids=["not-offered", "english", "unknown-item"])
def test_evaluate_errors(items, answer, item_id):
    with pytest.raises(SelfCheckError) as error:
        evaluate(items, {item_id or items[0].id: answer})
    assert isinstance(error.value, QqtextError)


def test_answers_are_trimmed(items):
    assert evaluate(items, {items[0].id: " 是 "}).flagged == (items[0].id,)


# -- kept on the official's machine -----------------------------------------------------------------------


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A private user data folder, and a results store location that must stay untouched."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("QQTEXT_RESULTS", str(tmp_path / "store" / "results.sqlite"))
    return tmp_path


def test_save_and_load_round_trip(items, home):
    result = evaluate(items, {items[0].id: "是", items[3].id: "不确定", items[5].id: "否"}, clock=lambda: WHEN)
    path = save_local(result)
    assert path == home / "data" / "qqtext" / "selfcheck" / "jinan-2019.json" == default_path("jinan-2019")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_local(path) == result
    assert load_local(doc="jinan-2019") == result
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "qqtext-selfcheck" and data["answers"] == result.answers
    assert [p.name for p in path.parent.iterdir()] == ["jinan-2019.json"]  # no temporary file left


def test_save_to_a_chosen_path(items, tmp_path):
    result = evaluate(items, {items[1].id: "是"})
    path = save_local(result, tmp_path / "mine" / "自查.json")
    assert path.is_file() and load_local(path).flagged == (items[1].id,)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), ("not json", "not a saved self-check"), ('{"format": "other"}', "not a saved self-check"),
     ('{"format": "qqtext-selfcheck", "version": 99}', "newer qqtext"),
     ('{"format": "qqtext-selfcheck", "version": 1, "items": [{"id": "x"}]}', "not a saved self-check")],
    ids=["missing", "not-json", "other-format", "newer", "broken-items"],
)
def test_load_errors(tmp_path, content, message):
    path = tmp_path / "selfcheck.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SelfCheckError, match=message):
        load_local(path)


def test_save_error(items, tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(SelfCheckError, match="cannot save"):
        save_local(evaluate(items, {}), tmp_path / "a-file" / "selfcheck.json")


def test_evaluate_and_save_never_touch_a_store(items, home, monkeypatch):
    """No database, no network, no results store: only the one JSON file in the user data folder."""
    import qqtext.sessions.store as store

    def forbidden(*args, **kwargs):
        raise AssertionError("the self-check touched a database, a socket or the results store")

    monkeypatch.setattr(sqlite3, "connect", forbidden)
    monkeypatch.setattr(socket, "socket", forbidden)
    monkeypatch.setattr(store.ResultsStore, "__init__", forbidden)
    monkeypatch.setattr(store.ResultsStore, "save_attempt", forbidden)
    try:
        import sqlalchemy
    except ImportError:  # pragma: no cover - SQLAlchemy is a dependency
        pass
    else:
        monkeypatch.setattr(sqlalchemy, "create_engine", forbidden)
    result = evaluate(items, {items[0].id: "是"})
    path = save_local(result)
    load_local(path)
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert written == [str(Path("data") / "qqtext" / "selfcheck" / "jinan-2019.json")]
    assert not (home / "store").exists()


def test_the_module_does_not_import_the_store():
    tree = ast.parse(Path(selfcheck.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not any("store" in name or "sqlalchemy" in name or "sqlite" in name for name in imported if name)
    # and at run time: importing and running it loads no store and no database client, and the only
    # SQLite file it opens is the segmenter's word list in the user's cache (never a results store)
    code = ("import sys, sqlite3; opened = []; connect = sqlite3.connect; "
            "sqlite3.connect = lambda db, *a, **k: (opened.append(str(db)), connect(db, *a, **k))[1]; "
            "import qqtext.sessions; before = set(sys.modules); import qqtext.sessions.selfcheck as s; "
            "from qqtext import load_document; s.evaluate(s.self_check_items(load_document('jinan-2019')), {}); "
            "added = set(sys.modules) - before; "
            "print(sorted(m for m in added if 'store' in m or 'sqlalchemy' in m or 'psycopg' in m)); "
            "print([p for p in opened if '/lexicon-' not in p or 'mode=ro' not in p])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert out.stdout.split() == ["[]", "[]"]


def test_the_privacy_promise_is_written_down():
    assert "Privacy promise" in selfcheck.__doc__ and "No trainer, report or" in selfcheck.__doc__
    deployment = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"
    text = deployment.read_text(encoding="utf-8")
    assert "self-check" in text.lower() and "never" in text.lower()
    assert "不会上传" in PRIVACY_NOTE and ANSWERS == ("是", "否", "不确定")

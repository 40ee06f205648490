"""Splits and merges (qqtext.compare.splits): 1:n and n:1 correspondences, in rows, tables and the HTML page.

Real version pairs: the shipped 2007 and 2022 反垄断法 (corpus/reference): 2007 第十三条 became 2022
第十六条 (the definition of 垄断协议) and 第十七条 (the list), 第五十四条 became 第六十六条 (处分) and 第六十七条
(the general criminal-liability article). Read the other way, they are merges.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, run
from qqtext import load_document, parse_text
from qqtext.compare.align import align, alignment_rows, alignments_frame
from qqtext.compare.view import side_by_side_html

OLD = REPO / "corpus" / "reference" / "2007_national_fanlongduanfa.md"
NEW = REPO / "corpus" / "reference" / "2022_national_fanlongduanfa.md"


@pytest.fixture(scope="module")
def versions():
    old, new = load_document(OLD), load_document(NEW)
    return old, new, align(old, new), align(new, old)


def groups(rows):
    out: dict[int, list] = {}
    for row in rows:
        if row.group is not None:
            out.setdefault(row.group, []).append(row)
    return {(tuple(sorted({r.a_article for r in rs})), tuple(sorted({r.b_article for r in rs}))): rs
            for rs in out.values()}


def test_antitrust_splits(versions):
    _, _, forward, _ = versions
    found = groups(forward)
    assert set(found) == {((13,), (16, 17)), ((54,), (66, 67))}
    for rows in found.values():
        assert {r.relation for r in rows} == {"1:n"} and len({r.group_score for r in rows}) == 1
        assert rows[0].group_score > max(r.score for r in rows) - 1e-9  # the whole scores above its parts
    # before groups, the definition moved to 第十六条 was reported new
    plain = align(versions[0], versions[1], groups=False)
    assert any(r.label == "only_b" and r.b_article == 16 for r in plain)
    assert not any(r.label == "only_b" and r.b_article in (16, 17, 66, 67) for r in forward)


def test_read_the_other_way_splits_are_merges(versions):
    _, _, forward, backward = versions
    merged = groups(backward)
    assert set(merged) == {(b, a) for a, b in groups(forward)}
    assert all(r.relation == "n:1" for rows in merged.values() for r in rows)


def test_a_split_in_small_texts():
    old = parse_text("第一条 经营者应当公平竞争。经营者不得虚假宣传，不得进行商业贿赂，不得侵犯商业秘密。\n"
                     "第二条 本法自公布之日起施行。", doc_id="old")
    new = parse_text("第一条 经营者应当公平竞争。\n第二条 经营者不得虚假宣传，不得进行商业贿赂，不得侵犯商业秘密。\n"
                     "第三条 本法自公布之日起施行。", doc_id="new")
    rows = align(old, new)
    [(key, members)] = groups(rows).items()
    assert key == ((1,), (1, 2)) and [r.label for r in members] == ["copied", "copied"]  # no rule changed
    assert [r.label for r in rows if r.group is None] == ["copied"]


def test_tables_carry_the_groups(versions):
    old, new, forward, _ = versions
    rows = alignment_rows(forward, docs=(old, new))
    split = [r for r in rows if r["a_article"] == 13]
    assert [(r["b_article"], r["relation"]) for r in split] == [(16, "1:n"), (17, "1:n")]
    assert split[0]["group"] == split[1]["group"] and split[0]["group_score"] == split[1]["group_score"]
    frame = alignments_frame(forward)
    assert str(frame["group"].dtype) == "Int64" and frame["group"].notna().sum() == 4


def test_page_shows_a_group_as_one_row(versions):
    old, new, forward, _ = versions
    soup = BeautifulSoup(side_by_side_html(forward, old, new), "html.parser")
    group_rows = [tr for tr in soup.select("tbody tr") if tr.select_one(".relation")]
    assert len(group_rows) == 2
    first = group_rows[0]
    assert "拆分 1:n" in first.select_one(".relation").get_text()
    assert first.select_one("td.unit.b .ref").get_text() == "第十六条 ＋ 第十七条"
    assert "本法所称垄断协议" in first.select_one("td.unit.b .text").get_text()
    assert "拆分 2 处、合并 0 处" in soup.select_one(".note").get_text()


def test_cli_csv_and_json_carry_relation_and_group(capsys):
    code, out, err = run(capsys, "compare", str(OLD), str(NEW))
    assert code == 0 and "splits 2, merges 0" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["a_article"], r["b_article"], r["relation"]) for r in rows if r["group"]} == {
        ("13", "16", "1:n"), ("13", "17", "1:n"), ("54", "66", "1:n"), ("54", "67", "1:n")}
    code, out, _ = run(capsys, "compare", str(NEW), str(OLD), "--format", "json")
    merged = [r for r in json.loads(out) if r["relation"] == "n:1"]
    assert {(r["a_article"], r["b_article"]) for r in merged} == {(16, 13), (17, 13), (66, 54), (67, 54)}
    assert all(isinstance(r["group_score"], float) for r in merged)

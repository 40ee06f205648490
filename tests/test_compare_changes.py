"""What changed in the rules between aligned provisions (qqtext.compare.changes), and `copied` only without change.

Small texts for each kind of change, then the shipped 2007 and 2022 反垄断法 (corpus/reference), whose
changes were read by hand: no ../shared needed.
"""

from __future__ import annotations

import pytest

from conftest import REPO
from qqtext import load_document, parse_text
from qqtext.compare.align import align, alignment_rows, label_counts
from qqtext.compare.changes import (
    CHANGE_COLUMNS,
    CHANGE_KINDS,
    change_counts,
    change_rows,
    changes_frame,
    rule_changes,
)
from qqtext.compare.quantities import quantities

REFERENCE = REPO / "corpus" / "reference"

REVERSE = {"strengthened": "weakened", "weakened": "strengthened", "added": "removed", "removed": "added",
           "changed": "changed", "reversed": "reversed"}


def changes(before: str, after: str) -> list[tuple[str, str, str]]:
    a = parse_text(f"第一条 {before}", doc_id="old")
    b = parse_text(f"第一条 {after}", doc_id="new")
    return [(c.kind, c.before, c.after) for c in rule_changes(a, [a.article(1)], b, [b.article(1)])]


CASES = [
    pytest.param("县级以上人民政府可以建立投诉举报平台。", "县级以上人民政府应当建立投诉举报平台。",
                 [("deontic_strengthened", "可以", "应当")], id="may-to-must"),
    pytest.param("行政机关应当公开涉企收费目录。", "行政机关不得公开涉企收费目录。",
                 [("deontic_reversed", "应当", "不得")], id="must-to-must-not"),
    pytest.param("鼓励企业参与标准制定。", "企业可以参与标准制定。", [("deontic_changed", "鼓励", "可以")],
                 id="encourage-to-may"),
    pytest.param("采购人应当在收到发票后三十日内支付款项。", "采购人应当在收到发票后60日内支付款项。",
                 [("deadline_changed", "三十日", "60日")], id="30-to-60-days"),
    pytest.param("采购人应当及时支付款项。", "采购人应当自交付之日起60日内支付款项。",
                 [("deadline_added", "", "60日")], id="new-payment-limit"),
    pytest.param("由市场监管部门责令改正，处五万元以下的罚款。", "由市场监管部门责令改正，处五十万元以下的罚款。",
                 [("amount_changed", "五万元", "五十万元")], id="fine-raised"),
    pytest.param("并处上一年度销售额百分之一以上百分之十以下的罚款。", "并处上一年度销售额百分之一以上百分之五以下的罚款。",
                 [("number_changed", "百分之十", "百分之五")], id="percentage"),
    pytest.param("由市场监管部门责令改正，处五万元以下的罚款。",
                 "由市场监管部门责令改正，给予警告，处五万元以下的罚款，吊销营业执照。",
                 [("sanction_added", "", "警告"), ("sanction_added", "", "吊销营业执照")], id="sanctions-added"),
    pytest.param("行政机关应当公开涉企收费目录。", "行政机关应当公开涉企收费目录。行政机关不得向企业摊派。",
                 [("prohibition_added", "", "不得向企业摊派")], id="prohibition-added"),
    pytest.param("市场监管部门应当公开抽查结果。", "税务部门应当公开抽查结果。",
                 [("actor_changed", "市场监管部门", "税务部门")], id="actor"),
    pytest.param("机关单位工作人员可参加座谈会。", "机关单位工作人员经单位批准可参加座谈会。",
                 [("condition_added", "", "经单位批准")], id="condition"),
    pytest.param("经营者有下列行为之一的，由市场监管部门责令改正：\n（一）虚假宣传的；\n（二）商业贿赂的。",
                 "经营者有下列行为之一的，由市场监管部门责令改正：\n（一）虚假宣传的；\n（二）商业贿赂的；\n（三）利用数据和算法实施垄断的。",
                 [("condition_added", "", "利用数据和算法实施垄断的")], id="listed-case"),
]


@pytest.mark.parametrize(("before", "after", "expected"), CASES)
def test_each_kind_of_change(before, after, expected):
    assert changes(before, after) == expected


@pytest.mark.parametrize(("before", "after", "expected"), CASES)
def test_changes_read_backwards_are_the_reverse(before, after, expected):
    def flip(kind: str) -> str:
        head, _, tail = kind.rpartition("_")
        return f"{head}_{REVERSE[tail]}"

    assert changes(after, before) == [(flip(kind), new, old) for kind, old, new in expected]


@pytest.mark.parametrize(("before", "after"), [
    pytest.param("采购人应当在收到发票后三十日内支付款项。", "采购人应当在收到发票后30日内支付款项。", id="same-value"),
    pytest.param("人民政府统计机构应当公开统计资料。", "县级以上人民政府统计机构应当公开统计资料。", id="level-word"),
    pytest.param("会计帐簿应当妥善保管。", "会计账簿应当妥善保管。", id="variant-character"),
    pytest.param("为了优化营商环境，制定本条例。", "为了优化营商环境，鼓励创新，制定本条例。", id="purpose-binds-no-one"),
    pytest.param("本条例自2020年1月1日起施行。", "本条例自2022年3月1日起施行。", id="dates-are-no-rule"),
    pytest.param("应当依照法定权限和程序进行；给市场主体造成损失的，应当依法予以补偿。",
                 "应当依照法定权限和程序进行，并依法对市场主体因此受到的损失予以补偿。", id="two-norms-written-as-one"),
])
def test_what_is_no_change(before, after):
    assert changes(before, after) == []


def test_quantities_read_numerals_as_values_and_skip_dates():
    found = quantities("二〇一九年十月公布，自2020年1月1日起施行，三个月内，处一百万元以下、违法所得1.5倍的罚款，第三十日")
    assert [(q.text, q.value, q.unit, q.kind) for q in found] == [
        ("三个月", 3.0, "月", "deadline"), ("一百万元", 1_000_000.0, "元", "amount"), ("1.5倍", 1.5, "倍", "number")]
    assert [q.value for q in quantities("五十万元、百分之十、二十日")] == [500_000.0, 10.0, 20.0]


def test_copied_only_when_no_rule_changed():
    base = "第一条 采购人{cue}在收到发票后{days}内支付中小企业款项，不得以法定代表人变更为由拒绝支付。"
    a = parse_text(base.format(cue="可以", days="三十日"), doc_id="a")
    same = parse_text(base.format(cue="可以", days="30日"), doc_id="same")
    must = parse_text(base.format(cue="应当", days="三十日"), doc_id="must")
    later = parse_text(base.format(cue="可以", days="六十日"), doc_id="later")
    [row] = align(a, same)
    assert row.label == "copied" and row.changes == ()
    for other, kind in ((must, "deontic_strengthened"), (later, "deadline_changed")):
        [row] = align(a, other)
        assert row.lexical >= 0.8, "near-verbatim"
        assert row.label == "adapted" and [c.kind for c in row.changes] == [kind]
        [row] = align(a, other, changes=False)
        assert row.label == "copied"  # what the comparison said before it read the rules


# ------------------------------------------------------------------ the 2007 and 2022 反垄断法


@pytest.fixture(scope="module")
def antitrust():
    old = load_document(REFERENCE / "2007_national_fanlongduanfa.md")
    new = load_document(REFERENCE / "2022_national_fanlongduanfa.md")
    return old, new, align(old, new)


def row_of(rows, a_article, b_article):
    [row] = [r for r in rows if (r.a_article, r.b_article) == (a_article, b_article)]
    return row


@pytest.mark.parametrize(("a_article", "b_article", "kind", "before", "after"), [
    pytest.param(17, 22, "prohibition_added", "", "不得利用数据和算法、技术以及平台规则等从事前款规定的滥用市场支配地位的行为",
                 id="17-22-数据和算法"),
    pytest.param(21, 26, "permission_added", "", "经营者集中未达到国务院规定的申报标准，但有证据证明该经营者集中具有或者可能具有排除、"
                 "限制竞争效果的，可以要求经营者申报",
                 id="21-26-未达标准的集中"),
    pytest.param(37, 45, "actor_changed", "行政机关", "行政机关、法律、法规授权的具有管理公共事务职能的组织", id="37-45-授权组织"),
    pytest.param(46, 56, "amount_changed", "五十万元", "三百万元", id="46-56-罚款"),
    pytest.param(48, 58, "amount_changed", "五十万元", "五百万元", id="48-58-违法集中"),
    pytest.param(51, 61, "obligation_added", "", "应当将有关改正情况书面报告上级机关和反垄断执法机构", id="51-61-书面报告"),
    pytest.param(52, 62, "sanction_removed", "追究刑事责任", "", id="52-62-刑事责任移出"),
])
def test_antitrust_2007_to_2022_changes_read_by_hand(antitrust, a_article, b_article, kind, before, after):
    _, _, rows = antitrust
    row = row_of(rows, a_article, b_article)
    assert row.label == "adapted"
    assert (kind, before, after) in [(c.kind, c.before, c.after) for c in row.changes]


def test_antitrust_unchanged_rules_are_copied(antitrust):
    _, _, rows = antitrust
    counts = label_counts(rows)
    assert counts["copied"] >= 45 and counts["only_a"] == 0
    assert all(not r.changes for r in rows if r.label == "copied")
    # renumbered cross-references (第十三条 → 第十七条) and 其他组织 → 非法人组织 are no rule change
    assert row_of(rows, 15, 20).label == "copied" and row_of(rows, 12, 15).label == "copied"


def test_change_table(antitrust):
    old, new, rows = antitrust
    table = change_rows(rows)
    assert table and all(list(row) == list(CHANGE_COLUMNS) for row in table)
    assert {row["kind"] for row in table} <= set(CHANGE_KINDS)
    assert all(row["change"] == CHANGE_KINDS[row["kind"]] for row in table)
    for row in table:  # offsets point at what changed
        if row["b_start"] is not None and row["after"] and row["kind"].startswith(("amount", "deadline", "number")):
            assert new.text[row["b_start"]:row["b_end"]] == row["after"]
        if row["a_start"] is not None and row["before"] and row["kind"].startswith(("amount", "sanction")):
            assert old.text[row["a_start"]:row["a_end"]] == row["before"]
    frame = changes_frame(rows)
    assert len(frame) == len(table) and str(frame["a_article"].dtype) == "Int64"
    assert sum(change_counts(rows).values()) == len(table)
    listed = {r["a_article"]: r["changes"] for r in alignment_rows(rows) if r["changes"]}
    assert "金额改变：五十万元 → 三百万元" in listed[46]


def test_cli_changes_table(capsys):
    from conftest import run

    old, new = str(REFERENCE / "2007_national_fanlongduanfa.md"), str(REFERENCE / "2022_national_fanlongduanfa.md")
    code, out, err = run(capsys, "compare", old, new, "--changes")
    assert code == 0 and "pair(s) with rule changes" in err
    import csv
    import io
    import json

    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(CHANGE_COLUMNS)
    assert {"a_article": "46", "b_article": "56", "kind": "amount_changed", "before": "五十万元", "after": "三百万元"}.items() \
        <= next(r for r in rows if r["kind"] == "amount_changed" and r["a_article"] == "46").items()
    code, out, _ = run(capsys, "compare", old, new, "--changes", "--format", "json")
    assert code == 0 and len(json.loads(out)) == len(rows)


def test_page_marks_each_change(antitrust):
    from bs4 import BeautifulSoup

    from qqtext.compare.view import side_by_side_html

    old, new, rows = antitrust
    soup = BeautifulSoup(side_by_side_html(rows, old, new), "html.parser")
    row = next(tr for tr in soup.select("tbody tr")
               if tr.select_one("td.unit.a .ref") and tr.select_one("td.unit.a .ref").get_text() == "第四十六条")
    listed = [li.get_text() for li in row.select("ul.changes li")]
    assert "金额改变：五十万元 → 三百万元" in listed
    marked = {m.get_text(): m["title"] for m in row.select("td.unit.b mark.chg")}
    assert "三百万元" in marked and "金额改变" in marked["三百万元"]
    assert "五十万元" in {m.get_text() for m in row.select("td.unit.a mark.chg")}
    copied = [tr for tr in soup.select("tbody tr.copied")]
    assert copied and not any(tr.select("mark.chg") for tr in copied)

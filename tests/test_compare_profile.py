"""Loading a corpus folder, profiles and the key-provision checklist, policy-tool coding, and their plots.

The checklist and the policy-tool codes are checked against articles read by hand in the real texts
of ../shared/corpus (loaded with corpus/reference-texts.toml).
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from qqtext import CorpusError, QqtextError, parse_text  # noqa: E402
from qqtext.compare.policy_tools import (  # noqa: E402
    TOOL_TYPES,
    code_document,
    code_text,
    codings_frame,
    load_codebook,
    policy_tools_frame,
)
from qqtext.compare.profile import (  # noqa: E402
    DEONTIC_TYPES,
    PROFILE_ROWS,
    PROVISIONS,
    checklist_frame,
    duties_frame,
    find_provisions,
    findings_frame,
    profile,
    profiles,
    profiles_frame,
)
from qqtext.corpus import CORPUS_COLUMNS, corpus_frame, document_year, load_corpus, read_metadata  # noqa: E402
from qqtext.plotting import plot_checklist_heatmap, plot_deontic_shares, plot_policy_tools  # noqa: E402

METADATA = Path(__file__).resolve().parents[1] / "corpus" / "reference-texts.toml"

LEVELS = {
    "guoqi-lianjie-2009": "party",
    "baxiang-2012": "party",
    "reception-2013": "national",
    "lianjie-zilv-2015": "party",
    "baxiang-xize-2017": "party",
    "jilv-chufen-2018": "party",
    "jinan-2019": "city",
    "national-2019-yingshang": "national",
    "henan-2020-yingshang": "provincial",
    "shandong-2020-yingshang": "provincial",
    "zhejiang-2020-minqi": "provincial",
    "shandong-2021-minjing": "provincial",
    "zhumadian-2021": "city",
    "guangdong-2022-yingshang": "provincial",
    "jinan-2022-yingshang": "city",
    "kaifeng-2022": "city",
    "jilv-chufen-2023": "party",
}
FIVE = ["jinan-2019", "national-2019-yingshang", "jinan-2022-yingshang", "zhumadian-2021", "shandong-2020-yingshang"]


@pytest.fixture(scope="module")
def corpus(shared_corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # known structure oddities of the texts (missing 总则 headings …)
        return load_corpus(shared_corpus, metadata=METADATA)


@pytest.fixture(scope="module")
def docs(corpus):
    return {doc.id: doc for doc in corpus}


@pytest.fixture(scope="module")
def five(docs):
    return [docs[i] for i in FIVE]


@pytest.fixture(scope="module")
def five_profiles(five):
    return profiles(five)


# ------------------------------------------------------------------ corpus loading and table


def test_load_corpus_gives_the_17_documents_with_their_ids_and_levels(corpus, shared_corpus):
    assert len(corpus) == 17
    assert {d.id: d.meta("level") for d in corpus} == LEVELS
    names = [Path(d.meta("path")).name for d in corpus]
    assert names == sorted(names) and "SOURCES.md" not in names


def test_metadata_gives_title_place_issuers_and_date(docs):
    national = docs["national-2019-yingshang"]
    assert (national.title, national.meta("place"), national.issuers) == ("优化营商环境条例", "全国", ("国务院",))
    assert national.date.isoformat() == "2019-10-22"
    zhumadian = docs["zhumadian-2021"]
    assert (zhumadian.meta("place"), zhumadian.date.isoformat()) == ("驻马店市", "2021-12-28")
    assert docs["jinan-2022-yingshang"].issuers == ("济南市人民代表大会常务委员会",)
    assert docs["jinan-2019"].article(13).id == "jinan-2019/art-13"
    # SOURCES.md dates the 2013 reception rules to the month only: no day is invented
    reception = docs["reception-2013"]
    assert reception.date is None and reception.meta("date_text") == "2013-12" and document_year(reception) == 2013


def test_read_metadata_from_a_file_elsewhere(shared_corpus):
    entries = read_metadata(METADATA, base=shared_corpus)
    assert len(entries) == 17 and all(e.path.is_file() for e in entries)
    assert {e.id for e in entries} == set(LEVELS)
    # without base, `file` is relative to the metadata file's own folder
    assert read_metadata(METADATA)[0].path.parent == METADATA.parent


def _folder(tmp_path: Path, jinan_text: str, metadata: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "jinan.txt").write_text(jinan_text, encoding="utf-8")
    (folder / "其他 办法.md").write_text("第一条 机关单位工作人员不得接受礼品。\n", encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n第一条 不是文件。\n", encoding="utf-8")
    (folder / "SOURCES.md").write_text("| a | b |\n", encoding="utf-8")
    (folder / "notes.xyz").write_text("ignored", encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.toml").write_text(metadata, encoding="utf-8")
    return folder


def test_load_corpus_applies_the_folder_metadata_and_skips_descriptions(tmp_path, jinan_text):
    folder = _folder(tmp_path, jinan_text, '[[document]]\nid = "jn"\nfile = "jinan.txt"\nlevel = "city"\ndate = "2019"\n')
    loaded = load_corpus(folder)
    assert [d.id for d in loaded] == ["jn", "其他-办法"]
    assert loaded[0].meta("level") == "city" and document_year(loaded[0]) == 2019
    assert loaded[1].meta("level") is None


def test_an_explicit_metadata_file_replaces_the_folder_one(tmp_path, jinan_text):
    folder = _folder(tmp_path, jinan_text, '[[document]]\nid = "jn"\nfile = "jinan.txt"\n')
    elsewhere = tmp_path / "meta.toml"
    elsewhere.write_text('[[document]]\nid = "other"\nfile = "jinan.txt"\nplace = "济南市"\n', encoding="utf-8")
    loaded = load_corpus(folder, metadata=elsewhere, progress=False)
    assert loaded[0].id == "other" and loaded[0].meta("place") == "济南市"


@pytest.mark.parametrize(("metadata", "message"), [
    ('[[document]]\nid = "a"\nfile = "missing.txt"\n', "no such file"),
    ('[[document]]\nid = "a"\nfile = "jinan.txt"\ndate = "2019/01/04"\n', "YYYY-MM-DD"),
    ('[[document]]\nid = "a"\nfile = "jinan.txt"\ndate = "2019-02-30"\n', "YYYY-MM-DD"),
    ('[[document]]\nid = "a"\nfile = "jinan.txt"\n[[document]]\nid = "a"\nfile = "其他 办法.md"\n', "used twice"),
])
def test_bad_corpus_metadata_is_named(tmp_path, jinan_text, metadata, message):
    folder = _folder(tmp_path, jinan_text, metadata)
    with pytest.raises(CorpusError, match=message):
        load_corpus(folder)


def test_missing_folder_or_metadata_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="not a folder"):
        load_corpus(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match="no such metadata file"):
        load_corpus(tmp_path, metadata=tmp_path / "absent.toml")


def test_corpus_frame_columns_and_counts(corpus):
    frame = corpus_frame(corpus)
    assert tuple(frame.columns) == CORPUS_COLUMNS
    assert len(frame) == 17 and frame["id"].is_unique
    rows = frame.set_index("id")
    jinan = rows.loc["jinan-2019"]
    assert (jinan["articles"], jinan["sections"], jinan["items"], jinan["norms"]) == (23, 0, 9, 25)
    assert jinan["issuers"] == "中共济南市委办公厅、济南市人民政府办公厅" and jinan["year"] == 2019
    assert jinan["actors"] >= 10 and jinan["duties"] >= 10
    assert rows.loc["national-2019-yingshang", "articles"] == 72
    assert rows.loc["baxiang-2012", "sections"] == 8 and rows.loc["baxiang-2012", "articles"] == 0
    assert rows.loc["baxiang-xize-2017", "items"] == 30
    assert rows.loc["reception-2013", "year"] == 2013 and pd.isna(rows.loc["reception-2013", "date"])
    assert rows["level"].value_counts().to_dict() == {"party": 6, "provincial": 5, "city": 4, "national": 2}
    assert (frame["norms"] >= 0).all() and frame.loc[frame["articles"] > 0, "norms"].sum() > 1000


# ------------------------------------------------------------------ the checklist


def _cells(profile_):
    return {f.provision: f.cell for f in profile_.checklist}


def test_jinan_2019_has_every_key_provision(five_profiles):
    jinan = five_profiles[0]
    assert _cells(jinan) == {
        "hearing": "5", "no_freezing": "7", "conduct_list": "13", "reception": "13",
        "fault_tolerance": "20", "report_handling": "16", "hotline": "19",
    }
    assert "12345" in jinan.finding("hotline").quote
    assert "冻结企业账号" in jinan.finding("no_freezing").quote
    assert jinan.finding("conduct_list").quote.endswith("可参加或组织以下活动：")  # a positive list
    assert jinan.finding("report_handling").units == ("jinan-2019/art-16/para-1/sent-2",)


def test_zhumadian_2021_has_a_negative_list_and_kaifeng_requires_one(five_profiles, docs):
    zhumadian = five_profiles[3].finding("conduct_list")
    assert zhumadian.articles == (32,) and "禁止下列行为" in zhumadian.quote
    kaifeng = profile(docs["kaifeng-2022"]).finding("conduct_list")
    assert kaifeng.articles == (33,) and "负面清单" in kaifeng.quote


def test_national_2019_provisions(five_profiles):
    national = five_profiles[1]
    assert _cells(national) == {
        "hearing": "62、69",          # 第六十二条, and 第六十九条 (二) punishes not hearing them
        "no_freezing": "14、69",      # 严禁违反法定权限…查封、冻结和扣押; its liability item
        "conduct_list": "",           # 第二十条's 市场准入负面清单 is not a 政商交往 list
        "reception": "",
        "fault_tolerance": "7",       # 失误或者偏差…可以予以免责或者减轻责任
        "report_handling": "49",      # 受理有关营商环境的投诉和举报
        "hotline": "",
    }
    assert "充分听取市场主体" in national.finding("hearing").quote


def test_local_regulations(five_profiles):
    assert _cells(five_profiles[2]) == {
        "hearing": "", "no_freezing": "", "conduct_list": "", "reception": "",
        "fault_tolerance": "67", "report_handling": "62、66", "hotline": "62",
    }
    assert _cells(five_profiles[4])["fault_tolerance"] == "64"
    assert _cells(five_profiles[4])["hotline"] == "56"  # 便民服务专线
    assert _cells(five_profiles[3])["hearing"] == "25"   # 征求相关市场主体…的意见


def test_checklist_rules_on_small_texts():
    doc = parse_text(
        "第一条 实行全国统一的市场准入负面清单制度。\n"
        "第二条 健全授信尽职免责机制。\n"
        "第三条 市场主体对侵犯其合法权益的行为有权投诉举报。\n"
        "第四条 建立政商交往正面清单和负面清单。\n"
        "第五条 对探索中出现失误的，可以从轻、减轻或者免予追责。\n",
        doc_id="t",
    )
    assert {f.provision: f.articles for f in find_provisions(doc) if f.present} == {
        "conduct_list": (4,), "fault_tolerance": (5,),
    }


def test_every_provision_is_documented():
    assert len(PROVISIONS) == 7 and len({p.key for p in PROVISIONS}) == 7
    assert all(p.name and p.description and p.rules for p in PROVISIONS)


def test_checklist_frame_is_provisions_by_documents(five_profiles):
    frame = checklist_frame(five_profiles)
    assert frame.shape == (7, 5) and list(frame.columns) == FIVE
    assert frame.loc["热线", "jinan-2019"] == "19" and frame.loc["公务接待标准", "national-2019-yingshang"] == ""
    assert frame.attrs["labels"]["jinan-2019"] == "济南市2019·实施办法"
    assert (frame != "").sum().to_dict() == {
        "jinan-2019": 7, "national-2019-yingshang": 4, "jinan-2022-yingshang": 3, "zhumadian-2021": 2,
        "shandong-2020-yingshang": 5,
    }
    long = findings_frame(five_profiles)
    assert len(long) == 35 and long["present"].sum() == 21


# ------------------------------------------------------------------ profiles


def test_profile_of_jinan_2019(five_profiles):
    jinan = five_profiles[0]
    assert jinan.norms == 25 and jinan.units == 23 and (jinan.level, jinan.year) == ("city", 2019)
    assert jinan.deontic_counts == {"obligation": 11, "prohibition": 3, "permission": 9, "encouragement": 1,
                                    "discouragement": 1}
    assert sum(jinan.deontic_shares.values()) == pytest.approx(1.0)
    by_side = jinan.actors_by_side()
    assert "机关单位工作人员" in by_side["government"] and by_side["business"] == ("企业",)
    assert set(by_side["supervisory"]) >= {"纪检监察机关"} and set(by_side["coordinating"]) == {"统战部", "工商联"}
    r = jinan.responsibility
    assert r.main == ("党委", "政府", "职能部门") and r.supervisory == ("纪检监察机关",)
    assert r.interprets == ("市委办公厅", "市政府办公厅") and "纪检监察机关" in r.sanctions
    card = next(a for a in jinan.actors if a.name == "统战部")
    assert {"团结", "服务", "引导", "教育"} <= set(card.duties)
    with pytest.raises(dataclasses.FrozenInstanceError):
        jinan.doc = "other"  # type: ignore[misc]


def test_liability_clauses_name_who_sanctions(five_profiles):
    assert "职能部门" in five_profiles[1].responsibility.sanctions    # 由有关部门责令改正 (第七十条)
    assert "主管机关" in five_profiles[4].responsibility.sanctions    # 由有关主管机关责令改正 (第六十三条)
    assert "新闻出版行政部门" in five_profiles[3].responsibility.sanctions


def test_profiles_frame_side_by_side(five_profiles):
    frame = profiles_frame(five_profiles)
    assert list(frame.columns) == FIVE and tuple(frame.index) == PROFILE_ROWS
    shares = frame.loc[[f"{t}_share" for t in DEONTIC_TYPES]].astype(float).sum()
    assert shares.round(3).tolist() == [1.0] * 5
    assert frame.at["norms", "jinan-2019"] == 25 and frame.at["provisions_present", "jinan-2019"] == 7
    assert frame.at["main_responsibility", "jinan-2019"] == "党委、政府、职能部门"
    assert frame.at["level", "shandong-2020-yingshang"] == "provincial"
    duties = duties_frame(five_profiles)
    assert set(duties["doc"]) <= set(FIVE) and (duties["doc"] == "jinan-2019").sum() == len(five_profiles[0].duties)


# ------------------------------------------------------------------ policy tools


def test_codebook_has_every_sub_tool_documented():
    book = load_codebook()
    assert [t.code for t in book.tools] == [*(f"S{i}" for i in range(1, 7)), *(f"E{i}" for i in range(1, 6)),
                                            *(f"D{i}" for i in range(1, 6))]
    assert all(t.name and t.definition and (t.cues or t.patterns) for t in book.tools)
    assert book.tool("E2").full_key == "environment/financial-tax" and book.tool("demand/procurement").name == "政府采购"
    assert [name for _, name, _ in book.types] == ["供给型", "环境型", "需求型"]


def test_a_bad_codebook_is_named(tmp_path):
    path = tmp_path / "book.toml"
    path.write_text('[types.supply]\nname = "供给型"\n', encoding="utf-8")
    with pytest.raises(QqtextError, match="book.toml"):
        load_codebook(path)


def _codes(doc, number):
    return next(c for c in code_document(doc) if c.number == number).codes


@pytest.mark.parametrize(("doc_id", "article", "expected"), [
    ("jinan-2019", 12, "environment/financial-tax"),        # 切实减轻企业税费负担 … 涉企收费
    ("jinan-2019", 11, "supply/public-service"),            # 一窗受理、集成服务
    ("national-2019-yingshang", 13, "demand/procurement"),  # 招标投标和政府采购应当公开透明
    ("national-2019-yingshang", 24, "environment/financial-tax"),  # 减税降费政策
    ("national-2019-yingshang", 45, "demand/trade-control"),       # 跨境贸易便利化 … 通关
    ("national-2019-yingshang", 66, "environment/legal-institutional"),  # 多元化纠纷解决机制
    ("zhumadian-2021", 14, "supply/infrastructure"),        # 供水、供电、供气、供热 …
    ("zhumadian-2021", 12, "supply/technology"),            # 科技创新平台
])
def test_policy_tool_codes_on_hand_checked_articles(docs, doc_id, article, expected):
    assert expected in _codes(docs[doc_id], article)


def test_policy_tool_coding_leaves_out_what_is_not_a_tool(docs):
    national = {c.number: c for c in code_document(docs["national-2019-yingshang"])}
    assert national[1].skipped and national[72].skipped and national[1].codes == ()  # purpose, entry into force
    assert national[69].liability and national[69].codes == ("environment/regulation",)  # breaches, not tools
    assert "demand/overseas" not in _codes(docs["jinan-2019"], 13)  # 港澳台海外人士 are people, not institutions
    assert code_text("本条例自2020年1月1日起施行。") == {}


def test_policy_tools_frame(five):
    frame = policy_tools_frame(five)
    assert list(frame.columns) == FIVE
    for column in FIVE:
        counts = frame[column]
        assert sum(float(counts[f"{t}_share"]) for t in TOOL_TYPES) == pytest.approx(1.0, abs=1e-3)
        assert sum(int(counts[t]) for t in TOOL_TYPES) == int(counts["codings"])
        assert sum(int(counts[k]) for k in frame.index if "/" in k) == int(counts["codings"])
    jinan = frame["jinan-2019"]
    assert (jinan["units"], jinan["demand"]) == (23, 0) and jinan["environment/financial-tax"] >= 1
    assert frame.attrs["names"]["supply"] == "供给型" and frame.attrs["names"]["demand/procurement"] == "政府采购"
    long = codings_frame(five[:1])
    assert set(long.columns) >= {"doc", "number", "tool", "cues"} and 12 in set(long["number"])


# ------------------------------------------------------------------ plots


def _draw(plot, frame, tmp_path, name, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot(frame, **kwargs)
        target = tmp_path / f"{name}.png"
        ax.figure.savefig(target, dpi=60)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    assert target.stat().st_size > 10_000
    return ax


def test_deontic_share_plot(five_profiles, tmp_path):
    frame = profiles_frame(five_profiles)
    ax = _draw(plot_deontic_shares, frame, tmp_path, "deontic")
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "济南市2019\n实施办法"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["义务", "禁止", "许可", "鼓励", "不提倡"]
    assert len(ax.patches) == 25
    plt.close(ax.figure)
    ax = _draw(plot_deontic_shares, frame.T, tmp_path, "deontic-rows")  # one row per document works too
    plt.close(ax.figure)


def test_checklist_heatmap(five_profiles, tmp_path):
    ax = _draw(plot_checklist_heatmap, checklist_frame(five_profiles), tmp_path, "checklist")
    texts = [t.get_text() for t in ax.texts]
    assert texts[:5] == ["第5条", "第62、69条", "未见", "第25条", "第40条"]
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "热线"
    plt.close(ax.figure)


def test_policy_tool_plots(five, tmp_path):
    frame = policy_tools_frame(five)
    ax = _draw(plot_policy_tools, frame, tmp_path, "tools")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["供给型", "环境型", "需求型"]
    by_height = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True))
    assert by_height[max(by_height)] == "济南市2019 实施办法"  # first document on top
    plt.close(ax.figure)
    ax = _draw(plot_policy_tools, frame, tmp_path, "tools-detail", detail=True)
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "S1 人才培养（供给型）"
    plt.close(ax.figure)

"""The article graph of Jinan: nodes, edges, exact round-trips, cards, frames and plots."""

from __future__ import annotations

import inspect
import json
import re
import warnings

import matplotlib
import networkx as nx
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from qqtext import parse_text  # noqa: E402
from qqtext.errors import QqtextError, UnknownActorError  # noqa: E402
from qqtext.extract.norms import extract_norms  # noqa: E402
from qqtext.frames import NORM_COLUMNS, actors_frame, edges_frame, norm_rows, norms_frame  # noqa: E402
from qqtext.graph import (  # noqa: E402
    CARD_SECTIONS,
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    RELATIONS,
    actor_card,
    actor_node,
    build_graph,
    format_card,
    from_gexf,
    from_graphml,
    from_node_link,
    read_json,
    to_gexf,
    to_graphml,
    to_node_link,
    write_json,
)
from qqtext.plotting import plot_norm_types_by_chapter, plot_responsibility_network  # noqa: E402

DOC = "jinan-2019"
REQUIRED_NORM_COLUMNS = (
    "doc", "article", "paragraph", "item", "deontic", "cue", "actor", "actor_implicit", "aim", "object",
    "conditions", "or_else", "text", "start", "end",
)


@pytest.fixture(scope="module")
def graph(jinan):
    return build_graph(jinan)


def typed(G: nx.MultiDiGraph):
    """Everything a round-trip must keep, with the type of every value (True == 1 must not pass)."""
    def values(data):
        return {name: (type(value).__name__, value) for name, value in data.items()}

    nodes = {node: values(data) for node, data in G.nodes(data=True)}
    edges = sorted((u, v, type(k).__name__, k, sorted(values(d).items())) for u, v, k, d in G.edges(keys=True, data=True))
    return type(G).__name__, dict(G.graph), nodes, edges


def relation_edges(G, relation):
    return {(u, v, d["article"]) for u, v, d in G.edges(data=True) if d["relation"] == relation}


# -- nodes and edges ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [k for k in NODE_ATTRIBUTES if k != "section"], ids=str)
def test_node_kinds_present(graph, kind):
    assert any(data["kind"] == kind for _, data in graph.nodes(data=True))


@pytest.mark.parametrize("relation", RELATIONS, ids=str)
def test_edge_relations_present(graph, relation):
    assert relation_edges(graph, relation)


def test_counts(graph, jinan):
    kinds: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    assert (kinds["document"], kinds["chapter"], kinds["article"], kinds["item"]) == (1, 5, 23, 9)
    assert kinds["norm"] == len(extract_norms(jinan))
    assert graph.graph == {"name": DOC}


def test_attributes_follow_the_schema(graph):
    """Every attribute is a JSON-safe scalar of its declared type; nothing is None."""
    for node, data in graph.nodes(data=True):
        schema = {"kind": str, "label": str, **NODE_ATTRIBUTES[data["kind"]]}
        assert set(data) == set(schema), node
        assert all(type(data[name]) is kind for name, kind in schema.items()), node
    for u, v, key, data in graph.edges(keys=True, data=True):
        schema = {"relation": str, "article": int, "unit": str, **EDGE_ATTRIBUTES[data["relation"]]}
        assert set(data) == set(schema), (u, v, key)
        assert all(type(data[name]) is kind for name, kind in schema.items()), (u, v, key)
        assert re.fullmatch(rf"{data['relation']}(-\d+)?", key)


def test_structure(graph):
    contains = relation_edges(graph, "contains")
    assert (DOC, f"{DOC}/chapter-3", 0) in contains
    assert (f"{DOC}/chapter-3", f"{DOC}/art-13", 13) in contains
    assert (f"{DOC}/art-13", f"{DOC}/art-13/item-5", 13) in contains
    assert graph.nodes[f"{DOC}/art-13/item-5"]["marker"] == "（五）"
    norm = f"{DOC}/art-13/item-5/sent-1/norm-3"
    assert (f"{DOC}/art-13/item-5", norm, 13) in relation_edges(graph, "states")
    assert graph.nodes[norm]["cue"] == "不许" and graph.nodes[norm]["aim"] == "单独指派、专程接送"
    assert graph.edges[norm, actor_node("机关单位工作人员"), "addressed_to"]["implicit"] is True


def test_document_without_chapters_contains_its_articles():
    G = build_graph(parse_text("第一条 机关单位工作人员不得接受礼品。\n第二条 企业可以反映诉求。", doc_id="d"))
    assert relation_edges(G, "contains") == {("d", "d/art-1", 1), ("d", "d/art-2", 2)}


def test_sectioned_document():
    doc = parse_text("关于某事的意见\n\n一、总体要求\n各级党委应当加强领导。\n二、主要措施\n（一）领导干部不得接受礼品。\n", doc_id="op")
    G = build_graph(doc)
    assert ("op/sec-2", "op/sec-2/item-1", 0) in relation_edges(G, "contains")
    card = actor_card(G, "领导干部")
    assert [(line.text, line.citation) for line in card.prohibitions] == [("不得接受礼品", "第二部分（一）")]


def test_given_extractions_are_used(jinan):
    G = build_graph(jinan, norms=[], duties=[], definitions=[], references=[])
    assert {data["kind"] for _, data in G.nodes(data=True)} == {"document", "chapter", "article", "item"}


@pytest.mark.parametrize(
    ("body", "relation", "duty", "article"),
    [
        ("党委", "responsible_for", "主体责任", 14),
        ("政府", "responsible_for", "主体责任", 14),
        ("职能部门", "responsible_for", "主体责任", 14),
        ("纪检监察机关", "supervises", "监督责任", 14),
        *[(body, "responsible_for", duty, 15) for body in ("统战部", "工商联") for duty in ("团结", "服务", "引导", "教育")],
    ],
    ids=lambda value: str(value),
)
def test_responsibility_edges(graph, body, relation, duty, article):
    assert (actor_node(body), f"duty:{DOC}/{relation}/{duty}", article) in relation_edges(graph, relation)


@pytest.mark.parametrize("office", ["市委办公厅", "市政府办公厅"], ids=["party-office", "government-office"])
def test_article_22_interprets_and_consults(graph, office):
    assert (actor_node(office), DOC, 22) in relation_edges(graph, "interprets")
    assert (actor_node(office), actor_node("纪检监察机关"), 22) in relation_edges(graph, "consults")


def test_article_15_targets_firms(graph):
    edge = graph.edges[actor_node("统战部"), f"duty:{DOC}/responsible_for/团结", "responsible_for"]
    assert edge["target_actor"] == "企业" and edge["unit"] == f"{DOC}/art-15/para-1/sent-1"


@pytest.mark.parametrize("member", ["党的机关", "国家机关", "民主党派机关", "人民团体"], ids=str)
def test_alias_of_jiguan_danwei(graph, member):
    term = f"{DOC}/term-机关单位"
    assert (term, actor_node(member), 2) in relation_edges(graph, "alias_of")
    assert (f"{DOC}/art-2", term, 2) in relation_edges(graph, "defines")


def test_term_alias_of_its_own_actor(graph):
    assert (f"{DOC}/term-机关单位", actor_node("机关单位"), 2) in relation_edges(graph, "alias_of")
    assert (actor_node("党的机关"), actor_node("机关单位"), 0) in relation_edges(graph, "member_of")


def test_references(graph):
    refers = relation_edges(graph, "refers_to")
    assert (f"{DOC}/art-13", f"ref:{DOC}/公务接待标准", 13) in refers
    assert graph.nodes[f"ref:{DOC}/self"]["ref_kind"] == "internal"
    # cited from two items of 第十三条: two parallel edges, keyed refers_to and refers_to-2
    assert set(graph[f"{DOC}/art-13"][f"ref:{DOC}/公务接待标准"]) == {"refers_to", "refers_to-2"}


def test_internal_article_reference_links_articles():
    G = build_graph(parse_text("第一条 企业可以反映诉求。\n第二条 违反本办法第一条的，依法处理。", doc_id="d"))
    assert ("d/art-2", "d/art-1", 2) in relation_edges(G, "refers_to")


# -- converters ---------------------------------------------------------------------------------

FORMATS = [
    pytest.param(to_graphml, from_graphml, "graphml", id="graphml"),
    pytest.param(to_gexf, from_gexf, "gexf", id="gexf"),
    pytest.param(write_json, read_json, "json", id="node-link-json"),
]


@pytest.mark.parametrize(("write", "read", "suffix"), FORMATS)
def test_round_trip_is_exact(graph, tmp_path, write, read, suffix):
    path = tmp_path / f"jinan.{suffix}"
    write(graph, path)
    back = read(path)
    assert typed(back) == typed(graph)
    assert list(back.nodes) == list(graph.nodes)


@pytest.mark.parametrize(("write", "read", "suffix"), FORMATS)
def test_networkx_reads_the_files(graph, tmp_path, write, read, suffix):
    path = tmp_path / f"jinan.{suffix}"
    write(graph, path)
    if suffix == "graphml":
        raw = nx.read_graphml(path, edge_key_type=str)
    elif suffix == "gexf":
        raw = nx.read_gexf(path)
    else:
        spelling = "edges" if "edges" in inspect.signature(nx.node_link_graph).parameters else "link"  # 3.2, 3.3
        raw = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), **{spelling: "edges"})
    assert raw.is_directed() and raw.is_multigraph()
    assert set(raw.nodes) == set(graph.nodes) and raw.number_of_edges() == graph.number_of_edges()
    assert raw.nodes[actor_node("统战部")]["side"] == "coordinating"
    assert set(raw[f"{DOC}/art-13"][f"ref:{DOC}/公务接待标准"]) == {"refers_to", "refers_to-2"}


def test_node_link_in_memory(graph):
    data = to_node_link(graph)
    assert {"nodes", "edges", "directed", "multigraph"} <= set(data)
    json.dumps(data, ensure_ascii=False)  # JSON-safe
    assert typed(from_node_link(data)) == typed(graph)


def test_small_graph_without_parallel_edges_round_trips_through_gexf(tmp_path):
    """GEXF reads a graph with no parallel edges as a DiGraph; keys must still come back."""
    G = build_graph(parse_text("第一条 机关单位工作人员不得接受礼品。", doc_id="d"))
    assert max(len(keys) for _, _, keys in ((u, v, G[u][v]) for u, v in G.edges())) == 1
    to_gexf(G, tmp_path / "d.gexf")
    assert typed(from_gexf(tmp_path / "d.gexf")) == typed(G)


# -- cards --------------------------------------------------------------------------------------


def section_of(text: str, heading: str) -> str:
    headings = [f"【{title}】" for _, title in CARD_SECTIONS]
    start = text.index(f"【{heading}】")
    ends = [text.index(h, start + 1) for h in headings if text.find(h, start + 1) > 0]
    return text[start:min(ends, default=len(text))]


def test_card_lists_the_prohibition_with_its_item(graph):
    card = actor_card(graph, "机关单位工作人员")
    # the topic the chain of rules is about (上门服务企业或开展调研) is stated with each of them
    assert ("上门服务企业或开展调研，不许单独指派、专程接送", "第十三条（五）") in [(line.text, line.citation) for line in card.prohibitions]
    must_not = section_of(format_card(card), "不得做（禁止）")
    assert "不许单独指派、专程接送（第十三条（五））" in must_not


def test_card_sections(graph):
    card = actor_card(graph, "机关单位工作人员")
    assert [line.citation for line in card.discouragements] == ["第十三条（八）"]
    assert {line.text for line in card.permissions} >= {"上门服务企业或开展调研，确有需要可搭乘企业交通工具", "协助企业到外地申报项目、开展推介活动等，企业统一安排出行、就餐的，可一并同行、就餐，并按公务出差标准结清差旅费用"}
    assert "可参加或组织以下活动" not in {line.text for line in card.permissions}  # shown through its items
    assert any(line.text.startswith("批评教育") and line.citation == "第十九条" for line in card.received)


def test_card_duties_and_sanctions(graph):
    card = actor_card(graph, "纪检监察机关")
    assert ("监督责任", "第十四条") in [(line.text, line.citation) for line in card.duties]
    assert [line.text for line in card.sanctions][0] == "批评教育（对象：机关单位工作人员）"
    assert all(line.implicit for line in card.sanctions)
    text = format_card(card)
    assert "※" in section_of(text, "实施的处理") and "推定" in text.splitlines()[-1]


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("机关单位工作人员", "机关单位工作人员"), ("工作人员", "机关单位工作人员"), ("纪委", "纪检监察机关"),
     ("actor:统战部", "统战部"), (" 工商业联合会 ", "工商联")],
    ids=["canonical", "surface", "short-surface", "node-id", "spaces"],
)
def test_card_accepts_surface_forms(graph, name, canonical):
    assert actor_card(graph, name).actor == canonical


def test_card_inherits_from_groups(graph):
    card = actor_card(graph, "领导干部")
    assert card.groups == ("机关单位工作人员",)
    line = next(line for line in card.prohibitions if line.text.endswith("不许单独指派、专程接送"))
    assert line.via == "机关单位工作人员"
    assert not actor_card(graph, "领导干部", inherit=False).prohibitions


@pytest.mark.parametrize("name", ["外星人", "审计机关"], ids=["not-an-actor", "not-in-this-document"])
def test_unknown_actor(graph, name):
    with pytest.raises(UnknownActorError) as caught:
        actor_card(graph, name)
    assert isinstance(caught.value, QqtextError)
    message = str(caught.value)
    assert name in message and "纪检监察机关" in message and message.startswith(DOC)


# -- frames -------------------------------------------------------------------------------------


def test_norms_frame(jinan):
    frame = norms_frame(jinan)
    norms = extract_norms(jinan)
    assert set(REQUIRED_NORM_COLUMNS) <= set(frame.columns) and list(frame.columns) == list(NORM_COLUMNS)
    assert len(frame) == len(norms)
    row = frame[frame.id == f"{DOC}/art-13/item-5/sent-1/norm-3"].iloc[0]
    assert (row["article"], row["item"], row["deontic"], row["actor"]) == (13, 5, "prohibition", "机关单位工作人员")
    assert frame[frame.article == 7].iloc[0].actor == "司法机关、执法机关、执纪机关"
    assert frame.item.isna().sum() == sum(n.item is None for n in norms)
    assert norm_rows(jinan, norms) == norm_rows(jinan)


def test_actors_frame(graph):
    frame = actors_frame(graph).set_index("name")
    assert frame.loc["机关单位工作人员", ["prohibition", "discouragement"]].tolist() == [2, 1]
    assert frame.loc["纪检监察机关", "sanctions"] == 6 and frame.loc["统战部", "side"] == "coordinating"
    assert frame.loc["个体工商户", "norms"] == 0


def test_edges_frame(graph):
    frame = edges_frame(graph)
    assert list(frame.columns) == ["source", "target", "relation", "article", "unit"]
    assert len(frame) == graph.number_of_edges()
    assert set(frame.relation) == set(RELATIONS)


# -- plots --------------------------------------------------------------------------------------


def draw(plot, *args, path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot(*args)
        ax.figure.savefig(path, dpi=60)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    return ax, missing


def test_responsibility_network_draws(graph, tmp_path):
    ax, missing = draw(plot_responsibility_network, graph, path=tmp_path / "network.png")
    assert missing == []
    texts = {t.get_text() for t in ax.texts}
    assert {"纪检监察机关", "主体责任", "团结", "批评教育", "本办法", "负责·14", "监督·14", "会商·22"} <= texts
    legends = {t.get_text() for legend in ax.findobj(matplotlib.legend.Legend) for t in legend.get_texts()}
    assert {"党政机关", "纪检监察", "职责", "处理措施", "负责", "监督", "会商"} <= legends
    assert (tmp_path / "network.png").stat().st_size > 10_000
    plt.close(ax.figure)


def test_responsibility_network_is_deterministic(graph):
    first = plot_responsibility_network(graph)
    second = plot_responsibility_network(graph)
    positions = [[(t.get_text(), t.get_position()) for t in ax.texts] for ax in (first, second)]
    assert positions[0] == positions[1]
    plt.close("all")


def test_norm_types_by_chapter_draws(jinan, tmp_path):
    ax, missing = draw(plot_norm_types_by_chapter, jinan, path=tmp_path / "types.png")
    assert missing == []
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["义务", "禁止", "许可", "鼓励", "不提倡"]
    assert [t.get_text() for t in ax.get_xticklabels()][2] == "第三章\n规范政商交往"
    totals = [t.get_text() for t in ax.texts if t.get_text().startswith("共")]
    assert sum(int(t[1:]) for t in totals) == len(extract_norms(jinan))
    plt.close(ax.figure)


def test_a_remit_written_with_fuze_is_a_duty_on_the_card():
    from qqtext import parse_text
    from qqtext.graph import actor_card, build_graph, format_card

    doc = parse_text("测试条例\n\n第一条 公安机关负责流动人口的居住登记工作。\n第二条 公安机关应当及时制止违法行为。\n", doc_id="t")
    text = format_card(actor_card(build_graph(doc), "公安机关"))
    must, duties = text.split("【负有的职责】")[0], text.split("【负有的职责】")[1].split("【")[0]
    assert "负责流动人口的居住登记工作" in duties and "负责流动人口" not in must
    assert "应当及时制止违法行为" in must


def test_a_sanction_the_body_may_impose_is_listed_as_its_sanction():
    from qqtext import parse_text
    from qqtext.graph import actor_card, build_graph, format_card

    doc = parse_text("测试条例\n\n第一条 违反本条例规定的，由城市管理行政执法部门责令改正，可以处五百元以上五千元以下罚款。\n"
                     "第二条 城市管理行政执法部门可以委托街道办事处开展宣传。\n", doc_id="t")
    text = format_card(actor_card(build_graph(doc), "城市管理行政执法部门"))
    may, imposed = text.split("【可以做（许可）】")[1].split("【")[0], text.split("【实施的处理】")[1].split("【")[0]
    assert "处五百元以上五千元以下罚款" in imposed and "罚款" not in may
    assert "委托街道办事处开展宣传" in may


def test_a_card_names_the_kind_of_party_and_a_reward_is_not_given_by_its_receiver():
    from qqtext import parse_text
    from qqtext.graph import actor_card, build_graph, format_card

    doc = parse_text("测试条例\n\n第一条 信访人应当客观真实地反映情况。\n"
                     "第二条 信访人反映的情况对改进工作有贡献的，应当按照有关规定给予奖励。\n", doc_id="t")
    text = format_card(actor_card(build_graph(doc), "信访人"))
    assert text.splitlines()[0] == "信访人（个人）"  # its type, not the coarse side (社会组织)
    assert "应当客观真实地反映情况" in text and "给予奖励" not in text  # it receives the reward, it gives none


def test_the_state_council_has_a_card_of_its_own():
    from qqtext import parse_text
    from qqtext.graph import actor_card, build_graph, format_card

    doc = parse_text("测试条例\n\n第一条 国务院可以制定行政法规。\n第二条 设区的市的人民政府可以制定规章。\n", doc_id="t")
    text = format_card(actor_card(build_graph(doc), "国务院"))
    assert "制定行政法规" in text and "制定规章" not in text  # a city government's rule is not the State Council's


def test_card_lines_state_the_cases_listed_and_open_with_their_actor():
    """A line whose rule points to its article's list (有下列情形之一的…) spells the items out; a line whose
    clause opens with a second actor (或者其上级机关…) opens with the card's actor (blind card check, round 12)."""
    from qqtext import parse_text
    from qqtext.graph import actor_card, build_graph

    doc = parse_text("测试条例\n\n第一条 有下列情形之一的，登记机关可以不予撤销登记：\n（一）撤销可能损害公共利益；\n"
                     "（二）撤销后无法恢复原状。\n第二条 登记机关或者其上级机关认定撤销决定错误的，可以撤销该决定。\n", doc_id="t")
    lines = [line.text for line in actor_card(build_graph(doc), "登记机关").permissions]
    assert any(line.startswith("有下列情形之一的，可以不予撤销登记：（一）撤销可能损害公共利益；（二）撤销后无法恢复原状")
               for line in lines), lines
    assert any(line.startswith("登记机关或者其上级机关认定撤销决定错误的，可以撤销该决定") for line in lines), lines


def test_card_lines_keep_the_case_of_their_lead_in_and_clause():
    """在装饰装修活动中，不得有下列行为：（三）索取不正当利益 is no general ban on 索取不正当利益; 在…期间，应当…
    keeps its period (blind card check, round 14: five such lines wrong)."""
    from qqtext import parse_text
    from qqtext.graph import actor_card, build_graph

    doc = parse_text("测试条例\n\n第一条 物业服务人在装饰装修活动中，不得有下列行为：\n（一）索取不正当利益；\n（二）强行提供搬运服务。\n"
                     "第二条 在办理交接期间，物业服务人应当维持正常的物业管理秩序。\n", doc_id="t")
    card = actor_card(build_graph(doc), "物业服务人")
    lines = [line.text for line in (*card.obligations, *card.prohibitions)]
    assert "在装饰装修活动中，不得索取不正当利益" in lines and "在装饰装修活动中，不得强行提供搬运服务" in lines, lines
    assert "在办理交接期间，应当维持正常的物业管理秩序" in lines, lines

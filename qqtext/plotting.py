"""Plots with Chinese labels that render on any machine.

matplotlib's default fonts have no Chinese glyphs, and many machines (servers, CI, fresh
containers) have no Chinese system font, so labels come out as empty boxes ("tofu").
:func:`use_chinese_font` registers the Noto Sans CJK SC font that the ``mplfonts`` dependency ships
and makes it matplotlib's sans-serif font; every plotting function here calls it first.

>>> name = use_chinese_font()
>>> name
'Noto Sans CJK SC'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from qqtext.frames import articles_frame
from qqtext.metadata import kind_of, self_reference
from qqtext.model import Document
from qqtext.numerals import article_label, to_chinese_number

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx
    import pandas as pd
    from matplotlib.axes import Axes

    from qqtext.extract.norms import Norm

__all__ = [
    "chinese_font_path",
    "use_chinese_font",
    "plot_article_lengths",
    "plot_responsibility_network",
    "plot_norm_types_by_chapter",
    "plot_deontic_shares",
    "plot_checklist_heatmap",
    "plot_policy_tools",
    "TOOL_TYPE_COLORS",
    "DEONTIC_COLORS",
    "SIDE_COLORS",
    "RELATION_COLORS",
    "RESPONSIBILITY_RELATIONS",
    "MAX_LABEL_ARTICLES",
]

FONT_FILE = "NotoSansCJKsc-Regular.otf"

#: Colours of the deontic types (stacked bars), in the order of :data:`qqtext.graph.DEONTIC_LABELS`.
DEONTIC_COLORS = {
    "obligation": "#1f77b4",
    "prohibition": "#d62728",
    "permission": "#2ca02c",
    "encouragement": "#ff7f0e",
    "discouragement": "#9467bd",
}
#: Colours of the policy-tool types (供给型, 环境型, 需求型).
TOOL_TYPE_COLORS = {"supply": "#4c72b0", "environment": "#55a868", "demand": "#dd8452"}
#: Colours of actors by side, and of duty and sanction nodes.
SIDE_COLORS = {
    "government": "#1f77b4",
    "supervisory": "#d62728",
    "coordinating": "#9467bd",
    "business": "#2ca02c",
    "public": "#8c564b",
    "": "#7f7f7f",
}
KIND_COLORS = {"duty": "#ff7f0e", "sanction": "#8b0000", "document": "#333333"}
KIND_LABELS = {"duty": "职责", "sanction": "处理措施", "document": "文件"}
#: Colours of the relations drawn in the responsibility network.
RELATION_COLORS = {
    "responsible_for": "#1f77b4",
    "supervises": "#d62728",
    "sanctions": "#8b0000",
    "interprets": "#555555",
    "consults": "#9467bd",
}
#: The relations of the responsibility network (actor -> duty, sanction, document or actor).
RESPONSIBILITY_RELATIONS = tuple(RELATION_COLORS)
#: An edge label lists at most this many articles (处理·19、27、33等12条).
MAX_LABEL_ARTICLES = 3


def chinese_font_path() -> Path:
    """The path of the CJK font shipped by the ``mplfonts`` package."""
    return Path(str(resources.files("mplfonts") / "fonts" / FONT_FILE))


@cache
def use_chinese_font() -> str:
    """Register the shipped CJK font with matplotlib, make it the default; return its family name."""
    import matplotlib as mpl
    from matplotlib import font_manager

    path = chinese_font_path()
    font_manager.fontManager.addfont(str(path))  # appends the entry and clears findfont's cache
    # A machine with Noto CJK installed has a font of the same family name; matplotlib breaks such
    # ties by list order, so put the shipped file first: every machine then draws with the same font.
    fonts = font_manager.fontManager.ttflist
    fonts.sort(key=lambda entry: entry.fname != str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [name, *[f for f in mpl.rcParams["font.sans-serif"] if f != name]]
    mpl.rcParams["axes.unicode_minus"] = False  # the CJK font's minus sign renders; U+2212 may not
    return name


def plot_article_lengths(doc: Document, *, ax: Axes | None = None) -> Axes:
    """Bar chart of each article's length in characters, coloured by chapter, with Chinese labels.

    Args:
        doc: a parsed document with articles.
        ax: axes to draw on (a new figure when omitted).

    Returns:
        The axes drawn on.
    """
    use_chinese_font()
    import matplotlib.pyplot as plt

    frame = articles_frame(doc)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.38 * len(frame) + 2), 4.2), layout="constrained")
    groups = frame["chapter_title"].fillna("（无章）")
    palette = plt.get_cmap("tab10")
    order = list(dict.fromkeys(groups))
    colors = [palette(order.index(group) % 10) for group in groups]
    labels = [article_label(int(n), int(sub)) for n, sub in zip(frame["number"], frame["sub"], strict=True)]
    ax.bar(range(len(frame)), frame["chars"], color=colors)
    ax.set_xticks(range(len(frame)), labels, rotation=90, fontsize=8)
    ax.set_ylabel("字数")
    ax.set_title(f"{doc.title}：各条字数")
    handles = [plt.Rectangle((0, 0), 1, 1, color=palette(i % 10)) for i in range(len(order))]
    ax.legend(handles, order, title="章", fontsize=8, title_fontsize=9, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_responsibility_network(G: nx.MultiDiGraph, *, ax: Axes | None = None) -> Axes:
    """Who answers for what: actors, their duties and sanctions, and who interprets and consults.

    The subgraph of :data:`RESPONSIBILITY_RELATIONS` of an article graph
    (:func:`qqtext.graph.build_graph`). Actors are coloured by side, duties and sanctions by kind,
    edges by relation and labelled with it in Chinese and the article (负责·14 for 第十四条); edges
    into one node with the same relation share one label (处理·19、27、33等12条). Bodies the text does not name
    (inferred by the extractor) are drawn with dashed edges.

    The layout is layered and deterministic (no randomness, so no seed: the same picture on every
    run): actors in a left column, ordered by the first article that charges them; what they answer
    for in a right column, at the mean height of its actors, so that edges cross little and labels
    stay apart. (A seeded spring layout was tried: the graph falls apart into small components whose
    labels collide.)

    Args:
        G: an article graph.
        ax: axes to draw on (a new figure when omitted).

    Returns:
        The axes drawn on.
    """
    use_chinese_font()
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from qqtext.graph import RELATION_LABELS, SIDE_LABELS

    H = nx.MultiDiGraph()
    for u, v, key, data in G.edges(keys=True, data=True):
        if data.get("relation") in RESPONSIBILITY_RELATIONS:
            H.add_node(u, **G.nodes[u])
            H.add_node(v, **G.nodes[v])
            H.add_edge(u, v, key=key, **data)
    sources = [n for n in H if H.nodes[n]["kind"] == "actor"]
    targets = [n for n in H if H.nodes[n]["kind"] != "actor"]
    positions = _layered_positions(H, sources, targets)

    rows = max(len(sources), len(targets), 1)
    if ax is None:
        _, ax = plt.subplots(figsize=(11.5, max(5.0, 0.42 * rows + 1.8)), layout="constrained")
    labels = {n: _short_label(H.nodes[n]) for n in H}
    for (u, v, key, data) in H.edges(keys=True, data=True):
        relation = data["relation"]
        curved = _curved(H, (u, v, key))
        nx.draw_networkx_edges(
            H, positions, edgelist=[(u, v, key)], ax=ax, edge_color=RELATION_COLORS[relation], width=1.3,
            style="dashed" if data.get("implicit") else "solid", arrows=True, arrowsize=11, node_size=60,
            connectionstyle="arc3,rad=-0.45" if curved else "arc3", alpha=0.85,
        )
    label_box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9}
    for index, labels_at in enumerate(_edge_label_rounds(H, positions, RELATION_LABELS)):
        curved = {e: t for e, t in labels_at.items() if _curved(H, e)}
        if curved:  # the middle of a symmetric arc
            nx.draw_networkx_edge_labels(H, positions, edge_labels=curved, ax=ax, font_size=7.5, rotate=False,
                                         label_pos=0.5, connectionstyle="arc3,rad=-0.45", bbox=label_box)
        back = min(0.24 + 0.16 * index, 0.88)  # how far back from the target, as a fraction of the edge
        for (u, v, _), text in labels_at.items():
            if (u, v, _) in curved:
                continue
            (x1, y1), (x2, y2) = positions[u], positions[v]
            ax.text(x2 + (x1 - x2) * back, y2 + (y1 - y2) * back, text, fontsize=7.5, ha="center", va="center",
                    bbox=label_box, zorder=3)
    for node in H:
        data = H.nodes[node]
        color = SIDE_COLORS.get(data.get("side", ""), SIDE_COLORS[""]) if data["kind"] == "actor" else KIND_COLORS.get(data["kind"], "#333333")
        x, y = positions[node]
        ax.scatter([x], [y], s=60, color=color, zorder=3, edgecolors="white", linewidths=0.8)
        left = data["kind"] == "actor"
        ax.annotate(
            labels[node], (x, y), xytext=(-8 if left else 8, 0), textcoords="offset points",
            ha="right" if left else "left", va="center", fontsize=9.5, color=color, zorder=4,
            bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": color, "lw": 0.8},
        )

    sides = list(dict.fromkeys(H.nodes[n].get("side", "") for n in sources))
    kinds = list(dict.fromkeys(H.nodes[n]["kind"] for n in targets))
    node_handles = [
        *(Line2D([], [], marker="o", ls="", color=SIDE_COLORS.get(s, "#7f7f7f"), label=SIDE_LABELS.get(s, s)) for s in sides),
        *(Line2D([], [], marker="o", ls="", color=KIND_COLORS[k], label=KIND_LABELS[k]) for k in kinds if k in KIND_COLORS),
    ]
    relations = list(dict.fromkeys(d["relation"] for *_, d in H.edges(data=True)))
    edge_handles = [Line2D([], [], color=RELATION_COLORS[r], label=RELATION_LABELS[r]) for r in relations]
    if any(d.get("implicit") for *_, d in H.edges(data=True)):
        edge_handles.append(Line2D([], [], color="#555555", ls="--", label="主体为推定（原文未写明）"))
    first = ax.legend(handles=node_handles, title="节点", loc="upper right", fontsize=8.5, title_fontsize=9)
    ax.add_artist(first)
    ax.legend(handles=edge_handles, title="关系（标注：第几条）", loc="lower right", fontsize=8.5, title_fontsize=9)
    names = [G.nodes[n]["title"] for n in G if G.nodes[n].get("kind") == "document"]
    ax.set_title(f"{'、'.join(names) or '文件'}：责任网络", fontsize=11)
    ax.set_xlim(-0.7, 2.05)
    ax.set_ylim(-0.06, 1.1)
    ax.text(0, 1.07, "责任主体", ha="right", va="center", fontsize=10.5, color="#333333")
    ax.text(1, 1.07, "职责与处理", ha="left", va="center", fontsize=10.5, color="#333333")
    ax.set_axis_off()
    return ax


def _short_label(data: dict) -> str:
    """A node's label for a plot: a document is 本办法 / 本条例 …, others their own label."""
    if data["kind"] != "document":
        return data["label"]
    return self_reference(kind_of(data["title"]))


def _curved(H: nx.MultiDiGraph, edge: tuple[str, str, str]) -> bool:
    """Actor -> actor edges (会商) are drawn curved: both ends are in the actors' column."""
    return H.nodes[edge[1]]["kind"] == "actor"


def _edge_label_rounds(
    H: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], names: dict[str, str]
) -> list[dict[tuple[str, str, str], str]]:
    """Edge labels: the relation in Chinese and its articles (负责·14; 处理·19、27、33等12条).

    Edges into one node with the same relation share one label, put on the flattest of them, near
    the target; a target's second relation goes to the next round (drawn further from the target),
    so labels do not sit on top of each other.
    """
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for u, v, key, data in H.edges(keys=True, data=True):
        groups.setdefault((v, data["relation"]), []).append((u, v, key))
    rounds: list[dict[tuple[str, str, str], str]] = []
    count: dict[str, int] = {}
    for (target, relation), edges in groups.items():
        edge = min(edges, key=lambda e: (abs(positions[e[0]][1] - positions[e[1]][1]), e[0]))
        index = count.get(target, 0)
        count[target] = index + 1
        while len(rounds) <= index:
            rounds.append({})
        articles = sorted({H.edges[e]["article"] for e in edges} - {0})
        shown = "、".join(str(a) for a in articles[:MAX_LABEL_ARTICLES])
        if len(articles) > MAX_LABEL_ARTICLES:
            shown += f"等{len(articles)}条"
        rounds[index][edge] = f"{names[relation]}·{shown}" if shown else names[relation]
    return rounds


def _layered_positions(H: nx.MultiDiGraph, sources: list[str], targets: list[str]) -> dict[str, tuple[float, float]]:
    """Actors at x=0, what they answer for at x=1.

    Actors are ordered by the first article that charges them; each target sits at the mean height of
    its actors (ties: by article, then in text order), which keeps edges from crossing.
    """
    def first_article(node: str) -> float:
        articles = [d["article"] for *_, d in H.out_edges(node, data=True) if d["article"]]
        return min(articles) if articles else 10**6

    sources = sorted(sources, key=first_article)
    y_source = _spread(sources)
    first_seen = {node: index for index, node in enumerate(targets)}  # text order

    def target_order(node: str) -> tuple[float, float, int]:
        barycentre = sum(y_source[u] for u, _ in H.in_edges(node)) / max(1, H.in_degree(node))
        return (-barycentre, first_article_in(node), first_seen[node])

    def first_article_in(node: str) -> float:
        articles = [d["article"] for *_, d in H.in_edges(node, data=True) if d["article"]]
        return min(articles) if articles else 10**6

    ordered = sorted(targets, key=target_order)
    y_target = _spread(ordered)
    return {**{n: (0.0, y_source[n]) for n in sources}, **{n: (1.0, y_target[n]) for n in ordered}}


def _spread(nodes: list[str]) -> dict[str, float]:
    """Nodes spread evenly from top (1) to bottom (0), in order."""
    if len(nodes) == 1:
        return {nodes[0]: 0.5}
    return {node: 1 - i / (len(nodes) - 1) for i, node in enumerate(nodes)}


def plot_norm_types_by_chapter(doc: Document, norms: Iterable[Norm] | None = None, *, ax: Axes | None = None) -> Axes:
    """Stacked bars of the norms of each chapter by deontic type (义务/禁止/许可/鼓励/不提倡).

    Chapters without norms keep their (empty) bar; an 意见-style document is grouped by section, a
    document without chapters is one bar (全文).

    Args:
        doc: a parsed document.
        norms: its norms (default: :func:`~qqtext.extract.norms.extract_norms` of ``doc``).
        ax: axes to draw on (a new figure when omitted).

    Returns:
        The axes drawn on.
    """
    use_chinese_font()
    import matplotlib.pyplot as plt

    from qqtext.graph import DEONTIC_LABELS

    if norms is None:
        from qqtext.extract.norms import extract_norms

        norms = extract_norms(doc)
    groups, group_of = _norm_groups(doc)
    counts = {group: dict.fromkeys(DEONTIC_LABELS, 0) for group in groups}
    for norm in norms:
        group = group_of(norm)
        counts.setdefault(group, dict.fromkeys(DEONTIC_LABELS, 0))
        counts[group][norm.deontic] = counts[group].get(norm.deontic, 0) + 1
    names = list(counts)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 1.15 * len(names) + 2.5), 4.6), layout="constrained")
    bottom = [0] * len(names)
    for deontic, label in DEONTIC_LABELS.items():
        heights = [counts[name].get(deontic, 0) for name in names]
        bars = ax.bar(range(len(names)), heights, bottom=bottom, color=DEONTIC_COLORS[deontic], label=label, width=0.62)
        ax.bar_label(bars, labels=[str(h) if h else "" for h in heights], label_type="center", color="white", fontsize=9)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, total in enumerate(bottom):
        ax.annotate(f"共{total}", (x, total), xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                    fontsize=9, color="#333333")
    ax.set_xticks(range(len(names)), names, fontsize=9)
    ax.set_ylabel("规范数")
    ax.set_ylim(0, max([*bottom, 1]) * 1.12)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{doc.title}：各章规范类型")
    ax.legend(title="规范类型", fontsize=8.5, title_fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _norm_groups(doc: Document):
    """The bar names in order, and the bar of a norm: 第一章\n总则, 一、…, or 全文."""
    if doc.sections and not doc.articles:
        names = {s.number: f"{to_chinese_number(s.number)}、{(s.title or '')[:8]}" for s in doc.sections}
        return list(names.values()), lambda norm: names.get(norm.section, "（其他）")
    chapter_of: dict[int, str] = {}
    names_list: list[str] = []
    for heading in doc.chapters:
        number = f"第{to_chinese_number(heading.number)}章" if heading.number else ""
        name = f"{number}\n{heading.title}".strip()
        names_list.append(name)
        for article in heading.articles:
            chapter_of.setdefault(article, name)
    if not names_list:
        return ["全文"], lambda norm: "全文"
    return names_list, lambda norm: chapter_of.get(norm.article, "（无章）")


# ------------------------------------------------------------------ comparing documents
# The frames come from qqtext.compare: documents are columns (side by side); a transposed frame
# (one row per document) is accepted too.


def _documents_as_columns(frame: pd.DataFrame, marker: str) -> pd.DataFrame:
    """``frame`` with documents as columns: transposed when ``marker`` is a column, not a row."""
    if marker in frame.index:
        return frame
    if marker in frame.columns:
        out = frame.T
        out.attrs = dict(frame.attrs)
        return out
    raise ValueError(f"expected a frame with a {marker!r} row (documents as columns) or column")


def _document_labels(frame: pd.DataFrame) -> list[str]:
    """Tick labels for the documents (columns): their labels, place and year over the genre."""
    labels = frame.attrs.get("labels") or {}
    if "label" in frame.index:
        labels = {**labels, **{c: frame.at["label", c] for c in frame.columns}}
    return [str(labels.get(c, c)).replace("·", "\n", 1) for c in frame.columns]


def plot_deontic_shares(frame: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Stacked bars: the share of each deontic type among each document's norms (义务/禁止/许可/鼓励/不提倡).

    Args:
        frame: :func:`qqtext.compare.profile.profiles_frame` (documents as columns, or transposed).
        ax: axes to draw on (a new figure when omitted).

    Returns:
        The axes drawn on. Each bar is labelled with its number of norms; segments of 4% or more
        with their percentage.
    """
    use_chinese_font()
    import matplotlib.pyplot as plt

    from qqtext.compare.profile import DEONTIC_NAMES, DEONTIC_TYPES

    frame = _documents_as_columns(frame, "obligation_share")
    names = _document_labels(frame)
    count = len(names)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.5, 1.55 * count + 3.2), 5.2), layout="constrained")
    bottom = [0.0] * count
    for deontic in DEONTIC_TYPES:
        shares = [float(frame.at[f"{deontic}_share", c]) * 100 for c in frame.columns]
        bars = ax.bar(range(count), shares, bottom=bottom, color=DEONTIC_COLORS[deontic],
                      label=DEONTIC_NAMES[deontic], width=0.62)
        ax.bar_label(bars, labels=[f"{v:.0f}%" if v >= 4 else "" for v in shares], label_type="center",
                     color="white", fontsize=9)
        bottom = [b + v for b, v in zip(bottom, shares, strict=True)]
    for x, column in enumerate(frame.columns):
        ax.annotate(f"共{int(frame.at['norms', column])}项规范", (x, max(bottom[x], 0)), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize=9, color="#333333")
    ax.set_xticks(range(count), names, fontsize=9)
    ax.set_ylim(0, 109)
    ax.set_yticks(range(0, 101, 20), [f"{v}%" for v in range(0, 101, 20)])
    ax.set_ylabel("占全部规范的比例")
    ax.set_title("各文件规范类型构成")
    ax.legend(title="规范类型", fontsize=9, title_fontsize=9.5, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _cell_label(cell: str) -> str:
    """第5条, 第62、69条, 第二部分 … for a checklist cell; 未见 (not found) for an empty one."""
    if not cell:
        return "未见"
    parts = cell.split("、")
    numbers = [p for p in parts if p.isdigit()]
    sections = [p for p in parts if p and not p.isdigit()]
    out = []
    if numbers:
        out.append(f"第{'、'.join(numbers[:3])}条" + ("等" if len(numbers) > 3 else ""))
    if sections:
        out.append("第" + "、".join(sections) + "部分")
    return "\n".join(out)


def plot_checklist_heatmap(frame: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Key provisions × documents: a filled cell where a provision is found, with its article numbers.

    Args:
        frame: :func:`qqtext.compare.profile.checklist_frame` (provisions as rows, documents as columns).
        ax: axes to draw on (a new figure when omitted).

    Returns:
        The axes drawn on. Cells read 第5条 / 第62、69条 (at most three numbers, then 等) or 未见.
    """
    use_chinese_font()
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    rows, columns = list(frame.index), list(frame.columns)
    present = [[1 if str(frame.iat[r, c]) else 0 for c in range(len(columns))] for r in range(len(rows))]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.5, 1.5 * len(columns) + 3.0), 0.62 * len(rows) + 2.0),
                             layout="constrained")
    cmap = ListedColormap(["#eeeeee", "#4c9a6a"])
    ax.imshow(present, cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for r in range(len(rows)):
        for c in range(len(columns)):
            text = _cell_label(str(frame.iat[r, c]))
            ax.text(c, r, text, ha="center", va="center", fontsize=8.5 if "\n" in text else 9.5,
                    color="white" if present[r][c] else "#888888")
    ax.set_xticks(range(len(columns)), _document_labels(frame), fontsize=9)
    ax.set_yticks(range(len(rows)), rows, fontsize=10)
    ax.xaxis.tick_top()
    ax.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("关键条款对照（单元格：所在条款）", pad=12)
    ax.legend(handles=[Patch(color="#4c9a6a", label="有此条款"), Patch(color="#eeeeee", label="未见")],
              loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, fontsize=9, frameon=False)
    return ax


def plot_policy_tools(frame: pd.DataFrame, *, ax: Axes | None = None, detail: bool = False) -> Axes:
    """Policy tools per document: the shares of 供给型 / 环境型 / 需求型, or the sub-tools in detail.

    Args:
        frame: :func:`qqtext.compare.policy_tools.policy_tools_frame` (documents as columns, or transposed).
        ax: axes to draw on (a new figure when omitted).
        detail: draw a heatmap of the sub-tools (rows) × documents, each cell the number of articles
            coded with the sub-tool, coloured by its share of the document's codings; by default,
            horizontal stacked bars of the three types' shares, labelled with % and counts.

    Returns:
        The axes drawn on.
    """
    use_chinese_font()
    import matplotlib.pyplot as plt

    from qqtext.compare.policy_tools import TOOL_TYPES, TYPE_NAMES

    frame = _documents_as_columns(frame, "supply_share")
    names = _document_labels(frame)
    row_names = {**TYPE_NAMES, **frame.attrs.get("names", {})}
    if detail:
        return _plot_tool_detail(frame, names, row_names, ax)
    count = len(names)
    if ax is None:
        _, ax = plt.subplots(figsize=(9.5, 0.75 * count + 1.9), layout="constrained")
    left = [0.0] * count
    positions = list(range(count))[::-1]  # first document on top
    for tool_type in TOOL_TYPES:
        shares = [float(frame.at[f"{tool_type}_share", c]) * 100 for c in frame.columns]
        counts = [int(frame.at[tool_type, c]) for c in frame.columns]
        bars = ax.barh(positions, shares, left=left, color=TOOL_TYPE_COLORS[tool_type], height=0.6,
                       label=row_names.get(tool_type, TYPE_NAMES[tool_type]))
        labels = [f"{v:.0f}%（{n}）" if v >= 9 else "" for v, n in zip(shares, counts, strict=True)]
        ax.bar_label(bars, labels=labels, label_type="center", color="white", fontsize=9)
        left = [a + b for a, b in zip(left, shares, strict=True)]
    for y, column in zip(positions, frame.columns, strict=True):
        note = [f"共{int(frame.at['codings', column])}次编码"]
        for tool_type in TOOL_TYPES:  # segments too narrow to carry their own label
            share = float(frame.at[f"{tool_type}_share", column]) * 100
            if share < 9:
                note.append(f"{row_names.get(tool_type, TYPE_NAMES[tool_type])}{share:.1f}%（{int(frame.at[tool_type, column])}）")
        ax.annotate("\n".join(note), (100, y), xytext=(5, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8.5, color="#333333")
    ax.set_yticks(positions, [n.replace("\n", " ") for n in names], fontsize=9.5)
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 20), [f"{v}%" for v in range(0, 101, 20)])
    ax.set_xlabel("占全部政策工具编码的比例（括号内为编码次数）")
    ax.set_title("政策工具类型构成（Rothwell & Zegveld）", pad=30)
    ax.legend(ncol=3, fontsize=9.5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _plot_tool_detail(frame: pd.DataFrame, names: list[str], row_names: dict[str, str], ax: Axes | None) -> Axes:
    import matplotlib.pyplot as plt

    from qqtext.compare.policy_tools import TYPE_NAMES

    keys = [k for k in frame.index if "/" in str(k)]
    codes = frame.attrs.get("codes", {})
    totals = [max(int(frame.at["codings", c]), 1) for c in frame.columns]
    shares = [[int(frame.at[k, c]) / t * 100 for c, t in zip(frame.columns, totals, strict=True)] for k in keys]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(7.0, 1.5 * len(names) + 3.5), 0.42 * len(keys) + 2.2), layout="constrained")
    image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=max(25.0, max(max(r) for r in shares)), aspect="auto")
    for r, key in enumerate(keys):
        for c, column in enumerate(frame.columns):
            value = int(frame.at[key, column])
            ax.text(c, r, str(value), ha="center", va="center", fontsize=9,
                    color="white" if shares[r][c] > 15 else ("#333333" if value else "#aaaaaa"))
    labels = []
    for key in keys:
        tool_type = key.split("/", 1)[0]
        labels.append(f"{codes.get(key, '')} {row_names.get(key, key)}（{TYPE_NAMES.get(tool_type, tool_type)}）".strip())
    ax.set_yticks(range(len(keys)), labels, fontsize=9)
    ax.set_xticks(range(len(names)), names, fontsize=9)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    boundaries = [i for i in range(1, len(keys)) if keys[i].split("/")[0] != keys[i - 1].split("/")[0]]
    for b in boundaries:
        ax.axhline(b - 0.5, color="#333333", linewidth=1.2)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.7, pad=0.02)
    bar.set_label("占该文件全部编码的比例（%）")
    ax.set_title("政策工具子类：编码条款数", pad=12)
    return ax

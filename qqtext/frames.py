"""pandas views of a parsed document (the model stays the dataclasses; these are tables of it).

``*_rows`` give plain lists of dicts (no pandas import: the CLI's CSV output uses them);
``*_frame`` wrap them in a :class:`pandas.DataFrame`.

>>> from qqtext.corpus import load_document
>>> frame = articles_frame(load_document("jinan-2019"))
>>> frame.groupby("chapter_title", sort=False).size().to_dict()
{'总则': 4, '优化政务服务': 8, '规范政商交往': 1, '严格落实责任': 7, '附则': 3}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from qqtext.model import Document

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from qqtext.extract.norms import Norm

__all__ = [
    "article_rows",
    "section_rows",
    "norm_rows",
    "actor_rows",
    "edge_rows",
    "articles_frame",
    "sections_frame",
    "norms_frame",
    "actors_frame",
    "edges_frame",
    "ARTICLE_COLUMNS",
    "SECTION_COLUMNS",
    "NORM_COLUMNS",
    "DEONTIC_COLUMNS",
    "ACTOR_COLUMNS",
    "EDGE_COLUMNS",
]

ARTICLE_COLUMNS = (
    "doc", "id", "number", "sub", "heading", "part", "chapter", "chapter_title", "subchapter",
    "paragraphs", "items", "sentences", "chars", "start", "end", "text",
)
SECTION_COLUMNS = ("doc", "id", "number", "title", "paragraphs", "items", "sentences", "chars", "start", "end", "text")
NORM_COLUMNS = (
    "doc", "id", "unit", "article", "section", "paragraph", "item", "deontic", "cue", "cue_implicit",
    "actor", "actor_surface", "actor_type", "actor_implicit", "aim", "object", "conditions", "or_else", "text", "start", "end",
)
DEONTIC_COLUMNS = ("obligation", "prohibition", "permission", "encouragement", "discouragement")
ACTOR_COLUMNS = ("name", "side", *DEONTIC_COLUMNS, "norms", "duties", "sanctions")
EDGE_COLUMNS = ("source", "target", "relation", "article", "unit")


def article_rows(doc: Document) -> list[dict[str, Any]]:
    """One dict per article with the columns of :data:`ARTICLE_COLUMNS`.

    ``sub`` is 0, or 1 for 第X条之一 …; ``chars`` counts the article's characters without line breaks;
    ``start``/``end`` are offsets into ``doc.text``; ``chapter_title`` is the title of the article's
    章 (or unnumbered group).
    """
    chapter_titles: dict[int, str] = {}
    for heading in doc.headings:
        if heading.level == "chapter":
            for number in heading.articles:
                chapter_titles.setdefault(number, heading.title)
    return [
        {
            "doc": doc.id,
            "id": article.id,
            "number": article.number,
            "sub": article.sub,
            "heading": article.heading,
            "part": article.part,
            "chapter": article.chapter,
            "chapter_title": chapter_titles.get(article.number),
            "subchapter": article.subchapter,
            "paragraphs": len(article.paragraphs),
            "items": len(article.items),
            "sentences": len(article.sentences),
            "chars": len(article.text.replace("\n", "")),
            "start": article.span.start,
            "end": article.span.end,
            "text": article.text,
        }
        for article in doc.articles
    ]


def section_rows(doc: Document) -> list[dict[str, Any]]:
    """One dict per 意见-style section with the columns of :data:`SECTION_COLUMNS`."""
    return [
        {
            "doc": doc.id,
            "id": section.id,
            "number": section.number,
            "title": section.title,
            "paragraphs": len(section.paragraphs),
            "items": len(section.items),
            "sentences": len(section.sentences),
            "chars": len(section.text.replace("\n", "")),
            "start": section.span.start,
            "end": section.span.end,
            "text": section.text,
        }
        for section in doc.sections
    ]


def norm_rows(doc: Document, norms: Iterable[Norm] | None = None) -> list[dict[str, Any]]:
    """One dict per norm with the columns of :data:`NORM_COLUMNS` (no pandas: the CLI uses these).

    ``actor`` and ``conditions`` are joined with "、"; ``article``, ``section``, ``item``, ``object``
    and ``or_else`` are ``None`` where there is none; ``start``/``end`` are the clause's offsets into
    ``doc.text``. ``norms`` defaults to :func:`~qqtext.extract.norms.extract_norms` of ``doc``.

    >>> from qqtext import parse_text
    >>> [row] = norm_rows(parse_text("第一条 机关单位工作人员不得接受礼品。", doc_id="d"))
    >>> row["article"], row["item"], row["deontic"], row["actor"], row["aim"], row["object"]
    (1, None, 'prohibition', '机关单位工作人员', '接受', '礼品')
    """
    if norms is None:
        from qqtext.extract.norms import extract_norms

        norms = extract_norms(doc)
    return [
        {
            "doc": doc.id,
            "id": norm.id,
            "unit": norm.unit,
            "article": norm.article,
            "section": norm.section,
            "paragraph": norm.paragraph,
            "item": norm.item,
            "deontic": norm.deontic,
            "cue": norm.cue,
            "cue_implicit": norm.cue_implicit,
            "actor": "、".join(norm.actor),
            "actor_surface": "、".join(norm.actor_surface),
            "actor_type": "、".join(norm.actor_type),
            "actor_implicit": norm.actor_implicit,
            "aim": norm.aim,
            "object": norm.object,
            "conditions": "、".join(norm.conditions),
            "or_else": norm.or_else,
            "text": norm.text,
            "start": norm.span.start,
            "end": norm.span.end,
        }
        for norm in norms
    ]


def articles_frame(doc: Document) -> pd.DataFrame:
    """The articles of ``doc`` as a DataFrame (columns :data:`ARTICLE_COLUMNS`, one row per article)."""
    import pandas as pd

    frame = pd.DataFrame(article_rows(doc), columns=list(ARTICLE_COLUMNS))
    for column in ("part", "chapter", "subchapter"):
        frame[column] = frame[column].astype("Int64")
    return frame


def sections_frame(doc: Document) -> pd.DataFrame:
    """The 意见-style sections of ``doc`` as a DataFrame (columns :data:`SECTION_COLUMNS`)."""
    import pandas as pd

    return pd.DataFrame(section_rows(doc), columns=list(SECTION_COLUMNS))


def norms_frame(doc: Document, norms: Iterable[Norm] | None = None) -> pd.DataFrame:
    """The norms of ``doc`` as a DataFrame (columns :data:`NORM_COLUMNS`, one row per norm).

    ``article``, ``section`` and ``item`` are nullable integers (``<NA>`` where none).
    """
    import pandas as pd

    frame = pd.DataFrame(norm_rows(doc, norms), columns=list(NORM_COLUMNS))
    for column in ("article", "section", "paragraph", "item"):
        frame[column] = frame[column].astype("Int64")
    frame["actor_implicit"] = frame["actor_implicit"].astype(bool)
    frame["cue_implicit"] = frame["cue_implicit"].astype(bool)
    return frame


def actors_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per actor of an article graph (:func:`qqtext.graph.build_graph`), most norms first.

    Columns :data:`ACTOR_COLUMNS`: ``name``, ``side``, the number of norms addressed to the actor by
    deontic type, their total (``norms``), the duties it bears (responsible_for, supervises,
    interprets, consults) and the sanctions it applies.

    >>> from qqtext import load_document
    >>> from qqtext.graph import build_graph
    >>> frame = actors_frame(build_graph(load_document("jinan-2019")))
    >>> frame.set_index("name").loc["机关单位工作人员", ["obligation", "prohibition", "permission"]].tolist()
    [3, 2, 8]
    """
    import pandas as pd

    frame = pd.DataFrame(actor_rows(G), columns=list(ACTOR_COLUMNS))
    return frame.sort_values("norms", ascending=False, kind="stable").reset_index(drop=True)


def actor_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One dict per actor node of an article graph (columns :data:`ACTOR_COLUMNS`), in node order.

    :func:`actors_frame` sorts them, most norms first.
    """
    rows = []
    for node, data in G.nodes(data=True):
        if data.get("kind") != "actor":
            continue
        row: dict[str, Any] = {"name": data["name"], "side": data["side"], **dict.fromkeys(DEONTIC_COLUMNS, 0),
                               "norms": 0, "duties": 0, "sanctions": 0}
        for norm, _, edge in G.in_edges(node, data=True):
            if edge["relation"] == "addressed_to":
                deontic = G.nodes[norm]["deontic"]
                row[deontic] = row.get(deontic, 0) + 1
                row["norms"] += 1
        for _, _, edge in G.out_edges(node, data=True):
            if edge["relation"] in ("responsible_for", "supervises", "interprets", "consults"):
                row["duties"] += 1
            elif edge["relation"] == "sanctions":
                row["sanctions"] += 1
        rows.append(row)
    return rows


def edges_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per edge of an article graph: ``source``, ``target``, ``relation``, ``article``, ``unit``.

    >>> from qqtext import load_document
    >>> from qqtext.graph import build_graph
    >>> frame = edges_frame(build_graph(load_document("jinan-2019")))
    >>> frame[frame.relation == "interprets"][["source", "article"]].values.tolist()
    [['actor:市委办公厅', 22], ['actor:市政府办公厅', 22]]
    """
    import pandas as pd

    return pd.DataFrame(edge_rows(G), columns=list(EDGE_COLUMNS))


def edge_rows(G: nx.MultiDiGraph, *, keys: bool = False) -> list[dict[str, Any]]:
    """One dict per edge of an article graph (columns :data:`EDGE_COLUMNS`), in edge order.

    With ``keys`` each dict also has the edge's ``key`` (``"refers_to"``, ``"refers_to-2"`` …).
    """
    rows = []
    for u, v, key, data in G.edges(keys=True, data=True):
        row = {"source": u, "target": v, "relation": data.get("relation", ""), "article": data.get("article", 0),
               "unit": data.get("unit", "")}
        if keys:
            row["key"] = key
        rows.append(row)
    return rows

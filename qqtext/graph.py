"""The article graph: a document's structure, norms, actors, duties, terms and references as one network.

:func:`build_graph` turns a parsed :class:`~qqtext.model.Document` and what the extractors of
:mod:`qqtext.extract` find in it into a :class:`networkx.MultiDiGraph`. Node ids are strings; every
node has a ``kind`` (one of :data:`NODE_KINDS`) and a Chinese display ``label``; every edge has a
``relation`` (one of :data:`RELATIONS`), the ``article`` it is cited to (``0`` where none) and the
``unit`` (sentence id, ``""`` where none) it comes from. All attribute values are JSON-safe scalars
(str, int, bool: tuples are joined with "、", a missing value is ``""`` or ``0``), so the graph can be
written as GraphML, GEXF or node-link JSON and read back exactly (:data:`NODE_ATTRIBUTES` and
:data:`EDGE_ATTRIBUTES` give the type of every attribute).

Nodes: ``document``, ``chapter``, ``article``, ``item`` (the structure, joined by ``contains``);
``norm`` (``states``-ed by its article or item, ``addressed_to`` its actors); ``actor`` (shared across
documents: ``actor:<canonical name>``, with its ``side``; ``member_of`` its groups); ``duty`` and
``sanction`` (an actor is ``responsible_for``, ``supervises`` or ``sanctions``); ``term`` (an article
``defines`` it; it is an ``alias_of`` the actors it stands for); ``reference`` (an article
``refers_to`` it, or ``refers_to`` another article). An actor also ``interprets`` the document and
``consults`` another actor. 意见-style documents have ``section`` nodes where others have articles.

Edge keys are the relation (``"refers_to"``); a second edge of the same relation between the same two
nodes (第十三条 cites 公务接待标准 in two items) gets ``"refers_to-2"``, and so on; an edge identical to
one already there (the same reference twice in one sentence) is added once.

:func:`actor_card` gathers, for one actor, what it must, must not and may do, what it answers for and
what it faces, each cited as 第十三条（五）; :func:`format_card` prints it.

Two attribute names differ from the extractors' fields, because the plain names are taken: a term's
and a reference's own kind are ``term_kind`` and ``ref_kind`` (``kind`` is the node kind), and the
actor a duty or sanction is about is ``target_actor`` (``target`` is an edge's end in node-link JSON
and in :func:`qqtext.frames.edges_frame`).

>>> from qqtext import load_document
>>> G = build_graph(load_document("jinan-2019"))
>>> sorted(v for _, v, k in G.out_edges("actor:纪检监察机关", keys=True) if k.startswith("supervises"))
['duty:jinan-2019/supervises/监督', 'duty:jinan-2019/supervises/监督', 'duty:jinan-2019/supervises/监督责任']
>>> G.nodes["actor:统战部"]["side"], G.edges["actor:统战部", "duty:jinan-2019/responsible_for/团结", "responsible_for"]["article"]
('coordinating', 15)
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from qqtext.errors import UnknownActorError
from qqtext.model import Document, Paragraph
from qqtext.numerals import article_label, to_chinese_number
from qqtext.outputs import atomic_write_bytes
from qqtext.textsafe import RE_NOT_XML, sanitized_value

if TYPE_CHECKING:
    import networkx as nx

    from qqtext.extract.definitions import Definition
    from qqtext.extract.duties import Duty
    from qqtext.extract.norms import Norm
    from qqtext.extract.references import Reference

__all__ = [
    "NodeKind",
    "Relation",
    "NODE_KINDS",
    "RELATIONS",
    "NODE_ATTRIBUTES",
    "EDGE_ATTRIBUTES",
    "DEONTIC_LABELS",
    "RELATION_LABELS",
    "SIDE_LABELS",
    "JOIN",
    "build_graph",
    "actor_node",
    "to_graphml",
    "from_graphml",
    "to_gexf",
    "from_gexf",
    "to_node_link",
    "from_node_link",
    "write_json",
    "read_json",
    "citation",
    "CardLine",
    "ActorCard",
    "CARD_SECTIONS",
    "actor_card",
    "format_card",
    "resolve_actor",
]

NodeKind = Literal[
    "document", "chapter", "section", "article", "item", "norm", "actor", "duty", "sanction", "term", "reference"
]
Relation = Literal[
    "contains", "states", "addressed_to", "responsible_for", "supervises", "sanctions", "interprets",
    "consults", "defines", "alias_of", "member_of", "refers_to",
]

NODE_KINDS: tuple[NodeKind, ...] = (
    "document", "chapter", "section", "article", "item", "norm", "actor", "duty", "sanction", "term", "reference",
)
RELATIONS: tuple[Relation, ...] = (
    "contains", "states", "addressed_to", "responsible_for", "supervises", "sanctions", "interprets",
    "consults", "defines", "alias_of", "member_of", "refers_to",
)

#: How tuples (actors, conditions, issuers) are joined into one attribute value.
JOIN = "、"

_COMMON_NODE: dict[str, type] = {"kind": str, "label": str}
#: The attributes of each node kind and their types (every node also has ``kind`` and ``label``).
NODE_ATTRIBUTES: dict[str, dict[str, type]] = {
    "document": {"title": str, "date": str, "issuers": str},
    "chapter": {"number": int, "title": str},
    "section": {"number": int, "title": str, "text": str},
    "article": {"number": int, "sub": int, "heading": str, "text": str},
    "item": {"number": int, "marker": str, "text": str},
    "norm": {
        "deontic": str, "cue": str, "aim": str, "object": str, "phrase": str, "conditions": str, "lists": bool,
        "actor_implicit": bool, "text": str, "start": int, "end": int,
    },
    "actor": {"name": str, "side": str, "type": str},
    "duty": {"name": str},
    "sanction": {"name": str},
    "term": {"term": str, "term_kind": str, "meaning": str},
    "reference": {"target": str, "ref_kind": str},
}
_COMMON_EDGE: dict[str, type] = {"relation": str, "article": int, "unit": str}
_DUTY_EDGE: dict[str, type] = {"implicit": bool, "target_actor": str}
#: The attributes of each relation and their types (every edge also has ``relation``, ``article``, ``unit``).
EDGE_ATTRIBUTES: dict[str, dict[str, type]] = {
    "contains": {},
    "states": {},
    "addressed_to": {"implicit": bool, "surface": str},
    "responsible_for": _DUTY_EDGE,
    "supervises": _DUTY_EDGE,
    "sanctions": _DUTY_EDGE,
    "interprets": {"implicit": bool},
    "consults": {"implicit": bool},
    "defines": {},
    "alias_of": {},
    "member_of": {},
    "refers_to": {},
}

#: Chinese names of the deontic types, in display order.
DEONTIC_LABELS: dict[str, str] = {
    "obligation": "义务",
    "prohibition": "禁止",
    "permission": "许可",
    "encouragement": "鼓励",
    "discouragement": "不提倡",
}
#: Chinese names of the relations (edge labels in plots).
RELATION_LABELS: dict[str, str] = {
    "contains": "包含",
    "states": "规定",
    "addressed_to": "针对",
    "responsible_for": "负责",
    "supervises": "监督",
    "sanctions": "处理",
    "interprets": "解释",
    "consults": "会商",
    "defines": "界定",
    "alias_of": "指称",
    "member_of": "隶属",
    "refers_to": "援引",
}
#: Chinese names of the actor sides of :mod:`qqtext.extract.actors` (``""``: not in the dictionary).
SIDE_LABELS: dict[str, str] = {
    "government": "党政机关",
    "supervisory": "纪检监察",
    "coordinating": "统战与工商联",
    "business": "企业",
    "public": "社会组织",
    "": "其他",
}
#: Chinese names of the actor types (:func:`qqtext.extract.heads.actor_type`), for actors the dictionary
#: lacks: their card says what kind of party they are (信访人（个人）, not the coarse side 社会组织).
ACTOR_TYPE_LABELS: dict[str, str] = {
    "government": "党政机关", "judicial_supervisory": "司法监察机关", "enterprise": "企业", "financial_institution": "金融机构",
    "association": "社会团体", "public_service": "公共服务机构", "individual": "个人", "other": "其他",
}
#: The side of an actor the dictionary lacks, from the type its head noun gives (房屋征收部门: government).
SIDE_OF_TYPE: dict[str, str] = {
    "government": "government", "judicial_supervisory": "supervisory", "enterprise": "business",
    "financial_institution": "business", "association": "coordinating", "public_service": "public",
    "individual": "public", "other": "",
}
_REFERENCE_LABELS = {"self": "本办法", "following": "以下所列", "previous": "前述规定", "unresolved": "条号有误的引用"}
#: Attribute names GEXF reserves (time spells): renamed in the file, restored on reading.
_GEXF_RENAMES = {"start": "span_start", "end": "span_end"}
_GEXF_EDGE_KEY = "edge_key"
_READER_DEFAULTS = ("node_default", "edge_default")
_GEXF_READER_GRAPH_KEYS = ("mode", *_READER_DEFAULTS)
_BOOLEAN_TEXT = {"true": True, "false": False, "1": True, "0": False}


def agent_head(term: str) -> str | None:
    from qqtext.extract.subjects import agent_head as head

    return head(term)


def actor_type(name: str) -> str:
    from qqtext.extract.subjects import actor_type as kind

    return kind(name)


def actor_node(name: str) -> str:
    """The node id of the actor ``name`` (a canonical name).

    >>> actor_node("纪检监察机关")
    'actor:纪检监察机关'
    """
    return f"actor:{name}"


def build_graph(
    doc: Document,
    *,
    norms: Iterable[Norm] | None = None,
    duties: Iterable[Duty] | None = None,
    definitions: Iterable[Definition] | None = None,
    references: Iterable[Reference] | None = None,
) -> nx.MultiDiGraph:
    """The article graph of ``doc`` (see the module documentation for its nodes and edges).

    Args:
        doc: a parsed document.
        norms, duties, definitions, references: what the extractors found; each one left out is
            extracted here (:func:`~qqtext.extract.norms.extract_norms`,
            :func:`~qqtext.extract.duties.extract_duties`,
            :func:`~qqtext.extract.definitions.extract_definitions`,
            :func:`~qqtext.extract.references.extract_references`).

    Returns:
        A new :class:`networkx.MultiDiGraph`; ``G.graph["name"]`` is the document id.

    >>> from qqtext import parse_text
    >>> G = build_graph(parse_text("第一条 机关单位工作人员不得接受礼品。", doc_id="d"))
    >>> [(k, G.nodes[v]["label"]) for _, v, k in G.out_edges("d/art-1/para-1/sent-1/norm-1", keys=True)]
    [('addressed_to', '机关单位工作人员')]
    """
    import networkx as nx

    from qqtext.extract.actors import actor_dictionary

    if norms is None:
        from qqtext.extract.norms import extract_norms

        norms = extract_norms(doc)
    if duties is None:
        from qqtext.extract.duties import extract_duties

        duties = extract_duties(doc)
    if definitions is None:
        from qqtext.extract.definitions import extract_definitions

        definitions = extract_definitions(doc)
    if references is None:
        from qqtext.extract.references import extract_references

        references = extract_references(doc)

    G = nx.MultiDiGraph(name=doc.id)
    builder = _Builder(G, doc, actor_dictionary())
    builder.structure()
    for norm in norms:
        builder.norm(norm)
    for duty in duties:
        builder.duty(duty)
    for definition in definitions:
        builder.definition(definition)
    for reference in references:
        builder.reference(reference)
    builder.memberships()
    return G


class _Builder:
    """Adds the nodes and edges of one document to a graph."""

    def __init__(self, G: nx.MultiDiGraph, doc: Document, dictionary: Mapping[str, Any]) -> None:
        self.G = G
        self.doc = doc
        self.dictionary = dictionary
        #: sentence id -> (node holding it: article, item or section; article number)
        self.holder: dict[str, tuple[str, int]] = {}
        #: sentence id -> the article (or section) node holding it
        self.top: dict[str, str] = {}

    # -- nodes and edges ------------------------------------------------------------------------
    def node(self, node: str, kind: NodeKind, label: str, **attributes: Any) -> str:
        self.G.add_node(node, kind=kind, label=label, **attributes)
        return node

    def edge(self, u: str, v: str, relation: Relation, *, article: int | None = 0, unit: str | None = "", **attributes: Any) -> None:
        data = {"relation": relation, "article": article or 0, "unit": unit or "", **attributes}
        existing = self.G.get_edge_data(u, v) or {}
        if any(d == data for d in existing.values()):
            return
        key, n = relation, 1
        while key in existing:
            n += 1
            key = f"{relation}-{n}"
        self.G.add_edge(u, v, key=key, **data)

    def actor(self, name: str) -> str:
        node = actor_node(name)
        if node not in self.G:
            entry = self.dictionary.get(name)
            kind = actor_type(name)
            self.node(node, "actor", name, name=name, side=entry.side if entry else SIDE_OF_TYPE.get(kind, ""), type=kind)
        return node

    # -- structure ------------------------------------------------------------------------------
    def structure(self) -> None:
        doc = self.doc
        self.node(doc.id, "document", doc.title, title=doc.title, date=doc.date.isoformat() if doc.date else "",
                  issuers=JOIN.join(doc.issuers))
        chapter_of: dict[int, str] = {}
        for heading in doc.chapters:
            number = heading.number or 0
            label = f"第{to_chinese_number(number)}章 {heading.title}" if number else heading.title
            self.node(heading.id, "chapter", label, number=number, title=heading.title)
            self.edge(doc.id, heading.id, "contains")
            for article_number in heading.articles:
                chapter_of.setdefault(article_number, heading.id)
        for article in doc.articles:
            self.node(article.id, "article", article.heading or article.label,
                      number=article.number, sub=article.sub, heading=article.heading, text=article.text)
            self.edge(chapter_of.get(article.number, doc.id), article.id, "contains", article=article.number)
            self._units(article.id, article.number, article.paragraphs)
        for section in doc.sections:
            label = f"{to_chinese_number(section.number)}、{section.title or ''}"
            self.node(section.id, "section", label, number=section.number, title=section.title or "", text=section.text)
            self.edge(doc.id, section.id, "contains")
            self._units(section.id, 0, section.paragraphs)

    def _units(self, parent: str, article: int, paragraphs: Iterable[Paragraph]) -> None:
        prefix = self.G.nodes[parent]["label"] if article else ""
        for paragraph in paragraphs:
            for sentence in paragraph.sentences:
                self.holder[sentence.id] = (parent, article)
                self.top[sentence.id] = parent
            for item in paragraph.items:
                self.node(item.id, "item", f"{prefix}（{to_chinese_number(item.number)}）",
                          number=item.number, marker=item.marker, text=item.text)
                self.edge(parent, item.id, "contains", article=article)
                for sentence in item.sentences:
                    self.holder[sentence.id] = (item.id, article)
                    self.top[sentence.id] = parent

    # -- what the extractors found -------------------------------------------------------------
    def norm(self, norm: Norm) -> None:
        holder, _ = self.holder.get(norm.unit, (self.doc.id, 0))
        phrase = _norm_phrase(norm)
        self.node(norm.id, "norm", phrase, deontic=norm.deontic, cue=norm.cue, aim=norm.aim, object=norm.object or "",
                  phrase=phrase, conditions=JOIN.join(norm.conditions), actor_implicit=norm.actor_implicit, text=norm.text,
                  lists=norm.introduces_list,
                  start=norm.span.start, end=norm.span.end)
        self.edge(holder, norm.id, "states", article=norm.article, unit=norm.unit)
        for name in norm.actor:
            surface = next((s for s in norm.actor_surface if s.endswith(name)), "")
            self.edge(norm.id, self.actor(name), "addressed_to", article=norm.article, unit=norm.unit,
                      implicit=norm.actor_implicit, surface=surface)

    def duty(self, duty: Duty) -> None:
        body = self.actor(duty.body)
        where = {"article": duty.article, "unit": duty.unit, "implicit": duty.body_implicit}
        if duty.relation in ("responsible_for", "supervises"):
            node = self.node(f"duty:{self.doc.id}/{duty.relation}/{duty.duty}", "duty", duty.duty, name=duty.duty)
            self.edge(body, node, duty.relation, target_actor=self._target(duty.target), **where)
        elif duty.relation == "sanctions":
            node = self.node(f"sanction:{self.doc.id}/{duty.duty}", "sanction", duty.duty, name=duty.duty)
            self.edge(body, node, "sanctions", target_actor=self._target(duty.target), **where)
        elif duty.relation == "interprets":
            self.edge(body, self.doc.id, "interprets", **where)
        elif duty.relation == "consults" and duty.target:
            self.edge(body, self.actor(duty.target), "consults", **where)

    def _target(self, name: str | None) -> str:
        if not name:
            return ""
        self.actor(name)
        return name

    def definition(self, definition: Definition) -> None:
        self.node(definition.id, "term", definition.term, term=definition.term, term_kind=definition.kind,
                  meaning=definition.meaning)
        article = self._article_of(definition.unit)
        self.edge(self.top.get(definition.unit, self.doc.id), definition.id, "defines", article=article,
                  unit=definition.unit)
        if agent_head(definition.term) is None:
            return  # 政府投资项目, 登记证: a thing, so the bodies named in its definition are not its aliases
        own = self._own_actor(definition.term)
        for name in dict.fromkeys((*definition.members, *([own] if own else []))):
            self.edge(definition.id, self.actor(name), "alias_of", article=article, unit=definition.unit)

    def _own_actor(self, term: str) -> str | None:
        """The actor a term itself names (机关单位 is an actor; 民营企业 is a form of 企业)."""
        for entry in self.dictionary.values():
            if term in entry.surfaces:
                return entry.canonical
        return None

    def reference(self, reference: Reference) -> None:
        article = self._article_of(reference.unit)
        source = self.top.get(reference.unit, self.doc.id)
        if reference.kind == "internal" and reference.target.startswith("art-"):
            target = f"{self.doc.id}/{reference.target}"
            if target in self.G and self.G.nodes[target]["kind"] == "article":
                self.edge(source, target, "refers_to", article=article, unit=reference.unit)
                return
        node = f"ref:{self.doc.id}/{reference.target}"
        if node not in self.G:
            label = _REFERENCE_LABELS.get(reference.target, reference.target)
            self.node(node, "reference", label, target=reference.target, ref_kind=reference.kind)
        self.edge(source, node, "refers_to", article=article, unit=reference.unit)

    def _article_of(self, unit: str) -> int:
        return self.holder.get(unit, ("", 0))[1]

    def memberships(self) -> None:
        """member_of edges from the actor dictionary (and a specific actor's head), adding the groups."""
        from qqtext.extract.actors import actor_group

        pending = [data["name"] for _, data in self.G.nodes(data=True) if data["kind"] == "actor"]
        while pending:
            name = pending.pop(0)
            entry = self.dictionary.get(name)
            # a specific actor the dictionary lacks belongs to the group its head names (私营企业: 企业)
            groups = entry.member_of if entry else tuple({actor_group(name)} - {name})
            for group in groups:
                if actor_node(group) not in self.G:
                    pending.append(group)
                self.edge(self.actor(name), self.actor(group), "member_of")


def _norm_phrase(norm: Norm) -> str:
    """The norm as written from its cue to the clause's end (不许单独指派、专程接送, 应当对…进行监督检查).

    Where the clause ends with the cue (解释工作由…承担), the aim and object, which then carry the
    topic, are used (承担本办法具体解释工作).
    """
    if norm.statement:
        if norm.statement.startswith(("或者", "或", "以及", "及", "和", "与", "、")) and norm.actor_surface:
            # 登记机关或者其上级机关认定…: the line opens with the whole subject, the card's actor among them
            at = norm.text.find(norm.statement)
            return (norm.text[:at] if at > 0 else norm.actor_surface[0]) + norm.statement
        return norm.statement
    tail = norm.text[norm.cue_span.start - norm.span.start:]
    if len(tail) > len(norm.cue):
        return tail
    action = f"{norm.aim}{norm.object or ''}"
    return action if action.startswith(norm.cue) else f"{norm.cue}{action}"


def citation(G: nx.MultiDiGraph, *, article: int = 0, unit: str = "") -> str:
    """Where a unit is in its document, in Chinese: 第十三条（五）, 第十四条, 第二部分 or ``""``.

    ``unit`` is a sentence id; the item (or section) is the closest node of ``G`` above it.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d/art-13/item-5", kind="item", number=5)
    >>> citation(G, article=13, unit="d/art-13/item-5/sent-1")
    '第十三条（五）'
    >>> G.add_node("d/art-133-1", kind="article", number=133, sub=1)
    >>> citation(G, article=133, unit="d/art-133-1/para-1/sent-1")
    '第一百三十三条之一'
    """
    item = section = sub = 0
    path = unit
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        data = G.nodes.get(path)
        if data is None:
            continue
        if data.get("kind") == "item" and not item:
            item = data["number"]
        elif data.get("kind") == "section":
            section = data["number"]
            break
        elif data.get("kind") == "article":
            if data.get("number") == article:
                sub = data.get("sub", 0)  # 第X条之一: the article number alone would name 第X条
            break
    if article:
        where = article_label(article, sub)
    elif section:
        where = f"第{to_chinese_number(section)}部分"
    else:
        where = ""
    return where + (f"（{to_chinese_number(item)}）" if item else "")


# -- converters -------------------------------------------------------------------------------


def to_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GraphML (edge keys become edge ids; types are declared per attribute).

    >>> import networkx as nx, tempfile, os
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="contains", relation="contains", article=1, unit="")
    'contains'
    >>> path = os.path.join(tempfile.mkdtemp(), "g.graphml"); to_graphml(G, path)
    >>> list(from_graphml(path).edges(keys=True, data=True))
    [('a', 'b', 'contains', {'relation': 'contains', 'article': 1, 'unit': ''})]
    """
    import io

    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(_xml_safe(G), buffer, encoding="utf-8")
    atomic_write_bytes(path, buffer.getvalue())


def from_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`to_graphml`: string edge keys, typed and complete attributes.

    GraphML drops an empty string value (``<data></data>`` reads as nothing): it is restored as
    ``""`` from :data:`NODE_ATTRIBUTES` / :data:`EDGE_ATTRIBUTES`, and values are cast to their types.
    """
    import networkx as nx

    G = _as_multidigraph(nx.read_graphml(str(path), node_type=str, edge_key_type=str, force_multigraph=True))
    for name in _READER_DEFAULTS:
        if G.graph.get(name) == {}:
            del G.graph[name]  # added by the reader, not in the file
    return _restore(G)


def to_gexf(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GEXF 1.2 (for Gephi): node ``label`` is the GEXF label.

    GEXF reserves ``start`` and ``end`` for time spells, so a norm's offsets are written as
    ``span_start`` and ``span_end``; edge keys are kept as the attribute ``edge_key``.
    """
    import networkx as nx

    import io

    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for node, data in G.nodes(data=True):
        H.add_node(node, **_renamed(data, _GEXF_RENAMES))
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **_renamed(data, _GEXF_RENAMES), **{_GEXF_EDGE_KEY: str(key)})
    buffer = io.BytesIO()
    nx.write_gexf(_xml_safe(H), buffer, encoding="utf-8")
    atomic_write_bytes(path, buffer.getvalue())


def from_gexf(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`to_gexf`, with its edge keys, attribute names and types."""
    import networkx as nx

    read = nx.read_gexf(str(path), node_type=str)
    back = {new: old for old, new in _GEXF_RENAMES.items()}
    G = nx.MultiDiGraph()
    G.graph.update({k: v for k, v in read.graph.items() if k not in _GEXF_READER_GRAPH_KEYS})
    for node, data in read.nodes(data=True):
        G.add_node(node, **_renamed(data, back))
    edges = read.edges(keys=True, data=True) if read.is_multigraph() else ((u, v, None, d) for u, v, d in read.edges(data=True))
    for u, v, key, data in edges:
        data = {k: value for k, value in data.items() if k not in ("id", "networkx_key")}
        key = data.pop(_GEXF_EDGE_KEY, key)
        G.add_edge(u, v, key=key, **_renamed(data, back))
    return _restore(G)


def to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """``G`` as node-link data (``{"directed", "multigraph", "graph", "nodes", "edges"}``), JSON-ready.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="states", relation="states", article=3, unit="u")
    'states'
    >>> data = to_node_link(G); data["edges"]
    [{'relation': 'states', 'article': 3, 'unit': 'u', 'source': 'a', 'target': 'b', 'key': 'states'}]
    >>> list(from_node_link(data).edges(keys=True)) == list(G.edges(keys=True))
    True
    """
    import networkx as nx

    return nx.node_link_data(G, **_node_link_names())


def from_node_link(data: Mapping[str, Any]) -> nx.MultiDiGraph:
    """The graph of node-link ``data`` (as made by :func:`to_node_link`)."""
    import networkx as nx

    G = nx.node_link_graph(dict(data), directed=True, multigraph=True, **_node_link_names())
    return _restore(_as_multidigraph(G))


def write_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as node-link JSON (UTF-8, Chinese kept as characters).

    The text is sanitised as for GraphML and GEXF (:func:`qqtext.textsafe.sanitize`), so the three
    formats read back the same graph.
    """
    text = json.dumps(to_node_link(_xml_safe(G)), ensure_ascii=False, indent=1)
    atomic_write_bytes(path, (text + "\n").encode("utf-8"))


def _xml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` itself when every id, key and text value is XML-safe, else a copy with them sanitised.

    Control characters, U+FFFE/U+FFFF and lone surrogates (see :data:`qqtext.textsafe.RE_NOT_XML`)
    make GraphML writers fail half way and GEXF malformed; they are dropped from node ids, edge keys,
    attribute names and values alike (two ids that differ only by them become one node).
    """
    def unsafe(value: Any) -> bool:
        return isinstance(value, str) and RE_NOT_XML.search(value) is not None

    def unsafe_data(data: Mapping[str, Any]) -> bool:
        return any(unsafe(k) or unsafe(v) for k, v in data.items())

    multi = G.is_multigraph()
    edges = list(G.edges(keys=True, data=True) if multi else ((u, v, None, d) for u, v, d in G.edges(data=True)))
    if not (unsafe_data(G.graph) or any(unsafe(n) or unsafe_data(d) for n, d in G.nodes(data=True))
            or any(unsafe(u) or unsafe(v) or unsafe(k) or unsafe_data(d) for u, v, k, d in edges)):
        return G
    H = G.__class__()
    H.graph.update(sanitized_value(dict(G.graph)))
    for node, data in G.nodes(data=True):
        H.add_node(sanitized_value(node), **sanitized_value(dict(data)))
    for u, v, key, data in edges:
        keyed = {"key": sanitized_value(key)} if multi else {}
        H.add_edge(sanitized_value(u), sanitized_value(v), **keyed, **sanitized_value(dict(data)))
    return H


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    return from_node_link(json.loads(Path(path).read_text(encoding="utf-8")))


def _node_link_names() -> dict[str, str]:
    """``edges="edges"`` in the spelling of the installed networkx (``link=`` before 3.4)."""
    import networkx as nx

    parameter = "edges" if "edges" in inspect.signature(nx.node_link_data).parameters else "link"
    return {parameter: "edges"}


def _as_multidigraph(G: nx.Graph) -> nx.MultiDiGraph:
    import networkx as nx

    return G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)


def _renamed(data: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {names.get(k, k): v for k, v in data.items()}


def _restore(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Cast attributes to their declared types and put back the empty strings a format dropped."""
    for _, data in G.nodes(data=True):
        if data.get("kind") in NODE_ATTRIBUTES:  # leave nodes of other graphs as read
            _restore_attributes(data, {**_COMMON_NODE, **NODE_ATTRIBUTES[data["kind"]]})
    for _, _, data in G.edges(data=True):
        if data.get("relation") in EDGE_ATTRIBUTES:
            _restore_attributes(data, {**_COMMON_EDGE, **EDGE_ATTRIBUTES[data["relation"]]})
    return G


def _restore_attributes(data: dict[str, Any], schema: Mapping[str, type]) -> None:
    for name, kind in schema.items():
        value = data.get(name)
        if value is None:
            if kind is str:
                data[name] = ""
        elif kind is bool and not isinstance(value, bool):
            data[name] = _BOOLEAN_TEXT.get(str(value).lower(), bool(value))
        elif kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            data[name] = int(value)
        elif kind is str and not isinstance(value, str):
            data[name] = str(value)


# -- actor cards ------------------------------------------------------------------------------

#: The sections of an :class:`ActorCard`: field name and Chinese heading, in display order.
CARD_SECTIONS: tuple[tuple[str, str], ...] = (
    ("obligations", "必须做（义务）"),
    ("prohibitions", "不得做（禁止）"),
    ("permissions", "可以做（许可）"),
    ("encouragements", "鼓励做"),
    ("discouragements", "不提倡做"),
    ("duties", "负有的职责"),
    ("sanctions", "实施的处理"),
    ("received", "他方对其的监督、职责和处理"),
)
_DEONTIC_SECTIONS = {
    "obligation": "obligations",
    "prohibition": "prohibitions",
    "permission": "permissions",
    "encouragement": "encouragements",
    "discouragement": "discouragements",
}
_RECEIVED_ROLES = {"responsible_for": "负责方", "supervises": "监督方", "sanctions": "处理方"}
IMPLICIT_MARK = "※"
IMPLICIT_NOTE = f"{IMPLICIT_MARK} 本句未写明主体，主体承上文或依全文推定。"


@dataclass(frozen=True, slots=True)
class CardLine:
    """One line of an actor card: what is owed, and where the text says so.

    Attributes:
        text: the rule as a short phrase (不许单独指派、专程接送; 批评教育（处理方：纪检监察机关）).
        citation: 第十三条（五）, 第十四条, or ``""`` when the source has no article.
        article: the article number (``0`` where none); unit: the sentence id.
        conditions: the norm's conditions joined with "、" (``""`` where none or not a norm).
        via: the group the line reaches the actor through (领导干部 is one of the 机关单位工作人员), or ``""``.
        implicit: the sentence does not name the actor: it is carried over or inferred.
    """

    text: str
    citation: str
    article: int = 0
    unit: str = ""
    conditions: str = ""
    via: str = ""
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class ActorCard:
    """What one actor must, must not and may do, and answers for, cited to the articles.

    Attributes:
        actor: the canonical name; side: its side (``""`` when not in the actor dictionary).
        type: for an actor the dictionary lacks, its type from its head noun (``""`` otherwise).
        groups: the groups it belongs to (member_of, or named by a defined term), whose rules apply
            to it too.
        obligations, prohibitions, permissions, encouragements, discouragements: the norms addressed
            to it (or to its groups), by deontic type.
        duties: the duties it bears (responsible_for, supervises, interprets, consults).
        sanctions: the sanctions it applies.
        received: the supervision, duties and sanctions others owe it or apply to it.
    """

    actor: str
    side: str
    groups: tuple[str, ...] = ()
    type: str = ""
    obligations: tuple[CardLine, ...] = ()
    prohibitions: tuple[CardLine, ...] = ()
    permissions: tuple[CardLine, ...] = ()
    encouragements: tuple[CardLine, ...] = ()
    discouragements: tuple[CardLine, ...] = ()
    duties: tuple[CardLine, ...] = ()
    sanctions: tuple[CardLine, ...] = ()
    received: tuple[CardLine, ...] = ()


def resolve_actor(G: nx.MultiDiGraph, actor: str) -> str:
    """The canonical name of ``actor`` in ``G``: a canonical name, a surface form (纪委) or a node id.

    Raises:
        UnknownActorError: if ``G`` has no such actor (the message lists the ones it has).
    """
    from qqtext.extract.actors import actor_dictionary

    names = [data["name"] for _, data in G.nodes(data=True) if data.get("kind") == "actor"]
    wanted = actor.strip().removeprefix("actor:")
    if wanted in names:
        return wanted
    for entry in actor_dictionary().values():
        if wanted in entry.surfaces and entry.canonical in names:
            return entry.canonical
    raise UnknownActorError(actor, tuple(names), source=G.graph.get("name"))


def actor_card(G: nx.MultiDiGraph, actor: str, *, inherit: bool = True) -> ActorCard:
    """The card of ``actor`` in the article graph ``G``.

    Args:
        G: a graph from :func:`build_graph`.
        actor: the canonical name or any surface form of the actor dictionary (工作人员, 纪委).
        inherit: also list the rules addressed to the groups the actor belongs to (a 领导干部 is one
            of the 机关单位工作人员), marked with ``via``.

    Raises:
        UnknownActorError: if ``G`` has no such actor.

    >>> from qqtext import load_document
    >>> card = actor_card(build_graph(load_document("jinan-2019")), "工作人员")
    >>> [(line.text, line.citation) for line in card.prohibitions]
    [('确有需要企业提供用餐的，应按当地公务接待标准安排公务用餐，不得上高档菜肴和烟酒', '第十三条（四）'), ('上门服务企业或开展调研，不许单独指派、专程接送', '第十三条（五）')]
    """
    from qqtext.extract.norms import RE_IMPOSED

    name = resolve_actor(G, actor)
    groups = _groups(G, name) if inherit else ()
    sections: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {field: {} for field, _ in CARD_SECTIONS}
    seen_norms: set[str] = set()
    for via in ("", *groups):
        node = actor_node(via or name)
        for norm, _, data in G.in_edges(node, data=True):
            if data["relation"] != "addressed_to" or norm in seen_norms or G.nodes[norm].get("lists"):
                continue  # a lead-in (不得有下列行为：) is shown through its items
            seen_norms.add(norm)
            attrs = G.nodes[norm]
            in_item = citation(G, unit=data["unit"]).startswith("（")
            text = _with_listed_items(G, attrs["phrase"], data["unit"])
            surface = data.get("surface", "")
            if "的" in surface and not text.startswith(surface[:surface.rfind("的") + 1]):
                # 负责管理公共收益的业主委员会或者物业服务人应当…: the line says which of them the rule is for
                text = f"{surface[:surface.rfind('的') + 1]}，{text}"
            line = {"text": text, "conditions": attrs["conditions"],
                    "implicit": bool(data["implicit"]) and not in_item}
            # X负责Y: a remit (负有的职责), not one more thing X must do; 可以处…罚款, 应当责令改正: a sanction the
            # body imposes (实施的处理), not a permission or a duty of its own conduct
            if attrs.get("cue") == "负责":
                field = "duties"
            elif attrs["deontic"] in ("obligation", "permission") and RE_IMPOSED.match(attrs.get("aim", "")):
                field = "sanctions"
            else:
                field = _DEONTIC_SECTIONS.get(attrs["deontic"], "obligations")
            _collect(sections[field], G, data, via, line, (norm,))
        for _, other, data in G.out_edges(node, data=True):
            _own_duty(sections, G, other, data, via)
        for other, _, data in G.in_edges(node, data=True):
            if data["relation"] == "consults":
                line = {"text": f"接受{G.nodes[other]['label']}会商", "implicit": data["implicit"]}
                _collect(sections["duties"], G, data, via, line, ("consulted", other))
        for body, duty, data in G.edges(data=True):
            if data.get("target_actor") == (via or name) and data["relation"] in _RECEIVED_ROLES:
                line = {"text": G.nodes[duty]["label"], "others": [G.nodes[body]["label"]],
                        "role": _RECEIVED_ROLES[data["relation"]], "implicit": data["implicit"]}
                _collect(sections["received"], G, data, via, line, (data["relation"], duty))
    from qqtext.extract.actors import actor_dictionary

    node = G.nodes[actor_node(name)]
    kind = "" if name in actor_dictionary() else node.get("type", "")
    return ActorCard(name, node["side"], groups, type=kind, **{field: _lines(found) for field, found in sections.items()})


#: A rule that refers to the list its article gives (有下列情形之一的，可以不予撤销…): a card line alone would
#: leave the cases unstated.
RE_LIST_REFERENCE = re.compile(r"(?:下列|以下)[^，。；：]{0,6}?(?:情形|行为|情况|事项|条件|规定|内容|材料|活动)")
#: Longest list a card line spells out; a longer one is pointed to (所列情形见本条各项).
MAX_LISTED = 160


def _with_listed_items(G: nx.MultiDiGraph, phrase: str, unit: str) -> str:
    """``phrase`` followed by the items its 下列情形 points to, when its article has one list only."""
    article = unit.split("/para-")[0]
    if not RE_LIST_REFERENCE.search(phrase) or "/item-" in unit or article not in G:
        return phrase
    items = sorted((G.nodes[n] for n in G.successors(article) if G.nodes[n].get("kind") == "item"),
                   key=lambda data: data["number"])
    lead_ins = G.nodes[article].get("text", "").count("：")
    if not items or lead_ins != 1:
        return phrase
    listed = "".join(f"（{to_chinese_number(data['number'])}）{data['text'].strip().rstrip('；;。.')}；" for data in items)
    if len(listed) > MAX_LISTED:
        return f"{phrase}（所列情形见本条各项）"
    return f"{phrase}：{listed.rstrip('；')}"


def _own_duty(sections: dict[str, dict[tuple[Any, ...], dict[str, Any]]], G: nx.MultiDiGraph, other: str,
              data: Mapping[str, Any], via: str) -> None:
    relation = data["relation"]
    label = G.nodes[other]["label"]
    if relation in ("responsible_for", "supervises", "sanctions"):
        target = data["target_actor"]
        line = {"text": label, "others": [target] if target else [], "role": "对象", "implicit": data["implicit"]}
        _collect(sections["sanctions" if relation == "sanctions" else "duties"], G, data, via, line, (relation, other))
    elif relation == "interprets":
        _collect(sections["duties"], G, data, via, {"text": f"解释《{label}》", "implicit": data["implicit"]}, (relation, other))
    elif relation == "consults":
        _collect(sections["duties"], G, data, via, {"text": f"会商{label}", "implicit": data["implicit"]}, (relation, other))


def _collect(section: dict[tuple[Any, ...], dict[str, Any]], G: nx.MultiDiGraph, data: Mapping[str, Any], via: str,
             line: dict[str, Any], what: tuple[Any, ...]) -> None:
    """Add a line, merging lines about the same thing in the same sentence (their others are joined)."""
    key = (*what, data["article"], data["unit"])
    if key in section:
        found = section[key]
        found["others"] = list(dict.fromkeys([*found.get("others", []), *line.get("others", [])]))
        return
    section[key] = {**line, "article": data["article"], "unit": data["unit"], "via": via, "order": len(section),
                    "citation": citation(G, article=data["article"], unit=data["unit"])}


def _lines(found: Mapping[tuple[Any, ...], dict[str, Any]]) -> tuple[CardLine, ...]:
    ordered = sorted(found.values(), key=lambda line: (line["article"] or 10**9, line["order"]))
    out = []
    for line in ordered:
        text = line["text"]
        if line.get("others"):
            text += f"（{line['role']}：{JOIN.join(line['others'])}）"
        out.append(CardLine(text, line["citation"], line["article"], line["unit"], line.get("conditions", ""),
                            line["via"], bool(line["implicit"])))
    return tuple(out)


def _groups(G: nx.MultiDiGraph, name: str) -> tuple[str, ...]:
    """The groups ``name`` belongs to, nearest first: member_of edges, and terms that name it as a member."""
    found: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop(0)
        node = actor_node(current)
        parents = [G.nodes[v]["name"] for _, v, d in G.out_edges(node, data=True) if d["relation"] == "member_of"]
        for term, _, d in G.in_edges(node, data=True):
            if d["relation"] != "alias_of":
                continue
            owners = [G.nodes[v]["name"] for _, v, e in G.out_edges(term, data=True)
                      if e["relation"] == "alias_of" and _names_term(G, term, v)]
            parents += [owner for owner in owners if owner != current]
        for parent in parents:
            if parent != name and parent not in found:
                found.append(parent)
                pending.append(parent)
    return tuple(found)


def _names_term(G: nx.MultiDiGraph, term: str, actor: str) -> bool:
    """Whether ``actor`` is the actor a term itself names (机关单位 for the term 机关单位)."""
    from qqtext.extract.actors import actor_dictionary

    entry = actor_dictionary().get(G.nodes[actor]["name"])
    return G.nodes[term]["term"] in (entry.surfaces if entry else (G.nodes[actor]["name"],))


def format_card(card: ActorCard, *, conditions: bool = False) -> str:
    """The card as readable Chinese text, one rule per line with its article.

    Args:
        card: an :class:`ActorCard`.
        conditions: also print each norm's conditions.

    >>> print(format_card(ActorCard("统战部", "coordinating", duties=(CardLine("团结（对象：企业）", "第十五条", 15),))))
    统战部（统战与工商联）
    【必须做（义务）】
      （无）
    【不得做（禁止）】
      （无）
    【可以做（许可）】
      （无）
    【鼓励做】
      （无）
    【不提倡做】
      （无）
    【负有的职责】
      - 团结（对象：企业）（第十五条）
    【实施的处理】
      （无）
    【他方对其的监督、职责和处理】
      （无）
    <BLANKLINE>
    """
    label = ACTOR_TYPE_LABELS.get(card.type, card.type) if card.type else SIDE_LABELS.get(card.side, card.side)
    lines = [f"{card.actor}（{label}）"]
    if card.groups:
        lines.append(f"所属：{JOIN.join(card.groups)}（其规定一并适用，标注“适用于”）")
    marked = False
    for field, heading in CARD_SECTIONS:
        lines.append(f"【{heading}】")
        entries: tuple[CardLine, ...] = getattr(card, field)
        if not entries:
            lines.append("  （无）")
        for line in entries:
            where = f"（{line.citation}）" if line.citation else ""
            via = f"〔适用于{line.via}〕" if line.via else ""
            mark = IMPLICIT_MARK if line.implicit else ""
            marked = marked or line.implicit
            lines.append(f"  - {line.text}{where}{via}{mark}")
            if conditions and line.conditions:
                lines.append(f"      条件：{line.conditions}")
    if marked:
        lines.append(IMPLICIT_NOTE)
    return "\n".join(lines) + "\n"

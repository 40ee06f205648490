"""Which actors may be a wrong option for a key: never the key's group, a member or a body read as the same."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

#: Umbrella actors that include many others (a 司法机关 is a 国家机关): never a distractor.
UMBRELLA_ACTORS: frozenset[str] = frozenset({"机关单位", "国家机关", "党的机关", "公职人员", "依法履行公职的单位"})
#: Names of a kind of body, not of a body (行政机关, 有关部门, 职能部门): as a wrong option each could
#: include the key, and as a key each could include any body of its side.
GENERIC_ACTORS: frozenset[str] = frozenset({
    "部门", "机关", "单位", "组织", "机构", "政府部门", "行政机关", "国家机关", "职能部门", "主管部门", "有关机关",
    "行政主管部门", "有关部门", "相关部门", "有关单位", "相关单位", "有关方面", "有关组织", "有关机构", "工作部门",
    "责任人", "有关人员", "相关人员", "其他人员", "工作人员", "负责人",
})


def is_generic(name: str) -> bool:
    """Whether ``name`` names a kind of body (有关部门, 行政机关, 政府及其有关部门) rather than one body."""
    return name in GENERIC_ACTORS or name in UMBRELLA_ACTORS or name.startswith(("有关", "相关", "其他", "其它")) or "及其" in name
#: Actors a reader takes for one another though the dictionary keeps them apart: never distractors
#: for each other (纪检监察机关 are 执纪机关).
OVERLAPPING_ACTORS: dict[str, frozenset[str]] = {
    "执纪机关": frozenset({"纪检监察机关"}),
    "纪检监察机关": frozenset({"执纪机关"}),
    "机关单位工作人员": frozenset({"公职人员", "领导干部"}),
    "领导干部": frozenset({"公职人员", "机关单位工作人员"}),
    "企业": frozenset({"个体工商户"}),
    "行业协会": frozenset({"商会"}),
    "商会": frozenset({"行业协会"}),
}


def _overlapping(names: Iterable[str]) -> set[str]:
    return {other for name in names for other in OVERLAPPING_ACTORS.get(name, ())}


def _related(G: nx.MultiDiGraph, names: Iterable[str]) -> set[str]:
    """The groups the actors belong to and their members (member_of, both ways, transitively)."""
    from qqtext.graph import actor_node

    found: set[str] = set()
    pending = [actor_node(n) for n in names if actor_node(n) in G]
    seen = set(pending)
    while pending:
        node = pending.pop()
        neighbours = [v for _, v, d in G.out_edges(node, data=True) if d.get("relation") == "member_of"]
        neighbours += [u for u, _, d in G.in_edges(node, data=True) if d.get("relation") == "member_of"]
        for other in neighbours:
            if other not in seen:
                seen.add(other)
                found.add(G.nodes[other]["name"])
                pending.append(other)
    return found


@cache
def _dictionary_related(name: str) -> frozenset[str]:
    """Groups ``name`` belongs to and members of it, by the actor dictionary (transitively)."""
    from qqtext.extract.actors import actor_dictionary

    dictionary = actor_dictionary()
    found: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        entry = dictionary.get(current)
        neighbours = list(entry.member_of) if entry else []
        neighbours += [e.canonical for e in dictionary.values() if current in e.member_of]
        for other in neighbours:
            if other not in found and other != name:
                found.add(other)
                pending.append(other)
    return frozenset(found)

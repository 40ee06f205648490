"""单选/多选: which body bears a duty."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from qqtext.exercises.generate._common import (
    _DEONTIC_LABELS, RE_ADVERBIAL_OPENING, RE_NEEDS_CONTEXT, RE_SCOPE, _balanced, _clauses, _Context, _dedupe, _display, _following, _make,
    _norms, _options, _rng, audience_for, lacks_object,
)
from qqtext.exercises.generate.distractors import UMBRELLA_ACTORS, _overlapping, _related, is_generic
from qqtext.exercises.model import Question
from qqtext.extract.subjects import agent_head, subject_before
from qqtext.model import Document

if TYPE_CHECKING:
    import networkx as nx

    from qqtext.extract.duties import Duty
    from qqtext.extract.norms import Norm


def generate_which_body(doc: Document, graph: nx.MultiDiGraph | None = None, *, seed: int,
                        duties: Iterable[Duty] | None = None, norms: Iterable[Norm] | None = None) -> list[Question]:
    """Which body bears this duty: single choice, or multiple choice when several bodies do.

    Questions come from the duties the text names a body for (X 担负…责任, X 要做好…工作, 加强对…的监督,
    解释工作由X承担) and from obligations and prohibitions whose clause opens with its actor
    (司法、执法、执纪机关在办案中应当…). The stem is the clause with the bodies replaced by 下列哪一主体 /
    下列哪些主体. Distractors are actor nodes of the article graph: first actors that bear duties,
    then actors of a correct body's side, then the others; never a correct body, a body consulted on
    the same duty, a group it belongs to or a member of it.

    Args:
        doc: a parsed document.
        graph: its article graph (:func:`qqtext.graph.build_graph`; built when not given).
        seed: the seed.
        duties, norms: what the extractors found (extracted when not given).
    """
    from qqtext.extract.actors import actor_groups, find_actors

    ctx = _Context(doc)
    rng = _rng("which_body", seed)
    norms = _norms(doc, norms)
    if duties is None:
        from qqtext.extract.duties import extract_duties

        duties = extract_duties(doc)
    duties = list(duties)
    if graph is None:
        from qqtext.graph import build_graph

        graph = build_graph(doc, norms=norms, duties=duties)

    from qqtext.extract.actors import actor_dictionary

    graph_actors = _graph_actors(graph)
    written_subjects = frozenset(
        {s for n in norms if not n.actor_implicit for s in (*n.actor_surface, *n.actor)} | set(actor_dictionary())
    )
    # (clause start, clause end) -> (bodies, consulted, targets, topic)
    groups: dict[tuple[int, int], dict] = {}
    for duty in duties:
        if duty.kind != "duty" or duty.relation not in ("responsible_for", "supervises", "interprets", "consults"):
            continue
        found = ctx.sentences.get(duty.unit)
        if found is None:
            continue
        clause = next(((s, e) for s, e in _clauses(found[1]) if s <= duty.span.start < e), None)
        if clause is None:
            continue
        entry = groups.setdefault(clause, {"bodies": [], "consulted": [], "targets": [], "topic": duty.duty,
                                           "implicit": False})
        if duty.relation == "consults":
            entry["consulted"].append(duty.target)
            continue
        entry["implicit"] = entry["implicit"] or duty.body_implicit
        entry["bodies"].append(duty.body)
        if duty.target:
            entry["targets"].append(duty.target)
        if duty.relation == "interprets":
            entry["topic"] = "解释"
    for norm in norms:
        if norm.deontic not in ("obligation", "prohibition") or norm.actor_implicit or not norm.actor \
                or norm.unit in ctx.prohibited_acts:
            continue
        key = (norm.span.start, norm.span.end)
        if any(s <= norm.span.start < e for s, e in groups):
            continue
        groups[key] = {"bodies": list(norm.actor), "consulted": [], "targets": [], "implicit": False,
                       "topic": _DEONTIC_LABELS[norm.deontic], "cue": norm.cue_span.start}

    norm_starts = {n.span.start for n in norms}
    found_unit: dict[tuple[int, int], str] = {}
    for duty in duties:
        if duty.unit in ctx.sentences:
            for s, e in _clauses(ctx.sentences[duty.unit][1]):
                if s <= duty.span.start < e:
                    found_unit[s, e] = duty.unit
    for norm in norms:
        found_unit.setdefault((norm.span.start, norm.span.end), norm.unit)
    questions: list[Question] = []
    for (start, end), entry in sorted(groups.items()):
        bodies = list(dict.fromkeys(entry["bodies"]))
        if entry["implicit"] or not bodies or len(bodies) > 6 or any(b.startswith(("任何", "其他", "其它")) for b in bodies):
            continue
        if all(is_generic(b) for b in bodies):
            continue  # 机关单位, 有关部门: a key holding many bodies leaves no wrong option that is surely wrong
        clause = doc.text[start:end]
        mentions = find_actors(clause, offset=start)
        group = next((g for g in actor_groups(doc.text, mentions) if {m.canonical for m in g} == set(bodies)), None)
        if group is None:
            continue
        group_start, group_end = group[0].start, group[-1].end
        if "cue" in entry:
            subject = subject_before(doc.text, start, entry["cue"])
            between = doc.text[group_end:entry["cue"]]
            if subject is not None and subject.end > group_end or between and agent_head(between) is not None:
                continue  # 政府 of 政府采购评审专家: the body is only part of the subject
        if "cue" in entry and not (group_end <= entry["cue"] and "，" not in doc.text[group_end:entry["cue"]]
                                   and entry["cue"] - group_end <= 15):
            continue
        before = doc.text[start:group_start]
        if RE_SCOPE.match(before):
            before = ""
        elif not before.endswith("由"):
            continue  # the bodies are not the subject of the clause
        _, sentence = ctx.sentences[found_unit[(start, end)]] if (start, end) in found_unit else (None, None)
        if sentence is not None and "cue" in entry:  # a duty (监督责任) is asked as the text words it
            end = _following(doc, sentence, end, stop=norm_starts, limit=70)
            clause = doc.text[start:end]
        place = ctx.place(start, end)
        if place is None:
            continue
        case = _case_before(doc, sentence, start, norm_starts) if sentence is not None else ""
        if case is None:
            continue
        several = len(bodies) > 1
        asked = "下列哪些主体" if several else "下列哪一主体"
        rest = doc.text[group_end:end].rstrip("，；。：,;: ")
        if rest.startswith(("和", "与", "及", "以及", "、", "或")):
            continue  # the subject goes on past the bodies (任何单位和个人)
        names = [_display(b, clause) for b in bodies]
        written = doc.text[group_start:group_end]  # 政府有关部门: 政府 is no distractor for 有关部门
        if len(bodies) == 1 and len(written) <= 12 and not any(mark in written for mark in "、和及或与"):
            names = [written]  # as written, with its level (县级以上人民政府, not 政府): the level is part of the rule
        if any("等" in name for name in names):
            continue  # 食品安全监督管理等部门: a group open to others, any department could be right
        stem = f"根据{ctx.ref}{ctx.cite(place)}，{case}{before}{asked}{rest}？"
        if not _balanced(stem) or any(name in stem for name in (*names, *bodies)):
            continue  # …下列哪一主体大数据管理部门应当…: a stem that names its answer
        if RE_NEEDS_CONTEXT.search(case + before + rest) or RE_ADVERBIAL_OPENING.match(re.split(r"[，,]", rest)[-1]) \
                or _says_too_little(rest, entry.get("cue"), doc.text[group_end:entry.get("cue", group_end)]):
            continue  # 有下列情形之一的，…; 下列哪一主体应当依法处理 / 应当同意 (what?): no reader can answer it
        if any(_echoes(name, stem) for name in names):
            continue  # 信访部门 for …处理信访诉求: the stem's words point at the key
        exclude = set(bodies) | set(names) | {written} | {c for c in entry["consulted"] if c} | set(entry["targets"])
        wrong = _actor_distractors(graph, bodies, exclude, rng, 2 if several else 3, limit=8 - len(bodies),
                                   known=written_subjects, graph_actors=graph_actors)
        if len(wrong) < (1 if several else 2) or len(set(names)) < len(names):
            continue  # a single choice between two bodies is a coin toss
        options, answer = _options(names, wrong, rng)
        cite = ctx.cite(place)
        explanation = f"{cite}规定：“{clause}”。承担这一职责的是{'、'.join(names)}。"
        if entry["consulted"]:
            explanation += f"（{'、'.join(dict.fromkeys(c for c in entry['consulted'] if c))}是会商的机关，不是承担者。）"
        questions.append(_make(
            ctx, "which_body", type="multiple_choice" if several else "single_choice", stem=stem, options=options,
            answer=answer, explanation=explanation, place=place, start=start, end=end,
            difficulty=1 + several + (len(clause) > 40), audience=audience_for(bodies),
            tags=ctx.tags(place, entry["topic"]),
        ))
    return _dedupe(questions)


def _case_before(doc: Document, sentence, start: int, norm_starts: set[int]) -> str | None:
    """The case a clause's rule is written for, from the clauses before it in its ；-part (投诉人书面申请
    撤回投诉的，): ``""`` when there is none, ``None`` when what comes before is another rule or cannot be
    told apart from one (the stem would drop what the rule depends on)."""
    from qqtext.extract.norms import RE_CONDITION_CLAUSE

    clauses = _clauses(sentence)
    index = next((i for i, (s, _) in enumerate(clauses) if s == start), None)
    if index is None:
        return ""
    case: list[str] = []
    for i in range(index - 1, -1, -1):
        s, e = clauses[i]
        between = doc.text[e:clauses[i + 1][0]]
        if any(mark in between for mark in "；;。：:"):
            break
        if s in norm_starts:
            break  # the clause of another rule: what came before it was its case, not this rule's
        text = doc.text[s:e]
        if not RE_CONDITION_CLAUSE.search(text):
            return None  # a topic or a clause of another kind: the stem cannot hold it as written
        case.insert(0, text + "，")
    return "".join(case)


def _says_too_little(rest: str, cue: int | None, between: str) -> bool:
    """Whether the stem's words after the asked body say too little to tell who acts (应当依法处理,
    应当同意, 负责): nothing but verbs and adverbs, or fewer than five characters."""
    words = rest.replace(between, "", 1) if between else rest
    for cue_word in ("应当", "应", "必须", "不得", "负责", "承担"):
        if words.startswith(cue_word):
            words = words[len(cue_word):]
            break
    return len(words) < 5 or lacks_object(words)


def _graph_actors(G: nx.MultiDiGraph) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """The actors of ``G`` (name -> side, name -> type) and those bearing duties (read once per document:
    a 10,000-article text has hundreds of which-body questions)."""
    nodes = [data for _, data in G.nodes(data=True) if data.get("kind") == "actor"]
    actors = {data["name"]: data.get("side", "") for data in nodes}
    types = {data["name"]: data.get("type", "") for data in nodes}
    duty_bearers = {
        G.nodes[u]["name"] for u, _, data in G.edges(data=True)
        if data.get("relation") in ("responsible_for", "supervises", "sanctions", "interprets")
        and G.nodes[u].get("kind") == "actor"
    }
    return actors, types, duty_bearers


def _actor_distractors(G: nx.MultiDiGraph, correct: Sequence[str], exclude: set[str], rng: random.Random,
                       wanted: int, *, limit: int = 8, known: frozenset[str] | None = None,
                       graph_actors: tuple[dict[str, str], dict[str, str], set[str]] | None = None) -> list[str]:
    """Up to ``wanted`` actors of ``G`` that are not correct: duty-bearers first, then the same side."""
    actors, types, duty_bearers = graph_actors or _graph_actors(G)
    banned = set(exclude) | _related(G, correct) | _overlapping(correct)
    sides = {actors.get(name, "") for name in correct} - {""}
    generic_key = any(is_generic(name) for name in correct)
    kinds = {types.get(name, "") for name in correct if name in types}

    def allowed(name: str) -> bool:
        if generic_key and name in types and types[name] in kinds:
            return False  # a key such as 有关部门 holds any body of its kind
        if len(correct) == 1 and kinds - {""} and types.get(name, "") not in kinds:
            return False  # a court among departments, a company among organs: no reader takes it seriously
        if known is not None and name not in known or _holds_a_verb(name):
            return False  # only a body the text writes as the subject of a rule (no 当事人不服行政机关 fragment)
        return ("等" not in name and name not in banned and name not in UMBRELLA_ACTORS and not is_generic(name) and len(name) <= 12
                and not any(name in other or other in name for other in banned))

    tiers = [
        sorted(n for n in actors if n in duty_bearers),
        sorted(n for n in actors if actors[n] in sides),
        sorted(n for n in actors if actors[n]),
    ]
    chosen: list[str] = []
    for tier in tiers:
        pool = [n for n in tier if allowed(n) and n not in chosen]
        rng.shuffle(pool)
        chosen.extend(pool[: max(0, wanted - len(chosen))])
    return chosen[: max(0, min(wanted, limit))]


def _holds_a_verb(name: str) -> bool:
    """Whether an actor name holds a plain verb (当事人不服行政机关, 组织政府): a fragment, not a body."""
    from qqtext.extract.actors import actor_dictionary
    from qqtext.extract.lexicon import segmenter, word_tags

    if name in actor_dictionary():
        return False
    tags = word_tags()
    return any(tags.get(word, "x") == "v" for word in segmenter().cut(name, HMM=False) if len(word) > 1)


def _echoes(name: str, stem: str) -> bool:
    """Whether the stem holds a word of the key's own modifier (信访 of 信访部门, 平安 of 平安建设组织协调机构
    in …纳入平安建设考核体系)."""
    from qqtext.extract.lexicon import segmenter

    head = agent_head(name)
    modifier = name[: len(name) - len(head)] if head else ""
    modifier = modifier.removeprefix("人民")
    return any(len(word) >= 2 and word in stem for word in segmenter().cut(modifier, HMM=False))

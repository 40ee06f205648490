"""Responsibilities: which body answers for what, and who sanctions whom, each with its article.

Typed relations, found by patterns that recur in Chinese policy texts:

* ``responsible_for``: X 担负/承担/负责 …责任 (主体责任), X 要做好对Z的A、B、C工作 (one duty each:
  团结, 服务, 引导, 教育), report handling (实名举报优先办理…), fault tolerance (容错纠错);
* ``supervises``: X 担负监督责任; 加强对Z的监督 (the body is the document's supervisory actor when
  the sentence names none, flagged implicit);
* ``sanctions``: 给予A、B…直至D (批评教育, 责令检查, 通报, 诫勉, 党纪政务处分), 移交有关国家机关依法处理,
  依法处理 — each with its target (机关单位工作人员 who 违反有关纪律规定, 企业 who 围猎 officials);
* ``interprets`` and ``consults``: 本办法…解释工作由X商Y承担 (X interprets, consulting Y).

>>> from qqtext import load_document
>>> duties = extract_duties(load_document("jinan-2019"))
>>> sorted({(d.body, d.relation, d.duty) for d in duties if d.article == 14})
[('党委', 'responsible_for', '主体责任'), ('政府', 'responsible_for', '主体责任'), ('纪检监察机关', 'supervises', '监督责任'), ('职能部门', 'responsible_for', '主体责任')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from qqtext.extract.actors import ActorMention, find_actors
from qqtext.model import Article, Document, Sentence, Span

__all__ = ["Duty", "Relation", "extract_duties", "supervisory_body"]

Relation = Literal["responsible_for", "supervises", "sanctions", "interprets", "consults"]

# (?!人) keeps out the sanction boilerplate 直接负责的主管人员和其他直接责任人员: persons to be sanctioned, not a duty
RE_RESPONSIBILITY = re.compile(r"(?:应当|要|须)?(?:担负|承担|负)(?!责的)(?:起)?(?P<duty>[^，。；、]{0,16}?(?:主体|监督|领导|管理|属地|直接)责任)(?!人)")
RE_WORK = re.compile(r"做好(?:对(?P<target>[^，。；]{1,20}?)的)?(?P<list>(?!下列|以下|如下)[^，。；]{1,30}?)工作")
RE_SUPERVISION = re.compile(r"加强对(?P<target>[^，。；]{1,30}?)的监督")
RE_REPORTS = re.compile(r"(?P<what>举报|投诉)[^。；]{0,12}?(?:优先办理|及时办理|依法办理|核查|处理)")
RE_TOLERANCE = re.compile(r"容错纠错|容错免责")
RE_SANCTION_LIST = re.compile(r"(?:依纪依规|依规依纪|依法依规|依规)?给予(?P<list>[^，。；]{2,60}?)(?=[；。，]|$)")
RE_SANCTION_TARGET = re.compile(r"对(?:于)?(?P<target>[^，。；]{1,40}?)(?:违反|通过|涉嫌|有)")
RE_TRANSFER = re.compile(r"移交(?P<to>有关国家机关|司法机关|监察机关|纪检监察机关)(?:依法)?处理")
RE_LAWFUL = re.compile(r"(?<!移交有关国家机关)(?:坚决)?依法(?:依规)?(?:处理|查处|追究)")
RE_INTERPRET = re.compile(r"解释(?:工作)?由(?P<bodies>[^。；]{2,40}?)(?:承担|负责)|由(?P<bodies2>[^。；]{2,40}?)负责解释")
RE_SPLIT_LIST = re.compile(r"、|直至|和|及")


@dataclass(frozen=True, slots=True)
class Duty:
    """A typed responsibility of a body, cited to its article.

    Attributes:
        id: ``<sentence id>/duty-<k>``.
        body: canonical actor who bears the duty or applies the sanction.
        relation: ``responsible_for``, ``supervises``, ``sanctions``, ``interprets`` or ``consults``.
        duty: what is owed (主体责任, 监督责任, 团结, 举报办理, 容错纠错, 批评教育, 解释 …).
        kind: ``duty`` or ``sanction``.
        target: the actor the duty or sanction is about, where the text names one (or the consulted
            body for ``consults``).
        body_implicit: the body is not named in the sentence (the document's supervisory body).
        article: the article number; unit: the sentence id; span: the matched text in ``Document.text``.
    """

    id: str
    body: str
    relation: Relation
    duty: str
    kind: Literal["duty", "sanction"]
    target: str | None
    body_implicit: bool
    article: int | None
    unit: str
    span: Span


def _work_tasks(listed: str) -> list[str]:
    """The tasks of 做好A、B工作; a modifier ending in 的 before the first is shared (房屋征收与补偿的宣传、
    解释 -> 房屋征收与补偿的宣传, 房屋征收与补偿的解释)."""
    tasks = [t.strip() for t in RE_SPLIT_LIST.split(listed) if t.strip()]
    if tasks and "的" in tasks[0]:
        shared = tasks[0][: tasks[0].rindex("的") + 1]
        tasks = [tasks[0], *(t if "的" in t else shared + t for t in tasks[1:])]
    return tasks


def supervisory_body(doc: Document) -> str | None:
    """The body a document charges with supervision (…担负起监督责任), or ``None``.

    Only an explicit assignment counts: a supervisory body merely mentioned somewhere (审计机关 in a
    list of bodies) is not taken to supervise everything.
    """
    for sentence, _ in _sentences(doc):
        for match, _, bodies in _responsibilities(sentence.text):
            if "监督" in match.group("duty") and bodies:
                return bodies[0].canonical
    return None


def _responsibilities(text: str) -> Iterator[tuple[re.Match[str], str, list[ActorMention]]]:
    """Each X 担负/承担/负…责任 of a sentence: the match, the duty (主体责任 …) and the bodies X."""
    for match in RE_RESPONSIBILITY.finditer(text):
        duty = re.sub(r"^.*?(?=[^的]{2}责任$)", "", match.group("duty"))
        yield match, duty, _subject_before(text, match.start())


def extract_duties(doc: Document) -> list[Duty]:
    """Every responsibility, supervision, sanction and interpretation duty of ``doc``.

    Where a sentence names no body, the body is inferred from the document and flagged
    ``body_implicit``: its supervisory body (:func:`supervisory_body`) supervises, handles reports and
    applies disciplinary sanctions; those who bear the 主体责任 answer for fault tolerance; the body a
    case is handed to (移交有关国家机关依法处理) handles firms' violations. Nothing else is guessed.
    """
    supervisor = supervisory_body(doc)
    transfers = {a.number: _first_actor(m.group("to")) for a in doc.articles if (m := RE_TRANSFER.search(a.text))}

    primary = tuple(dict.fromkeys(
        mention.canonical
        for sentence, _ in _sentences(doc)
        for _, duty, bodies in _responsibilities(sentence.text) if duty == "主体责任"
        for mention in bodies
    ))
    found: list[Duty] = []
    for sentence, article in _sentences(doc):
        found.extend(_from_sentence(doc, sentence, article, supervisor, primary, transfers.get(article)))
    return found


def _sentences(doc: Document) -> Iterator[tuple[Sentence, int | None]]:
    """Sentences with their article number (``None`` in an 意见-style section)."""
    for unit, sentence in doc.sentences():
        yield sentence, unit.number if isinstance(unit, Article) else None


def _subject_before(text: str, end: int) -> list[ActorMention]:
    """The actors written as the subject of the clause that ``end`` is in (before ``end``)."""
    from qqtext.extract.subjects import subject_before

    clause_start = max(text.rfind(p, 0, end) for p in "，；。") + 1
    subject = subject_before(text, clause_start, end)
    return list(subject.actors) if subject is not None else []


def _from_sentence(
    doc: Document,
    sentence: Sentence,
    article: int | None,
    supervisor: str | None,
    primary: tuple[str, ...],
    handed_to: str | None,
) -> list[Duty]:
    text, base = sentence.text, sentence.span.start
    duties: list[Duty] = []

    def add(body: str, relation: Relation, duty: str, kind: str, target: str | None, implicit: bool, match: re.Match[str]) -> None:
        duties.append(Duty(
            f"{sentence.id}/duty-{len(duties) + 1}", body, relation, duty, kind, target, implicit,  # type: ignore[arg-type]
            article, sentence.id, Span(base + match.start(), base + match.end()),
        ))

    for match, duty, bodies in _responsibilities(text):
        relation: Relation = "supervises" if "监督" in duty else "responsible_for"
        for mention in bodies:
            add(mention.canonical, relation, duty, "duty", None, False, match)

    for match in RE_WORK.finditer(text):
        bodies = _subject_before(text, match.start())
        target = _first_actor(match.group("target") or "")
        for task in _work_tasks(match.group("list")):
            for mention in bodies:
                add(mention.canonical, "responsible_for", task, "duty", target, False, match)

    for match in RE_SUPERVISION.finditer(text):
        named = _subject_before(text, match.start())
        targets = [m.canonical for m in find_actors(match.group("target"))] or [None]
        bodies = [(m.canonical, False) for m in named] or ([(supervisor, True)] if supervisor else [])
        for body, implicit in bodies:
            for target in dict.fromkeys(targets):
                add(body, "supervises", "监督", "duty", target, implicit, match)

    for match in RE_REPORTS.finditer(text):
        if supervisor:
            add(supervisor, "responsible_for", f"{match.group('what')}办理", "duty", None, True, match)

    for match in RE_TOLERANCE.finditer(text):
        named = _subject_before(text, match.start())
        target = _first_actor(text[match.end():])
        # with no body named, those who bear the 主体责任 (第十四条) answer for it, flagged implicit
        for body, implicit in [(m.canonical, False) for m in named] or [(b, True) for b in primary]:
            add(body, "responsible_for", match.group(), "duty", target, implicit, match)

    duties.extend(_sanctions(sentence, article, supervisor, handed_to, len(duties)))

    for match in RE_INTERPRET.finditer(text):
        bodies_text = match.group("bodies") or match.group("bodies2")
        parts = re.split(r"商|会同", bodies_text, maxsplit=1)
        for mention in find_actors(parts[0]):
            add(mention.canonical, "interprets", "解释", "duty", None, False, match)
            for consulted in find_actors(parts[1]) if len(parts) > 1 else []:
                add(mention.canonical, "consults", "解释", "duty", consulted.canonical, False, match)
    return duties


def _sanctions(
    sentence: Sentence, article: int | None, supervisor: str | None, handed_to: str | None, numbered: int
) -> list[Duty]:
    """Sanctions of a sentence, clause group by clause group (targets come from 对…违反/通过…)."""
    text, base = sentence.text, sentence.span.start
    out: list[Duty] = []
    target: str | None = None
    for clause in re.finditer(r"[^；。]+", text):
        part = clause.group()
        target_match = RE_SANCTION_TARGET.search(part)
        if target_match:
            target = _first_actor(target_match.group("target")) or target
        found: list[tuple[str, re.Match[str]]] = []
        for match in RE_SANCTION_LIST.finditer(part):
            found += [(s.strip(), match) for s in RE_SPLIT_LIST.split(match.group("list")) if s.strip()]
        for match in RE_TRANSFER.finditer(part):
            found.append((f"移交{match.group('to')}", match))
        for match in RE_LAWFUL.finditer(part):
            if not RE_TRANSFER.search(part):
                found.append(("依法处理", match))
        for sanction, match in found:
            # disciplinary sanctions fall to the supervisory body; a firm's violations to the state
            # organ cases are handed to (移交有关国家机关依法处理), where the text names one
            body = supervisor if target != "企业" else handed_to
            if body is None:
                continue
            out.append(Duty(
                f"{sentence.id}/duty-{numbered + len(out) + 1}", body, "sanctions", sanction, "sanction", target, True,
                article, sentence.id, Span(base + clause.start() + match.start(), base + clause.start() + match.end()),
            ))
    return out


def _first_actor(text: str) -> str | None:
    mentions = find_actors(text)
    return mentions[0].canonical if mentions else None

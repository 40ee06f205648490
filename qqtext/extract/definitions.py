"""Definitions and aliases: 本办法所称X是指…, （以下简称X）, （含Y，下同）.

A definition names a term; an alias makes a short name stand for a longer list (Jinan 第二条:
党的机关、国家机关、民主党派机关、人民团体（以下简称机关单位）); an inclusion widens a term
(民营企业（含个体工商户，下同）). ``members`` lists the canonical actors the term stands for, so
norms addressed to 机关单位 can be linked to each of the four kinds of body.

>>> from qqtext import load_document
>>> [(d.kind, d.term, d.members) for d in extract_definitions(load_document("jinan-2019"))]
[('definition', '政商关系', ()), ('alias', '机关单位', ('党的机关', '国家机关', '民主党派机关', '人民团体')), ('inclusion', '民营企业', ('个体工商户',))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from qqtext.extract.actors import find_actors, segmenter
from qqtext.model import Document, Sentence, Span

__all__ = ["Definition", "DefinitionKind", "extract_definitions"]

DefinitionKind = Literal["definition", "alias", "inclusion"]

RE_DEFINITION = re.compile(r"(?:本(?:办法|条例|规定|准则|细则|意见|法))所称(?P<term>[^，,。；]{1,20}?)[，,]?(?:是指|指|包括)(?P<meaning>[^。]*)")
RE_ALIAS = re.compile(r"[（(](?:以下(?:简称|统称|称)|下称)[“\"]?(?P<term>[^）)”\"]{1,20})[”\"]?[）)]")
RE_INCLUSION = re.compile(r"[（(]含(?P<members>[^，,）)]{1,30})[，,]下同[）)]")
RE_LIST_END = re.compile(r"[，。；：]")


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term.

    Attributes:
        id: ``<doc id>/term-<term>``.
        term: the term defined (政商关系, 机关单位, 民营企业).
        kind: ``definition`` (所称…是指), ``alias`` (以下简称) or ``inclusion`` (含…，下同).
        meaning: the defining text as written (for an alias: the list it abbreviates).
        members: canonical actors the term stands for or includes.
        unit: the sentence id; span: the defining stretch in ``Document.text``.
    """

    id: str
    term: str
    kind: DefinitionKind
    meaning: str
    members: tuple[str, ...]
    unit: str
    span: Span


def extract_definitions(doc: Document) -> list[Definition]:
    """Definitions, aliases and inclusions of ``doc`` in text order."""
    found: list[Definition] = []
    for _, sentence in doc.sentences():
        found.extend(_from_sentence(doc, sentence))
    found.sort(key=lambda d: d.span.start)
    return found


def _from_sentence(doc: Document, sentence: Sentence) -> list[Definition]:
    text, base = sentence.text, sentence.span.start
    out: list[Definition] = []
    for match in RE_DEFINITION.finditer(text):
        term = match.group("term").strip()
        out.append(Definition(f"{doc.id}/term-{term}", term, "definition", match.group("meaning").strip(),
                              (), sentence.id, Span(base + match.start(), base + match.end())))
    for match in RE_ALIAS.finditer(text):
        term = match.group("term").strip()
        listed_start = _list_start(text, match.start())
        listed = text[listed_start:match.start()]
        members = _members(listed, term)
        out.append(Definition(f"{doc.id}/term-{term}", term, "alias", listed, members, sentence.id,
                              Span(base + listed_start, base + match.end())))
    for match in RE_INCLUSION.finditer(text):
        before = text[_list_start(text, match.start()):match.start()]
        owners = find_actors(before)
        term = owners[-1].surface if owners else _last_noun(before)
        members = _members(match.group("members"), term)
        out.append(Definition(f"{doc.id}/term-{term}", term, "inclusion", match.group("members"), members,
                              sentence.id, Span(base + match.start(), base + match.end())))
    return out


def _members(phrase: str, term: str) -> tuple[str, ...]:
    """The bodies a defining phrase lists, read as one noun phrase (县级以上人民政府财政部门及其派出机构:
    财政部门, 派出机构; not the owning 政府)."""
    from qqtext.extract.subjects import subject_before

    phrase = phrase.rstrip()
    subject = subject_before(phrase, 0, len(phrase), before_cue=False, opening_phrase=True)
    if subject is None or subject.end != len(phrase):
        return ()  # not one noun phrase (决策机关应当明确…的单位): no members can be read off it
    return tuple(dict.fromkeys(m.canonical for m in subject.actors if m.canonical != term))


def _last_noun(text: str) -> str:
    """The noun phrase a parenthesis follows: the last word, with the one before if it is short."""
    words = [w for w in segmenter().lcut(text) if w.strip()]
    if not words:
        return text
    return "".join(words[-2:]) if len(words[-1]) <= 2 and len(words) > 1 else words[-1]


def _list_start(text: str, end: int) -> int:
    """Start of the enumeration that ends at ``end``: after the last 是指/，/。 before it, skipping 各级/市."""
    cut = max(text.rfind(marker, 0, end) + len(marker) if text.rfind(marker, 0, end) >= 0 else 0
              for marker in ("是指", "，", "。", "；", "："))
    prefix = re.match(r"(?:[\u4e00-\u9fff]{1,4}?各级|各级|本市|全市)", text[cut:end])
    return cut + (prefix.end() if prefix else 0)

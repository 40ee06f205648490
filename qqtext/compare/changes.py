"""What changed in the rules between two aligned provisions: who must do what, by when, or else what.

Two versions of an article can read almost alike and still change the rule: 可以 became 应当, a
60-day payment limit was added, the fine went from 五十万元 to 五百万元. For every aligned pair the
norms of both sides (:func:`qqtext.extract.norms.extract_norms`: deontic cue, actor, aim, conditions)
and the quantities and sanctions written in them are compared, A read as *before* and B as *after*:

* **norms** are matched one to one, best first, on the character bigrams of what they require (their
  statement with the cue taken out, or, with a model, on their meaning; the same actor counts for
  more); a norm like none of the other side is ``…_added`` (only in B) or ``…_removed`` (only in A),
  named by its deontic class: obligation, prohibition, permission, encouragement, discouragement (two
  norms of one side written as one norm of the other are one matched pair and no removal); a norm in a
  statement of purpose (为了…，鼓励创新，…，制定本法) binds no one and is left out;
* in a matched pair, **deontic force**: a permission or encouragement that became an obligation (可以 →
  应当), or 不提倡 that became 不得, is ``deontic_strengthened``, the reverse ``deontic_weakened``; an
  obligation that became a prohibition (or a permission a prohibition) is ``deontic_reversed``;
  permission ↔ encouragement is ``deontic_changed``; another cue of the same class (应 → 应当, 可 → 可以,
  严禁 → 禁止) changes nothing;
* the **actor** (the canonical bodies of the norm) changed, where both sides name one, level words
  (县级以上人民政府…), variant characters (帐/账), short forms (企业事业/企事业), 其他组织/非法人组织 (renamed
  by the Civil Code) and quantities (满二年的 → 满一年的: a change of its own) aside: ``actor_changed``;
* **conditions** (…的, 经…批准, 在…中) without a counterpart on the other side (bigram Ochiai below
  :data:`SAME_CONDITION`) and not written there at all (:data:`HELD`), and cases added to or dropped
  from a list of the cases a rule applies to (有下列行为之一的，…：（一）…): ``condition_added`` /
  ``condition_removed``;
* **quantities** (三十日, 60日, 五十万元, 百分之十, 3倍, 5人; dates such as 2020年1月1日 are not rules):
  numerals are read as values (三十日 and 30日 are equal, 五十万元 is 500,000 元); what one side has and
  the other lacks is paired by kind in text order: ``deadline_changed`` (days, months, years, hours),
  ``amount_changed`` (money), ``number_changed`` (percentages, multiples, counts), or ``…_added`` /
  ``…_removed`` when only one side has such a quantity;
* **sanctions** named (罚款, 没收违法所得, 吊销营业执照, 警告, 记过, 开除, 追究刑事责任 …): ``sanction_added`` /
  ``sanction_removed``.

A pair is ``copied`` only when none of these changed (:func:`rule_changes` is empty).

>>> from qqtext.parse import parse_text
>>> a = parse_text("第一条 采购人可以在三十日内支付款项。", doc_id="old")
>>> b = parse_text("第一条 采购人应当在六十日内支付款项。", doc_id="new")
>>> [(c.kind, c.before, c.after) for c in rule_changes(a, [a.article(1)], b, [b.article(1)])]
[('deontic_strengthened', '可以', '应当'), ('deadline_changed', '三十日', '六十日')]
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from qqtext.compare.quantities import RE_QUANTITY, Quantity, SideText, quantities, sanctions
from qqtext.extract.norms import Norm, extract_norms
from qqtext.model import Article, Document, Item, Section, Span

if TYPE_CHECKING:
    import pandas as pd

    from qqtext.compare.align import Alignment
    from qqtext.compare.semantic import Encoder

__all__ = [
    "Change",
    "CHANGE_KINDS",
    "CHANGE_COLUMNS",
    "rule_changes",
    "change_rows",
    "changes_frame",
    "change_counts",
    "SAME_NORM",
    "SAME_CONDITION",
]

#: Every kind of change, with the label users see.
CHANGE_KINDS: dict[str, str] = {
    "deontic_strengthened": "义务加强",
    "deontic_weakened": "义务减弱",
    "deontic_reversed": "规范反转",
    "deontic_changed": "规范类型改变",
    "obligation_added": "新增义务",
    "obligation_removed": "删除义务",
    "prohibition_added": "新增禁止",
    "prohibition_removed": "删除禁止",
    "permission_added": "新增许可",
    "permission_removed": "删除许可",
    "encouragement_added": "新增鼓励",
    "encouragement_removed": "删除鼓励",
    "discouragement_added": "新增不提倡",
    "discouragement_removed": "删除不提倡",
    "actor_changed": "主体改变",
    "condition_added": "新增条件",
    "condition_removed": "删除条件",
    "deadline_changed": "期限改变",
    "deadline_added": "新增期限",
    "deadline_removed": "删除期限",
    "amount_changed": "金额改变",
    "amount_added": "新增金额",
    "amount_removed": "删除金额",
    "number_changed": "数值改变",
    "number_added": "新增数值",
    "number_removed": "删除数值",
    "sanction_added": "新增处罚",
    "sanction_removed": "删除处罚",
}
ChangeKind = Literal[
    "deontic_strengthened", "deontic_weakened", "deontic_reversed", "deontic_changed",
    "obligation_added", "obligation_removed", "prohibition_added", "prohibition_removed",
    "permission_added", "permission_removed", "encouragement_added", "encouragement_removed",
    "discouragement_added", "discouragement_removed", "actor_changed", "condition_added", "condition_removed",
    "deadline_changed", "deadline_added", "deadline_removed", "amount_changed", "amount_added", "amount_removed",
    "number_changed", "number_added", "number_removed", "sanction_added", "sanction_removed",
]

#: Bigram Ochiai two norms' requirements need to be matched (the same actor adds :data:`SAME_ACTOR_BONUS`).
SAME_NORM = 0.35
SAME_ACTOR_BONUS = 0.15
#: The semantic cosine of two requirements counts for this share of a bigram match.
SEMANTIC_WEIGHT = 0.6
#: Bigram Ochiai at which two conditions are the same condition reworded.
SAME_CONDITION = 0.5
#: A condition or listed case whose bigrams are this much in the other side's text is no change.
HELD = 0.8

#: Binding force and direction of each deontic class.
_FORCE = {"permission": 1, "encouragement": 1, "discouragement": 1, "obligation": 2, "prohibition": 2}
_POSITIVE = {"permission": True, "encouragement": True, "obligation": True, "discouragement": False, "prohibition": False}

RE_NOT_WORD = re.compile(r"[\W_]+")
#: A statement of purpose (为了…，制定本法): what it names (鼓励创新) is an aim of the law, not a norm.
RE_PURPOSE = re.compile(r"^(?:第[^条\s]{1,8}条\s*)?(?:为了|为)[^。]*?制定本(?:法|条例|规定|办法|细则|准则|决定)")
#: A lead-in (ending in ：) whose items are the cases a rule applies to (有下列行为之一的，由…责令改正：).
RE_CASES_LEAD = re.compile(r"(?:有|存在|属于|具有|出现|发生)(?:下列|以下|如下)[^，；。：:]{0,12}?(?:的|之一)")
#: The level words of a body (县级以上人民政府统计机构 is 统计机构 at a level): not a change of actor.
RE_LEVEL = re.compile(r"^(?:地方各级|各级|县级以上地方|县级以上|设区的市级以上|设区的市|省级|市级|县级|乡级|本级|上级|同级)?(?:人民)?(?:政府)?")


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a rule between an aligned pair, A read as before and B as after.

    Attributes:
        kind: one of :data:`CHANGE_KINDS` (``deontic_strengthened``, ``deadline_changed`` …).
        before, after: what A and B have (可以 / 应当, 三十日 / 六十日, a norm's statement, a condition);
            empty on the side that has nothing.
        a_span, b_span: where in ``Document.text`` of A and B (``None`` on a side without it).
        detail: more context where it helps (the norm whose actor or condition changed).
    """

    kind: ChangeKind
    before: str
    after: str
    a_span: Span | None = None
    b_span: Span | None = None
    detail: str = ""

    @property
    def label(self) -> str:
        """The change as users see it: ``义务加强：可以 → 应当``."""
        name = CHANGE_KINDS[self.kind]
        if self.before and self.after:
            return f"{name}：{self.before} → {self.after}"
        return f"{name}：{self.before or self.after}"


# ------------------------------------------------------------------ norms of a unit


_NORM_CACHE: dict[tuple[str, str], list[Norm]] = {}
_NORM_CACHE_SIZE = 16


def _document_norms(doc: Document) -> list[Norm]:
    key = (doc.id, doc.text)
    norms = _NORM_CACHE.pop(key, None)
    if norms is None:
        norms = extract_norms(doc)
    _NORM_CACHE[key] = norms
    while len(_NORM_CACHE) > _NORM_CACHE_SIZE:
        del _NORM_CACHE[next(iter(_NORM_CACHE))]
    return norms


def _unit_norms(doc: Document, units: Sequence[Article | Section | Item]) -> list[Norm]:
    spans = [unit.span for unit in units]
    return [n for n in _document_norms(doc)
            if any(s.start <= n.span.start and n.span.end <= s.end for s in spans) and not _in_purpose(doc, n)]


def _in_purpose(doc: Document, norm: Norm) -> bool:
    """Whether the norm is inside the statement of purpose (为了…，鼓励创新，…，制定本法): it binds no one."""
    start = max(doc.text.rfind(mark, 0, norm.span.start) for mark in "。\n") + 1
    ends = [k for k in (doc.text.find(mark, norm.span.end) for mark in "。\n") if k >= 0]
    return bool(RE_PURPOSE.match(doc.text[start:min(ends) if ends else len(doc.text)].strip()))


# ------------------------------------------------------------------ comparing


def _bigrams(text: str) -> frozenset[str]:
    chars = RE_NOT_WORD.sub("", text)
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1)) if len(chars) > 1 else frozenset(chars)


def _ochiai(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _requirement(norm: Norm) -> str:
    """What a norm requires, without its cue: compared to match norms across versions.

    An item that carries its lead-in's cue (（一）款项和有价证券的收付 under 下列经济业务事项，应当…) is
    its own text: the lead-in is the same for every item of the list.
    """
    if norm.cue_implicit:
        return norm.text
    statement = norm.statement or f"{norm.aim}{norm.object or ''}"
    return statement.replace(norm.cue, "", 1)


def _rule_only(norm: Norm, statement: str) -> str:
    """A norm's requirement (``statement``) without the cases it opens with: two rules on one case
    (经营者集中达到…标准的，应当申报 / 经营者集中未达到…标准，但…的，可以要求申报) are not worded alike for that."""
    for case in sorted(norm.conditions, key=len, reverse=True):
        if statement.startswith(case + "，"):
            return statement[len(case) + 1:]
    return statement


def _shown(norm: Norm) -> str:
    """A norm as a change shows it: its statement, or an item's own text."""
    return norm.text if norm.cue_implicit else (norm.statement or norm.text)


#: Variant characters legal texts write either way (会计帐簿 / 会计账簿): not a change.
VARIANTS = str.maketrans({"帐": "账"})
#: Full and short forms of one name (公用企业事业单位 / 公用企事业单位).
RE_SHORT_FORMS = re.compile("企业事业")
#: 其他组织 and 非法人组织: the name the Civil Code (2020) gave to the same organisations.
RE_OTHER_ORGANISATION = re.compile("(?:其他|非法人)组织")


def _actor_key(actor: str) -> str:
    actor = RE_SHORT_FORMS.sub("企事业", actor.translate(VARIANTS))
    actor = RE_OTHER_ORGANISATION.sub("组织", actor)
    actor = RE_QUANTITY.sub("", actor)  # 依法登记满二年的慈善组织: the number is a change of its own
    return RE_LEVEL.sub("", actor, count=1) or actor


def _actors(norm: Norm) -> frozenset[str]:
    """A norm's actors compared without variant characters or level words (政府统计机构 = 统计机构)."""
    return frozenset(_actor_key(actor) for actor in norm.actor)


def _match(a: list[Norm], b: list[Norm], encoder: Encoder | None) -> tuple[list[tuple[Norm, Norm]], list[Norm], list[Norm]]:
    required_a, required_b = [_requirement(n) for n in a], [_requirement(n) for n in b]
    grams_a = [_bigrams(r.translate(VARIANTS)) for r in required_a]
    grams_b = [_bigrams(r.translate(VARIANTS)) for r in required_b]
    rule_a = [_bigrams(_rule_only(n, r).translate(VARIANTS)) for n, r in zip(a, required_a)]
    rule_b = [_bigrams(_rule_only(n, r).translate(VARIANTS)) for n, r in zip(b, required_b)]
    meaning = None
    if encoder is not None and a and b:
        vectors = _vectors(encoder, required_a + required_b)
        meaning = vectors[:len(a)] @ vectors[len(a):].T
    scored = []
    alike: set[tuple[int, int]] = set()  # alike in wording (and actor), not only in meaning
    for i, na in enumerate(a):
        for j, nb in enumerate(b):
            wording = _ochiai(grams_a[i], grams_b[j])
            bonus = SAME_ACTOR_BONUS if _actors(na) & _actors(nb) else 0.0
            score = max(wording, float(meaning[i, j]) * SEMANTIC_WEIGHT) if meaning is not None else wording
            if score + bonus >= SAME_NORM:
                scored.append((-(score + bonus), i, j))
            both_cased = rule_a[i] != grams_a[i] and rule_b[j] != grams_b[j]
            if wording + bonus >= SAME_NORM and (not both_cased or _ochiai(rule_a[i], rule_b[j]) + bonus >= SAME_NORM):
                alike.add((i, j))  # two rules on one case must be worded alike in the rule itself
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in sorted(scored):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    pairs.sort()
    # a norm is added or removed only if nothing on the other side is worded like it: two norms of one
    # version written as one of the other (…应当依照法定程序进行；…应当依法予以补偿 / …进行，并依法…补偿)
    # are matched once, and the second is not reported as gone (alike in meaning alone is not enough:
    # norms of one article are all about one matter)
    similar_a = {i for i, _ in alike}
    similar_b = {j for _, j in alike}
    return ([(a[i], b[j]) for i, j in pairs], [n for k, n in enumerate(a) if k not in used_a and k not in similar_a],
            [n for k, n in enumerate(b) if k not in used_b and k not in similar_b])


def _vectors(encoder: Encoder, texts: list[str]):
    import numpy as np

    from qqtext.compare.semantic import DomainVectors

    if isinstance(encoder, DomainVectors):
        return encoder.encode(texts)
    matrix = np.asarray(encoder.encode(texts), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _deontic_change(a: Norm, b: Norm) -> str | None:
    if a.deontic == b.deontic:
        return None
    if _POSITIVE[a.deontic] != _POSITIVE[b.deontic]:
        return "deontic_reversed"
    if _FORCE[b.deontic] > _FORCE[a.deontic]:
        return "deontic_strengthened"
    if _FORCE[b.deontic] < _FORCE[a.deontic]:
        return "deontic_weakened"
    return "deontic_changed"


def _held(text: str, other: frozenset[str]) -> bool:
    """Whether ``text`` is written on the other side too (its bigrams at least :data:`HELD` in ``other``)."""
    grams = _bigrams(text.translate(VARIANTS))
    return bool(grams) and len(grams & other) / len(grams) >= HELD


def _condition_changes(a: Norm, b: Norm, text_a: frozenset[str], text_b: frozenset[str]) -> list[Change]:
    out = []
    grams_a = [_bigrams(c.translate(VARIANTS)) for c in a.conditions]
    grams_b = [_bigrams(c.translate(VARIANTS)) for c in b.conditions]
    for k, condition in enumerate(b.conditions):
        if not any(_ochiai(grams_b[k], g) >= SAME_CONDITION for g in grams_a) and not _held(condition, text_a):
            out.append(Change("condition_added", "", condition, None, b.span, _shown(b)))
    for k, condition in enumerate(a.conditions):
        if not any(_ochiai(grams_a[k], g) >= SAME_CONDITION for g in grams_b) and not _held(condition, text_b):
            out.append(Change("condition_removed", condition, "", a.span, None, _shown(a)))
    return out


def _norm_changes(a_norms: list[Norm], b_norms: list[Norm], encoder: Encoder | None,
                  text_a: frozenset[str], text_b: frozenset[str]) -> list[Change]:
    matched, only_a, only_b = _match(a_norms, b_norms, encoder)
    out: list[Change] = []
    for na, nb in matched:
        kind = _deontic_change(na, nb)
        if kind:
            out.append(Change(kind, na.cue, nb.cue, na.cue_span, nb.cue_span, _shown(nb)))
        if na.actor and nb.actor and _actors(na) != _actors(nb):
            out.append(Change("actor_changed", "、".join(na.actor), "、".join(nb.actor), na.span, nb.span, _shown(nb)))
        out.extend(_condition_changes(na, nb, text_a, text_b))
    for norm in only_b:
        out.append(Change(f"{norm.deontic}_added", "", _shown(norm), None, norm.span))  # type: ignore[arg-type]
    for norm in only_a:
        out.append(Change(f"{norm.deontic}_removed", _shown(norm), "", norm.span, None))  # type: ignore[arg-type]
    return out


def _inside(span: Span, blocks: list[tuple[int, int]]) -> bool:
    return any(start <= span.start and span.end <= end for start, end in blocks)


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _pair_quantities(gone: list[Quantity], new: list[Quantity], side_a: SideText, side_b: SideText,
                     out: list[Change]) -> tuple[list[Quantity], list[Quantity]]:
    """Pair what one side lost with what the other gained, kind by kind in text order; return the rest."""
    # a value the other side has too (三十日 / 30日, or 五年 once for twice in a merge) is no change
    values_a = {(q.unit, q.value) for q in gone}
    values_b = {(q.unit, q.value) for q in new}
    gone = [q for q in gone if (q.unit, q.value) not in values_b]
    new = [q for q in new if (q.unit, q.value) not in values_a]
    rest_a, rest_b = [], []
    for kind in ("deadline", "amount", "number"):
        left = [q for q in gone if q.kind == kind]
        right = [q for q in new if q.kind == kind]
        for q_a, q_b in zip(left, right):
            out.append(Change(f"{kind}_changed", q_a.text, q_b.text, side_a.span(q_a.span.start, q_a.span.end), side_b.span(q_b.span.start, q_b.span.end)))  # type: ignore[arg-type]
        rest_a.extend(left[len(right):])
        rest_b.extend(right[len(left):])
    return rest_a, rest_b


def _quantity_changes(side_a: SideText, side_b: SideText) -> list[Change]:
    """Quantities that differ: read where the texts differ (a character diff), then what moved."""
    qa, qb = quantities(side_a.text), quantities(side_b.text)
    if not qa and not qb:
        return []
    matcher = difflib.SequenceMatcher(None, side_a.text, side_b.text, autojunk=False)
    opcodes = matcher.get_opcodes()
    equal_a = [(i1, i2) for op, i1, i2, _, _ in opcodes if op == "equal"]
    equal_b = [(j1, j2) for op, _, _, j1, j2 in opcodes if op == "equal"]
    left = [q for q in qa if not _inside(q.span, equal_a)]
    right = [q for q in qb if not _inside(q.span, equal_b)]
    out: list[Change] = []
    rest_a: list[Quantity] = []
    rest_b: list[Quantity] = []
    for op, i1, i2, j1, j2 in opcodes:  # 三十日 → 六十日 where the texts differ
        if op == "equal":
            continue
        gone = [q for q in left if _overlaps(q.span, i1, max(i2, i1 + 1)) and q not in rest_a]
        new = [q for q in right if _overlaps(q.span, j1, max(j2, j1 + 1)) and q not in rest_b]
        left = [q for q in left if q not in gone]
        right = [q for q in right if q not in new]
        more_a, more_b = _pair_quantities(gone, new, side_a, side_b, out)
        rest_a.extend(more_a)
        rest_b.extend(more_b)
    rest_a, rest_b = _pair_quantities(rest_a + left, rest_b + right, side_a, side_b, out)  # moved elsewhere
    out.extend(Change(f"{q.kind}_added", "", q.text, None, side_b.span(q.span.start, q.span.end)) for q in rest_b)  # type: ignore[misc]
    out.extend(Change(f"{q.kind}_removed", q.text, "", side_a.span(q.span.start, q.span.end), None) for q in rest_a)  # type: ignore[misc]
    return out


def _named_sanctions(side: SideText) -> list[tuple[str, Span | None]]:
    return [(name, side.span(start, end)) for name, start, end in sanctions(side.text)]


def _sanction_changes(sa: list[tuple[str, Span | None]], sb: list[tuple[str, Span | None]]) -> list[Change]:
    first_a: dict[str, Span | None] = {}
    first_b: dict[str, Span | None] = {}
    for name, span in sa:
        first_a.setdefault(name, span)
    for name, span in sb:
        first_b.setdefault(name, span)
    out = [Change("sanction_added", "", name, None, span) for name, span in first_b.items() if name not in first_a]
    out.extend(Change("sanction_removed", name, "", span, None) for name, span in first_a.items() if name not in first_b)
    return out


def _cases(doc: Document, units: Sequence[Article | Section | Item]) -> list[tuple[str, Span | None]]:
    """The listed cases of the units (items under 有下列行为之一的：) with their spans."""
    out = []
    for unit in units:
        paragraphs = [] if isinstance(unit, Item) else unit.paragraphs
        for paragraph in paragraphs:
            lead = (paragraph.text or "").rstrip()
            if not lead.endswith(("：", ":")) or not RE_CASES_LEAD.search(lead):
                continue
            for item in paragraph.items:
                text = item.text.rstrip("；;。，, ")
                at = doc.text.find(text, item.span.start, item.span.end + len(text))
                out.append((text, Span(at, at + len(text)) if at >= 0 else None))
    return out


def _case_changes(cases_a: list[tuple[str, Span | None]], cases_b: list[tuple[str, Span | None]],
                  text_a: frozenset[str], text_b: frozenset[str]) -> list[Change]:
    """A case added to or dropped from a list of the cases a rule applies to: a condition added or removed."""
    grams_a = [_bigrams(text.translate(VARIANTS)) for text, _ in cases_a]
    grams_b = [_bigrams(text.translate(VARIANTS)) for text, _ in cases_b]
    out = []
    for k, (text, span) in enumerate(cases_b):
        if not any(_ochiai(grams_b[k], g) >= SAME_CONDITION for g in grams_a) and not _held(text, text_a):
            out.append(Change("condition_added", "", text, None, span, "列举的情形"))
    for k, (text, span) in enumerate(cases_a):
        if not any(_ochiai(grams_a[k], g) >= SAME_CONDITION for g in grams_b) and not _held(text, text_b):
            out.append(Change("condition_removed", text, "", span, None, "列举的情形"))
    return out


def rule_changes(a_doc: Document, a_units: Sequence[Article | Section | Item], b_doc: Document,
                 b_units: Sequence[Article | Section | Item], *, encoder: Encoder | None = None) -> tuple[Change, ...]:
    """What changed in the rules from ``a_units`` of ``a_doc`` to ``b_units`` of ``b_doc`` (see the module docstring).

    Several units on a side (a split or merge) are read together. Changes come in the order: norms
    (deontic, actor, conditions, norms added and removed), quantities, sanctions; the same change
    found twice (an actor that changed in each item of a list) is listed once. With ``encoder``,
    norms are also matched by the meaning of what they require (a reworded norm is one norm changed,
    not one removed and one added).
    """
    side_a, side_b = SideText.of(a_doc, a_units), SideText.of(b_doc, b_units)
    text_a, text_b = _bigrams(side_a.text.translate(VARIANTS)), _bigrams(side_b.text.translate(VARIANTS))
    out = _norm_changes(_unit_norms(a_doc, a_units), _unit_norms(b_doc, b_units), encoder, text_a, text_b)
    out.extend(_case_changes(_cases(a_doc, a_units), _cases(b_doc, b_units), text_a, text_b))
    out.extend(_quantity_changes(side_a, side_b))
    out.extend(_sanction_changes(_named_sanctions(side_a), _named_sanctions(side_b)))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for change in out:
        key = (change.kind, change.before, change.after)
        if key not in seen:
            seen.add(key)
            unique.append(change)
    return tuple(unique)


# ------------------------------------------------------------------ tables

#: The columns of :func:`change_rows`.
CHANGE_COLUMNS = (
    "a_doc", "a_article", "a_item", "b_doc", "b_article", "b_item", "group", "kind", "change", "before", "after",
    "detail", "a_start", "a_end", "b_start", "b_end",
)


def change_rows(alignments: Iterable[Alignment]) -> list[dict[str, Any]]:
    """One dict per change of every aligned pair, with the columns :data:`CHANGE_COLUMNS`.

    A split or merge lists its changes once (on its first row).
    """
    rows = []
    for al in alignments:
        for change in al.changes:
            rows.append({
                "a_doc": al.a_doc, "a_article": al.a_article, "a_item": al.a_item,
                "b_doc": al.b_doc, "b_article": al.b_article, "b_item": al.b_item, "group": al.group,
                "kind": change.kind, "change": CHANGE_KINDS[change.kind], "before": change.before,
                "after": change.after, "detail": change.detail,
                "a_start": change.a_span.start if change.a_span else None,
                "a_end": change.a_span.end if change.a_span else None,
                "b_start": change.b_span.start if change.b_span else None,
                "b_end": change.b_span.end if change.b_span else None,
            })
    return rows


def changes_frame(alignments: Iterable[Alignment]) -> pd.DataFrame:
    """The rows of :func:`change_rows` as a pandas DataFrame (numbers and offsets as ``Int64``)."""
    import pandas as pd

    frame = pd.DataFrame(change_rows(alignments), columns=list(CHANGE_COLUMNS))
    for column in ("a_article", "a_item", "b_article", "b_item", "group", "a_start", "a_end", "b_start", "b_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def change_counts(alignments: Iterable[Alignment]) -> dict[str, int]:
    """How many changes of each kind (kinds that occur, in the order of :data:`CHANGE_KINDS`)."""
    counts = dict.fromkeys(CHANGE_KINDS, 0)
    for al in alignments:
        for change in al.changes:
            counts[change.kind] += 1
    return {kind: n for kind, n in counts.items() if n}

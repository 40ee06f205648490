"""What every generator shares: where a passage is, how it is cited and tagged, its options, seeds and clauses."""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qqtext.exercises.model import Option, Question, Source
from qqtext.metadata import self_reference
from qqtext.model import Article, Document, Heading, Section, Sentence
from qqtext.numerals import to_chinese_number

if TYPE_CHECKING:
    from qqtext.extract.norms import Norm

_GOVERNMENT_SIDES = frozenset({"government", "supervisory"})
_DEONTIC_LABELS = {
    "obligation": "义务", "prohibition": "禁止", "permission": "许可", "encouragement": "鼓励", "discouragement": "不提倡",
}
RE_CLAUSE = re.compile(r"[^，；：,;:。！？!?]+")
RE_LEAD_CONJ = re.compile(r"^(?:但是|但|并且|并|且|同时|而且|而|也)(?=.)")
RE_INNER_CONDITION = re.compile(
    r"经[^，；。]{1,12}?(?:批准|同意|审批)|在[^，；。]{1,12}?(?:中|时|期间|内)|确有需要|确因工作需要|原则上|一般|严格|及时|依法|依规"
)
RE_SCOPE = re.compile(
    r"^(?:各级|县级以上|地方各级|地方|本级|上级|下级|同级|本市|我市|全市|本省|全省|[省市县区乡镇]|[、（）()]|各|凡|任何|同时|并|但|且|另外)*$"
)
#: A quantity a rule sets (三十日, 60日, 一年, 10人, 五万元): a false statement may change it.
RE_QUANTITY = re.compile(
    r"(?<![第同统唯单逐专\d零〇一二两三四五六七八九十百千万])(?P<n>\d+|[一二两三四五六七八九十百千]+)"
    r"(?P<unit>个工作日|工作日|个月|日|天|年|小时|周岁|周|人|次|倍|万元|元|%|％)(?![性])"
)
#: Words that point at what a passage alone does not show: a list (下列情形, 以下行为, 如下), another
#: paragraph or item (本条第一款, 前两款, 本款, 前项, 上述). A question quoting them reads as a fragment.
RE_NEEDS_CONTEXT = re.compile(
    r"下列|如下|以下[^，。；、\d]{0,4}?(?:情形|行为|事项|条件|规定|活动|职责|内容|措施|程序|材料|方式|种类|权利|义务)"
    r"|本条第|本款|前[两二三]?款|前[两二三]?项|上述|上一款"
)
#: A short case naming no one (验收合格的, 符合要求的, 有违法所得的, 情节严重的, 违反第四项规定): what is
#: inspected, whose gain, which 第四项 is said before it, so a question opening with it reads as a fragment.
RE_SHORT_CASE = re.compile(r"^[^，,；;。]{2,5}的$|^违反第[一二三四五六七八九十]+项")


def elliptical_case(clause: str) -> bool:
    """Whether ``clause`` is a short case that names no one and refers to what was said before it.

    >>> elliptical_case("验收合格的"), elliptical_case("有违法所得的"), elliptical_case("企业申请补贴的"), elliptical_case("违反第四项规定")
    (True, True, False, True)
    """
    from qqtext.extract.actors import find_actors
    from qqtext.extract.heads import agent_head

    clause = clause.strip()
    if not RE_SHORT_CASE.match(clause):
        return False
    return clause.startswith("违反") or not find_actors(clause) and not any(
        agent_head(clause[:end]) for end in range(2, len(clause)))


#: A clause that is only an adverbial (通过…方式, 按照…规定): the verb it belongs to comes after it.
RE_ADVERBIAL_OPENING = re.compile(
    r"^(?:通过|按照|依照|依据|根据|采取|采用|以)[^，,]*(?:方式|形式|途径|方法|手段|规定|程序|要求|标准|原则|需要|情况|实际)$"
)
#: A later part of the sentence that qualifies the rule (…；但是…, …的除外): a statement without it says
#: more than the text does.
RE_QUALIFIED = re.compile(r"除外|^[，,；;]?\s*(?:但是|但)")


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a passage is: its article (or section), item, chapter."""

    unit: Article | Section
    item: int | None
    chapter: Heading | None

    @property
    def article(self) -> int | None:
        return self.unit.number if isinstance(self.unit, Article) else None


RE_PROHIBITED_LIST = re.compile(r"(?:禁止|不得|严禁|不准|不许|杜绝)(?:有)?(?:下列|以下)[^：:]{0,8}[：:]\s*$")


class _Context:
    """What the generators of one document share: places, sentences, the document's name."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.units: list[Article | Section] = [*doc.articles, *doc.sections]
        self.sentences: dict[str, tuple[Article | Section, Sentence]] = {s.id: (u, s) for u, s in doc.sentences()}
        self.ref = self_reference(doc.kind, doc.text)
        self._ordered = sorted(self.units, key=lambda unit: unit.span.start)
        self._starts = [unit.span.start for unit in self._ordered]
        #: what 第X条 cites: the first article of each number (as Document.article), looked up in O(1)
        self._cited: dict[int, Article] = {}
        for article in doc.articles:
            if article.sub == 0:
                self._cited.setdefault(article.number, article)
        #: sentences of items listing prohibited acts (禁止下列行为：): a cue in them (由市场主体支付应当由
        #: 单位负担的费用) is part of the act, not a norm of its own
        self.prohibited_acts: set[str] = {
            sentence.id
            for unit in self.units for paragraph in unit.paragraphs if RE_PROHIBITED_LIST.search(paragraph.text)
            for item in paragraph.items for sentence in item.sentences
        }

    def place(self, start: int, end: int) -> _Place | None:
        """The place of ``[start, end)``; ``None`` when a citation could not resolve to it."""
        index = bisect.bisect_right(self._starts, start) - 1  # units in text order: the last starting before
        if index < 0:
            return None
        unit = self._ordered[index]
        if not (unit.span.start <= start and end <= unit.span.end):
            return None
        chapter = None
        item = None
        if isinstance(unit, Article):
            if self._cited.get(unit.number) is not unit:
                return None  # a repeated article number: 第X条 would cite the other one
            chapter = next((h for h in self.doc.chapters if unit.number in h.articles), None)
        numbers = [i.number for i in unit.items]
        for candidate in unit.items:
            if candidate.span.start <= start and end <= candidate.span.end and numbers.count(candidate.number) == 1:
                item = candidate.number
        return _Place(unit, item, chapter)

    def source(self, place: _Place, start: int, end: int) -> Source:
        quote = self.doc.text[start:end]
        article = place.article
        return Source(self.doc.id, article, place.item if article is not None else None, quote, start, end)

    def cite(self, place: _Place) -> str:
        """第十三条（五）; for an 意见-style text 第二部分 (第5项)."""
        if place.article is not None:
            return Source(self.doc.id, place.article, place.item, "", 0, 0).citation()
        text = f"第{to_chinese_number(place.unit.number)}部分"
        return text + (f"第{place.item}项" if place.item is not None else "")

    def tags(self, place: _Place, *topics: str) -> tuple[str, ...]:
        found: list[str] = []
        if place.chapter is not None:
            if place.chapter.number:
                found.append(f"第{to_chinese_number(place.chapter.number)}章")
            found.append(place.chapter.title)
        elif isinstance(place.unit, Section):
            found.append(f"第{to_chinese_number(place.unit.number)}部分")
            if place.unit.title:
                found.append(place.unit.title)
        found.extend(t for t in topics if t)
        return tuple(dict.fromkeys(t.strip() for t in found if t and t.strip()))


def _clamp(value: int) -> int:
    return max(1, min(3, value))


def _side(name: str) -> str:
    from qqtext.extract.actors import actor_dictionary

    entry = actor_dictionary().get(name)
    if entry:
        return entry.side
    if name.endswith(("部门", "机关", "委员会", "政府", "党委")):
        return "government"
    return ""


def audience_for(actors: Iterable[str]) -> str:
    """``official`` when the actors are all on the government side (government or supervisory),
    ``business`` when all are business actors, else ``all``.

    >>> audience_for(["机关单位工作人员"]), audience_for(["企业", "企业负责人"]), audience_for(["企业", "政府"])
    ('official', 'business', 'all')
    """
    sides = {_side(a) for a in actors}
    government = bool(sides & _GOVERNMENT_SIDES)
    business = "business" in sides
    if government and not business:
        return "official"
    if business and not government:
        return "business"
    return "all"


def _make(ctx: _Context, name: str, *, type: str, stem: str, answer: Sequence[str], explanation: str,
          place: _Place, start: int, end: int, difficulty: int, audience: str, tags: Sequence[str],
          options: Sequence[Option] = ()) -> Question:
    return Question.create(
        type=type, stem=stem, options=tuple(options), answer=tuple(answer), explanation=explanation,
        source=ctx.source(place, start, end), difficulty=_clamp(difficulty), audience=audience, tags=tuple(tags),
        provenance=f"generator:{name}",
    )


#: At most this many options (选项A–选项F: what printed papers and exam-platform imports hold).
MAX_OPTIONS = 6


def _options(correct: Sequence[str], wrong: Sequence[str], rng: random.Random) -> tuple[tuple[Option, ...], tuple[str, ...]]:
    """Options keyed A, B, C … in a seeded order, and the keys of the correct ones.

    At most :data:`MAX_OPTIONS`, with at least one wrong option where there is one: a long list of
    correct answers is sampled (the stem asks which of the listed options are right).
    """
    keep_wrong = min(len(wrong), max(1, MAX_OPTIONS - len(correct)))
    if len(correct) + keep_wrong > MAX_OPTIONS:
        kept = set(rng.sample(range(len(correct)), MAX_OPTIONS - keep_wrong))
        correct = [t for i, t in enumerate(correct) if i in kept]
    texts = [(t, True) for t in correct] + [(t, False) for t in wrong[:keep_wrong]]
    rng.shuffle(texts)
    options = tuple(Option(chr(ord("A") + i), text) for i, (text, _) in enumerate(texts))
    answer = tuple(o.key for o, (_, ok) in zip(options, texts) if ok)
    return options, answer


def _rng(name: str, seed: int) -> random.Random:
    return random.Random(f"qqtext.generate:{name}:{seed}")


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """``[start, end)`` of each clause of a sentence (split at ，；：。), offsets into Document.text."""
    out = []
    base = sentence.span.start
    for match in RE_CLAUSE.finditer(sentence.text):
        text = match.group()
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            out.append((base + match.start() + lead, base + match.start() + lead + len(stripped)))
    return out


def _following(doc: Document, sentence: Sentence, end: int, *, stop: set[int], limit: int) -> int:
    """Where a clause ending at ``end`` ends with the clauses after it that continue it: in the same
    ；-part, stating no norm of their own (starts in ``stop``), opening with no new subject, not a
    condition (…的, …时), as long as the whole stays within ``limit`` characters of ``end``'s clause."""
    from qqtext.extract.actors import find_actors

    clauses = _clauses(sentence)
    index = next((i for i, (_, e) in enumerate(clauses) if e == end), None)
    if index is None:
        return end
    begin = clauses[index][0]
    for start, stop_at in clauses[index + 1:]:
        between = doc.text[end:start]
        clause = doc.text[start:stop_at]
        if "，" not in between and "," not in between or any(c in between for c in "；;。：:") or start in stop:
            break
        if stop_at - begin > limit or re.search(r"(?:的|时|前|后)$", clause):
            break
        if any(RE_SCOPE.match(clause[: m.start]) for m in find_actors(clause)):
            break  # a new subject
        end = stop_at
    return end


def qualified_after(doc: Document, sentence: Sentence, end: int) -> bool:
    """Whether the rest of ``sentence`` after ``end`` qualifies what comes before (但是…, …除外)."""
    rest = doc.text[end:sentence.span.start + len(sentence.text)]
    return bool(RE_QUALIFIED.search(rest))


def lacks_object(rest: str) -> bool:
    """Whether the words after a cue are only verbs, adverbs and conjunctions, with nothing they act on
    (不得拒绝或者阻挠, 应当及时处理, 应当同意): taken out of its sentence, the rule does not say what."""
    from qqtext.extract.lexicon import segmenter, word_tags

    tags = word_tags()
    words = [w for w in segmenter().cut(rest, HMM=False) if w.strip("，,、；; ")]
    if not words or len(rest) > 8:
        return False
    return all(tags.get(w, "x").startswith(("v", "d", "c", "a", "p")) or len(w) == 1 for w in words)


def _display(name: str, text: str) -> str:
    """An actor as ``text`` writes it: its canonical name, or the dictionary surface form the text uses
    (党政机关 for 党的机关), without scope words."""
    from qqtext.extract.actors import actor_dictionary

    if name in text:
        return name
    entry = actor_dictionary().get(name)
    surfaces = entry.surfaces if entry else ()
    for surface in sorted(surfaces, key=len, reverse=True):
        if surface in text:
            bare = re.sub(r"^(?:各级|县级以上|地方各级|乡镇|本级)", "", surface)
            return bare if bare in surfaces else surface
    return name


_PAIRS = (("（", "）"), ("(", ")"), ("“", "”"), ("《", "》"), ("【", "】"))


def _balanced(text: str) -> bool:
    """Whether every bracket and quote mark of ``text`` is closed (a clause cut inside （含…，下同） is not)."""
    return all(text.count(left) == text.count(right) for left, right in _PAIRS)


def _dedupe(questions: Iterable[Question]) -> list[Question]:
    seen: set[str] = set()
    out = []
    for q in questions:
        stem = re.sub(r"\s+", "", q.stem)
        if q.id in seen or stem in seen:
            continue
        seen.update((q.id, stem))
        out.append(q)
    return out


def _norms(doc: Document, norms: Iterable[Norm] | None) -> list[Norm]:
    if norms is None:
        from qqtext.extract.norms import extract_norms

        return extract_norms(doc)
    return list(norms)


"""Question generators: questions built from any parsed document, each cited to the passage it tests.

Every generator takes a :class:`~qqtext.model.Document` (plus what the extractors found, extracted
here when not given) and a keyword-only ``seed``, and returns a list of
:class:`~qqtext.exercises.model.Question` with ``provenance="generator:<name>"``. Each question
quotes its passage verbatim (``Source.quote == doc.text[Source.start:Source.end]``), cites the
article and item (第十三条（五）) in its 解析 and says there what the text really says, so it passes
:func:`qqtext.exercises.bank.check_questions`. The same document and seed give the same questions.

* :func:`generate_cloze` (填空): a key term of a norm's sentence is blanked. Terms are ranked by
  TF-IDF (:class:`jieba.analyse.TFIDF` with the domain IDF table ``qqtext/data/idf.txt``, built from
  the shared corpus by ``bench/build_idf.py``), with actors of the actor dictionary and deontic cue
  words boosted; function words, punctuation, bare numbers and single characters never are blanked.
* :func:`generate_true_false` (判断): a norm's clause as a statement, true as written, or false with its
  deontic cue flipped (可以 → 不得, 应当 → 不得, 不得 → 可以, 鼓励 → 不提倡 …; see :data:`FLIPS`).
* :func:`generate_which_body` (单选/多选): which body bears a duty (主体责任, 监督责任, 解释 …); the
  distractors are other actors of the article graph, never a correct one.
* :func:`generate_which_article` (单选): which article a verbatim sentence comes from.
* :func:`generate_sanctions` (多选/单选): what sanctions a text provides (distractors such as 罚款 or
  行政拘留 that the text does not contain), to whom they apply, how a case is handled.
* :func:`generate_all`: all of them, without duplicate ids or stems.

Audience: a question on norms addressed only to government-side actors (government, supervisory) is
for ``official``; only to business actors for ``business``; otherwise (both, neither, or unknown)
``all``.

Difficulty (1 easy – 3 hard), by this rule:

=================  ====  ===================================================================
generator          base  +1 each
=================  ====  ===================================================================
cloze              1     the blank is a content term (not an actor or a cue word); the quote
                         is longer than 50 characters
true_false         1     the norm has conditions (经批准, 确有需要 …) or an inherited actor; the
                         statement is longer than 50 characters
which_body         1     several bodies are correct (multiple choice); the clause is longer
                         than 40 characters
which_article      2     all options come from the same chapter (−1 for the first and the
                         last article, which say what any text says there)
sanctions          1     a multiple-choice list (+1 more when it has more than four sanctions);
                         the passage is longer than 60 characters
=================  ====  ===================================================================

Tags: the chapter (``第三章`` and its title ``规范政商交往``; for an 意见-style text the part,
``第二部分`` and its title) and the topic (the deontic type 义务/禁止/许可/鼓励/不提倡, the duty, 条文定位,
责任追究 …).

>>> from qqtext import load_document
>>> doc = load_document("jinan-2019")
>>> q = generate_true_false(doc, seed=1)[0]
>>> q.type, q.provenance, q.source.citation()
('true_false', 'generator:true_false', '第三条')
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from qqtext.exercises.model import BLANK, FALSE, TRUE, Option, Question, Source
from qqtext.extract.norms import RE_CONDITION_CLAUSE
from qqtext.model import Article, Document, Heading, Section, Sentence
from qqtext.numerals import to_chinese_number

if TYPE_CHECKING:
    import networkx as nx

    from qqtext.extract.duties import Duty
    from qqtext.extract.norms import Norm

__all__ = [
    "GENERATORS",
    "STOP_WORDS",
    "CUE_WORDS",
    "FLIPS",
    "SANCTION_DISTRACTORS",
    "HANDLING_DISTRACTORS",
    "idf_table",
    "keyword_extractor",
    "rank_terms",
    "audience_for",
    "generate_cloze",
    "generate_true_false",
    "generate_which_body",
    "generate_which_article",
    "generate_sanctions",
    "generate_all",
]

#: Words never blanked: function words, scope and connective words, and the generic words of policy
#: language (工作, 有关, 进行 …) that a learner could not be expected to recall. jieba's TF-IDF skips
#: them too, so they never rank.
STOP_WORDS: frozenset[str] = frozenset("""
的 了 和 与 及 以及 或 或者 等 等等 并 并且 而 而且 且 但 但是 也 都 又 还 就 即 则 之 其 其他 其它 其中 该 此 这 那 这些 那些
对 对于 在 按 按照 依照 依据 根据 由 为 为了 将 把 被 从 向 于 以 以便 给 跟 同 通过 经 经过 关于 除 除外 以外 之外
是 有 没有 无 不 不予 予以 给予 需 需要 能 能够 可能 所 所称 是指 包括 含 下同 以下 以上 下列 上述 前款 本款 本条 本项
当地 本地 本级 上级 下级 同级 本单位 本部门 本地区 本行政区域
本办法 本条例 本规定 本准则 本细则 本意见 本实施办法 办法 条例 规定 有关规定 相关规定 之一 之日 之日起 起 时 后 前 中 内
有关 相关 各类 各项 各级 各种 各自 各地 各部门 一切 所有 一律 任何 相应 一定 具体 实际 情况 问题 方面 工作 活动 事项
进行 开展 加强 推进 推动 推行 做好 做到 实施 落实 实行 执行 建立 健全 完善 提高 促进 坚持 坚决 切实 积极 严格 认真 及时 进一步 依法 依规 依纪 依法依规
全面 充分 有效 主动 不断 逐步 深入 大力 着力 努力 统一 统筹 规范 加快 加大 强化 注重 确保 保障 保证 实现 形成 作出 做出
""".split())
#: Deontic cues worth blanking or boosting (two characters or more; 可 应 要 须 are single characters).
CUE_WORDS: frozenset[str] = frozenset({
    "不得", "严禁", "禁止", "不许", "不准", "不允许", "可以", "允许", "应当", "必须", "鼓励", "提倡", "不提倡", "支持",
})
#: Deontic flips for false statements: cue -> its opposite.
FLIPS: dict[str, str] = {
    "可以": "不得", "可": "不得", "允许": "不得",
    "应当": "不得", "应": "不得", "必须": "不得", "须": "不得", "要": "不得",
    "不得": "可以", "不许": "可以", "不准": "可以", "不允许": "可以", "严禁": "可以", "禁止": "允许",
    "鼓励": "不提倡", "提倡": "不提倡", "支持": "不提倡", "不提倡": "鼓励", "避免": "提倡",
}
#: Sanctions no 亲清 text of the corpus provides for officials' misconduct: distractors (any the
#: document does contain are dropped).
SANCTION_DISTRACTORS: tuple[str, ...] = (
    "罚款", "行政拘留", "吊销营业执照", "没收违法所得", "责令停产停业", "暂扣许可证件", "降低资质等级", "限制高消费",
)
#: Further distractors for party-discipline lists (警告 … 开除党籍): sanctions of the other system.
PARTY_LIST_DISTRACTORS: tuple[str, ...] = ("记过", "记大过", "降级", "撤职")
#: Wrong ways of handling a case (distractors for "how is it handled").
HANDLING_DISTRACTORS: tuple[str, ...] = (
    "由所在单位内部批评教育了事", "仅作内部通报，不再追究", "责令作出书面检查后免予追究", "由工商联约谈提醒，不予处理",
    "交由企业自行整改，不予追究",
)
#: Names of party and government sanctions that a list may share a 处分 suffix with (警告或者严重警告处分).
_SANCTION_NAMES = frozenset({"警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍", "记过", "记大过", "降级", "撤职", "开除"})
#: Umbrella actors that include many others (a 司法机关 is a 国家机关): never a distractor.
UMBRELLA_ACTORS: frozenset[str] = frozenset({"机关单位", "国家机关", "党的机关", "公职人员", "依法履行公职的单位"})
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
#: Sanctions and measures a list after 给予 may hold (others must end like one: …处分, …检查 …).
_KNOWN_SANCTIONS = _SANCTION_NAMES | frozenset({
    "批评教育", "责令检查", "通报", "通报批评", "诫勉", "谈话提醒", "党纪政务处分", "责令书面检查", "责令作出书面检查",
    "停职检查", "调整职务", "责令辞职", "免职", "降职", "责令公开道歉", "组织调整", "组织处理",
})
_SANCTION_ENDINGS = ("处分", "检查", "教育", "通报", "批评", "诫勉", "提醒", "道歉")
_GENERIC_SANCTIONS = frozenset({
    "处分", "处理", "纪律处分", "党纪处分", "政务处分", "组织处理", "相应处分", "处罚", "行政处罚", "纪律处理",
})

GENERATORS: tuple[str, ...] = ("cloze", "true_false", "which_body", "which_article", "sanctions")

_ACTOR_BOOST = 2.0
_CUE_BOOST = 1.5
_MAX_QUOTE = 80
_GOVERNMENT_SIDES = frozenset({"government", "supervisory"})
_DEONTIC_LABELS = {
    "obligation": "义务", "prohibition": "禁止", "permission": "许可", "encouragement": "鼓励", "discouragement": "不提倡",
}
RE_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]")
RE_NUMBER = re.compile(r"^[\d０-９零〇一二三四五六七八九十百千万亿两几多余.．%％]+$")
RE_ORDINAL = re.compile(r"^第[\d零〇一二三四五六七八九十百千两]+[条款项章节编部]?$")
RE_PUNCT = re.compile(r"[\s\W_]", re.UNICODE)
RE_CLAUSE = re.compile(r"[^，；：,;:。！？!?]+")
RE_LEAD_CONJ = re.compile(r"^(?:但是|但|并且|并|且|同时|而且|而|也)(?=.)")
RE_INNER_CONDITION = re.compile(
    r"经[^，；。]{1,12}?(?:批准|同意|审批)|在[^，；。]{1,12}?(?:中|时|期间|内)|确有需要|确因工作需要|原则上|一般|严格|及时|依法|依规"
)
RE_SCOPE = re.compile(
    r"^(?:各级|县级以上|地方各级|地方|本级|上级|下级|同级|本市|我市|全市|本省|全省|[省市县区乡镇]|[、（）()]|各|凡|任何|同时|并|但|且|另外)*$"
)
RE_GIVE = re.compile(r"(?:依纪依规|依规依纪|依法依规|依规|依法)?给予(?P<list>[^，。；：:]{2,60}?)(?=[；。，：:]|$)")
RE_LIST_SPLIT = re.compile(r"、|直至|或者|以及|和|及|或")
RE_TARGET = re.compile(r"对(?:于)?(?P<target>[^，。；]{1,40}?)(?:违反|通过|涉嫌|有|利用|在)")
RE_TRANSFER = re.compile(r"移交(?:有关国家机关|司法机关|监察机关|纪检监察机关|有关机关)(?:依法)?处理")
RE_LAWFUL = re.compile(r"(?:坚决)?依法(?:依规)?(?:处理|查处|追究[^，。；：]{0,8})")


# ------------------------------------------------------------------ TF-IDF


@cache
def idf_table() -> tuple[dict[str, float], float]:
    """The domain IDF table (word -> weight) and its median, from ``qqtext/data/idf.txt``."""
    return _extractor().idf_freq, _extractor().median_idf


@cache
def _extractor():
    import jieba.analyse

    with resources.as_file(resources.files("qqtext") / "data" / "idf.txt") as path:
        extractor = jieba.analyse.TFIDF(idf_path=str(path))
    return extractor


def keyword_extractor():
    """A :class:`jieba.analyse.TFIDF` on the domain IDF table, cutting with qqtext's private segmenter.

    The global jieba state is not touched: the extractor's tokenizer is
    :func:`qqtext.extract.actors.segmenter`, and :data:`STOP_WORDS` are added to its own stop list.
    """
    from qqtext.extract.actors import segmenter

    extractor = _extractor()
    if extractor.tokenizer is not segmenter():
        extractor.tokenizer = segmenter()
        extractor.stop_words = set(extractor.stop_words) | STOP_WORDS
    return extractor


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    start: int  # offsets in the ranked text
    end: int
    score: float
    kind: str  # "actor", "cue" or "term"


def _blankable(word: str) -> bool:
    """Whether ``word`` may be a blank: two characters or more, a Chinese character or a letter, not a
    stop word, no punctuation, not a bare number or an ordinal (第十三条)."""
    return (
        len(word) >= 2
        and word not in STOP_WORDS
        and RE_CJK.search(word) is not None
        and not RE_PUNCT.search(word)
        and not RE_NUMBER.match(word)
        and not RE_ORDINAL.match(word)
    )


@cache
def _actor_surfaces() -> frozenset[str]:
    from qqtext.extract.actors import actor_dictionary

    return frozenset(surface for entry in actor_dictionary().values() for surface in entry.surfaces)


def _pos_tags():
    """jieba's dictionary part-of-speech tags by word (looked up, no tagging model run)."""
    from qqtext.extract.lexicon import word_tags

    return word_tags()


_NOUNISH = ("n", "vn", "b", "l", "an", "j")


def rank_terms(text: str, *, cues: Iterable[tuple[int, int]] = ()) -> list[_Term]:
    """Candidate blanks of ``text``, best first.

    Each word's score is its TF-IDF weight in ``text`` (:func:`keyword_extractor`), doubled for an
    actor of the actor dictionary and multiplied by 1.5 for a deontic cue (:data:`CUE_WORDS`). Runs of
    two or three adjacent nouns (公共 + 交通工具, 监督 + 责任) are candidates too, scored by the sum
    of their words' weights over the square root of their number. ``cues`` are the ``[start, end)``
    offsets in ``text`` of the deontic cues the norm extractor found: each of two characters or more
    is a candidate as a whole (不提倡, never 提倡 alone). Only terms that occur once in ``text`` are
    kept, so the blank cannot be read off the rest of the stem.

    >>> [t.text for t in rank_terms("在交往中，不提倡互赠礼品；", cues=[(5, 8)])]
    ['不提倡', '互赠', '礼品', '交往']
    """
    from qqtext.extract.actors import segmenter

    weights = dict(keyword_extractor().extract_tags(text, topK=None, withWeight=True))
    tokens = list(segmenter().tokenize(text))
    surfaces = _actor_surfaces()
    tags = _pos_tags()

    def kind_of(word: str) -> str:
        return "actor" if word in surfaces else "cue" if word in CUE_WORDS else "term"

    def boost(kind: str) -> float:
        return _ACTOR_BOOST if kind == "actor" else _CUE_BOOST if kind == "cue" else 1.0

    extractor = keyword_extractor()
    counted = sum(1 for word, _, _ in tokens if len(word.strip()) >= 2 and word.lower() not in extractor.stop_words)
    idf, median = extractor.idf_freq, extractor.median_idf
    terms: dict[tuple[int, int], _Term] = {}
    for start, end in cues:
        cue = text[start:end]
        if len(cue) >= 2:
            terms[start, end] = _Term(cue, start, end, idf.get(cue, median) / max(counted, 1) * _CUE_BOOST, "cue")
    for word, start, end in tokens:
        if any(s < end and start < e for s, e in cues):
            continue  # part of a cue (提倡 of 不提倡), or the cue itself: counted above
        if word in weights and _blankable(word):
            kind = kind_of(word)
            terms[start, end] = _Term(word, start, end, weights[word] * boost(kind), kind)
    for first in range(len(tokens)):
        for size in (2, 3):
            run = tokens[first:first + size]
            if len(run) < size:
                break
            words = [w for w, _, _ in run]
            if not all(w in weights and _blankable(w) and w not in surfaces and tags.get(w, "x").startswith(_NOUNISH)
                       for w in words):
                break
            if not tags.get(words[-1], "x").startswith(("n", "l")):
                continue
            phrase = "".join(words)
            if len(phrase) > 8:
                break
            score = sum(weights[w] for w in words) / math.sqrt(size)
            terms[run[0][1], run[-1][2]] = _Term(phrase, run[0][1], run[-1][2], score, "term")
    ranked = [t for t in terms.values() if text.count(t.text) == 1 and (t.kind == "cue" or _blankable(t.text))]
    return sorted(ranked, key=lambda t: (-t.score, t.start))


# ------------------------------------------------------------------ places, sources, tags


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
        self.ref = _doc_ref(doc)
        #: sentences of items listing prohibited acts (禁止下列行为：): a cue in them (由市场主体支付应当由
        #: 单位负担的费用) is part of the act, not a norm of its own
        self.prohibited_acts: set[str] = {
            sentence.id
            for unit in self.units for paragraph in unit.paragraphs if RE_PROHIBITED_LIST.search(paragraph.text)
            for item in paragraph.items for sentence in item.sentences
        }

    def place(self, start: int, end: int) -> _Place | None:
        """The place of ``[start, end)``; ``None`` when a citation could not resolve to it."""
        for unit in self.units:
            if unit.span.start <= start and end <= unit.span.end:
                break
        else:
            return None
        chapter = None
        item = None
        if isinstance(unit, Article):
            if self.doc.article(unit.number) is not unit:
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


def _doc_ref(doc: Document) -> str:
    """How the document refers to itself: 本办法, 本条例, 本规定 …"""
    kind = doc.kind or ""
    for ending in ("办法", "细则", "条例", "规定", "准则", "意见", "规则", "制度", "决定", "通知"):
        if kind.endswith(ending):
            return f"本{ending}"
    return "本文件"


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


# ------------------------------------------------------------------ cloze


def generate_cloze(doc: Document, *, seed: int, count: int | None = None,
                   norms: Iterable[Norm] | None = None) -> list[Question]:
    """Cloze questions: the sentence of a norm with one key term blanked (one question per sentence).

    The quote is the norm's sentence, or, for a sentence longer than 80 characters, the clauses around
    the norm's clause; the stem is the quote with ``____`` for the blank; the answer is the blanked
    term, chosen among the three best of :func:`rank_terms` (weighted by score, seeded).

    Args:
        doc: a parsed document.
        seed: the seed; the same seed gives the same questions.
        count: at most this many questions (a seeded sample, kept in text order); ``None``: all.
        norms: the norms of ``doc`` (extracted when not given).
    """
    from qqtext.extract.actors import find_actors

    ctx = _Context(doc)
    rng = _rng("cloze", seed)
    norms = _norms(doc, norms)
    questions: list[Question] = []
    seen: set[tuple[int, int]] = set()
    for norm in norms:
        found = ctx.sentences.get(norm.unit)
        if found is None:
            continue
        _, sentence = found
        start, end = _quote_window(sentence, norm)
        if any(s < end and start < e for s, e in seen):
            continue  # one question per stretch of text
        seen.add((start, end))
        place = ctx.place(start, end)
        if place is None:
            continue
        quote = doc.text[start:end]
        inside = [n for n in norms if start <= n.cue_span.start < end]
        cues = [(n.cue_span.start - start, n.cue_span.end - start) for n in inside if n.cue_span.end <= end]
        ranked = rank_terms(quote, cues=cues)[:3]
        if not ranked:
            continue
        term = rng.choices(ranked, weights=[t.score for t in ranked])[0]
        stem = quote[:term.start] + BLANK + quote[term.end:]
        deontic = _DEONTIC_LABELS.get((inside or [norm])[0].deontic, "")
        cite = ctx.cite(place)
        subjects = {a for n in inside if not n.actor_implicit for a in n.actor}
        named = {m.canonical for m in find_actors(term.text)}
        why = {
            "actor": f"这一规定的主体是“{term.text}”。" if named & subjects else "",
            "cue": f"“{term.text}”表明这是一条{deontic}性规定。" if deontic else "",
            "term": "",
        }[term.kind]
        explanation = f"{cite}原文：“{quote}”空格处应填“{term.text}”。{why}"
        difficulty = 1 + (term.kind == "term") + (len(quote) > 50)
        actors = [a for n in inside for a in n.actor]
        questions.append(_make(
            ctx, "cloze", type="cloze", stem=stem, answer=(term.text,), explanation=explanation, place=place,
            start=start, end=end, difficulty=difficulty, audience=audience_for(actors),
            tags=ctx.tags(place, deontic),
        ))
    questions = _dedupe(questions)
    if count is not None and count < len(questions):
        keep = set(id(q) for q in rng.sample(questions, max(0, count)))
        questions = [q for q in questions if id(q) in keep]
    return questions


def _quote_window(sentence: Sentence, norm: Norm) -> tuple[int, int]:
    """The sentence, or for a long one the clauses around the norm's clause (at most 80 characters)."""
    text_end = sentence.span.start + len(sentence.text.rstrip())
    if text_end - sentence.span.start <= _MAX_QUOTE:
        return sentence.span.start, text_end
    clauses = _clauses(sentence)
    index = next((i for i, (s, e) in enumerate(clauses) if s <= norm.cue_span.start < e), None)
    if index is None:
        return norm.span.start, norm.span.end
    first = last = index
    while first > 0 and clauses[last][1] - clauses[first - 1][0] <= _MAX_QUOTE:
        first -= 1
    while last + 1 < len(clauses) and clauses[last + 1][1] - clauses[first][0] <= _MAX_QUOTE:
        last += 1
    return clauses[first][0], clauses[last][1]


# ------------------------------------------------------------------ true / false


def generate_true_false(doc: Document, norms: Iterable[Norm] | None = None, *, seed: int) -> list[Question]:
    """True/false statements from norms: the clause as written (true) or with its cue flipped (false).

    The statement is the norm's clause, preceded by the clauses that state no norm at the start of its
    sentence (its topic: 上门服务企业或开展调研) and right before it in the same ；-part (its conditions:
    确有需要企业提供用餐的), and by its actor when the clause names none: the actor written earlier in
    the sentence, or the inherited one (the items of 第十三条 inherit 机关单位工作人员). About half the
    norms give false statements, the cue replaced by its opposite from :data:`FLIPS`. The source quote
    is the original clause, which holds the cue; the 解析 quotes the whole sentence. A clause that
    introduces a list (…可参加或组织以下活动：) gives no statement.
    """
    ctx = _Context(doc)
    rng = _rng("true_false", seed)
    norms = _norms(doc, norms)
    cue_clauses = {n.span.start for n in norms}
    usable = [n for n in norms if n.cue in FLIPS and n.unit in ctx.sentences and n.unit not in ctx.prohibited_acts
              and _flippable(doc, n)]
    order = list(range(len(usable)))
    rng.shuffle(order)
    false_ones = set(order[: (len(usable) + 1) // 2])
    questions: list[Question] = []
    for index, norm in enumerate(usable):
        place = ctx.place(norm.span.start, norm.span.end)
        if place is None:
            continue
        _, sentence = ctx.sentences[norm.unit]
        clauses = _clauses(sentence)
        position = next((i for i, (s, _) in enumerate(clauses) if s == norm.span.start), None)
        if position is None:
            continue
        lead: list[int] = []
        while len(lead) < position and clauses[len(lead)][0] not in cue_clauses \
                and "；" not in doc.text[clauses[len(lead)][1]:clauses[len(lead) + 1][0]]:
            lead.append(len(lead))
        middle: list[int] = []
        back = position - 1
        while back >= len(lead) and clauses[back][0] not in cue_clauses \
                and "；" not in doc.text[clauses[back][1]:clauses[back + 1][0]] \
                and RE_CONDITION_CLAUSE.search(doc.text[clauses[back][0]:clauses[back][1]]):
            middle.insert(0, back)
            back -= 1
        context = [doc.text[clauses[i][0]:clauses[i][1]] for i in (*lead, *middle)]
        offset = norm.cue_span.start - norm.span.start
        false = index in false_ones
        flipped = FLIPS[norm.cue]
        clause = norm.text[:offset] + (flipped if false else norm.cue) + norm.text[offset + len(norm.cue):]
        clause = RE_LEAD_CONJ.sub("", clause)
        prefix = _actor_prefix(doc, sentence, norm, norm.text[:offset], "".join(context))
        tail_end = _following(doc, sentence, norm.span.end, stop=cue_clauses, limit=60)
        tail = doc.text[norm.span.end:tail_end]
        statement = prefix + "，".join([*context, clause]) + tail
        if not _balanced(statement):
            continue
        stem = f"根据{ctx.ref}，{statement}。"
        cite = ctx.cite(place)
        said = sentence.text.rstrip()
        if false:
            verdict = f"原文是“{norm.cue}”，题干改成了“{flipped}”，与原文相反，所以说法错误。"
        else:
            verdict = "题干与原文一致，所以说法正确。"
        if not prefix:
            note = ""
        elif norm.actor_implicit:
            note = f"（该句未写明主体，“{prefix}”承接上文或依全文推定。）"
        else:
            note = f"（主体“{prefix}”见本句前文。）"
        explanation = f"{cite}规定：“{said}”{verdict}{note}"
        difficulty = 1 + bool(norm.conditions or prefix) + (len(statement) > 50)
        questions.append(_make(
            ctx, "true_false", type="true_false", stem=stem, answer=(FALSE if false else TRUE,),
            explanation=explanation, place=place, start=norm.span.start, end=norm.span.end, difficulty=difficulty,
            audience=audience_for(norm.actor), tags=ctx.tags(place, _DEONTIC_LABELS.get(norm.deontic, "")),
        ))
    return _dedupe(questions)


def _flippable(doc: Document, norm: Norm) -> bool:
    """Whether a norm makes a clear statement: not a cue followed by a negation (可以不, 应当不), not a
    cue ending its clause, not the lead-in of a list (…以下活动：)."""
    if norm.cue_implicit:
        return False  # an item carrying its lead-in's cue has no cue of its own to flip
    after = doc.text[norm.cue_span.end:norm.span.end]
    if not after or after.startswith(("不", "免", "无", "予")):
        return False
    return doc.text[norm.span.end:norm.span.end + 1] not in ("：", ":")


def _actor_prefix(doc: Document, sentence: Sentence, norm: Norm, before_cue: str, context: str) -> str:
    """The actor to write in front of a statement whose clause names none (``""`` when it has a subject):
    the group as written in the sentence (司法、执法、执纪机关), else the canonical names."""
    from qqtext.extract.actors import actor_dictionary, actor_groups, find_actors

    if not norm.actor:
        return ""
    subject = RE_LEAD_CONJ.sub("", before_cue)
    subject = RE_INNER_CONDITION.sub("", subject)
    if subject and not RE_SCOPE.match(subject):
        return ""  # the clause has its own subject (构建亲清新型政商关系应当…)
    dictionary = actor_dictionary()
    written = [s for name in norm.actor for s in (dictionary[name].surfaces if name in dictionary else (name,))]
    if any(surface in context for surface in written):
        return ""
    if not norm.actor_implicit:
        mentions = find_actors(sentence.text, offset=sentence.span.start)
        for group in actor_groups(doc.text, mentions):
            if {m.canonical for m in group} == set(norm.actor) and group[-1].end <= norm.span.start:
                return doc.text[group[0].start:group[-1].end]
    return "、".join(norm.actor)


# ------------------------------------------------------------------ which body


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
        clause = doc.text[start:end]
        mentions = find_actors(clause, offset=start)
        group = next((g for g in actor_groups(doc.text, mentions) if {m.canonical for m in g} == set(bodies)), None)
        if group is None:
            continue
        group_start, group_end = group[0].start, group[-1].end
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
        several = len(bodies) > 1
        asked = "下列哪些主体" if several else "下列哪一主体"
        rest = doc.text[group_end:end].rstrip("，；。：,;: ")
        if rest.startswith(("和", "与", "及", "以及", "、", "或")):
            continue  # the subject goes on past the bodies (任何单位和个人)
        names = [_display(b, clause) for b in bodies]
        stem = f"根据{ctx.ref}{ctx.cite(place)}，{before}{asked}{rest}？"
        if not _balanced(stem):
            continue
        written = doc.text[group_start:group_end]  # 政府有关部门: 政府 is no distractor for 有关部门
        exclude = set(bodies) | set(names) | {written} | {c for c in entry["consulted"] if c} | set(entry["targets"])
        wrong = _actor_distractors(graph, bodies, exclude, rng, 2 if several else 3, limit=8 - len(bodies))
        if not wrong or len(set(names)) < len(names):
            continue
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


def _actor_distractors(G: nx.MultiDiGraph, correct: Sequence[str], exclude: set[str], rng: random.Random,
                       wanted: int, *, limit: int = 8) -> list[str]:
    """Up to ``wanted`` actors of ``G`` that are not correct: duty-bearers first, then the same side."""
    actors = {data["name"]: data.get("side", "") for _, data in G.nodes(data=True) if data.get("kind") == "actor"}
    banned = set(exclude) | _related(G, correct) | _overlapping(correct)
    sides = {actors.get(name, "") for name in correct} - {""}
    duty_bearers = {
        G.nodes[u]["name"] for u, _, data in G.edges(data=True)
        if data.get("relation") in ("responsible_for", "supervises", "sanctions", "interprets")
        and G.nodes[u].get("kind") == "actor"
    }

    def allowed(name: str) -> bool:
        return (name not in banned and name not in UMBRELLA_ACTORS and len(name) <= 12
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


# ------------------------------------------------------------------ which article


def generate_which_article(doc: Document, *, seed: int, norms: Iterable[Norm] | None = None) -> list[Question]:
    """Which article says this: a verbatim sentence of each article, options 第X条.

    The sentence (12 to 90 characters, occurring once in the text) is drawn per article with the seed.
    The options are the article, up to two other articles of its chapter, and articles of other
    chapters (or, with no chapters, others near it), four in all, in article order. An 意见-style text,
    with no articles, gives none.
    """
    if not doc.articles:
        return []
    ctx = _Context(doc)
    rng = _rng("which_article", seed)
    norms = _norms(doc, norms)
    numbers = [a.number for a in doc.articles]
    unique = [n for n in dict.fromkeys(numbers) if numbers.count(n) == 1]
    questions: list[Question] = []
    for article in doc.articles:
        if article.number not in unique:
            continue
        candidates = [s for s in article.sentences
                      if 12 <= len(s.text.rstrip()) <= 90 and doc.text.count(s.text.rstrip()) == 1]
        if not candidates:
            continue
        sentence = rng.choice(candidates)
        start, end = sentence.span.start, sentence.span.start + len(sentence.text.rstrip())
        place = ctx.place(start, end)
        if place is None:
            continue
        chapter = place.chapter
        siblings = [n for n in unique if n != article.number and chapter is not None and n in chapter.articles]
        others = [n for n in unique if n != article.number and n not in siblings]
        if chapter is None:
            others.sort(key=lambda n: (abs(n - article.number), n))
            others = others[:6]
        same = rng.sample(siblings, min(2, len(siblings)))
        rest = rng.sample(others, min(3 - len(same), len(others)))
        if len(same) + len(rest) < 3 and len(siblings) > len(same):
            more = [n for n in siblings if n not in same]
            same += rng.sample(more, min(3 - len(same) - len(rest), len(more)))
        wrong = same + rest
        if not wrong:
            continue
        keys = sorted([article.number, *wrong])
        options = tuple(Option(chr(ord("A") + i), f"第{to_chinese_number(n)}条") for i, n in enumerate(keys))
        answer = (options[keys.index(article.number)].key,)
        quote = doc.text[start:end]
        cite = ctx.cite(place)
        where = f"（{' '.join(ctx.tags(place))}）" if chapter is not None else ""
        explanation = f"这句话出自{cite}{where}。{cite}规定：“{quote}”"
        all_same = chapter is not None and not rest
        edge = article.number in (numbers[0], numbers[-1])
        inside = [a for n in norms if start <= n.cue_span.start < end for a in n.actor]
        questions.append(_make(
            ctx, "which_article", type="single_choice", stem=f"“{quote}”出自{ctx.ref}的哪一条？", options=options,
            answer=answer, explanation=explanation, place=place, start=start, end=end,
            difficulty=2 + all_same - edge, audience=audience_for(inside), tags=ctx.tags(place, "条文定位"),
        ))
    return _dedupe(questions)


# ------------------------------------------------------------------ sanctions


def generate_sanctions(doc: Document, duties: Iterable[Duty] | None = None, *, seed: int) -> list[Question]:
    """Questions on the sanctions a text provides.

    * For each list after 给予 (批评教育、责令检查、通报、诫勉直至党纪政务处分; 警告或者严重警告处分): a
      multiple-choice question (single choice for a list of one) whose distractors are sanctions the
      text does not contain (:data:`SANCTION_DISTRACTORS`, and for party-discipline lists
      :data:`PARTY_LIST_DISTRACTORS`).
    * For a list whose target the text names (对机关单位工作人员违反…的): to whom it applies, with other
      actors of the text as distractors; where a duty names the body that applies it, who applies it.
    * For 移交有关国家机关依法处理 and 依法处理/查处/追究: how such a case is handled (single choice;
      distractors from :data:`HANDLING_DISTRACTORS`).

    Args:
        doc: a parsed document.
        duties: its duties (:func:`qqtext.extract.duties.extract_duties`; extracted when not given):
            sanction targets and explicit sanctioning bodies come from them.
        seed: the seed.
    """
    from qqtext.extract.actors import find_actors

    ctx = _Context(doc)
    rng = _rng("sanctions", seed)
    if duties is None:
        from qqtext.extract.duties import extract_duties

        duties = extract_duties(doc)
    sanctions = [d for d in duties if d.kind == "sanction"]
    doc_actors = _document_actors(doc, duties)
    party = "党籍" in doc.text
    questions: list[Question] = []
    for _, sentence in doc.sentences():
        text = sentence.text.rstrip()
        base = sentence.span.start
        place = ctx.place(base, base + len(text))
        if place is None or "给予" not in text and "依法" not in text and "移交" not in text:
            continue
        cite = ctx.cite(place)
        quote_span = (base, base + len(text))
        target_names: list[str] = []
        for part in re.finditer(r"[^；。]+", text):
            part_text, part_start = part.group(), part.start()
            targets = list(RE_TARGET.finditer(part_text))
            if targets:
                named = [m.canonical for m in find_actors(targets[-1].group("target"))]
                target_names = list(dict.fromkeys(named)) or target_names
            for match in RE_GIVE.finditer(part_text):
                items, noun = _sanction_items(match.group("list"))
                if not items:
                    continue
                at = part_start + match.start("list") - 2  # position of 给予 in the sentence
                prefix = _context_before(text, at, part_start)
                duty = next((d for d in sanctions if d.unit == sentence.id and d.span.start <= base + at < d.span.end + 2),
                            None)
                targets_here = [duty.target] if duty and duty.target else target_names
                if text[:at].rstrip().endswith(("，", ",")):
                    prefix += "，"
                questions.extend(_list_questions(
                    ctx, rng, place, quote_span, cite, prefix, match.group("list"), items, noun, targets_here,
                    doc_actors, party, duty if duty and not duty.body_implicit else None,
                ))
            transfers = list(RE_TRANSFER.finditer(part_text))
            lawful = [m for m in RE_LAWFUL.finditer(part_text)
                      if not any(t.start() <= m.start() < t.end() for t in transfers)]
            for match in [*transfers, *lawful]:
                if not part_text[:match.start()].rstrip().endswith(("，", ",")):
                    continue  # 应当依法查处…: a duty of a body, not how a case is handled
                if match.end() < len(part_text) and part_text[match.end()] not in "，,：:":
                    continue
                handling = match.group()
                prefix = _context_before(text, part_start + match.start(), part_start)
                if not prefix:
                    continue
                if target_names and "……" not in prefix and not any(name in prefix for name in target_names) \
                        and not find_actors(prefix):
                    prefix = "、".join(target_names) + prefix
                wrong = [d for d in HANDLING_DISTRACTORS if d not in doc.text]
                wrong = rng.sample(wrong, min(3, len(wrong)))
                options, answer = _options([handling], wrong, rng)
                stem = f"根据{ctx.ref}{cite}，{prefix}，应当如何处理？"
                if not _balanced(stem):
                    continue
                explanation = f"{cite}规定：“{text}”正确的处理是“{handling}”。"
                actors = [m.canonical for m in find_actors(prefix)] or target_names
                questions.append(_make(
                    ctx, "sanctions", type="single_choice", stem=stem, options=options, answer=answer,
                    explanation=explanation, place=place, start=quote_span[0], end=quote_span[1],
                    difficulty=1 + (len(text) > 60), audience=audience_for(actors), tags=ctx.tags(place, "责任追究"),
                ))
    return _dedupe(questions)


def _document_actors(doc: Document, duties: Iterable[Duty]) -> list[str]:
    """Actors the text names (dictionary actors, in order of first mention)."""
    from qqtext.extract.actors import actor_dictionary, find_actors

    dictionary = actor_dictionary()
    names = [m.canonical for _, sentence in doc.sentences() for m in find_actors(sentence.text)]
    names += [d.body for d in duties] + [d.target for d in duties if d.target]
    return [n for n in dict.fromkeys(names) if n in dictionary]


def _sanction_items(listed: str) -> tuple[list[str], str]:
    """The sanctions of a list after 给予, and the noun for them (处分 or 处理); ``[]`` if not a list."""
    parts = [p.strip() for p in RE_LIST_SPLIT.split(listed) if p.strip()]
    noun = "处理"
    if parts and parts[-1].endswith("处分") and parts[-1][:-2] in _SANCTION_NAMES and all(
            p in _SANCTION_NAMES for p in parts[:-1]):
        parts[-1] = parts[-1][:-2]  # 警告或者严重警告处分: the suffix belongs to every member
        noun = "处分"
    elif parts and all(p.endswith("处分") for p in parts):
        noun = "处分"
    if parts:
        parts[-1] = parts[-1].removesuffix("等")
    bad = ("的", "其", "相应", "规定", "以上", "以下", "一档", "较重", "较轻", "按照", "依照")
    if not parts or any(len(p) < 2 or len(p) > 10 or p in _GENERIC_SANCTIONS or any(b in p for b in bad)
                        or not (p in _KNOWN_SANCTIONS or p.endswith(_SANCTION_ENDINGS)) for p in parts):
        return [], noun
    return list(dict.fromkeys(parts)), noun


def _context_before(text: str, at: int, part_start: int, *, clause_only: bool = False) -> str:
    """What a sentence says before position ``at`` (without trailing commas).

    From its last 对/对于 clause; else, in the first ；-part, from the start of the sentence; in a later
    part (情节较重的，给予…), the sentence's opening up to its first clause ending in 的 (the conduct),
    then …… and the part. With ``clause_only`` only the part counts.
    """
    clauses = list(RE_CLAUSE.finditer(text[:at]))
    start = part_start if clause_only or part_start > 0 else 0
    addressed = [m for m in clauses if m.start() >= start and m.group().lstrip().startswith("对")]
    if addressed:
        return text[addressed[-1].start():at].strip().rstrip("，,：: ")
    here = text[start:at].strip().rstrip("，,：: ")
    if clause_only or part_start == 0:
        return here if len(here) <= 100 else text[clauses[-2].start() if len(clauses) >= 2 else start:at].strip().rstrip("，,：: ")
    conduct = next((m for m in clauses if m.end() <= part_start and m.group().rstrip().endswith("的")), None)
    if conduct is None or conduct.end() > 80:
        return here
    return f"{text[:conduct.end()].strip()}，……{here}"


def _list_questions(ctx: _Context, rng: random.Random, place: _Place, quote_span: tuple[int, int], cite: str,
                    prefix: str, listed: str, items: list[str], noun: str, targets: Sequence[str],
                    doc_actors: Sequence[str], party: bool, duty: Duty | None) -> list[Question]:
    doc = ctx.doc
    text = doc.text[quote_span[0]:quote_span[1]]
    out: list[Question] = []
    first = [d for d in PARTY_LIST_DISTRACTORS if d not in doc.text] if party or noun == "处分" else []
    then = [d for d in SANCTION_DISTRACTORS if d not in doc.text]
    rng.shuffle(first)
    rng.shuffle(then)
    correct = items if len(items) <= 6 else sorted(rng.sample(items, 6), key=items.index)
    several = len(correct) > 1
    wanted = max(2, 4 - len(correct)) if several else 3
    wrong = [*first[:2], *then][: min(wanted, 8 - len(correct))]
    lead = prefix
    audience = audience_for(targets)
    asked = f"下列哪些{noun}" if several else f"下列哪一种{noun}"
    stem = f"根据{ctx.ref}{cite}，{lead}给予{asked}？"
    if wrong and _balanced(stem):
        options, answer = _options(correct, wrong, rng)
        explanation = (f"{cite}规定：“{text}”所列{noun}为{'、'.join(items)}；"
                       f"{'、'.join(wrong)}不在其中。")
        out.append(_make(
            ctx, "sanctions", type="multiple_choice" if several else "single_choice", stem=stem, options=options,
            answer=answer, explanation=explanation, place=place, start=quote_span[0], end=quote_span[1],
            difficulty=1 + several + (len(correct) > 4) + (len(text) > 60), audience=audience,
            tags=ctx.tags(place, "责任追究"),
        ))
    if targets:
        from qqtext.extract.actors import actor_dictionary

        dictionary = actor_dictionary()
        first = targets[0]
        related = {m for t in targets for m in _dictionary_related(t)} | _overlapping(targets) | UMBRELLA_ACTORS
        others = [a for a in doc_actors if a not in targets and a not in related
                  and not any(a in t or t in a for t in targets)]
        target_side = dictionary[first].side if first in dictionary else ""
        others.sort(key=lambda a: (dictionary[a].side == target_side if a in dictionary else True, a))
        wrong_actors = others[:3]
        if wrong_actors:
            options, answer = _options([first], wrong_actors, rng)
            stem = f"根据{ctx.ref}{cite}，给予{listed}，针对的是下列哪一类对象？"
            explanation = f"{cite}规定：“{text}”这些{noun}针对的是{'、'.join(targets)}。"
            out.append(_make(
                ctx, "sanctions", type="single_choice", stem=stem, options=options, answer=answer,
                explanation=explanation, place=place, start=quote_span[0], end=quote_span[1],
                difficulty=1 + (len(text) > 60), audience=audience, tags=ctx.tags(place, "责任追究"),
            ))
    if duty is not None:
        banned = _dictionary_related(duty.body) | _overlapping([duty.body]) | UMBRELLA_ACTORS
        others = [a for a in doc_actors if a != duty.body and a not in targets and a not in banned]
        wrong_bodies = rng.sample(others, min(3, len(others)))
        if wrong_bodies:
            options, answer = _options([duty.body], wrong_bodies, rng)
            stem = f"根据{ctx.ref}{cite}，由下列哪一主体给予{listed}？"
            explanation = f"{cite}规定：“{text}”给予这些{noun}的是{duty.body}。"
            out.append(_make(
                ctx, "sanctions", type="single_choice", stem=stem, options=options, answer=answer,
                explanation=explanation, place=place, start=quote_span[0], end=quote_span[1],
                difficulty=2, audience=audience, tags=ctx.tags(place, "责任追究"),
            ))
    return out


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


# ------------------------------------------------------------------ all


def generate_all(doc: Document, *, seed: int) -> list[Question]:
    """Every generator's questions for ``doc`` (extractors run once), without duplicate ids or stems."""
    from qqtext.extract.duties import extract_duties
    from qqtext.extract.norms import extract_norms
    from qqtext.graph import build_graph

    norms = extract_norms(doc)
    duties = extract_duties(doc)
    graph = build_graph(doc, norms=norms, duties=duties)
    runs: list[Callable[[], list[Question]]] = [
        lambda: generate_cloze(doc, seed=seed, norms=norms),
        lambda: generate_true_false(doc, norms, seed=seed),
        lambda: generate_which_body(doc, graph, seed=seed, duties=duties, norms=norms),
        lambda: generate_which_article(doc, seed=seed, norms=norms),
        lambda: generate_sanctions(doc, duties, seed=seed),
    ]
    return _dedupe(q for run in runs for q in run())

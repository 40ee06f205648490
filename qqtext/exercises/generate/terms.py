"""Candidate blanks: the key terms of a passage, ranked by TF-IDF on the domain IDF table."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Words never blanked: function words, scope and connective words, and the generic words of policy
#: language (工作, 有关, 进行 …) that a learner could not be expected to recall. jieba's TF-IDF skips
#: them too, so they never rank.
STOP_WORDS: frozenset[str] = frozenset("""
的 了 和 与 及 以及 或 或者 等 等等 并 并且 而 而且 且 但 但是 也 都 又 还 就 即 则 之 其 其他 其它 其中 该 此 这 那 这些 那些
对 对于 在 按 按照 依照 依据 根据 由 为 为了 将 把 被 从 向 于 以 以便 给 跟 同 通过 经 经过 关于 除 除外 以外 之外
是 有 没有 无 不 不予 予以 给予 需 需要 能 能够 可能 所 所称 是指 包括 含 下同 以下 以上 下列 上述 前款 本款 本条 本项
当地 本地 本级 上级 下级 同级 本单位 本部门 本地区 本行政区域 省 自治区 直辖市 设区的市 县级 乡镇 街道
本办法 本条例 本规定 本准则 本细则 本意见 本实施办法 本法 本决定 本规则 本制度 本章 本节 办法 条例 规定 有关规定 相关规定 之一 之日 之日起 起 时 后 前 中 内
有关 相关 各类 各项 各级 各种 各自 各地 各部门 一切 所有 一律 任何 相应 一定 具体 实际 情况 问题 方面 工作 活动 事项
进行 开展 加强 推进 推动 推行 做好 做到 实施 落实 实行 执行 建立 健全 完善 提高 促进 坚持 坚决 切实 积极 严格 认真 及时 进一步 依法 依规 依纪 依法依规
全面 充分 有效 主动 不断 逐步 深入 大力 着力 努力 统一 统筹 规范 加快 加大 强化 注重 确保 保障 保证 实现 形成 作出 做出
时间 期间 情形 资料 材料 文件 案件 权利 义务 提供 内容 事项 方式 方法 程序 行为 人员 单位 部门 机构 组织 机关 主体 对象
""".split())
#: Deontic cues worth blanking or boosting (two characters or more; 可 应 要 须 are single characters).
CUE_WORDS: frozenset[str] = frozenset({
    "不得", "严禁", "禁止", "不许", "不准", "不允许", "可以", "允许", "应当", "必须", "鼓励", "提倡", "不提倡", "支持",
})

_ACTOR_BOOST = 2.0
_CUE_BOOST = 1.5
RE_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]")
RE_NUMBER = re.compile(r"^[\d０-９零〇一二三四五六七八九十百千万亿两几多余.．%％]+$")
RE_ORDINAL = re.compile(r"^第[\d零〇一二三四五六七八九十百千两]+[条款项章节编部]?$")
RE_PUNCT = re.compile(r"[\s\W_]", re.UNICODE)


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
    # dictionary words only: jieba's guessed new words (法和本) are no terms
    tokens = list(segmenter().tokenize(text, HMM=False))
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
    def nounish(index: int) -> bool:
        return 0 <= index < len(tokens) and tags.get(tokens[index][0], "x").startswith(("n", "vn", "b", "j"))
    for index, (word, start, end) in enumerate(tokens):
        if any(s < end and start < e for s, e in cues):
            continue  # part of a cue (提倡 of 不提倡), or the cue itself: counted above
        if nounish(index) and (nounish(index - 1) or nounish(index + 1)):
            continue  # part of a compound (矛盾 of 矛盾纠纷, 机关 of 行政机关): only the whole run is a term
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

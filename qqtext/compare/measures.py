"""How similar two provisions are: shared wording, shared content, and shared meaning.

Both texts are stripped of punctuation and whitespace (what is left: CJK characters, letters and
digits; item markers such as （一） are not part of a unit's text).

- **char** = Ochiai (set cosine) of the two sets of character bigrams:
  ``|A ∩ B| / sqrt(|A| · |B|)``. It measures shared wording.
- **word** = IDF-weighted cosine of the two sets of words (:func:`tokens`: qqtext's private jieba
  tokenizer with the domain dictionary, no global jieba state; words of one character, 的 和 或 在 …,
  left out; each actor surface form replaced by its canonical actor, so 市场主体 and 民营企业 count as
  企业, 经营者 as 企业负责人); the weight of a word is its IDF in ``qqtext/data/idf.txt`` (unknown words
  get the median IDF): ``Σ_{w∈A∩B} idf(w)² / sqrt(Σ_{w∈A} idf(w)² · Σ_{w∈B} idf(w)²)``. It measures
  shared content across the changes of wording national and local texts make.
- **lexical** = ``(char + word) / 2``: the score qqtext used before it had a semantic model.
- **semantic** = the cosine of the two texts' vectors under the domain model of
  :mod:`qqtext.compare.semantic` (word vectors trained on 3,428 Chinese laws), 0 where negative. It
  sees paraphrase: 政策 for 规范性文件, 企业 for 市场主体, 网上办事大厅 for 在线政务服务平台.
- ``score = (lexical + semantic) / 2``, in [0, 1]; 1 for identical texts, symmetric. Without a model
  (``model=None``), or for a text with no word the model knows, ``score = lexical``.
- ``containment`` = the share of A's character trigrams found in B (B's unit contains A's clause).

Thresholds and the null band
----------------------------

The null is the best match of every article of four unrelated document pairs of ``../shared/corpus``
(party discipline 2018 vs the national 优化营商环境条例 2019 and vs 济南 2022, 国内公务接待管理规定 2013
vs 山东 2020, 国企领导人员廉洁从业若干规定 2009 vs 广东 2022; 340 articles), measured by
``bench/bench_paraphrase.py``:

======================  ======  ======  ======  ======
score                   p50     p90     p95     p99
======================  ======  ======  ======  ======
lexical (before)        0.07    0.12    0.14    0.20
combined (``score``)    0.19    0.26    0.31    0.47
======================  ======  ======  ======  ======

Above the 99th percentile are the formulae every law shares (本条例自…起施行, 0.80). Without them
(327 substantive articles) the combined null's 95th percentile is 0.28 and its 99th 0.41. A broader
null, 120 random pairs of unrelated laws of ``../shared/lawrefbook`` (5,207 articles; ``--lawrefbook``),
is heavier, because laws share more boilerplate (法律责任, 适用范围): lexical p95 0.25, p99 0.42;
combined p95 0.46, p99 0.64 (0.42 and 0.56 without the formulae). Against it the old default (0.25
lexical) and the new one (0.40 combined) both sit near the 95th percentile.

- ``ADAPTED`` = 0.40, about the combined null's 99th percentile without the formulae: the default
  score a pair needs. ``LOOSE`` = 0.30, about its 95th percentile with them (one article in twenty of
  an unrelated document reaches it), pairs looser paraphrases: Jinan 2019 第五条 ↔ national 第六十二条
  (听取企业意见) scores 0.40, 第七条 ↔ 第十四条 (不得违法冻结) 0.34, 第十条 ↔ 第三十七条 (一网通办) 0.50, each its
  article's best match of the 72; under the lexical measure they scored 0.13–0.14, inside the null
  band, and 第十条's counterpart was only second.
- ``COPIED`` = 0.80 on the **lexical** measure (near-verbatim is a matter of wording): at 0.80 and
  above every pair of 山东 2020 ↔ national 2019 is a copy with local edits. A pair is ``copied`` only
  if, in addition, no rule changed (:mod:`qqtext.compare.changes`).
- Without a model the old calibration holds: ``ADAPTED_LEXICAL`` = 0.25, above the lexical null's
  99th percentile.

>>> sim = similarity("制定涉企政策，应当充分听取市场主体的意见。", "制定涉企政策，应当充分听取企业的意见。")
>>> sim.word == 1.0 and 0.5 < sim.char < 1.0 and sim.semantic > 0.9
True
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np

from qqtext.model import Article, Document, Item, Section, Span

if TYPE_CHECKING:
    from qqtext.compare.semantic import Encoder

__all__ = [
    "Similarity",
    "Level",
    "COPIED",
    "ADAPTED",
    "LOOSE",
    "ADAPTED_LEXICAL",
    "CONTAINED",
    "MIN_CONTAINED_NGRAMS",
    "DEFAULT_MODEL",
    "similarity",
    "tokens",
    "unit_text",
    "top_units",
    "default_threshold",
    "resolve_model",
]

Level = Literal["article", "item"]

#: Lexical score at or above which a pair is ``copied`` (near-verbatim), if no rule changed.
COPIED = 0.80
#: Default score a pair needs to be paired at all, with the semantic model.
ADAPTED = 0.40
#: A looser threshold that also pairs paraphrases (the combined null's 95th percentile).
LOOSE = 0.30
#: Default score a pair needs without a semantic model (``model=None``).
ADAPTED_LEXICAL = 0.25
#: Containment (either direction) that pairs two units whatever their score.
CONTAINED = 0.6
#: The contained unit must have at least this many distinct character trigrams (about ten characters).
MIN_CONTAINED_NGRAMS = 8
#: Stands for the shipped model in ``model=`` arguments.
DEFAULT_MODEL = "default"

RE_NOT_WORD = re.compile(r"[\W_]+")


class Similarity(NamedTuple):
    """The measures between two texts (see the module docstring)."""

    score: float
    char: float
    word: float
    containment: float
    lexical: float = 0.0
    semantic: float | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Unit:
    """A unit of a document (article, section or item) with the features it is compared on."""

    index: int
    doc: str
    article: int | None
    item: int | None
    span: Span
    text: str
    bigrams: frozenset[str]
    trigrams: frozenset[str]
    words: dict[str, float]  # canonical word -> idf²
    word_norm: float
    tokens: tuple[str, ...] = ()
    vector: np.ndarray | None = None  # unit length, or None without a model (zeros: no known word)


def _clean(text: str) -> str:
    return RE_NOT_WORD.sub("", text)


def _ngrams(chars: str, n: int) -> frozenset[str]:
    if len(chars) < n:
        return frozenset((chars,)) if chars else frozenset()
    return frozenset(chars[i:i + n] for i in range(len(chars) - n + 1))


@cache
def _idf() -> tuple[dict[str, float], float]:
    table: dict[str, float] = {}
    text = (resources.files("qqtext") / "data" / "idf.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            table[parts[0]] = float(parts[1])
    values = sorted(table.values())
    return table, (values[len(values) // 2] if values else 1.0)


@cache
def _canonical() -> dict[str, str]:
    from qqtext.extract.actors import actor_dictionary

    index: dict[str, str] = {}
    for entry in actor_dictionary().values():
        for surface in entry.surfaces:
            index.setdefault(surface, entry.canonical)
    return index


def tokens(text: str, *, bulk: bool = False) -> list[str]:
    """The words of ``text`` the ``word`` measure and the semantic model read, in text order.

    ``bulk`` cuts with :func:`qqtext.extract.lexicon.bulk_segmenter` (the same cuts, faster after a
    half-second start: for many documents).

    >>> tokens("应当充分听取市场主体的意见")
    ['应当', '充分', '听取', '企业', '意见']
    """
    from qqtext.extract.actors import segmenter
    from qqtext.extract.lexicon import bulk_segmenter

    canonical = _canonical()
    out = []
    for token in (bulk_segmenter() if bulk else segmenter()).lcut(text):
        word = token if token.isalnum() else _clean(token)  # most tokens are words or punctuation
        if len(word) >= 2:
            out.append(canonical.get(word, word))
    return out


def _weight(word: str) -> float:
    table, median = _idf()
    return table.get(word, median)


def _features(text: str, words: list[str], *, trigrams: bool = True) -> tuple[frozenset[str], frozenset[str], dict[str, float], float]:
    chars = _clean(text)
    weights = {w: _weight(w) ** 2 for w in sorted(set(words))}
    return (_ngrams(chars, 2), _ngrams(chars, 3) if trigrams else frozenset(), weights,
            math.sqrt(math.fsum(weights.values())))


def unit_text(unit: Article | Section | Item) -> str:
    """The text a unit is compared on: its paragraphs and items, without heading or item markers."""
    if isinstance(unit, Item):
        return unit.text
    lines: list[str] = []
    for paragraph in unit.paragraphs:
        if paragraph.text:
            lines.append(paragraph.text)
        lines.extend(item.text for item in paragraph.items)
    return "\n".join(lines) if lines else unit.text


def top_units(doc: Document) -> tuple[Article | Section, ...]:
    """A document's articles, or its sections where it has no articles (意见-style texts)."""
    return doc.articles if doc.articles else doc.sections


# ------------------------------------------------------------------ models


def resolve_model(model: object) -> Encoder | None:
    """``model`` as an encoder: :data:`DEFAULT_MODEL` is the shipped model, ``None`` none, a path is loaded."""
    from qqtext.compare import semantic

    if model is None:
        return None
    if isinstance(model, str) and model == DEFAULT_MODEL:
        return semantic.default_model()
    if isinstance(model, (str, os.PathLike)):  # before Encoder: a str has an encode() method too
        return semantic.load_model(model)
    if isinstance(model, semantic.Encoder):
        return model
    raise TypeError(f"model must be 'default', None, a path or an object with encode(), not {type(model).__name__}")


def default_threshold(model: Encoder | None) -> float:
    """The default score a pair needs: :data:`ADAPTED` with a model, :data:`ADAPTED_LEXICAL` without."""
    return ADAPTED if model is not None else ADAPTED_LEXICAL


def _encode(encoder: Encoder | None, texts: list[str], words: list[list[str]]) -> list[np.ndarray | None]:
    if encoder is None:
        return [None] * len(texts)
    from qqtext.compare.semantic import DomainVectors

    if isinstance(encoder, DomainVectors):
        matrix = encoder.encode_tokens(words)
    else:
        matrix = np.asarray(encoder.encode(texts), dtype=np.float32) if texts else np.zeros((0, 1), np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return [matrix[k] for k in range(len(texts))]


def make_units(doc: Document, level: Level, encoder: Encoder | None, *, bulk: bool = False) -> list[Unit]:
    """The units of ``doc`` at ``level`` with their features (not cached: see :func:`units`). ``bulk``: cut
    with the bulk segmenter (:func:`tokens`) and leave out the trigrams (containment is not ranked on)."""
    pieces: list[tuple[Article | Section, Item | None]] = []
    for top in top_units(doc):
        if level == "article":
            pieces.append((top, None))
        else:
            pieces.extend((top, item) for item in top.items)
    texts = [unit_text(item if item is not None else top) for top, item in pieces]
    words = [tokens(text, bulk=bulk) for text in texts]
    vectors = _encode(encoder, texts, words)
    out = []
    for k, ((top, item), text, unit_words, vector) in enumerate(zip(pieces, texts, words, vectors)):
        bigrams, trigrams, weights, norm = _features(text, unit_words, trigrams=not bulk)
        out.append(Unit(k, doc.id, top.number, item.number if item is not None else None, (item or top).span,
                        text, bigrams, trigrams, weights, norm, tuple(unit_words), vector))
    return out


_UNIT_CACHE: dict[tuple[str, str, str, int], tuple[object, list[Unit]]] = {}
_UNIT_CACHE_SIZE = 64


def units(doc: Document, level: Level, encoder: Encoder | None) -> list[Unit]:
    """:func:`make_units`, kept for the last documents seen (segmenting is the slow part)."""
    key = (doc.id, doc.text, level, id(encoder))
    found = _UNIT_CACHE.pop(key, None)
    if found is None or found[0] is not encoder:
        found = (encoder, make_units(doc, level, encoder))
    _UNIT_CACHE[key] = found  # most recently used last
    while len(_UNIT_CACHE) > _UNIT_CACHE_SIZE:
        del _UNIT_CACHE[next(iter(_UNIT_CACHE))]
    return found[1]


# ------------------------------------------------------------------ measures


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _word_cosine(a: Unit, b: Unit) -> float:
    if not a.word_norm or not b.word_norm:
        return 0.0
    small, large = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    shared = math.fsum(weight for word, weight in small.items() if word in large)
    return min(1.0, shared / (a.word_norm * b.word_norm))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of ``a``'s n-grams found in ``b`` (0 for an empty ``a``)."""
    return len(a & b) / len(a) if a else 0.0


def semantic_score(cos: float, floor: float = 0.0) -> float:
    """A cosine on the ``semantic`` scale: 0 at ``floor`` (unrelated texts) and below, 1 at 1."""
    return max(0.0, min(1.0, (cos - floor) / (1.0 - floor))) if floor < 1.0 else 0.0


def measure(a: Unit, b: Unit, floor: float = 0.0) -> Similarity:
    """Every measure between two units (their vectors, if any, from the same encoder)."""
    char = _cosine(a.bigrams, b.bigrams)
    word = _word_cosine(a, b)
    lexical = min(1.0, (char + word) / 2)
    semantic = None
    score = lexical
    if a.vector is not None and b.vector is not None:
        semantic = semantic_score(float(a.vector @ b.vector), floor)
        if a.vector.any() and b.vector.any():
            score = min(1.0, (lexical + semantic) / 2)
    return Similarity(score, char, word, containment(a.trigrams, b.trigrams), lexical, semantic)


def _text_unit(text: str, encoder: Encoder | None) -> Unit:
    words = tokens(text)
    [vector] = _encode(encoder, [text], [words])
    return Unit(0, "", None, None, Span(0, len(text)), text, *_features(text, words), tuple(words), vector)


def joined(parts: Sequence[Unit], encoder: Encoder | None) -> Unit:
    """Several units read as one (a split article's parts): their n-grams and words together, one vector."""
    first = parts[0]
    text = "\n".join(part.text for part in parts)
    words = [word for part in parts for word in part.tokens]
    bigrams = frozenset().union(*(part.bigrams for part in parts))
    trigrams = frozenset().union(*(part.trigrams for part in parts))
    weights = {w: _weight(w) ** 2 for w in sorted(set(words))}
    [vector] = _encode(encoder, [text], [words])
    return Unit(first.index, first.doc, first.article, first.item, first.span, text, bigrams, trigrams, weights,
                math.sqrt(math.fsum(weights.values())), tuple(words), vector)


def similarity(a: str, b: str, *, model: object = DEFAULT_MODEL) -> Similarity:
    """The measures between two texts: ``score``, ``char``, ``word``, ``containment`` of a in b,
    ``lexical`` and ``semantic`` (``None`` with ``model=None``)."""
    from qqtext.compare.semantic import floor

    encoder = resolve_model(model)
    return measure(_text_unit(a, encoder), _text_unit(b, encoder), floor(encoder) if encoder is not None else 0.0)

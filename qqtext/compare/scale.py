"""Scale: a seeded synthetic corpus of recombined real articles, and near-duplicate article pairs.

Researchers compare hundreds of local measures that borrow articles from each other and from the
national and provincial texts, lightly edited. This module gives

* :func:`synthetic_corpus`: a reproducible corpus of such measures built from real documents. Each
  synthetic document draws its articles from a few real texts and edits some of them the way
  drafters do (place names, synonyms, a clause deleted or inserted, list items swapped,
  renumbering). It is written out as text (title, 第X章, 第X条 lines) and parsed with
  :func:`qqtext.parse.parse_text`, so it is a real :class:`~qqtext.model.Document`. Which real
  article each synthetic article came from, and how it was edited, is the ground truth
  (:func:`synthetic_origins`).
* :func:`minhash_pairs`: every pair of articles whose character-shingle sets have exact Jaccard
  similarity ≥ a threshold, found with MinHash LSH (datasketch) and verified exactly;
  :func:`exhaustive_pairs`: the same pairs by comparing every pair of articles, the baseline;
  :func:`recall` of one against the other.

Shingles
    :func:`article_shingles` keeps letters and digits only (punctuation, item brackets and
    whitespace go, so a re-wrapped line or a ， for a ； does not count as a difference) and takes
    the set of character ``k``-grams, ``k = 3`` by default (:data:`SHINGLE_K`). Chinese has no
    spaces, so character grams are the unit. Most Chinese words have two characters, so a set of
    2-grams is close to a bag of words: it says what an article is about more than how it is
    worded. 3-grams span word boundaries and so record phrasing; each longer gram is broken by
    more edits (应当 → 应 breaks k grams, an inserted clause adds its length plus k − 1), so
    lightly edited copies of short articles drop below the threshold. Measured on 120 synthetic
    documents at threshold 0.7 (``bench/bench_compare.py --k-report``): of the pairs of articles
    copied from the same real article, k = 2 finds 80 %, k = 3 72 %, k = 4 66 %, k = 5 60 %; of the
    pairs found, 10.3 %, 8.8 %, 7.8 %, 7.0 % come from different real articles (some of those are
    real near duplicates, such as the 2018 and 2023 discipline regulations). k = 3 gives up some
    recall of edited copies against 2-grams to ask for shared wording, not shared words, and
    keeps more than 4- and 5-grams do.

Threshold and bands
    A pair is a near duplicate when its exact Jaccard is ≥ ``threshold`` (0.7 by default). The
    LSH banding (``b`` bands of ``r`` rows, ``b·r ≤ num_perm``) is chosen by :func:`lsh_params`
    for recall, not for balance: the largest ``r`` for which a pair *at* the threshold is missed
    with probability ``(1 − t^r)^b`` ≤ 0.1 %. For t = 0.7 and 128 permutations that is 32 bands of
    4 rows (miss probability 1.5·10⁻⁴ at J = 0.7, less above it). The extra candidates this lets
    through (pairs below the threshold) cost only their exact verification.

Pairs are exact
    Every LSH candidate is verified on the shingle sets, so :func:`minhash_pairs` returns no
    pair below the threshold, and its Jaccard values are exact, equal to those of
    :func:`exhaustive_pairs`. Articles with identical shingle sets are indexed once (they would
    collide in every band anyway) and all of them are paired with each other (Jaccard 1.0).

>>> sorted(article_shingles("应当依法，办事。", 3))
['依法办', '应当依', '当依法', '法办事']
"""

from __future__ import annotations

import gc
import inspect
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np

from qqtext.model import Article, Document
from qqtext.numerals import parse_chinese_number, to_chinese_number

__all__ = [
    "SHINGLE_K",
    "Origin",
    "Pair",
    "synthetic_corpus",
    "synthetic_origins",
    "article_shingles",
    "lsh_params",
    "minhash_pairs",
    "exhaustive_pairs",
    "recall",
]

SHINGLE_K = 3
"""Default shingle length in characters (see the module docstring)."""

MAX_MISS_AT_THRESHOLD = 1e-3
""":func:`lsh_params` keeps the probability of missing a pair at the threshold below this."""

EDITS = ("place", "synonym", "delete_clause", "insert_clause", "swap_items", "renumber")
"""The kinds of edit :func:`synthetic_corpus` applies, as recorded in :class:`Origin`."""


class Pair(NamedTuple):
    """Two articles (``a_id`` before ``b_id`` in corpus order) and their exact shingle Jaccard."""

    a_id: str
    b_id: str
    jaccard: float


class Origin(NamedTuple):
    """Where a synthetic article came from: the source article's id and the edits applied."""

    source_id: str
    edits: tuple[str, ...]


# ====================================================================== synthetic corpus
_PLACES = (
    ("济南市", "某市"), ("济南", "某市"), ("驻马店市", "某市"), ("开封市", "某市"),
    ("山东省", "某省"), ("河南省", "某省"), ("广东省", "某省"), ("浙江省", "某省"),
    ("省人民政府", "市人民政府"), ("省人民代表大会", "市人民代表大会"),
    ("本省", "本市"), ("全省", "全市"), ("省级", "市级"),
)
# (pattern of the first form, second form, pattern of the second form, first form); the guards
# keep words such as 相应, 应急, 民营企业, 企业家 intact
_SYNONYMS = (
    (r"应当", "应", r"(?<![相适供响反呼顺报感答效对理])应(?![当该急用变对])(?=[按依予在及加建严将对向])", "应当"),
    (r"(?<![国民营外资中小微业])企业(?![家])", "市场主体", r"市场主体", "企业"),
    (r"有关部门", "相关部门", r"相关部门", "有关部门"),
    (r"加强", "强化", r"强化", "加强"),
    (r"按照", "依照", r"依照", "按照"),
)
_INSERTED_CLAUSES = (
    "坚持依法依规、公开透明",
    "切实减轻企业负担",
    "并主动接受社会监督",
    "做到亲而有度、清而有为",
    "不断提升服务质量和效率",
    "具体办法由市人民政府另行制定",
    "并将落实情况纳入年度考核",
)
_TOPICS = ("关于构建亲清新型政商关系的", "优化营商环境", "促进民营经济发展", "规范政商交往行为")
_KINDS = ("实施办法", "若干规定", "条例", "办法")
_MIDDLE_CHAPTERS = ("政务服务", "市场环境", "政商交往", "要素保障", "监督管理", "权益保护", "法治保障")
_ITEM_STYLES = ("paren_cn", "paren_num", "num_dot")
_RE_REFERENCE = re.compile(r"第([一二三四五六七八九十百零]+)条")
_P_COPY_WITHIN = 0.03  # chance that an article slot repeats an earlier article of the same document
_P_VERBATIM = 0.4  # chance that an article is copied without edits
_MAX_DELETED_SHARE = 0.3  # a deleted clause is at most this share of the article's text
_MIN_DELETABLE = 8  # … or this many characters


class _Para:
    """A paragraph of an article being edited: its line and its items (texts without markers)."""

    __slots__ = ("text", "items", "style")

    def __init__(self, text: str, items: list[str], style: str = "paren_cn") -> None:
        self.text = text
        self.items = items
        self.style = style


def _marker(style: str, number: int) -> str:
    if style == "paren_num":
        return f"（{number}）"
    if style == "num_dot":
        return f"{number}."
    return f"（{to_chinese_number(number)}）"


def _render(paras: list[_Para]) -> list[str]:
    """The article's lines (without the 第X条 heading), as :attr:`Article.text` would give them."""
    lines: list[str] = []
    for para in paras:
        if para.text:
            lines.append(para.text)
        lines.extend(f"{_marker(para.style, n)}{item}" for n, item in enumerate(para.items, 1))
    return lines


def _split(article: Article) -> list[_Para]:
    return [_Para(p.text, [item.text for item in p.items]) for p in article.paragraphs]


def _texts(paras: list[_Para]) -> list[tuple[_Para, int]]:
    """Every editable line: ``(para, -1)`` for a paragraph's own line, ``(para, i)`` for item i."""
    out = []
    for para in paras:
        if para.text:
            out.append((para, -1))
        out.extend((para, i) for i in range(len(para.items)))
    return out


def _get(line: tuple[_Para, int]) -> str:
    para, i = line
    return para.text if i < 0 else para.items[i]


def _set(line: tuple[_Para, int], value: str) -> None:
    para, i = line
    if i < 0:
        para.text = value
    else:
        para.items[i] = value


def _replace_all(paras: list[_Para], pattern: str, repl: str) -> None:
    regex = re.compile(pattern)
    for line in _texts(paras):
        _set(line, regex.sub(repl, _get(line)))


def _clauses(text: str) -> list[str]:
    """``text`` cut after each ， and ；, keeping the marks."""
    return [piece for piece in re.split(r"(?<=[，；])", text) if piece]


def _applicable(paras: list[_Para]) -> dict[str, object]:
    """The edits that would change this article, with what each needs."""
    joined = "\n".join(_render(paras))
    found: dict[str, object] = {}
    places = [(old, new) for old, new in _PLACES if old in joined]
    if places or "本条例" in joined:
        found["place"] = places
    synonyms = []
    for first, second, second_pattern, first_form in _SYNONYMS:
        if re.search(first, joined):
            synonyms.append((first, second))
        if re.search(second_pattern, joined):
            synonyms.append((second_pattern, first_form))
    if synonyms:
        found["synonym"] = synonyms
    lines = _texts(paras)
    # a clause that is not the end of its line, and short: a drafter drops a phrase, not the gist
    longest = max(_MIN_DELETABLE, int(_MAX_DELETED_SHARE * len(joined)))
    deletable = [
        (line, i)
        for line in lines
        for i, piece in enumerate(_clauses(_get(line))[:-1])
        if len(piece) <= longest
    ]
    if deletable:
        found["delete_clause"] = deletable
    if lines:
        found["insert_clause"] = lines
    swappable = [para for para in paras if len(para.items) >= 2]
    if swappable:
        found["swap_items"] = swappable
    if any(para.items for para in paras) or _RE_REFERENCE.search(joined):
        found["renumber"] = True
    return found


def _edit(paras: list[_Para], kind: str, need: object, rng: random.Random, doc_kind: str) -> None:
    if kind == "place":
        for old, new in need:  # type: ignore[union-attr]
            _replace_all(paras, re.escape(old), new)
        _replace_all(paras, "本条例", "本" + doc_kind.removeprefix("若干"))
    elif kind == "synonym":
        pattern, repl = rng.choice(need)  # type: ignore[arg-type]
        _replace_all(paras, pattern, repl)
    elif kind == "delete_clause":
        line, i = rng.choice(need)  # type: ignore[arg-type]
        pieces = _clauses(_get(line))
        del pieces[i]
        _set(line, "".join(pieces))
    elif kind == "insert_clause":
        line = rng.choice(need)  # type: ignore[arg-type]
        text = _get(line)
        clause = rng.choice(_INSERTED_CLAUSES)
        cuts = [m.end() for m in re.finditer(r"[，；]", text)]
        if cuts:
            at = rng.choice(cuts)
            _set(line, f"{text[:at]}{clause}，{text[at:]}")
        elif text.endswith("。"):
            _set(line, f"{text[:-1]}，{clause}。")
        else:
            _set(line, f"{text}，{clause}")
    elif kind == "swap_items":
        para = rng.choice(need)  # type: ignore[arg-type]
        i, j = rng.sample(range(len(para.items)), 2)
        para.items[i], para.items[j] = para.items[j], para.items[i]
    elif kind == "renumber":
        style = rng.choice([s for s in _ITEM_STYLES if s != "paren_cn"])
        for para in paras:
            para.style = style
        shift = rng.choice((-3, -2, -1, 1, 2, 3, 5))

        def renumber(match: re.Match[str]) -> str:
            try:
                number = parse_chinese_number(match.group(1))
            except ValueError:
                return match.group()
            return f"第{to_chinese_number(max(1, number + shift))}条"

        for line in _texts(paras):
            _set(line, _RE_REFERENCE.sub(renumber, _get(line)))


def _perturb(article: Article, rng: random.Random, doc_kind: str) -> tuple[list[str], tuple[str, ...]]:
    paras = _split(article)
    if rng.random() < _P_VERBATIM:
        return _render(paras), ()
    applicable = _applicable(paras)
    if not applicable:
        return _render(paras), ()
    count = min(len(applicable), rng.choices((1, 2, 3), weights=(50, 35, 15))[0])
    kinds = sorted(rng.sample(sorted(applicable), count), key=EDITS.index)
    done = []
    for kind in kinds:
        if kind not in applicable:  # an earlier edit removed what this one needed
            continue
        before = _render(paras)
        _edit(paras, kind, applicable[kind], rng, doc_kind)
        if _render(paras) != before:
            done.append(kind)
        applicable = _applicable(paras)
    lines = _render(paras)
    if not any(lines):  # a deletion must not leave an empty article
        return _render(_split(article)), ()
    return lines, tuple(done)


def _chapter_sizes(n: int, rng: random.Random) -> list[int]:
    count = max(1, min(1 + len(_MIDDLE_CHAPTERS) + 1, round(n / 9)))
    cuts = sorted(rng.sample(range(1, n), count - 1)) if count > 1 else []
    bounds = [0, *cuts, n]
    return [b - a for a, b in zip(bounds, bounds[1:])]


def _synthetic_document(
    index: int, sources: list[Document], rng: random.Random, articles_per_doc: tuple[int, int], seed: int
) -> Document:
    from qqtext.parse import parse_text

    doc_id = f"synthetic-{index:04d}"
    n = rng.randint(*articles_per_doc)
    # a few real texts to borrow from, in a random order, until they hold enough articles
    order = rng.sample(range(len(sources)), len(sources))
    wanted = rng.choice((1, 2, 2, 3, 3, 4))
    chosen = order[:wanted]
    while sum(len(sources[i].articles) for i in chosen) < n and len(chosen) < len(order):
        chosen.append(order[len(chosen)])
    pool = [article for i in chosen for article in sources[i].articles]
    if len(pool) >= n:
        picks = [pool[i] for i in sorted(rng.sample(range(len(pool)), n))]
    else:
        picks = [pool[i] for i in sorted(rng.choices(range(len(pool)), k=n))]
    for i in range(1, n):  # now and then a document repeats one of its own articles
        if rng.random() < _P_COPY_WITHIN:
            picks[i] = picks[rng.randrange(i)]

    place = rng.choice(("某市", "某市", "某县", "某区"))
    kind = rng.choice(_KINDS)
    title = f"{place}{rng.choice(_TOPICS)}{kind}"
    sizes = _chapter_sizes(n, rng)
    middle = rng.sample(_MIDDLE_CHAPTERS, max(0, len(sizes) - 2))
    chapter_titles = ["总则", *middle, "附则"][: len(sizes)] if len(sizes) > 1 else ["总则"]

    lines = [title]
    metadata: dict[str, object] = {
        "synthetic": "true",
        "seed": str(seed),
        "sources": ",".join(sources[i].id for i in chosen),
    }
    number = 0
    for chapter, (size, chapter_title) in enumerate(zip(sizes, chapter_titles), 1):
        lines.append(f"第{to_chinese_number(chapter)}章 {chapter_title}")
        for article in picks[number:number + size]:
            number += 1
            body, edits = _perturb(article, rng, kind)
            heading = f"第{to_chinese_number(number)}条"
            if body and not re.match(r"^（|^\d", body[0]):
                lines.append(f"{heading} {body[0]}")
                lines.extend(body[1:])
            else:
                lines.append(heading)
                lines.extend(body)
            metadata[f"origin:art-{number}"] = article.id
            metadata[f"edits:art-{number}"] = ",".join(edits)
    doc = parse_text("\n".join(lines) + "\n", doc_id=doc_id, metadata=metadata)
    if len(doc.articles) != n or doc.warnings:  # pragma: no cover - a bug in the writer above
        raise RuntimeError(f"{doc_id}: wrote {n} articles, parsed {len(doc.articles)} ({doc.warnings})")
    return doc


def synthetic_corpus(
    source_docs: Sequence[Document],
    *,
    n_docs: int = 1000,
    seed: int,
    articles_per_doc: tuple[int, int] = (15, 60),
) -> list[Document]:
    """A reproducible corpus of ``n_docs`` local measures recombined from real articles.

    Each document (id ``synthetic-0001`` …) takes a number of articles drawn uniformly from
    ``articles_per_doc`` (inclusive), sampled from one to four of the ``source_docs`` that have
    第X条 articles (意见-style texts with only sections are not drawn from) and kept in their
    source order; now and then (3 %) an article slot repeats an earlier article of the same
    document. About 40 % of the articles are copied verbatim; the others get one to three of the
    edits in :data:`EDITS`: place names made generic (济南市 → 某市, 本省 → 本市, 本条例 → 本办法),
    one synonym substituted throughout (应当 ↔ 应, 企业 ↔ 市场主体, …), a clause deleted or a
    stock clause inserted, two list items swapped, renumbering (item markers restyled, 第N条
    references shifted). Every article is renumbered by its place in the new document. The text
    is then written out (title, 第X章, 第X条 lines, items on their own lines) and parsed with
    :func:`qqtext.parse.parse_text`.

    The ground truth travels in each document's metadata (``origin:art-N``, ``edits:art-N``);
    :func:`synthetic_origins` reads it back.

    Determinism: all randomness comes from ``random.Random(seed)``, which draws one seed per
    document, so the same sources and seed give the same texts, and the first ``m`` documents do
    not depend on ``n_docs``. The global :mod:`random` state is neither used nor changed.

    Raises:
        ValueError: if no source document has articles, or the arguments are out of range.
    """
    lo, hi = articles_per_doc
    if not 1 <= lo <= hi:
        raise ValueError(f"articles_per_doc must be (lo, hi) with 1 <= lo <= hi, got {articles_per_doc}")
    if n_docs < 0:
        raise ValueError(f"n_docs must be >= 0, got {n_docs}")
    sources = [doc for doc in source_docs if doc.articles]
    if not sources:
        raise ValueError("no source document has 第X条 articles to draw from")
    master = random.Random(seed)
    doc_seeds = [master.getrandbits(64) for _ in range(n_docs)]
    return [
        _synthetic_document(i, sources, random.Random(doc_seed), (lo, hi), seed)
        for i, doc_seed in enumerate(doc_seeds, 1)
    ]


def synthetic_origins(docs: Iterable[Document]) -> dict[str, Origin]:
    """The ground truth of synthetic documents: article id -> :class:`Origin`.

    Documents without the metadata (real ones) contribute nothing.
    """
    out: dict[str, Origin] = {}
    for doc in docs:
        meta = dict(doc.metadata)
        for article in doc.articles:
            source = meta.get(f"origin:art-{article.number}")
            if source is None:
                continue
            edits = meta.get(f"edits:art-{article.number}", "")
            out[article.id] = Origin(source, tuple(edits.split(",")) if edits else ())
    return out


# ====================================================================== shingles
_RE_NOT_ALNUM = re.compile(r"[\W_]+")


def article_shingles(text: str, k: int = SHINGLE_K) -> set[str]:
    """The set of character ``k``-grams of ``text`` with everything but letters and digits removed.

    A text shorter than ``k`` (after cleaning) is one shingle; a text with no letters or digits
    has none (such an article is never paired).

    >>> sorted(article_shingles("（一）不得 收受", 3))
    ['一不得', '不得收', '得收受']
    >>> article_shingles("附则", 3), article_shingles("。", 3)
    ({'附则'}, set())
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    clean = _RE_NOT_ALNUM.sub("", text)
    if len(clean) <= k:
        return {clean} if clean else set()
    return {clean[i:i + k] for i in range(len(clean) - k + 1)}


def _corpus_articles(docs: Iterable[Document]) -> tuple[list[str], list[str]]:
    ids: list[str] = []
    texts: list[str] = []
    for doc in docs:
        for article in doc.articles:
            ids.append(article.id)
            texts.append(article.text)
    return ids, texts


def _shingle_id_sets(texts: list[str], k: int, bar) -> tuple[list[frozenset[int]], list[str]]:
    """Each text's shingles as a frozenset of vocabulary indices, and the vocabulary."""
    vocab: dict[str, int] = {}
    seen: dict[str, frozenset[int]] = {}  # copied articles are shingled once
    sets = []
    for text in bar(texts, desc="shingles", unit="art"):
        ids = seen.get(text)
        if ids is None:
            ids = seen[text] = frozenset(
                vocab.setdefault(shingle, len(vocab)) for shingle in article_shingles(text, k)
            )
        sets.append(ids)
    return sets, list(vocab)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    inter = len(a & b) if len(a) <= len(b) else len(b & a)
    return inter / (len(a) + len(b) - inter)


def _bar_factory(progress: bool):
    from tqdm.auto import tqdm

    def bar(iterable=None, **kwargs):
        return tqdm(iterable, disable=not progress, leave=False, mininterval=0.5, **kwargs)

    return bar


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects (sets, tuples).

    With a large corpus alive, each automatic full collection walks every object of it; pausing
    saves about 40 % of the time of :func:`minhash_pairs` on 1,000 documents. Reference counting
    still frees everything; the previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(threshold: float, k: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")


# ====================================================================== MinHash LSH
def lsh_params(threshold: float, num_perm: int, max_miss: float = MAX_MISS_AT_THRESHOLD) -> tuple[int, int]:
    """``(bands, rows)`` of an LSH index tuned for recall at ``threshold``.

    The largest ``rows`` (fewest chance candidates) for which a pair at exactly the threshold is
    missed with probability ``(1 − t^rows)^bands ≤ max_miss``, with ``bands = num_perm // rows``
    (one row per band if even that misses too often; at least two bands, which datasketch
    requires). Pairs above the threshold are missed less.

    >>> lsh_params(0.7, 128)
    (32, 4)
    >>> lsh_params(0.5, 128), lsh_params(0.9, 128), lsh_params(1.0, 128)
    ((64, 2), (16, 8), (2, 64))
    """
    if num_perm < 2:
        raise ValueError(f"num_perm must be >= 2, got {num_perm}")
    best = (num_perm, 1)
    for rows in range(1, num_perm // 2 + 1):
        bands = num_perm // rows
        if (1.0 - threshold**rows) ** bands <= max_miss:
            best = (bands, rows)
    return best


def _minhash_scheme(num_perm: int, seed: int) -> tuple[str, np.ndarray, np.ndarray, type]:
    """The permutation scheme, parameters and value dtype datasketch uses for these settings."""
    from datasketch import MinHash

    template = MinHash(num_perm=num_perm, seed=seed)
    scheme = getattr(template, "scheme", "legacy")  # datasketch < 2.0 has only the legacy scheme
    a, b = template.permutations
    return scheme, np.asarray(a), np.asarray(b), template.hashvalues.dtype.type


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer datasketch's ``affine32`` scheme applies first."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def _permuted(vocab: list[str], num_perm: int, seed: int) -> tuple[np.ndarray, str]:
    """For every shingle, its ``num_perm`` permuted hash values (shape ``(len(vocab), num_perm)``).

    The values are those datasketch's ``MinHash(num_perm, seed).update(shingle.encode())`` would
    compute: the default SHA-1 32-bit hash, computed once per distinct shingle, then the
    installed datasketch's permutation scheme, vectorised.
    """
    from datasketch.hashfunc import sha1_hash32

    scheme, a, b, _ = _minhash_scheme(num_perm, seed)
    hv = np.fromiter((sha1_hash32(s.encode("utf-8")) for s in vocab), dtype=np.uint64, count=len(vocab))
    if scheme == "legacy":
        prime = np.uint64((1 << 61) - 1)
        out = np.empty((len(vocab), num_perm), dtype=np.uint64)
        for start in range(0, len(vocab), 8192):  # bounded temporaries
            block = hv[start:start + 8192, None]
            out[start:start + 8192] = ((block * a.astype(np.uint64) + b.astype(np.uint64)) % prime) & np.uint64(0xFFFFFFFF)
        return out, scheme
    if scheme == "affine32":
        h32 = _fmix32(hv.astype(np.uint32))
        with np.errstate(over="ignore"):
            return h32[:, None] * a.astype(np.uint32) + b.astype(np.uint32), scheme
    raise ValueError(f"unsupported datasketch MinHash scheme {scheme!r}")  # affine64 is never the default


def _lean_minhash_factory(scheme: str, seed: int):
    from datasketch import LeanMinHash

    takes_scheme = "scheme" in inspect.signature(LeanMinHash.__init__).parameters

    def make(values: np.ndarray) -> LeanMinHash:
        if takes_scheme:
            return LeanMinHash(seed=seed, hashvalues=values, scheme=scheme)
        return LeanMinHash(seed=seed, hashvalues=values)

    return make


def _signatures(sets: Sequence[frozenset[int]], vocab: list[str], *, num_perm: int = 128,
                seed: int = 1, progress: bool = False) -> np.ndarray:
    """MinHash signatures of shingle-id sets, one row per set (no set may be empty).

    Row ``i`` equals ``datasketch.MinHash(num_perm, seed)`` updated with the UTF-8 shingles of
    ``sets[i]`` (``vocab`` maps ids to shingles).
    """
    bar = _bar_factory(progress)
    permuted, _ = _permuted(vocab, num_perm, seed)
    out = np.empty((len(sets), num_perm), dtype=permuted.dtype)
    block = 1024  # bounds the gathered (shingles x num_perm) block to ~100 MB
    with bar(total=len(sets), desc="minhash", unit="set") as progress_bar:
        for start in range(0, len(sets), block):
            chunk = sets[start:start + block]
            lengths = np.fromiter((len(s) for s in chunk), dtype=np.int64, count=len(chunk))
            if not lengths.all():
                raise ValueError("cannot take the MinHash of an empty set")
            flat = np.fromiter((i for s in chunk for i in s), dtype=np.int64, count=int(lengths.sum()))
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            out[start:start + len(chunk)] = np.minimum.reduceat(permuted[flat], offsets, axis=0)
            progress_bar.update(len(chunk))
    return out


def minhash_pairs(
    docs: Iterable[Document],
    *,
    threshold: float = 0.7,
    num_perm: int = 128,
    progress: bool = True,
    k: int = SHINGLE_K,
    params: tuple[int, int] | None = None,
    seed: int = 1,
    stats: dict[str, int] | None = None,
) -> list[Pair]:
    """Every pair of articles with exact shingle Jaccard ≥ ``threshold``, found with MinHash LSH.

    Steps (each with a tqdm progress bar unless ``progress=False``): shingle every article
    (:func:`article_shingles`, ``k``); group articles with identical shingle sets; MinHash each
    distinct set (``num_perm`` permutations, datasketch's scheme, vectorised with numpy); index
    the sketches in a ``datasketch.MinHashLSH`` with ``params`` = (bands, rows), by default
    :func:`lsh_params` (32 × 4 for 0.7 and 128); query each; verify each candidate pair with the
    exact Jaccard of the shingle sets. Articles of one group pair with each other at 1.0.

    An article is never paired with itself; copies within one document are paired. Articles with
    no letters or digits are left out. Pairs come sorted in corpus order, ``a_id`` before
    ``b_id``.

    Args:
        k: shingle length (:data:`SHINGLE_K`).
        params: ``(bands, rows)`` for the LSH index instead of :func:`lsh_params`.
        seed: the MinHash seed (datasketch's default is 1).
        stats: if given, a dict that receives counts: ``articles``, ``distinct_sets``, ``bands``,
            ``rows``, ``candidates`` (distinct-set pairs verified) and ``verified`` (kept), ``pairs``.
    """
    _check(threshold, k)
    with _gc_paused():
        return _minhash_pairs(docs, threshold, num_perm, progress, k, params, seed, stats)


def _minhash_pairs(docs, threshold, num_perm, progress, k, params, seed, stats) -> list[Pair]:
    from datasketch import MinHashLSH

    bar = _bar_factory(progress)
    ids, texts = _corpus_articles(docs)
    sets, vocab = _shingle_id_sets(texts, k, bar)

    groups: dict[frozenset[int], list[int]] = {}
    for index, shingles in enumerate(sets):
        if shingles:
            groups.setdefault(shingles, []).append(index)
    distinct = list(groups)
    members = list(groups.values())

    bands, rows = params or lsh_params(threshold, num_perm)
    signatures = _signatures(distinct, vocab, num_perm=num_perm, seed=seed, progress=progress)
    scheme, *_ = _minhash_scheme(num_perm, seed)
    make = _lean_minhash_factory(scheme, seed)
    lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
    sketches = [make(row) for row in signatures]
    for g, sketch in enumerate(bar(sketches, desc="lsh index", unit="set")):
        lsh.insert(g, sketch, check_duplication=False)

    verified: list[tuple[int, int, float]] = []
    candidates = 0
    for g, sketch in enumerate(bar(sketches, desc="lsh query+verify", unit="set")):
        mine = distinct[g]
        for h in lsh.query(sketch):
            if h > g:
                candidates += 1
                value = _jaccard(mine, distinct[h])
                if value >= threshold:
                    verified.append((g, h, value))

    found: list[tuple[int, int, float]] = []
    for group in members:  # identical shingle sets
        found.extend((a, b, 1.0) for i, a in enumerate(group) for b in group[i + 1:])
    for g, h, value in verified:
        found.extend((min(a, b), max(a, b), value) for a in members[g] for b in members[h])
    found.sort()
    if stats is not None:
        stats.update(articles=len(ids), distinct_sets=len(distinct), bands=bands, rows=rows,
                     candidates=candidates, verified=len(verified), pairs=len(found))
    return [Pair(ids[a], ids[b], value) for a, b, value in found]


# ====================================================================== exhaustive baseline
def exhaustive_pairs(
    docs: Iterable[Document],
    *,
    threshold: float = 0.7,
    progress: bool = True,
    k: int = SHINGLE_K,
    block: int = 512,
) -> list[Pair]:
    """Every pair of articles with exact shingle Jaccard ≥ ``threshold``, by comparing all pairs.

    The baseline for :func:`minhash_pairs`: no sketches, no grouping, no pruning. The articles'
    shingle sets form a sparse 0/1 matrix ``X`` (articles × shingles); ``X·Xᵀ`` gives the
    intersection size of every pair of articles, computed ``block`` rows at a time (a progress
    bar per block), and ``|A ∩ B| / (|A| + |B| − |A ∩ B|)`` the Jaccard. Time and memory grow
    with the square of the number of articles.

    Same conventions as :func:`minhash_pairs`: no self-pairs, no articles without letters or
    digits, pairs in corpus order.
    """
    _check(threshold, k)
    with _gc_paused():
        return _exhaustive_pairs(docs, threshold, progress, k, block)


def _exhaustive_pairs(docs, threshold, progress, k, block) -> list[Pair]:
    from scipy import sparse

    bar = _bar_factory(progress)
    ids, texts = _corpus_articles(docs)
    sets, vocab = _shingle_id_sets(texts, k, bar)
    n = len(sets)
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=n)
    indices = np.fromiter((i for s in sets for i in sorted(s)), dtype=np.int32, count=int(sizes.sum()))
    indptr = np.concatenate(([0], np.cumsum(sizes)))
    matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.int32), indices, indptr), shape=(n, len(vocab)))
    transposed = matrix.T.tocsc()

    found: list[tuple[int, int, float]] = []
    for start in bar(range(0, n, block), desc="all pairs", unit="block"):
        inter = (matrix[start:start + block] @ transposed).tocoo()
        rows = inter.row.astype(np.int64) + start
        cols = inter.col.astype(np.int64)
        keep = cols > rows
        rows, cols, counts = rows[keep], cols[keep], inter.data[keep].astype(np.int64)
        union = sizes[rows] + sizes[cols] - counts
        values = counts / union
        hit = values >= threshold
        found.extend(zip(rows[hit].tolist(), cols[hit].tolist(), values[hit].tolist()))
    found.sort()
    return [Pair(ids[a], ids[b], value) for a, b, value in found]


# ====================================================================== recall
def recall(found: Iterable[Pair | tuple[str, str]], truth: Iterable[Pair | tuple[str, str]]) -> float:
    """The share of ``truth`` pairs that are in ``found`` (order within a pair is ignored).

    An empty ``truth`` gives 1.0.

    >>> recall([Pair("a", "b", 0.9)], [("b", "a"), ("a", "c")])
    0.5
    """
    def key(pair) -> tuple[str, str]:
        a, b = pair[0], pair[1]
        return (a, b) if a <= b else (b, a)

    wanted = {key(pair) for pair in truth}
    if not wanted:
        return 1.0
    have = {key(pair) for pair in found}
    return len(wanted & have) / len(wanted)

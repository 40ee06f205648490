"""Semantic similarity: domain word vectors trained on Chinese laws, and any encoder with the same contract.

Two provisions can say the same thing in different words: Jinan's 2019 measures 第五条 (制定涉及企业
重大利益的政策…充分听取企业及其负责人的意见) is the national 优化营商环境条例 第六十二条 (制定与市场主体
生产经营活动密切相关的行政法规、规章…充分听取市场主体、行业协会商会的意见), yet they share few character
bigrams. A vector for each text, from vectors for its words learned on a large corpus of the same
genre, sees that 政策 and 规范性文件, 企业 and 市场主体, 网上办事 and 在线政务服务 belong together.

The shipped model (``qqtext/data/semantic.npz``)
------------------------------------------------

* **Corpus**: the 3,428 laws and regulations of LawRefBook (``../shared/lawrefbook/laws.jsonl.xz``),
  each parsed with :func:`qqtext.parse.parse_text`, one article a document.
* **Words**: :func:`qqtext.compare.measures.tokens`: qqtext's private segmenter, words of two or more
  characters, each actor surface form replaced by its canonical actor (市场主体 → 企业); the same words
  the lexical ``word`` measure reads.
* **Vectors**: positive pointwise mutual information of word pairs within ``window`` words (weight
  1/distance, context frequencies smoothed by the power 0.75; Levy, Goldberg & Dagan 2015), reduced by a
  truncated SVD (:func:`scipy.sparse.linalg.svds`, start vector from the seed) to ``dim`` dimensions,
  ``U·√S``, each row scaled to unit length, stored as int8 with one scale a row.
* **A text's vector**: the smooth-inverse-frequency average of its words' vectors, each word weighted
  ``a / (a + p(w))`` (``a`` = 0.001, ``p`` its share of the corpus), with the common component (the
  first singular vector of a seeded sample of 5,000 training articles) removed (Arora, Liang & Ma 2017):
  what every legal text shares does not make two texts alike.
* ``semantic`` = the cosine of two texts' vectors, negative values taken as 0. Two random articles of
  the corpus score 0 at the median.

``scripts/train_semantic.py`` rebuilds the file from the corpus with a fixed seed; its ``meta`` records
the parameters, the corpus' SHA-256 and the null band it measured.

Other encoders
--------------

Any object with ``encode(texts) -> array (n, d)`` can stand in (:class:`Encoder`); :func:`load_model`
reads a model saved by :meth:`DomainVectors.save` (a ``.npz`` file, or a folder holding
``semantic.npz``), or a local sentence-transformers model folder (``modules.json``; it needs the
``sentence-transformers`` package, ``pip install 'qqtext[semantic]'``, and is never downloaded).
Another encoder's cosines sit on another scale: they are shifted by the median cosine of unrelated
article pairs (:func:`floor`, measured on two shipped texts) so that unrelated texts score about 0
with it too; the thresholds of :mod:`qqtext.compare.measures` were calibrated with the shipped model.

>>> model = default_model()
>>> a, b, c = model.encode(["充分听取企业的意见", "充分听取市场主体的意见", "本条例自2020年1月1日起施行"])
>>> float(a @ b) > 0.9 > float(a @ c)
True
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from qqtext.errors import ModelError

__all__ = [
    "Encoder",
    "DomainVectors",
    "SentenceTransformerEncoder",
    "default_model",
    "load_model",
    "train_vectors",
    "floor",
    "MODEL_FILE",
    "SIF_A",
]

#: The shipped model, in ``qqtext/data``.
MODEL_FILE = "semantic.npz"
#: The smooth-inverse-frequency constant: a word's weight is ``SIF_A / (SIF_A + p(word))``.
SIF_A = 1e-3
#: Articles sampled (seeded) to find the common component.
COMMON_SAMPLE = 5_000
#: Files that mark a folder as a sentence-transformers model.
ST_MARKERS = ("modules.json", "config_sentence_transformers.json")


@runtime_checkable
class Encoder(Protocol):
    """What the comparison needs from a model: one vector per text (rows need not be unit length)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - a protocol
        """An array of shape ``(len(texts), d)``."""
        ...


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


@dataclass(frozen=True, eq=False)
class DomainVectors:
    """Word vectors and what turns them into text vectors (see the module docstring).

    Attributes:
        words: the vocabulary, most frequent first.
        vectors: ``(len(words), dim)`` float32, unit rows.
        prob: each word's share of the training tokens (for the SIF weights).
        common: the common component removed from every text vector (unit length, or zeros).
        meta: how the model was made (parameters, corpus hash, null band), JSON-serialisable.
    """

    words: tuple[str, ...]
    vectors: np.ndarray
    prob: np.ndarray
    common: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {word: i for i, word in enumerate(self.words)})

    @property
    def dim(self) -> int:
        """The number of dimensions of a vector."""
        return int(self.vectors.shape[1])

    def encode_tokens(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """One unit vector per list of words (zeros for a list with no known word)."""
        out = np.zeros((len(token_lists), self.dim), dtype=np.float32)
        weights = SIF_A / (SIF_A + self.prob)
        for row, words in enumerate(token_lists):
            counts = Counter(self.index[w] for w in words if w in self.index)
            if not counts:
                continue
            ids = np.fromiter(counts, dtype=np.int64, count=len(counts))
            scale = np.fromiter(counts.values(), dtype=np.float32, count=len(counts)) * weights[ids]
            vector = scale @ self.vectors[ids]
            vector -= float(vector @ self.common) * self.common  # row by row: the same text, the same vector
            out[row] = vector
        return _unit_rows(out)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, cut into words by :func:`qqtext.compare.measures.tokens`."""
        from qqtext.compare.measures import tokens

        return self.encode_tokens([tokens(text) for text in texts])

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the model to ``path`` (``.npz``; int8 vectors with a scale a row), deterministically."""
        path = Path(path)
        scales = np.abs(self.vectors).max(axis=1).astype(np.float32)
        safe = np.where(scales > 0, scales, 1.0)
        quantised = np.rint(self.vectors / safe[:, None] * 127).astype(np.int8)
        arrays = {
            "words": np.array(self.words, dtype=str),
            "vectors": quantised,
            "scales": scales / 127,
            "prob": self.prob.astype(np.float32),
            "common": self.common.astype(np.float32),
            "meta": np.array(json.dumps(self.meta, ensure_ascii=False, sort_keys=True)),
        }
        from qqtext.outputs import atomic_write_bytes

        buffer = io.BytesIO()
        # a zip with fixed timestamps: the same model gives the same bytes (np.savez stamps the time)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                item = io.BytesIO()
                np.lib.format.write_array(item, np.asanyarray(array), allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, item.getvalue())
        atomic_write_bytes(path, buffer.getvalue())
        return path

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DomainVectors:
        """Read a model written by :meth:`save`.

        Raises:
            ModelError: the file is missing or is not such a model.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                words = tuple(str(w) for w in data["words"])
                vectors = data["vectors"].astype(np.float32) * data["scales"][:, None]
                prob = data["prob"].astype(np.float32)
                common = data["common"].astype(np.float32)
                meta = json.loads(str(data["meta"]))
        except (OSError, ValueError, KeyError, EOFError) as error:
            raise ModelError(f"{path}: not a qqtext semantic model ({type(error).__name__}: {error})") from None
        if vectors.ndim != 2 or len(words) != len(vectors) or len(prob) != len(words) or common.shape != (vectors.shape[1],):
            raise ModelError(f"{path}: not a qqtext semantic model (inconsistent arrays)")
        return cls(words, _unit_rows(vectors), prob, common, meta)


class SentenceTransformerEncoder:
    """A local sentence-transformers model folder as an :class:`Encoder` (CPU, never downloaded).

    Args:
        path: the model folder (holding ``modules.json``).

    Raises:
        ModelError: the package is not installed, or the folder cannot be loaded.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError(f"{path}: a sentence-transformers model needs the sentence-transformers package "
                             "(pip install 'qqtext[semantic]')") from None
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder only: never fetch anything
        try:
            self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as error:  # noqa: BLE001 - any failure of a foreign model is the user's input
            raise ModelError(f"{path}: cannot load the sentence-transformers model ({type(error).__name__}: {error})") from None
        self.path = str(path)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text."""
        vectors = self.model.encode(list(texts), convert_to_numpy=True, normalize_embeddings=True,
                                    show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@cache
def default_model() -> DomainVectors:
    """The shipped model (read once per process)."""
    path = resources.files("qqtext") / "data" / MODEL_FILE
    with resources.as_file(path) as real:
        return DomainVectors.load(real)


def load_model(path: str | os.PathLike[str]) -> Encoder:
    """A model from ``path``: a file written by :meth:`DomainVectors.save`, a folder holding one
    (``semantic.npz``), or a sentence-transformers model folder.

    Raises:
        ModelError: nothing usable at ``path``.
    """
    path = Path(path)
    if path.is_dir():
        if any((path / marker).is_file() for marker in ST_MARKERS):
            return SentenceTransformerEncoder(path)
        if (path / MODEL_FILE).is_file():
            return DomainVectors.load(path / MODEL_FILE)
        raise ModelError(f"{path}: neither a qqtext model ({MODEL_FILE}) nor a sentence-transformers model "
                         f"({' or '.join(ST_MARKERS)})")
    if not path.is_file():
        raise ModelError(f"{path}: no such model file or folder")
    return DomainVectors.load(path)


def floor(encoder: Encoder) -> float:
    """The cosine unrelated texts have under ``encoder``, which the ``semantic`` measure counts as 0.

    0 for a :class:`DomainVectors` (its common component is removed, so unrelated articles score about
    0); for another encoder, the median cosine of every pair of articles of two unrelated shipped texts
    (the Jinan measures and the 2022 反垄断法 of ``corpus/reference``), at least 0.
    """
    if isinstance(encoder, DomainVectors):
        return 0.0
    return _measured_floor(encoder)


_FLOORS: dict[int, tuple[Encoder, float]] = {}


def _measured_floor(encoder: Encoder) -> float:
    known = _FLOORS.get(id(encoder))
    if known is not None and known[0] is encoder:
        return known[1]
    from qqtext.compare.measures import unit_text
    from qqtext.corpus import corpus_dir, load_document

    left = [unit_text(a) for a in load_document("jinan-2019").articles]
    right = [unit_text(a) for a in load_document(corpus_dir() / "reference" / "2022_national_fanlongduanfa.md").articles]
    a = _unit_rows(np.asarray(encoder.encode(left), dtype=np.float32))
    b = _unit_rows(np.asarray(encoder.encode(right), dtype=np.float32))
    value = max(0.0, float(np.median(a @ b.T)))
    _FLOORS[id(encoder)] = (encoder, value)
    return value


# ------------------------------------------------------------------ training


def train_vectors(token_lists: Sequence[Sequence[str]], *, dim: int = 128, window: int = 5,
                  vocab_size: int = 24_000, min_count: int = 5, seed: int = 13,
                  meta: dict[str, Any] | None = None) -> DomainVectors:
    """Train :class:`DomainVectors` on documents given as lists of words (see the module docstring).

    Args:
        token_lists: one list of words per document (an article), in text order.
        dim: dimensions (at most the vocabulary size minus one).
        window: words on each side that count as context (weight 1/distance).
        vocab_size: the most frequent words kept (ties broken by the word).
        min_count: a word needs this many occurrences.
        seed: the seed of the SVD's start vector and of the common-component sample.
        meta: extra facts to record in ``meta``.

    Raises:
        ModelError: too few words to train on.
    """
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds

    frequency = Counter(word for words in token_lists for word in words)
    ranked = sorted((item for item in frequency.items() if item[1] >= min_count), key=lambda kv: (-kv[1], kv[0]))
    words = tuple(word for word, _ in ranked[:vocab_size])
    if len(words) < 3:
        raise ModelError(f"too few words to train on: {len(words)} with at least {min_count} occurrences")
    index = {word: i for i, word in enumerate(words)}
    rows, cols, values = [], [], []
    for sequence in token_lists:
        ids = np.fromiter((index.get(w, -1) for w in sequence), dtype=np.int64)
        for distance in range(1, window + 1):
            left, right = ids[:-distance], ids[distance:]
            keep = (left >= 0) & (right >= 0)
            rows.append(left[keep])
            cols.append(right[keep])
            values.append(np.full(int(keep.sum()), 1.0 / distance))
    size = len(words)
    counts = sp.coo_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
                           shape=(size, size)).tocsr()
    counts = (counts + counts.T).tocoo()
    total = counts.sum()
    if not total:
        raise ModelError("no word pairs to train on")
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    context = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    context /= context.sum()
    pmi = np.log(counts.data / (row_sum[counts.row] / total) / context[counts.col] / total)
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=(size, size))
    k = max(1, min(dim, size - 1))
    rng = np.random.default_rng(seed)
    u, s, _ = svds(ppmi, k=k, v0=rng.standard_normal(size), random_state=seed)
    order = np.argsort(-s)
    u, s = u[:, order], s[order]
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(k)])  # a fixed sign per dimension
    vectors = _unit_rows((u * signs * np.sqrt(s)).astype(np.float32))
    prob = (np.array([frequency[w] for w in words], dtype=np.float64) / sum(frequency.values())).astype(np.float32)
    model = DomainVectors(words, vectors, prob, np.zeros(k, dtype=np.float32))
    picks = rng.choice(len(token_lists), size=min(COMMON_SAMPLE, len(token_lists)), replace=False)
    sample = _raw_vectors(model, [token_lists[int(i)] for i in sorted(picks)])
    common = np.zeros(k, dtype=np.float32)
    if np.any(sample):
        first = np.linalg.svd(sample, full_matrices=False)[2][0]
        common = (first * np.sign(first[np.abs(first).argmax()])).astype(np.float32)
    info = {"dim": k, "window": window, "vocab_size": len(words), "min_count": min_count, "seed": seed,
            "sif_a": SIF_A, "documents": len(token_lists), "tokens": int(sum(frequency.values()))}
    info.update(meta or {})
    return DomainVectors(words, vectors, prob, common, info)


def _raw_vectors(model: DomainVectors, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """SIF averages without the common component removed (to find it)."""
    weights = SIF_A / (SIF_A + model.prob)
    out = np.zeros((len(token_lists), model.dim), dtype=np.float32)
    for row, words in enumerate(token_lists):
        counts = Counter(model.index[w] for w in words if w in model.index)
        if counts:
            ids = np.fromiter(counts, dtype=np.int64, count=len(counts))
            scale = np.fromiter(counts.values(), dtype=np.float32, count=len(counts)) * weights[ids]
            out[row] = scale @ model.vectors[ids] / max(1, len(words))
    return out

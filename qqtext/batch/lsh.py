"""Near-duplicate articles over the corpus tables, with MinHash LSH, on the run's engine.

The same method as :func:`qqtext.compare.scale.minhash_pairs` (character 3-gram shingles of
letters and digits, datasketch's MinHash permutations, banding for recall at the threshold,
every candidate verified with the exact Jaccard), split into steps that run on an
:class:`~qqtext.batch.engine.Engine`, so that it scales with the corpus run:

1. **sketch** (on the workers, a chunk of articles each): each article's shingle set, a digest of
   that set, and one 64-bit key per LSH band of its MinHash signature;
2. **bucket** (here, with numpy): articles with the same set digest form a group (their pairs have
   Jaccard 1.0, as in :func:`~qqtext.compare.scale.minhash_pairs`); one article per group takes part
   in banding; two groups sharing a band key are a candidate pair;
3. **verify** (on the workers, a chunk of candidate pairs each, with the texts they need): keep the
   pairs whose exact Jaccard is at least the threshold.

The pairs are those of :func:`~qqtext.compare.scale.minhash_pairs` on the same articles: the same
signatures and bands give the same candidates (a band key is a 64-bit hash of the band's values
rather than the values themselves; a collision could only add a candidate, which verification
judges exactly). Units are the rows of the ``articles`` table, so the 意见-style sections take
part too. Pairs come in table order, the earlier unit first.

>>> from qqtext.batch.engine import SerialEngine
>>> rows = near_duplicate_rows(["a", "b", "b"], ["a/art-1", "b/art-1", "b/art-2"],
...     ["机关单位工作人员不得接受企业礼品。", "机关单位工作人员不得接受企业的礼品。", "鼓励企业创新。"],
...     engine=SerialEngine(), progress=False)
>>> rows
[('a', 'a/art-1', 'b', 'b/art-1', 0.7058823529411765)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from qqtext.batch.engine import Engine
from qqtext.compare.scale import SHINGLE_K, article_shingles, lsh_params

__all__ = ["near_duplicate_rows", "SKETCH_CHUNK", "VERIFY_CHUNK"]

#: Articles per sketching task.
SKETCH_CHUNK = 2_000
#: Candidate pairs per verification task.
VERIFY_CHUNK = 20_000
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per band of each signature (shape ``(n, bands)``)."""
    values = signatures[:, : bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    keys = np.zeros((len(signatures), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(rows):  # a polynomial hash of the band's values, mixed (splitmix64's finaliser)
            keys = keys * np.uint64(0x100000001B3) + values[:, :, j]
            keys ^= keys >> np.uint64(30)
            keys *= _MIX[0]
            keys ^= keys >> np.uint64(27)
            keys *= _MIX[1]
            keys ^= keys >> np.uint64(31)
    return keys


def _sketch(task: tuple[list[str], int, int, int, int, int]) -> tuple[list[bytes | None], np.ndarray]:
    """Set digests (``None``: no shingles) and band keys of a chunk of texts (a worker's task)."""
    from qqtext.compare.scale import _signatures

    texts, k, num_perm, seed, bands, rows = task
    vocab: dict[str, int] = {}
    digests: list[bytes | None] = []
    sets: list[frozenset[int]] = []
    for text in texts:
        shingles = sorted(article_shingles(text, k))
        if not shingles:
            digests.append(None)
            continue
        digests.append(hashlib.sha1("\x00".join(shingles).encode("utf-8")).digest())
        sets.append(frozenset(vocab.setdefault(s, len(vocab)) for s in shingles))
    if not sets:
        return digests, np.zeros((0, bands), dtype=np.uint64)
    signatures = _signatures(sets, list(vocab), num_perm=num_perm, seed=seed)
    return digests, _band_keys(signatures, bands, rows)


def _verify(task: tuple[dict[int, str], list[tuple[int, int]], int, float]) -> list[tuple[int, int, float]]:
    """The candidate pairs of a chunk whose exact Jaccard is at least the threshold (a worker's task)."""
    texts, pairs, k, threshold = task
    sets = {index: frozenset(article_shingles(text, k)) for index, text in texts.items()}
    kept = []
    for g, h in pairs:
        a, b = sets[g], sets[h]
        inter = len(a & b) if len(a) <= len(b) else len(b & a)
        value = inter / (len(a) + len(b) - inter)
        if value >= threshold:
            kept.append((g, h, value))
    return kept


def _candidates(keys: np.ndarray) -> np.ndarray:
    """Pairs ``(g, h)``, ``g < h``, of rows sharing a key in any band (shape ``(m, 2)``, sorted, unique).

    Band by band, the pairs are kept as one sorted array of ``g * n + h`` codes, so memory holds the
    distinct candidates and one band's pairs, not every band's copies of them.
    """
    n = len(keys)
    codes = np.zeros(0, dtype=np.int64)
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, len(ordered)])
        found = []
        for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
            members = np.sort(order[start:start + size]).astype(np.int64)
            g, h = np.triu_indices(size, 1)
            found.append(members[g] * n + members[h])
        if found:
            codes = np.union1d(codes, np.concatenate(found))
    return np.stack([codes // max(n, 1), codes % max(n, 1)], axis=1) if len(codes) else np.zeros((0, 2), np.int64)


def near_duplicate_rows(
    docs: Sequence[str],
    ids: Sequence[str],
    texts: Sequence[str | None],
    *,
    engine: Engine,
    threshold: float = 0.7,
    num_perm: int = 128,
    k: int = SHINGLE_K,
    seed: int = 1,
    progress: bool = True,
) -> list[tuple[str, str, str, str, float]]:
    """Rows of the ``near_duplicates`` table: ``(a_doc, a_id, b_doc, b_id, jaccard)`` (see the module docs).

    Args:
        docs, ids, texts: the units, one entry each (the ``doc``, ``id`` and ``text`` columns of ``articles``).
        engine: where the sketching and verification run.
        threshold, num_perm, k, seed: as for :func:`qqtext.compare.scale.minhash_pairs`.
        progress: progress bars over the tasks.
    """
    texts = [text or "" for text in texts]
    bands, rows = lsh_params(threshold, num_perm)
    chunks = [(texts[start:start + SKETCH_CHUNK], k, num_perm, seed, bands, rows)
              for start in range(0, len(texts), SKETCH_CHUNK)]
    sketched = _mapped(engine, _sketch, chunks, progress, "lsh sketch")
    digests = [d for chunk_digests, _ in sketched for d in chunk_digests]
    groups: dict[bytes, list[int]] = {}
    for index, digest in enumerate(digests):
        if digest is not None:
            groups.setdefault(digest, []).append(index)
    # band keys of each article with shingles, in order; one representative per group is banded
    with_sets = [index for index, digest in enumerate(digests) if digest is not None]
    all_keys = np.concatenate([keys for _, keys in sketched]) if sketched else np.zeros((0, bands), np.uint64)
    row_of = {index: row for row, index in enumerate(with_sets)}
    members = list(groups.values())
    representatives = [group[0] for group in members]
    keys = all_keys[[row_of[i] for i in representatives]] if representatives else np.zeros((0, bands), np.uint64)
    candidates = _candidates(keys)

    tasks = []
    for start in range(0, len(candidates), VERIFY_CHUNK):
        chunk = [(int(g), int(h)) for g, h in candidates[start:start + VERIFY_CHUNK]]
        needed = {i for pair in chunk for i in pair}
        tasks.append(({i: texts[representatives[i]] for i in needed}, chunk, k, threshold))
    verified = [pair for kept in _mapped(engine, _verify, tasks, progress, "lsh verify") for pair in kept]

    found: list[tuple[int, int, float]] = []
    for group in members:
        found.extend((a, b, 1.0) for i, a in enumerate(group) for b in group[i + 1:])
    for g, h, value in verified:
        found.extend((min(a, b), max(a, b), value) for a in members[g] for b in members[h])
    found.sort()
    return [(docs[a], ids[a], docs[b], ids[b], value) for a, b, value in found]


def _mapped(engine: Engine, fn, tasks: list[Any], progress: bool, desc: str) -> list[Any]:
    """``fn`` over ``tasks`` on ``engine``, results in task order, with a progress bar."""
    from tqdm.auto import tqdm

    from qqtext.errors import QqtextError

    out: dict[int, Any] = {}
    indexed = list(enumerate(tasks))
    with tqdm(total=len(tasks), desc=desc, unit="task", disable=not progress, leave=False) as bar:
        for (index, _), result, failure in engine.imap_unordered(_Indexed(fn), indexed):
            if failure is not None:
                raise QqtextError(f"near-duplicate search on {engine.name}: {failure}")
            out[index] = result
            bar.update(1)
    return [out[index] for index in range(len(tasks))]


class _Indexed:
    """``fn`` of the task in an ``(index, task)`` pair (picklable for worker processes)."""

    def __init__(self, fn) -> None:
        self.fn = fn

    def __call__(self, pair: tuple[int, Any]) -> Any:
        return self.fn(pair[1])

"""Text reuse: passages two documents share verbatim or nearly so, with offsets on both sides.

Seed and extend, on each document's text stripped of punctuation, whitespace and the 第X条 / 第X章
headings (the offsets are mapped back to ``Document.text``):

1. **seeds**: every character 8-gram of A looked up in a hash index of B's 8-grams;
2. **extend**: each seed that is left-maximal (the characters before it differ) is extended to the
   right as far as the texts agree, giving the maximal exact matches;
3. **select**: longest first, each match is kept where it overlaps no match already kept, on
   either side (a match that overlaps one is cut down to its longest free stretch);
4. **chain**: kept matches that follow one another on both sides with gaps of at most ``max_gap``
   characters (a changed word: 各级人民政府 for 县级以上人民政府, 30日 for 三十日) are joined into one
   near-verbatim passage, as long as its similarity stays at least ``min_similarity``;
5. passages shorter than ``min_chars`` characters (on the shorter side, punctuation and whitespace
   not counted) are dropped, and the rest are kept longest first where they overlap none kept before.

The passages of a pair of documents are therefore maximal (an exact passage cannot be extended on
either end without a mismatch or running into another passage) and never overlap on either side.
``similarity`` is ``2·m / (len_a + len_b)`` over the stripped texts, ``m`` the characters matched
exactly (1.0 for a verbatim passage; the same formula as :meth:`difflib.SequenceMatcher.ratio`).

>>> from qqtext.parse import parse_text
>>> a = parse_text("第一条 政府及其有关部门应当按照鼓励创新的原则，对新技术、新产业实行包容审慎监管。", doc_id="a")
>>> b = parse_text("第一条 县级以上人民政府及其有关部门应当按照鼓励创新的原则，对新技术、新产业实行包容审慎监管。", doc_id="b")
>>> [p] = shared_passages([a, b])
>>> p.text, p.similarity
('政府及其有关部门应当按照鼓励创新的原则，对新技术、新产业实行包容审慎监管', 1.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qqtext.model import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Passage", "PASSAGE_COLUMNS", "shared_passages", "passage_rows", "passages_frame", "SEED"]

#: Length of the character n-grams used as seeds.
SEED = 8
RE_WORD_RUN = re.compile(r"[^\W_]+")
PASSAGE_COLUMNS = ("a_doc", "a_start", "a_end", "b_doc", "b_start", "b_end", "text", "b_text", "similarity", "chars")


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage shared by two documents.

    Attributes:
        a_doc, b_doc: document ids.
        a_start, a_end, b_start, b_end: ``[start, end)`` offsets into each ``Document.text``; the
            passage starts and ends on a character that is neither punctuation nor whitespace.
        text: A's text of the passage (``a.text[a_start:a_end]``).
        similarity: ``2·m / (len_a + len_b)`` over the texts stripped of punctuation and whitespace,
            1.0 for a verbatim passage.
    """

    a_doc: str
    a_start: int
    a_end: int
    b_doc: str
    b_start: int
    b_end: int
    text: str
    similarity: float


@dataclass(slots=True)
class _Stripped:
    doc: Document
    chars: str
    offsets: list[int]  # offsets[k]: position in doc.text of chars[k]
    index: dict[str, list[int]]


def _headings(doc: Document) -> list[tuple[int, int]]:
    """The ranges of the 第X条 / 第X章 headings, which are left out (their numbers differ between texts)."""
    ranges = [(h.span.start, h.span.end) for h in doc.headings]
    for article in doc.articles:
        start = article.span.start
        if doc.text.startswith(article.heading, start):
            ranges.append((start, start + len(article.heading)))
    return ranges


def _strip(doc: Document, seed: int) -> _Stripped:
    masked = set()
    for start, end in _headings(doc):
        masked.update(range(start, end))
    chars: list[str] = []
    offsets: list[int] = []
    for match in RE_WORD_RUN.finditer(doc.text):
        for k in range(match.start(), match.end()):
            if k not in masked:
                chars.append(doc.text[k])
                offsets.append(k)
    text = "".join(chars)
    index: dict[str, list[int]] = {}
    for k in range(len(text) - seed + 1):
        index.setdefault(text[k:k + seed], []).append(k)
    return _Stripped(doc, text, offsets, index)


def _exact_matches(a: _Stripped, b: _Stripped, seed: int) -> list[tuple[int, int, int]]:
    """Maximal exact matches ``(a_pos, b_pos, length)`` of at least ``seed`` characters."""
    ca, cb = a.chars, b.chars
    la, lb = len(ca), len(cb)
    found = []
    for i in range(la - seed + 1):
        hits = b.index.get(ca[i:i + seed])
        if not hits:
            continue
        for j in hits:
            if i and j and ca[i - 1] == cb[j - 1]:
                continue  # inside a longer match found from its start
            n = seed
            while i + n < la and j + n < lb and ca[i + n] == cb[j + n]:
                n += 1
            found.append((i, j, n))
    return found


def _free_stretch(i: int, j: int, n: int, taken_a: list[tuple[int, int]],
                  taken_b: list[tuple[int, int]]) -> tuple[int, int, int]:
    """The longest part of the diagonal match (i, j, n) that overlaps nothing taken on either side."""
    blocked = [False] * n
    for start, end in taken_a:
        for k in range(max(start, i), min(end, i + n)):
            blocked[k - i] = True
    for start, end in taken_b:
        for k in range(max(start, j), min(end, j + n)):
            blocked[k - j] = True
    best = (i, j, 0)
    run_start = None
    for k in range(n + 1):
        if k < n and not blocked[k]:
            if run_start is None:
                run_start = k
            continue
        if run_start is not None and k - run_start > best[2]:
            best = (i + run_start, j + run_start, k - run_start)
        run_start = None
    return best


def _select(matches: list[tuple[int, int, int]], seed: int) -> list[tuple[int, int, int]]:
    taken_a: list[tuple[int, int]] = []
    taken_b: list[tuple[int, int]] = []
    kept = []
    for i, j, n in sorted(matches, key=lambda m: (-m[2], m[0], m[1])):
        overlaps = any(s < i + n and i < e for s, e in taken_a) or any(s < j + n and j < e for s, e in taken_b)
        if overlaps:
            i, j, n = _free_stretch(i, j, n, taken_a, taken_b)
            if n < seed:
                continue
        kept.append((i, j, n))
        taken_a.append((i, i + n))
        taken_b.append((j, j + n))
    return kept


@dataclass(slots=True)
class _Chain:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int

    @property
    def similarity(self) -> float:
        return 2 * self.matched / ((self.a_end - self.a_start) + (self.b_end - self.b_start))


def _chain(pieces: list[tuple[int, int, int]], max_gap: int, min_similarity: float) -> list[_Chain]:
    chains: list[_Chain] = []
    for i, j, n in sorted(pieces):
        best = None
        for chain in reversed(chains):
            ga, gb = i - chain.a_end, j - chain.b_end
            if ga > max_gap:
                break
            if 0 <= ga <= max_gap and 0 <= gb <= max_gap:
                joined = 2 * (chain.matched + n) / ((i + n - chain.a_start) + (j + n - chain.b_start))
                if joined >= min_similarity and (best is None or ga + gb < best[0]):
                    best = (ga + gb, chain)
        if best is not None:
            chain = best[1]
            chain.a_end, chain.b_end, chain.matched = i + n, j + n, chain.matched + n
        else:
            chains.append(_Chain(i, i + n, j, j + n, n))
        chains.sort(key=lambda c: c.a_end)
    return chains


def _pair_passages(a: _Stripped, b: _Stripped, *, min_chars: int, seed: int, max_gap: int,
                   min_similarity: float) -> list[Passage]:
    pieces = _select(_exact_matches(a, b, seed), seed)
    chains = [c for c in _chain(pieces, max_gap, min_similarity)
              if min(c.a_end - c.a_start, c.b_end - c.b_start) >= min_chars]
    kept: list[_Chain] = []
    for chain in sorted(chains, key=lambda c: (-c.matched, c.a_start, c.b_start)):
        if any((k.a_start < chain.a_end and chain.a_start < k.a_end)
               or (k.b_start < chain.b_end and chain.b_start < k.b_end) for k in kept):
            continue
        kept.append(chain)
    out = []
    for c in sorted(kept, key=lambda c: (c.a_start, c.b_start)):
        a_start, a_end = a.offsets[c.a_start], a.offsets[c.a_end - 1] + 1
        b_start, b_end = b.offsets[c.b_start], b.offsets[c.b_end - 1] + 1
        out.append(Passage(a.doc.id, a_start, a_end, b.doc.id, b_start, b_end, a.doc.text[a_start:a_end],
                           round(c.similarity, 4)))
    return out


def shared_passages(docs: Sequence[Document], *, min_chars: int = 20, seed: int = SEED, max_gap: int = 12,
                    min_similarity: float = 0.8) -> list[Passage]:
    """The passages every pair of ``docs`` shares, verbatim or near-verbatim.

    Args:
        docs: two or more documents; every pair ``(docs[i], docs[j])`` with ``i < j`` is compared,
            ``docs[i]`` on the A side.
        min_chars: the shortest passage kept, in characters other than punctuation and whitespace.
        seed: the length of the exact n-grams that seed a passage.
        max_gap: the longest stretch (on either side) between two exact matches that are joined.
        min_similarity: the lowest similarity a joined passage may have.

    Returns:
        Passages ordered by document pair, then by position in A.
    """
    if min_chars < 1 or seed < 2:
        raise ValueError("min_chars must be at least 1 and seed at least 2")
    stripped = [_strip(doc, seed) for doc in docs]
    out: list[Passage] = []
    for x in range(len(stripped)):
        for y in range(x + 1, len(stripped)):
            out.extend(_pair_passages(stripped[x], stripped[y], min_chars=min_chars, seed=seed, max_gap=max_gap,
                                      min_similarity=min_similarity))
    return out


def passage_rows(passages: Iterable[Passage], *, docs: Iterable[Document] = ()) -> list[dict[str, Any]]:
    """One dict per passage; with ``docs``, ``b_text`` (B's text of the passage) is filled in too."""
    by_id = {doc.id: doc for doc in docs}
    rows = []
    for p in passages:
        b_doc = by_id.get(p.b_doc)
        rows.append({
            "a_doc": p.a_doc, "a_start": p.a_start, "a_end": p.a_end,
            "b_doc": p.b_doc, "b_start": p.b_start, "b_end": p.b_end,
            "text": p.text, "b_text": b_doc.text[p.b_start:p.b_end] if b_doc is not None else None,
            "similarity": p.similarity, "chars": len("".join(RE_WORD_RUN.findall(p.text))),
        })
    return rows


def passages_frame(passages: Iterable[Passage], *, docs: Iterable[Document] = ()) -> pd.DataFrame:
    """The rows of :func:`passage_rows` as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame(passage_rows(passages, docs=docs), columns=list(PASSAGE_COLUMNS))

"""The synthetic scale corpus and near-duplicate article pairs (MinHash LSH against exhaustive).

Kept to a few seconds: 40 synthetic documents (about 1,500 articles). The 1,000-document run is in
bench/bench_compare.py.
"""

from __future__ import annotations

import itertools
import random
import warnings
from collections import defaultdict
from pathlib import Path

import pytest

from qqtext import load_document
from qqtext.compare.scale import (
    EDITS,
    Pair,
    _shingle_id_sets,
    _signatures,
    article_shingles,
    exhaustive_pairs,
    lsh_params,
    minhash_pairs,
    recall,
    synthetic_corpus,
    synthetic_origins,
)

SEED = 11
N_DOCS = 40


@pytest.fixture(scope="module")
def sources(shared_corpus: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [load_document(p) for p in sorted(shared_corpus.iterdir()) if p.name != "SOURCES.md"]


@pytest.fixture(scope="module")
def corpus(sources):
    return synthetic_corpus(sources, n_docs=N_DOCS, seed=SEED)


@pytest.fixture(scope="module")
def exact(corpus):
    return exhaustive_pairs(corpus, progress=False)


@pytest.fixture(scope="module")
def lsh(corpus):
    return minhash_pairs(corpus, progress=False)


def jaccard(a: str, b: str) -> float:
    sa, sb = article_shingles(a), article_shingles(b)
    return len(sa & sb) / len(sa | sb)


# ------------------------------------------------------------------ the synthetic corpus
def test_corpus_is_deterministic_and_leaves_global_random_alone(sources, corpus):
    state = random.getstate()
    again = synthetic_corpus(sources, n_docs=N_DOCS, seed=SEED)
    assert random.getstate() == state
    assert [d.text for d in again] == [d.text for d in corpus]
    assert [d.metadata for d in again] == [d.metadata for d in corpus]
    # the first documents do not depend on how many are built; another seed gives other texts
    assert [d.text for d in synthetic_corpus(sources, n_docs=3, seed=SEED)] == [d.text for d in corpus[:3]]
    assert [d.text for d in synthetic_corpus(sources, n_docs=3, seed=SEED + 1)] != [d.text for d in corpus[:3]]


def test_corpus_parses_into_real_documents(corpus):
    assert [d.id for d in corpus] == [f"synthetic-{i:04d}" for i in range(1, N_DOCS + 1)]
    for doc in corpus:
        assert 15 <= len(doc.articles) <= 60
        assert [a.number for a in doc.articles] == list(range(1, len(doc.articles) + 1))
        assert doc.articles[0].id == f"{doc.id}/art-1"
        assert doc.chapters and doc.chapters[0].title.replace(" ", "") == "总则"
        assert doc.title.startswith("某") and doc.kind
        assert not doc.warnings


def test_corpus_arguments_are_checked(sources):
    with pytest.raises(ValueError):
        synthetic_corpus([d for d in sources if not d.articles], n_docs=1, seed=1)
    with pytest.raises(ValueError):
        synthetic_corpus(sources, n_docs=1, seed=1, articles_per_doc=(5, 2))
    small = synthetic_corpus(sources, n_docs=2, seed=1, articles_per_doc=(3, 3))
    assert [len(d.articles) for d in small] == [3, 3]


def similarity_to_sources(articles, source_articles):
    """Exact shingle Jaccard of every article (rows) with every source article (columns)."""
    import numpy as np
    from scipy import sparse

    texts = [a.text for a in articles] + [a.text for a in source_articles]
    sets, vocab = _shingle_id_sets(texts, 3, lambda it, **kw: it)
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [j for s in sets for j in s]
    matrix = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(sets), len(vocab)))
    mine, theirs = matrix[: len(articles)], matrix[len(articles):]
    inter = (mine @ theirs.T).toarray()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    union = sizes[: len(articles), None] + sizes[None, len(articles):] - inter
    return inter / union


def test_ground_truth_is_right(sources, corpus):
    source_list = [a for d in sources for a in d.articles]
    source_articles = {a.id: a for a in source_list}
    origins = synthetic_origins(corpus)
    articles = [a for d in corpus for a in d.articles]
    assert sorted(origins) == sorted(a.id for a in articles)
    assert synthetic_origins(sources) == {}
    kinds = set()
    for article in articles:
        origin = origins[article.id]
        source = source_articles[origin.source_id]
        assert set(origin.edits) <= set(EDITS)
        kinds.update(origin.edits)
        if origin.edits:
            assert article.text != source.text
        else:
            assert article.text == source.text
    assert kinds == set(EDITS)
    verbatim = sum(not o.edits for o in origins.values())
    assert 0.3 * len(origins) < verbatim < 0.6 * len(origins)
    # the origin is the most similar real article (ties allowed) but for a few formulaic articles
    # of the discipline regulations, where an edit can land nearer a sibling article
    similarity = similarity_to_sources(articles, source_list)
    column = {a.id: j for j, a in enumerate(source_list)}
    best = sum(
        similarity[i, column[origins[a.id].source_id]] >= similarity[i].max() - 1e-12
        for i, a in enumerate(articles)
    )
    assert best >= 0.98 * len(articles)


def test_edits_look_like_drafting(corpus):
    origins = synthetic_origins(corpus)
    texts = {a.id: a.text for d in corpus for a in d.articles}
    placed = [texts[i] for i, o in origins.items() if "place" in o.edits]
    assert placed and all("济南市" not in t and "本省" not in t for t in placed)
    renumbered = [texts[i] for i, o in origins.items() if "renumber" in o.edits]
    assert any("（1）" in t or "1." in t for t in renumbered)


# ------------------------------------------------------------------ shingles and parameters
def test_shingles_ignore_punctuation_and_whitespace():
    assert article_shingles("应当，依法\n办事。") == article_shingles("应当依法办事")
    assert article_shingles("ab", 3) == {"ab"} and article_shingles("，。", 3) == set()
    with pytest.raises(ValueError):
        article_shingles("abc", 0)


def test_lsh_params_favour_recall():
    bands, rows = lsh_params(0.7, 128)
    assert bands * rows <= 128
    assert (1 - 0.7**rows) ** bands <= 1e-3
    with pytest.raises(ValueError):
        minhash_pairs([], threshold=0.0)


def test_signatures_equal_datasketch_minhash(corpus):
    from datasketch import MinHash

    texts = [a.text for a in corpus[0].articles[:5]]
    sets, vocab = _shingle_id_sets(texts, 3, lambda it, **kw: it)
    signatures = _signatures(sets, vocab, num_perm=64, seed=3)
    for text, row in zip(texts, signatures):
        expected = MinHash(num_perm=64, seed=3)
        expected.update_batch([s.encode("utf-8") for s in article_shingles(text)])
        assert (row == expected.hashvalues).all()


# ------------------------------------------------------------------ pairs
def test_exhaustive_baseline_equals_a_plain_double_loop(corpus):
    docs = corpus[:4]
    articles = [a for d in docs for a in d.articles]
    expected = []
    for a, b in itertools.combinations(articles, 2):
        value = jaccard(a.text, b.text)
        if value >= 0.7:
            expected.append(Pair(a.id, b.id, value))
    assert exhaustive_pairs(docs, progress=False) == expected


def test_lsh_recall_against_exhaustive(exact, lsh):
    assert len(exact) > 500
    assert recall(lsh, exact) >= 0.99


def test_no_false_positives(corpus, exact, lsh):
    texts = {a.id: a.text for d in corpus for a in d.articles}
    exact_values = {(p.a_id, p.b_id): p.jaccard for p in exact}
    for pair in lsh:
        assert pair.a_id != pair.b_id
        assert pair.jaccard >= 0.7
        assert pair.jaccard == pytest.approx(jaccard(texts[pair.a_id], texts[pair.b_id]), abs=1e-12)
        assert exact_values[(pair.a_id, pair.b_id)] == pair.jaccard
    assert len({(p.a_id, p.b_id) for p in lsh}) == len(lsh)


def test_pairs_include_known_copies(corpus, lsh):
    origins = synthetic_origins(corpus)
    doc_of = {a.id: d.id for d in corpus for a in d.articles}
    verbatim: dict[str, list[str]] = defaultdict(list)
    for article_id, origin in origins.items():
        if not origin.edits:
            verbatim[origin.source_id].append(article_id)
    found = {(p.a_id, p.b_id): p.jaccard for p in lsh}
    copies = [tuple(group[i:i + 2]) for group in verbatim.values() for i in range(len(group) - 1)]
    assert len(copies) > 50
    for a, b in copies:
        assert found[(a, b)] == 1.0
    # copies within one document are paired too
    within = [(a, b) for (a, b) in found if doc_of[a] == doc_of[b]
              and origins[a].source_id == origins[b].source_id]
    assert within
    # an edited copy is still found with its verbatim sibling when the edit is small
    assert any(origins[a].edits != origins[b].edits and value < 1.0 for (a, b), value in found.items()
               if origins[a].source_id == origins[b].source_id)


def test_pairs_on_real_documents_find_the_shared_articles(sources):
    both = [d for d in sources if "jilv-chufen-tiaoli" in d.id]
    pairs = minhash_pairs(both, progress=False)
    assert pairs == exhaustive_pairs(both, progress=False)
    across = [p for p in pairs if p.a_id.split("/")[0] != p.b_id.split("/")[0]]
    assert len(across) > 50  # the 2023 regulations keep most articles of 2018, lightly edited


def test_progress_bars_can_be_disabled(corpus, capsys):
    docs = corpus[:2]
    minhash_pairs(docs, progress=False)
    exhaustive_pairs(docs, progress=False)
    assert capsys.readouterr().err == ""
    minhash_pairs(docs, progress=True)
    assert "shingles" in capsys.readouterr().err


def test_edge_cases(corpus):
    assert minhash_pairs([], progress=False) == [] == exhaustive_pairs([], progress=False)
    docs = corpus[:3]
    identical = minhash_pairs(docs, threshold=1.0, progress=False)
    assert identical == exhaustive_pairs(docs, threshold=1.0, progress=False)
    assert all(p.jaccard == 1.0 for p in identical)
    stats: dict[str, int] = {}
    pairs = minhash_pairs(docs, progress=False, stats=stats)
    assert stats["pairs"] == len(pairs) and (stats["bands"], stats["rows"]) == lsh_params(0.7, 128)
    assert stats["distinct_sets"] <= stats["articles"]


def test_recall():
    assert recall([], []) == 1.0
    assert recall([("a", "b")], [Pair("b", "a", 1.0)]) == 1.0
    assert recall([], [("a", "b")]) == 0.0

"""Norm extraction scored against hand-annotated gold (tests/data/gold/, see GUIDELINES.md).

The issue's targets (deontic F1 >= 0.95, actor F1 >= 0.90) are asserted on jinan-2019 and
reception-2013, the texts the rules were written against. zhumadian-2021 was annotated separately
as a held-out set. Its first scores, before any change made after seeing them, were deontic F1 0.920
and actor F1 0.429. Generic fixes followed: head-noun actors the dictionary lacks (发展改革部门),
subjects after 市、县（区）, and more false cues (可视化, 有呼必应, 首问负责). The set is no longer
blind and the actor target is not met on it, so it is held to regression floors below the targets.
"""

from __future__ import annotations

import warnings

import pytest

from conftest import DATA
from qqtext import load_document
from qqtext.extract.evaluate import read_gold, score_norms
from qqtext.extract.norms import extract_norms

GOLD = {
    "jinan-2019": "jinan-2019",
    "reception-2013": "2013_national_dangzheng-jiguan-guonei-gongwu-jiedai-guanli-guiding.md",
    "zhumadian-2021": "2021_zhumadian_youhua-yingshang-huanjing-tiaoli.md",
}


def _document(doc_id, shared_corpus):
    source = GOLD[doc_id]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_document(source if source == doc_id else shared_corpus / source, doc_id=doc_id)


TARGETS = {  # (deontic F1, actor F1)
    "jinan-2019": (0.95, 0.90),
    "reception-2013": (0.95, 0.90),
    "zhumadian-2021": (0.95, 0.70),  # regression floor on the formerly held-out text, not the target
}


@pytest.mark.parametrize("doc_id", list(GOLD))
def test_norms_against_gold(doc_id, shared_corpus):
    doc = _document(doc_id, shared_corpus)
    scores = score_norms(doc, extract_norms(doc), read_gold(DATA / "gold" / f"{doc_id}.norms.jsonl"))
    print(doc_id, *(f"{field}: {score}" for field, score in scores.items()), sep="\n  ")
    deontic_target, actor_target = TARGETS[doc_id]
    assert scores["deontic"].f1 >= deontic_target, scores["deontic"]
    assert scores["actor"].f1 >= actor_target, scores["actor"]


def test_gold_files_are_consistent(shared_corpus):
    for doc_id in GOLD:
        path = DATA / "gold" / f"{doc_id}.norms.jsonl"
        doc = _document(doc_id, shared_corpus)
        sentences = {s.id: s.text for a in doc.articles for s in a.sentences}
        for record in read_gold(path):
            text = sentences[record["sentence"]]
            assert text[record["at"]:record["at"] + len(record["cue"])] == record["cue"]


def test_scores_catch_a_wrong_extractor(jinan):
    """The scorer is not vacuous: flipping every deontic drops F1 to 0."""
    from dataclasses import replace

    flipped = [replace(n, deontic="permission" if n.deontic != "permission" else "prohibition") for n in extract_norms(jinan)]
    scores = score_norms(jinan, flipped, read_gold(DATA / "gold" / "jinan-2019.norms.jsonl"))
    assert scores["deontic"].f1 == 0.0 and scores["cue"].f1 == 1.0

"""Norm extraction scored against hand-annotated gold (tests/data/gold/, see GUIDELINES*.md).

Two kinds of gold:

* ``tests/data/gold/*.norms.jsonl``: canonical actor names (GUIDELINES.md). jinan-2019 and
  reception-2013 are the texts the first rules were written against; zhumadian-2021 was held out
  then. Their floors keep today's scores where the issue's rules allow: reception-2013's gold gives
  the document's main actor (接待单位) to every norm whose subject is an activity (接待住宿应当…),
  which the extractor no longer does (issue 9: never inherit "the dominant actor"), so its actor F1
  fell from 0.96 to 0.78; its floor (0.75) sits just under the measured value, not at the old one.
* ``tests/data/gold/dev/*.norms.jsonl``: blind gold on texts of ../shared/corpus-dev (rounds 11–17 also of
  ../shared/lawrefbook) the extractor was
  never tuned on (GUIDELINES-dev.md): actors in their specific written form with a type. First-run
  and held-out figures are in ``tests/data/gold/dev/FIRST-RUN.md``; the overall floors are the issue's
  targets where they are met, and the measured value where not (see the note there).
"""

from __future__ import annotations

import functools
import json
import lzma
import warnings

import pytest

from conftest import DATA
from qqtext import load_document, parse_text
from qqtext.extract.evaluate import Score, read_gold, score_norms
from qqtext.extract.norms import extract_norms

GOLD = {
    "jinan-2019": "jinan-2019",
    "reception-2013": "2013_national_dangzheng-jiguan-guonei-gongwu-jiedai-guanli-guiding.md",
    "zhumadian-2021": "2021_zhumadian_youhua-yingshang-huanjing-tiaoli.md",
}
TARGETS = {  # (deontic F1, actor F1) floors
    "jinan-2019": (0.95, 0.90),
    "reception-2013": (0.95, 0.75),   # see the module docstring: the old gold's dominant-actor convention
    "zhumadian-2021": (0.95, 0.93),   # was 0.75 before issue 9; 0.958 after the round-5 development
}
DEV = DATA / "gold" / "dev"
DEV_FILES = json.loads((DEV / "files.json").read_text(encoding="utf-8"))
#: Floors over all dev files together. The issue's targets are deontic 0.97, actor 0.85 and weak cues
#: 2 %. The floors sit just under the measured values (FIRST-RUN.md): with rounds 10–12 and 14–17 added
#: (scored blind at 0.63, 0.80, 0.815, 0.781, 0.766 and 0.702) the 90 files give actor 0.831 (the 0.85 target
#: is not met) and 7 weak-cue false positives of 391 (1.8 %).
DEV_DEONTIC, DEV_ACTOR, DEV_WEAK_FALSE = 0.97, 0.83, 0.02
#: Per-file actor floors where a file stays under the general 0.60: the measured value, rounded down
#: (chufen-2007 0.458 blind, 0.53 now; pinren-1986 0.248 blind in round 8, 0.46 now; huanjing-2022 0.587
#: blind in round 8, 0.61 now; xianggang-1990 0.33 blind in round 10, 0.57 now; shuiwuran-2020 0.543 blind in
#: round 16, 0.56 now), and for the round-5 files,
#: just under their values after development.
DEV_ACTOR_FLOORS = {"guoyouzichan-2008": 0.85, "peichang-2012": 0.90, "tanfan-2016": 0.89, "xinyong-2019": 0.80,
                    "zhaobiao-2021": 0.89, "paiwu-2021": 0.68,
                    "chufen-2007": 0.52, "pinren-1986": 0.45, "huanjing-2022": 0.60,
                    "xianggang-1990": 0.55, "shuiwuran-2020": 0.54}


def _document(doc_id, shared_corpus):
    source = GOLD[doc_id]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_document(source if source == doc_id else shared_corpus / source, doc_id=doc_id)


#: files.json names a text of ../shared/corpus-dev by its file name, or one of LawRefBook
#: (../shared/lawrefbook/laws.jsonl.xz) as ``lawrefbook:PATH`` (round 11 took texts from there).
LAWREFBOOK_PREFIX = "lawrefbook:"


@functools.lru_cache(maxsize=1)
def _lawrefbook_texts(path):
    wanted = {name.removeprefix(LAWREFBOOK_PREFIX) for name in DEV_FILES.values() if name.startswith(LAWREFBOOK_PREFIX)}
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        return {row["path"]: row["text"] for row in map(json.loads, lines) if row["path"] in wanted}


def _dev_document(doc_id, shared_dev):
    name = DEV_FILES[doc_id]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if name.startswith(LAWREFBOOK_PREFIX):
            texts = _lawrefbook_texts(shared_dev.parent / "lawrefbook" / "laws.jsonl.xz")
            return parse_text(texts[name.removeprefix(LAWREFBOOK_PREFIX)], doc_id=doc_id, source_name=name)
        return load_document(shared_dev / name, doc_id=doc_id)


@pytest.mark.parametrize("doc_id", list(GOLD))
def test_norms_against_gold(doc_id, shared_corpus):
    doc = _document(doc_id, shared_corpus)
    scores = score_norms(doc, extract_norms(doc), read_gold(DATA / "gold" / f"{doc_id}.norms.jsonl"))
    print(doc_id, *(f"{field}: {score}" for field, score in scores.items()), sep="\n  ")
    deontic_target, actor_target = TARGETS[doc_id]
    assert scores["deontic"].f1 >= deontic_target, scores["deontic"]
    assert scores["actor"].f1 >= actor_target, scores["actor"]


@pytest.fixture(scope="module")
def dev_scores(shared_dev):
    scores = {}
    for doc_id in DEV_FILES:
        doc = _dev_document(doc_id, shared_dev)
        scores[doc_id] = score_norms(doc, extract_norms(doc), read_gold(DEV / f"{doc_id}.norms.jsonl"))
    return scores


def _total(scores, field):
    return Score(*(sum(getattr(s[field], a) for s in scores.values()) for a in ("true_positives", "predicted", "gold")))


def test_dev_gold_overall(dev_scores):
    for field in ("deontic", "actor_specific", "actor_unqualified", "actor_type", "weak_cue_false"):
        print(field, _total(dev_scores, field))
    assert _total(dev_scores, "deontic").f1 >= DEV_DEONTIC
    assert _total(dev_scores, "actor_specific").f1 >= DEV_ACTOR
    assert _total(dev_scores, "weak_cue_false").precision <= DEV_WEAK_FALSE
    assert _total(dev_scores, "actor_type").precision >= 0.80  # measured 0.85; annotators type some heads differently


@pytest.mark.parametrize("doc_id", list(DEV_FILES))
def test_dev_gold_per_document(doc_id, dev_scores):
    """No single text falls far behind (a rule that helps most texts must not wreck one)."""
    scores = dev_scores[doc_id]
    print(doc_id, *(f"{field}: {score}" for field, score in scores.items()), sep="\n  ")
    assert scores["deontic"].f1 >= 0.90
    assert scores["actor_specific"].f1 >= DEV_ACTOR_FLOORS.get(doc_id, 0.60)


def test_gold_files_are_consistent(shared_corpus, shared_dev):
    files = [(doc_id, DATA / "gold" / f"{doc_id}.norms.jsonl", _document(doc_id, shared_corpus)) for doc_id in GOLD]
    files += [(doc_id, DEV / f"{doc_id}.norms.jsonl", _dev_document(doc_id, shared_dev)) for doc_id in DEV_FILES]
    for doc_id, path, doc in files:
        sentences = {s.id: s.text for _, s in doc.sentences()}
        for record in read_gold(path):
            text = sentences[record["sentence"]]
            if "sentence_text" in record:
                assert record["sentence_text"] == text, (doc_id, record["sentence"])
            if record.get("cue_implicit"):
                # an item; or (wenming-2023 第十三条) a paragraph the annotator read as the list item it is,
                # its marker missed by the parser
                assert record["at"] == 0 and record["sentence"].split("/")[-2].startswith(("item-", "para-"))
            else:
                assert text[record["at"]:record["at"] + len(record["cue"])] == record["cue"], (doc_id, record)


def test_scores_catch_a_wrong_extractor(jinan):
    """The scorer is not vacuous: flipping every deontic drops F1 to 0."""
    from dataclasses import replace

    flipped = [replace(n, deontic="permission" if n.deontic != "permission" else "prohibition") for n in extract_norms(jinan)]
    scores = score_norms(jinan, flipped, read_gold(DATA / "gold" / "jinan-2019.norms.jsonl"))
    assert scores["deontic"].f1 == 0.0 and scores["cue"].f1 == 1.0


def test_specific_scores_catch_a_generic_extractor(shared_dev):
    """Collapsing every actor to its dictionary group (the old behaviour) scores far lower."""
    from dataclasses import replace

    from qqtext.extract.actors import actor_group

    doc_id = "touzi-2019"
    doc = _dev_document(doc_id, shared_dev)
    norms = extract_norms(doc)
    gold = read_gold(DEV / f"{doc_id}.norms.jsonl")
    generic = [replace(n, actor_surface=tuple(actor_group(a) if a != actor_group(a) else "职能部门" for a in n.actor)) for n in norms]
    assert score_norms(doc, generic, gold)["actor_specific"].f1 < score_norms(doc, norms, gold)["actor_specific"].f1 - 0.3

"""The semantic model (qqtext.compare.semantic): the shipped vectors, training, saving, other encoders.

The paraphrase pairs of the Jinan measures are checked on the shipped copies of the national 条例
(corpus/reference), so these run on a fresh clone. The sentence-transformers path is tested with a
stand-in module (no torch, no download): what is tested is qqtext's side of that contract.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO, assert_one_line_error, run
from qqtext import load_document
from qqtext.compare.align import LOOSE, align
from qqtext.compare.measures import similarity, tokens, top_units, unit_text
from qqtext.compare.semantic import (
    MODEL_FILE,
    DomainVectors,
    SentenceTransformerEncoder,
    default_model,
    floor,
    load_model,
    train_vectors,
)
from qqtext.errors import ModelError

NATIONAL = REPO / "corpus" / "reference" / "2019_national_youhua-yingshang-huanjing-tiaoli.md"
SHIPPED = REPO / "qqtext" / "data" / MODEL_FILE


def test_the_shipped_model_is_small_and_says_how_it_was_made():
    assert SHIPPED.stat().st_size <= 10 * 1024 * 1024
    model = default_model()
    assert 10_000 <= len(model.words) <= 30_000 and model.dim == 128
    assert model.meta["laws"] == 3428 and model.meta["seed"] == 13 and len(model.meta["corpus_sha256"]) == 64
    assert np.allclose(np.linalg.norm(model.vectors, axis=1), 1.0, atol=1e-3)


def test_text_vectors_are_unit_length_or_zero_and_see_synonyms():
    model = default_model()
    vectors = model.encode(["政府应当公开政策文件", "ＸＹＺ", "", "行政机关应当公开规范性文件", "本法自公布之日起施行"])
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms[[0, 3, 4]], 1.0) and norms[1] == norms[2] == 0.0
    assert vectors[0] @ vectors[3] > 0.5 > vectors[0] @ vectors[4]
    assert np.array_equal(model.encode(["政府应当公开政策文件"]), vectors[:1])  # deterministic
    assert floor(model) == 0.0


def test_unrelated_articles_score_about_zero():
    model = default_model()
    jinan = load_document("jinan-2019")
    antitrust = load_document(REPO / "corpus" / "reference" / "2022_national_fanlongduanfa.md")
    a = model.encode([unit_text(u) for u in top_units(jinan)])
    b = model.encode([unit_text(u) for u in top_units(antitrust)])
    assert abs(float(np.median(a @ b.T))) < 0.1


@pytest.mark.parametrize(("jinan_article", "national_article"), [
    pytest.param(5, 62, id="5-62-听取企业意见"),
    pytest.param(7, 14, id="7-14-不得违法冻结"),
    pytest.param(10, 37, id="10-37-一网通办"),
])
def test_known_paraphrases_are_their_articles_best_match(jinan_article, national_article):
    jinan, national = load_document("jinan-2019"), load_document(NATIONAL)
    text = unit_text(jinan.article(jinan_article))
    scores = {u.number: similarity(text, unit_text(u)).score for u in national.articles}
    assert max(scores, key=scores.get) == national_article and scores[national_article] >= LOOSE
    lexical = {u.number: similarity(text, unit_text(u), model=None).score for u in national.articles}
    assert lexical[national_article] < 0.2  # inside the lexical null band: why the model is there


# ------------------------------------------------------------------ training and saving


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """A model trained here on the articles of four shipped texts (no ../shared)."""
    texts = [load_document("jinan-2019")] + [load_document(p) for p in sorted((REPO / "corpus" / "reference").glob("20*.md"))[:3]]
    lists = [tokens(unit_text(u)) for doc in texts for u in top_units(doc)]
    model = train_vectors(lists, dim=16, window=3, vocab_size=2_000, min_count=2, seed=7, meta={"what": "test"})
    assert model.dim == 16 and len(model.words) <= 2_000 and model.meta["what"] == "test"
    path = tmp_path_factory.mktemp("model") / "tiny.npz"
    model.save(path)
    return path


def test_training_and_saving_are_reproducible(tiny, tmp_path):
    model = DomainVectors.load(tiny)
    once, twice = tmp_path / "once.npz", tmp_path / "twice.npz"
    model.save(once)
    model.save(twice)
    assert once.read_bytes() == twice.read_bytes()  # no timestamps in the file
    texts = [load_document("jinan-2019")] + [load_document(p) for p in sorted((REPO / "corpus" / "reference").glob("20*.md"))[:3]]
    lists = [tokens(unit_text(u)) for doc in texts for u in top_units(doc)]
    retrained = tmp_path / "retrained.npz"
    train_vectors(lists, dim=16, window=3, vocab_size=2_000, min_count=2, seed=7, meta={"what": "test"}).save(retrained)
    assert retrained.read_bytes() == tiny.read_bytes()
    loaded = load_model(tiny)
    assert isinstance(loaded, DomainVectors) and loaded.words == model.words


def test_a_folder_holding_a_model_loads(tiny, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / MODEL_FILE).write_bytes(tiny.read_bytes())
    assert load_model(folder).words == DomainVectors.load(tiny).words


def test_compare_with_a_model_of_ones_own(capsys, tiny):
    code, out, _ = run(capsys, "compare", "jinan-2019", str(NATIONAL), "--model", str(tiny), "--format", "json",
                       "--threshold", "0")
    assert code == 0
    import json

    rows = json.loads(out)
    own = {(r["a_article"], r["b_article"]): r["semantic"] for r in rows if r["label"] == "adapted"}
    code, out, _ = run(capsys, "compare", "jinan-2019", str(NATIONAL), "--format", "json", "--threshold", "0")
    shipped = {(r["a_article"], r["b_article"]): r["semantic"] for r in json.loads(out) if r["label"] == "adapted"}
    shared = set(own) & set(shipped)
    assert shared and any(abs(own[k] - shipped[k]) > 0.01 for k in shared)  # another model, other scores
    code, out, err = run(capsys, "compare", "jinan-2019", str(NATIONAL), "--lexical", "--format", "json")
    assert code == 0 and all(r["semantic"] is None for r in json.loads(out))


@pytest.mark.parametrize(("make", "needles"), [
    pytest.param(lambda p: p / "missing.npz", ["missing.npz", "no such model"], id="missing"),
    pytest.param(lambda p: (p / "junk.npz").write_bytes(b"not a zip") and p / "junk.npz", ["junk.npz", "not a qqtext"],
                 id="junk"),
    pytest.param(lambda p: p, ["neither a qqtext model"], id="empty-folder"),
])
def test_a_bad_model_is_one_line(capsys, tmp_path, make, needles):
    path = make(tmp_path)
    code, out, err = run(capsys, "compare", "jinan-2019", "jinan-2019", "--model", str(path))
    assert_one_line_error(code, out, err, *needles)
    with pytest.raises(ModelError):
        load_model(path)


def test_model_and_lexical_exclude_each_other(capsys, tiny):
    code, out, err = run(capsys, "compare", "jinan-2019", "jinan-2019", "--model", str(tiny), "--lexical")
    assert_one_line_error(code, out, err, "--model", "--lexical")


# ------------------------------------------------------------------ sentence-transformers folders


class _Stand_in:
    """What sentence_transformers.SentenceTransformer offers qqtext: a constructor and encode()."""

    loaded: list[str] = []

    def __init__(self, path, device=None, local_files_only=False):
        assert device == "cpu" and local_files_only
        _Stand_in.loaded.append(path)
        self.model = default_model()

    def encode(self, texts, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False):
        return self.model.encode(texts) * 3.0  # not unit length: qqtext must not rely on it


@pytest.fixture()
def st_folder(tmp_path, monkeypatch) -> Path:
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = _Stand_in
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    folder = tmp_path / "st-model"
    folder.mkdir()
    (folder / "modules.json").write_text("[]", encoding="utf-8")
    return folder


def test_a_sentence_transformers_folder_is_an_encoder(st_folder):
    encoder = load_model(st_folder)
    assert isinstance(encoder, SentenceTransformerEncoder) and _Stand_in.loaded[-1] == str(st_folder)
    vectors = encoder.encode(["政府应当公开政策文件", "行政机关应当公开规范性文件"])
    assert vectors.shape == (2, 128)
    assert 0.0 <= floor(encoder) < 0.2  # measured on two unrelated shipped texts
    jinan, national = load_document("jinan-2019"), load_document(NATIONAL)
    rows = align(jinan, national, model=encoder, threshold=LOOSE, changes=False)
    assert any((r.a_article, r.b_article) == (10, 37) for r in rows)


def test_without_the_package_a_sentence_transformers_folder_is_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    folder = tmp_path / "st-model"
    folder.mkdir()
    (folder / "config_sentence_transformers.json").write_text("{}", encoding="utf-8")
    code, out, err = run(capsys, "compare", "jinan-2019", "jinan-2019", "--model", str(folder))
    assert_one_line_error(code, out, err, "st-model", "sentence-transformers")

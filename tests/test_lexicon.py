"""The segmenter's lexicon: per-user private cache, same tokens as a tuned in-memory jieba."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile

import pytest

from conftest import JINAN_FILE, assert_one_line_error
from qqtext.errors import CacheError
from qqtext.extract import lexicon


def test_cache_dir_is_created_private(tmp_path, monkeypatch):
    folder = tmp_path / "deep" / "qqtext"
    monkeypatch.setenv("QQTEXT_CACHE", str(folder))
    assert lexicon.cache_dir() == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_cache_dir_open_to_others_is_made_private(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("QQTEXT_CACHE", str(folder))
    lexicon.cache_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_cache_dir_that_is_a_file_is_a_qqtext_error(tmp_path, monkeypatch):
    path = tmp_path / "file"
    path.write_text("x")
    monkeypatch.setenv("QQTEXT_CACHE", str(path))
    with pytest.raises(CacheError, match="cannot use the cache folder"):
        lexicon.cache_dir()


def test_default_cache_dir_is_per_user_not_the_shared_temp_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("QQTEXT_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert lexicon.cache_dir() == tmp_path / "xdg" / "qqtext"
    monkeypatch.delenv("XDG_CACHE_HOME")
    folder = lexicon.cache_dir()
    assert folder == lexicon.Path.home() / ".cache" / "qqtext"
    assert not str(folder).startswith(tempfile.gettempdir() + os.sep)


def test_lexicon_file_is_private_and_in_the_cache_dir():
    path = lexicon._lexicon()[0].table.path
    assert path.parent == lexicon.cache_dir() or os.environ.get("QQTEXT_CACHE")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.fixture(scope="module")
def tuned_jieba():
    """The reference: an in-memory jieba tokenizer with the domain words added and tuned."""
    jieba = lexicon._jieba()
    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as handle:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(handle)
    tokenizer.initialized = True
    for word in lexicon._domain_words():
        tokenizer.add_word(word)
        tokenizer.suggest_freq(word, tune=True)
    return tokenizer


def test_segmentation_equals_a_tuned_in_memory_jieba(tuned_jieba):
    text = JINAN_FILE.read_text(encoding="utf-8")
    assert lexicon.segmenter().lcut(text) == tuned_jieba.lcut(text)
    assert lexicon.segmenter().lcut(text, HMM=False) == tuned_jieba.lcut(text, HMM=False)


def test_preloading_after_many_misses_gives_the_same_tokens(tuned_jieba, monkeypatch):
    jieba = lexicon._jieba()
    monkeypatch.setattr(lexicon, "PRELOAD_AFTER", 50)
    fresh = lexicon._Lexicon(lexicon._Table(lexicon._lexicon()[0].table.path))
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = lexicon._FrequencyView(fresh)
    tokenizer.total = fresh.table.total()
    tokenizer.initialized = True
    text = JINAN_FILE.read_text(encoding="utf-8")
    assert tokenizer.lcut(text) == tuned_jieba.lcut(text)
    assert fresh.complete  # the table was read whole after 50 misses


def test_tags_are_jiebas_dictionary_tags():
    tags = lexicon.word_tags()
    assert tags.get("维护") == "v" and tags.get("企业") == "n"
    assert tags.get("纪检监察机关", "x") == "x"  # domain words carry no dictionary tag
    assert "没有这个词语" not in tags


def test_cli_reports_an_unusable_cache_in_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {**os.environ, "QQTEXT_CACHE": str(blocker / "sub")}
    done = subprocess.run([sys.executable, "-m", "qqtext.cli", "norms", "jinan-2019"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert_one_line_error(done.returncode, done.stdout, done.stderr, "cache folder", str(blocker))


def test_hot_words_are_kept_between_runs_and_give_the_same_tokens(tmp_path, tuned_jieba):
    """A second process reads the words the first looked up from the hot file, and cuts the same."""
    env = {**os.environ, "QQTEXT_CACHE": str(tmp_path / "cache")}
    code = ("import sys; from qqtext.extract.lexicon import segmenter; "
            "print('|'.join(segmenter().lcut(open(sys.argv[1], encoding='utf-8').read())))")
    first = subprocess.run([sys.executable, "-c", code, str(JINAN_FILE)], env=env, capture_output=True, text=True,
                           timeout=300, check=True)
    [hot] = list((tmp_path / "cache").glob("lexicon-*.hot"))
    assert stat.S_IMODE(hot.stat().st_mode) == 0o600 and hot.stat().st_size > 1000
    second = subprocess.run([sys.executable, "-c", code, str(JINAN_FILE)], env=env, capture_output=True, text=True,
                            timeout=300, check=True)
    expected = "|".join(tuned_jieba.lcut(JINAN_FILE.read_text(encoding="utf-8")))
    assert first.stdout.strip() == second.stdout.strip() == expected.strip()


def test_a_damaged_hot_file_is_ignored(tmp_path):
    table = lexicon._Table(lexicon._lexicon()[0].table.path)
    hot = tmp_path / "x.hot"
    hot.write_bytes(b"\x00garbage")
    fresh = lexicon._Lexicon(table, hot)
    assert fresh.freq == {} and lexicon._FrequencyView(fresh).get("企业") is not None


def test_the_hot_file_keeps_the_last_words_and_stays_bounded(tmp_path, monkeypatch):
    import marshal

    monkeypatch.setattr(lexicon, "HOT_LIMIT", 50)
    table = lexicon._Table(lexicon._lexicon()[0].table.path)
    hot = tmp_path / "x.hot"
    hot.write_bytes(marshal.dumps({f"旧词{i}": (1, "n") for i in range(80)}))  # more than the limit, from old runs
    run = lexicon._Lexicon(table, hot)
    view = lexicon._FrequencyView(run)
    assert view.get("旧词3") == 1  # read from the hot file, no query
    assert view.get("企业") is not None and view.get("政府") is not None  # looked up in the table
    run.save_hot()
    kept = marshal.loads(hot.read_bytes())
    assert len(kept) == 50
    assert list(kept)[:3] == ["旧词3", "企业", "政府"]  # this run's words first, then the older ones

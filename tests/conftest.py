"""Shared fixtures.

The real texts in ``../shared/corpus`` (beside the repository) are used by several tests. CI always
has them: there (``CI`` set) a missing folder is a failure, never a skip. On a user's fresh clone
without them those tests are skipped with a reason.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from qqtext.corpus import load_document
from qqtext.model import Document

REPO = Path(__file__).resolve().parents[1]
JINAN_FILE = REPO / "corpus" / "2019_jinan_qinqing-zhengshang-guanxi-shishi-banfa.txt"
DATA = Path(__file__).resolve().parent / "data"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return the exit code, stdout and stderr."""
    from qqtext.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, out: str, err: str, *needles: str) -> None:
    """A QqtextError's exit: code 2, nothing on stdout, one stderr line naming what it must."""
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qqtext: error: ")
    assert all(needle in lines[0] for needle in needles)


def shared_corpus_dir() -> Path:
    return Path(os.environ.get("QQTEXT_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))


def require_shared(folder: Path, what: str) -> Path:
    """``folder`` if it holds its SOURCES.md; else fail in CI (which always has it) and skip elsewhere."""
    if not (folder / "SOURCES.md").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the {what} is missing at {folder}: CI must have it")
        pytest.skip(f"the {what} is not at {folder} (only CI and developers have it)")
    return folder


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    return require_shared(shared_corpus_dir(), "shared corpus")


def shared_dev_dir() -> Path:
    return Path(os.environ.get("QQTEXT_SHARED_DEV", REPO.parent / "shared" / "corpus-dev"))


@pytest.fixture(scope="session")
def shared_dev() -> Path:
    """``../shared/corpus-dev``: the development texts (blind gold, structure checks)."""
    return require_shared(shared_dev_dir(), "development corpus")


@pytest.fixture(scope="session")
def jinan() -> Document:
    return load_document("jinan-2019")


@pytest.fixture(scope="session")
def jinan_text() -> str:
    return JINAN_FILE.read_text(encoding="utf-8")


RE_SOURCES_ROW = re.compile(r"^\| (?P<file>\d{4}_[^|]+?) \| (?P<title>[^|]+?) \|.*\| (?P<complete>[^|]+) \|$")



# Notebooks that read ../shared/corpus. `make test` collects tests/ and notebooks/ in one session,
# so this hook sees the notebook items too. In CI they run (and fail if the texts are missing); on a
# user's clone without the reference texts they are skipped with the reason, like the tests above.
# (04_compare_measures.ipynb reads the texts shipped in corpus/reference and runs everywhere.)
NEEDS_SHARED_CORPUS = ("06_corpus_tables.ipynb",)


def pytest_collection_modifyitems(config, items):
    if not NEEDS_SHARED_CORPUS or (shared_corpus_dir() / "SOURCES.md").is_file() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"needs the reference texts at {shared_corpus_dir()}")
    for item in items:
        if Path(str(item.fspath)).name in NEEDS_SHARED_CORPUS:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _reference_jieba_cache_in_tmp_path(tmp_path_factory):
    """Tests that compare with plain jieba (its default tokenizer) keep its cache in pytest's own temp
    folder, not in the shared /tmp where jieba writes it by default (the library never uses jieba's
    default tokenizer; see qqtext.extract.lexicon)."""
    import jieba

    jieba.dt.tmp_dir = str(tmp_path_factory.mktemp("jieba"))

"""nbval over the notebooks: the comparison notebook needs the reference texts of ../shared/corpus.

In CI (``CI`` set) it always runs, and fails if the texts are missing; on a user's clone without
them it is skipped with the reason, as the tests that use them are (tests/conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NEEDS_SHARED_CORPUS = ("04_compare_measures.ipynb",)


def _shared_corpus() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    return Path(os.environ.get("QQTEXT_SHARED_CORPUS", default))


def pytest_collection_modifyitems(config, items):
    if (_shared_corpus() / "SOURCES.md").is_file() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"needs the reference texts at {_shared_corpus()}")
    for item in items:
        if Path(str(item.fspath)).name in NEEDS_SHARED_CORPUS:
            item.add_marker(skip)

"""Stored notebooks carry no execution timestamps (generated files carry no dates)."""

from __future__ import annotations

import json

import pytest

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_execution_timestamps(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    stamped = [i for i, cell in enumerate(cells) if "execution" in cell.get("metadata", {})]
    assert stamped == [], f"strip cell metadata 'execution' from {path.name} (cells {stamped})"


def test_the_comparison_notebook_needs_nothing_beside_the_repository():
    """Notebook 04 reads corpus/reference (shipped), never ../shared: it runs on a fresh clone."""
    path = REPO / "notebooks" / "04_compare_measures.ipynb"
    code = "".join("".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
                   if cell["cell_type"] == "code")
    assert "../shared" not in code and "SHARED" not in code and "../corpus/reference" in code
    assert (REPO / "corpus" / "reference" / "metadata.toml").is_file()

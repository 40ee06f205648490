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

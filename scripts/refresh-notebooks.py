"""Re-run the notebooks in place and strip what changes from run to run (execution timestamps).

    .venv/bin/python scripts/refresh-notebooks.py [notebooks/02_article_graph.ipynb ...]

Run it after a change that alters what a notebook shows, then read the diff: nbval compares the
stored outputs with a fresh run in `make test`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]


def refresh(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
        cell_outputs = cell.get("outputs", [])
        merged = []  # a print flushed in two pieces is one stream, as nbval compares it
        for output in cell_outputs:
            if merged and output.get("output_type") == "stream" == merged[-1].get("output_type") \
                    and output.get("name") == merged[-1].get("name"):
                merged[-1]["text"] = merged[-1]["text"] + output["text"]
            else:
                merged.append(output)
        if "outputs" in cell:
            cell["outputs"] = merged
    nbformat.write(notebook, path)
    print(f"refreshed {path.relative_to(REPO)}")


if __name__ == "__main__":
    # self_test.ipynb is the page `qqtext serve` renders: it is stored without outputs, so it is left alone
    targets = [Path(p).resolve() for p in sys.argv[1:]] or sorted(
        p for p in (REPO / "notebooks").glob("*.ipynb") if p.name != "self_test.ipynb")
    for target in targets:
        refresh(target)

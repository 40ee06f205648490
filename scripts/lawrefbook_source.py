"""Load a development text: a file, a corpus name, or ``lawrefbook:PATH`` (a text of
``../shared/lawrefbook/laws.jsonl.xz``). Shared by ``gold-kit.py`` and ``draw-review-papers.py``; a
development tool, not part of the main job (it needs ../shared)."""

from __future__ import annotations

import json
import lzma
import os
from pathlib import Path

import qqtext

SHARED = Path(os.environ.get("QQTEXT_SHARED_DEV", Path(__file__).resolve().parents[2] / "shared" / "corpus-dev")).parent
LAWREFBOOK = SHARED / "lawrefbook" / "laws.jsonl.xz"
PREFIX = "lawrefbook:"


def load_source(source, doc_id: str | None = None):
    """The parsed document of ``source``; a LawRefBook text takes its file stem as id unless one is given."""
    if isinstance(source, str) and source.startswith(PREFIX):
        wanted = source.removeprefix(PREFIX)
        with lzma.open(LAWREFBOOK, "rt", encoding="utf-8") as lines:
            text = next((row["text"] for row in map(json.loads, lines) if row["path"] == wanted), None)
        if text is None:
            raise SystemExit(f"{wanted}: not in {LAWREFBOOK}")
        return qqtext.parse_text(text, doc_id=doc_id or Path(wanted).stem, source_name=source)
    return qqtext.load_document(source, doc_id=doc_id) if doc_id else qqtext.load_document(source)

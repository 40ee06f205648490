"""The shipped corpus, its metadata, and loading a document from a path or an id.

The texts qqtext ships live in the repository's ``corpus/`` folder, described by
``corpus/metadata.toml`` (id, file, title, issuers, date, place, level, kind, source). Set the
environment variable ``QQTEXT_CORPUS`` to use another folder laid out the same way. A folder of a
user's own documents may hold a ``metadata.toml`` of the same form; files without an entry get an id
from their file name.

>>> doc = load_document("jinan-2019")
>>> doc.title, len(doc.articles)
('关于构建亲清新型政商关系的实施办法（试行）', 23)
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from qqtext.errors import CorpusError
from qqtext.model import Document

__all__ = ["CorpusEntry", "corpus_dir", "corpus_entries", "read_metadata", "resolve", "load_document", "document_id"]

METADATA_FILE = "metadata.toml"
RE_ID_UNSAFE = re.compile(r"[\s/\\]+")
_FIELDS = ("title", "issuers", "date", "place", "level", "kind", "source", "note")


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One document described in a ``metadata.toml``."""

    id: str
    path: Path
    title: str | None = None
    issuers: tuple[str, ...] = ()
    date: str | None = None
    place: str | None = None
    level: str | None = None
    kind: str | None = None
    source: str | None = None
    note: str | None = None

    def metadata(self) -> dict[str, object]:
        """The entry's fields as parser metadata (only those that are set)."""
        values: dict[str, object] = {"path": str(self.path)}
        for name in _FIELDS:
            value = getattr(self, name)
            if value:
                values[name] = list(value) if isinstance(value, tuple) else value
        return values


def corpus_dir() -> Path:
    """The folder of the shipped corpus (``$QQTEXT_CORPUS`` or the repository's ``corpus/``)."""
    configured = os.environ.get("QQTEXT_CORPUS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "corpus"


def read_metadata(folder: str | os.PathLike[str]) -> list[CorpusEntry]:
    """Read ``folder/metadata.toml``; an absent file means no entries.

    Raises:
        CorpusError: if the file is not valid TOML or an entry lacks ``id`` or ``file``.
    """
    path = Path(folder) / METADATA_FILE
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not valid TOML ({exc})") from exc
    entries = []
    for number, raw in enumerate(data.get("document", []), 1):
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("file"):
            raise CorpusError(f"{path}: document entry {number} needs an 'id' and a 'file'")
        issuers = raw.get("issuers", ())
        if isinstance(issuers, str):
            issuers = (issuers,)
        entries.append(CorpusEntry(
            id=str(raw["id"]),
            path=(path.parent / str(raw["file"])).resolve(),
            issuers=tuple(str(i) for i in issuers),
            **{name: (str(raw[name]) if raw.get(name) else None) for name in _FIELDS if name != "issuers"},
        ))
    return entries


def corpus_entries() -> list[CorpusEntry]:
    """The documents of the shipped corpus."""
    return read_metadata(corpus_dir())


def document_id(path: str | os.PathLike[str]) -> str:
    """An id for a file without metadata: its name without the suffix, spaces turned into dashes.

    >>> document_id("downloads/济南 办法.docx")
    '济南-办法'
    """
    return RE_ID_UNSAFE.sub("-", Path(path).stem).strip("-") or "doc"


def resolve(path_or_id: str | os.PathLike[str]) -> tuple[Path, str, dict[str, object]]:
    """Find a document: an existing path, or the id of a corpus document.

    Returns:
        ``(path, doc_id, metadata)``; metadata comes from a ``metadata.toml`` beside the file.

    Raises:
        CorpusError: if it is neither an existing file nor a known id.
    """
    candidate = Path(path_or_id)
    if candidate.exists():
        resolved = candidate.resolve()
        for entry in read_metadata(resolved.parent):
            if entry.path == resolved:
                return candidate, entry.id, entry.metadata()
        return candidate, document_id(candidate), {"path": str(candidate)}
    text = str(path_or_id)
    entries = corpus_entries()
    for entry in entries:
        if entry.id == text:
            return entry.path, entry.id, entry.metadata()
    known = ", ".join(e.id for e in entries) or "none"
    raise CorpusError(f"{text}: no such file, and not a corpus document id (known ids: {known})")


def load_document(path_or_id: str | os.PathLike[str], *, doc_id: str | None = None) -> Document:
    """Read and parse a document given by path or corpus id.

    Args:
        path_or_id: a file (.txt, .md, .docx, .html, .pdf) or a corpus id such as ``"jinan-2019"``.
        doc_id: override the document id.

    Raises:
        QqtextError: a subclass saying what went wrong and naming the file.
    """
    from qqtext.parse import parse_text
    from qqtext.read import read_text

    path, found_id, metadata = resolve(path_or_id)
    return parse_text(read_text(path), doc_id=doc_id or found_id, source_name=str(path), metadata=metadata)

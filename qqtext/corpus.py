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

from typing import TYPE_CHECKING

from qqtext.errors import CorpusError
from qqtext.model import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CorpusEntry", "corpus_dir", "corpus_entries", "read_metadata", "resolve", "load_document", "document_id",
    "load_corpus", "corpus_files", "corpus_frame", "document_year", "CORPUS_COLUMNS", "SKIPPED_FILES",
]

METADATA_FILE = "metadata.toml"
RE_ID_UNSAFE = re.compile(r"[\s/\\]+")
_FIELDS = ("title", "issuers", "date", "place", "level", "kind", "source", "note")
#: A metadata date: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` where the day or month is unknown.
RE_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
#: Files of a corpus folder that describe it rather than belong to it (compared by stem, any case).
SKIPPED_FILES = frozenset({"readme", "sources", "license", "changelog", "metadata"})


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
        date = values.get("date")
        if isinstance(date, str) and not _full_date(date):
            values["date_text"] = values.pop("date")  # 2013-12: kept as written, Document.date stays None
        return values


def corpus_dir() -> Path:
    """The folder of the shipped corpus (``$QQTEXT_CORPUS`` or the repository's ``corpus/``)."""
    configured = os.environ.get("QQTEXT_CORPUS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "corpus"


def read_metadata(folder: str | os.PathLike[str], *, base: str | os.PathLike[str] | None = None) -> list[CorpusEntry]:
    """Read ``folder/metadata.toml``, or a metadata file given by its own path.

    Args:
        folder: a folder holding ``metadata.toml`` (an absent file means no entries), or the path of
            a metadata file (any name) kept elsewhere.
        base: the folder the ``file`` entries are relative to; by default the metadata file's own
            folder. Pass the corpus folder when the metadata lives elsewhere (``tests/data/…``).

    Raises:
        CorpusError: if the file is not valid TOML, an entry lacks ``id`` or ``file``, two entries
            share an id, a date is not ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``), or an explicitly
            given metadata file does not exist.
    """
    given = Path(folder)
    path = given if given.suffix.lower() == ".toml" or given.is_file() else given / METADATA_FILE
    if not path.is_file():
        if path is given:
            raise CorpusError(f"{path}: no such metadata file")
        return []
    root = Path(base) if base is not None else path.parent
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
        date = raw.get("date")
        if date and not _valid_date(str(date)):
            raise CorpusError(f"{path}: document {raw['id']!r} has date {date!r}; write YYYY-MM-DD (or YYYY-MM, YYYY)")
        if any(entry.id == str(raw["id"]) for entry in entries):
            raise CorpusError(f"{path}: the id {raw['id']!r} is used twice")
        entries.append(CorpusEntry(
            id=str(raw["id"]),
            path=(root / str(raw["file"])).resolve(),
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


def _full_date(text: str) -> bool:
    match = RE_DATE.match(text)
    return bool(match and match.group("day"))


def _valid_date(text: str) -> bool:
    """``YYYY-MM-DD`` that exists, or ``YYYY-MM`` / ``YYYY``.

    >>> _valid_date("2013-12"), _valid_date("2019-02-30"), _valid_date("2013/12")
    (True, False, False)
    """
    import datetime as dt

    match = RE_DATE.match(text)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.group("year", "month", "day"))
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def document_year(doc: Document) -> int | None:
    """The year of a document: of its date, else of a month- or year-only ``date_text`` in its metadata.

    >>> document_year(load_document("jinan-2019"))
    2019
    """
    if doc.date is not None:
        return doc.date.year
    match = RE_DATE.match(doc.meta("date_text") or "")
    return int(match.group("year")) if match else None


def load_corpus(
    folder: str | os.PathLike[str],
    *,
    metadata: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> list[Document]:
    """Load every supported file of ``folder`` (not its subfolders), in file-name order.

    Files whose suffix :func:`qqtext.read.read_text` does not read are left out, and so are the
    folder's own descriptions (README, SOURCES, LICENSE … by stem, see :data:`SKIPPED_FILES`) and
    hidden files. Ids, title, issuers, date, place, level, kind and source come from the metadata:
    ``folder/metadata.toml``, or the file ``metadata`` if given (its ``file`` entries are relative
    to ``folder``; it replaces the folder's own). A file without an entry gets an id from its name
    (:func:`document_id`); the place and level then stay unknown.

    Args:
        folder: the corpus folder.
        metadata: a metadata file kept elsewhere (for a read-only folder).
        progress: show a progress bar (tqdm) while parsing.

    Raises:
        CorpusError: if ``folder`` is not a folder, the metadata is malformed or names a file that
            is not in ``folder``, or two files would get the same id.
        QqtextError: a subclass naming the file, if one cannot be read or parsed.
    """
    from qqtext.parse import parse_text
    from qqtext.read import read_text

    files = corpus_files(folder, metadata=metadata)
    if progress:
        from tqdm.auto import tqdm

        files = tqdm(files, desc="load_corpus", unit="doc")
    return [parse_text(read_text(path), doc_id=doc_id, source_name=str(path), metadata=meta)
            for path, doc_id, meta in files]


def corpus_files(
    folder: str | os.PathLike[str], *, metadata: str | os.PathLike[str] | None = None
) -> list[tuple[Path, str, dict[str, object]]]:
    """The files :func:`load_corpus` reads from ``folder``, each with its id and parser metadata, unread.

    Raises:
        CorpusError: as :func:`load_corpus`.
    """
    from qqtext.read import SUPPORTED_SUFFIXES

    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(f"{root}: not a folder")
    entries = read_metadata(metadata, base=root) if metadata is not None else read_metadata(root)
    by_path = {entry.path: entry for entry in entries}
    files = sorted(
        path for path in root.iterdir()
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES
        and path.stem.lower() not in SKIPPED_FILES and not path.name.startswith(".")
    )
    resolved = {path.resolve() for path in files}
    missing = [entry for entry in entries if entry.path not in resolved]
    if missing:
        names = ", ".join(f"{e.id} ({e.path.name})" for e in missing)
        raise CorpusError(f"{metadata or root / METADATA_FILE}: no such file in {root}: {names}")
    out: list[tuple[Path, str, dict[str, object]]] = []
    seen: dict[str, Path] = {}
    for path in files:
        entry = by_path.get(path.resolve())
        doc_id = entry.id if entry else document_id(path)
        if doc_id in seen:
            raise CorpusError(f"{path}: id {doc_id!r} is already that of {seen[doc_id].name}")
        seen[doc_id] = path
        out.append((path, doc_id, entry.metadata() if entry else {"path": str(path)}))
    return out


#: The columns of :func:`corpus_frame`.
CORPUS_COLUMNS = (
    "id", "title", "place", "level", "year", "date", "kind", "issuers",
    "articles", "sections", "items", "norms", "actors", "duties",
)


def corpus_frame(docs: list[Document]) -> pd.DataFrame:
    """One row per document: metadata and counts (the columns of :data:`CORPUS_COLUMNS`).

    ``year`` comes from the date, or from a month-only ``date_text``; ``date`` is ISO text or
    ``None``; ``issuers`` is joined with 、; ``articles`` and ``sections`` count 第X条 articles and
    意见-style sections; ``items`` counts the 项 of both; ``norms`` the norms
    (:func:`~qqtext.extract.norms.extract_norms`); ``actors`` the distinct canonical actors those
    norms address; ``duties`` the duties of :func:`~qqtext.extract.duties.extract_duties`.
    """
    import pandas as pd

    from qqtext.extract.duties import extract_duties
    from qqtext.extract.norms import extract_norms

    rows = []
    for doc in docs:
        norms = extract_norms(doc)
        rows.append({
            "id": doc.id,
            "title": doc.title,
            "place": doc.meta("place"),
            "level": doc.meta("level"),
            "year": document_year(doc),
            "date": doc.date.isoformat() if doc.date else None,
            "kind": doc.kind,
            "issuers": "、".join(doc.issuers),
            "articles": len(doc.articles),
            "sections": len(doc.sections),
            "items": sum(len(unit.items) for unit in (*doc.articles, *doc.sections)),
            "norms": len(norms),
            "actors": len({actor for norm in norms for actor in norm.actor}),
            "duties": len(extract_duties(doc)),
        })
    frame = pd.DataFrame(rows, columns=list(CORPUS_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    return frame

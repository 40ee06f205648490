"""The files of a corpus folder: which ones, their ids and metadata, and their content hashes.

:func:`discover` walks a folder recursively (in sorted order, not following links to folders) and
returns one :class:`Source` per document file, plus the problems it met that concern one file (a
metadata entry naming a file that is not there, two files that would get the same id), as
:class:`Problem`\\ s that the corpus run turns into rows of its ``errors`` table.

Which files
    Every file whose suffix :func:`qqtext.read.read_text` reads (:data:`qqtext.read.SUPPORTED_SUFFIXES`),
    and also the document formats it does not read (:data:`UNREAD_SUFFIXES`: ``.doc``, ``.wps``,
    ``.ofd``, ``.caj`` …), so that such a file shows up in ``errors`` with its reason instead of
    being passed over in silence. Hidden files and folders (``.name``), the folder's own
    descriptions (README, SOURCES, LICENSE …: :data:`qqtext.corpus.SKIPPED_FILES`) and the output
    folder, when it lies inside the corpus, are left out.

Ids and metadata
    Each folder's ``metadata.toml`` (:func:`qqtext.corpus.read_metadata`) describes the files it
    names; a file named by the metadata of a deeper folder takes that entry. ``metadata=FILE`` gives
    the metadata of the top folder from elsewhere (its ``file`` entries relative to the top folder,
    as in :func:`qqtext.corpus.load_corpus`). A file without an entry gets the id of its path
    relative to the top folder, without the suffix (:func:`path_id`: ``sub/济南 办法.docx`` →
    ``sub-济南-办法``, as :func:`qqtext.corpus.document_id` does for a file name). When two files
    would get the same id, the first in path order keeps it and the other is a :class:`Problem`; the
    outcome does not depend on the order the folder lists its files in.

Content hashes
    :class:`HashCache` keeps ``(size, mtime_ns, sha256)`` per path, so that a re-run hashes only the
    files whose size or modification time changed (as ``git status`` does); an unchanged hash means
    an unchanged file whatever its time stamp says.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "sub").mkdir(), (root / "sub" / "甲 办法.txt").write_text("第一条 甲。", encoding="utf-8")
>>> _ = (root / "README.md").write_text("说明", encoding="utf-8")
>>> sources, problems = discover(root)
>>> [(s.doc, s.relpath) for s in sources], problems
([('sub-甲-办法', 'sub/甲 办法.txt')], [])
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qqtext.corpus import METADATA_FILE, RE_ID_UNSAFE, SKIPPED_FILES, CorpusEntry, read_metadata
from qqtext.errors import CorpusError

__all__ = ["Source", "Problem", "UNREAD_SUFFIXES", "discover", "path_id", "file_sha256", "HashCache"]

#: Document formats :func:`qqtext.read.read_text` does not read; their files land in ``errors``.
UNREAD_SUFFIXES = frozenset({".doc", ".wps", ".rtf", ".odt", ".ofd", ".caj", ".wpt", ".dot", ".pages"})
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Source:
    """One document file of the corpus.

    Attributes:
        path: the file (absolute).
        relpath: its path relative to the corpus folder, with ``/`` between parts (what the tables show).
        doc: its document id.
        metadata: the parser metadata of its ``metadata.toml`` entry (``path`` is ``relpath``), or
            just ``{"path": relpath}``.
        size, mtime_ns: from :func:`os.stat`, for the hash cache.
    """

    path: Path
    relpath: str
    doc: str
    metadata: Mapping[str, object] = field(default_factory=dict)
    size: int = 0
    mtime_ns: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """A file the corpus cannot include, found before reading it: its path, would-be id and why."""

    relpath: str
    doc: str | None
    error: str
    message: str


def discover(
    root: str | os.PathLike[str],
    *,
    metadata: str | os.PathLike[str] | None = None,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> tuple[list[Source], list[Problem]]:
    """The document files under ``root`` with their ids and metadata (see the module documentation).

    Args:
        root: the corpus folder.
        metadata: a metadata file for the top folder kept elsewhere (replaces ``root/metadata.toml``).
        exclude: folders not to enter (the output folder, when it is inside ``root``).

    Returns:
        ``(sources, problems)``, both in path order.

    Raises:
        CorpusError: ``root`` is not a folder, or a metadata file is malformed (that is the
            researcher's own description of the corpus: it is fixed, not skipped).
    """
    from qqtext.read import SUPPORTED_SUFFIXES

    top = Path(root)
    if not top.is_dir():
        raise CorpusError(f"{top}: not a folder")
    top = top.resolve()
    skipped = {Path(folder).resolve() for folder in exclude}
    wanted = SUPPORTED_SUFFIXES | UNREAD_SUFFIXES
    files: list[Path] = []
    entries: dict[Path, CorpusEntry] = {}
    listed: list[CorpusEntry] = []
    if metadata is not None:
        listed.extend(read_metadata(metadata, base=top))
    for folder, dirs, names in os.walk(top, onerror=_walk_error):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() not in skipped)
        if METADATA_FILE in names and not (here == top and metadata is not None):
            listed.extend(read_metadata(here))
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in wanted or path.stem.lower() in SKIPPED_FILES:
                continue
            if path.is_file():
                files.append(path)
    for entry in sorted(listed, key=lambda e: len(e.path.parts)):  # a deeper folder's entry wins
        entries[entry.path] = entry
    files.sort(key=lambda p: _relpath(p, top))
    present = {path.resolve() for path in files}
    problems = [
        Problem(_shown(entry.path, top), entry.id, "CorpusError",
                f"{_shown(entry.path, top)}: listed in the metadata as {entry.id!r} but no such file is in the corpus")
        for entry in sorted(entries.values(), key=lambda e: str(e.path)) if entry.path not in present
    ]
    sources: list[Source] = []
    taken: dict[str, str] = {}
    for path in files:
        relpath = _relpath(path, top)
        entry = entries.get(path.resolve())
        doc = entry.id if entry else path_id(relpath)
        if doc in taken:
            problems.append(Problem(relpath, doc, "CorpusError",
                                    f"{relpath}: the id {doc!r} is already that of {taken[doc]}"))
            continue
        try:
            stat = path.stat()
        except OSError as error:  # gone since the folder was listed, or not readable
            problems.append(Problem(relpath, doc, "ReadError", f"{relpath}: cannot read ({error.strerror or error})"))
            continue
        taken[doc] = relpath
        meta = {**entry.metadata(), "path": relpath} if entry else {"path": relpath}
        sources.append(Source(path, relpath, doc, meta, stat.st_size, stat.st_mtime_ns))
    problems.sort(key=lambda p: p.relpath)
    return sources, problems


def path_id(relpath: str) -> str:
    """The id of a file without a metadata entry: its relative path without the suffix, with dashes
    for slashes and white space (dots in the name are kept).

    >>> path_id("2019/关于印发《办法》的通知 v1.2.docx"), path_id("a.txt")
    ('2019-关于印发《办法》的通知-v1.2', 'a')
    """
    suffix = PurePosixPath(relpath).suffix
    return RE_ID_UNSAFE.sub("-", relpath[: len(relpath) - len(suffix)]).strip("-") or "doc"


def _walk_error(error: OSError) -> None:
    raise CorpusError(f"{error.filename}: cannot list the folder ({error.strerror or error})")


def _relpath(path: Path, top: Path) -> str:
    return path.relative_to(top).as_posix()


def _shown(path: Path, top: Path) -> str:
    try:
        return path.relative_to(top).as_posix()
    except ValueError:
        return str(path)


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, in hex (read in 1 MB blocks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


class HashCache:
    """Content hashes of files, recomputed only when a file's size or modification time changes.

    Args:
        known: ``{relpath: (size, mtime_ns, sha256)}`` from an earlier run.
    """

    def __init__(self, known: Mapping[str, tuple[int, int, str]] | None = None) -> None:
        self.known = dict(known or {})
        self.hashed = 0

    def sha256(self, source: Source) -> str | None:
        """The file's SHA-256, or ``None`` if it cannot be read (the reader then says why)."""
        size, mtime, digest = self.known.get(source.relpath, (-1, -1, ""))
        if digest and size == source.size and mtime == source.mtime_ns:
            return digest
        try:
            digest = file_sha256(source.path)
        except OSError:
            return None
        self.hashed += 1
        self.known[source.relpath] = (source.size, source.mtime_ns, digest)
        return digest

"""One document's rows of every corpus table: what a worker computes for one file.

:func:`process` is the unit of work of a corpus run, the same in the calling process, in a worker
process of ``--jobs N`` and on a Dask worker. It takes a :class:`Task` (plain, picklable values:
the file, its id, metadata and hash, the input limits in force in the calling process), reads,
parses and extracts the document, and returns a :class:`Result`: the rows of each table of
:data:`~qqtext.batch.schema.DOCUMENT_TABLES`, compressed, or the row of ``errors`` for a file
that cannot be read. It never raises for a bad file: a :class:`~qqtext.errors.QqtextError` is the
reason in the ``errors`` row, and so is any other exception (named ``internal: TypeName``), so
that one odd file never stops a run of thousands.

The rows depend only on the file's bytes, its id and metadata, and the limits: not on the worker,
the order of files, time or place. Paths in the rows and messages are relative to the corpus
folder.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("第一条 机关单位工作人员不得接受礼品。", encoding="utf-8")
>>> result = process(Task(str(folder / "a.txt"), "a.txt", "a", {"path": "a.txt"}, "0" * 64, 10))
>>> [(row[2], row[7], row[10]) for row in result.tables()["norms"]]
[('a/art-1/para-1/sent-1', 'prohibition', ['机关单位工作人员'])]
>>> process(Task(str(folder / "none.txt"), "none.txt", "none", {}, None, 0)).error[2]
'ReadError'
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from qqtext.batch.schema import DOCUMENT_TABLES, TABLES
from qqtext.errors import QqtextError
from qqtext.model import Article, Document

__all__ = ["Task", "Result", "process", "document_rows", "encode_tables", "decode_tables", "decode_arrow"]

_COMPRESSION_LEVEL = 3


@dataclass(frozen=True, slots=True)
class Task:
    """What a worker needs to make one document's rows (every field picklable and plain).

    Attributes:
        path: the file, as the worker can open it (absolute; on a cluster: a path every worker sees).
        relpath: the path shown in the tables and messages.
        doc: the document id; metadata: parser metadata (:meth:`qqtext.corpus.CorpusEntry.metadata`).
        sha256: the file's hash (``None`` if it could not be hashed); bytes: its size.
        limits: the input limits (:mod:`qqtext.limits`) to read with, ``{name: value}``.
    """

    path: str
    relpath: str
    doc: str
    metadata: Mapping[str, object]
    sha256: str | None
    bytes: int
    limits: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Result:
    """What a worker returns for one :class:`Task`.

    Attributes:
        relpath, doc: as in the task.
        payload: the document's table rows (:func:`encode_tables`), or ``None`` for an error.
        error: the ``errors`` row when the file could not be read, else ``None``.
        chars: characters of the document's text (0 for an error).
        seconds: the time the worker spent on it; peak_rss: the worker's peak resident memory in
            bytes so far (not part of any table: they vary from run to run).
    """

    relpath: str
    doc: str
    payload: bytes | None
    error: tuple[Any, ...] | None
    chars: int = 0
    seconds: float = 0.0
    peak_rss: int = 0

    def tables(self) -> dict[str, list[list[Any]]]:
        """The rows of each table (empty lists for an error)."""
        return decode_tables(self.payload) if self.payload is not None else {t: [] for t in DOCUMENT_TABLES}


def process(task: Task) -> Result:
    """Read, parse and extract one file into its table rows (see the module documentation)."""
    from qqtext.limits import overridden

    started = time.perf_counter()
    try:
        with overridden(**task.limits):
            doc = _load(task)
            rows = document_rows(doc, task)
    except QqtextError as exc:
        return _error(task, type(exc).__name__, str(exc), started)
    except RecursionError:
        return _error(task, "internal: RecursionError", f"{task.relpath}: nested too deeply to parse", started)
    except Exception as exc:  # a fault of qqtext on this file: reported in its row, the run goes on
        return _error(task, f"internal: {type(exc).__name__}", f"{task.relpath}: {exc}", started)
    return Result(task.relpath, task.doc, encode_tables(rows), None, len(doc.text),
                  time.perf_counter() - started, _peak_rss())


def _load(task: Task) -> Document:
    from qqtext.parse import parse_text
    from qqtext.read import read_text

    return parse_text(read_text(task.path), doc_id=task.doc, source_name=task.relpath, metadata=dict(task.metadata))


def _error(task: Task, kind: str, message: str, started: float) -> Result:
    shown = " ".join(message.replace(task.path, task.relpath).split())
    row = (task.relpath, task.doc, kind, shown, task.sha256, task.bytes)
    return Result(task.relpath, task.doc, None, row, 0, time.perf_counter() - started, _peak_rss())


def _peak_rss() -> int:
    """This process's peak resident memory in bytes (0 where the system does not say).

    On Linux it is ``VmHWM`` of ``/proc/self/status``: ``getrusage``'s ``ru_maxrss`` survives
    ``exec``, so a worker started by a large parent would report the parent's size as its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def document_rows(doc: Document, task: Task, *, timings: dict[str, float] | None = None) -> dict[str, list[list[Any]]]:
    """The rows of every table of :data:`~qqtext.batch.schema.DOCUMENT_TABLES` for ``doc``.

    Each row is a list of values in the order of the table's columns (:data:`~qqtext.batch.schema.TABLES`);
    dates are ISO text (:func:`~qqtext.batch.schema.arrow_columns` turns them into dates). Lone
    surrogates in the text (Parquet strings are UTF-8) become U+FFFD. With ``timings``, the seconds
    spent on each step are added to it (``norms``, ``duties``, ``references``, ``graph``, ``profile``,
    ``rows``), for the benchmark.
    """
    from qqtext.compare.profile import finding_rows, profile, profile_row
    from qqtext.corpus import document_year
    from qqtext.extract.actors import actor_dictionary
    from qqtext.extract.definitions import extract_definitions
    from qqtext.extract.duties import extract_duties
    from qqtext.extract.norms import extract_norms
    from qqtext.extract.references import extract_references
    from qqtext.frames import actor_rows, article_rows, edge_rows, norm_rows, section_rows
    from qqtext.graph import actor_node, build_graph

    clock = _Clock(timings)
    norms = clock("norms", extract_norms, doc)
    duties = clock("duties", extract_duties, doc)
    references = clock("references", extract_references, doc)
    definitions = clock("references", extract_definitions, doc)
    G = clock("graph", lambda: build_graph(doc, norms=norms, duties=duties, definitions=definitions,
                                           references=references))
    prof = clock("profile", lambda: profile(doc, norms=norms, duties=duties))
    clock.start("rows")
    dictionary = actor_dictionary()
    units = (*doc.articles, *doc.sections)
    rows: dict[str, list[dict[str, Any]]] = {}

    rows["articles"] = [{**row, "kind": "article", "title": None} for row in article_rows(doc)]
    rows["articles"] += [
        {**row, "kind": "section", "heading": f"{section.heading}{section.title or ''}", "sub": 0}
        for row, section in zip(section_rows(doc), doc.sections)
    ]
    rows["items"] = [
        {"id": item.id, "unit": unit.id, "article": unit.number if isinstance(unit, Article) else None,
         "section": None if isinstance(unit, Article) else unit.number, "paragraph": paragraph.number,
         "number": item.number, "marker": item.marker, "chars": len(item.text),
         "start": item.span.start, "end": item.span.end, "text": item.text}
        for unit in units for paragraph in unit.paragraphs for item in paragraph.items
    ]
    rows["norms"] = [
        {**row, "actor": list(norm.actor), "actor_surface": list(norm.actor_surface),
         "actor_type": list(norm.actor_type), "conditions": list(norm.conditions), "statement": norm.statement}
        for row, norm in zip(norm_rows(doc, norms), norms)
    ]
    rows["actors"] = [{**row, "type": G.nodes[actor_node(row["name"])].get("type", "")} for row in actor_rows(G)]
    rows["actors"].sort(key=lambda row: row["name"])
    rows["duties"] = [
        {"id": d.id, "body": d.body, "side": dictionary[d.body].side if d.body in dictionary else "other",
         "relation": d.relation, "duty": d.duty, "kind": d.kind, "target": d.target, "body_implicit": d.body_implicit,
         "article": d.article, "unit": d.unit, "start": d.span.start, "end": d.span.end}
        for d in duties
    ]
    rows["references"] = [
        {"id": r.id, "kind": r.kind, "target": r.target, "text": r.text, "unit": r.unit,
         "start": r.span.start, "end": r.span.end}
        for r in references
    ]
    rows["edges"] = edge_rows(G, keys=True)
    rows["profiles"] = [profile_row(prof)]
    rows["provisions"] = [
        {**row, "cell": finding.cell, "articles": list(finding.articles), "sections": list(finding.sections),
         "units": list(finding.units)}
        for row, finding in zip(finding_rows(prof), prof.checklist)
    ]
    rows["warnings"] = [{"path": task.relpath, "message": message} for message in doc.warnings]
    rows["documents"] = [{
        "path": task.relpath, "format": task.relpath.rsplit(".", 1)[-1].lower(), "sha256": task.sha256,
        "bytes": task.bytes, "chars": len(doc.text), "title": doc.title, "issuers": list(doc.issuers),
        "date": doc.date.isoformat() if doc.date else None, "year": document_year(doc),
        "place": doc.meta("place"), "level": doc.meta("level"), "kind": doc.kind, "source": doc.meta("source"),
        "articles": len(doc.articles), "sections": len(doc.sections),
        "items": len(rows["items"]), "norms": len(norms), "actors": len({a for n in norms for a in n.actor}),
        "duties": len(duties), "references": len(references), "warnings": len(doc.warnings),
    }]
    ordered = {table: [_ordered(table, doc.id, row) for row in rows[table]] for table in DOCUMENT_TABLES}
    clock.stop()
    return ordered


class _Clock:
    """Adds the seconds of each step to a dict (or does nothing without one)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.step: tuple[str, float] | None = None

    def __call__(self, name: str, fn, *args):
        started = time.perf_counter()
        value = fn(*args)
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
        return value

    def start(self, name: str) -> None:
        self.step = (name, time.perf_counter())

    def stop(self) -> None:
        if self.timings is not None and self.step is not None:
            name, started = self.step
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


def _ordered(table: str, doc_id: str, row: Mapping[str, Any]) -> list[Any]:
    values = {**row, "doc": doc_id}
    return [values.get(column.name) for column in TABLES[table]]


def encode_tables(rows: Mapping[str, list[list[Any]]]) -> bytes:
    """One document's rows as one compressed blob of Arrow IPC streams, one per table (what the
    run's cache keeps per document, and what the writer appends to the Parquet files as is)."""
    import pyarrow as pa

    from qqtext.batch.schema import arrow_columns, arrow_schema

    parts = []
    for table in DOCUMENT_TABLES:
        schema = arrow_schema(table)
        data = pa.Table.from_arrays(arrow_columns(table, rows[table]), schema=schema)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, schema) as writer:
            writer.write_table(data)
        part = sink.getvalue().to_pybytes()
        parts.append(len(part).to_bytes(8, "little") + part)
    return zlib.compress(b"".join(parts), _COMPRESSION_LEVEL)


def decode_arrow(payload: bytes) -> dict[str, Any]:
    """The :class:`pyarrow.Table` of each table that :func:`encode_tables` encoded."""
    import pyarrow as pa

    data = zlib.decompress(payload)
    tables: dict[str, Any] = {}
    offset = 0
    for table in DOCUMENT_TABLES:
        size = int.from_bytes(data[offset:offset + 8], "little")
        offset += 8
        tables[table] = pa.ipc.open_stream(pa.py_buffer(data[offset:offset + size])).read_all()
        offset += size
    return tables


def decode_tables(payload: bytes) -> dict[str, list[list[Any]]]:
    """The rows :func:`encode_tables` encoded (dates as :class:`datetime.date`)."""
    out = {}
    for table, data in decode_arrow(payload).items():
        columns = data.to_pydict()
        out[table] = [list(row) for row in zip(*columns.values())] if data.num_rows else []
    return out

"""A corpus run: a folder of documents into Parquet tables, incrementally, on any engine.

:func:`build_corpus` is what ``qqtext corpus DIR -o OUT`` does:

1. find the document files under ``DIR`` with their ids and metadata (:func:`qqtext.batch.files.discover`);
2. hash each file (only those whose size or time stamp changed since the last run) and give it a
   *fingerprint*: its hash, id, metadata, the input limits in force and a digest of qqtext's own
   code, so that new code or a changed metadata entry also means new rows;
3. process every file whose fingerprint the output folder's cache does not hold, on the engine
   (:mod:`qqtext.batch.engine`: this process, ``jobs`` worker processes, or a Dask cluster), the
   largest files first, with a progress bar; each result is stored in the cache as it arrives;
4. unless nothing changed, write every table (:mod:`qqtext.batch.store`): the documents in id order,
   the ``errors`` rows in path order, so the tables are identical whatever the engine, the number
   of workers or the order of files; rows of files that are gone are dropped with them;
5. with ``near_duplicates``, find the near-identical articles over the whole ``articles`` table on the
   same engine (:mod:`qqtext.batch.lsh`) and write ``near_duplicates``.

A file that cannot be read (corrupt, empty, over a limit, of a format qqtext does not read) is a
row of ``errors`` with its one-line reason; the run goes on. The run stops, with one line, only
when it cannot do anything useful: ``DIR`` is not a folder, a ``metadata.toml`` is malformed,
``OUT`` cannot be written, or the scheduler does not answer.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from qqtext.batch.engine import Engine, open_engine
from qqtext.batch.extract import Result, Task, decode_arrow, process
from qqtext.batch.files import HashCache, Source, discover
from qqtext.batch.schema import DOCUMENT_TABLES, TABLES
from qqtext.batch.store import RunCache, table_path, write_table, write_tables

__all__ = ["RunReport", "build_corpus", "code_digest", "fingerprint"]

#: Results stored in the cache per transaction while a run goes on.
_COMMIT_EVERY = 32
#: Seconds between commits at most.
_COMMIT_SECONDS = 2.0
_TABLES_KEY = "tables"
_MANIFEST_KEY = "manifest"
_NEAR_KEY = "near_duplicates"


@dataclass
class RunReport:
    """What a corpus run did (the figures the command prints; none of it is in the tables).

    Attributes:
        out: the output folder. documents: documents in the tables; errors: rows of ``errors``.
        new, changed, unchanged, removed: files by what happened to them since the last run.
        processed: files read in this run; chars: their characters; worker_seconds: the time
            the workers spent on them; peak_rss: the largest peak memory of a worker (bytes).
        seconds: the whole run; write_seconds: writing the tables; written: whether the tables were
            (re)written; rows: rows per table.
        hashed: files whose hash was computed (the others were unchanged since the last run).
        engine: where the work was done. near_duplicates: pairs found (``None``: not asked for).
    """

    out: Path
    documents: int = 0
    errors: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    processed: int = 0
    chars: int = 0
    worker_seconds: float = 0.0
    peak_rss: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0
    written: bool = False
    rows: dict[str, int] = field(default_factory=dict)
    hashed: int = 0
    engine: str = ""
    near_duplicates: int | None = None

    def summary(self) -> str:
        """One line for the command's stderr."""
        changes = (f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.removed} removed")
        tables = "tables written" if self.written else "tables unchanged"
        near = "" if self.near_duplicates is None else f"; {self.near_duplicates} near-duplicate pairs"
        work = f"read {self.processed} on {self.engine}" if self.processed else "read none"
        return f"{self.documents} documents, {self.errors} errors ({changes}); {work} in {self.seconds:.1f} s; {tables} in {self.out}{near}"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of qqtext's code and data files: rows made by other code are made again."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in {".py", ".tsv", ".txt", ".toml", ".json"}
                       and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fingerprint(source: Source, sha256: str | None, limits: dict[str, float]) -> str:
    """What a document's rows depend on, as one hex digest (see the module documentation)."""
    key = [code_digest(), sha256, source.doc, source.relpath, dict(sorted(source.metadata.items())), limits]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _limits() -> dict[str, float]:
    from qqtext.limits import LIMITS, limit

    return {name: limit(name) for name in LIMITS}


def build_corpus(
    root: str | Path,
    out: str | Path,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    metadata: str | Path | None = None,
    near_duplicates: bool = False,
    threshold: float = 0.7,
    progress: bool = True,
    engine: Engine | None = None,
) -> RunReport:
    """Build (or bring up to date) the corpus tables of folder ``root`` in folder ``out``.

    Args:
        root: the corpus folder (read recursively).
        out: the output folder (made if missing): ``<table>.parquet`` files and the run's cache.
        jobs: worker processes (default: all cores; 1: this process), or a local Dask cluster's workers.
        scheduler: ``"local"`` or ``tcp://HOST:PORT``: run on Dask distributed instead.
        metadata: a metadata file for the top folder kept elsewhere.
        near_duplicates: also write ``near_duplicates`` (articles with Jaccard ≥ ``threshold``).
        progress: show progress bars (tqdm) on stderr.
        engine: an engine already open (:func:`~qqtext.batch.engine.open_engine`); it is left open.

    Raises:
        CorpusError: ``root`` is not a folder or a metadata file is malformed.
        OutputError: ``out`` cannot be written.
        SchedulerError: the scheduler cannot be reached.
        QqtextError: ``jobs`` below 1, ``threshold`` not in (0, 1].
    """
    from qqtext.errors import CorpusError, QqtextError

    started = time.perf_counter()
    if not 0.0 < threshold <= 1.0:
        raise QqtextError(f"--threshold must be in (0, 1], not {threshold}")
    if jobs is not None and jobs < 1:
        raise QqtextError(f"--jobs must be at least 1, not {jobs}")
    top = Path(root)
    if not top.is_dir():
        raise CorpusError(f"{top}: not a folder")
    try:
        import pyarrow  # noqa: F401  (the tables are Parquet)
    except ImportError:
        raise QqtextError("qqtext corpus writes Parquet and needs pyarrow: pip install 'qqtext[corpus]'") from None
    report = RunReport(Path(out))
    with _Lazy(engine, jobs, scheduler) as lazy:
        if scheduler:
            lazy.get()  # a bad address fails now, before any work
        cache = RunCache(out)
        try:
            _run(top, cache, lazy, report, metadata=metadata, near=near_duplicates, threshold=threshold,
                 progress=progress)
        finally:
            cache.close()
        report.engine = lazy.name
    report.seconds = time.perf_counter() - started
    return report


class _Lazy:
    """The engine, opened the first time it is needed (a no-change re-run starts no workers)."""

    def __init__(self, engine: Engine | None, jobs: int | None, scheduler: str | None) -> None:
        self.engine, self.jobs, self.scheduler, self.owned = engine, jobs, scheduler, engine is None
        self.name = engine.name if engine else ""

    def get(self) -> Engine:
        if self.engine is None:
            self.engine = open_engine(jobs=self.jobs, scheduler=self.scheduler)
        self.name = self.engine.name
        return self.engine

    def __enter__(self) -> _Lazy:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.owned and self.engine is not None:
            self.engine.close()


def _run(top: Path, cache: RunCache, lazy: _Lazy, report: RunReport, *, metadata, near: bool, threshold: float,
         progress: bool) -> None:
    sources, problems = discover(top, metadata=metadata, exclude=[cache.out])
    hashes = HashCache(cache.file_hashes())
    limits = _limits()
    shas = {s.relpath: hashes.sha256(s) for s in _bar(sources, progress, "hashing", "file")}
    report.hashed = hashes.hashed
    prints = {s.relpath: fingerprint(s, shas[s.relpath], limits) for s in sources}
    previous = json.loads(cache.state(_MANIFEST_KEY) or "{}")
    report.new = sum(path not in previous for path in prints)
    report.changed = sum(path in previous and previous[path] != fp for path, fp in prints.items())
    report.unchanged = len(prints) - report.new - report.changed
    report.removed = sum(path not in prints for path in previous)

    cached = cache.cached()
    todo = sorted((s for s in sources if prints[s.relpath] not in cached), key=lambda s: (-s.size, s.relpath))
    failed: dict[str, tuple[Any, ...]] = {}
    if todo:
        tasks = [Task(str(s.path), s.relpath, s.doc, dict(s.metadata), shas[s.relpath], s.size, limits) for s in todo]
        _process(lazy.get(), tasks, prints, cache, report, failed, progress)

    ordered = sorted(sources, key=lambda s: s.doc)
    problem_rows = [(p.relpath, p.doc, p.error, p.message, None, None) for p in problems]
    digest = hashlib.sha256(json.dumps([[s.doc, prints[s.relpath]] for s in ordered] + problem_rows
                                       + sorted(failed.items()), ensure_ascii=False).encode()).hexdigest()
    complete = all(table_path(cache.out, t).is_file() for t in (*DOCUMENT_TABLES, "errors"))
    if digest != cache.state(_TABLES_KEY) or not complete:
        writing = time.perf_counter()
        errors: list[tuple[Any, ...]] = list(problem_rows)
        report.rows = write_tables(cache.out, _documents(ordered, prints, cache, failed, errors, progress))
        errors.sort(key=lambda row: (row[0], row[1] or ""))
        report.rows["errors"] = write_table(cache.out, "errors", errors)
        report.written = True
        report.write_seconds = time.perf_counter() - writing
        cache.set_state(_TABLES_KEY, None if failed else digest)  # a worker that died: try it again next time
    else:
        report.rows = _row_counts(cache.out)
    report.documents = report.rows.get("documents", 0)
    report.errors = report.rows.get("errors", 0)
    cache.keep_only(prints.values())
    cache.save_file_hashes(hashes.known, prints)
    cache.set_state(_MANIFEST_KEY, json.dumps(prints, ensure_ascii=False, sort_keys=True))
    if near:
        _near_duplicates(cache, lazy, report, digest, threshold, progress)


def _process(engine: Engine, tasks: list[Task], prints: dict[str, str], cache: RunCache, report: RunReport,
             failed: dict[str, tuple[Any, ...]], progress: bool) -> None:
    batch: list[tuple[str, str, str, bytes | None, tuple[Any, ...] | None]] = []
    last = time.monotonic()
    with _progress(progress, len(tasks), "documents", "doc") as bar:
        for task, result, failure in engine.imap_unordered(process, tasks):
            if failure is not None:  # not cached: the next run tries the file again
                failed[task.relpath] = (task.relpath, task.doc, "WorkerDied", f"{task.relpath}: {failure}",
                                        task.sha256, task.bytes)
            else:
                assert isinstance(result, Result)
                batch.append((prints[task.relpath], task.doc, task.relpath, result.payload, result.error))
                report.chars += result.chars
                report.worker_seconds += result.seconds
                report.peak_rss = max(report.peak_rss, result.peak_rss)
            report.processed += 1
            bar.update(1)
            if len(batch) >= _COMMIT_EVERY or time.monotonic() - last > _COMMIT_SECONDS:
                cache.put(batch)
                batch, last = [], time.monotonic()
    cache.put(batch)


def _documents(ordered: list[Source], prints: dict[str, str], cache: RunCache, failed: dict[str, tuple[Any, ...]],
               errors: list[tuple[Any, ...]], progress: bool) -> Iterator[dict[str, Any]]:
    """Each readable document's rows in id order; the error rows of the others go to ``errors``."""
    for source in _bar(ordered, progress, "tables", "doc"):
        if source.relpath in failed:
            errors.append(failed[source.relpath])
            continue
        payload, error = cache.get(prints[source.relpath])
        if payload is None:
            errors.append(tuple(error or ()))
        else:
            yield decode_arrow(payload)


def _row_counts(out: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {t: pq.ParquetFile(table_path(out, t)).metadata.num_rows for t in TABLES
            if table_path(out, t).is_file()}


def _near_duplicates(cache: RunCache, lazy: _Lazy, report: RunReport, digest: str, threshold: float,
                     progress: bool) -> None:
    from qqtext.batch.lsh import near_duplicate_rows

    key = json.dumps([digest, threshold])
    path = table_path(cache.out, "near_duplicates")
    if cache.state(_NEAR_KEY) == key and path.is_file():
        report.near_duplicates = report.rows.get("near_duplicates", _row_counts(cache.out).get("near_duplicates"))
        return
    import pyarrow.parquet as pq

    articles = pq.read_table(table_path(cache.out, "articles"), columns=["doc", "id", "text"])
    rows = near_duplicate_rows(articles.column("doc").to_pylist(), articles.column("id").to_pylist(),
                               articles.column("text").to_pylist(), engine=lazy.get(), threshold=threshold,
                               progress=progress)
    report.near_duplicates = report.rows["near_duplicates"] = write_table(cache.out, "near_duplicates", rows)
    cache.set_state(_NEAR_KEY, key)


def _bar(iterable, progress: bool, desc: str, unit: str):
    if not progress:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, unit=unit, leave=False, file=sys.stderr, mininterval=0.5)


def _progress(progress: bool, total: int, desc: str, unit: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, disable=not progress, file=sys.stderr, mininterval=0.5,
                dynamic_ncols=True)

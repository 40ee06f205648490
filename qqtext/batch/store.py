"""The output folder of a corpus run: its cache of per-document rows and its Parquet tables.

:class:`RunCache` is an SQLite file in the output folder (:data:`CACHE_FILE`) that keeps, for every
document processed, its rows (compressed, keyed by the document's *fingerprint*: its content hash,
id, metadata, the input limits and the code that made the rows), the file hashes of the last run
(so an unchanged file is not even re-hashed), and a digest of what the tables now hold. A re-run
processes only the files whose fingerprint is not in the cache, writes results as they arrive (an
interrupted run keeps the work done), and drops the rows of files that are gone.

:func:`write_tables` writes every table as one Parquet file, ``OUT/<table>.parquet`` (schemas in
:mod:`qqtext.batch.schema`), streaming the documents in id order a batch of rows at a time, so the
files are the same, byte for byte, whatever the number of workers or the order the results came
in. Each file is written whole or not at all (:func:`qqtext.outputs.atomic_open`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from qqtext.batch.schema import DOCUMENT_TABLES, arrow_schema
from qqtext.outputs import OutputError, atomic_open

__all__ = ["CACHE_FILE", "RunCache", "write_tables", "write_table", "table_path", "ROW_GROUP_ROWS"]

#: The cache's file name inside the output folder.
CACHE_FILE = ".qqtext-corpus.sqlite"
#: Rows per Parquet row group (a batch of the streaming writer).
ROW_GROUP_ROWS = 65_536
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE IF NOT EXISTS results (fingerprint TEXT PRIMARY KEY, doc TEXT, path TEXT, payload BLOB, error TEXT);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT);
"""


def table_path(out: str | Path, table: str) -> Path:
    """Where ``table`` is written in the output folder ``out``."""
    return Path(out) / f"{table}.parquet"


class RunCache:
    """The SQLite cache of an output folder (see the module documentation).

    Raises:
        OutputError: the folder cannot be made or the cache cannot be opened or written.
    """

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.path = self.out / CACHE_FILE
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.executescript(_SCHEMA)
        except OSError as error:
            raise OutputError(error.filename or self.out, error.strerror or str(error), error.errno) from None
        except sqlite3.Error as error:
            raise OutputError(self.path, f"cannot open the run's cache: {error}") from None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._db:
                yield self._db
        except sqlite3.Error as error:
            raise OutputError(self.path, str(error)) from None

    def file_hashes(self) -> dict[str, tuple[int, int, str]]:
        """``{relpath: (size, mtime_ns, sha256)}`` of the last run."""
        return {path: (size, mtime, sha) for path, size, mtime, sha in self._db.execute("SELECT * FROM files")}

    def save_file_hashes(self, known: Mapping[str, tuple[int, int, str]], keep: Iterable[str]) -> None:
        """Keep the hashes of the files ``keep`` (the files now in the corpus), drop the others."""
        rows = [(path, *known[path]) for path in keep if path in known]
        with self._writing() as db:
            db.execute("DELETE FROM files")
            db.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", rows)

    def cached(self) -> set[str]:
        """The fingerprints with rows in the cache."""
        return {row[0] for row in self._db.execute("SELECT fingerprint FROM results")}

    def put(self, results: Sequence[tuple[str, str, str, bytes | None, tuple[Any, ...] | None]]) -> None:
        """Store ``(fingerprint, doc, relpath, payload, error_row)`` results."""
        rows = [(fp, doc, path, payload, None if error is None else json.dumps(list(error), ensure_ascii=False))
                for fp, doc, path, payload, error in results]
        with self._writing() as db:
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", rows)

    def get(self, fingerprint: str) -> tuple[bytes | None, list[Any] | None]:
        """``(payload, error_row)`` of a cached fingerprint.

        Raises:
            KeyError: it is not in the cache.
        """
        row = self._db.execute("SELECT payload, error FROM results WHERE fingerprint = ?", (fingerprint,)).fetchone()
        if row is None:
            raise KeyError(fingerprint)
        return row[0], (None if row[1] is None else json.loads(row[1]))

    def keep_only(self, fingerprints: Iterable[str]) -> int:
        """Drop every cached result not in ``fingerprints`` (files removed or changed); return how many."""
        wanted = set(fingerprints)
        gone = [(fp,) for fp in self.cached() - wanted]
        with self._writing() as db:
            db.executemany("DELETE FROM results WHERE fingerprint = ?", gone)
        return len(gone)

    def state(self, key: str) -> str | None:
        """A value saved with :meth:`set_state`."""
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_state(self, key: str, value: str | None) -> None:
        """Save (or, with ``None``, forget) a value."""
        with self._writing() as db:
            if value is None:
                db.execute("DELETE FROM state WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def close(self) -> None:
        """Close the database."""
        self._db.close()


class _TableWriter:
    """One table's Parquet file, written a row group (about :data:`ROW_GROUP_ROWS` rows) at a time."""

    def __init__(self, table: str, handle) -> None:
        import pyarrow.parquet as pq

        self.table = table
        self.schema = arrow_schema(table)
        self.parts: list[Any] = []
        self.pending = 0
        self.count = 0
        self._writer = pq.ParquetWriter(handle, self.schema, compression="zstd")

    def append(self, data) -> None:
        """Add a :class:`pyarrow.Table` of rows."""
        if data.num_rows:
            self.parts.append(data)
            self.pending += data.num_rows
        if self.pending >= ROW_GROUP_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self.parts:
            return
        data = pa.concat_tables(self.parts).combine_chunks()
        self._writer.write_table(data, row_group_size=max(self.pending, 1))
        self.count += self.pending
        self.parts, self.pending = [], 0

    def close(self) -> None:
        self.flush()
        self._writer.close()


def write_tables(out: str | Path, documents: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Write every table of :data:`~qqtext.batch.schema.DOCUMENT_TABLES` to ``out``.

    Args:
        out: the output folder.
        documents: each document's tables (:func:`qqtext.batch.extract.decode_arrow`), in the order
            the tables are to have them (the run gives them in document id order).

    Returns:
        ``{table: rows written}``.

    Raises:
        OutputError: a table cannot be written (nothing of that table is left half written).
    """
    with contextlib.ExitStack() as stack:
        writers = {}
        for table in DOCUMENT_TABLES:
            handle = stack.enter_context(atomic_open(table_path(out, table), "wb"))
            writers[table] = _TableWriter(table, handle)
        for tables in documents:
            for table, writer in writers.items():
                writer.append(tables[table])
        for writer in writers.values():
            writer.close()
        return {table: writer.count for table, writer in writers.items()}


def write_table(out: str | Path, table: str, rows: Sequence[Sequence[Any]]) -> int:
    """Write one table from its rows (values in column order); return the number of rows."""
    import pyarrow as pa

    from qqtext.batch.schema import arrow_columns

    with atomic_open(table_path(out, table), "wb") as handle:
        writer = _TableWriter(table, handle)
        writer.append(pa.Table.from_arrays(arrow_columns(table, rows), schema=writer.schema))
        writer.close()
    return len(rows)

"""Corpus scale: a folder of thousands of documents into Parquet tables, on one machine or a Dask cluster.

``qqtext corpus DIR -o OUT`` (:func:`build_corpus`) reads every supported file under ``DIR``,
parses and extracts each one, and writes the tables of :data:`~qqtext.batch.schema.TABLES` to
``OUT/<table>.parquet``, readable with pandas, DuckDB and Polars. Modules, one job each:

=================  ==============================================================================
``files.py``       which files, their ids and metadata (``metadata.toml``), content hashes
``extract.py``     one document's rows of every table (the workers' unit of work)
``engine.py``      where the work runs: this process, worker processes, Dask distributed
``store.py``       the output folder: the cache of per-document rows, the Parquet writer
``run.py``         the run: what changed, process it, write the tables
``lsh.py``         near-duplicate articles over the tables (MinHash LSH) on the same engine
``schema.py``      every table's columns, types and meanings (docs/corpus-tables.md)
=================  ==============================================================================

>>> import tempfile, pathlib, pandas as pd
>>> folder, out = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("第一条 机关单位工作人员不得接受礼品。", encoding="utf-8")
>>> report = build_corpus(folder, out, jobs=1, progress=False)
>>> report.documents, report.errors, pd.read_parquet(out / "norms.parquet")["deontic"].tolist()
(1, 0, ['prohibition'])
>>> build_corpus(folder, out, jobs=1, progress=False).written   # nothing changed: nothing rewritten
False
"""

from qqtext.batch.engine import Engine, SchedulerError, open_engine
from qqtext.batch.run import RunReport, build_corpus
from qqtext.batch.schema import TABLES, arrow_schema
from qqtext.batch.store import table_path

__all__ = ["build_corpus", "RunReport", "TABLES", "arrow_schema", "table_path", "open_engine", "Engine",
           "SchedulerError"]

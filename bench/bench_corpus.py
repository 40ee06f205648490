"""Benchmark: `qqtext corpus` on the real 3,428-law corpus (../shared/lawrefbook, 19.8 M characters).

Goals on this 2-core machine: the whole corpus in under 5 minutes, peak memory under 2 GB per worker,
a no-change re-run under 10 s. Printed: documents/s and characters/s with --jobs 1 and --jobs 2, the
peak memory of a worker and of the main process, the re-run with 1 % of the files changed, the
no-change re-run, MinHash LSH over every article, where a worker's time goes (read, parse, norms,
the rest, on a sample), and a projection for 1,000,000 documents on 32 workers from the measured
per-document cost.

    python bench/bench_corpus.py [--sample N] [--skip-jobs1] [--keep DIR]

The laws are written out as Markdown files under their LawRefBook paths (folders within folders)
in a temporary folder first (not timed). Without ../shared/lawrefbook (a user's clone) the script
says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAWS = Path(os.environ.get("QQTEXT_LAWREFBOOK", REPO.parent / "shared" / "lawrefbook")) / "laws.jsonl.xz"
GB = 1024**3


def write_corpus(folder: Path, sample: int | None) -> tuple[int, int]:
    with lzma.open(LAWS, "rt", encoding="utf-8") as handle:
        laws = [json.loads(line) for line in handle]
    if sample:
        laws = random.Random(12).sample(laws, sample)
    chars = 0
    for law in laws:
        path = folder / law["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(law["text"], encoding="utf-8")
        chars += len(law["text"])
    return len(laws), chars


def run(folder: Path, out: Path, jobs: int, near: bool = False):
    from qqtext.batch.run import build_corpus

    return build_corpus(folder, out, jobs=jobs, near_duplicates=near, progress=False)


def line(label: str, report, docs: int, chars: int) -> None:
    print(f"{label:<26} {report.seconds:7.1f} s  {docs / report.seconds:7.1f} docs/s  "
          f"{chars / report.seconds:10,.0f} chars/s  worker peak {report.peak_rss / GB:.2f} GB  "
          f"({report.documents} documents, {report.errors} errors)")


def identical(a: Path, b: Path) -> bool:
    from qqtext.batch.schema import TABLES

    return all((a / f"{t}.parquet").read_bytes() == (b / f"{t}.parquet").read_bytes()
               for t in TABLES if (a / f"{t}.parquet").is_file() and t != "near_duplicates")


def stage_profile(folder: Path, count: int) -> dict[str, float]:
    """Seconds per step over ``count`` files, in this process (read, parse, then document_rows' steps)."""
    from qqtext.batch.extract import Task, document_rows, encode_tables
    from qqtext.parse import parse_text
    from qqtext.read import read_text

    files = sorted(folder.rglob("*.md"))
    files = random.Random(3).sample(files, min(count, len(files)))
    spent: dict[str, float] = {"read": 0.0, "parse": 0.0}
    for path in files:
        t0 = time.perf_counter()
        text = read_text(path)
        t1 = time.perf_counter()
        doc = parse_text(text, doc_id="d", source_name=path.name)
        spent["read"] += t1 - t0
        spent["parse"] += time.perf_counter() - t1
        rows = document_rows(doc, Task(str(path), path.name, "d", {}, None, 0), timings=spent)
        t2 = time.perf_counter()
        encode_tables(rows)
        spent["encode"] = spent.get("encode", 0.0) + time.perf_counter() - t2
    return spent


def table_rows(out: Path, table: str) -> list[tuple]:
    import pyarrow.parquet as pq

    data = pq.read_table(out / f"{table}.parquet")
    return list(zip(*(data.column(name).to_pylist() for name in data.column_names)))


def lsh_baseline(out: Path, *, near_rows: list[tuple]) -> tuple[bool, float]:
    """``qqtext.compare.scale.minhash_pairs`` over the units of the articles table, timed; same pairs?"""
    from types import SimpleNamespace

    import pyarrow.parquet as pq

    from qqtext.compare.scale import minhash_pairs

    articles = pq.read_table(out / "articles.parquet", columns=["doc", "id", "text"])
    docs: dict[str, list] = {}
    for doc, unit, text in zip(*(articles.column(c).to_pylist() for c in ("doc", "id", "text"))):
        docs.setdefault(doc, []).append(SimpleNamespace(id=unit, text=text))
    corpus = [SimpleNamespace(articles=units) for units in docs.values()]  # what minhash_pairs reads of a Document
    started = time.perf_counter()
    pairs = minhash_pairs(corpus, progress=False)
    seconds = time.perf_counter() - started
    return [(p.a_id, p.b_id, p.jaccard) for p in pairs] == [(r[1], r[3], r[4]) for r in near_rows], seconds


def parallel_efficiency() -> float:
    """How much two processes of pure-Python work get done at once, against one (2.0: two real cores)."""
    import multiprocessing

    started = time.perf_counter()
    _burn(3_000_000)
    alone = time.perf_counter() - started
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [10, 10])  # started
        started = time.perf_counter()
        pool.map(_burn, [3_000_000, 3_000_000])
        both = time.perf_counter() - started
    return 2 * alone / both


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, help="only this many laws (default: all 3,428)")
    parser.add_argument("--skip-jobs1", action="store_true", help="do not time --jobs 1 (saves some minutes)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    if not LAWS.is_file():
        print(f"bench_corpus: {LAWS} is not there (only developers and CI have it); nothing to measure")
        return 0
    warnings.simplefilter("ignore")
    work = args.keep or Path(tempfile.mkdtemp(prefix="qqtext-bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = work / "laws"
    if folder.exists():
        shutil.rmtree(folder)
    docs, chars = write_corpus(folder, args.sample)
    print(f"workload: {docs:,} laws, {chars:,} characters, in {folder} ({os.cpu_count()} cores)")
    print(f"two processes of pure-Python work run {parallel_efficiency():.2f} times as fast as one on this machine "
          f"(2.00 would be two cores of their own)")
    try:
        results = {}
        for jobs in ((2,) if args.skip_jobs1 else (1, 2)):
            out = work / f"out-jobs{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            results[jobs] = report = run(folder, out, jobs)
            line(f"--jobs {jobs} (all new)", report, docs, chars)
            cost = report.worker_seconds / max(report.processed, 1)
            print(f"{'':<26} per document: {cost * 1000:.0f} ms of worker time; writing the tables "
                  f"{report.write_seconds:.1f} s")
        if 1 in results:
            print(f"tables of --jobs 1 and --jobs 2 identical, byte for byte: {identical(work / 'out-jobs1', work / 'out-jobs2')}")
        out = work / "out-jobs2"
        again = run(folder, out, 2)
        print(f"no-change re-run          {again.seconds:7.2f} s  (aim < 10 s; tables rewritten: {again.written})")
        files = sorted(folder.rglob("*.md"))
        changed = random.Random(5).sample(files, max(1, len(files) // 100))
        for path in changed:
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\n本条例由本级人民代表大会常务委员会负责解释。\n")
        partly = run(folder, out, 2)
        print(f"re-run, 1 % changed       {partly.seconds:7.2f} s  ({partly.changed} changed files read, "
              f"{partly.rows.get('norms', 0):,} norm rows written)")
        started = time.perf_counter()
        near = run(folder, out, 2, near=True)
        lsh = time.perf_counter() - started
        articles = near.rows.get("articles", 0)
        print(f"near duplicates (LSH)     {lsh:7.1f} s  over {articles:,} articles and sections: "
              f"{near.near_duplicates:,} pairs with Jaccard >= 0.7 (2 worker processes)")
        main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # this process: its own peak
        print(f"peak memory: worker {max(r.peak_rss for r in results.values()) / GB:.2f} GB, main process "
              f"{main_peak / GB:.2f} GB (aim < 2 GB; the main process also ran --jobs 1 itself, and the LSH's "
              f"bucketing)")
        same, baseline = lsh_baseline(out, near_rows=table_rows(out, "near_duplicates"))
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"minhash_pairs (one process, the same units) {baseline:7.1f} s: the same pairs: {same}; "
              f"ratio {baseline / lsh:.2f} (its peak: {after / GB:.2f} GB, this process)")
        spent = stage_profile(folder, 200)
        total = sum(spent.values())
        print("where a worker's time goes (200 laws, one process): "
              + ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in spent.items()))
        base = results.get(1, results[2])
        per_doc = base.worker_seconds / max(base.processed, 1)
        projected = 1_000_000 * per_doc / 32
        write = results[2].write_seconds * 1_000_000 / docs
        print(f"projection, 1,000,000 documents on 32 workers: {per_doc * 1000:.0f} ms per document on one unshared "
              f"core (--jobs {1 if 1 in results else 2}, mean document {chars / docs:,.0f} characters) x 1,000,000 / 32 "
              f"= {projected / 60:.0f} min of processing if each worker has a core of its own, plus writing the "
              f"tables on the client: {results[2].write_seconds:.1f} s for {docs:,} documents here, so about "
              f"{write / 60:.0f} min at 1,000,000 (it grows linearly), i.e. about {(projected + write) / 3600:.1f} h")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: near-duplicate article pairs in a 1,000-document synthetic corpus with MinHash LSH.

Aims (issue "Scale"): the whole 1,000-document run in under 60 s and 2 GB on a 2-core machine, and
LSH recall >= 0.99 of the pairs that exhaustive comparison finds above the same threshold.

    python bench/bench_compare.py [--docs 1000] [--subset 120] [--threshold 0.7] [--seed 1]
                                  [--num-perm 128] [--k 3] [--full-exhaustive] [--k-report]
                                  [--no-progress]

Defaults: 1,000 synthetic documents (``--docs``) built with ``--seed 1`` from every real text of
../shared/corpus (or $QQTEXT_SHARED_CORPUS; else the shipped corpus); Jaccard threshold 0.7 on
character 3-grams; 128 permutations. The exhaustive comparison runs on the first ``--subset``
documents (120 by default: about 4,500 articles, 10 million article pairs) of the same corpus,
and with ``--full-exhaustive`` on all of them as well. ``--k-report`` adds how the shingle length
changes what the threshold catches (the measurements behind k = 3).

Times are wall-clock seconds. Memory is the peak resident set size of the whole process
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) after each step, so it includes the corpus itself.
Results go to stdout as plain lines; progress bars go to stderr.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AIM_SECONDS = 60.0
AIM_MB = 2048.0
AIM_RECALL = 0.99


def source_paths() -> list[Path]:
    shared = Path(os.environ.get("QQTEXT_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
    files = sorted(p for p in shared.glob("*") if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    return files or sorted((REPO / "corpus").glob("*.txt"))


def peak_mb() -> float:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="synthetic documents (default 1000)")
    parser.add_argument("--subset", type=int, default=120,
                        help="first documents compared exhaustively (default 120)")
    parser.add_argument("--threshold", type=float, default=0.7, help="Jaccard threshold (default 0.7)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus (default 1)")
    parser.add_argument("--num-perm", type=int, default=128, help="MinHash permutations (default 128)")
    parser.add_argument("--k", type=int, default=None, help="shingle length (default qqtext's SHINGLE_K, 3)")
    parser.add_argument("--full-exhaustive", action="store_true",
                        help="also compare all pairs of the whole corpus and give LSH's recall there")
    parser.add_argument("--k-report", action="store_true",
                        help="also show, for k = 2..5, how many same-origin pairs the threshold catches")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    args = parser.parse_args(argv)

    from qqtext.compare.scale import (
        SHINGLE_K,
        exhaustive_pairs,
        lsh_params,
        minhash_pairs,
        recall,
        synthetic_corpus,
        synthetic_origins,
    )
    from qqtext.corpus import load_document

    k = args.k or SHINGLE_K
    progress = not args.no_progress
    bands, rows = lsh_params(args.threshold, args.num_perm)
    print(f"bench_compare: seed {args.seed}, threshold {args.threshold}, k {k}, num_perm {args.num_perm}, "
          f"LSH {bands} bands x {rows} rows, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sources = [load_document(path) for path in source_paths()]
    print(f"sources: {len(sources)} real texts, {sum(1 for d in sources if d.articles)} with 第X条 articles, "
          f"{sum(len(d.articles) for d in sources)} articles")

    start = time.perf_counter()
    docs = synthetic_corpus(sources, n_docs=args.docs, seed=args.seed)
    build = time.perf_counter() - start
    articles = [a for d in docs for a in d.articles]
    print(f"corpus: {len(docs)} documents, {len(articles)} articles, "
          f"{sum(len(a.text) for a in articles)} characters of article text, "
          f"{sum(len(d.text) for d in docs)} characters in all; built and parsed in {build:.1f} s; "
          f"peak RSS {peak_mb():.0f} MB")

    stats: dict[str, int] = {}
    start = time.perf_counter()
    pairs = minhash_pairs(docs, threshold=args.threshold, num_perm=args.num_perm, k=k, progress=progress,
                          stats=stats)
    lsh_time = time.perf_counter() - start
    lsh_peak = peak_mb()
    print(f"LSH, all {len(docs)} documents: {lsh_time:.1f} s (aim < {AIM_SECONDS:.0f} s: "
          f"{verdict(lsh_time < AIM_SECONDS)}); corpus build + LSH {build + lsh_time:.1f} s "
          f"({verdict(build + lsh_time < AIM_SECONDS)}); peak RSS {lsh_peak:.0f} MB "
          f"(aim < {AIM_MB:.0f} MB: {verdict(lsh_peak < AIM_MB)})")
    print(f"  {stats['pairs']} pairs >= {args.threshold}; {stats['distinct_sets']} distinct shingle sets "
          f"indexed; {stats['candidates']} candidate pairs of distinct sets verified, {stats['verified']} kept")

    subset = docs[: args.subset]
    n_sub = sum(len(d.articles) for d in subset)
    start = time.perf_counter()
    exact = exhaustive_pairs(subset, threshold=args.threshold, k=k, progress=progress)
    exact_time = time.perf_counter() - start
    start = time.perf_counter()
    approx = minhash_pairs(subset, threshold=args.threshold, num_perm=args.num_perm, k=k, progress=progress)
    approx_time = time.perf_counter() - start
    sub_recall = recall(approx, exact)
    extra = len(set(approx) - set(exact))
    print(f"subset: first {len(subset)} documents, {n_sub} articles, {n_sub * (n_sub - 1) // 2} article pairs")
    print(f"  exhaustive: {exact_time:.2f} s, {len(exact)} pairs >= {args.threshold}")
    print(f"  LSH:        {approx_time:.2f} s, {len(approx)} pairs >= {args.threshold}")
    print(f"  time ratio exhaustive / LSH: {exact_time / approx_time:.2f}")
    print(f"  LSH recall against exhaustive: {sub_recall:.4f} (aim >= {AIM_RECALL}: "
          f"{verdict(sub_recall >= AIM_RECALL)}); LSH pairs not found exhaustively (should be 0): {extra}")
    print(f"peak RSS of the whole run so far: {peak_mb():.0f} MB")

    if args.full_exhaustive:
        start = time.perf_counter()
        exact_all = exhaustive_pairs(docs, threshold=args.threshold, k=k, progress=progress)
        full_time = time.perf_counter() - start
        full_recall = recall(pairs, exact_all)
        missed = sorted(set(exact_all) - set(pairs))
        print(f"exhaustive, all {len(docs)} documents: {full_time:.1f} s, {len(exact_all)} pairs; "
              f"time ratio exhaustive / LSH {full_time / lsh_time:.2f}; LSH recall {full_recall:.6f} "
              f"({len(missed)} missed, Jaccard {', '.join(f'{p.jaccard:.3f}' for p in missed[:10]) or '-'}); "
              f"LSH pairs not found exhaustively: {len(set(pairs) - set(exact_all))}; "
              f"peak RSS {peak_mb():.0f} MB")

    if args.k_report:
        origins = synthetic_origins(subset)
        by_source: dict[str, list[str]] = defaultdict(list)
        for article_id, origin in origins.items():
            by_source[origin.source_id].append(article_id)
        same = {tuple(sorted(p)) for group in by_source.values() for p in itertools.combinations(group, 2)}
        edited = {p for p in same if origins[p[0]].edits or origins[p[1]].edits}
        print(f"k report on the subset ({len(same)} pairs of articles copied from the same source article, "
              f"{len(edited)} of them with at least one edited copy):")
        for k_try in (2, 3, 4, 5):
            found = {tuple(sorted(p[:2])) for p in
                     exhaustive_pairs(subset, threshold=args.threshold, k=k_try, progress=False)}
            print(f"  k={k_try}: {len(found)} pairs >= {args.threshold}; same-origin pairs caught "
                  f"{len(found & same) / len(same):.3f} (edited {len(found & edited) / len(edited):.3f}); "
                  f"share of pairs found that share an origin {len(found & same) / max(1, len(found)):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

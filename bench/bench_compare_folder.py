"""Benchmark: the Jinan measures against 3,000 laws, best candidates per article (`qqtext compare A FOLDER`).

Aim (issue 13): A against 3,000 documents in under a minute on this (2-core) machine.

    python bench/bench_compare_folder.py [--docs 3000] [--top 3] [--workers N] [--seed 13]

Writes ``--docs`` laws of ``../shared/lawrefbook/laws.jsonl.xz`` as Markdown files into a temporary
folder (a seeded sample, always with the national 优化营商环境条例 2019), then times
:func:`qqtext.compare.candidates.rank_candidates` of the Jinan 2019 measures against that folder, as
the command runs it: every file read, parsed, cut into words and scored, in one process per CPU by
default. Prints the wall-clock time, the peak resident memory of this process and of the largest
worker, and where the known national counterparts of Jinan 第五条, 第七条 and 第十条 rank among the
candidates of all documents.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from qqtext.compare.candidates import rank_candidates  # noqa: E402
from qqtext.corpus import load_document  # noqa: E402

LAWREFBOOK = Path(os.environ.get("QQTEXT_LAWREFBOOK", REPO.parent / "shared" / "lawrefbook" / "laws.jsonl.xz"))
NATIONAL = "行政法规/优化营商环境条例(2019-10-22).md"
KNOWN = [(5, 62, "听取企业意见"), (7, 14, "不得违法冻结"), (10, 37, "一网通办")]
AIM_SECONDS = 60.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000, help="laws in the folder (default 3000)")
    parser.add_argument("--top", type=int, default=3, help="candidates per article (default 3)")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: one per CPU)")
    parser.add_argument("--seed", type=int, default=13, help="seed of the sample of laws (default 13)")
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_file():
        print(f"bench_compare_folder: no corpus at {LAWREFBOOK} (it is beside the repository for developers)",
              file=sys.stderr)
        return 2
    with lzma.open(LAWREFBOOK, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    national = next(k for k, r in enumerate(records) if r["path"] == NATIONAL)
    rng = np.random.default_rng(args.seed)
    others = [k for k in range(len(records)) if k != national]
    picked = sorted([national] + [int(k) for k in rng.choice(others, size=min(args.docs, len(records)) - 1,
                                                             replace=False)])
    chars = sum(len(records[k]["text"]) for k in picked)
    jinan = load_document("jinan-2019")
    with tempfile.TemporaryDirectory(prefix="qqtext-folder-") as folder:
        for k in picked:
            name = "national-2019.md" if k == national else f"law-{k:04d}.md"
            (Path(folder) / name).write_text(records[k]["text"], encoding="utf-8")
        print(f"folder: {len(picked)} laws, {chars / 1e6:.1f} M characters; A: jinan-2019 ({len(jinan.articles)} articles)")
        cpu_before = sum(getattr(resource.getrusage(who), field)
                         for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for field in ("ru_utime", "ru_stime"))
        load = os.getloadavg()[0]
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matches = rank_candidates(jinan, folder, top=args.top, workers=args.workers)
        seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cpu = sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for field in ("ru_utime", "ru_stime")) - cpu_before
    workers = args.workers or os.cpu_count() or 1
    verdict = "ok" if seconds < AIM_SECONDS else "MISSED"
    print(f"rank_candidates, {workers} worker(s): {seconds:.1f} s wall-clock (aim < {AIM_SECONDS:.0f} s: {verdict}), "
          f"{cpu:.0f} CPU seconds in all (load average {load:.1f} before the run: other work on the machine slows "
          f"the wall clock); peak memory {own:.0f} MB here, {children:.0f} MB in the largest worker")
    print(f"{len(matches)} candidates; known national counterparts among the top {args.top} of all {len(picked)} laws:")
    for article, target, what in KNOWN:
        mine = [m for m in matches if m.a_article == article]
        ranks = [m.rank for m in mine if m.b_doc == "national-2019" and m.b_article == target]
        top = "; ".join(f"{m.b_title} {m.b_heading} {m.score:.2f}" for m in mine)
        print(f"  第{article}条 -> 国家条例第{target}条 ({what}): "
              f"{'rank ' + str(ranks[0]) if ranks else 'not in the top ' + str(args.top)}   [{top}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())

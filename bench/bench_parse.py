"""Benchmark: structure parsing throughput vs jieba, and the cold start of `qqtext parse`.

Prints figures and ratios (targets: parsing >= 10x jieba.lcut's throughput on the same text; a cold
`qqtext parse jinan-2019` under 1 s, with jieba never imported on that path).

    python bench/bench_parse.py [--mb 5] [--repeat 5] [--rounds 3]

Texts: every file of ../shared/corpus (or $QQTEXT_SHARED_CORPUS), else the shipped corpus, repeated
until the total reaches --mb megabytes of UTF-8.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus_texts() -> list[str]:
    shared = Path(os.environ.get("QQTEXT_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
    files = sorted(p for p in shared.glob("*") if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    if not files:
        files = sorted((REPO / "corpus").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


def workload(megabytes: float) -> list[str]:
    base = corpus_texts()
    texts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for text in base:
            texts.append(text)
            size += len(text.encode("utf-8"))
    return texts


def time_parse(texts: list[str]) -> float:
    from qqtext.parse import parse_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for number, text in enumerate(texts):
            parse_text(text, doc_id=f"bench-{number}")
        return time.perf_counter() - start


def time_jieba(texts: list[str]) -> float:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # the dictionary load is not counted
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start


def cold_start(repeat: int) -> tuple[float, bool]:
    exe = shutil.which("qqtext", path=str(Path(sys.executable).parent)) or "qqtext"
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([exe, "parse", "jinan-2019"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys, io, contextlib\nfrom qqtext.cli import main\n"
         "with contextlib.redirect_stdout(io.StringIO()): main(['parse', 'jinan-2019'])\n"
         "print('jieba' in sys.modules, 'pandas' in sys.modules)"],
        check=True, capture_output=True, text=True,
    )
    return statistics.median(times), probe.stdout.split()[0] == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the workload in MB (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="cold-start runs (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each throughput run, best kept (default 3)")
    args = parser.parse_args()

    texts = workload(args.mb)
    chars = sum(map(len, texts))
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"workload: {len(texts)} documents, {chars:,} characters, {megabytes:.1f} MB UTF-8")
    # best of --rounds: the least disturbed run is the closest to the code's own cost
    parse_seconds = min(time_parse(texts) for _ in range(args.rounds))
    jieba_seconds = min(time_jieba(texts) for _ in range(args.rounds))
    parse_rate, jieba_rate = chars / parse_seconds, chars / jieba_seconds
    print(f"structure parse : {parse_seconds:7.2f} s  {parse_rate:12,.0f} chars/s")
    print(f"jieba.lcut      : {jieba_seconds:7.2f} s  {jieba_rate:12,.0f} chars/s")
    print(f"ratio parse/jieba: {parse_rate / jieba_rate:.1f}x (target >= 10x)")
    median, jieba_loaded = cold_start(args.repeat)
    print(f"cold start `qqtext parse jinan-2019`: median {median:.3f} s over {args.repeat} runs (target < 1 s)")
    print(f"jieba imported on the parse path: {'YES (bad)' if jieba_loaded else 'no'}")


if __name__ == "__main__":
    main()

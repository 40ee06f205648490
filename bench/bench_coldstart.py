"""Benchmark: the cold start of `qqtext norms` and `qqtext graph` against `qqtext parse` on one document.

Each command runs as a fresh process (what a user waits for at the prompt), with the segmenter's
lexicon already in the per-user cache (it is built once, on the first run after install). Prints the
median wall time of each and the ratios to `qqtext parse` (target: norms and graph under 3x parse),
then the one-time cost of building the lexicon into an empty cache folder.

    python bench/bench_coldstart.py [--runs 7] [--doc jinan-2019]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qqtext.cli", *argv], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--doc", default="jinan-2019")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install keeps its compiled modules
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        commands = {
            "parse": ["parse", args.doc, "-o", str(out / "doc.json")],
            "norms": ["norms", args.doc, "-o", str(out / "norms.csv"), "--format", "csv"],
            "graph": ["graph", args.doc, "-o", str(out / "graph.json")],
        }
        run(commands["norms"], env)  # make sure the lexicon is in the user's cache
        medians = {}
        for name, argv in commands.items():
            times = sorted(run(argv, env) for _ in range(args.runs))
            medians[name] = statistics.median(times)
            print(f"qqtext {name:6} {args.doc}: median {medians[name]:.3f} s (min {times[0]:.3f}, max {times[-1]:.3f}, {args.runs} runs)")
        for name in ("norms", "graph"):
            ratio = medians[name] / medians["parse"]
            print(f"{name} / parse: {ratio:.2f}x (target < 3x) {'ok' if ratio < 3 else 'ABOVE TARGET'}")
        cold = {**env, "QQTEXT_CACHE": str(out / "empty-cache")}
        print(f"first run with an empty cache (builds the lexicon once): {run(commands['norms'], cold):.2f} s")


if __name__ == "__main__":
    main()

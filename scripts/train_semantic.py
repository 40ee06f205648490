"""Rebuild ``qqtext/data/semantic.npz``, the domain word vectors of :mod:`qqtext.compare.semantic`.

    .venv/bin/python scripts/train_semantic.py [--corpus ../shared/lawrefbook/laws.jsonl.xz]
                                               [--out qqtext/data/semantic.npz] [--seed 13]

Reads the 3,428 laws and regulations of LawRefBook (JSON lines ``{path, title, text}``, xz), parses
each with :func:`qqtext.parse.parse_text`, cuts every article into the words of
:func:`qqtext.compare.measures.tokens`, and trains :func:`qqtext.compare.semantic.train_vectors` on
them (dim 128, window 5, the 24,000 most frequent words, seed 13). The same corpus and seed give the
same file, byte for byte. Takes about three minutes on two cores (segmenting is most of it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from qqtext.compare.measures import tokens, top_units, unit_text  # noqa: E402
from qqtext.compare.semantic import train_vectors  # noqa: E402
from qqtext.errors import QqtextError  # noqa: E402
from qqtext.parse import parse_text  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "lawrefbook" / "laws.jsonl.xz"
DEFAULT_OUT = REPO / "qqtext" / "data" / "semantic.npz"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def article_tokens(corpus: Path) -> tuple[list[list[str]], int]:
    """The words of every article of every law of ``corpus``, and the number of laws read."""
    out: list[list[str]] = []
    laws = 0
    with lzma.open(corpus, "rt", encoding="utf-8") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for k, line in enumerate(handle):
            record = json.loads(line)
            try:
                doc = parse_text(record["text"], doc_id=f"law-{k}")
            except QqtextError:
                continue
            laws += 1
            out.extend(tokens(unit_text(unit)) for unit in top_units(doc))
    return out, laws


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--vocab", type=int, default=24_000)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"train_semantic: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    token_lists, laws = article_tokens(args.corpus)
    print(f"{laws} laws, {len(token_lists)} articles, {sum(map(len, token_lists)):,} words "
          f"({time.perf_counter() - start:.0f} s)")
    meta = {"corpus": "LawRefBook/Laws @2f4c5c23716267af9dbebbbbd6cbbf732b101981 (laws.jsonl.xz)",
            "corpus_sha256": sha256(args.corpus), "laws": laws}
    model = train_vectors(token_lists, dim=args.dim, window=args.window, vocab_size=args.vocab,
                          seed=args.seed, meta=meta)
    model.save(args.out)
    print(f"wrote {args.out}: {len(model.words):,} words x {model.dim} dimensions, "
          f"{args.out.stat().st_size / 1e6:.1f} MB ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: extraction (norms, duties, definitions, references) + article graph vs jieba.lcut.

Aim: extracting and building the graph is not slower than plain word segmentation of the same text.

    python bench/bench_extract.py [--rounds 3]

Texts: every file of ../shared/corpus (or $QQTEXT_SHARED_CORPUS), else the shipped corpus. Documents
are parsed before timing; the jieba dictionaries (jieba's and qqtext's) are loaded before timing; the
actor cache is cleared before every round, so each round segments everything anew.
"""

from __future__ import annotations

import argparse
import time
import warnings

from bench_parse import REPO, corpus_texts  # noqa: F401  (same workload source)


def documents():
    from qqtext.parse import parse_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [parse_text(text, doc_id=f"doc-{n}") for n, text in enumerate(corpus_texts())]


def time_extract(docs) -> float:
    from qqtext.extract import actors
    from qqtext.extract.definitions import extract_definitions
    from qqtext.extract.duties import extract_duties
    from qqtext.extract.norms import extract_norms
    from qqtext.extract.references import extract_references

    try:
        from qqtext.graph import build_graph
    except ImportError:  # the graph module may not exist yet
        build_graph = None
    actors._find_actors.cache_clear()
    start = time.perf_counter()
    for doc in docs:
        norms, duties = extract_norms(doc), extract_duties(doc)
        definitions, references = extract_definitions(doc), extract_references(doc)
        if build_graph:
            build_graph(doc, norms=norms, duties=duties, definitions=definitions, references=references)
    return time.perf_counter() - start


def time_jieba(docs) -> float:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    start = time.perf_counter()
    for doc in docs:
        jieba.lcut(doc.text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds, best kept (default 3)")
    args = parser.parse_args()
    from qqtext.extract.actors import segmenter

    segmenter()  # dictionary load not timed
    docs = documents()
    chars = sum(len(d.text) for d in docs)
    extract = min(time_extract(docs) for _ in range(args.rounds))
    jieba_seconds = min(time_jieba(docs) for _ in range(args.rounds))
    print(f"workload: {len(docs)} documents, {chars:,} characters")
    print(f"extract + graph : {extract:6.2f} s  {chars / extract:10,.0f} chars/s")
    print(f"jieba.lcut      : {jieba_seconds:6.2f} s  {chars / jieba_seconds:10,.0f} chars/s")
    print(f"ratio extract/jieba throughput: {jieba_seconds / extract:.2f} (aim >= 1.0)")


if __name__ == "__main__":
    main()

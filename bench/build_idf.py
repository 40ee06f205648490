"""Rebuild ``qqtext/data/idf.txt``, the domain IDF table the cloze generator ranks words with.

    python bench/build_idf.py [--corpus ../shared/corpus] [--out qqtext/data/idf.txt]

Method
------
* **Texts**: every file of the shared corpus (``../shared/corpus`` beside the repository, or
  ``$QQTEXT_SHARED_CORPUS``, or ``--corpus``), except ``SOURCES.md``. Each is read and parsed with
  :func:`qqtext.load_document`, so notice wrappers, Markdown metadata and headings are left out and
  only the body counts.
* **IDF documents**: one article (条) is one document; an 意见-style text with no articles gives one
  document per section (一、二、…); a preamble is one more document. Articles rather than whole
  files: the corpus has 17 files but about a thousand articles, and a word like 应当 or 企业 is in
  every file yet in a minority of articles, so article-level counts separate the words that carry an
  article's topic (公共交通工具, 诫勉, 围猎) from the words every article uses.
* **Words**: each document is cut by qqtext's private segmenter
  (:func:`qqtext.extract.actors.segmenter`: jieba's dictionary plus every actor surface form, HMM on:
  the same cut :class:`jieba.analyse.TFIDF` makes when the generator ranks a sentence). Only words of
  two or more characters holding a Chinese character or a letter are kept: jieba's TF-IDF ignores
  shorter words anyway.
* **Weight**: the smoothed inverse document frequency ``idf(w) = ln((N + 1) / (df(w) + 1)) + 1``,
  where ``N`` is the number of documents and ``df(w)`` the number holding ``w``. Words the table
  lacks get its median IDF from jieba (a word new to the domain counts as fairly specific).
* **Format**: jieba's IDF format, ``word weight`` per line (one space; no header, because jieba reads
  every line as an entry), sorted by word, weights with six decimals, UTF-8, LF. The same corpus
  gives the same bytes, so a rebuild shows no diff unless the corpus or the segmenter changed.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RE_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def corpus_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    return Path(os.environ.get("QQTEXT_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))


def units(doc) -> list[str]:
    """The IDF documents of one parsed text: its articles (or sections) and its preamble."""
    texts = [unit.text for unit in (*doc.articles, *doc.sections)]
    preamble = "\n".join(paragraph.text for paragraph in doc.preamble)
    if preamble.strip():
        texts.append(preamble)
    return texts


def document_frequencies(files: list[Path]) -> tuple[Counter[str], int]:
    from qqtext import load_document
    from qqtext.extract.actors import segmenter

    tokenizer = segmenter()
    df: Counter[str] = Counter()
    n = 0
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = load_document(path)
        for text in units(doc):
            words = {w for w in tokenizer.cut(text) if len(w) >= 2 and RE_WORD.search(w) and " " not in w}
            df.update(words)
            n += 1
    return df, n


def idf_lines(df: Counter[str], n: int) -> list[str]:
    return [f"{word} {math.log((n + 1) / (count + 1)) + 1:.6f}" for word, count in sorted(df.items())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="folder of texts (default: ../shared/corpus or $QQTEXT_SHARED_CORPUS)")
    parser.add_argument("--out", default=str(REPO / "qqtext" / "data" / "idf.txt"))
    args = parser.parse_args(argv)
    folder = corpus_dir(args.corpus)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "SOURCES.md") if folder.is_dir() else []
    if not files:
        print(f"build_idf: no texts in {folder}", file=sys.stderr)
        return 2
    df, n = document_frequencies(files)
    out = Path(args.out)
    out.write_text("\n".join(idf_lines(df, n)) + "\n", encoding="utf-8")
    print(f"{out}: {len(df)} words from {n} articles/sections of {len(files)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Helpers of tests/test_batch*.py that worker processes must be able to import (module-level, picklable)."""

from __future__ import annotations

import os
import random
from pathlib import Path

from qqtext.batch.engine import SerialEngine

JINAN = Path(__file__).resolve().parents[1] / "corpus" / "2019_jinan_qinqing-zhengshang-guanxi-shishi-banfa.txt"


def die_on_three(n: int) -> int:
    """``n * 10``, except that the worker process dies on 3 (as one killed for its memory would)."""
    if n == 3:
        os._exit(1)
    return n * 10


class ShuffledEngine(SerialEngine):
    """In this process, but the items in a seeded random order (results come back in another order)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def imap_unordered(self, fn, items, *, window=None):
        listed = list(items)
        random.Random(self.seed).shuffle(listed)
        yield from super().imap_unordered(fn, listed)


#: Set QQTEXT_MAX_TEXT_MB to this for :func:`write_corpus`'s ``bad/huge.txt`` to be over the limit.
TEXT_LIMIT_MB = "0.1"


def write_corpus(folder: Path, *, docs: int = 5) -> Path:
    """A small corpus of real and synthetic texts in nested folders, with a metadata.toml and bad files.

    ``bad/huge.txt`` (120 kB) is over the text limit when QQTEXT_MAX_TEXT_MB is :data:`TEXT_LIMIT_MB`.
    """
    import warnings

    from qqtext.compare.scale import synthetic_corpus
    from qqtext.corpus import load_document
    from make_formats import write_docx, write_html

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        synthetic = synthetic_corpus([load_document("jinan-2019")], n_docs=docs, seed=7, articles_per_doc=(6, 12))
    jinan = JINAN.read_text(encoding="utf-8")
    writers = [
        lambda: (folder / "jinan.txt").write_text(jinan, encoding="utf-8"),
        lambda: write_docx(jinan, folder / "formats" / "济南 办法.docx"),
        lambda: write_html(synthetic[0].source, folder / "formats" / "page.html"),
        lambda: (folder / "formats" / "metadata.toml").write_text(
            '[[document]]\nid = "jinan-docx"\nfile = "济南 办法.docx"\ntitle = "济南办法（Word）"\n'
            'level = "city"\nplace = "济南市"\ndate = "2019-01-04"\n', encoding="utf-8"),
        lambda: (folder / "bad" / "empty.txt").write_bytes(b""),
        lambda: (folder / "bad" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip"),
        lambda: (folder / "bad" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
        lambda: (folder / "bad" / "huge.txt").write_text("第一条 " + "企业" * 20_000 + "。", encoding="utf-8"),
        lambda: (folder / "README.md").write_text("这个文件夹的说明", encoding="utf-8"),
        lambda: (folder / ".hidden.txt").write_text("第一条 不读。", encoding="utf-8"),
        lambda: (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n"),
    ]
    for number, doc in enumerate(synthetic[1:], 1):
        writers.append(lambda n=number, d=doc: (folder / "synthetic" / f"s{n}" / f"measure-{n}.md").write_text(
            d.source, encoding="utf-8"))
    for sub in ("formats", "bad", *(f"synthetic/s{n}" for n in range(1, docs))):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for write in writers:
        write()
    return folder


def copy_shuffled(source: Path, target: Path, *, seed: int) -> Path:
    """Copy every file of ``source`` to ``target`` (same relative paths), in a seeded random order."""
    import shutil

    files = sorted(p for p in source.rglob("*") if p.is_file())
    random.Random(seed).shuffle(files)
    for path in files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return target

"""The segmenter's lexicon: jieba's dictionary plus qqtext's domain words, cached per user.

Building jieba's prefix dictionary and tuning the domain words into it takes about two seconds, and
reading jieba's own cache back still takes most of a second, which made every ``qqtext norms`` run
ten times slower than ``qqtext parse``. So the tuned lexicon (word frequencies and dictionary tags)
is built once into a SQLite file and looked up word by word: one document asks for a few thousand
words, which costs milliseconds. A process that looks up many more (a corpus run, a comparison of
long texts) loads the whole table into memory once :data:`PRELOAD_AFTER` lookups have missed.

The file lives in the user's own cache folder, ``$QQTEXT_CACHE`` or ``$XDG_CACHE_HOME/qqtext`` or
``~/.cache/qqtext``, created with mode 0700, never in the shared temporary folder (where another
user could plant a cache that changes the output; jieba's default). Its name carries a hash of
everything it is built from (jieba's version and dictionary, the domain words, this module's format),
so a changed dictionary builds a new file and a stale one is never read. It is written to a temporary
file in the same folder and renamed into place, so concurrent first runs cannot see half a file.

The segmentation is exactly that of a :class:`jieba.Tokenizer` with the domain words added and
frequency-tuned (``add_word`` + ``suggest_freq(tune=True)``): only where the frequencies are read
from changes.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import marshal
import os
import sqlite3
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from qqtext.errors import CacheError

if TYPE_CHECKING:
    import jieba

__all__ = ["cache_dir", "segmenter", "bulk_segmenter", "word_tags", "words", "PRELOAD_AFTER"]

#: Misses after which the whole table is read into memory (a 20-article text needs about 5,000).
PRELOAD_AFTER = 200_000
#: At most this many words are kept in the hot file between runs (about 0.5 MB, read in a few
#: milliseconds; a 20-article text asks for about 5,000): the words of the last few documents.
HOT_LIMIT = 30_000
#: Bumped whenever the table layout or the tuning procedure changes.
FORMAT = "2"  # 2: ministry names + 门 are words (环境保护部门)


def _jieba():
    """Import jieba without ``pkg_resources``, which it uses only to open its own files.

    Importing ``pkg_resources`` costs about 90 ms (and a deprecation warning) on every run; when the
    import fails, jieba opens the same files with :func:`open`.
    """
    import importlib
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import raise ImportError
        try:
            return importlib.import_module("jieba")
        finally:
            del sys.modules["pkg_resources"]
    return importlib.import_module("jieba")


def cache_dir() -> Path:
    """The user's private cache folder for qqtext (created 0700; refused if others can write it)."""
    configured = os.environ.get("QQTEXT_CACHE")
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "qqtext"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise CacheError(f"{folder}: cache folder belongs to another user; set QQTEXT_CACHE to a folder of your own")
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH | stat.S_IRWXO):
            folder.chmod(0o700)
    except OSError as error:
        raise CacheError(f"{folder}: cannot use the cache folder ({error.strerror or error})") from None
    return folder


def _domain_words() -> list[str]:
    """The words added to jieba's dictionary, longest first: every actor surface form, and the terms of
    ``qqtext/data/terms.txt`` that hold a cue character without being a cue (可持续, 强拿硬要)."""
    from importlib import resources

    from qqtext.extract.actors import actor_dictionary

    words = {surface for entry in actor_dictionary().values() for surface in entry.surfaces}
    terms = (resources.files("qqtext") / "data" / "terms.txt").read_text(encoding="utf-8")
    words.update(line.strip() for line in terms.splitlines() if line.strip() and not line.startswith("#"))
    return sorted((w for w in words if len(w) > 1), key=lambda w: (-len(w), w))


def _tag_fixes() -> dict[str, str]:
    """Corrections to jieba's tags for words of legal text (``qqtext/data/tag_fixes.tsv``)."""
    from importlib import resources

    text = (resources.files("qqtext") / "data" / "tag_fixes.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {row[0].strip(): row[1].strip() for row in rows}


def _lexicon_key(words: Iterable[str]) -> str:
    jieba = _jieba()
    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    try:
        info = dictionary.stat()
        signature = f"{info.st_size}:{info.st_mtime_ns}"
    except OSError:
        signature = "?"
    digest = hashlib.sha256(f"{FORMAT}\0{jieba.__version__}\0{signature}\0".encode())
    digest.update("\n".join(words).encode("utf-8"))
    digest.update(repr(sorted(_tag_fixes().items())).encode("utf-8"))
    return digest.hexdigest()[:20]


def _build(path: Path, words: list[str]) -> None:
    """Tune ``words`` into jieba's dictionary and write frequencies and tags to ``path`` atomically."""
    jieba = _jieba()

    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as handle:
        freq, total = tokenizer.gen_pfdict(handle)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    # a ministry's name is a word of jieba's (环境保护部, 国土资源部, 人力资源部): the department named after
    # it would be cut 环境保护部/门, leaving no head noun; every such name + 门 is a word too
    ministries = [w + "门" for w, n in freq.items() if n and len(w) >= 4 and w.endswith("部") and w + "门" not in freq]
    for word in (*sorted(ministries), *words):
        tokenizer.add_word(word)
        tokenizer.suggest_freq(word, tune=True)
    tags: dict[str, str] = {}
    with tokenizer.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").strip().split(" ")
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    tags.update(_tag_fixes())
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with sqlite3.connect(temporary) as db:
            db.execute("CREATE TABLE word (w TEXT PRIMARY KEY, n INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (total INTEGER NOT NULL)")
            db.executemany("INSERT INTO word VALUES (?, ?, ?)", ((w, n, tags.get(w)) for w, n in tokenizer.FREQ.items()))
            db.execute("INSERT INTO meta VALUES (?)", (tokenizer.total,))
        db.close()
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except (OSError, sqlite3.Error) as error:
        temporary.unlink(missing_ok=True)
        raise CacheError(f"{path}: cannot write the segmenter's lexicon ({error})") from None


class _Table:
    """Read-only access to a lexicon file: one connection per thread and process (safe across fork)."""

    QUERY = "SELECT n, tag FROM word WHERE w = ?"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
            local.pid = os.getpid()
        return local.db

    def row(self, word: str) -> tuple[int, str | None] | None:
        return self._connection().execute(self.QUERY, (word,)).fetchone()

    def rows(self) -> list[tuple[str, int, str | None]]:
        return self._connection().execute("SELECT w, n, tag FROM word").fetchall()

    def total(self) -> int:
        return self._connection().execute("SELECT total FROM meta").fetchone()[0]


class _Lexicon:
    """Frequencies and tags looked up lazily; the whole table is read after many misses.

    The words looked up are kept between runs in a small file beside the table (``.hot``, in the same
    private folder): most of what one document asks for (single characters, common words) is what the
    next one asks for too, and reading them back costs a few milliseconds instead of a query each.
    """

    def __init__(self, table: _Table, hot: Path | None = None) -> None:
        self.table = table
        self.freq: dict[str, int | None] = {}
        self.tags: dict[str, str | None] = {}
        self.complete = False
        self._misses = 0
        self._hot = hot
        self._known: dict[str, tuple[int | None, str | None]] = {}
        if hot is not None:
            try:
                self._known = marshal.loads(hot.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                self._known = {}  # no file yet, or one cut short: the table has everything
            if not isinstance(self._known, dict):
                self._known = {}
            atexit.register(self.save_hot)

    def lookup(self, word: str) -> None:
        known = self._known.get(word)
        if known is not None:  # asked for in an earlier run: no query
            self.freq[word], self.tags[word] = known
            return
        row = self.table.row(word)
        self.freq[word] = row[0] if row else None
        self.tags[word] = row[1] if row else None
        self._misses += 1
        if self._misses > PRELOAD_AFTER:
            self.preload()

    def save_hot(self) -> None:
        """Write the words looked up in this run, then the earlier ones, to the hot file (atomically), at
        most :data:`HOT_LIMIT`: the words of the last documents read stay, old ones drop out."""
        if self._hot is None or self.complete or not self._misses and len(self._known) <= HOT_LIMIT:
            return
        known = {word: (n, self.tags.get(word)) for word, n in self.freq.items()}
        for word, value in self._known.items():
            if len(known) >= HOT_LIMIT:
                break
            known.setdefault(word, value)
        if len(known) > HOT_LIMIT:
            known = dict(list(known.items())[:HOT_LIMIT])
        temporary = self._hot.with_name(f".{self._hot.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(marshal.dumps(known))
            os.chmod(temporary, 0o600)
            os.replace(temporary, self._hot)
        except OSError:
            temporary.unlink(missing_ok=True)  # a cache: losing it only costs time

    def preload(self) -> None:
        if self.complete:
            return
        rows = self.table.rows()
        for word, n, tag in rows:
            self.freq.setdefault(word, n)
            self.tags.setdefault(word, tag)
        self.complete = True


class _View(Mapping):
    """A mapping over one column of the lexicon (``freq`` or ``tags``), looked up on demand."""

    def __init__(self, lexicon: _Lexicon, column: str) -> None:
        self._lexicon = lexicon
        self._column: dict = getattr(lexicon, column)

    def get(self, word, default=None):
        if word not in self._column and not self._lexicon.complete:
            self._lexicon.lookup(word)  # one lookup fills both columns
        value = self._column.get(word)
        return default if value is None else value

    def __contains__(self, word) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word):
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __iter__(self) -> Iterator[str]:
        self._lexicon.preload()
        return (w for w, value in self._column.items() if value is not None)

    def __len__(self) -> int:
        self._lexicon.preload()
        return sum(1 for value in self._column.values() if value is not None)


class _FrequencyView(_View):
    """The ``FREQ`` mapping jieba's tokenizer reads (``in``, ``[]`` and ``get``)."""

    def __init__(self, lexicon: _Lexicon) -> None:
        super().__init__(lexicon, "freq")

    def __setitem__(self, word, value) -> None:  # jieba's add_word, for callers that add words later
        self._column[word] = value


@cache
def _lexicon() -> tuple[_Lexicon, _FrequencyView]:
    words = _domain_words()
    path = cache_dir() / f"lexicon-{_lexicon_key(words)}.sqlite"
    if not path.is_file():
        _build(path, words)
        for stale in path.parent.glob("lexicon-*"):  # lexicons of earlier versions of the word lists
            if stale.stem != path.stem:
                stale.unlink(missing_ok=True)
    lexicon = _Lexicon(_Table(path), path.with_suffix(".hot"))
    return lexicon, _FrequencyView(lexicon)


@cache
def segmenter() -> jieba.Tokenizer:
    """A private jieba tokenizer with every actor surface form as a word (global jieba untouched)."""
    jieba = _jieba()

    jieba.setLogLevel(logging.WARNING)
    lexicon, frequencies = _lexicon()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = frequencies
    tokenizer.total = lexicon.table.total()
    tokenizer.initialized = True
    return tokenizer


@cache
def bulk_segmenter() -> jieba.Tokenizer:
    """The same tokenizer as :func:`segmenter` (the same cuts), with the whole lexicon read into a plain
    dict: about half a second and 50 MB more, then twice as fast (for corpus-scale runs)."""
    jieba = _jieba()

    jieba.setLogLevel(logging.WARNING)
    lexicon, _ = _lexicon()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = {word: n for word, n, _ in lexicon.table.rows() if n is not None}
    tokenizer.total = lexicon.table.total()
    tokenizer.initialized = True
    return tokenizer


@lru_cache(maxsize=1 << 15)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into dictionary words (no HMM guesses), memoised: the extractors cut the same
    clauses and their prefixes many times."""
    return tuple(segmenter().cut(text, HMM=False))


@cache
def word_tags() -> Mapping[str, str]:
    """jieba's dictionary part-of-speech tag by word (``n``, ``v``, ``p`` …; no tagging model run)."""
    return _View(_lexicon()[0], "tags")


def preload() -> None:
    """Read the whole lexicon into memory now (for long runs over many documents)."""
    _lexicon()[0].preload()

"""The results store: quiz attempts and answers, for trainers' reports and learners' own review.

One :class:`ResultsStore` is one database, reached through SQLAlchemy Core (no ORM), so the same code
runs on a local SQLite file and on a shared PostgreSQL server:

* ``ResultsStore()`` uses ``$QQTEXT_RESULTS`` when it is set, else the SQLite file
  ``results.sqlite`` in the user's data folder (``~/.local/share/qqtext`` on Linux);
* ``ResultsStore("某处/results.sqlite")`` (a path) is a SQLite file, created with its folder if missing;
* ``ResultsStore("postgresql+psycopg://user:pass@host/db")`` or ``"sqlite:///…"`` is a SQLAlchemy URL
  (PostgreSQL needs ``pip install "psycopg[binary]"``; see ``docs/deployment.md``).

The tables are created when missing: ``learners`` (pseudonymous id, created), ``attempts``,
``answers`` (attempt_id, position, question_id, response, correct, seconds, shown, chosen) and
``meta`` (the per-store secret and the schema version). Nothing here makes a network call of its
own: SQLite is a local file, and PostgreSQL is reached only at the address the user configures.

**What the learner saw.** A choice answer keeps the option keys the learner picked (``response``)
*and* the option texts in the order shown to that learner (``shown``) and the texts chosen
(``chosen``). Papers shuffle and relabel options, differently from the pool and, without a fixed
seed, differently for every learner, so a key alone does not say which option was meant: readers
(:mod:`qqtext.sessions.report`, :mod:`qqtext.sessions.review`) go by the texts, and by the keys only
for answers stored before the texts were (``shown`` empty).

**Schema versions.** :data:`SCHEMA_VERSION` is the layout this code writes. Version 1 had no
``shown``/``chosen`` columns; opening a version-1 store adds them (``ALTER TABLE … ADD COLUMN``,
nullable, in the opening transaction: every stored row is kept, its ``shown``/``chosen`` empty) and
records the upgrade in ``meta`` (``schema_version``, ``migrated_1_to_2``). A store of a newer version
than this code knows is refused, so an older qqtext never writes rows it cannot describe.

**Learners are pseudonymous.** :meth:`ResultsStore.learner_id` turns a name into ``L-`` and 10 hex
digits of an HMAC-SHA256 of the name keyed with a random secret kept in this store's ``meta`` table:
the same name gives the same id in one store (so a learner can come back), different ids in
different stores, and the name cannot be read back from the id. Names themselves are stored only
when the store is opened with ``store_names=True``. Anyone who can read the database *and* holds a
list of names can still test which id belongs to which name, so treat the database as personal data.

**Concurrency.** Every write is one transaction. On SQLite the file is switched to WAL mode (readers
never wait for writers), each connection gets a busy timeout, write transactions start with
``BEGIN IMMEDIATE`` (so two writers never deadlock upgrading a read lock), and a write that still
meets "database is locked" is retried with a randomised back-off; the threads of one process take
turns at writing (a lock in the store), and so do processes on one host (``flock`` on a lock file
``<store>-writelock`` beside the store), so a server's many threads and workers never wait in
SQLite's coarse-grained busy handler. Twenty processes writing 25
attempts of 10 answers each into one file at once lose nothing (``tests/test_store.py``).

**Files and modes.** A SQLite store this code creates is a file readable by its owner only (0600),
in folders it creates 0700: it holds the learners' answers and the secret their ids are keyed with.
``ResultsStore(path, read_only=True)`` (what ``qqtext report`` and ``qqtext review`` use) opens an
existing store without writing a byte: a missing file is an error, never a new empty store.

Self-check answers (:mod:`qqtext.sessions.selfcheck`) are never written here.

>>> store = ResultsStore("sqlite://", clock=lambda: datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc))
>>> learner = store.learner_id("张三")
>>> learner == store.learner_id("张三"), learner.startswith("L-"), len(learner)
(True, True, 12)
>>> attempt = store.save_attempt(learner, "jinan-A", [
...     AnswerRecord("q-1", ("B",), True, 12.5, shown=("可以", "不可以", "经批准后可以"), chosen=("不可以",)),
...     AnswerRecord("q-2", ("对",), False, 30.0)], session="3月培训班")
>>> store.attempts()[0].score, store.attempts()[0].max_score, store.attempts()[0].finished
(1.0, 2.0, '2025-03-01T09:30:00+00:00')
>>> [a.question_id for a in store.answers(attempt, learner_id=learner)]
['q-1', 'q-2']
>>> store.answers(attempt, learner_id=learner)[0].chosen
('不可以',)
>>> store.answers(attempt, learner_id=store.learner_id("李四"))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
qqtext.sessions.store.AccessDenied: attempt 1 is not one of learner ...'s attempts
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import random
import re
import secrets
import sqlite3
import threading
import time
import urllib.parse
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qqtext.errors import QqtextError

try:
    import fcntl
except ImportError:  # Windows: threads still take turns; processes rely on SQLite's locking
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    import pandas
    from sqlalchemy.engine import Connection, Engine

__all__ = [
    "AnswerRecord",
    "Attempt",
    "ResultsStore",
    "StoreError",
    "AccessDenied",
    "SCHEMA_VERSION",
    "ENV_VAR",
    "FRAME_COLUMNS",
    "default_location",
]

#: The version of the table layout this code writes; a store written by a newer one is refused.
#: 1: answers without what the learner saw; 2: ``answers.shown`` and ``answers.chosen`` (option texts).
SCHEMA_VERSION = 2
#: The environment variable naming the store (a path or a SQLAlchemy URL).
ENV_VAR = "QQTEXT_RESULTS"
#: The columns of :meth:`ResultsStore.responses_frame`, in order.
FRAME_COLUMNS = ("session", "attempt_id", "learner_id", "paper_id", "question_id", "response", "correct", "seconds",
                 "shown", "chosen")
#: SQLite: how long one statement waits for a lock (seconds) and how long a write keeps retrying.
BUSY_TIMEOUT = 15.0
RETRY_SECONDS = 60.0
BACKENDS = ("sqlite", "postgresql")
MAX_ID = 64
RE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_LOCKED = ("database is locked", "database is busy", "database table is locked")


class StoreError(QqtextError):
    """The results store cannot be opened or written: a bad URL, an unwritable path, a lost server."""


class AccessDenied(QqtextError):
    """A learner asked for answers of an attempt that is not theirs (or does not exist)."""


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One answer of one attempt.

    Attributes:
        question_id: the question's id (``Question.id``).
        response: what the learner answered: option keys (as labelled on the learner's paper),
            ``对``/``错``, or the cloze texts in order (a plain string is taken as one response).
        correct: whether the answer was right.
        seconds: time taken on this question (finite, not negative).
        shown: choice and scenario questions: the option texts in the order the learner saw them
            (``()``: not recorded, as in answers stored by qqtext before schema 2, or not a choice).
        chosen: the texts of the options the learner chose, in the order shown; each is one of
            ``shown``.
    """

    question_id: str
    response: tuple[str, ...]
    correct: bool
    seconds: float
    shown: tuple[str, ...] = ()
    chosen: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "response", _strings(self.response))
        shown, chosen = _strings(self.shown), _strings(self.chosen)
        if chosen and not set(chosen) <= set(shown):
            raise StoreError(f"answer to {self.question_id}: the chosen option texts must be among those shown, "
                             f"not {[c for c in chosen if c not in shown]!r}")
        object.__setattr__(self, "shown", shown)
        object.__setattr__(self, "chosen", chosen)
        object.__setattr__(self, "correct", bool(self.correct))
        try:
            seconds = float(self.seconds)
        except (TypeError, ValueError):
            seconds = math.nan
        if not math.isfinite(seconds) or seconds < 0:
            raise StoreError(f"answer to {self.question_id}: seconds must be a finite number >= 0, not {self.seconds!r}")
        object.__setattr__(self, "seconds", seconds)
        if not isinstance(self.question_id, str) or not self.question_id:
            raise StoreError(f"an answer needs a question id, not {self.question_id!r}")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One attempt at a paper: who, which paper, in which session, when, and the score.

    ``started`` and ``finished`` are ISO 8601 timestamps in UTC (``finished`` is ``None`` for an
    attempt not finished; :meth:`ResultsStore.save_attempt` always sets it).
    """

    id: int
    learner_id: str
    paper_id: str
    session: str
    started: str
    finished: str | None
    score: float
    max_score: float


def default_location() -> str | Path:
    """Where ``ResultsStore()`` opens: ``$QQTEXT_RESULTS``, else ``results.sqlite`` in the user's data folder."""
    from qqtext.sessions._datadir import user_data_dir

    configured = os.environ.get(ENV_VAR, "").strip()
    return configured or user_data_dir() / "results.sqlite"


def _utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _one_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    text = str(orig if orig is not None else error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__


def _is_locked(error: BaseException) -> bool:
    from sqlalchemy.exc import OperationalError

    return isinstance(error, OperationalError) and any(s in str(error.orig).lower() for s in _LOCKED)


def _check_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID:
        raise StoreError(f"{what} must be a non-empty string of at most {MAX_ID} characters, not {value!r}")
    return value


def _strings(value: object) -> tuple[str, ...]:
    """A tuple of strings from a string (one), ``None`` (none) or an iterable of values."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)  # type: ignore[union-attr]


def _json_list(value: tuple[str, ...]) -> str | None:
    """A JSON array, or NULL for an empty tuple (nothing recorded)."""
    return json.dumps(list(value), ensure_ascii=False) if value else None


def _from_json(value: str | None, *, where: str = "the results store", column: str = "value") -> tuple[str, ...]:
    """A stored JSON array of strings as a tuple (NULL or empty: ``()``).

    Raises:
        StoreError: the stored value is not a JSON array of strings (a store written by hand or by
            another program); the message names the store, the row and the column.

    >>> _from_json('["A", "B"]'), _from_json(None)
    (('A', 'B'), ())
    >>> _from_json("A|B", where="x.sqlite, attempt 3, answer 1", column="response")
    Traceback (most recent call last):
    ...
    qqtext.sessions.store.StoreError: x.sqlite, attempt 3, answer 1: the stored response 'A|B' is not a JSON list of texts
    """
    if value is None or value == "":
        return ()
    try:
        data = json.loads(value) if isinstance(value, (str, bytes)) else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, list) or not all(isinstance(part, str) for part in data):
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:59] + "…"
        raise StoreError(f"{where}: the stored {column} {shown} is not a JSON list of texts")
    return tuple(data)


def _seconds(value: object, where: str) -> float:
    """A stored ``seconds`` as a float, or a one-line :class:`StoreError`."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise StoreError(f"{where}: the stored seconds {str(value)[:40]!r} is not a number") from None


def _normal_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split())


@cache
def _tables() -> Any:
    """The SQLAlchemy Core tables (built once, on first use, so importing this module stays cheap)."""
    from types import SimpleNamespace

    from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

    metadata = MetaData()
    meta = Table(
        "meta", metadata,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    learners = Table(
        "learners", metadata,
        Column("id", String(MAX_ID), primary_key=True),
        Column("created", String(32), nullable=False),
        Column("name", Text, nullable=True),  # only with store_names=True
    )
    attempts = Table(
        "attempts", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("learner_id", String(MAX_ID), ForeignKey("learners.id"), nullable=False),
        Column("paper_id", Text, nullable=False),
        Column("session", Text, nullable=False),
        Column("started", String(32), nullable=False),
        Column("finished", String(32), nullable=True),
        Column("score", Float, nullable=False),
        Column("max_score", Float, nullable=False),
        Index("ix_attempts_session", "session"),
        Index("ix_attempts_learner", "learner_id"),
    )
    answers = Table(
        "answers", metadata,
        Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("question_id", Text, nullable=False),
        Column("response", Text, nullable=False),  # a JSON array of strings
        Column("correct", Boolean, nullable=False),
        Column("seconds", Float, nullable=False),
        # schema 2: what the learner saw (JSON arrays of option texts); NULL in rows stored before
        Column("shown", Text, nullable=True),
        Column("chosen", Text, nullable=True),
    )
    return SimpleNamespace(metadata=metadata, meta=meta, learners=learners, attempts=attempts, answers=answers)


class ResultsStore:
    """Quiz attempts and answers in one database (SQLite file or PostgreSQL), see the module docs.

    Args:
        url: ``None`` (``$QQTEXT_RESULTS`` or the user's ``results.sqlite``), a path (a SQLite file),
            or a SQLAlchemy URL (``sqlite:///…``, ``postgresql+psycopg://…``).
        clock: gives "now" for timestamps (default: the current time in UTC); a naive datetime is
            taken as UTC.
        store_names: also keep the names given to :meth:`learner_id` (off by default: only the
            pseudonymous ids are stored).

    Raises:
        StoreError: a malformed or unsupported URL, a missing database driver, a path that cannot be
            created or written, a server that cannot be reached, a store of a newer schema.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None, *, clock: Callable[[], datetime] | None = None,
                 store_names: bool = False, read_only: bool = False) -> None:
        self._clock = clock or _now
        self.store_names = store_names
        self.read_only = read_only
        self._engine, self.where = self._open(default_location() if url is None else url, read_only=read_only)
        # SQLite: one writer at a time, queued here instead of in SQLite's busy handler, which sleeps in
        # steps of up to 100 ms. PostgreSQL locks rows, so its writers need no such queue.
        if self._engine.dialect.name != "sqlite":
            self._write_lock: Any = nullcontext()
        else:
            database = self._engine.url.database
            memory = database in (None, "", ":memory:")
            self._write_lock = _WriteTurns(None if memory or read_only else Path(f"{database}-writelock"))
        try:
            if read_only:
                self._secret = self._read(self._read_meta)
            else:
                self._secret = self._write(self._initialise, action="open")
        except BaseException:
            self._engine.dispose()
            raise

    # -- opening -----------------------------------------------------------------------------------

    @staticmethod
    def _open(target: str | os.PathLike[str], *, read_only: bool = False) -> tuple[Engine, str]:
        from sqlalchemy import create_engine, event
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError
        from sqlalchemy.pool import StaticPool

        if isinstance(target, str) and RE_URL.match(target.strip()):
            try:
                url = make_url(target.strip())
            except (ArgumentError, ValueError) as error:
                raise StoreError(f"not a database URL: {target!r} ({_one_line(error)})") from None
        elif isinstance(target, (str, os.PathLike)):
            if not os.fspath(target).strip():
                raise StoreError("the results store needs a path or a database URL, not an empty string")
            from sqlalchemy.engine import URL

            url = URL.create("sqlite", database=str(Path(os.fspath(target)).expanduser()))
        else:
            raise StoreError(f"the results store needs a path or a database URL, not {type(target).__name__}")
        where = url.render_as_string(hide_password=True)
        backend = url.get_backend_name()
        if backend not in BACKENDS:
            raise StoreError(f"unsupported database {backend!r} in {where} (use a SQLite path or postgresql+psycopg://…)")
        memory = backend == "sqlite" and url.database in (None, "", ":memory:")
        if read_only and memory:
            raise StoreError("a read-only results store needs a file or a database server, not an in-memory database")
        if backend == "sqlite" and not memory:
            path = Path(url.database)
            where = str(path)
            if path.is_dir():
                raise StoreError(f"cannot use {path} as the results store: it is a folder")
            if read_only:
                if not path.is_file():
                    raise StoreError(f"{path}: no results store there (a read-only store is never created)")
            else:
                _create_private(path)
        options: dict[str, Any] = {}
        if backend == "sqlite":
            options["connect_args"] = {"timeout": BUSY_TIMEOUT, "check_same_thread": False}
            if memory:
                options["poolclass"] = StaticPool
            elif read_only:  # the file opened by SQLite itself in read-only mode: nothing can be written
                database = Path(url.database).resolve()
                uri = f"file:{urllib.parse.quote(str(database))}?mode=ro"
                options["creator"] = lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT,
                                                             check_same_thread=False)
        elif read_only:
            options["execution_options"] = {"postgresql_readonly": True}
        else:
            options["pool_pre_ping"] = True
        try:
            engine = create_engine(url, **options)
        except (ArgumentError, NoSuchModuleError) as error:
            raise StoreError(f"cannot use {where}: {_one_line(error)}") from None
        except ImportError as error:
            hint = ' (pip install "psycopg[binary]")' if backend == "postgresql" else ""
            raise StoreError(f"the database driver for {where} is not installed: {error.name or error}{hint}") from None
        if backend == "sqlite":
            event.listen(engine, "connect", _sqlite_connect(memory, read_only=read_only))
            event.listen(engine, "begin", _sqlite_begin)
        return engine, where

    def _read_meta(self, conn: Connection) -> str:
        """A read-only store's secret, after checking its schema version (nothing is created or upgraded)."""
        from sqlalchemy import inspect

        if not inspect(conn).has_table("meta"):
            raise StoreError(f"{self.where}: not a results store (no meta table)")
        version, secret = self._meta(conn)
        if version != SCHEMA_VERSION:
            newer = "newer" if version > SCHEMA_VERSION else "older"
            raise StoreError(f"{self.where} has schema {version} ({newer} than this qqtext's {SCHEMA_VERSION}); "
                             "open it once for writing to upgrade it, or upgrade qqtext")
        return secret

    def _meta(self, conn: Connection) -> tuple[int, str]:
        """The schema version and the secret kept in the ``meta`` table, checked to be a number and text."""
        from sqlalchemy import select

        t = _tables()
        values = dict(conn.execute(select(t.meta.c.key, t.meta.c.value)).all())
        try:
            version = int(str(values["schema_version"]).strip())
        except (KeyError, TypeError, ValueError):
            shown = repr(values.get("schema_version"))
            raise StoreError(f"{self.where}: the schema version {shown[:40]} is not a number") from None
        if not isinstance(values.get("secret"), str) or not values["secret"]:
            raise StoreError(f"{self.where}: the store's secret is missing or not text (meta table edited?)")
        return version, values["secret"]

    def _initialise(self, conn: Connection) -> str:
        from sqlalchemy import text

        t = _tables()
        if conn.dialect.name == "postgresql":  # several servers may create the tables at once
            conn.execute(text("SELECT pg_advisory_xact_lock(7264153)"))
        t.metadata.create_all(conn)
        self._insert_missing(conn, t.meta, [{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                                            {"key": "secret", "value": secrets.token_hex(32)}], ["key"])
        version, secret = self._meta(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.where} was written by a newer qqtext (schema {version}, this one reads "
                             f"{SCHEMA_VERSION}): upgrade qqtext")
        while version < SCHEMA_VERSION:  # upgrade step by step, in this transaction: all or nothing
            if version not in MIGRATIONS:
                raise StoreError(f"{self.where}: schema {version} is too old to upgrade (this qqtext writes "
                                 f"{SCHEMA_VERSION})")
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value=str(version)))
            self._insert_missing(conn, t.meta, [{"key": f"migrated_{version - 1}_to_{version}",
                                                 "value": self._now()}], ["key"])
        return secret

    @staticmethod
    def _insert_missing(conn: Connection, table: Any, rows: list[dict], keys: list[str]) -> None:
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(insert(table).on_conflict_do_nothing(index_elements=keys), rows)

    # -- transactions ------------------------------------------------------------------------------

    def _write(self, work: Callable[[Connection], Any], *, action: str = "write") -> Any:
        """Run ``work`` in one write transaction, retrying while SQLite says the database is locked."""
        from sqlalchemy.exc import SQLAlchemyError

        if self.read_only:
            raise StoreError(f"cannot {action} the results store {self.where}: it was opened read-only")

        deadline = time.monotonic() + RETRY_SECONDS
        delay = 0.02
        while True:
            try:
                with self._write_lock, self._engine.connect() as conn:
                    conn.execution_options(qqtext_write=True)
                    with conn.begin():
                        return work(conn)
            except SQLAlchemyError as error:
                if _is_locked(error) and time.monotonic() < deadline:
                    time.sleep(delay * random.uniform(0.5, 1.5))
                    delay = min(delay * 2, 1.0)
                    continue
                raise StoreError(f"cannot {action} the results store {self.where}: {_one_line(error)}") from None

    def _read(self, work: Callable[[Connection], Any]) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        deadline = time.monotonic() + RETRY_SECONDS
        while True:
            try:
                with self._engine.connect() as conn, conn.begin():
                    return work(conn)
            except SQLAlchemyError as error:
                if _is_locked(error) and time.monotonic() < deadline:
                    time.sleep(random.uniform(0.01, 0.05))
                    continue
                raise StoreError(f"cannot read the results store {self.where}: {_one_line(error)}") from None

    def close(self) -> None:
        """Close the store's connections (it reconnects if used again)."""
        self._engine.dispose()

    def __enter__(self) -> ResultsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ResultsStore({self.where!r})"

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    def _now(self) -> str:
        return _utc_iso(self._clock())

    # -- learners ----------------------------------------------------------------------------------

    def learner_id(self, name: str | None = None, *, secret: str | None = None) -> str:
        """The pseudonymous id of a learner, registered in the store.

        ``L-`` and 10 hex digits of an HMAC-SHA256 of the name (Unicode-normalised, spaces collapsed)
        keyed with this store's secret, or with ``secret`` when given (to get the same ids in several
        stores). ``None``: a new random id. The name itself is stored only with ``store_names=True``.
        A read-only store computes the id and registers nothing.

        Raises:
            StoreError: an empty name.
        """
        if name is None:
            learner, normal = "L-" + secrets.token_hex(5), None
        else:
            normal = _normal_name(str(name))
            if not normal:
                raise StoreError("a learner's name must not be empty (pass None for a random id)")
            key = (secret if secret is not None else self._secret).encode("utf-8")
            learner = "L-" + hmac.new(key, normal.encode("utf-8"), hashlib.sha256).hexdigest()[:10]
        if self.read_only:  # compute the id only: a read-only store registers nobody
            if name is None:
                raise StoreError(f"{self.where} is open read-only: it cannot give out a new learner id")
            return learner
        created = self._now()

        def register(conn: Connection) -> None:
            t = _tables()
            self._insert_missing(conn, t.learners, [{"id": learner, "created": created, "name": None}], ["id"])
            if self.store_names and normal is not None:
                conn.execute(t.learners.update().where(t.learners.c.id == learner).values(name=normal))

        self._write(register)
        return learner

    def learner_names(self) -> dict[str, str]:
        """``{learner id: name}`` for the learners whose names were kept (``store_names=True``)."""
        from sqlalchemy import select

        t = _tables()
        query = select(t.learners.c.id, t.learners.c.name).where(t.learners.c.name.is_not(None)).order_by(t.learners.c.id)
        return dict(self._read(lambda conn: conn.execute(query).all()))

    # -- writing -----------------------------------------------------------------------------------

    def save_attempt(self, learner_id: str, paper_id: str, answers: Sequence[AnswerRecord], *,
                     session: str = "default", max_score: float | None = None, score: float | None = None,
                     started: datetime | str | None = None,
                     within: Callable[[Connection, int], None] | None = None) -> int:
        """Save one finished attempt with all its answers, in ONE transaction; return its id.

        Args:
            learner_id: from :meth:`learner_id` (registered here if it is not yet).
            paper_id: the paper answered; session: the training session (a free label).
            answers: in the order asked.
            max_score: the paper's points (default: one per answer).
            score: points earned (default: the share of correct answers times ``max_score``).
            started: when the attempt began (default: now minus the seconds spent on the answers).
            within: called with the connection and the new attempt's id inside the same transaction,
                to record elsewhere that this attempt was saved (the classroom server marks the
                learner's paper handed in); an exception from it rolls the whole attempt back.

        Raises:
            StoreError: an empty or over-long id, an answer that is not an :class:`AnswerRecord`, a
                negative score, or a database that cannot be written (nothing is saved then).
        """
        _check_id(learner_id, "learner_id")
        paper_id = str(paper_id)
        session = str(session)
        if not paper_id or not session:
            raise StoreError("an attempt needs a paper id and a session name")
        answers = list(answers)
        if not all(isinstance(a, AnswerRecord) for a in answers):
            raise StoreError("answers must be AnswerRecord instances")
        right = sum(a.correct for a in answers)
        max_score = float(len(answers) if max_score is None else max_score)
        score = float(max_score * right / len(answers) if answers else 0.0) if score is None else float(score)
        if not (math.isfinite(max_score) and math.isfinite(score)) or max_score < 0 or score < 0:
            raise StoreError(f"scores must be finite and not negative: score {score}, max_score {max_score}")
        now = self._clock()
        finished = _utc_iso(now)
        if started is None:
            begun = _utc_iso(now - timedelta(seconds=sum(a.seconds for a in answers)))
        else:
            begun = started if isinstance(started, str) else _utc_iso(started)

        def work(conn: Connection) -> int:
            t = _tables()
            self._insert_missing(conn, t.learners, [{"id": learner_id, "created": finished, "name": None}], ["id"])
            result = conn.execute(t.attempts.insert().values(
                learner_id=learner_id, paper_id=paper_id, session=session, started=begun, finished=finished,
                score=score, max_score=max_score,
            ))
            attempt_id = int(result.inserted_primary_key[0])
            self._insert_answers(conn, attempt_id, answers)
            if within is not None:
                within(conn, attempt_id)
            return attempt_id

        return self._write(work)

    def write_transaction(self, work: Callable[[Connection], Any], *, action: str = "write") -> Any:
        """Run ``work(connection)`` in one write transaction of this store (retried while SQLite is locked).

        For modules keeping tables of their own beside the store's (the classroom server's sessions
        and progress): ``work`` must be safe to run again, since a locked database retries it.
        """
        return self._write(work, action=action)

    def read_transaction(self, work: Callable[[Connection], Any]) -> Any:
        """Run ``work(connection)`` in one read transaction of this store."""
        return self._read(work)

    def derived_secret(self, purpose: str) -> str:
        """A secret for ``purpose`` derived from this store's own (an HMAC of ``purpose``); never the secret itself."""
        return hmac.new(self._secret.encode("utf-8"), f"derived:{purpose}".encode("utf-8"), hashlib.sha256).hexdigest()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (to create tables of one's own beside the store's)."""
        return self._engine

    @staticmethod
    def _insert_answers(conn: Connection, attempt_id: int, answers: Sequence[AnswerRecord]) -> None:
        if not answers:
            return
        rows = [
            {"attempt_id": attempt_id, "position": position, "question_id": a.question_id,
             "response": json.dumps(list(a.response), ensure_ascii=False), "correct": a.correct, "seconds": a.seconds,
             "shown": _json_list(a.shown),
             "chosen": json.dumps(list(a.chosen), ensure_ascii=False) if a.shown else None}
            for position, a in enumerate(answers)
        ]
        conn.execute(_tables().answers.insert(), rows)

    # -- reading -----------------------------------------------------------------------------------

    def _attempts(self, **where: str | None) -> list[Attempt]:
        from sqlalchemy import select

        t = _tables()
        query = select(t.attempts).order_by(t.attempts.c.id)
        for column, value in where.items():
            if value is not None:
                query = query.where(t.attempts.c[column] == value)
        rows = self._read(lambda conn: conn.execute(query).all())
        try:
            return [Attempt(int(r.id), r.learner_id, r.paper_id, r.session, r.started, r.finished, float(r.score),
                            float(r.max_score)) for r in rows]
        except (TypeError, ValueError) as error:
            raise StoreError(f"{self.where}: an attempt holds a score that is not a number ({error})") from None

    def attempts(self, *, session: str | None = None) -> list[Attempt]:
        """Every attempt (of one session), oldest first: the trainer's view."""
        return self._attempts(session=session)

    def learner_attempts(self, learner_id: str) -> list[Attempt]:
        """One learner's own attempts, oldest first."""
        return self._attempts(learner_id=learner_id)

    def answers(self, attempt_id: int, *, learner_id: str) -> list[AnswerRecord]:
        """The answers of one of ``learner_id``'s attempts, in the order asked.

        Raises:
            AccessDenied: the attempt is not ``learner_id``'s, or there is no such attempt (the
                message is the same, so it tells nothing about other learners' attempts).
        """
        from sqlalchemy import select

        t = _tables()
        owner_query = select(t.attempts.c.learner_id).where(t.attempts.c.id == int(attempt_id))
        answer_query = select(t.answers).where(t.answers.c.attempt_id == int(attempt_id)).order_by(t.answers.c.position)

        def work(conn: Connection) -> list[Any] | None:
            if conn.execute(owner_query).scalar_one_or_none() != learner_id:
                return None
            return list(conn.execute(answer_query).all())

        rows = self._read(work)
        if rows is None:
            raise AccessDenied(f"attempt {attempt_id} is not one of learner {learner_id}'s attempts")
        records = []
        for r in rows:
            where = f"{self.where}, attempt {attempt_id}, answer {r.position + 1 if isinstance(r.position, int) else '?'}"
            try:
                records.append(AnswerRecord(r.question_id, _from_json(r.response, where=where, column="response"),
                                            bool(r.correct), _seconds(r.seconds, where),
                                            shown=_from_json(r.shown, where=where, column="shown"),
                                            chosen=_from_json(r.chosen, where=where, column="chosen")))
            except StoreError as error:
                if str(error).startswith(self.where):
                    raise
                raise StoreError(f"{where}: {error}") from None
        return records

    def responses_frame(self, *, session: str | None = None) -> pandas.DataFrame:
        """One row per answer (of one session): the trainer's and the report's view.

        Columns :data:`FRAME_COLUMNS`: session, attempt_id, learner_id, paper_id, question_id,
        response (the response's parts joined with ``|``), correct (bool), seconds (float), shown
        and chosen (tuples of option texts, see :class:`AnswerRecord`; ``()`` when not recorded);
        ordered by attempt, then by the order the questions were asked.
        """
        import pandas as pd
        from sqlalchemy import select

        t = _tables()
        query = (
            select(t.attempts.c.session, t.answers.c.attempt_id, t.attempts.c.learner_id, t.attempts.c.paper_id,
                   t.answers.c.question_id, t.answers.c.response, t.answers.c.correct, t.answers.c.seconds,
                   t.answers.c.shown, t.answers.c.chosen)
            .join_from(t.answers, t.attempts, t.answers.c.attempt_id == t.attempts.c.id)
            .order_by(t.answers.c.attempt_id, t.answers.c.position)
        )
        if session is not None:
            query = query.where(t.attempts.c.session == session)
        rows = self._read(lambda conn: conn.execute(query).all())
        data = []
        for r in rows:
            where = f"{self.where}, attempt {r.attempt_id}, question {r.question_id}"
            data.append((r.session, r.attempt_id, r.learner_id, r.paper_id, r.question_id,
                         "|".join(_from_json(r.response, where=where, column="response")), bool(r.correct),
                         _seconds(r.seconds, where), _from_json(r.shown, where=where, column="shown"),
                         _from_json(r.chosen, where=where, column="chosen")))
        frame = pd.DataFrame(data, columns=list(FRAME_COLUMNS))
        if frame.empty:
            frame = frame.astype(dict.fromkeys(("session", "learner_id", "paper_id", "question_id", "response"), str))
        return frame.astype({"attempt_id": "int64", "correct": bool, "seconds": "float64"})

    def sessions(self) -> list[str]:
        """The session names, in the order they were first used."""
        from sqlalchemy import func, select

        t = _tables()
        query = (select(t.attempts.c.session).group_by(t.attempts.c.session)
                 .order_by(func.min(t.attempts.c.id)))
        return [r[0] for r in self._read(lambda conn: conn.execute(query).all())]


def _add_seen_columns(conn: Connection) -> None:
    """Schema 1 → 2: the answers get ``shown`` and ``chosen`` (nullable: the stored rows keep NULL)."""
    from sqlalchemy import inspect

    present = {column["name"] for column in inspect(conn).get_columns("answers")}
    quote = conn.dialect.identifier_preparer.quote
    for name in ("shown", "chosen"):
        if name not in present:  # a half-upgraded store cannot exist (one transaction), but be safe
            conn.exec_driver_sql(f"ALTER TABLE answers ADD COLUMN {quote(name)} TEXT")


#: Schema upgrades: the version a store has → the function bringing it to the next version.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _add_seen_columns}


class _WriteTurns:
    """Writers of one SQLite file take turns: the threads of a process by a lock, processes by ``flock``.

    The lock file (``<store>-writelock``, 0600, empty) sits beside the store; ``flock`` wakes the next
    waiter as soon as the lock is free, where SQLite's own busy handler polls with growing sleeps. A
    lock file that cannot be opened (a read-only folder) or a system without ``fcntl`` leaves the
    processes to SQLite's own locking, which stays correct, only slower under contention.
    """

    def __init__(self, path: Path | None) -> None:
        self._threads = threading.Lock()
        self._path = path
        self._fd: int | None = None

    def __enter__(self) -> None:
        self._threads.acquire()
        if self._path is None or fcntl is None:
            return
        try:  # opened per turn: a descriptor inherited by a forked child would share the lock
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def __exit__(self, *exc: object) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        self._threads.release()


def _create_private(path: Path) -> None:
    """Create a store file readable by its owner only (0600), in folders of their own (0700).

    Only what is created here gets these modes: an existing folder or file keeps its own (a shared
    deployment may have chosen them). SQLite gives the ``-wal`` and ``-shm`` files the database's mode.
    """
    missing = []
    folder = path.parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    if not folder.is_dir():
        raise StoreError(f"cannot create the folder of the results store {path}: {folder} is a file")
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the folder of the results store {path}: {error.strerror or error}") from None
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:  # there already, or another process created it first: use it as it is
        pass
    except OSError as error:
        raise StoreError(f"cannot create the results store {path}: {error.strerror or error}") from None


def _sqlite_connect(memory: bool, *, read_only: bool = False) -> Callable[..., None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take the transactions over from the sqlite3 module: it would BEGIN on its own (deferred)
        # and COMMIT before DDL; _sqlite_begin emits BEGIN (reads) or BEGIN IMMEDIATE (writes).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            if read_only:
                cursor.execute("PRAGMA query_only = ON")
            elif not memory:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    return on_connect


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("qqtext_write") else "BEGIN")

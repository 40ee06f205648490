"""The results store: API, pseudonymous learners, access checks, errors, SQLite concurrency, PostgreSQL.

The API tests run on SQLite and, where a PostgreSQL server can be started here, on PostgreSQL too
(the ``postgresql`` parameter skips otherwise: see :func:`postgres_server`).
"""

from __future__ import annotations

import hmac
import itertools
import math
import multiprocessing
import os
import queue
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import _store_writer
import pandas as pd
import pytest

import qqtext.sessions.store as store_module
from qqtext.errors import QqtextError
from qqtext.sessions.store import (
    FRAME_COLUMNS,
    SCHEMA_VERSION,
    AccessDenied,
    AnswerRecord,
    Attempt,
    ResultsStore,
    StoreError,
    default_location,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
RE_LEARNER = re.compile(r"^L-[0-9a-f]{10}$")


class Clock:
    """A clock that moves one minute per call, from T0."""

    def __init__(self) -> None:
        self.calls = itertools.count()

    def __call__(self) -> datetime:
        return T0 + timedelta(minutes=next(self.calls))


def records(n: int, *, prefix: str = "q", wrong: frozenset[int] = frozenset()) -> list[AnswerRecord]:
    return [AnswerRecord(f"{prefix}-{i}", ("A",), i not in wrong, 10.0 + i) for i in range(n)]


# -- PostgreSQL, when a server can be started here ---------------------------------------------------


def _pg_bin() -> Path | None:
    """The folder of the PostgreSQL server binaries (initdb, pg_ctl, postgres), or None."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parent.parent.name)
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server on a Unix socket in a temporary folder (no TCP port at all).

    On a developer's machine this skips when no PostgreSQL server binary is present (Debian:
    ``apt-get install postgresql``), when the psycopg driver is not installed, or when running as
    root with no ``postgres`` user (PostgreSQL refuses to run as root). In CI (``CI`` set) it never
    skips: the machine image ships PostgreSQL 15 and the test extra installs psycopg, so anything
    missing there is a failure. Where the binaries are present and the server does not start, it fails.
    """
    unavailable = pytest.fail if os.environ.get("CI") else pytest.skip
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    bindir = _pg_bin()
    if bindir is None:
        unavailable("no PostgreSQL server binary (initdb/pg_ctl) on this machine")
    user = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            unavailable("running as root and there is no 'postgres' user to run the server as")
    base = Path(tempfile.mkdtemp(prefix="qqtext-pg-"))
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    data, log, port = base / "data", base / "server.log", 54329
    run_as = {"user": user.pw_uid, "group": user.pw_gid} if user is not None else {}
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                        "--locale=C", "-N"], check=True, capture_output=True, env=env, cwd=base, **run_as)
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
                        f"-c listen_addresses='' -k {base} -p {port} -F", "start"],
                       check=True, capture_output=True, env=env, cwd=base, **run_as)
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode(errors="replace") + (log.read_text() if log.exists() else "")
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL is installed but did not start: {detail[-2000:]}")
    try:
        yield {"socket": str(base), "port": port}
    finally:
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, env=env, cwd=base, **run_as)
        shutil.rmtree(base, ignore_errors=True)


_databases = itertools.count(1)


def fresh_postgres_url(server: dict) -> str:
    """A new empty database on the test server, as a SQLAlchemy URL."""
    import psycopg

    name = f"qqtext_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(host=server["socket"], port=server["port"], user="postgres", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@/{name}?host={server['socket']}&port={server['port']}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "results.sqlite")
    return fresh_postgres_url(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(store_url):
    with ResultsStore(store_url, clock=Clock()) as opened:
        yield opened


# -- learners ---------------------------------------------------------------------------------------


def test_learner_ids_are_pseudonymous_and_stable(store, store_url):
    zhang = store.learner_id("张三")
    assert RE_LEARNER.match(zhang)
    assert store.learner_id("张三") == zhang
    assert store.learner_id("李四") != zhang
    with ResultsStore(store_url) as again:  # the secret is kept in the database
        assert again.learner_id("张三") == zhang


@pytest.mark.parametrize(
    ("variant", "name"),
    [(" 张三 ", "张三"), ("张三\u3000", "张三"), ("\t张三\n", "张三"), ("Ｌｉｌｙ　Ｗａｎｇ", "Lily Wang"),
     ("Lily  Wang", "Lily Wang")],
    ids=["spaces", "ideographic-space", "tab-newline", "full-width", "double-space"],
)
def test_learner_names_are_normalised(tmp_path, variant, name):
    with ResultsStore(tmp_path / "r.sqlite") as store:
        assert store.learner_id(variant) == store.learner_id(name)


def test_learner_ids_differ_between_stores_unless_a_secret_is_shared(tmp_path):
    with ResultsStore(tmp_path / "a.sqlite") as a, ResultsStore(tmp_path / "b.sqlite") as b:
        assert a.learner_id("张三") != b.learner_id("张三")
        assert a.learner_id("张三", secret="班级口令") == b.learner_id("张三", secret="班级口令")


def test_random_learner_ids(store):
    ids = {store.learner_id() for _ in range(20)}
    assert len(ids) == 20 and all(RE_LEARNER.match(i) for i in ids)


def test_names_are_not_stored_by_default(tmp_path):
    path = tmp_path / "r.sqlite"
    with ResultsStore(path) as store:
        learner = store.learner_id("王小明")
        store.save_attempt(learner, "paper", records(2))
        assert store.learner_names() == {}
    written = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert "王小明".encode() not in written
    assert learner.encode() in written


def test_names_are_stored_when_asked(tmp_path):
    with ResultsStore(tmp_path / "r.sqlite", store_names=True) as store:
        learner = store.learner_id(" 王小明 ")
        assert store.learner_names() == {learner: "王小明"}


def test_empty_name_is_refused(store):
    with pytest.raises(StoreError, match="must not be empty"):
        store.learner_id("  ")


# -- saving and reading -------------------------------------------------------------------------------


def test_save_and_read_back(store):
    zhang, li = store.learner_id("张三"), store.learner_id("李四")
    answers = [
        AnswerRecord("q-choice", ("A", "C"), True, 12.5, shown=("不得", "可以", "应当"), chosen=("不得", "应当")),
        AnswerRecord("q-old", ("B",), False, 3.0),  # no texts: as stored before schema 2
        AnswerRecord("q-none", (), False, 1.0, shown=("甲", "乙"), chosen=()),  # shown, nothing chosen
        AnswerRecord("q-tf", ("错",), False, 4.0),
        AnswerRecord("q-cloze", ("单独指派", "专程|接送"), True, 30.25),
    ]
    first = store.save_attempt(zhang, "jinan-A", answers, session="3月培训班")
    second = store.save_attempt(li, "jinan-B", records(4, wrong=frozenset({0})), session="4月培训班", max_score=8)
    third = store.save_attempt(zhang, "jinan-B", records(2), session="3月培训班", score=1.5, max_score=2)
    assert first < second < third
    assert store.answers(first, learner_id=zhang) == answers
    assert [a.id for a in store.attempts()] == [first, second, third]
    assert [a.id for a in store.attempts(session="3月培训班")] == [first, third]
    assert [a.id for a in store.learner_attempts(zhang)] == [first, third]
    assert store.learner_attempts("L-0000000000") == []
    assert store.sessions() == ["3月培训班", "4月培训班"]
    got = {a.id: a for a in store.attempts()}
    assert store.answers(first, learner_id=zhang)[0].chosen == ("不得", "应当")
    assert store.answers(first, learner_id=zhang)[1].shown == ()
    assert (got[first].score, got[first].max_score) == (2.0, 5.0)  # default: one point per answer
    assert (got[second].score, got[second].max_score) == (6.0, 8.0)  # 3 of 4 right, scaled to 8
    assert (got[third].score, got[third].max_score) == (1.5, 2.0)
    assert all(isinstance(a, Attempt) for a in got.values())


def test_timestamps_come_from_the_clock(tmp_path):
    store = ResultsStore(tmp_path / "r.sqlite", clock=lambda: datetime(2025, 3, 1, 17, 30, tzinfo=timezone(timedelta(hours=8))))
    learner = store.learner_id("张三")
    store.save_attempt(learner, "p", [AnswerRecord("q", ("A",), True, 90.0), AnswerRecord("r", ("B",), True, 30.0)])
    store.save_attempt(learner, "p", [], started=datetime(2025, 3, 1, 9, 0))
    (one, two) = store.attempts()
    assert (one.started, one.finished) == ("2025-03-01T09:28:00+00:00", "2025-03-01T09:30:00+00:00")
    assert (two.started, two.finished) == ("2025-03-01T09:00:00+00:00", "2025-03-01T09:30:00+00:00")
    assert (two.score, two.max_score) == (0.0, 0.0)


def test_default_clock_is_utc_now(tmp_path):
    store = ResultsStore(tmp_path / "r.sqlite")
    store.save_attempt(store.learner_id(), "p", records(1))
    finished = datetime.fromisoformat(store.attempts()[0].finished)
    assert finished.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - finished) < timedelta(minutes=1)


def test_responses_frame(store):
    zhang = store.learner_id("张三")
    attempt = store.save_attempt(zhang, "jinan-A", [
        AnswerRecord("q-1", ("A", "C"), True, 1.5, shown=("甲|一", "乙", "丙"), chosen=("甲|一", "丙")),
        AnswerRecord("q-2", ("专程接送",), False, 2.0)], session="s1")
    store.save_attempt(store.learner_id("李四"), "jinan-A", records(3), session="s2")
    frame = store.responses_frame()
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert len(frame) == 5
    first = frame[frame.attempt_id == attempt]
    assert first.response.tolist() == ["A|C", "专程接送"]
    assert first.correct.tolist() == [True, False]
    assert first.seconds.tolist() == [1.5, 2.0]
    assert first.shown.tolist() == [("甲|一", "乙", "丙"), ()]  # tuples: a "|" in a text stays in its text
    assert first.chosen.tolist() == [("甲|一", "丙"), ()]
    assert set(first.learner_id) == {zhang} and set(first.session) == {"s1"} and set(first.paper_id) == {"jinan-A"}
    assert frame.correct.dtype == bool and frame.seconds.dtype == "float64" and frame.attempt_id.dtype == "int64"
    assert len(store.responses_frame(session="s2")) == 3


def test_responses_frame_when_empty(store):
    frame = store.responses_frame()
    assert tuple(frame.columns) == FRAME_COLUMNS and frame.empty
    assert frame.correct.dtype == bool and frame.seconds.dtype == "float64" and pd.api.types.is_string_dtype(frame.response)


def test_a_learner_cannot_read_another_learners_answers(store):
    zhang, li = store.learner_id("张三"), store.learner_id("李四")
    attempt = store.save_attempt(zhang, "p", records(3))
    with pytest.raises(AccessDenied) as denied:
        store.answers(attempt, learner_id=li)
    assert isinstance(denied.value, QqtextError)
    with pytest.raises(AccessDenied) as missing:
        store.answers(attempt + 100, learner_id=zhang)
    assert str(missing.value).replace(str(attempt + 100), "N") == str(
        AccessDenied(f"attempt N is not one of learner {zhang}'s attempts"))  # says nothing more
    assert len(store.answers(attempt, learner_id=zhang)) == 3


def test_an_attempt_is_one_transaction(store, monkeypatch):
    learner = store.learner_id("张三")
    store.save_attempt(learner, "p", records(2))

    def fail(conn, attempt_id, answers):
        conn.execute(store_module._tables().answers.insert(),
                     [{"attempt_id": attempt_id, "position": 0, "question_id": "x", "response": "[]",
                       "correct": True, "seconds": 1.0}])
        raise RuntimeError("the machine went down half-way")

    monkeypatch.setattr(ResultsStore, "_insert_answers", staticmethod(fail))
    with pytest.raises(RuntimeError):
        store.save_attempt(learner, "p", records(5), session="lost")
    monkeypatch.undo()
    assert len(store.attempts()) == 1 and store.sessions() == ["default"]
    assert len(store.responses_frame()) == 2


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: AnswerRecord("q", ("A",), True, -1), "seconds"),
        (lambda: AnswerRecord("q", ("A",), True, math.nan), "seconds"),
        (lambda: AnswerRecord("q", ("A",), True, "soon"), "seconds"),
        (lambda: AnswerRecord("", ("A",), True, 1), "question id"),
        (lambda: AnswerRecord("q", ("A",), True, 1, shown=("甲", "乙"), chosen=("丙",)), "among those shown"),
        (lambda: AnswerRecord("q", ("A",), True, 1, chosen=("甲",)), "among those shown"),
    ],
    ids=["negative-seconds", "nan-seconds", "text-seconds", "no-question-id", "chosen-not-shown",
         "chosen-without-shown"],
)
def test_bad_answer_records(make, message):
    with pytest.raises(StoreError, match=message):
        make()


def test_answer_record_coerces():
    record = AnswerRecord("q", "对", 1, 3)
    assert record == AnswerRecord("q", ("对",), True, 3.0)
    assert AnswerRecord("q", ["A", "B"], False, 0).response == ("A", "B")
    seen = AnswerRecord("q", "A", True, 1, shown=["甲", "乙"], chosen="甲")
    assert (seen.shown, seen.chosen) == (("甲", "乙"), ("甲",))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.save_attempt("", "p", []), "learner_id"),
        (lambda s: s.save_attempt("x" * 65, "p", []), "learner_id"),
        (lambda s: s.save_attempt("L-1", "", []), "paper id"),
        (lambda s: s.save_attempt("L-1", "p", [("q", "A", True, 1)]), "AnswerRecord"),
        (lambda s: s.save_attempt("L-1", "p", [], max_score=-1), "not negative"),
    ],
    ids=["empty-learner", "long-learner", "empty-paper", "not-a-record", "negative-max"],
)
def test_bad_attempts(tmp_path, call, message):
    with ResultsStore(tmp_path / "r.sqlite") as store:
        with pytest.raises(StoreError, match=message):
            call(store)
        assert store.attempts() == []


# -- where the store is, and errors -------------------------------------------------------------------


def test_default_location_uses_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("QQTEXT_RESULTS", str(tmp_path / "env" / "results.sqlite"))
    with ResultsStore() as store:
        store.save_attempt(store.learner_id(), "p", records(1))
    assert (tmp_path / "env" / "results.sqlite").is_file()


def test_default_location_is_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("QQTEXT_RESULTS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_location() == tmp_path / "data" / "qqtext" / "results.sqlite"


def test_sqlite_url_and_memory(tmp_path):
    with ResultsStore(f"sqlite:///{tmp_path / 'u.sqlite'}") as store:
        store.save_attempt(store.learner_id(), "p", records(1))
    assert (tmp_path / "u.sqlite").is_file()
    with ResultsStore("sqlite://") as memory:
        memory.save_attempt(memory.learner_id(), "p", records(2))
        assert len(memory.responses_frame()) == 2


def _file_as_folder(tmp: Path) -> Path:
    (tmp / "a-file").write_text("x")
    return tmp / "a-file" / "results.sqlite"


def _folder(tmp: Path) -> Path:
    return tmp


def _not_a_database(tmp: Path) -> Path:
    path = tmp / "garbage.sqlite"
    path.write_bytes(b"this is not a database file, not at all" * 100)
    return path


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("ftp://example/results", "unsupported database 'ftp'"),
        ("mysql+pymysql://user@localhost/db", "unsupported database 'mysql'"),
        ("postgresql+nosuchdriver://user@localhost/db", "cannot use"),
        ("sqlite://:bad:url:", "not a database URL|cannot"),
        ("", "empty string"),
        (42, "not int"),
        (_file_as_folder, "cannot create the folder"),
        (_folder, "it is a folder"),
        (_not_a_database, "not a database"),
    ],
    ids=["ftp", "mysql", "unknown-driver", "malformed", "empty", "number", "file-as-folder", "folder", "garbage-file"],
)
def test_bad_targets_raise_one_line_store_errors(tmp_path, target, message):
    if callable(target):
        target = target(tmp_path)
    with pytest.raises(StoreError, match=message) as error:
        ResultsStore(target)
    assert isinstance(error.value, QqtextError)
    assert "\n" not in str(error.value)


def test_an_unreachable_server_is_a_store_error_without_the_password():
    # Port 1 on the loopback address: nothing listens, the connection is refused at once (or the
    # driver is missing); either way a one-line StoreError that does not show the password.
    with pytest.raises(StoreError) as error:
        ResultsStore("postgresql+psycopg://trainer:s3cretpw@127.0.0.1:1/results?connect_timeout=2")
    assert "s3cretpw" not in str(error.value) and "\n" not in str(error.value)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "r.sqlite"
    ResultsStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer qqtext"):
        ResultsStore(path)


# -- schema 1 (answers without what the learner saw) → 2 ---------------------------------------------


def make_v1_store(url: str, *, rows: bool = True) -> str:
    """A store as qqtext wrote it at schema 1 (its table layout spelled out here), holding two attempts.

    Returns the secret. With ``rows=False`` only the tables and the meta rows.
    """
    from sqlalchemy import Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, create_engine

    metadata = MetaData()
    meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))
    learners = Table("learners", metadata, Column("id", String(64), primary_key=True),
                     Column("created", String(32), nullable=False), Column("name", Text))
    attempts = Table("attempts", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
                     Column("learner_id", String(64), ForeignKey("learners.id"), nullable=False),
                     Column("paper_id", Text, nullable=False), Column("session", Text, nullable=False),
                     Column("started", String(32), nullable=False), Column("finished", String(32)),
                     Column("score", Float, nullable=False), Column("max_score", Float, nullable=False))
    answers = Table("answers", metadata,
                    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
                    Column("position", Integer, primary_key=True), Column("question_id", Text, nullable=False),
                    Column("response", Text, nullable=False), Column("correct", Boolean, nullable=False),
                    Column("seconds", Float, nullable=False))
    secret = "ab" * 32
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.begin() as conn:
        metadata.create_all(conn)
        conn.execute(meta.insert(), [{"key": "schema_version", "value": "1"}, {"key": "secret", "value": secret}])
        if rows:
            conn.execute(learners.insert(), [{"id": "L-00000000aa", "created": "2024-01-01T00:00:00+00:00"}])
            for first, response in ((True, '["B"]'), (False, '["A", "C"]')):
                attempt = conn.execute(attempts.insert().values(
                    learner_id="L-00000000aa", paper_id="old-paper", session="旧课", started="2024-01-01T00:00:00+00:00",
                    finished="2024-01-01T00:10:00+00:00", score=1, max_score=2)).inserted_primary_key[0]
                conn.execute(answers.insert(), [
                    {"attempt_id": attempt, "position": 0, "question_id": "q-choice", "response": response,
                     "correct": first, "seconds": 5.0},
                    {"attempt_id": attempt, "position": 1, "question_id": "q-tf", "response": '["对"]',
                     "correct": False, "seconds": 3.0}])
    engine.dispose()
    return secret


@pytest.fixture(params=["sqlite", "postgresql"])
def v1_url(request, tmp_path) -> str:
    url = str(tmp_path / "old.sqlite") if request.param == "sqlite" else \
        fresh_postgres_url(request.getfixturevalue("postgres_server"))
    make_v1_store(url)
    return url


def test_a_schema_1_store_is_upgraded_and_keeps_every_row(v1_url):
    with ResultsStore(v1_url, clock=Clock()) as store:
        one, two = (a.id for a in store.attempts())
        old = store.answers(one, learner_id="L-00000000aa")
        assert [(a.question_id, a.response, a.correct, a.shown, a.chosen) for a in old] == [
            ("q-choice", ("B",), True, (), ()), ("q-tf", ("对",), False, (), ())]
        assert store.answers(two, learner_id="L-00000000aa")[0].response == ("A", "C")
        assert [a.session for a in store.attempts()] == ["旧课", "旧课"]
        # the secret is kept: a name gives the id it gave before the upgrade
        assert store.learner_id("张三") == "L-" + hmac.new(("ab" * 32).encode(), "张三".encode(), "sha256").hexdigest()[:10]
        new = store.save_attempt("L-00000000aa", "new-paper", [
            AnswerRecord("q-choice", ("C",), True, 4.0, shown=("可以", "应当", "不得"), chosen=("不得",))])
        frame = store.responses_frame()
        assert len(frame) == 5 and frame.response.tolist()[:4] == ["B", "对", "A|C", "对"]
        assert frame.shown.tolist() == [(), (), (), (), ("可以", "应当", "不得")]
        assert frame.loc[frame.attempt_id == new, "chosen"].item() == ("不得",)
    with ResultsStore(v1_url) as again:  # opening an upgraded store changes nothing
        assert len(again.responses_frame()) == 5
        with again._engine.connect() as conn:
            meta = dict(conn.exec_driver_sql("SELECT key, value FROM meta").all())
    assert meta["schema_version"] == "2" and meta["migrated_1_to_2"] == "2025-03-01T09:00:00+00:00"


def test_an_upgrade_that_fails_leaves_the_schema_1_store_as_it_was(tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    path = tmp_path / "old.sqlite"
    make_v1_store(str(path))

    def broken(conn):
        conn.exec_driver_sql("ALTER TABLE answers ADD COLUMN shown TEXT")
        raise OperationalError("ALTER", {}, Exception("disk I/O error"))

    monkeypatch.setitem(store_module.MIGRATIONS, 1, broken)
    with pytest.raises(StoreError, match="disk I/O error"):
        ResultsStore(path)
    with sqlite3.connect(path) as conn:  # one transaction: no column added, the version unchanged
        assert "shown" not in {r[1] for r in conn.execute("PRAGMA table_info(answers)")}
        assert dict(conn.execute("SELECT key, value FROM meta"))["schema_version"] == "1"
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 4
    monkeypatch.undo()
    with ResultsStore(path) as store:  # and the next open upgrades it
        assert len(store.responses_frame()) == 4


def test_writers_racing_to_upgrade_a_schema_1_store_lose_nothing(tmp_path):
    url = str(tmp_path / "old.sqlite")
    make_v1_store(url, rows=False)
    got, _ = run_writers(url, writers=4)  # four processes open (and upgrade) the store at the same moment
    check_nothing_lost(url, got, writers=4)


def test_writers_racing_to_upgrade_a_schema_1_store_on_postgresql(postgres_server):
    url = fresh_postgres_url(postgres_server)
    make_v1_store(url, rows=False)
    got, _ = run_writers(url, writers=4)
    check_nothing_lost(url, got, writers=4)


# -- SQLite: WAL, busy timeout, retry ---------------------------------------------------------------


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path):
    path = tmp_path / "r.sqlite"
    with ResultsStore(path) as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == int(store_module.BUSY_TIMEOUT * 1000)
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with sqlite3.connect(path) as conn:
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {
            "meta", "learners", "attempts", "answers"}
        assert dict(conn.execute("SELECT key, value FROM meta"))["schema_version"] == "2" == str(SCHEMA_VERSION)
        assert {r[1] for r in conn.execute("PRAGMA table_info(answers)")} >= {"shown", "chosen"}


def _lock_for(path: Path, seconds: float) -> threading.Thread:
    """Hold the write lock of a SQLite file for ``seconds`` from another connection."""
    ready = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        ready.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread


def test_a_locked_database_is_retried(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.05)  # the busy handler gives up fast: the retry must cope
    path = tmp_path / "r.sqlite"
    store = ResultsStore(path)
    learner = store.learner_id("张三")
    holder = _lock_for(path, 0.6)
    start = time.monotonic()
    attempt = store.save_attempt(learner, "p", records(3))
    waited = time.monotonic() - start
    holder.join()
    assert waited >= 0.4
    assert len(store.answers(attempt, learner_id=learner)) == 3


def test_a_database_locked_for_too_long_is_a_store_error(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.05)
    monkeypatch.setattr(store_module, "RETRY_SECONDS", 0.2)
    path = tmp_path / "r.sqlite"
    store = ResultsStore(path)
    learner = store.learner_id("张三")
    holder = _lock_for(path, 1.0)
    try:
        with pytest.raises(StoreError, match="database is locked") as error:
            store.save_attempt(learner, "p", records(3))
        assert "\n" not in str(error.value)
    finally:
        holder.join()
    assert store.attempts() == []


# -- many writers at once -----------------------------------------------------------------------------

WRITERS, ATTEMPTS, ANSWERS = _store_writer.WRITERS, _store_writer.ATTEMPTS, _store_writer.ANSWERS


def run_writers(url: str, writers: int = WRITERS) -> tuple[dict[int, tuple[str, list[int]]], float]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(writers), context.Queue()
    processes = [context.Process(target=_store_writer.writer, args=(url, worker, barrier, results)) for worker in range(writers)]
    for process in processes:
        process.start()
    got = {}
    deadline = time.monotonic() + 120
    try:
        while len(got) < writers:
            try:
                worker, learner, ids, seconds = results.get(timeout=0.5)
            except queue.Empty:
                failed = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
                assert not failed, f"writer processes failed with exit codes {failed}"
                assert time.monotonic() < deadline, "the writers did not finish in 120 s"
                continue
            got[worker] = (learner, ids, seconds)
    finally:
        for process in processes:
            process.join(timeout=30)
    assert [p.exitcode for p in processes] == [0] * writers
    return got, max(seconds for _, _, seconds in got.values())


def check_nothing_lost(url: str, got: dict, writers: int = WRITERS) -> None:
    store = ResultsStore(url)
    attempts = store.attempts()
    frame = store.responses_frame()
    assert len(attempts) == writers * ATTEMPTS
    assert len(frame) == writers * ATTEMPTS * ANSWERS
    assert len({a.id for a in attempts}) == writers * ATTEMPTS
    assert sorted(a.id for a in attempts) == sorted(i for _, ids, _ in got.values() for i in ids)
    assert frame.groupby("attempt_id").size().eq(ANSWERS).all()  # every attempt has all its answers
    by_id = {a.id: a for a in attempts}
    for worker, (learner, ids, _) in got.items():
        assert len(ids) == ATTEMPTS
        assert {by_id[i].learner_id for i in ids} == {learner}
        mine = frame[frame.learner_id == learner]
        expected = {f"q-{worker}-{a}-{i}" for a in range(ATTEMPTS) for i in range(ANSWERS)}
        assert set(mine.question_id) == expected
        assert set(mine.response) == {f"{worker}|{a}|答案" for a in range(ATTEMPTS)}
        assert set(mine.shown) == {(f"选项{worker}", f"选项{i}") for i in range(ANSWERS)}
        assert set(mine.chosen) == {(f"选项{i}",) for i in range(ANSWERS)}
        assert store.learner_attempts(learner) == [by_id[i] for i in ids]
    assert store.sessions() and sorted(store.sessions()) == [f"session-{k}" for k in range(min(writers, 4))]
    store.close()


def test_concurrent_writers_lose_nothing_on_sqlite(tmp_path):
    url = str(tmp_path / "shared.sqlite")
    start = time.monotonic()
    got, writing = run_writers(url)
    check_nothing_lost(url, got)
    elapsed = time.monotonic() - start
    print(f"\nSQLite: {WRITERS} processes x {ATTEMPTS} attempts x {ANSWERS} answers: "
          f"{WRITERS * ATTEMPTS} attempts, {WRITERS * ATTEMPTS * ANSWERS} answers, lost 0; "
          f"writing {writing:.1f} s, whole test {elapsed:.1f} s")
    assert elapsed < 60  # about 10 s here on 2 cores; the brief asks under ~20 s


def test_concurrent_writers_lose_nothing_on_postgresql(postgres_server):
    url = fresh_postgres_url(postgres_server)
    ResultsStore(url).close()  # the writers also race to create the tables; here they find them
    got, writing = run_writers(url)
    check_nothing_lost(url, got)
    print(f"\nPostgreSQL: {WRITERS * ATTEMPTS} attempts, {WRITERS * ATTEMPTS * ANSWERS} answers, lost 0; "
          f"writing {writing:.1f} s")


def test_concurrent_creation_of_the_tables_on_postgresql(postgres_server):
    url = fresh_postgres_url(postgres_server)
    run_writers(url, writers=4)  # four processes create the tables at the same moment
    store = ResultsStore(url)
    assert len(store.attempts()) == 4 * ATTEMPTS


def test_a_new_store_file_is_private_to_its_owner(tmp_path):
    path = tmp_path / "new" / "deeper" / "results.sqlite"
    with ResultsStore(path) as store:
        store.save_attempt(store.learner_id("张三"), "p", records(2))
        for made in (tmp_path / "new", tmp_path / "new" / "deeper"):
            assert made.stat().st_mode & 0o777 == 0o700
        for made in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert made.stat().st_mode & 0o777 == 0o600, made


def test_read_only_store_reads_everything_and_writes_nothing(tmp_path):
    path = tmp_path / "results.sqlite"
    with ResultsStore(path) as store:
        learner = store.learner_id("张三")
        store.save_attempt(learner, "p", records(3), session="班")
    before = path.read_bytes()
    path.chmod(0o400)  # the trainer may hold only a read-only copy
    with ResultsStore(path, read_only=True) as reader:
        assert reader.learner_id("张三") == learner  # computed, not registered
        assert len(reader.responses_frame(session="班")) == 3
        with pytest.raises(StoreError, match="read-only"):
            reader.save_attempt(learner, "p", records(1))
        with pytest.raises(StoreError, match="read-only"):
            reader.learner_id(None)
    assert path.read_bytes() == before
    with pytest.raises(StoreError, match="no results store there"):
        ResultsStore(tmp_path / "typo.sqlite", read_only=True)
    assert not (tmp_path / "typo.sqlite").exists()

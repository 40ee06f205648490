"""The classroom server's own tables: class sessions (场次) and every learner's paper in progress.

They live in the results store's database, beside its tables (:mod:`qqtext.sessions.store`), so one
SQLite file (or one PostgreSQL database) holds a training day: the sessions a trainer opened, each
learner's paper as it is being answered (so a reload, a lost phone battery or a server restart
loses nothing), and the finished attempts the reports read.

* ``classroom_sessions``: one row per session: its code (what learners type to join), name (the
  session label the attempts are saved under), document, number of questions, paper seed (``NULL``:
  a paper of its own for every learner), audience, time limit, roster (JSON ``[{"name", "unit"}]``
  or ``NULL``), when it was created.
* ``classroom_papers``: one row per paper handed to a learner: a random token, the session, the
  browser it belongs to, the learner's pseudonymous id (and name and unit when a roster is used), a
  short resume code (续答码) to carry on in another browser, the questions (pool ids with the option
  order this learner sees), the responses so far, the deadline, and, once handed in, the id of the
  attempt saved in the results store.

Handing in is exactly-once: the attempt and the mark on its paper are written in one transaction
(:meth:`ResultsStore.save_attempt` ``within=``), and the mark only lands on a paper not yet marked,
so a double click, two tabs or a retry never store an attempt twice.

The tables are created when missing; the results store's own schema version is unchanged (an older
qqtext reading the store ignores them).
"""

from __future__ import annotations

import json
import math
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import TYPE_CHECKING, Any

from qqtext.errors import QqtextError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from qqtext.sessions.store import AnswerRecord, ResultsStore

__all__ = [
    "ClassSession",
    "LearnerPaper",
    "Classroom",
    "ClassroomError",
    "RosterEntry",
    "read_roster",
    "SESSION_CODE_DIGITS",
    "new_learner_id",
    "MAX_ROSTER_BYTES",
]

#: Session codes are this many digits (easy to read out in a room and to type on a phone).
SESSION_CODE_DIGITS = 4
#: Resume codes (续答码): letters and digits that cannot be mistaken for each other.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_LENGTH = 6
#: The longest a question is taken to be answered in (seconds): a learner away for lunch does not
#: make the question look hard.
MAX_SECONDS = 1800.0
MAX_NAME = 100
MAX_ROSTER = 2000
#: The largest roster file read (2,000 names with their units fit in about 100 KB).
MAX_ROSTER_BYTES = 512 * 1024
_RE_SPACE = re.compile(r"\s+")


def new_learner_id() -> str:
    """A random pseudonymous learner id, in the results store's form (``L-`` and 10 hex digits).

    Nothing is written: the store registers the learner with the first attempt saved.
    """
    return "L-" + secrets.token_hex(5)


class ClassroomError(QqtextError):
    """A class session cannot be created or joined: a duplicate name, a bad roster, an unknown code."""


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One learner of a roster: the name, and the unit (单位) when the roster has one."""

    name: str
    unit: str = ""


@dataclass(frozen=True, slots=True)
class ClassSession:
    """A class session (场次) as the trainer created it."""

    code: str
    name: str
    doc: str
    count: int
    seed: int | None
    audience: str
    time_limit: int | None  # minutes
    roster: tuple[RosterEntry, ...] | None
    created: str

    @property
    def named(self) -> bool:
        """Whether results are named (a roster was given) rather than pseudonymous."""
        return self.roster is not None

    def roster_entry(self, name: str, unit: str = "") -> RosterEntry | None:
        """The roster entry matching ``name`` (and ``unit`` when several share the name), else ``None``."""
        wanted = _clean(name)
        matches = [entry for entry in self.roster or () if entry.name == wanted]
        if len(matches) > 1:
            matches = [entry for entry in matches if entry.unit == _clean(unit)]
        return matches[0] if len(matches) == 1 else None


@dataclass(frozen=True, slots=True)
class Answer:
    """One question's state on a learner's paper."""

    response: tuple[str, ...] = ()
    correct: bool | None = None  # None: not answered yet
    seconds: float = 0.0

    @property
    def answered(self) -> bool:
        return self.correct is not None


@dataclass(frozen=True, slots=True)
class LearnerPaper:
    """A paper handed to one learner, as far as it has been answered."""

    token: str
    code: str
    browser: str
    learner_id: str
    name: str | None
    unit: str | None
    resume: str
    kind: str  # "paper" or "retest"
    questions: tuple[tuple[str, str], ...]  # (pool question id, option order as pool keys, e.g. "CADB")
    answers: tuple[Answer, ...]
    started: str
    deadline: str | None
    updated: str
    attempt_id: int | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def finished(self) -> bool:
        return self.attempt_id is not None

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers if a.answered)

    def next_open(self) -> int:
        """The first question not answered yet (the last one when all are)."""
        return next((i for i, a in enumerate(self.answers) if not a.answered), len(self.answers) - 1)


@cache
def _tables() -> Any:
    from types import SimpleNamespace

    from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text

    metadata = MetaData()
    sessions = Table(
        "classroom_sessions", metadata,
        Column("code", String(16), primary_key=True),
        Column("name", Text, nullable=False, unique=True),
        Column("doc", Text, nullable=False),
        Column("count", Integer, nullable=False),
        Column("seed", Integer, nullable=True),
        Column("audience", String(16), nullable=False),
        Column("time_limit", Integer, nullable=True),
        Column("roster", Text, nullable=True),
        Column("created", String(32), nullable=False),
    )
    papers = Table(
        "classroom_papers", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),  # the order papers were handed out
        Column("token", String(64), nullable=False, unique=True),
        Column("code", String(16), nullable=False),
        Column("browser", String(64), nullable=False),
        Column("learner_id", String(64), nullable=False),
        Column("name", Text, nullable=True),
        Column("unit", Text, nullable=True),
        Column("resume", String(16), nullable=False),
        Column("kind", String(16), nullable=False),
        Column("questions", Text, nullable=False),
        Column("answers", Text, nullable=False),
        Column("started", String(32), nullable=False),
        Column("deadline", String(32), nullable=True),
        Column("updated", String(32), nullable=False),
        Column("attempt_id", Integer, nullable=True),
        Index("ix_classroom_papers_code", "code"),
        Index("ix_classroom_papers_browser", "browser"),
        Index("ux_classroom_papers_resume", "code", "resume", unique=True),
    )
    return SimpleNamespace(metadata=metadata, sessions=sessions, papers=papers)


def _clean(text: str) -> str:
    return _RE_SPACE.sub(" ", str(text or "")).strip()[:MAX_NAME]


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def read_roster(text: str | bytes, *, where: str = "the roster") -> tuple[RosterEntry, ...]:
    """A roster from CSV: a header with 姓名 (or name) and optionally 单位 (or unit), or one name per line.

    Bytes are decoded as qqtext reads any text file (:func:`qqtext.read.plain.read_plain`): UTF-8 with or
    without a BOM, UTF-16, or GB18030/GBK as Excel on a Chinese PC saves CSV.

    Raises:
        ClassroomError: no names, a name listed twice in the same unit, or more than :data:`MAX_ROSTER`.
        qqtext.errors.ReadError: bytes that are no text (an .xlsx saved by mistake) or in no known encoding.
    """
    import csv
    import io

    if isinstance(text, bytes):
        from qqtext.read.plain import read_plain

        text = read_plain(text, where, None)
    text = text.lstrip("\ufeff")
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise ClassroomError(f"{where}: no names in it")
    header = [cell.strip().lower() for cell in rows[0]]
    name_col = next((i for i, h in enumerate(header) if h in ("姓名", "name", "名字")), None)
    unit_col = next((i for i, h in enumerate(header) if h in ("单位", "unit", "部门", "工作单位")), None)
    if name_col is None:
        name_col, unit_col, body = 0, (1 if all(len(r) > 1 for r in rows) else None), rows
    else:
        body = rows[1:]
    entries, seen = [], set()
    for number, row in enumerate(body, start=2 if body is not rows else 1):
        name = _clean(row[name_col]) if name_col < len(row) else ""
        unit = _clean(row[unit_col]) if unit_col is not None and unit_col < len(row) else ""
        if not name:
            continue
        if (name, unit) in seen:
            raise ClassroomError(f"{where}, line {number}: {name}{f'（{unit}）' if unit else ''} is listed twice")
        seen.add((name, unit))
        entries.append(RosterEntry(name, unit))
    if not entries:
        raise ClassroomError(f"{where}: no names in it")
    if len(entries) > MAX_ROSTER:
        raise ClassroomError(f"{where}: {len(entries)} names, more than the {MAX_ROSTER} a session takes")
    return tuple(entries)


class _AlreadyHandedIn(Exception):
    """Raised inside the hand-in transaction to roll it back: the paper was handed in meanwhile."""


class Classroom:
    """Class sessions and learners' papers, kept in a results store's database."""

    def __init__(self, store: ResultsStore, *, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._sessions: dict[str, ClassSession] = {}
        _tables().metadata.create_all(store.engine)

    def now(self) -> datetime:
        return self._clock()

    # -- sessions ----------------------------------------------------------------------------------

    def create_session(self, name: str, *, doc: str, count: int, seed: int | None = None, audience: str = "official",
                       time_limit: int | None = None, roster: Sequence[RosterEntry] | None = None) -> ClassSession:
        """A new session with a fresh code.

        Raises:
            ClassroomError: an empty name, a name already used, a count below 1, a time limit below 1.
        """
        name = _clean(name)
        if not name:
            raise ClassroomError("a session needs a name")
        if count < 1:
            raise ClassroomError(f"a session needs at least one question, not {count}")
        if time_limit is not None and time_limit < 1:
            raise ClassroomError(f"the time limit is in minutes and at least 1, not {time_limit}")
        if self.session_by_name(name) is not None:
            raise ClassroomError(f"a session named {name!r} exists already")
        t = _tables()
        row = {"name": name, "doc": str(doc), "count": int(count), "seed": seed, "audience": audience,
               "time_limit": time_limit, "created": _iso(self.now()),
               "roster": None if roster is None else json.dumps([[e.name, e.unit] for e in roster], ensure_ascii=False)}

        def work(conn: Connection) -> str:
            from sqlalchemy import select

            taken = set(conn.execute(select(t.sessions.c.code)).scalars())
            if len(taken) >= 9 * 10 ** (SESSION_CODE_DIGITS - 1) // 2:
                raise ClassroomError("too many sessions in this store: use another results store")
            while True:
                code = str(secrets.randbelow(9 * 10 ** (SESSION_CODE_DIGITS - 1)) + 10 ** (SESSION_CODE_DIGITS - 1))
                if code not in taken:
                    break
            conn.execute(t.sessions.insert().values(code=code, **row))
            return code

        return self.session(self.store.write_transaction(work, action="create a session in"))

    def _session_from(self, row: Any) -> ClassSession:
        roster = None if row.roster is None else tuple(RosterEntry(n, u) for n, u in json.loads(row.roster))
        return ClassSession(row.code, row.name, row.doc, row.count, row.seed, row.audience, row.time_limit, roster,
                            row.created)

    def session(self, code: str) -> ClassSession | None:
        """The session with this code, or ``None`` (sessions never change once created: kept after the first read)."""
        code = str(code)
        if code in self._sessions:
            return self._sessions[code]
        t = _tables()
        row = self.store.read_transaction(
            lambda conn: conn.execute(t.sessions.select().where(t.sessions.c.code == code)).first())
        if row is None:
            return None
        session = self._sessions[code] = self._session_from(row)
        return session

    def session_by_name(self, name: str) -> ClassSession | None:
        t = _tables()
        row = self.store.read_transaction(
            lambda conn: conn.execute(t.sessions.select().where(t.sessions.c.name == _clean(name))).first())
        return None if row is None else self._session_from(row)

    def sessions(self) -> list[ClassSession]:
        """Every session, newest first."""
        t = _tables()
        rows = self.store.read_transaction(
            lambda conn: conn.execute(t.sessions.select().order_by(t.sessions.c.created.desc(),
                                                                    t.sessions.c.code)).all())
        return [self._session_from(row) for row in rows]

    # -- papers ------------------------------------------------------------------------------------

    @staticmethod
    def _paper_from(row: Any) -> LearnerPaper:
        answers = tuple(Answer(tuple(r), c, float(s)) for r, c, s in json.loads(row.answers))
        return LearnerPaper(row.token, row.code, row.browser, row.learner_id, row.name, row.unit, row.resume, row.kind,
                            tuple((q, o) for q, o in json.loads(row.questions)), answers, row.started, row.deadline,
                            row.updated, row.attempt_id)

    def start_paper(self, session: ClassSession, *, browser: str, learner_id: str, questions: Sequence[tuple[str, str]],
                    name: str | None = None, unit: str | None = None, kind: str = "paper") -> LearnerPaper:
        """Hand a new paper of ``questions`` (pool id, option order) to a learner in ``session``."""
        t = _tables()
        now = self.now()
        deadline = None if session.time_limit is None else _iso(now + timedelta(minutes=session.time_limit))
        token = secrets.token_urlsafe(24)
        row = {"token": token, "code": session.code, "browser": browser, "learner_id": learner_id,
               "name": name, "unit": unit, "kind": kind,
               "questions": json.dumps([list(q) for q in questions], ensure_ascii=False),
               "answers": json.dumps([[[], None, 0.0] for _ in questions]),
               "started": _iso(now), "deadline": deadline, "updated": _iso(now), "attempt_id": None}

        def work(conn: Connection) -> str:
            from sqlalchemy import exists, select

            while True:  # 31⁶ ≈ 900 million codes: a clash is rare, and then another code is drawn
                resume = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
                clash = conn.execute(select(exists().where(t.papers.c.code == session.code,
                                                           t.papers.c.resume == resume))).scalar()
                if not clash:
                    conn.execute(t.papers.insert().values(resume=resume, **row))
                    return resume

        resume = self.store.write_transaction(work, action="start a paper in")
        return LearnerPaper(token, session.code, browser, learner_id, name, unit, resume, kind, tuple(map(tuple, questions)),
                            tuple(Answer() for _ in questions), row["started"], deadline, row["updated"])

    def paper(self, token: str) -> LearnerPaper | None:
        t = _tables()
        row = self.store.read_transaction(
            lambda conn: conn.execute(t.papers.select().where(t.papers.c.token == str(token))).first())
        return None if row is None else self._paper_from(row)

    def papers(self, *, code: str | None = None, browser: str | None = None,
               learner_id: str | None = None) -> list[LearnerPaper]:
        """Papers matching every filter given, oldest first."""
        t = _tables()
        query = t.papers.select()
        for column, value in (("code", code), ("browser", browser), ("learner_id", learner_id)):
            if value is not None:
                query = query.where(t.papers.c[column] == value)
        query = query.order_by(t.papers.c.id)
        return [self._paper_from(row) for row in self.store.read_transaction(lambda conn: conn.execute(query).all())]

    def current_paper(self, code: str, browser: str) -> LearnerPaper | None:
        """This browser's latest paper in the session (finished or not), or ``None``."""
        papers = self.papers(code=code, browser=browser)
        return papers[-1] if papers else None

    def claim(self, code: str, resume: str, browser: str) -> LearnerPaper | None:
        """Move the paper with this resume code to ``browser`` (carrying on in another browser); ``None`` if unknown."""
        t = _tables()
        resume = _clean(resume).upper().replace(" ", "")

        def work(conn: Connection) -> str | None:
            row = conn.execute(t.papers.select().where(t.papers.c.code == code, t.papers.c.resume == resume)).first()
            if row is None:
                return None
            conn.execute(t.papers.update().where(t.papers.c.token == row.token).values(browser=browser))
            return row.token

        token = self.store.write_transaction(work, action="resume a paper in")
        return None if token is None else self.paper(token)

    def expired(self, paper: LearnerPaper) -> bool:
        """Whether the paper's time is up (it is handed in as it stands)."""
        return paper.deadline is not None and not paper.finished and self.now() >= _parse(paper.deadline)

    def seconds_left(self, paper: LearnerPaper) -> int | None:
        if paper.deadline is None or paper.finished:
            return None
        return max(0, math.ceil((_parse(paper.deadline) - self.now()).total_seconds()))

    def record_answer(self, token: str, index: int, response: Sequence[str], correct: bool) -> LearnerPaper:
        """Record the answer to question ``index`` of a paper; an answered question keeps its first answer.

        The seconds spent are the time since the paper's last answer (or its start), at most
        :data:`MAX_SECONDS`.

        Raises:
            ClassroomError: an unknown paper, a question number outside it, or a paper handed in.
        """
        t = _tables()
        now = self.now()

        def work(conn: Connection) -> None:
            row = conn.execute(t.papers.select().where(t.papers.c.token == token).with_for_update()).first()
            if row is None:
                raise ClassroomError("this paper does not exist")
            if row.attempt_id is not None:
                raise ClassroomError("this paper was handed in already")
            answers = json.loads(row.answers)
            if not 0 <= index < len(answers):
                raise ClassroomError(f"question {index + 1} is not on this paper")
            if answers[index][1] is not None:
                return  # answered before (a double click, a second tab): the first answer stands
            seconds = min(MAX_SECONDS, max(0.0, (now - _parse(row.updated)).total_seconds()))
            answers[index] = [list(response), bool(correct), round(seconds, 3)]
            conn.execute(t.papers.update().where(t.papers.c.token == token).values(
                answers=json.dumps(answers, ensure_ascii=False), updated=_iso(now)))

        self.store.write_transaction(work, action="record an answer in")
        return self.paper(token)

    def hand_in(self, paper: LearnerPaper, session: ClassSession, records: Sequence[AnswerRecord], *,
                label: str, paper_id: str, max_score: float, score: float) -> LearnerPaper:
        """Save the attempt of ``paper`` to the results store, once: a second hand-in returns the first.

        The attempt (with ``records``) and the paper's mark are one transaction.
        """
        t = _tables()
        token = paper.token

        def mark(conn: Connection, attempt_id: int) -> None:
            done = conn.execute(t.papers.update().where(t.papers.c.token == token, t.papers.c.attempt_id.is_(None))
                                .values(attempt_id=attempt_id, updated=_iso(self.now())))
            if done.rowcount != 1:
                raise _AlreadyHandedIn

        try:
            self.store.save_attempt(paper.learner_id, paper_id, records, session=label, max_score=max_score,
                                    score=score, started=paper.started, within=mark)
        except _AlreadyHandedIn:
            pass
        return self.paper(token)

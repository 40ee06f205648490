"""Question pools for the classroom server, and each learner's paper drawn from them.

A session's pool is built once (it takes seconds: the generators read the whole document) and then
shared by every learner: a paper is a list of ``(question id, option order)`` pairs, the order
written as the pool question's own keys (``"CADB"``: the pool's C is shown first, as A). Drawing one
takes milliseconds, and the pairs are all a learner's paper needs to be rebuilt after a reload or a
server restart (:meth:`SessionPool.questions`).

* A session with a seed gives every learner the same paper, options in the same order (the
  trainer can say "第 3 题选 B").
* A session without one draws a paper for each learner, seeded by the learner's paper token, with
  the options in an order of its own.

Pools are built in a background thread (:class:`PoolShelf`), so the first learner of a new session
sees 题目准备中 instead of a page that hangs, and a document that fails is reported once.
"""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from qqtext.exercises.assemble import shuffle_options
from qqtext.exercises.model import Option, Question

__all__ = ["SessionPool", "PoolShelf", "arrange", "option_order", "POOL_SEED"]

#: The generators' seed when a session has none (the same as ``qqtext quiz``'s default, so
#: ``qqtext report --seed 2019`` finds the questions).
POOL_SEED = 2019


def arrange(question: Question, order: str) -> Question:
    """``question`` (as in the pool) with its options shown in ``order`` (pool keys) and relabelled A, B, C…

    >>> from qqtext.exercises.model import Source
    >>> q = Question.create(type="single_choice", stem="？", answer=("A",), explanation="",
    ...                     options=[Option("A", "不可以"), Option("B", "可以")], source=Source("d", 1, None, "", 0, 0))
    >>> shown = arrange(q, "BA")
    >>> [o.text for o in shown.options], shown.answer, shown.id == q.id
    (['可以', '不可以'], ('B',), True)
    """
    if not order or not question.options:
        return question
    by_key = {option.key: option for option in question.options}
    if sorted(order) != sorted(by_key):
        return question  # the pool's question changed (another qqtext version): show it as it is
    relabelled = tuple(Option(chr(ord("A") + i), by_key[key].text) for i, key in enumerate(order))
    new_key = {key: relabelled[i].key for i, key in enumerate(order)}
    return question.with_options(relabelled, tuple(sorted(new_key[key] for key in question.answer)))


def option_order(pool_question: Question, shown: Question) -> str:
    """The order (pool keys) in which ``shown`` presents ``pool_question``'s options; ``""`` if they differ."""
    if not pool_question.options:
        return ""
    key_of = {option.text: option.key for option in pool_question.options}
    order = "".join(key_of.get(option.text, "?") for option in shown.options)
    return order if sorted(order) == sorted(key_of) else ""


#: Papers of their own drawn ahead for each (count, audience) of a session without a seed, so that a
#: room joining at the same minute is not kept waiting by the drawing (about 4 ms a paper).
STOCK = 256


@dataclass
class SessionPool:
    """The pool of one session's document."""

    doc: object  # qqtext.model.Document
    questions_by_id: dict[str, Question]
    pool: list[Question]
    seed: int
    _stock: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def draw(self, *, count: int, audience: str, paper_seed: int | None, token: str) -> list[tuple[str, str]]:
        """A paper of ``count`` questions: the session's (``paper_seed``) or one of its own for ``token``.

        Papers of their own come from a stock drawn ahead (:meth:`stock_up`) when there is one.
        """
        if paper_seed is None:
            with self._lock:
                stock = self._stock.get((count, audience))
                if stock:
                    return stock.pop()
        return self._draw(count=count, audience=audience, paper_seed=paper_seed, token=token)

    def stock_up(self, *, count: int, audience: str, size: int = STOCK) -> None:
        """Draw papers of their own ahead (seeded by their place in the stock), up to ``size``."""
        key = (count, audience)
        with self._lock:
            have = len(self._stock.setdefault(key, []))
        drawn = [self._draw(count=count, audience=audience, paper_seed=None, token=f"stock-{count}-{audience}-{i}")
                 for i in range(have, size)]
        with self._lock:
            self._stock[key][:0] = drawn[::-1]  # popped from the end: the first drawn is handed out first

    def _draw(self, *, count: int, audience: str, paper_seed: int | None, token: str) -> list[tuple[str, str]]:
        from qqtext.exercises.quiz import make_paper

        own = paper_seed is None
        seed = int.from_bytes(hashlib.sha256(token.encode()).digest()[:4], "big") if own else paper_seed
        paper = make_paper(self.pool, count=min(count, len(self.pool)), seed=seed, title="自测", audience=audience)
        rng = random.Random(seed)
        entries = []
        for shown in paper.questions:
            if own:
                shown = shuffle_options(shown, rng)
            entries.append((shown.id, option_order(self.questions_by_id[shown.id], shown)))
        return entries

    def questions(self, entries: Sequence[tuple[str, str]]) -> list[Question]:
        """The questions of a paper as its learner sees them; ids no longer in the pool are left out."""
        return [arrange(self.questions_by_id[qid], order) for qid, order in entries if qid in self.questions_by_id]


def _pool_key(doc: str, seed: int | None) -> tuple[str, int]:
    """Pools are shared by document and generator seed (:data:`POOL_SEED` for a session without one)."""
    return doc, POOL_SEED if seed is None else seed


class PoolShelf:
    """Pools by (document, seed), each built once, in a thread of its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[tuple[str, int], SessionPool] = {}
        self._errors: dict[tuple[str, int], str] = {}
        self._building: dict[tuple[str, int], threading.Thread] = {}

    def get(self, doc: str, seed: int | None) -> SessionPool | None:
        """The pool, or ``None`` while it is being built (the build is started on the first call).

        Raises:
            qqtext.errors.QqtextError: the document could not be read or gives no questions (the same
                one-line reason every time).
        """
        from qqtext.errors import QqtextError

        key = _pool_key(doc, seed)
        with self._lock:
            if key in self._pools:
                return self._pools[key]
            if key in self._errors:
                raise QqtextError(self._errors[key])
            if key not in self._building:
                thread = threading.Thread(target=self._build, args=(key,), name=f"pool-{doc}", daemon=True)
                self._building[key] = thread
                thread.start()
        return None

    def wait(self, doc: str, seed: int | None, timeout: float | None = None) -> SessionPool:
        """The pool, built now if need be (for the server's start-up and for tests)."""
        from qqtext.errors import QqtextError

        pool = self.get(doc, seed)
        if pool is not None:
            return pool
        key = _pool_key(doc, seed)
        with self._lock:
            thread = self._building.get(key)
        if thread is not None:
            thread.join(timeout)
        pool = self.get(doc, seed)
        if pool is None:
            raise QqtextError(f"{doc}: the questions are still being prepared")
        return pool

    def _build(self, key: tuple[str, int]) -> None:
        from qqtext.corpus import load_document
        from qqtext.exercises.quiz import question_pool

        doc_ref, seed = key
        try:
            doc = load_document(doc_ref)
            pool = question_pool(doc, seed=seed)
            if not pool:
                raise ValueError(f"{doc_ref}: no questions can be made from this document")
            built = SessionPool(doc, {q.id: q for q in pool}, pool, seed)
            with self._lock:
                self._pools[key] = built
        except Exception as error:  # noqa: BLE001 - reported to the trainer and learners as one line
            from qqtext.errors import QqtextError

            reason = str(error) if isinstance(error, (QqtextError, ValueError)) else f"{type(error).__name__}: {error}"
            with self._lock:
                self._errors[key] = reason.splitlines()[0] if reason else type(error).__name__
        finally:
            with self._lock:
                self._building.pop(key, None)

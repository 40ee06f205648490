"""Where the work of a corpus run is done: this process, worker processes, or a Dask cluster.

An :class:`Engine` applies a function to many items and yields each item with its result as the
results come in (in any order: the corpus run orders the rows itself, so the tables do not depend
on which worker finished first). :func:`open_engine` picks one:

* ``jobs=1``: :class:`SerialEngine`, in the calling process (no start-up cost; a notebook's default);
* ``jobs=N``: :class:`ProcessEngine`, ``N`` worker processes started with ``spawn`` (safe with
  threads and on every platform; the function and items must be picklable: module-level
  functions and plain data). A worker process that dies (killed for memory, a crash in a C
  library) does not end the run: the items it may have held are tried again one at a time in a
  fresh process, and the one that kills it again is reported as failed;
* ``scheduler="local"``: :class:`DaskEngine` on a new ``dask.distributed.LocalCluster`` of ``jobs``
  single-threaded worker processes; ``scheduler="tcp://HOST:PORT"``: on the running cluster there
  (its workers need qqtext installed and must see the corpus files at the same paths).

Items are handed out a few per worker at a time (``window``), never all at once, so that a run
over a million files holds only a bounded number of pending items and results.

>>> with open_engine(jobs=1) as engine:
...     sorted(result for _, result, _ in engine.imap_unordered(abs, [-2, 1, -3]))
[1, 2, 3]
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from qqtext.errors import QqtextError, QqtextWarning

__all__ = [
    "Engine", "SerialEngine", "ProcessEngine", "DaskEngine", "SchedulerError", "open_engine", "default_jobs",
    "WORKER_DIED",
]

T = TypeVar("T")
R = TypeVar("R")
#: The failure given for an item whose worker process died while working on it.
WORKER_DIED = "the worker process died while working on it (out of memory, or a crash)"
#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 10


class SchedulerError(QqtextError):
    """A Dask scheduler that cannot be reached or started, or Dask is not installed."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _quiet() -> None:
    """Keep structure warnings out of a worker's stderr (they are rows of the ``warnings`` table)."""
    warnings.filterwarnings("ignore", category=QqtextWarning)


def _quietly(fn: Callable[[T], R], item: T) -> R:
    _quiet()
    return fn(item)


class Engine:
    """Applies a function to items; subclasses say where. Use as a context manager."""

    #: How many items run at once.
    workers: int = 1
    #: A short description for messages (``2 processes``, ``dask tcp://…``).
    name: str = "this process"

    def imap_unordered(self, fn: Callable[[T], R], items: Iterable[T],
                       *, window: int | None = None) -> Iterator[tuple[T, R | None, str | None]]:
        """Yield ``(item, fn(item), None)`` for each item as it finishes, or ``(item, None, reason)``
        when the worker failed on it (never for an exception ``fn`` returns as a value)."""
        raise NotImplementedError

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """``[fn(item) for item in items]`` on the engine, in the items' order.

        Raises:
            QqtextError: a worker failed on an item.
        """
        listed = list(items)
        out: dict[int, R] = {}
        for (index, _), result, failure in self.imap_unordered(_Indexed(fn), list(enumerate(listed))):
            if failure is not None:
                raise QqtextError(f"{self.name}: {failure}")
            out[index] = result
        return [out[index] for index in range(len(listed))]

    def close(self) -> None:
        """Release the workers."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _Indexed:
    """``fn`` applied to the second element of an ``(index, item)`` pair (picklable)."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def __call__(self, pair: tuple[int, Any]) -> Any:
        return self.fn(pair[1])


class SerialEngine(Engine):
    """Everything in the calling process, one item after another."""

    def imap_unordered(self, fn, items, *, window=None):
        for item in items:
            with warnings.catch_warnings():
                _quiet()
                result = fn(item)
            yield item, result, None


class ProcessEngine(Engine):
    """``jobs`` worker processes (``spawn``) of :class:`concurrent.futures.ProcessPoolExecutor`."""

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self.name = f"{jobs} worker processes"
        self._pool = self._new_pool(jobs)

    @staticmethod
    def _new_pool(jobs: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_quiet)

    def imap_unordered(self, fn, items, *, window=None):
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        source = iter(items)
        limit = window or 4 * self.workers
        pending: dict[Any, Any] = {}
        exhausted = False
        while True:
            suspects = []
            while not exhausted and len(pending) < limit and not suspects:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                try:
                    pending[self._pool.submit(fn, item)] = item
                except BrokenProcessPool:  # it broke since the last results came in
                    suspects.append(item)
            if not pending and not suspects:
                return
            done = wait(pending, return_when=FIRST_COMPLETED)[0] if pending and not suspects else set()
            for future in done:
                item = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    suspects.append(item)
                except Exception as exc:  # the item could not be sent or its result not returned
                    yield item, None, f"{type(exc).__name__}: {exc}"
                else:
                    yield item, result, None
            if suspects:  # the pool is dead: every pending item is suspect; try each alone
                suspects += pending.values()
                pending.clear()
                self._pool.shutdown(wait=False, cancel_futures=True)
                yield from self._one_by_one(fn, suspects)
                self._pool = self._new_pool(self.workers)

    def _one_by_one(self, fn, items):
        from concurrent.futures.process import BrokenProcessPool

        solo = self._new_pool(1)
        try:
            for item in items:
                try:
                    result = solo.submit(fn, item).result()
                except BrokenProcessPool:
                    solo.shutdown(wait=False, cancel_futures=True)
                    solo = self._new_pool(1)
                    yield item, None, WORKER_DIED
                else:
                    yield item, result, None
        finally:
            solo.shutdown(wait=True)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine(Engine):
    """The workers of a Dask distributed cluster: a new local one, or a running one.

    Args:
        scheduler: ``"local"`` for a new :class:`distributed.LocalCluster`, else the scheduler's
            address (``tcp://HOST:PORT``).
        jobs: workers of a local cluster (default: all cores).
        processes: a local cluster's workers are processes (default) or threads of this process.

    Raises:
        SchedulerError: Dask is not installed, the local cluster cannot start, or the scheduler
            does not answer within :data:`CONNECT_TIMEOUT` seconds.
    """

    def __init__(self, scheduler: str, *, jobs: int | None = None, processes: bool = True) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SchedulerError("--scheduler needs dask.distributed: pip install 'qqtext[corpus]'") from None
        self._cluster = None
        try:
            if scheduler == "local":
                self._cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1,
                                             processes=processes, dashboard_address=None,
                                             silence_logs=logging.ERROR)
                self._client = Client(self._cluster, timeout=CONNECT_TIMEOUT)
            else:
                with _quiet_logs():
                    self._client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except Exception as exc:  # a bad address, a refused or silent port, a cluster that cannot start
            if self._cluster is not None:
                with contextlib.suppress(Exception):
                    self._cluster.close()
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise SchedulerError(f"scheduler {scheduler}: cannot connect ({reason})") from None
        threads = sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values())
        self.workers = max(1, threads)
        self.name = f"dask {self._client.scheduler.address} ({self.workers} threads)"

    @property
    def client(self):
        """The :class:`distributed.Client`."""
        return self._client

    def imap_unordered(self, fn, items, *, window=None):
        from distributed import as_completed

        source = iter(items)
        limit = window or 4 * self.workers
        keys: dict[str, Any] = {}

        def submit():
            try:
                item = next(source)
            except StopIteration:
                return None
            future = self._client.submit(_quietly, fn, item, pure=False)
            keys[future.key] = item
            return future

        first = [f for f in (submit() for _ in range(limit)) if f is not None]
        if not first:
            return
        running = as_completed(first)
        for future in running:
            item = keys.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # KilledWorker: the worker died on it (twice), or it was lost
                yield item, None, f"{WORKER_DIED} [{type(exc).__name__}]"
            else:
                yield item, result, None
            future.release()
            following = submit()
            if following is not None:
                running.add(following)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()


@contextlib.contextmanager
def _quiet_logs() -> Iterator[None]:
    """Keep distributed's connection retries off stderr while connecting (the error says why)."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def open_engine(*, jobs: int | None = None, scheduler: str | None = None, processes: bool = True) -> Engine:
    """The engine for ``jobs`` and ``scheduler`` (see the module documentation).

    Raises:
        QqtextError: ``jobs`` is below 1.
        SchedulerError: see :class:`DaskEngine`.
    """
    if jobs is not None and jobs < 1:
        raise QqtextError(f"--jobs must be at least 1, not {jobs}")
    if scheduler:
        return DaskEngine(scheduler, jobs=jobs, processes=processes)
    count = jobs or default_jobs()
    return SerialEngine() if count == 1 else ProcessEngine(count)

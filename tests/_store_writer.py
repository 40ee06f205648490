"""The writer process of the store's concurrency test (``tests/test_store.py``).

It lives in its own module so that each spawned process imports only this and the store, not
pytest and the test module: twenty processes start noticeably faster on two cores.
"""

from __future__ import annotations

import time

from qqtext.sessions.store import AnswerRecord, ResultsStore

WRITERS, ATTEMPTS, ANSWERS = 20, 25, 10


def writer(url: str, worker: int, barrier, results) -> None:
    """Open the store, wait for the others, save ATTEMPTS attempts of ANSWERS answers; report the ids."""
    store = ResultsStore(url)
    learner = store.learner_id(f"学员{worker:02d}")
    barrier.wait(timeout=120)
    start = time.monotonic()
    ids = []
    for attempt in range(ATTEMPTS):
        answers = [AnswerRecord(f"q-{worker}-{attempt}-{i}", (f"{worker}|{attempt}", "答案"), (worker + i) % 3 > 0,
                                0.5 * i, shown=(f"选项{worker}", f"选项{i}"), chosen=(f"选项{i}",))
                   for i in range(ANSWERS)]
        ids.append(store.save_attempt(learner, f"paper-{worker}", answers, session=f"session-{worker % 4}"))
    results.put((worker, learner, ids, time.monotonic() - start))
    store.close()

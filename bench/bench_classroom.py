"""Load benchmark of the classroom server: N learners open the page at the same moment and take a paper.

For each N (default 20, 100, 200) a fresh ``qqtext serve`` is started on a free port of 127.0.0.1
with a temporary results store; N simulated learners (asyncio + httpx, each with its own cookies)
then all at once: open the join link, 开始作答, read question 1 (**time to first question**), and for
every question read it, think a moment (``--think`` seconds, uniformly 0.5×–1.5×, seeded), answer it
(**submit**, the POST until its redirect) and read the feedback; then 交卷. Afterwards the results
store is read back: an attempt per learner with every answer, none lost and none twice.

Printed per N: p50/p95/max of time to first question, submit, feedback page and 交卷, as the client
measures them (on the same machine, so they include the client's own share of the two cores and the
wait for a connection: an upper bound) and as the server measures them (the ``Server-Timing``
header: from the request reaching the app to its response starting, queueing in the app included),
errors, the server's peak RSS (VmHWM), and lost / duplicated
attempts; the goals (first question p95 < 1 s, submit p95 < 200 ms, server < 1 GB, 0 lost) are
checked and each printed as met or not. Bounded: at most 500 learners and ``--deadline`` seconds per
run; 127.0.0.1 only.

    python bench/bench_classroom.py                 # N = 20, 100, 200
    python bench/bench_classroom.py --learners 50 --think 0
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

RE_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
RE_OPTION = re.compile(r'<input type="(?:radio|checkbox)" name="answer" value="([^"]+)"')
RE_BLANKS = re.compile(r'name="blank"')
RE_JOIN = re.compile(r"学员入口：(http://127\.0\.0\.1:\d+/j/\d+)")
RE_TIMING = re.compile(r"app;dur=([\d.]+)")


def server_seconds(*responses) -> float:
    """The server's own time for these responses (and the redirects before them), from Server-Timing."""
    total = 0.0
    for response in responses:
        for one in (*response.history, response):
            found = RE_TIMING.search(one.headers.get("server-timing", ""))
            total += float(found.group(1)) / 1000 if found else 0.0
    return total
MAX_LEARNERS = 500
GOALS = {"first_p95": 1.0, "submit_p95": 0.2, "rss_mb": 1024}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(folder: Path, count: int, n: int, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = folder / f"serve-{n}.log"
    command = [sys.executable, "-m", "qqtext.cli", "serve", "--port", str(port), "--count", str(count),
               "--session", f"压测{n}", "--results", str(folder / f"results-{n}.sqlite"), "--workers", str(workers)]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"qqtext serve exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.read() == b"ok":
                    return process, RE_JOIN.search(log.read_text()).group(1)
        except OSError:
            time.sleep(0.3)
    raise SystemExit("qqtext serve did not start within 180 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the worker processes of ``--workers N``)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def memory_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process and its workers, summed, in MB, from /proc."""
    rss = peak = 0.0
    for one in _tree(pid):
        try:
            fields = dict(line.split(":", 1) for line in Path(f"/proc/{one}/status").read_text().splitlines()
                          if ":" in line)
        except OSError:
            continue
        rss += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        peak += int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    return rss, peak


def quantiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return (float("nan"),) * 3
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[-1]


async def learner(client, join_url: str, count: int, think: float, rng: random.Random, start: asyncio.Event,
                  timings: dict, errors: list) -> None:
    base = join_url.rsplit("/j/", 1)[0]
    code = join_url.rsplit("/", 1)[1]
    await start.wait()
    try:
        began = time.perf_counter()
        opened = await client.get(join_url)
        joined = await client.post(join_url, data={"csrf": RE_CSRF.search(opened.text).group(1)})
        if "qq-stem" not in joined.text:
            raise RuntimeError(f"join gave {joined.status_code}")
        timings["first"].append(time.perf_counter() - began)
        timings["first_server"].append(server_seconds(opened, joined))
        page = joined.text
        for n in range(1, count + 1):
            if n > 1:
                page = (await client.get(f"{base}/s/{code}/q/{n}")).text
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            options = RE_OPTION.findall(page)
            data = {"csrf": RE_CSRF.search(page).group(1)}
            if options:
                data["answer"] = rng.choice(options)
            else:
                data["blank"] = ["不知道"] * max(1, len(RE_BLANKS.findall(page)))
            t = time.perf_counter()
            posted = await client.post(f"{base}/s/{code}/q/{n}", data=data, follow_redirects=False)
            timings["submit"].append(time.perf_counter() - t)
            timings["submit_server"].append(server_seconds(posted))
            if posted.status_code != 303:
                raise RuntimeError(f"answer {n} gave {posted.status_code}")
            t = time.perf_counter()
            feedback = await client.get(base + posted.headers["location"])
            timings["feedback"].append(time.perf_counter() - t)
            if "qq-verdict" not in feedback.text:
                raise RuntimeError(f"no feedback after answer {n}")
            page = feedback.text
        t = time.perf_counter()
        done = await client.post(f"{base}/s/{code}/finish", data={"csrf": RE_CSRF.search(page).group(1),
                                                                  "confirm": "1"})
        timings["finish"].append(time.perf_counter() - t)
        if "qq-score" not in done.text:
            raise RuntimeError(f"交卷 gave {done.status_code}")
    except Exception as error:  # noqa: BLE001 - counted and shown, the run goes on
        errors.append(f"{type(error).__name__}: {error}"[:200])


async def drive(join_url: str, n: int, count: int, think: float, seed: int, deadline: float) -> tuple[dict, list]:
    import httpx

    timings = {"first": [], "first_server": [], "submit": [], "submit_server": [], "feedback": [], "finish": []}
    errors: list[str] = []
    start = asyncio.Event()
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    clients = [httpx.AsyncClient(timeout=60, limits=limits, follow_redirects=True) for _ in range(n)]
    rngs = [random.Random(seed * 1000 + i) for i in range(n)]
    try:
        tasks = [asyncio.create_task(learner(c, join_url, count, think, r, start, timings, errors))
                 for c, r in zip(clients, rngs)]
        start.set()
        done, pending = await asyncio.wait(tasks, timeout=deadline)
        for task in pending:
            task.cancel()
        errors += [f"timed out after {deadline:.0f} s"] * len(pending)
    finally:
        await asyncio.gather(*(c.aclose() for c in clients), return_exceptions=True)
    return timings, errors


def check_store(path: Path, session: str, n: int, count: int) -> tuple[int, int, int]:
    """(attempts, learners with more than one attempt, attempts missing answers) in the store."""
    from collections import Counter

    from qqtext.sessions.store import ResultsStore

    with ResultsStore(path, read_only=True) as store:
        attempts = store.attempts(session=session)
        per_learner = Counter(a.learner_id for a in attempts)
        short = sum(1 for a in attempts if len(store.answers(a.id, learner_id=a.learner_id)) != count)
    return len(attempts), sum(1 for c in per_learner.values() if c > 1), short


def run(n: int, *, count: int, think: float, seed: int, deadline: float, folder: Path, workers: int) -> dict:
    process, join_url = start_server(folder, count, n, workers)
    try:
        idle_rss, _ = memory_mb(process.pid)
        began = time.perf_counter()
        timings, errors = asyncio.run(drive(join_url, n, count, think, seed, deadline))
        wall = time.perf_counter() - began
        rss, peak = memory_mb(process.pid)
    finally:
        stop(process)
    attempts, doubled, short = check_store(folder / f"results-{n}.sqlite", f"压测{n}", n, count)
    return {"n": n, "wall": wall, "timings": timings, "errors": errors, "idle_rss": idle_rss, "rss": rss, "peak": peak,
            "attempts": attempts, "lost": n - attempts + short, "doubled": doubled}


def report(result: dict) -> list[str]:
    n = result["n"]
    lines = [f"\nN = {n} learners, {result['wall']:.1f} s in all; server RSS (all processes) idle {result['idle_rss']:.0f} MB, "
             f"after {result['rss']:.0f} MB, peak {result['peak']:.0f} MB"]
    for key, label in (("first", "first question"), ("first_server", "  server part"), ("submit", "answer submit"),
                       ("submit_server", "  server part"), ("feedback", "feedback page"), ("finish", "交卷")):
        p50, p95, worst = quantiles(result["timings"][key])
        lines.append(f"  {label:<15} n={len(result['timings'][key]):>5}  p50 {p50 * 1000:7.1f} ms  "
                     f"p95 {p95 * 1000:7.1f} ms  max {worst * 1000:7.1f} ms")
    lines.append(f"  errors {len(result['errors'])}; attempts stored {result['attempts']} of {n}; "
                 f"lost {result['lost']}; duplicated {result['doubled']}")
    for error in sorted(set(result["errors"]))[:5]:
        lines.append(f"    e.g. {error}")
    first95, first95s = (quantiles(result["timings"][k])[1] for k in ("first", "first_server"))
    submit95, submit95s = (quantiles(result["timings"][k])[1] for k in ("submit", "submit_server"))
    checks = [("first question p95 < 1 s (server-side)", first95s < GOALS["first_p95"],
               f"{first95s * 1000:.0f} ms; seen by the client {first95 * 1000:.0f} ms"),
              ("submit p95 < 200 ms (server-side)", submit95s < GOALS["submit_p95"],
               f"{submit95s * 1000:.0f} ms; seen by the client {submit95 * 1000:.0f} ms"),
              ("server < 1 GB", result["peak"] < GOALS["rss_mb"], f"{result['peak']:.0f} MB"),
              ("0 lost, 0 duplicated, 0 errors", not (result["lost"] or result["doubled"] or result["errors"]),
               f"{result['lost']} / {result['doubled']} / {len(result['errors'])}")]
    for name, ok, shown in checks:
        lines.append(f"  goal {name}: {'met' if ok else 'NOT met'} ({shown})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, action="append", help="N (repeatable; default 20, 100, 200)")
    parser.add_argument("--count", type=int, default=10, help="questions per paper (default 10)")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds before each answer (default 1)")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds a run may take (default 300)")
    parser.add_argument("--workers", type=int, default=2, help="server processes (qqtext serve --workers; default 2)")
    args = parser.parse_args()
    sizes = args.learners or [20, 100, 200]
    if any(not 0 < n <= MAX_LEARNERS for n in sizes):
        parser.error(f"learners must be between 1 and {MAX_LEARNERS}")
    print(f"classroom load benchmark: {os.cpu_count()} cores, {args.workers} server worker(s), {args.count} questions, "
          f"think {args.think} s, "
          f"client and server on this machine (127.0.0.1)")
    with tempfile.TemporaryDirectory(prefix="qqtext-load-") as tmp:
        results = []
        for n in sizes:
            result = run(n, count=args.count, think=args.think, seed=args.seed, deadline=args.deadline,
                         folder=Path(tmp), workers=args.workers)
            results.append(result)
            print("\n".join(report(result)), flush=True)
    bad = [r for r in results if r["lost"] or r["doubled"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""``qqtext serve``: the classroom server on one machine, for a room of learners.

:func:`serve` opens the results store, creates the session (or finds it again by name, so a
restarted server carries on where it was), builds the question pool before it listens, prints the
learners' address, the session code and the trainer link, and runs the app with uvicorn in one
process until Ctrl-C.

Defaults are safe: it listens on 127.0.0.1 only. With ``--host`` (for the training room's network)
an access code is required from every browser and printed with the addresses.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from pathlib import Path
from typing import Any

from qqtext.errors import QqtextError

__all__ = ["serve", "prepare", "worker_app", "lan_addresses", "DEFAULT_PORT", "HOST", "WORKER_ENV"]

HOST = "127.0.0.1"
DEFAULT_PORT = 8866


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_addresses() -> list[str]:
    """This machine's address on its main network (what learners' phones type), if it has one."""
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outgoing interface
            address = probe.getsockname()[0]
            if not ipaddress.ip_address(address).is_loopback:
                found.append(address)
        except OSError:
            pass
    return found


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            raise QqtextError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def prepare(*, store: Any, doc: str, count: int, seed: int | None, audience: str, session_name: str,
            roster: Path | None, time_limit: int | None, host: str, access_code: str | None = None,
            trainer_token: str | None = None) -> tuple[Any, Any, Any]:
    """The app, its config and the session, ready to serve (the pool built). Used by :func:`serve` and tests."""
    from qqtext.web.app import ServerConfig, create_app
    from qqtext.web.classroom import MAX_ROSTER_BYTES, Classroom, read_roster
    from qqtext.web.papers import PoolShelf
    from qqtext.web.security import new_access_code, new_trainer_token

    entries = None
    if roster is not None:
        try:
            with open(roster, "rb") as handle:
                data = handle.read(MAX_ROSTER_BYTES + 1)
        except OSError as error:
            raise QqtextError(f"{roster}: cannot read the roster: {error.strerror or error}") from None
        if len(data) > MAX_ROSTER_BYTES:
            raise QqtextError(f"{roster}: the roster is larger than {MAX_ROSTER_BYTES // 1024} KB")
        entries = read_roster(data, where=str(roster))
    from qqtext.exercises.quiz import blueprint_for

    classroom = Classroom(store)
    shelf = PoolShelf()
    session = classroom.session_by_name(session_name)
    if session is None:  # check the paper can be drawn before the session exists (a fixed rerun finds no bad one)
        blueprint_for(shelf.wait(doc, seed).pool, count, audience=audience)
        session = classroom.create_session(session_name, doc=doc, count=count, seed=seed, audience=audience,
                                           time_limit=time_limit, roster=entries)
    config = ServerConfig(store=store, trainer_token=trainer_token or new_trainer_token(),
                          access_code=None if _loopback(host) else (access_code or new_access_code()),
                          selfcheck_docs=tuple(dict.fromkeys([session.doc, "jinan-2019"])), shelf=shelf)
    app = create_app(config)
    app.state.server.ready(session)  # the pool (built above for a new session) and the room's papers
    return app, config, session


#: The environment variable that hands a worker process what it serves (JSON, set by :func:`serve`).
WORKER_ENV = "QQTEXT_WORKER"


def worker_app() -> Any:
    """The app of one worker process of ``qqtext serve --workers N`` (uvicorn calls this in each worker).

    The parent made the session and printed the addresses; each worker opens the same store, builds
    the session's pool and its papers drawn ahead, and serves. All state a request needs is in the
    store, so any worker can answer any learner.
    """
    import json

    from qqtext.sessions.store import ResultsStore
    from qqtext.web.app import ServerConfig, create_app

    given = json.loads(os.environ[WORKER_ENV])
    store = ResultsStore(given["results"])
    app = create_app(ServerConfig(store=store, trainer_token=given["trainer_token"], access_code=given["access_code"],
                                  selfcheck_docs=tuple(given["selfcheck_docs"])))
    server = app.state.server
    server.ready(server.classroom.session(given["session"]))
    return app


def serve(*, doc: str, count: int, seed: int | None, audience: str, session_name: str, results: str | None,
          roster: Path | None = None, time_limit: int | None = None, host: str = HOST, port: int = DEFAULT_PORT,
          access_code: str | None = None, workers: int = 1) -> int:
    """Run the classroom server until Ctrl-C; return the exit code.

    ``workers`` > 1 runs that many processes (uvicorn's supervisor) on one listening socket: they share
    the store, so a learner may be answered by any of them.
    """
    import uvicorn

    from qqtext.sessions.store import ResultsStore

    from qqtext.corpus import load_document

    if not 0 < port < 65536:
        raise QqtextError(f"--port must be between 1 and 65535, not {port}")
    load_document(doc)  # a mistyped document is an error before anything is opened
    _check_port(host, port)
    store = ResultsStore(results)
    print(f"qqtext: 正在准备题目（{doc}）……", file=sys.stderr, flush=True)
    app, config, session = prepare(store=store, doc=doc, count=count, seed=seed, audience=audience,
                                   session_name=session_name, roster=roster, time_limit=time_limit, host=host,
                                   access_code=access_code or os.environ.get("QQTEXT_ACCESS_CODE") or None)
    shown_hosts = ([*lan_addresses(), "127.0.0.1"] if host in ("0.0.0.0", "::") else [host])
    lines = [f"场次「{session.name}」，场次码 {session.code}：{session.count} 题，"
             + ("按名单记名" if session.named else "成绩以化名保存")
             + (f"，限时 {session.time_limit} 分钟" if session.time_limit else "")]
    if session.doc != doc or session.count != count or session.seed != seed:
        lines.append(f"（沿用已有场次的设置：文件 {session.doc}，{session.count} 题；要换设置请用新的 --session 名称）")
    for shown in shown_hosts:
        lines.append(f"学员入口：http://{shown}:{port}/j/{session.code}")
    if config.access_code:
        lines.append(f"访问码：{config.access_code}（每台设备第一次打开时输入）")
    lines.append(f"教员页面：http://{shown_hosts[-1]}:{port}/trainer?token={config.trainer_token}")
    lines.append(f"成绩库：{store.where}")
    lines.append("按 Ctrl-C 停止服务器。")
    print("\n".join(lines), flush=True)
    options = {"host": host, "port": port, "log_level": "warning", "access_log": False, "lifespan": "off",
               "timeout_graceful_shutdown": 5}
    try:
        if workers > 1:
            import json

            from qqtext.sessions.store import default_location

            target = default_location() if results is None else results
            if "://" not in str(target):
                target = str(Path(target).expanduser().resolve())
            os.environ[WORKER_ENV] = json.dumps({
                "results": str(target), "session": session.code, "trainer_token": config.trainer_token,
                "access_code": config.access_code, "selfcheck_docs": list(config.selfcheck_docs)})
            store.close()
            uvicorn.run("qqtext.web.server:worker_app", factory=True, workers=workers, **options)
        else:
            uvicorn.Server(uvicorn.Config(app, **options)).run()
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    print("qqtext: 服务器已停止。", file=sys.stderr)
    return 0

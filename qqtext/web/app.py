"""The classroom server's learner pages: join a session, answer, hand in, see the 错题本, retest, 自查.

A small Starlette app (ASGI) renders every page on the server from the question model; a page is
plain HTML with forms, so it works on a phone's browser, survives a reload, and needs no script to
answer (a few lines of script count the time down and keep the 自查 answers in the browser). One
process serves the whole room: the question pool is built once per session, a page is rendered in
about a millisecond, and an answer is one short write to the results store's database.

Routes (``{code}`` is the session code the trainer announces):

* ``/`` — type a session code; ``/j/{code}`` — join (name, 单位 from the roster, or a 续答码);
* ``/s/{code}/q/{n}`` — question *n*: GET shows it (with the verdict, 解析 and cited passage once
  answered), POST answers it; ``/s/{code}/finish`` (POST) — 交卷; ``/s/{code}/result`` — score,
  历次成绩, 错题本 grouped by article; ``/s/{code}/retest`` and ``/s/{code}/again`` (POST) — 再练错题,
  再做一套;
* ``/zicha`` and ``/zicha/{doc}`` — the 自查 checklist, answered in the browser only;
* ``/trainer…`` — the trainer's pages (:mod:`qqtext.web.trainer`);
* ``/healthz`` — ``ok`` once the server is up.

Safety: see :mod:`qqtext.web.security` (signed browser cookie, CSRF token on every POST, access code
beyond 127.0.0.1, trainer token).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from qqtext.errors import QqtextError
from qqtext.web.classroom import Classroom, ClassroomError, ClassSession, LearnerPaper, new_learner_id
from qqtext.web.papers import PoolShelf, SessionPool, arrange, option_order
from qqtext.web.security import (
    ACCESS_COOKIE,
    BROWSER_COOKIE,
    COOKIE_DAYS,
    Signer,
    new_browser_id,
)

__all__ = ["ServerConfig", "ClassroomServer", "create_app", "RETEST_SUFFIX"]

#: The session label of a 再练错题 attempt: ``<session name>·再练错题`` (kept out of the class report).
RETEST_SUFFIX = "·再练错题"
MAX_FORM_BYTES = 1024 * 1024


@dataclass
class ServerConfig:
    """What the server is started with.

    Attributes:
        store: the results store (its database also holds the sessions and papers in progress).
        trainer_token: the secret of the trainer pages (printed at start).
        access_code: asked once per browser before any learner page; ``None`` on 127.0.0.1.
        selfcheck_docs: the documents offered on ``/zicha``.
        clock: for tests; the current time otherwise.
    """

    store: Any
    trainer_token: str
    access_code: str | None = None
    selfcheck_docs: tuple[str, ...] = ("jinan-2019",)
    clock: Callable[[], datetime] | None = None
    shelf: PoolShelf = field(default_factory=PoolShelf)


class _Redirect(Exception):
    def __init__(self, url: str) -> None:
        self.url = url


class _Page(Exception):
    """Stop handling and show a page (an error page, 题目准备中 …)."""

    def __init__(self, template: str, status: int = 200, **context: Any) -> None:
        self.template, self.status, self.context = template, status, context


class ClassroomServer:
    """The state behind the pages: the classroom tables, the pools, the signer and the templates."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.store = config.store
        self.classroom = Classroom(config.store, clock=config.clock)
        self.shelf = config.shelf
        self._selfchecks: dict[str, tuple] = {}
        # keyed by the store's secret: cookies stay valid across a restart on the same store
        self.signer = Signer(self.store.derived_secret("web-cookies"))

    @cached_property
    def templates(self) -> Any:
        from jinja2 import Environment, PackageLoader, select_autoescape

        env = Environment(loader=PackageLoader("qqtext.web", "templates"), autoescape=select_autoescape(default=True),
                          trim_blocks=True, lstrip_blocks=True)
        return env

    # -- plumbing ----------------------------------------------------------------------------------

    def render(self, request: Any, template: str, status: int = 200, **context: Any) -> Any:
        from starlette.responses import HTMLResponse

        browser = request.state.browser
        context.setdefault("csrf", self.signer.csrf(browser))
        context.setdefault("trainer", False)
        body = self.templates.get_template(template).render(**context)
        return self.finish_response(request, HTMLResponse(body, status_code=status))

    def finish_response(self, request: Any, response: Any) -> Any:
        if request.state.new_browser:
            response.set_cookie(BROWSER_COOKIE, self.signer.sign(request.state.browser), max_age=COOKIE_DAYS * 86400,
                                httponly=True, samesite="lax")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    def redirect(self, request: Any, url: str) -> Any:
        from starlette.responses import RedirectResponse

        return self.finish_response(request, RedirectResponse(url, status_code=303))

    def identify(self, request: Any) -> None:
        """Put the browser id on ``request.state`` (a new one when the cookie is missing or forged)."""
        browser = self.signer.unsign(request.cookies.get(BROWSER_COOKIE))
        request.state.new_browser = browser is None
        request.state.browser = browser or new_browser_id()

    def has_access(self, request: Any) -> bool:
        code = self.config.access_code
        return code is None or self.signer.unsign(request.cookies.get(ACCESS_COOKIE), purpose="access") == "ok"

    async def form(self, request: Any) -> Any:
        """The posted form, after the CSRF check (a bad token is a 403 page, never a write)."""
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_FORM_BYTES:
            raise _Page("error.html", 413, title="提交的内容过大", message="提交的内容过大，请检查后重试。")
        form = await request.form()
        if not self.signer.check_csrf(request.state.browser if not request.state.new_browser else None,
                                      form.get("csrf")):
            raise _Page("error.html", 403, title="页面已过期",
                        message="页面已过期或不是从本站打开的，请返回上一页刷新后重试。")
        return form

    def session_or_404(self, code: str) -> ClassSession:
        session = self.classroom.session(code)
        if session is None:
            raise _Page("error.html", 404, title="没有这个场次",
                        message=f"场次码 {code} 不存在，请核对培训组织者公布的场次码。", retry_home=True)
        return session

    def pool_or_wait(self, session: ClassSession) -> SessionPool:
        try:
            pool = self.shelf.get(session.doc, session.seed)
        except QqtextError as error:
            raise _Page("error.html", 503, title="本场题目无法生成",
                        message=f"本场的题目无法从文件生成：{error}。请告知培训组织者。") from None
        if pool is None:
            raise _Page("wait.html", 503, title="题目准备中", session=session)
        return pool

    def ready(self, session: ClassSession) -> SessionPool:
        """Build the session's pool now and, for papers of their own, draw the room's papers ahead.

        Raises:
            QqtextError: the document cannot be read or gives no questions.
        """
        from qqtext.web.papers import STOCK

        pool = self.shelf.wait(session.doc, session.seed)
        if session.seed is None:
            pool.stock_up(count=session.count, audience=session.audience, size=max(STOCK, len(session.roster or ())))
        return pool

    def prepare(self, session: ClassSession) -> None:
        """:meth:`ready` in the background (nothing waits for it; an error is shown to whoever opens the session)."""
        import threading

        def work() -> None:
            try:
                self.ready(session)
            except QqtextError:
                pass

        threading.Thread(target=work, name=f"prepare-{session.code}", daemon=True).start()

    def selfcheck(self, doc_id: str) -> tuple[Any, list]:
        """The document and its 自查 items (made once per document)."""
        if doc_id not in self._selfchecks:
            from qqtext.corpus import load_document
            from qqtext.sessions.selfcheck import self_check_items

            doc = load_document(doc_id)
            self._selfchecks[doc_id] = (doc, self_check_items(doc))
        return self._selfchecks[doc_id]

    def hand_in(self, session: ClassSession, pool: SessionPool, paper: LearnerPaper) -> LearnerPaper:
        from qqtext.sessions.grading import derive_paper_id
        from qqtext.sessions.responses import seen
        from qqtext.sessions.store import AnswerRecord

        questions = pool.questions(paper.questions)
        records, score = [], 0.0
        for question, answer in zip(questions, paper.answers):
            shown, chosen = seen(question, answer.response)
            records.append(AnswerRecord(question.id, tuple(answer.response), bool(answer.correct),
                                        float(answer.seconds), shown=shown, chosen=chosen))
            score += question.score if answer.correct else 0.0
        label = session.name + (RETEST_SUFFIX if paper.kind == "retest" else "")
        return self.classroom.hand_in(paper, session, records, label=label, paper_id=derive_paper_id(questions),
                                      max_score=float(sum(q.score for q in questions)), score=score)

    def live_paper(self, request: Any, session: ClassSession, pool: SessionPool) -> LearnerPaper:
        """This browser's paper in the session; a paper whose time is up is handed in first."""
        paper = self.classroom.current_paper(session.code, request.state.browser)
        if paper is None:
            raise _Redirect(f"/j/{session.code}")
        if self.classroom.expired(paper):
            self.hand_in(session, pool, paper)
            raise _Redirect(f"/s/{session.code}/result?timeout=1")
        return paper


def _inline(handler: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Run a quick handler in the event loop itself, not in a worker thread.

    A learner's page is about a millisecond of Python and a short SQLite statement: run inline, a
    burst of requests is served one after another, instead of a hundred threads contending for the
    interpreter lock (and each thread hop costs as much as the page). Slow pages (the trainer's
    report, the first 自查 of a document) stay plain functions, which Starlette runs in threads.
    """

    async def run(request: Any) -> Any:
        return handler(request)

    run.__name__ = run.__qualname__ = handler.__name__
    return run


def _learner_routes(server: ClassroomServer) -> list:
    from starlette.routing import Route

    s = server

    def posted(handler: Callable[[Any, Any], Any]) -> Callable[[Any], Any]:
        """A POST handler: the form read and its CSRF token checked first, then ``handler(request, form)`` inline."""

        async def run(request: Any) -> Any:
            return handler(request, await s.form(request))

        return run

    def open_paper(request: Any) -> tuple[ClassSession, SessionPool, LearnerPaper]:
        """The session, its pool and this browser's live paper (a redirect to the result once handed in)."""
        session = s.session_or_404(request.path_params["code"])
        pool = s.pool_or_wait(session)
        paper = s.live_paper(request, session, pool)
        if paper.finished:
            raise _Redirect(f"/s/{session.code}/result")
        return session, pool, paper

    def index(request: Any) -> Any:
        code = (request.query_params.get("code") or "").strip()
        if code:
            return s.redirect(request, f"/j/{code}")
        return s.render(request, "index.html", docs=s.config.selfcheck_docs)

    def join(request: Any) -> Any:
        session = s.session_or_404(request.path_params["code"])
        s.pool_or_wait(session)
        paper = s.classroom.current_paper(session.code, request.state.browser)
        if paper is not None:
            return s.redirect(request, f"/s/{session.code}/result" if paper.finished
                              else f"/s/{session.code}/q/{paper.next_open() + 1}")
        return s.render(request, "join.html", session=session, error=None, form={})

    def _join(request: Any, form: Any) -> Any:
        session = s.session_or_404(request.path_params["code"])
        pool = s.pool_or_wait(session)
        browser = request.state.browser
        resume = (form.get("resume") or "").strip()
        if resume:
            paper = s.classroom.claim(session.code, resume, browser)
            if paper is None:
                return s.render(request, "join.html", 400, session=session, form=dict(form),
                                error="续答码不对，请核对后重新输入（不区分大小写）。")
            return s.redirect(request, f"/s/{session.code}/q/{paper.next_open() + 1}")
        current = s.classroom.current_paper(session.code, browser)
        if current is not None and not current.finished:  # a second click on 开始作答
            return s.redirect(request, f"/s/{session.code}/q/{current.next_open() + 1}")
        name, unit = (form.get("name") or "").strip(), (form.get("unit") or "").strip()
        if session.named:
            entry = session.roster_entry(name, unit)
            if entry is None:
                return s.render(request, "join.html", 400, session=session, form=dict(form),
                                error="名单中没有这个姓名（或同名学员请选择单位），请按报名时的姓名填写，或询问培训组织者。")
            learner = s.store.learner_id(f"{entry.name}\t{entry.unit}")
            started = [p for p in s.classroom.papers(code=session.code, learner_id=learner) if p.kind == "paper"]
            if started and started[-1].browser != browser:
                return s.render(request, "join.html", 409, session=session, form=dict(form),
                                error="这位学员已在另一台设备上开始作答：请在下方输入那台设备上显示的续答码继续。")
            name, unit = entry.name, entry.unit
        elif name:
            learner = s.store.learner_id(name)
            name, unit = None, None  # an open session keeps no names (the id is pseudonymous)
        else:
            earlier = s.classroom.papers(browser=browser)
            anonymous = [p.learner_id for p in earlier if p.name is None]
            learner = anonymous[-1] if anonymous else new_learner_id()
            name, unit = None, None
        entries = pool.draw(count=session.count, audience=session.audience, paper_seed=session.seed,
                            token=secrets.token_hex(8))
        paper = s.classroom.start_paper(session, browser=browser, learner_id=learner, questions=entries,
                                        name=name, unit=unit)
        return s.redirect(request, f"/s/{session.code}/q/1" if paper else "/")

    def question(request: Any) -> Any:
        return _question_page(request, *open_paper(request), message=None)

    def _question_page(request: Any, session: ClassSession, pool: SessionPool, paper: LearnerPaper, *,
                       message: str | None, status: int = 200) -> Any:
        from qqtext.web.views import question_view

        questions = pool.questions(paper.questions)
        n = request.path_params["n"]
        if not 1 <= n <= len(questions):
            return s.redirect(request, f"/s/{session.code}/q/{paper.next_open() + 1}")
        view = question_view(questions[n - 1], paper.answers[n - 1], index=n - 1, doc=pool.doc)
        strip = [{"number": i + 1, "answered": a.answered, "correct": a.correct} for i, a in enumerate(paper.answers)]
        return s.render(request, "question.html", status, session=session, paper=paper, q=view, total=len(questions),
                        strip=strip, message=message, seconds_left=s.classroom.seconds_left(paper),
                        retest=paper.kind == "retest")

    def _answer(request: Any, form: Any) -> Any:
        from qqtext.sessions.grading import grade, normalize_response

        session, pool, paper = open_paper(request)
        n = request.path_params["n"]
        questions = pool.questions(paper.questions)
        if not 1 <= n <= len(questions):
            return s.redirect(request, f"/s/{session.code}/q/{paper.next_open() + 1}")
        question = questions[n - 1]
        raw = form.getlist("blank") if question.type == "cloze" else form.getlist("answer")
        response = normalize_response(question, [str(v) for v in raw])
        valid = {o.key for o in question.options} | ({"对", "错"} if question.type == "true_false" else set())
        if question.type != "cloze":
            response = tuple(r for r in response if r in valid)
        if not response:
            return _question_page(request, session, pool, paper, message="请先作答，再点“提交本题”。", status=400)
        try:
            s.classroom.record_answer(paper.token, n - 1, response, grade(question, response))
        except ClassroomError:
            return s.redirect(request, f"/s/{session.code}/result")
        return s.redirect(request, f"/s/{session.code}/q/{n}#feedback")

    def _finish(request: Any, form: Any) -> Any:
        session, pool, paper = open_paper(request)  # handed in already: straight to the result
        missing = [i + 1 for i, a in enumerate(paper.answers) if not a.answered]
        if missing and form.get("confirm") != "1":
            return s.render(request, "confirm.html", session=session, paper=paper, missing=missing)
        s.hand_in(session, pool, paper)
        return s.redirect(request, f"/s/{session.code}/result")

    def result(request: Any) -> Any:
        session = s.session_or_404(request.path_params["code"])
        pool = s.pool_or_wait(session)
        paper = s.classroom.current_paper(session.code, request.state.browser)
        if paper is None:
            return s.redirect(request, f"/j/{session.code}")
        if not paper.finished:
            if not s.classroom.expired(paper):
                return s.redirect(request, f"/s/{session.code}/q/{paper.next_open() + 1}")
            paper = s.hand_in(session, pool, paper)
        return _result_page(request, session, pool, paper)

    def _result_page(request: Any, session: ClassSession, pool: SessionPool, paper: LearnerPaper) -> Any:
        from qqtext.web.views import paper_summary, wrong_book

        questions = pool.questions(paper.questions)
        summary = paper_summary(questions, paper)
        history = [{"session": a.session, "finished": (a.finished or "")[:16].replace("T", " "),
                    "score": a.score, "max_score": a.max_score, "current": a.id == paper.attempt_id}
                   for a in s.store.learner_attempts(paper.learner_id)]
        book = wrong_book(_latest_answers(pool, s.classroom.papers(learner_id=paper.learner_id)), pool.doc)
        return s.render(request, "result.html", session=session, paper=paper, summary=summary, history=history,
                        book=book, can_retest=bool(book), can_again=not session.named,
                        timeout=request.query_params.get("timeout") == "1", retest=paper.kind == "retest")

    def _new_paper(request: Any, _form: Any, kind: str) -> Any:
        import random

        from qqtext.exercises.assemble import shuffle_options

        session = s.session_or_404(request.path_params["code"])
        pool = s.pool_or_wait(session)
        paper = s.classroom.current_paper(session.code, request.state.browser)
        if paper is None or not paper.finished:
            return s.redirect(request, f"/j/{session.code}")
        if kind == "retest":
            latest = _latest_answers(pool, s.classroom.papers(learner_id=paper.learner_id))
            wrong = [q for q, correct, _ in latest.values() if not correct]
            if not wrong:
                return s.redirect(request, f"/s/{session.code}/result")
            rng = random.Random(secrets.randbits(32))
            rng.shuffle(wrong)
            entries = []
            for q in wrong[:max(session.count, 1)]:
                pool_q = pool.questions_by_id[q.id]
                entries.append((q.id, option_order(pool_q, shuffle_options(pool_q, rng))))
        elif session.named:
            return s.redirect(request, f"/s/{session.code}/result")
        else:
            entries = pool.draw(count=session.count, audience=session.audience, paper_seed=None,
                                token=secrets.token_hex(8))
        s.classroom.start_paper(session, browser=request.state.browser, learner_id=paper.learner_id,
                                questions=entries, name=paper.name, unit=paper.unit, kind=kind)
        return s.redirect(request, f"/s/{session.code}/q/1")

    def selfcheck_index(request: Any) -> Any:
        return s.render(request, "selfcheck_index.html", docs=_selfcheck_titles(s))

    def selfcheck(request: Any) -> Any:
        doc_id = request.path_params["doc"]
        if doc_id not in s.config.selfcheck_docs:
            raise _Page("error.html", 404, title="没有这份自查清单", message="没有这份自查清单。", retry_home=True)
        doc, items = s.selfcheck(doc_id)
        return s.render(request, "selfcheck.html", doc=doc, items=items)

    def healthz(request: Any) -> Any:
        from starlette.responses import PlainTextResponse

        return PlainTextResponse("ok")

    return [
        Route("/", _inline(index)),
        Route("/healthz", _inline(healthz)),
        Route("/j/{code}", _inline(join), methods=["GET"]),
        Route("/j/{code}", posted(_join), methods=["POST"]),
        Route("/s/{code}/q/{n:int}", _inline(question), methods=["GET"]),
        Route("/s/{code}/q/{n:int}", posted(_answer), methods=["POST"]),
        Route("/s/{code}/finish", posted(_finish), methods=["POST"]),
        Route("/s/{code}/result", _inline(result), methods=["GET"]),
        Route("/s/{code}/retest", posted(lambda request, form: _new_paper(request, form, "retest")), methods=["POST"]),
        Route("/s/{code}/again", posted(lambda request, form: _new_paper(request, form, "paper")), methods=["POST"]),
        Route("/zicha", selfcheck_index),
        Route("/zicha/{doc}", selfcheck),
    ]


def _latest_answers(pool: SessionPool, papers: list[LearnerPaper]) -> dict:
    """Per question of this pool: (question as last shown, last answer right?, response), over handed-in papers."""
    latest: dict = {}
    for paper in papers:  # oldest first: later answers win
        if not paper.finished:
            continue
        for (qid, order), answer in zip(paper.questions, paper.answers):
            if qid in pool.questions_by_id:
                latest[qid] = (arrange(pool.questions_by_id[qid], order), bool(answer.correct), answer.response)
    return latest


def _selfcheck_titles(server: ClassroomServer) -> list[dict]:
    titles = []
    for doc_id in server.config.selfcheck_docs:
        try:
            doc, items = server.selfcheck(doc_id)
        except QqtextError:
            continue
        titles.append({"id": doc_id, "title": doc.title, "count": len(items)})
    return titles


def create_app(config: ServerConfig) -> Any:
    """The ASGI app of the classroom server."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from qqtext.web.trainer import trainer_routes

    server = ClassroomServer(config)
    routes = _learner_routes(server) + trainer_routes(server)
    routes.append(Mount("/static", app=StaticFiles(packages=[("qqtext.web", "static")]), name="static"))

    class Gate:
        """Identify the browser; ask for the access code first when one is set; turn stops into pages."""

        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await self.app(scope, receive, send)
                return
            from starlette.requests import Request

            request = Request(scope, receive)
            server.identify(request)  # request.state is scope["state"]: the routes' requests see it too
            path = scope["path"]
            open_paths = ("/static/", "/healthz", "/access", "/trainer")
            if not server.has_access(request) and not path.startswith(open_paths):
                from starlette.responses import RedirectResponse
                from urllib.parse import quote

                response = server.finish_response(request, RedirectResponse(f"/access?next={quote(path)}", 303))
                await response(scope, receive, send)
                return
            began = time.perf_counter()

            async def timed_send(message: Any) -> None:
                if message["type"] == "http.response.start":  # how long the server took (for the load benchmark)
                    spent = (time.perf_counter() - began) * 1000
                    message.setdefault("headers", []).append((b"server-timing", f"app;dur={spent:.1f}".encode()))
                await send(message)

            await self.app(scope, receive, timed_send)

    async def stop(request: Any, exc: Exception) -> Any:
        if isinstance(exc, _Redirect):
            return server.redirect(request, exc.url)
        if isinstance(exc, _Page):
            return server.render(request, exc.template, exc.status, **exc.context)
        if isinstance(exc, HTTPException):
            titles = {404: "页面不存在", 405: "不能这样打开这个页面"}
            title = titles.get(exc.status_code, "出错了")
            return server.render(request, "error.html", exc.status_code, title=title,
                                 message=f"{title}。请从首页重新进入。", retry_home=True)
        if isinstance(exc, QqtextError):
            return server.render(request, "error.html", 400, title="无法完成", message=f"无法完成：{exc}")
        return server.render(request, "error.html", 500, title="服务器出错",
                             message="服务器出错了，您的作答已保存。请稍后刷新本页；如仍不行，请告知培训组织者。")

    access = _access_routes(server)
    app = Starlette(routes=access + routes, middleware=[Middleware(Gate)],
                    exception_handlers={_Redirect: stop, _Page: stop, HTTPException: stop, Exception: stop})
    app.state.server = server
    return app


def _access_routes(server: ClassroomServer) -> list:
    from starlette.routing import Route

    def _next(value: str | None) -> str:
        return value if value and value.startswith("/") and not value.startswith("//") else "/"

    def access(request: Any) -> Any:
        return server.render(request, "access.html", next=_next(request.query_params.get("next")), error=None)

    async def access_post(request: Any) -> Any:
        form = await server.form(request)
        target = _next(form.get("next"))
        if server.config.access_code is None or server.signer.matches(form.get("code"), server.config.access_code):
            response = server.redirect(request, target)
            response.set_cookie(ACCESS_COOKIE, server.signer.sign("ok", purpose="access"),
                                max_age=COOKIE_DAYS * 86400, httponly=True, samesite="lax")
            return response
        return server.render(request, "access.html", 403, next=target, error="访问码不对，请看培训组织者公布的访问码。")

    return [Route("/access", access, methods=["GET"]), Route("/access", access_post, methods=["POST"])]

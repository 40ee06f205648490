"""The trainer's pages of the classroom server: sessions, live progress, facility, 成绩单, the full report.

Every page here needs the trainer token printed when the server starts: opening
``/trainer?token=…`` once stores a signed cookie in that browser. Learners never see these pages.

* ``/trainer`` — the sessions, with a form to create one (name, document, questions, paper seed,
  time limit, roster CSV of 姓名/单位);
* ``/trainer/s/{code}`` — live progress: who joined, how far each learner is, scores handed in, and
  per question how many answered and the share right (refreshed every few seconds from
  ``/trainer/s/{code}/live.json``);
* ``/trainer/s/{code}/scores.xlsx`` — the 成绩单: named with a roster (every roster learner, joined
  or not), pseudonymous otherwise;
* ``/trainer/s/{code}/report`` — the class report (item analysis, distractors, mastery per article)
  of :mod:`qqtext.sessions.report`, for the attempts handed in so far.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from qqtext.errors import QqtextError
from qqtext.web.classroom import MAX_ROSTER_BYTES, ClassroomError, ClassSession, read_roster
from qqtext.web.security import COOKIE_DAYS, TRAINER_COOKIE

if TYPE_CHECKING:
    from qqtext.web.app import ClassroomServer

__all__ = ["trainer_routes", "live_progress", "score_sheet"]

AUDIENCES = {"official": "公职人员", "business": "企业", "all": "全部"}


def _display(paper: Any) -> str:
    if paper.name:
        return f"{paper.name}（{paper.unit}）" if paper.unit else paper.name
    return paper.learner_id


def _first_papers(server: ClassroomServer, session: ClassSession) -> dict[str, Any]:
    """Each learner's first paper of the session (not 再做一套 or retests): what the session's results are."""
    first: dict[str, Any] = {}
    for paper in server.classroom.papers(code=session.code):
        if paper.kind == "paper":
            first.setdefault(paper.learner_id, paper)
    return first


def live_progress(server: ClassroomServer, session: ClassSession) -> dict:
    """The session's progress now: per learner (first paper), per question, and the totals."""
    pool = server.shelf.get(session.doc, session.seed)
    first = _first_papers(server, session)
    learners = []
    for paper in first.values():
        learners.append({"who": _display(paper), "answered": paper.answered, "total": len(paper.answers),
                         "right": sum(1 for a in paper.answers if a.correct),
                         "status": "已交卷" if paper.finished else "作答中", "updated": paper.updated[11:16]})
    if session.roster is not None:
        joined = {(p.name, p.unit or "") for p in first.values()}
        learners += [{"who": f"{e.name}（{e.unit}）" if e.unit else e.name, "answered": 0, "total": session.count,
                      "right": 0, "status": "未参加", "updated": ""}
                     for e in session.roster if (e.name, e.unit) not in joined]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for paper in first.values():
        for (qid, _order), answer in zip(paper.questions, paper.answers):
            if answer.answered:
                tally[qid][0] += 1
                tally[qid][1] += bool(answer.correct)
    questions = []
    for qid, (answered, right) in tally.items():
        question = pool.questions_by_id.get(qid) if pool is not None else None
        questions.append({"id": qid, "stem": question.stem if question else qid,
                          "citation": question.source.citation() if question else "",
                          "answered": answered, "right": right,
                          "facility": round(right / answered, 2) if answered else None})
    questions.sort(key=lambda q: (q["facility"] if q["facility"] is not None else 2, q["id"]))
    finished = sum(1 for p in first.values() if p.finished)
    return {"code": session.code, "name": session.name, "joined": len(first), "finished": finished,
            "answering": len(first) - finished, "learners": learners, "questions": questions,
            "roster": len(session.roster) if session.roster is not None else None}


def score_sheet(server: ClassroomServer, session: ClassSession) -> bytes:
    """The 成绩单 as XLSX bytes: one row per learner (every roster learner when there is a roster)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.page import PageMargins

    attempts = {a.id: a for a in server.store.attempts(session=session.name)}
    first = _first_papers(server, session)
    book = Workbook()
    sheet = book.active
    sheet.title = "成绩单"
    named = session.roster is not None
    headers = (["序号", "姓名", "单位"] if named else ["序号", "化名"]) + ["状态", "得分", "满分", "已答", "交卷时间"]
    sheet.append([f"{session.name} 成绩单"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    rows = []
    for paper in first.values():
        attempt = attempts.get(paper.attempt_id) if paper.attempt_id is not None else None
        who = [paper.name or "", paper.unit or ""] if named else [paper.learner_id]
        rows.append(who + ["已交卷" if attempt else "作答中", attempt.score if attempt else None,
                           attempt.max_score if attempt else None, paper.answered,
                           (attempt.finished or "")[:16].replace("T", " ") if attempt else ""])
    if named:
        joined = {(p.name, p.unit or "") for p in first.values()}
        rows += [[e.name, e.unit, "未参加", None, None, 0, ""] for e in session.roster if (e.name, e.unit) not in joined]
        order = {(e.name, e.unit): i for i, e in enumerate(session.roster)}
        rows.sort(key=lambda r: order.get((r[0], r[1]), len(order)))
    else:
        rows.sort(key=lambda r: r[0])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    widths = [6, 14, 24] if named else [6, 16]
    for i, width in enumerate(widths + [10, 8, 8, 8, 18], start=1):
        sheet.column_dimensions[chr(ord("A") + i - 1)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(vertical="center")
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    book.properties.creator = "qqtext"
    from datetime import datetime

    book.properties.created = book.properties.modified = datetime(2000, 1, 1)  # no timestamp in the file
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def trainer_routes(server: ClassroomServer) -> list:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    from qqtext.web.app import _Page

    s = server

    def is_trainer(request: Any) -> bool:
        return s.signer.unsign(request.cookies.get(TRAINER_COOKIE), purpose="trainer") == "trainer"

    def guard(request: Any) -> None:
        if not is_trainer(request):
            raise _Page("trainer_login.html", 403, error=None, trainer=True)

    def doc_choices() -> list[tuple[str, str]]:
        from qqtext.corpus import corpus_entries

        choices = {d: d for d in s.config.selfcheck_docs}
        try:
            for entry in corpus_entries():
                choices.setdefault(entry.id, f"{entry.id} {entry.title or ''}".strip())
        except QqtextError:
            pass
        return list(choices.items())

    def home(request: Any) -> Any:
        token = request.query_params.get("token")
        if token is not None:
            return _login(request, token)
        guard(request)
        return _home(request, error=None, form={})

    def _home(request: Any, *, error: str | None, form: dict, status: int = 200) -> Any:
        rows = []
        for session in s.classroom.sessions():
            first = _first_papers(s, session)  # the counts only, not the whole live view of every session
            rows.append({"session": session, "joined": len(first), "finished": sum(p.finished for p in first.values()),
                         "audience": AUDIENCES.get(session.audience, session.audience)})
        return s.render(request, "trainer.html", status, rows=rows, docs=doc_choices(), error=error, form=form,
                        trainer=True, audiences=AUDIENCES)

    def _login(request: Any, token: str) -> Any:
        if not s.signer.matches(token, s.config.trainer_token):
            return s.render(request, "trainer_login.html", 403, error="教员口令不对。", trainer=True)
        response = s.redirect(request, "/trainer")
        response.set_cookie(TRAINER_COOKIE, s.signer.sign("trainer", purpose="trainer"), max_age=COOKIE_DAYS * 86400,
                            httponly=True, samesite="lax")
        return response

    async def login_post(request: Any) -> Any:
        form = await s.form(request)
        return _login(request, form.get("token") or "")

    async def create(request: Any) -> Any:
        guard(request)
        form = await s.form(request)
        roster_text = None
        upload = form.get("roster")
        if upload is not None and hasattr(upload, "read"):
            data = await upload.read(MAX_ROSTER_BYTES + 1)
            if data:
                roster_text = data
        return await run_in_threadpool(_create, request, form, roster_text)

    def _create(request: Any, form: Any, roster_bytes: bytes | None) -> Any:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            doc = fields.get("doc") or s.config.selfcheck_docs[0]
            if doc not in dict(doc_choices()):
                raise ClassroomError("请选择列出的文件")
            count = _int(fields.get("count"), "题量", default=10)
            seed = _int(fields.get("seed"), "试卷种子", default=None)
            limit = _int(fields.get("time_limit"), "限时", default=None)
            roster = None
            if roster_bytes is not None:
                if len(roster_bytes) > MAX_ROSTER_BYTES:
                    raise ClassroomError("名单文件过大（最多 512 KB）")
                roster = read_roster(roster_bytes, where="名单")
            audience = fields.get("audience") if fields.get("audience") in AUDIENCES else "official"
            session = s.classroom.create_session(fields.get("name", ""), doc=doc, count=count, seed=seed,
                                                 audience=audience, time_limit=limit, roster=roster)
        except QqtextError as error:
            return _home(request, error=str(error), form=fields, status=400)
        s.prepare(session)  # start preparing the questions now
        return s.redirect(request, f"/trainer/s/{session.code}")

    def session_page(request: Any) -> Any:
        guard(request)
        session = s.session_or_404(request.path_params["code"])
        base = str(request.base_url).rstrip("/")
        return s.render(request, "trainer_session.html", session=session, progress=live_progress(s, session),
                        join_url=f"{base}/j/{session.code}", trainer=True,
                        audience=AUDIENCES.get(session.audience, session.audience))

    def live(request: Any) -> Any:
        guard(request)
        session = s.session_or_404(request.path_params["code"])
        return s.finish_response(request, JSONResponse(live_progress(s, session)))

    def scores(request: Any) -> Any:
        guard(request)
        session = s.session_or_404(request.path_params["code"])
        from urllib.parse import quote

        body = score_sheet(s, session)
        name = quote(f"{session.name}-成绩单.xlsx")
        return s.finish_response(request, Response(body, media_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            headers={"Content-Disposition": f"attachment; filename=scores.xlsx; filename*=UTF-8''{name}"}))

    def report(request: Any) -> Any:
        guard(request)
        session = s.session_or_404(request.path_params["code"])
        pool = s.pool_or_wait(session)
        from qqtext.sessions.report import class_report, heatmap_png, to_html

        responses = s.store.responses_frame(session=session.name)
        if responses.empty:
            raise _Page("error.html", 200, title="还没有人交卷", message="还没有人交卷，交卷后这里显示课堂报告。",
                        trainer=True)
        names = {p.learner_id: _display(p) for p in s.classroom.papers(code=session.code) if p.name}
        known = responses["question_id"].isin(list(pool.questions_by_id))
        import warnings

        with warnings.catch_warnings():  # the report's own warnings (a small class …) are on the page itself
            warnings.simplefilter("ignore")
            report_ = class_report(responses[known], pool.questions_by_id, session=session.name, names=names or None)
        title = f"{session.name} 课堂报告"
        page = to_html(report_, title=title, heatmap=heatmap_png(report_))
        from starlette.responses import HTMLResponse

        return s.finish_response(request, HTMLResponse(page))

    return [
        Route("/trainer", home, methods=["GET"]),
        Route("/trainer/login", login_post, methods=["POST"]),
        Route("/trainer/sessions", create, methods=["POST"]),
        Route("/trainer/s/{code}", session_page),
        Route("/trainer/s/{code}/live.json", live),
        Route("/trainer/s/{code}/scores.xlsx", scores),
        Route("/trainer/s/{code}/report", report),
    ]


def _int(value: str | None, label: str, *, default: int | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ClassroomError(f"{label}须为整数，不是 {value!r}") from None

"""The classroom server: a self-test a whole class takes at once, with resume, history, roster and a trainer view.

``qqtext serve`` starts it (:func:`qqtext.web.server.serve`). The parts, in the order data flows:

* :mod:`qqtext.web.papers` — the question pool of a session, built once; each learner's paper drawn
  from it as (question id, option order) pairs;
* :mod:`qqtext.web.classroom` — sessions and papers in progress, in the results store's database;
* :mod:`qqtext.web.security` — signed cookies, CSRF tokens, access code, trainer token;
* :mod:`qqtext.web.views` — what a page shows of a question, a result, a 错题本;
* :mod:`qqtext.web.app` — the learner pages (Starlette); :mod:`qqtext.web.trainer` — the trainer's;
* :mod:`qqtext.web.server` — running it with uvicorn, and the lines printed at start.

The ipywidgets quiz (:class:`qqtext.sessions.widgets.QuizApp`) stays for JupyterLab; both grade with
:mod:`qqtext.sessions.grading`.
"""

__all__: list[str] = []

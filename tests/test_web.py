"""The classroom server (qqtext.web) driven over HTTP in-process, as a class of browsers would use it."""

from __future__ import annotations

import io
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from qqtext.sessions.store import ResultsStore
from qqtext.web.app import RETEST_SUFFIX, ServerConfig, create_app
from qqtext.web.classroom import Classroom, ClassroomError, read_roster
from qqtext.web.papers import PoolShelf

RE_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
RE_OPTION = re.compile(r'<input type="(radio|checkbox)" name="answer" value="([^"]+)"')
RE_BLANK = re.compile(r'name="blank"')
TOKEN = "trainer-secret"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def shelf():
    """One pool shelf for the module: the Jinan pool is built once (it takes seconds)."""
    shelf = PoolShelf()
    shelf.wait("jinan-2019", None)
    shelf.wait("jinan-2019", 7)
    return shelf


@pytest.fixture
def room(tmp_path, shelf):
    store = ResultsStore(tmp_path / "results.sqlite")
    clock = Clock()
    config = ServerConfig(store=store, trainer_token=TOKEN, clock=clock, shelf=shelf)
    app = create_app(config)
    classroom = Classroom(store, clock=clock)
    yield app, store, classroom, clock
    store.close()


def browser(app) -> TestClient:
    return TestClient(app, base_url="http://127.0.0.1:8866")


def csrf(page: str) -> str:
    return RE_CSRF.search(page).group(1)


def join(client: TestClient, code: str, **fields) -> str:
    page = client.get(f"/j/{code}").text
    response = client.post(f"/j/{code}", data={"csrf": csrf(page), **fields}, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    return response.headers["location"]


def some_answer(page: str) -> dict:
    """A response to the question on ``page``: the first option (or 错 / a wrong blank)."""
    options = RE_OPTION.findall(page)
    if options:
        return {"answer": options[0][1]}
    assert RE_BLANK.search(page), page[:500]
    return {"blank": ["不知道"] * len(RE_BLANK.findall(page))}


def answer(client: TestClient, code: str, n: int) -> str:
    page = client.get(f"/s/{code}/q/{n}").text
    response = client.post(f"/s/{code}/q/{n}", data={"csrf": csrf(page), **some_answer(page)}, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    return client.get(response.headers["location"]).text


def hand_in(client: TestClient, code: str) -> str:
    page = client.get(f"/s/{code}/q/1").text
    response = client.post(f"/s/{code}/finish", data={"csrf": csrf(page), "confirm": "1"})
    assert response.status_code == 200
    return response.text


def test_a_learner_answers_sees_feedback_and_hands_in_once(room):
    app, store, classroom, _ = room
    session = classroom.create_session("三月培训班", doc="jinan-2019", count=5)
    client = browser(app)
    assert join(client, session.code) == f"/s/{session.code}/q/1"
    page = answer(client, session.code, 1)
    assert "qq-verdict" in page and "查看原文" in page and "出处：" in page
    assert "已答 1 / 5" in page
    for n in range(2, 6):
        answer(client, session.code, n)
    result = hand_in(client, session.code)
    assert "得分" in result and "✔ 成绩已保存" in result and "历次成绩" in result
    attempts = store.attempts(session="三月培训班")
    assert len(attempts) == 1
    records = store.answers(attempts[0].id, learner_id=attempts[0].learner_id)
    assert len(records) == 5 and all(r.seconds >= 0 for r in records)
    assert all(r.shown for r in records if r.response and r.response[0] not in ("对", "错") and r.shown)
    # handing in again (a double click, the back button) stores nothing more
    client.post(f"/s/{session.code}/finish", data={"csrf": csrf(result), "confirm": "1"})
    assert len(store.attempts(session="三月培训班")) == 1


def test_an_answered_question_keeps_its_first_answer(room):
    app, store, classroom, _ = room
    session = classroom.create_session("班", doc="jinan-2019", count=3)
    client = browser(app)
    join(client, session.code)
    page = client.get(f"/s/{session.code}/q/1").text
    first = some_answer(page)
    client.post(f"/s/{session.code}/q/1", data={"csrf": csrf(page), **first})
    options = RE_OPTION.findall(page)
    other = {"answer": options[-1][1]} if options else {"blank": ["另一个"]}
    client.post(f"/s/{session.code}/q/1", data={"csrf": csrf(page), **other})
    paper = classroom.papers(code=session.code)[0]
    assert list(paper.answers[0].response) == (first.get("answer") and [first["answer"]] or first["blank"])


def test_an_empty_answer_is_asked_again_not_stored(room):
    app, _, classroom, _ = room
    session = classroom.create_session("班", doc="jinan-2019", count=3)
    client = browser(app)
    join(client, session.code)
    page = client.get(f"/s/{session.code}/q/1").text
    response = client.post(f"/s/{session.code}/q/1", data={"csrf": csrf(page)})
    assert response.status_code == 400 and "请先作答" in response.text
    assert classroom.papers(code=session.code)[0].answered == 0


def test_reload_and_rejoin_return_to_the_same_place_and_a_resume_code_moves_to_another_device(room):
    app, _, classroom, _ = room
    session = classroom.create_session("班", doc="jinan-2019", count=5)
    phone = browser(app)
    join(phone, session.code)
    for n in (1, 2, 3):
        answer(phone, session.code, n)
    again = phone.get(f"/j/{session.code}", follow_redirects=False)  # reload / reopen the join link
    assert again.headers["location"] == f"/s/{session.code}/q/4"
    page = phone.get(f"/s/{session.code}/q/2").text
    assert "已答 3 / 5" in page and "qq-verdict" in page  # the answered question shows its feedback
    resume = re.search(r'class="qq-resume-shown">([A-Z0-9]+)<', page).group(1)
    pc = browser(app)
    assert pc.get(f"/j/{session.code}", follow_redirects=False).status_code == 200  # a new browser: the join form
    page = pc.get(f"/j/{session.code}").text
    moved = pc.post(f"/j/{session.code}", data={"csrf": csrf(page), "resume": resume.lower()}, follow_redirects=False)
    assert moved.headers["location"] == f"/s/{session.code}/q/4"
    assert "已答 3 / 5" in pc.get(f"/s/{session.code}/q/4").text
    wrong = pc.post(f"/j/{session.code}", data={"csrf": csrf(page), "resume": "ZZZZZZ"})
    assert wrong.status_code == 400 and "续答码不对" in wrong.text


def test_a_restarted_server_on_the_same_store_carries_on(tmp_path, shelf):
    store = ResultsStore(tmp_path / "r.sqlite")
    app = create_app(ServerConfig(store=store, trainer_token=TOKEN, shelf=shelf))
    session = Classroom(store).create_session("班", doc="jinan-2019", count=4)
    client = browser(app)
    join(client, session.code)
    answer(client, session.code, 1)
    store.close()
    restarted = create_app(ServerConfig(store=ResultsStore(tmp_path / "r.sqlite"), trainer_token="new", shelf=shelf))
    client.app = restarted  # the same browser (cookies) against the new process
    assert client.get(f"/j/{session.code}", follow_redirects=False).headers["location"] == f"/s/{session.code}/q/2"


def test_posts_without_the_csrf_token_are_refused_and_write_nothing(room):
    app, store, classroom, _ = room
    session = classroom.create_session("班", doc="jinan-2019", count=3)
    client = browser(app)
    client.get(f"/j/{session.code}")
    refused = client.post(f"/j/{session.code}", data={"name": "张三"})
    assert refused.status_code == 403 and "页面已过期" in refused.text
    other = browser(app)
    token_of_other = csrf(other.get(f"/j/{session.code}").text)
    assert client.post(f"/j/{session.code}", data={"csrf": token_of_other}).status_code == 403
    assert classroom.papers(code=session.code) == []
    join(client, session.code)
    assert client.post(f"/s/{session.code}/finish", data={"confirm": "1"}).status_code == 403
    assert store.attempts() == []


def test_without_a_seed_every_learner_has_a_paper_of_their_own_with_a_seed_the_same(room):
    app, _, classroom, _ = room
    own = classroom.create_session("各自", doc="jinan-2019", count=8)
    same = classroom.create_session("同卷", doc="jinan-2019", count=8, seed=7)
    papers = {}
    for session in (own, same):
        for i in range(3):
            join(browser(app), session.code)
        papers[session.name] = [p.questions for p in classroom.papers(code=session.code)]
    assert len(set(papers["同卷"])) == 1
    assert len(set(papers["各自"])) == 3


def test_concurrent_hand_ins_of_one_paper_store_one_attempt(room):
    app, store, classroom, _ = room
    session = classroom.create_session("班", doc="jinan-2019", count=3)
    client = browser(app)
    join(client, session.code)
    answer(client, session.code, 1)
    page = client.get(f"/s/{session.code}/q/1").text
    token = csrf(page)
    barrier = threading.Barrier(6)
    statuses = []

    def post() -> None:
        barrier.wait()
        statuses.append(client.post(f"/s/{session.code}/finish", data={"csrf": token, "confirm": "1"}).status_code)

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 6
    assert len(store.attempts(session="班")) == 1


def test_a_timed_paper_is_handed_in_when_the_time_is_up(room):
    app, store, classroom, clock = room
    session = classroom.create_session("限时", doc="jinan-2019", count=4, time_limit=10)
    client = browser(app)
    join(client, session.code)
    page = answer(client, session.code, 1)
    assert 'class="qq-timer" data-seconds="600"' in page
    clock.now += timedelta(minutes=11)
    late = client.get(f"/s/{session.code}/q/2", follow_redirects=False)
    assert late.headers["location"].endswith("/result?timeout=1")
    assert "自动交卷" in client.get(late.headers["location"]).text
    attempts = store.attempts(session="限时")
    assert len(attempts) == 1 and attempts[0].max_score >= 4


def test_the_wrong_book_groups_by_article_and_a_retest_asks_only_those_questions(room):
    app, store, classroom, _ = room
    session = classroom.create_session("班", doc="jinan-2019", count=6)
    client = browser(app)
    join(client, session.code)
    result = hand_in(client, session.code)  # nothing answered: every question goes into the 错题本
    assert "错题本" in result and "再练错题" in result
    articles = re.findall(r'<section class="qq-book-group"><h3>(第[^（<]+条)', result)
    assert articles and len(articles) == len(set(articles))
    first = classroom.papers(code=session.code)[0]
    response = client.post(f"/s/{session.code}/retest", data={"csrf": csrf(result)}, follow_redirects=False)
    assert response.headers["location"] == f"/s/{session.code}/q/1"
    retest = classroom.papers(code=session.code)[-1]
    assert retest.kind == "retest"
    assert {q for q, _ in retest.questions} == {q for q, _ in first.questions}
    assert "再练错题" in client.get(f"/s/{session.code}/q/1").text
    hand_in(client, session.code)
    assert [a.session for a in store.attempts()] == ["班", "班" + RETEST_SUFFIX]


def test_a_roster_session_names_its_learners_and_the_score_sheet_lists_everyone(room):
    app, store, classroom, _ = room
    roster = read_roster("姓名,单位\n张三,市发改委\n李四,市市场监管局\n王五,市税务局\n")
    session = classroom.create_session("名单班", doc="jinan-2019", count=3, roster=roster)
    client = browser(app)
    page = client.get(f"/j/{session.code}").text
    assert "市发改委" in page  # the unit to choose
    stranger = client.post(f"/j/{session.code}", data={"csrf": csrf(page), "name": "赵六", "unit": "市发改委"})
    assert stranger.status_code == 400 and "名单中没有" in stranger.text
    join(client, session.code, name="张三", unit="市发改委")
    hand_in(client, session.code)
    other = browser(app)
    join(other, session.code, name="李四", unit="市市场监管局")
    third = browser(app)  # 李四 again from another device, without the resume code
    page = third.get(f"/j/{session.code}").text
    taken = third.post(f"/j/{session.code}", data={"csrf": csrf(page), "name": "李四", "unit": "市市场监管局"})
    assert taken.status_code == 409 and "续答码" in taken.text
    trainer = browser(app)
    trainer.get(f"/trainer?token={TOKEN}")
    sheet = load_workbook(io.BytesIO(trainer.get(f"/trainer/s/{session.code}/scores.xlsx").content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [(r[1], r[2], r[3]) for r in rows] == [("张三", "市发改委", "已交卷"), ("李四", "市市场监管局", "作答中"),
                                                  ("王五", "市税务局", "未参加")]
    assert rows[0][4] is not None and rows[0][5] == 3
    assert not any("张三" in (name or "") for name in store.learner_names().values())  # names stay in the classroom tables


def test_an_open_session_keeps_no_names(room):
    app, store, classroom, _ = room
    session = classroom.create_session("化名班", doc="jinan-2019", count=3)
    client = browser(app)
    join(client, session.code, name="张三")
    hand_in(client, session.code)
    paper = classroom.papers(code=session.code)[0]
    assert paper.name is None and paper.learner_id == store.learner_id("张三")
    trainer = browser(app)
    trainer.get(f"/trainer?token={TOKEN}")
    sheet = load_workbook(io.BytesIO(trainer.get(f"/trainer/s/{session.code}/scores.xlsx").content)).active
    assert sheet.cell(2, 2).value == "化名" and sheet.cell(3, 2).value == paper.learner_id


def test_trainer_pages_need_the_token_and_show_live_progress(room):
    app, _, classroom, _ = room
    session = classroom.create_session("班", doc="jinan-2019", count=4)
    learner = browser(app)
    join(learner, session.code)
    answer(learner, session.code, 1)
    outsider = browser(app)
    assert outsider.get("/trainer").status_code == 403
    assert outsider.get(f"/trainer/s/{session.code}/live.json").status_code == 403
    assert outsider.get("/trainer?token=wrong").status_code == 403
    assert learner.get(f"/trainer/s/{session.code}/scores.xlsx").status_code == 403
    trainer = browser(app)
    assert trainer.get(f"/trainer?token={TOKEN}").status_code == 200
    live = trainer.get(f"/trainer/s/{session.code}/live.json").json()
    assert (live["joined"], live["answering"], live["finished"]) == (1, 1, 0)
    assert live["learners"][0]["answered"] == 1
    assert sum(q["answered"] for q in live["questions"]) == 1
    page = trainer.get(f"/trainer/s/{session.code}").text
    assert f"/j/{session.code}" in page and "各题正确率" in page
    assert "还没有人交卷" in trainer.get(f"/trainer/s/{session.code}/report").text
    hand_in(learner, session.code)
    report = trainer.get(f"/trainer/s/{session.code}/report")
    assert report.status_code == 200 and "班 课堂报告" in report.text


def test_a_trainer_creates_a_session_with_a_roster_upload(room):
    app, _, classroom, _ = room
    trainer = browser(app)
    home = trainer.get(f"/trainer?token={TOKEN}").text
    roster = "姓名,单位\n张三,甲局\n李四,乙局\n".encode("gbk")  # as Excel on a Chinese PC saves it
    response = trainer.post("/trainer/sessions", data={"csrf": csrf(home), "name": "四月班", "doc": "jinan-2019",
                                                       "count": "5", "seed": "", "time_limit": "20",
                                                       "audience": "official"},
                            files={"roster": ("名单.csv", roster, "text/csv")}, follow_redirects=False)
    assert response.status_code == 303
    session = classroom.session_by_name("四月班")
    assert session.time_limit == 20 and [e.name for e in session.roster] == ["张三", "李四"]
    duplicate = trainer.post("/trainer/sessions", data={"csrf": csrf(home), "name": "四月班", "doc": "jinan-2019"})
    assert duplicate.status_code == 400 and "exists already" in duplicate.text
    bad = trainer.post("/trainer/sessions", data={"csrf": csrf(home), "name": "五月班", "count": "十"})
    assert bad.status_code == 400 and "题量须为整数" in bad.text


def test_beyond_localhost_every_browser_needs_the_access_code(tmp_path, shelf):
    store = ResultsStore(tmp_path / "r.sqlite")
    app = create_app(ServerConfig(store=store, trainer_token=TOKEN, access_code="246810", shelf=shelf))
    session = Classroom(store).create_session("班", doc="jinan-2019", count=3)
    client = browser(app)
    gate = client.get(f"/j/{session.code}", follow_redirects=False)
    assert gate.status_code == 303 and gate.headers["location"].startswith("/access?next=")
    page = client.get(gate.headers["location"]).text
    wrong = client.post("/access", data={"csrf": csrf(page), "code": "111111", "next": f"/j/{session.code}"})
    assert wrong.status_code == 403 and "访问码不对" in wrong.text
    right = client.post("/access", data={"csrf": csrf(page), "code": "246810", "next": f"/j/{session.code}"},
                        follow_redirects=False)
    assert right.headers["location"] == f"/j/{session.code}"
    assert client.get(f"/j/{session.code}").status_code == 200
    evil = client.post("/access", data={"csrf": csrf(page), "code": "246810", "next": "//evil.example/"},
                       follow_redirects=False)
    assert evil.headers["location"] == "/"
    store.close()


def test_the_selfcheck_page_sends_nothing_to_the_server(room):
    from qqtext import load_document
    from qqtext.sessions.selfcheck import self_check_items

    app, _, _, _ = room
    client = browser(app)
    page = client.get("/zicha/jinan-2019").text
    items = self_check_items(load_document("jinan-2019"))
    assert page.count('class="qq-check-item"') == len(items) > 5
    assert "<form" not in page  # nothing to submit
    script = client.get("/static/zicha.js").text
    assert not re.search(r"fetch\(|XMLHttpRequest|sendBeacon|localStorage|sessionStorage|\.submit\(", script)
    assert client.get("/zicha/not-a-doc").status_code == 404


def test_unknown_session_and_pages_answer_in_chinese(room):
    app, _, _, _ = room
    client = browser(app)
    missing = client.get("/j/0000")
    assert missing.status_code == 404 and "没有这个场次" in missing.text
    assert "页面不存在" in client.get("/nowhere").text
    assert client.get("/s/0000/q/1").status_code == 404


def test_read_roster_accepts_a_bare_list_and_refuses_duplicates():
    assert [e.name for e in read_roster("张三\n李四\n")] == ["张三", "李四"]
    assert read_roster("name,unit\n张三,甲\n张三,乙\n")[1].unit == "乙"
    with pytest.raises(ClassroomError, match="listed twice"):
        read_roster("姓名\n张三\n张三\n")
    with pytest.raises(ClassroomError, match="no names"):
        read_roster("姓名,单位\n")

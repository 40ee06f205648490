"""End to end: ``qqtext serve`` in a subprocess, the self-test page in a real headless Chromium.

The test starts the server on a free port of 127.0.0.1 with a 5-question paper (one of each type)
and a temporary SQLite results store, opens the page in Debian's Chromium driven by Playwright
(never a browser Playwright downloads: ``executable_path`` is ``/usr/bin/chromium``), types a
name, answers every question by clicking (one answer wrong on purpose), opens 提交本题's feedback
and 查看原文, hands in, reads 得分 4 / 5, and checks that the store holds the attempt with its five
answers. Every request the page makes is recorded and anything not on 127.0.0.1 is refused and
fails the test: the page must work offline. Screenshots go to the test's tmp folder, and also to
``$QQTEXT_SHOTS`` when it is set.

Without Chromium (or Playwright) the test is skipped with the reason, except in CI (``CI`` set),
where it fails: ``make test`` installs Chromium first where it can (``scripts/ensure-browser.sh``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from qqtext import load_document
from qqtext.cli import main
from qqtext.exercises.quiz import make_paper, question_pool
from qqtext.sessions.responses import seen
from qqtext.sessions.serve import TEMPLATE, notebook_path, offline_template, serve_environment, voila_command
from qqtext.sessions.store import ResultsStore

CHROMIUM = Path(os.environ.get("QQTEXT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
DOC, COUNT, SEED, AUDIENCE = "jinan-2019", 5, 11, "official"
NAME = "测试学员"
READY_TIMEOUT = 120  # seconds: the server up, the page rendered (the kernel builds the question pool)
STEP_TIMEOUT = 20_000  # milliseconds: one click's effect
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser test (make test installs chromium: scripts/ensure-browser.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
                                             timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"qqtext serve exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"qqtext serve did not listen on port {port} within {READY_TIMEOUT} s:\n"
                f"{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def server(tmp_path):
    """``qqtext serve`` on a free port with a temporary results store; stopped (its process group) at the end."""
    port = _free_port()
    results = tmp_path / "results.sqlite"
    log = tmp_path / "serve.log"
    env = {**os.environ, "QQTEXT_SEED": str(SEED), "QQTEXT_SESSION": "browser-test"}
    env.pop("QQTEXT_RESULTS", None)
    command = [sys.executable, "-m", "qqtext.cli", "serve", "--port", str(port), "--doc", DOC, "--count", str(COUNT),
               "--seed", str(SEED), "--audience", AUDIENCE, "--results", str(results)]
    started = time.monotonic()
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
    try:
        _wait_for_port(port, process, log, started + READY_TIMEOUT)
        yield {"url": f"http://127.0.0.1:{port}/", "results": results, "log": log, "started": started,
               "listening": time.monotonic() - started}
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # qqtext serve stops Voilà, Voilà its kernels
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever of this test's process group is left
        except (ProcessLookupError, PermissionError):
            pass
        process.wait(timeout=10)


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS or (parsed.hostname or "").startswith("127.")


def _question(page, index: int):
    return page.locator(f".qq-q-{index}")


def _answer(page, index: int, question, response) -> None:
    """Click (or type) ``response`` into question ``index`` as a learner would."""
    box = _question(page, index)
    if question.type in ("single_choice", "scenario"):
        box.locator(".qq-option .widget-radio-box label").filter(has_text=f"{response[0]}. ").first.click()
    elif question.type == "multiple_choice":
        for key in response:
            box.locator(".qq-option").filter(has_text=f"{key}. ").locator("input[type=checkbox]").first.click()
    elif question.type == "true_false":
        box.locator(".qq-option button").filter(has_text=response[0]).first.click()
    else:
        for blank, text in zip(box.locator(".qq-blank input").all(), response):
            blank.fill(text)


def _wrong(question) -> tuple[str, ...]:
    if question.type == "true_false":
        return ("对",) if question.answer == ("错",) else ("错",)
    if question.type == "cloze":
        return tuple("不知道" for _ in question.answer)
    return tuple(o.key for o in question.options if o.key not in question.answer)[:1]


def _shot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    extra = os.environ.get("QQTEXT_SHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / name)
    return path


def test_self_test_page_end_to_end(browser, server, tmp_path):
    doc = load_document(DOC)
    paper = make_paper(question_pool(doc, seed=SEED), count=COUNT, seed=SEED, title=f"《{doc.title}》自测",
                       audience=AUDIENCE)
    assert sorted(q.type for q in paper.questions) == sorted(
        ["single_choice", "multiple_choice", "true_false", "cloze", "scenario"])
    wrong_index = next(i for i, q in enumerate(paper.questions) if q.type == "true_false")
    responses = [_wrong(q) if i == wrong_index else tuple(q.answer) for i, q in enumerate(paper.questions)]

    timings = {"server_listening": server["listening"]}
    requests: list[str] = []
    refused: list[str] = []
    context = browser.new_context(viewport={"width": 1100, "height": 1300}, locale="zh-CN")
    try:
        def route(route_):
            url = route_.request.url
            requests.append(url)
            if _is_local(url):
                route_.continue_()
            else:
                refused.append(url)
                route_.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(STEP_TIMEOUT)
        websockets: list[str] = []
        page.on("websocket", lambda ws: websockets.append(ws.url))

        begin = time.monotonic()
        page.goto(server["url"], timeout=READY_TIMEOUT * 1000, wait_until="domcontentloaded")
        page.wait_for_selector(".qq-app .qq-q-0", timeout=READY_TIMEOUT * 1000)
        timings["page_ready"] = time.monotonic() - begin
        assert "第 1 / 5 题" in page.locator(".qq-progress").inner_text()
        shown = page.locator("body").inner_text()
        assert "load_document" not in shown and "QQTEXT_" not in shown, "code is shown on the served page"
        assert page.locator(".jp-InputArea-editor, .cm-editor").count() == 0, "code is shown on the served page"
        assert paper.questions[0].stem[:12] in _question(page, 0).inner_text()

        page.locator(".qq-name input").fill(NAME)
        answering = time.monotonic()
        for index, (question, response) in enumerate(zip(paper.questions, responses)):
            box = _question(page, index)
            box.wait_for()
            assert question.stem.split("____")[0][:10] in box.locator(".qq-stem").inner_text()
            _answer(page, index, question, response)
            submit = page.locator("button.qq-submit")
            page.wait_for_function("() => !document.querySelector('button.qq-submit').disabled")
            submit.click()
            verdict = box.locator(".qq-verdict")
            verdict.wait_for()
            page.wait_for_function(
                f"() => document.querySelector('.qq-q-{index} .qq-verdict').innerText.trim().length > 0")
            text = verdict.inner_text()
            if index == wrong_index:
                assert "✘ 回答错误，正确答案是" in text and question.answer[0] in text
            else:
                assert "✔ 回答正确" in text, text
            assert "解析" in box.locator(".qq-explanation").inner_text()
            box.locator(".qq-source-toggle").click()
            source = box.locator(".qq-source")
            source.wait_for(state="visible")
            assert question.source.citation() in source.inner_text()
            assert source.locator("mark.qq-mark").count() >= 1
            if index == wrong_index:
                _shot(page, tmp_path, "selftest-question-feedback.png")
            if index + 1 < len(paper.questions):
                page.locator("button.qq-next").click()
                _question(page, index + 1).wait_for()
        timings["answering"] = time.monotonic() - answering

        page.locator("button.qq-finish").click()
        score = page.locator(".qq-score")
        score.wait_for(state="visible")
        assert score.inner_text().strip() == "得分 4 / 5"
        results = page.locator(".qq-results").inner_text()
        assert f"第 {wrong_index + 1} 题" in results and "成绩已保存" in results
        shot = _shot(page, tmp_path, "selftest-score.png")
        assert shot.stat().st_size > 10_000
        timings["total_in_browser"] = time.monotonic() - begin
    finally:
        context.close()

    assert not refused, f"the page asked for something off this machine: {refused}"
    assert requests and all(_is_local(url) for url in requests)
    assert websockets and all(_is_local(url) for url in websockets)

    store = ResultsStore(server["results"])
    try:
        [attempt] = store.attempts()
        assert (attempt.paper_id.startswith("p-"), attempt.session, attempt.score, attempt.max_score) == (
            True, "browser-test", 4.0, 5.0)
        assert attempt.learner_id == store.learner_id(NAME)
        answers = store.answers(attempt.id, learner_id=attempt.learner_id)
    finally:
        store.close()
    assert [a.question_id for a in answers] == [q.id for q in paper.questions]
    assert [a.response for a in answers] == [tuple(r) for r in responses]
    # what each learner saw: the option texts in the order shown, and the texts clicked
    assert [(a.shown, a.chosen) for a in answers] == [seen(q, tuple(r)) for q, r in zip(paper.questions, responses)]
    assert [a.correct for a in answers] == [i != wrong_index for i in range(COUNT)]
    assert all(a.seconds > 0 for a in answers)

    timings["whole_test"] = time.monotonic() - server["started"]
    (tmp_path / "timings.json").write_text(json.dumps(timings, indent=2), encoding="utf-8")
    print("browser test timings (s):", {k: round(v, 1) for k, v in timings.items()})


# --- the pieces of `qqtext serve`, without a browser ---------------------------------------------------


def test_the_notebook_is_found_in_the_checkout():
    path = notebook_path()
    assert path.name == "self_test.ipynb" and path.parent.name == "notebooks"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert any("NBVAL_IGNORE_OUTPUT" in "".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


def test_the_offline_template_loads_nothing_from_the_internet(tmp_path):
    root = offline_template(tmp_path)
    folder = root / "voila" / "templates" / TEMPLATE
    text = (folder / "index.html.j2").read_text(encoding="utf-8")
    assert not re.search(r"(?:href|src)=[\"']https?://", text)
    assert "fontawesome" not in text and "html_head_js_mermaidjs" in text
    assert json.loads((folder / "conf.json").read_text(encoding="utf-8")) == {"base_template": "lab"}


def test_voila_listens_on_localhost_only_and_opens_no_browser():
    command = voila_command("nb.ipynb", port=9123)
    assert {"--port=9123", "--Voila.ip=127.0.0.1", "--no-browser", "--Voila.port_retries=0",
            f"--template={TEMPLATE}"} <= set(command)
    env = serve_environment(doc="jinan-2019", count=3, results="/tmp/r.sqlite", seed=5, template_root="/tpl",
                            base={"JUPYTER_PATH": "/other", "QQTEXT_SEED": "1"})
    assert (env["QQTEXT_DOC"], env["QQTEXT_COUNT"], env["QQTEXT_RESULTS"], env["QQTEXT_SEED"]) == (
        "jinan-2019", "3", "/tmp/r.sqlite", "5")
    assert env["JUPYTER_PATH"].split(os.pathsep) == ["/tpl", "/other"]
    assert "QQTEXT_AUDIENCE" not in serve_environment(doc="d", count=1, base={})


@pytest.mark.parametrize("argv", [["--count", "0"], ["--port", "70000"], ["--doc", "no-such-document"],
                                  ["--count", "100000"]])
def test_serve_refuses_bad_options_before_starting(argv, capsys):
    assert main(["serve", *argv]) == 2
    assert "qqtext: error:" in capsys.readouterr().err

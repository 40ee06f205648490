"""End to end: ``qqtext serve`` in a subprocess, a class of learners and a trainer in real headless Chromium.

The server runs on a free port of 127.0.0.1 with a temporary results store. Three learners (one on a
390 px phone viewport) join in their own browser contexts and answer in turns, so the server holds
three papers at once; one reloads mid-paper and must come back to where it was, with its answers;
each hands in and sees 得分, 历次成绩 and the 错题本; the trainer's page (opened with the printed
token) shows the three learners handed in. Every request any page makes is recorded: one not to
127.0.0.1 fails the test (the pages work offline), and the 自查 page must make none at all after it
has loaded. Screenshots go to the test's tmp folder, and to ``$QQTEXT_SHOTS`` when it is set.

Debian's Chromium is driven by Playwright (``executable_path`` is ``/usr/bin/chromium``; no browser
is downloaded). Without it the test is skipped with the reason, except in CI (``CI`` set), where it
fails: ``make test`` installs Chromium first where it can (``scripts/ensure-browser.sh``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from qqtext.cli import main
from qqtext.sessions.store import ResultsStore

CHROMIUM = Path(os.environ.get("QQTEXT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
COUNT = 4
READY_TIMEOUT = 120  # seconds: the server up (it builds the question pool before it listens)
STEP_TIMEOUT = 15_000  # milliseconds
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
RE_CODE = re.compile(r"学员入口：(http://127\.0\.0\.1:\d+/j/(\d+))")
RE_TRAINER = re.compile(r"教员页面：(http://\S+)")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser test (make test installs chromium: scripts/ensure-browser.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
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


@pytest.fixture
def server(tmp_path):
    """``qqtext serve`` on a free port; its printed addresses; stopped (its process group) at the end."""
    port = _free_port()
    results = tmp_path / "results.sqlite"
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "QQTEXT_RESULTS"}
    command = [sys.executable, "-m", "qqtext.cli", "serve", "--port", str(port), "--count", str(COUNT),
               "--session", "浏览器测试班", "--results", str(results)]
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"qqtext serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"qqtext serve did not answer within {READY_TIMEOUT} s:\n{log.read_text(errors='replace')}")
            time.sleep(0.25)
        printed = log.read_text()
        join_url, code = RE_CODE.search(printed).groups()
        yield {"join": join_url, "code": code, "trainer": RE_TRAINER.search(printed).group(1), "results": results,
               "base": f"http://127.0.0.1:{port}", "printed": printed}
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        process.wait(timeout=10)


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS or (parsed.hostname or "").startswith("127.")


def _shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    extra = os.environ.get("QQTEXT_SHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / name)


def _context(chromium, requests: list[str], **options):
    context = chromium.new_context(locale="zh-CN", **options)
    context.set_default_timeout(STEP_TIMEOUT)
    context.on("request", lambda request: requests.append(request.url))
    return context


def _answer_current(page) -> None:
    """Answer the question shown as a learner would: click the first option, or type into each blank."""
    options = page.locator(".qq-option")
    if options.count():
        options.first.click()
    else:
        for blank in page.locator("input.qq-blank").all():
            blank.fill("不知道")
    page.locator(".qq-submit").click()
    page.locator(".qq-verdict").wait_for()


def test_a_class_answers_at_once_resumes_after_reload_and_the_trainer_sees_it(chromium, server, tmp_path):
    requests: list[str] = []
    contexts = [_context(chromium, requests), _context(chromium, requests),
                _context(chromium, requests, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)]
    pages = [context.new_page() for context in contexts]
    try:
        for page in pages:
            page.goto(server["join"])
            assert "开始作答" in page.locator(".qq-start").inner_text()
            page.locator(".qq-start").click()
            page.locator(".qq-stem").wait_for()
        phone = pages[2]
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide on a 390 px phone"
        for number in range(1, COUNT + 1):  # in turns: three papers open on the server at once
            for page in pages:
                assert f"第 {number} / {COUNT} 题" in page.locator(".qq-progress").inner_text()
                _answer_current(page)
                if number == 2 and page is pages[0]:  # a reload mid-paper: same question, answers kept
                    page.reload()
                    assert f"第 2 / {COUNT} 题 · 已答 2 / {COUNT}" in page.locator(".qq-progress").inner_text()
                    assert page.locator(".qq-verdict").count() == 1
                    page.locator(".qq-source summary").click()
                    assert page.locator("mark.qq-mark").count() >= 1
                    _shot(page, tmp_path, "classroom-feedback.png")
                if number < COUNT:
                    page.locator(".qq-next").click()
                    page.locator(".qq-stem").wait_for()
        _shot(phone, tmp_path, "classroom-phone-question.png")
        for page in pages:
            page.locator(".qq-finish").click()
            page.locator(".qq-score").wait_for()
            assert "历次成绩" in page.content() and "错题本" in page.content()
        _shot(phone, tmp_path, "classroom-phone-result.png")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390

        trainer_context = _context(chromium, requests)
        trainer = trainer_context.new_page()
        trainer.goto(server["trainer"])
        trainer.locator(f"a[href='/trainer/s/{server['code']}']").first.click()
        assert trainer.locator("[data-k=finished]").inner_text() == "3"
        assert trainer.locator(".qq-learners tbody tr").count() == 3
        _shot(trainer, tmp_path, "classroom-trainer.png")
        trainer_context.close()
    finally:
        for context in contexts:
            context.close()
    foreign = [url for url in requests if not _is_local(url)]
    assert not foreign, f"the pages fetched from outside 127.0.0.1: {foreign[:5]}"
    with ResultsStore(server["results"], read_only=True) as store:
        attempts = store.attempts(session="浏览器测试班")
        assert len(attempts) == 3
        assert all(len(store.answers(a.id, learner_id=a.learner_id)) == COUNT for a in attempts)


def test_the_selfcheck_page_keeps_its_answers_in_the_browser(chromium, server, tmp_path):
    requests: list[str] = []
    context = _context(chromium, requests)
    page = context.new_page()
    try:
        page.goto(server["base"] + "/zicha/jinan-2019")
        page.wait_for_load_state("networkidle")
        loaded = len(requests)
        item = page.locator(".qq-check-item").first
        item.locator("input[value='是']").check()
        page.locator(".qq-check-item").nth(1).locator("input[value='否']").check()
        page.locator("#zicha-done").click()
        summary = page.locator(".qq-zicha-summary").inner_text()
        assert "需要注意" in summary and "第" in summary and "条" in summary
        _shot(page, tmp_path, "classroom-zicha.png")
        assert len(requests) == loaded, f"the 自查 page sent requests: {requests[loaded:]}"
    finally:
        context.close()


def test_serve_prints_how_to_join_and_listens_on_localhost_only(server):
    printed = server["printed"]
    assert "学员入口：http://127.0.0.1:" in printed and "教员页面：" in printed and "访问码" not in printed
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        port = int(urlparse(server["base"]).port)
        addresses = [a for a in _own_addresses() if not a.startswith("127.")]
        for address in addresses[:1]:
            assert sock.connect_ex((address, port)) != 0, "the server answers beyond 127.0.0.1"


def _own_addresses() -> list[str]:
    from qqtext.web.server import lan_addresses

    return lan_addresses()


@pytest.mark.parametrize("argv", [["--count", "0"], ["--port", "70000"], ["--doc", "no-such-document"],
                                  ["--count", "100000"], ["--time-limit", "0"]])
def test_serve_refuses_bad_options_before_starting(argv, capsys, tmp_path):
    assert main(["serve", "--results", str(tmp_path / "r.sqlite"), "--port", str(_free_port()), *argv]) == 2
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if line.startswith("qqtext: error:")]) == 1
    assert "Traceback" not in err
    if "--count" in argv:  # nothing half-made: a corrected rerun with the same session name starts afresh
        from qqtext.web.classroom import Classroom

        with ResultsStore(tmp_path / "r.sqlite") as store:
            assert Classroom(store).sessions() == []


def test_serve_refuses_a_busy_port_in_one_line(capsys, tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--results", str(tmp_path / "r.sqlite"), "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err

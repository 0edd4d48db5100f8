"""Ten browser sessions use the dashboard while refreshes swap the store underneath them.

One system Chromium with ten contexts (ten Streamlit sessions) opens ten areas' overviews at once (again, until
a refresh has been swapped in meanwhile), while a background thread runs `python -m connectors refresh` back to
back (replay latency stretches each one).
Every session must render its overview, and none may see an error or a half-written store; the server's log
must hold no traceback. Loopback only, bounded in time.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from store.db import Store
from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path
from tests.e2e.journeys import idle, session_tabs
from tests.robustness.conftest import PHOF, ROOT, free_port

pytestmark = pytest.mark.e2e
SESSIONS = 10
LATENCY_MS = 300
PAGE_SECONDS = 120  # ten first runs at once on two cores
TEST_SECONDS = 360
SUMMARY = re.compile(r"Of \d+ indicators")


class Refresher(threading.Thread):
    """Refreshes the store back to back (districts, then counties, ...) until stopped."""

    def __init__(self, env: dict):
        super().__init__(daemon=True)
        self.env, self.stop = env, threading.Event()
        self.runs: list[tuple[str, int, float, str]] = []  # (area type, exit status, finished at, stderr's end)

    def run(self) -> None:
        for area_type in ("501", "502") * 20:
            if self.stop.is_set():
                return
            done = subprocess.run([sys.executable, "-m", "connectors", "refresh", "--profile", PHOF, "--area-type",
                                   area_type], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300)
            self.runs.append((area_type, done.returncode, time.monotonic(), done.stderr[-300:]))


@pytest.fixture(scope="module")
def dashboard(held_store_file, replay_url, tmp_path_factory):
    """`streamlit run app.py` on a copy of the refreshed store; yields (base URL, environment, log file)."""
    chromium_path()  # skips when the system Chromium is missing
    folder = tmp_path_factory.mktemp("load")
    shutil.copyfile(held_store_file, folder / "hep.duckdb")
    env = {**os.environ, "HEP_DATA_DIR": str(folder), "FINGERTIPS_API_URL": replay_url}
    port, log = free_port(), folder / "streamlit.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                 "--server.headless", "true", "--server.address", "127.0.0.1",
                                 "--browser.gatherUsageStats", "false"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        yield url, env, log
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _check(page, area: str) -> None:
    """The overview of `area` is drawn in full, with no error and no exception box."""
    page.get_by_text(SUMMARY).first.wait_for(timeout=PAGE_SECONDS * 1000)
    idle(page)
    assert page.get_by_test_id("stException").count() == 0, f"{area}: an exception reached the page"
    body = page.locator("body").inner_text()
    assert "Something went wrong" not in body and "could not be opened" not in body, f"{area}: {body[:500]}"
    assert "Data as of" in body and page.locator("h1").count() >= 1, f"{area}: {body[:500]}"


def test_ten_sessions_while_the_store_is_refreshed(dashboard, held_store_file, replay):
    url, env, log = dashboard
    store = Store(Path(env["HEP_DATA_DIR"]) / "hep.duckdb")
    areas = list(Store(held_store_file).query(
        "SELECT area_code FROM core_areas WHERE area_type_id = 502 ORDER BY hash(area_code) LIMIT ?",
        [SESSIONS])["area_code"])
    sync_playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed"
                                          ).sync_playwright
    replay.fault(latency_ms=LATENCY_MS)
    refresher = Refresher(env)
    refresher.start()

    def drive() -> None:
        start, versions, rounds = time.monotonic(), {store.version()}, 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                contexts, pages = session_tabs(browser, len(areas), PAGE_SECONDS)
                # every session opens its area, again until a refresh has been swapped in while they ran
                while rounds == 0 or len(versions) < 2:
                    assert time.monotonic() - start < TEST_SECONDS, f"refreshes: {refresher.runs}"
                    for page, area in zip(pages, areas):
                        page.goto(f"{url}/?area={area}", wait_until="commit")  # all ten sessions run at once
                    for page, area in zip(pages, areas):
                        _check(page, area)
                        versions.add(store.version())
                    rounds += 1
            finally:
                browser.close()

    # in a thread of its own: the browser tests' session-wide Playwright keeps an event loop on the main thread
    errors: list[BaseException] = []

    def run() -> None:
        try:
            drive()
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    try:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join(TEST_SECONDS + 120)
        assert not worker.is_alive(), "the browser sessions did not finish in time"
        if errors:
            raise errors[0]
    finally:
        refresher.stop.set()
        refresher.join(300)
        replay.reset()
    assert refresher.runs and all(code == 0 for _, code, _, _ in refresher.runs), refresher.runs
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]

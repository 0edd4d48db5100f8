"""Browser tests: the real dashboard in Streamlit, driven by Playwright with the system Chromium.

A session fixture fills a fresh store from the replay server (counties & UAs, then districts & UAs, then
Local Health small areas for Blackpool with its shared MSOA boundaries imported) with the project's own CLI,
starts `streamlit run app.py` on a free port, and yields its base URL; a module that needs another store (e.g. a
fresh clone's empty one) starts its own app once with `running_app`. Journeys
save a screenshot each under test-artifacts/e2e/ (git-ignored), with the Streamlit log beside them.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import settings
from tests.conftest import shared_path
from tests.e2e.journeys import ARTIFACTS, PAGE_SECONDS, ROOT

PROFILE = "public-health-outcomes-framework"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
START_SECONDS = 60
SMALL_AREA_LA = "E06000009"


def small_area_commands() -> list[list[str]]:
    """Local Health small areas for Blackpool from the replay, and its shared 2011 MSOA boundaries."""
    boundaries = shared_path("data", "boundaries", "msoa", "2011", f"{SMALL_AREA_LA}.geojson")
    return [["refresh", "--profile", "local-health", "--area-type", "3", "--parent-area", SMALL_AREA_LA],
            ["boundaries", "import", str(boundaries)]]


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: real-browser journeys (Playwright, system Chromium, a live Streamlit)")


def chromium_path() -> str:
    """The system Chromium (HEP_CHROMIUM_PATH, /usr/bin/chromium by default), or skip."""
    path = settings.get("HEP_CHROMIUM_PATH")
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"Chromium is not installed at {path} (install the 'chromium' package): browser tests need it")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"Streamlit stopped (exit {proc.returncode}) before answering; log:\n{log.read_text()}")
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"Streamlit did not answer within {START_SECONDS}s; log:\n{log.read_text()}")


@contextlib.contextmanager
def running_app(env: dict, log_name: str = "streamlit.log") -> Iterator[str]:
    """`streamlit run app.py` on a free port with `env`; yields its base URL and stops it afterwards."""
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / log_name
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                 "--server.headless", "true", "--server.address", "127.0.0.1"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="session")
def app_url(replay_url, tmp_path_factory) -> str:
    """Base URL of the dashboard running on a store filled from the replay server."""
    chromium_path()
    env = {**os.environ, "FINGERTIPS_API_URL": replay_url, "HEP_DATA_DIR": str(tmp_path_factory.mktemp("e2e_store"))}
    for area_type in ("502", "501"):
        done = subprocess.run([sys.executable, "-m", "connectors", "refresh", "--profile", PROFILE,
                               "--area-type", area_type], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, f"refresh of area type {area_type} failed:\n{done.stdout}\n{done.stderr}"
    for command in small_area_commands():  # Local Health small areas for Blackpool, with its MSOA boundaries
        done = subprocess.run([sys.executable, "-m", "loading", *command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    with running_app(env) as url:
        yield url


def new_tab(browser, base_url: str):
    """A fresh browser context and tab (its own Streamlit session) on `base_url` that accepts downloads."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                  base_url=base_url)
    context.set_default_timeout(PAGE_SECONDS * 1000)
    return context, context.new_page()


@pytest.fixture(scope="session")
def browser():
    """One headless system Chromium for the session."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh browser tab (its own Streamlit session) that accepts downloads."""
    context, tab = new_tab(browser, app_url)
    yield tab
    context.close()

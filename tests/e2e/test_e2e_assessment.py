"""Journey: fill an equity assessment for Blackpool, save it, restart the app, reopen it and download the DOCX.

This module runs its own app (one at a time) on a store imported from the shared sample, because the journey
restarts the server: the draft must survive the restart, read back from the store's assessments file.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.e2e.conftest import _free_port, _wait_healthy, chromium_path
from tests.e2e.journeys import ARTIFACTS, BLACKPOOL, PAGE_SECONDS, ROOT, download, download_button, idle, screenshot

pytestmark = pytest.mark.e2e
PROGRAMME = "Healthy Start outreach"
AIMS = "What does the programme or service set out to achieve, and for whom?"
ANSWER = "Reach families on low incomes who are not yet signed up."


class App:
    """`streamlit run app.py` on a data folder, started and stopped on demand."""

    def __init__(self, data_dir: Path):
        self.data_dir, self.proc, self.url = data_dir, None, ""

    def start(self) -> str:
        port = _free_port()
        log = ARTIFACTS / "streamlit-assessment.log"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "HEP_DATA_DIR": str(self.data_dir), "FINGERTIPS_API_URL": "http://127.0.0.1:9/api/"}
        with open(log, "a") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless",
                 "true", "--server.address", "127.0.0.1"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"
        _wait_healthy(self.url, self.proc, log)
        return self.url

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


@pytest.fixture(scope="module")
def app(sample_store_file, tmp_path_factory):
    chromium_path()
    folder = tmp_path_factory.mktemp("e2e_assessment")
    (folder / "hep.duckdb").write_bytes(sample_store_file.read_bytes())
    server = App(folder)
    yield server
    server.stop()


def _tab(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, base_url=url)
    context.set_default_timeout(PAGE_SECONDS * 1000)
    return context, context.new_page()


def field(page, label: str):
    """A text input or text area by its label (not the help button beside it)."""
    return page.get_by_role("textbox", name=label, exact=True)


def _open(page, path: str) -> None:
    """Open `path` once the server has run st.navigation: the first session after a start runs the main page
    first (open "/"), else Streamlit's pages-folder detection reports "Page not found" for a url_path that is
    not the file's name (components/routing.py; docs/architecture.md)."""
    page.goto("/")
    page.locator("h1").first.wait_for()
    idle(page)
    page.goto(path)
    page.get_by_role("heading", name="Equity assessment", exact=True).first.wait_for()
    idle(page)


def test_fill_save_restart_reopen_and_download(app, browser):
    context, page = _tab(browser, app.start())
    try:
        _open(page, f"/equity-assessment?area={BLACKPOOL}&theme=children-young-people")
        page.get_by_text("Significantly worse").first.wait_for()
        field(page, "Programme or service being assessed").fill(PROGRAMME)
        field(page, "Programme or service being assessed").press("Enter")
        idle(page)
        field(page, AIMS).fill(ANSWER)
        field(page, AIMS).blur()
        idle(page)
        page.get_by_role("button", name="Save draft").click()
        page.get_by_text(f"Saved “{PROGRAMME}” (version 1").wait_for()
        screenshot(page, "assessment-1-saved")
    finally:
        context.close()

    app.stop()
    context, page = _tab(browser, app.start())
    try:
        _open(page, "/equity-assessment")
        page.get_by_text("Saved assessments (1)").click()
        idle(page)
        opener = page.get_by_test_id("stExpanderDetails").get_by_test_id("stBaseButton-secondary").filter(
            has_text=re.compile(r"Open$"))
        opener.wait_for()
        opener.click()
        idle(page)
        page.get_by_text(f"Opened “{PROGRAMME}” (version 1").wait_for()
        idle(page)
        assert field(page, "Programme or service being assessed").input_value() == PROGRAMME
        assert field(page, AIMS).input_value() == ANSWER
        assert f"area={BLACKPOOL}" in page.url
        name, data = download(page, download_button(page, "Download DOCX"))
        screenshot(page, "assessment-2-reopened")
    finally:
        context.close()
    assert name.endswith(".docx") and name.startswith("equity-assessment-healthy-start-outreach")
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == f"Health equity assessment: {PROGRAMME}"
    assert ANSWER in paragraphs and "Area: Blackpool (E06000009)" in paragraphs
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:4] == [
        "1. Prepare", "2. Assess", "3. Refine and apply", "4. Review"]
    assert len(document.tables[0].rows) >= 2  # the evidence kept, under its header row

"""Fixtures for the robustness tests: a store refreshed from the replay server, store fingerprints, CSV
faults made from real sample rows, a proxy that serves them as if the API had sent them, and CLI runs.
"""
from __future__ import annotations

import csv
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager

from connectors.fingertips import FingertipsClient
from loading.refresh import refresh_profile
from store.column_map import rename_map
from store.db import Store
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
PHOF = "public-health-outcomes-framework"
FAST_NETWORK = {"HEP_RETRIES": "1", "HEP_BACKOFF": "0.01"}
EXTRA_COLUMN = "Extra notes"
NUMERIC = ("indicator_id", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8", "count",
           "denominator", "time_period_sortable")


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: real-browser journeys (Playwright, system Chromium, a live Streamlit)")


@pytest.fixture(autouse=True)
def server_like_page_routing(monkeypatch):
    """Keep Streamlit's old `pages/` routing off between AppTest runs, as the real server does.

    A server sets PagesManager.uses_pages_directory once, and app.py's st.navigation turns it off for good.
    AppTest resets it before every run, so every run after the first would go through the old routing and the
    project's components/routing.inside_app() guard (which once lost a form's submit click on the way). These
    tests are about faults, so they run the pages as a served app does.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


# ---- the shared sample -----------------------------------------------------------------------------
def sample_head(sample_csv: Path, n: int) -> tuple[list[str], list[list[str]]]:
    """The header and the first n rows of the shared bulk CSV, as text."""
    with open(sample_csv, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        return next(reader), [row for _, row in zip(range(n), reader)]


def sample_frame(sample_csv: Path, usecols: list[str] | None = None) -> pd.DataFrame:
    """The shared bulk CSV with store column names and types (empty strings are missing values)."""
    frame = pd.read_csv(sample_csv, dtype=str, keep_default_na=False, usecols=usecols)
    frame = frame.rename(columns=rename_map(list(frame.columns))).replace("", pd.NA)
    for column in set(NUMERIC) & set(frame.columns):
        frame[column] = pd.to_numeric(frame[column])
    return frame


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Rows written as Fingertips writes them (minimal quoting, CRLF line ends)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue()


def faulty_csv(text: str, mode: str) -> str:
    """A Fingertips bulk CSV spoilt in one way: an extra or a missing column, header only, broken quoting
    with the last three columns gone (like the replay server's 'malformed'), or cut off mid-row."""
    if mode == "truncated":
        cut = text[: len(text) // 2].rstrip("\r\n")
        return cut[: cut.rfind(",") + 3]  # ends inside a row
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    if mode == "extra":
        header, body = header + [EXTRA_COLUMN], [r + ["note"] for r in body]
    elif mode == "missing":
        keep = [i for i, h in enumerate(header) if h != "Value"]
        header, body = [header[i] for i in keep], [[r[i] for i in keep] for r in body]
    elif mode == "empty":
        body = []
    elif mode == "malformed":
        header, body = header[:-3], [r[:-3] for r in body]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for i, row in enumerate(body):
        if mode == "malformed" and i % 7 == 3:
            out.write('"unterminated quote,' + ",".join(row[:5]) + "\r\n")
        else:
            writer.writerow(row)
    return out.getvalue()


# ---- stores ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fingerprint:
    rows: int
    checksum: int
    data_as_of: object


def fingerprint(store: Store) -> Fingerprint:
    """Row count, a checksum over every value row and the newest load date ('data as of')."""
    if not store.exists():
        return Fingerprint(0, 0, None)
    with store.reader() as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "core_indicator_values" not in tables:
            return Fingerprint(0, 0, None)
        rows, checksum = con.execute(
            "SELECT count(*), coalesce(sum(hash(indicator_id, area_code, sex, age, category, time_period, value)"
            "::HUGEINT), 0) FROM core_indicator_values").fetchone()
        as_of = con.execute("SELECT max(fetched_at) FROM loads WHERE kind IN ('values', 'metadata')").fetchone()[0]
    return Fingerprint(int(rows), int(checksum), as_of)


def leftovers(folder: Path) -> list[str]:
    """Files a write or download left behind: half-written stores, partial downloads, temporary folders."""
    if not folder.exists():
        return []
    keep = {"hep.duckdb", "hep.duckdb.lock", "hep.duckdb.readers"}
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name not in keep and not (p.is_dir() and p.name == "downloads"))


@pytest.fixture(scope="session")
def held_store_file(replay_url, tmp_path_factory) -> Path:
    """A store as a user would have it: PHOF for counties & UAs, refreshed from the replay server once."""
    folder = tmp_path_factory.mktemp("held")
    store = Store(folder / "hep.duckdb")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HEP_DATA_DIR", str(folder))  # the refresh keeps its download folder beside the store
        refresh_profile(PHOF, 502, 6, client=FingertipsClient(replay_url, retries=1, backoff=0.01), store=store)
    shutil.rmtree(folder / "downloads", ignore_errors=True)
    return store.path


# ---- network -------------------------------------------------------------------------------------
def closed_port_url() -> str:
    """A loopback URL nobody listens on (connection refused)."""
    return f"http://127.0.0.1:{free_port()}/"


class TamperProxy:
    """Forwards API requests to the replay server and spoils its bulk CSVs (`mode`: see faulty_csv)."""

    def __init__(self, upstream: str):
        self.upstream = upstream.rstrip("/") + "/"
        self.mode: str | None = None
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                path = self.path[len("/api/"):] if self.path.startswith("/api/") else self.path.lstrip("/")
                try:
                    with urllib.request.urlopen(proxy.upstream + path, timeout=60) as answer:
                        status, body, ctype = answer.status, answer.read(), answer.headers.get("Content-Type")
                except urllib.error.HTTPError as err:
                    status, body, ctype = err.code, err.read(), err.headers.get("Content-Type")
                if proxy.mode and "all_data/csv" in path.lower() and status == 200:
                    body = faulty_csv(body.decode("utf-8"), proxy.mode).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype or "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="session")
def tamper_proxy(replay_url) -> TamperProxy:
    proxy = TamperProxy(replay_url)
    yield proxy
    proxy.server.shutdown()


@pytest.fixture
def tamper(tamper_proxy) -> TamperProxy:
    tamper_proxy.mode = None
    yield tamper_proxy
    tamper_proxy.mode = None


# ---- the command line ------------------------------------------------------------------------------
def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """python -m connectors with the current environment."""
    return subprocess.run([sys.executable, "-m", "connectors", *args], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ), timeout=timeout)


def cli_error(done: subprocess.CompletedProcess) -> str:
    """The one error line a failed command printed (progress bars redraw themselves with carriage returns)."""
    lines = [part.split("\r")[-1].strip() for part in done.stderr.split("\n")]
    errors = [line for line in lines if line.startswith("error:")]
    assert "Traceback" not in done.stderr and len(errors) == 1, done.stderr
    assert [line for line in lines if line][-1] == errors[0], done.stderr
    return errors[0]


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each case starts with empty page caches: a failed boundary download is remembered for five minutes
    inside one dashboard process, and every case here injects a different failure into the same process."""
    from services.data import clear_caches

    clear_caches()
    yield

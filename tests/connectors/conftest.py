"""The Nomis replay server (tests/nomis_replay.py over ../shared/nomis/data, read in place)."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

import settings

REPLAY = Path(__file__).resolve().parents[1] / "nomis_replay.py"


def nomis_data_dir() -> Path:
    root = settings.shared_dir()
    path = None if root is None else root / "nomis" / "data"
    if path is None or not path.is_dir():
        pytest.skip("../shared/nomis/data is absent (set HEP_SHARED_DIR): the Nomis replay server cannot run")
    return path


@pytest.fixture(scope="session")
def nomis_url() -> str:
    """The Nomis replay server, started once per test session on a free loopback port."""
    proc = subprocess.Popen([sys.executable, str(REPLAY), "--data", str(nomis_data_dir()), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip() if proc.stdout else ""
    assert line.startswith("NOMIS_API_URL="), line
    yield line.split("=", 1)[1]
    proc.terminate()
    proc.wait(10)


class NomisReplay:
    """Faults and the request log of the replay server."""

    def __init__(self, url: str):
        self.url = url
        self.root = url[: -len("api/v01/")]

    def _post(self, path: str, body: dict) -> None:
        req = urllib.request.Request(self.root + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=10).read()

    def reset(self) -> None:
        self._post("_control/reset", {})

    def fault(self, **state) -> None:
        self._post("_control", state)

    def log(self) -> list[dict]:
        return json.loads(urllib.request.urlopen(self.root + "_control/log", timeout=10).read())


@pytest.fixture
def nomis(nomis_url, monkeypatch) -> NomisReplay:
    """The replay server with faults cleared, settings pointed at it, and quick retries."""
    replay = NomisReplay(nomis_url)
    replay.reset()
    monkeypatch.setenv("NOMIS_API_URL", nomis_url)
    monkeypatch.setenv("HEP_RETRIES", "3")
    monkeypatch.setenv("HEP_BACKOFF", "0.01")
    monkeypatch.delenv("NOMIS_API_KEY", raising=False)
    yield replay
    replay.reset()

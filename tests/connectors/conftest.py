"""The Nomis replay server (tests/nomis_replay.py over ../shared/nomis/data, read in place)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import settings
from tests.conftest import Replay, serve

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
    yield from serve([sys.executable, str(REPLAY), "--data", str(nomis_data_dir()), "--port", "0"], "NOMIS_API_URL")


@pytest.fixture
def nomis(nomis_url, monkeypatch) -> Replay:
    """The replay server with faults cleared, settings pointed at it, and quick retries."""
    replay = Replay(nomis_url, api_path="api/v01/")
    replay.reset()
    monkeypatch.setenv("NOMIS_API_URL", nomis_url)
    monkeypatch.setenv("HEP_RETRIES", "3")
    monkeypatch.setenv("HEP_BACKOFF", "0.01")
    monkeypatch.delenv("NOMIS_API_KEY", raising=False)
    yield replay
    replay.reset()

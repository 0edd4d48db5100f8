"""Shared fixtures: the ../shared sample, the Fingertips replay server and stores built from them."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import settings
from loading.refresh import import_files
from store.db import Store

SHARED = settings.shared_dir()
NO_SHARED = "../shared/fingertips is absent (set HEP_SHARED_DIR): tests on the real sample cannot run"
requires_shared = pytest.mark.skipif(SHARED is None, reason=NO_SHARED)


def shared_path(*parts: str) -> Path:
    if SHARED is None:
        pytest.skip(NO_SHARED)
    return SHARED.joinpath("fingertips", *parts)


def shared_file(*parts: str) -> Path:
    """A file anywhere under ../shared (e.g. 'mortality', '…csv'), read in place; skips when it is absent."""
    path = None if SHARED is None else SHARED.joinpath(*parts)
    if path is None or not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is absent (set HEP_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def imd_decile_csv() -> Path:
    """England's deaths and population by IMD decile, year, sex and single year of age 0–74 (../shared/mortality)."""
    return shared_file("mortality", "england_imd_decile_deaths_population.csv")


@pytest.fixture(scope="session")
def imd_store_file(tmp_path_factory, imd_decile_csv) -> Path:
    """A store holding only the England IMD decile file (as a fresh clone would after importing it), built once."""
    from loading.mortality import import_file

    store = Store(tmp_path_factory.mktemp("imd") / "hep.duckdb")
    import_file(imd_decile_csv, store=store)
    return store.path


@pytest.fixture
def imd_store(imd_store_file, data_dir) -> Store:
    """A private copy of the IMD decile store in this test's HEP_DATA_DIR."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(imd_store_file, data_dir / "hep.duckdb")
    return Store(data_dir / "hep.duckdb")


@pytest.fixture(scope="session")
def sample_csv() -> Path:
    return shared_path("data", "indicator_values.csv")


@pytest.fixture(scope="session")
def sample_metadata_csv() -> Path:
    return shared_path("data", "indicator_metadata.csv")


def serve(command: list[str], prefix: str):
    """Run a loopback replay server that prints one line 'PREFIX=<url>'; yield the url, stop it after."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip() if proc.stdout else ""
    assert line.startswith(prefix + "="), line
    try:
        yield line.split("=", 1)[1]
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def replay_url() -> str:
    """The replay server from ../shared, started once per test session on a free port."""
    yield from serve([sys.executable, str(shared_path("replay_server.py")), "--port", "0"], "FINGERTIPS_API_URL")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def s3_url() -> str:
    """A local S3-compatible object store (moto's server, a real HTTP S3 API on loopback), started once; its
    address. Tests give it HEP_S3_ENDPOINT_URL and dummy AWS_* credentials (it accepts any)."""
    pytest.importorskip("moto.server", reason="moto[server] (requirements-dev.txt) is not installed")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=2).read()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "moto's S3 server did not start"
            time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                  "AWS_DEFAULT_REGION": "eu-west-2"}


def make_bucket(endpoint: str, name: str) -> None:
    import boto3
    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing",
                 region_name="eu-west-2").create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})


class Replay:
    """Controls of a replay server (Fingertips', or Nomis' with api_path "api/v01/"): faults and its log."""

    def __init__(self, url: str, api_path: str = "api/"):
        self.url = url
        self.root = url[: -len(api_path)]

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
def replay(replay_url, monkeypatch) -> Replay:
    """The replay server with faults cleared, and the app pointed at it."""
    r = Replay(replay_url)
    r.reset()
    monkeypatch.setenv("FINGERTIPS_API_URL", replay_url)
    yield r
    r.reset()


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """An empty HEP_DATA_DIR for one test."""
    folder = tmp_path / "store"
    monkeypatch.setenv("HEP_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def sample_store_file(tmp_path_factory, sample_csv, sample_metadata_csv) -> Path:
    """A store holding the whole shared sample (values and definitions), built once."""
    store = Store(tmp_path_factory.mktemp("sample") / "hep.duckdb")
    import_files([sample_csv, sample_metadata_csv], store=store)
    return store.path


@pytest.fixture
def sample_store(sample_store_file, data_dir) -> Store:
    """A private copy of the sample store in this test's HEP_DATA_DIR."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sample_store_file, data_dir / "hep.duckdb")
    return Store(data_dir / "hep.duckdb")

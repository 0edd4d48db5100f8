"""The many-users topology on this machine, with real processes: two dashboards behind Debian's nginx (the
deploy/ proxy configuration, sticky sessions, websockets), one store (HEP_STORE_URL) in a shared folder or in a
local S3-compatible object store (moto's server; each process then has a disk of its own), and a refresh (`python -m loading refresh` against the replay server) that publishes a new snapshot while ten browser
sessions use the dashboard.

Every session must render with no error; each page run shows one snapshot (its number and "data as of" at the
foot of the page; a snapshot never shows two dates); a session never goes back to an older snapshot; after the
refresh every session sees the new snapshot and a later "data as of"; every request of a session, its
websocket's included, reaches the same dashboard; and both dashboards serve sessions. nginx is installed with
apt-get when missing and the test runs as root; otherwise the test is skipped with the reason. Loopback only.
"""
from __future__ import annotations

import os
import re
import shutil
import string
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store.db import Store
from tests.conftest import S3_CREDENTIALS, Replay, make_bucket
from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path
from tests.robustness.conftest import PHOF, ROOT, free_port

pytestmark = pytest.mark.slow
SESSIONS = 10
PAGE_SECONDS = 150  # ten first runs at once on two cores
LATENCY_MS = 100  # added by the replay server to each API request during the test
FOOT = re.compile(r"Data as of (\d\d \w{3} \d{4} \d\d:\d\d)\..*?Store snapshot (\d+)\.", re.S)
TEMPLATE = ROOT / "deploy" / "nginx" / "hep.conf.template"


def nginx_binary() -> str:
    """Debian's nginx, installed with apt-get when it is missing and we are root; else skip."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    if os.geteuid() != 0:
        pytest.skip("nginx is not installed and the test is not root, so it cannot install it (apt-get install nginx)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "nginx"]):
        if subprocess.run(command, env=env, capture_output=True, timeout=600).returncode != 0:
            pytest.skip(f"nginx could not be installed ({' '.join(command)} failed)")
    return shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_conf(folder: Path, port: int, upstreams: list[int]) -> Path:
    """The deploy/ server configuration, rendered as the nginx image does, inside a minimal nginx.conf."""
    for sub in ("logs", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub).chmod(0o777)
    site = string.Template(TEMPLATE.read_text()).safe_substitute(
        HEP_PROXY_PORT=f"127.0.0.1:{port}", HEP_PROXY_ACCESS_LOG=str(folder / "logs" / "access.log"),
        HEP_UPSTREAMS=" ".join(f"server 127.0.0.1:{p};" for p in upstreams))
    (folder / "hep.conf").write_text(site)
    temp = " ".join(f"{kind}_temp_path {folder / 'tmp' / kind};" for kind in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = folder / "nginx.conf"
    conf.write_text(f"worker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'logs' / 'error.log'};\n"
                    f"events {{ worker_connections 512; }}\nhttp {{\n  {temp}\n  include {folder / 'hep.conf'};\n}}\n")
    return conf


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    import urllib.request
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, f"{url}: the process stopped (exit {proc.returncode})"
        try:
            if urllib.request.urlopen(url, timeout=2).read() == b"ok":
                return
        except OSError:
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.5)


def refresh(env: dict, area_type: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loading", "refresh", "--profile", PHOF, "--area-type", area_type],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def store_env(kind: str, root: Path, request) -> dict[str, str]:
    if kind == "folder":
        return {"HEP_STORE_URL": f"file://{root / 'shared'}"}
    s3_url = request.getfixturevalue("s3_url")
    make_bucket(s3_url, "hep-team")
    return {"HEP_STORE_URL": "s3://hep-team/store", "HEP_S3_ENDPOINT_URL": s3_url, **S3_CREDENTIALS}


def published_store(job: dict) -> Store:
    """The store as the refresh job holds it: the shared folder's file, or the job's own (its snapshot numbers
    are the bucket's)."""
    if job["HEP_STORE_URL"].startswith("file://"):
        return Store(Path(job["HEP_STORE_URL"].removeprefix("file://")) / "hep.duckdb")
    return Store(Path(job["HEP_DATA_DIR"]) / "hep.duckdb")


@pytest.fixture(scope="module", params=["folder", "s3"])
def topology(request, replay_url, tmp_path_factory):
    """A shared store filled once (snapshot 1), two dashboards on it and nginx in front; yields
    (proxy URL, the refresh job's environment, the proxy's folder, the dashboards' ports)."""
    chromium_path()
    nginx = nginx_binary()
    root = tmp_path_factory.mktemp(f"replicas-{request.param}")
    job = {**os.environ, "FINGERTIPS_API_URL": replay_url, "HEP_DATA_DIR": str(root / "job"),
           **store_env(request.param, root, request)}
    done = refresh(job, "502")
    assert done.returncode == 0, done.stderr[-2000:]
    procs, ports = [], [free_port(), free_port()]
    try:
        for i, port in enumerate(ports):
            env = {**job, "HEP_DATA_DIR": str(root / f"dashboard{i}")}
            log = open(root / f"dashboard{i}.log", "w")  # noqa: SIM115 (closed with the process)
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless",
                 "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        for port, proc in zip(ports, procs, strict=True):
            wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        proxy_port = free_port()
        conf = nginx_conf(root / "proxy", proxy_port, ports)
        procs.append(subprocess.Popen([nginx, "-p", str(root / "proxy"), "-c", str(conf), "-g", "daemon off;"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
        wait_healthy(f"http://127.0.0.1:{proxy_port}/healthz", procs[-1], 30)
        yield f"http://127.0.0.1:{proxy_port}", job, root, ports
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def foot(page) -> tuple[int, str]:
    """(snapshot, data as of) from the page's foot, after checking the page rendered without an error."""
    assert page.get_by_test_id("stException").count() == 0, "an exception reached the page"
    body = page.locator("body").inner_text()
    assert "Something went wrong" not in body and "could not be opened" not in body, body[:500]
    found = FOOT.search(body)
    assert found, body[-600:]
    return int(found.group(2)), found.group(1)


def visit(page) -> tuple[int, str]:
    """Wait for the page a session was sent to; its foot."""
    from tests.e2e.journeys import idle
    page.get_by_text(re.compile(r"Of \d+ indicators")).first.wait_for(timeout=PAGE_SECONDS * 1000)
    page.get_by_text("Store snapshot").first.wait_for(timeout=PAGE_SECONDS * 1000)
    idle(page)
    return foot(page)


def test_two_dashboards_behind_nginx_while_a_refresh_publishes(topology):
    url, job, root, ports = topology
    replay = Replay(job["FINGERTIPS_API_URL"])
    replay.fault(latency_ms=LATENCY_MS)  # the refresh takes a while, so sessions run during it
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    from tests.e2e.journeys import session_tabs
    shared = published_store(job)
    first = shared.snapshot()
    areas = list(shared.query("SELECT area_code FROM core_areas WHERE area_type_id = 502 ORDER BY hash(area_code) "
                              "LIMIT ?", [SESSIONS])["area_code"])
    filled_at = datetime.strptime(shared.query("SELECT strftime(max(fetched_at), '%d %b %Y %H:%M') FROM loads"
                                               ).iloc[0, 0], "%d %b %Y %H:%M")
    seen: dict[int, list[tuple[int, str]]] = {i: [] for i in range(SESSIONS)}
    job_result: list[subprocess.CompletedProcess] = []
    cookies: list[str | None] = []

    def refresh_later() -> None:
        while datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0) <= filled_at:  # "data as of" shows minutes
            time.sleep(1)
        job_result.append(refresh(job, "501"))

    errors: list[BaseException] = []

    def drive() -> None:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                contexts, pages = session_tabs(browser, len(areas), PAGE_SECONDS)

                def one_round() -> None:
                    for page, area in zip(pages, areas, strict=True):
                        page.goto(f"{url}/?area={area}&theme=children-young-people", wait_until="commit")
                    for i, page in enumerate(pages):  # the ten sessions run at once
                        seen[i].append(visit(page))

                one_round()  # all on the first snapshot
                job = threading.Thread(target=refresh_later)
                job.start()
                deadline = time.monotonic() + 200
                while True:  # rounds while the refresh runs, and one after it ended
                    finished = bool(job_result)
                    one_round()
                    if finished:
                        break
                    assert time.monotonic() < deadline, "the refresh did not finish in time"
                job.join(60)
                cookies.extend({c["name"]: c["value"] for c in context.cookies()}.get("hep_route")
                               for context in contexts)
            finally:
                browser.close()

    worker = threading.Thread(target=lambda: _catch(drive, errors))  # Playwright's sync API off the main thread
    worker.start()
    worker.join(400)
    replay.reset()
    assert not worker.is_alive(), "the browser sessions did not finish in time"
    if errors:
        raise errors[0]
    assert job_result and job_result[0].returncode == 0, job_result[0].stderr[-2000:] if job_result else "no refresh"
    last = shared.snapshot()
    assert last > first
    _check_snapshots(seen, first, last)
    _check_sticky(root / "proxy" / "logs" / "access.log", cookies, ports)
    for i in range(2):
        assert "Traceback" not in (root / f"dashboard{i}.log").read_text()
        if job["HEP_STORE_URL"].startswith("s3://"):  # each dashboard read the bucket into a cache of its own
            assert (root / f"dashboard{i}" / "snapshot-cache" / "manifests" / f"{last}.json").exists()
            assert not (root / f"dashboard{i}" / "hep.duckdb").exists()


def _check_snapshots(seen: dict[int, list[tuple[int, str]]], first: int, last: int) -> None:
    """Each session began on the first snapshot, never went back, ended on the last; one date per snapshot, and
    the last one's is later."""
    dates: dict[int, set[str]] = {}
    for i, runs in seen.items():
        numbers = [n for n, _ in runs]
        assert numbers == sorted(numbers), f"session {i} went back to an older snapshot: {numbers}"
        assert numbers[0] == first and numbers[-1] == last, (i, numbers, first, last)
        for n, as_of in runs:
            dates.setdefault(n, set()).add(as_of)
    assert all(len(d) == 1 for d in dates.values()), f"a snapshot showed two dates: {dates}"
    as_of = {n: datetime.strptime(next(iter(d)), "%d %b %Y %H:%M") for n, d in dates.items()}
    assert as_of[last] > as_of[first], f"'data as of' did not move forward: {as_of}"


def _catch(fn, errors: list) -> None:
    try:
        fn()
    except BaseException as exc:  # handed to the test
        errors.append(exc)


def _check_sticky(log: Path, cookies: list[str | None], ports: list[int]) -> None:
    """Every session's requests (page, static files, websocket) reached one dashboard; both served sessions."""
    routes: dict[str, set[str]] = {}
    upgrades = 0
    for line in log.read_text().splitlines():
        found = re.search(r'"(\S+) (\S+) [^"]*" (\d+) route=(\S+) upstream=(\S+)', line)
        if found:
            routes.setdefault(found.group(4), set()).add(found.group(5))
            upgrades += found.group(2).startswith("/_stcore/stream") and found.group(3) == "101"
    assert all(cookies), f"a session got no hep_route cookie: {cookies}"
    for cookie in cookies:
        assert len(routes.get(cookie, ())) == 1, f"session {cookie} reached {routes.get(cookie)}"
    served = {next(iter(routes[c])) for c in cookies}
    assert served == {f"127.0.0.1:{p}" for p in ports}, f"sessions were served by {served} only"
    assert upgrades >= len(cookies), "the websockets did not go through the proxy"

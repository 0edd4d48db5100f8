"""Helpers shared by the bench scripts: locating ../shared, the replay server, timing."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import settings  # noqa: E402

SHARED = settings.shared_dir()


def need_shared() -> Path:
    if SHARED is None:
        sys.exit("../shared/fingertips is absent (set HEP_SHARED_DIR): the benches need the real sample")
    return SHARED / "fingertips"


@contextmanager
def replay_server():
    """The shared replay server on a free loopback port; yields its API URL."""
    proc = subprocess.Popen([sys.executable, str(need_shared() / "replay_server.py"), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        yield line.split("=", 1)[1]
    finally:
        proc.terminate()
        proc.wait(10)


def best_of(fn, repeat: int = 3) -> float:
    """The fastest of `repeat` runs of fn(), in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60) -> None:
    import urllib.request
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def start_streamlit(script: str, cwd: Path, port: int, env: dict | None = None) -> subprocess.Popen:
    """`streamlit run script` from `cwd` on loopback `port`, quietly (headless, no usage statistics, no output)."""
    return subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
                             "--server.headless", "true", "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

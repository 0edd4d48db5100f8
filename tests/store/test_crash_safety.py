"""A refresh or import killed with SIGKILL leaves the previous store readable and complete."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.db import Store

ROOT = Path(__file__).resolve().parents[2]


def _rows(store: Store) -> int:
    return int(store.query("SELECT count(*) FROM core_indicator_values").iloc[0, 0])


def _kill_after(args: list[str], delay: float, env: dict) -> int | None:
    proc = subprocess.Popen([sys.executable, "-m", "connectors", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    return proc.returncode


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2, 1.5])
def test_import_killed_mid_way_keeps_old_or_new_store(sample_store, replay, tmp_path, delay):
    """The old store holds the sample; a refresh of PHOF (different rows) is killed at `delay` seconds."""
    env = {**os.environ, "HEP_DATA_DIR": str(sample_store.path.parent), "FINGERTIPS_API_URL": replay.url}
    old = _rows(sample_store)
    code = _kill_after(["refresh", "--profile", "public-health-outcomes-framework", "--area-type", "501"],
                       delay, env)
    now = _rows(sample_store)  # the store opens and answers
    assert now == old if code == -signal.SIGKILL else code == 0
    status = subprocess.run([sys.executable, "-m", "connectors", "status", "--json"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert status.returncode == 0 and status.stdout.startswith("[")

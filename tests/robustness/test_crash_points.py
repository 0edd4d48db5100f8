"""SIGKILL a refresh and an import at twenty points each: the store always opens and holds either the complete
old data or the complete new data.

There is no test hook in the product, so the points are found by watching a first, complete run: the API
requests it makes (the replay server's log), the partial download (`*.part`) and the write session's marker
(`hep.duckdb.writing`, present while a write transaction is open on the store file). The replay server adds latency to every request, which stretches the refresh so that kills
land before the download, inside it, inside the write, just after the swap and after the end.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from store.db import Store
from tests.conftest import Replay
from tests.robustness.conftest import PHOF, ROOT

LATENCY_MS = 150
POLL_SECONDS = 0.005
REFRESH = ["refresh", "--profile", PHOF, "--area-type", "501"]  # the old store holds counties & UAs only
LANDED: dict[tuple[str, int], str] = {}  # (command, point) -> the phase the kill landed in


@dataclass(frozen=True)
class Seen:
    """One look at a running command."""
    seconds: float
    requests: int  # API requests the replay server has seen
    part: int  # bytes of the partial download, or -1 when there is none
    writing: bool  # hep.duckdb.writing exists (a write session is open)
    done: bool


def phase(seen: list[Seen]) -> str:
    """Where the run was at its last look."""
    last = seen[-1]
    if last.done:
        return "finished"
    if last.writing:
        return "write"
    if any(s.writing for s in seen):
        return "after the swap"
    return "download" if last.part >= 0 else "start or API"


def state(store: Store) -> tuple:
    """Everything a complete load changes (the load time aside): row counts and a checksum of the values."""
    with store.reader() as con:  # the store must open
        return con.execute("""
            SELECT (SELECT count(*) FROM core_indicator_values),
                   (SELECT sum(hash(indicator_id, area_code, sex, age, category, time_period, value)::HUGEINT)
                    FROM core_indicator_values),
                   (SELECT count(*) FROM core_indicator_metadata), (SELECT count(*) FROM core_areas),
                   (SELECT count(*) FROM loads), (SELECT max(fetched_at) FROM loads)""").fetchone()


def _look(proc: subprocess.Popen, folder: Path, replay, start: float, count_requests: bool) -> Seen:
    parts = list((folder / "downloads").rglob("*.part")) if (folder / "downloads").exists() else []
    size = -1
    for p in parts:
        try:
            size = max(size, p.stat().st_size)
        except FileNotFoundError:
            pass
    return Seen(time.monotonic() - start, len(replay.log()) if count_requests else -1, size,
                (folder / "hep.duckdb.writing").exists(), proc.poll() is not None)


def run(args: list[str], folder: Path, replay, stop: Callable[[Seen, list[Seen]], bool] | None = None
        ) -> tuple[list[Seen], int | None]:
    """Run `python -m connectors ARGS` on the store in `folder`, looking at it until `stop` says to kill it
    (or to the end). Returns what was seen and the exit status (-9 when killed)."""
    env = {**os.environ, "HEP_DATA_DIR": str(folder), "FINGERTIPS_API_URL": replay.url}
    proc = subprocess.Popen([sys.executable, "-m", "connectors", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start, seen = time.monotonic(), []
    try:
        while True:
            now = _look(proc, folder, replay, start, count_requests=args[0] == "refresh")
            seen.append(now)
            if stop and stop(now, seen):
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                break
            if now.done:
                break
            time.sleep(POLL_SECONDS)
        return seen, proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


@dataclass(frozen=True)
class Profile:
    """What a complete run looked like, measured once."""
    requests_before_download: int
    download_bytes: int
    write_seconds: float
    old: tuple
    new: tuple


def points(profile: Profile) -> list[Callable[[Seen, list[Seen]], bool]]:
    """Twenty kill points over the run: start-up, API requests, download, write, just after the swap, the end."""
    def after(seconds):
        return lambda now, seen: now.seconds >= seconds or now.requests > 0 or now.writing

    def requests(n):
        return lambda now, seen: now.requests >= n or now.part >= 0 or now.writing

    def downloaded(fraction):
        return lambda now, seen: now.part >= fraction * profile.download_bytes or now.writing or \
            (now.part < 0 and any(s.part >= 0 for s in seen))

    def writing(fraction):
        def stop(now, seen):
            began = next((s.seconds for s in seen if s.writing), None)
            return began is not None and (not now.writing or now.seconds - began >= fraction * profile.write_seconds)
        return stop

    def swapped(now, seen):
        return not now.writing and any(s.writing for s in seen)

    def ended(now, seen):
        return now.done

    if profile.download_bytes > 0:  # a refresh
        n = max(profile.requests_before_download, 1)
        before = [after(0.2)] + [requests(max(1, round(n * f))) for f in (0.1, 0.3, 0.5, 0.7, 0.9)] + \
                 [downloaded(f) for f in (0.0, 0.3, 0.6, 0.9)]
    else:  # an import: start-up, then the write
        before = [after(s) for s in (0.1, 0.4, 0.8)]
    during = 20 - len(before) - 2
    return before + [writing(i / during) for i in range(during)] + [swapped, ended]


COMMANDS = ("refresh", "import")


def _args(command: str, sample_csv: Path, sample_metadata_csv: Path) -> list[str]:
    return REFRESH if command == "refresh" else ["import", str(sample_csv), str(sample_metadata_csv)]


def _fresh(held_store_file: Path, folder: Path) -> Store:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copyfile(held_store_file, folder / "hep.duckdb")
    return Store(folder / "hep.duckdb")


@pytest.fixture(scope="module")
def profiles(held_store_file, replay_url, sample_csv, sample_metadata_csv, tmp_path_factory) -> dict[str, Profile]:
    """One complete, watched run of each command from the old store (PHOF for counties & UAs)."""
    replay = Replay(replay_url)
    out = {}
    for command in COMMANDS:
        folder = tmp_path_factory.mktemp(f"timed_{command}")
        store = _fresh(held_store_file, folder)
        old = state(store)
        replay.reset()
        replay.fault(latency_ms=LATENCY_MS)
        seen, code = run(_args(command, sample_csv, sample_metadata_csv), folder, replay)
        replay.reset()
        assert code == 0
        writes = [s.seconds for s in seen if s.writing]
        assert writes, "the write was not seen: the marker hep.duckdb.writing never appeared"
        first_part = next((s for s in seen if s.part >= 0), None)
        out[command] = Profile(first_part.requests if first_part else 0, max(s.part for s in seen),
                               writes[-1] - writes[0], old, state(store))
        assert out[command].new[:5] != old[:5], "the command must change the store for the test to mean anything"
    return out


@pytest.mark.parametrize("point", range(20))
@pytest.mark.parametrize("command", COMMANDS)
def test_killed_at_any_point_leaves_old_or_new_store(command, point, profiles, held_store_file, replay, tmp_path,
                                                      sample_csv, sample_metadata_csv):
    profile = profiles[command]
    store = _fresh(held_store_file, tmp_path / "store")
    replay.fault(latency_ms=LATENCY_MS)
    seen, code = run(_args(command, sample_csv, sample_metadata_csv), store.path.parent, replay,
                     stop=points(profile)[point])
    LANDED[(command, point)] = phase(seen)
    now = state(store)
    assert now[:5] in (profile.old[:5], profile.new[:5]), (seen[-1], now)
    if now[:5] == profile.old[:5]:
        assert now == profile.old, "the old store is complete, its load dates included"
    if code == 0:
        assert now[:5] == profile.new[:5]


@pytest.mark.parametrize("command", COMMANDS)
def test_kills_covered_every_phase_and_the_next_run_recovers(command, profiles, held_store_file, replay, tmp_path,
                                                             sample_csv, sample_metadata_csv):
    landed = {p for (c, _), p in LANDED.items() if c == command}
    if len([k for k in LANDED if k[0] == command]) < 20:
        pytest.skip("runs after the twenty kills of this command (run the whole module)")
    wanted = {"write", "after the swap", "finished"} | ({"download", "start or API"} if command == "refresh" else set())
    assert wanted <= landed, landed
    # killed in the middle of the write, then run again: the leftover copy is cleared and the new data arrives
    store = _fresh(held_store_file, tmp_path / "store")
    replay.fault(latency_ms=LATENCY_MS)
    run(_args(command, sample_csv, sample_metadata_csv), store.path.parent, replay,
        stop=lambda now, seen: now.writing)
    assert state(store) == profiles[command].old
    replay.reset()
    assert run(_args(command, sample_csv, sample_metadata_csv), store.path.parent, replay)[1] == 0
    assert state(store)[:5] == profiles[command].new[:5]
    assert not store.marker.exists() and not list(store.path.parent.glob("hep.duckdb.new*"))

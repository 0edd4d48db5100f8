"""A shared store: every write publishes a Parquet snapshot that readers read without waiting; a page run reads
one snapshot throughout; a write costs what it writes; a write is one transaction on the file."""
from __future__ import annotations

import json
import shutil
import threading
import time

import pytest

from errors import StoreError
from store import queries, snapshots
from store.db import Store


def rows(store: Store, where: str = "") -> int:
    return int(store.query(f"SELECT count(*) FROM core_indicator_values {where}").iloc[0, 0])


@pytest.fixture
def shared(sample_store_file, tmp_path, monkeypatch) -> Store:
    """The sample store in a shared folder (HEP_STORE_URL), published once."""
    folder = tmp_path / "shared"
    folder.mkdir()
    shutil.copyfile(sample_store_file, folder / "hep.duckdb")
    monkeypatch.setenv("HEP_STORE_URL", f"file://{folder}")
    store = Store()
    store.publish()
    return store


def test_readers_read_the_published_snapshot_with_the_same_answers(shared, sample_store_file):
    plain = Store(sample_store_file)
    assert shared.snapshot() == 1 and shared.version() == (-1, 1)
    assert rows(shared) == rows(plain)
    assert queries.data_as_of(shared) == queries.data_as_of(plain)
    assert queries.areas(shared).equals(queries.areas(plain))
    # (any_value and arg_max over ties pick one of several rows, which depends on the order rows are read in)
    stable = ["indicator_id", "rows", "areas", "source", "fetched_at"]
    assert queries.status(shared)[stable].equals(queries.status(plain)[stable])
    ids = sorted(plain.query("SELECT DISTINCT indicator_id FROM core_indicator_values")["indicator_id"])[:3]
    assert queries.values(shared, ids).sort_values(list(queries.VALUE_READ_COLUMNS[:9])).reset_index(drop=True).equals(
        queries.values(plain, ids).sort_values(list(queries.VALUE_READ_COLUMNS[:9])).reset_index(drop=True))


def test_a_write_publishes_only_what_changed(shared):
    before = snapshots.manifest(shared.snapshot_folder, 1)["tables"]
    one = int(shared.query("SELECT min(indicator_id) FROM core_indicator_values").iloc[0, 0])
    with shared.writer() as con:
        con.execute("UPDATE core_indicator_values SET value = value + 1 WHERE indicator_id = ?", [one])
    assert shared.snapshot() == 2
    after = snapshots.manifest(shared.snapshot_folder, 2)["tables"]
    parts, old = after["core_indicator_values"]["partitions"], before["core_indicator_values"]["partitions"]
    changed = [k for k in parts if parts[k]["files"] != old[k]["files"]]
    assert changed == [str(one)]
    assert after["core_areas"]["files"] == before["core_areas"]["files"]  # unchanged tables are not rewritten
    assert after["loads"]["files"] == before["loads"]["files"]


def test_a_page_run_reads_the_snapshot_it_began_with(shared):
    n = shared.pin()
    count = rows(shared)
    with shared.writer() as con:
        con.execute("DELETE FROM core_indicator_values WHERE indicator_id = (SELECT min(indicator_id) FROM "
                    "core_indicator_values)")
    assert snapshots.current(shared.snapshot_folder) == n + 1
    assert shared.version() == (-1, n) and rows(shared) == count  # still the pinned snapshot
    assert Store(shared.path).version() == (-1, n)  # any Store of the same file, in this thread
    seen = {}
    other = threading.Thread(target=lambda: seen.update(v=Store(shared.path).version(), rows=rows(shared)))
    other.start()
    other.join()
    assert seen["v"] == (-1, n + 1) and seen["rows"] < count  # another thread (session) reads the new one
    shared.pin()  # the next run
    assert shared.version() == (-1, n + 1) and rows(shared) < count


def test_a_failed_write_publishes_nothing(shared):
    with pytest.raises(RuntimeError):
        with shared.writer() as con:
            con.execute("DELETE FROM core_indicator_values")
            raise RuntimeError("stopped")
    assert snapshots.current(shared.snapshot_folder) == 1 and rows(shared) > 0
    assert not shared.marker.exists()


def test_files_no_recent_snapshot_names_are_collected(shared, monkeypatch):
    monkeypatch.setattr(snapshots, "GRACE_SECONDS", 0)
    first = set(snapshots._files(snapshots.manifest(shared.snapshot_folder, 1)["tables"]["core_indicator_values"]))
    for _ in range(snapshots.KEEP + 1):
        with shared.writer() as con:
            con.execute("UPDATE core_indicator_values SET value = value + 1")
    folder = shared.snapshot_folder
    manifests = sorted(int(p.stem) for p in (folder / "manifests").glob("*.json"))
    assert manifests == list(range(snapshots.KEEP + 2 - snapshots.KEEP + 1, snapshots.KEEP + 3))
    held = {str(p.relative_to(folder)) for p in (folder / "parts").rglob("*.parquet")}
    assert not first & held
    named = {f for n in manifests for e in snapshots.manifest(folder, n)["tables"].values() for f in snapshots._files(e)}
    assert held == named


def test_reading_inside_a_write_of_the_file_store_is_refused(sample_store):
    with sample_store.writer() as con:
        with pytest.raises(StoreError, match="inside a write session"):
            sample_store.query("SELECT 1")
        con.execute("SELECT 1")


def test_readers_wait_for_a_write_and_then_see_it(sample_store):
    count, seen, started = rows(sample_store), [], threading.Event()

    def read():
        started.set()
        seen.append(rows(sample_store))

    with sample_store.writer() as con:
        con.execute("DELETE FROM core_indicator_values WHERE indicator_id = (SELECT min(indicator_id) FROM "
                    "core_indicator_values)")
        reader = threading.Thread(target=read)
        reader.start()
        started.wait()
        time.sleep(0.3)
        assert not seen  # waiting at the gate
    reader.join(10)
    assert seen and seen[0] < count


def test_other_kinds_of_store_address_are_refused_with_the_reason(monkeypatch, tmp_path):
    monkeypatch.setenv("HEP_STORE_URL", "ftp://council.example/hep")
    with pytest.raises(StoreError, match="use a folder .* or an S3-compatible bucket"):
        Store()


def test_the_manifest_names_columns_and_types(shared):
    m = json.loads((shared.snapshot_folder / "manifests" / "1.json").read_text())
    assert m["tables"]["core_indicator_values"]["partition_by"] == "indicator_id"
    assert ["indicator_id", "INTEGER"] in m["tables"]["core_indicator_values"]["columns"]

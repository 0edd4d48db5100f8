"""A shared store in an S3-compatible object store (HEP_STORE_URL=s3://…), against a real S3 API on loopback
(moto's server): the refresh job publishes snapshots to the bucket, dashboards with their own disks read them,
only what changed is uploaded, numbers only grow, dashboards never write, and an unreachable store is said so."""
from __future__ import annotations

import uuid

import boto3
import pytest

from errors import StoreError
from loading.refresh import import_files
from store import db, snapshots
from store.db import Store
from tests.conftest import S3_CREDENTIALS, free_port, make_bucket, requires_shared

pytestmark = requires_shared
INDICATOR = 90366  # life expectancy at birth, in the sample


@pytest.fixture
def bucket(s3_url, monkeypatch) -> str:
    """An empty bucket of its own for one test, with HEP_STORE_URL and the endpoint pointing at it."""
    name = f"hep-{uuid.uuid4().hex[:12]}"
    make_bucket(s3_url, name)
    for key, value in S3_CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HEP_S3_ENDPOINT_URL", s3_url)
    monkeypatch.setenv("HEP_STORE_URL", f"s3://{name}/hep")
    return name


def objects(s3_url: str, name: str) -> dict[str, bytes]:
    client = boto3.client("s3", endpoint_url=s3_url, region_name="eu-west-2")
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=name, Key=o["Key"])["Body"].read() for o in listed}


def as_role(monkeypatch, folder, publisher: bool) -> Store:
    """The Store a process sees: the refresh job (the command line) or a dashboard, each with its own disk
    (and its own memory of neighbours fetched while it could not write, so later tests start without it)."""
    from services import overview
    monkeypatch.setenv("HEP_DATA_DIR", str(folder))
    monkeypatch.setitem(db._ROLE, "publisher", publisher)
    monkeypatch.setattr(overview, "_FETCHED_HERE", {})
    return Store()


@pytest.fixture
def published(bucket, s3_url, monkeypatch, tmp_path, sample_csv) -> Store:
    """The refresh job's store, holding the sample, published once to the bucket."""
    job = as_role(monkeypatch, tmp_path / "job", publisher=True)
    import_files([sample_csv], store=job)
    return job


def count(store: Store, where: str = "") -> int:
    return int(store.query(f"SELECT count(*) AS n FROM core_indicator_values {where}")["n"].iloc[0])


def test_the_refresh_job_publishes_and_a_dashboard_reads_the_same_rows(published, bucket, s3_url, monkeypatch,
                                                                      tmp_path):
    held = objects(s3_url, bucket)
    assert held["hep/CURRENT"] == b"1"
    assert "hep/manifests/1.json" in held
    assert any(k.startswith("hep/parts/core_indicator_values/1/indicator_id=") for k in held)
    rows, per_indicator = count(published), count(published, f"WHERE indicator_id = {INDICATOR}")

    dashboard = as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    assert dashboard.snapshot() == 1
    assert count(dashboard) == rows > 100_000
    assert count(dashboard, f"WHERE indicator_id = {INDICATOR}") == per_indicator
    assert not dashboard.path.exists()  # the store file stays with the refresh job
    assert (tmp_path / "dashboard" / "snapshot-cache" / "manifests" / "1.json").exists()


def test_a_write_uploads_only_what_changed_and_dashboards_move_on_their_next_run(published, bucket, s3_url,
                                                                                monkeypatch, tmp_path):
    dashboard = as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    assert dashboard.pin() == 1
    before = float(dashboard.query(f"SELECT sum(value) AS v FROM core_indicator_values "
                                   f"WHERE indicator_id = {INDICATOR}")["v"].iloc[0])

    job = as_role(monkeypatch, tmp_path / "job", publisher=True)
    with job.writer() as con:
        con.execute("UPDATE core_indicator_values SET value = value + 1 WHERE indicator_id = ? AND value IS NOT NULL",
                    [INDICATOR])
    held = objects(s3_url, bucket)
    assert held["hep/CURRENT"] == b"2"
    new_parts = {k.split("/")[4] for k in held if k.startswith("hep/parts/core_indicator_values/2/")}
    assert new_parts == {f"indicator_id={INDICATOR}"}  # one partition changed, one uploaded

    as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    changed = f"SELECT sum(value) AS v, count(value) AS n FROM core_indicator_values WHERE indicator_id = {INDICATOR}"
    assert float(dashboard.query(changed)["v"].iloc[0]) == pytest.approx(before)  # this run keeps snapshot 1
    assert dashboard.pin() == 2  # the next run reads the new one
    now = dashboard.query(changed).iloc[0]
    assert float(now["v"]) == pytest.approx(before + int(now["n"]))


def test_a_dashboard_never_writes_a_shared_store_in_an_object_store(published, bucket, s3_url, monkeypatch,
                                                                     tmp_path):
    dashboard = as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    with pytest.raises(StoreError, match="only the refresh job writes") as raised:
        with dashboard.writer():
            pass
    assert "python -m loading import" in raised.value.advice
    with pytest.raises(StoreError, match="only the refresh job writes"):
        dashboard.publish()
    assert objects(s3_url, bucket)["hep/CURRENT"] == b"1"


def test_numbers_only_grow_when_the_refresh_job_starts_on_an_empty_disk(published, bucket, s3_url, monkeypatch,
                                                                         tmp_path, sample_csv):
    fresh = as_role(monkeypatch, tmp_path / "new-job-disk", publisher=True)
    import_files([sample_csv], store=fresh)
    assert objects(s3_url, bucket)["hep/CURRENT"] == b"2"
    dashboard = as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    assert dashboard.snapshot() == 2 and count(dashboard) == count(fresh)


def test_old_snapshots_leave_the_bucket_after_their_grace_period(published, bucket, s3_url, monkeypatch, tmp_path):
    monkeypatch.setattr(snapshots, "GRACE_SECONDS", 0)
    job = as_role(monkeypatch, tmp_path / "job", publisher=True)
    for step in range(snapshots.KEEP + 1):
        with job.writer() as con:
            con.execute("UPDATE core_indicator_values SET value = value + ? WHERE indicator_id = ?",
                        [step + 1, INDICATOR])
    manifests = sorted(k for k in objects(s3_url, bucket) if k.startswith("hep/manifests/"))
    newest = snapshots.KEEP + 2
    assert manifests == sorted(f"hep/manifests/{n}.json" for n in range(newest - snapshots.KEEP + 1, newest + 1))
    named = {f"hep/{f}" for n in range(newest - snapshots.KEEP + 1, newest + 1)
             for f in snapshots.files_of(snapshots.manifest(job.snapshot_folder, n))}
    parts = {k for k in objects(s3_url, bucket) if k.startswith("hep/parts/")}
    assert parts == named  # every file left is named by a kept snapshot, and every named file is there
    dashboard = as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    assert count(dashboard) == count(job)


def test_an_unreachable_object_store_is_said_in_plain_words(bucket, monkeypatch, tmp_path):
    monkeypatch.setenv("HEP_S3_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("HEP_RETRIES", "0")
    monkeypatch.setenv("HEP_CONNECT_TIMEOUT", "2")
    dashboard = as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    with pytest.raises(StoreError, match=r"The shared store at s3://.* could not be read") as raised:
        dashboard.query("SELECT 1")
    assert "HEP_S3_ENDPOINT_URL" in raised.value.advice


def test_an_address_with_no_bucket_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("HEP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HEP_STORE_URL", "s3://")
    with pytest.raises(StoreError, match="names no bucket"):
        Store()


def test_a_dashboard_on_the_bucket_shows_the_overview_and_keeps_fetched_neighbours_in_memory(
        published, bucket, s3_url, monkeypatch, tmp_path, replay):
    from tests.apptest import run_app, texts
    as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    at = run_app(area="E08000009", comparator="neighbours")
    assert not at.exception
    shown = texts(at)
    assert "the mean of its CIPFA nearest neighbours" in shown and "Store snapshot 1" in shown
    again = run_app(area="E08000009", comparator="neighbours")
    assert not again.exception
    assert sum("nn-1-E08000009" in e["query"] for e in replay.log()) == 1  # fetched once, kept by the process
    assert objects(s3_url, bucket)["hep/CURRENT"] == b"1"  # and the dashboard wrote nothing


def test_a_dashboard_on_the_bucket_offers_no_forms_that_would_write(published, bucket, monkeypatch, tmp_path):
    from tests.apptest import open_page, texts
    as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    at = open_page("pages/data.py")
    assert not at.exception
    assert "only the refresh job writes" in texts(at) and "python -m loading import FILE" in texts(at)
    assert not [b for b in at.button if b.label == "Download data"]
    assert "indicators held" in texts(at)  # what the bucket's snapshot holds is still listed


def test_a_dashboard_whose_bucket_cannot_be_reached_says_so_on_the_page(bucket, monkeypatch, tmp_path):
    from tests.apptest import run_app, texts
    monkeypatch.setenv("HEP_S3_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("HEP_RETRIES", "0")
    as_role(monkeypatch, tmp_path / "dashboard", publisher=False)
    at = run_app()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "could not be read" in shown and "HEP_S3_ENDPOINT_URL" in shown, texts(at)

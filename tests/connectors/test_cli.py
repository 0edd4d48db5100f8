"""python -m connectors: refresh, import, status, with exit codes 0 / 2 / 3 and one-line messages."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "connectors", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1].split("\r")[-1].strip()


def test_refresh_then_status_json(replay, data_dir):
    done = cli("refresh", "--profile", "public-health-outcomes-framework", "--area-type", "502")
    assert done.returncode == 0, done.stderr
    assert "rows from" in done.stdout
    status = json.loads(cli("status", "--json").stdout)
    by_id = {s["indicator_id"]: s for s in status}
    assert 90366 in by_id and 90362 in by_id
    for key in ("indicator_id", "rows", "areas", "latest_period", "source", "fetched_at"):
        assert key in by_id[90366]
    assert "by_profile_id?profile_id=19" in by_id[90366]["source"]
    text = cli("status").stdout
    assert "90366" in text and "latest_period" in text


def test_refresh_by_profile_id_and_a_district_area_type(replay, data_dir):
    assert cli("refresh", "--profile", "143", "--area-type", "501").returncode == 0


def test_import_sample_files(sample_csv, sample_metadata_csv, data_dir):
    done = cli("import", str(sample_csv), str(sample_metadata_csv))
    assert done.returncode == 0, done.stderr
    assert "155,551 rows" in done.stdout and "116 indicator definitions" in done.stdout
    again = cli("import", str(sample_csv))
    assert again.returncode == 0 and "nothing changed" in again.stdout


def test_bad_file_exits_2_with_one_line(tmp_path, data_dir):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    done = cli("import", str(bad))
    assert done.returncode == 2
    assert last_line(done.stderr).startswith("error: bad.csv is not in the Fingertips bulk-data layout")
    assert "Traceback" not in done.stderr
    missing = cli("import", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_bad_arguments_exit_2(data_dir):
    done = cli("refresh")
    assert done.returncode == 2 and "--profile" in done.stderr
    assert cli("frobnicate").returncode == 2


def test_unknown_profile_exits_2(replay, data_dir):
    done = cli("refresh", "--profile", "no-such-profile")
    assert done.returncode == 2 and "No Fingertips profile" in done.stderr


def test_unreachable_api_exits_3(data_dir):
    done = cli("refresh", "--profile", "19", env={"FINGERTIPS_API_URL": "http://127.0.0.1:9/api/",
                                                   "HEP_RETRIES": "0"})
    assert done.returncode == 3 and "cannot be reached" in last_line(done.stderr)
    assert "Traceback" not in done.stderr


def test_api_errors_exit_3_and_keep_the_store(replay, sample_store):
    replay.fault(fail_next=50, status=503)
    done = cli("refresh", "--profile", "19", env={"HEP_RETRIES": "1", "HEP_BACKOFF": "0.01"})
    assert done.returncode == 3 and "server error" in done.stderr
    assert int(sample_store.query("SELECT count(*) FROM core_indicator_values").iloc[0, 0]) == 155_551


def test_truncated_download_exits_2_and_keeps_the_store(replay, sample_store):
    replay.fault(truncate_next=50, path_contains="all_data")
    done = cli("refresh", "--profile", "19", env={"HEP_RETRIES": "1", "HEP_BACKOFF": "0.01"})
    assert done.returncode == 2 and "cut off" in done.stderr
    assert int(sample_store.query("SELECT count(*) FROM core_indicator_values").iloc[0, 0]) == 155_551


def test_malformed_csv_exits_2_and_keeps_the_store(replay, sample_store):
    replay.fault(malformed_next=1, path_contains="all_data")
    done = cli("refresh", "--profile", "19")
    assert done.returncode == 2 and "missing columns" in done.stderr
    assert int(sample_store.query("SELECT count(*) FROM core_indicator_values").iloc[0, 0]) == 155_551

"""The Fingertips client against the replay server: real content, retries, timeouts, bad bodies."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from connectors.fingertips import FingertipsClient
from errors import FingertipsAPIError, FingertipsDataError


def client(url: str, **kw) -> FingertipsClient:
    kw.setdefault("backoff", 0.01)
    return FingertipsClient(url, **kw)


def test_profiles_and_domains(replay):
    c = client(replay.url)
    keys = {p["Key"]: p for p in c.profiles()}
    phof = keys["public-health-outcomes-framework"]
    assert phof["Id"] == 19
    groups = c.group_metadata(phof["GroupIds"])
    assert [g["Name"] for g in groups][0] == "A. Overarching indicators"
    assert c.profile(19)["GroupMetadata"][0]["Id"] == 1000049
    assert "90362" in c.indicator_metadata_by_group([1000049])


def test_areas_match_the_sample(replay, sample_csv):
    c = client(replay.url)
    types = {t["Id"]: t["Short"] for t in c.area_types()}
    assert types[502] == "Counties & UAs (from Apr 2023)" and types[501] == "Districts & UAs (from Apr 2023)"
    counties = {a["Code"]: a["Name"] for a in c.areas_by_area_type(502)}
    assert counties["E06000009"] == "Blackpool"
    areas = pd.read_csv(shared_areas(sample_csv), dtype=str)
    current = areas[(areas["Level"] == "2") & (areas["In current hierarchy"] == "yes")]
    assert set(counties) == set(current["Area Code"])
    north_west = {a["Code"] for a in c.areas_by_parent(502, "E12000002")}
    assert "E06000009" in north_west and "E08000009" in north_west
    children = c.parent_to_child_areas(501, 502)
    assert set(children["E10000017"]) >= {"E07000117", "E07000118"}  # Lancashire's districts


def shared_areas(sample_csv):
    return sample_csv.with_name("areas.csv")


def test_nearest_neighbours_are_the_cipfa_list(replay, sample_csv):
    c = client(replay.url)
    assert c.nearest_neighbour_types()[0]["Name"].startswith("CIPFA")
    got = {a["Code"] for a in c.nearest_neighbours("E08000009", 502)}
    nn = pd.read_csv(sample_csv.with_name("nearest_neighbours.csv"), dtype=str)
    expected = set(nn[(nn["Focal Area Code"] == "E08000009")
                      & nn["Neighbour Set"].str.contains("LG Inform")]["Neighbour Area Code"])
    assert got == expected and len(got) >= 10
    assert c.nearest_neighbours("E99999999", 502) == []


def test_metadata_json_and_csv(replay):
    c = client(replay.url)
    meta = c.indicator_metadata([90362])
    assert meta["90362"]["Descriptive"]["Name"] == "Healthy life expectancy at birth"
    frame = c.indicator_metadata_csv(indicator_ids=[90362, 90366])
    assert set(frame["Indicator ID"]) == {"90362", "90366"}
    assert "Polarity" in frame.columns
    assert len(c.indicator_metadata_csv(profile_id=19)) > 20


def test_bulk_csv_by_indicator_matches_the_sample_rows(replay, sample_csv, tmp_path):
    c = client(replay.url)
    seen = []
    path = c.download_data(tmp_path / "d.csv", indicator_ids=[90366], child_area_type_id=502,
                           parent_area_type_id=6, progress=lambda done, total: seen.append(done))
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert seen and seen[-1] == len(raw)
    got = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert got.columns[22] == "Compared to Region value or percentiles"
    sample = pd.read_csv(sample_csv, dtype=str, keep_default_na=False)
    blackpool = sample[(sample["Indicator ID"] == "90366") & (sample["Area Code"] == "E06000009")]
    served = got[got["Area Code"] == "E06000009"]
    assert len(served) == len(blackpool) > 0
    assert sorted(served["Value"]) == sorted(blackpool["Value"])


def test_bulk_csv_by_profile_and_group(replay, tmp_path):
    c = client(replay.url)
    by_group = c.download_data(tmp_path / "g.csv", group_id=1000049, child_area_type_id=502)
    ids = {r["Indicator ID"] for r in csv.DictReader(open(by_group, encoding="utf-8"))}
    assert ids <= {"90362", "90366", "92901"} and ids
    by_profile = c.download_data(tmp_path / "p.csv", profile_id=19, child_area_type_id=501)
    assert by_profile.stat().st_size > by_group.stat().st_size


@pytest.mark.parametrize("status", [500, 503, 429])
def test_retries_then_succeeds(replay, status):
    replay.fault(fail_next=2, status=status, retry_after=1 if status != 500 else None)
    c = client(replay.url, retries=3)
    assert c.profiles()[0]["Id"] == 19
    statuses = [e["status"] for e in replay.log() if e["path"].endswith("/profiles")]
    assert statuses == [status, status, 200]


def test_retry_after_is_honoured(replay):
    import time
    replay.fault(fail_next=1, status=429, retry_after=2)
    start = time.monotonic()
    client(replay.url, retries=2).area_types()
    assert time.monotonic() - start >= 1.9


def test_client_errors_are_not_retried(replay):
    c = client(replay.url, retries=3)
    with pytest.raises(FingertipsAPIError) as err:
        c.get_json("areas/by_area_type", {"area_type_id": "x"})
    assert err.value.status == 400 and "area_type_id" in err.value.url
    assert len([e for e in replay.log() if "by_area_type" in e["path"]]) == 1


def test_persistent_failure_is_one_error_with_the_url(replay):
    replay.fault(fail_next=10, status=503)
    with pytest.raises(FingertipsAPIError) as err:
        client(replay.url, retries=2).profiles()
    assert err.value.url.endswith("/api/profiles") and err.value.status == 503
    assert "server error" in str(err.value)
    assert len([e for e in replay.log() if e["path"].endswith("/profiles")]) == 3


def test_stalled_response_times_out(replay):
    replay.fault(latency_ms=3000)
    c = client(replay.url, retries=0, timeout=(2, 0.5))
    with pytest.raises(FingertipsAPIError) as err:
        c.area_types()
    assert "did not answer in time" in str(err.value) and err.value.url.endswith("area_types")


def test_connection_refused():
    with pytest.raises(FingertipsAPIError) as err:
        client("http://127.0.0.1:9/api/", retries=0).profiles()
    assert "cannot be reached" in str(err.value)


def test_truncated_download_is_a_data_error(replay, tmp_path):
    replay.fault(truncate_next=5, path_contains="all_data")
    c = client(replay.url, retries=1)
    with pytest.raises(FingertipsDataError) as err:
        c.download_data(tmp_path / "t.csv", indicator_ids=[90366], child_area_type_id=502)
    assert "cut off" in str(err.value)
    assert not (tmp_path / "t.csv").exists() and not list(tmp_path.glob("*.part"))


def test_truncated_download_is_retried(replay, tmp_path):
    replay.fault(truncate_next=1, path_contains="all_data")
    path = client(replay.url, retries=2).download_data(tmp_path / "t.csv", indicator_ids=[90366],
                                                       child_area_type_id=502)
    assert len(pd.read_csv(path)) > 100
    assert [e["path"].endswith("by_indicator_id") for e in replay.log()].count(True) == 2


def test_malformed_json_is_a_data_error(replay):
    replay.fault(malformed_next=1, path_contains="profiles")
    with pytest.raises(FingertipsDataError):
        client(replay.url).profiles()


def test_ca_bundle_setting_is_used(monkeypatch, tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    monkeypatch.setenv("HEP_CA_BUNDLE", str(bundle))
    assert FingertipsClient("https://example.invalid/api/").session.verify == str(bundle)
    monkeypatch.delenv("HEP_CA_BUNDLE")
    assert FingertipsClient("https://example.invalid/api/").session.verify is True

"""Small areas (MSOA, area type 3) from the replay server: one download per local authority, nothing stored on a
failure, --parent-area repeatable, area type 3 refused without a parent."""
from __future__ import annotations

import json

import pytest

from errors import FingertipsDataError
from loading.small_areas import la_area_type, refresh_small_areas
from store import queries
from store.db import Store
from tests.connectors.test_cli import cli, last_line

BLACKPOOL, TRAFFORD, LANCASHIRE = "E06000009", "E08000009", "E10000017"


def _all_data(replay) -> list[dict]:
    return [e for e in replay.log() if "all_data" in e["path"]]


def test_each_local_authority_is_one_download_and_keeps_type_vintage_and_parent(replay, data_dir):
    results = refresh_small_areas("local-health", [BLACKPOOL, TRAFFORD])
    assert all(r.changed for r in results) and len(results) == 2
    asked = _all_data(replay)
    assert len(asked) == 2
    for entry, code in zip(asked, (BLACKPOOL, TRAFFORD)):
        assert f"parent_area_code={code}" in entry["query"] and "child_area_type_id=3" in entry["query"]
        assert "parent_area_type_id=501" in entry["query"]
    store = Store()
    summary = queries.small_area_summary(store).set_index("local_authority")
    assert summary.loc[BLACKPOOL, "msoas"] == 19 and summary.loc[TRAFFORD, "msoas"] == 28
    assert summary.loc[BLACKPOOL, "code_vintages"] == "2011"  # 2015 - 19 data on the 2011 codes
    typed = store.query("SELECT area_type_id, count(*) n FROM core_indicator_values GROUP BY ALL")
    assert set(typed["area_type_id"]) == {3, 501}  # the MSOAs and, for the lines, the authorities' own rows
    areas = store.query("SELECT parent_code, count(*) n FROM core_areas WHERE area_type_id = 3 GROUP BY ALL")
    assert dict(zip(areas["parent_code"], areas["n"])) == {BLACKPOOL: 19, TRAFFORD: 28}
    status = queries.status(store)
    msoa = status[status["area_type_id"] == 3]
    assert set(msoa["parent_area"]) == {BLACKPOOL, TRAFFORD} and set(msoa["profile"]) == {"local-health"}


def test_a_county_is_asked_for_as_a_county_and_its_msoas_keep_their_districts(replay, data_dir):
    refresh_small_areas("local-health", [LANCASHIRE])
    (entry,) = _all_data(replay)
    assert "parent_area_type_id=502" in entry["query"] and f"parent_area_code={LANCASHIRE}" in entry["query"]
    msoas = queries.msoas_of(Store(), "E07000117")  # Burnley, a district of Lancashire
    assert len(msoas) == 12 and set(msoas["parent_code"]) == {"E07000117"}
    assert len(queries.msoas_of(Store(), LANCASHIRE)) > 100


def test_a_download_cut_off_half_way_stores_nothing(replay, data_dir, monkeypatch):
    monkeypatch.setenv("HEP_RETRIES", "0")
    refresh_small_areas("local-health", [BLACKPOOL])
    before = Store().version()
    replay.fault(truncate_next=1, path_contains="all_data")
    with pytest.raises(FingertipsDataError, match="cut off"):
        refresh_small_areas("local-health", [TRAFFORD, BLACKPOOL])
    assert Store().version() == before
    assert list(queries.small_area_summary(Store())["local_authority"]) == [BLACKPOOL]


def test_a_cut_off_download_into_an_empty_store_leaves_no_store(replay, data_dir, monkeypatch):
    monkeypatch.setenv("HEP_RETRIES", "0")
    replay.fault(truncate_next=1, path_contains="all_data")
    with pytest.raises(FingertipsDataError):
        refresh_small_areas("local-health", [BLACKPOOL])
    assert not Store().exists()


def test_codes_that_are_not_local_authorities_are_refused_before_any_request(replay, data_dir):
    with pytest.raises(FingertipsDataError, match="not the code of an English local authority"):
        refresh_small_areas("local-health", ["E12000002"])
    with pytest.raises(FingertipsDataError, match="one local authority at a time"):
        refresh_small_areas("local-health", [])
    assert not replay.log()
    assert la_area_type(LANCASHIRE) == 502 and la_area_type(BLACKPOOL) == 501 and la_area_type("E07000117") == 501


def test_cli_parent_area_is_repeatable(replay, data_dir):
    done = cli("refresh", "--profile", "local-health", "--area-type", "3", "--parent-area", BLACKPOOL,
               "--parent-area", TRAFFORD)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("rows from") == 2
    status = json.loads(cli("status", "--json").stdout)
    assert {s["parent_area"] for s in status if s["area_type_id"] == 3} == {BLACKPOOL, TRAFFORD}
    text = cli("status").stdout
    assert "Small areas (MSOA) held per local authority" in text and "Trafford" in text


def test_cli_refuses_area_type_3_without_a_parent(replay, data_dir):
    done = cli("refresh", "--profile", "local-health", "--area-type", "3")
    assert done.returncode == 2
    assert "one local authority at a time" in last_line(done.stderr) and "--parent-area" in last_line(done.stderr)
    assert "Traceback" not in done.stderr
    assert not [e for e in replay.log() if "all_data" in e["path"]]
    wrong = cli("refresh", "--profile", "local-health", "--area-type", "502", "--parent-area", BLACKPOOL)
    assert wrong.returncode == 2 and "--area-type 3" in wrong.stderr

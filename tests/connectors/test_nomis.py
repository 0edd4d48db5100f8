"""The Nomis client against the replay server: real extracts, run-time codes, paging, faults, bad bodies."""
from __future__ import annotations

import csv
import gzip
import json
from urllib.parse import parse_qs

import pandas as pd
import pytest

from connectors.nomis import NomisClient
from errors import HEPError, NomisAPIError, NomisDataError
from tests.connectors.conftest import nomis_data_dir

BCP, CARDIFF, ENGLAND = "E06000058", "W06000015", "E92000001"


def client(**kw) -> NomisClient:
    kw.setdefault("pause", 0)
    return NomisClient(**kw)


def data_calls(log: list[dict]) -> list[dict]:
    return [{k: v[-1] for k, v in parse_qs(e["query"]).items()} for e in log if e["path"].endswith(".data.csv")]


def la_cells(area: str, cause: str, years: set[str]) -> dict[tuple, int]:
    """The recorded LA extract itself, keyed as the client's rows are."""
    labels = {"Aged under 1": 0, "Aged 1 to 4": 1, "Aged 90 and over": 90}
    out = {}
    with gzip.open(nomis_data_dir() / "DiaAzul_Nomis2021" / "la_data.csv.gz", "rt", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["geography"] == area and row["cause of death"].startswith(cause) and row["date"] in years \
                    and row["Gender"] != "Total" and row["Age"] != "total (all ages)":
                start = labels[row["Age"]] if row["Age"] in labels else int(row["Age"].split()[1].split("-")[0])
                out[(int(row["date"]), row["Gender"], start)] = int(row["value"])
    return out


def test_deaths_match_the_recorded_extract_and_are_flagged_rounded(nomis):
    result = client().deaths([BCP], [2017, 2018, 2019], causes=["I00-I99"])
    frame = result.frame
    assert len(frame) == 3 * 2 * 20 * 2 and set(frame["cause"]) == {"A00-R99,U00-Y89", "I00-I99"}
    assert sorted(frame["start_age"].unique()) == [0, 1, *range(5, 95, 5)]
    circ = frame[frame["cause"] == "I00-I99"].set_index(["year", "sex", "start_age"])["deaths"].to_dict()
    assert circ == la_cells("Bournemouth, Christchurch and Poole", "I00-I99", {"2017", "2018", "2019"})
    assert result.rounded == {BCP: True} and result.rounded_below_region and frame["rounded"].all()
    assert frame.attrs["rounded_below_region"] == {BCP: True}
    assert "Crown copyright" in result.attribution
    (call,) = data_calls(nomis.log())
    assert call["select"].split(",")[-1] == "record_count" and call["measures"] == "20100"
    assert call["cause_of_death"] == "0,9" and call["gender"] == "1,2" and call["measure"] == "1"


def test_codes_are_read_from_the_codelists_once(nomis):
    c = client()
    c.deaths([CARDIFF], [2019], causes=["I00-I99"])
    c.deaths([BCP], [2018], causes=["I00-I99"])
    codelists = [e["path"].split("NM_161_1/")[1] for e in nomis.log() if e["path"].endswith(".def.sdmx.json")]
    assert sorted(codelists) == sorted(set(codelists))  # cached: each codelist fetched once
    assert {"cause_of_death.def.sdmx.json", "age.def.sdmx.json", "gender.def.sdmx.json",
            "geography/TYPE.def.sdmx.json", "measure.def.sdmx.json", "measures.def.sdmx.json"} <= set(codelists)
    assert c.cause_codes(["X30"]) == {"A00-R99,U00-Y89": "0", "X30": "12430"}
    with pytest.raises(NomisDataError, match="offers no cause of death C00-D48"):
        c.cause_codes(["C00-D48"])
    assert c.area("NM_161_1", ENGLAND) == ("2092957699", "TYPE499")
    with pytest.raises(NomisDataError, match="no area with the code E06000999"):
        c.area("NM_161_1", "E06000999")


def test_england_is_exact_and_england_population_sums_to_its_total(nomis):
    england = client().deaths([ENGLAND], [2019])
    assert england.rounded == {ENGLAND: False} and not england.rounded_below_region
    pop = client().population([ENGLAND], [2022]).frame
    assert len(pop) == 2 * 91 and pop["age"].max() == 90
    recorded = json.loads((nomis_data_dir() / "sbf-developer_UK-Demographic-Change" / "mye_england_2022.json")
                          .read_text())["obs"]
    totals = {o["gender"]["description"]: o["obs_value"]["value"] for o in recorded if o["c_age"]["value"] == 200}
    assert pop.groupby("sex")["population"].sum().to_dict() == totals


def test_pages_with_record_offset_until_record_count(nomis):
    nomis.fault(cap=100)
    result = client().deaths([BCP, CARDIFF], [2013, 2014, 2015], causes=["I00-I99"])
    assert len(result.frame) == 2 * 3 * 2 * 20 * 2 == 480
    calls = data_calls(nomis.log())
    assert [int(c.get("RecordOffset", 0)) for c in calls] == [0, 100, 200, 300, 400]
    assert not result.frame.duplicated(["year", "geography_code", "sex", "start_age", "cause"]).any()


def test_a_silently_capped_reply_is_detected(nomis):
    nomis.fault(silent_cap=150, cap=100)
    with pytest.raises(NomisDataError, match="sent 150 of the 480 rows it counted") as info:
        client().deaths([BCP, CARDIFF], [2013, 2014, 2015], causes=["I00-I99"])
    assert "NOMIS_API_KEY" in str(info.value)


def test_a_body_cut_mid_row_is_a_typed_error(nomis):
    c = client()
    c.deaths([BCP], [2019])  # codelists cached
    nomis.fault(truncate_next=1, path_contains=".data.csv")
    with pytest.raises(NomisDataError, match="RECORD_COUNT|cut short|readable"):
        c.deaths([BCP], [2019])


@pytest.mark.parametrize("status", [429, 500, 503])
def test_429_and_5xx_are_retried(nomis, status):
    nomis.fault(fail_next=2, status=status, retry_after=0)
    result = client().population([ENGLAND], [2022])
    assert len(result.frame) == 182
    assert len(nomis.log()) >= 3


def test_persistent_errors_become_nomis_api_errors(nomis, monkeypatch):
    monkeypatch.setenv("HEP_RETRIES", "1")
    nomis.fault(fail_next=5, status=503, retry_after=0)
    with pytest.raises(NomisAPIError, match=r"server error \(503\). Try again later") as info:
        client().population([ENGLAND], [2022])
    assert isinstance(info.value, HEPError) and info.value.url.startswith(nomis.url)
    assert info.value.status == 503 and len(nomis.log()) == 2  # the first try and one retry
    nomis.reset()
    with pytest.raises(NomisAPIError, match="404") as missing:
        client().codes("NM_161_1", "no_such_concept")
    assert missing.value.status == 404


def test_malformed_bodies_are_typed_errors(nomis):
    nomis.fault(malformed_next=1)
    with pytest.raises(NomisDataError, match="not valid JSON"):
        client().codes("NM_161_1", "age")
    c = client()
    c.population([ENGLAND], [2022])
    nomis.fault(malformed_next=1, path_contains=".data.csv")
    with pytest.raises(NomisDataError, match="lacks the column"):
        c.population([ENGLAND], [2022])


def test_the_key_and_base_url_come_from_settings(nomis, monkeypatch):
    monkeypatch.setenv("NOMIS_API_KEY", "0xABC123")
    c = NomisClient(pause=0)
    assert c.base_url == nomis.url
    c.codes("NM_2002_1", "gender")
    assert "uid=0xABC123" in nomis.log()[-1]["query"]


def test_bad_arguments_are_refused_before_any_call(nomis):
    with pytest.raises(ValueError):
        client().deaths(["Blackpool"], [2019])
    with pytest.raises(ValueError):
        client().population([ENGLAND], [])
    assert all(e["path"].endswith(".def.sdmx.json") for e in nomis.log())


def test_deaths_feed_the_life_table_layout(nomis):
    frame = client().deaths([CARDIFF], [2017, 2018, 2019], causes=["I00-I99"]).frame
    pooled = frame.groupby(["sex", "cause", "start_age"])["deaths"].sum().unstack("cause")
    assert (pooled["I00-I99"] <= pooled["A00-R99,U00-Y89"]).all()
    assert isinstance(pooled, pd.DataFrame) and len(pooled) == 40

"""Mortality input: the England IMD decile file and analysts' CSVs imported, Nomis downloads stored, all or nothing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from connectors.nomis import NomisClient
from errors import MortalityDataError, NomisAPIError
from loading.mortality import IMD_DATASET, download_nomis, import_file, parse_years
from store import schema
from store.db import Store
from store.mortality import dataset_rows, datasets

ROOT = Path(__file__).resolve().parents[2]
BCP, ENGLAND = "E06000058", "E92000001"


def _store(tmp_path: Path) -> Store:
    return Store(tmp_path / "hep.duckdb")


def _count(store: Store, table: str = "mortality_input") -> int:
    frame = store.query(f"SELECT count(*) FROM {table}")
    return 0 if frame.empty else int(frame.iloc[0, 0])


def test_the_england_decile_file_is_stored_row_for_row(tmp_path, imd_decile_csv):
    raw = pd.read_csv(imd_decile_csv)
    store = _store(tmp_path)
    result = import_file(imd_decile_csv, store=store)
    assert result.dataset == IMD_DATASET and result.kind == "groups"
    assert result.rows == len(raw) == _count(store)
    assert result.years == tuple(sorted(raw["year"].unique()))
    assert set(result.groups) == {f"IMD decile {d}" for d in range(1, 11)}
    got = dataset_rows(store, IMD_DATASET)
    by_pandas = raw.groupby(["imd_decile", "year", "sex"])[["deaths", "population"]].sum()
    by_store = got.assign(imd_decile=got["group_name"].str.split().str[-1].astype("int64"),
                          year=got["year"].astype("int64")).groupby(
        ["imd_decile", "year", "sex"])[["deaths", "population"]].sum()
    pd.testing.assert_frame_equal(by_store.sort_index(), by_pandas.sort_index(), check_dtype=False)
    assert set(got["cause"]) == {"All causes"} and not got["rounded"].any()
    assert got["age"].astype(int).max() == 74
    load = store.query("SELECT kind, source, row_count, fetched_at FROM loads")
    assert load.to_dict("records")[0]["kind"] == "mortality" and load["row_count"].iloc[0] == len(raw)
    assert load["source"].iloc[0] == imd_decile_csv.name and load["fetched_at"].notna().all()
    held = datasets(store)
    assert held["dataset"].tolist() == [IMD_DATASET] and len(held["years"].iloc[0]) == 16


def test_importing_again_replaces_the_dataset(tmp_path, imd_decile_csv):
    store = _store(tmp_path)
    import_file(imd_decile_csv, store=store)
    import_file(imd_decile_csv, store=store)
    assert _count(store) == len(pd.read_csv(imd_decile_csv))
    assert _count(store, "loads") == 2


def test_a_file_in_the_documented_layout_with_causes_and_years(tmp_path):
    ages = ["0", "1-4", *[f"{a}-{a + 4}" for a in range(5, 75, 5)]]
    rows = [{"group": g, "sex": s, "age": a, "cause": c, "year": y, "deaths": d, "population": 1000.0}
            for g in ("North", "South") for s in ("Male", "Female") for a in ages for y in (2018, 2019)
            for c, d in (("All causes", 4.0), ("Circulatory", 1.0))]
    path = tmp_path / "my deaths.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    store = _store(tmp_path)
    result = import_file(path, store=store)
    assert (result.dataset, result.rows, result.years, result.groups) == ("my deaths", len(rows), (2018, 2019),
                                                                            ("North", "South"))
    assert sorted(dataset_rows(store, "my deaths")["cause"].unique()) == ["All causes", "Circulatory"]


@pytest.mark.parametrize(("text", "message"), [
    ("group,sex,age\nA,Male,0\n", "has no 'deaths', 'population' column"),
    ("group,sex,age,deaths,population\nA,Male,0,x,100\n", "Row 1: 'deaths' must be a number"),
    ("group,sex,age,deaths,population\nA,Man,0,1,100\n", "'sex' must be Male, Female or Persons"),
    ("group,sex,age,deaths,population,year\nA,Male,0,1,100,2019\nA,Male,1-4,1,100,2019\nA,Male,0,1,100,20x\n",
     "'year' must be a whole year"),
    ("year,imd_decile,sex,age,deaths,population\n2019,1,Male,0,1,100\n2019,1,Male,0,2,100\n",
     "Row 2: the same group, sex, age and cause appears on an earlier row"),
    ("\x00\x01\x02", "could not be read|has no"),
])
def test_a_bad_csv_is_a_plain_error_and_nothing_is_stored(tmp_path, imd_decile_csv, text, message):
    store = _store(tmp_path)
    import_file(imd_decile_csv, store=store)
    before = store.version()
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(MortalityDataError, match=message) as info:
        import_file(path, store=store)
    assert str(info.value).startswith("bad.csv") and "Traceback" not in str(info.value)
    assert store.version() == before and _count(store) == 24_000 and _count(store, "loads") == 1


def test_the_table_is_declared_in_the_schema():
    fields = [f.name for f in schema.TABLES["mortality_input"]]
    for name in ("dataset", "group_name", "sex", "age", "cause", "year", "deaths", "population", "rounded",
                 "source", "fetched_at"):
        assert name in fields


def test_years_are_read_as_runs_lists_or_one():
    assert parse_years("2017-2019") == [2017, 2018, 2019]
    assert parse_years("2019, 2017") == [2017, 2019] and parse_years("2019") == [2019]
    for bad in ("2019-2017", "19", "2017-", "1990-2030"):
        with pytest.raises(ValueError):
            parse_years(bad)


# ---- Nomis (the replay server over ../shared/nomis/data) -------------------------------------------------
def test_a_nomis_download_is_stored_as_it_came(nomis, tmp_path):
    store = _store(tmp_path)
    result = download_nomis(BCP, [2018, 2019], store=store, client=NomisClient(pause=0))
    calls = [e["path"] for e in nomis.log() if e["path"].endswith(".data.csv")]
    assert calls.count("/api/v01/dataset/NM_161_1.data.csv") == 2  # one call a year, one at a time
    reference = NomisClient(pause=0).deaths([BCP, ENGLAND], [2018, 2019], causes=["I00-I99"]).frame
    got = dataset_rows(store, f"Nomis {BCP}")
    assert result.rows == len(got) == len(reference)  # the replay holds no England deaths by age
    assert result.groups == ("Bournemouth, Christchurch and Poole", "England") and result.rounded
    assert got["deaths"].sum() == reference["deaths"].sum()
    assert set(got["cause"]) == {"All causes", "Circulatory"} and got["rounded"].all()
    assert got["population"].isna().all()  # the replay's population covers England in 2022 only
    assert any("no population estimates for Bournemouth" in n for n in result.notes)
    assert any("Cancer" in n and "'Other'" in n for n in result.notes)
    source = store.query("SELECT DISTINCT source, fetched_at FROM mortality_input")
    assert len(source) == 1 and source["source"].iloc[0].startswith(nomis.url)


def test_england_population_arrives_in_the_bands_of_the_life_table(nomis, tmp_path):
    store = _store(tmp_path)
    download_nomis(BCP, [2022], store=store, client=NomisClient(pause=0))
    england = dataset_rows(store, f"Nomis {BCP}").query("group_name == 'England'")
    total = NomisClient(pause=0).population([ENGLAND], [2022]).frame["population"].sum()
    assert len(england) == 2 * 20 and england["population"].sum() == total
    assert england["age"].tolist()[:3] == ["0", "1-4", "10-14"] or "90+" in set(england["age"])
    assert england["deaths"].isna().all() and not england["rounded"].any()


def test_a_fault_mid_download_stores_nothing(nomis, tmp_path, imd_decile_csv, monkeypatch):
    monkeypatch.setenv("HEP_RETRIES", "1")
    store = _store(tmp_path)
    import_file(imd_decile_csv, store=store)
    before = store.version()
    client = NomisClient(pause=0)
    client.deaths([BCP], [2019], causes=["I00-I99"])  # codelists cached: the next data call is mid-download
    nomis.fault(fail_next=10, status=503, retry_after=0, path_contains="NM_161_1.data.csv")
    with pytest.raises(NomisAPIError, match="503"):
        download_nomis(BCP, [2017, 2018, 2019], store=store, client=client)
    assert store.version() == before and datasets(store)["dataset"].tolist() == [IMD_DATASET]
    nomis.reset()
    nomis.fault(truncate_next=1, path_contains="NM_161_1.data.csv")
    with pytest.raises(Exception, match="RECORD_COUNT|cut short|readable"):
        download_nomis(BCP, [2017, 2018, 2019], store=store, client=client)
    assert store.version() == before and _count(store) == 24_000


def test_the_command_line_imports_and_downloads(nomis, tmp_path, imd_decile_csv):
    env = {**os.environ, "HEP_DATA_DIR": str(tmp_path / "cli"), "NOMIS_API_URL": nomis.url, "HEP_RETRIES": "0"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "loading", "mortality", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)

    done = run("import", str(imd_decile_csv))
    assert done.returncode == 0 and "England IMD deciles: 24,000 rows for 10 groups (2001–2016)" in done.stdout
    done = run("nomis", "--area", BCP, "--years", "2017-2019")
    assert done.returncode == 0 and f"Nomis {BCP}" in done.stdout and "note:" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("group,sex\nA,Male\n")
    done = run("import", str(bad))
    assert done.returncode == 2 and "error: bad.csv" in done.stderr and "Traceback" not in done.stderr
    assert run("import", str(tmp_path / "missing.csv")).returncode == 2
    assert run("nomis", "--area", BCP, "--years", "soon").returncode == 2
    assert run("nomis", "--area", "Blackpool", "--years", "2019").returncode == 2
    env["NOMIS_API_URL"] = "http://127.0.0.1:9/api/v01/"
    done = run("nomis", "--area", BCP, "--years", "2019")
    assert done.returncode == 3 and "cannot be reached" in done.stderr
    held = Store(tmp_path / "cli" / "hep.duckdb").query("SELECT DISTINCT dataset FROM mortality_input ORDER BY 1")
    assert held["dataset"].tolist() == [IMD_DATASET, f"Nomis {BCP}"]

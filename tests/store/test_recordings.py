"""Every real Fingertips file kept in ../shared (recordings/ and the jargonautical original) imports: the
row count pandas reads, values typed, known cells exact. A new file in recordings/ is a new case."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from connectors.fingertips import metadata_frame
from loading.refresh import import_files
from store import importer
from store.db import Store
from tests.conftest import SHARED

RECORDINGS = SHARED / "fingertips" / "data" / "recordings" if SHARED else None
ORIGINAL = SHARED / "fingertips" / "data" / "originals" / "jargonautical__data-dev" / "indicators-CountyUA.data.csv" \
    if SHARED else None
CSV_FILES = sorted(RECORDINGS.rglob("*.csv")) + [ORIGINAL] if RECORDINGS else []
JSON_FILES = sorted(RECORDINGS.rglob("*.json")) if RECORDINGS else []
pytestmark = pytest.mark.skipif(SHARED is None, reason="../shared/fingertips is absent")

# file name -> (indicator, area code, time period, age) -> {store column: value} (sex Persons, no category)
KNOWN_CELLS: dict[str, dict[tuple, dict]] = {
    "indicators-CountyUApre419.data.csv": {
        (91872, "E10000007", "2015", "All ages"): {"value": 18.515, "count": None, "area_name": "Derbyshire",
                                                  "compared_to_parent_label": "Compared to Region value or percentiles",
                                                  "time_period_range": None, "time_period_sortable": 20150000}},
    "unmet_alcohol.csv": {
        (93532, "E06000002", "2019/20", "18+ yrs"): {"value": 79.88338192, "count": 2009.333333, "denominator": 2515.0,
                                                     "time_period_range": "1y", "compared_to_parent": None}},
    "Compare_areas.csv": {
        (92443, "E06000001", "2019", "18+ yrs"): {"count": 14180.0, "value": 19.2639, "area_name": "Hartlepool"},
        (92443, "E92000001", "2019", "18+ yrs"): {"count": 6144703.0},
        (92443, "E06000053", "2019", "18+ yrs"): {
            "count": None, "value_note": "* Value suppressed for disclosure control due to small count"}},
    "eastmidlands 2019.csv": {(92443, "E10000018", "2019", "18+ yrs"): {"count": 67614.8184, "value": 11.9822}},
    "london 2019.csv": {(92443, "E09000005", "2019", "18+ yrs"): {"count": 26046.1161, "area_name": "Brent"}},
    "northwest 2019.csv": {(92443, "E08000002", "2019", "18+ yrs"): {"value": 12.7681}},
    "yorks 2019.csv": {(92443, "E08000017", "2019", "18+ yrs"): {"count": 46779.2557}},
    "reception_prev_overweight.csv": {
        (93106, "E02004949", "2022/23 - 24/25", "4-5 yrs"): {"value": 25.8621, "count": None, "denominator": 290.0,
                                                             "time_period_range": "3y", "area_name": "Pin Green"}},
    "indicators-CountyUA.data.csv": {
        (93356, "E92000001", "2015", "0-9 yrs"): {"value": 217.8841052, "count": 14799.0,
                                                  "indicator_name": "Campylobacter incidence rate/100,000",
                                                  "compared_to_goal": None}},
}
CLEANED: dict[str, set[str]] = {  # rules each file needs, at least
    "Compare_areas.csv": {"bom", "thousands", "dash", "html"},
    "reception_prev_overweight.csv": {"bom", "html"},
    "indicators-CountyUA.data.csv": {"short_rows", "line_break_trimmed"},
    "unmet_alcohol.csv": set(),
}


def _id(path):
    return path.name


@pytest.mark.parametrize("path", CSV_FILES, ids=_id)
def test_real_file_imports_every_row_typed(path, tmp_path):
    expected = len(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    store = Store(tmp_path / "hep.duckdb")
    [result] = import_files([path], store=store)
    assert (result.rows_read, result.rows_stored) == (expected, expected), result.summary_lines()
    assert int(store.query("SELECT count(*) FROM core_indicator_values").iloc[0, 0]) == expected
    assert {c.rule for c in result.cleaned} >= CLEANED.get(path.name, set())
    assert all(c.sentence and f"{c.count:,}" in c.sentence for c in result.cleaned if c.rule != "bom")
    for (iid, area, period, age), cells in KNOWN_CELLS.get(path.name, {}).items():
        row = store.query("SELECT * FROM core_indicator_values WHERE indicator_id = ? AND area_code = ? AND "
                          "sex = 'Persons' AND time_period = ? AND age = ? AND category IS NULL", [iid, area, period, age])
        assert len(row) == 1, (iid, area, period)
        for column, value in cells.items():
            got = row.iloc[0][column]
            assert (pd.isna(got) if value is None else got == pytest.approx(value) if isinstance(value, float)
                    else got == value), (column, got, value)


def test_every_recording_has_known_cells():
    assert {p.name for p in CSV_FILES} == set(KNOWN_CELLS), "add spot checks for the new file"


@pytest.mark.parametrize("path", JSON_FILES, ids=_id)
def test_real_metadata_json_imports_every_indicator(path, tmp_path):
    payload = json.loads(path.read_text(encoding="utf-8"))
    frame = metadata_frame(payload, source=path.name)
    store = Store(tmp_path / "hep.duckdb")
    with store.writer() as con:
        result = importer.import_metadata(con, store, frame, source=path.name, path=path)
    assert result.rows == len(payload) == 1587
    meta = store.query("SELECT * FROM core_indicator_metadata").set_index("indicator_id")
    assert len(meta) == 1587
    assert meta.loc[108, "indicator_name"] == "Under 75 mortality rate from all causes"
    assert meta.loc[108, "unit"] == "per 100,000" and meta.loc[108, "year_type"] == "Calendar"
    assert meta.loc[108, "value_type"] == "Directly standardised rate"
    assert meta.loc[108, "data_source"] == "OHID, based on Office for National Statistics data"


def test_metadata_json_imports_through_the_cli_path(tmp_path):
    [path] = JSON_FILES
    [result] = import_files([path], store=Store(tmp_path / "hep.duckdb"))
    assert result.kind == "metadata" and result.rows == 1587

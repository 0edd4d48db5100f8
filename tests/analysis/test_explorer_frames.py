"""analysis.explorer on small frames built in code: series, periods, compare/trend/map frames, breakdowns."""
from __future__ import annotations

import pandas as pd

from analysis import explorer as ax
from geography import ENGLAND
from tests.analysis.small_frames import AREA, PEER_A, REGION, metadata, row, values

META = metadata().iloc[0].to_dict()


def test_choices_put_persons_and_all_ages_first():
    frame = pd.DataFrame([row(AREA, 1.0, sex="Male"), row(AREA, 1.0, sex="Persons"), row(AREA, 1.0, sex="Female")])
    assert ax.choices(frame, "sex") == ["Persons", "Female", "Male"]


def test_series_orders_periods_and_keeps_blank_single_sex_rows():
    frame = pd.DataFrame([row(AREA, 2.0, "2021"), row(AREA, 1.0, "2020", sex=None)])
    out = ax.series(frame, "Persons", "All ages")
    assert out["time_period"].tolist() == ["2020", "2021"]


def test_latest_common_period_prefers_the_area():
    frame = pd.DataFrame([row(AREA, 1.0, "2020"), row(PEER_A, 1.0, "2022"), row(AREA, None, "2022")])
    assert ax.latest_common_period(frame, AREA) == "2020"
    assert ax.latest_common_period(frame, "E06000099") == "2022"


def test_value_at_and_compare_frame():
    frame = values()
    assert ax.value_at(frame, ENGLAND, "2022") == 50.0 and ax.value_at(frame, None, "2022") is None
    compared = ax.compare_frame(frame, [AREA, PEER_A], "2022", 50.0, META)
    assert dict(zip(compared["area_code"], compared["significance"])) == {AREA: "Worse", PEER_A: "Better"}


def test_trend_frame_labels_each_period_against_that_periods_comparator():
    frame = values()
    england = frame[frame["area_code"] == ENGLAND]
    trend = ax.trend_frame(frame, AREA, england, META)
    assert trend["time_period"].tolist() == ["2018", "2019", "2020", "2021", "2022"]
    assert set(trend["significance"]) == {"Worse"}


def test_boundary_breaks():
    assert ax.boundary_breaks(["2018", "2019", "2020"], "E06000058") == ["2019"]
    assert ax.boundary_breaks(["2018", "2019", "2020"], AREA) == []


def test_map_frame_reports_codes_not_in_the_boundaries():
    frame = pd.DataFrame([row(AREA, 1.0), row("E07000026", 1.0), row(ENGLAND, 1.0), row(REGION, 1.0)])
    geojson = {"features": [{"properties": {"CD": AREA}}]}
    inside, outside = ax.map_frame(frame, geojson, "CD")
    assert inside["area_code"].tolist() == [AREA] and outside["area_code"].tolist() == ["E07000026"]


def test_breakdowns_and_sex_breakdown():
    frame = pd.DataFrame([row(AREA, 1.0, category_type="Deprivation deciles", category="Most deprived"),
                          row(AREA, 2.0, sex="Male"), row(AREA, 3.0, sex="Female")])
    assert list(ax.breakdowns(frame, AREA)) == ["Deprivation deciles · All ages"]
    split = ax.sex_age_breakdown(frame, AREA, "sex")
    assert sorted(split["category"]) == ["Female", "Male"]

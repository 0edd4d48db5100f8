"""Tidy helpers: period parsing and ordering, latest period per series, headline rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.tidy import headline_rows, latest_period, parse_period, sortable_period


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021", (2021, 0, 2021, 0)),
        ("2018 - 20", (2018, 0, 2020, 0)),
        ("2019/20", (2019, 0, 2019, 0)),
        ("2014/15 - 18/19", (2014, 0, 2018, 0)),
        ("2098 - 02", (2098, 0, 2102, 0)),
        ("2019/20 Q1", (2019, 3, 2019, 3)),
        ("2019/20 Q1 - 2020/21 Q3", (2019, 3, 2020, 9)),
        ("Aug 2017 - Jul 2018", (2017, 8, 2018, 7)),
        ("", None),
        (None, None),
        ("not a period", None),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


def test_sortable_prefers_fingertips_key_and_falls_back_to_text():
    frame = pd.DataFrame(
        {
            "time_period": ["2018", "2019/20", "2015 - 17", "junk"],
            "time_period_sortable": [20180000, np.nan, np.nan, np.nan],
        }
    )
    order = sortable_period(frame)
    assert order.iloc[0] == pytest.approx(20180000, abs=1)
    assert order.iloc[1] == pytest.approx(20190000, abs=1)
    assert order.iloc[2] == pytest.approx(20150000, abs=1)
    assert np.isnan(order.iloc[3])
    cumulative = sortable_period(
        pd.DataFrame({"time_period": ["2019/20 Q1 - 2020/21 Q3", "2019/20 Q1 - 2019/20 Q4"]})
    )
    assert cumulative.iloc[0] > cumulative.iloc[1]  # same start, later end


def test_latest_period_per_series():
    frame = pd.DataFrame(
        {
            "indicator_id": [1, 1, 1, 1, 2, 2],
            "area_code": ["A", "A", "B", "B", "A", "A"],
            "sex": ["Persons"] * 6,
            "age": [None] * 6,
            "category_type": [None] * 6,
            "category": [None] * 6,
            "time_period": ["2018 - 20", "2019 - 21", "2019/20", "2020/21", "2021", "2020"],
            "time_period_sortable": [np.nan, np.nan, 20190000, 20200000, np.nan, np.nan],
            "value": [1, 2, 3, 4, 5, 6],
        }
    )
    latest = latest_period(frame)
    assert sorted(latest["value"]) == [2, 4, 5]
    by_indicator = latest_period(frame, keys=("indicator_id",))  # mixed labels: 2020/21 starts last
    assert sorted(by_indicator["value"]) == [4, 5]
    assert set(latest_period(frame, keys=())["value"]) == {5}


def test_latest_period_keeps_breakdowns_apart():
    frame = pd.DataFrame(
        {
            "indicator_id": [1] * 4,
            "area_code": ["E92000001"] * 4,
            "sex": ["Persons"] * 4,
            "age": ["All ages"] * 4,
            "category_type": [None, None, "Deprivation deciles", "Deprivation deciles"],
            "category": [None, None, "Most deprived decile", "Most deprived decile"],
            "time_period": ["2021", "2022", "2019", "2020"],
            "value": [1, 2, 3, 4],
        }
    )
    assert sorted(latest_period(frame)["value"]) == [2, 4]


def test_headline_rows():
    frame = pd.DataFrame({"category_type": [None, "", "Ethnic groups", pd.NA], "value": [1, 2, 3, 4]})
    assert list(headline_rows(frame)["value"]) == [1, 2, 4]
    assert len(headline_rows(frame.drop(columns="category_type"))) == 4


def test_latest_period_on_the_sample(sample_values):
    latest = latest_period(sample_values[sample_values["indicator_id"] == 90366])
    england = latest[(latest["area_code"] == "E92000001")]
    assert set(england["time_period"]) == {"2023 - 25"}

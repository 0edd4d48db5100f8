"""CIs computed here (analysis.ci_fill) and which comparison word the overview shows (Fingertips' or computed)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from small_frames import AREA, PEERS, REGION, metadata, row

from analysis import methods
from analysis.ci_fill import BYARS, WILSON, ci_method_for, fill_cis, unit_multiplier
from analysis.overview import OverviewParams, benchmark_table, label_with_fallback
from geography import ENGLAND

META = pd.DataFrame([
    {"indicator_id": 1, "value_type": "Proportion", "unit": "%", "ci_method": "Wilson Score method"},
    {"indicator_id": 2, "value_type": "Crude rate", "unit": "per 100,000", "ci_method": None},
    {"indicator_id": 3, "value_type": "Directly standardised rate", "unit": "per 100,000",
     "ci_method": "Dobson & Byar's methods"},
])


@pytest.mark.parametrize("value_type, ci_method, expected", [
    ("Proportion", None, WILSON), ("proportion", "", WILSON), ("Crude rate", None, BYARS), ("rate", None, BYARS),
    (None, "Wilson Score method", WILSON), (None, "Byar's method", BYARS),
    ("Directly standardised rate", "Dobson & Byar's methods", None), ("Indirectly standardised proportion", None, None),
    ("Indirectly standardised ratio", None, None), ("Life expectancy", None, None), ("Count", None, None),
    (None, None, None)])
def test_decision_rule(value_type, ci_method, expected):
    assert ci_method_for(value_type, ci_method) == expected


def test_unit_multiplier():
    assert unit_multiplier("%") == 100 and unit_multiplier("per 100,000") == 100000
    assert unit_multiplier("per 1,000") == 1000 and unit_multiplier("Years") is None and unit_multiplier(None) is None


def test_wilson_and_byars_are_computed_where_only_counts_came():
    frame = pd.DataFrame([row(AREA, 10.0), row(AREA, 20.0, indicator=2, count=20.0, denominator=100000.0),
                          row(AREA, 10.0, indicator=3)])
    out = fill_cis(frame, META)
    low, high = methods.wilson_ci(10, 100)
    assert out.loc[0, ["lower_ci_95", "upper_ci_95"]].tolist() == pytest.approx([low[()], high[()]])
    low, high = methods.byars_ci(20, 100000, 0.998)
    assert out.loc[1, ["lower_ci_99_8", "upper_ci_99_8"]].tolist() == pytest.approx([low[()], high[()]])
    assert out["ci_source"].tolist() == ["computed here", "computed here", ""]
    assert out["ci_method_used"].tolist() == [WILSON, BYARS, ""]


def test_cis_that_came_are_kept_and_values_made_otherwise_get_none():
    frame = pd.DataFrame([row(AREA, 10.0, lower=8.0, upper=12.0), row(AREA, 70.0, period="2021")])
    out = fill_cis(frame, META)
    assert out.loc[0, ["lower_ci_95", "upper_ci_95", "ci_source"]].tolist() == [8.0, 12.0, "Fingertips"]
    assert np.isnan(out.loc[1, "lower_ci_95"]) and out.loc[1, "ci_source"] == ""  # 70 is not 10 / 100


def test_overview_compares_rows_with_counts_and_no_cis():
    frame = pd.DataFrame([row(ENGLAND, 5.0, count=500.0, denominator=10000.0), row(AREA, 10.0)])
    meta = metadata().assign(ci_method="Wilson Score method")
    (only,) = benchmark_table(frame, meta, OverviewParams(AREA, "england", REGION, PEERS)).itertuples()
    assert only.ci_source == "computed here" and only.ci_method_used == WILSON
    assert only.significance == "Worse" and only.significance_source == "computed"  # 5 is below 5.5-17.4
    assert only.comparison_method == "ci_overlap" and only.comparison_level == 0.95


def test_fingertips_word_wins_and_not_compared_stays_not_compared():
    frame = pd.DataFrame([row(AREA, 60.0, lower=58.0, upper=62.0, compared_to_england="Not compared"),
                          row(AREA, 60.0, "2021", lower=58.0, upper=62.0, compared_to_england="Higher 99.8")])
    out = label_with_fallback(frame.assign(comparator_value=50.0, polarity="Low is good"), True)
    assert out["significance"].tolist() == ["Not compared", "Higher"]
    assert out["significance_source"].tolist() == ["Fingertips", "Fingertips"]


def test_region_word_from_the_parent_column():
    frame = pd.DataFrame([row(AREA, 60.0, lower=58.0, upper=62.0, parent_code=REGION, compared_to_parent="Similar",
                              compared_to_parent_label="Compared to Region value or percentiles")])
    out = label_with_fallback(frame.assign(comparator_value=50.0, polarity="Low is good"), False, REGION)
    assert out[["significance", "significance_source"]].values.tolist() == [["Similar", "Fingertips"]]
    computed = label_with_fallback(frame.assign(comparator_value=50.0, polarity="Low is good"), False, "E12000009")
    assert computed[["significance", "significance_source"]].values.tolist() == [["Worse", "computed"]]


def test_england_against_itself_is_not_compared():
    frame = pd.DataFrame([row(ENGLAND, 50.0, lower=49.5, upper=50.5, compared_to_england="Better")])
    out = label_with_fallback(frame.assign(comparator_value=40.0, polarity="High is good"), True)
    assert out["significance"].tolist() == ["Not compared"]
    table = benchmark_table(pd.DataFrame([row(ENGLAND, 50.0, lower=49.5, upper=50.5, compared_to_england="Better"),
                                          row(AREA, 60.0, lower=58.0, upper=62.0)]),
                            metadata(), OverviewParams(ENGLAND, "england", None, PEERS))
    assert table["significance"].tolist() == ["Not compared"]


def test_each_indicator_is_compared_by_its_own_method():
    # Blackpool 60 (58-62), England 57.5 (56-59), low is good: England's value lies outside Blackpool's CI
    # (Worse by single overlap) but the two CIs overlap (Similar by double overlap)
    frame = pd.DataFrame([row(ENGLAND, 57.5, lower=56.0, upper=59.0), row(AREA, 60.0, lower=58.0, upper=62.0)])
    single = benchmark_table(frame, metadata(), OverviewParams(AREA))
    double = benchmark_table(frame, metadata(method="Double overlapping confidence intervals (95.0)"),
                             OverviewParams(AREA))
    assert single["significance"].tolist() == ["Worse"] and double["significance"].tolist() == ["Similar"]
    assert double["comparison_method"].tolist() == ["double_overlap"]
    never = benchmark_table(frame, metadata(method="No comparison"), OverviewParams(AREA))
    assert never["significance"].tolist() == ["Not compared"]

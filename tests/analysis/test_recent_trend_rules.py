"""Fingertips' eligibility rules for the recent trend: counts on every point, no rolling periods, and the
proportion branch for indicators compared by SPC for proportions."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.trends import TrendParams, is_rolling, recent_trend, trend_test


def counted(values, periods=None, count=None, denominator=None, se=0.5) -> pd.DataFrame:
    periods = periods or [str(y) for y in range(2015, 2015 + len(values))]
    values = np.asarray(values, dtype=float)
    return pd.DataFrame({"time_period": periods, "value": values, "lower_ci_95": values - 1.96 * se,
                         "upper_ci_95": values + 1.96 * se,
                         "count": count if count is not None else values, "denominator": denominator or 100.0})


def test_points_without_a_count_or_denominator_do_not_count():
    frame = counted([10.0, 20, 30, 40, 50])
    assert recent_trend(frame, "High is good") == "Increasing and getting better"
    assert recent_trend(frame.assign(count=np.nan), "High is good") == "Cannot be calculated"
    frame.loc[2, "denominator"] = np.nan  # four points left
    assert recent_trend(frame, "High is good") == "Cannot be calculated"
    assert recent_trend(frame, "High is good", TrendParams(require_counts=False)) == "Increasing and getting better"


def test_rolling_periods_are_not_tested():
    labels = ["2011 - 13", "2012 - 14", "2013 - 15", "2014 - 16", "2015 - 17"]
    frame = counted([10.0, 20, 30, 40, 50], periods=labels)
    assert recent_trend(frame, "High is good") == "Cannot be calculated"
    assert is_rolling(frame).all()
    # the store's time_period_range, where held, decides over the label
    assert not is_rolling(frame.assign(time_period_range="1y")).any()
    assert is_rolling(counted([1.0, 2], periods=["2020", "2021"]).assign(time_period_range="3y")).all()


def test_single_years_financial_years_and_twelve_month_spans_are_not_rolling():
    frame = pd.DataFrame({"time_period": ["2021", "2019/20", "Aug 2017 - Jul 2018", "2016 - 18", "2019/20 - 21/22"]})
    assert is_rolling(frame).tolist() == [False, False, False, True, True]


def test_spc_for_proportions_uses_the_proportion_branch():
    frame = counted([10.0, 15, 20, 25, 30], count=[10, 15, 20, 25, 30], denominator=100.0)
    assert trend_test(frame).method.startswith("weighted regression")
    spc = trend_test(frame, TrendParams(comparator_method="spc_proportion"))
    assert spc.method.startswith("chi-squared") and spc.chi2 == pytest.approx(15.625)


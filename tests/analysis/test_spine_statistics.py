"""Spine statistics on hand-made numbers (Fingertips' percentile rule: rank (N - 1) p + 1, linear)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.spine import SpineParams, fingertips_percentile, spine_statistics


def areas(*values) -> pd.DataFrame:
    return pd.DataFrame({"area_code": [f"E0600000{i}" for i in range(len(values))], "value": values})


def test_high_is_good():
    # sorted 10, 20, 30, 40, 50: P25 at rank 4 * 0.25 + 1 = 2 -> 20; median rank 3 -> 30; P75 rank 4 -> 40
    stats = spine_statistics(areas(50, 10, 40, 20, 30, None), "High is good", england_value=33.3)
    assert (stats.worst, stats.q25, stats.median, stats.q75, stats.best) == (10, 20, 30, 40, 50)
    assert (stats.lowest, stats.p25, stats.p75, stats.highest) == (10, 20, 40, 50)
    assert stats.england == 33.3 and stats.n_areas == 5 and stats.judged


def test_low_is_good_flips_the_ends_and_quartiles():
    stats = spine_statistics(areas(50, 10, 40, 20, 30), "RAG - Low is good")
    assert (stats.worst, stats.q25, stats.median, stats.q75, stats.best) == (50, 40, 30, 20, 10)


def test_no_judgement_reports_lowest_and_highest():
    stats = spine_statistics(areas(3.0, 1.0, 2.0, 4.0), "BOB - Blue orange blue")
    assert not stats.judged
    assert (stats.worst, stats.best) == (stats.lowest, stats.highest) == (1.0, 4.0)
    # 1, 2, 3, 4: P25 at rank 3 * 0.25 + 1 = 1.75 -> 1 + 0.75 * (2 - 1) = 1.75; P75 at rank 3.25 -> 3.25
    assert (stats.p25, stats.median, stats.p75) == (1.75, 2.5, 3.25)


def test_interpolation_and_rounding():
    values = np.array([0.1, 0.2, 0.3, 0.4, 0.7])
    # P25 rank 2 -> 0.2 exactly (no floating-point tail, as Fingertips rounds to 10 dp)
    assert fingertips_percentile(values, 0.25) == 0.2
    assert fingertips_percentile(values, 0.9) == pytest.approx(0.58)  # rank 4.6 -> 0.4 + 0.6 * 0.3


def test_too_few_values_and_coverage_rule():
    few = spine_statistics(areas(1.0, 2.0, 3.0), "High is good")
    assert math.isnan(few.q25) and math.isnan(few.median) and (few.worst, few.best) == (1.0, 3.0)
    empty = spine_statistics(areas(), "High is good")
    assert empty.n_areas == 0 and math.isnan(empty.best) and math.isnan(empty.england)
    assert spine_statistics(areas(1, 2, 3, 4, 5, 6), None, params=SpineParams(expected_areas=8)).enough_areas
    assert not spine_statistics(areas(1, 2, 3, 4, 5), None, params=SpineParams(expected_areas=8)).enough_areas
    with pytest.raises(ValueError):
        SpineParams(min_fraction=2)


def test_accepts_a_series_and_exports():
    stats = spine_statistics(pd.Series([4.0, 1.0, 3.0, 2.0]), "High is good", 2.2)
    assert stats.as_dict()["best"] == 4.0
    assert stats.to_series()["england"] == 2.2

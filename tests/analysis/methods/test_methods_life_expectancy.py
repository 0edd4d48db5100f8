"""Life expectancy (Chiang II, Silcocks limits) against PHEindicatormethods' df1 (read in place), PHE's rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import methods
from analysis.methods import life_tables as le
from tests.analysis.methods.conftest import read_csv, reference_path

DP = 4  # the package compares at 4 decimal places


def df1_rows():
    frame = read_csv("life_expectancy_df1.csv")
    return [pytest.param(i, id=f"age-{row.startage}") for i, row in frame.iterrows()] or [pytest.param(None, id="absent")]


@pytest.fixture(scope="module")
def df1_results():
    reference_path("life_expectancy_df1.csv")
    data = read_csv("life_expectancy_df1.csv")
    return data, methods.life_expectancy(data.startage, data.pops, data.deaths), methods.life_table(
        data.startage, data.pops, data.deaths)


@pytest.mark.parametrize("i", df1_rows())
def test_life_expectancy_reference(i, df1_results, reproduced):
    data, result, table = df1_results
    row, got = data.iloc[i], result.iloc[i]
    assert round(got.value, DP) == round(row.expected_value, DP)
    assert round(got.lower, DP) == round(row.expected_lowercl_95, DP)
    assert round(got.upper, DP) == round(row.expected_uppercl_95, DP)
    assert table.population_used.iloc[i] == row.expected_pops_used
    assert table.deaths_used.iloc[i] == row.expected_dths_used
    assert got.note == ""
    reproduced("Life expectancy (df1)")


def test_at_birth_matches_the_published_figure(df1_results):
    _, result, _ = df1_results
    assert result.iloc[0][["value", "lower", "upper"]].to_numpy(dtype=float) == pytest.approx(
        [80.16960813, 79.88268548, 80.45653078], abs=1e-5)


def test_band_order_does_not_matter(df1_results):
    data, result, _ = df1_results
    shuffled = data.sample(frac=1, random_state=3)
    again = methods.life_expectancy(shuffled.startage, shuffled.pops, shuffled.deaths)
    pd.testing.assert_frame_equal(again, result)


def test_life_table_has_decomposition_columns(df1_results):
    _, _, table = df1_results
    assert {"lx", "nLx", "Tx", "ex", "mx", "dx", "qx"} <= set(table.columns)
    assert table.lx.iloc[0] == 100000
    assert table.Tx.iloc[0] == pytest.approx(table.nLx.sum())


# Area 2 of the package's df_widecis_plus (tests/testthat/testLifeExpectancy.R): CIs wider than 20 years
WIDE_POPS = [270, 235, 246, 248, 243, 238, 246, 257, 261, 355, 350, 356, 346, 339, 337, 337, 333, 323, 311, 311]
WIDE_DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 51, 10, 16, 26, 30, 36, 22, 13, 5, 6, 1]
WIDE_VALUES = [19.22914685, 19.44120610, 18.33467808, 14.67659995, 11.81284556, 11.63815414, 10.05641628,
               9.93152356, 11.95846561]
WIDE_LOWER_40 = -1.60695210


def test_wide_intervals_are_suppressed_as_the_package_does(reproduced):
    result = methods.life_expectancy(le.START_AGES, WIDE_POPS, WIDE_DEATHS)
    np.testing.assert_allclose(result.value[:9], WIDE_VALUES, atol=5e-5)
    assert result.value[9:].isna().all() and (result.note[9:] == le.NOTE_WIDE).all()
    assert result.lower[9] == pytest.approx(WIDE_LOWER_40, abs=5e-5)
    reproduced("Life expectancy (wide CI, package test)", 20)


@pytest.mark.parametrize(("change", "note"), [
    (lambda p, d: (p.__setitem__(5, 0), d), le.NOTE_ZERO_POP),
    (lambda p, d: (p, d.__setitem__(19, 0)), le.NOTE_NO_OLD_DEATHS),
    (lambda p, d: (p.__setitem__(18, 10), d), le.NOTE_DEATHS_ABOVE_POP),
])
def test_no_result_rules(df1_results, change, note):
    data, _, _ = df1_results
    pops, deaths = data.pops.to_list(), data.deaths.to_list()
    change(pops, deaths)
    result = methods.life_expectancy(data.startage, pops, deaths)
    assert result[["value", "lower", "upper"]].isna().all().all()
    assert (result.note == note).all()


def test_small_population_gives_no_result():
    result = methods.life_expectancy(le.START_AGES, [200] * 20, [5] * 20)  # 4,000 person-years
    assert result.value.isna().all() and (result.note == le.NOTE_SMALL).all()


def test_by_group_matches_single_and_flags_incomplete(df1_results):
    data, result, _ = df1_results
    frame = pd.concat([data.assign(area="a"), data.assign(area="b").iloc[:19]])
    out = methods.life_expectancy_by_group(frame, "area", "startage", "pops", "deaths")
    np.testing.assert_allclose(out[out.area == "a"].value.to_numpy(), result.value.to_numpy())
    assert out[out.area == "b"].value.isna().all() and (out[out.area == "b"].note == le.NOTE_BANDS).all()


def test_bad_input():
    with pytest.raises(ValueError, match="20 age bands"):
        methods.life_expectancy([0, 1, 5], [1, 2, 3], [0, 0, 0])
    with pytest.raises(ValueError, match="cannot be negative"):
        methods.life_expectancy(le.START_AGES, [1000] * 20, [-1] + [5] * 19)
    with pytest.raises(ValueError, match="0.95"):
        methods.life_expectancy(le.START_AGES, [1000] * 20, [5] * 20, confidence=0.9)

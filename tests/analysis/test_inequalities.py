"""Slope index of inequality and gap: hand-worked examples and checks on the shared sample."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.inequalities import (
    InequalityParams,
    deprivation_order,
    relative_ranks,
    slope_index,
    slope_index_of_inequality,
)

QUINTILES = [
    "Most deprived quintile",
    "Second most deprived quintile",
    "Average deprived quintile",
    "Second least deprived quintile",
    "Least deprived quintile",
]
DECILES = [
    "Most deprived decile",
    "Second most deprived decile",
    "Third more deprived decile",
    "Fourth more deprived decile",
    "Fifth more deprived decile",
    "Fifth less deprived decile",
    "Fourth less deprived decile",
    "Third less deprived decile",
    "Second least deprived decile",
    "Least deprived decile",
]


def breakdown(values, populations=None, names=QUINTILES) -> pd.DataFrame:
    frame = pd.DataFrame({"category": names[: len(values)], "value": values})
    if populations is not None:
        frame["denominator"] = populations
    return frame.iloc[::-1]  # order in the frame must not matter


def test_deprivation_order_names():
    names = pd.Series(DECILES + [d + " (IMD2019)" for d in DECILES] + QUINTILES + ["Male", None])
    ranks = deprivation_order(names)
    assert list(ranks[:10]) == list(range(1, 11)) and list(ranks[10:20]) == list(range(1, 11))
    assert list(ranks[20:25]) == [1, 2, 3, 4, 5]
    assert ranks[25:].isna().all()


def test_equal_groups_hand_worked():
    # equal populations: x = 0.1, 0.3, 0.5, 0.7, 0.9; values 10, 10, 10, 10, 20:
    # mean x 0.5, mean y 12; Sxy = (-.4)(-2) + (-.2)(-2) + 0 + (.2)(-2) + (.4)(8) = 4.0; Sxx = 0.4 -> SII = 10
    result = slope_index_of_inequality(breakdown([10, 10, 10, 10, 20]))
    assert result.sii == pytest.approx(10.0)
    assert result.gap == 10.0 and not result.weighted_by_population
    assert "equal group sizes" in result.method and "phe_sii" in result.source


def test_population_weights_hand_worked():
    # populations 1, 1, 1, 1, 2 -> shares 1/6 x4, 2/6; mid-points x = 1/12, 3/12, 5/12, 7/12, 10/12.
    # Weighted means: x = (1 + 3 + 5 + 7 + 2*10)/12/6 = 0.5, y = 80/6.
    # Sxy = (-10/3)(-5 - 3 - 1 + 1)/12 + 2 (4/12)(20/3) = 20/9 + 40/9 = 20/3
    # Sxx = (25 + 9 + 1 + 1)/144 + 2 (16/144) = 17/36  -> SII = (20/3) / (17/36) = 240/17 = 14.1176...
    result = slope_index_of_inequality(breakdown([10, 10, 10, 10, 20], [1, 1, 1, 1, 2]))
    assert result.sii == pytest.approx(240 / 17)
    assert result.weighted_by_population and "population" in result.method


def test_linear_values_give_the_slope_whatever_the_weights():
    # shares .1 .2 .3 .2 .2 -> x = .05 .2 .45 .7 .9; values 50 + 20x -> SII 20, gap 68 - 51 = 17
    result = slope_index_of_inequality(breakdown([51, 54, 59, 64, 68], [10, 20, 30, 20, 20]))
    assert result.sii == pytest.approx(20.0) and result.gap == pytest.approx(17.0)
    assert result.fitted == pytest.approx((51, 54, 59, 64, 68))
    assert list(relative_ranks(pd.Series([10, 20, 30, 20, 20]).to_numpy(float))) == pytest.approx(
        [0.05, 0.2, 0.45, 0.7, 0.9]
    )


def test_deciles_and_sign():
    falling = slope_index_of_inequality(breakdown([100 - 5 * i for i in range(10)], names=DECILES))
    assert falling.sii < 0 and falling.gap == -45 and falling.n_groups == 10


def test_slope_index_needs_every_group():
    assert slope_index(breakdown([1.0, 2, 3, 4, 5])).sii == pytest.approx(
        slope_index_of_inequality(breakdown([1.0, 2, 3, 4, 5])).sii
    )
    assert slope_index(breakdown([1.0, 2, None, 4, 5])) is None
    assert (
        slope_index(
            pd.concat([breakdown([1.0, 2, 3, 4, 5]), pd.DataFrame({"category": ["Male"], "value": [3.0]})])
        )
        is None
    )


def test_missing_groups():
    few = slope_index_of_inequality(breakdown([1.0, 2, 3, 4]))
    assert math.isnan(few.sii) and few.n_groups == 4
    no_end = breakdown([1.0, 2, 3, 4, 5, 6, 7, 8, 9], names=DECILES)  # least deprived decile missing
    result = slope_index_of_inequality(no_end)
    assert not math.isnan(result.sii) and math.isnan(result.gap)
    partly = breakdown([1.0, 2, 3, 4, 5], [10, None, 10, 10, 10])
    assert not slope_index_of_inequality(partly).weighted_by_population
    with pytest.raises(ValueError):
        slope_index_of_inequality(pd.concat([breakdown([1.0, 2, 3, 4, 5])] * 2))
    with pytest.raises(ValueError):
        InequalityParams(min_groups=1)


def test_every_sample_deprivation_category_is_ranked(sample_values):
    rows = sample_values[sample_values["category_type"].fillna("").str.contains("deprivation")]
    ranks = rows.assign(rank=deprivation_order(rows["category"]))
    assert ranks["rank"].notna().all(), set(ranks.loc[ranks["rank"].isna(), "category"])
    spans = ranks.groupby("category_type")["rank"].agg(["min", "max", "nunique"])
    assert (spans["min"] == 1).all() and spans["max"].isin([5, 10]).all()
    assert (spans["nunique"] == spans["max"]).all()


def test_sample_sii_on_england_deciles_points_the_expected_way(sample_values):
    """Alcohol-related mortality (93763) is higher in more deprived areas: SII and gap are negative."""
    rows = sample_values[
        (sample_values["indicator_id"] == 93763)
        & (sample_values["sex"] == "Persons")
        & (sample_values["category_type"].fillna("").str.startswith("County & UA deprivation deciles"))
    ]
    assert not rows.empty
    for _, group in rows.groupby(["category_type", "time_period"]):
        result = slope_index_of_inequality(group)
        assert result.n_groups == 10 and result.weighted_by_population
        assert result.sii < 0 and result.gap < 0


def test_fingertips_own_sii_against_a_breakdown(sample_values):
    """Fingertips' "Inequality in life expectancy at birth" (92901) is an SII over LSOA deciles within each
    area; it can only be checked where the sample also holds that area's LSOA-decile breakdown of life
    expectancy for the same period and sex."""
    sii = sample_values[sample_values["indicator_id"] == 92901]
    lsoa = sample_values[
        sample_values["category_type"].fillna("").str.contains("LSOA")
        & sample_values["category_type"].fillna("").str.contains("decile")
    ]
    pairs = lsoa[lsoa["indicator_id"] == 90366].merge(sii, on=["area_code", "sex", "time_period"])
    if pairs.empty:
        pytest.skip(
            "no pair in the sample: 92901 (SII in life expectancy) exists for districts/UAs, but life "
            "expectancy (90366) has no LSOA-decile breakdown; the only LSOA deciles within area are "
            "England-level 93015/93088, for which Fingertips publishes no SII"
        )

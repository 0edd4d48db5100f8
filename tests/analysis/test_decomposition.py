"""Life tables and gap decomposition against the packages' own expected outputs (read in place)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import settings
from analysis.decomposition import (
    PHE_START_AGES,
    abridged_life_table,
    arriaga,
    band_labels,
    split_by_cause,
    temporary_life_expectancy,
)
from analysis.segment import ALL_CAUSES, OTHER, gap_finding, segment_gap

US_AGES = [0, 1, *range(5, 90, 5)]
EFFECTS = ["direct", "indirect", "interaction", "exclusive", "total"]


def methods_file(*parts: str) -> pd.DataFrame:
    root = settings.shared_dir()
    path = None if root is None else root.joinpath("methods", *parts)
    if path is None or not path.is_file():
        pytest.skip(f"../shared/methods/{'/'.join(parts)} is absent (set HEP_SHARED_DIR)")
    return pd.read_csv(path)


def expected_effects(frame: pd.DataFrame) -> np.ndarray:
    # decompositionLE writes NA for the open band's indirect and interaction effects; ours are 0 there
    return frame[[f"{e}_effect" for e in EFFECTS]].fillna(0.0).to_numpy()


def test_arriaga_reproduces_the_readme_example_at_full_precision():
    us = methods_file("decompositionLE", "us_females.csv")
    want = methods_file("decompositionLE", "readme_example_decomp_age_arriaga3_us_females_output.csv")
    got = arriaga(US_AGES, us["l1x"], us["e1x"], us["l2x"], us["e2x"])
    np.testing.assert_allclose(got[EFFECTS].to_numpy(), expected_effects(want), atol=1e-6)
    assert got["age_band"].iloc[-1] == "85+"
    assert got["total"].sum() == pytest.approx(us["e2x"].iloc[0] - us["e1x"].iloc[0], abs=1e-6)


def test_arriaga_reproduces_ponnapalli_2005_within_the_package_tolerance():
    us = methods_file("decompositionLE", "us_females.csv")
    want = methods_file("decompositionLE", "expected_decomp_age_arriaga3_ponnapalli2005.csv")
    rows = us[us["Age"].isin(want["Age"])]
    got = arriaga([0, 5, 15, 25, 45, 65, 85], rows["l1x"], rows["e1x"], rows["l2x"], rows["e2x"])
    np.testing.assert_allclose(got[EFFECTS].round(2).to_numpy(), expected_effects(want), atol=0.1)
    assert got["age_band"].tolist() == ["0-4", "5-14", "15-24", "25-44", "45-64", "65-84", "85+"]


def test_arriaga_does_not_depend_on_the_radix():
    us = methods_file("decompositionLE", "us_females.csv")
    one = arriaga(US_AGES, us["l1x"], us["e1x"], us["l2x"], us["e2x"])
    big = arriaga(US_AGES, us["l1x"] * 1e5, us["e1x"], us["l2x"] * 1e5, us["e2x"])
    np.testing.assert_allclose(one[EFFECTS], big[EFFECTS])


def test_split_by_cause_reproduces_india_vs_china():
    data = methods_file("decompositionLE", "india_china_males_1990.csv")
    want = methods_file("decompositionLE", "readme_example_decomp_disease_india_china_output.csv")
    causes = ["CD", "NCD", "Injuries"]
    got = split_by_cause([0, 5, 15, 30, 45, 60, 70], data["nDx"], data["India_nmx"], data["China_nmx"],
                         data[[f"India_{c}" for c in causes]].set_axis(causes, axis=1),
                         data[[f"China_{c}" for c in causes]].set_axis(causes, axis=1))
    np.testing.assert_allclose(got[causes].to_numpy(), want[[f"delta_{c}" for c in causes]].to_numpy(), atol=1e-6)
    np.testing.assert_allclose(got.sum(axis=1), data["nDx"], atol=0.02)  # shares in the paper are rounded


def test_life_table_matches_phe_life_expectancy_at_every_age():
    data = methods_file("PHEindicatormethods", "life_expectancy_df1.csv")
    table = abridged_life_table(data["startage"], data["pops"], data["deaths"])
    assert table["ex"].iloc[0] == pytest.approx(80.16960813, abs=5e-5)
    np.testing.assert_allclose(table["ex"], data["expected_value"], atol=5e-5)
    assert table["age_band"].tolist() == band_labels(PHE_START_AGES)
    assert table["qx"].iloc[-1] == 1 and table["lx"].iloc[0] == 100_000


def test_temporary_life_expectancy_is_the_full_table_cut_at_75():
    data = methods_file("PHEindicatormethods", "life_expectancy_df1.csv")
    full = abridged_life_table(data["startage"], data["pops"], data["deaths"])
    at75 = full.set_index("start_age").loc[75]
    expected = (full["Tx"].iloc[0] - at75["Tx"]) / full["lx"].iloc[0]
    got = temporary_life_expectancy(data["startage"], data["pops"], data["deaths"], upper_age=75)
    assert got == pytest.approx(expected, rel=1e-12)
    assert 70 < got < 75


def test_temporary_life_expectancy_without_deaths_is_the_whole_span():
    ages = np.array(PHE_START_AGES[:15])
    assert temporary_life_expectancy(ages, np.full(15, 1000.0), np.zeros(15), 75) == pytest.approx(75)


def test_arriaga_of_temporary_expectancies_sums_to_their_difference():
    data = methods_file("PHEindicatormethods", "life_expectancy_df1.csv").iloc[:16]
    a = abridged_life_table(data["startage"], data["pops"], data["deaths"] * 1.6, upper_age=75)
    b = abridged_life_table(data["startage"], data["pops"], data["deaths"], upper_age=75)
    parts = arriaga(a["start_age"], a["lx"], a["ex"], b["lx"], b["ex"], upper_age=75)
    assert parts["total"].sum() == pytest.approx(b["ex"].iloc[0] - a["ex"].iloc[0], abs=1e-9)
    assert parts["age_band"].iloc[-1] == "70-74" and (parts["total"] > 0).all()


CAUSES = ["Circulatory", "Cancer"]


def synthetic(scale: float, seed: int) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    ages = np.array(PHE_START_AGES, dtype=float)
    population = pd.Series(rng.integers(20_000, 60_000, len(ages)).astype(float), index=ages)
    rate = 0.00004 * np.exp(0.09 * ages) * scale
    total = np.round(population * rate) + 1
    circ = np.floor(total * 0.3)
    cancer = np.floor(total * 0.25)
    deaths = pd.DataFrame({"Circulatory": circ, "Cancer": cancer, ALL_CAUSES: total}, index=ages)
    return deaths, population


def test_segment_gap_reconciles_by_age_cause_and_both():
    deaths_a, pop_a = synthetic(1.5, 1)
    deaths_b, pop_b = synthetic(1.0, 2)
    result = segment_gap(deaths_a, pop_a, deaths_b, pop_b, label_a="Most deprived", label_b="Least deprived")
    ea = abridged_life_table(pop_a.index, pop_a, deaths_a[ALL_CAUSES])["ex"].iloc[0]
    eb = abridged_life_table(pop_b.index, pop_b, deaths_b[ALL_CAUSES])["ex"].iloc[0]
    assert (result.e_a, result.e_b) == (pytest.approx(ea), pytest.approx(eb))
    for frame in (result.by_age, result.by_cause, result.by_age_cause):
        assert frame["years"].sum() == pytest.approx(result.gap, abs=1e-9)
        np.testing.assert_allclose(frame["months"], frame["years"] * 12)
    assert result.by_cause["cause"].tolist() == [*CAUSES, OTHER]
    per_band = result.by_age_cause.groupby("start_age", sort=True)["years"].sum()
    np.testing.assert_allclose(per_band.to_numpy(), result.by_age["years"].to_numpy(), atol=1e-12)
    assert result.computed and result.reliable and result.notes == ()
    text = gap_finding(result)
    assert text.startswith(f"Of the {result.gap:.1f}-year gap in life expectancy between Most deprived and Least")
    assert "contributes" in text and "most of it at ages" in text


def test_sparse_data_are_explained_in_plain_english():
    deaths_a, pop_a = synthetic(1.0, 3)
    deaths_b, pop_b = synthetic(1.0, 4)
    deaths_a.loc[5.0] = 0
    deaths_b.loc[90.0, ALL_CAUSES] = 0
    deaths_b.loc[90.0, CAUSES] = 0
    result = segment_gap(deaths_a, pop_a, deaths_b, pop_b, label_a="Ward A", label_b="Ward B")
    assert not result.computed and np.isnan(result.gap)
    assert any("Ward A recorded no deaths at ages 5-9" in n for n in result.notes)
    assert any("Ward B has no deaths at ages 90+" in n for n in result.notes)
    assert "cannot be calculated" in gap_finding(result)
    small = segment_gap(deaths_a, pop_a / 1000, deaths_a, pop_a / 1000, label_a="A", label_b="B")
    assert not small.reliable and any("fewer than the 5,000 PHE requires" in n for n in small.notes)
    pop_a.loc[10.0] = 0
    empty_band = segment_gap(deaths_a, pop_a, deaths_a, pop_a.replace(0, 1.0))
    assert any("no person-years at ages 10-14" in n for n in empty_band.notes)


def test_named_causes_above_all_causes_are_flagged_and_still_reconcile():
    deaths_a, pop_a = synthetic(1.2, 5)
    deaths_b, pop_b = synthetic(1.0, 6)
    deaths_a.loc[40.0, "Circulatory"] = deaths_a.loc[40.0, ALL_CAUSES] + 5
    result = segment_gap(deaths_a, pop_a, deaths_b, pop_b, label_a="A", label_b="B")
    assert any("more than all causes at ages 40-44" in n for n in result.notes)
    assert result.by_cause["years"].sum() == pytest.approx(result.gap)


@hsettings(max_examples=40, deadline=None)
@given(st.floats(0.3, 3.0), st.floats(0.3, 3.0), st.integers(0, 10_000), st.sampled_from([None, 75.0]))
def test_totals_always_reconcile(scale_a, scale_b, seed, upper):
    deaths_a, pop_a = synthetic(scale_a, seed)
    deaths_b, pop_b = synthetic(scale_b, seed + 1)
    if upper is not None:
        keep = pop_a.index < upper
        deaths_a, pop_a, deaths_b, pop_b = deaths_a[keep], pop_a[keep], deaths_b[keep], pop_b[keep]
    result = segment_gap(deaths_a, pop_a, deaths_b, pop_b, upper_age=upper)
    assert result.by_age["years"].sum() == pytest.approx(result.gap, abs=1e-9)
    assert result.by_age_cause["years"].sum() == pytest.approx(result.gap, abs=1e-9)
    if scale_a > scale_b * 1.05:
        assert result.gap > 0

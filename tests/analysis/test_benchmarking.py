"""Benchmarking: hand-made cases, Hypothesis properties and agreement with Fingertips' own labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from analysis_sample import polarity_by_indicator
from hypothesis import given
from hypothesis import strategies as st

from analysis.benchmarking import (
    BenchmarkParams,
    confidence_level,
    label_significance,
    normalise_polarity,
    quintile_labels,
)

ENGLAND = "E92000001"
FINGERTIPS_LABELS = {"Better", "Similar", "Worse", "Higher", "Lower", "Higher 99.8", "Lower 99.8"}
KEY = ["indicator_id", "sex", "age", "category_type", "category", "time_period"]


def one_row(**kw) -> pd.DataFrame:
    row = dict(
        value=10.0,
        lower_ci_95=9.0,
        upper_ci_95=11.0,
        lower_ci_99_8=8.0,
        upper_ci_99_8=12.0,
        comparator_value=10.5,
        benchmark_method=None,
        polarity="High is good",
    )
    row.update(kw)
    return pd.DataFrame([row])


@pytest.mark.parametrize(
    "kw, expected",
    [
        ({}, "Similar"),
        ({"comparator_value": 8.5}, "Better"),
        ({"comparator_value": 8.5, "polarity": "Low is good"}, "Worse"),
        ({"comparator_value": 8.5, "polarity": "RAG - Low is good"}, "Worse"),
        ({"comparator_value": 8.5, "polarity": "BOB - Blue orange blue"}, "Higher"),
        ({"comparator_value": 11.5, "polarity": None}, "Lower"),
        ({"comparator_value": 11.5, "polarity": "No judgement"}, "Lower"),
        ({"comparator_value": 11.5, "polarity": "Not applicable"}, "Not compared"),
        ({"comparator_value": 11.0}, "Similar"),  # equality at the CI limit is Similar
        (
            {
                "comparator_value": 8.5,
                "benchmark_method": "Confidence intervals overlapping reference value (99.8)",
            },
            "Similar",
        ),
        (
            {
                "comparator_value": 7.5,
                "benchmark_method": "Confidence intervals overlapping reference value (99.8)",
            },
            "Better",
        ),
        ({"comparator_value": 8.5, "benchmark_method": "Quintiles"}, "Not compared"),
        ({"comparator_value": 8.5, "benchmark_method": "No comparison"}, "Not compared"),
        ({"value": np.nan}, "Not compared"),
        ({"lower_ci_95": np.nan}, "Not compared"),
        ({"comparator_value": None}, "Not compared"),
        (
            {"comparator_value": 8.5, "value_note": "Value suppressed for disclosure control reasons"},
            "Not compared",
        ),
        ({"comparator_value": 8.5, "value_note": "Value estimated"}, "Better"),
    ],
)
def test_hand_made_labels(kw, expected):
    assert label_significance(one_row(**kw)).iloc[0] == expected


def test_defaults_without_optional_columns():
    frame = pd.DataFrame(
        {
            "value": [5.0, 5.0],
            "lower_ci_95": [4.0, 4.0],
            "upper_ci_95": [6.0, 6.0],
            "comparator_value": [3.0, 5.5],
        }
    )
    assert list(label_significance(frame)) == ["Higher", "Similar"]
    assert label_significance(frame.iloc[0:0]).empty


def test_default_level_and_nullable_columns():
    row = one_row(comparator_value=8.5)
    assert label_significance(row, BenchmarkParams(default_level=99.8)).iloc[0] == "Similar"
    typed = row.astype({"value": "Float64", "lower_ci_95": "Float64", "polarity": "string"})
    typed.loc[0, "lower_ci_95"] = pd.NA
    assert label_significance(typed).iloc[0] == "Not compared"


def test_words_and_levels():
    assert normalise_polarity("High is good (4252 labelled rows)") == "High is good"
    assert normalise_polarity("Lower is better") == "Low is good"
    assert normalise_polarity(pd.NA) == normalise_polarity("") == "No judgement"
    assert confidence_level(None) == confidence_level("") == 95.0
    assert confidence_level("Confidence intervals overlapping reference value (99.8)") == 99.8
    assert confidence_level("Quintiles") is None
    with pytest.raises(ValueError):
        BenchmarkParams(default_level=90.0)


def test_quintiles_follow_fingertips_bounds():
    # bounds of 1..10: min 1, P20 2.8, P40 4.6, P60 6.4, P80 8.2, max 10
    values = pd.Series(range(1, 11), index=list("abcdefghij"), dtype=float)
    expected = ["Lowest", "Lowest", "Low", "Low", "Middle", "Middle", "High", "High", "Highest", "Highest"]
    assert list(quintile_labels(values)) == expected
    assert quintile_labels(values, "High is good")["j"] == "Best"
    assert quintile_labels(values, "High is good")["a"] == "Worst"
    assert quintile_labels(values, "Low is good")["a"] == "Best"
    assert quintile_labels(values, "Low is good")["e"] == "Middle"
    assert set(quintile_labels(values.iloc[:4])) == {"Not compared"}  # fewer than 5 values
    with_gap = values.copy()
    with_gap["c"] = np.nan
    assert quintile_labels(with_gap)["c"] == "Not compared"


# ---- Hypothesis properties ---------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def rows_with_ci(draw):
    """A value inside its CI: lower <= value <= upper (99.8% limits outside the 95% ones)."""
    value = draw(finite)
    below, above = draw(st.floats(0, 1e4)), draw(st.floats(0, 1e4))
    widen = draw(st.floats(0, 1e4))
    comparator = draw(finite)
    return dict(
        value=value,
        lower_ci_95=value - below,
        upper_ci_95=value + above,
        lower_ci_99_8=value - below - widen,
        upper_ci_99_8=value + above + widen,
        comparator_value=comparator,
    )


@given(rows_with_ci())
def test_generated_cis_are_ordered(row):
    assert (
        row["lower_ci_99_8"]
        <= row["lower_ci_95"]
        <= row["value"]
        <= row["upper_ci_95"]
        <= row["upper_ci_99_8"]
    )


@given(rows_with_ci(), st.sampled_from([None, "Confidence intervals overlapping reference value (99.8)"]))
def test_flipping_polarity_swaps_better_and_worse(row, method):
    high = label_significance(pd.DataFrame([{**row, "polarity": "High is good", "benchmark_method": method}]))
    low = label_significance(pd.DataFrame([{**row, "polarity": "Low is good", "benchmark_method": method}]))
    swap = {"Better": "Worse", "Worse": "Better", "Similar": "Similar"}
    assert low.iloc[0] == swap[high.iloc[0]]


@given(
    rows_with_ci(), st.floats(0, 1), st.sampled_from(["High is good", "Low is good", "No judgement", None])
)
def test_ci_containing_comparator_is_similar(row, where, polarity):
    lower, upper = row["lower_ci_95"], row["upper_ci_95"]
    comparator = min(max(lower + where * (upper - lower), lower), upper)
    frame = pd.DataFrame([{**row, "comparator_value": comparator, "polarity": polarity}])
    assert label_significance(frame).iloc[0] == "Similar"


@given(rows_with_ci())
def test_no_judgement_direction_matches_the_values(row):
    label = label_significance(pd.DataFrame([{**row, "polarity": "No judgement"}])).iloc[0]
    if label == "Higher":
        assert row["value"] > row["comparator_value"]
    elif label == "Lower":
        assert row["value"] < row["comparator_value"]
    else:
        assert label == "Similar" and row["lower_ci_95"] <= row["comparator_value"] <= row["upper_ci_95"]


# ---- Agreement with the labels Fingertips wrote in the shared sample --------------------------


def labelled_rows(values: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Rows Fingertips labelled against England, with England's value, CI, polarity and method."""
    rows = values[values["compared_to_england"].isin(FINGERTIPS_LABELS) & (values["area_code"] != ENGLAND)]
    england = values.loc[values["area_code"] == ENGLAND, KEY + ["value"]]
    england = england.rename(columns={"value": "comparator_value"}).fillna({k: "" for k in KEY[1:]})
    rows = rows.fillna({k: "" for k in KEY[1:]}).merge(england, on=KEY, how="left", validate="many_to_one")
    rows = rows.dropna(subset=["lower_ci_95", "upper_ci_95", "comparator_value"]).copy()
    rows["polarity"] = rows["indicator_id"].map(polarity_by_indicator(meta))
    rows["benchmark_method"] = rows["indicator_id"].map(meta["Benchmark Comparison Method"]).replace("", None)
    rows["expected"] = rows["compared_to_england"].str.replace(" 99.8", "", regex=False)
    return rows


def direction(labels: pd.Series) -> pd.Series:
    """Similar / above / below, whatever words the polarity chose."""
    return labels.map(
        {
            "Similar": "similar",
            "Better": "differs",
            "Worse": "differs",
            "Higher": "differs",
            "Lower": "differs",
        }
    ).fillna(labels)


def report(name: str, rows: pd.DataFrame, got: pd.Series) -> float:
    agree = float((got == rows["expected"]).mean())
    wrong = rows.assign(got=got)[got != rows["expected"]]
    print(f"\n{name}: {agree:.4%} of {len(rows)} labelled rows agree")
    if len(wrong):
        print(wrong.groupby(["indicator_id", "time_period", "expected", "got"]).size().to_string())
    return agree


def test_agrees_with_fingertips_labels(sample_values, sample_metadata):
    rows = labelled_rows(sample_values, sample_metadata)
    assert len(rows) > 2000, "the sample should hold >2000 labelled rows with CIs and England values"

    strict = label_significance(rows)
    strict_agree = report("polarity per indicator", rows, strict)
    # Fingertips sets polarity per profile: an extract (indicator + period) Fingertips labelled only
    # Higher/Lower was benchmarked without judgement (e.g. 90813 in the 2019 CYP mental-health profile,
    # "Low is good" in the profiles behind its other years).
    extract = rows.groupby(["indicator_id", "time_period"])["expected"]
    unjudged = extract.transform(
        lambda s: s.isin(["Higher", "Lower"]).any() and not s.isin(["Better", "Worse"]).any()
    )
    per_profile = label_significance(rows.assign(polarity=rows["polarity"].where(~unjudged, "No judgement")))
    agree = report("polarity per profile extract", rows, per_profile)

    decision = float((direction(strict) == direction(rows["expected"])).mean())
    print(f"Similar-vs-different decision agrees on {decision:.4%} of rows")
    assert decision >= 0.99
    assert agree >= 0.99
    assert strict_agree >= 0.95

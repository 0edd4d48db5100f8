"""Fingertips' comparator methods: words, ids, metadata text, and agreement with the sample's labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_benchmarking import labelled_rows

from analysis import methods
from analysis.benchmarking import label_significance, quintile_labels


@pytest.mark.parametrize(("comparator", "polarity", "expected"), [
    (8.5, "High is good", "Better"), (8.5, "RAG - Low is good", "Worse"), (8.5, "BOB - Blue orange blue", "Higher"),
    (11.5, None, "Lower"), (11.0, "High is good", "Similar"), (11.5, "Not applicable", "Not compared"),
])
def test_ci_overlap_words(comparator, polarity, expected):
    assert methods.compare(10, 9, 11, comparator, method="ci_overlap", polarity=polarity)[0] == expected


def test_two_levels_words():
    got = methods.compare([10, 10, 10, 10], [9.5] * 4, [10.5] * 4, [9.0, 8.0, 10.2, 11.5], method="two_levels",
                          polarity="High is good", lower_998=[8.5] * 4, upper_998=[11.0] * 4)
    assert list(got) == ["Better 95", "Better 99.8", "Similar", "Worse 99.8"]
    unjudged = methods.compare(10, 9.5, 10.5, 8.0, method="two_levels", polarity=None, lower_998=8.5, upper_998=11)
    assert unjudged[0] == "Higher 99.8"  # as Fingertips wrote for indicator 848 in the sample
    assert methods.compare(10, 9.5, 10.5, 8.0, method="two_levels", polarity=None)[0] == "Not compared"


def test_double_overlap_and_spc():
    assert list(methods.compare([10, 10], [9, 9], [11, 11], [12, 13], [10.5, 11.5], [13, 14], method="double_overlap",
                                polarity="Low is good")) == ["Similar", "Better"]
    # 30% of 1,000 against 40%: far below the control limits; 38% of 100 inside them
    assert list(methods.compare([30, 38], comparator=40, denominator=[1000, 100], method="spc_proportion",
                                polarity="High is good")) == ["Worse", "Similar"]
    low, high = methods.comparison.spc_dsr_limits(100, 100000, 0.95)
    assert low[()] < 100 < high[()]
    assert methods.compare(130, comparator=100, denominator=100000, method="spc_dsr", polarity=None)[0] == "Higher"


def test_quintiles_reuse_benchmarking_and_quartiles_band():
    values = pd.Series([5.0, 1, 9, 3, 7, 2, 8, np.nan])
    for polarity in ("High is good", "Low is good", None):
        expected = quintile_labels(values, polarity).to_numpy()
        assert list(methods.compare(values, method="quintiles", polarity=polarity)) == list(expected)
    assert list(methods.compare([1, 2, 3, 4], method="quartiles", polarity=None)) == ["Lowest", "Low", "High", "Highest"]
    assert methods.compare([1, 2], method="quartiles", polarity=None)[0] == "Not compared"
    assert methods.compare([1.0], method="none", polarity="High is good")[0] == "Not compared"


def test_ids_and_metadata_text():
    assert methods.COMPARATOR_METHOD_IDS[1] == "ci_overlap" and methods.COMPARATOR_METHOD_IDS[17] == "two_levels"
    assert set(methods.COMPARATOR_METHOD_IDS.values()) <= set(methods.METHODS)
    cases = {"Confidence intervals overlapping reference value (95.0)": ("ci_overlap", 0.95),
             "Confidence intervals overlapping reference value (99.8)": ("ci_overlap", 0.998),
             "Quintiles": ("quintiles", None), "No comparison": ("none", None), "": ("ci_overlap", 0.95),
             None: ("ci_overlap", 0.95)}
    for text, expected in cases.items():
        assert tuple(methods.method_for_metadata(text)) == expected
    with pytest.raises(ValueError, match="Unknown comparison method"):
        methods.compare(1, 0, 2, 1, method="funnel", polarity=None)


def test_agrees_with_benchmarking_and_fingertips_on_the_sample(sample_values, sample_metadata):
    rows = labelled_rows(sample_values, sample_metadata)
    choice = rows["benchmark_method"].map(methods.method_for_metadata)
    level = choice.map(lambda c: c.confidence)
    rows = rows[choice.map(lambda c: c.method) == "ci_overlap"]
    use_998 = (level[rows.index] == 0.998).to_numpy()
    lower = np.where(use_998, rows["lower_ci_99_8"], rows["lower_ci_95"])
    upper = np.where(use_998, rows["upper_ci_99_8"], rows["upper_ci_95"])
    got = np.empty(len(rows), dtype=object)
    for polarity in rows["polarity"].fillna("").unique():
        mask = (rows["polarity"].fillna("") == polarity).to_numpy()
        got[mask] = methods.compare(rows["value"][mask], lower[mask], upper[mask], rows["comparator_value"][mask],
                                    method="ci_overlap", polarity=polarity or None)
    ours = label_significance(rows).to_numpy()
    assert (got == ours).mean() >= 0.999
    assert (got == rows["expected"].to_numpy()).mean() >= 0.95

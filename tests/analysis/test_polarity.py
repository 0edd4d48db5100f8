"""Polarity implied by Fingertips' own Better/Worse words, and the corrections it makes."""
from __future__ import annotations

import pandas as pd

from analysis.polarity import corrected, implied_polarity
from store import queries


def test_direction_needs_enough_agreeing_rows():
    counts = pd.DataFrame({"indicator_id": [1, 2, 3, 4], "high_good": [100, 0, 60, 5], "low_good": [0, 80, 40, 0]})
    assert implied_polarity(counts).to_dict() == {1: "High is good", 2: "Low is good"}


def test_corrections_only_where_missing_or_contradicting():
    meta = pd.DataFrame({"indicator_id": [1, 2, 3], "indicator_name": ["a", "b", "c"],
                         "polarity": ["Low is good", None, "RAG - High is good"]})
    implied = pd.Series({1: "High is good", 2: "Low is good", 3: "High is good"})
    out, notes = corrected(meta, implied)
    assert list(out["polarity"]) == ["High is good", "Low is good", "RAG - High is good"]
    assert len(notes) == 2 and "definition says “Low is good”" in notes[0] and "gives none" in notes[1]


def test_sample_healthy_life_expectancy_is_high_is_good(sample_store):
    implied = implied_polarity(queries.comparison_directions(sample_store))
    assert implied[90362] == "High is good"  # the sample's definitions say "Low is good"
    assert implied[93721] == "Low is good"  # preventable mortality
    assert len(implied) >= 20

"""analysis.overview on small frames built in code: the benchmark table, summary sentence and themes."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.overview import (
    OverviewParams,
    benchmark_table,
    display_name,
    latest_with_value,
    summary_counts,
    summary_sentence,
    worst_themes,
)
from geography import ENGLAND
from tests.analysis.small_frames import AREA, PEERS, REGION, metadata, row, values


def test_benchmark_table_has_the_latest_period_and_comparators():
    table = benchmark_table(values(), metadata(), OverviewParams(AREA, "england", REGION, PEERS))
    (only,) = table.itertuples()
    assert only.time_period == "2022" and only.value == 64.0
    assert only.england_value == 50.0 and only.region_value == 52.0
    assert only.significance == "Worse"  # 50 lies outside 62-66 and low is good
    assert only.peers == len(PEERS)


def test_high_is_good_turns_the_word_round():
    table = benchmark_table(values(), metadata("High is good"), OverviewParams(AREA, "england", REGION, PEERS))
    assert table["significance"].tolist() == ["Better"]


def test_region_comparator_uses_the_region_value():
    table = benchmark_table(values(), metadata(), OverviewParams(AREA, "region", REGION, PEERS))
    assert table["comparator_value"].tolist() == [52.0]


def test_an_area_without_rows_gives_an_empty_table():
    assert benchmark_table(values(), metadata(), OverviewParams("E06000099", "england", None, PEERS)).empty


def test_unknown_comparator_is_refused():
    with pytest.raises(ValueError, match="comparator"):
        OverviewParams(AREA, "galaxy")


def test_recent_trend_is_computed_here_when_fingertips_gives_none():
    table = benchmark_table(values(), metadata(), OverviewParams(AREA, "england", REGION, PEERS))
    assert table["trend_source"].tolist() in (["computed here"], [""])


def test_fingertips_word_is_used_where_the_ci_is_missing():
    frame = pd.DataFrame([row(ENGLAND, 50.0), row(AREA, 70.0, compared_to_england="Worse")])
    table = benchmark_table(frame, metadata(), OverviewParams(AREA))
    assert table[["significance", "significance_source"]].values.tolist() == [["Worse", "Fingertips"]]


def test_latest_with_value_skips_a_latest_period_without_value():
    frame = pd.DataFrame([row(AREA, 1.0, "2020"), row(AREA, None, "2021")])
    assert latest_with_value(frame)["time_period"].tolist() == ["2020"]


def test_summary_sentence_counts_words():
    table = pd.DataFrame({"significance": ["Worse", "Worse", "Similar", "Better", None]})
    assert summary_counts(table) == {"worse": 2, "similar": 1, "better": 1, "higher": 0, "lower": 0,
                                     "not_compared": 1}
    assert summary_sentence(table, "Blackpool", "all themes", "England") == (
        "Of 5 indicators in all themes, Blackpool is significantly worse than England on 2, similar on 1 and "
        "better on 1; 1 is not compared.")


def test_summary_sentence_for_england_against_itself():
    table = pd.DataFrame({"significance": ["Similar"]})
    assert "Choose a region or a local authority" in summary_sentence(table, "England", "x", "England")


def test_worst_themes_and_display_name():
    groups = [{"label": "A", "rows": pd.DataFrame({"significance": ["Worse"]})},
              {"label": "B", "rows": pd.DataFrame({"significance": ["Worse", "Worse"]})},
              {"label": "C", "rows": pd.DataFrame({"significance": ["Better"]})}]
    assert worst_themes(groups) == "B (2), A (1)"
    assert display_name({"indicator_name": "Smoking", "sex": "Male", "age": "18+ yrs"}) == "Smoking (Male, 18+ yrs)"
    assert display_name({"indicator_name": "Smoking 18+", "sex": "Persons", "age": "18+ yrs"}) == "Smoking 18+"

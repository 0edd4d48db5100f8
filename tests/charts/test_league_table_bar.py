"""charts.league_table_bar on a built frame and on the sample's 40501 cancer rates (2016 - 18)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.premature import GRADES, league_table
from charts import theme
from charts.league_table_bar import LEAGUE_DEFAULT, league_table_bar
from settings import ROOT


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "rank": pd.array([1, 2, 3, 3, pd.NA], dtype="Int64"),
        "area_name": ["Ashby", "Bury", "Crewe", "Derby", "Ely"],
        "value": [90.0, 99.0, 120.0, 120.0, None],
        "lower_ci_95": [80.0, 95.0, 110.0, None, None],
        "upper_ci_95": [99.0, 105.0, 130.0, None, None],
        "grade": ["Significantly better", "Similar but below", "Significantly worse", "Not graded", "Not graded"],
        "is_selected": [False, False, True, False, False],
        "is_similar": [False, True, True, False, False],
    })


def test_bars_in_rank_order_one_trace_per_grade():
    fig = league_table_bar(_frame(), comparator_value=100.0, presentation=LEAGUE_DEFAULT.with_(title="Cancer"))
    grades = [t for t in fig.data if t.name in theme.GRADE_COLOURS]
    assert [t.name for t in grades] == ["Significantly worse", "Similar but below", "Significantly better",
                                        "Not graded"]
    for trace in grades:
        assert trace.marker.color == theme.GRADE_COLOURS[trace.name] and trace.orientation == "h"
    assert list(fig.layout.yaxis.categoryarray) == ["1. Ashby", "2. Bury", "3. Crewe", "3. Derby", "–. Ely"]
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.meta == {"chart": "league_table_bar", "highlight": "Crewe", "n_areas": 5, "n_similar": 2,
                               "comparator": "England"}


def test_selected_and_similar_outlines_ticks_and_comparator_line():
    fig = league_table_bar(_frame(), comparator_value=109.5,
                           presentation=LEAGUE_DEFAULT.with_(comparator="similar areas"))
    (similar,) = [t for t in fig.data if t.name == "Similar areas"]
    (selected,) = [t for t in fig.data if t.name == "Crewe (selected)"]
    assert list(similar.y) == ["2. Bury", "3. Crewe"] and similar.marker.line.color == theme.SIMILAR_OUTLINE
    assert list(selected.y) == ["3. Crewe"] and selected.marker.line.width == theme.HIGHLIGHT_LINE_WIDTH
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert ticks["3. Crewe"] == "<b>3. Crewe</b>" and ticks["2. Bury"] == "<i>2. Bury</i>" and ticks["1. Ashby"] == "1. Ashby"
    (line,) = fig.layout.shapes
    assert line.name == "similar areas: 109.5" and line.x0 == 109.5 and line.showlegend


def test_ci_whiskers_match_the_data():
    fig = league_table_bar(_frame())
    (better,) = [t for t in fig.data if t.name == "Significantly better"]
    assert list(better.error_x.array) == [9.0] and list(better.error_x.arrayminus) == [10.0]
    (unknown,) = [t for t in fig.data if t.name == "Not graded"]
    assert unknown.error_x.array is None  # no CI in either row: no whiskers


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="grade"):
        league_table_bar(_frame().drop(columns="grade"))


def test_grade_words_match_the_analysis():
    assert tuple(theme.GRADE_ORDER[:4]) == GRADES


def test_sample_cancer_league_table(values, snapshot):
    deciles = pd.read_csv(ROOT / "data" / "deprivation" / "imd2019_upper_tier_deciles.csv")
    rows = values[(values["indicator_id"] == 40501) & (values["time_period"] == "2016 - 18")]
    table = league_table(rows, "E08000012", deciles)
    fig = league_table_bar(table, comparator_value=table["comparator_value"].iloc[0],
                           presentation=LEAGUE_DEFAULT.with_(title="Under 75 mortality rate from cancer",
                                                             subtitle="Counties & UAs in the sample, 2016 - 18"))
    bars = [t for t in fig.data if t.name in theme.GRADE_COLOURS]
    assert sum(len(t.y) for t in bars) == len(table) == 37
    assert fig.layout.yaxis.categoryarray[-1] == "37. Liverpool"
    assert {t.name for t in fig.data} >= {"Similar areas", "Liverpool (selected)"}
    snapshot("league_table_bar", fig)

"""charts.trend_line on Blackpool's falls admissions (22401) against England."""

from __future__ import annotations

import pandas as pd
import pytest

from charts import theme
from charts.presentation import Presentation
from charts.trend_line import trend_line


@pytest.fixture(scope="module")
def fig(falls_trend):
    # The sample switches from financial years to calendar years in 2018; marked here as a break.
    return trend_line(
        falls_trend["area"],
        label_col="compared_to_england",
        england=falls_trend["england"],
        breaks=["2018"],
        presentation=Presentation(value_title="per 100,000", title="Falls admissions, 65+"),
    )


def _markers(fig):
    return [t for t in fig.data if t.name in theme.SIGNIFICANCE_COLOURS]


def test_traces_line_categories_and_england(fig, falls_trend):
    area = falls_trend["area"]
    words = {theme.significance_word(v) for v in area["compared_to_england"]}
    names = [t.name for t in fig.data]
    assert names[0] == "Blackpool" and names[-1] == "England"
    assert [t.name for t in _markers(fig)] == [w for w in theme.SIGNIFICANCE_ORDER if w in words]
    assert len(fig.data) == len(words) + 2
    assert {t.type for t in fig.data} == {"scatter"}
    assert fig.layout.meta == {"chart": "trend_line", "area": "Blackpool", "n_periods": len(area)}


def test_periods_in_order_and_axis_titles(fig, falls_trend):
    assert list(fig.layout.xaxis.categoryarray) == falls_trend["area"]["time_period"].tolist()
    assert fig.layout.xaxis.title.text == "Time period"
    assert fig.layout.yaxis.title.text == "per 100,000"


def test_marker_colours_and_points(fig, falls_trend):
    area = falls_trend["area"].set_index("time_period")
    assert sum(len(t.x) for t in _markers(fig)) == len(area)
    for trace in _markers(fig):
        assert trace.marker.color == theme.SIGNIFICANCE_COLOURS[trace.name]
        for period, y in zip(trace.x, trace.y, strict=True):
            assert theme.significance_word(area.at[period, "compared_to_england"]) == trace.name
            assert y == pytest.approx(area.at[period, "value"])


def test_ci_error_bars_where_the_data_has_cis(fig, falls_trend):
    area = falls_trend["area"].set_index("time_period")
    with_ci = [t for t in _markers(fig) if t.error_y.array is not None]
    assert with_ci, "the 2018+ rows have CIs"
    for trace in with_ci:
        for period, plus, minus in zip(trace.x, trace.error_y.array, trace.error_y.arrayminus, strict=True):
            assert plus == pytest.approx(area.at[period, "upper_ci_95"] - area.at[period, "value"])
            assert minus == pytest.approx(area.at[period, "value"] - area.at[period, "lower_ci_95"])


def test_england_line_aligned_to_the_area_periods(fig, falls_trend):
    england = fig.data[-1]
    eng = falls_trend["england"].set_index("time_period")["value"]
    assert list(england.x) == falls_trend["area"]["time_period"].tolist()
    assert england.y[0] == pytest.approx(eng["2010/11"]) and england.y[-1] == pytest.approx(eng["2023"])
    assert england.line.color == theme.ENGLAND_LINE


def test_boundary_change_marker(fig, falls_trend):
    periods = falls_trend["area"]["time_period"].tolist()
    (shape,) = [s for s in fig.layout.shapes if s.name == "Boundary change"]
    assert shape.x0 == shape.x1 == periods.index("2018") - 0.5
    assert "Boundary change" in [a.text for a in fig.layout.annotations]


def test_hover_has_the_category_word(fig):
    for trace in _markers(fig):
        phrase = {"Similar": "Similar to England", "Not compared": "Not compared with England"}.get(
            trace.name, f"{trace.name} than England"
        )
        assert all(phrase in h for h in trace.hovertext)


def test_region_line_and_unknown_break_are_handled():
    area = pd.DataFrame(
        {
            "area_name": "X",
            "time_period": ["2019", "2020", "2021"],
            "value": [1.0, 2.0, 3.0],
            "significance": ["Better", "Worse", "Better"],
        }
    )
    region = pd.DataFrame({"time_period": ["2018", "2020", "2021"], "value": [9.0, 8.0, 7.0]})
    fig = trend_line(area, region=region, region_name="North West", breaks=["1999"])
    (line,) = [t for t in fig.data if t.name == "North West"]
    assert list(line.x) == ["2019", "2020", "2021"] and list(line.y) == [None, 8.0, 7.0]
    assert line.line.color == theme.REGION_LINE
    assert not fig.layout.shapes  # the break is not one of the periods
    assert all(t.error_y.array is None for t in fig.data if t.name in theme.SIGNIFICANCE_COLOURS)


def test_snapshot(fig, snapshot):
    snapshot("trend_line", fig)

"""charts.distribution_box: 90366 male life expectancy of every county & UA, Blackpool marked."""

from __future__ import annotations

import pytest

from charts import theme
from charts.distribution_box import distribution_box
from charts.presentation import Presentation


@pytest.fixture(scope="module")
def fig(life_expectancy_counties):
    return distribution_box(
        life_expectancy_counties,
        label_col="compared_to_england",
        presentation=Presentation(
            value_title="Years", title="Life expectancy at birth, males", highlight="E06000009"
        ),
    )


def test_one_box_trace_with_every_value(fig, life_expectancy_counties):
    box = fig.data[0]
    assert box.type == "box" and box.boxpoints == "outliers"
    assert len(box.y) == len(life_expectancy_counties)
    n_areas = life_expectancy_counties["area_name"].nunique()
    assert box.name == f"All areas ({n_areas})"
    assert box.fillcolor == theme.DISTRIBUTION_FILL and box.line.color == theme.DISTRIBUTION_LINE
    periods = list(dict.fromkeys(life_expectancy_counties["time_period"]))
    assert list(fig.layout.xaxis.categoryarray) == periods
    assert fig.layout.meta == {
        "chart": "distribution_box",
        "n_periods": len(periods),
        "n_areas": n_areas,
        "highlight": "E06000009",  # the area code, as passed (highlight_name was recorded before)
    }


def test_blackpool_marked_per_period_by_category(fig, life_expectancy_counties):
    blackpool = life_expectancy_counties[life_expectancy_counties["area_name"] == "Blackpool"].set_index(
        "time_period"
    )
    marks = [t for t in fig.data if t.type == "scatter"]
    assert sum(len(t.x) for t in marks) == len(blackpool)
    for trace in marks:
        word = trace.name.removeprefix("Blackpool: ")
        assert trace.marker.color == theme.SIGNIFICANCE_COLOURS[word]
        assert trace.marker.symbol == "diamond" and trace.marker.line.color == theme.HIGHLIGHT
        for period, y, hover in zip(trace.x, trace.y, trace.hovertext, strict=True):
            assert y == pytest.approx(blackpool.at[period, "value"])
            assert word in hover and "Blackpool" in hover


def test_axis_titles(fig):
    assert fig.layout.xaxis.title.text == "Time period"
    assert fig.layout.yaxis.title.text == "Years"


def test_without_highlight_only_the_box(life_expectancy_counties):
    fig = distribution_box(life_expectancy_counties, presentation=Presentation(value_title="Years"))
    assert [t.type for t in fig.data] == ["box"]


def test_snapshot(fig, snapshot):
    snapshot("distribution_box", fig)

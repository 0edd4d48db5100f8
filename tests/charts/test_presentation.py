"""charts.presentation: the one small presentation object every chart takes, and `highlight` as an area code."""

from __future__ import annotations

import dataclasses

import pytest

from charts import theme
from charts.choropleth import choropleth
from charts.compare_bar import compare_bar
from charts.distribution_box import distribution_box
from charts.inequality_bar import inequality_bar
from charts.presentation import DEFAULT, Presentation
from charts.spine import spine
from charts.trend_line import trend_line

BLACKPOOL = "E06000009"


def test_defaults_are_frozen_and_copied_with_changes():
    p = Presentation()
    assert p == DEFAULT
    assert (p.title, p.subtitle, p.source) == (None, None, theme.DEFAULT_SOURCE)
    assert (p.value_title, p.category_title, p.unit, p.decimals) == ("Value", None, "", 1)
    assert (p.width, p.height, p.highlight, p.comparator) == (None, None, None, "England")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.title = "Changed"  # type: ignore[misc]
    q = p.with_(title="Smoking", highlight=BLACKPOOL)
    assert (q.title, q.highlight, p.title) == ("Smoking", BLACKPOOL, None)
    assert p.axis_title("Time period") == "Time period"
    assert q.with_(category_title="Decile").axis_title("Category") == "Decile"
    assert len(dataclasses.fields(Presentation)) <= 12  # small on purpose


def test_size_title_and_number_format_reach_the_figure(nw_smoking):
    p = Presentation(title="Smoking", subtitle="North West", source=None, value_title="%", unit="%",
                     decimals=2, width=700, height=500, comparator="North West")
    fig = compare_bar(nw_smoking["frame"], label_col="compared_to_england", england_value=12.345, presentation=p)
    assert (fig.layout.width, fig.layout.height) == (700, 500)
    assert fig.layout.title.text == "<b>Smoking</b>" and fig.layout.title.subtitle.text == "North West"
    assert not fig.layout.annotations  # source=None: no source line
    assert fig.layout.xaxis.title.text == "%"
    assert fig.layout.shapes[0].name == "North West: 12.35%"
    assert fig.layout.legend.title.text == "Compared with North West"


def _selected(fig):
    return [t.name for t in fig.data if t.name and t.name.endswith("(selected)")]


@pytest.fixture(scope="module")
def le_2021(life_expectancy_counties):
    return life_expectancy_counties[life_expectancy_counties["time_period"] == "2021 - 23"]


def test_highlight_is_an_area_code_in_compare_bar(nw_smoking):
    frame = nw_smoking["frame"]
    by_code = compare_bar(frame, presentation=Presentation(highlight=BLACKPOOL))
    assert _selected(by_code) == ["Blackpool (selected)"]  # people see the name
    assert "<b>Blackpool</b>" in by_code.layout.yaxis.ticktext
    assert by_code.layout.meta["highlight"] == BLACKPOOL
    by_name = compare_bar(frame, presentation=Presentation(highlight="Blackpool"))
    assert _selected(by_name) == [] and "<b>Blackpool</b>" not in by_name.layout.yaxis.ticktext


def test_highlight_is_an_area_code_in_choropleth(le_2021, county_geojson):
    by_code = choropleth(le_2021, county_geojson, presentation=Presentation(highlight=BLACKPOOL))
    assert _selected(by_code) == ["Blackpool (selected)"]
    assert by_code.layout.meta["highlight"] == BLACKPOOL
    assert _selected(choropleth(le_2021, county_geojson, presentation=Presentation(highlight="Blackpool"))) == []


def test_highlight_is_an_area_code_in_distribution_box(life_expectancy_counties):
    by_code = distribution_box(life_expectancy_counties, presentation=Presentation(highlight=BLACKPOOL))
    marks = [t for t in by_code.data if t.type == "scatter"]
    assert marks and all(t.name.startswith("Blackpool: ") for t in marks)
    blackpool = life_expectancy_counties[life_expectancy_counties["area_code"] == BLACKPOOL]
    assert sum(len(t.x) for t in marks) == len(blackpool)  # its values come from the frame, by code
    by_name = distribution_box(life_expectancy_counties, presentation=Presentation(highlight="Blackpool"))
    assert [t.type for t in by_name.data] == ["box"]


def test_distribution_box_marks_an_area_outside_the_spread_by_code(life_expectancy_counties, values):
    """England is not a county: its rows come as area_rows, still chosen by its code."""
    england = values[(values["indicator_id"] == 90366) & (values["area_code"] == "E92000001")
                     & (values["sex"] == "Male") & values["category_type"].isna()]
    fig = distribution_box(life_expectancy_counties, area_rows=england,
                           presentation=Presentation(highlight="E92000001"))
    marks = [t for t in fig.data if t.type == "scatter"]
    assert marks and all(t.name.startswith("England: ") for t in marks)
    assert sum(len(t.x) for t in marks) == len(england)
    assert fig.data[0].name == distribution_box(life_expectancy_counties).data[0].name  # the spread is unchanged
    elsewhere = distribution_box(
        life_expectancy_counties, area_rows=england, presentation=Presentation(highlight=BLACKPOOL)
    )
    assert [t.type for t in elsewhere.data] == ["box"]  # area_rows are filtered by the code too


def test_one_area_charts_draw_the_same_with_a_highlight(falls_trend, blackpool_spine, alcohol_deciles):
    """trend_line, spine and inequality_bar show one area (or England): a highlight code changes nothing."""
    chosen = Presentation(highlight=BLACKPOOL)
    pairs = [
        (trend_line(falls_trend["area"]), trend_line(falls_trend["area"], presentation=chosen)),
        (spine(blackpool_spine), spine(blackpool_spine, presentation=chosen)),
        (inequality_bar(alcohol_deciles["frame"]), inequality_bar(alcohol_deciles["frame"], presentation=chosen)),
    ]
    for plain, highlighted in pairs:
        assert plain.to_json() == highlighted.to_json()


def test_highlight_needs_the_code_column(nw_smoking):
    with pytest.raises(ValueError, match="area_code"):
        compare_bar(nw_smoking["frame"].drop(columns=["area_code"]), presentation=Presentation(highlight=BLACKPOOL))

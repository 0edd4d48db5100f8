"""charts.compare_bar on North West counties & UAs (92304 current smokers, 90366 life expectancy)."""

from __future__ import annotations

import pandas as pd
import pytest

from charts import theme
from charts.compare_bar import compare_bar
from charts.presentation import Presentation

BLACKPOOL = "E06000009"


@pytest.fixture(scope="module")
def smoking_fig(nw_smoking):
    return compare_bar(
        nw_smoking["frame"],
        label_col="compared_to_england",
        england_value=nw_smoking["england"],
        region_value=nw_smoking["region"],
        region_name="North West",
        presentation=Presentation(
            title=nw_smoking["indicator"],
            subtitle="North West counties & UAs, 2019/20",
            value_title="%",
            unit="%",
            highlight=BLACKPOOL,
        ),
    )


def _category_bars(fig):
    return [t for t in fig.data if t.name in theme.SIGNIFICANCE_COLOURS]


def test_one_bar_trace_per_category_plus_the_selected_outline(smoking_fig, nw_smoking):
    frame = nw_smoking["frame"]
    expected = {theme.significance_word(v) for v in frame["compared_to_england"]}
    assert {t.type for t in smoking_fig.data} == {"bar"}
    assert [t.name for t in _category_bars(smoking_fig)] == [
        w for w in theme.SIGNIFICANCE_ORDER if w in expected
    ]
    assert len(smoking_fig.data) == len(expected) + 1
    assert smoking_fig.layout.meta == {
        "chart": "compare_bar",
        "highlight": BLACKPOOL,  # the area code, as passed (was the name before highlight meant a code)
        "n_areas": len(frame),
    }


def test_every_area_drawn_once_in_its_category_colour(smoking_fig, nw_smoking):
    frame = nw_smoking["frame"].set_index("area_name")
    drawn = [name for t in _category_bars(smoking_fig) for name in t.y]
    assert sorted(drawn) == sorted(frame.index)
    for trace in _category_bars(smoking_fig):
        assert trace.marker.color == theme.SIGNIFICANCE_COLOURS[trace.name]
        assert trace.orientation == "h"
        for area in trace.y:
            assert theme.significance_word(frame.at[area, "compared_to_england"]) == trace.name


def test_ci_error_bars_match_the_data(smoking_fig, nw_smoking):
    frame = nw_smoking["frame"].set_index("area_name")
    for trace in _category_bars(smoking_fig):
        err = trace.error_x
        assert err.type == "data" and err.symmetric is False
        assert len(err.array) == len(err.arrayminus) == len(trace.y)
        for area, plus, minus in zip(trace.y, err.array, err.arrayminus, strict=True):
            row = frame.loc[area]
            assert plus == pytest.approx(row["upper_ci_95"] - row["value"])
            assert minus == pytest.approx(row["value"] - row["lower_ci_95"])


def test_axis_titles_and_sorting(smoking_fig, nw_smoking):
    assert smoking_fig.layout.xaxis.title.text == "%"
    assert smoking_fig.layout.yaxis.title.text == "Area"
    assert smoking_fig.layout.yaxis.title.standoff == theme.AXIS_TITLE_STANDOFF  # beside the names, not over them
    order = list(smoking_fig.layout.yaxis.categoryarray)
    expected = nw_smoking["frame"].sort_values("value", ascending=False)["area_name"].tolist()
    assert order == expected and smoking_fig.layout.yaxis.autorange == "reversed"  # largest at the top


def test_highlighted_area_has_outline_bold_label_and_value(smoking_fig, nw_smoking):
    (selected,) = [t for t in smoking_fig.data if t.name == "Blackpool (selected)"]
    assert list(selected.y) == ["Blackpool"]
    assert selected.marker.line.color == theme.HIGHLIGHT
    assert selected.marker.line.width == theme.HIGHLIGHT_LINE_WIDTH
    assert selected.marker.color == theme.TRANSPARENT
    value = nw_smoking["frame"].set_index("area_name").at["Blackpool", "value"]
    assert selected.text[0] == f"<b>{value:.1f}</b>"
    ticks = dict(zip(smoking_fig.layout.yaxis.tickvals, smoking_fig.layout.yaxis.ticktext, strict=True))
    assert ticks["Blackpool"] == "<b>Blackpool</b>" and ticks["Bolton"] == "Bolton"


def test_england_and_region_reference_lines_in_legend(smoking_fig, nw_smoking):
    shapes = {s.name: s for s in smoking_fig.layout.shapes}
    england = shapes[f"England: {nw_smoking['england']:.1f}%"]
    region = shapes[f"North West: {nw_smoking['region']:.1f}%"]
    assert england.x0 == england.x1 == pytest.approx(nw_smoking["england"])
    assert england.line.color == theme.ENGLAND_LINE and england.showlegend
    assert region.x0 == pytest.approx(nw_smoking["region"]) and region.line.color == theme.REGION_LINE
    assert england.yref == "paper" and (england.y0, england.y1) == (0, 1)


def test_hover_and_legend_carry_the_category_word(smoking_fig):
    for trace in _category_bars(smoking_fig):
        phrase = "Similar to England" if trace.name == "Similar" else f"{trace.name} than England"
        assert all(phrase in h and "95% CI" in h for h in trace.hovertext)
        assert trace.hoverinfo == "text"


def test_title_subtitle_and_source(smoking_fig, nw_smoking):
    assert smoking_fig.layout.title.text == f"<b>{nw_smoking['indicator']}</b>"
    assert smoking_fig.layout.title.subtitle.text == "North West counties & UAs, 2019/20"
    assert [a.text for a in smoking_fig.layout.annotations] == [theme.DEFAULT_SOURCE]


def test_sort_by_name_and_show_values(nw_smoking):
    fig = compare_bar(nw_smoking["frame"], label_col="compared_to_england", sort_by="name", show_values=True)
    assert list(fig.layout.yaxis.categoryarray) == sorted(nw_smoking["frame"]["area_name"], key=str.lower)
    assert all(t.text is not None and len(t.text) == len(t.y) for t in fig.data)
    assert not fig.layout.shapes  # no England/region values given


def test_missing_cis_draw_no_error_bars(nw_life_expectancy):
    """The sample's 90366 rows carry no CIs: bars still draw, without error bars."""
    frame = nw_life_expectancy["frame"]
    fig = compare_bar(
        frame,
        label_col="compared_to_england",
        england_value=nw_life_expectancy["england"],
        presentation=Presentation(value_title="Years", unit="years", highlight=BLACKPOOL),
    )
    assert frame["lower_ci_95"].isna().all()
    assert all(t.error_x.array is None for t in fig.data)
    assert sum(len(t.y) for t in _category_bars(fig)) == len(frame)
    assert "Worse" in [t.name for t in fig.data]


def test_without_labels_every_area_is_not_compared(nw_smoking):
    fig = compare_bar(
        nw_smoking["frame"].drop(columns=["compared_to_england"]), label_col="compared_to_england"
    )
    assert [t.name for t in fig.data] == ["Not compared"]
    assert fig.data[0].marker.color == theme.NOT_COMPARED


def test_missing_value_column_is_a_clear_error():
    with pytest.raises(ValueError, match="compare_bar needs column"):
        compare_bar(pd.DataFrame({"area_name": ["A"]}))


def test_snapshot(smoking_fig, snapshot):
    snapshot("compare_bar", smoking_fig)

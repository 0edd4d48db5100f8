"""charts.choropleth: 90366 male life expectancy 2021 - 23 on the ONS county & UA boundaries."""

from __future__ import annotations

import pytest

from charts import theme
from charts.choropleth import choropleth
from charts.presentation import Presentation


@pytest.fixture(scope="module")
def frame(life_expectancy_counties):
    return life_expectancy_counties[life_expectancy_counties["time_period"] == "2021 - 23"].reset_index(
        drop=True
    )


@pytest.fixture(scope="module")
def by_significance(frame, county_geojson):
    return choropleth(
        frame,
        county_geojson,
        by="significance",
        label_col="compared_to_england",
        presentation=Presentation(title="Life expectancy at birth, males", highlight="E06000009"),
    )


@pytest.fixture(scope="module")
def by_value(frame, county_geojson):
    return choropleth(
        frame,
        county_geojson,
        label_col="compared_to_england",
        presentation=Presentation(value_title="Years", unit="years", highlight="E06000009"),
    )


def _areas(fig):
    return [t for t in fig.data if t.fill == "toself"]


def _english_features(geojson):
    return {
        f["properties"]["CTYUA23CD"] for f in geojson["features"] if f["properties"]["CTYUA23CD"][0] == "E"
    }


def test_every_area_drawn_once_and_map_filled(by_significance, frame, county_geojson):
    codes = [t.meta["area_code"] for t in _areas(by_significance)]
    assert len(codes) == len(set(codes))
    assert set(frame["area_code"]) <= set(codes)
    assert set(codes) == _english_features(county_geojson)  # the rest of England as "No data"
    assert by_significance.layout.meta == {
        "chart": "choropleth",
        "by": "significance",
        "highlight": "E06000009",
        "n_areas": len(frame),
        "unmatched": [],
    }


def test_significance_colours_and_legend(by_significance, frame):
    valued = frame[frame["value"].notna()]
    word = dict(
        zip(valued["area_code"], valued["compared_to_england"].map(theme.significance_word), strict=True)
    )
    for trace in _areas(by_significance):
        code = trace.meta["area_code"]
        expected = word.get(code, "No data")
        assert trace.name == expected
        assert trace.fillcolor == theme.SIGNIFICANCE_COLOURS.get(expected, theme.NO_DATA)
    legend = [t.name for t in by_significance.data if t.showlegend]
    assert legend[-1] == "Blackpool (selected)"
    assert sorted(legend[:-1]) == sorted(set(word.values()) | {"No data"})
    ranks = {t.name: t.legendrank for t in by_significance.data if t.showlegend}
    assert (
        ranks["Better"] < ranks["Similar"] < ranks["Worse"] < ranks["No data"] < ranks["Blackpool (selected)"]
    )


def test_hover_names_area_value_and_category(by_significance, frame):
    rows = frame.set_index("area_code")
    for trace in _areas(by_significance):
        code = trace.meta["area_code"]
        if code in rows.index:
            assert trace.hoveron == "fills" and trace.hoverinfo == "text"
            assert trace.text.startswith(f"<b>{rows.at[code, 'area_name']}</b>")
            assert theme.significance_word(rows.at[code, "compared_to_england"]) in trace.text


def test_highlight_outline(by_significance, county_geojson):
    (outline,) = [t for t in by_significance.data if t.name == "Blackpool (selected)"]
    assert outline.line.color == theme.HIGHLIGHT and outline.line.width == theme.HIGHLIGHT_LINE_WIDTH
    assert outline.fill is None
    (feature,) = [f for f in county_geojson["features"] if f["properties"]["CTYUA23CD"] == "E06000009"]
    geometry = feature["geometry"]
    first_ring = (
        geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    )
    lon, lat = first_ring[0]
    assert outline.x[0] == pytest.approx(lon, abs=1e-4) and outline.y[0] == pytest.approx(lat, abs=1e-4)


def test_offline_drawing_no_geo_subplot(by_significance):
    """No geo subplot (plotly.js would fetch a base-map TopoJSON from the internet) and no tiles."""
    assert {t.type for t in by_significance.data} == {"scatter"}
    assert "geo" not in by_significance.to_plotly_json()["layout"]
    assert by_significance.layout.yaxis.scaleanchor == "x"
    assert by_significance.layout.xaxis.visible is False
    assert by_significance.layout.xaxis.title.text == "Longitude"


def test_value_map_has_colour_bar_and_scale(by_value, frame):
    (bar,) = [t for t in by_value.data if t.marker.showscale]
    assert bar.marker.colorbar.title.text == "Years"
    assert bar.marker.cmin == pytest.approx(frame["value"].min())
    assert bar.marker.cmax == pytest.approx(frame["value"].max())
    assert bar.marker.colorscale == tuple(tuple(s) for s in theme.SEQUENTIAL)
    valued = [t for t in _areas(by_value) if t.name == "Value"]
    assert len(valued) == frame["value"].notna().sum()
    assert all(t.fillcolor.startswith("rgb") for t in valued)
    assert [t.name for t in by_value.data if t.showlegend] == ["No data", "Blackpool (selected)"]


def test_unmatched_codes_and_no_match(frame, county_geojson):
    old = frame.copy()
    old.loc[0, "area_code"] = "E10000006"  # Cumbria, abolished in 2023: not in the 2023 boundaries
    fig = choropleth(old, county_geojson, label_col="compared_to_england", fill_missing=False)
    assert fig.layout.meta["unmatched"] == ["E10000006"]
    assert len(_areas(fig)) == len(frame) - 1
    with pytest.raises(ValueError, match="properties.LAD24CD"):
        choropleth(frame, county_geojson, feature_code_key="LAD24CD")
    with pytest.raises(ValueError, match="by must be"):
        choropleth(frame, county_geojson, by="colour")


def test_snapshots(by_significance, by_value, snapshot):
    snapshot("choropleth_significance", by_significance)
    snapshot("choropleth_value", by_value)

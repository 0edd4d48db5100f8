"""The indicator explorer in AppTest: every view for a county, a district and England; maps; bad input."""
from __future__ import annotations

import pytest

from tests.apptest import open_page, texts

VIEWS = ["compare", "trend", "map", "distribution", "inequalities", "definitions"]
AREAS = ["E06000009", "E07000117", "E92000001"]


def explorer(**params):
    return open_page("pages/explorer.py", **params)


def charts(at) -> list[str]:
    import json
    return [json.loads(c.proto.spec)["layout"]["meta"]["chart"] for c in at.get("plotly_chart")]


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_runs(sample_store, boundaries, area, view):
    at = explorer(area=area, indicator="90366", view=view)
    assert not at.exception, at.exception
    assert at.title[0].value == "Life expectancy at birth", texts(at)
    if view in ("compare", "trend", "distribution", "map"):
        assert charts(at) == [{"compare": "compare_bar", "trend": "trend_line", "distribution": "distribution_box",
                               "map": "choropleth"}[view]], texts(at)
        assert any("Chart description:" in c.value for c in at.caption)
    if view == "definitions":
        assert "Definition" in texts(at)


def test_map_of_districts_uses_district_boundaries_and_reports_old_codes(sample_store, boundaries):
    at = explorer(area="E07000117", indicator="92443", view="map")
    assert charts(at) == ["choropleth"]
    at.selectbox(key="map_period").set_value("2019").run()
    assert charts(at) == ["choropleth"]
    # districts abolished in 2023 (e.g. Allerdale, E07000026) are reported, not silently dropped
    assert "Not on the map" in texts(at) and "Allerdale (E07000026)" in texts(at)


def test_map_without_boundaries_says_so_and_other_views_work(sample_store, monkeypatch):
    monkeypatch.setenv("ONS_BOUNDARY_URL_TEMPLATE", "http://127.0.0.1:9/{dataset}.geojson")
    at = explorer(area="E06000009", indicator="90366", view="map")
    assert not at.exception
    assert "The map cannot be drawn" in texts(at) and "The other views work as usual" in texts(at)
    assert charts(explorer(area="E06000009", indicator="90366", view="trend")) == ["trend_line"]


def test_boundaries_are_downloaded_once_and_kept(sample_store, boundaries):
    explorer(area="E06000009", indicator="90366", view="map")
    assert sample_store.query("SELECT count(*) FROM core_boundaries").iloc[0, 0] == 1


def test_inequality_breakdowns_with_deprivation(sample_store):
    at = explorer(area="E06000009", indicator="92033", view="inequalities")
    assert not at.exception
    assert set(charts(at)) == {"inequality_bar"} and len(charts(at)) >= 3  # ethnicity, deprivation, sex
    assert any("deprivation" in s.value.lower() for s in at.header)
    # the sample holds four of Blackpool's five quintiles (the least deprived is missing): no SII, and it says why
    assert "needs a value for every deprivation group" in texts(at)


def test_england_breakdowns_when_the_area_has_none(sample_store):
    at = explorer(area="E06000009", indicator="93763", view="inequalities")
    assert not at.exception
    assert "England's are shown" in texts(at)
    assert "Slope index of inequality" in texts(at) and "PHEindicatormethods" in texts(at)


def test_bad_indicator_in_the_url(sample_store):
    at = explorer(area="E06000009", indicator="not-an-id")
    assert not at.exception
    assert "the indicator “not-an-id”" in " ".join(w.value for w in at.warning)


def test_indicator_not_held_offers_a_download(sample_store, replay):
    at = explorer(area="E06000009", indicator="99999999")
    assert not at.exception
    assert "Indicator 99999999 is not in the local store" in texts(at)
    button = next(b for b in at.button if b.label.startswith("Download indicator"))
    button.click().run()
    assert not at.exception
    assert "no data" in texts(at).lower() or "no indicator" in texts(at).lower()


def test_url_round_trip(sample_store):
    at = explorer(area="E06000009", indicator="92443", view="trend", comparator="region")
    assert not at.exception
    for key, value in {"indicator": "92443", "view": "trend", "comparator": "region", "area": "E06000009"}.items():
        assert at.query_params[key] in (value, [value])


def test_opens_on_an_indicator_the_area_has_values_for(sample_store, sample_csv):
    import pandas as pd

    frame = pd.read_csv(sample_csv, dtype=str, keep_default_na=False, usecols=["Indicator Name", "Area Code"])
    held = set(frame.loc[frame["Area Code"] == "E12000002", "Indicator Name"])
    assert "Acute hepatitis B incidence rate" not in held  # the first indicator offered: no North West value
    at = explorer(area="E12000002")
    assert not at.exception
    assert at.title[0].value in held
    assert charts(at) == ["compare_bar"]


def test_value_axes_take_the_indicators_unit(sample_store):
    import json

    at = explorer(area="E06000009", indicator="92443", view="trend")  # smoking prevalence, unit "%"
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert layout["yaxis"]["title"]["text"] == "%"
    at = explorer(area="E06000009", indicator="92443", view="compare")
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert layout["xaxis"]["title"]["text"] == "%"

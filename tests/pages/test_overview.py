"""The area overview in AppTest, on the whole shared sample (and on a store refreshed from the replay server)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from guidance.catalogue import load_catalogue
from tests.apptest import run_app, tables, texts

CATALOGUE = load_catalogue()


def expected_rows(sample_csv, area_code: str, theme_id: str) -> int:
    """Independent count: distinct indicator/sex/age headline series of the area in the theme."""
    frame = pd.read_csv(sample_csv, dtype=str, keep_default_na=False,
                        usecols=["Indicator ID", "Area Code", "Sex", "Age", "Category Type"])
    ids = {str(i) for i in CATALOGUE.indicators_for_theme(theme_id)}
    mine = frame[(frame["Area Code"] == area_code) & (frame["Category Type"] == "") & frame["Indicator ID"].isin(ids)]
    return len(mine.drop_duplicates(["Indicator ID", "Sex", "Age"]))


@pytest.mark.parametrize("area, theme", [("E06000009", "children-young-people"), ("E07000117", "children-young-people"),
                                         ("E08000009", "system-wide-approaches")])
def test_theme_from_the_url_shows_the_right_indicators_and_guidance(sample_store, sample_csv, area, theme):
    at = run_app(area=area, theme=theme)
    assert not at.exception
    label = CATALOGUE.theme(theme).label
    want = expected_rows(sample_csv, area, theme)
    assert want > 0
    assert [s.value for s in at.header] == [f"{label} ({want})"]
    assert len(tables(at)) >= 1
    summary = at.info[0].value
    assert re.sub(r"\\", "", summary).startswith(f"Of {want} indicators in {label}, ")
    links = sum(m.value.count("](https://") for m in at.markdown)
    assert links >= len(CATALOGUE.resources_for_theme(theme)) >= 1


def test_every_theme_group_with_resources_has_a_guidance_link(sample_store):
    at = run_app(area="E06000009")
    assert not at.exception
    groups = [s.value.rsplit(" (", 1)[0] for s in at.header]
    assert len(groups) >= 5
    with_resources = [t for t in CATALOGUE.themes if t.label in groups and CATALOGUE.resources_for_theme(t.id)]
    links = "\n".join(m.value for m in at.markdown)
    for t in with_resources:
        first = CATALOGUE.resources_for_theme(t.id)[0]
        assert first.url in links, t.label
    assert "Themes with the most" in links


def test_comparison_words_are_fingertips_words(sample_store):
    at = run_app(area="E06000009", theme="children-young-people")
    frame = tables(at)[0]
    words = set(frame["Compared with England"])
    assert words <= {"Better", "Similar", "Worse", "Higher", "Lower", "Not compared", "Best", "Worst", "Middle",
                     "Highest", "Lowest", "High", "Low"}
    assert {"Worse", "Better"} & words


def test_bad_theme_and_comparator_in_the_url(sample_store):
    at = run_app(area="E06000009", theme="not-a-theme", comparator="moon")
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "the theme “not-a-theme”" in warnings and "“All themes”" in warnings
    assert "the comparator “moon”" in warnings


def test_region_comparator_and_url_round_trip(sample_store):
    at = run_app(area="E06000009", theme="children-young-people", comparator="region")
    assert not at.exception
    assert "compared with North West region" in texts(at)
    assert at.query_params["theme"] in ("children-young-people", ["children-young-people"])
    assert at.query_params["comparator"] in ("region", ["region"])


def test_neighbours_from_the_replay_server(sample_store, replay):
    at = run_app(area="E08000009", comparator="neighbours")
    assert not at.exception
    assert "the mean of its CIPFA nearest neighbours" in texts(at)
    assert any("nn-1-E08000009" in e["query"] for e in replay.log())
    again = run_app(area="E08000009", comparator="neighbours")  # now held in the store: no second request
    assert not again.exception
    assert sum("nn-1-E08000009" in e["query"] for e in replay.log()) == 1


def test_neighbours_unavailable_falls_back_to_england(sample_store, monkeypatch):
    monkeypatch.setenv("FINGERTIPS_API_URL", "http://127.0.0.1:9/api/")
    at = run_app(area="E08000009", comparator="neighbours")
    assert not at.exception
    assert "could not be fetched" in texts(at) and "England is used instead" in texts(at)


def test_area_with_no_data_for_the_theme(sample_store):
    at = run_app(area="E07000026", theme="inclusion-health-groups")
    assert not at.exception
    assert "Try another theme" in texts(at) or "No indicators" in texts(at)


def test_profile_not_yet_downloaded_is_offered(replay, sample_store):
    at = run_app(area="E06000009", profile="wider-determinants")
    assert not at.exception
    assert "Wider Determinants of Health has not been downloaded yet" in texts(at)
    next(b for b in at.button if b.label == "Download Wider Determinants of Health").click().run()
    assert not at.exception
    assert "Downloaded" in texts(at)
    assert any("by_profile_id" in e["path"] and "profile_id=130" in e["query"] for e in replay.log())
    assert at.query_params["profile"] in ("wider-determinants", ["wider-determinants"])


def test_england_against_itself_is_not_compared_in_tables_and_spines(sample_store):
    import json

    at = run_app(area="E92000001", theme="children-young-people")
    assert not at.exception
    frame = tables(at)[0]
    assert set(frame["Compared with England"]) == {"Not compared"}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["layout"]["meta"]["chart"] == "spine":
            words = {t["name"].split(": ", 1)[1] for t in spec["data"] if t.get("name", "").startswith("England: ")}
            assert words <= {"Not compared"}, words


def test_tartan_rug_and_worse_and_getting_worse_are_exportable(sample_store):
    import json

    at = run_app(area="E06000009", theme="children-young-people")
    assert not at.exception
    kinds = [json.loads(c.proto.spec)["layout"]["meta"]["chart"] for c in at.get("plotly_chart")]
    assert kinds == ["spine"], "only the chosen tab (the spine chart) is drawn"
    at.session_state["tabs_children-young-people"] = "Tartan rug"  # what choosing the tab does
    at.run()
    kinds = [json.loads(c.proto.spec)["layout"]["meta"]["chart"] for c in at.get("plotly_chart")]
    assert kinds == ["tartan_rug"]
    rug = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
               if json.loads(c.proto.spec)["layout"]["meta"]["chart"] == "tartan_rug")
    assert rug["data"][0]["x"][0] == "Blackpool" and rug["data"][0]["x"][-1] == "England"
    assert "North West region" in rug["data"][0]["x"] or any("North West" in x for x in rug["data"][0]["x"])
    assert "Worse and getting worse" in [s.value for s in at.subheader]
    # the sample gives Blackpool no trend getting worse in this theme (tests/services shows the table's export)
    assert "No indicator shown is both significantly worse than England and getting worse" in texts(at)
    labels = [b.label for b in at.button]
    assert labels.count("Add to board pack") >= 1  # the rug's (the spine chart's was checked above)

"""Premature mortality (Longer Lives) in AppTest on the shared sample: ranks, similar areas, bad input."""
from __future__ import annotations

import json

import pytest

from tests.apptest import open_page, texts


def page(**params):
    return open_page("pages/premature-mortality.py", **params)


def charts(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["meta"]["chart"] for c in at.get("plotly_chart")]


def test_blackpool_is_ranked_with_its_similar_areas_named(sample_store, boundaries):
    at = page(area="E06000009", cause="preventable")
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Blackpool: causes considered preventable" in shown
    assert "Similar areas** (IMD 2019 decile 1)" in shown and "Knowsley" in shown and "Liverpool" in shown
    assert "Blackpool has the highest premature death rate from causes considered preventable of 130 areas" in shown
    assert charts(at) == ["league_table_bar", "choropleth", "rank_small_multiples"]
    ranks = {m.label: m.value for m in at.metric}
    assert ranks["Rank (2024)"] == "130th of 130"
    assert "130th of 130, 1 = lowest rate" in [m.help for m in at.metric]


def test_similar_areas_as_comparator(sample_store, boundaries):
    at = page(area="E06000009", cause="cancer", comparator="similar")
    assert not at.exception, at.exception
    shown = texts(at)
    assert "compared with similar areas (Longer Lives' four grades" in shown
    assert "not ranked (no value)" in shown  # the sample has no cancer rate for Blackpool


def test_a_bad_cause_falls_back_with_a_warning_and_causes_not_held_are_named(sample_store, boundaries):
    at = page(area="E08000012", cause="banana")
    assert not at.exception
    assert "The link asks for the cause “banana”, which is not available here" in texts(at)
    assert at.selectbox(key="pick_cause").options == ["Cancer", "Heart disease and stroke",
                                                      "Causes considered preventable"]
    assert "Not held: all causes, lung disease, liver disease (download the Mortality Profile to add them)." in \
        texts(at)


@pytest.mark.parametrize("area", ["E07000117", "E92000001"])
def test_a_district_or_england_is_told_what_is_ranked(sample_store, area):
    at = page(area=area)
    assert not at.exception
    assert "Longer Lives ranks upper-tier local authorities" in texts(at)


def test_an_area_that_cannot_be_placed_says_why(sample_store, boundaries):
    at = page(area="E06000062", cause="preventable")
    assert not at.exception
    assert "cannot be placed in an IMD 2019 decile" in texts(at)

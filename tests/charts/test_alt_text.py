"""charts.alt_text: plain-English descriptions written from the charted data."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.alt_text import alt_text, significance_phrase

AREAS = pd.DataFrame(
    {
        "area_name": ["Blackpool", "Bolton", "Bury", "Trafford"],
        "value": [53.1, 60.2, 62.0, 66.4],
        "significance": ["Worse", "Worse", "Similar", "Better"],
    }
)


def test_bar_chart_sentence_like_the_brief():
    text = alt_text(
        "compare_bar",
        AREAS,
        indicator_name="Healthy life expectancy at birth",
        area_name="Blackpool",
        period="2021 - 23",
        place="North West region",
        comparator_value=63.1,
        unit="years",
    )
    assert text == (
        "Bar chart of Healthy life expectancy at birth for 4 areas in North West region, 2021 - 23. "
        "Blackpool: 53.1 years, significantly worse than England (63.1). "
        "Compared with England: 1 significantly better, 1 similar, 2 significantly worse. "
        "Values range from 53.1 years (Blackpool) to 66.4 years (Trafford)."
    )


@pytest.mark.parametrize(
    "word, phrase",
    [
        ("Better", "significantly better than England"),
        ("Worse", "significantly worse than England"),
        ("Similar", "similar to England"),
        ("Higher 99.8", "significantly higher than England"),
        ("Lower", "significantly lower than England"),
        ("", "not compared with England"),
    ],
)
def test_significance_phrase(word, phrase):
    assert significance_phrase(word) == phrase


def test_map_percent_unit_and_other_comparator():
    text = alt_text(
        "choropleth", AREAS, indicator_name="Smokers", area_name="Bury", comparator="North West", unit="%"
    )
    assert text.startswith("Map of Smokers for 4 areas.")
    assert "Bury: 62.0%, similar to North West." in text


def test_area_missing_from_data():
    text = alt_text("compare_bar", AREAS, indicator_name="X", area_name="Wigan")
    assert "Wigan has no value." in text


def test_trend():
    frame = pd.DataFrame(
        {
            "time_period": ["2019", "2020", "2021"],
            "value": [10.0, 11.0, 12.5],
            "significance": ["Similar", "Worse", "Worse"],
        }
    )
    text = alt_text("trend_line", frame, indicator_name="Falls", area_name="Blackpool", comparator_value=11.2)
    assert text == (
        "Line chart of Falls for Blackpool over 3 periods, 2019 to 2021. Latest value (2021): 12.5, "
        "significantly worse than England (11.2). In 2019 it was 10.0 (up since then)."
    )


def test_box():
    frame = pd.DataFrame(
        {
            "area_name": ["A", "B", "C", "A", "B", "C"],
            "time_period": ["1", "1", "1", "2", "2", "2"],
            "value": [1.0, 2.0, 3.0, 4.0, 5.0, 9.0],
            "significance": ["Worse"] * 6,
        }
    )
    text = alt_text("distribution_box", frame, indicator_name="X", area_name="A", place="England")
    assert text == (
        "Box plot of X across 3 areas in England for 2 periods, 1 to 2. In 2 the median was 5.0 "
        "(lowest 4.0, highest 9.0). A in 2: 4.0, significantly worse than England."
    )


def test_inequality(alcohol_deciles):
    text = alt_text(
        "inequality_bar",
        alcohol_deciles["frame"],
        indicator_name="Alcohol-related mortality",
        area_name="England",
        period="2023",
        comparator_value=alcohol_deciles["england"],
        unit="per 100,000",
    )
    assert text.startswith("Bar chart of Alcohol-related mortality by 10 categories for England, 2023.")
    assert "Highest: Most deprived decile (IMD2019) (52.8 per 100,000); lowest: Least deprived decile" in text
    assert text.endswith("England overall: 40.7 per 100,000.")


def test_spine(blackpool_spine):
    text = alt_text("spine", blackpool_spine, indicator_name="", area_name="Blackpool")
    assert text.startswith(f"Spine chart of {len(blackpool_spine)} indicators for Blackpool")
    assert "Compared with England:" in text


def test_real_compare_bar_rows(nw_smoking):
    text = alt_text(
        "compare_bar",
        nw_smoking["frame"],
        indicator_name=nw_smoking["indicator"],
        area_name="Blackpool",
        period="2019/20",
        place="North West region",
        comparator_value=nw_smoking["england"],
        unit="%",
        columns={"label": "compared_to_england"},
    )
    blackpool = nw_smoking["frame"].set_index("area_name").at["Blackpool", "value"]
    assert (
        f"Blackpool: {blackpool:.1f}%, significantly worse than England ({nw_smoking['england']:.1f})."
        in text
    )
    assert f"for {len(nw_smoking['frame'])} areas in North West region, 2019/20." in text


def test_unknown_kind_and_empty_frame():
    with pytest.raises(ValueError, match="alt_text knows"):
        alt_text("pie", AREAS, indicator_name="X")
    assert (
        alt_text("compare_bar", AREAS.iloc[:0], indicator_name="X", period="2020")
        == "No data to show for X, 2020."
    )

"""services.overview_views: the table people read and the theme group's view object, from a small table."""
from __future__ import annotations

from analysis.overview import OverviewParams, benchmark_table
from geography import COUNTY_UA_TYPE, Area
from services.guidance import catalogue
from services.overview_views import display_table, group_view, significance_style
from tests.analysis.small_frames import AREA, PEERS, REGION, metadata, values

BLACKPOOL = Area(AREA, "Blackpool", COUNTY_UA_TYPE, "Counties & UAs", REGION, "North West", PEERS)


def table():
    return benchmark_table(values(), metadata(), OverviewParams(AREA, "england", REGION, PEERS))


def test_display_table_has_readable_columns_and_links():
    shown = display_table(table(), AREA, "England", catalogue())
    assert list(shown.columns)[:3] == ["Indicator", "Compared with England", "Period"]
    assert shown["95% CI"].tolist() == ["62.0 – 66.0"]
    assert shown["Explore"].tolist() == [f"/explorer?area={AREA}&indicator=1"]


def test_group_view_carries_table_spine_and_guidance():
    group = {"id": "healthy-places", "label": "Healthy places", "description": "d", "rows": table(),
             "resources": []}
    view = group_view(group, BLACKPOOL, "England", catalogue(), "2025-03-05")
    assert view.count == 1 and view.compared_column == "Compared with England"
    assert view.table_info.title == "Healthy places: indicators for Blackpool"
    assert view.spine is not None and view.spine.key == "spine_healthy-places"
    assert "5 March 2025" in view.spine.info.source_line


def test_significance_style_has_readable_text():
    assert significance_style("Worse").startswith("background-color: #")

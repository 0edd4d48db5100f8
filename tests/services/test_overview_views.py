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


def test_display_table_says_who_compared_and_who_made_the_ci():
    shown = display_table(table(), AREA, "England", catalogue())
    assert shown["CI by"].tolist() == ["Fingertips"]
    assert shown["Comparison by"].tolist() == ["computed here: 95% confidence interval overlapping the comparator's value"]


def test_group_view_draws_the_tartan_rug_with_its_downloads():
    from analysis.tartan import rug_rows
    from geography import ENGLAND

    cells = rug_rows(table(), values(), metadata(), [(AREA, "Blackpool"), (REGION, "North West"), (ENGLAND, "England")])
    group = {"id": "healthy-places", "label": "Healthy places", "description": "d", "rows": table(), "resources": []}
    view = group_view(group, BLACKPOOL, "England", catalogue(), "2025-03-05", cells)
    assert view.rug is not None and view.rug.key == "rug_healthy-places"
    assert view.rug.figure.layout.meta["chart"] == "tartan_rug"
    assert list(view.rug.info.table.columns) == ["indicator_name", "Blackpool", "North West", "England"]
    assert "worse than England on 1" in view.rug.info.alt_text
    assert view.methods_note.startswith("How each row was compared: Computed here: 95% confidence interval")
    assert group_view(group, BLACKPOOL, "England", catalogue(), "2025-03-05").rug is None


def test_worsening_view_is_a_table_to_export():
    from services.overview_views import worsening_view

    rows = table().assign(recent_trend="Increasing and getting worse")
    view = worsening_view(rows, BLACKPOOL, "England", catalogue(), "2025-03-05")
    assert view.key == "worsening"
    assert list(view.table.columns) == ["Indicator", "Period", "Value", "Compared with England", "Recent trend",
                                        "Explore"]
    assert view.info.title == "Blackpool: worse than England and getting worse"
    assert "Explore" not in view.info.table.columns
    assert worsening_view(rows.iloc[0:0], BLACKPOOL, "England", catalogue(), "") is None

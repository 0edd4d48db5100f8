"""services.explorer_views and services.inequality_views build Panels from small frames (no sample store)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import explorer as ax
from geography import COUNTY_UA_TYPE, ENGLAND, Area
from services import explorer_views as ev
from services import overview
from services.inequality_views import inequalities_panel
from services.views import ChartView, Note
from tests.analysis.small_frames import AREA, PEERS, REGION, metadata, row, values

BLACKPOOL = Area(AREA, "Blackpool", COUNTY_UA_TYPE, "Counties & UAs", REGION, "North West", PEERS)


def context(frame: pd.DataFrame | None = None, comparator: str = "england", meta: dict | None = None) -> ev.Context:
    frame = values() if frame is None else frame
    meta = meta if meta is not None else {**metadata().iloc[0].to_dict(), "definition": "Share of adults."}
    return ev.Context(area=BLACKPOOL, indicator_id=1, meta=meta, rows=frame, series=ax.series(frame, None, None),
                      comparator=comparator, themes=["Healthy places"])


def test_period_options_newest_first_with_the_areas_latest():
    periods, latest = ev.period_options(context())
    assert periods[0] == "2022" and latest == "2022"


def test_compare_panel_has_one_chart_with_table_and_words():
    panel = ev.compare_panel(context(), "england", "value", "2022")
    (chart,) = panel.charts
    assert chart.key == "compare_1" and chart.info.title == "Indicator 1"
    assert set(chart.info.table["area_code"]) == set(PEERS)
    assert chart.info.subtitle == "All Counties & UAs, 2022, compared with England"
    assert "Source: OHID Fingertips" in chart.info.source_line


def test_compare_panel_without_period_is_an_empty_state():
    panel = ev.compare_panel(context(), "england", "value", None)
    assert panel.blocks == (Note("empty", "No values of Indicator 1 are held."),)


def test_neighbours_are_looked_up_once_per_run(monkeypatch):
    calls = []

    def fake(code, type_id):
        calls.append(code)
        return PEERS[1:3], "CIPFA nearest neighbours", None

    monkeypatch.setattr(overview, "neighbours", fake)
    ctx = context(comparator="neighbours")
    value, label = ctx.comparator_value("2022")
    panel = ev.compare_panel(ctx, "neighbours", "name", "2022")
    assert calls == [AREA]
    assert label == "mean of CIPFA nearest neighbours" and value == pytest.approx((48.0 + 50.2) / 2)
    assert set(panel.charts[0].info.table["area_code"]) == {AREA, *PEERS[1:3]}


def test_trend_panel_says_the_trend_then_draws():
    panel = ev.trend_panel(context())
    assert panel.blocks[0].kind == "markdown" and panel.blocks[0].text.startswith("Recent trend")
    assert isinstance(panel.blocks[-1], ChartView) and panel.blocks[-1].key == "trend_1"


def test_trend_panel_for_an_area_without_values():
    frame = values()
    frame = frame[frame["area_code"] != AREA]
    assert ev.trend_panel(context(frame)).texts() == ["Blackpool has no values of Indicator 1."]


def test_distribution_and_definitions_panels():
    (chart,) = ev.distribution_panel(context()).charts
    assert list(chart.info.table.columns) == ["time_period", "count", "min", "25%", "50%", "75%", "max"]
    texts = ev.definitions_panel(context()).texts()
    assert "**Definition**  \nShare of adults\\." in texts
    assert "Fingertips indicator ID: **1**" in texts


def test_inequalities_panel_with_and_without_breakdowns():
    assert ev.Panel is not None
    empty = inequalities_panel(context())
    assert empty.texts() == ["No inequality breakdown of Indicator 1 is held for Blackpool or England."]
    frame = pd.concat([values(), pd.DataFrame([row(AREA, 70.0, sex="Male"), row(AREA, 58.0, sex="Female"),
                                               row(ENGLAND, 50.0, sex="Male")])])
    panel = inequalities_panel(context(frame))
    assert "By sex" in panel.texts() and len(panel.charts) == 1


def test_compare_panel_draws_cis_computed_here_with_the_unit_and_england_not_compared():
    from analysis.ci_fill import fill_cis

    frame = pd.DataFrame([row(code, 10.0) for code in PEERS] + [row(ENGLAND, 8.0, count=8000.0, denominator=100000.0)])
    meta = {**metadata().iloc[0].to_dict(), "ci_method": "Wilson Score method", "unit": None}
    ctx = context(fill_cis(frame, metadata().assign(ci_method="Wilson Score method")), meta=meta)
    area = Area(AREA, "Blackpool", COUNTY_UA_TYPE, "Counties & UAs", REGION, "North West", (*PEERS, ENGLAND))
    ctx = ev.Context(area=area, indicator_id=1, meta=meta, rows=ctx.rows, series=ctx.series, comparator="england")
    (chart,) = ev.compare_panel(ctx, "england", "value", "2022").charts
    bars = [t for t in chart.figure.data if t.type == "bar" and t.error_x.array is not None]
    assert bars and chart.figure.layout.xaxis.title.text == "%"  # a proportion with no unit: per cent
    table = chart.info.table.set_index("area_code")
    assert set(table["ci_source"]) == {"computed here"} and set(table["ci_method_used"]) == {"Wilson score"}
    assert table.loc[ENGLAND, "significance"] == "Not compared"
    assert table.loc[AREA, "significance"] == "Similar"  # 8% lies inside Blackpool's 5.5%-17.4%

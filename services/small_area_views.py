"""The Small areas page's view: a map of the authority's MSOAs, their ranking with the authority and England as
lines, the table, the finding and the guidance, built once as frozen objects for components to draw."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import small_areas as sa
from analysis.explorer import latest_common_period, value_at
from charts import theme
from charts.choropleth import choropleth
from charts.compare_bar import compare_bar
from charts.presentation import Presentation
from geography import ENGLAND, MSOA_TYPE, Area
from guidance.models import Resource
from services import data, explorer, overview, small_areas
from services.guidance import catalogue
from services.text import md
from services.views import ChartInfo, ChartView, Note

TABLE = {"area_code": "msoa_code", "area_name": "msoa_name", "value": "value", "lower_ci_95": "lower_ci_95",
         "upper_ci_95": "upper_ci_95", "significance": "comparison_with_england", "fifth": "fifth_within_area",
         "time_period": "period", "code_vintage": "code_vintage"}


@dataclass(frozen=True)
class SmallAreaView:
    """Everything the page draws for one authority, indicator and sex."""

    indicator_name: str
    period: str
    finding: str
    notes: tuple[Note, ...]
    map: ChartView | None
    ranking: ChartView
    table: pd.DataFrame
    table_info: ChartInfo
    resources: tuple[Resource, ...]


def _info(title: str, subtitle: str, alt: str, table: pd.DataFrame, indicator_id: int, finding: str = "",
          with_boundaries: bool = False) -> ChartInfo:
    themes = [t.label for t in catalogue().themes_for_indicator(indicator_id)]
    return ChartInfo(title=title, subtitle=subtitle, alt_text=alt, table=table, finding=finding,
                     data_as_of=data.data_as_of() or "", with_boundaries=with_boundaries, themes=themes,
                     indicator_ids=[indicator_id])


def table_of(frame: pd.DataFrame) -> pd.DataFrame:
    """MSOA code, name, value, comparison, fifth and period (CIs only where the data have them)."""
    shown = frame.reindex(columns=list(TABLE)).rename(columns=TABLE)
    for ci in ("lower_ci_95", "upper_ci_95"):
        if shown[ci].isna().all():
            shown = shown.drop(columns=ci)
    return shown.round(2)


def resources_for(indicator_id: int) -> tuple[Resource, ...]:
    """The resources naming the indicator, then those of the indicator's themes (each once)."""
    cat = catalogue()
    found = list(cat.resources_for_indicator(indicator_id))
    for t in cat.themes_for_indicator(indicator_id):
        found += cat.resources_for_theme(t.id)
    return tuple({r.id: r for r in found}.values())


def view(area: Area, indicator_id: int, sex: str | None) -> SmallAreaView | None:
    """The page for the authority, or None when it holds no MSOA value of the indicator (built once per store
    version: the figures are shared, not copied, as pages only draw them)."""
    return _view(*data._key(), area.code, int(indicator_id), sex)


@data.cached
def _view(path: str, version, area_code: str, indicator_id: int, sex: str | None) -> SmallAreaView | None:
    return build(overview.area_context(area_code), indicator_id, sex)


def build(area: Area, indicator_id: int, sex: str | None) -> SmallAreaView | None:
    frame = small_areas.chosen_series(area.code, indicator_id, sex)
    msoa_rows = frame[(frame["area_type_id"] == MSOA_TYPE) & frame["value"].notna()] if len(frame) else frame
    if msoa_rows.empty:
        return None
    period = latest_common_period(msoa_rows, msoa_rows["area_code"].iloc[0]) or ""
    at_period = msoa_rows[msoa_rows["time_period"] == period]
    meta = explorer.definition(indicator_id)
    name = meta.get("indicator_name") or str(at_period["indicator_name"].iloc[0])
    unit = meta.get("unit") or ""
    england, how = sa.england_reference(value_at(frame, ENGLAND, period), meta, name)
    ranked = sa.ranked(at_period, england, meta)
    la_value = value_at(frame, area.code, period)
    label = f"{name}{f' ({sex})' if sex and sex != 'Persons' else ''}"
    finding = sa.finding(ranked, la_name=area.name, indicator=label, unit=unit, period=period)
    notes = list(_reference_notes(area, how, la_value))
    map_view, map_notes = _map(area, ranked, indicator_id, label, period, unit, finding)
    notes += map_notes
    table = table_of(ranked)
    info = _info(f"{label}: MSOAs of {area.name}", period, f"Table of {len(table)} MSOAs of {area.name}.", table,
                 indicator_id)
    return SmallAreaView(label, period, finding, tuple(notes), map_view,
                         _ranking(area, ranked, indicator_id, label, period, unit, england, la_value, finding),
                         table, info, resources_for(indicator_id))


def _reference_notes(area: Area, how: str, la_value: float | None):
    if how == "ratio":
        yield Note("caption", "England's value is 100: the indicator is a standardised ratio, 100 for England by "
                              "construction.")
    elif how == "missing":
        yield Note("caption", "England's value of this indicator is not held, so it is not drawn.")
    if la_value is None:
        yield Note("caption", f"{md(area.name)}'s own value for this period is not held, so it is not drawn.")


def _ranking(area: Area, ranked: pd.DataFrame, indicator_id: int, label: str, period: str, unit: str,
             england: float | None, la_value: float | None, finding: str) -> ChartView:
    fig = compare_bar(ranked, england_value=england, region_value=la_value, region_name=area.name,
                      sort_by="value", presentation=Presentation(comparator="England", value_title=unit or "Value",
                                                                 category_title="MSOA"))
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    alt = (f"Bar chart of {label} in {len(ranked)} MSOAs of {area.name}, {period}, highest first: from "
           f"{top['value']:,.1f} in {top['area_name']} to {bottom['value']:,.1f} in {bottom['area_name']}"
           + (f"; {area.name} {la_value:,.1f}" if la_value is not None else "")
           + (f"; England {england:,.1f}" if england is not None else "") + ".")
    info = _info(f"{label}: MSOAs of {area.name} ranked", f"{period}, with {area.name} and England", alt,
                 table_of(ranked), indicator_id, finding=finding)
    return ChartView(fig, info, f"small_rank_{indicator_id}")


def _vintage(ranked: pd.DataFrame) -> str:
    held = ranked["code_vintage"].dropna().astype(str)
    return held.mode().iloc[0] if len(held) else "2011"


def _map(area: Area, ranked: pd.DataFrame, indicator_id: int, label: str, period: str,
         unit: str, finding: str = "") -> tuple[ChartView | None, list[Note]]:
    vintage = _vintage(ranked)
    sets, problem = small_areas.boundaries_for(area.code, vintage)
    if not sets:
        return None, [Note("warning", problem or f"No MSOA boundaries are held for {md(area.name)}: import them on "
                                                 "the Data & sources page.")]
    notes: list[Note] = []
    used = vintage if vintage in sets else sorted(sets)[-1]
    geojson, key = sets[used]
    if used != vintage:
        notes.append(Note("warning", f"These values are on {vintage} MSOA codes, but only {used} MSOA boundaries are "
                                     f"held for {md(area.name)}: MSOAs whose code is the same in both sets are drawn "
                                     f"on the {used} outlines. Import the {vintage} MSOA boundaries on the Data & "
                                     "sources page to map every MSOA as the data define it."))
    codes = {str((f.get("properties") or {}).get(key)) for f in geojson["features"]}
    inside, outside = sa.drawable(ranked, codes)
    if len(outside):
        notes.append(Note("warning", f"{len(outside)} MSOA{'s' if len(outside) > 1 else ''} cannot be drawn (no "
                                     f"{used} boundary has {'their codes' if len(outside) > 1 else 'its code'}): "
                                     + md(", ".join(f"{n} ({c})" for c, n in zip(outside["area_code"],
                                                                                 outside["area_name"])))
                                     + ". They are still in the ranking and the table."))
    if inside.empty:
        return None, notes
    return _map_chart(area, inside, geojson, key, indicator_id, label, period, unit, finding), notes


def _map_chart(area: Area, inside: pd.DataFrame, geojson: dict, key: str, indicator_id: int, label: str,
               period: str, unit: str, finding: str = "") -> ChartView:
    by_england = sa.compared(inside)
    if by_england:
        legend, colours, word_col, comparator = "Compared with England (Fingertips)", theme.SIGNIFICANCE_COLOURS, \
            "significance", "England"
    else:
        legend, colours, word_col = f"Fifths of {area.name}'s MSOAs by value", theme.QUINTILE_COLOURS, "fifth"
        comparator = f"{area.name}'s MSOAs"
    fig = choropleth(inside, geojson, label_col=word_col, feature_code_key=key, by="significance", colours=colours,
                     legend_title=legend, presentation=Presentation(comparator=comparator,
                                                                    value_title=unit or "Value"))
    how = ("coloured by Fingertips' comparison with England" if by_england else
           f"coloured by fifths within {area.name} (no comparison with England is in the data)")
    alt = f"Map of the {len(inside)} MSOAs of {area.name}: {label}, {period}, {how}."
    info = _info(f"{label}: map of {area.name}'s MSOAs", f"{period}, {how}", alt, table_of(inside), indicator_id,
                 finding=finding, with_boundaries=True)
    return ChartView(fig, info, f"small_map_{indicator_id}")

"""The indicator explorer's views, built as frozen Panels for components/explorer_views.py to draw.

Each `*_panel` takes the explorer's Context (built once per run by `context`) and the user's choices.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from analysis import explorer as ax
from analysis.methods import method_for_metadata
from analysis.tidy import sortable_period
from analysis.trends import CANNOT_CALCULATE, TrendParams, recent_trend
from charts.alt_text import alt_text
from charts.choropleth import choropleth
from charts.compare_bar import compare_bar
from charts.distribution_box import distribution_box
from charts.presentation import Presentation
from charts.trend_line import trend_line
from connectors.boundaries import DATASETS
from geography import COUNTY_UA_TYPE, ENGLAND, Area
from services import data, explorer, overview
from services.guidance import catalogue
from services.text import link, md
from services.views import ChartInfo, ChartView, Note, Panel

TABLE = ["area_code", "area_name", "time_period", "value", "lower_ci_95", "upper_ci_95", "ci_source", "ci_method_used",
         "count", "denominator", "significance", "significance_source", "value_note"]
VIEWS = {"compare": "Compare areas", "trend": "Trend", "map": "Map", "distribution": "Distribution",
         "inequalities": "Inequalities", "definitions": "Definitions"}
MAP_COLOURS = {"value": "Value", "significance": "Comparison with England"}


@dataclass(frozen=True)
class Context:
    area: Area
    indicator_id: int
    meta: dict
    rows: pd.DataFrame  # every row of the indicator
    series: pd.DataFrame  # headline rows of the chosen sex and age, all areas and periods
    comparator: str
    themes: list[str] = field(default_factory=list)
    sex: str | None = None
    age: str | None = None
    known_neighbours: tuple[tuple[str, ...], str | None, str | None] | None = None  # looked up before a cached build

    @property
    def name(self) -> str:
        return self.meta.get("indicator_name") or f"Indicator {self.indicator_id}"

    @property
    def unit(self) -> str:
        return value_unit(self.meta)

    @property
    def value_title(self) -> str:
        """The value axis' title: the indicator's unit ("%", "per 100,000"), else its value type."""
        return value_title(self.meta)

    def comparator_code(self, label: str) -> str | None:
        """The code of the area compared with: England, the region, or None for the neighbours' mean."""
        if label == "England":
            return ENGLAND
        if self.comparator == "region" and self.area.region_code:
            return self.area.region_code
        return None

    @cached_property
    def neighbours(self) -> tuple[tuple[str, ...], str | None, str | None]:
        """(codes, model, problem), looked up once per run however many views ask."""
        if self.known_neighbours is not None:
            return self.known_neighbours
        return overview.neighbours(self.area.code, self.area.type_id)

    def uses_neighbours(self, compare_set: str | None = None) -> bool:
        """Whether a view compares with the nearest neighbours (as comparator, or as the areas it shows)."""
        return self.comparator == "neighbours" or compare_set == "neighbours"

    def comparator_value(self, period: str) -> tuple[float | None, str]:
        """The comparator's value at a period and its label ('England', the region, or the neighbours)."""
        if self.comparator == "region" and self.area.region_code:
            return ax.value_at(self.series, self.area.region_code, period), self.area.region_name or "Region"
        if self.comparator == "neighbours":
            codes, model, _ = self.neighbours
            vals = self.series[self.series["area_code"].isin(codes) & (self.series["time_period"] == period)]["value"]
            if codes and vals.notna().any():
                return float(vals.mean()), f"mean of {model}"
        return ax.value_at(self.series, ENGLAND, period), "England"

    def info(self, title: str, subtitle: str, alt: str, table: pd.DataFrame, finding: str = "",
             with_boundaries: bool = False) -> ChartInfo:
        return ChartInfo(title=title, subtitle=subtitle, alt_text=alt, table=table, finding=finding,
                         data_as_of=data.data_as_of() or "", with_boundaries=with_boundaries, themes=self.themes,
                         indicator_ids=[self.indicator_id], definitions=_definition_frame(self.meta))


def value_unit(meta: dict) -> str:
    """An indicator's unit (metadata `unit`: "%", "per 100,000"); "%" for a proportion whose definition
    gives none (Fingertips writes proportions as percentages); else ""."""
    unit, kind = meta.get("unit"), meta.get("value_type")
    if isinstance(unit, str) and unit.strip():
        return unit.strip()
    is_proportion = isinstance(kind, str) and kind.strip().lower() == "proportion"
    return "%" if is_proportion else ""


def value_title(meta: dict) -> str:
    """An indicator's value axis title: its unit, else its value type ("Rate", "Score"), else "Value"."""
    kind = meta.get("value_type")
    fallback = kind.strip()[:1].upper() + kind.strip()[1:] if isinstance(kind, str) and kind.strip() else "Value"
    return value_unit(meta) or fallback


def context(area: Area, indicator_id: int, sex: str | None, age: str | None, comparator: str,
            known_neighbours: tuple[tuple[str, ...], str | None, str | None] | None = None) -> Context:
    rows = explorer.rows(indicator_id)
    return Context(area=area, indicator_id=indicator_id, meta=explorer.definition(indicator_id), rows=rows,
                   series=explorer.series(indicator_id, sex, age), comparator=comparator,
                   themes=[t.label for t in catalogue().themes_for_indicator(indicator_id)], sex=sex, age=age,
                   known_neighbours=known_neighbours)


def _definition_frame(meta: dict) -> pd.DataFrame:
    return pd.DataFrame([{k: v for k, v in meta.items() if k != "has_values"}]) if meta else pd.DataFrame()


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reindex(columns=[c for c in TABLE if c in frame.columns]).round(2)


def period_options(ctx: Context) -> tuple[list[str], str | None]:
    """(periods newest first, the default: the area's latest period with a value)."""
    frame = ctx.series
    periods = list(dict.fromkeys(frame.assign(_o=sortable_period(frame)).sort_values("_o")["time_period"]))
    latest = ax.latest_common_period(frame, ctx.area.code)
    return (periods[::-1], latest) if periods and latest is not None else ([], None)


def compare_sets(ctx: Context) -> dict[str, str]:
    sets = {"region": f"Areas in {ctx.area.region_name}" if ctx.area.region_name else None,
            "neighbours": "Nearest neighbours", "england": f"All {ctx.area.type_name}"}
    return {k: v for k, v in sets.items() if v}


def _compare_codes(ctx: Context, which: str) -> tuple[list[str], str | None]:
    if which == "region":
        areas = data.areas()
        codes = list(areas.loc[(areas["region_code"] == ctx.area.region_code) &
                               (areas["area_type_id"] == ctx.area.type_id), "area_code"])
        return codes, None
    if which == "neighbours":
        codes, _, problem = ctx.neighbours
        return list(codes), problem
    return list(ctx.area.peers), None


def compare_panel(ctx: Context, which: str, sort: str, period: str | None) -> Panel:
    if period is None:
        return Panel.empty(f"No values of {ctx.name} are held.")
    codes, problem = _compare_codes(ctx, which)
    notes = (Note("info", problem),) if problem else ()
    codes = list(dict.fromkeys([ctx.area.code, *codes]))
    value, label = ctx.comparator_value(period)
    frame = ax.compare_frame(ctx.series, codes, period, value, ctx.meta, label == "England", ctx.comparator_code(label))
    if frame.empty:
        return Panel((*notes, Note("empty", f"No area in this selection has a value for {period}.")))
    fig = compare_bar(frame, england_value=ax.value_at(ctx.series, ENGLAND, period),
                      region_value=ax.value_at(ctx.series, ctx.area.region_code, period),
                      region_name=ctx.area.region_name or "Region", sort_by=sort,
                      presentation=Presentation(highlight=ctx.area.code, comparator=label,
                                                value_title=ctx.value_title, unit=ctx.unit))
    place = compare_sets(ctx)[which]
    alt = alt_text("compare_bar", frame, indicator_name=ctx.name, area_name=ctx.area.name, period=period,
                   place=place, comparator=label, comparator_value=value)
    info = ctx.info(ctx.name, f"{place}, {period}, compared with {label}", alt, _table(frame),
                    finding=alt.split(". ", 1)[-1])
    return Panel((*notes, ChartView(fig, info, f"compare_{ctx.indicator_id}")))


def _trend_sentence(frame: pd.DataFrame, meta: dict) -> str:
    given = frame["recent_trend"].dropna()
    if len(given) and given.iloc[-1]:
        return f"Recent trend (Fingertips): {given.iloc[-1]}."
    params = TrendParams(value_type=meta.get("value_type"),
                         comparator_method=method_for_metadata(meta.get("benchmark_method")).method)
    computed = recent_trend(frame, meta.get("polarity"), params)
    if computed != CANNOT_CALCULATE:
        return (f"Recent trend: {computed} (computed here with Fingertips' method over the last five points, "
                "as Fingertips gives none).")
    return ("Recent trend: cannot be calculated (Fingertips' rules: five points each with a value, count and "
            "denominator, single-year periods, a proportion or rate).")


def trend_panel(ctx: Context) -> Panel:
    code = ctx.area.code
    if ctx.series.loc[ctx.series["area_code"] == code, "value"].notna().sum() == 0:
        return Panel.empty(f"{ctx.area.name} has no values of {ctx.name}.")
    england = ctx.series[ctx.series["area_code"] == ENGLAND]
    region = ctx.series[ctx.series["area_code"] == ctx.area.region_code] if ctx.area.region_code else None
    reference = england if ctx.comparator != "region" or region is None or region.empty else region
    frame = ax.trend_frame(ctx.series, code, reference, ctx.meta, reference is england,
                           ENGLAND if reference is england else ctx.area.region_code)
    periods = list(frame["time_period"])
    breaks = ax.boundary_breaks(periods, code)
    fig = trend_line(frame, england=england if code != ENGLAND else None,
                     region=region if region is not None and len(region) else None,
                     region_name=ctx.area.region_name or "Region", breaks=breaks,
                     presentation=Presentation(value_title=ctx.value_title, unit=ctx.unit))
    trend = _trend_sentence(frame, ctx.meta)
    blocks: list = [Note("markdown", md(trend))]
    notes = frame.dropna(subset=["value_note"])
    if len(notes):
        blocks.append(Note("caption", "Value notes: " + "; ".join(
            md(f"{p}: {n}") for p, n in zip(notes["time_period"], notes["value_note"]))))
    if breaks:
        blocks.append(Note("caption", f"Boundary change: {md(ctx.area.name)}'s area changed before "
                                      f"{', '.join(breaks)}; values either side of the dashed line may not be "
                                      "comparable."))
    alt = alt_text("trend_line", frame, indicator_name=ctx.name, area_name=ctx.area.name, comparator="England")
    info = ctx.info(f"{ctx.name}: trend", f"{ctx.area.name}, {periods[0]} to {periods[-1]}", alt, _table(frame),
                    finding=trend)
    return Panel((*blocks, ChartView(fig, info, f"trend_{ctx.indicator_id}")))


def _map_type(ctx: Context) -> int:
    return ctx.area.type_id if ctx.area.type_id in DATASETS else COUNTY_UA_TYPE


def map_problem(ctx: Context) -> str | None:
    """Why no map can be drawn (boundaries neither held nor downloadable), else None."""
    return explorer.boundaries(_map_type(ctx))[1]


def map_panel(ctx: Context, by: str, period: str | None) -> Panel:
    geojson, problem = explorer.boundaries(_map_type(ctx))
    if problem or geojson is None:
        return Panel((Note("warning", problem or "The map cannot be drawn."),))
    if period is None:
        return Panel.empty(f"No values of {ctx.name} are held.")
    value, label = ctx.comparator_value(period)
    key = explorer.boundary_key(_map_type(ctx))
    frame = ax.compare_frame(ctx.series, list(ctx.area.peers), period, value, ctx.meta, label == "England",
                             ctx.comparator_code(label))
    inside, outside = ax.map_frame(frame, geojson, key)
    blocks: list = []
    if len(outside):
        blocks.append(Note("info", "Not on the map (codes not in the current boundaries, e.g. areas abolished or "
                                   "re-coded in 2019, 2021 or 2023): " + md(", ".join(
                                       f"{n} ({c})" for c, n in zip(outside["area_code"], outside["area_name"])))))
    if inside.empty:
        return Panel((*blocks, Note("empty", f"No area has a value for {period} that can be mapped.")))
    fig = choropleth(inside, geojson, feature_code_key=key, by=by,
                     presentation=Presentation(highlight=ctx.area.code, comparator=label,
                                               value_title=ctx.value_title, unit=ctx.unit))
    alt = alt_text("choropleth", inside, indicator_name=ctx.name, area_name=ctx.area.name, period=period,
                   comparator=label, comparator_value=value)
    info = ctx.info(f"{ctx.name}: map", f"{ctx.area.type_name}, {period}", alt, _table(inside),
                    with_boundaries=True)
    return Panel((*blocks, ChartView(fig, info, f"map_{ctx.indicator_id}")))


def distribution_panel(ctx: Context) -> Panel:
    frame = ctx.series[ctx.series["area_code"].isin(ctx.area.peers) & ctx.series["value"].notna()]
    if frame.empty:
        return Panel.empty(f"No values of {ctx.name} are held for {ctx.area.type_name}.")
    mine = ctx.series[ctx.series["area_code"] == ctx.area.code]
    fig = distribution_box(frame, area_rows=mine, presentation=Presentation(highlight=ctx.area.code,
                                                                            value_title=ctx.value_title, unit=ctx.unit))
    alt = alt_text("distribution_box", frame, indicator_name=ctx.name, area_name=ctx.area.name)
    summary = frame.groupby("time_period", sort=False)["value"].describe()[
        ["count", "min", "25%", "50%", "75%", "max"]].reset_index().round(2)
    info = ctx.info(f"{ctx.name}: spread across areas", ctx.area.type_name, alt, summary)
    return Panel((ChartView(fig, info, f"dist_{ctx.indicator_id}"),))


DEFINITION_LABELS = {
    "definition": "Definition", "rationale": "Rationale", "data_source": "Source", "methodology": "Method",
    "ci_method": "Confidence interval method", "polarity": "Polarity", "benchmark_method": "Benchmarking method",
    "unit": "Unit", "value_type": "Value type", "year_type": "Year type", "frequency": "Frequency"}


def definitions_panel(ctx: Context) -> Panel:
    shown = [(label, ctx.meta.get(k)) for k, label in DEFINITION_LABELS.items() if ctx.meta.get(k)]
    blocks: list = [] if shown else [Note("empty", "No definition is held for this indicator; download its "
                                                   "profile to get one.")]
    blocks += [Note("markdown", f"**{label}**  \n{md(text)}") for label, text in shown]
    blocks.append(Note("markdown", f"Fingertips indicator ID: **{ctx.indicator_id}**"))
    blocks.append(Note("header", "Guidance linked to this indicator"))
    resources = catalogue().resources_for_indicator(ctx.indicator_id)
    if not resources:
        blocks.append(Note("empty", "No resource of the Health equity collection names this indicator."))
    blocks += [Note("markdown", f"- {link(r.title, r.url)} — {md(r.description)}") for r in resources]
    return Panel(tuple(blocks))

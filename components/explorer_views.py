"""The explorer's views. Each takes a Context and draws one chart (with table and exports) or text."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from analysis import explorer as ax
from analysis.tidy import sortable_period
from analysis.trends import CANNOT_CALCULATE, TrendParams, recent_trend
from charts.alt_text import alt_text
from charts.choropleth import choropleth
from charts.compare_bar import compare_bar
from charts.distribution_box import distribution_box
from charts.presentation import Presentation
from charts.trend_line import trend_line
from components import chart_block
from components.feedback import empty, show_outcome
from components.text import link, md
from connectors.boundaries import DATASETS
from errors import HEPError
from services import data, explorer, overview
from services.guidance import catalogue

TABLE = ["area_code", "area_name", "time_period", "value", "lower_ci_95", "upper_ci_95", "count", "denominator",
         "significance", "value_note"]


@dataclass
class Context:
    area: dict
    indicator_id: int
    meta: dict
    rows: pd.DataFrame  # every row of the indicator
    series: pd.DataFrame  # headline rows of the chosen sex and age, all areas and periods
    comparator: str
    themes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.meta.get("indicator_name") or f"Indicator {self.indicator_id}"

    @property
    def unit(self) -> str:
        return self.meta.get("unit") or ""

    def comparator_value(self, period: str) -> tuple[float | None, str]:
        """The comparator's value at a period and its label ('England', the region, or the neighbours)."""
        if self.comparator == "region" and self.area["region_code"]:
            return ax.value_at(self.series, self.area["region_code"], period), self.area["region_name"] or "Region"
        if self.comparator == "neighbours":
            codes, model, _ = overview.neighbours(self.area["code"], self.area["type_id"])
            vals = self.series[self.series["area_code"].isin(codes) & (self.series["time_period"] == period)]["value"]
            if codes and vals.notna().any():
                return float(vals.mean()), f"mean of {model}"
        return ax.value_at(self.series, ax.ENGLAND, period), "England"

    def info(self, title: str, subtitle: str, alt: str, table: pd.DataFrame, finding: str = "",
             with_boundaries: bool = False) -> chart_block.ChartInfo:
        return chart_block.ChartInfo(
            title=title, subtitle=subtitle, alt_text=alt, table=table, finding=finding,
            data_as_of=data.data_as_of() or "", with_boundaries=with_boundaries, themes=self.themes,
            indicator_ids=[self.indicator_id], definitions=_definition_frame(self.meta))


def _definition_frame(meta: dict) -> pd.DataFrame:
    return pd.DataFrame([{k: v for k, v in meta.items() if k != "has_values"}]) if meta else pd.DataFrame()


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reindex(columns=[c for c in TABLE if c in frame.columns]).round(2)


def _period_picker(ctx: Context, frame: pd.DataFrame, key: str) -> str | None:
    periods = list(dict.fromkeys(frame.assign(_o=sortable_period(frame)).sort_values("_o")["time_period"]))
    latest = ax.latest_common_period(frame, ctx.area["code"])
    if not periods or latest is None:
        return None
    return st.selectbox("Period", periods[::-1], index=periods[::-1].index(latest), key=key)


def compare_view(ctx: Context) -> None:
    same_type = ctx.area["peers"]
    sets = {"region": f"Areas in {ctx.area['region_name']}" if ctx.area["region_name"] else None,
            "neighbours": "Nearest neighbours", "england": f"All {ctx.area['type_name']}"}
    sets = {k: v for k, v in sets.items() if v}
    cols = st.columns([2, 1, 1])
    which = cols[0].radio("Areas to compare", list(sets), format_func=sets.__getitem__, horizontal=True,
                          key="compare_set")
    sort = cols[1].radio("Sort by", ["value", "name"], horizontal=True, key="compare_sort")
    with cols[2]:
        period = _period_picker(ctx, ctx.series, "compare_period")
    if period is None:
        empty(f"No values of {ctx.name} are held.")
        return
    areas = data.areas()
    if which == "region":
        codes = list(areas.loc[(areas["region_code"] == ctx.area["region_code"]) &
                               (areas["area_type_id"] == ctx.area["type_id"]), "area_code"])
    elif which == "neighbours":
        codes, model, problem = overview.neighbours(ctx.area["code"], ctx.area["type_id"])
        if problem:
            st.info(problem)
        codes = list(codes)
    else:
        codes = list(same_type)
    codes = list(dict.fromkeys([ctx.area["code"], *codes]))
    value, label = ctx.comparator_value(period)
    frame = ax.compare_frame(ctx.series, codes, period, value, ctx.meta, label == "England")
    if frame.empty:
        empty(f"No area in this selection has a value for {period}.")
        return
    region_value = ax.value_at(ctx.series, ctx.area["region_code"], period)
    fig = compare_bar(frame, england_value=ax.value_at(ctx.series, ax.ENGLAND, period),
                      region_value=region_value, region_name=ctx.area["region_name"] or "Region", sort_by=sort,
                      presentation=Presentation(highlight=ctx.area["code"], comparator=label,
                                                value_title=ctx.unit or "Value"))
    subtitle = f"{sets[which]}, {period}, compared with {label}"
    alt = alt_text("compare_bar", frame, indicator_name=ctx.name, area_name=ctx.area["name"], period=period,
                   place=sets[which], comparator=label, comparator_value=value)
    chart_block.show(fig, ctx.info(ctx.name, subtitle, alt, _table(frame), finding=alt.split(". ", 1)[-1]),
                     key=f"compare_{ctx.indicator_id}")


def trend_view(ctx: Context) -> None:
    area_code = ctx.area["code"]
    mine = ctx.series[ctx.series["area_code"] == area_code]
    if mine["value"].notna().sum() == 0:
        empty(f"{ctx.area['name']} has no values of {ctx.name}.")
        return
    england = ctx.series[ctx.series["area_code"] == ax.ENGLAND]
    region = ctx.series[ctx.series["area_code"] == ctx.area["region_code"]] if ctx.area["region_code"] else None
    reference = england if ctx.comparator != "region" or region is None or region.empty else region
    frame = ax.trend_frame(ctx.series, area_code, reference, ctx.meta, reference is england)
    periods = list(frame["time_period"])
    breaks = ax.boundary_breaks(periods, area_code)
    fig = trend_line(frame, england=england if area_code != ax.ENGLAND else None,
                     region=region if region is not None and len(region) else None,
                     region_name=ctx.area["region_name"] or "Region", breaks=breaks,
                     presentation=Presentation(value_title=ctx.unit or "Value"))
    given = frame["recent_trend"].dropna()
    if len(given) and given.iloc[-1]:
        trend = f"Recent trend (Fingertips): {given.iloc[-1]}."
    else:
        computed = recent_trend(frame, ctx.meta.get("polarity"), TrendParams(value_type=ctx.meta.get("value_type")))
        trend = (f"Recent trend: {computed} (computed here with Fingertips' method over the last five points, "
                 "as Fingertips gives none)." if computed != CANNOT_CALCULATE else
                 "Recent trend: cannot be calculated (fewer than five consecutive points with the data needed).")
    st.markdown(md(trend))
    notes = frame.dropna(subset=["value_note"])
    if len(notes):
        st.caption("Value notes: " + "; ".join(md(f"{p}: {n}") for p, n in zip(notes["time_period"], notes["value_note"])))
    if breaks:
        st.caption(f"Boundary change: {ctx.area['name']}'s area changed before {', '.join(breaks)}; values either "
                   "side of the dashed line may not be comparable.")
    alt = alt_text("trend_line", frame, indicator_name=ctx.name, area_name=ctx.area["name"],
                   comparator="England")
    chart_block.show(fig, ctx.info(f"{ctx.name}: trend", f"{ctx.area['name']}, {periods[0]} to {periods[-1]}",
                                   alt, _table(frame), finding=trend), key=f"trend_{ctx.indicator_id}")


def map_view(ctx: Context) -> None:
    type_id = ctx.area["type_id"] if ctx.area["type_id"] in DATASETS else 502
    geojson, problem = explorer.boundaries(type_id)
    if problem:
        st.warning(problem)
        return
    by = st.radio("Colour areas by", ["value", "significance"], horizontal=True, key="map_by",
                  format_func={"value": "Value", "significance": "Comparison with England"}.__getitem__)
    period = _period_picker(ctx, ctx.series, "map_period")
    if period is None:
        empty(f"No values of {ctx.name} are held.")
        return
    value, label = ctx.comparator_value(period)
    frame = ax.compare_frame(ctx.series, list(ctx.area["peers"]), period, value, ctx.meta, label == "England")
    inside, outside = ax.map_frame(frame, geojson, DATASETS[type_id][1])
    if len(outside):
        st.info("Not on the map (codes not in the current boundaries, e.g. areas abolished or re-coded in "
                "2019, 2021 or 2023): " + md(", ".join(f"{n} ({c})" for c, n in zip(outside["area_code"],
                                                                                    outside["area_name"]))))
    if inside.empty:
        empty(f"No area has a value for {period} that can be mapped.")
        return
    fig = choropleth(inside, geojson, feature_code_key=DATASETS[type_id][1], by=by,
                     presentation=Presentation(highlight=ctx.area["code"], comparator=label,
                                               value_title=ctx.unit or "Value"))
    alt = alt_text("choropleth", inside, indicator_name=ctx.name, area_name=ctx.area["name"], period=period,
                   comparator=label, comparator_value=value)
    chart_block.show(fig, ctx.info(f"{ctx.name}: map", f"{ctx.area['type_name']}, {period}", alt, _table(inside),
                                   with_boundaries=True), key=f"map_{ctx.indicator_id}")


def distribution_view(ctx: Context) -> None:
    frame = ctx.series[ctx.series["area_code"].isin(ctx.area["peers"]) & ctx.series["value"].notna()]
    if frame.empty:
        empty(f"No values of {ctx.name} are held for {ctx.area['type_name']}.")
        return
    mine = ctx.series[ctx.series["area_code"] == ctx.area["code"]]
    fig = distribution_box(frame, area_rows=mine, presentation=Presentation(highlight=ctx.area["code"],
                                                                            value_title=ctx.unit or "Value"))
    alt = alt_text("distribution_box", frame, indicator_name=ctx.name, area_name=ctx.area["name"])
    summary = frame.groupby("time_period", sort=False)["value"].describe()[["count", "min", "25%", "50%", "75%",
                                                                            "max"]].reset_index().round(2)
    chart_block.show(fig, ctx.info(f"{ctx.name}: spread across areas", ctx.area["type_name"], alt, summary),
                     key=f"dist_{ctx.indicator_id}")


def inequalities_view(ctx: Context) -> None:
    from components.inequality_view import show as show_inequalities
    show_inequalities(ctx)


def definitions_view(ctx: Context) -> None:
    labels = {"definition": "Definition", "rationale": "Rationale", "data_source": "Source",
              "methodology": "Method", "ci_method": "Confidence interval method", "polarity": "Polarity",
              "benchmark_method": "Benchmarking method", "unit": "Unit", "value_type": "Value type",
              "year_type": "Year type", "frequency": "Frequency"}
    shown = [(label, ctx.meta.get(k)) for k, label in labels.items() if ctx.meta.get(k)]
    if not shown:
        empty("No definition is held for this indicator; download its profile to get one.")
    for label, text in shown:
        st.markdown(f"**{label}**  \n{md(text)}")
    st.markdown(f"Fingertips indicator ID: **{ctx.indicator_id}**")
    resources = catalogue().resources_for_indicator(ctx.indicator_id)
    st.header("Guidance linked to this indicator")
    if not resources:
        empty("No resource of the Health equity collection names this indicator.")
    for r in resources:
        st.markdown(f"- {link(r.title, r.url)} — {md(r.description)}")


VIEW_FUNCTIONS = {"compare": compare_view, "trend": trend_view, "map": map_view,
                  "distribution": distribution_view, "inequalities": inequalities_view,
                  "definitions": definitions_view}


def offer_download(indicator_id: int) -> None:
    """An indicator asked for in the URL but not held: offer to download it by ID."""
    if show_outcome("explorer_download"):
        return
    st.warning(f"Indicator {indicator_id} is not in the local store.")
    st.button(f"Download indicator {indicator_id} from Fingertips", key="download_indicator",
              on_click=_download, args=(indicator_id,))


def _download(indicator_id: int) -> None:
    """Button callback (runs before the page, so a rerun cannot lose the click)."""
    try:
        added = explorer.download_indicator(indicator_id)
        st.session_state["explorer_download"] = f"Downloaded {added:,} rows of indicator {indicator_id}."
        st.query_params["indicator"] = str(indicator_id)
        st.session_state.pop("pick_indicator", None)
        st.session_state.pop("_url_seen_indicator", None)
    except HEPError as exc:
        st.session_state["explorer_download"] = exc

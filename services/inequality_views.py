"""The explorer's inequalities view: every breakdown the data holds, with SII and gap for deprivation."""
from __future__ import annotations

import pandas as pd

from analysis import explorer as ax
from analysis.benchmarking import label_significance
from analysis.inequalities import deprivation_order, slope_index
from charts.alt_text import alt_text
from charts.inequality_bar import inequality_bar
from charts.presentation import Presentation
from geography import ENGLAND
from services.explorer_views import Context
from services.text import md
from services.views import ChartView, Note, Panel

TABLE = ["category", "value", "lower_ci_95", "upper_ci_95", "ci_source", "ci_method_used", "count", "denominator",
         "significance"]


def _parts(ctx: Context) -> tuple[dict[str, pd.DataFrame], str, list[Note]]:
    """The breakdowns shown, whose they are (the area's, else England's) and a note when England's are used."""
    code = ctx.area.code
    parts, where, notes = ax.breakdowns(ctx.rows, code), ctx.area.name, []
    if not parts and code != ENGLAND:
        parts, where = ax.breakdowns(ctx.rows, ENGLAND), "England"
        if parts:
            notes.append(Note("info", f"{md(ctx.area.name)} has no breakdowns of this indicator; England's are "
                                      "shown."))
    for column in ("sex", "age"):
        split = ax.sex_age_breakdown(ctx.rows, code, column)
        if len(split):
            parts[f"By {column}"] = split
    return parts, where, notes


def inequalities_panel(ctx: Context) -> Panel:
    parts, where, blocks = _parts(ctx)
    if not parts:
        return Panel.empty(f"No inequality breakdown of {ctx.name} is held for {ctx.area.name} or England.")
    for n, (label, frame) in enumerate(parts.items()):
        blocks += _breakdown(ctx, n, label, frame, where)
    return Panel(tuple(blocks))


def _breakdown(ctx: Context, n: int, label: str, frame: pd.DataFrame, where: str) -> list:
    period = str(frame["time_period"].iloc[0])
    england = ax.value_at(ax.series(ctx.rows, None, None), ENGLAND, period)
    frame = frame.assign(comparator_value=england, polarity=ctx.meta.get("polarity"),
                         benchmark_method=ctx.meta.get("benchmark_method"))
    frame = frame.assign(significance=label_significance(frame))
    frame, fitted, note = _deprivation(frame, label)
    fig = inequality_bar(frame, england_value=england, fitted=fitted,
                         presentation=Presentation(category_title=label, value_title=ctx.value_title, unit=ctx.unit))
    alt = alt_text("inequality_bar", frame, indicator_name=ctx.name, area_name=where, period=period,
                   comparator="England", comparator_value=england)
    info = ctx.info(f"{ctx.name}: {label}", f"{where}, {period}", alt,
                    frame.reindex(columns=TABLE).round(2), finding=note)
    blocks: list = [Note("header", md(label))]
    if note:
        blocks.append(Note("markdown", note))
    return [*blocks, ChartView(fig, info, f"ineq_{ctx.indicator_id}_{n}")]


def _deprivation(frame: pd.DataFrame, label: str):
    """Order deprivation categories most to least deprived and compute SII and gap (else unchanged)."""
    if "depriv" not in label.lower():
        return frame, None, ""
    order = deprivation_order(frame["category"])
    frame = frame.assign(_order=order.values).sort_values("_order").drop(columns="_order")
    result = slope_index(frame)
    if result is None:
        return frame, None, "The slope index of inequality needs a value for every deprivation group."
    note = (f"**Slope index of inequality: {result.sii:,.1f}**; gap between the most and least deprived: "
            f"**{result.gap:,.1f}**. Method: {md(result.method)} Source: {md(result.source)}")
    return frame, result.fitted, note

"""The explorer's inequalities view: every breakdown the data holds, with SII and gap for deprivation."""
from __future__ import annotations

import streamlit as st

from analysis import explorer as ax
from analysis.benchmarking import label_significance
from charts.alt_text import alt_text
from charts.inequality_bar import inequality_bar
from charts.presentation import Presentation
from components import chart_block
from components.feedback import empty
from components.text import md


def show(ctx) -> None:
    area_code = ctx.area["code"]
    parts = ax.breakdowns(ctx.rows, area_code)
    where = ctx.area["name"]
    if not parts and area_code != ax.ENGLAND:
        parts = ax.breakdowns(ctx.rows, ax.ENGLAND)
        where = "England"
        if parts:
            st.info(f"{ctx.area['name']} has no breakdowns of this indicator; England's are shown.")
    for column in ("sex", "age"):
        split = ax.sex_age_breakdown(ctx.rows, area_code, column)
        if len(split):
            parts[f"By {column}"] = split
    if not parts:
        empty(f"No inequality breakdown of {ctx.name} is held for {ctx.area['name']} or England.")
        return
    for n, (label, frame) in enumerate(parts.items()):
        period = str(frame["time_period"].iloc[0])
        england = ax.value_at(ax.series(ctx.rows, None, None), ax.ENGLAND, period)
        frame = frame.assign(comparator_value=england, polarity=ctx.meta.get("polarity"),
                             benchmark_method=ctx.meta.get("benchmark_method"))
        frame = frame.assign(significance=label_significance(frame))
        frame, fitted, note = _deprivation(frame, label)
        st.header(md(label))
        if note:
            st.markdown(note)
        fig = inequality_bar(frame, england_value=england, fitted=fitted,
                             presentation=Presentation(category_title=label, value_title=ctx.unit or "Value"))
        alt = alt_text("inequality_bar", frame, indicator_name=ctx.name, area_name=where, period=period,
                       comparator="England", comparator_value=england)
        chart_block.show(fig, ctx.info(f"{ctx.name}: {label}", f"{where}, {period}", alt,
                                       frame.reindex(columns=["category", "value", "lower_ci_95", "upper_ci_95",
                                                              "count", "denominator", "significance"]).round(2),
                                       finding=note),
                         key=f"ineq_{ctx.indicator_id}_{n}")


def _deprivation(frame, label: str):
    """Order deprivation categories most to least deprived and compute SII and gap (else unchanged)."""
    if "depriv" not in label.lower():
        return frame, None, ""
    from analysis.inequalities import deprivation_order, slope_index
    order = deprivation_order(frame["category"])
    frame = frame.assign(_order=order.values).sort_values("_order").drop(columns="_order")
    result = slope_index(frame)
    if result is None:
        return frame, None, "The slope index of inequality needs a value for every deprivation group."
    note = (f"**Slope index of inequality: {result.sii:,.1f}**; gap between the most and least deprived: "
            f"**{result.gap:,.1f}**. Method: {md(result.method)} Source: {md(result.source)}")
    return frame, result.fitted, note

"""Inequalities: values by category (sex, age, deprivation decile, ethnic group) with CIs."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation


def inequality_bar(
    frame: pd.DataFrame,
    category_col: str = "category",
    value_col: str = "value",
    lower_col: str | None = "lower_ci_95",
    upper_col: str | None = "upper_ci_95",
    label_col: str | None = "significance",
    *,
    england_value: float | None = None,
    fitted: Sequence[float] | pd.Series | None = None,
    fitted_name: str = "Slope index of inequality (fitted line)",
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """Horizontal bars per category, top to bottom in the frame's order (e.g. most to least deprived),
    with 95% CI bars (horizontal so long labels such as ethnic groups stay readable).

    Bars are coloured by `label_col` (one trace per category word; "Not compared" grey when absent). The
    `england_value` is a vertical reference line in the legend, named by the presentation's comparator.
    `fitted`, one value per category in the same order (e.g. from an SII regression computed in
    analysis/), is drawn as a line. The y axis is titled by `presentation.category_title` ("Category").
    """
    p = presentation
    common.require_columns(frame, [category_col, value_col], "inequality_bar")
    data = common.tidy(frame, value_col, lower_col, upper_col, label_col, category=category_col)
    data["tick"] = [common.wrap(c, 30) for c in data["category"]]
    order = list(dict.fromkeys(data["tick"]))

    fig = go.Figure()
    for word, rows in common.categories(data):
        fig.add_trace(common.significance_bars(rows, "tick", word, p, names=rows["category"]))
    if fitted is not None:
        fig.add_trace(_fitted_line(data, list(fitted), fitted_name, p))
    common.value_line(fig, england_value, p.comparator, p, colour=theme.ENGLAND_LINE, dash="dash")
    fig.update_yaxes(
        title_text=p.axis_title("Category"),
        type="category",
        categoryorder="array",
        categoryarray=order,
        autorange="reversed",
    )
    fig.update_xaxes(title_text=p.value_title, rangemode="tozero")
    fig.update_layout(
        barmode="overlay",
        legend_title_text=f"Compared with {p.comparator}",
        height=max(350, 34 * len(order) + 200),
        meta=common.meta("inequality_bar", n_categories=len(order)),
    )
    return common.finish(fig, p)


def _fitted_line(data: pd.DataFrame, fitted: list[float], name: str, p: Presentation) -> go.Scatter:
    if len(fitted) != len(data):
        raise ValueError(f"inequality_bar fitted has {len(fitted)} values for {len(data)} categories")
    return go.Scatter(
        y=data["tick"].tolist(),
        x=fitted,
        mode="lines",
        name=name,
        line={"color": theme.FITTED_LINE, "width": 2},
        hovertext=[f"{name}<br>{common.fmt(v, p.decimals, p.unit)}" for v in fitted],
        hoverinfo="text",
    )

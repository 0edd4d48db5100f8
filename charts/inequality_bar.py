"""Inequalities: values by category (sex, age, deprivation decile, ethnic group) with CIs."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme


def inequality_bar(
    frame: pd.DataFrame,
    category_col: str = "category",
    value_col: str = "value",
    lower_col: str | None = "lower_ci_95",
    upper_col: str | None = "upper_ci_95",
    label_col: str | None = "significance",
    *,
    england_value: float | None = None,
    comparator: str = "England",
    fitted: Sequence[float] | pd.Series | None = None,
    fitted_name: str = "Slope index of inequality (fitted line)",
    category_title: str = "Category",
    value_title: str = "Value",
    unit: str = "",
    decimals: int = 1,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = theme.DEFAULT_SOURCE,
) -> go.Figure:
    """Horizontal bars per category, top to bottom in the frame's order (e.g. most to least deprived),
    with 95% CI bars (horizontal so long labels such as ethnic groups stay readable).

    Bars are coloured by `label_col` (one trace per category word; "Not compared" grey when absent). The
    `england_value` is a vertical reference line in the legend. `fitted`, one value per category in
    the same order (e.g. from an SII regression computed in analysis/), is drawn as a line.
    """
    common.require_columns(frame, [category_col, value_col], "inequality_bar")
    data = pd.DataFrame(
        {
            "category": frame[category_col].astype(str),
            "value": common.numbers(frame, value_col),
            "lower": common.numbers(frame, lower_col),
            "upper": common.numbers(frame, upper_col),
            "word": common.words(frame, label_col),
        }
    )
    data["tick"] = [common.wrap(c, 30) for c in data["category"]]
    order = list(dict.fromkeys(data["tick"]))

    fig = go.Figure()
    for word in common.present_categories(data["word"]):
        rows = data[data["word"] == word]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=rows["tick"].tolist(),
                x=rows["value"].tolist(),
                name=word,
                marker={"color": theme.SIGNIFICANCE_COLOURS.get(word, theme.NOT_COMPARED)},
                error_x=common.ci_error(rows["value"], rows["lower"], rows["upper"]),
                hovertext=[
                    common.hover(
                        r.category,
                        r.value,
                        r.lower,
                        r.upper,
                        word,
                        decimals=decimals,
                        unit=unit,
                        comparator=comparator,
                    )
                    for r in rows.itertuples()
                ],
                hoverinfo="text",
            )
        )
    if fitted is not None:
        fitted = list(fitted)
        if len(fitted) != len(data):
            raise ValueError(f"inequality_bar fitted has {len(fitted)} values for {len(data)} categories")
        fig.add_trace(
            go.Scatter(
                y=data["tick"].tolist(),
                x=fitted,
                mode="lines",
                name=fitted_name,
                line={"color": theme.FITTED_LINE, "width": 2},
                hovertext=[f"{fitted_name}<br>{common.fmt(v, decimals, unit)}" for v in fitted],
                hoverinfo="text",
            )
        )
    if england_value is not None and not pd.isna(england_value):
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=england_value,
            x1=england_value,
            y0=0,
            y1=1,
            line={"color": theme.ENGLAND_LINE, "width": 2, "dash": "dash"},
            layer="above",
            showlegend=True,
            name=f"{comparator}: {common.fmt(england_value, decimals, unit)}",
        )
    fig.update_yaxes(
        title_text=category_title,
        type="category",
        categoryorder="array",
        categoryarray=order,
        autorange="reversed",
    )
    fig.update_xaxes(title_text=value_title, rangemode="tozero")
    fig.update_layout(
        barmode="overlay",
        legend_title_text=f"Compared with {comparator}",
        height=max(350, 34 * len(order) + 200),
        meta=common.meta("inequality_bar", n_categories=len(order)),
    )
    return theme.apply_theme(fig, title=title, subtitle=subtitle, source=source)

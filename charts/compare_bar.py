"""Compare areas: horizontal bars of one indicator for many areas, coloured by significance."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation


def compare_bar(
    frame: pd.DataFrame,
    code_col: str = "area_code",
    area_col: str = "area_name",
    value_col: str = "value",
    lower_col: str | None = "lower_ci_95",
    upper_col: str | None = "upper_ci_95",
    label_col: str | None = "significance",
    *,
    england_value: float | None = None,
    region_value: float | None = None,
    region_name: str = "Region",
    sort_by: Literal["value", "name"] = "value",
    descending: bool = True,
    show_values: bool = False,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """Bars of `value_col` per area with 95% CI error bars, coloured by the comparison label.

    One bar trace per significance word (so the legend names the categories); England (the
    presentation's comparator) and region values are vertical reference lines in the legend. The area
    whose code is `presentation.highlight` gets a bold outline (an outline-only bar trace named
    "<area name> (selected)"), a bold axis label and its value written inside the bar's end.
    `sort_by="value"` puts the largest value at the top (`descending=False` the smallest), `"name"` lists
    areas A to Z from the top. Missing CIs simply draw no error bar; `label_col=None` (or a missing
    column) treats every area as "Not compared".
    """
    p = presentation
    common.require_columns(frame, [area_col, value_col, code_col if p.highlight else None], "compare_bar")
    data = common.tidy(frame, value_col, lower_col, upper_col, label_col, code=code_col, area=area_col)
    if sort_by == "name":
        data = data.sort_values("area", key=lambda s: s.str.lower())
    else:
        data = data.sort_values("value", ascending=not descending, na_position="last")

    fig = go.Figure()
    for word, rows in common.categories(data):
        fig.add_trace(_bars(rows, word, p, show_values))
    chosen = common.chosen(data, p)
    selected = chosen["area"].iloc[0] if len(chosen) else None
    if selected is not None:
        fig.add_trace(common.outline_bar(chosen, "area", selected, p))
    common.value_line(fig, england_value, p.comparator, p, colour=theme.ENGLAND_LINE, dash="solid")
    common.value_line(fig, region_value, region_name, p, colour=theme.REGION_LINE, dash="dash")

    names = data["area"].tolist()
    fig.update_layout(
        barmode="overlay",
        height=max(400, 26 * len(names) + 200),
        legend={"title": {"text": f"Compared with {p.comparator}"}, "traceorder": "normal"},
        meta=common.meta("compare_bar", highlight=p.highlight, n_areas=len(names)),
    )
    _area_axis(fig, names, selected, p)
    fig.update_xaxes(title_text=p.value_title, rangemode="tozero")
    return common.finish(fig, p)


def _area_axis(fig: go.Figure, names: list[str], selected: str | None, p: Presentation) -> None:
    """Areas top to bottom in `names` order, the chosen area's name in bold."""
    fig.update_yaxes(
        title_text=p.axis_title("Area"),
        type="category",
        categoryorder="array",
        categoryarray=names,
        autorange="reversed",
        tickmode="array",
        tickvals=names,
        ticktext=[f"<b>{n}</b>" if n == selected else n for n in names],
    )


def _bars(rows: pd.DataFrame, word: str, p: Presentation, show_values: bool) -> go.Bar:
    colour = theme.significance_colour(word)
    return common.significance_bars(
        rows,
        "area",
        word,
        p,
        names=rows["area"],
        marker={"line": {"width": 0}},
        text=[common.fmt(v, p.decimals) for v in rows["value"]] if show_values else None,
        textposition="inside",
        insidetextanchor="end",
        textfont={"color": theme.text_colour_on(colour)},
    )

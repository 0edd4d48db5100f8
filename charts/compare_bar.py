"""Compare areas: horizontal bars of one indicator for many areas, coloured by significance."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme


def compare_bar(
    frame: pd.DataFrame,
    area_col: str = "area_name",
    value_col: str = "value",
    lower_col: str | None = "lower_ci_95",
    upper_col: str | None = "upper_ci_95",
    label_col: str | None = "significance",
    *,
    highlight: str | None = None,
    england_value: float | None = None,
    region_value: float | None = None,
    region_name: str = "Region",
    comparator: str = "England",
    sort_by: Literal["value", "name"] = "value",
    descending: bool = True,
    show_values: bool = False,
    value_title: str = "Value",
    unit: str = "",
    decimals: int = 1,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = theme.DEFAULT_SOURCE,
) -> go.Figure:
    """Bars of `value_col` per area with 95% CI error bars, coloured by the comparison label.

    One bar trace per significance word (so the legend names the categories); England and region values
    are vertical reference lines that appear in the legend; the `highlight` area gets a bold outline (an
    outline-only bar trace named "<area> (selected)"), a bold axis label and its value written inside the
    bar's end. `sort_by="value"` puts the largest value at the top (`descending=False` the smallest),
    `"name"` lists areas A to Z from the top. Missing CIs simply draw
    no error bar; `label_col=None` (or a missing column) treats every area as "Not compared".
    """
    common.require_columns(frame, [area_col, value_col], "compare_bar")
    data = pd.DataFrame(
        {
            "area": frame[area_col].astype(str),
            "value": common.numbers(frame, value_col),
            "lower": common.numbers(frame, lower_col),
            "upper": common.numbers(frame, upper_col),
            "word": common.words(frame, label_col),
        }
    )
    if sort_by == "name":
        data = data.sort_values("area", key=lambda s: s.str.lower())
    else:
        data = data.sort_values("value", ascending=not descending, na_position="last")

    fig = go.Figure()
    for word in common.present_categories(data["word"]):
        fig.add_trace(_bars(data[data["word"] == word], word, comparator, show_values, unit, decimals))
    chosen = data[data["area"] == highlight]
    if len(chosen):
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=chosen["value"].tolist(),
                y=chosen["area"].tolist(),
                name=f"{highlight} (selected)",
                marker={
                    "color": theme.TRANSPARENT,
                    "line": {"color": theme.HIGHLIGHT, "width": theme.HIGHLIGHT_LINE_WIDTH},
                },
                text=[f"<b>{common.fmt(v, decimals)}</b>" for v in chosen["value"]],
                textposition="inside",
                insidetextanchor="end",
                textfont={"color": theme.text_colour_on(theme.significance_colour(chosen["word"].iloc[0]))},
                hoverinfo="skip",
            )
        )
    _reference_line(fig, england_value, comparator, theme.ENGLAND_LINE, "solid", unit, decimals)
    _reference_line(fig, region_value, region_name, theme.REGION_LINE, "dash", unit, decimals)

    names = data["area"].tolist()
    ticktext = [f"<b>{n}</b>" if n == highlight else n for n in names]
    fig.update_layout(
        barmode="overlay",
        height=max(400, 26 * len(names) + 200),
        legend={"title": {"text": f"Compared with {comparator}"}, "traceorder": "normal"},
        meta=common.meta("compare_bar", highlight=highlight, n_areas=len(names)),
    )
    fig.update_yaxes(
        title_text="Area",
        type="category",
        categoryorder="array",
        categoryarray=names,
        autorange="reversed",
        tickmode="array",
        tickvals=names,
        ticktext=ticktext,
    )
    fig.update_xaxes(title_text=value_title, rangemode="tozero")
    return theme.apply_theme(fig, title=title, subtitle=subtitle, source=source)


def _bars(
    rows: pd.DataFrame, word: str, comparator: str, show_values: bool, unit: str, decimals: int
) -> go.Bar:
    colour = theme.SIGNIFICANCE_COLOURS.get(word, theme.NOT_COMPARED)
    return go.Bar(
        orientation="h",
        x=rows["value"].tolist(),
        y=rows["area"].tolist(),
        name=word,
        marker={"color": colour, "line": {"width": 0}},
        error_x=common.ci_error(rows["value"], rows["lower"], rows["upper"]),
        text=[common.fmt(v, decimals) for v in rows["value"]] if show_values else None,
        textposition="inside",
        insidetextanchor="end",
        textfont={"color": theme.text_colour_on(colour)},
        hovertext=[
            common.hover(
                r.area, r.value, r.lower, r.upper, word, decimals=decimals, unit=unit, comparator=comparator
            )
            for r in rows.itertuples()
        ],
        hoverinfo="text",
    )


def _reference_line(
    fig: go.Figure, value: float | None, name: str, colour: str, dash: str, unit: str, decimals: int
) -> None:
    """A full-height vertical line at `value` that is listed in the legend."""
    if value is None or pd.isna(value):
        return
    common.vertical_line(fig, value, name=f"{name}: {common.fmt(value, decimals, unit)}",
                         line={"color": colour, "width": 2, "dash": dash}, showlegend=True, layer="above")

"""Recent trends: one area's values over time with CIs, England and region lines, boundary breaks."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation


def trend_line(
    frame: pd.DataFrame,
    period_col: str = "time_period",
    value_col: str = "value",
    lower_col: str | None = "lower_ci_95",
    upper_col: str | None = "upper_ci_95",
    label_col: str | None = "significance",
    area_col: str | None = "area_name",
    *,
    england: pd.DataFrame | None = None,
    region: pd.DataFrame | None = None,
    region_name: str = "Region",
    breaks: Sequence[str] | None = None,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """One area's values per period (in the frame's row order), with 95% CI error bars.

    Markers are coloured by significance, one trace per category word; a grey line joins them. `england`
    and `region` are frames with the same `period_col`/`value_col` columns, drawn as lines (only periods
    the area has are kept; England is named by the presentation's comparator). Each period label in
    `breaks` gets a dotted vertical line just before it, annotated "Boundary change". The area's name
    comes from `area_col`; `presentation.highlight` is not used (one area only).
    """
    p = presentation
    common.require_columns(frame, [period_col, value_col], "trend_line")
    area = str(frame[area_col].iloc[0]) if area_col in frame.columns and len(frame) else "Area"
    data = common.tidy(frame, value_col, lower_col, upper_col, label_col, period=period_col)
    periods = list(dict.fromkeys(data["period"]))

    fig = go.Figure(_joining_line(data, area))
    for word, rows in common.categories(data):
        fig.add_trace(_markers(rows, word, area, p))
    for comp, name, colour, dash in (
        (england, p.comparator, theme.ENGLAND_LINE, "dash"),
        (region, region_name, theme.REGION_LINE, "dot"),
    ):
        if comp is not None:
            fig.add_trace(_comparator_line(comp, period_col, value_col, periods, name, colour, dash, p))
    for label in breaks or ():
        _boundary_break(fig, periods, str(label))

    angle, offset = common.period_axis(periods)
    fig.update_xaxes(
        title_text=p.axis_title("Time period"),
        type="category",
        categoryorder="array",
        categoryarray=periods,
        tickangle=angle,
    )
    fig.update_yaxes(title_text=p.value_title)
    fig.update_layout(meta=common.meta("trend_line", area=area, n_periods=len(periods)), hovermode="closest")
    return common.finish(fig, p, source_offset=offset)


def _joining_line(data: pd.DataFrame, area: str) -> go.Scatter:
    """The grey line through the area's values (gaps joined), under its coloured markers."""
    return go.Scatter(
        x=data["period"].tolist(),
        y=data["value"].tolist(),
        mode="lines",
        name=area,
        line={"color": theme.SECONDARY_TEXT, "width": 2},
        hoverinfo="skip",
        connectgaps=True,
    )


def _markers(rows: pd.DataFrame, word: str, area: str, p: Presentation) -> go.Scatter:
    return common.significance_markers(
        rows["period"].tolist(),
        rows["value"].tolist(),
        word,
        name=word,
        hovertext=common.hover_texts(rows, [f"{area}, {period}" for period in rows["period"]], p),
        size=11,
        outline={"color": theme.TEXT, "width": 1},
        legendgroup="significance",
        legendgrouptitle_text=f"{area} compared with {p.comparator}",
        error_y=common.ci_error(rows["value"], rows["lower"], rows["upper"]),
    )


def _comparator_line(
    comp: pd.DataFrame,
    period_col: str,
    value_col: str,
    periods: list[str],
    name: str,
    colour: str,
    dash: str,
    p: Presentation,
) -> go.Scatter:
    common.require_columns(comp, [period_col, value_col], f"trend_line ({name})")
    values = dict(zip(comp[period_col].astype(str), common.numbers(comp, value_col), strict=True))
    y = [values.get(period) for period in periods]
    return go.Scatter(
        x=periods,
        y=y,
        mode="lines+markers",
        name=name,
        connectgaps=True,
        line={"color": colour, "width": 2, "dash": dash},
        marker={"color": colour, "size": 5},
        hovertext=[
            f"<b>{name}, {period}</b><br>{common.fmt(v, p.decimals, p.unit)}"
            for period, v in zip(periods, y, strict=True)
        ],
        hoverinfo="text",
    )


def _boundary_break(fig: go.Figure, periods: list[str], label: str) -> None:
    """Dotted line between the period before `label` and `label` (category axes count from 0)."""
    if label not in periods:
        return
    x = periods.index(label) - 0.5
    common.vertical_line(fig, x, name="Boundary change",
                         line={"color": theme.SECONDARY_TEXT, "width": 1.5, "dash": "dot"})
    fig.add_annotation(
        x=x,
        xref="x",
        y=1,
        yref="paper",
        yanchor="bottom",
        text="Boundary change",
        showarrow=False,
        font={"size": theme.FONT_SIZE - 2, "color": theme.SECONDARY_TEXT},
        name="Boundary change",
    )

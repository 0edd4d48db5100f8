"""Spread of all areas' values per period as box plots, with the chosen area's values marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation


def distribution_box(
    frame: pd.DataFrame,
    period_col: str = "time_period",
    value_col: str = "value",
    code_col: str = "area_code",
    area_col: str | None = "area_name",
    label_col: str | None = "significance",
    *,
    area_rows: pd.DataFrame | None = None,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """One box per period (in the frame's order of first appearance) of every area's value.

    Whiskers follow Plotly's 1.5 x IQR rule and areas beyond them show as points named in the hover.
    The area whose code is `presentation.highlight` is marked per period with diamonds coloured by
    `label_col`, one legend entry per category word, named with its `area_col` name. Its values are its
    rows (by `code_col`) in `frame`, or in `area_rows` (same columns) when it is not one of the areas
    whose spread is shown, e.g. England or a region against counties.
    """
    p = presentation
    common.require_columns(frame, [period_col, value_col], "distribution_box")
    marked = frame if area_rows is None else area_rows
    common.require_columns(marked, [period_col, value_col, code_col if p.highlight else None], "distribution_box")
    periods = list(dict.fromkeys(frame[period_col].astype(str)))
    names = frame[area_col].astype(str) if area_col in frame.columns else pd.Series("", index=frame.index)
    n_areas = names.nunique() if area_col in frame.columns else int(frame[period_col].value_counts().max())

    fig = go.Figure(
        go.Box(
            x=frame[period_col].astype(str).tolist(),
            y=common.numbers(frame, value_col).tolist(),
            name=f"All areas ({n_areas})",
            boxpoints="outliers",
            text=names.tolist(),
            fillcolor=theme.DISTRIBUTION_FILL,
            line={"color": theme.DISTRIBUTION_LINE, "width": 1.5},
            marker={"color": theme.DISTRIBUTION_LINE, "size": 5},
        )
    )
    data = common.tidy(marked, value_col, None, None, label_col, code=code_col, period=period_col, name=area_col)
    for trace in _area_marks(common.chosen(data, p), p):
        fig.add_trace(trace)
    angle, offset = common.period_axis(periods)
    fig.update_xaxes(
        title_text=p.axis_title("Time period"),
        type="category",
        categoryorder="array",
        categoryarray=periods,
        tickangle=angle,
    )
    fig.update_yaxes(title_text=p.value_title)
    fig.update_layout(
        meta=common.meta("distribution_box", n_periods=len(periods), n_areas=n_areas, highlight=p.highlight)
    )
    return common.finish(fig, p, source_offset=offset)


def _area_marks(rows: pd.DataFrame, p: Presentation) -> list[go.Scatter]:
    """The chosen area's values: diamonds, one trace per significance word."""
    if rows.empty:
        return []
    name = rows["name"].iloc[0] or "Selected area"
    return [
        common.significance_markers(
            marks["period"].tolist(),
            marks["value"].tolist(),
            word,
            name=f"{name}: {word}",
            hovertext=common.hover_texts(marks, [f"{name}, {period}" for period in marks["period"]], p),
            size=13,
            outline={"color": theme.HIGHLIGHT, "width": 2},
            symbol="diamond",
            legendgroup="highlight",
        )
        for word, marks in common.categories(rows)
    ]

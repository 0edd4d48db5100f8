"""Spread of all areas' values per period as box plots, with the chosen area's values marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme


def distribution_box(
    frame: pd.DataFrame,
    period_col: str = "time_period",
    value_col: str = "value",
    *,
    area_col: str | None = "area_name",
    highlight_values: pd.DataFrame | None = None,
    highlight_name: str | None = None,
    label_col: str | None = "significance",
    comparator: str = "England",
    value_title: str = "Value",
    period_title: str = "Time period",
    unit: str = "",
    decimals: int = 1,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = theme.DEFAULT_SOURCE,
) -> go.Figure:
    """One box per period (in the frame's order of first appearance) of every area's value.

    Whiskers follow Plotly's 1.5 x IQR rule and areas beyond them show as points named in the hover.
    `highlight_values` (same `period_col`/`value_col`, optionally `label_col`) marks the chosen area per
    period with diamonds coloured by significance, one legend entry per category word; its name comes from
    `highlight_name` or its `area_col`.
    """
    common.require_columns(frame, [period_col, value_col], "distribution_box")
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
    if highlight_values is not None and len(highlight_values):
        _add_area(
            fig,
            highlight_values,
            period_col,
            value_col,
            area_col,
            label_col,
            highlight_name,
            comparator,
            unit,
            decimals,
        )
    angle, offset = common.period_axis(periods)
    fig.update_xaxes(
        title_text=period_title,
        type="category",
        categoryorder="array",
        categoryarray=periods,
        tickangle=angle,
    )
    fig.update_yaxes(title_text=value_title)
    fig.update_layout(
        meta=common.meta(
            "distribution_box", n_periods=len(periods), n_areas=n_areas, highlight=highlight_name
        )
    )
    return theme.apply_theme(fig, title=title, subtitle=subtitle, source=source, source_offset=offset)


def _add_area(
    fig: go.Figure,
    values: pd.DataFrame,
    period_col: str,
    value_col: str,
    area_col: str | None,
    label_col: str | None,
    name: str | None,
    comparator: str,
    unit: str,
    decimals: int,
) -> None:
    """The chosen area's values: diamonds, one trace per significance word."""
    common.require_columns(values, [period_col, value_col], "distribution_box (highlight_values)")
    if name is None:
        name = str(values[area_col].iloc[0]) if area_col in values.columns else "Selected area"
    data = pd.DataFrame(
        {
            "period": values[period_col].astype(str),
            "value": common.numbers(values, value_col),
            "word": common.words(values, label_col),
        }
    )
    for word in common.present_categories(data["word"]):
        rows = data[data["word"] == word]
        fig.add_trace(
            go.Scatter(
                x=rows["period"].tolist(),
                y=rows["value"].tolist(),
                mode="markers",
                name=f"{name}: {word}",
                legendgroup="highlight",
                marker={
                    "symbol": "diamond",
                    "size": 13,
                    "color": theme.SIGNIFICANCE_COLOURS.get(word, theme.NOT_COMPARED),
                    "line": {"color": theme.HIGHLIGHT, "width": 2},
                },
                hovertext=[
                    common.hover(
                        f"{name}, {r.period}",
                        r.value,
                        None,
                        None,
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

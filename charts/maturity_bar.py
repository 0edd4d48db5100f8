"""Inclusion-health self-assessment: one horizontal bar per area on the maturity scale (one or two assessments)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme


def maturity_bar(
    frame: pd.DataFrame,
    area_col: str = "area",
    score_col: str = "score",
    level_col: str = "level",
    series_col: str | None = None,
    *,
    levels: tuple[str, ...] = ("Emerging", "Developing", "Maturing", "Thriving"),
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
) -> go.Figure:
    """Bars of `score_col` (1 to len(levels)) per area, the first area at the top.

    With one assessment each bar takes its level's colour (one trace per level, so the legend names the
    levels); with `series_col` (two assessments) bars are grouped, one trace per assessment, and the level
    word is written at each bar's end, so colour is never the only cue. Unanswered areas show no bar and
    the words "Not answered".
    """
    common.require_columns(frame, [area_col, score_col, level_col, series_col], "maturity_bar")
    fig = go.Figure()
    areas = list(dict.fromkeys(frame[area_col].astype(str)))
    labels = [common.wrap(a, 28) for a in areas]
    wrapped = dict(zip(areas, labels, strict=True))
    if series_col is None:
        for level in [*levels, "Not answered"]:
            part = frame[frame[level_col] == level]
            if part.empty:
                continue
            fig.add_trace(go.Bar(
                x=part[score_col].fillna(0), y=[wrapped[str(a)] for a in part[area_col]], orientation="h",
                name=level, marker={"color": theme.MATURITY_COLOURS.get(level, theme.NOT_COMPARED)},
                text=part[level_col], textposition="outside", cliponaxis=False,
                hovertemplate="%{y}: %{x:.1f} (%{text})<extra></extra>"))
    else:
        for colour, (name, part) in zip(theme.COMPARISON_COLOURS, frame.groupby(series_col, sort=False)):
            fig.add_trace(go.Bar(
                x=part[score_col].fillna(0), y=[wrapped[str(a)] for a in part[area_col]], orientation="h",
                name=str(name), marker={"color": colour}, text=part[level_col], textposition="outside",
                cliponaxis=False, hovertemplate=f"{name}<br>%{{y}}: %{{x:.1f}} (%{{text}})<extra></extra>"))
        fig.update_layout(barmode="group")
    theme.apply_theme(fig, title=title, subtitle=subtitle, source=source)
    fig.update_layout(
        xaxis={"range": [0, len(levels) + 0.9], "tickvals": list(range(1, len(levels) + 1)),
               "ticktext": list(levels), "title": {"text": "Maturity (mean score of the area's statements)"}},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1], "title": None},
        height=max(320, 60 + len(areas) * (44 if series_col else 32)), legend={"traceorder": "normal"},
        meta=common.meta("maturity_bar"))
    return fig

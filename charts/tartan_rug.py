"""Tartan rug: indicators down, areas across, each cell coloured by its comparison with England (as
Fingertips' first view), with the value written in the cell."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation


def tartan_rug(
    frame: pd.DataFrame,
    indicator_col: str = "indicator_name",
    area_col: str = "area_name",
    value_col: str = "value",
    label_col: str | None = "significance",
    *,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """One row per indicator and one column per area (both in the frame's order), a long frame with one
    row per cell. Cells are filled with the colour of the comparison word (theme.SIGNIFICANCE_COLOURS,
    grey for "Not compared" or a blank), the value written in black or white, whichever reads better.
    One legend entry per word present (a square of its colour); hover gives indicator, area, value and
    the comparison in words. Areas are listed along the top.
    """
    p = presentation
    common.require_columns(frame, [indicator_col, area_col, value_col], "tartan_rug")
    data = common.tidy(frame, value_col, None, None, label_col, indicator=indicator_col, area=area_col)
    data["tick"] = [common.wrap(i, 45) for i in data["indicator"]]
    rows, columns = list(dict.fromkeys(data["tick"])), list(dict.fromkeys(data["area"]))
    words = common.present_categories(data["word"])
    code = {w: i for i, w in enumerate(words)}
    grid = data.pivot_table(index="tick", columns="area", values="word", aggfunc="first").reindex(
        index=rows, columns=columns)
    hover = data.assign(text=common.hover_texts(data, data["area"], p)).pivot_table(
        index="tick", columns="area", values="text", aggfunc="first").reindex(index=rows, columns=columns)
    n = max(len(words), 1)
    scale = [[edge / n, theme.significance_colour(w)] for i, w in enumerate(words) for edge in (i, i + 1)]
    fig = go.Figure(go.Heatmap(
        z=grid.apply(lambda col: col.map(code)).to_numpy(dtype=float), x=columns, y=rows, zmin=-0.5,
        zmax=n - 0.5, colorscale=scale or [[0, theme.NOT_COMPARED], [1, theme.NOT_COMPARED]], showscale=False,
        xgap=2, ygap=2, hovertext=hover.fillna("").to_numpy(), hoverinfo="text", name="comparison"))
    for word in words:
        cells = data[data["word"] == word]
        fig.add_trace(go.Scatter(
            x=cells["area"].tolist(), y=cells["tick"].tolist(), mode="text", hoverinfo="skip", showlegend=False,
            text=[common.fmt(v, p.decimals) if pd.notna(v) else "" for v in cells["value"]],
            textfont={"color": theme.text_colour_on(theme.significance_colour(word)), "size": theme.FONT_SIZE - 2}))
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=word, marker={
            "symbol": "square", "size": 14, "color": theme.significance_colour(word)}))
    fig.update_xaxes(side="top", type="category", categoryorder="array", categoryarray=columns, tickangle=-45,
                     showgrid=False, title_text=p.axis_title(""))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows, autorange="reversed",
                     showgrid=False, title_text="")
    fig.update_layout(
        height=max(350, 34 * len(rows) + 260),
        legend={"title": {"text": f"Compared with {p.comparator}"}, "orientation": "h", "y": -0.02,
                "yanchor": "top"},
        meta=common.meta("tartan_rug", n_indicators=len(rows), n_areas=len(columns)),
    )
    return common.finish(fig, p)

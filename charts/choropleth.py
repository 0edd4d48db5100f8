"""Map of areas shaded by value or by significance, drawn from boundary GeoJSON without map tiles."""
from __future__ import annotations

from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme

_TRANSPARENT = [[0, theme.TRANSPARENT], [1, theme.TRANSPARENT]]


def choropleth(
    frame: pd.DataFrame,
    geojson: dict,
    code_col: str = "area_code",
    value_col: str = "value",
    *,
    feature_code_key: str = "CTYUA23CD",
    by: Literal["value", "significance"] = "value",
    area_col: str | None = "area_name",
    label_col: str | None = "significance",
    highlight: str | None = None,
    comparator: str = "England",
    value_title: str = "Value",
    unit: str = "",
    decimals: int = 1,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = theme.DEFAULT_SOURCE,
) -> go.Figure:
    """Areas of `frame` drawn from `geojson` features whose `properties[feature_code_key]` is the area code.

    `by="value"` shades with the theme's sequential scale (colour bar titled `value_title`); `by=
    "significance"` draws one trace per category word in Fingertips' colours, listed in the legend. Only
    the matching features are embedded (the figure stays small) and the base map is hidden, so nothing is
    fetched from the internet. `highlight` (an area code or name) gets a thick outline. Area codes with no
    boundary are listed in `fig.layout.meta["unmatched"]`; if none match, ValueError names the key.
    """
    common.require_columns(frame, [code_col, value_col], "choropleth")
    if by not in ("value", "significance"):
        raise ValueError(f"choropleth by must be 'value' or 'significance', not {by!r}")
    data = pd.DataFrame({
        "code": frame[code_col].astype(str),
        "name": frame[area_col].astype(str) if area_col in frame.columns else frame[code_col].astype(str),
        "value": common.numbers(frame, value_col),
        "word": common.words(frame, label_col),
    })
    features = [f for f in geojson.get("features", [])
                if str(f.get("properties", {}).get(feature_code_key)) in set(data["code"])]
    drawn = {str(f["properties"][feature_code_key]) for f in features}
    if not drawn:
        raise ValueError(f"no area code in column {code_col!r} matches a feature's properties.{feature_code_key}")
    data["hover"] = [common.hover(r.name, r.value, None, None, r.word, decimals=decimals, unit=unit,
                                  comparator=comparator) for r in data.itertuples()]
    shapes = {"type": "FeatureCollection", "features": features}
    data = data[data["code"].isin(drawn)]

    fig = go.Figure()
    if by == "value":
        _add_values(fig, shapes, data, feature_code_key, value_title)
    else:
        for word in common.present_categories(data["word"]):
            rows = data[data["word"] == word]
            colour = theme.SIGNIFICANCE_COLOURS.get(word, theme.NOT_COMPARED)
            fig.add_trace(_layer(shapes, rows, feature_code_key, word, [[0, colour], [1, colour]]))
        fig.update_layout(legend_title_text=f"Compared with {comparator}")
    chosen = data[(data["code"] == highlight) | (data["name"] == highlight)] if highlight else data.iloc[:0]
    if len(chosen):
        fig.add_trace(_layer(shapes, chosen, feature_code_key, f"{chosen['name'].iloc[0]} (selected)",
                             _TRANSPARENT, line_width=theme.HIGHLIGHT_LINE_WIDTH))

    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    unmatched = sorted(set(frame[code_col].astype(str)) - drawn)
    fig.update_layout(
        height=600,
        meta=common.meta("choropleth", by=by, highlight=highlight, n_areas=len(data), unmatched=unmatched),
    )
    return theme.apply_theme(fig, title=title, subtitle=subtitle, source=source, source_offset=10)


def _add_values(fig: go.Figure, shapes: dict, data: pd.DataFrame, key: str, value_title: str) -> None:
    """Shaded areas with a colour bar, plus a grey 'No value' layer for areas without a value."""
    valued = data[data["value"].notna()]
    if len(valued):
        fig.add_trace(go.Choropleth(
            geojson=shapes, featureidkey=f"properties.{key}", locations=valued["code"].tolist(),
            z=valued["value"].tolist(), colorscale=theme.SEQUENTIAL, name=value_title,
            colorbar={"title": {"text": value_title}}, marker={"line": {"color": theme.BACKGROUND, "width": 0.5}},
            hovertext=valued["hover"].tolist(), hoverinfo="text",
        ))
    missing = data[data["value"].isna()]
    if len(missing):
        colour = theme.NOT_COMPARED
        fig.add_trace(_layer(shapes, missing, key, "No value", [[0, colour], [1, colour]]))


def _layer(
    shapes: dict, rows: pd.DataFrame, key: str, name: str, colorscale: list, line_width: float = 0.5
) -> go.Choropleth:
    """One flat-coloured layer of areas, listed in the legend under `name`."""
    outline = theme.HIGHLIGHT if line_width > 1 else theme.BACKGROUND
    return go.Choropleth(
        geojson=shapes, featureidkey=f"properties.{key}", locations=rows["code"].tolist(),
        z=[1] * len(rows), colorscale=colorscale, showscale=False, name=name, showlegend=True,
        marker={"line": {"color": outline, "width": line_width}},
        hovertext=rows["hover"].tolist(), hoverinfo="text",
    )

"""Map of areas shaded by value or by significance, drawn from boundary GeoJSON with no network at all.

Why not `go.Choropleth`: plotly.js's geo subplot downloads `world_110m.json` from cdn.plot.ly whenever a
trace has a `locationmode`, and a GeoJSON choropleth always has one ("geojson-id"), even with the base map
hidden (seen as kaleido "Error 525: unexpected error while fetching topojson file"). Tile maps
(`go.Choroplethmap`) need WebGL and a style. So each area is a filled polygon (`go.Scatter`, fill
"toself") on hidden x/y axes in longitude/latitude, with the y scale stretched by 1/cos(mean latitude)
(an equirectangular view, true to shape at England's latitudes). It draws the same in the browser, in
kaleido exports and offline.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Literal

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from charts import common, theme
from charts.presentation import DEFAULT, Presentation

_RANKS = {**{word: 100 + i for i, word in enumerate(theme.SIGNIFICANCE_ORDER)},
          **{word: 200 + i for i, word in enumerate(theme.GRADE_ORDER)},
          **{word: 300 + i for i, word in enumerate(theme.QUINTILE_ORDER[:-1])}}


def choropleth(
    frame: pd.DataFrame,
    geojson: dict,
    code_col: str = "area_code",
    value_col: str = "value",
    area_col: str | None = "area_name",
    label_col: str | None = "significance",
    *,
    feature_code_key: str = "CTYUA23CD",
    by: Literal["value", "significance"] = "value",
    fill_missing: bool = True,
    colours: Mapping[str, str] | None = None,
    legend_title: str | None = None,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """Areas of `frame` drawn from `geojson` features whose `properties[feature_code_key]` is the area code.

    `by="value"` shades with the theme's sequential scale and a colour bar titled by the presentation's
    `value_title`; `by="significance"` uses Fingertips' colours (or `colours`, word -> colour from
    charts/theme.py, e.g. theme.GRADE_COLOURS or theme.QUINTILE_COLOURS) with one legend entry per category
    word, under `legend_title` (default "Compared with <comparator>").
    Areas without a value, and (with `fill_missing`) the other features of the same country (code's first
    letter) that are not in `frame`, are drawn pale grey as "No data", so the map has no holes. Every
    area's hover names it, its value and the comparison in words. The area whose code is
    `presentation.highlight` gets a thick outline and its own legend entry "<name> (selected)". Codes with
    no boundary are listed in `fig.layout.meta["unmatched"]`; if no code matches, ValueError names the key.
    """
    p = presentation
    common.require_columns(frame, [code_col, value_col], "choropleth")
    if by not in ("value", "significance"):
        raise ValueError(f"choropleth by must be 'value' or 'significance', not {by!r}")
    data, shapes, unmatched = _mapped(frame, geojson, code_col, value_col, area_col, label_col, feature_code_key)
    n_areas = len(data)
    if fill_missing:
        data = _with_missing(data, shapes, geojson, feature_code_key)
    data = _in_drawing_order(data.reset_index(drop=True), shapes, by, colours or theme.SIGNIFICANCE_COLOURS)

    fig = go.Figure()
    shown: set[str] = set()
    for r, hover in zip(data.itertuples(), common.hover_texts(data, data["name"], p), strict=True):
        in_legend = r.legend not in shown and (by == "significance" or r.legend == "No data")
        fig.add_trace(_area_trace(shapes[r.code], r, in_legend, hover))
        shown.add(r.legend)
    if by == "value":
        _colour_bar(fig, data, p.value_title)
    chosen = common.chosen(data, p)
    if len(chosen):
        fig.add_trace(_outline(shapes[chosen["code"].iloc[0]], chosen["name"].iloc[0]))
    _equal_area_axes(fig, [v for c in data["code"] for v in shapes[c][1] if v is not None])
    legend = {"title": {"text": legend_title or f"Compared with {p.comparator}"}} if by == "significance" else {
        "x": 0.01, "y": 0.99, "xanchor": "left", "bgcolor": theme.LEGEND_BACKGROUND}
    fig.update_layout(
        height=650,
        showlegend=True,
        legend=legend,
        hovermode="closest",
        meta=common.meta("choropleth", by=by, highlight=p.highlight, n_areas=n_areas, unmatched=unmatched),
    )
    return common.finish(fig, p, source_offset=10)


def _mapped(
    frame: pd.DataFrame,
    geojson: dict,
    code_col: str,
    value_col: str,
    area_col: str | None,
    label_col: str | None,
    key: str,
) -> tuple[pd.DataFrame, dict[str, tuple[list, list]], list[str]]:
    """The tidy rows whose code has a boundary, those boundaries, and the codes without one."""
    names = area_col if area_col in frame.columns else code_col
    data = common.tidy(frame, value_col, None, None, label_col, code=code_col, name=names).drop_duplicates("code")
    codes = set(data["code"])
    shapes = _outlines(geojson, key, codes.__contains__)
    if not shapes:
        raise ValueError(f"no area code in column {code_col!r} matches a feature's properties.{key}")
    return data[data["code"].isin(shapes)], shapes, sorted(codes - set(shapes))


def _in_drawing_order(data: pd.DataFrame, shapes: dict, by: str, colours: Mapping[str, str]) -> pd.DataFrame:
    """Rows with their fill and legend label, largest areas first so enclaves (a city inside its county)
    are drawn on top."""
    data["fill"], data["legend"] = _fills(data, by, colours)
    data["size"] = [_bbox_area(shapes[c]) for c in data["code"]]
    return data.sort_values("size", ascending=False)


def _with_missing(data: pd.DataFrame, shapes: dict, geojson: dict, key: str) -> pd.DataFrame:
    """`data` plus a "No data" row for every other feature of the same countries (adds their shapes)."""
    countries = {c[:1] for c in data["code"]}
    extra = _outlines(geojson, key, lambda code: code[:1] in countries and code not in shapes)
    shapes.update(extra)
    missing = pd.DataFrame(
        {
            "code": list(extra),
            "name": [_feature_name(geojson, key, c) for c in extra],
            "value": float("nan"),
            "lower": float("nan"),
            "upper": float("nan"),
            "word": "Not compared",
        }
    )
    return pd.concat([data, missing])


def _outline(outline: tuple[list, list], name: str) -> go.Scatter:
    """The chosen area's boundary as a thick line with its own legend entry."""
    return go.Scatter(
        x=outline[0],
        y=outline[1],
        mode="lines",
        name=common.selected_name(name),
        line=common.highlight_line(),
        hoverinfo="skip",
        showlegend=True,
        legendrank=1000,
    )


def _equal_area_axes(fig: go.Figure, lats: list[float]) -> None:
    """Hidden longitude/latitude axes, y stretched by 1/cos(mean latitude) so shapes look true."""
    mid_lat = (min(lats) + max(lats)) / 2
    fig.update_xaxes(visible=False, title_text="Longitude")
    fig.update_yaxes(
        visible=False, title_text="Latitude", scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid_lat))
    )


def _outlines(geojson: dict, key: str, wanted: Callable[[str], bool]) -> dict[str, tuple[list, list]]:
    """code -> (longitudes, latitudes) of every ring of each wanted feature, rings separated by None."""
    out = {}
    for feature in geojson.get("features", []):
        code = str((feature.get("properties") or {}).get(key))
        geometry = feature.get("geometry") or {}
        if not wanted(code) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        xs: list = []
        ys: list = []
        for ring in (ring for polygon in polygons for ring in polygon):
            xs += [round(p[0], 4) for p in ring] + [None]
            ys += [round(p[1], 4) for p in ring] + [None]
        out[code] = (xs[:-1], ys[:-1])
    return out


def _feature_name(geojson: dict, key: str, code: str) -> str:
    """The feature's name property (the key with NM for CD, e.g. CTYUA23NM), else its code."""
    name_key = key[:-2] + "NM" if key.endswith("CD") else key
    for feature in geojson.get("features", []):
        props = feature.get("properties") or {}
        if str(props.get(key)) == code:
            return str(props.get(name_key) or code)
    return code


def _bbox_area(outline: tuple[list, list]) -> float:
    xs = [v for v in outline[0] if v is not None]
    ys = [v for v in outline[1] if v is not None]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def _fills(data: pd.DataFrame, by: str, colours: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Fill colour and legend label per area."""
    missing = data["value"].isna()
    if by == "significance":
        fills = [colours.get(w, theme.NOT_COMPARED) for w in data["word"]]
        legend = list(data["word"])
    else:
        lo, hi = data["value"].min(), data["value"].max()
        span = (hi - lo) or 1.0
        fills = [
            sample_colorscale(theme.SEQUENTIAL, (v - lo) / span)[0] if v == v else "" for v in data["value"]
        ]
        legend = ["Value"] * len(data)
    fills = [theme.NO_DATA if m else f for f, m in zip(fills, missing, strict=True)]
    return fills, ["No data" if m else w for w, m in zip(legend, missing, strict=True)]


def _area_trace(outline: tuple[list, list], row: object, in_legend: bool, hover: str) -> go.Scatter:
    return go.Scatter(
        x=outline[0],
        y=outline[1],
        mode="lines",
        fill="toself",
        fillcolor=row.fill,
        line={"color": theme.BACKGROUND, "width": 0.5},
        hoveron="fills",
        text=hover,
        hoverinfo="text",
        name=row.legend,
        legendgroup=row.legend,
        showlegend=in_legend,
        meta={"area_code": row.code},
        legendrank=_RANKS.get(row.legend, 900),
    )


def _colour_bar(fig: go.Figure, data: pd.DataFrame, value_title: str) -> None:
    """An invisible marker trace that carries the colour bar for value maps."""
    values = data["value"].dropna()
    if values.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=value_title,
            showlegend=False,
            hoverinfo="skip",
            marker={
                "color": [values.min()],
                "colorscale": theme.SEQUENTIAL,
                "cmin": values.min(),
                "cmax": values.max(),
                "showscale": True,
                "colorbar": {"title": {"text": value_title}},
            },
        )
    )

"""Fingertips-style spine chart: one row per indicator, the area placed between the worst and best areas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation

SPINE_COLUMNS: tuple[str, ...] = (
    "indicator_name",
    "worst",
    "q25",
    "median",
    "q75",
    "best",
    "area_value",
    "england_value",
    "significance",
)


def spine_positions(rows: pd.DataFrame) -> pd.DataFrame:
    """Each row's values placed on 0..1 with England at 0.5, the worst side left and the best side right.

    The half-width is the larger of |worst - England| and |best - England| (as Fingertips does), so the
    further extreme touches an edge. Polarity is implied by the order of worst and best: when worst is
    the larger value the axis runs the other way. A zero range puts everything at the centre.
    """
    eng = common.numbers(rows, "england_value")
    worst, best = common.numbers(rows, "worst"), common.numbers(rows, "best")
    half = pd.concat([(worst - eng).abs(), (best - eng).abs()], axis=1).max(axis=1).replace(0, np.nan)
    direction = np.where(best >= worst, 1.0, -1.0)
    out = pd.DataFrame(index=rows.index)
    for col in ("worst", "q25", "median", "q75", "best", "area_value"):
        out[col] = (0.5 + direction * (common.numbers(rows, col) - eng) / (2 * half)).fillna(0.5)
        out.loc[common.numbers(rows, col).isna(), col] = np.nan
    return out


def spine(rows: pd.DataFrame, *, area_name: str = "Area", presentation: Presentation = DEFAULT) -> go.Figure:
    """A spine chart of `rows` (columns SPINE_COLUMNS; worst/best already reflect each indicator's polarity)
    for the one area named `area_name` (the label people see).

    Light grey bar from worst to best, darker band from the 25th to the 75th percentile, the
    presentation's comparator (England) as the centre line, and the area as a circle coloured by
    `significance` (one trace per category word). Hover gives the real values; the x axis is the relative
    position, labelled Worst / England / Best. `presentation.highlight` is not used (one area only).
    """
    p = presentation
    common.require_columns(rows, SPINE_COLUMNS, "spine")
    pos = spine_positions(rows)
    labels = [common.wrap(n, 40) for n in rows["indicator_name"]]
    word = common.words(rows, "significance")

    fig = go.Figure([_band(pos, labels, *band) for band in _BANDS])
    for w in common.present_categories(word):
        mask = (word == w) & pos["area_value"].notna()
        fig.add_trace(
            common.significance_markers(
                pos.loc[mask, "area_value"].tolist(),
                [labels[i] for i in np.flatnonzero(mask)],
                w,
                name=f"{area_name}: {w}",
                hovertext=[_hover(r, area_name, w, p) for r in rows[mask].itertuples()],
                size=13,
                outline={"color": theme.TEXT, "width": 1},
                legendgroup="area",
            )
        )
    common.reference_line(fig, 0.5, name=p.comparator, colour=theme.ENGLAND_LINE)
    fig.update_xaxes(
        title_text=f"Position among areas ({p.comparator} in the centre)",
        range=[-0.02, 1.02],
        tickmode="array",
        tickvals=[0, 0.5, 1],
        ticktext=["Worst", p.comparator, "Best"],
        showgrid=False,
    )
    fig.update_yaxes(
        title_text=p.axis_title("Indicator"),
        type="category",
        categoryorder="array",
        categoryarray=labels,
        autorange="reversed",
    )
    fig.update_layout(
        barmode="overlay",
        height=max(350, 48 * len(rows) + 200),
        meta=common.meta("spine", area=area_name, n_indicators=len(rows)),
    )
    return common.finish(fig, p)


_BANDS = (
    ("Range of areas (worst to best)", "worst", "best", theme.SPINE_RANGE),
    ("Middle half of areas (25th to 75th percentile)", "q25", "q75", theme.SPINE_IQR),
)


def _band(pos: pd.DataFrame, labels: list[str], name: str, lo: str, hi: str, colour: str) -> go.Bar:
    """A horizontal band per indicator between two positions (range or middle half)."""
    left, right = pos[[lo, hi]].min(axis=1), pos[[lo, hi]].max(axis=1)
    return go.Bar(
        orientation="h",
        y=labels,
        base=left.tolist(),
        x=(right - left).tolist(),
        name=name,
        marker={"color": colour},
        hoverinfo="skip",
        width=0.6,
    )


def _hover(row: object, area: str, word: str, p: Presentation) -> str:
    def f(value: object) -> str:
        return common.fmt(value, p.decimals)

    comparator = p.comparator
    phrase = common.comparison_phrase(word, comparator)
    return "<br>".join(
        [
            f"<b>{row.indicator_name}</b>",
            f"{area}: {f(row.area_value)} ({phrase[0].lower()}{phrase[1:]})",
            f"{comparator}: {f(row.england_value)}",
            f"Worst {f(row.worst)}, 25th percentile {f(row.q25)}, median {f(row.median)}, "
            f"75th percentile {f(row.q75)}, best {f(row.best)}",
        ]
    )

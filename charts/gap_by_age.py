"""Life-expectancy gap by age band: each band's contribution (Arriaga) to the gap between two groups."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation

WIDENS, NARROWS = "Widens the gap", "Narrows the gap"


def contribution_bars(data: pd.DataFrame, category: str, p: Presentation, *, horizontal: bool) -> list[go.Bar]:
    """Two bar traces (widens / narrows the gap) of a frame with `category` and `value` columns."""
    traces = []
    for word, colour, rows in ((WIDENS, theme.GAP_WIDENS, data[data["value"] >= 0]),
                               (NARROWS, theme.GAP_NARROWS, data[data["value"] < 0])):
        if rows.empty:
            continue
        values, labels = rows["value"].tolist(), rows[category].tolist()
        traces.append(go.Bar(
            x=values if horizontal else labels, y=labels if horizontal else values,
            orientation="h" if horizontal else "v", name=word, marker={"color": colour, "line": {"width": 0}},
            hovertext=[f"<b>{c}</b><br>{common.fmt(v, p.decimals, p.unit)} ({word.lower()})"
                       for c, v in zip(labels, values, strict=True)],
            hoverinfo="text"))
    return traces


def gap_by_age(
    frame: pd.DataFrame,
    age_col: str = "age_band",
    value_col: str = "months",
    *,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """Vertical bars of each age band's contribution to the gap, youngest band on the left.

    Positive values (the first group's death rates are higher at these ages, so the band widens the gap)
    are one trace, negative ones another, so the legend and hover text say which is which. The frame is
    `SegmentGap.by_age` (columns age_band, years, months), in age order.
    """
    p = presentation
    common.require_columns(frame, [age_col, value_col], "gap_by_age")
    data = pd.DataFrame({"age": frame[age_col].astype(str), "value": common.numbers(frame, value_col)})
    fig = go.Figure(contribution_bars(data, "age", p, horizontal=False))
    fig.update_xaxes(title_text=p.axis_title("Age band"), type="category", categoryorder="array",
                     categoryarray=data["age"].tolist())
    fig.update_yaxes(title_text=p.value_title, zeroline=True, zerolinecolor=theme.SECONDARY_TEXT)
    fig.update_layout(barmode="relative", height=450, legend={"title": {"text": "Contribution"}},
                      meta=common.meta("gap_by_age", n_bands=len(data)))
    return common.finish(fig, p, source_offset=70)

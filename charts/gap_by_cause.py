"""Life-expectancy gap by cause of death: each cause group's contribution to the gap between two groups."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.gap_by_age import contribution_bars
from charts.presentation import DEFAULT, Presentation


def gap_by_cause(
    frame: pd.DataFrame,
    cause_col: str = "cause",
    value_col: str = "months",
    *,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """Horizontal bars of each cause's contribution, the largest at the top (widening and narrowing causes
    are separate traces named in the legend). The frame is `SegmentGap.by_cause` (cause, years, months)."""
    p = presentation
    common.require_columns(frame, [cause_col, value_col], "gap_by_cause")
    data = pd.DataFrame({"cause": frame[cause_col].astype(str), "value": common.numbers(frame, value_col)})
    data = data.sort_values("value", ascending=False)
    fig = go.Figure(contribution_bars(data, "cause", p, horizontal=True))
    fig.update_yaxes(title_text=p.axis_title("Cause of death"), type="category", categoryorder="array",
                     categoryarray=data["cause"].tolist(), autorange="reversed")
    fig.update_xaxes(title_text=p.value_title, zeroline=True, zerolinecolor=theme.SECONDARY_TEXT)
    fig.update_layout(barmode="relative", height=max(350, 40 * len(data) + 200),
                      legend={"title": {"text": "Contribution"}}, meta=common.meta("gap_by_cause", n_causes=len(data)))
    return common.finish(fig, p)

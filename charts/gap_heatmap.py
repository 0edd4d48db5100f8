"""Life-expectancy gap by cause × age band: a heat map of each cell's contribution to the gap."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme
from charts.presentation import DEFAULT, Presentation


def gap_heatmap(
    frame: pd.DataFrame,
    cause_col: str = "cause",
    age_col: str = "age_band",
    value_col: str = "months",
    *,
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """Causes down, age bands across (in the frame's order), each cell coloured by its contribution on a
    diverging scale centred on zero (red widens the gap, blue narrows it) and labelled with its value.
    The frame is `SegmentGap.by_age_cause` (start_age, age_band, cause, years, months)."""
    p = presentation
    common.require_columns(frame, [cause_col, age_col, value_col], "gap_heatmap")
    data = pd.DataFrame({"cause": frame[cause_col].astype(str), "age": frame[age_col].astype(str),
                         "value": common.numbers(frame, value_col)})
    ages = list(dict.fromkeys(data["age"]))
    causes = data.groupby("cause", sort=False)["value"].sum().sort_values(ascending=False).index.tolist()
    grid = data.pivot_table(index="cause", columns="age", values="value", aggfunc="sum").reindex(
        index=causes, columns=ages)
    biggest = float(grid.abs().max().max()) if grid.notna().any().any() else 1.0
    text = [[common.fmt(v, p.decimals) for v in row] for row in grid.to_numpy()]
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=ages, y=causes, zmin=-biggest, zmax=biggest, zmid=0, colorscale=theme.GAP_DIVERGING,
        text=text, texttemplate="%{text}", textfont={"size": theme.FONT_SIZE - 3}, xgap=1, ygap=1,
        colorbar={"title": {"text": p.value_title, "side": "right"}},
        hovertemplate="<b>%{y}</b>, ages %{x}<br>%{z:.1f} " + (p.unit or "") + "<extra></extra>"))
    fig.update_xaxes(title_text=p.axis_title("Age band"), type="category", showgrid=False)
    fig.update_yaxes(title_text="Cause of death", type="category", autorange="reversed", showgrid=False)
    fig.update_layout(height=max(350, 45 * len(causes) + 200),
                      meta=common.meta("gap_heatmap", n_causes=len(causes), n_bands=len(ages)))
    return common.finish(fig, p, source_offset=70)

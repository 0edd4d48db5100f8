"""One area's rank across the Longer Lives causes: a small panel per cause, the area placed from 1 to n."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts import theme
from charts.presentation import DEFAULT, Presentation

RANK_COLUMNS: tuple[str, ...] = ("cause_label", "rank", "n_ranked")


def rank_small_multiples(
    frame: pd.DataFrame,
    cause_col: str = "cause_label",
    rank_col: str = "rank",
    n_col: str = "n_ranked",
    grade_col: str = "grade_england",
    rank_text_col: str | None = "rank_label",
    *,
    area_name: str = "Area",
    presentation: Presentation = DEFAULT,
) -> go.Figure:
    """One panel per cause (rows of ``analysis.premature.rank_across_causes``), top to bottom.

    Each panel is a grey track from rank 1 (lowest rate, left) to n, with the area as a diamond coloured by
    its grade; one marker trace per grade word carries the legend. The panel title names the cause and
    the rank in words; a cause where the area has no value shows "not ranked" and no marker.
    """
    comparator = presentation.comparator
    missing = [c for c in (cause_col, rank_col, n_col) if c not in frame.columns]
    if missing:
        raise ValueError(f"rank_small_multiples needs column(s) {', '.join(missing)}")
    rows = frame.reset_index(drop=True)
    titles = [_panel_title(r, cause_col, rank_text_col) for _, r in rows.iterrows()]
    panels = max(1, len(rows))
    spacing = 0.15 if panels == 1 else min(0.15, 0.9 / (panels - 1))
    fig = make_subplots(rows=panels, cols=1, subplot_titles=titles or None, vertical_spacing=spacing)
    shown: set[str] = set()
    for i, r in rows.iterrows():
        panel = int(str(i)) + 1
        n = int(r[n_col]) if pd.notna(r[n_col]) else 0
        fig.add_trace(_track(n, str(r[cause_col])), row=panel, col=1)
        if pd.notna(r[rank_col]):
            word = str(r[grade_col]) if grade_col in rows and pd.notna(r[grade_col]) else "Not graded"
            fig.add_trace(_marker(r, rank_col, n, word, area_name, comparator, word not in shown), row=panel, col=1)
            shown.add(word)
        pad = max(n, 1) * 0.03
        fig.update_xaxes(range=[1 - pad, max(n, 1) + pad], showgrid=False, showline=False, tickmode="array",
                         tickvals=[1, n], ticktext=["1", str(n)], visible=n > 0, row=panel, col=1)
        fig.update_yaxes(visible=False, range=[-1, 1], row=panel, col=1)
    fig.update_xaxes(title_text="Rank (1 = lowest rate)", row=panels, col=1)
    fig.update_layout(
        height=max(300, 120 * len(rows) + 160),
        legend={"title": {"text": f"Compared with {comparator}"}, "traceorder": "normal"},
        meta={"chart": "rank_small_multiples", "area": area_name, "n_causes": len(rows)},
    )
    themed = theme.apply_theme(fig, title=presentation.title, subtitle=presentation.subtitle,
                               source=presentation.source)
    themed.update_layout(annotations=[_title_font(a) for a in themed.layout.annotations])
    return themed


def _panel_title(row: pd.Series, cause_col: str, rank_text_col: str | None) -> str:
    cause = str(row[cause_col])
    text = row.get(rank_text_col) if rank_text_col else None
    if text is None or pd.isna(text):
        text = "not ranked (no value)" if pd.isna(row.get("rank")) else f"rank {int(row['rank'])}"
    return f"<b>{cause[:1].upper() + cause[1:]}</b>: {text}"


def _title_font(annotation: go.layout.Annotation) -> go.layout.Annotation:
    if annotation.name != "source":
        annotation.update(font={"size": theme.FONT_SIZE, "color": theme.TEXT}, x=0, xanchor="left")
    return annotation


def _track(n: int, cause: str) -> go.Scatter:
    return go.Scatter(
        x=[1, max(n, 1)], y=[0, 0], mode="lines", name=f"{cause}: ranks 1 to {n}",
        line={"color": theme.SPINE_IQR, "width": 6}, hoverinfo="skip", showlegend=False,
    )


def _marker(
    row: pd.Series, rank_col: str, n: int, word: str, area: str, comparator: str, in_legend: bool
) -> go.Scatter:
    rank = int(row[rank_col])
    return go.Scatter(
        x=[rank], y=[0], mode="markers", name=word, legendgroup=word, showlegend=in_legend, cliponaxis=False,
        legendrank=100 + (theme.GRADE_ORDER.index(word) if word in theme.GRADE_ORDER else 50),
        marker={"symbol": "diamond", "size": 16, "color": theme.GRADE_COLOURS.get(word, theme.NOT_COMPARED),
                "line": {"color": theme.HIGHLIGHT, "width": 1.5}},
        hovertext=[f"<b>{area}</b><br>rank {rank} of {n} (1 = lowest rate)<br>{word} (compared with {comparator})"],
        hoverinfo="text",
    )

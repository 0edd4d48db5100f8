"""Longer Lives league table: ranked horizontal bars coloured by the four grades, similar areas marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import common, theme


def league_table_bar(
    frame: pd.DataFrame,
    area_col: str = "area_name",
    value_col: str = "value",
    lower_col: str | None = "lower_ci_95",
    upper_col: str | None = "upper_ci_95",
    grade_col: str = "grade",
    rank_col: str = "rank",
    selected_col: str = "is_selected",
    similar_col: str = "is_similar",
    *,
    comparator: str = "England",
    comparator_value: float | None = None,
    value_title: str = "Directly standardised rate per 100,000",
    decimals: int = 1,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = theme.DEFAULT_SOURCE,
) -> go.Figure:
    """Bars of `value_col` in rank order (rank 1, the lowest rate, at the top) with 95% CI whiskers.

    One bar trace per grade word (theme.GRADE_COLOURS, so the legend names the grades); the similar areas
    get a thin outline trace "Similar areas" and italic axis labels, the selected area a thick outline
    "<area> (selected)" and a bold label; the axis labels carry the rank ("12. Blackpool"). The comparator
    value is a vertical line listed in the legend. Unranked areas (no value) are listed last with no bar.
    Takes the frame of ``analysis.premature.league_table``.
    """
    common.require_columns(frame, [area_col, value_col, grade_col, rank_col], "league_table_bar")
    data = _data(frame, area_col, value_col, lower_col, upper_col, grade_col, rank_col, selected_col, similar_col)

    fig = go.Figure()
    for word in [g for g in theme.GRADE_ORDER if g in set(data["grade"])] + sorted(
        set(data["grade"]) - set(theme.GRADE_ORDER)
    ):
        fig.add_trace(_bars(data[data["grade"] == word], word, comparator, decimals))
    _outline(fig, data[data["similar"]], "Similar areas", theme.SIMILAR_OUTLINE, 1.5)
    chosen = data[data["selected"]]
    if len(chosen):
        _outline(fig, chosen, f"{chosen['area'].iloc[0]} (selected)", theme.HIGHLIGHT, theme.HIGHLIGHT_LINE_WIDTH)
    if comparator_value is not None and not pd.isna(comparator_value):
        common.vertical_line(fig, comparator_value, name=f"{comparator}: {common.fmt(comparator_value, decimals)}",
                             line={"color": theme.ENGLAND_LINE, "width": 2}, showlegend=True, layer="above")

    fig.update_layout(
        barmode="overlay",
        height=max(400, 16 * len(data) + 200),
        legend={"title": {"text": f"Compared with {comparator}"}, "traceorder": "normal"},
        meta=common.meta("league_table_bar", highlight=chosen["area"].iloc[0] if len(chosen) else None,
                         n_areas=len(data), n_similar=int(data["similar"].sum()), comparator=comparator),
    )
    fig.update_yaxes(title_text="Area (rank, 1 = lowest rate)", type="category", categoryorder="array",
                     categoryarray=data["label"].tolist(), autorange="reversed", tickmode="array",
                     tickvals=data["label"].tolist(), ticktext=[_tick(r) for r in data.itertuples()])
    fig.update_xaxes(title_text=value_title, rangemode="tozero")
    return theme.apply_theme(fig, title=title, subtitle=subtitle, source=source)


def _data(frame: pd.DataFrame, area_col: str, value_col: str, lower_col: str | None, upper_col: str | None,
          grade_col: str, rank_col: str, selected_col: str, similar_col: str) -> pd.DataFrame:
    """The columns the chart draws, under fixed names, in rank order (unranked last), with axis labels."""
    data = pd.DataFrame({
        "area": frame[area_col].astype(str),
        "value": common.numbers(frame, value_col),
        "lower": common.numbers(frame, lower_col),
        "upper": common.numbers(frame, upper_col),
        "grade": frame[grade_col].fillna("Not graded").astype(str),
        "rank": pd.to_numeric(frame[rank_col], errors="coerce"),
        "selected": _flags(frame, selected_col),
        "similar": _flags(frame, similar_col),
    }).sort_values(["rank", "area"], na_position="last")
    data["label"] = [_label(r) for r in data.itertuples()]
    return data


def _flags(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame[column].fillna(False).astype(bool)


def _label(row: object) -> str:
    rank = row.rank  # type: ignore[attr-defined]
    return f"–. {row.area}" if pd.isna(rank) else f"{int(rank)}. {row.area}"  # type: ignore[attr-defined]


def _tick(row: object) -> str:
    if row.selected:  # type: ignore[attr-defined]
        return f"<b>{row.label}</b>"  # type: ignore[attr-defined]
    return f"<i>{row.label}</i>" if row.similar else row.label  # type: ignore[attr-defined]


def _hover(row: object, word: str, comparator: str, decimals: int) -> str:
    lines = [f"<b>{row.area}</b>", common.fmt(row.value, decimals)]  # type: ignore[attr-defined]
    if not (pd.isna(row.lower) or pd.isna(row.upper)):  # type: ignore[attr-defined]
        lines[-1] += f" (95% CI {common.fmt(row.lower, decimals)} to {common.fmt(row.upper, decimals)})"  # type: ignore[attr-defined]
    lines.append(f"{word} (compared with {comparator})")
    if row.similar:  # type: ignore[attr-defined]
        lines.append("One of the similar areas (same IMD 2019 decile)")
    return "<br>".join(lines)


def _bars(rows: pd.DataFrame, word: str, comparator: str, decimals: int) -> go.Bar:
    colour = theme.GRADE_COLOURS.get(word, theme.NOT_COMPARED)
    return go.Bar(
        orientation="h",
        x=rows["value"].tolist(),
        y=rows["label"].tolist(),
        name=word,
        marker={"color": colour, "line": {"width": 0}},
        error_x=common.ci_error(rows["value"], rows["lower"], rows["upper"]),
        hovertext=[_hover(r, word, comparator, decimals) for r in rows.itertuples()],
        hoverinfo="text",
    )


def _outline(fig: go.Figure, rows: pd.DataFrame, name: str, colour: str, width: float) -> None:
    """Outline-only bars over `rows` (listed in the legend), so the group shows without a new colour."""
    if rows.empty:
        return
    fig.add_trace(go.Bar(
        orientation="h",
        x=rows["value"].tolist(),
        y=rows["label"].tolist(),
        name=name,
        marker={"color": theme.TRANSPARENT, "line": {"color": colour, "width": width}},
        hoverinfo="skip",
    ))

"""Helpers shared by the chart modules: column checks, the tidy frame every chart draws from, number
formats, hover text, and the traces several charts draw (significance bars and markers, CI error bars,
reference lines, the chosen area's outline, the finishing theme)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator

import pandas as pd
import plotly.graph_objects as go

from charts import theme
from charts.presentation import Presentation


def require_columns(frame: pd.DataFrame, columns: Iterable[str | None], chart: str) -> None:
    """Raise ValueError naming every column `chart` needs that `frame` lacks (None entries are skipped)."""
    missing = [c for c in columns if c is not None and c not in frame.columns]
    if missing:
        raise ValueError(
            f"{chart} needs column(s) {', '.join(missing)}; the data has {', '.join(frame.columns)}"
        )


def numbers(frame: pd.DataFrame, column: str | None) -> pd.Series:
    """`frame[column]` as floats (NaN where missing or when the column is absent)."""
    if column is None or column not in frame.columns:
        return pd.Series(float("nan"), index=frame.index, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def words(frame: pd.DataFrame, label_col: str | None) -> pd.Series:
    """Significance category word per row ("Not compared" when the column is absent or blank)."""
    if label_col is None or label_col not in frame.columns:
        return pd.Series("Not compared", index=frame.index, dtype=object)
    return frame[label_col].map(theme.significance_word).astype(object)


def fmt(value: object, decimals: int = 1, unit: str = "") -> str:
    """A value for people: thousands separators, fixed decimals, unit ("%" sticks to the number)."""
    if value is None or pd.isna(value):
        return "no value"
    text = f"{float(value):,.{decimals}f}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def ci_error(value: pd.Series, lower: pd.Series, upper: pd.Series) -> dict | None:
    """Plotly error-bar spec (asymmetric, in data units) for 95% CIs, or None when no row has a CI."""
    if lower.isna().all() and upper.isna().all():
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": (upper - value).tolist(),
        "arrayminus": (value - lower).tolist(),
        "color": theme.TEXT,
        "thickness": 1.2,
        "width": 3,
    }


def hover(
    name: object,
    value: object,
    lower: object,
    upper: object,
    word: str,
    *,
    decimals: int = 1,
    unit: str = "",
    comparator: str = "England",
) -> str:
    """Hover text for one point: name, value with 95% CI, and the comparison in words."""
    lines = [f"<b>{name}</b>", fmt(value, decimals, unit)]
    if not (pd.isna(lower) or pd.isna(upper)):
        lines[-1] += f" (95% CI {fmt(lower, decimals)} to {fmt(upper, decimals)})"
    lines.append(comparison_phrase(word, comparator))
    return "<br>".join(lines)


def comparison_phrase(word: str, comparator: str = "England") -> str:
    """'Better than England', 'Similar to England', 'Not compared with England', …"""
    if word == "Similar":
        return f"Similar to {comparator}"
    if word == "Not compared":
        return f"Not compared with {comparator}"
    if word in theme.SIGNIFICANCE_COLOURS:
        return f"{word} than {comparator}"
    return f"{word} ({comparator} comparison)"


def wrap(label: object, width: int = 22) -> str:
    """Break a long label onto several lines for an axis (Plotly uses <br>)."""
    return "<br>".join(textwrap.wrap(str(label), width)) or str(label)


def present_categories(labels: Iterable[str]) -> list[str]:
    """The category words that occur, in Fingertips' legend order (unknown words last)."""
    seen = list(dict.fromkeys(labels))
    known = [w for w in theme.SIGNIFICANCE_ORDER if w in seen]
    return known + [w for w in seen if w not in theme.SIGNIFICANCE_ORDER]


def period_axis(periods: list[str], width_px: int = 560) -> tuple[int, int]:
    """(tick angle, source-line offset) for a category x axis of period labels.

    Labels are slanted when they would not fit side by side in about `width_px`; the source line under the
    chart is pushed down by the slanted labels' height.
    """
    longest = max((len(p) for p in periods), default=0)
    if len(periods) * (longest * 7 + 12) <= width_px:
        return 0, 60
    return -45, 60 + longest * 5


def meta(chart: str, **extra: object) -> dict:
    """The dict stored in `fig.layout.meta` so pages, exports and tests know what a figure is."""
    return {"chart": chart, **{k: v for k, v in extra.items() if v is not None}}


def vertical_line(fig: go.Figure, x: float, *, name: str, line: dict, **shape: object) -> None:
    """A full-height vertical line at data position `x` (extra shape options such as showlegend pass through)."""
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, name=name, line=line, **shape)


# --- the tidy frame and the chosen area ------------------------------------------------------------------


def tidy(
    frame: pd.DataFrame,
    value_col: str,
    lower_col: str | None = None,
    upper_col: str | None = None,
    label_col: str | None = None,
    **text_cols: str | None,
) -> pd.DataFrame:
    """The columns a chart draws, under fixed names: each `text_cols` name (e.g. area="area_name") as text
    ("" when the column is absent), then value, lower, upper (floats, NaN when absent) and word."""
    data = {
        name: frame[col].astype(str) if col in frame.columns else pd.Series("", index=frame.index, dtype=object)
        for name, col in text_cols.items()
    }
    return pd.DataFrame(
        {
            **data,
            "value": numbers(frame, value_col),
            "lower": numbers(frame, lower_col),
            "upper": numbers(frame, upper_col),
            "word": words(frame, label_col),
        }
    )


def chosen(data: pd.DataFrame, p: Presentation) -> pd.DataFrame:
    """Rows of a tidy frame whose `code` is the presentation's highlight (an area code); none without one."""
    if p.highlight is None or "code" not in data.columns:
        return data.iloc[:0]
    return data[data["code"] == str(p.highlight)]


def categories(data: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """(word, rows) for each significance word present in a tidy frame, in Fingertips' legend order."""
    for word in present_categories(data["word"]):
        yield word, data[data["word"] == word]


def hover_texts(rows: pd.DataFrame, names: Iterable[object], p: Presentation) -> list[str]:
    """Hover text for each row of a tidy frame: its name, value with 95% CI, and its comparison in words."""
    return [
        hover(name, r.value, r.lower, r.upper, r.word, decimals=p.decimals, unit=p.unit, comparator=p.comparator)
        for name, r in zip(names, rows.itertuples(), strict=True)
    ]


def selected_name(name: object) -> str:
    """Legend name of the chosen area's outline."""
    return f"{name} (selected)"


def highlight_line() -> dict:
    """The thick outline that marks the chosen area."""
    return {"color": theme.HIGHLIGHT, "width": theme.HIGHLIGHT_LINE_WIDTH}


# --- traces and shapes several charts draw ---------------------------------------------------------------


def significance_bars(rows: pd.DataFrame, y: str, word: str, p: Presentation, *, names: Iterable[object],
                      marker: dict | None = None, **extra: object) -> go.Bar:
    """Horizontal bars of one significance word: its colour, 95% CI error bars and hover text."""
    return go.Bar(
        orientation="h",
        x=rows["value"].tolist(),
        y=rows[y].tolist(),
        name=word,
        marker={"color": theme.significance_colour(word), **(marker or {})},
        error_x=ci_error(rows["value"], rows["lower"], rows["upper"]),
        hovertext=hover_texts(rows, names, p),
        hoverinfo="text",
        **extra,
    )


def outline_bar(rows: pd.DataFrame, y: str, name: str, p: Presentation) -> go.Bar:
    """The chosen area's bar again as a thick outline, its value written in bold inside the bar's end."""
    return go.Bar(
        orientation="h",
        x=rows["value"].tolist(),
        y=rows[y].tolist(),
        name=selected_name(name),
        marker={"color": theme.TRANSPARENT, "line": highlight_line()},
        text=[f"<b>{fmt(v, p.decimals)}</b>" for v in rows["value"]],
        textposition="inside",
        insidetextanchor="end",
        textfont={"color": theme.text_colour_on(theme.significance_colour(rows["word"].iloc[0]))},
        hoverinfo="skip",
    )


def significance_markers(x: list, y: list, word: str, *, name: str, hovertext: list[str], size: int,
                         outline: dict, symbol: str | None = None, **extra: object) -> go.Scatter:
    """Markers of one significance word in its colour (e.g. a trend's points, the chosen area's diamonds)."""
    marker = {"color": theme.significance_colour(word), "size": size, "line": outline}
    if symbol is not None:
        marker["symbol"] = symbol
    return go.Scatter(x=x, y=y, mode="markers", name=name, marker=marker, hovertext=hovertext,
                      hoverinfo="text", **extra)


def reference_line(fig: go.Figure, x: float, *, name: str, colour: str, dash: str | None = None) -> None:
    """A full-height vertical reference line (England, a region, a centre) listed in the legend."""
    line = {"color": colour, "width": 2, **({"dash": dash} if dash else {})}
    vertical_line(fig, x, name=name, line=line, showlegend=True, layer="above")


def value_line(fig: go.Figure, value: float | None, label: str, p: Presentation, *, colour: str,
               dash: str | None = None) -> None:
    """A reference line at `value` named "label: value" (nothing when the value is missing)."""
    if value is None or pd.isna(value):
        return
    reference_line(fig, value, name=f"{label}: {fmt(value, p.decimals, p.unit)}", colour=colour, dash=dash)


def finish(fig: go.Figure, p: Presentation, *, source_offset: int = 60) -> go.Figure:
    """The theme, title, subtitle and source line, then the presentation's size when it sets one."""
    theme.apply_theme(fig, title=p.title, subtitle=p.subtitle, source=p.source, source_offset=source_offset)
    if p.width is not None:
        fig.update_layout(width=p.width)
    if p.height is not None:
        fig.update_layout(height=p.height)
    return fig

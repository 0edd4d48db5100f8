"""Small helpers shared by the chart modules: column checks, number formats, CI bars, hover text."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from charts import theme


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

"""Plain-English descriptions of charts, written from the same data the chart draws (for alt text and
screen readers). Pure: no Plotly, no I/O.

Example::

    alt_text("compare_bar", frame, indicator_name="Healthy life expectancy at birth", area_name="Blackpool",
             period="2021 - 23", place="North West region", comparator_value=63.1, unit="years")
    -> "Bar chart of Healthy life expectancy at birth for 16 areas in North West region, 2021 - 23.
        Blackpool: 53.1 years, significantly worse than England (63.1). ..."
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from charts import common, theme

DEFAULT_COLUMNS: dict[str, str] = {
    "area": "area_name",
    "value": "value",
    "label": "significance",
    "period": "time_period",
    "category": "category",
}


@dataclass(frozen=True)
class _Context:
    indicator: str
    area: str | None
    period: str | None
    place: str | None
    comparator: str
    comparator_value: float | None
    unit: str
    decimals: int
    cols: dict[str, str]

    def value(self, v: object) -> str:
        return common.fmt(v, self.decimals, self.unit)

    def compared(self, word: str, with_value: bool = True) -> str:
        """'significantly worse than England (63.1)', 'similar to England', …"""
        phrase = significance_phrase(word, self.comparator)
        if with_value and self.comparator_value is not None and not pd.isna(self.comparator_value):
            phrase += f" ({common.fmt(self.comparator_value, self.decimals)})"
        return phrase


def significance_phrase(word: str, comparator: str = "England") -> str:
    """A comparison word as a phrase: 'Worse' -> 'significantly worse than England'."""
    word = theme.significance_word(word)
    if word == "Similar":
        return f"similar to {comparator}"
    if word == "Not compared":
        return f"not compared with {comparator}"
    if word in theme.SIGNIFICANCE_COLOURS:
        return f"significantly {word.lower()} than {comparator}"
    return f"{word} compared with {comparator}"


def alt_text(
    kind: str,
    frame: pd.DataFrame,
    *,
    indicator_name: str,
    area_name: str | None = None,
    period: str | None = None,
    place: str | None = None,
    comparator: str = "England",
    comparator_value: float | None = None,
    unit: str = "",
    decimals: int = 1,
    columns: Mapping[str, str] | None = None,
) -> str:
    """Describe a chart of `kind` (a chart function's name) drawn from `frame`.

    `place` says where the areas are ("North West region"); `comparator_value` is England's value for the
    period shown; `columns` overrides DEFAULT_COLUMNS roles (area, value, label, period, category). For
    "spine", `frame` has the spine chart's columns (charts.spine.SPINE_COLUMNS).
    """
    if kind not in _WRITERS:
        raise ValueError(f"alt_text knows {', '.join(_WRITERS)}, not {kind!r}")
    ctx = _Context(
        indicator_name,
        area_name,
        period,
        place,
        comparator,
        comparator_value,
        unit,
        decimals,
        {**DEFAULT_COLUMNS, **(columns or {})},
    )
    if frame.empty:
        return f"No data to show for {indicator_name}{_at(period)}."
    return " ".join(s for s in _WRITERS[kind](frame, ctx) if s)


def _at(period: str | None) -> str:
    return f", {period}" if period else ""


def _col(frame: pd.DataFrame, ctx: _Context, role: str) -> pd.Series:
    column = ctx.cols[role]
    if role == "label":
        return common.words(frame, column)
    if role == "value":
        return common.numbers(frame, column)
    if column not in frame.columns:
        raise ValueError(
            f"alt_text needs column {column!r} ({role}); the data has {', '.join(frame.columns)}"
        )
    return frame[column].astype(str)


def _counts(words: pd.Series, comparator: str) -> str:
    """'Compared with England: 9 significantly worse, 5 similar, 2 significantly better.'"""
    counts = words.value_counts()
    parts = []
    for word in common.present_categories(words):
        phrase = significance_phrase(word, comparator).removesuffix(f" {comparator}")
        phrase = phrase.removesuffix(" than").removesuffix(" to").removesuffix(" with")
        parts.append(f"{counts[word]} {phrase}")
    return f"Compared with {comparator}: {', '.join(parts)}." if parts else ""


def _area_sentence(frame: pd.DataFrame, ctx: _Context) -> str:
    if not ctx.area:
        return ""
    rows = frame[_col(frame, ctx, "area") == ctx.area]
    if rows.empty:
        return f"{ctx.area} has no value."
    value, word = _col(rows, ctx, "value").iloc[0], _col(rows, ctx, "label").iloc[0]
    return f"{ctx.area}: {ctx.value(value)}, {ctx.compared(word)}."


def _range_sentence(frame: pd.DataFrame, ctx: _Context) -> str:
    values, names = _col(frame, ctx, "value"), _col(frame, ctx, "area")
    if values.notna().sum() < 2:
        return ""
    lo, hi = values.idxmin(), values.idxmax()
    return (
        f"Values range from {ctx.value(values[lo])} ({names[lo]}) to {ctx.value(values[hi])} ({names[hi]})."
    )


def _areas(kind_word: str) -> Callable[[pd.DataFrame, _Context], list[str]]:
    """Writer for charts of many areas in one period (bar chart, map)."""

    def write(frame: pd.DataFrame, ctx: _Context) -> list[str]:
        where = f" in {ctx.place}" if ctx.place else ""
        return [
            f"{kind_word} of {ctx.indicator} for {len(frame)} areas{where}{_at(ctx.period)}.",
            _area_sentence(frame, ctx),
            _counts(_col(frame, ctx, "label"), ctx.comparator),
            _range_sentence(frame, ctx),
        ]

    return write


def _trend(frame: pd.DataFrame, ctx: _Context) -> list[str]:
    periods, values = _col(frame, ctx, "period"), _col(frame, ctx, "value")
    words = _col(frame, ctx, "label")
    area = ctx.area or "the area"
    first, last = periods.iloc[0], periods.iloc[-1]
    sentences = [f"Line chart of {ctx.indicator} for {area} over {len(frame)} periods, {first} to {last}."]
    sentences.append(f"Latest value ({last}): {ctx.value(values.iloc[-1])}, {ctx.compared(words.iloc[-1])}.")
    if len(frame) > 1:
        change = values.iloc[-1] - values.iloc[0]
        direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
        if pd.isna(change):
            direction = "not comparable"
        sentences.append(f"In {first} it was {ctx.value(values.iloc[0])} ({direction} since then).")
    return sentences


def _box(frame: pd.DataFrame, ctx: _Context) -> list[str]:
    periods, values = _col(frame, ctx, "period"), _col(frame, ctx, "value")
    order = list(dict.fromkeys(periods))
    last = values[periods == order[-1]]
    where = f" in {ctx.place}" if ctx.place else ""
    n_areas = _col(frame, ctx, "area").nunique() if ctx.cols["area"] in frame.columns else len(last)
    sentences = [
        f"Box plot of {ctx.indicator} across {n_areas} areas{where} for {len(order)} periods, "
        f"{order[0]} to {order[-1]}.",
        f"In {order[-1]} the median was {ctx.value(last.median())} (lowest {ctx.value(last.min())}, "
        f"highest {ctx.value(last.max())}).",
    ]
    if ctx.area and ctx.cols["area"] in frame.columns:
        latest = frame[(periods == order[-1]) & (_col(frame, ctx, "area") == ctx.area)]
        if len(latest):
            word = _col(latest, ctx, "label").iloc[0]
            sentences.append(
                f"{ctx.area} in {order[-1]}: {ctx.value(_col(latest, ctx, 'value').iloc[0])}, "
                f"{ctx.compared(word, with_value=False)}."
            )
    return sentences


def _inequality(frame: pd.DataFrame, ctx: _Context) -> list[str]:
    cats, values = _col(frame, ctx, "category"), _col(frame, ctx, "value")
    area = f" for {ctx.area}" if ctx.area else ""
    sentences = [f"Bar chart of {ctx.indicator} by {len(frame)} categories{area}{_at(ctx.period)}."]
    if values.notna().any():
        hi, lo = values.idxmax(), values.idxmin()
        sentences.append(
            f"Highest: {cats[hi]} ({ctx.value(values[hi])}); lowest: {cats[lo]} ({ctx.value(values[lo])})."
        )
    if ctx.comparator_value is not None:
        sentences.append(f"{ctx.comparator} overall: {ctx.value(ctx.comparator_value)}.")
    return sentences


def _spine(frame: pd.DataFrame, ctx: _Context) -> list[str]:
    words = common.words(frame, "significance")
    area = ctx.area or "the area"
    sentences = [
        f"Spine chart of {len(frame)} indicators for {area}{_at(ctx.period)}, each placed between "
        f"the worst and best areas with {ctx.comparator} in the centre."
    ]
    sentences.append(_counts(words, ctx.comparator))
    worse = frame.loc[words == "Worse", "indicator_name"].astype(str).tolist()
    if worse:
        sentences.append(f"Significantly worse: {'; '.join(worse)}.")
    return sentences


_WRITERS: dict[str, Callable[[pd.DataFrame, _Context], list[str]]] = {
    "compare_bar": _areas("Bar chart"),
    "choropleth": _areas("Map"),
    "trend_line": _trend,
    "distribution_box": _box,
    "inequality_bar": _inequality,
    "spine": _spine,
}

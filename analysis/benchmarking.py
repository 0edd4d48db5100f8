"""Fingertips' benchmarking: an area's value compared with a comparator (England, region).

Method (as Fingertips' web service does it, ukhsa-collaboration/fingertips-open,
PholioVisualisationWS/Analysis/SingleOverlappingCIsForOneCILevelComparer.cs and IndicatorComparer.cs):

1. No comparison ("Not compared") when the polarity is "Not applicable", the method is "No comparison"
   or quintiles (not a CI comparison), or the value, the comparator value or the CI limits are missing.
2. If the comparator value lies inside the area's CI -- 95% or 99.8% as the indicator's
   "Benchmark Comparison Method" says (95% when unset) -- the area is "Similar". The limits count as
   inside (`lower <= comparator <= upper`), so equality at a limit is Similar.
3. Otherwise the area is higher when its value is above the comparator, lower when below.
4. Polarity turns higher/lower into words: "High is good" -> Better/Worse, "Low is good" ->
   Worse/Better, no judgement (incl. BOB "Blue orange blue" and unset) -> Higher/Lower.

Quintiles (QuintilesComparer.cs + ValueCategoriesCalculator.cs): bounds are the minimum, the 20th,
40th, 60th and 80th percentiles (linear interpolation between ranks, numpy's default) and the maximum
of the valid values; a value takes the first bound it is <= to. At least 5 values are needed. Words
follow FingertipsNext's benchmark legend (dhsc-govuk/FingertipsNext, BenchmarkLegend):
"Lowest, Low, Middle, High, Highest" without judgement and "Worst, Worse, Middle, Better, Best" with
a polarity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

BETTER, SIMILAR, WORSE = "Better", "Similar", "Worse"
HIGHER, LOWER, NOT_COMPARED = "Higher", "Lower", "Not compared"

HIGH_IS_GOOD, LOW_IS_GOOD = "High is good", "Low is good"
NO_JUDGEMENT, NOT_APPLICABLE = "No judgement", "Not applicable"

QUINTILE_WORDS = ("Lowest", "Low", "Middle", "High", "Highest")
QUINTILE_WORDS_JUDGED = ("Worst", "Worse", "Middle", "Better", "Best")  # worst first

_LEVELS = (95.0, 99.8)


@dataclass(frozen=True)
class BenchmarkParams:
    """Options for `label_significance`.

    default_level: CI level used when the benchmark method is empty (Fingertips' usual 95%).
    not_compared_notes: regex; rows whose value_note matches are "Not compared" even with a value
        (suppressed or not-calculable values sometimes keep a placeholder number).
    """

    default_level: float = 95.0
    not_compared_notes: str = r"suppress|cannot be calculated"

    def __post_init__(self) -> None:
        if self.default_level not in _LEVELS:
            raise ValueError(f"default_level must be one of {_LEVELS}")


def normalise_polarity(polarity: object) -> str:
    """Fingertips' polarity in one of four words, from metadata or API wording (the one reading of
    polarity; store.importer.stored_polarity only tidies the text it stores).

    Accepts "High is good", "RAG - High is good", "High is good (123 labelled rows)",
    "Higher is better" and the Low equivalents; "BOB - Blue orange blue", "No judgement",
    empty or NA give "No judgement"; "Not applicable" stays as it is.
    """
    if polarity is None or polarity is pd.NA or (isinstance(polarity, float) and np.isnan(polarity)):
        return NO_JUDGEMENT
    text = str(polarity).strip().lower()
    text = re.sub(r"^rag\s*-\s*", "", text)
    if text.startswith(("high is good", "higher is better")):
        return HIGH_IS_GOOD
    if text.startswith(("low is good", "lower is better")):
        return LOW_IS_GOOD
    if text.startswith("not applicable"):
        return NOT_APPLICABLE
    return NO_JUDGEMENT


def confidence_level(method: object, default: float = 95.0) -> float | None:
    """The CI level a benchmark method compares at: 95.0, 99.8, `default` when unset, or None when the
    method is no CI comparison (quintiles, no comparison)."""
    if method is None or method is pd.NA or (isinstance(method, float) and np.isnan(method)):
        return default
    text = str(method).strip().lower()
    if not text:
        return default
    if "confidence interval" not in text:
        return None  # "Quintiles", "Quartiles", "No comparison", other methods
    return 99.8 if "99.8" in text else 95.0


def _per_row(frame: pd.DataFrame, column: str, func) -> pd.Series:
    """func applied to each distinct value of `column` (to None for every row when it is absent)."""
    if column not in frame:
        return pd.Series([func(None)] * len(frame), index=frame.index, dtype=object)
    values = frame[column].astype(object)
    return values.map({v: func(v) for v in pd.unique(values)})


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def label_significance(frame: pd.DataFrame, params: BenchmarkParams = BenchmarkParams()) -> pd.Series:
    """Fingertips' comparison label for every row, in Fingertips' words.

    Columns used: value, lower_ci_95, upper_ci_95, lower_ci_99_8, upper_ci_99_8, comparator_value,
    benchmark_method (optional), polarity (optional) and value_note (optional). Returns a Series of
    Better / Similar / Worse / Higher / Lower / Not compared aligned with `frame`.
    """
    levels = _per_row(frame, "benchmark_method", lambda m: confidence_level(m, params.default_level))
    polarity = _per_row(frame, "polarity", normalise_polarity)

    use_998 = (levels == 99.8).to_numpy()
    lower = np.where(use_998, _numbers(frame, "lower_ci_99_8"), _numbers(frame, "lower_ci_95"))
    upper = np.where(use_998, _numbers(frame, "upper_ci_99_8"), _numbers(frame, "upper_ci_95"))
    value, comparator = _numbers(frame, "value"), _numbers(frame, "comparator_value")

    comparable = (
        levels.notna().to_numpy()
        & (polarity != NOT_APPLICABLE).to_numpy()
        & ~np.isnan(value)
        & ~np.isnan(comparator)
        & ~np.isnan(lower)
        & ~np.isnan(upper)
    )
    if "value_note" in frame:
        notes = frame["value_note"].astype("string").fillna("")
        comparable &= ~notes.str.contains(params.not_compared_notes, case=False, regex=True).to_numpy()

    with np.errstate(invalid="ignore"):
        similar = (lower <= comparator) & (comparator <= upper)
        higher = value > comparator
    high_good = (polarity == HIGH_IS_GOOD).to_numpy()
    low_good = (polarity == LOW_IS_GOOD).to_numpy()
    above = np.where(high_good, BETTER, np.where(low_good, WORSE, HIGHER))
    below = np.where(high_good, WORSE, np.where(low_good, BETTER, LOWER))
    labels = np.where(similar, SIMILAR, np.where(higher, above, below))
    return pd.Series(np.where(comparable, labels, NOT_COMPARED), index=frame.index, name="significance")


def quintile_bounds(values: pd.Series) -> np.ndarray | None:
    """Fingertips' quintile bounds [min, P20, P40, P60, P80, max], or None with fewer than 5 values."""
    valid = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    if len(valid) < 5:
        return None
    return np.round(np.quantile(valid, np.linspace(0, 1, 6)), 10)


def quintile_labels(values: pd.Series, polarity: object = None) -> pd.Series:
    """Each value's quintile among `values` (e.g. all areas of one type), in Fingertips' words.

    No judgement: Lowest, Low, Middle, High, Highest. "High is good": the top quintile is Best;
    "Low is good": the bottom quintile is Best. Missing values, or fewer than 5 values, give
    "Not compared".
    """
    numbers = pd.to_numeric(values, errors="coerce")
    out = pd.Series(NOT_COMPARED, index=values.index, name="quintile", dtype=object)
    bounds = quintile_bounds(numbers)
    if bounds is None:
        return out
    valid = numbers.notna()
    # first bound index (1..5) the value is <= to; values equal to the minimum land in quintile 1
    bins = np.searchsorted(bounds[1:], numbers[valid].to_numpy(dtype=float), side="left")
    bins = np.clip(bins, 0, 4)
    direction = normalise_polarity(polarity)
    if direction == HIGH_IS_GOOD:
        words = np.array(QUINTILE_WORDS_JUDGED)[bins]
    elif direction == LOW_IS_GOOD:
        words = np.array(QUINTILE_WORDS_JUDGED[::-1])[bins]
    else:
        words = np.array(QUINTILE_WORDS)[bins]
    out[valid] = words
    return out

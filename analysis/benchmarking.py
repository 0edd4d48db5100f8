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


def method_choices(frame: pd.DataFrame, default_level: float = 95.0) -> tuple[list[str], list[float]]:
    """Each row's comparator method (analysis.methods' names) and CI level (0.95 / 0.998) from its
    `benchmark_method` text (analysis.methods.method_for_metadata); empty text -> CI overlap at
    `default_level`."""
    from analysis.methods.comparison import method_for_metadata  # methods read this module's words

    def choose(text: object) -> tuple[str, float]:
        blank = text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)) or not str(text).strip()
        if blank:
            return "ci_overlap", default_level / 100
        choice = method_for_metadata(text)
        return choice.method, choice.confidence or 0.95

    chosen = _per_row(frame, "benchmark_method", choose)
    return [c[0] for c in chosen], [c[1] for c in chosen]


_NOT_CI = ("quintiles", "quartiles", "none")  # banded among areas (see quintile_labels) or never compared


def label_significance(frame: pd.DataFrame, params: BenchmarkParams = BenchmarkParams()) -> pd.Series:
    """Fingertips' comparison label for every row, in Fingertips' words (one implementation:
    analysis.methods.compare, with the method each row's `benchmark_method` names).

    Columns used: value, lower_ci_95, upper_ci_95, lower_ci_99_8, upper_ci_99_8, comparator_value,
    benchmark_method, polarity, value_note, denominator and multiplier (SPC methods), comparator_lower /
    comparator_upper (and their _99_8 pair; double overlap); all but value optional. Returns a Series of Better / Similar /
    Worse / Higher / Lower / Not compared aligned with `frame` (the " 95" / " 99.8" of Fingertips' two-level
    words is dropped; quintile and quartile methods are "Not compared" here, see `quintile_labels`).
    """
    from analysis.methods.comparison import compare

    out = np.full(len(frame), NOT_COMPARED, dtype=object)
    methods, levels = method_choices(frame, params.default_level)
    polarity = _per_row(frame, "polarity", normalise_polarity).to_numpy(dtype=object)
    col = {c: _numbers(frame, c) for c in ("value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8",
                                           "comparator_value", "comparator_lower", "comparator_upper",
                                           "comparator_lower_99_8", "comparator_upper_99_8", "denominator",
                                           "multiplier")}
    keys = pd.Series(list(zip(methods, levels, polarity)), dtype=object)
    for (method, level, side), index in keys.groupby(keys).groups.items() if len(keys) else ():
        if method in _NOT_CI:
            continue
        i = np.asarray(index)
        at_998 = level == 0.998
        scale = col["multiplier"][i]
        out[i] = compare(
            col["value"][i], col["lower_ci_99_8" if at_998 else "lower_ci_95"][i],
            col["upper_ci_99_8" if at_998 else "upper_ci_95"][i], col["comparator_value"][i],
            col["comparator_lower_99_8" if at_998 else "comparator_lower"][i],
            col["comparator_upper_99_8" if at_998 else "comparator_upper"][i], method=method, polarity=side,
            denominator=col["denominator"][i], confidence=level, lower_998=col["lower_ci_99_8"][i],
            upper_998=col["upper_ci_99_8"][i], multiplier=float(scale[0]) if np.isfinite(scale).all() and len(
                set(scale)) == 1 else None)
    words = pd.Series(out, index=frame.index, name="significance").str.replace(r" (95|99\.8)$", "", regex=True)
    if "value_note" in frame:
        notes = frame["value_note"].astype("string").fillna("")
        words[notes.str.contains(params.not_compared_notes, case=False, regex=True).to_numpy()] = NOT_COMPARED
    return words.astype(object)


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

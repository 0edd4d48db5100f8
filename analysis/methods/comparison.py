"""Fingertips' comparator methods: an area's value against a comparator (England, region ...).

Every method of Fingertips' web service (ukhsa-collaboration/fingertips-open,
PholioVisualisationWS/Analysis: IndicatorComparerFactory and the comparers), in the words Fingertips
writes in its bulk CSVs ("Compared to England value or percentiles"):
- ci_overlap (id 1; 18 = the second CI level): the comparator value inside the area's CI (95% or
  99.8% by `confidence`, limits inclusive) -> Similar, else higher/lower.
- two_levels (id 17): both levels at once; higher/lower at 99.8% is written "<word> 99.8" (e.g.
  "Higher 99.8", seen in the sample), at 95% only "<word> 95" (assumed by analogy; the sample holds
  none).
- double_overlap (id 12): the area's CI and the comparator's CI overlap -> Similar.
- spc_proportion (id 5): control limits around the comparator proportion for the area's denominator
  (a Wilson-type quadratic), the value outside them -> higher/lower.
- spc_dsr (id 6): exact Poisson control limits of the events expected at the comparator rate in the
  area's population (PoisLow/PoisHigh), the value outside them -> higher/lower.
- quintiles (15) / quartiles (16): the value's band among all values given (analysis.benchmarking's
  bounds and words); none (-1): Not compared.
Polarity turns higher/lower into Better/Worse ("High is good" / "Low is good"); any other polarity
gives Higher/Lower; "Not applicable", a missing value or missing limits give "Not compared".
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from analysis.benchmarking import (
    BETTER,
    HIGH_IS_GOOD,
    HIGHER,
    LOW_IS_GOOD,
    LOWER,
    NOT_APPLICABLE,
    NOT_COMPARED,
    QUINTILE_WORDS,
    QUINTILE_WORDS_JUDGED,
    SIMILAR,
    WORSE,
    normalise_polarity,
    quintile_bounds,
)
from analysis.methods import _validate as v
from analysis.methods.rates import exact_poisson_limits

METHODS = ("ci_overlap", "two_levels", "double_overlap", "spc_proportion", "spc_dsr", "quintiles", "quartiles",
           "none")
COMPARATOR_METHOD_IDS = {-1: "none", 1: "ci_overlap", 5: "spc_proportion", 6: "spc_dsr", 12: "double_overlap",
                         15: "quintiles", 16: "quartiles", 17: "two_levels", 18: "ci_overlap"}
"""Fingertips' ComparatorMethodIds (fingertips-open Constants.cs) -> method name. 18 compares at the
second CI level (99.8%); 14 (suicide prevention plan, a bespoke target) has no method here."""
QUARTILE_WORDS = ("Lowest", "Low", "High", "Highest")
QUARTILE_WORDS_JUDGED = ("Worst", "Worse", "Better", "Best")


class MethodChoice(NamedTuple):
    method: str
    confidence: float | None


def method_for_metadata(text: object) -> MethodChoice:
    """The method (and CI level) a "Benchmark Comparison Method" text in Fingertips' metadata names.

    "Confidence intervals overlapping reference value (95.0)" -> ci_overlap at 0.95, "(99.8)" -> 0.998,
    both numbers -> two_levels; "Quintiles", "Quartiles", "No comparison" -> those; "double" or "both
    confidence intervals" -> double_overlap; "SPC"/"control limit" -> spc_dsr when it says DSR/rate,
    else spc_proportion. Empty or missing: ci_overlap at 95% (Fingertips' usual default).
    """
    if text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)) or not str(text).strip():
        return MethodChoice("ci_overlap", 0.95)
    t = str(text).strip().lower()
    if "quintile" in t:
        return MethodChoice("quintiles", None)
    if "quartile" in t:
        return MethodChoice("quartiles", None)
    if "no comparison" in t:
        return MethodChoice("none", None)
    if "spc" in t or "control limit" in t:
        return MethodChoice("spc_dsr" if ("dsr" in t or "rate" in t) else "spc_proportion", 0.998 if "99.8" in t else 0.95)
    if "double" in t or "both confidence" in t:
        return MethodChoice("double_overlap", 0.998 if "99.8" in t else 0.95)
    if "95" in t and "99.8" in t:
        return MethodChoice("two_levels", None)
    return MethodChoice("ci_overlap", 0.998 if "99.8" in t else 0.95)


def _words(direction: np.ndarray, polarity: str, suffix: str = "") -> np.ndarray:
    """+1 higher / -1 lower / 0 similar in Fingertips' words for the polarity (NaN -> Not compared)."""
    up, down = {HIGH_IS_GOOD: (BETTER, WORSE), LOW_IS_GOOD: (WORSE, BETTER)}.get(polarity, (HIGHER, LOWER))
    out = np.where(direction > 0, up + suffix, np.where(direction < 0, down + suffix, SIMILAR))
    return np.where(np.isnan(direction), NOT_COMPARED, out).astype(object)


def _num(values: Any, name: str, size: int) -> np.ndarray:
    if values is None:
        return np.full(size, np.nan)
    return np.broadcast_to(v.as_float_array(values, name), (size,)).astype(float)


def _ci_overlap(value: np.ndarray, lower: np.ndarray, upper: np.ndarray, comparator: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        direction = np.where((lower <= comparator) & (comparator <= upper), 0.0, np.sign(value - comparator))
    return np.where(np.isnan(value + lower + upper + comparator), np.nan, direction)


def _double_overlap(value, lower, upper, comparator, c_lower, c_upper) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        overlap = np.where(comparator < value, lower <= c_upper, c_lower <= upper)
        direction = np.where(overlap, 0.0, np.where(value < comparator, -1.0, 1.0))
    return np.where(np.isnan(value + lower + upper + comparator + c_lower + c_upper), np.nan, direction)


def _outside(value: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """GetSignificanceFromSDs: above the upper limit -> higher, below the lower -> lower."""
    with np.errstate(invalid="ignore"):
        direction = np.where(high < value, 1.0, np.where(low > value, -1.0, 0.0))
    return np.where(np.isnan(value + low + high), np.nan, direction)


def spc_proportion_limits(comparator: Any, denominator: Any, confidence: float = 0.95,
                          multiplier: float = 100) -> tuple[np.ndarray, np.ndarray]:
    """Fingertips' SPC control limits for a proportion (SpcForProportionsComparer), on the value's scale."""
    z = v.z_value(v.check_confidence(confidence))
    p0 = v.as_float_array(comparator, "The comparator") / multiplier
    n1 = v.as_float_array(denominator, "The denominator")
    e1 = n1 * p0
    with np.errstate(invalid="ignore", divide="ignore"):
        b = z * np.sqrt(z**2 + 4 * e1 * (1 - e1 / n1))
        a, c = 2 * e1 + z**2, 2 * (n1 + z**2)
        return (a - b) / c * multiplier, (a + b) / c * multiplier


def spc_dsr_limits(comparator: Any, population: Any, confidence: float = 0.95,
                   multiplier: float = 100000) -> tuple[np.ndarray, np.ndarray]:
    """Fingertips' SPC control limits for a rate (SpcForDsrComparer): exact Poisson limits of the events
    expected at the comparator rate, per population, on the value's scale."""
    level = v.check_confidence(confidence)
    pop = v.as_float_array(population, "The population")
    expected = v.as_float_array(comparator, "The comparator") * pop / multiplier
    low, high = exact_poisson_limits(np.nan_to_num(expected, nan=0.0), level)
    with np.errstate(invalid="ignore", divide="ignore"):
        low, high = low / pop * multiplier, high / pop * multiplier
    bad = np.isnan(expected) | ~(pop > 0)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def _bands(value: np.ndarray, polarity: str, bins: int) -> np.ndarray:
    words, judged = (QUINTILE_WORDS, QUINTILE_WORDS_JUDGED) if bins == 5 else (QUARTILE_WORDS, QUARTILE_WORDS_JUDGED)
    out = np.full(value.shape, NOT_COMPARED, dtype=object)
    valid = ~np.isnan(value)
    if valid.sum() < bins:
        return out
    bounds = quintile_bounds(pd.Series(value)) if bins == 5 else np.round(np.quantile(value[valid], np.linspace(0, 1, 5)), 10)
    assert bounds is not None
    index = np.clip(np.searchsorted(bounds[1:], value[valid], side="left"), 0, bins - 1)
    chosen = judged if polarity == HIGH_IS_GOOD else judged[::-1] if polarity == LOW_IS_GOOD else words
    out[valid] = np.array(chosen)[index]
    return out


class _Inputs(NamedTuple):
    value: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    comparator: np.ndarray
    comparator_lower: np.ndarray
    comparator_upper: np.ndarray
    lower_998: np.ndarray
    upper_998: np.ndarray
    denominator: np.ndarray
    confidence: float
    multiplier: float


def _two_levels(x: _Inputs, polarity: str) -> np.ndarray:
    """SingleOverlappingCIsForTwoCILevelsComparer: 95% limits in lower/upper, 99.8% in lower_998/upper_998."""
    at_998 = _ci_overlap(x.value, x.lower_998, x.upper_998, x.comparator)
    at_95 = _ci_overlap(x.value, x.lower, x.upper, x.comparator)
    words = np.where(at_998 != 0, _words(at_998, polarity, " 99.8"), _words(at_95, polarity, " 95"))
    return np.where(np.isnan(at_998 + at_95), NOT_COMPARED, words).astype(object)


def _directional(method: str, x: _Inputs) -> np.ndarray:
    if method == "ci_overlap":
        return _ci_overlap(x.value, x.lower, x.upper, x.comparator)
    if method == "double_overlap":
        return _double_overlap(x.value, x.lower, x.upper, x.comparator, x.comparator_lower, x.comparator_upper)
    if method == "spc_proportion":
        low, high = spc_proportion_limits(x.comparator, x.denominator, x.confidence, x.multiplier)
        return _outside(x.value, low, high)
    low, high = spc_dsr_limits(x.comparator, x.denominator, x.confidence, x.multiplier)
    return _outside(x.value, low, high)


def compare(value: Any, lower: Any = None, upper: Any = None, comparator: Any = None, comparator_lower: Any = None,
            comparator_upper: Any = None, *, method: str, polarity: object, count: Any = None,
            denominator: Any = None, comparator_count: Any = None, comparator_denominator: Any = None,
            confidence: float = 0.95, lower_998: Any = None, upper_998: Any = None,
            multiplier: float | None = None) -> np.ndarray:
    """Fingertips' comparison words for each area (an object array of strings).

    method: one of METHODS (see the module docstring; `COMPARATOR_METHOD_IDS` and `method_for_metadata`
    map Fingertips' ids and metadata text to them). lower/upper are the area's limits at `confidence`
    (for two_levels: the 95% limits, with the 99.8% ones in lower_998/upper_998). spc_proportion needs
    `denominator` (people) and spc_dsr `denominator` (population); multiplier is the value's scale
    (default 100 for proportions, 100,000 for rates). quintiles/quartiles band `value` among all values
    given. count, comparator_count and comparator_denominator are accepted for symmetry and unused by
    Fingertips' comparers. Method reference: fingertips-open PholioVisualisationWS/Analysis.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown comparison method {method!r}; use one of: {', '.join(METHODS)}.")
    level = v.check_confidence(confidence)
    direction = normalise_polarity(polarity)
    values = v.as_float_array(value, "The value").reshape(-1)
    size = values.size
    if method in ("quintiles", "quartiles"):
        return _bands(values, direction, 5 if method == "quintiles" else 4)
    if method == "none" or direction == NOT_APPLICABLE:
        return np.full(size, NOT_COMPARED, dtype=object)
    scale = multiplier if multiplier is not None else (100.0 if method == "spc_proportion" else 100000.0)
    x = _Inputs(values, _num(lower, "The lower limit", size), _num(upper, "The upper limit", size),
                _num(comparator, "The comparator", size), _num(comparator_lower, "The comparator's lower limit", size),
                _num(comparator_upper, "The comparator's upper limit", size), _num(lower_998, "The 99.8% lower limit", size),
                _num(upper_998, "The 99.8% upper limit", size), _num(denominator, "The denominator", size), level,
                v.check_multiplier(scale))
    if method == "two_levels":
        return _two_levels(x, direction)
    return _words(_directional(method, x), direction)

"""Confidence limits for counts and crude rates: Byar's method, exact Poisson below 10 events.

As PHEindicatormethods' `phe_rate` / `byars_lower` / `byars_upper`.
References: Breslow NE & Day NE (1987) Statistical methods in cancer research, volume II, IARC
(Byar's approximation); exact Poisson limits from the chi-squared distribution (Garwood 1936).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from analysis.methods import _validate as v

EXACT_BELOW = 10  # PHE: exact Poisson limits when fewer than 10 events


def byars_lower(count: Any, confidence: float = 0.95) -> np.ndarray:
    """Byar's lower limit of an observed count (NaN where the approximation goes below zero).

    As PHEindicatormethods `byars_lower`: x (1 - 1/(9x) - z/(3 sqrt x))^3.
    """
    x = _counts(count)
    z = v.z_value(v.check_confidence(confidence))
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
    return np.where(lower < 0, np.nan, lower)


def byars_upper(count: Any, confidence: float = 0.95) -> np.ndarray:
    """Byar's upper limit of an observed count: (x+1) (1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))^3."""
    x = _counts(count)
    z = v.z_value(v.check_confidence(confidence))
    with np.errstate(invalid="ignore"):
        return (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3


def exact_poisson_limits(count: Any, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact Poisson limits of a count: chi2(a/2, 2x)/2 and chi2(1-a/2, 2x+2)/2 (lower 0 for x = 0).

    Non-integer counts (expected events) use the integers that bound them, as Fingertips'
    PoisLow/PoisHigh do.
    """
    x = _counts(count)
    alpha = 1 - v.check_confidence(confidence)
    with np.errstate(invalid="ignore"):
        low_k = np.ceil(x - 1e-9)
        lower = np.where(low_k > 0, special.gammaincinv(np.maximum(low_k, 1), alpha / 2), 0.0)
        upper = special.gammaincinv(np.floor(x + 1e-9) + 1, 1 - alpha / 2)
    lower = np.where(np.isnan(x), np.nan, lower)
    return lower, upper


def poisson_count_limits(count: Any, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """PHE's limits for a count: exact Poisson below 10 events, Byar's from 10 up."""
    x = _counts(count)
    use_exact = x < EXACT_BELOW
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = x * (1 - 1 / (9 * x) - v.z_value(v.check_confidence(confidence)) / (3 * np.sqrt(x))) ** 3
    lower = np.where(lower < 0, np.nan, lower)
    upper = byars_upper(x, confidence)
    if np.any(use_exact):  # the exact limits only where they are used (they are the slow part)
        exact_lower, exact_upper = exact_poisson_limits(x[use_exact], confidence)
        lower, upper = np.array(lower, dtype=float), np.array(upper, dtype=float)
        lower[use_exact], upper[use_exact] = exact_lower, exact_upper
    return lower, upper


def byars_ci(count: Any, denominator: Any, confidence: float = 0.95,
             multiplier: float = 100000) -> tuple[np.ndarray, np.ndarray]:
    """Confidence limits of the crude rate count/denominator x multiplier (default per 100,000).

    Method: PHEindicatormethods `phe_rate` -- Byar's method (Breslow & Day 1987), exact Poisson limits
    below 10 events. Vectorised; missing values or a zero denominator give NaN. Raises ValueError for
    negative counts or denominators and for a confidence other than 0.95 / 0.998.
    """
    level = v.check_confidence(confidence)
    scale = v.check_multiplier(multiplier)
    x = _counts(count)
    n = v.as_float_array(denominator, "The denominator")
    x, n = np.broadcast_arrays(x, n)
    v.check_not_negative(n, "The denominator")
    lower, upper = poisson_count_limits(x, level)
    with np.errstate(invalid="ignore", divide="ignore"):
        per = np.where(n > 0, scale / n, np.nan)
    return lower * per, upper * per


def crude_rate(count: Any, denominator: Any, multiplier: float = 100000) -> np.ndarray:
    """count / denominator x multiplier (NaN where the denominator is missing or zero)."""
    x = _counts(count)
    n = v.as_float_array(denominator, "The denominator")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, x / n, np.nan) * v.check_multiplier(multiplier)


def _counts(count: Any) -> np.ndarray:
    x = v.as_float_array(count, "The count")
    v.check_not_negative(x, "The count")
    return x

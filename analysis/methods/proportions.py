"""Confidence limits for proportions: the Wilson score method, as PHEindicatormethods' `phe_proportion`.

Reference: Wilson EB (1927) Probable inference, the law of succession, and statistical inference.
J Am Stat Assoc 22:209-212; Newcombe RG & Altman DG (2000) in Statistics with confidence, 46-48.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from analysis.methods import _validate as v


def _wilson_limits(count: np.ndarray, denominator: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score limits as proportions of 1 (NaN where the denominator is missing or zero)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = z * np.sqrt(z**2 + 4 * count * (1 - count / denominator))
        scale = 2 * (denominator + z**2)
        lower = (2 * count + z**2 - spread) / scale
        upper = (2 * count + z**2 + spread) / scale
    missing = ~(denominator > 0)
    return np.where(missing, np.nan, lower), np.where(missing, np.nan, upper)


def checked_proportion_inputs(count: Any, denominator: Any) -> tuple[np.ndarray, np.ndarray]:
    """count and denominator as float arrays, with no negatives and no count above its denominator."""
    x = v.as_float_array(count, "The count")
    n = v.as_float_array(denominator, "The denominator")
    x, n = np.broadcast_arrays(x, n)
    v.check_not_negative(x, "The count")
    v.check_not_negative(n, "The denominator")
    v.check_not_above(x, n, "The count", "the denominator")
    return x, n


def wilson_ci(count: Any, denominator: Any, confidence: float = 0.95,
              multiplier: float = 100) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score confidence limits of count/denominator, on the multiplier's scale (100 = per cent).

    Method: PHEindicatormethods `phe_proportion` (Wilson 1927; Newcombe & Altman 2000), the method behind
    Fingertips' proportions. Vectorised; missing counts or denominators (or a zero denominator) give NaN.
    Raises ValueError for negative values, a count above its denominator, or a confidence other than
    0.95 / 0.998.
    """
    level = v.check_confidence(confidence)
    scale = v.check_multiplier(multiplier)
    x, n = checked_proportion_inputs(count, denominator)
    lower, upper = _wilson_limits(x, n, v.z_value(level))
    return lower * scale, upper * scale


def proportion(count: Any, denominator: Any, multiplier: float = 100) -> np.ndarray:
    """count / denominator on the multiplier's scale (NaN where the denominator is missing or zero)."""
    x, n = checked_proportion_inputs(count, denominator)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, x / n, np.nan) * v.check_multiplier(multiplier)

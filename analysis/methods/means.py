"""Confidence limits for a mean: Student's t distribution, as PHEindicatormethods' `phe_mean`."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from analysis.methods import _validate as v


def mean_ci(mean: Any, sd: Any, n: Any, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Limits mean -/+ t(1 - a/2, n - 1) x sd / sqrt(n).

    Method: PHEindicatormethods `phe_mean` (Student's t-distribution). Vectorised; n below 2 gives NaN.
    Raises ValueError for a negative standard deviation or sample size, or a confidence other than
    0.95 / 0.998.
    """
    level = v.check_confidence(confidence)
    m = v.as_float_array(mean, "The mean")
    s = v.as_float_array(sd, "The standard deviation")
    size = v.as_float_array(n, "The sample size")
    v.check_not_negative(s, "The standard deviation")
    v.check_not_negative(size, "The sample size")
    with np.errstate(invalid="ignore", divide="ignore"):
        t = special.stdtrit(np.where(size >= 2, size - 1, np.nan), level + (1 - level) / 2)  # Student's t quantile
        half = t * s / np.sqrt(size)
    return m - half, m + half


def mean_of(values: Any) -> tuple[float, float, int]:
    """(mean, sample standard deviation, count) of the non-missing values, the inputs of `mean_ci`."""
    x = v.as_float_array(values, "The values")
    x = x[~np.isnan(x)]
    sd = float(np.std(x, ddof=1)) if x.size > 1 else float("nan")
    return float(np.mean(x)) if x.size else float("nan"), sd, int(x.size)

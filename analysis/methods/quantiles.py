"""Quantiles of small areas by value: PHEindicatormethods' `phe_quantile`.

rank = rank of the (possibly inverted) value, ties taking the lowest rank; with k non-missing values
and q quantiles, quantile = floor((q + 1) - ceiling(((k + 1) - rank) / (k / q))), and 0 becomes 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.methods import _validate as v

HIGHEST_IS = {"most deprived": True, "least deprived": False}


def assign_quantiles(values: Any, n: int, highest_is: str = "most deprived") -> np.ndarray:
    """The quantile (1..n) of each value among `values`; NaN stays NaN.

    highest_is says what the highest values stand for. "most deprived" (PHE's default, invert = TRUE):
    the highest values fall in quantile 1, so quantile 1 is the most deprived (e.g. a deprivation
    score, or a "Low is good" indicator). "least deprived" (invert = FALSE): the lowest values fall in
    quantile 1 (e.g. a "High is good" indicator). Fewer non-missing values than quantiles gives all
    NaN, as the package does. Method: PHEindicatormethods `phe_quantile`.
    """
    if highest_is not in HIGHEST_IS:
        raise ValueError(f"highest_is must be 'most deprived' or 'least deprived', not {highest_is!r}.")
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"The number of quantiles must be a whole number of 2 or more, not {n!r}.")
    x = v.as_float_array(values, "The values").reshape(-1)
    out = np.full(x.shape, np.nan)
    valid = ~np.isnan(x)
    k = int(valid.sum())
    if k < n:  # PHE: too few small areas to assign n quantiles
        return out
    adjusted = np.nanmax(x) - x[valid] if HIGHEST_IS[highest_is] else x[valid]
    rank = pd.Series(adjusted).rank(method="min").to_numpy()
    quantile = np.floor((n + 1) - np.ceil(((k + 1) - rank) / (k / n)))
    out[valid] = np.where(quantile == 0, 1, quantile)
    return out

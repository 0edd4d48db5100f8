"""Spine-chart statistics for one indicator and period over the areas of one type.

Fingertips' method (ukhsa-collaboration/fingertips-open, PholioVisualisationWS/Analysis/
ValueCategoriesCalculator.cs, IndicatorStatsCalculator.cs, DataConstruction/IndicatorStatsBuilder.cs):

* values are the valid values of all areas of the type (England's own row is not one of them);
* percentiles interpolate linearly between ranks: position n = (N - 1) p + 1 in the sorted values,
  value = v[k] + (n - k)(v[k+1] - v[k]) -- numpy's default "linear" method -- rounded to 10 decimals;
  they need more than 3 values;
* the spine is only drawn when at least 75% of the areas of the type have a value.

The median is computed the same way (p = 0.5). Polarity sets the direction: with "High is good" the
worst end is the minimum and the worst-quartile limit ("q25") the 25th percentile; with "Low is good"
the worst end is the maximum and "q25" the 75th percentile. With no judgement the ends are the lowest
(worst slot) and highest (best slot) values and `judged` is False, so show them as lowest/highest.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis.benchmarking import HIGH_IS_GOOD, LOW_IS_GOOD, normalise_polarity


@dataclass(frozen=True)
class SpineParams:
    """expected_areas: how many areas the type has (None = unknown; `enough_areas` is then True).
    min_fraction: the share of areas that must have a value (Fingertips: 0.75)."""

    expected_areas: int | None = None
    min_fraction: float = 0.75

    def __post_init__(self) -> None:
        if not 0 <= self.min_fraction <= 1:
            raise ValueError("min_fraction must be between 0 and 1")


@dataclass(frozen=True)
class SpineStatistics:
    england: float
    lowest: float
    p25: float
    median: float
    p75: float
    highest: float
    worst: float
    q25: float  # limit of the worst quarter of areas
    q75: float  # limit of the best quarter of areas
    best: float
    n_areas: int
    enough_areas: bool
    judged: bool

    def as_dict(self) -> dict[str, float | int | bool]:
        return asdict(self)

    def to_series(self) -> pd.Series:
        return pd.Series(self.as_dict())


def fingertips_percentile(sorted_values: np.ndarray, fraction: float) -> float:
    """Fingertips' CalculatePercentile: linear interpolation at rank (N - 1) p + 1, rounded to 10 dp."""
    if len(sorted_values) <= 3:
        return float("nan")
    return round(float(np.quantile(sorted_values, fraction, method="linear")), 10)


def spine_statistics(
    frame: pd.DataFrame | pd.Series,
    polarity: object = None,
    england_value: float | None = None,
    params: SpineParams = SpineParams(),
) -> SpineStatistics:
    """Worst / 25th / median / 75th / best of the areas' values (column `value`), respecting polarity."""
    raw = frame["value"] if isinstance(frame, pd.DataFrame) else frame
    values = np.sort(pd.to_numeric(raw, errors="coerce").dropna().to_numpy(dtype=float))
    n = len(values)
    lowest = float(values[0]) if n else float("nan")
    highest = float(values[-1]) if n else float("nan")
    p25, median, p75 = (fingertips_percentile(values, p) for p in (0.25, 0.5, 0.75))
    side = normalise_polarity(polarity)
    if side == LOW_IS_GOOD:
        worst, q25, q75, best = highest, p75, p25, lowest
    else:
        worst, q25, q75, best = lowest, p25, p75, highest
    enough = params.expected_areas is None or (
        params.expected_areas > 0 and n / params.expected_areas >= params.min_fraction
    )
    return SpineStatistics(
        england=float("nan") if england_value is None else float(england_value),
        lowest=lowest,
        p25=p25,
        median=median,
        p75=p75,
        highest=highest,
        worst=worst,
        q25=q25,
        q75=q75,
        best=best,
        n_areas=n,
        enough_areas=bool(enough),
        judged=side in (HIGH_IS_GOOD, LOW_IS_GOOD),
    )

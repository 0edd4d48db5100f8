"""Fingertips' recent-trend marker for one time series (one indicator, area, sex, age, category).

Source: Fingertips' technical guidance "Fingertips trend markers"
(https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/Presentation/Trend_markers.html)
and its implementation in ukhsa-collaboration/fingertips-open,
PholioVisualisationWS/Analysis/TrendMarkers/TrendMarkerCalculator.cs and TrendRequest.cs.

* The five most recent points are used; they must be an unbroken run of valid points counting back
  from the latest period (a missing point stops the run); fewer than five -> "Cannot be calculated".
* Proportions (count and denominator): chi-squared test for trend in proportions
  (Cochran-Armitage) with time scores t = 1..5:
  chi2 = N (N*sum(r t) - R*sum(n t))^2 / (R (N - R) (N*sum(n t^2) - sum(n t)^2)),
  r = count, n = denominator, R = sum(r), N = sum(n). Direction: ordinary least-squares slope of
  logit(r / n) on t.
* Every other value type (rates, ratios, life expectancy...): weighted least-squares regression of
  value on t with weights 1/SE^2, SE = (upper 95% CI - lower 95% CI) / 3.92; chi2 = (slope / SE(slope))^2.
* Significant when chi2 > 9.5495 (chi-squared, 1 d.f., 99.8%) AND the slope keeps its sign when each
  of the five points in turn is left out (Fingertips' outlier check: six fits, all the same sign).
* Wording: "Increasing"/"Decreasing" with polarity "High is good" / "Low is good" gains
  "and getting better"/"and getting worse"; otherwise "No significant change".

Not implemented from the guidance: Fingertips also refuses non-annual (quarterly, monthly) and
overlapping (rolling) periods; pass such series only if you accept that.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.benchmarking import HIGH_IS_GOOD, LOW_IS_GOOD, normalise_polarity
from analysis.tidy import sortable_period

INCREASING, DECREASING = "Increasing", "Decreasing"
NO_CHANGE, CANNOT_CALCULATE = "No significant change", "Cannot be calculated"
CHI2_99_8 = 9.54953570608324  # chi-squared critical value, 1 degree of freedom, p = 0.002
Z_95 = 3.92  # width of a 95% CI in standard errors


@dataclass(frozen=True)
class TrendParams:
    """Options for `recent_trend`.

    method: "auto" (proportion test when the series looks like a proportion with counts and
        denominators, else the CI-weighted regression), "proportion" or "ci".
    value_type: Fingertips' value type when known (e.g. "Proportion", "Directly standardised rate");
        used by "auto". When None, "auto" treats the series as a proportion if every value equals
        100 * count / denominator (to 0.5%).
    """

    points: int = 5
    critical_chi2: float = CHI2_99_8
    method: str = "auto"
    value_type: str | None = None

    def __post_init__(self) -> None:
        if self.method not in ("auto", "proportion", "ci"):
            raise ValueError("method must be 'auto', 'proportion' or 'ci'")
        if self.points < 3:
            raise ValueError("points must be at least 3")


@dataclass(frozen=True)
class TrendTest:
    """The statistics behind a trend marker (direction is None when not significant)."""

    method: str
    chi2: float
    slope: float
    significant: bool
    direction: str | None


def _latest_run(frame: pd.DataFrame, needed: list[str], points: int) -> pd.DataFrame | None:
    """The `points` most recent rows, oldest first, if they are an unbroken run of valid rows."""
    ordered = frame.assign(_key=sortable_period(frame)).sort_values("_key", ascending=False)
    valid = ordered[needed].notna().all(axis=1).to_numpy()
    run = int(np.argmin(valid)) if not valid.all() else len(valid)
    return ordered.iloc[:points][::-1] if run >= points else None


def _wls_slope(t: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Weighted least-squares slope and its standard error (weights = 1 / variance)."""
    s1, st, stt = w.sum(), (w * t).sum(), (w * t * t).sum()
    sy, sty = (w * y).sum(), (w * t * y).sum()
    det = s1 * stt - st * st
    return (s1 * sty - st * sy) / det, float(np.sqrt(s1 / det))


def _signs_agree(t: np.ndarray, y: np.ndarray, w: np.ndarray) -> bool:
    """Fingertips' outlier check: all-points slope and every leave-one-out slope share a sign."""
    slopes = [_wls_slope(t, y, w)[0]]
    for i in range(len(t)):
        keep = np.arange(len(t)) != i
        slopes.append(_wls_slope(t[keep], y[keep], w[keep])[0])
    signs = np.where(np.array(slopes) < 0, -1, 1)
    return bool(abs(signs.sum()) == len(signs))


def _is_proportion(run: pd.DataFrame, params: TrendParams) -> bool:
    if params.method != "auto":
        return params.method == "proportion"
    if params.value_type is not None:
        return "proportion" in params.value_type.lower()
    if run[["count", "denominator"]].isna().any().any():
        return False
    implied = 100 * run["count"] / run["denominator"]
    return bool(np.allclose(run["value"], implied, rtol=0.005))


def trend_test(frame: pd.DataFrame, params: TrendParams = TrendParams()) -> TrendTest | None:
    """Fingertips' significance test on the latest points of one series, or None if it cannot run.

    Columns: value, time_period and/or time_period_sortable, plus count and denominator
    (proportions) or lower_ci_95 and upper_ci_95 (everything else).
    """
    base = frame.reindex(columns=[*frame.columns, *(
        c for c in ("count", "denominator", "lower_ci_95", "upper_ci_95") if c not in frame)])
    probe = _latest_run(base, ["value"], params.points)
    proportion = probe is not None and _is_proportion(probe, params)
    needed = ["value", "count", "denominator"] if proportion else ["value", "lower_ci_95", "upper_ci_95"]
    run = _latest_run(base, needed, params.points)
    if run is None:
        return None
    t = np.arange(1.0, params.points + 1)
    if proportion:
        r, n = run["count"].to_numpy(float), run["denominator"].to_numpy(float)
        if np.any(r <= 0) or np.any(r >= n):
            return None  # logit undefined; Fingertips refuses count == denominator too
        big_r, big_n = r.sum(), n.sum()
        numerator = big_n * (big_n * (r * t).sum() - big_r * (n * t).sum()) ** 2
        chi2 = numerator / (big_r * (big_n - big_r) * (big_n * (n * t * t).sum() - (n * t).sum() ** 2))
        y, w = np.log(r / (n - r)), np.ones_like(t)
        method = "chi-squared test for trend in proportions"
    else:
        se = (run["upper_ci_95"] - run["lower_ci_95"]).to_numpy(float) / Z_95
        if np.any(se <= 0):
            return None
        y, w = run["value"].to_numpy(float), 1.0 / se**2
        slope, slope_se = _wls_slope(t, y, w)
        chi2 = (slope / slope_se) ** 2
        method = "weighted regression on 95% confidence intervals"
    slope = _wls_slope(t, y, w)[0]
    significant = bool(chi2 > params.critical_chi2 and _signs_agree(t, y, w))
    direction = (INCREASING if slope > 0 else DECREASING) if significant and slope != 0 else None
    return TrendTest(method, float(chi2), float(slope), significant and direction is not None, direction)


def trend_label(direction: str | None, polarity: object) -> str:
    """Fingertips' wording for a direction (None = no significant change) under a polarity."""
    if direction is None:
        return NO_CHANGE
    side = normalise_polarity(polarity)
    if side not in (HIGH_IS_GOOD, LOW_IS_GOOD):
        return direction
    good = (direction == INCREASING) == (side == HIGH_IS_GOOD)
    return f"{direction} and getting {'better' if good else 'worse'}"


def recent_trend(frame: pd.DataFrame, polarity: object = None, params: TrendParams = TrendParams()) -> str:
    """Fingertips' recent trend of one series in Fingertips' words (see the module docstring)."""
    result = trend_test(frame, params)
    if result is None:
        return CANNOT_CALCULATE
    return trend_label(result.direction, polarity)

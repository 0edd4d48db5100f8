"""Fingertips' recent-trend marker for one time series (one indicator, area, sex, age, category).

Sources: Fingertips' technical guidance "Fingertips trend markers"
(https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/Presentation/Trend_markers.html);
ukhsa-collaboration/fingertips-open PholioVisualisationWS/Analysis/TrendMarkers/TrendMarkerCalculator.cs
and TrendRequest.cs; dhsc-govuk/FingertipsNext's port of it (TrendAnalysisApp.Calculator.Legacy).

* The five most recent valid points are used (value plus what the test needs; FingertipsNext's
  TrendRequest.cs: "Years don't need to be consecutive"); fewer than five -> "Cannot be calculated".
* CI method (FingertipsNext's legacy calculator uses only this one): weighted least-squares
  regression of value on t = 1..5 with weights 1/SE^2, SE = (upper 95% CI - lower 95% CI) / 3.92;
  chi2 = (slope / SE(slope))^2.
* Proportion method (the guidance's method for proportions, fingertips-open's "SPC for
  proportions" branch): chi-squared test for trend in proportions (Cochran-Armitage), t = 1..5,
  chi2 = N (N sum(r t) - R sum(n t))^2 / (R (N - R) (N sum(n t^2) - sum(n t)^2)) with r = count,
  n = denominator, R = sum(r), N = sum(n); the slope is the least-squares slope of logit(r / n) on t.
* Fingertips refuses a series in which any count equals its denominator (100%), and refuses the
  proportion test when a count is 0 (logit undefined).
* Significant when chi2 > 9.5495 (chi-squared, 1 d.f., 99.8%) AND the slope keeps its sign when each
  point in turn is left out (Fingertips' outlier check: six fits, all of one sign).
* Words: "Increasing"/"Decreasing", plus "and getting better"/"and getting worse" under polarity
  "High is good"/"Low is good"; "No significant change"; "Cannot be calculated".

Eligibility (fingertips-open TrendRequest.cs, IsDataValid and YearRange): every point used needs a
valid value, count and denominator (`require_counts`), and the test is not run on rolling multi-year
periods ("2016 - 18", or a `time_period_range` such as "3y" where the store holds one). The proportion
branch runs where the indicator is compared by "SPC for proportions" (TrendMarkerCalculator.cs chooses
it by the comparator method, `comparator_method="spc_proportion"`), else the CI method.

Which method: checked against the 875 series in the shared sample where Fingertips wrote a trend
and five points with counts and denominators are present, the CI method reproduces 99.1% of
Fingertips' labels, proportions included, and the proportion test 96.3%. So "auto" uses the CI
method whenever 95% CIs are present and falls back to the proportion test otherwise. Fingertips wrote
"Cannot be calculated" for every indirectly standardised proportion/ratio and count in the sample,
so those value types are refused when `value_type` is given. Not checked here (the guidance
excludes them): quarterly/monthly and overlapping (rolling) periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.benchmarking import HIGH_IS_GOOD, LOW_IS_GOOD, normalise_polarity
from analysis.tidy import parse_period, sortable_period

INCREASING, DECREASING = "Increasing", "Decreasing"
NO_CHANGE, CANNOT_CALCULATE = "No significant change", "Cannot be calculated"
CHI2_99_8 = 9.54953570608324  # chi-squared critical value, 1 degree of freedom, p = 0.002
Z_95 = 3.92  # width of a 95% CI in standard errors


@dataclass(frozen=True)
class TrendParams:
    """Options for `recent_trend`.

    method: "auto" (CI method when 95% CIs are present, else the proportion test), "ci" or
        "proportion".
    value_type: Fingertips' value type when known (e.g. "Proportion", "Directly standardised rate");
        types containing any of `ineligible_value_types` give "Cannot be calculated".
    allow_gaps: True (Fingertips today) takes the latest five valid points even if a period between
        them is missing; False needs them unbroken back from the latest period (fingertips-open).
    require_counts: True (Fingertips) counts a point only with a value, a count and a denominator.
    comparator_method: the indicator's comparator method (analysis.methods' names); "spc_proportion"
        uses the proportion test, as Fingertips does.
    """

    points: int = 5
    critical_chi2: float = CHI2_99_8
    method: str = "auto"
    value_type: str | None = None
    ineligible_value_types: tuple[str, ...] = ("indirectly standardised", "count")
    allow_gaps: bool = True
    require_counts: bool = True
    comparator_method: str | None = None

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


def _latest_run(
    ordered: dict[str, np.ndarray], needed: tuple[str, ...], params: TrendParams
) -> dict[str, np.ndarray] | None:
    """The latest `points` valid points of newest-first column arrays, oldest first, or None if too few."""
    valid = np.all([~np.isnan(ordered[c]) for c in needed], axis=0)
    if not params.allow_gaps:
        valid &= np.cumprod(valid).astype(bool)  # stop at the first invalid point
    rows = np.flatnonzero(valid)[: params.points][::-1]
    return {c: ordered[c][rows] for c in needed} if len(rows) == params.points else None


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


def _eligible(params: TrendParams) -> bool:
    kind = (params.value_type or "").lower()
    return not any(word in kind for word in params.ineligible_value_types)


def _range_years(text: object) -> float | None:
    """Years a `time_period_range` such as "1y", "3y" or "5y" spans (None when not in years)."""
    found = re.fullmatch(r"\s*(\d+)\s*y\w*\s*", str(text)) if isinstance(text, str) else None
    return float(found.group(1)) if found else None


def is_rolling(frame: pd.DataFrame) -> np.ndarray:
    """True for rows of a rolling multi-year period: `time_period_range` above one year where the store
    holds it, else a label spanning twelve months or more ("2016 - 18", "2019/20 - 21/22")."""
    out = np.zeros(len(frame), dtype=bool)
    ranges = frame["time_period_range"] if "time_period_range" in frame else pd.Series(None, index=frame.index)
    labels = frame["time_period"] if "time_period" in frame else pd.Series(None, index=frame.index)
    for i, (given, label) in enumerate(zip(ranges, labels, strict=True)):
        years = _range_years(given)
        if years is not None:
            out[i] = years > 1
            continue
        parsed = parse_period(label)
        if parsed is not None:
            y0, s0, y1, s1 = parsed
            months = (y1 - y0) * 12 + ((s1 - s0) if s0 and s1 else 0)
            out[i] = months >= 12
    return out


def _proportion_test(
    run: dict[str, np.ndarray], t: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray] | None:
    r, n = run["count"], run["denominator"]
    if np.any(r <= 0) or np.any(r >= n):
        return None  # logit undefined; Fingertips refuses count == denominator too
    big_r, big_n = r.sum(), n.sum()
    numerator = big_n * (big_n * (r * t).sum() - big_r * (n * t).sum()) ** 2
    chi2 = numerator / (big_r * (big_n - big_r) * (big_n * (n * t * t).sum() - (n * t).sum() ** 2))
    return float(chi2), np.log(r / (n - r)), np.ones_like(t)


def _ci_test(run: dict[str, np.ndarray], t: np.ndarray) -> tuple[float, np.ndarray, np.ndarray] | None:
    se = (run["upper_ci_95"] - run["lower_ci_95"]) / Z_95
    if np.any(se <= 0):
        return None
    y, w = run["value"], 1.0 / se**2
    slope, slope_se = _wls_slope(t, y, w)
    return float((slope / slope_se) ** 2), y, w


_CI = ("value", "lower_ci_95", "upper_ci_95")
_PROPORTION = ("value", "count", "denominator")
_ALL_COLUMNS = ("value", "count", "denominator", "lower_ci_95", "upper_ci_95")
_METHODS = {
    "ci": (_CI, _ci_test, "weighted regression on 95% confidence intervals"),
    "proportion": (_PROPORTION, _proportion_test, "chi-squared test for trend in proportions"),
}


def _newest_first(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Numeric columns as arrays, newest period first; rows with no orderable period lose their value."""
    key = sortable_period(frame).to_numpy()
    order = np.argsort(-key, kind="stable")
    out = {c: np.full(len(frame), np.nan) for c in _ALL_COLUMNS}
    for c in _ALL_COLUMNS:
        if c in frame:
            out[c] = pd.to_numeric(frame[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan)[order]
    out["value"] = np.where(np.isnan(key[order]), np.nan, out["value"])
    return out


def _method_order(params: TrendParams) -> tuple[str, ...]:
    if params.method != "auto":
        return (params.method,)
    return ("proportion", "ci") if params.comparator_method == "spc_proportion" else ("ci", "proportion")


def trend_test(frame: pd.DataFrame, params: TrendParams = TrendParams()) -> TrendTest | None:
    """Fingertips' significance test on the latest points of one series, or None if it cannot run.

    Columns: value, time_period and/or time_period_sortable, plus lower_ci_95 and upper_ci_95
    (CI method) and/or count and denominator (proportion method).
    """
    if not _eligible(params) or is_rolling(frame).any():
        return None
    ordered = _newest_first(frame)
    full = ~np.isnan(ordered["value"]) & (ordered["count"] == ordered["denominator"])
    if np.any(full):
        return None  # Fingertips refuses any series where a count equals its denominator (TrendRequest.cs)
    names = _method_order(params)
    t = np.arange(1.0, params.points + 1)
    for name in names:
        needed: tuple[str, ...]
        needed, test, label = _METHODS[name]
        if params.require_counts:
            needed = tuple(dict.fromkeys(needed + ("count", "denominator")))
        run = _latest_run(ordered, needed, params)
        outcome = None if run is None else test(run, t)
        if outcome is None:
            continue
        chi2, y, w = outcome
        slope = _wls_slope(t, y, w)[0]
        significant = bool(chi2 > params.critical_chi2 and _signs_agree(t, y, w) and slope != 0)
        direction = (INCREASING if slope > 0 else DECREASING) if significant else None
        return TrendTest(label, chi2, float(slope), significant, direction)
    return None


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

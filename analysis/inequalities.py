"""Inequality between deprivation deciles/quintiles: the slope index of inequality (SII) and the gap.

Method (PHE/OHID, as in PHEindicatormethods::phe_sii, ukhsa-collaboration/PHEindicatormethods
R/SII_function.R, after Low & Low, J Public Health 2004;26:388-395):

1. Order the groups from most deprived (1) to least deprived (5 or 10).
2. Give each group the mid-point of its share of the population on the cumulative scale (its
   relative rank): x_i = (sum of shares before i) + share_i / 2, so x runs from 0 to 1.
   The share is the group's denominator (population) when every group has one, else equal.
3. Fit value = a + b x by least squares weighted by the population share (phe_sii's square-root
   transformation of the regression is the same fit).
4. SII = b = fitted value at x = 1 (least deprived) minus fitted value at x = 0 (most deprived).

Sign: positive when the least deprived have higher values (e.g. life expectancy -- Fingertips'
"Inequality in life expectancy at birth", 92901, is positive), negative when the most deprived have
higher values (e.g. mortality). The gap uses the same direction: least deprived group's value minus
most deprived group's value. phe_sii's confidence limits (by simulation) are not computed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

SOURCE = (
    "PHEindicatormethods::phe_sii (ukhsa-collaboration/PHEindicatormethods, R/SII_function.R); "
    "Low A & Low A, Measuring the gap: quantifying and comparing local health inequalities, "
    "J Public Health 2004;26:388-395"
)
METHOD = (
    "Slope index of inequality: least-squares regression of the value on the relative rank of "
    "deprivation (population mid-point, 0 = most deprived, 1 = least deprived), weighted by "
    "{weights}; SII = fitted least deprived - fitted most deprived; gap = least deprived - "
    "most deprived value."
)

_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
_GROUP = re.compile(
    r"^(?:(?P<ordinal>second|third|fourth|fifth)\s+(?P<side>more|most|less|least)|(?P<end>most|least)"
    r"|(?P<middle>average|middle))\s+deprived\s+(?P<unit>decile|quintile)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class InequalityParams:
    """min_groups: fewest groups with a value for an SII (phe_sii asks for 5 to 100 quantiles)."""

    min_groups: int = 5

    def __post_init__(self) -> None:
        if self.min_groups < 2:
            raise ValueError("min_groups must be at least 2")


@dataclass(frozen=True)
class InequalityResult:
    sii: float
    gap: float
    n_groups: int
    weighted_by_population: bool
    method: str
    source: str = SOURCE
    fitted: tuple[float, ...] = ()  # the fitted line at each group with a value, most to least deprived


def deprivation_order(categories: pd.Series) -> pd.Series:
    """Rank of each deprivation category: 1 = most deprived ... 10 (deciles) or 5 (quintiles).

    Understands Fingertips' names, with or without a "(IMD2019)" suffix: "Most deprived decile",
    "Second most deprived decile", "Third more deprived decile", ..., "Fifth more deprived decile",
    "Fifth less deprived decile", ..., "Second least deprived decile", "Least deprived decile";
    "Most deprived quintile", "Second most deprived quintile", "Average deprived quintile",
    "Second least deprived quintile", "Least deprived quintile". Anything else gives NA.
    """
    ranks = [_parse(c)[0] for c in categories]
    return pd.Series(ranks, index=categories.index, dtype="Int64", name="deprivation_rank")


def _parse(text: object) -> tuple[int | None, int | None]:
    """(rank, number of groups) of one category name, (None, None) when not a deprivation group."""
    match = _GROUP.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        return None, None
    size = 10 if match["unit"].lower() == "decile" else 5
    if match["end"]:
        return (1 if match["end"].lower() == "most" else size), size
    if match["middle"]:
        return (3 if size == 5 else None), size
    k = _ORDINALS[match["ordinal"].lower()]
    return (k if match["side"].lower() in ("more", "most") else size + 1 - k), size


def relative_ranks(shares: np.ndarray) -> np.ndarray:
    """Cumulative population mid-points (0..1) of groups ordered most to least deprived."""
    shares = shares / shares.sum()
    return np.cumsum(shares) - shares / 2


def slope_index_of_inequality(
    frame: pd.DataFrame, params: InequalityParams = InequalityParams()
) -> InequalityResult:
    """SII and gap for one area/indicator/period's deprivation breakdown.

    Columns: category (Fingertips' decile or quintile names), value, and optionally denominator
    (the group's population). Rows with an unrecognised category or no value are left out; with
    fewer than `params.min_groups` groups left, sii and gap are NaN. The gap is NaN unless both the
    most and the least deprived groups have values.
    """
    ranks = deprivation_order(frame["category"])
    data = pd.DataFrame({"rank": ranks, "value": pd.to_numeric(frame["value"], errors="coerce")})
    if "denominator" in frame:
        data["population"] = pd.to_numeric(frame["denominator"], errors="coerce")
    data = data.dropna(subset=["rank", "value"]).sort_values("rank")
    if data["rank"].duplicated().any():
        raise ValueError("deprivation breakdown has repeated groups; pass one area/indicator/period/sex/age")
    n = len(data)
    pops = (
        data["population"].to_numpy(dtype=float, na_value=np.nan)
        if "population" in data
        else np.full(n, np.nan)
    )
    weighted = bool(n and np.all(pops > 0))
    method = METHOD.format(weights="population (denominator)" if weighted else "equal group sizes")
    if n < params.min_groups:
        return InequalityResult(float("nan"), float("nan"), n, weighted, method)
    weights = pops if weighted else np.ones(n)
    x, y = relative_ranks(weights), data["value"].to_numpy(float)
    w = weights / weights.sum()
    x_bar, y_bar = (w * x).sum(), (w * y).sum()
    sii = float((w * (x - x_bar) * (y - y_bar)).sum() / (w * (x - x_bar) ** 2).sum())
    fitted = tuple(float(v) for v in y_bar + sii * (x - x_bar))
    sizes = {_parse(c)[1] for c in frame["category"]} - {None}
    ends = data["rank"].iloc[0] == 1 and len(sizes) == 1 and data["rank"].iloc[-1] == sizes.pop()
    gap = float(y[-1] - y[0]) if ends else float("nan")
    return InequalityResult(sii, gap, n, weighted, method, fitted=fitted)


def slope_index(
    frame: pd.DataFrame, params: InequalityParams = InequalityParams()
) -> InequalityResult | None:
    """`slope_index_of_inequality`, or None unless every row is a deprivation group with a value (so the
    fitted line has one point per row of `frame`, as a chart needs)."""
    complete = deprivation_order(frame["category"]).notna().all() and frame["value"].notna().all()
    result = slope_index_of_inequality(frame, params)
    return result if complete and not np.isnan(result.sii) else None

"""Confidence intervals computed here for rows that carry a count and a denominator but no CI.

Decision rule (docs/methods.md, "CIs computed here"), per indicator from its metadata:

1. The metadata's "CI Method" names the method: "Wilson" -> Wilson score (analysis.methods.wilson_ci);
   "Byar" without "Dobson" -> Byar's (analysis.methods.byars_ci, exact Poisson below 10 events).
2. Otherwise the value type decides: a proportion -> Wilson; a crude rate -> Byar's.
3. Anything else (directly or indirectly standardised rates and ratios, life expectancy, means, scores,
   counts, an unknown type) gets no CI here: those need age bands or other inputs the row does not hold.
4. The multiplier comes from the unit ("%" -> 100, "per 100,000" -> 100000, "per 1,000" -> 1000);
   without a unit, 100 for proportions and, for rates, the power of ten that turns count / denominator
   into the value.
5. Only where the value is count / denominator x multiplier (to 0.5%, or 0.05 for rounding): a value
   made another way (e.g. standardised) is not given a CI it does not have.

Rows whose CI came with the data keep it (`ci_source` "Fingertips"); computed rows say "computed here"
and name the method in `ci_method_used`; the rest have empty strings.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.methods.proportions import wilson_ci
from analysis.methods.rates import byars_ci

CI_FROM_DATA, CI_COMPUTED = "Fingertips", "computed here"
WILSON, BYARS = "Wilson score", "Byar's"
META_COLUMNS = ["indicator_id", "value_type", "unit", "ci_method"]
_POWERS = np.array([1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0])


def _text(value: object) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


def ci_method_for(value_type: object, ci_method: object) -> str | None:
    """WILSON, BYARS or None for an indicator's value type and CI-method text (rules 1-3 above)."""
    named, kind = _text(ci_method), _text(value_type)
    if "wilson" in named:
        return WILSON
    if "byar" in named and "dobson" not in named:
        return BYARS
    if "standardised" in kind or "ratio" in kind:
        return None
    if "proportion" in kind:
        return WILSON
    if "crude rate" in kind or kind == "rate":
        return BYARS
    return None


def unit_multiplier(unit: object) -> float | None:
    """100 for "%", N for "per N" (commas allowed), else None."""
    text = _text(unit)
    if text == "%" or text.startswith("percent"):
        return 100.0
    found = re.search(r"per\s+([\d,]+)", text)
    return float(found.group(1).replace(",", "")) if found else None


def _implied_multiplier(value: np.ndarray, share: np.ndarray) -> np.ndarray:
    """The power of ten nearest to value / (count / denominator), row by row (NaN where undefined)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = value / share
    out = np.full(len(value), np.nan)
    ok = np.isfinite(ratio) & (ratio > 0)
    nearest = np.abs(np.log10(ratio[ok])[:, None] - np.log10(_POWERS)[None, :]).argmin(axis=1)
    out[ok] = _POWERS[nearest]
    return out


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _limits(method: str, count: np.ndarray, denominator: np.ndarray, multiplier: np.ndarray, level: float):
    """Lower and upper limits row by row, each row on its own multiplier."""
    lower, upper = np.full(len(count), np.nan), np.full(len(count), np.nan)
    for scale in np.unique(multiplier):
        i = multiplier == scale
        func = wilson_ci if method == WILSON else byars_ci
        lower[i], upper[i] = func(count[i], denominator[i], level, multiplier=float(scale))
    return lower, upper


def fill_cis(frame: pd.DataFrame, metadata: pd.DataFrame) -> pd.DataFrame:
    """`frame` (store value rows) with missing 95% and 99.8% CIs computed where the rule above allows,
    plus `ci_source` and `ci_method_used`. `metadata` has indicator_id, value_type, unit, ci_method."""
    out = frame.copy(deep=False)  # copy-on-write (pandas 3): the columns changed below are copied, the rest shared
    given = ~(np.isnan(_numbers(out, "lower_ci_95")) | np.isnan(_numbers(out, "upper_ci_95")))
    out["ci_source"] = np.where(given, CI_FROM_DATA, "")
    out["ci_method_used"] = ""
    if out.empty or "indicator_id" not in out:
        return out
    meta = metadata.reindex(columns=META_COLUMNS).drop_duplicates("indicator_id")
    ids = out["indicator_id"].to_numpy()
    keys = meta["indicator_id"]
    method = pd.Series(ids).map(dict(zip(keys, map(ci_method_for, meta["value_type"], meta["ci_method"]), strict=True)))
    scale = pd.Series(ids).map(dict(zip(keys, map(unit_multiplier, meta["unit"]), strict=True))).to_numpy(dtype=float)
    value, count, denominator = _numbers(out, "value"), _numbers(out, "count"), _numbers(out, "denominator")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(denominator > 0, count / denominator, np.nan)
    wilson = (method == WILSON).to_numpy()
    scale = np.where(np.isnan(scale) & wilson, 100.0, scale)
    scale = np.where(np.isnan(scale), _implied_multiplier(value, share), scale)
    with np.errstate(invalid="ignore"):
        fits = np.isclose(value, share * scale, rtol=0.005, atol=0.051) & (count >= 0)
        fits &= ~wilson | (count <= denominator)
    todo = ~given & method.notna().to_numpy() & fits
    for name in (WILSON, BYARS):
        rows = todo & (method == name).to_numpy()
        if not rows.any():
            continue
        index = out.index[rows]
        for level, low, high in ((0.95, "lower_ci_95", "upper_ci_95"), (0.998, "lower_ci_99_8", "upper_ci_99_8")):
            lower, upper = _limits(name, count[rows], denominator[rows], scale[rows], level)
            out.loc[index, low], out.loc[index, high] = lower, upper
        out.loc[index, "ci_source"], out.loc[index, "ci_method_used"] = CI_COMPUTED, name
    return out.assign(multiplier=scale)

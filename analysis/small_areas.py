"""Small areas inside a local authority: rank, fifths, comparison with England and the finding, all pure.

`frame` is one indicator's headline rows of one sex and age at one period for the authority's MSOAs
(area_code, area_name, value, CIs, compared_to_england, code_vintage).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.explorer import with_significance
from analysis.methods.quantiles import assign_quantiles

FIFTHS = ("Lowest fifth", "Second-lowest fifth", "Middle fifth", "Second-highest fifth", "Highest fifth")
NOT_COMPARED = "Not compared"
SIGNIFICANT = ("Better", "Worse", "Higher", "Lower")
SMR_WORDS = ("standardised mortality ratio", "smr")


def england_reference(england_value: float | None, meta: dict, name: str) -> tuple[float | None, str]:
    """England's value, and how it is known: from its own row, or 100 for a standardised mortality ratio (an
    indirectly standardised ratio is 100 for England by construction; Local Health's mortality indicators
    are ratios with the unit 'per 100')."""
    if england_value is not None and not pd.isna(england_value):
        return float(england_value), "held"
    text = f"{name} {meta.get('value_type') or ''} {meta.get('definition') or ''}".lower()
    is_ratio = any(w in text for w in SMR_WORDS) or (
        str(meta.get("unit") or "").strip().lower() == "per 100" and str(name).lower().startswith(("mortality",
                                                                                                    "deaths")))
    return (100.0, "ratio") if is_ratio else (None, "missing")


def fifths(values: pd.Series) -> pd.Series:
    """Each MSOA's fifth of the authority's MSOAs by value (PHE's quantile method, lowest values first);
    'Not compared' without a value or with fewer than five values."""
    q = assign_quantiles(values.to_numpy(dtype=float), 5, highest_is="least deprived")
    return pd.Series([FIFTHS[int(v) - 1] if not np.isnan(v) else NOT_COMPARED for v in q], index=values.index,
                     name="fifth")


def ranked(frame: pd.DataFrame, england_value: float | None, meta: dict) -> pd.DataFrame:
    """The MSOAs highest value first, each with its fifth and its comparison with England: Fingertips' word
    where the data carry it, else computed from the 95% CI where the row has one, else 'Not compared'."""
    rows = frame[frame["value"].notna()].drop_duplicates("area_code")
    out = with_significance(rows, england_value, meta, against_england=True)
    out = out.assign(fifth=fifths(out["value"]))
    return out.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def compared(frame: pd.DataFrame) -> bool:
    """True when at least one MSOA carries a comparison with England (a word or a CI-based label)."""
    return bool((frame["significance"].fillna(NOT_COMPARED) != NOT_COMPARED).any())


def drawable(frame: pd.DataFrame, feature_codes: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(MSOAs with a boundary, MSOAs without one)."""
    has = frame["area_code"].isin(feature_codes)
    return frame[has], frame[~has]


def _names(frame: pd.DataFrame, limit: int = 6) -> str:
    names = list(frame["area_name"].astype(str))
    shown = names[:limit] + ([f"{len(names) - limit} more"] if len(names) > limit else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _fmt(value: float, unit: str) -> str:
    """A number with its unit as people write it ('78.2 years', '21.4%', '12.0 per 1,000'); ratios bare."""
    number = f"{value:,.1f}"
    if unit == "%":
        return f"{number}%"
    if not unit or unit.lower() == "per 100":
        return number
    return f"{number} {unit[0].lower() + unit[1:] if unit[1:2].islower() else unit}"


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def spread(frame: pd.DataFrame) -> tuple[float, float]:
    """(mean of the highest fifth of MSOAs, mean of the lowest fifth): the top and bottom ceil(n/5) by value."""
    values = frame["value"].dropna().sort_values(ascending=False)
    k = max(1, math.ceil(len(values) / 5))
    return float(values.iloc[:k].mean()), float(values.iloc[-k:].mean())


def finding(frame: pd.DataFrame, *, la_name: str, indicator: str, unit: str = "", period: str = "") -> str:
    """One paragraph: the range, the gap between the highest and lowest fifth, how many MSOAs differ
    significantly from England and which they are."""
    n = len(frame)
    if n == 0:
        return ""
    top, bottom = frame.iloc[0], frame.iloc[-1]
    high, low = spread(frame)
    text = (f"Across {la_name}'s {n} MSOAs, {_lower_first(indicator)}{f' in {period}' if period else ''} ranges "
            f"from {_fmt(bottom['value'], unit)} in {bottom['area_name']} to {_fmt(top['value'], unit)} in "
            f"{top['area_name']}. The highest fifth of the MSOAs average {_fmt(high, unit)} and the lowest fifth "
            f"{_fmt(low, unit)}: a gap of {_fmt(high - low, unit)}. ")
    if not compared(frame):
        return text + ("Whether any differs significantly from England cannot be said: the small-area data hold "
                       "no confidence intervals and no comparison with England.")
    words = frame["significance"].fillna(NOT_COMPARED)
    differ = frame[words.isin(SIGNIFICANT)]
    parts = [f"{int((words == w).sum())} {w.lower()} ({_names(frame[words == w])})" for w in SIGNIFICANT
             if (words == w).any()]
    if differ.empty:
        return text + f"None of the {int((words != NOT_COMPARED).sum())} MSOAs compared differs significantly from England."
    return text + f"{len(differ)} of the {n} differ significantly from England: " + "; ".join(parts) + "."

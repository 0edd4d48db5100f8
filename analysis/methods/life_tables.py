"""Life expectancy: PHE's abridged life table (Chiang II) with Silcocks et al. confidence limits.

As PHEindicatormethods `phe_life_expectancy`: 20 bands 0, 1, 5, 10 ... 90+; a = 0.1 in the first
year of life and 0.5 elsewhere; the 90+ band closes the table with L = l / M. Variance: Chiang's
formula as adapted by Silcocks, Jenner & Reza (2001) J Epidemiol Community Health 55:38-43.
PHE's rules (in `note`): no result when any band has zero person-years, when total person-years are
below 5,000 or when the 90+ band has no death; a value whose 95% CI is wider than 20 years is
suppressed (its limits are kept, as the package does).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.methods import _validate as v

START_AGES = np.array([0, 1, *range(5, 95, 5)], dtype=float)
BANDS = START_AGES.size  # 20
MIN_PERSON_YEARS = 5000
MAX_CI_WIDTH = 20.0
RADIX = 100000.0
NOTE_ZERO_POP = "No result: an age band has no person-years."
NOTE_DEATHS_ABOVE_POP = "No result: an age band has more deaths than person-years."
NOTE_SMALL = "No result: fewer than 5,000 person-years in total."
NOTE_NO_OLD_DEATHS = "No result: no deaths in the 90+ band."
NOTE_BANDS = "No result: the 20 age bands 0, 1, 5 ... 90 are not all present."
NOTE_WIDE = "Suppressed: the 95% confidence interval is wider than 20 years."


def _table(pop: np.ndarray, deaths: np.ndarray) -> dict[str, np.ndarray]:
    """The life table of each row of 2-D (areas x 20 bands) arrays; every column is areas x bands."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        mx = deaths / pop
        width = np.diff(START_AGES)
        n = np.concatenate([np.broadcast_to(width, (pop.shape[0], BANDS - 1)), 2 / mx[:, -1:]], axis=1)
        a = np.where(START_AGES == 0, 0.1, 0.5)
        qx = mx * n / (1 + mx * n * (1 - a))
        qx[:, -1] = 1.0
        lx = RADIX * np.cumprod(np.concatenate([np.ones((pop.shape[0], 1)), 1 - qx[:, :-1]], axis=1), axis=1)
        l_next = np.concatenate([lx[:, 1:], np.zeros((pop.shape[0], 1))], axis=1)
        dx = lx - l_next
        big_l = n * (l_next + a * dx)
        big_l[:, -1] = lx[:, -1] / mx[:, -1]
        tx = np.cumsum(big_l[:, ::-1], axis=1)[:, ::-1]
        ex = np.where(lx == 0, 0.0, tx / lx)
    return {"n": n, "ax": np.broadcast_to(a, pop.shape), "mx": mx, "qx": qx, "lx": lx, "dx": dx,
            "nLx": big_l, "Tx": tx, "ex": ex, "se": _standard_error(deaths, mx, n, a, qx, lx, dx, ex)}


def _standard_error(deaths: np.ndarray, mx: np.ndarray, n: np.ndarray, a: np.ndarray, qx: np.ndarray,
                    lx: np.ndarray, dx: np.ndarray, ex: np.ndarray) -> np.ndarray:
    """Silcocks' standard error of e_x: sqrt(sum_{i>=x} l_i^2 ((1-a_i) n_i + e_{i+1})^2 S_i / l_x^2)."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        sp = np.where(dx == 0, 0.0, qx**2 * (1 - qx) / deaths)
        sp[:, -1] = 4 / (deaths[:, -1] * mx[:, -1] ** 2)
        e_next = np.concatenate([ex[:, 1:], np.zeros((ex.shape[0], 1))], axis=1)
        weighted = sp * lx**2 * ((1 - a) * n + e_next) ** 2
        weighted[:, -1] = (lx[:, -1] / 2) ** 2 * sp[:, -1]
        st = np.cumsum(weighted[:, ::-1], axis=1)[:, ::-1]
        return np.sqrt(st / lx**2)


def _notes(pop: np.ndarray, deaths: np.ndarray) -> np.ndarray:
    """One note per area (row) when PHE gives no result for it, "" otherwise (first rule that applies)."""
    notes = np.full(pop.shape[0], "", dtype=object)
    rules = [(np.any(~(pop > 0), axis=1), NOTE_ZERO_POP), (np.any(deaths > pop, axis=1), NOTE_DEATHS_ABOVE_POP),
             (np.nansum(pop, axis=1) < MIN_PERSON_YEARS, NOTE_SMALL), (~(deaths[:, -1] > 0), NOTE_NO_OLD_DEATHS)]
    for failed, note in reversed(rules):
        notes = np.where(failed, note, notes)
    return notes


def _ordered(start_age: Any, population: Any, deaths: Any) -> tuple[np.ndarray, np.ndarray]:
    ages = v.as_float_array(start_age, "The start ages")
    pop = v.as_float_array(population, "The population")
    dth = v.as_float_array(deaths, "The deaths")
    v.check_same_length("The start ages", ages, "the population", pop)
    v.check_same_length("The population", pop, "the deaths", dth)
    if ages.size != BANDS or not np.array_equal(np.sort(ages), START_AGES):
        raise ValueError("Life expectancy needs the 20 age bands starting 0, 1, 5, 10 ... 90, one row each.")
    v.check_not_negative(pop, "The population")
    v.check_not_negative(dth, "The deaths")
    order = np.argsort(ages)
    return pop[order][None, :], dth[order][None, :]


def life_table(start_age: Any, population: Any, deaths: Any) -> pd.DataFrame:
    """PHE's abridged life table of one area, one row per band (in age order).

    Columns: start_age, n (band width; 2/M for 90+), ax, mx, qx, lx (radix 100,000), dx, nLx, Tx, ex,
    se (standard error of ex), population_used and deaths_used (from that age up). These are the columns
    an Arriaga decomposition needs (lx, nLx, Tx, ex, mx).
    """
    pop, dth = _ordered(start_age, population, deaths)
    table = _table(pop, dth)
    out = pd.DataFrame({"start_age": START_AGES.astype(int)})
    for name, values in table.items():
        out[name] = values[0]
    out["population_used"] = np.cumsum(pop[0][::-1])[::-1]
    out["deaths_used"] = np.cumsum(dth[0][::-1])[::-1]
    return out


def _results(pop: np.ndarray, dth: np.ndarray, level: float) -> dict[str, np.ndarray]:
    """value, lower, upper and note (areas x bands) under PHE's rules."""
    table = _table(pop, dth)
    ex, se = table["ex"], table["se"]
    z = v.z_value(level)
    with np.errstate(invalid="ignore"):
        lower, upper = ex - z * se, ex + z * se
        wide = 2 * v.z_value(0.95) * se > MAX_CI_WIDTH
    area_note = _notes(pop, dth)
    failed = (area_note != "")[:, None]
    note = np.where(failed, area_note[:, None], np.where(wide, NOTE_WIDE, ""))
    value = np.where(failed | wide | ~np.isfinite(ex), np.nan, ex)
    lower = np.where(failed | ~np.isfinite(lower), np.nan, lower)
    upper = np.where(failed | ~np.isfinite(upper), np.nan, upper)
    return {"value": value, "lower": lower, "upper": upper, "note": note}


def life_expectancy(start_age: Any, population: Any, deaths: Any, confidence: float = 0.95) -> pd.DataFrame:
    """Life expectancy at each of the 20 start ages of one area, with confidence limits.

    Returns a DataFrame with start_age, value, lower, upper and note (PHE's reason when there is no
    result). Method: PHEindicatormethods `phe_life_expectancy` (Chiang II; Silcocks et al. 2001).
    Raises ValueError for missing bands, negative values or a confidence other than 0.95 / 0.998.
    """
    level = v.check_confidence(confidence)
    pop, dth = _ordered(start_age, population, deaths)
    results = _results(pop, dth, level)
    out = pd.DataFrame({"start_age": START_AGES.astype(int)})
    for name, values in results.items():
        out[name] = values[0]
    return out


def life_expectancy_by_group(frame: pd.DataFrame, group_cols: list[str] | str, start_age: str = "start_age",
                             population: str = "population", deaths: str = "deaths",
                             confidence: float = 0.95) -> pd.DataFrame:
    """`life_expectancy` for many areas at once: one row per group and start age.

    Groups without all 20 bands (or with a band twice) get NaN and a note instead of an error.
    """
    level = v.check_confidence(confidence)
    keys = [group_cols] if isinstance(group_cols, str) else list(group_cols)
    data = frame[keys + [start_age, population, deaths]].copy()
    data[start_age] = pd.to_numeric(data[start_age])
    v.check_not_negative(v.as_float_array(data[population], "The population"), "The population")
    v.check_not_negative(v.as_float_array(data[deaths], "The deaths"), "The deaths")
    counts = data.groupby(keys, sort=False)[start_age].agg(["size", "nunique"])
    wide = data[data[start_age].isin(START_AGES)].pivot_table(index=keys, columns=start_age,
                                                              values=[population, deaths], aggfunc="first")
    wide = wide.reindex(index=counts.index)
    pop = wide[population].reindex(columns=START_AGES).to_numpy(dtype=float)
    dth = wide[deaths].reindex(columns=START_AGES).to_numpy(dtype=float)
    complete = ((counts["size"] == BANDS) & (counts["nunique"] == BANDS)).to_numpy() & ~np.isnan(pop + dth).any(axis=1)
    results = _results(np.where(complete[:, None], pop, 1.0), np.where(complete[:, None], dth, 1.0), level)
    index = pd.MultiIndex.from_product([range(len(counts)), START_AGES.astype(int)])
    out = counts.index.to_frame(index=False).iloc[index.get_level_values(0)].reset_index(drop=True)
    out["start_age"] = index.get_level_values(1)
    for name, values in results.items():
        flat = values.reshape(-1)
        missing = np.repeat(~complete, BANDS)
        out[name] = np.where(missing, NOTE_BANDS if name == "note" else np.nan, flat)
    return out

"""Directly and indirectly standardised rates and ratios, as PHEindicatormethods.

- `dsr`: directly standardised rate with Dobson et al. (1991) limits (`phe_dsr` / `calculate_dsr`);
  default standard: the 2013 European Standard Population in 19 bands 0-4 ... 90+.
- `isr` / `smr`: indirectly standardised rate and ratio (`phe_isr` / `phe_smr`, `calculate_ISRate` /
  `calculate_ISRatio`): Byar's limits, exact Poisson below 10 observed events.
References: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J (1991) Confidence intervals for weighted sums
of Poisson parameters, Stat Med 10:457-462; Breslow & Day (1987).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.methods import _validate as v
from analysis.methods.rates import byars_lower, byars_upper, poisson_count_limits

ESP2013 = np.array([5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000], dtype=float)
ESP2013_BANDS = ("0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
                 "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+")
DSR_MIN_COUNT = 10
DSR_NOTE_SMALL = "No result: fewer than 10 events in total (PHE does not publish a DSR below 10)."


def _standard(standard_population: Any, bands: int) -> np.ndarray:
    std = ESP2013 if standard_population is None else v.as_float_array(standard_population, "The standard population")
    if std.size != bands:
        raise ValueError(f"The standard population has {std.size} bands but the data has {bands} age bands.")
    v.check_not_negative(std, "The standard population")
    return std


def _dsr_inputs(count: Any, population: Any) -> tuple[np.ndarray, np.ndarray]:
    x = np.nan_to_num(v.as_float_array(count, "The count"), nan=0.0)  # PHE: missing counts are zero
    n = v.as_float_array(population, "The population")
    v.check_same_length("The count", x, "the population", n)
    v.check_not_negative(x, "The count")
    if np.any(~(n > 0) & (x > 0)):
        raise ValueError("The population must be greater than zero in every age band that has events.")
    return x, n


def _dobson(total: np.ndarray, value: np.ndarray, var: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Dobson limits from the total count's Byar's limits (value and var on the rate's scale)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = np.sqrt(var / total)
        lower = value + spread * (byars_lower(total, level) - total)
        upper = value + spread * (byars_upper(total, level) - total)
    return lower, upper


def _frequency_variance(event_frequencies: Mapping[int, Any], n: np.ndarray, std: np.ndarray) -> np.ndarray:
    """Dobson variance term for non-independent events: people with k events count k^2 times."""
    total = np.zeros_like(n)
    for events, people in event_frequencies.items():
        persons = np.nan_to_num(v.as_float_array(people, "The event frequencies"), nan=0.0)
        v.check_same_length("The event frequencies", persons, "the population", n)
        v.check_not_negative(persons, "The event frequencies")
        with np.errstate(invalid="ignore", divide="ignore"):
            total += np.where(persons > 0, std**2 * persons * float(events) ** 2 / n**2, 0.0)
    return total


def dsr(count: Any, population: Any, standard_population: Any = None, confidence: float = 0.95,
        multiplier: float = 100000, event_frequencies: Mapping[int, Any] | None = None,
        ) -> tuple[np.float64, np.float64, np.float64]:
    """Directly standardised rate of one group's age bands, with Dobson limits: (value, lower, upper).

    value = sum(w_i x_i / n_i) / sum(w_i) x multiplier; var = sum(w_i^2 x_i / n_i^2) / sum(w_i)^2;
    limits = value + sqrt(var / X) (Byar's limit of X - X), X the total count (Dobson et al. 1991).
    Method: PHEindicatormethods `phe_dsr` / `calculate_dsr`. Default standard: ESP 2013 (19 bands).
    Fewer than 10 events in total gives NaN (PHE's rule). Missing counts count as zero.
    `event_frequencies` ({k: people with k events in each band}) widens the limits for events that are
    not independent (one person counted more than once), as `calculate_dsr(independent_events=FALSE)`.
    """
    level = v.check_confidence(confidence)
    scale = v.check_multiplier(multiplier)
    x, n = _dsr_inputs(count, population)
    std = _standard(standard_population, x.size)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(x > 0, x / n, 0.0)
        var_terms = np.where(x > 0, std**2 * x / n**2, 0.0)
    if event_frequencies is not None:
        var_terms = _frequency_variance(event_frequencies, n, std)
    value = np.sum(std * rate) / np.sum(std)
    var = np.sum(var_terms) / np.sum(std) ** 2
    total = np.asarray(np.sum(x))
    lower, upper = _dobson(total, np.asarray(value), np.asarray(var), level)
    if total < DSR_MIN_COUNT:
        return np.float64(np.nan), np.float64(np.nan), np.float64(np.nan)
    return np.float64(value * scale), np.float64(lower * scale), np.float64(upper * scale)


def dsr_by_group(frame: pd.DataFrame, group_cols: list[str] | str, count: str = "count",
                 population: str = "population", standard_population: Any = None,
                 confidence: float = 0.95, multiplier: float = 100000) -> pd.DataFrame:
    """`dsr` for many groups at once (rows in age-band order within each group).

    Returns one row per group: the group columns, total_count, total_population, value, lower, upper and
    note (why a value is missing). Each group must have as many rows as the standard has bands.
    """
    level = v.check_confidence(confidence)
    scale = v.check_multiplier(multiplier)
    keys = [group_cols] if isinstance(group_cols, str) else list(group_cols)
    x, n = _dsr_inputs(frame[count], frame[population])
    position = frame.groupby(keys, sort=False).cumcount().to_numpy()
    sizes = frame.groupby(keys, sort=False)[count].transform("size").to_numpy()
    std_all = _standard(standard_population, int(sizes.max()) if sizes.size else 19)
    if np.any(sizes != std_all.size):
        raise ValueError(f"Every group needs {std_all.size} age bands, one row each; some groups have a different number.")
    std = std_all[position]
    with np.errstate(invalid="ignore", divide="ignore"):
        parts = pd.DataFrame({"total_count": x, "total_population": n, "weighted": np.where(x > 0, std * x / n, 0.0),
                              "var": np.where(x > 0, std**2 * x / n**2, 0.0)})
    for key in keys:
        parts[key] = frame[key].to_numpy()
    sums = parts.groupby(keys, sort=False).sum(min_count=1).reset_index()
    total = sums["total_count"].to_numpy(dtype=float)
    value = sums["weighted"].to_numpy() / std_all.sum()
    lower, upper = _dobson(total, value, sums["var"].to_numpy() / std_all.sum() ** 2, level)
    small = total < DSR_MIN_COUNT
    out = sums[keys + ["total_count", "total_population"]].copy()
    for name, series in (("value", value), ("lower", lower), ("upper", upper)):
        out[name] = np.where(small, np.nan, series * scale)
    out["note"] = np.where(small, DSR_NOTE_SMALL, "")
    return out


def _expected(population: Any, reference_count: Any, reference_population: Any) -> tuple[np.ndarray, float]:
    n = np.nan_to_num(v.as_float_array(population, "The population"), nan=0.0)
    ref_x = np.nan_to_num(v.as_float_array(reference_count, "The reference count"), nan=0.0)
    ref_n = v.as_float_array(reference_population, "The reference population")
    v.check_same_length("The population", n, "the reference count", ref_x)
    v.check_same_length("The reference count", ref_x, "the reference population", ref_n)
    v.check_not_negative(n, "The population")
    v.check_not_negative(ref_x, "The reference count")
    v.check_positive(ref_n, "The reference population")
    expected = float(np.sum(ref_x / ref_n * n))
    return np.asarray(expected), float(np.sum(ref_x) / np.sum(ref_n))


def _observed(observed: Any) -> float:
    obs = np.nan_to_num(v.as_float_array(observed, "The observed count"), nan=0.0)
    v.check_not_negative(obs, "The observed count")
    return float(np.sum(obs))


def smr(observed: Any, population: Any, reference_count: Any, reference_population: Any,
        confidence: float = 0.95, multiplier: float = 1) -> tuple[np.float64, np.float64, np.float64]:
    """Indirectly standardised ratio (standardised mortality ratio) observed / expected x multiplier.

    expected = sum(reference_count_i / reference_population_i x population_i). `observed` is the
    age-band counts (summed) or the group's total. Limits: Byar's, exact Poisson below 10 observed.
    Method: PHEindicatormethods `phe_smr` / `calculate_ISRatio` (multiplier 100 gives SMR x 100).
    """
    level = v.check_confidence(confidence)
    scale = v.check_multiplier(multiplier)
    obs = _observed(observed)
    expected, _ = _expected(population, reference_count, reference_population)
    lower, upper = poisson_count_limits(obs, level)
    return (np.float64(obs / expected * scale), np.float64(lower / expected * scale),
            np.float64(upper / expected * scale))


def isr(observed: Any, population: Any, reference_count: Any, reference_population: Any,
        confidence: float = 0.95, multiplier: float = 100000) -> tuple[np.float64, np.float64, np.float64]:
    """Indirectly standardised rate: observed / expected x the reference population's crude rate.

    Same inputs as `smr`; the reference rate is sum(reference_count) / sum(reference_population) x
    multiplier (per 100,000 by default). Method: PHEindicatormethods `phe_isr` / `calculate_ISRate`.
    """
    value, lower, upper = smr(observed, population, reference_count, reference_population, confidence, 1)
    _, ref_rate = _expected(population, reference_count, reference_population)
    scale = ref_rate * v.check_multiplier(multiplier)
    return np.float64(value * scale), np.float64(lower * scale), np.float64(upper * scale)

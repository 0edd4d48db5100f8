"""Slope and relative index of inequality (SII / RII), as PHEindicatormethods' `phe_sii`.

Quantiles are ordered (1 = most deprived first); each gets the midpoint b of its share of the
cumulative population, a its share. The regression y sqrt(a) = c0 sqrt(a) + SII b sqrt(a) (no
intercept term) gives the SII (slope) and the fitted value at the least deprived end c0 + SII; RII =
(c0 + SII) / c0. Confidence limits are simulated: each quantile's value is drawn from a normal
distribution (mean the value, sd its standard error), the regression refitted for every draw and the
limits read at the a/2 and (1 - a/2) positions of the sorted draws, as the package does. With
`transform` (log for rates, logit for proportions) values, limits and draws are on that scale, the
regression too, and the fitted ends are transformed back: SII = end1 - end0, RII = end1 / end0.
Reference: Low A & Low A (2004) Measuring the gap: quantifying and comparing local health
inequalities. J Public Health 26:388-395.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from analysis.methods import _validate as v

VALUE_TYPES = ("rate", "proportion", "other")
INPUT_CI_Z = 1.959963984540054  # input limits are taken to be 95% limits, as the package does


@dataclass(frozen=True)
class SiiParams:
    """Validated options of `sii`."""

    value_type: str = "other"
    transform: bool = False
    confidence: float = 0.95
    repetitions: int = 100000
    rii: bool = False
    multiplier: float = 1.0
    seed: int | None = None

    def __post_init__(self) -> None:
        if self.value_type not in VALUE_TYPES:
            raise ValueError(f"value_type must be 'rate', 'proportion' or 'other', not {self.value_type!r}.")
        if self.transform and self.value_type == "other":
            raise ValueError("A transform is only for rates (log) or proportions (logit); value_type is 'other'.")
        v.check_confidence(self.confidence)
        v.check_multiplier(self.multiplier)
        if int(self.repetitions) != self.repetitions or self.repetitions < 1000:
            raise ValueError("repetitions must be a whole number of 1,000 or more (the package's minimum).")


def _forward(x: np.ndarray, params: SiiParams) -> np.ndarray:
    if not params.transform:
        return x
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x) if params.value_type == "rate" else np.log(x / (1 - x))


def _backward(x: np.ndarray, params: SiiParams) -> np.ndarray:
    if not params.transform:
        return x
    return np.exp(x) if params.value_type == "rate" else 1 / (1 + np.exp(-x))


def _inputs(quantile: Any, population: Any, value: Any, count: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    q = v.as_float_array(quantile, "The quantiles")
    pop = v.as_float_array(population, "The population")
    v.check_same_length("The quantiles", q, "the population", pop)
    v.check_positive(pop, "The population of every quantile")
    if value is None:
        if count is None:
            raise ValueError("sii needs a value for each quantile (or a count, for proportions).")
        counts = v.as_float_array(count, "The count")
        v.check_not_negative(counts, "The count")
        value = counts / pop
    y = v.as_float_array(value, "The value")
    v.check_same_length("The quantiles", q, "the values", y)
    if np.unique(q).size != q.size or q.size < 5 or q.size > 100:
        raise ValueError("sii needs between 5 and 100 quantiles, each once.")
    return q, pop, y


def _standard_error(value: np.ndarray, lower: Any, upper: Any, se: Any, params: SiiParams) -> np.ndarray:
    if se is not None:
        out = v.as_float_array(se, "The standard error")
        v.check_not_negative(out, "The standard error")
        return out
    if lower is None or upper is None:
        raise ValueError("sii needs either the lower and upper 95% limits of each value, or its standard error.")
    lo, hi = v.as_float_array(lower, "The lower limit"), v.as_float_array(upper, "The upper limit")
    if params.value_type == "proportion" and (np.any((lo < 0) | (hi > 1)) or np.any((value < 0) | (value > 1))):
        raise ValueError("Proportions and their limits must lie between 0 and 1 (give proportions of 1).")
    return (_forward(hi, params) - _forward(lo, params)) / (2 * INPUT_CI_Z)


def _design(pop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The regression's solve matrix (2 x quantiles): (X'X)^-1 X' with X = [sqrt(a), b sqrt(a)]."""
    a = pop / pop.sum()
    b = np.cumsum(a) - a / 2
    x = np.column_stack([np.sqrt(a), b * np.sqrt(a)])
    return np.linalg.solve(x.T @ x, x.T), np.sqrt(a)


def _limits(draws: np.ndarray, confidence: float, repetitions: int) -> tuple[float, float]:
    """The package's percentile positions: round(reps x (1 - c')) and round(reps x c'), 1-based."""
    upper_p = confidence + (1 - confidence) / 2
    positions = np.array([round(repetitions * (1 - upper_p)), round(repetitions * upper_p)]) - 1
    picked = np.partition(draws, positions)[positions]
    return float(picked[0]), float(picked[1])


def sii(quantile: Any, population: Any, value: Any = None, lower: Any = None, upper: Any = None,
        value_type: str = "other", transform: bool = False, confidence: float = 0.95,
        repetitions: int = 100000, rii: bool = False, seed: int | None = None, *, se: Any = None,
        count: Any = None, multiplier: float = 1) -> dict[str, float]:
    """Slope index of inequality of one area across its quantiles, with simulated confidence limits.

    Give each quantile's population and value with either its 95% limits (lower/upper) or its standard
    error (se); for proportions a count can stand in for the value. value_type "rate" or "proportion"
    with transform=True works on the log / logit scale. multiplier scales the SII (e.g. 100 for
    percentages; a negative multiplier flips the direction, swapping the limits and inverting the RII).
    Returns {"sii", "lower", "upper", "intercept"} plus {"rii", "rii_lower", "rii_upper"} when rii=True.
    Method: PHEindicatormethods `phe_sii` (Low & Low 2004). seed makes the simulation repeatable.
    """
    params = SiiParams(value_type, bool(transform), v.check_confidence(confidence), int(repetitions), bool(rii),
                       v.check_multiplier(multiplier), seed)
    q, pop, y = _inputs(quantile, population, value, count)
    order = np.argsort(q)
    pop, y = pop[order], y[order]
    sd = _standard_error(y, lower, upper, se, params)[order]
    solve, sqrt_a = _design(pop)
    fitted = _ends(solve @ (sqrt_a * _forward(y, params)), params)
    rng = np.random.default_rng(seed)
    draws = rng.normal(_forward(y, params)[:, None], sd[:, None], (y.size, params.repetitions))
    return _scaled(fitted, _ends(solve @ (draws * sqrt_a[:, None]), params), params)


def _ends(coefficients: np.ndarray, params: SiiParams) -> np.ndarray:
    """Fitted values at the most (x = 0) and least (x = 1) deprived ends, back on the value's scale.

    Without a transform the regression is on the values themselves; with one it is on the log / logit
    scale and both ends are transformed back (so SII = end1 - end0, RII = end1 / end0, as the package).
    """
    return np.stack([_backward(coefficients[0], params), _backward(coefficients[0] + coefficients[1], params)])


def _scaled(fitted: np.ndarray, draws: np.ndarray, params: SiiParams) -> dict[str, float]:
    m = params.multiplier
    start, end = (float(e) for e in fitted)
    low, high = _limits(draws[1] - draws[0], params.confidence, params.repetitions)
    lower, upper = sorted((low * m, high * m))
    out = {"sii": (end - start) * m, "lower": lower, "upper": upper, "intercept": start * abs(m)}
    if params.rii:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = draws[1] / draws[0]
        r_low, r_high = _limits(ratios, params.confidence, params.repetitions)
        ratio = end / start
        if m < 0:
            ratio, r_low, r_high = 1 / ratio, 1 / r_high, 1 / r_low
        out.update({"rii": ratio, "rii_lower": r_low, "rii_upper": r_high})
    return out

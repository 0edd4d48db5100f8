"""Small named checks shared by the methods: confidence levels, array coercion, sign checks.

Every check raises ValueError with a plain sentence that says what was wrong and what is allowed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special  # scipy.stats would add ~50 MB and 0.5 s to every dashboard process

CONFIDENCE_LEVELS = (0.95, 0.998)


def check_confidence(confidence: Any) -> float:
    """0.95 or 0.998 (also accepted as 95 and 99.8); anything else is a ValueError."""
    try:
        level = float(confidence)
    except (TypeError, ValueError):
        raise ValueError(f"Confidence must be 0.95 or 0.998, not {confidence!r}.") from None
    if level > 1:
        level /= 100
    for allowed in CONFIDENCE_LEVELS:
        if abs(level - allowed) < 1e-9:
            return allowed
    raise ValueError(
        f"Confidence must be 0.95 (95%) or 0.998 (99.8%), the two levels Fingertips uses; {confidence!r} was given."
    )


def z_value(confidence: float) -> float:
    """The two-sided normal critical value for a checked confidence level (1.96 at 95%)."""
    return float(special.ndtri(confidence + (1 - confidence) / 2))


def as_float_array(values: Any, name: str) -> np.ndarray:
    """Numbers, lists, numpy arrays or pandas Series as a float array (missing values become NaN)."""
    if values is None:
        raise ValueError(f"{name} is required.")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers.") from None
    return array


def check_not_negative(values: np.ndarray, name: str) -> None:
    with np.errstate(invalid="ignore"):
        if np.any(values < 0):
            raise ValueError(f"{name} cannot be negative; at least one value is below zero.")


def check_positive(values: np.ndarray, name: str) -> None:
    with np.errstate(invalid="ignore"):
        if np.any(values <= 0):
            raise ValueError(f"{name} must be greater than zero; at least one value is zero or below.")


def check_not_above(count: np.ndarray, denominator: np.ndarray, count_name: str, denominator_name: str) -> None:
    with np.errstate(invalid="ignore"):
        if np.any(count > denominator):
            raise ValueError(
                f"{count_name} cannot be larger than {denominator_name} for a proportion; "
                "at least one row has more events than people."
            )


def check_multiplier(multiplier: Any) -> float:
    try:
        value = float(multiplier)
    except (TypeError, ValueError):
        raise ValueError(f"The multiplier must be a number, not {multiplier!r}.") from None
    if not np.isfinite(value) or value == 0:
        raise ValueError("The multiplier must be a finite number other than zero.")
    return value


def check_same_length(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same length ({a.size} and {b.size} were given).")

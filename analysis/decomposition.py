"""Life expectancy and the decomposition of a gap between two groups by age and cause (pure, no I/O).

- `abridged_life_table`: PHE's abridged Chiang II life table (20 bands 0, 1, 5 … 90+, a = 0.1 at age 0 and
  0.5 elsewhere), or a temporary one closed at `upper_age` (e.g. e(0,75) for data that stop at 75).
- `arriaga`: Arriaga (1984) by age, in the symmetric form of decompositionLE's `arriaga3`. The last band has
  no band after it: for an open band that is exact, and for a temporary table closed at 75 the
  expectancy beyond 75 is zero, so the same formula decomposes e(0,75).
- `split_by_cause`: each age's contribution split by cause in proportion to the cause-specific differences
  in death rates (Preston, Heuveline & Guillot 2001, box 4.3).
- `segment_gap` / `gap_finding`: the Segment Tool view (analysis/segment.py, re-exported here).

The array cores (`life_table_arrays`, `arriaga_arrays`) work along the last axis, so many life tables can
be decomposed at once (bench/decomposition.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

PHE_START_AGES: tuple[int, ...] = (0, 1, *range(5, 95, 5))
RADIX = 100_000.0
A0 = 0.1  # fraction of the first year lived by infants who die (PHE); 0.5 in every other band
Numbers: TypeAlias = Sequence[float] | np.ndarray | pd.Series


def _floats(values: Numbers) -> np.ndarray:
    return np.asarray(values, dtype=float)


def band_labels(start_age: Numbers, upper_age: float | None = None) -> list[str]:
    """'0', '1-4', '5-9' … '90+' (or '70-74' for the last band of a table closed at 75)."""
    starts = [int(a) for a in _floats(start_age)]
    ends: list[int | None] = [*starts[1:], None if upper_age is None else int(upper_age)]
    labels = []
    for start, end in zip(starts, ends):
        if end is None:
            labels.append(f"{start}+")
        elif end - start == 1:
            labels.append(str(start))
        else:
            labels.append(f"{start}-{end - 1}")
    return labels


def _widths(start_age: np.ndarray, upper_age: float | None) -> np.ndarray:
    last = np.nan if upper_age is None else float(upper_age)
    widths = np.diff(np.append(start_age, last))
    if np.any(widths[:-1] <= 0) or (upper_age is not None and widths[-1] <= 0):
        raise ValueError("start ages must increase, and upper_age must be above the last start age")
    return widths


def life_table_arrays(start_age: np.ndarray, population: np.ndarray, deaths: np.ndarray,
                      upper_age: float | None = None, radix: float = RADIX) -> dict[str, np.ndarray]:
    """mx, qx, lx, dx, nLx, Tx and ex along the last axis (any leading axes are separate tables)."""
    n = _widths(start_age, upper_age)
    a = np.where(start_age == 0, A0, 0.5)
    with np.errstate(divide="ignore", invalid="ignore"):
        mx = deaths / population
        qx = np.minimum(n * mx / (1 + n * (1 - a) * mx), 1.0)
        if upper_age is None:
            qx[..., -1] = 1.0
        survive = np.cumprod(1 - qx, axis=-1)
        lx = radix * np.concatenate([np.ones_like(survive[..., :1]), survive[..., :-1]], axis=-1)
        dx = lx * qx
        big_l = n * (lx - (1 - a) * dx)  # n (l(x+n) + a d(x))
        if upper_age is None:
            big_l[..., -1] = lx[..., -1] / mx[..., -1]
        tx = np.flip(np.cumsum(np.flip(big_l, -1), axis=-1), -1)
        ex = tx / lx
    return {"mx": mx, "qx": qx, "lx": lx, "dx": dx, "nLx": big_l, "Tx": tx, "ex": ex}


def abridged_life_table(start_age: Numbers, population: Numbers, deaths: Numbers, *,
                        upper_age: float | None = None, radix: float = RADIX) -> pd.DataFrame:
    """PHE's abridged life table from person-years and deaths by band.

    With `upper_age` the last band closes there and `ex` is the temporary expectancy e(x, upper_age).
    A band without person-years, or an open band without deaths, gives NaN/inf (see `segment_gap`'s notes).
    """
    x, pop, d = _floats(start_age), _floats(population), _floats(deaths)
    if not len(x) == len(pop) == len(d) or len(x) == 0:
        raise ValueError("start_age, population and deaths must have the same, non-zero length")
    if np.any(pop < 0) or np.any(d < 0):
        raise ValueError("population and deaths cannot be negative")
    cols = life_table_arrays(x, pop, d, upper_age, radix)
    table = pd.DataFrame({"start_age": x, "age_band": band_labels(x, upper_age), "population": pop,
                          "deaths": d, "n": _widths(x, upper_age),
                          "a": np.where(x == 0, A0, 0.5), **cols})
    return table


def temporary_life_expectancy(start_age: Numbers, population: Numbers, deaths: Numbers,
                              upper_age: float = 75) -> float:
    """e(x0, upper_age): years lived between the first start age and `upper_age` (bands at or above it ignored)."""
    x = _floats(start_age)
    keep = x < upper_age
    table = abridged_life_table(x[keep], _floats(population)[keep], _floats(deaths)[keep], upper_age=upper_age)
    return float(table["ex"].iloc[0])


def arriaga_arrays(lx_a: np.ndarray, ex_a: np.ndarray, lx_b: np.ndarray,
                   ex_b: np.ndarray) -> dict[str, np.ndarray]:
    """Direct, indirect and interaction effects per band along the last axis (decompositionLE arriaga3)."""
    l1 = lx_a / lx_a[..., :1]
    l2 = lx_b / lx_b[..., :1]
    e1, e2 = ex_a, ex_b

    def lead(values: np.ndarray) -> np.ndarray:  # the next band's value; none after the last band
        return np.concatenate([values[..., 1:], np.zeros_like(values[..., :1])], axis=-1)

    l1n, l2n, e1n, e2n = lead(l1), lead(l2), lead(e1), lead(e2)
    both = (l1 + l2) / 2
    with np.errstate(divide="ignore", invalid="ignore"):  # a band nobody reaches gives NaN, not a warning
        direct = (e2 - e1) * both + both * (l1n * e1n / l1 - l2n * e2n / l2)
        indirect = (e2n * (l2n - l2 * l1n / l1) - e1n * (l1n - l1 * l2n / l2)) / 2
        interaction = (e2n - e1n) * ((l1 * l2n / l2 + l2 * l1n / l1) - (l2n + l1n)) / 2
    return {"direct": direct, "indirect": indirect, "interaction": interaction,
            "total": direct + indirect + interaction}


def arriaga(start_age: Numbers, lx_a: Numbers, ex_a: Numbers, lx_b: Numbers, ex_b: Numbers, *,
            upper_age: float | None = None) -> pd.DataFrame:
    """Contributions (years) of each age band to e(b) − e(a) at the first age; they sum to that difference.

    `lx` may have any radix. The last band's indirect and interaction effects are 0 (decompositionLE
    reports NA there). Pass temporary expectancies with `upper_age` to decompose e(0, upper_age).
    """
    x = _floats(start_age)
    effects = arriaga_arrays(_floats(lx_a), _floats(ex_a), _floats(lx_b), _floats(ex_b))
    frame = pd.DataFrame({"start_age": x, "age_band": band_labels(x, upper_age), **effects})
    frame.insert(5, "exclusive", frame["direct"] + frame["indirect"])
    return frame


def split_by_cause(start_age: Numbers, total_by_age: Numbers, mx_a: Numbers, mx_b: Numbers,
                   cause_share_a: pd.DataFrame, cause_share_b: pd.DataFrame) -> pd.DataFrame:
    """Each band's contribution split by cause: nDx · (share_b·m_b − share_a·m_a) / (m_b − m_a).

    Shares are each cause's fraction of the band's deaths (rows = bands, columns = causes; the same
    columns in both). Where the two all-cause rates are equal the band's contribution is split by the
    mean share. Returns a frame indexed by start age with one column per cause (years).
    """
    x = _floats(start_age)
    total, m_a, m_b = _floats(total_by_age), _floats(mx_a), _floats(mx_b)
    share_a = pd.DataFrame(cause_share_a).reset_index(drop=True)
    share_b = pd.DataFrame(cause_share_b).reset_index(drop=True)
    if list(share_a.columns) != list(share_b.columns) or not len(share_a) == len(share_b) == len(x):
        raise ValueError("both groups need the same causes and one row of shares per age band")
    rate_a = share_a.to_numpy(float) * m_a[:, None]
    rate_b = share_b.to_numpy(float) * m_b[:, None]
    diff = (m_b - m_a)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        split = np.where(diff != 0, (rate_b - rate_a) / diff,
                         (share_a.to_numpy(float) + share_b.to_numpy(float)) / 2)
    out = pd.DataFrame(total[:, None] * split, columns=share_a.columns, index=pd.Index(x, name="start_age"))
    return out


def __getattr__(name: str):  # segment_gap and gap_finding live in analysis/segment.py
    if name in ("segment_gap", "gap_finding", "SegmentGap"):
        from analysis import segment
        return getattr(segment, name)
    raise AttributeError(name)

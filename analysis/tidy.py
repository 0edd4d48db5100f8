"""Tidying helpers: ordering Fingertips time periods, the latest period, headline rows."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# The columns that identify one time series in the store (all but time_period of store.schema.VALUE_KEY).
SERIES_KEY: tuple[str, ...] = ("indicator_id", "area_code", "sex", "age", "category_type", "category")

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_POINT = re.compile(
    r"(?:(?P<month>[A-Za-z]{3})[a-z]*\s+)?(?P<year>\d{4}|\d{2})(?:/(?P<fy>\d{2}))?(?:\s*Q(?P<q>[1-4]))?"
)


def _points(text: str) -> list[tuple[int, int]]:
    """(year, month-or-quarter position) for each date in a period label; 2-digit years borrow the century."""
    found: list[tuple[int, int]] = []
    for m in _POINT.finditer(text):
        year = int(m["year"])
        if len(m["year"]) == 2:
            if not found:
                continue
            year += found[0][0] // 100 * 100
            if year < found[0][0]:
                year += 100
        sub = _MONTHS.get((m["month"] or "").lower(), 0) or (int(m["q"]) * 3 if m["q"] else 0)
        found.append((year, sub))
    return found


def parse_period(text: object) -> tuple[int, int, int, int] | None:
    """(start year, start sub-period, end year, end sub-period) of a Fingertips period label, or None.

    "2021" -> (2021, 0, 2021, 0); "2018 - 20" -> (2018, 0, 2020, 0); "2019/20" -> (2019, 0, 2019, 0)
    (financial years count by their first year, as Fingertips' sortable key does); "2019/20 Q1 -
    2020/21 Q3" -> (2019, 3, 2020, 9); "Aug 2017 - Jul 2018" -> (2017, 8, 2018, 7).
    """
    if text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)):
        return None
    points = _points(str(text))
    if not points:
        return None
    (y0, s0), (y1, s1) = points[0], points[-1]
    return y0, s0, y1, s1


def sortable_period(frame: pd.DataFrame) -> pd.Series:
    """A number that orders rows by time: Fingertips' time_period_sortable, falling back to the label.

    Fingertips' sortable key is start year * 10000 (+ finer parts); where it is missing it is
    rebuilt from the label as start year * 10000 + start sub-period * 100. Periods that share a start
    (cumulative periods such as "2019/20 Q1 - 2020/21 Q3") are then told apart by their end, added as
    a fraction below 1.
    """
    n = len(frame)
    start, end = np.full(n, np.nan), np.zeros(n)
    if "time_period" in frame:
        labels = frame["time_period"].to_numpy(dtype=object)
        cache = {label: parse_period(label) for label in set(labels) if isinstance(label, str)}
        for i, label in enumerate(labels):
            parsed = cache.get(label) if isinstance(label, str) else None
            if parsed is not None:
                start[i] = parsed[0] * 10000 + parsed[1] * 100
                end[i] = (parsed[2] * 100 + parsed[3]) / 1e6
    base = start
    if "time_period_sortable" in frame:
        given = pd.to_numeric(frame["time_period_sortable"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        base = np.where(np.isnan(given), start, given)
    return pd.Series(base + end, index=frame.index, name="period_order")


def latest_period(frame: pd.DataFrame, keys: tuple[str, ...] = SERIES_KEY) -> pd.DataFrame:
    """The rows of each series' latest time period (series = `keys` present in `frame`; NA is a value).

    Rows whose period cannot be ordered at all are dropped.
    """
    order = sortable_period(frame)
    by = [k for k in keys if k in frame]
    ranked = frame.assign(_order=order).dropna(subset=["_order"])
    if not by:
        return ranked[ranked["_order"] == ranked["_order"].max()].drop(columns="_order")
    latest = ranked.groupby(by, dropna=False, sort=False)["_order"].transform("max")
    return ranked[ranked["_order"] == latest].drop(columns="_order")


def headline_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that are not an inequality breakdown (no category_type)."""
    if "category_type" not in frame:
        return frame
    blank = frame["category_type"].isna() | (frame["category_type"].astype("string").str.strip() == "")
    return frame[blank.fillna(True)]

"""Pure helpers behind the indicator explorer: pick a series, compare areas, trend and map frames.

`rows` is every store row of one indicator (all areas, periods and breakdowns).
"""
from __future__ import annotations

import pandas as pd

from analysis.overview import label_with_fallback
from analysis.tidy import headline_rows, sortable_period
from geography import ENGLAND

# ONS code changes that break a local series (area created, merged or re-coded). Sources: ONS Code History
# Database and the Fingertips area types 101/102 (pre 4/19), 201/202 (4/19-3/20), 401/402 (4/21-3/23),
# 501/502 (from 4/23). Each year maps to the codes created or changed by the April reorganisation.
BOUNDARY_CHANGES: dict[int, frozenset[str]] = {
    2019: frozenset({"E06000058", "E06000059", "E07000244", "E07000245", "E07000246", "E10000009",
                     "E10000029", "E10000027"}),
    2020: frozenset({"E06000060", "E10000002"}),
    2021: frozenset({"E06000061", "E06000062", "E10000021"}),
    2023: frozenset({"E06000063", "E06000064", "E06000065", "E06000066", "E10000006", "E10000023",
                     "E10000027"}),
}
ABOLISHED_OR_CHANGED = frozenset().union(*BOUNDARY_CHANGES.values())


def choices(rows: pd.DataFrame, column: str) -> list[str]:
    """The sexes or ages present in the headline rows, 'Persons'/'All ages' first."""
    values = [v for v in headline_rows(rows)[column].dropna().unique()]
    first = {"sex": "Persons", "age": "All ages"}.get(column)
    return sorted(values, key=lambda v: (v != first, str(v)))


def series(rows: pd.DataFrame, sex: str | None, age: str | None) -> pd.DataFrame:
    """Headline rows of one sex and age, in period order. Where the indicator has a single sex or age, rows
    that leave it blank (some extracts dropped those columns) count as that one."""
    out = headline_rows(rows)
    for column, wanted in (("sex", sex), ("age", age)):
        if wanted is not None:
            blank_matches = len(choices(rows, column)) == 1
            out = out[(out[column] == wanted).fillna(False) | (out[column].isna() & blank_matches)]
    order = sortable_period(out)
    return out.assign(_order=order).sort_values("_order").drop(columns="_order")


def latest_common_period(frame: pd.DataFrame, area_code: str) -> str | None:
    """The area's latest period with a value (else the latest period of any area)."""
    mine = frame[(frame["area_code"] == area_code) & frame["value"].notna()]
    pool = mine if len(mine) else frame[frame["value"].notna()]
    if pool.empty:
        return None
    return str(pool.assign(_o=sortable_period(pool)).sort_values("_o")["time_period"].iloc[-1])


def with_significance(frame: pd.DataFrame, comparator_value: float | None, meta: dict,
                      against_england: bool = True, comparator_code: str | None = None) -> pd.DataFrame:
    """Rows labelled against one comparator value (see analysis.overview.label_with_fallback)."""
    out = frame.assign(comparator_value=comparator_value, polarity=meta.get("polarity"),
                       benchmark_method=meta.get("benchmark_method"))
    return label_with_fallback(out, against_england, comparator_code)


def value_at(frame: pd.DataFrame, area_code: str | None, period: str) -> float | None:
    if not area_code:
        return None
    hit = frame[(frame["area_code"] == area_code) & (frame["time_period"] == period)]["value"].dropna()
    return float(hit.iloc[0]) if len(hit) else None


def compare_frame(frame: pd.DataFrame, codes: list[str], period: str, comparator_value: float | None,
                  meta: dict, against_england: bool = True, comparator_code: str | None = None) -> pd.DataFrame:
    """The chosen areas at one period, each labelled against the comparator value (the comparator itself,
    when among them, is "Not compared")."""
    rows = frame[frame["area_code"].isin(codes) & (frame["time_period"] == period)].drop_duplicates("area_code")
    return with_significance(rows, comparator_value, meta, against_england, comparator_code)


def trend_frame(frame: pd.DataFrame, area_code: str, comparator: pd.DataFrame, meta: dict,
                against_england: bool = True, comparator_code: str | None = None) -> pd.DataFrame:
    """The area's series with each period labelled against the comparator's value of that period."""
    mine = frame[frame["area_code"] == area_code]
    ref = comparator[["time_period", "value"]].rename(columns={"value": "comparator_value"})
    merged = mine.merge(ref.drop_duplicates("time_period"), on="time_period", how="left")
    merged = merged.assign(polarity=meta.get("polarity"), benchmark_method=meta.get("benchmark_method"))
    merged = label_with_fallback(merged, against_england, comparator_code)
    return merged.assign(_o=sortable_period(merged)).sort_values("_o").drop(columns="_o")


def boundary_breaks(periods: list[str], area_code: str) -> list[str]:
    """Periods at which the area's series crosses an April boundary change that affected the area."""
    starts = [_start_year(p) for p in periods]
    breaks = []
    for i in range(1, len(periods)):
        a, b = starts[i - 1], starts[i]
        if a is None or b is None:
            continue
        if any(a < year <= b and area_code in codes for year, codes in BOUNDARY_CHANGES.items()):
            breaks.append(periods[i])
    return breaks


def _start_year(period: str) -> int | None:
    digits = "".join(ch if ch.isdigit() else " " for ch in str(period)).split()
    return int(digits[0]) if digits and len(digits[0]) == 4 else None


def map_frame(frame: pd.DataFrame, geojson: dict, key: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows whose code is in the boundaries, rows whose code is not — reported, never dropped silently)."""
    codes = {f.get("properties", {}).get(key) for f in geojson.get("features", [])}
    inside = frame["area_code"].isin(codes)
    return frame[inside], frame[~inside & (frame["area_code"] != ENGLAND) & ~frame["area_code"].str.startswith("E12")]


def breakdowns(rows: pd.DataFrame, area_code: str) -> dict[str, pd.DataFrame]:
    """Inequality breakdowns of the area at each category type's latest period: {category type: rows}."""
    cats = rows[(rows["area_code"] == area_code) & rows["category_type"].notna() & rows["value"].notna()]
    out = {}
    for ctype, group in cats.groupby("category_type", sort=True):
        latest = group.assign(_o=sortable_period(group))
        latest = latest[latest["_o"] == latest["_o"].max()].drop(columns="_o")
        for (sex, age), part in latest.groupby([latest["sex"].fillna(""), latest["age"].fillna("")], sort=True):
            label = " · ".join(x for x in (str(ctype), sex if sex != "Persons" else "", age) if x)
            out[label] = part
    return out


def sex_age_breakdown(rows: pd.DataFrame, area_code: str, column: str) -> pd.DataFrame:
    """Headline rows of the area at its latest period split by sex or by age (when more than one)."""
    mine = headline_rows(rows)
    mine = mine[(mine["area_code"] == area_code) & mine["value"].notna()]
    if mine[column].nunique() < 2:
        return mine.iloc[0:0]
    mine = mine.assign(_o=sortable_period(mine))
    latest = mine[mine["_o"] == mine["_o"].max()].drop(columns="_o")
    other = "age" if column == "sex" else "sex"
    if latest[other].nunique() > 1:  # keep the most common of the other dimension
        latest = latest[latest[other] == latest[other].mode().iloc[0]]
    return latest.assign(category=latest[column])

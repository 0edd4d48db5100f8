"""Stored deaths and population (one row per group × sex × age × cause × year) pooled over chosen years into the
documented layout of analysis/mortality.py, with plain notes on what is missing (pure: frames in, frames out).

A year is used only when both groups have deaths and population in it, so both life expectancies rest on the
same years; the notes name every year left out and why.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.mortality import OPEN_AGE, parse_age

STORE_COLUMNS = ("group_name", "sex", "age", "cause", "year", "deaths", "population")


def natural_key(text: str) -> tuple:
    """Sort 'IMD decile 2' before 'IMD decile 10'."""
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", str(text)))


def _years_text(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


def _in_year(part: pd.DataFrame, year: int | None) -> pd.Series:
    return part["year"].isna() if year is None else part["year"] == year


def _usable_years(part: pd.DataFrame, group: str, years: list) -> tuple[set, list[str]]:
    notes = []
    no_pop = sorted({y for y in years if part.loc[_in_year(part, y), "population"].isna().all()}, key=str)
    no_deaths = sorted({y for y in years if part.loc[_in_year(part, y), "deaths"].isna().all()}, key=str)
    if no_pop:
        notes.append(f"There is no population for {group}" + ("" if no_pop == [None] else
                                                              f" in {_years_text(no_pop)}") + ".")
    if no_deaths:
        notes.append(f"There are no deaths by age for {group}" + ("" if no_deaths == [None] else
                                                                  f" in {_years_text(no_deaths)}") + ".")
    return set(years) - set(no_pop) - set(no_deaths), notes


def pooled(rows: pd.DataFrame, groups: tuple[str, str], years: list[int] | None = None
           ) -> tuple[pd.DataFrame, list[int], list[str]]:
    """(the two groups summed over the usable years in the documented layout, the years used, notes).

    `years` None means every year held (or the file's pooled rows when it has no years).
    """
    chosen = rows[rows["group_name"].isin(groups)].copy()
    chosen["year"] = chosen["year"].astype(object).where(chosen["year"].notna(), None)
    held = sorted({y for y in chosen["year"]}, key=lambda y: (y is None, y or 0))
    wanted = [y for y in held if years is None or y is None or int(y) in years]
    usable, notes = set(wanted), []
    for group in groups:
        ok, said = _usable_years(chosen[chosen["group_name"] == group], group, wanted)
        usable &= ok
        notes += said
    used = sorted(usable, key=lambda y: (y is None, y or 0))
    part = chosen[chosen["year"].isin(used) if used != [None] else chosen["year"].isna()] if used else chosen.iloc[:0]
    summed = part.groupby(["group_name", "sex", "age", "cause"], as_index=False)[["deaths", "population"]].sum()
    frame = summed.rename(columns={"group_name": "group"})[["group", "sex", "age", "deaths", "population", "cause"]]
    return frame, [int(y) for y in used if y is not None], notes


def top_age(frame: pd.DataFrame) -> int | None:
    """The first age past the oldest band held (75 for data that stop at 74); None with an open band (90+)."""
    ends = [parse_age(a) for a in frame["age"].astype(str).unique()]
    if any(last is None for _, last in ends) or not ends:
        return None
    oldest = max(last for _, last in ends if last is not None)
    return None if oldest >= OPEN_AGE else oldest + 1

"""An analyst's own deaths and population, in one documented CSV layout (pure: frames in, frames out).

Layout, one row per group × sex × age (× cause):

| column | meaning |
|---|---|
| `group` | the population, e.g. "Most deprived quintile", "IMD decile 1", "Blackpool" |
| `sex` | Male, Female or Persons (Persons is made from Male + Female when absent) |
| `age` | a single year ("0", "37") or a band ("1-4", "5-9", "90+"); bands must lie inside PHE's 20 bands |
| `deaths` | deaths in that cell (all years pooled) |
| `population` | person-years (mid-year population × years pooled); the same on every cause row of an age |
| `cause` | optional, default "All causes". Name the Segment Tool groups below and give the "All causes" rows too: |
|  | "Other" is worked out as all causes minus the named causes, age band by age band |

Segment Tool cause groups (ICD-10 underlying cause, by chapter; "Other" is everything else):

| group | ICD-10 | chapter |
|---|---|---|
| Circulatory | I00-I99 | IX Diseases of the circulatory system |
| Cancer | C00-D48 | II Neoplasms |
| Respiratory | J00-J99 | X Diseases of the respiratory system |
| Digestive | K00-K93 | XI Diseases of the digestive system |
| External causes | V01-Y89 | XX External causes of morbidity and mortality |
| Mental and behavioural | F00-F99 | V Mental and behavioural disorders |
| Other | all other codes | every other chapter, e.g. A00-B99 infections, G00-G99 nervous system, U07 COVID-19 |
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.decomposition import PHE_START_AGES, band_labels
from analysis.segment import ALL_CAUSES, OTHER, SegmentGap, segment_gap
from errors import MortalityDataError

REQUIRED = ("group", "sex", "age", "deaths", "population")
COLUMNS = (*REQUIRED, "cause")
SEXES = ("Male", "Female", "Persons")
_AGE = re.compile(r"^\s*(?:(\d+)\s*-\s*(\d+)|(\d+)\s*\+|(\d+)|<\s*1)\s*$")
OPEN_AGE = PHE_START_AGES[-1]


@dataclass(frozen=True)
class CauseGroup:
    name: str
    icd10: tuple[str, ...]  # inclusive ranges of three-character codes
    chapter: str


CAUSE_GROUPS: tuple[CauseGroup, ...] = (
    CauseGroup("Circulatory", ("I00-I99",), "IX Diseases of the circulatory system"),
    CauseGroup("Cancer", ("C00-D48",), "II Neoplasms"),
    CauseGroup("Respiratory", ("J00-J99",), "X Diseases of the respiratory system"),
    CauseGroup("Digestive", ("K00-K93",), "XI Diseases of the digestive system"),
    CauseGroup("External causes", ("V01-Y89",), "XX External causes of morbidity and mortality"),
    CauseGroup("Mental and behavioural", ("F00-F99",), "V Mental and behavioural disorders"),
)


def cause_group(icd10: str) -> str:
    """The Segment Tool group of an ICD-10 code ('I21', 'I21.9', 'C34X'); 'Other' when none applies."""
    code = icd10.strip().upper().replace(".", "")[:3]
    for group in CAUSE_GROUPS:
        for span in group.icd10:
            low, high = span.split("-")
            if low <= code <= high:
                return group.name
    return OTHER


def parse_age(label: object) -> tuple[int, int | None]:
    """(first year, last year) of an age label; last is None for an open band such as '90+'."""
    match = _AGE.match(str(label))
    if not match:
        raise ValueError(label)
    lo, hi, open_, single = match.groups()
    if lo is not None:
        if int(hi) < int(lo):
            raise ValueError(label)
        return int(lo), int(hi)
    if open_ is not None:
        return int(open_), None
    return (int(single), int(single)) if single is not None else (0, 0)


def phe_band(first: int, last: int | None) -> int:
    """The start of the PHE band holding these ages; ValueError when they straddle two bands."""
    start = max(s for s in PHE_START_AGES if s <= first)
    if last is None:
        if first != OPEN_AGE:
            raise ValueError("open")
        return start
    following = [s for s in PHE_START_AGES if s > start]
    if start != OPEN_AGE and last >= following[0]:
        raise ValueError("straddles")
    return start


def _fail(message: str, row: int | None = None, column: str | None = None) -> MortalityDataError:
    where = f"Row {row + 1}" if row is not None else "The file"
    return MortalityDataError(f"{where}: {message}" if row is not None else message, row=row, column=column)


def _numbers(frame: pd.DataFrame, column: str) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna() | ~np.isfinite(values) | (values < 0)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise _fail(f"'{column}' must be a number of at least 0, not '{frame[column].iloc[row]}'.", row, column)
    return values.astype(float)


def _sexes(frame: pd.DataFrame) -> pd.Series:
    names = {s.lower(): s for s in SEXES}
    sex = frame["sex"].astype(str).str.strip().str.lower().map(names)
    if sex.isna().any():
        row = int(np.flatnonzero(sex.isna().to_numpy())[0])
        raise _fail(f"'sex' must be Male, Female or Persons, not '{frame['sex'].iloc[row]}'.", row, "sex")
    return sex


def _age_columns(frame: pd.DataFrame) -> pd.DataFrame:
    out = []
    for row, label in enumerate(frame["age"].astype(str)):
        try:
            first, last = parse_age(label)
            start = phe_band(first, last)
        except ValueError as exc:
            hint = ("PHE's bands end with 90+; give 85-89 and 90+ separately" if str(exc) == "open" else
                    "a band must lie inside one of PHE's bands 0, 1-4, 5-9 … 85-89, 90+" if str(exc) == "straddles"
                    else "use a single year such as '7' or a band such as '5-9' or '90+'")
            raise _fail(f"'{label}' in column 'age' cannot be used: {hint}.", row, "age") from None
        out.append((start, 1 if last is None else last - first + 1))
    return pd.DataFrame(out, columns=["start_age", "years_covered"], index=frame.index)


def validate(frame: pd.DataFrame) -> pd.DataFrame:
    """A clean copy of an analyst's file (columns as documented), or MortalityDataError naming row and column."""
    frame = frame.rename(columns=lambda c: str(c).strip().lower()).reset_index(drop=True)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise _fail(f"The file has no {', '.join(repr(c) for c in missing)} column. It needs the columns "
                    f"{', '.join(REQUIRED)} (and optionally cause).", column=missing[0])
    if frame.empty:
        raise _fail("The file has headings but no rows of data.")
    clean = pd.DataFrame({"group": frame["group"].astype("string").str.strip(), "sex": _sexes(frame),
                          "age": frame["age"].astype(str).str.strip(),
                          "deaths": _numbers(frame, "deaths"), "population": _numbers(frame, "population")})
    if clean["group"].isna().any() or (clean["group"] == "").any():
        raise _fail("'group' is empty.", int(np.flatnonzero((clean["group"].fillna("") == "").to_numpy())[0]),
                    "group")
    cause = frame["cause"] if "cause" in frame.columns else pd.Series(pd.NA, index=frame.index)
    clean["cause"] = cause.astype("string").str.strip().replace("", pd.NA).fillna(ALL_CAUSES)
    clean = clean.astype({"group": str, "cause": str})
    repeated = clean.duplicated(["group", "sex", "age", "cause"], keep="first")
    if repeated.any():
        row = int(np.flatnonzero(repeated.to_numpy())[0])
        raise _fail("the same group, sex, age and cause appears on an earlier row.", row, "age")
    _check_population(clean)
    return clean.join(_age_columns(clean))


def _check_population(clean: pd.DataFrame) -> None:
    by_age = clean.groupby(["group", "sex", "age"])["population"]
    spread = by_age.transform("max") - by_age.transform("min")  # vectorised: 24,000 rows in milliseconds
    if (spread > 1e-9).any():
        row = int(np.flatnonzero((spread > 1e-9).to_numpy())[0])
        raise _fail("'population' differs between the cause rows of the same group, sex and age.", row,
                    "population")


def _check_coverage(banded: pd.DataFrame) -> None:
    for (group, sex, cause), part in banded.groupby(["group", "sex", "cause"]):
        starts = part["start_age"].tolist()
        expected = list(PHE_START_AGES[: len(starts)])
        widths = np.diff([*PHE_START_AGES, OPEN_AGE + 1])[: len(starts)]
        closed = np.asarray(starts) != OPEN_AGE  # any single years from 90 up make the open band
        if starts != expected or (part["years_covered"].to_numpy()[closed] != widths[closed]).any():
            raise _fail(f"The ages of {group}, {sex}, {cause} do not cover each PHE band from age 0 exactly "
                        "once (a year is missing or given twice).", column="age")


def to_phe_bands(frame: pd.DataFrame) -> pd.DataFrame:
    """Single years and bands summed to PHE's bands; population counted once per age, not per cause."""
    clean = frame if "start_age" in frame.columns else validate(frame)
    keys = ["group", "sex", "cause", "start_age"]
    banded = clean.groupby(keys, sort=True).agg(deaths=("deaths", "sum"), population=("population", "sum"),
                                                years_covered=("years_covered", "sum")).reset_index()
    _check_coverage(banded)
    return banded.drop(columns="years_covered")


def add_persons(banded: pd.DataFrame) -> pd.DataFrame:
    """Persons rows (Male + Female) for every group that has both sexes but no Persons rows."""
    have = set(banded.loc[banded["sex"] == "Persons", "group"])
    both = banded[banded["sex"].isin(["Male", "Female"]) & ~banded["group"].isin(have)]
    two = both.groupby(["group", "cause", "start_age"])["sex"].transform("nunique") == 2
    persons = both[two].groupby(["group", "cause", "start_age"], as_index=False)[["deaths", "population"]].sum()
    persons.insert(1, "sex", "Persons")
    return pd.concat([banded, persons[banded.columns]], ignore_index=True)


def segment_inputs(banded: pd.DataFrame, group: str, sex: str) -> tuple[pd.DataFrame, pd.Series, float | None]:
    """(deaths by start age × cause, person-years by start age, upper age or None) for one group and sex."""
    part = banded[(banded["group"] == group) & (banded["sex"] == sex)]
    if part.empty:
        raise _fail(f"There are no rows for group '{group}' and sex {sex}.", column="group")
    if ALL_CAUSES not in set(part["cause"]):
        raise _fail(f"'{group}' ({sex}) has deaths by cause but no '{ALL_CAUSES}' rows; add the all-cause "
                    "total for each age so that 'Other' can be worked out.", column="cause")
    deaths = part.pivot_table(index="start_age", columns="cause", values="deaths", aggfunc="sum", fill_value=0)
    total = part[part["cause"] == ALL_CAUSES].set_index("start_age")
    deaths = deaths.reindex(total.index, fill_value=0).astype(float)
    ages = total.index.to_numpy(int)
    upper = None if ages[-1] == OPEN_AGE else float(PHE_START_AGES[len(ages)])
    return deaths, total["population"].astype(float), upper


def compare_groups(frame: pd.DataFrame, group_a: str, group_b: str, *, sex: str = "Persons",
                   upper_age: float | None = None) -> SegmentGap:
    """The Segment Tool gap between two groups of an analyst's file (or of `from_imd_deciles`)."""
    banded = add_persons(to_phe_bands(frame))
    inputs = [segment_inputs(banded, g, sex) for g in (group_a, group_b)]
    deaths_a, pop_a, top_a = inputs[0]
    deaths_b, pop_b, top_b = inputs[1]
    if top_a != top_b or not deaths_a.index.equals(deaths_b.index):
        raise _fail(f"'{group_a}' and '{group_b}' do not cover the same ages.", column="age")
    if upper_age is not None:
        if upper_age not in PHE_START_AGES or (top_a is not None and upper_age > top_a):
            raise _fail(f"Life expectancy can be cut at a PHE band boundary within the data, not at {upper_age:g}.")
        keep = deaths_a.index < upper_age
        deaths_a, pop_a, deaths_b, pop_b = deaths_a[keep], pop_a[keep], deaths_b[keep], pop_b[keep]
    else:
        upper_age = top_a
    causes = sorted(set(deaths_a.columns) | set(deaths_b.columns), key=lambda c: (c == ALL_CAUSES, c))
    deaths_a, deaths_b = (d.reindex(columns=causes, fill_value=0.0) for d in (deaths_a, deaths_b))
    return segment_gap(deaths_a, pop_a, deaths_b, pop_b, label_a=group_a, label_b=group_b,
                       upper_age=upper_age, sex=sex)


IMD_COLUMNS = ("year", "imd_decile", "sex", "age", "deaths", "population")


def from_imd_deciles(raw: pd.DataFrame, years: list[int] | None = None) -> pd.DataFrame:
    """England's deaths and population by IMD decile (year, imd_decile, sex, age, …) in the layout above.

    Group = "IMD decile N" (1 = most deprived); deaths and person-years are summed over `years` (all when
    None). Ages 0–74 give bands up to 70-74, hence life expectancy to 75.
    """
    missing = [c for c in IMD_COLUMNS if c not in raw.columns]
    if missing:
        raise _fail(f"The deprivation file has no {', '.join(missing)} column.", column=missing[0])
    chosen = raw if years is None else raw[raw["year"].isin(years)]
    if chosen.empty:
        raise _fail(f"The deprivation file has no rows for the years {years}.", column="year")
    summed = chosen.groupby(["imd_decile", "sex", "age"], as_index=False)[["deaths", "population"]].sum()
    return pd.DataFrame({"group": "IMD decile " + summed["imd_decile"].astype(int).astype(str),
                         "sex": summed["sex"], "age": summed["age"].astype(int).astype(str),
                         "deaths": summed["deaths"], "population": summed["population"], "cause": ALL_CAUSES})


__all__ = ["CAUSE_GROUPS", "COLUMNS", "SEXES", "add_persons", "band_labels", "cause_group", "compare_groups",
           "from_imd_deciles", "parse_age", "phe_band", "segment_inputs", "to_phe_bands", "validate"]

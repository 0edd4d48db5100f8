"""Deaths and population for the life-expectancy gap: import a file, or download an area and England from Nomis.

- `import_file`: a CSV in the documented layout of analysis/mortality.py (`group, sex, age, deaths,
  population[, cause][, year]`; an optional `year` column keeps the years apart so the page can choose
  them), or the England IMD decile file (`year, imd_decile, sex, age, deaths, population`, recognised by its
  header; groups "IMD decile 1" … "IMD decile 10"). Every row is checked before anything is written.
- `download_nomis`: deaths by PHE age band × sex × cause (NM_161_1) and population by single year of age
  (NM_2002_1, summed to the same bands) for an area and England, one call at a time, year by year. Cause
  codes are read from Nomis's codelist at run time; Segment Tool cause groups Nomis does not offer are left
  to "Other". What Nomis does not have (e.g. no population for an area) is stored as missing and named in
  the result's notes; the page then says which figures cannot be worked out.
Both write one dataset in one atomic store write (store.db), replacing an earlier load of the same dataset.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.decomposition import PHE_START_AGES, band_labels
from analysis.mortality import CAUSE_GROUPS, IMD_COLUMNS, cause_group, validate
from analysis.segment import ALL_CAUSES
from connectors.nomis import ALL_CAUSES_ICD, DEATHS, ENGLAND_AND_WALES, NomisClient
from errors import MortalityDataError, NomisDataError
from geography import ENGLAND
from store.db import Store
from store.mortality import write_dataset

Step = Callable[[str, float | None], None]
IMD_DATASET = "England IMD deciles"
KIND_GROUPS, KIND_AREA = "groups", "area"
BAND_LABEL = dict(zip(PHE_START_AGES, band_labels(PHE_START_AGES), strict=True))


@dataclass(frozen=True)
class MortalityLoad:
    """What one import or download stored."""

    dataset: str
    kind: str
    rows: int
    groups: tuple[str, ...]
    years: tuple[int, ...]
    source: str
    rounded: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def _quiet(message: str, fraction: float | None) -> None:
    pass


# ---- files ---------------------------------------------------------------------------------------------
def _read_csv(path: Path, name: str) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, encoding="utf-8-sig", skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError) as exc:
        raise MortalityDataError(f"{name} could not be read as a CSV file of deaths and population.") from exc
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    return raw


def _imd_rows(raw: pd.DataFrame) -> pd.DataFrame:
    decile = pd.to_numeric(raw["imd_decile"], errors="coerce")
    if decile.isna().any():
        raise MortalityDataError("The deprivation file has an 'imd_decile' that is not a number.", column="imd_decile")
    return pd.DataFrame({"group": "IMD decile " + decile.astype(int).astype(str), "sex": raw["sex"],
                         "age": raw["age"], "deaths": raw["deaths"], "population": raw["population"],
                         "cause": ALL_CAUSES, "year": raw["year"]})


def _checked(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Each year's rows checked against the layout; the clean rows of every year together."""
    if "year" not in frame.columns:
        frame = frame.assign(year=pd.NA)
    years = pd.to_numeric(frame["year"], errors="coerce")
    if (years.isna() & frame["year"].notna()).any() or ((years.dropna() % 1) != 0).any():
        raise MortalityDataError(f"{name}: 'year' must be a whole year such as 2019.", column="year")
    if frame.empty:
        try:
            validate(frame.drop(columns="year"))  # says which column is missing, or that there are no rows
        except MortalityDataError as exc:
            raise MortalityDataError(f"{name}: {exc}", column=exc.column) from None
    parts = []
    for year, part in frame.assign(year=years).groupby("year", dropna=False, sort=True):
        try:
            clean = validate(part.drop(columns="year"))
        except MortalityDataError as exc:
            row, text = exc.row, str(exc)
            if row is not None:  # the row in the whole file, not within its year
                text = text.replace(f"Row {row + 1}:", f"Row {int(part.index[row]) + 1}:", 1)
                row = int(part.index[row])
            where = "" if pd.isna(year) else f" (year {int(year)})"
            raise MortalityDataError(f"{name}{where}: {text}", row=row, column=exc.column) from None
        parts.append(clean.assign(year=year))
    return pd.concat(parts, ignore_index=True)


def read_file(path: Path, name: str | None = None) -> tuple[pd.DataFrame, str]:
    """(rows for the store, dataset name) from a CSV; MortalityDataError in plain words when it cannot be used."""
    path = Path(path)
    name = name or path.name
    raw = _read_csv(path, name)
    is_imd = set(IMD_COLUMNS) <= set(raw.columns)
    checked = _checked(_imd_rows(raw) if is_imd else raw.drop(columns=[c for c in raw.columns if c.startswith("unnamed")]),
                       name)
    rows = pd.DataFrame({"group_name": checked["group"], "group_code": None, "sex": checked["sex"],
                         "age": checked["age"], "cause": checked["cause"], "year": checked["year"],
                         "deaths": checked["deaths"], "population": checked["population"], "rounded": False})
    return rows, IMD_DATASET if is_imd else Path(name).stem


def import_file(path: Path, *, store: Store | None = None, name: str | None = None,
                step: Step = _quiet) -> MortalityLoad:
    """Check a deaths-and-population CSV and store it as one dataset (nothing is stored when it is bad)."""
    store = store or Store()
    step(f"Checking {name or Path(path).name}", 0.0)
    rows, dataset = read_file(path, name)
    step("Saving to the local store", 0.8)
    with store.writer() as con:
        count = write_dataset(con, store, rows, dataset=dataset, kind=KIND_GROUPS, source=name or Path(path).name)
    step("Done", 1.0)
    return MortalityLoad(dataset, KIND_GROUPS, count, tuple(sorted(rows["group_name"].unique())),
                         tuple(sorted(int(y) for y in rows["year"].dropna().unique())), name or Path(path).name)


# ---- Nomis ---------------------------------------------------------------------------------------------
def parse_years(text: str) -> list[int]:
    """'2017-2019' -> [2017, 2018, 2019]; '2017,2019' and '2019' too. ValueError in words otherwise."""
    years: set[int] = set()
    for part in str(text).replace(" ", "").split(","):
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
            raise ValueError(f"'{text}' is not a year or a run of years such as 2017-2019.")
        years.update(range(int(match.group(1)), int(match.group(2) or match.group(1)) + 1))
    if len(years) > 25:
        raise ValueError("Choose at most 25 years at a time.")
    return sorted(years)


def offered_causes(client: NomisClient) -> tuple[list[str], list[str]]:
    """(ICD-10 texts of the Segment Tool cause groups Nomis offers, names of the groups it does not)."""
    offered = {c.description.split(" ")[0].upper() for c in client.codes(DEATHS, "cause_of_death")}
    found = [span for g in CAUSE_GROUPS for span in g.icd10 if span in offered]
    return found, [g.name for g in CAUSE_GROUPS if not any(span in offered for span in g.icd10)]


def area_name(client: NomisClient, gss_code: str) -> str:
    """The area's name as Nomis lists it (its code when the list gives none)."""
    value, geo_type = client.area(DEATHS, gss_code)
    for code in client.codes(DEATHS, f"geography/{ENGLAND_AND_WALES}{geo_type}"):
        if code.value == value:
            return code.description
    return gss_code


def _population(client: NomisClient, areas: list[str], year: int, missing: set[str]) -> list[pd.DataFrame]:
    frames = []
    for gss in areas:
        if gss in missing:
            continue
        try:
            frames.append(client.population([gss], [year]).frame)
        except NomisDataError as exc:
            if gss not in exc.missing:
                raise
            missing.add(gss)  # Nomis has no population for this area: stored as missing, said in the notes
    return frames


def nomis_rows(deaths: pd.DataFrame, population: pd.DataFrame, names: dict[str, str],
               rounded: dict[str, bool]) -> pd.DataFrame:
    """Deaths (by band × cause) and population (single years summed to bands) as rows for the store."""
    keys = ["year", "geography_code", "sex", "start_age"]
    starts = pd.Series(PHE_START_AGES)
    pop = population.assign(start_age=[int(starts[starts <= a].max()) for a in population["age"]])
    pop = pop.groupby(keys, as_index=False)["population"].sum(min_count=1)
    dead = deaths.assign(cause=[ALL_CAUSES if c == ALL_CAUSES_ICD else cause_group(c) for c in deaths["cause"]])
    dead = dead.groupby([*keys, "cause"], as_index=False)["deaths"].sum(min_count=1)
    both = dead.merge(pop, on=keys, how="outer")
    both["cause"] = both["cause"].astype(object).where(both["cause"].notna(), ALL_CAUSES)
    return pd.DataFrame({"group_name": both["geography_code"].map(names), "group_code": both["geography_code"],
                         "sex": both["sex"], "age": both["start_age"].astype(int).map(BAND_LABEL),
                         "cause": both["cause"], "year": both["year"].astype(int), "deaths": both["deaths"],
                         "population": both["population"],
                         "rounded": [bool(rounded.get(code, False)) for code in both["geography_code"]]})


def _fetch(client: NomisClient, areas: list[str], years: list[int], causes: list[str],
           step: Step) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, bool], list[str], set[str]]:
    deaths: list[pd.DataFrame] = []
    pops: list[pd.DataFrame] = []
    urls: list[str] = []
    rounded: dict[str, bool] = {}
    missing: set[str] = set()
    for i, year in enumerate(years):
        step(f"Deaths registered in {year} (Nomis NM_161_1)", 0.05 + 0.85 * (2 * i) / (2 * len(years)))
        result = client.deaths(areas, [year], causes=causes)
        deaths.append(result.frame)
        urls += result.urls
        rounded.update(result.rounded)
        step(f"Population in mid-{year} (Nomis NM_2002_1)", 0.05 + 0.85 * (2 * i + 1) / (2 * len(years)))
        pops += _population(client, areas, year, missing)
    empty_pop = pd.DataFrame(columns=["year", "geography_code", "sex", "age", "population"])
    return pd.concat(deaths, ignore_index=True), pd.concat(pops or [empty_pop], ignore_index=True), rounded, \
        urls, missing


def download_nomis(area_code: str, years: Iterable[int], *, store: Store | None = None,
                   client: NomisClient | None = None, step: Step = _quiet) -> MortalityLoad:
    """An area's and England's deaths and population for `years`, fetched in full, then stored in one write."""
    area_code = str(area_code).strip().upper()
    years = sorted({int(y) for y in years})
    if not re.fullmatch(r"E\d{8}", area_code) or area_code == ENGLAND:
        raise ValueError(f"'{area_code}' is not the ONS code of an area in England (such as E06000009).")
    if not years:
        raise ValueError("Choose at least one year.")
    store, client = store or Store(), client or NomisClient()
    step("Reading Nomis's codes for areas and causes", 0.0)
    causes, absent = offered_causes(client)
    areas = [area_code, ENGLAND]
    names = {area_code: area_name(client, area_code), ENGLAND: "England"}
    deaths, population, rounded, urls, missing = _fetch(client, areas, years, causes, step)
    rows = nomis_rows(deaths, population, names, rounded)
    notes = [f"Nomis has no population estimates for {names[g]}, so its life expectancy cannot be worked out."
             for g in areas if g in missing]
    notes += [f"Nomis offers no {', '.join(absent)} cause group; those deaths are counted in 'Other'."] if absent else []
    step("Saving to the local store", 0.95)
    with store.writer() as con:
        count = write_dataset(con, store, rows, dataset=f"Nomis {area_code}", kind=KIND_AREA, source=urls[0])
    step("Done", 1.0)
    return MortalityLoad(f"Nomis {area_code}", KIND_AREA, count, (names[area_code], "England"), tuple(years), urls[0],
                         any(rounded.values()), tuple(notes))

"""What the Premature mortality page shows (Longer Lives): the chosen county/UA's rank among all upper-tier
LAs on each under-75 cause, graded against England or its similar areas (same IMD 2019 decile)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from analysis import premature as pm
from analysis.deprivation import table_for_codes
from analysis.explorer import series
from analysis.tidy import sortable_period
from charts import theme
from charts.alt_text import alt_text
from charts.choropleth import choropleth
from charts.league_table_bar import LEAGUE_DEFAULT, league_table_bar
from charts.presentation import Presentation
from charts.rank_small_multiples import rank_small_multiples
from geography import COUNTY_UA_TYPE, Area
from guidance.models import Resource
from services import data, explorer
from services.guidance import catalogue
from services.overview import metadata
from services.views import ChartInfo, ChartView
from settings import ROOT

COMPARATORS = {"england": "England", "similar": "Similar areas (same IMD 2019 decile)"}
DECILE_NOTE = ("Similar areas: the county and unitary authorities in the same tenth of the 151 upper-tier "
               "authorities of 2019 ranked by their average IMD 2019 score (English Indices of Deprivation "
               "2019, File 11), 1 = most deprived.")
TABLE = ["rank", "area_code", "area_name", "value", "ci", "grade", "is_similar"]


@functools.cache
def deprivation_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shipped IMD 2019 decile table and the code changes since (data/deprivation/, see its README)."""
    folder = ROOT / "data" / "deprivation"
    return (pd.read_csv(folder / "imd2019_upper_tier_deciles.csv"),
            pd.read_csv(folder / "code_changes.csv", dtype=str).assign(
                decile=lambda f: pd.to_numeric(f["decile"], errors="coerce")))


def causes_held() -> tuple[dict[str, int], list[str]]:
    """({cause key: indicator id} for the causes whose indicator has values here, [labels of the others])."""
    meta = metadata()
    found = pm.find_cause_indicators(meta[meta["has_values"]]) if len(meta) else {}
    missing = [c.label for k, c in pm.PREMATURE_CAUSES.items() if k not in found]
    return found, missing


def cause_options() -> dict[str, str]:
    found, _ = causes_held()
    return {k: c.label.capitalize() for k, c in pm.PREMATURE_CAUSES.items() if k in found}


@dataclass(frozen=True)
class PrematureView:
    """Everything the page draws for one area, cause and comparator."""

    area_name: str
    comparator: str
    cause_label: str
    period: str
    headline: dict  # rank_label, value, ci, grade
    finding: str
    similar: pm.SimilarAreas
    league: ChartView
    map: ChartView | None
    map_problem: str | None
    causes: ChartView | None
    resources: tuple[Resource, ...]
    notes: tuple[str, ...] = ()


def _cause_rows(indicator_id: int, area_code: str) -> tuple[pd.DataFrame, str]:
    """The indicator's Persons rows at the latest period the area has a value (else the latest at all)."""
    rows = explorer.rows(indicator_id)
    persons = series(rows, "Persons" if "Persons" in set(rows["sex"].dropna()) else None, None)
    persons = persons[persons["value"].notna()]
    if persons.empty:
        return persons, ""
    mine = persons[persons["area_code"] == area_code]
    pool = mine if len(mine) else persons
    period = str(pool.assign(_o=sortable_period(pool)).sort_values("_o")["time_period"].iloc[-1])
    return persons[persons["time_period"] == period], period


def _deciles_for(rows: pd.DataFrame) -> pd.DataFrame:
    deciles, changes = deprivation_tables()
    return table_for_codes(rows["area_code"], deciles, changes)


def _across(found: dict[str, int], area_code: str) -> pd.DataFrame:
    """The area's rank and grades on every cause held (analysis.premature.rank_across_causes)."""
    frames = []
    for key, indicator_id in found.items():
        rows, _ = _cause_rows(indicator_id, area_code)
        if len(rows):
            frames.append(pm.rank_across_causes(rows.assign(cause=key), area_code, _deciles_for(rows)))
    across = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    across.attrs = {}
    return across


def view(area: Area, cause: str, comparator: str) -> PrematureView | None:
    """The page for the area, or None when the cause's indicator holds no values."""
    found, missing = causes_held()
    rows, period = _cause_rows(found[cause], area.code) if cause in found else (pd.DataFrame(), "")
    if rows.empty:
        return None
    deciles = _deciles_for(rows)
    table = pm.league_table(rows, area.code, deciles, comparator)  # type: ignore[arg-type]
    similar: pm.SimilarAreas = table.attrs.pop("similar")
    label = pm.PREMATURE_CAUSES[cause].label
    across = _across(found, area.code)
    summary = across[across["cause"] == cause]
    mine = table[table["is_selected"]]
    headline = {} if mine.empty else mine.iloc[0][["rank_label", "value", "ci", "grade"]].to_dict()
    notes = (f"Not held: {', '.join(missing)} (download the Mortality Profile to add "
             f"{'it' if len(missing) == 1 else 'them'}).",) if missing else ()
    map_view, map_problem = _map_chart(table, area, label, period, comparator)
    return PrematureView(area.name, pm.COMPARATOR_NAMES[comparator], label, period, headline, pm.finding(summary.iloc[0].to_dict()) if len(summary)
                         else "", similar, _league_chart(table, area, label, period, comparator), map_view,
                         map_problem, _causes_chart(across, area), _resources(found[cause]), notes)


def _info(title: str, subtitle: str, alt: str, table: pd.DataFrame, indicator: list[int] | None = None,
          finding: str = "", with_boundaries: bool = False) -> ChartInfo:
    return ChartInfo(title=title, subtitle=subtitle, alt_text=alt, table=table, finding=finding,
                     data_as_of=data.data_as_of() or "", with_boundaries=with_boundaries,
                     themes=["Prevention and early treatment"], indicator_ids=indicator or [])


def _league_chart(table: pd.DataFrame, area: Area, label: str, period: str, comparator: str) -> ChartView:
    value = table["comparator_value"].iloc[0] if len(table) else None
    name = pm.COMPARATOR_NAMES[comparator]
    fig = league_table_bar(table, comparator_value=value, presentation=LEAGUE_DEFAULT.with_(comparator=name))
    title = f"Premature deaths from {label}: upper-tier local authorities ranked"
    shown = table.rename(columns={"area_name": "area"})
    alt = (f"Bar chart ranking {int(table['value'].notna().sum())} county and unitary authorities by their "
           f"under-75 mortality rate from {label} in {period}, lowest first; {area.name} is outlined.")
    return ChartView(fig, _info(title, f"{period}, compared with {name}", alt, shown[
        [c if c != "area_name" else "area" for c in TABLE]].round(1)), f"league_{comparator}")


def _map_chart(table: pd.DataFrame, area: Area, label: str, period: str,
               comparator: str) -> tuple[ChartView | None, str | None]:
    geojson, problem = explorer.boundaries(COUNTY_UA_TYPE)
    if problem or geojson is None:
        return None, problem
    frame = table.rename(columns={"grade": "significance"})
    try:
        fig = choropleth(frame, geojson, by="significance", colours=theme.GRADE_COLOURS,
                         feature_code_key=explorer.boundary_key(COUNTY_UA_TYPE),
                         presentation=Presentation(highlight=area.code, comparator=pm.COMPARATOR_NAMES[comparator]))
    except ValueError as exc:
        return None, f"The map cannot be drawn: {exc}."
    alt = alt_text("choropleth", frame, indicator_name=f"premature mortality from {label}", area_name=area.name,
                   period=period, comparator=pm.COMPARATOR_NAMES[comparator])
    info = _info(f"Premature deaths from {label}: map of grades", period, alt,
                 frame[["area_code", "area_name", "value", "significance"]].round(1), with_boundaries=True)
    return ChartView(fig, info, f"premature_map_{comparator}"), None


def _causes_chart(across: pd.DataFrame, area: Area) -> ChartView | None:
    if across.empty:
        return None
    fig = rank_small_multiples(across, area_name=area.name)
    alt = f"{area.name}'s rank on each premature-mortality cause held: " + "; ".join(
        f"{r.cause_label}: {r.rank_label}" for r in across.itertuples()) + "."
    table = across[["cause_label", "rank_label", "value", "grade_england", "grade_similar"]].round(1)
    return ChartView(fig, _info(f"{area.name}: rank across causes of premature death", "latest period per cause",
                                alt, table), "premature_causes")


def _resources(indicator_id: int) -> tuple[Resource, ...]:
    return tuple(catalogue().resources_for_indicator(indicator_id))

"""Everything the area overview needs, read from the store and benchmarked (cached per store version)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import yaml

from analysis.overview import OverviewParams, benchmark_table, summary_sentence, worst_themes
from analysis.polarity import corrected, implied_polarity
from analysis.tartan import rug_rows, worsening
from connectors.fingertips import FingertipsClient
from errors import FingertipsAPIError, FingertipsDataError, StoreError
from geography import COUNTY_UA_TYPE, ENGLAND, ENGLAND_TYPE, LOCAL_AUTHORITY_TYPES, PICKER_TYPES, Area
from loading.refresh import store_neighbours
from services.data import _areas, _key, areas, cached, data_as_of, store
from services.guidance import catalogue, theme_options
from services.overview_views import GroupView, TableView, group_view, worsening_view
from settings import ROOT
from store import queries
from store.db import Store

ALL = "all"
NEIGHBOUR_MODEL = "CIPFA nearest neighbours"


@cached
def _profiles(path: str, version) -> pd.DataFrame:
    return queries.profiles(Store(path))


def profiles() -> pd.DataFrame:
    return _profiles(*_key())


@cached
def _metadata(path: str, version) -> tuple[pd.DataFrame, list[str]]:
    """Definitions with polarity checked against the overrides file and Fingertips' own comparisons."""
    store_ = Store(path)
    meta = queries.metadata(store_)
    if meta.empty:
        return meta, []
    overrides = pd.Series({int(k): v["polarity"] for k, v in polarity_overrides().items()}, dtype=object)
    meta, notes = corrected(meta, overrides)
    meta, more = corrected(meta, implied_polarity(queries.comparison_directions(store_)))
    return meta, notes + more


def metadata() -> pd.DataFrame:
    return _metadata(*_key())[0]


def polarity_notes() -> list[str]:
    return _metadata(*_key())[1]


@functools.cache
def polarity_overrides() -> dict:
    return yaml.safe_load((ROOT / "data" / "polarity_overrides.yaml").read_text()) or {}


@cached
def _profile_indicators(path: str, version, profile_key: str) -> pd.DataFrame:
    return queries.profile_indicators(Store(path), profile_key)


def profile_indicators(profile_key: str) -> pd.DataFrame:
    return _profile_indicators(*_key(), profile_key)


def indicator_ids(profile_key: str, theme_id: str) -> list[int]:
    """Indicators held in the store, narrowed to a profile and a theme ('all' for no filter)."""
    held = metadata()
    ids = set(held.loc[held["has_values"], "indicator_id"].astype(int))
    if profile_key != ALL:
        ids &= set(profile_indicators(profile_key)["indicator_id"].astype(int))
    if theme_id != ALL:
        ids &= set(catalogue().indicators_for_theme(theme_id))
    return sorted(ids)


def area_context(area_code: str) -> Area:
    """Name, type, region and peers (areas of the same type) of an area."""
    return _area_context(*_key(), area_code)


@cached
def _area_context(path: str, version, area_code: str) -> Area:
    frame = _areas(path, version)
    rows = frame[frame["area_code"] == area_code]
    types = set(rows["area_type_id"])  # a unitary authority is in both: counties & UAs first
    type_id = next((t for t in PICKER_TYPES if t in types), ENGLAND_TYPE)
    row = rows[rows["area_type_id"] == type_id].head(1) if len(rows) else rows
    name = row["area_name"].iloc[0] if len(row) else area_code
    region = row["region_code"].iloc[0] if len(row) and isinstance(row["region_code"].iloc[0], str) else None
    peer_type = COUNTY_UA_TYPE if type_id == ENGLAND_TYPE else type_id
    peers = tuple(frame.loc[frame["area_type_id"] == peer_type, "area_code"])
    region_name = frame.loc[frame["area_code"] == region, "area_name"].head(1)
    return Area(code=area_code, name=name, type_id=type_id, region_code=region,
                region_name=region_name.iloc[0] if len(region_name) else None, peers=peers,
                type_name=row["area_type_name"].iloc[0] if len(row) else "England")


_FETCHED_HERE: dict[str, pd.DataFrame] = {}  # neighbours fetched by a dashboard that cannot write the store


def neighbours(area_code: str, area_type_id: int, fetch: bool = True) -> tuple[tuple[str, ...], str | None, str | None]:
    """(codes, model name, problem): from the store, or (with `fetch`) fetched once from the API and kept (in
    this process only when the store is read-only here: a shared store in an object store)."""
    held = queries.neighbours(store(), area_code)
    if held.empty:
        held = _FETCHED_HERE.get(area_code, held)
    if held.empty and fetch and area_type_id in LOCAL_AUTHORITY_TYPES:
        try:
            client = FingertipsClient.for_page()
            found = client.nearest_neighbours(area_code, area_type_id)
            try:
                store_neighbours(store(), area_code, found, NEIGHBOUR_MODEL)
                held = queries.neighbours(store(), area_code)
            except StoreError:
                held = _FETCHED_HERE[area_code] = pd.DataFrame(
                    {"neighbour_code": [n["Code"] for n in found] or [None], "model": NEIGHBOUR_MODEL})
        except (FingertipsAPIError, FingertipsDataError) as exc:
            return (), None, f"The nearest neighbours could not be fetched: {exc}"
    codes = tuple(held["neighbour_code"].dropna())
    if not codes:
        return (), None, "Fingertips has no nearest-neighbour list for this area."
    return codes, str(held["model"].iloc[0]), None


@cached(spinner="Benchmarking indicators…")
def _table(path: str, version, ids: tuple[int, ...], params: OverviewParams) -> pd.DataFrame:
    s = Store(path)
    compared = list(dict.fromkeys([params.area_code, ENGLAND, *(c for c in [params.region_code] if c),
                                   *params.neighbour_codes]))
    values = queries.values(s, list(ids), compared)
    if values.empty:
        return pd.DataFrame()
    known = set(compared)
    others = [c for c in params.peer_codes if c not in known]  # the spine's and quintiles' areas
    if others:
        values = pd.concat([values, queries.values(s, list(ids), others, columns=queries.PEER_COLUMNS)],
                           ignore_index=True)
    return benchmark_table(values, _metadata(path, version)[0], params)


def overview_table(ids: list[int], params: OverviewParams) -> pd.DataFrame:
    return _table(*_key(), tuple(ids), params)


@cached
def _rug(path: str, version, table_ids: tuple[int, ...], params: OverviewParams, group_ids: tuple[int, ...],
         columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    table = _table(path, version, table_ids, params)
    rows = table[table["indicator_id"].isin(group_ids)] if len(table) else table
    held = queries.values(Store(path), list(group_ids), [code for code, _ in columns])
    return rug_rows(rows, held, _metadata(path, version)[0], list(columns)) if len(held) else pd.DataFrame()


def rug_columns(area: Area, neighbour_codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(code, label) of the tartan rug's columns: the area, its region, its nearest neighbours (those held or
    fetched already; none are fetched for the rug) and England, each once."""
    if not neighbour_codes:
        neighbour_codes = neighbours(area.code, area.type_id, fetch=False)[0]
    names = dict(zip(areas()["area_code"], areas()["area_name"], strict=True))
    wanted = [(area.code, area.name), (area.region_code, area.region_name or "Region"),
              *((c, names.get(c, c)) for c in neighbour_codes), (ENGLAND, "England")]
    return list({code: (code, label) for code, label in wanted if code}.values())


def rug_frame(table_ids: list[int], params: OverviewParams, rows: pd.DataFrame,
              columns: list[tuple[str, str]]) -> pd.DataFrame:
    """The tartan rug's cells for the overview rows of one theme group (analysis.tartan.rug_rows), cached
    with the overview table they come from."""
    group_ids = tuple(sorted({int(i) for i in rows["indicator_id"]}))
    return _rug(*_key(), tuple(table_ids), params, group_ids, tuple(columns))


def theme_groups(table: pd.DataFrame, theme_id: str) -> list[dict]:
    """Rows grouped by theme: the chosen theme, or every theme (each indicator under its first theme)."""
    cat = catalogue()
    if theme_id != ALL:
        t = cat.theme(theme_id)
        rows = table[table["indicator_id"].isin(cat.indicators_for_theme(theme_id))]
        return [_group(t.id, t.label, t.description, rows, cat.resources_for_theme(t.id))] if len(rows) else []
    groups, placed = [], set()
    for t in cat.themes:
        ids = set(cat.indicators_for_theme(t.id)) - placed
        rows = table[table["indicator_id"].isin(ids)]
        if len(rows):
            placed |= set(rows["indicator_id"])
            groups.append(_group(t.id, t.label, t.description, rows, cat.resources_for_theme(t.id)))
    rest = table[~table["indicator_id"].isin(placed)]
    if len(rest):
        groups.append(_group("other", "Other indicators", "Indicators not mapped to a theme of the collection.",
                             rest, []))
    return groups


def _group(group_id: str, label: str, description: str, rows: pd.DataFrame, resources: list) -> dict:
    return {"id": group_id, "label": label, "description": description, "rows": rows, "resources": resources}


def profile_options() -> dict[str, str]:
    """url key -> name of the profiles held."""
    held = profiles()
    return dict(zip(held["profile_key"], held["profile_name"]))


@dataclass(frozen=True)
class OverviewPage:
    """What the overview page shows above and in its theme groups."""

    comparator: str
    comparator_label: str
    problem: str | None
    caption: str
    table_empty: bool
    summary: str = ""
    worst_themes: str = ""
    mixed_periods: bool = False
    theme_label: str = ""
    groups: tuple[GroupView, ...] = ()
    worsening: TableView | None = None


def _comparator(area: Area, comparator: str) -> tuple[str, tuple[str, ...], str, str | None]:
    """(comparator used, neighbour codes, its label, problem): England when the one asked for is missing."""
    neighbour_codes, model, problem = (), None, None
    if comparator == "neighbours":
        neighbour_codes, model, problem = neighbours(area.code, area.type_id)
    if comparator == "region" and not area.region_code:
        problem = f"{area.name} has no region in the store."
    if problem:
        comparator = "england"
    label = {"england": "England", "region": area.region_name or "region",
             "neighbours": f"the mean of its {model or 'nearest neighbours'}"}[comparator]
    return comparator, neighbour_codes, label, problem


def comparison(area: Area, comparator: str) -> tuple[str, tuple[str, ...], str, str | None]:
    """(comparator used, neighbour codes, its label, problem), as the overview compares."""
    return _comparator(area, comparator)


PAGE_VIEWS_KEPT = 24  # built pages (tables and figures) kept: a few areas x themes x comparators


def page_view(area: Area, profile: str, theme_id: str, comparator: str) -> OverviewPage:
    """The page for these choices, built once per store version (figures included), so a rerun or another
    session asking for the same page draws it straight away."""
    comparator, neighbour_codes, label, problem = _comparator(area, comparator)
    return _page_view(*_key(), area, profile, theme_id, comparator, neighbour_codes, label, problem)


@cached(spinner="Benchmarking indicators…", max_entries=PAGE_VIEWS_KEPT)
def _page_view(path: str, version, area: Area, profile: str, theme_id: str, comparator: str,
               neighbour_codes: tuple[str, ...], label: str, problem: str | None) -> OverviewPage:
    caption = (f"{area.type_name}" + (f" · {area.region_name}" if area.region_name else "") +
               f" · {area.code} · compared with {label}")
    params = OverviewParams(area.code, comparator, area.region_code, area.peers, neighbour_codes)
    table_ids = indicator_ids(profile, ALL)
    table = overview_table(table_ids, params)
    if table.empty:
        return OverviewPage(comparator, label, problem, caption, True)
    groups = theme_groups(table, theme_id)
    shown = table[table["indicator_id"].isin(set().union(*[set(g["rows"]["indicator_id"]) for g in groups]))]
    theme_label = "all themes" if theme_id == ALL else theme_options()[theme_id]
    as_of = data_as_of() or ""
    columns = rug_columns(area, neighbour_codes)
    views = tuple(group_view(g, area, label, catalogue(), as_of, rug_frame(table_ids, params, g["rows"], columns))
                  for g in groups)
    return OverviewPage(comparator, label, problem, caption, False, summary_sentence(shown, area.name, theme_label, label),
                        worst_themes(groups) if theme_id == ALL else "", shown["time_period"].nunique() > 1,
                        theme_label, views, worsening_view(worsening(shown), area, label, catalogue(), as_of))


def county_codes() -> tuple[str, ...]:
    """Codes of the counties & unitary authorities held (the areas Longer Lives ranks)."""
    held = areas()
    return tuple(held.loc[held["area_type_id"] == COUNTY_UA_TYPE, "area_code"])

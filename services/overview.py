"""Everything the area overview needs, read from the store and benchmarked (cached per store version)."""
from __future__ import annotations

import functools

import pandas as pd
import yaml

from analysis.overview import ENGLAND, OverviewParams, benchmark_table
from analysis.polarity import corrected, implied_polarity
from errors import FingertipsAPIError, FingertipsDataError
from connectors.fingertips import FingertipsClient
from connectors.refresh import store_neighbours
from services.data import _key, areas, cached, store
from services.guidance import catalogue
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


def area_context(area_code: str) -> dict:
    """Name, type, region and peers (areas of the same type) of an area."""
    frame = areas()
    rows = frame[frame["area_code"] == area_code]
    types = set(rows["area_type_id"])  # a unitary authority is in both: counties & UAs first
    type_id = next((t for t in (15, 6, 502, 501) if t in types), 15)
    row = rows[rows["area_type_id"] == type_id].head(1) if len(rows) else rows
    name = row["area_name"].iloc[0] if len(row) else area_code
    region = row["region_code"].iloc[0] if len(row) and isinstance(row["region_code"].iloc[0], str) else None
    peer_type = 502 if type_id == 15 else type_id
    peers = tuple(frame.loc[frame["area_type_id"] == peer_type, "area_code"])
    region_name = frame.loc[frame["area_code"] == region, "area_name"].head(1)
    return {"code": area_code, "name": name, "type_id": type_id, "region_code": region,
            "region_name": region_name.iloc[0] if len(region_name) else None, "peers": peers,
            "type_name": row["area_type_name"].iloc[0] if len(row) else "England"}


def neighbours(area_code: str, area_type_id: int) -> tuple[tuple[str, ...], str | None, str | None]:
    """(codes, model name, problem): from the store, or fetched once from the API and kept."""
    held = queries.neighbours(store(), area_code)
    if held.empty and area_type_id in (502, 501):
        try:
            client = FingertipsClient.for_page()
            found = client.nearest_neighbours(area_code, area_type_id)
            store_neighbours(store(), area_code, found, NEIGHBOUR_MODEL)
            held = queries.neighbours(store(), area_code)
        except (FingertipsAPIError, FingertipsDataError) as exc:
            return (), None, f"The nearest neighbours could not be fetched: {exc}"
    codes = tuple(held["neighbour_code"].dropna())
    if not codes:
        return (), None, "Fingertips has no nearest-neighbour list for this area."
    return codes, str(held["model"].iloc[0]), None


@cached(spinner="Benchmarking indicators…")
def _table(path: str, version, ids: tuple[int, ...], params: OverviewParams) -> pd.DataFrame:
    s = Store(path)
    codes = list(dict.fromkeys([params.area_code, ENGLAND, *(c for c in [params.region_code] if c),
                                *params.peer_codes, *params.neighbour_codes]))
    values = queries.values(s, list(ids), codes)
    if values.empty:
        return pd.DataFrame()
    return benchmark_table(values, _metadata(path, version)[0], params)


def overview_table(ids: list[int], params: OverviewParams) -> pd.DataFrame:
    return _table(*_key(), tuple(ids), params)


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

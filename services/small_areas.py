"""What the Small areas page reads: an authority's MSOAs, their indicators and rows, MSOA boundaries, and the
download of small-area data (cached per store version)."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from analysis.explorer import choices, series
from connectors.boundaries import MSOA_DATASETS, fetch_boundaries
from errors import FingertipsAPIError, FingertipsDataError, StoreError
from geography import ENGLAND, MSOA_TYPE
from loading.boundaries import import_boundary_files, keep
from loading.small_areas import refresh_small_areas
from services.data import _key, cached, clear_caches, store
from services.overview import metadata
from services.text import app_url, link
from store import queries
from store.db import Store

PROFILE = "local-health"
VINTAGES = tuple(MSOA_DATASETS)


@cached
def _msoas(path: str, version, la_code: str) -> pd.DataFrame:
    return queries.msoas_of(Store(path), la_code)


def msoas(la_code: str) -> pd.DataFrame:
    """The MSOAs inside the authority (code, name, their district or UA)."""
    return _msoas(*_key(), la_code)


@cached
def _indicators(path: str, version, la_code: str) -> pd.DataFrame:
    codes = list(queries.msoas_of(Store(path), la_code)["area_code"])
    return queries.small_area_indicators(Store(path), codes) if codes else pd.DataFrame()


def indicator_options(la_code: str, theme_ids: list[int] | None) -> dict[str, str]:
    """'93283' -> 'Life expectancy at birth (93283)' for the indicators with MSOA rows in the authority."""
    held = _indicators(*_key(), la_code)
    if held.empty:
        return {}
    if theme_ids is not None:
        held = held[held["indicator_id"].isin(theme_ids)]
    meta = metadata()
    names = dict(zip(meta["indicator_id"], meta["indicator_name"])) if len(meta) else {}
    return {str(int(i)): f"{names.get(i) or n} ({int(i)})" for i, n in zip(held["indicator_id"], held["indicator_name"])}


def has_data(la_code: str) -> bool:
    return not _indicators(*_key(), la_code).empty


@cached
def _rows(path: str, version, la_code: str, indicator_id: int) -> pd.DataFrame:
    codes = list(queries.msoas_of(Store(path), la_code)["area_code"])
    return queries.small_area_rows(Store(path), indicator_id, [*codes, la_code, ENGLAND])


def rows(la_code: str, indicator_id: int) -> pd.DataFrame:
    """Headline rows of the indicator for the authority's MSOAs, the authority itself and England."""
    return _rows(*_key(), la_code, indicator_id)


def sex_options(la_code: str, indicator_id: int) -> list[str]:
    held = rows(la_code, indicator_id)
    return choices(held[held["area_type_id"] == MSOA_TYPE], "sex") if len(held) else []


def chosen_series(la_code: str, indicator_id: int, sex: str | None) -> pd.DataFrame:
    held = rows(la_code, indicator_id)
    return series(held, sex, None) if len(held) else held


@cached
def _small_area_indicators(path: str, version) -> pd.DataFrame:
    return queries.small_area_indicator_ids(Store(path))


def small_areas_held(indicator_id: int, la_code: str) -> bool:
    """True when the store holds MSOA rows of the indicator inside the authority (for the explorer's link)."""
    held = _small_area_indicators(*_key())
    if held.empty or not (held["indicator_id"] == indicator_id).any():
        return False
    mine = _indicators(*_key(), la_code)
    return not mine.empty and indicator_id in set(mine["indicator_id"])


def link_to(la_code: str, la_name: str, indicator_id: int | None = None) -> str | None:
    """A Markdown link 'See small areas inside <LA>' to the Small areas page, when the store holds any (of the
    indicator, when given) for the authority; else None."""
    held = small_areas_held(indicator_id, la_code) if indicator_id is not None else has_data(la_code)
    if not held:
        return None
    return link(f"See small areas inside {la_name}", app_url("small-areas", area=la_code, indicator=indicator_id))


# ---- boundaries ---------------------------------------------------------------------------------------


@cached
def _boundary_sets(path: str, version, parents: tuple[str, ...], codes: frozenset[str]) -> dict[str, tuple[dict, str]]:
    """vintage -> (FeatureCollection of the authority's MSOAs, code property), from the sets held."""
    sets = queries.msoa_boundary_sets(Store(path), list(parents))
    out: dict[str, tuple[dict, str]] = {}
    for r in sets.itertuples():
        key = str(r.code_key)
        features = [f for f in json.loads(r.geojson)["features"]
                    if not pd.isna(r.parent_code) or str((f.get("properties") or {}).get(key)) in codes]
        if features:
            held = out.get(str(r.vintage), ({"type": "FeatureCollection", "features": []}, key))
            held[0]["features"].extend(features)
            out[str(r.vintage)] = held
    return out


def boundary_sets(la_code: str) -> dict[str, tuple[dict, str]]:
    """The MSOA boundaries held for the authority, per code vintage: (GeoJSON, code property)."""
    held = msoas(la_code)
    parents = tuple(sorted({la_code, *held["parent_code"].dropna().astype(str)}))
    return _boundary_sets(*_key(), parents, frozenset(held["area_code"]))


def boundaries_for(la_code: str, vintage: str) -> tuple[dict[str, tuple[dict, str]], str | None]:
    """(sets held, problem): when no set of the data's vintage is held, try the ONS service once (a failure
    is remembered for five minutes); the problem says what to do when nothing can be drawn."""
    sets = boundary_sets(la_code)
    if vintage in sets or vintage not in VINTAGES:
        return sets, None
    problem = _download(*_key(), vintage)
    sets = boundary_sets(la_code)
    return sets, None if sets else problem


@st.cache_resource(ttl=300, show_spinner="Downloading MSOA boundaries from ONS…")
def _download(path: str, version, vintage: str) -> str | None:
    try:
        text, source = fetch_boundaries(MSOA_TYPE, vintage=vintage)
        with Store(path).writer() as con:  # the national set is split per authority as it is kept
            keep(con, Store(path), json.loads(text), source)
    except StoreError as exc:  # a dashboard of a shared store in an object store only reads it
        return f"The map cannot be drawn: no {vintage} MSOA boundaries are held yet. {exc}"
    except (FingertipsAPIError, FingertipsDataError, ValueError) as exc:
        return (f"The map cannot be drawn: no {vintage} MSOA boundaries are held and they could not be downloaded "
                f"({exc}). Import the ONS MSOA GeoJSON (e.g. one local authority's file) on the Data & sources "
                "page; the ranking and the table below work without it.")
    return None


# ---- filling the store ------------------------------------------------------------------------------------


def download(la_codes: list[str], step=None) -> int:
    """Download Local Health's small areas for the authorities; returns the rows stored."""
    results = refresh_small_areas(PROFILE, la_codes, store=store(), **({"step": step} if step else {}))
    clear_caches()
    return sum(r.rows_stored for r in results)


def import_boundaries(paths) -> list:
    results = import_boundary_files(paths, store=store())
    clear_caches()
    return results

"""What the indicator explorer reads: one indicator's rows, its definition, boundaries, downloads."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

import settings
from analysis import explorer as ax
from analysis.ci_fill import fill_cis
from connectors.boundaries import DATASETS, fetch_boundaries
from connectors.fingertips import FingertipsClient
from errors import FingertipsAPIError, FingertipsDataError, HEPError, StoreError
from geography import LOCAL_AUTHORITY_TYPES, REGION_TYPE
from loading.boundaries import store_boundaries
from loading.refresh import import_files
from services.data import _key, cached, clear_caches, store
from services.overview import metadata
from store import importer, queries
from store.db import Store


@cached
def _rows(path: str, version, indicator_id: int) -> pd.DataFrame:
    """Every row of the indicator, with CIs computed here where only a count and denominator came
    (analysis.ci_fill; `ci_source` says which)."""
    return fill_cis(queries.indicator_rows(Store(path), indicator_id), metadata())


def rows(indicator_id: int) -> pd.DataFrame:
    return _rows(*_key(), indicator_id)


@cached
def _series(path: str, version, indicator_id: int, sex: str | None, age: str | None) -> pd.DataFrame:
    return ax.series(_rows(path, version, indicator_id), sex, age)


def series(indicator_id: int, sex: str | None, age: str | None) -> pd.DataFrame:
    """The indicator's headline rows of one sex and age, every area and period (analysis.explorer.series)."""
    return _series(*_key(), indicator_id, sex, age)


def definition(indicator_id: int) -> dict:
    meta = metadata()
    hit = meta[meta["indicator_id"] == indicator_id]
    return {} if hit.empty else {k: (None if pd.isna(v) else v) for k, v in hit.iloc[0].items()}


def sex_age_choices(indicator_id: int) -> tuple[list[str], list[str]]:
    """The sexes and ages the indicator's headline rows hold ('Persons'/'All ages' first)."""
    held = rows(indicator_id)
    return ax.choices(held, "sex"), ax.choices(held, "age")


def default_indicator(options: dict[str, str], area_code: str) -> str:
    """The first indicator offered that has a value for the area (else simply the first)."""
    held = _indicators_with_values(*_key(), area_code)
    return next((i for i in options if int(i) in held), next(iter(options)))


@cached
def _indicators_with_values(path: str, version, area_code: str) -> frozenset[int]:
    return frozenset(queries.indicator_count_for_area(Store(path), area_code)["indicator_id"].astype(int))


def indicator_options(theme_ids: list[int] | None) -> dict[str, str]:
    """'90366' -> 'Life expectancy at birth (90366)' for indicators held (narrowed to a theme)."""
    meta = metadata()
    meta = meta[meta["has_values"]]
    if theme_ids is not None:
        meta = meta[meta["indicator_id"].isin(theme_ids)]
    return {str(int(i)): f"{n} ({int(i)})" for i, n in zip(meta["indicator_id"], meta["indicator_name"])}


@cached
def _boundaries(path: str, version, area_type_id: int) -> tuple[dict, str] | None:
    held = queries.boundaries(Store(path), area_type_id)
    if not held:
        return None
    text, key = held
    return json.loads(text), key or DATASETS[area_type_id][1]


def boundaries(area_type_id: int) -> tuple[dict | None, str | None]:
    """(GeoJSON, problem): from the store (downloaded or imported on Data & sources), or downloaded once from
    ONS and kept there. A failed download is not tried again for five minutes, so an offline dashboard does
    not wait on ONS at every rerun."""
    if area_type_id not in DATASETS:
        return None, "Maps are drawn for counties & UAs and for districts & UAs."
    held = _boundaries(*_key(), area_type_id)
    if held:
        return held[0], None
    problem = _download_boundaries(*_key(), area_type_id)
    if problem:
        return None, problem
    held = _boundaries(*_key(), area_type_id)
    return (held[0], None) if held else (None, "The map cannot be drawn: no boundaries are held.")


def boundary_key(area_type_id: int) -> str:
    """The feature property holding the area code in the boundaries held (e.g. LAD24CD, or LAD23CD when an
    older file was imported)."""
    held = _boundaries(*_key(), area_type_id)
    return held[1] if held else DATASETS[area_type_id][1]


@st.cache_resource(ttl=300, show_spinner="Downloading boundaries from ONS…")
def _download_boundaries(path: str, version, area_type_id: int) -> str | None:
    """Fetch and store the boundaries; the problem in words when that fails (remembered for five minutes)."""
    try:
        text, source = fetch_boundaries(area_type_id)
        store_boundaries(store(), area_type_id, text, source)
    except StoreError as exc:  # a dashboard of a shared store in an object store only reads it
        return f"The map cannot be drawn: the boundaries are not held yet. {exc}"
    except (FingertipsAPIError, FingertipsDataError) as exc:
        return (f"The map cannot be drawn: the boundaries are not held yet and could not be downloaded "
                f"({exc}). Import them on the Data & sources page (an ONS GeoJSON file). The other views work "
                "as usual.")
    return None


def download_indicator(indicator_id: int) -> int:
    """Fetch one indicator for counties & UAs and districts & UAs, with its definition; returns rows added."""
    client = FingertipsClient()
    with tempfile.TemporaryDirectory(dir=settings.data_dir()) as tmp:
        paths = [client.download_data(Path(tmp) / f"{indicator_id}-{t}.csv", indicator_ids=[indicator_id],
                                      child_area_type_id=t, parent_area_type_id=REGION_TYPE) for t in LOCAL_AUTHORITY_TYPES]
        meta = client.indicator_metadata_csv(indicator_ids=[indicator_id])
        if not len(meta):
            raise FingertipsDataError(f"Fingertips has no indicator with ID {indicator_id}.")
        paths = [p for p in paths if importer.has_rows(p)]  # an indicator may have no data for one area type
        if not paths:
            raise FingertipsDataError(f"Fingertips returned no data for indicator {indicator_id}.")
        meta_path = Path(tmp) / f"{indicator_id}-metadata.csv"
        meta.to_csv(meta_path, index=False)
        results = import_files([*paths, meta_path], store=store())
    clear_caches()
    added = sum(r.rows for r in results if r.kind == "values")
    if not added:
        raise FingertipsDataError(f"Fingertips returned no data for indicator {indicator_id}.")
    return added


__all__ = ["HEPError", "boundaries", "definition", "download_indicator", "indicator_options", "rows"]

"""What pages call to read the store. services/ is the only place that caches, always with a ttl.

Cached functions take the store path and its version (inode and mtime of the file, or a shared store's
snapshot number, pinned for the run by begin_run) so a refresh by any process is seen on the next run.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from geography import ENGLAND
from store import queries
from store.db import READ_ONLY_ADVICE, Store

TTL = 600
MAX_ENTRIES = 64


def cached(fn=None, *, spinner: str | bool = False, max_entries: int = MAX_ENTRIES):
    """Cache a read of the store, keyed by its path and version. Frames are shared, not copied (pages
    only read them), which keeps a warm page fast; entries expire after TTL seconds."""
    decorate = st.cache_resource(ttl=TTL, max_entries=max_entries, show_spinner=spinner)
    return decorate(fn) if fn else decorate


def store() -> Store:
    return Store()


def read_only() -> str | None:
    """Why this dashboard cannot change the store, in words (a shared store in an object store, which only the
    refresh job writes); None when it can."""
    why = store().read_only()
    return f"{why} {READ_ONLY_ADVICE}" if why else None


@cached
def _upgraded(path: str, version: tuple[int, int]) -> tuple[int, int]:
    """A store written by an older version gains the columns declared since, once (an atomic write), before
    pages read it; returns the version to read."""
    s = Store(path)
    if s.exists() and s.upgrade():
        return s.version()
    return version


def snapshot() -> int | None:
    """The shared store's snapshot this run reads (None for the single-file store)."""
    return store().snapshot()


def begin_run() -> None:
    """Called once at the top of every page run: a shared store's reads in this run all come from the snapshot
    that is current now (a refresh published meanwhile is seen on the next run, never half-way through one)."""
    store().pin()


def _key() -> tuple[str, tuple[int, int]]:
    s = store()
    return str(s.path), _upgraded(str(s.path), s.version())


@cached
def _areas(path: str, version: tuple[int, int]) -> pd.DataFrame:
    return queries.areas(Store(path))


def areas() -> pd.DataFrame:
    return _areas(*_key())


@cached
def _area_labels(path: str, version: tuple[int, int]) -> dict[str, str]:
    first = _areas(path, version).drop_duplicates("area_code", keep="first")
    labels = {r.area_code: f"{r.area_name} — {r.area_type_name} · {r.area_code}" for r in first.itertuples()}
    labels.setdefault(ENGLAND, f"England — England · {ENGLAND}")
    return labels


def area_labels() -> dict[str, str]:
    """code -> the area picker's label, e.g. 'Blackpool — Counties & UAs (from Apr 2023) · E06000009' (a unitary
    authority, held as both a county and a district, is listed once), England included."""
    return _area_labels(*_key())


@cached
def _has_values(path: str, version: tuple[int, int]) -> bool:
    return queries.has_values(Store(path))


def has_values() -> bool:
    return _has_values(*_key())


@cached
def _data_as_of(path: str, version: tuple[int, int]) -> str | None:
    return queries.data_as_of(Store(path))


def data_as_of() -> str | None:
    return _data_as_of(*_key())


@cached
def _indicators_for_area(path: str, version: tuple[int, int], area_code: str) -> pd.DataFrame:
    return queries.indicator_count_for_area(Store(path), area_code)


def indicators_for_area(area_code: str) -> pd.DataFrame:
    return _indicators_for_area(*_key(), area_code)


@cached
def _status(path: str, version: tuple[int, int]) -> pd.DataFrame:
    return queries.status(Store(path))


def status() -> pd.DataFrame:
    return _status(*_key())


@cached
def _small_area_summary(path: str, version: tuple[int, int]) -> pd.DataFrame:
    return queries.small_area_summary(Store(path))


def small_area_summary() -> pd.DataFrame:
    return _small_area_summary(*_key())


@cached
def _boundary_summary(path: str, version: tuple[int, int]) -> pd.DataFrame:
    return queries.boundary_summary(Store(path))


def boundary_summary() -> pd.DataFrame:
    return _boundary_summary(*_key())


def clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()

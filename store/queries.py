"""Read queries over the store, returning pandas frames. No streamlit, no network."""
from __future__ import annotations

import pandas as pd

from store.db import Store

AREA_TYPE_NAMES = {  # used when the store has no area types from the API (offline imports)
    15: "England", 6: "Regions (statistical)", 502: "Counties & UAs (from Apr 2023)",
    501: "Districts & UAs (from Apr 2023)",
}
PICKER_TYPES = (15, 6, 502, 501)


def status(store: Store) -> pd.DataFrame:
    """Per indicator: rows, areas, latest period, where the newest rows came from and when."""
    return store.query("""
        WITH latest AS (
            SELECT indicator_id, arg_max(time_period, coalesce(time_period_sortable, 0)) AS latest_period,
                   count(*) AS rows, count(DISTINCT area_code) AS areas, max(load_id) AS load_id,
                   any_value(indicator_name) AS indicator_name
            FROM core_indicator_values GROUP BY indicator_id)
        SELECT l.indicator_id, l.indicator_name, l.rows, l.areas, l.latest_period, d.source,
               strftime(d.fetched_at, '%Y-%m-%dT%H:%M:%SZ') AS fetched_at
        FROM latest l LEFT JOIN loads d USING (load_id) ORDER BY l.indicator_id""")


def data_as_of(store: Store) -> str | None:
    frame = store.query("SELECT strftime(max(fetched_at), '%d %b %Y %H:%M') AS t FROM loads "
                        "WHERE kind IN ('values', 'metadata')")
    return None if frame.empty or pd.isna(frame.iloc[0, 0]) else str(frame.iloc[0, 0])


def has_values(store: Store) -> bool:
    frame = store.query("SELECT count(*) FROM (SELECT 1 FROM core_indicator_values LIMIT 1)")
    return not frame.empty and int(frame.iloc[0, 0]) > 0


def areas(store: Store) -> pd.DataFrame:
    """Areas for the picker: England, regions, counties & UAs, districts & UAs, with type names."""
    frame = store.query("""
        SELECT a.area_code, any_value(a.area_name) AS area_name, a.area_type_id,
               coalesce(any_value(t.short_name), '') AS area_type_name,
               any_value(a.parent_code) AS parent_code, any_value(a.region_code) AS region_code
        FROM core_areas a LEFT JOIN core_area_types t USING (area_type_id)
        WHERE a.area_type_id IN (15, 6, 502, 501)
        GROUP BY a.area_code, a.area_type_id ORDER BY a.area_type_id = 15 DESC, a.area_type_id = 6 DESC,
                 a.area_type_id DESC, area_name""")
    if frame.empty:
        return pd.DataFrame(columns=["area_code", "area_name", "area_type_id", "area_type_name",
                                     "parent_code", "region_code"])
    missing = frame["area_type_name"] == ""
    frame.loc[missing, "area_type_name"] = frame.loc[missing, "area_type_id"].map(AREA_TYPE_NAMES)
    frame.loc[frame["area_type_id"] == 6, "area_type_name"] = "Regions"
    return frame


def indicator_count_for_area(store: Store, area_code: str) -> pd.DataFrame:
    return store.query("""
        SELECT indicator_id, any_value(indicator_name) AS indicator_name, count(*) AS rows,
               arg_max(time_period, coalesce(time_period_sortable, 0)) AS latest_period
        FROM core_indicator_values WHERE area_code = ? GROUP BY indicator_id ORDER BY indicator_name""",
        [area_code])

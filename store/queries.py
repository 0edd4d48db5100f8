"""Read queries over the store, returning pandas frames. No streamlit, no network."""
from __future__ import annotations

import pandas as pd

from geography import AREA_TYPE_NAMES, ENGLAND, ENGLAND_TYPE, PICKER_TYPES, REGION_TYPE
from store.db import Store
from store.schema import VALUE_COLUMNS

VALUE_READ_COLUMNS = (  # what the pages use of a value row (the rest stays in the store, e.g. for exports)
    "indicator_id", "indicator_name", "area_code", "area_name", "sex", "age", "category_type", "category",
    "time_period", "time_period_sortable", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8",
    "count", "denominator", "value_note", "recent_trend", "compared_to_england", "parent_code", "compared_to_parent",
    "compared_to_parent_label",
) + tuple(c for c in ("time_period_range",) if c in VALUE_COLUMNS)  # rolling periods, once the schema holds it


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
    frame = store.query(f"""
        SELECT a.area_code, any_value(a.area_name) AS area_name, a.area_type_id,
               coalesce(any_value(t.short_name), '') AS area_type_name,
               any_value(a.parent_code) AS parent_code, any_value(a.region_code) AS region_code
        FROM core_areas a LEFT JOIN core_area_types t USING (area_type_id)
        WHERE a.area_type_id IN {PICKER_TYPES}
        GROUP BY a.area_code, a.area_type_id ORDER BY a.area_type_id = {ENGLAND_TYPE} DESC, a.area_type_id = {REGION_TYPE} DESC,
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


def profiles(store: Store) -> pd.DataFrame:
    """Profiles the store holds data for (downloaded from the API)."""
    return store.query("SELECT profile_id, profile_key, profile_name FROM core_profiles ORDER BY profile_name")


def profile_indicators(store: Store, profile_key: str) -> pd.DataFrame:
    """Indicator ids of a profile with their domain (group) name and order."""
    return store.query("""
        SELECT g.group_id, g.group_name, g.sequence, g.indicator_id
        FROM core_profile_groups g JOIN core_profiles p USING (profile_id)
        WHERE p.profile_key = ? AND g.indicator_id IS NOT NULL ORDER BY g.sequence, g.indicator_id""",
        [profile_key])


def metadata(store: Store) -> pd.DataFrame:
    """Indicator definitions, with a name for every indicator that has values (from the values if need be)."""
    return store.query("""
        WITH named AS (SELECT indicator_id, any_value(indicator_name) AS value_name
                       FROM core_indicator_values GROUP BY indicator_id)
        SELECT coalesce(m.indicator_id, n.indicator_id) AS indicator_id,
               coalesce(m.indicator_name, n.value_name) AS indicator_name,
               m.* EXCLUDE (indicator_id, indicator_name, load_id), n.value_name IS NOT NULL AS has_values
        FROM core_indicator_metadata m FULL JOIN named n USING (indicator_id) ORDER BY indicator_name""")


def values(store: Store, indicator_ids: list[int], area_codes: list[str] | None = None, *,
           headline_only: bool = True) -> pd.DataFrame:
    """Value rows for the indicators (and areas, when given); inequality breakdowns only when asked."""
    if not indicator_ids:
        return pd.DataFrame()
    where = ["indicator_id IN (SELECT unnest(?))"]
    params: list = [list(map(int, indicator_ids))]
    if area_codes is not None:
        where.append("area_code IN (SELECT unnest(?))")
        params.append(list(area_codes))
    if headline_only:
        where.append("category_type IS NULL")
    return store.query(f"SELECT {', '.join(VALUE_READ_COLUMNS)} FROM core_indicator_values "
                       f"WHERE {' AND '.join(where)}", params)


def neighbours(store: Store, area_code: str) -> pd.DataFrame:
    """Nearest-neighbour codes of an area (one row with a NULL code means 'asked, none known')."""
    return store.query("SELECT neighbour_code, rank, model FROM core_neighbours WHERE area_code = ? "
                       "ORDER BY rank", [area_code])


def boundaries(store: Store, area_type_id: int) -> str | None:
    frame = store.query("SELECT geojson FROM core_boundaries WHERE area_type_id = ?", [area_type_id])
    return None if frame.empty else str(frame.iloc[0, 0])


def indicator_rows(store: Store, indicator_id: int) -> pd.DataFrame:
    """Every row of one indicator: all areas, periods and inequality breakdowns."""
    return store.query(f"SELECT {', '.join(VALUE_READ_COLUMNS)} FROM core_indicator_values "
                       "WHERE indicator_id = ?", [int(indicator_id)])


def comparison_directions(store: Store) -> pd.DataFrame:
    """Per indicator, how Fingertips' Better/Worse-against-England words line up with above/below England."""
    return store.query(f"""
        WITH eng AS (SELECT indicator_id, sex, age, time_period, value AS england
                     FROM core_indicator_values WHERE area_code = '{ENGLAND}' AND category_type IS NULL)
        SELECT v.indicator_id,
               count(*) FILTER ((v.value > e.england AND v.compared_to_england = 'Better')
                                OR (v.value < e.england AND v.compared_to_england = 'Worse')) AS high_good,
               count(*) FILTER ((v.value > e.england AND v.compared_to_england = 'Worse')
                                OR (v.value < e.england AND v.compared_to_england = 'Better')) AS low_good
        FROM core_indicator_values v JOIN eng e
          ON v.indicator_id = e.indicator_id AND v.time_period = e.time_period
         AND v.sex IS NOT DISTINCT FROM e.sex AND v.age IS NOT DISTINCT FROM e.age
        WHERE v.category_type IS NULL AND v.compared_to_england IN ('Better', 'Worse')
        GROUP BY v.indicator_id""")


SMALL_AREA_PREFIXES = ("E02", "E05")  # MSOAs and electoral wards


def small_area_values(store: Store, indicator_ids: list[int], area_code: str) -> pd.DataFrame:
    """Headline rows of the small areas (MSOAs, wards) within an area: their parent in the file, or in the
    areas table, is the area."""
    if not indicator_ids:
        return pd.DataFrame()
    prefixes = " OR ".join(f"area_code LIKE '{p}%'" for p in SMALL_AREA_PREFIXES)
    return store.query(f"""
        SELECT {', '.join(VALUE_READ_COLUMNS)} FROM core_indicator_values
        WHERE indicator_id IN (SELECT unnest(?)) AND category_type IS NULL AND ({prefixes})
          AND (parent_code = ? OR area_code IN (SELECT area_code FROM core_areas WHERE parent_code = ?))""",
        [list(map(int, indicator_ids)), area_code, area_code])

"""Read queries over the store, returning pandas frames. No streamlit, no network."""
from __future__ import annotations

import pandas as pd

from geography import AREA_TYPE_NAMES, ENGLAND, ENGLAND_TYPE, MSOA_TYPE, PICKER_TYPES, REGION_TYPE
from store.db import Store
from store.schema import VALUE_COLUMNS

VALUE_READ_COLUMNS = (  # what the pages use of a value row (the rest stays in the store, e.g. for exports)
    "indicator_id", "indicator_name", "area_code", "area_name", "sex", "age", "category_type", "category",
    "time_period", "time_period_sortable", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8",
    "count", "denominator", "value_note", "recent_trend", "compared_to_england", "parent_code", "compared_to_parent",
    "compared_to_parent_label",
) + tuple(c for c in ("time_period_range",) if c in VALUE_COLUMNS)  # rolling periods, once the schema holds it


def _type_names_sql() -> str:
    return "CASE g.area_type_id " + " ".join(f"WHEN {t} THEN '{n}'" for t, n in AREA_TYPE_NAMES.items()) + " END"


def status(store: Store) -> pd.DataFrame:
    """What the store holds, per indicator and area type (and, for small areas, per local authority): the
    profile, rows, areas, periods, latest period, where the newest rows came from and when."""
    return store.query(f"""
        WITH g AS (
            SELECT indicator_id, area_type_id, CASE WHEN area_type_id = {MSOA_TYPE} THEN parent_code END AS parent_area,
                   arg_max(time_period, coalesce(time_period_sortable, 0)) AS latest_period,
                   count(DISTINCT time_period) AS periods, count(*) AS rows, count(DISTINCT area_code) AS areas,
                   max(load_id) AS load_id, any_value(indicator_name) AS indicator_name
            FROM core_indicator_values GROUP BY ALL),
        prof AS (SELECT g.indicator_id, string_agg(DISTINCT p.profile_key, ', ') AS profiles
                 FROM core_profile_groups g JOIN core_profiles p USING (profile_id) GROUP BY g.indicator_id),
        names AS (SELECT area_code, any_value(area_name) AS area_name FROM core_areas GROUP BY area_code)
        SELECT g.indicator_id, g.indicator_name, coalesce(d.profile_key, prof.profiles) AS profile,
               coalesce({_type_names_sql()}, 'Unknown') AS area_type, g.area_type_id, g.parent_area,
               n.area_name AS parent_area_name, g.rows, g.areas, g.periods, g.latest_period, d.source,
               strftime(d.fetched_at, '%Y-%m-%dT%H:%M:%SZ') AS fetched_at
        FROM g LEFT JOIN loads d USING (load_id) LEFT JOIN prof USING (indicator_id)
        LEFT JOIN names n ON n.area_code = g.parent_area
        ORDER BY g.indicator_id, g.area_type_id DESC NULLS LAST, g.parent_area""")


def small_area_summary(store: Store) -> pd.DataFrame:
    """Small-area (MSOA) rows held per local authority: indicators, MSOAs, rows, code vintages."""
    return store.query(f"""
        WITH names AS (SELECT area_code, any_value(area_name) AS area_name FROM core_areas GROUP BY area_code)
        SELECT v.parent_code AS local_authority, any_value(n.area_name) AS name,
               count(DISTINCT v.indicator_id) AS indicators, count(DISTINCT v.area_code) AS msoas, count(*) AS rows,
               string_agg(DISTINCT v.code_vintage, ', ' ORDER BY v.code_vintage) AS code_vintages
        FROM core_indicator_values v LEFT JOIN names n ON n.area_code = v.parent_code
        WHERE v.area_type_id = {MSOA_TYPE} GROUP BY v.parent_code ORDER BY name""")


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


PEER_COLUMNS = ("indicator_id", "area_code", "sex", "age", "category_type", "category", "time_period",
                "time_period_sortable", "value")  # what a spine chart and quintiles use of the other areas


def values(store: Store, indicator_ids: list[int], area_codes: list[str] | None = None, *,
           headline_only: bool = True, columns: tuple[str, ...] = VALUE_READ_COLUMNS) -> pd.DataFrame:
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
    return store.query(f"SELECT {', '.join(columns)} FROM core_indicator_values "
                       f"WHERE {' AND '.join(where)}", params)


def neighbours(store: Store, area_code: str) -> pd.DataFrame:
    """Nearest-neighbour codes of an area (one row with a NULL code means 'asked, none known')."""
    return store.query("SELECT neighbour_code, rank, model FROM core_neighbours WHERE area_code = ? "
                       "ORDER BY rank", [area_code])


def boundaries(store: Store, area_type_id: int) -> tuple[str, str | None] | None:
    """(GeoJSON text, code property) of the newest national set of an area type, or None."""
    frame = store.query("SELECT geojson, code_key FROM core_boundaries WHERE area_type_id = ? AND parent_code IS NULL "
                        "ORDER BY fetched_at DESC LIMIT 1", [area_type_id])
    if frame.empty:
        return None
    key = frame.iloc[0, 1]
    return str(frame.iloc[0, 0]), None if pd.isna(key) else str(key)


def msoa_boundary_sets(store: Store, parents: list[str]) -> pd.DataFrame:
    """MSOA boundary sets (vintage, parent_code, code_key, geojson) of these districts/UAs, and national ones."""
    return store.query(f"SELECT vintage, parent_code, code_key, geojson FROM core_boundaries WHERE area_type_id = "
                       f"{MSOA_TYPE} AND (parent_code IS NULL OR parent_code IN (SELECT unnest(?)))", [list(parents)])


def boundary_summary(store: Store) -> pd.DataFrame:
    """The boundary sets held: area type, vintage, local authority, source and when."""
    return store.query("SELECT area_type_id, vintage, parent_code, code_key, source, "
                       "strftime(fetched_at, '%Y-%m-%dT%H:%M:%SZ') AS fetched_at FROM core_boundaries "
                       "ORDER BY area_type_id DESC, vintage, parent_code")


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


def small_area_values(store: Store, indicator_ids: list[int], area_code: str) -> pd.DataFrame:
    """Headline rows of the MSOAs inside an area (the MSOAs msoas_of places in it)."""
    codes = list(msoas_of(store, area_code).get("area_code", []))
    if not indicator_ids or not codes:
        return pd.DataFrame()
    return store.query(f"""
        SELECT {', '.join(VALUE_READ_COLUMNS)} FROM core_indicator_values
        WHERE indicator_id IN (SELECT unnest(?)) AND category_type IS NULL AND area_code IN (SELECT unnest(?))""",
        [list(map(int, indicator_ids)), codes])


def msoas_of(store: Store, la_code: str) -> pd.DataFrame:
    """The MSOAs inside a local authority (area_code, area_name, parent_code = their district or UA): those the
    store's areas place in it (for a county, in its districts) and those whose rows were downloaded for it."""
    return store.query(f"""
        WITH a AS (SELECT area_code, area_name, coalesce(parent_code, $1) AS parent_code FROM core_areas
                   WHERE area_type_id = {MSOA_TYPE} AND (parent_code = $1 OR county_code = $1)),
             v AS (SELECT DISTINCT area_code, area_name, parent_code FROM core_indicator_values
                   WHERE area_type_id = {MSOA_TYPE} AND parent_code = $1)
        SELECT area_code, any_value(area_name) AS area_name, any_value(parent_code) AS parent_code
        FROM (SELECT * FROM a UNION ALL SELECT * FROM v) GROUP BY area_code ORDER BY area_code""", [la_code])


def small_area_indicators(store: Store, msoa_codes: list[str]) -> pd.DataFrame:
    """Indicators with MSOA rows for these codes: id, name, rows, MSOAs."""
    return store.query(f"""
        SELECT indicator_id, any_value(indicator_name) AS indicator_name, count(*) AS rows,
               count(DISTINCT area_code) AS msoas
        FROM core_indicator_values WHERE area_type_id = {MSOA_TYPE} AND area_code IN (SELECT unnest(?))
        GROUP BY indicator_id ORDER BY indicator_name""", [list(msoa_codes)])


def small_area_rows(store: Store, indicator_id: int, codes: list[str]) -> pd.DataFrame:
    """Headline rows of one indicator for these area codes (MSOAs, their LA, England), with area type and vintage."""
    columns = ", ".join([*VALUE_READ_COLUMNS, "area_type_id", "code_vintage"])
    return store.query(f"SELECT {columns} FROM core_indicator_values WHERE indicator_id = ? AND category_type IS NULL "
                       "AND area_code IN (SELECT unnest(?))", [int(indicator_id), list(codes)])


def small_area_indicator_ids(store: Store) -> pd.DataFrame:
    """Every indicator with MSOA rows, with the local authorities (parent codes) they were downloaded for."""
    return store.query(f"SELECT DISTINCT indicator_id, parent_code FROM core_indicator_values "
                       f"WHERE area_type_id = {MSOA_TYPE}")

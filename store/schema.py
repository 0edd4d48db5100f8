"""The store's schema, declared once as data.

Every table's columns, their DuckDB types and (for the bulk CSV) the Fingertips header they come
from live here. DDL, the header map and the typed loaders derive from these declarations.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str  # snake_case column name in the store
    sql_type: str  # DuckDB type
    source: str | None = None  # Fingertips bulk-CSV header, when the field comes from one
    description: str = ""


# The Fingertips bulk CSV, in the API's order: 26 columns until 2022, then `Time period range` (nullable).
# Column 23 ("Compared to <parent> value or percentiles") changes its header with the parent area type, so it
# is matched by pattern in store.column_map and its header text is kept in `compared_to_parent_label`.
INDICATOR_VALUE_FIELDS: tuple[Field, ...] = (
    Field("indicator_id", "INTEGER", "Indicator ID", "Fingertips indicator ID"),
    Field("indicator_name", "VARCHAR", "Indicator Name"),
    Field("parent_code", "VARCHAR", "Parent Code"),
    Field("parent_name", "VARCHAR", "Parent Name"),
    Field("area_code", "VARCHAR", "Area Code", "ONS area code as given (codes changed in 2019, 2021, 2023)"),
    Field("area_name", "VARCHAR", "Area Name"),
    Field("area_type", "VARCHAR", "Area Type", "area type short name as written in the file"),
    Field("sex", "VARCHAR", "Sex"),
    Field("age", "VARCHAR", "Age"),
    Field("category_type", "VARCHAR", "Category Type", "inequality breakdown type; NULL for headline rows"),
    Field("category", "VARCHAR", "Category"),
    Field("time_period", "VARCHAR", "Time period"),
    Field("value", "DOUBLE", "Value"),
    Field("lower_ci_95", "DOUBLE", "Lower CI 95.0 limit"),
    Field("upper_ci_95", "DOUBLE", "Upper CI 95.0 limit"),
    Field("lower_ci_99_8", "DOUBLE", "Lower CI 99.8 limit"),
    Field("upper_ci_99_8", "DOUBLE", "Upper CI 99.8 limit"),
    Field("count", "DOUBLE", "Count"),
    Field("denominator", "DOUBLE", "Denominator"),
    Field("value_note", "VARCHAR", "Value note"),
    Field("recent_trend", "VARCHAR", "Recent Trend"),
    Field("compared_to_england", "VARCHAR", "Compared to England value or percentiles"),
    Field("compared_to_parent", "VARCHAR", "Compared to * value or percentiles"),
    Field("time_period_sortable", "BIGINT", "Time period Sortable"),
    Field("new_data", "VARCHAR", "New data"),
    Field("compared_to_goal", "VARCHAR", "Compared to goal"),
    Field("time_period_range", "VARCHAR", "Time period range",
          "span of the period ('1y', '3y', ...); 27th column since 2022, NULL for older files"),
)

# Columns added by the store to every value row.
VALUE_EXTRA_FIELDS: tuple[Field, ...] = (
    Field("compared_to_parent_label", "VARCHAR", None, "header of column 23, e.g. 'Compared to Region value or percentiles'"),
    Field("load_id", "INTEGER", None, "the load (loads table) that wrote this row"),
    Field("area_type_id", "INTEGER", None, "Fingertips area type of the row's area (3 = MSOA), worked out on import "
          "from the code and the Area Type text (store.small_areas.AREA_TYPE_SQL); NULL when it cannot be told"),
    Field("code_vintage", "VARCHAR", None, "for MSOA rows, the ONS code set the codes belong to: '2011' or '2021' "
          "(store.small_areas.VINTAGE_RULES); NULL for other rows"),
)

# Rows are unique on this key (empty strings are stored as NULL and compared as equal).
VALUE_KEY: tuple[str, ...] = (
    "indicator_id", "area_code", "sex", "age", "category_type", "category", "time_period",
)

TABLES: dict[str, tuple[Field, ...]] = {
    "core_indicator_values": INDICATOR_VALUE_FIELDS + VALUE_EXTRA_FIELDS,
    "core_indicator_metadata": (
        Field("indicator_id", "INTEGER"),
        Field("indicator_name", "VARCHAR"),
        Field("definition", "VARCHAR"),
        Field("rationale", "VARCHAR"),
        Field("data_source", "VARCHAR"),
        Field("methodology", "VARCHAR"),
        Field("ci_method", "VARCHAR"),
        Field("unit", "VARCHAR"),
        Field("value_type", "VARCHAR"),
        Field("year_type", "VARCHAR"),
        Field("frequency", "VARCHAR"),
        Field("polarity", "VARCHAR", None, "High is good / Low is good / No judgement / Not applicable"),
        Field("benchmark_method", "VARCHAR", None, "Fingertips wording, e.g. 'Confidence intervals overlapping reference value (95.0)'"),
        Field("load_id", "INTEGER"),
    ),
    "core_areas": (
        Field("area_code", "VARCHAR"),
        Field("area_name", "VARCHAR"),
        Field("area_type_id", "INTEGER"),
        Field("parent_code", "VARCHAR", None, "parent of the next type up (region for counties, county for districts)"),
        Field("region_code", "VARCHAR"),
        Field("load_id", "INTEGER"),
        Field("county_code", "VARCHAR", None, "for an MSOA in a two-tier area: its county (E10); NULL elsewhere. "
              "An MSOA's parent_code is its district or unitary authority"),
    ),
    "core_area_types": (
        Field("area_type_id", "INTEGER"),
        Field("name", "VARCHAR"),
        Field("short_name", "VARCHAR"),
    ),
    "core_profiles": (
        Field("profile_id", "INTEGER"),
        Field("profile_key", "VARCHAR"),
        Field("profile_name", "VARCHAR"),
    ),
    "core_profile_groups": (
        Field("profile_id", "INTEGER"),
        Field("group_id", "INTEGER"),
        Field("group_name", "VARCHAR"),
        Field("sequence", "INTEGER"),
        Field("indicator_id", "INTEGER", None, "NULL until the group's metadata is loaded"),
    ),
    "core_neighbours": (
        Field("area_code", "VARCHAR"),
        Field("neighbour_code", "VARCHAR"),
        Field("rank", "INTEGER"),
        Field("model", "VARCHAR", None, "e.g. 'CIPFA nearest neighbours'"),
    ),
    "core_boundaries": (  # one set per (area_type_id, vintage, parent_code)
        Field("area_type_id", "INTEGER"),
        Field("geojson", "VARCHAR"),
        Field("source", "VARCHAR"),
        Field("fetched_at", "TIMESTAMP"),
        Field("vintage", "VARCHAR", None, "the boundaries' year from their code property, e.g. '2023' for CTYUA23CD, "
              "'2011' / '2021' for MSOA11CD / MSOA21CD"),
        Field("parent_code", "VARCHAR", None, "for MSOA sets: the district or UA the features lie in; NULL for a "
              "national set"),
        Field("code_key", "VARCHAR", None, "the feature property holding the area code, e.g. CTYUA23CD, MSOA11CD"),
    ),
    # Deaths and population for the life-expectancy gap page (loading/mortality.py writes it): one row per
    # dataset × group × sex × age × cause × year, in the layout of analysis/mortality.py. A dataset is one
    # import (a file) or one Nomis download (an area and England); a new load of it replaces the old rows.
    "mortality_input": (
        Field("dataset", "VARCHAR", None, "e.g. 'England IMD deciles', 'Nomis E06000009', or the file's name"),
        Field("kind", "VARCHAR", None, "'groups' (an imported file) or 'area' (an area and England, from Nomis)"),
        Field("group_name", "VARCHAR", None, "e.g. 'IMD decile 1', 'Blackpool', 'England'"),
        Field("group_code", "VARCHAR", None, "GSS code of a Nomis area; NULL for a file's groups"),
        Field("sex", "VARCHAR", None, "Male / Female / Persons"),
        Field("age", "VARCHAR", None, "a single year ('37') or a band ('5-9', '90+'), as the file gave it"),
        Field("cause", "VARCHAR", None, "'All causes' or a Segment Tool cause group"),
        Field("year", "INTEGER", None, "calendar/registration year; NULL when the file pooled its years"),
        Field("deaths", "DOUBLE", None, "NULL when the source sent no deaths for this cell"),
        Field("population", "DOUBLE", None, "person-years; NULL when the source sent no population"),
        Field("rounded", "BOOLEAN", None, "ONS rounded the counts (areas below region level)"),
        Field("source", "VARCHAR", None, "file name or the Nomis URL of the first call"),
        Field("fetched_at", "TIMESTAMP"),
        Field("load_id", "INTEGER"),
    ),
    "loads": (
        Field("load_id", "INTEGER"),
        Field("kind", "VARCHAR", None, "values / metadata / areas / profiles / neighbours / boundaries / mortality"),
        Field("source", "VARCHAR", None, "URL or file name"),
        Field("profile_key", "VARCHAR"),
        Field("area_type_id", "INTEGER"),
        Field("fetched_at", "TIMESTAMP"),
        Field("row_count", "BIGINT"),
        Field("content_sha256", "VARCHAR", None, "hash of the file loaded, to recognise a re-import"),
    ),
}

# How a table is split in published snapshots (store.snapshots): one set of Parquet files per value of this
# column, so a write rewrites only the parts it changed and a page's query reads only the parts it asks for.
# Tables not named here are published as one file each (they are small).
PARTITIONS: dict[str, str] = {"core_indicator_values": "indicator_id"}


# What people write in the dashboard (assessments), kept in a file of its own beside the data store
# (store.assessments.FILE_NAME) so that saving a draft neither copies the indicator data nor invalidates
# the pages' caches, and a refresh of the data never touches people's work. Written atomically like
# every other write (store.db.Store.writer). Rows are only ever added: each save is a new version.
USER_TABLES: dict[str, tuple[Field, ...]] = {
    "app_assessments": (
        Field("assessment_id", "VARCHAR", None, "stable id of the assessment (a random hex string)"),
        Field("version", "INTEGER", None, "1 for the first save, one more for each save after it"),
        Field("kind", "VARCHAR", None, "'equity' (health equity assessment) or 'inclusion' (self-assessment)"),
        Field("title", "VARCHAR", None, "the programme or service assessed, as typed"),
        Field("area_code", "VARCHAR"),
        Field("theme_id", "VARCHAR"),
        Field("review_date", "DATE", None, "when the assessment should be looked at again"),
        Field("content", "VARCHAR", None, "answers, evidence and notes as JSON text (never rendered as HTML)"),
        Field("saved_at", "TIMESTAMP", None, "UTC time of this version"),
        Field("replaced_version", "INTEGER", None, "the version another session saved after this one was "
                                                   "opened and this save replaced (NULL when none)"),
    ),
}
ALL_TABLES: dict[str, tuple[Field, ...]] = {**TABLES, **USER_TABLES}


def ddl(table: str) -> str:
    cols = ", ".join(f'"{f.name}" {f.sql_type}' for f in ALL_TABLES[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


def column_names(table: str) -> list[str]:
    return [f.name for f in ALL_TABLES[table]]


VALUE_COLUMNS: list[str] = column_names("core_indicator_values")
NUMERIC_VALUE_COLUMNS: list[str] = [
    f.name for f in INDICATOR_VALUE_FIELDS if f.sql_type in ("DOUBLE", "INTEGER", "BIGINT")
]

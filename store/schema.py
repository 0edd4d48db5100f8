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
    "core_boundaries": (
        Field("area_type_id", "INTEGER"),
        Field("geojson", "VARCHAR"),
        Field("source", "VARCHAR"),
        Field("fetched_at", "TIMESTAMP"),
    ),
    "loads": (
        Field("load_id", "INTEGER"),
        Field("kind", "VARCHAR", None, "values / metadata / areas / profiles / neighbours / boundaries"),
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


def ddl(table: str) -> str:
    cols = ", ".join(f'"{f.name}" {f.sql_type}' for f in TABLES[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


def column_names(table: str) -> list[str]:
    return [f.name for f in TABLES[table]]


VALUE_COLUMNS: list[str] = column_names("core_indicator_values")
NUMERIC_VALUE_COLUMNS: list[str] = [
    f.name for f in INDICATOR_VALUE_FIELDS if f.sql_type in ("DOUBLE", "INTEGER", "BIGINT")
]

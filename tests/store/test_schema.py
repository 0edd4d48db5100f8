"""The schema is declared once and everything derives from it."""
from __future__ import annotations

from pathlib import Path

from store import column_map, schema
from store.db import Store

ROOT = Path(__file__).resolve().parents[2]
FINGERTIPS_HEADER = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,"
    "Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,"
    "Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,"
    "Compared to Region value or percentiles,Time period Sortable,New data,Compared to goal").split(",")


def test_every_bulk_header_maps_to_one_column():
    mapped = column_map.rename_map(FINGERTIPS_HEADER)
    assert len(mapped) == 26 and len(set(mapped.values())) == 26
    assert mapped["Compared to Region value or percentiles"] == "compared_to_parent"
    assert column_map.column_for("Compared to percentiles") == "compared_to_parent"
    assert column_map.column_for("Compared to Counties & UAs (from Apr 2021) value or percentiles") == \
        "compared_to_parent"
    assert column_map.column_for("Compared to goal") == "compared_to_goal"
    assert column_map.column_for("Surprise") is None


def test_tables_are_created_from_the_declarations(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with store.writer():
        pass
    for table, fields in schema.TABLES.items():
        got = store.query(f"DESCRIBE {table}")
        assert list(got["column_name"]) == [f.name for f in fields]
        assert list(got["column_type"]) == [f.sql_type for f in fields]


def test_every_value_field_is_used_outside_the_schema():
    code = "\n".join(p.read_text() for folder in ("store", "analysis", "services", "connectors", "pages")
                     for p in (ROOT / folder).glob("*.py") if p.name != "schema.py")
    for field in schema.TABLES["core_indicator_values"]:
        assert field.name in code or field.source, field.name  # bulk fields are used through column_map
    for table in schema.TABLES:
        assert table in code, f"{table} is declared but nothing reads or writes it"

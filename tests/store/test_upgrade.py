"""A store written by an older version (fewer columns than store/schema.py declares) is upgraded before pages
read it, in one atomic write, and keeps every row."""
from __future__ import annotations

import duckdb


def _drop_columns(path, columns: list[tuple[str, str]]) -> None:
    con = duckdb.connect(str(path))
    for table, column in columns:
        con.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
    con.close()


def test_an_old_store_gains_the_new_columns_and_keeps_its_rows(sample_store):
    rows = len(sample_store.query("SELECT 1 FROM core_indicator_values"))
    _drop_columns(sample_store.path, [("core_indicator_values", "time_period_range"), ("core_areas", "county_code")])
    assert ("core_areas", "county_code") in sample_store.missing_columns()
    assert sample_store.upgrade() is True
    assert sample_store.missing_columns() == []
    assert len(sample_store.query("SELECT 1 FROM core_indicator_values")) == rows
    assert sample_store.upgrade() is False  # nothing more to do


def test_the_dashboard_reads_an_old_store_without_an_error(sample_store):
    from tests.apptest import run_app, texts

    _drop_columns(sample_store.path, [("core_areas", "county_code")])
    at = run_app(area="E06000009")
    assert not at.exception, at.exception
    assert at.title[0].value == "Blackpool" and "Children and young people" in texts(at)

"""Cleaning rules, each counted with a sentence; a cell that still cannot be read stops the file, naming row,
column and text; an identifier out of range is a FingertipsDataError, in values and in metadata alike."""
from __future__ import annotations

import csv

import duckdb
import pytest

from errors import FingertipsDataError
from loading.refresh import import_files
from store import column_map, schema
from store.db import Store
from tests.store.test_importer import count, sample_head, write_rows


def _rows_with(sample_csv, n, column, values):
    header, rows = sample_head(sample_csv, n)
    i = header.index(column)
    for row, value in zip(rows, values):
        row[i] = value
    return header, rows


@pytest.mark.parametrize("value, stored, rule", [
    ("6,144,703", 6144703.0, "thousands"), ("-", None, "dash"), ("*", None, "star"), ("NA", None, "missing_word"),
    ('<div class="no-data">-</div>', None, "html"), (" 12.5 ", 12.5, None),
])
def test_cell_rules_are_applied_and_counted(sample_csv, tmp_path, data_dir, value, stored, rule):
    header, rows = _rows_with(sample_csv, 3, "Count", [value])
    [result] = import_files([write_rows(tmp_path / "x.csv", header, rows)], store=Store())
    got = Store().query("SELECT count FROM core_indicator_values WHERE area_code = ? AND time_period = ? AND "
                        "sex = ?", [rows[0][4], rows[0][11], rows[0][7]])["count"][0]
    assert (got != got if stored is None else got == stored)  # NaN when missing
    rules = {c.rule: c for c in result.cleaned}
    if rule:
        assert rules[rule].count == 1 and "Count" in rules[rule].columns and rules[rule].sentence.startswith("1 ")
    assert result.rows_stored == 3


@pytest.mark.parametrize("column, text, what", [
    ("Value", "12,5", "a number"), ("Count", "lots", "a number"), ("Value", "inf", "a number"),
    ("Indicator ID", "2147483648", "a whole number"), ("Indicator ID", "1.5", "a whole number"),
    ("Time period Sortable", "2019Q1", "a whole number"),
])
def test_a_cell_that_cannot_be_read_names_row_column_and_text(sample_store, sample_csv, tmp_path, column, text, what):
    header, rows = _rows_with(sample_csv, 5, column, ["", "", "", text])  # the 4th row (file line 5)
    rows[0][header.index(column)], rows[1][header.index(column)], rows[2][header.index(column)] = \
        (sample_head(sample_csv, 3)[1][k][header.index(column)] for k in range(3))
    before = sample_store.version()
    with pytest.raises(FingertipsDataError) as err:
        import_files([write_rows(tmp_path / "bad.csv", header, rows)], store=sample_store)
    message = str(err.value)
    assert f"row 4 (line 5), column '{column}'" in message and repr(text) in message and what in message
    assert (err.value.row, err.value.column, err.value.text) == (4, column, text)
    assert err.value.advice and "Nothing was imported" in message
    assert sample_store.version() == before and count(sample_store) == 155_551


def test_metadata_with_an_indicator_id_out_of_range_is_a_plain_error(sample_metadata_csv, tmp_path, data_dir):
    with open(sample_metadata_csv, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[:4]
    rows[2][0] = "2147483648"
    path = write_rows(tmp_path / "indicator-metadata.csv", rows[0], rows[1:])
    with pytest.raises(FingertipsDataError) as err:
        import_files([path], store=Store())
    assert "row 2, column 'Indicator ID': '2147483648' is not an indicator ID" in str(err.value)
    assert not isinstance(err.value, duckdb.Error)


def test_blank_rows_and_trailing_commas_are_counted(sample_csv, tmp_path, data_dir):
    header, rows = sample_head(sample_csv, 3)
    rows = [rows[0], [""] * len(header), rows[1] + ["", ""], rows[2]]
    [result] = import_files([write_rows(tmp_path / "x.csv", header, rows)], store=Store())
    rules = {c.rule: c.count for c in result.cleaned}
    assert result.rows_stored == 3 and rules == {"blank_rows": 1, "trailing_fields": 1}


def test_header_aliases_and_column_23_by_pattern():
    header = ["indicator_id", "INDICATOR NAME", "ParentCode", "Parent Name", "area code", "AreaName", "Area Type",
              "Sex", "Age", "Category Type", "Category", "Timeperiod", "Value", "LowerCI95.0limit",
              "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator",
              "Value note", "Recent Trend", "Compared to England value or percentiles",
              "Compared to Counties & UAs (from Apr 2021) value or percentiles", "Time period Sortable", "New data",
              "Target data", "Time period range", "Surprise"]
    match = column_map.match_header(header)
    assert match.ok and match.unexpected == ("Surprise",)
    assert set(match.columns) == {f.name for f in schema.INDICATOR_VALUE_FIELDS}
    assert match.parent_label == "Compared to Counties & UAs (from Apr 2021) value or percentiles"
    not_used = column_map.match_header([h if not h.startswith("Compared to Counties") else "Column not used"
                                        for h in header[:-2]])
    assert not_used.ok and "compared_to_parent" not in not_used.columns and not_used.ignored[0][0] == "Column not used"
    assert column_map.match_header(header[1:]).missing == ("Indicator ID",)


def test_an_old_store_gains_time_period_range(tmp_path):
    path = tmp_path / "hep.duckdb"
    con = duckdb.connect(str(path))
    old = [f for f in schema.TABLES["core_indicator_values"] if f.name != "time_period_range"]
    con.execute("CREATE TABLE core_indicator_values (" + ", ".join(f'"{f.name}" {f.sql_type}' for f in old) + ")")
    con.close()
    store = Store(path)
    with store.writer():
        pass
    assert "time_period_range" in list(store.query("DESCRIBE core_indicator_values")["column_name"])

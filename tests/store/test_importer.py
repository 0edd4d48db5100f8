"""Importing Fingertips bulk CSVs: exact row counts, types, idempotence, replacement, rejection."""
from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from errors import FingertipsDataError
from loading.refresh import import_files
from store.db import Store


def count(store: Store, table: str = "core_indicator_values") -> int:
    return int(store.query(f"SELECT count(*) FROM {table}").iloc[0, 0])


def write_rows(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def sample_head(sample_csv, n=50):
    with open(sample_csv, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [next(reader) for _ in range(n)]


def test_sample_imports_one_row_per_source_row_with_types(sample_store):
    assert count(sample_store) == 155_551
    types = dict(sample_store.query("DESCRIBE core_indicator_values")[["column_name", "column_type"]].values)
    assert types["value"] == "DOUBLE" and types["lower_ci_95"] == "DOUBLE"
    assert types["time_period_sortable"] == "BIGINT" and types["indicator_id"] == "INTEGER"
    empties = sample_store.query("SELECT count(*) FROM core_indicator_values WHERE category_type = '' "
                                 "OR sex = '' OR value_note = ''").iloc[0, 0]
    assert empties == 0  # empty strings are stored as NULL
    row = sample_store.query("SELECT * FROM core_indicator_values WHERE indicator_id = 93721 "
                             "AND area_code = 'E07000026' AND sex = 'Male' AND time_period = '2010'").iloc[0]
    assert row["value"] == pytest.approx(223.3) and row["compared_to_england"] == "Similar"
    loads = sample_store.query("SELECT * FROM loads WHERE kind = 'values'")
    assert list(loads["row_count"]) == [155_551] and loads["source"][0] == "indicator_values.csv"


def test_reimport_changes_nothing(sample_store, sample_csv):
    before = sample_store.version()
    results = import_files([sample_csv], store=sample_store)
    assert [r.changed for r in results] == [False]
    assert sample_store.version() == before and count(sample_store, "loads") == 2


def test_newer_load_replaces_covered_rows_and_keeps_the_rest(sample_store, sample_csv, tmp_path):
    header, rows = sample_head(sample_csv, 3)
    rows[0][header.index("Value")] = "999.5"
    import_files([write_rows(tmp_path / "newer.csv", header, rows[:1])], store=sample_store)
    assert count(sample_store) == 155_551
    key = dict(zip(header, rows[0]))
    got = sample_store.query("SELECT value, load_id FROM core_indicator_values WHERE indicator_id = ? AND "
                             "area_code = ? AND sex = ? AND time_period = ?",
                             [int(key["Indicator ID"]), key["Area Code"], key["Sex"], key["Time period"]])
    assert list(got["value"]) == [999.5] and got["load_id"][0] == 3


@pytest.mark.parametrize("mutate, words", [
    (lambda h, r: (h[:-3], [x[:-3] for x in r]), ["missing columns", "Time period Sortable", "Compared to goal"]),
    (lambda h, r: (h + ["Area Name"], [x + ["1"] for x in r]), ["repeated columns", "Area Name"]),
    (lambda h, r: (h, [r[0][:12] + ["not a number"] + r[0][13:]]), ["could not be read", "not a number"]),
    (lambda h, r: (h, [r[0], r[0]]), ["repeats the same indicator"]),
    (lambda h, r: (h, [r[0][:5]]), ["could not be read"]),
])
def test_bad_files_are_rejected_and_change_nothing(sample_store, sample_csv, tmp_path, mutate, words):
    header, rows = mutate(*sample_head(sample_csv, 2))
    before = sample_store.version()
    with pytest.raises(FingertipsDataError) as err:
        import_files([write_rows(tmp_path / "bad.csv", header, rows)], store=sample_store)
    for word in words:
        assert word in str(err.value)
    assert sample_store.version() == before and count(sample_store) == 155_551


def test_an_extra_column_is_imported_with_a_warning_naming_it(sample_csv, tmp_path, data_dir):
    header, rows = sample_head(sample_csv, 3)
    path = write_rows(tmp_path / "extra.csv", header + ["Surprise"], [r + ["1"] for r in rows])
    [result] = import_files([path], store=Store())
    assert result.rows_stored == 3 and any("'Surprise'" in w for w in result.warnings)
    assert any("Surprise" in line for line in result.summary_lines())


def test_missing_and_unexpected_columns_are_listed(sample_csv, tmp_path, data_dir):
    header, rows = sample_head(sample_csv, 1)
    header = [h if h != "Value" else "Valeur" for h in header]
    with pytest.raises(FingertipsDataError) as err:
        import_files([write_rows(tmp_path / "x.csv", header, rows)], store=Store())
    assert err.value.missing == ["Value"] and err.value.unexpected == ["Valeur"]


def test_website_download_with_bom_and_quoted_newlines(sample_csv, tmp_path, data_dir):
    header, rows = sample_head(sample_csv, 5)
    rows[0][1] = "Name with\na newline"
    path = write_rows(tmp_path / "bom.csv", header, rows)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    store = Store()
    import_files([path], store=store)
    names = store.query("SELECT indicator_name FROM core_indicator_values")["indicator_name"]
    assert count(store) == 5 and "Name with\na newline" in set(names)


def test_metadata_csv_import(sample_store):
    meta = sample_store.query("SELECT * FROM core_indicator_metadata WHERE indicator_id IN (90362, 108)")
    by_id = meta.set_index("indicator_id")
    # the sample's own metadata says 'Low is good' for HLE; the direction implied by Fingertips' labels wins
    assert by_id.loc[90362, "polarity"] == "High is good"
    assert by_id.loc[108, "benchmark_method"] == "Confidence intervals overlapping reference value (95.0)"
    assert count(sample_store, "core_indicator_metadata") == 116


def test_a_failed_write_leaves_no_partial_file(sample_store, tmp_path):
    before = count(sample_store)
    with pytest.raises(RuntimeError):
        with sample_store.writer() as con:
            con.execute("DELETE FROM core_indicator_values")
            raise RuntimeError("crash in the middle")
    assert count(sample_store) == before
    assert not sample_store.marker.exists() and not sample_store.path.with_name("hep.duckdb.wal").exists()


def test_empty_store_reads_as_empty(data_dir):
    store = Store()
    assert store.query("SELECT 1").empty
    shutil.rmtree(data_dir, ignore_errors=True)
    assert pd.DataFrame().equals(Store().query("SELECT * FROM core_indicator_values"))

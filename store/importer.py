"""Load Fingertips bulk CSVs and indicator-metadata CSVs into the store (inside a Store.writer block).

Both layouts are detected from the header. A file whose header does not match raises
FingertipsDataError naming the missing and unexpected columns; a file that cannot be parsed or typed
raises it too, and since it happens inside the write session, nothing in the store changes.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from errors import FingertipsDataError
from store import schema
from store.column_map import PARENT_COMPARISON, REQUIRED_HEADERS, column_for

STAGING = "staging_values"
BOUND = {"England": 15, "Region": 6}


@dataclass(frozen=True)
class ImportResult:
    source: str
    kind: str  # "values" or "metadata"
    rows: int  # rows in the file
    changed: bool  # False when the store already held exactly these rows
    load_id: int | None = None


def read_header(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return [h.strip() for h in next(csv.reader(fh), [])]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise FingertipsDataError(f"{path.name} is not a readable UTF-8 CSV file.", source=path.name) from exc


def has_rows(path: Path) -> bool:
    """True when the CSV holds a record after its header (an unreadable file counts as having rows, so that
    the import reports what is wrong with it)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            return any(any(cell.strip() for cell in row) for row in reader)
    except (UnicodeDecodeError, csv.Error):
        return True


def file_kind(header: list[str]) -> str:
    if "Area Code" not in header and "Indicator ID" in header and {"Definition", "Polarity"} & set(header):
        return "metadata"
    return "values"


def check_values_header(header: list[str], source: str) -> None:
    expected = [h for h in REQUIRED_HEADERS if "*" not in h]
    missing = [h for h in expected if h not in header]
    if not any(PARENT_COMPARISON.match(h) for h in header):
        missing.append("Compared to <parent> value or percentiles")
    unexpected = [h for h in header if column_for(h) is None]
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if missing or unexpected or duplicates:
        parts = []
        if missing:
            parts.append("missing columns: " + ", ".join(missing))
        if unexpected:
            parts.append("unexpected columns: " + ", ".join(unexpected))
        if duplicates:
            parts.append("repeated columns: " + ", ".join(duplicates))
        raise FingertipsDataError(
            f"{source} is not in the Fingertips bulk-data layout ({'; '.join(parts)}). Nothing was imported.",
            source=source, missing=missing, unexpected=unexpected + duplicates)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _typed_select(header: list[str]) -> str:
    """SELECT list turning the all-text CSV into typed store columns (empty strings -> NULL)."""
    by_column = {column_for(h): h for h in header}
    parts = []
    for field in schema.INDICATOR_VALUE_FIELDS:
        quoted = '"' + by_column[field.name].replace('"', '""') + '"'
        text = f"NULLIF(trim({quoted}), '')"
        parts.append(f"CAST({text} AS {field.sql_type}) AS {field.name}" if field.sql_type != "VARCHAR"
                     else f"{text} AS {field.name}")
    label = next(h for h in header if PARENT_COMPARISON.match(h)).replace("'", "''")
    parts.append(f"'{label}' AS compared_to_parent_label")
    return ", ".join(parts)


def _key_match(a: str, b: str) -> str:
    return " AND ".join(f"{a}.{k} IS NOT DISTINCT FROM {b}.{k}" for k in schema.VALUE_KEY)


class Unchanged(Exception):
    """Raised inside a write session when the file adds nothing new, so the swap is skipped."""


def import_values(con: duckdb.DuckDBPyConnection, store, path: Path, *, source: str | None = None,
                  profile_key: str | None = None, area_type_id: int | None = None) -> ImportResult:
    source = source or path.name
    header = read_header(path)
    check_values_header(header, source)
    if not has_rows(path):
        raise FingertipsDataError(f"{source} holds the column headings but no data rows. Nothing was imported.",
                                  source=source)
    empty_store = scalar(con, "SELECT count(*) FROM (SELECT 1 FROM core_indicator_values LIMIT 1)") == 0
    value_cols = ", ".join(f.name for f in schema.INDICATOR_VALUE_FIELDS) + ", compared_to_parent_label"
    load_id = store.record_load(con, kind="values", source=source, row_count=0, profile_key=profile_key,
                                area_type_id=area_type_id, content_sha256=sha256_of(path))
    # An empty store takes the rows straight in (one parse); otherwise they are staged and merged.
    target = "core_indicator_values" if empty_store else STAGING
    con.execute(f"DROP TABLE IF EXISTS {STAGING}")
    try:
        if empty_store:
            con.execute(f"INSERT INTO core_indicator_values SELECT *, {load_id} FROM ({_read_sql(header)})", [str(path)])
        else:
            con.execute(f"CREATE TEMP TABLE {STAGING} AS {_read_sql(header)}", [str(path)])
    except duckdb.Error as exc:
        raise FingertipsDataError(f"{source} could not be read as a Fingertips CSV: {_short(exc)}. "
                                  "Nothing was imported.", source=source) from exc
    _check_rows(con, target, source)
    rows = scalar(con, f"SELECT count(*) FROM {target}")
    if not empty_store:
        new_rows = scalar(con, f"SELECT count(*) FROM (SELECT {value_cols} FROM {STAGING} EXCEPT "
                               f"SELECT {value_cols} FROM core_indicator_values)")
        if new_rows == 0:
            con.execute("DELETE FROM loads WHERE load_id = ?", [load_id])
            raise Unchanged(source)
        con.execute(f"DELETE FROM core_indicator_values c USING {STAGING} s WHERE {_key_match('c', 's')}")
        con.execute(f"INSERT INTO core_indicator_values SELECT {value_cols}, {load_id} FROM {STAGING}")
    con.execute("UPDATE loads SET row_count = ? WHERE load_id = ?", [rows, load_id])
    derive_areas(con, load_id)
    con.execute(f"DROP TABLE IF EXISTS {STAGING}")
    return ImportResult(source, "values", rows, True, load_id)


def _read_sql(header: list[str]) -> str:
    return (f"SELECT {_typed_select(header)} FROM read_csv(?, header=true, all_varchar=true, delim=',', "
            "quote='\"', escape='\"', strict_mode=true, null_padding=false, encoding='utf-8')")


def _check_rows(con: duckdb.DuckDBPyConnection, table: str, source: str) -> None:
    """Every row has an indicator and an area, and no key repeats (the rows come from one file)."""
    missing_id = scalar(con, f"SELECT count(*) FROM {table} WHERE indicator_id IS NULL OR area_code IS NULL")
    if missing_id:
        raise FingertipsDataError(f"{source} has {missing_id} rows without an indicator ID or area code. "
                                  "Nothing was imported.", source=source)
    keys = ", ".join(schema.VALUE_KEY)
    dupes = con.execute(f"SELECT {keys}, count(*) n FROM {table} GROUP BY ALL HAVING n > 1 LIMIT 3").fetchall()
    if dupes:
        example = ", ".join(str(v) for v in dupes[0][:-1] if v is not None)
        raise FingertipsDataError(f"{source} repeats the same indicator, area, sex, age, category and period "
                                  f"on more than one row (e.g. {example}). Nothing was imported.", source=source)


def derive_areas(con: duckdb.DuckDBPyConnection, load_id: int) -> None:
    """Add areas seen in the values that the store does not know yet, typed from their code prefix."""
    con.execute(f"""
        INSERT INTO core_areas
        SELECT area_code, any_value(area_name), t.area_type_id,
               any_value(CASE WHEN parent_code LIKE 'E12%' THEN parent_code END),
               any_value(CASE WHEN parent_code LIKE 'E12%' THEN parent_code END), {load_id}
        FROM core_indicator_values v
        JOIN (VALUES ('E92', 15), ('E12', 6), ('E10', 502), ('E06', 502), ('E08', 502), ('E09', 502),
                     ('E06', 501), ('E08', 501), ('E09', 501), ('E07', 501)) t(prefix, area_type_id)
          ON left(area_code, 3) = t.prefix
        WHERE v.load_id = {load_id} AND NOT EXISTS (SELECT 1 FROM core_areas a WHERE a.area_code = v.area_code
                          AND a.area_type_id = t.area_type_id)
        GROUP BY area_code, t.area_type_id""")


# ---- indicator metadata ------------------------------------------------------------------------
METADATA_SOURCES: dict[str, tuple[str, ...]] = {  # store column -> accepted headers (API CSV, sample CSV)
    "indicator_name": ("Indicator", "Indicator Name"),
    "definition": ("Definition",),
    "rationale": ("Rationale",),
    "data_source": ("Data source", "Data Source"),
    "methodology": ("Methodology", "Method"),
    "ci_method": ("Confidence interval details", "CI Method"),
    "unit": ("Unit",),
    "value_type": ("Value type", "Value Type"),
    "year_type": ("Year type", "Period Type"),
    "frequency": ("Frequency",),
    "polarity": ("Polarity",),
    "benchmark_method": ("Benchmark Comparison Method", "Benchmarking method"),
}
POLARITY_WORDS = {"rag - low is good": "Low is good", "rag - high is good": "High is good",
                  "bob - blue orange blue": "No judgement", "low is good": "Low is good",
                  "high is good": "High is good", "no judgement": "No judgement",
                  "not applicable": "Not applicable"}


def stored_polarity(text: str | None) -> str | None:
    """The polarity text kept in core_indicator_metadata: Fingertips' known wordings in their short form
    ("RAG - Low is good" -> "Low is good", "BOB - Blue orange blue" -> "No judgement"), any other text
    unchanged (nothing is silently recoded in the store), None when blank.

    Not a judgement of direction: analysis.benchmarking.normalise_polarity reads any of these into one of
    its four words (unknown text -> "No judgement") where values are benchmarked.
    """
    if not text:
        return None
    text = text.strip()
    for prefix, word in POLARITY_WORDS.items():
        if text.lower().startswith(prefix):
            return word
    return text


def metadata_rows(frame) -> list[tuple]:
    """Rows for core_indicator_metadata from an API or sample metadata CSV frame (all text)."""
    cols = {c.strip(): c for c in frame.columns}
    out = []
    for _, r in frame.iterrows():
        try:
            iid = int(str(r[cols["Indicator ID"]]).strip())
        except ValueError:
            continue
        rec = {}
        for column, headers in METADATA_SOURCES.items():
            rec[column] = next((str(r[cols[h]]).strip() or None for h in headers if h in cols), None)
        implied = cols.get("Polarity implied by Compared-to-England labels")
        if implied and str(r[implied]).strip():
            rec["polarity"] = stored_polarity(str(r[implied])) or rec["polarity"]
        rec["polarity"] = stored_polarity(rec["polarity"])
        out.append((iid, *rec.values()))
    return out


def import_metadata(con: duckdb.DuckDBPyConnection, store, frame, *, source: str,
                    path: Path | None = None) -> ImportResult:
    if "Indicator ID" not in [c.strip() for c in frame.columns]:
        raise FingertipsDataError(f"{source} has no 'Indicator ID' column; it is not Fingertips indicator "
                                  "metadata.", source=source, missing=["Indicator ID"])
    rows = metadata_rows(frame)
    load_id = store.record_load(con, kind="metadata", source=source, row_count=len(rows),
                                content_sha256=sha256_of(path) if path else None)
    if rows:
        con.execute("CREATE OR REPLACE TEMP TABLE staging_meta AS SELECT * FROM core_indicator_metadata LIMIT 0")
        con.executemany(f"INSERT INTO staging_meta VALUES ({', '.join('?' * (len(rows[0]) + 1))})",
                        [(*r, load_id) for r in rows])
        con.execute("DELETE FROM core_indicator_metadata WHERE indicator_id IN (SELECT indicator_id FROM staging_meta)")
        con.execute("INSERT INTO core_indicator_metadata SELECT * FROM staging_meta")
    return ImportResult(source, "metadata", len(rows), True, load_id)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The first column of the first row of a query (queries here always return one row)."""
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__

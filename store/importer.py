"""Load Fingertips bulk CSVs and indicator-metadata files into the store (inside a Store.writer block).

One reader serves every door (a refresh's download, `python -m connectors import`, an upload): columns are
matched by meaning (store.column_map), the file is read whatever its layout (store.csv_layouts) and its
cells cleaned and typed by documented rules (store.cleaning). What was done is returned in the ImportResult,
whose `summary_lines()` are sentences for a person. A file that cannot be read, lacks a required column or
holds a cell that cannot be typed raises FingertipsDataError, and since that happens inside the write
session, nothing in the store changes.
"""
from __future__ import annotations

import csv
import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from errors import FingertipsDataError
from store import cleaning, fast_path, schema, small_areas
from store.cleaning import Cleaned
from store.column_map import HeaderMatch, match_header
from store.csv_layouts import RAW, load_raw
from store.csv_layouts import read_header as _read_header
from store.metadata_import import is_metadata_header, write_metadata
from store.metadata_import import metadata_rows as metadata_rows  # noqa: PLC0414 (re-exported)
from store.metadata_import import stored_polarity as stored_polarity  # noqa: PLC0414

STAGING = "staging_values"
VALUE_COLS = [f.name for f in schema.INDICATOR_VALUE_FIELDS] + ["compared_to_parent_label"]
BAD_CELL_ADVICE = "Correct that cell (or download the file again from Fingertips) and import the file again."


@dataclass(frozen=True)
class ImportResult:
    source: str
    kind: str  # "values" or "metadata"
    rows: int  # rows the file holds (blank rows aside)
    changed: bool  # False when the store already held exactly these rows
    load_id: int | None = None
    rows_read: int = 0  # data rows read from the file
    cleaned: tuple[Cleaned, ...] = ()  # one entry per cleaning rule that applied, with its count and sentence
    columns_kept: tuple[str, ...] = ()  # optional columns found and stored (e.g. 'Time period range')
    columns_ignored: tuple[str, ...] = ()  # columns left out, each with the reason
    warnings: tuple[str, ...] = ()  # e.g. an unexpected column, named
    layout: str = ""

    @property
    def rows_stored(self) -> int:
        return self.rows if self.changed else 0

    def summary_lines(self) -> list[str]:
        """Sentences for the import summary: counts first, then cleaning, columns and warnings."""
        what = "indicator definitions" if self.kind == "metadata" else "rows"
        lines = [f"{self.source}: {self.rows_read or self.rows:,} {what} read, {self.rows_stored:,} stored"
                 + ("" if self.changed else " (the store already held them: nothing changed)") + "."]
        if self.layout:
            lines.append(f"Layout: {self.layout}.")
        lines += [c.sentence for c in self.cleaned]
        lines += [f"Kept: {c}." for c in self.columns_kept]
        lines += [f"Ignored: {c}." for c in self.columns_ignored]
        return lines + [f"Warning: {w}" for w in self.warnings]


class Unchanged(Exception):
    """Raised inside a write session when the file adds nothing new, so the swap is skipped."""

    def __init__(self, source: str, result: ImportResult | None = None):
        self.result = result
        super().__init__(source)


def read_header(path: Path) -> list[str]:
    return _read_header(path)[0]


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
    return "metadata" if is_metadata_header(header) else "values"


def check_values_header(match: HeaderMatch, source: str) -> None:
    """Stop a file that lacks a required column or has two columns meaning the same (extras only warn)."""
    if match.ok:
        return
    parts = []
    if match.missing:
        parts.append("missing columns: " + ", ".join(match.missing))
    if match.repeated:
        parts.append("repeated columns: " + ", ".join(match.repeated))
    if match.unexpected:
        parts.append("unexpected columns: " + ", ".join(match.unexpected))
    raise FingertipsDataError(
        f"{source} is not in the Fingertips bulk-data layout ({'; '.join(parts)}). Nothing was imported.",
        source=source, missing=list(match.missing), unexpected=list(match.unexpected) + list(match.repeated),
        advice="Import a file from the Fingertips Download tab or 'Export table as CSV', or the API's "
               "all_data/csv download, without removing or renaming columns.")


_HASHING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hep-hash")  # hashlib releases the GIL


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cells(match: HeaderMatch) -> dict[str, str]:
    return {column: f"c{i}" for column, i in match.columns.items()}


def _typed_select(match: HeaderMatch) -> str:
    """SELECT list turning hep_raw's text into typed store columns, in VALUE_COLS order."""
    cells = _cells(match)
    parts = [f"{cleaning.clean_expr(f.name, cells[f.name])} AS {f.name}" if f.name in cells
             else f"CAST(NULL AS {f.sql_type}) AS {f.name}" for f in schema.INDICATOR_VALUE_FIELDS]
    label = "NULL" if match.parent_label is None else "'" + match.parent_label.replace("'", "''") + "'"
    return ", ".join([*parts, f"{label} AS compared_to_parent_label"])


def _blank_condition(width: int) -> str:
    return " AND ".join(f"coalesce(c{i}, '') = ''" for i in range(width))


def _inspect(con: duckdb.DuckDBPyConnection, match: HeaderMatch) -> dict[tuple[str, str], int]:
    """Counts over hep_raw: (rule, column) for cleaning rules, ('bad', column) for cells that cannot be typed,
    and ('blank_rows', '') for rows with every cell empty."""
    cells = _cells(match)
    width = len(match.header)
    checks = [(rule, column, cond) for rule, column, cond in cleaning.rule_filters(cells)]
    checks += [("bad", c, b) for c, cell in cells.items() if (b := cleaning.bad_expr(c, cell))]
    checks.append(("blank_rows", "", _blank_condition(width)))
    sql = ", ".join(f"count(*) FILTER (WHERE {cond})" for _, _, cond in checks)
    row = con.execute(f"SELECT {sql} FROM {RAW}").fetchone()
    assert row is not None
    return {(rule, column): int(n) for (rule, column, _), n in zip(checks, row) if n}


def _raise_bad_cell(con: duckdb.DuckDBPyConnection, match: HeaderMatch, counts: dict, source: str) -> None:
    cells = _cells(match)
    found = []
    for (rule, column), _ in counts.items():
        if rule == "bad":
            cond = cleaning.bad_expr(column, cells[column])
            hit = con.execute(f"SELECT _row, _line, {cells[column]} FROM {RAW} WHERE {cond} ORDER BY _row LIMIT 1"
                              ).fetchone()
            if hit:
                found.append((hit[0], hit[1], column, hit[2]))
    row, line, column, text = min(found)
    heading = match.header[match.columns[column]]
    what = cleaning.RANGES[cleaning.KIND[column]]
    shown = text if len(text) <= 60 else text[:57] + "..."
    raise FingertipsDataError(
        f"{source}: row {row:,} (line {line:,}), column '{heading}': {shown!r} is not {what}, so the file "
        "could not be read. Nothing was imported.", source=source, row=int(row), column=heading, text=text,
        advice=BAD_CELL_ADVICE)


def _cleaned(raw_rules: list[Cleaned], counts: dict[tuple[str, str], int], match: HeaderMatch) -> tuple:
    """Per-rule totals with their sentences (file rules first, then cell rules in the documented order)."""
    out = list(raw_rules)
    for rule in cleaning.CELL_RULES:
        hits = {c: n for (r, c), n in counts.items() if r == rule.key}
        if hits:
            headings = tuple(match.header[match.columns[c]] for c in hits)
            out.append(cleaning.tell(rule.key, sum(hits.values()), headings))
    blank = counts.get(("blank_rows", ""), 0)
    if blank:
        out.append(cleaning.tell("blank_rows", blank))
    return tuple(out)


def describe(match: HeaderMatch, bom: bool) -> str:
    width = len(match.header)
    if any(h.startswith("Column not used") for h, _ in match.ignored):
        kind = "the API's all_data/csv/for_one_indicator download"
    elif match.header[match.columns["area_name"]] == "AreaName":
        kind = "the Fingertips website's 'Export table as CSV'"
    elif "time_period_range" in match.columns:
        kind = "the API's current bulk layout"
    else:
        kind = "the API's 2019-2020 bulk layout"
    return f"{width} columns, {kind}" + (" (saved with a byte-order mark)" if bom else "")


def _columns_report(match: HeaderMatch) -> tuple[tuple, tuple, tuple]:
    kept = tuple(f"'{match.header[i]}' (stored as {c})" for c, i in match.columns.items() if c == "time_period_range")
    ignored = tuple(f"'{h}': {why}" for h, why in match.ignored)
    ignored += tuple(f"'{h}'" for h in match.unexpected)
    warnings = tuple(f"the column '{h}' is not one Fingertips writes; it was not imported (the rest of the file "
                     "was)." for h in match.unexpected)
    return kept, ignored, warnings


def _fast(con: duckdb.DuckDBPyConnection, path: Path, match: HeaderMatch, source: str, target: str,
          load_id: int, scan: fast_path.Prescan, typed: str) -> ImportResult | None:
    """Load a well-formed file in one pass (store.fast_path); None (and nothing loaded) when it is not."""
    if scan.mixed_line_ends:
        return None
    select = fast_path.typed_read(match, scan)
    if target == STAGING:
        sql, where = f"CREATE TEMP TABLE {STAGING} AS {select}", ""
    else:
        sql, where = f"INSERT INTO {target} ({', '.join(VALUE_COLS)}, load_id, area_type_id) SELECT *, {load_id}, " \
            f"{typed} FROM ({select})", \
            f"WHERE load_id = {load_id}"
    ok = fast_path.run(con, sql, path, source)
    rows = fast_path.plain_rows(con, target, where, scan) if ok else None
    if rows is None:
        con.execute(f"DROP TABLE IF EXISTS {STAGING}" if target == STAGING else f"DELETE FROM {target} {where}")
        return None
    _no_rows_check(rows, source)
    rules = ([cleaning.tell("bom", 1)] if scan.bom else []) + \
        ([cleaning.tell("html", sum(scan.html.values()), tuple(match.header[i] for i in scan.html))]
         if scan.html else [])
    kept, ignored, warnings = _columns_report(match)
    return ImportResult(source, "values", rows, True, None, rows, tuple(rules), kept, ignored, warnings,
                        describe(match, scan.bom))


def _no_rows_check(rows: int, source: str) -> None:
    if rows == 0:
        raise FingertipsDataError(f"{source} holds the column headings but no data rows. Nothing was imported.",
                                  source=source, advice="Choose another indicator, area type or profile, or "
                                  "download the file again.")


def _careful(con: duckdb.DuckDBPyConnection, path: Path, match: HeaderMatch, source: str, target: str,
             load_id: int, typed: str) -> ImportResult:
    """Read the file with Python's csv module, apply every cleaning rule, stop at the first bad cell."""
    raw = load_raw(con, path, len(match.header), source)
    counts = _inspect(con, match)
    if any(r == "bad" for r, _ in counts):
        _raise_bad_cell(con, match, counts, source)
    rows = raw.rows - counts.get(("blank_rows", ""), 0)
    _no_rows_check(rows, source)
    where = f" WHERE NOT ({_blank_condition(len(match.header))})" if counts.get(("blank_rows", "")) else ""
    select = f"SELECT {_typed_select(match)} FROM {RAW}{where}"
    if target == STAGING:
        con.execute(f"CREATE TEMP TABLE {STAGING} AS {select}")
    else:
        con.execute(f"INSERT INTO {target} ({', '.join(VALUE_COLS)}, load_id, area_type_id) SELECT *, {load_id}, "
                    f"{typed} FROM ({select})")
    con.execute(f"DROP TABLE IF EXISTS {RAW}")
    kept, ignored, warnings = _columns_report(match)
    return ImportResult(source, "values", rows, True, None, raw.rows, _cleaned(raw.rules, counts, match),
                        kept, ignored, warnings, describe(match, any(c.rule == "bom" for c in raw.rules)))


def import_values(con: duckdb.DuckDBPyConnection, store, path: Path, *, source: str | None = None,
                  profile_key: str | None = None, area_type_id: int | None = None) -> ImportResult:
    source = source or path.name
    header, _ = _read_header(path)
    match = match_header(header)
    check_values_header(match, source)
    for macro in cleaning.MACROS:
        con.execute(macro)
    empty_store = scalar(con, "SELECT count(*) FROM (SELECT 1 FROM core_indicator_values LIMIT 1)") == 0
    digest = _HASHING.submit(sha256_of, path)  # recorded with the load; worked out while DuckDB reads the file
    scan = fast_path.prescan(path)
    load_id = store.record_load(con, kind="values", source=source, row_count=0, profile_key=profile_key,
                                area_type_id=area_type_id)
    # An empty store takes the rows straight in; otherwise they are staged and merged.
    target = "core_indicator_values" if empty_store else STAGING
    con.execute(f"DROP TABLE IF EXISTS {STAGING}")
    typed = small_areas.area_type_sql(area_type_id)  # each row's area type, worked out as it is written
    result = _fast(con, path, match, source, target, load_id, scan, typed) or \
        _careful(con, path, match, source, target, load_id, typed)
    _check_rows(con, target, source)
    if not empty_store:
        _merge(con, load_id, source, result, typed)
    con.execute("UPDATE loads SET row_count = ?, content_sha256 = ? WHERE load_id = ?",
                [result.rows, digest.result(), load_id])
    small_areas.set_vintages(con, load_id)
    derive_areas(con, load_id)
    con.execute(f"DROP TABLE IF EXISTS {STAGING}")
    return replace(result, load_id=load_id)


def _merge(con: duckdb.DuckDBPyConnection, load_id: int, source: str, result: ImportResult, typed: str) -> None:
    """Staged rows replace the stored rows with the same key. Only the staged indicators' stored rows are read
    (an inline list, so DuckDB skips the rest of the table by its zone maps): the cost follows the file, not
    the store. Raises Unchanged when the store already holds exactly these rows."""
    columns = ", ".join(VALUE_COLS)
    ids = [int(r[0]) for r in con.execute(f"SELECT DISTINCT indicator_id FROM {STAGING}").fetchall()]
    stored = f"core_indicator_values WHERE indicator_id IN ({', '.join(map(str, ids)) or 'NULL'})"
    new_rows = scalar(con, f"SELECT count(*) FROM (SELECT {columns} FROM {STAGING} EXCEPT "
                           f"SELECT {columns} FROM {stored})")
    if new_rows == 0:
        con.execute("DELETE FROM loads WHERE load_id = ?", [load_id])
        raise Unchanged(source, replace(result, changed=False))
    con.execute(f"DELETE FROM core_indicator_values c USING {STAGING} s WHERE c.indicator_id IN "
                f"({', '.join(map(str, ids))}) AND {_key_match('c', 's')}")
    con.execute(f"INSERT INTO core_indicator_values ({columns}, load_id, area_type_id) SELECT {columns}, "
                f"{load_id}, {typed} FROM {STAGING}")


def _key_match(a: str, b: str) -> str:
    return " AND ".join(f"{a}.{k} IS NOT DISTINCT FROM {b}.{k}" for k in schema.VALUE_KEY)


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
    """Add areas seen in the values that the store does not know yet, typed from their code prefix. An MSOA's
    parent is the row's Parent Code (the local authority the download asked for; a county goes to county_code)."""
    con.execute(f"""
        INSERT INTO core_areas (area_code, area_name, area_type_id, parent_code, region_code, load_id, county_code)
        SELECT area_code, any_value(area_name), t.area_type_id,
               any_value(CASE WHEN parent_code LIKE 'E12%' OR (t.area_type_id = 3 AND parent_code NOT LIKE 'E10%')
                              THEN parent_code END),
               any_value(CASE WHEN parent_code LIKE 'E12%' THEN parent_code END), {load_id},
               any_value(CASE WHEN t.area_type_id = 3 AND parent_code LIKE 'E10%' THEN parent_code END)
        FROM core_indicator_values v
        JOIN (VALUES ('E92', 15), ('E12', 6), ('E10', 502), ('E06', 502), ('E08', 502), ('E09', 502),
                     ('E06', 501), ('E08', 501), ('E09', 501), ('E07', 501), ('E02', 3)) t(prefix, area_type_id)
          ON left(area_code, 3) = t.prefix
        WHERE v.load_id = {load_id} AND NOT EXISTS (SELECT 1 FROM core_areas a WHERE a.area_code = v.area_code
                          AND a.area_type_id = t.area_type_id)
        GROUP BY area_code, t.area_type_id""")


def import_metadata(con: duckdb.DuckDBPyConnection, store, frame, *, source: str,
                    path: Path | None = None) -> ImportResult:
    sha = sha256_of(path) if path else None
    n = write_metadata(con, frame, source, lambda rows: store.record_load(
        con, kind="metadata", source=source, row_count=rows, content_sha256=sha))
    return ImportResult(source, "metadata", n, True, scalar(con, "SELECT max(load_id) FROM loads"), len(frame))


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The first column of the first row of a query (queries here always return one row)."""
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]

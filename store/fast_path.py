"""The fast path for well-formed bulk CSVs: one DuckDB pass from the file to typed rows.

DuckDB's parallel reader types the numeric columns itself (as a bare `read_csv` does) and text columns are
trimmed. Any row it cannot take as it is — a short or long row, broken quoting, another encoding, a number
it cannot read (a '-', a thousands separator, the website's HTML in Count) — is set aside as a *reject*
rather than raised (an error would abort the store's write transaction), and the file then goes through the
careful path (store.csv_layouts + store.cleaning), which applies every rule and can name a bad cell's row.
A quick look at the file's bytes first finds what the fast path cannot see: line breaks inside quotes (more
line ends than rows), and HTML in text cells (cleaned here too, and counted).
"""
from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from errors import FingertipsDataError
from store import schema
from store.column_map import HeaderMatch

REJECTS = "hep_rejects"
HTML_TAG = re.compile(r"\s*<[A-Za-z][^>]*>")
MAX_HTML_LINES = 20_000
NUMERIC = {"DOUBLE", "INTEGER", "BIGINT"}
# Whole-number columns are read as DOUBLE (DuckDB's reader would round '1.5' to 2 in an INTEGER column); a value
# that is not whole or out of range becomes the type's smallest value, which sends the file to the careful path.
WHOLE = {"INTEGER": (2_147_483_647, -2_147_483_648), "BIGINT": (2 ** 53, -9_223_372_036_854_775_808)}


@dataclass(frozen=True)
class Prescan:
    bom: bool
    html: dict[int, int]  # file column -> cells that are HTML (the website's tooltips, placeholders)
    line_ends: int
    ends_with_line_end: bool
    mixed_line_ends: bool = False  # CRLF and bare LF (or CR) together: DuckDB's reader can fail on these


CHUNK = 8 << 20


def prescan(path: Path) -> Prescan:
    """One read of the file's bytes, a block at a time (memory stays flat however big the file): what the fast
    path cannot see for itself. The lines holding a quoted cell that starts with '<' are kept as they pass (at
    most MAX_HTML_LINES) and parsed for HTML cells."""
    line_ends, returns, crlf, first, tail = 0, 0, 0, b"", b""
    html_lines: list[bytes] = []
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            line_ends += block.count(b"\n")
            cr = block.count(b"\r")
            if cr:
                returns += cr
                crlf += block.count(b"\r\n") + (tail.endswith(b"\r") and block.startswith(b"\n"))
            elif tail.endswith(b"\r") and block.startswith(b"\n"):
                crlf += 1
            # the block's last (unfinished) line is carried into the next, so no line is cut in two
            text = tail + block
            cut = text.rfind(b"\n") + 1
            _html_lines(text[:cut], html_lines)
            tail, first = text[cut:], first or block[:3]
    _html_lines(tail, html_lines)
    mixed = bool(returns) and not (returns == line_ends == crlf)
    ends_with_line_end = not tail and line_ends > 0
    return Prescan(first.startswith(codecs.BOM_UTF8), _html_columns(html_lines), line_ends, ends_with_line_end,
                   mixed)


def _html_lines(data: bytes, found: list[bytes]) -> None:
    """Add the lines of `data` (whole lines) holding a cell that starts '"<' (after a comma or at the start)."""
    at = data.find(b'"<')
    while at >= 0 and len(found) < MAX_HTML_LINES:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        if start == at or data[at - 1:at] == b",":
            found.append(data[start:end])
        at = data.find(b'"<', end)


def _html_columns(lines: list[bytes]) -> dict[int, int]:
    """Which columns hold HTML cells (a line whose quotes do not balance holds a line break inside quotes,
    and such files take the careful path anyway)."""
    found: dict[int, int] = {}
    for raw in lines:
        line = raw.decode("utf-8", "replace").rstrip("\r")
        for i, cell in enumerate(next(csv.reader([line]), [])):
            if HTML_TAG.match(cell):
                found[i] = found.get(i, 0) + 1
    return found


def _text(cell: str, html: bool) -> str:
    plain = f"NULLIF(trim({cell}), '')"
    return f"CASE WHEN strpos({cell}, '<') > 0 THEN hep_text({cell}) ELSE {plain} END" if html else plain


def _number(cell: str, kind: str) -> str:
    if kind not in WHOLE:
        return cell
    limit, odd = WHOLE[kind]
    return (f"CASE WHEN {cell} = trunc({cell}) AND abs({cell}) <= {limit} THEN CAST({cell} AS {kind}) "
            f"WHEN {cell} IS NOT NULL THEN {odd} END")


def typed_read(match: HeaderMatch, scan: Prescan) -> str:
    """SELECT of the store's value columns (schema order, then the parent label) straight from the file."""
    types = {i: "VARCHAR" for i in range(len(match.header))}
    kind = {f.name: f.sql_type for f in schema.INDICATOR_VALUE_FIELDS}
    for column, i in match.columns.items():
        types[i] = "DOUBLE" if kind[column] in NUMERIC else "VARCHAR"
    columns = "{" + ", ".join(f"'c{i}': '{t}'" for i, t in types.items()) + "}"
    parts = []
    for f in schema.INDICATOR_VALUE_FIELDS:
        at = match.columns.get(f.name)
        if at is None:
            parts.append(f"CAST(NULL AS {f.sql_type}) AS {f.name}")
        else:
            cell = f"c{at}"
            parts.append(f"{_number(cell, f.sql_type) if f.sql_type in NUMERIC else _text(cell, at in scan.html)}"
                         f" AS {f.name}")
    label = "NULL" if match.parent_label is None else "'" + match.parent_label.replace("'", "''") + "'"
    return (f"SELECT {', '.join(parts)}, {label} AS compared_to_parent_label FROM read_csv(?, columns={columns}, "
            "header=true, auto_detect=false, delim=',', quote='\"', escape='\"', strict_mode=true, "
            "null_padding=false, encoding='utf-8', ignore_errors=true, store_rejects=true, "
            f"rejects_table='{REJECTS}', rejects_scan='{REJECTS}_scan')")


def run(con: duckdb.DuckDBPyConnection, sql: str, path: Path, source: str) -> bool:
    """Run a statement reading the file through typed_read; False when DuckDB set rows aside."""
    for table in (REJECTS, REJECTS + "_scan"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    try:
        con.execute(sql, [str(path)])
    except duckdb.Error as exc:  # the transaction is lost: stop here (nothing is written)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise FingertipsDataError(f"{source} could not be read as a Fingertips CSV ({first}). Nothing was "
                                  "imported.", source=source) from exc
    rows = con.execute(f"SELECT count(*) FROM {REJECTS}").fetchall()
    return not rows[0][0]


def plain_rows(con: duckdb.DuckDBPyConnection, table: str, where: str, scan: Prescan) -> int | None:
    """The rows the fast path loaded, or None when the careful path must look at the file: line breaks
    inside quotes, a row without indicator or area (a blank row?), or a number that is not finite."""
    doubles = [f.name for f in schema.INDICATOR_VALUE_FIELDS if f.sql_type == "DOUBLE"]
    whole = [f"{f.name} = {WHOLE[f.sql_type][1]}" for f in schema.INDICATOR_VALUE_FIELDS if f.sql_type in WHOLE]
    odd = " OR ".join(["indicator_id IS NULL", "area_code IS NULL", *(f"NOT isfinite({d})" for d in doubles), *whole])
    found = con.execute(f"SELECT count(*), count(*) FILTER (WHERE {odd}) FROM {table} {where}").fetchall()
    rows, odd_rows = int(found[0][0]), int(found[0][1])
    expected_line_ends = rows + 1 if scan.ends_with_line_end else rows
    if odd_rows or scan.line_ends > expected_line_ends:
        return None
    return rows

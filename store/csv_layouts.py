"""Read any Fingertips bulk CSV into one all-text table, `hep_raw` (columns c0, c1, … in the file's order).

Layouts met in real files (see ../shared/fingertips/api/CONTRACT.md, "Bulk CSV layouts"):

* the API's 26 columns (2019–2020) and 27 columns (since 2022: `Time period range` last), CRLF, minimal
  quoting, no BOM; `all_data/csv/for_one_indicator` writes `Column not used` in place of column 23;
* rows one field short of the header (the 2020 API left out an empty `Compared to goal`), with a bare LF
  inside every quoted indicator name of 93356;
* the website's "Export table as CSV": a BOM, every field quoted, `AreaName`, HTML in empty cells;
* that export re-saved in Excel: BOM, minimal quoting, thousands separators.

Well-formed files take store.fast_path. The others come here: Python's csv module reads them (UTF-8, or
Windows-1252 as Excel saves), pads a row one field short (the padded field is NULL; an empty one is ''),
drops empty fields beyond the last heading, skips blank lines, and numbers the rows (`_row`: 1 = the first
row after the header; `_line`: the file line where the row ends), so an error can name the row.
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from errors import FingertipsDataError
from store.cleaning import Cleaned, tell

RAW = "hep_raw"
TOO_SHORT_ADVICE = ("The file may have been cut off or edited: download it again from Fingertips and import "
                    "it without editing it.")


@dataclass
class RawRead:
    """What reading a file found: the rows, whether they are numbered, and the file-level rules applied."""
    rows: int
    numbered: bool
    rules: list[Cleaned] = field(default_factory=list)


def read_header(path: Path) -> tuple[list[str], bool]:
    """The header's headings (spaces trimmed) and whether the file starts with a byte-order mark."""
    with open(path, "rb") as fh:
        bom = fh.read(3) == codecs.BOM_UTF8
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with open(path, encoding=encoding, newline="") as fh:
                return [h.strip() for h in next(csv.reader(fh), [])], bom
        except UnicodeDecodeError:
            continue
        except csv.Error as exc:
            raise FingertipsDataError(f"The header of {path.name} is not readable as CSV ({exc}).",
                                      source=path.name) from exc
    raise FingertipsDataError(f"{path.name} is not a readable UTF-8 CSV file.", source=path.name)


def load_raw(con: duckdb.DuckDBPyConnection, path: Path, width: int, source: str) -> RawRead:
    """Fill `hep_raw` from the file, rows numbered (the careful path; store.fast_path is the quick one)."""
    return _python_read(con, path, width, source)


def _decode(path: Path) -> tuple[str, list[Cleaned]]:
    data = path.read_bytes()
    rules = [tell("bom", 1)] if data.startswith(codecs.BOM_UTF8) else []
    try:
        return data.decode("utf-8-sig"), rules
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), [*rules, tell("encoding", 1)]
    except UnicodeDecodeError as exc:
        raise FingertipsDataError(f"{path.name} is not a readable UTF-8 CSV file (byte {exc.start:,} is not text "
                                  "in UTF-8 or Windows-1252).", source=path.name) from exc


def _python_read(con: duckdb.DuckDBPyConnection, path: Path, width: int, source: str) -> RawRead:
    text, rules = _decode(path)
    if "\x00" in text:
        raise FingertipsDataError(f"{source} contains NUL characters, so it is not a text CSV file.", source=source)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str | None]] = []
    counts = {"short_rows": 0, "trailing_fields": 0, "blank_rows": 0}
    try:
        next(reader, None)
        for record in reader:
            _fit(record, width, len(records) + 1, reader.line_num, source, counts)
            if record:
                records.append([*record, str(len(records) + 1), str(reader.line_num)])
    except csv.Error as exc:
        raise FingertipsDataError(f"{source} could not be read as CSV near line {reader.line_num:,} ({exc}); "
                                  "a quote may be unbalanced. Nothing was imported.", source=source) from exc
    names = [f"c{i}" for i in range(width)] + ["_row", "_line"]
    con.register("hep_frame", pd.DataFrame(records, columns=names, dtype=object))
    casts = ", ".join(f"CAST({n} AS VARCHAR) AS {n}" for n in names[:-2])
    con.execute(f"CREATE OR REPLACE TEMP TABLE {RAW} AS SELECT {casts}, CAST(_row AS BIGINT) AS _row, "
                "CAST(_line AS BIGINT) AS _line FROM hep_frame")
    con.unregister("hep_frame")
    rules += [tell(k, n) for k, n in counts.items() if n]
    return RawRead(len(records), True, rules)


def _fit(record: list, width: int, row: int, line: int, source: str, counts: dict[str, int]) -> None:
    """Make one record `width` fields long in place, or stop the file (see the module's notes)."""
    n = len(record)
    if n == width:
        return
    if n == 0 or (n == 1 and not record[0].strip()):
        record.clear()
        counts["blank_rows"] += 1
    elif n == width - 1:
        record.append(None)
        counts["short_rows"] += 1
    elif n > width and not any(cell.strip() for cell in record[width:]):
        del record[width:]
        counts["trailing_fields"] += 1
    else:
        raise FingertipsDataError(
            f"{source} could not be read: row {row:,} (line {line:,}) has {n} fields where the header has "
            f"{width}. Nothing was imported.", source=source, row=row, advice=TOO_SHORT_ADVICE)

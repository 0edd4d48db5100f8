"""Tables for download: CSV (pure data) and Excel (a header block, formatted data, definitions).

Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) are prefixed with an apostrophe in both formats (OWASP's advice on CSV injection).
"""
from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from errors import ExportError

__all__ = ["guard_text", "number_format", "to_csv", "to_xlsx"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_ROWS = 1_048_576
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
MAX_COLUMN_WIDTH = 60
WIDTH_SAMPLE_ROWS = 500


def guard_text(value: str) -> str:
    """`value` with a leading apostrophe when a spreadsheet would treat it as a formula."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series)


def _guarded(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells are formula-guarded (numbers untouched)."""
    out = frame.copy()
    for column in out.columns:
        if _is_text(out[column]):
            out[column] = out[column].map(lambda v: guard_text(v) if isinstance(v, str) else v)
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads £, é, – correctly); data only, no index."""
    return _guarded(frame).to_csv(index=False).encode("utf-8-sig")


def number_format(name: str, series: pd.Series) -> str | None:
    """Excel number format for a column: IDs and years plain, whole numbers 1,234, other numbers 1 dp."""
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return "yyyy-mm-dd" if pd.api.types.is_datetime64_any_dtype(series) else None
    lowered = str(name).lower()
    if lowered.endswith(("id", "_sortable", "year", "code")):
        return "0"
    values = series.dropna()
    whole = pd.api.types.is_integer_dtype(series) or bool((values == values.round()).all())
    return "#,##0" if whole else "#,##0.0"


def _cell_value(value):
    """A value openpyxl can write: NA -> None, numpy -> python, tz-aware -> naive, text guarded."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, str):
        return guard_text(value)
    return value.item() if hasattr(value, "item") else value


def _width(name: str, series: pd.Series) -> float:
    sample = series.head(WIDTH_SAMPLE_ROWS).map(lambda v: len(str(v)) if not pd.isna(v) else 0)
    longest = max([len(str(name)), *sample.tolist()])
    return min(longest + 2, MAX_COLUMN_WIDTH)


def _write_frame(ws, frame: pd.DataFrame, prefix: list[list] | None = None) -> None:
    """Rows of `prefix`, then the header row (bold, filled, frozen, filtered), then the data rows.

    A write-only sheet takes column widths and frozen panes before its first row, so they are set
    here before anything is appended.
    """
    prefix = prefix or []
    header_row = len(prefix) + 1
    formats = [number_format(c, frame[c]) for c in frame.columns]
    for i, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(_width(column, frame[column]), 14 if i == 1 else 0)
    ws.freeze_panes = f"A{header_row + 1}"
    if len(frame.columns):
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(frame.columns))}{header_row + len(frame)}"

    for row in prefix:
        ws.append(row)
    header = []
    for column in frame.columns:
        cell = WriteOnlyCell(ws, value=guard_text(str(column)))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        header.append(cell)
    ws.append(header)
    for row in frame.itertuples(index=False, name=None):
        out = []
        for value, fmt in zip(row, formats, strict=True):
            value = _cell_value(value)
            if fmt and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = fmt
                value = cell
            out.append(value)
        ws.append(out)


def _as_text(value: date | datetime | str) -> str:
    return value.isoformat()[:10] if isinstance(value, (date, datetime)) else str(value)


def _bold(ws, value, size: float | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True, size=size)
    return cell


def to_xlsx(frame: pd.DataFrame, *, title: str, area: str, source: str, licence: str,
            data_as_of: date | datetime | str, definitions: pd.DataFrame | None = None) -> bytes:
    """An .xlsx workbook: sheet "Data" (header block, a blank row, then the table with its header row
    frozen) and sheet "Definitions" (the indicator definitions, or a note that none were given)."""
    block = [("Title", title), ("Area", area), ("Source", source), ("Licence", licence),
             ("Data as of", _as_text(data_as_of))]
    if len(frame) + len(block) + 2 > EXCEL_MAX_ROWS:
        raise ExportError(f"The table has {len(frame):,} rows, more than Excel can hold; "
                          "download it as CSV or narrow the selection.")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    prefix = [[_bold(ws, label), _bold(ws, guard_text(str(text)), 14) if label == "Title"
               else guard_text(str(text))] for label, text in block]
    _write_frame(ws, frame, prefix=[*prefix, []])

    ws_def = wb.create_sheet("Definitions")
    if definitions is not None and len(definitions):
        _write_frame(ws_def, definitions)
    else:
        ws_def.append(["No indicator definitions were supplied with this export."])
    ws_def.append([])
    ws_def.append([guard_text(f"Source: {source}. {licence}")])

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

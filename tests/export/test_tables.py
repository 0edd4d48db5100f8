"""export.tables: CSV for Excel (BOM, formula guard) and a formatted XLSX read back with openpyxl."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from export.tables import guard_text, number_format, to_csv, to_xlsx

COLUMNS = ["indicator_id", "indicator_name", "area_code", "area_name", "time_period", "value",
           "lower_ci_95", "upper_ci_95", "count", "denominator"]
ATTACKS = ["=HYPERLINK(\"http://example.invalid\")", "+1+2", "-3*4", "@SUM(A1:A2)"]


@pytest.fixture
def table(map_rows: pd.DataFrame) -> pd.DataFrame:
    """Real rows, with a few hostile area names at the top."""
    frame = map_rows[COLUMNS].head(20).reset_index(drop=True)
    frame.loc[: len(ATTACKS) - 1, "area_name"] = ATTACKS
    return frame


@pytest.fixture
def workbook(table: pd.DataFrame, definitions: pd.DataFrame) -> openpyxl.Workbook:
    data = to_xlsx(table, title="Healthy life expectancy", area="Counties and UAs",
                   source="OHID Fingertips", licence="Open Government Licence v3.0",
                   data_as_of=date(2025, 3, 5), definitions=definitions.head(5))
    return openpyxl.load_workbook(io.BytesIO(data))


def test_guard_text_prefixes_formula_starters_only():
    assert [guard_text(a) for a in ATTACKS] == ["'" + a for a in ATTACKS]
    assert guard_text("Leeds") == "Leeds"
    assert guard_text("") == ""


def test_csv_has_bom_round_trips_and_guards_formulas(table):
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == COLUMNS
    assert len(back) == len(table)
    assert back["area_name"].head(len(ATTACKS)).tolist() == ["'" + a for a in ATTACKS]
    assert back["area_code"].tolist() == table["area_code"].tolist()
    assert pd.to_numeric(back["value"]).tolist() == pytest.approx(table["value"].tolist())


def test_number_formats_by_column(table):
    assert number_format("indicator_id", table["indicator_id"]) == "0"
    assert number_format("value", table["value"]) == "#,##0.0"
    assert number_format("count", pd.Series([1200.0, 35.0, None])) == "#,##0"
    assert number_format("area_name", table["area_name"]) is None


def test_xlsx_header_block_then_data(workbook, table):
    assert workbook.sheetnames == ["Data", "Definitions"]
    ws = workbook["Data"]
    block = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 6)}
    assert block == {"Title": "Healthy life expectancy", "Area": "Counties and UAs",
                     "Source": "OHID Fingertips", "Licence": "Open Government Licence v3.0",
                     "Data as of": "2025-03-05"}
    assert ws.cell(1, 1).font.bold and ws.cell(1, 2).font.bold
    assert ws.cell(6, 1).value is None
    assert [c.value for c in ws[7]] == COLUMNS
    assert ws.freeze_panes == "A8"
    assert ws.max_row == 7 + len(table)
    assert ws.cell(8, 3).value == table.loc[0, "area_code"]


def test_xlsx_number_formats_widths_and_formula_guard(workbook, table):
    ws = workbook["Data"]
    col = {name: i for i, name in enumerate(COLUMNS, start=1)}
    first = 8
    assert ws.cell(first, col["value"]).number_format == "#,##0.0"
    assert ws.cell(first, col["value"]).value == pytest.approx(table.loc[0, "value"])
    assert ws.cell(first, col["indicator_id"]).number_format == "0"
    names = [ws.cell(first + i, col["area_name"]) for i in range(len(ATTACKS))]
    assert [c.value for c in names] == ["'" + a for a in ATTACKS]
    assert all(c.data_type == "s" for c in names)
    assert ws.column_dimensions["D"].width >= len(max(table["area_name"], key=len))
    assert ws.column_dimensions["D"].width <= 62


def test_xlsx_definitions_sheet(workbook, definitions):
    ws = workbook["Definitions"]
    header = [c.value for c in ws[1]]
    assert header[:3] == list(definitions.columns[:3])
    assert ws.cell(2, 2).value == definitions.iloc[0, 1]
    assert ws.freeze_panes == "A2"


def test_xlsx_without_definitions_says_so(table):
    data = to_xlsx(table, title="t", area="a", source="s", licence="l", data_as_of="2025-03-05")
    ws = openpyxl.load_workbook(io.BytesIO(data))["Definitions"]
    assert "No indicator definitions" in ws.cell(1, 1).value


def test_xlsx_counts_get_thousands_separators():
    frame = pd.DataFrame({"area_name": ["A", "B"], "count": [12345.0, None],
                          "denominator": pd.array([10, 2000])})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, title="t", area="a", source="s", licence="l",
                                                   data_as_of="x")))["Data"]
    assert ws.cell(8, 2).number_format == "#,##0" and ws.cell(8, 2).value == 12345
    assert ws.cell(9, 2).value is None
    assert ws.cell(9, 3).number_format == "#,##0" and ws.cell(9, 3).value == 2000

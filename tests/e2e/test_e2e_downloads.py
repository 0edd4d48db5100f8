"""Journey 2: a chart's PNG (1600x900 at 2x) and its data table as XLSX, downloaded in the browser."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.e2e.journeys import (
    BLACKPOOL,
    chart_menu,
    chart_pictures,
    close_menu,
    download,
    download_button,
    idle,
    open_page,
    picture_svg,
    png_size,
    screenshot,
    table_menu,
)

pytestmark = pytest.mark.e2e


def _png_and_xlsx(page, name: str) -> None:
    """Download the first chart's PNG and its table's XLSX, and read both back."""
    file_name, png = download(page, download_button(chart_menu(page), "PNG"))
    assert file_name.endswith(".png")
    assert png_size(png) == (3200, 1800)
    close_menu(page)
    expander = page.get_by_test_id("stExpander").filter(has_text="Data table for this chart").first
    expander.get_by_text("Data table for this chart").click()
    idle(page)  # opening the table reruns the page; its buttons are live once the run has ended
    file_name, xlsx = download(page, download_button(table_menu(page, expander), "XLSX"))
    assert file_name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(xlsx), read_only=True)
    assert book.sheetnames == ["Data", "Definitions"]
    rows = [[c for c in row if c is not None] for row in book["Data"].iter_rows(values_only=True)]
    labels = [row[0] for row in rows if row]
    assert labels[:5] == ["Title", "Area", "Source", "Licence", "Data as of"]
    assert "Open Government Licence" in " ".join(map(str, rows[3]))
    assert len([row for row in rows[6:] if row]) >= 2, "the data table has no rows"
    screenshot(page, name)


def test_explorer_chart_downloads_and_interactive_charts(page):
    open_page(page, f"/explorer?area={BLACKPOOL}&indicator=90366")
    assert "Blackpool" in picture_svg(chart_pictures(page).first)  # a picture first
    _png_and_xlsx(page, "2-explorer-downloads")
    page.get_by_test_id("stSidebar").get_by_text("Interactive charts").click()
    idle(page)
    page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first.wait_for()
    assert chart_pictures(page).count() == 0


def test_overview_spine_chart_downloads(page):
    """The same chart_block buttons under the overview's spine chart."""
    open_page(page, f"/?area={BLACKPOOL}&theme=children-young-people", "Blackpool")
    _png_and_xlsx(page, "2-overview-downloads")

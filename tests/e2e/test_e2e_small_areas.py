"""Journey: Blackpool's MSOAs on the Small areas page (map and ranking), the map into the board pack, a PDF."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.e2e.journeys import (
    BLACKPOOL,
    EXPORT_SECONDS,
    add_charts_to_pack,
    button,
    chart_pictures,
    download,
    download_button,
    go_to,
    idle,
    open_page,
    picture_svg,
    screenshot,
)

pytestmark = pytest.mark.e2e


def test_small_areas_map_and_ranking_then_the_map_in_a_pdf_board_pack(page):
    # A server's very first session, opened on a page whose URL differs from its file name (small-areas vs
    # small_areas.py), gets Streamlit's "Page not found" dialog before app.py's navigation takes over
    # (components/routing.py): open the app once, as the other journeys do, before following the link.
    open_page(page, "/")
    open_page(page, f"/small-areas?area={BLACKPOOL}&indicator=93250", "Small areas")
    page.get_by_text(re.compile(r"Across Blackpool's 19 MSOAs")).wait_for()
    charts = chart_pictures(page)
    assert charts.count() == 2  # the map and the ranking
    page.get_by_text(re.compile(r"Chart description: Map of the 19 MSOAs of Blackpool")).wait_for()
    page.get_by_text(re.compile(r"Chart description: Bar chart of .* in 19 MSOAs of Blackpool")).wait_for()
    assert "Fifths of" in picture_svg(charts.first)  # the map's legend
    assert charts.first.get_attribute("alt").startswith("Map of the 19 MSOAs of Blackpool")
    screenshot(page, "small-areas")

    add_charts_to_pack(page, 1)  # the first chart is the map

    go_to(page, "Board pack", "Board pack")
    page.get_by_text(re.compile(r"map of Blackpool's MSOAs")).first.wait_for()
    button(page, "Generate PDF").click()
    offered = download_button(page, "Download PDF")
    offered.wait_for(timeout=EXPORT_SECONDS * 1000)
    idle(page)
    name, pdf = download(page, offered)
    assert name.endswith(".pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "map of Blackpool's MSOAs" in text
    screenshot(page, "small-areas-board-pack")

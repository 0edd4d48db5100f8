"""Journey: on a fresh clone's empty store, import the England IMD decile file on the life-expectancy gap page,
compare decile 1 with decile 10, see the charts, and take a chart to the board pack."""
from __future__ import annotations

import os
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.conftest import shared_file
from tests.e2e.conftest import chromium_path, new_tab, running_app
from tests.e2e.journeys import (
    add_charts_to_pack,
    button,
    chart_pictures,
    go_to,
    idle,
    open_page,
    picture_svg,
    screenshot,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def fresh_app(tmp_path_factory) -> str:
    """ONE app for this module, on an empty store (no Fingertips data, no mortality data): a fresh clone."""
    chromium_path()
    env = {**os.environ, "HEP_DATA_DIR": str(tmp_path_factory.mktemp("e2e_gap_store"))}
    with running_app(env, "streamlit-life-expectancy-gap.log") as url:
        yield url


@pytest.fixture
def tab(browser, fresh_app):
    context, page = new_tab(browser, fresh_app)
    yield page
    context.close()


def test_import_the_decile_file_compare_deciles_and_add_a_chart_to_the_pack(tab):
    page = tab
    decile_file = shared_file("mortality", "england_imd_decile_deaths_population.csv")
    # A fresh server runs a first deep link as an old-style pages/ app (docs/architecture.md), which cannot
    # find /life-expectancy-gap; people arrive from the welcome screen's navigation, as here.
    open_page(page, "/", "Welcome to Health Equity Planner")
    go_to(page, "Life expectancy gap", "Life expectancy gap")
    expect(page.get_by_text("No deaths and population are held yet")).to_be_visible()
    page.get_by_test_id("stFileUploader").locator('input[type="file"]').set_input_files(str(decile_file))
    page.get_by_test_id("stFileChip").wait_for()
    idle(page)
    button(page, "Import file").click()
    page.get_by_text(re.compile(r"Stored 24,000 rows of England IMD deciles")).wait_for()
    idle(page)

    open_page(page, f"/life-expectancy-gap?compare=groups&a={quote('IMD decile 1')}&b={quote('IMD decile 10')}"
                    "&sex=male", "Life expectancy gap")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile(r"the gap is\s+4\.62 years"))).to_be_visible()
    expect(main.get_by_text(re.compile(r"Age bands contributing most to the gap: 60-64"))).to_be_visible()
    assert "60-64" in picture_svg(chart_pictures(page).first)  # the gap by age, drawn
    screenshot(page, "gap-1-deciles")

    add_charts_to_pack(page, 1)
    go_to(page, "Board pack", "Board pack")
    expect(page.get_by_text("1. Gap in male life expectancy to age 75 by age band", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("IMD decile 1 compared with IMD decile 10"))).to_be_visible()
    screenshot(page, "gap-2-board-pack")

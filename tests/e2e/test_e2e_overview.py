"""Journey 1: Blackpool's overview narrowed to one inequality theme shows comparisons and guidance."""
from __future__ import annotations

import re

import pytest

from tests.e2e.journeys import BLACKPOOL, COMPARISON_WORDS, idle, open_page, screenshot

pytestmark = pytest.mark.e2e
THEME_ID, THEME = "children-young-people", "Children and young people"
SUMMARY = re.compile(rf"Of \d+ indicators in {THEME}, Blackpool is significantly")


def _check_theme_view(page) -> None:
    page.get_by_text(SUMMARY).wait_for()
    group = page.get_by_role("heading", name=re.compile(rf"^{THEME} \(\d+\)"))
    assert group.count() == 1 and page.get_by_role("heading", name="Other indicators").count() == 0
    table = page.locator("table.hep-table").first
    table.scroll_into_view_if_needed()
    assert table.locator("caption").inner_text().startswith("Table of ")
    cells = table.locator("tbody td")
    cells.first.wait_for()
    words = [t.strip() for t in cells.all_inner_texts() if t.strip() in COMPARISON_WORDS]
    assert words, f"no comparison words among the table cells: {cells.all_inner_texts()[:20]}"
    side = page.get_by_test_id("stColumn").filter(has_text="Guidance for this theme").last
    links = side.locator("a[href^='https://']")
    assert links.count() >= 1, "no guidance link beside the theme"
    assert links.first.inner_text().strip()


def test_theme_picker_narrows_the_overview_to_children_and_young_people(page):
    open_page(page, f"/?area={BLACKPOOL}", "Blackpool")
    assert page.get_by_text(re.compile(r"Of \d+ indicators in all themes")).count() == 1
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Inequality theme")
    picker.get_by_role("combobox").click()
    page.get_by_role("option", name=THEME, exact=True).click()
    page.wait_for_url(re.compile(rf"theme={THEME_ID}"))
    idle(page)
    _check_theme_view(page)
    screenshot(page, "1-overview-theme")


def test_a_link_with_the_theme_reopens_the_same_view(page):
    open_page(page, f"/?area={BLACKPOOL}&theme={THEME_ID}", "Blackpool")
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Inequality theme")
    assert picker.get_by_role("combobox").input_value() == THEME
    _check_theme_view(page)


def test_pages_ask_nothing_of_other_servers(page, app_url):
    """A council's network may block or log outside requests: the overview and the explorer (charts as
    pictures, the tab's icon) load everything from the dashboard itself."""
    from urllib.parse import urlsplit
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_page(page, f"/?area={BLACKPOOL}&theme={THEME_ID}", "Blackpool")
    open_page(page, f"/explorer?area={BLACKPOOL}&indicator=90366")
    page.get_by_test_id("stImage").first.wait_for()
    here = urlsplit(app_url).netloc
    outside = sorted({u for u in asked if not u.startswith("data:") and urlsplit(u).netloc != here})
    assert asked and not outside, outside

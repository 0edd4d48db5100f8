"""Journey: Blackpool's premature mortality ranked among county and unitary authorities, into the board pack."""
from __future__ import annotations

import re

import pytest

from tests.e2e.journeys import BLACKPOOL, add_charts_to_pack, chart_pictures, go_to, open_page, picture_svg, screenshot

pytestmark = pytest.mark.e2e


def test_premature_mortality_ranks_blackpool_and_its_league_table_goes_into_the_pack(page):
    open_page(page, f"/premature-mortality?area={BLACKPOOL}&cause=preventable", "Premature mortality")
    page.get_by_text(re.compile(r"Blackpool has the highest premature death rate from causes considered "
                                r"preventable of \d+ areas")).wait_for()
    page.get_by_text(re.compile(r"Similar areas \(IMD 2019 decile 1\)")).wait_for()
    assert chart_pictures(page).count() >= 2  # the league table and the ranks across causes
    assert "Blackpool" in picture_svg(chart_pictures(page).first)
    screenshot(page, "premature-mortality")
    add_charts_to_pack(page, 1)
    go_to(page, "Board pack", "Board pack")
    assert page.get_by_text(re.compile(r"Premature deaths from causes considered preventable")).count() >= 1

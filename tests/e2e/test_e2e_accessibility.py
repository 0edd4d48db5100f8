"""Journey 4: axe-core finds no serious or critical accessibility violation on our pages.

Violations that come from Streamlit's own widgets and cannot be fixed from the app would be listed in
KNOWN with the reason; a page where only known violations remain is an expected failure (xfail, so it
stays visible in every run); anything else fails.
"""
from __future__ import annotations

import pytest

from tests.e2e.journeys import BLACKPOOL, add_charts_to_pack, axe_violations, go_to, open_page, screenshot

pytestmark = pytest.mark.e2e
SERIOUS = {"serious", "critical"}
TALL = {"width": 1400, "height": 4000}  # axe judges colour contrast only of text it can see on screen
EXPLORER_VIEWS = ["compare", "trend", "map", "distribution", "inequalities", "definitions"]

# (axe rule id, data-testid of the Streamlit element around the node, why). Keep it short and explained.
# Empty: the caption contrast (theme textColor) and the toast dialog (inline notes) were fixed in the app.
KNOWN: list[tuple[str, str, str]] = []


def _known(rule: str, testids: list[str]) -> str | None:
    return next((why for rule_id, testid, why in KNOWN if rule == rule_id and testid in testids), None)


def _check(page, name: str) -> None:
    page.set_viewport_size(TALL)
    page.wait_for_timeout(500)  # let the charts redraw at the new size
    screenshot(page, f"4-axe-{name}")
    unknown, known = [], set()
    for v in axe_violations(page):
        if v["impact"] not in SERIOUS:
            continue
        for node in v["nodes"]:
            why = _known(v["id"], node["testids"])
            if why:
                known.add(f"{v['id']}: {why}")
            else:
                unknown.append(f"{v['id']} ({v['impact']}): {v['help']} at {node['target']} inside "
                               f"{node['testids'][:4]}\n  {node['html'][:200]}")
    assert not unknown, f"{name}: axe found {len(unknown)} serious/critical problems:\n" + "\n".join(unknown)
    if known:
        pytest.xfail(f"{name}: only known Streamlit violations remain: " + " | ".join(sorted(known)))


def test_overview_is_accessible(page):
    open_page(page, f"/?area={BLACKPOOL}&theme=children-young-people", "Blackpool")
    _check(page, "overview")


@pytest.mark.parametrize("view", EXPLORER_VIEWS)
def test_explorer_is_accessible(page, view):
    open_page(page, f"/explorer?area={BLACKPOOL}&indicator=90366&view={view}")
    _check(page, f"explorer-{view}")


def test_board_pack_is_accessible(page):
    open_page(page, f"/?area={BLACKPOOL}&theme=children-young-people", "Blackpool")
    add_charts_to_pack(page, 1)
    go_to(page, "Board pack", "Board pack")
    _check(page, "board-pack")

"""A refresh against the replay server in every bulk-CSV layout it speaks (see ../shared/fingertips/README.md,
"Bulk-CSV layouts"): the current 27 columns, the 2019 26 columns, each with short rows and/or newlines in
quoted indicator names. The same rows end up in the store whatever the layout."""
from __future__ import annotations

import itertools

import pytest

from connectors.fingertips import FingertipsClient
from loading.refresh import refresh_profile
from store.db import Store

LAYOUTS = ("current", "2019")
MODIFIERS = [dict(zip(("short_rows", "name_newlines"), combo)) for combo in itertools.product((False, True), repeat=2)]
CASES = [pytest.param(layout, mods, id=f"{layout}-" + ("+".join(k for k, v in mods.items() if v) or "plain"))
         for layout in LAYOUTS for mods in MODIFIERS]
NAMES_WITH_NEWLINES = [90366, 93356]  # the replay marks these (93356 is the only one any recording shows)


def _refresh(replay, data_dir, layout, mods) -> tuple[Store, object]:
    state = {"layout": layout, "short_rows": mods["short_rows"],
             "name_newlines": NAMES_WITH_NEWLINES if mods["name_newlines"] else False}
    replay.fault(**state)
    store = Store(data_dir / "hep.duckdb")
    result = refresh_profile("public-health-outcomes-framework", 502, 6,
                             client=FingertipsClient(replay.url, retries=1, backoff=0.01), store=store)
    log = [e for e in replay.log() if e.get("layout")]
    assert log and all(e["layout"] == layout for e in log)
    return store, result


@pytest.fixture(scope="module")
def reference(replay_url, tmp_path_factory):
    """The store's rows after a refresh in the default (current) layout, to compare every layout with."""
    from tests.conftest import Replay
    replay = Replay(replay_url)
    replay.reset()
    folder = tmp_path_factory.mktemp("reference")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HEP_DATA_DIR", str(folder))
        store = Store(folder / "hep.duckdb")
        refresh_profile("public-health-outcomes-framework", 502, 6,
                        client=FingertipsClient(replay_url, retries=1, backoff=0.01), store=store)
    return store.query("SELECT indicator_id, area_code, sex, age, category, time_period, value, count, "
                       "indicator_name, compared_to_goal FROM core_indicator_values "
                       "ORDER BY ALL")


@pytest.mark.parametrize("layout, mods", CASES)
def test_refresh_in_every_layout_stores_the_same_rows(layout, mods, replay, data_dir, reference):
    store, result = _refresh(replay, data_dir, layout, mods)
    assert result.changed and result.rows_stored == len(reference) > 1000
    got = store.query("SELECT indicator_id, area_code, sex, age, category, time_period, value, count, "
                      "indicator_name, compared_to_goal FROM core_indicator_values ORDER BY ALL")
    assert got.equals(reference)
    names = store.query("SELECT count(*) FROM core_indicator_values WHERE indicator_name LIKE '%' || chr(10) || '%'")
    assert names.iloc[0, 0] == 0  # the line break inside the quotes is not kept at the end of a name
    ranges = store.query("SELECT count(time_period_range) AS n, count(*) FILTER (WHERE time_period_range = '1y') "
                         "AS one FROM core_indicator_values")
    if layout == "current":
        assert ranges["n"][0] > 0 and ranges["one"][0] > 0
    else:
        assert ranges["n"][0] == 0
    rules = {c.rule for c in result.cleaned}
    assert ("short_rows" in rules) == mods["short_rows"]
    assert ("line_break_trimmed" in rules) == mods["name_newlines"]
    assert not result.warnings

"""store.small_areas: area type and MSOA code vintage on every row, from the shared small-area sample."""
from __future__ import annotations

import pytest

from loading.refresh import import_files
from store.db import Store
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def msoa_store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("msoa") / "hep.duckdb")
    import_files([shared_path("data", "small_area", "indicator_values_msoa.csv"),
                  shared_path("data", "small_area", "indicator_values_la.csv")], store=store)
    return store


def _vintage(store: Store, indicator_id: int, period: str) -> set[str]:
    frame = store.query("SELECT DISTINCT code_vintage FROM core_indicator_values WHERE indicator_id = ? AND "
                        "time_period = ? AND area_type_id = 3", [indicator_id, period])
    return set(frame["code_vintage"])


@pytest.mark.parametrize(("indicator_id", "period", "vintage"), [
    (93480, "2015 - 19", "2011"),  # psychty: every MSOA of the 2011 set
    (93480, "2019 - 23", "2021"),  # Harv334: 2021 codes (2021-only codes occur)
    (93089, "2018 - 22", "2021"),  # a period ending 2022 with 2021-only codes
    (93465, "2016/17 - 20/21", "2011"),  # hospital admissions: only codes common to both sets ("2011 inferred")
    (93097, "2024/25", "2021"),
    (93105, "2016/17 - 18/19", "2011"),  # bwd-ph, Pennine Lancashire 2020
])
def test_vintage_per_indicator_and_period(msoa_store, indicator_id, period, vintage):
    assert _vintage(msoa_store, indicator_id, period) == {vintage}


def test_every_row_has_an_area_type(msoa_store):
    frame = msoa_store.query("SELECT area_type_id, count(*) n, count(code_vintage) v FROM core_indicator_values "
                             "GROUP BY ALL")
    by_type = dict(zip(frame["area_type_id"], frame["n"]))
    assert by_type[3] == 116_371 and set(by_type) <= {3, 501, 502}
    assert dict(zip(frame["area_type_id"], frame["v"]))[3] == 116_371  # every MSOA row has a vintage
    assert frame.loc[frame["area_type_id"] != 3, "v"].sum() == 0


def test_msoas_become_areas_under_their_local_authority(msoa_store):
    frame = msoa_store.query("SELECT parent_code, count(*) n FROM core_areas WHERE area_type_id = 3 "
                             "AND parent_code IN ('E06000009', 'E08000009') GROUP BY ALL")
    assert dict(zip(frame["parent_code"], frame["n"])) == {"E06000009": 19, "E08000009": 28}


def test_a_store_made_before_area_types_gets_them_on_its_next_write(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE core_indicator_values (indicator_id INTEGER, area_code VARCHAR, area_type VARCHAR, "
                "time_period VARCHAR, load_id INTEGER)")
    con.execute("INSERT INTO core_indicator_values VALUES (93283, 'E02002633', 'MSOA', '2015 - 19', 1), "
                "(93283, 'E06000009', 'Counties & UAs (from Apr 2023)', '2015 - 19', 1)")
    con.close()
    store = Store(path)
    with store.writer():
        pass
    frame = store.query("SELECT area_code, area_type_id, code_vintage FROM core_indicator_values ORDER BY 1")
    assert list(frame["area_type_id"]) == [3, 502] and frame["code_vintage"].iloc[0] == "2011"

"""The Small areas page: an authority's MSOAs mapped, ranked and tabled from a store refreshed from the replay
server with the shared MSOA boundaries imported; the offer when none are held; a bad ?indicator=."""
from __future__ import annotations

import json
import shutil

import pytest

from loading.boundaries import import_boundary_files
from loading.small_areas import refresh_small_areas
from store.db import Store
from tests.apptest import open_page, texts
from tests.conftest import shared_path

BLACKPOOL, TOWER_HAMLETS, TRAFFORD = "E06000009", "E09000030", "E08000009"


@pytest.fixture(scope="module")
def small_store_file(sample_store_file, replay_url, tmp_path_factory):
    """The shared LA sample, plus Local Health small areas for Blackpool and Tower Hamlets from the replay, with
    Blackpool's 2011 and Tower Hamlets' 2021 MSOA boundaries imported."""
    folder = tmp_path_factory.mktemp("small_areas")
    shutil.copyfile(sample_store_file, folder / "hep.duckdb")
    store = Store(folder / "hep.duckdb")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FINGERTIPS_API_URL", replay_url)
        mp.setenv("HEP_DATA_DIR", str(folder))
        refresh_small_areas("local-health", [BLACKPOOL, TOWER_HAMLETS], store=store)
    import_boundary_files([shared_path("data", "boundaries", "msoa", "2011", f"{BLACKPOOL}.geojson"),
                           shared_path("data", "boundaries", "msoa", "2021", f"{TOWER_HAMLETS}.geojson")], store=store)
    return store.path


@pytest.fixture
def small_store(small_store_file, data_dir) -> Store:
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(small_store_file, data_dir / "hep.duckdb")
    return Store(data_dir / "hep.duckdb")


def small(**params):
    return open_page("pages/small-areas.py", **params)


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_blackpool_msoas_are_mapped_ranked_and_tabled(small_store, boundaries):
    at = small(area=BLACKPOOL, indicator="93250")
    assert not at.exception
    shown = texts(at)
    assert "Blackpool: Mortality from all causes" in shown
    figs = charts(at)
    assert [f["layout"]["meta"]["chart"] for f in figs] == ["choropleth", "compare_bar"]
    assert figs[0]["layout"]["meta"]["n_areas"] == 19
    assert figs[0]["layout"]["legend"]["title"]["text"] == "Fifths of Blackpool's MSOAs by value"
    hovers = " ".join(str(t.get("text", "")) for t in figs[0]["data"])
    assert "Blackpool 001" in hovers  # MSOA names on hover
    lines = {s.get("name") for s in figs[1]["layout"].get("shapes", [])} | {t.get("name") for t in figs[1]["data"]}
    assert "Blackpool" in " ".join(map(str, lines)) and "England" in " ".join(map(str, lines))
    assert "Across Blackpool's 19 MSOAs" in shown and "highest fifth" in shown
    assert "cannot be said" in shown  # no CIs and no comparison in these rows
    assert "England's value is 100" in shown
    table = next(d.value for d in at.dataframe if "msoa_code" in d.value.columns)
    assert len(table) == 19 and {"msoa_name", "value", "comparison_with_england", "period"} <= set(table.columns)
    labels = [b.label for b in at.button]
    assert labels.count("Add to board pack") == 2 and "Add table to board pack" in labels


def test_sex_is_asked_for_life_expectancy(small_store, boundaries):
    at = small(area=BLACKPOOL, indicator="93283")
    assert not at.exception
    assert [s.label for s in at.selectbox if s.label == "Sex"] == ["Sex"]
    assert "(Female)" in texts(at) or "(Male)" in texts(at)


def test_an_authority_without_small_areas_is_offered_the_download(small_store, boundaries, replay):
    at = small(area=TRAFFORD)
    assert not at.exception
    assert "No small-area (MSOA) data are held for Trafford" in texts(at)
    offer = next(b for b in at.button if b.label.startswith("Download Local Health small areas"))
    offer.click().run()
    assert not at.exception
    assert "Downloaded" in texts(at) and "Trafford" in texts(at)
    at.run()
    assert "Across Trafford's 28 MSOAs" in texts(at)
    assert "MSOA boundaries" in texts(at)  # none held for Trafford and none to download: said, not hidden


def test_a_bad_indicator_in_the_link_warns_and_shows_the_default(small_store, boundaries):
    at = small(area=BLACKPOOL, indicator="99999x")
    assert not at.exception
    assert "The link asks for the indicator “99999x”" in texts(at)
    assert len(charts(at)) == 2


def test_a_vintage_mismatch_is_a_warning_and_codes_that_cannot_be_drawn_are_listed(small_store, boundaries):
    at = small(area=TOWER_HAMLETS, indicator="93283")  # 2015 - 19 life expectancy: 2011 codes, 2021 boundaries
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "on 2011 MSOA codes, but only 2021 MSOA boundaries are held" in warnings
    assert "cannot be drawn" in warnings and "E02000" in warnings
    table = max((d.value for d in at.dataframe if "msoa_code" in d.value.columns), key=len)
    drawn = charts(at)[0]["layout"]["meta"]["n_areas"]
    assert drawn < len(table)  # the missing one is still ranked and tabled


def test_a_district_or_england_that_is_not_an_authority(small_store):
    at = small(area="E12000002")
    assert not at.exception and "is not a local authority" in texts(at)


def test_explorer_and_overview_link_to_the_small_areas(small_store, boundaries):
    at = open_page("pages/explorer.py", area=BLACKPOOL, indicator="93250")
    assert not at.exception
    assert "See small areas inside Blackpool" in texts(at)
    assert "/small-areas?area=E06000009&indicator=93250" in " ".join(m.value for m in at.markdown)
    at = open_page("pages/overview.py", area=BLACKPOOL)
    assert "See small areas inside Blackpool" in texts(at)
    assert "See small areas inside" not in texts(open_page("pages/explorer.py", area=TRAFFORD, indicator="90366"))


def test_sources_lists_small_areas_and_boundaries(small_store):
    at = open_page("pages/data.py")
    assert not at.exception
    shown = texts(at)
    assert "Small areas (MSOA) held per local authority" in shown
    assert any(e.label.startswith("Map boundaries held") for e in at.expander)
    held = at.dataframe[0].value
    assert {"profile", "area_type", "areas", "periods", "source", "fetched_at"} <= set(held.columns)
    assert "MSOA" in set(held["area_type"])


def test_the_download_form_takes_small_areas_per_local_authority(small_store, replay):
    at = open_page("pages/data.py")
    geographies = next(m for m in at.multiselect if m.label == "Geographies")
    geographies.set_value([3])
    next(b for b in at.button if b.label == "Download data").click().run()
    assert "Choose at least one local authority for MSOA small areas" in texts(at)
    next(m for m in at.multiselect if m.label == "Geographies").set_value([3])
    next(m for m in at.multiselect if m.label == "Local authorities for MSOA small areas").set_value([TRAFFORD])
    next(b for b in at.button if b.label == "Download data").click().run()
    assert not at.exception
    assert TRAFFORD in set(small_store.query("SELECT DISTINCT parent_code FROM core_indicator_values "
                                             "WHERE area_type_id = 3")["parent_code"])

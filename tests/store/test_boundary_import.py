"""Boundary GeoJSON imported as downloaded from ONS: area type and vintage read from the properties, MSOAs kept
per local authority, a bad file stopping the import with a plain sentence and nothing stored."""
from __future__ import annotations

import json

import pytest

from errors import FingertipsDataError
from loading.boundaries import detect, import_boundary_files
from store import queries
from store.db import Store
from tests.conftest import shared_path
from tests.connectors.test_cli import cli, last_line

FILES = {
    "county": ("data", "boundaries", "Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_"
                                     "4952317392296043005.geo.json"),
    "district": ("data", "boundaries", "Local_Authority_Districts_May_2024_Boundaries__UK_BSC_"
                                       "-5684348521832897108.geo.json"),
    "region": ("data", "boundaries", "Regions_December_2023_Boundaries_EN_BUC_1958740832896680092.geo.json"),
    "msoa2011": ("data", "boundaries", "msoa", "2011", "E06000009.geojson"),
    "msoa2021": ("data", "boundaries", "msoa", "2021", "E06000009.geojson"),
}


def path(name: str):
    return shared_path(*FILES[name])


@pytest.mark.parametrize(("name", "expected"), [
    ("county", (502, "2023", "CTYUA23CD")), ("district", (501, "2024", "LAD24CD")),
    ("region", (6, "2023", "RGN23CD")), ("msoa2011", (3, "2011", "MSOA11CD")), ("msoa2021", (3, "2021", "MSOA21CD")),
])
def test_type_and_vintage_are_read_from_the_code_property(name, expected):
    assert detect(json.loads(path(name).read_text()), name) == expected


def test_an_older_district_file_is_recognised():
    data = {"features": [{"properties": {"LAD23CD": "E06000001", "LAD23NM": "Hartlepool"}, "geometry": {}}]}
    assert detect(data, "old.geojson") == (501, "2023", "LAD23CD")


def test_every_kind_is_kept_and_msoas_per_authority_and_vintage(data_dir):
    done = import_boundary_files([path(n) for n in FILES])
    assert [d.area_type_id for d in done] == [502, 501, 6, 3, 3]
    assert done[3].parents == ("E06000009",) and done[3].features == 19
    held = queries.boundary_summary(Store())
    assert len(held) == 5
    msoa = held[held["area_type_id"] == 3]
    assert set(zip(msoa["vintage"], msoa["parent_code"], msoa["code_key"])) == {
        ("2011", "E06000009", "MSOA11CD"), ("2021", "E06000009", "MSOA21CD")}
    geojson, key = queries.boundaries(Store(), 501)
    assert key == "LAD24CD" and len(json.loads(geojson)["features"]) == 361
    import_boundary_files([path("msoa2011")])  # again: replaced, not doubled
    assert len(queries.boundary_summary(Store())) == 5


@pytest.mark.parametrize(("content", "why"), [
    ("not json at all", "not valid GeoJSON"),
    ('{"type": "FeatureCollection", "features": []}', "holds no features"),
    ('{"type": "FeatureCollection", "features": [{"properties": {"name": "x"}, "geometry": null}]}',
     "no feature property names an ONS area code"),
    ('{"features": [{"properties": {"MSOA11CD": "E02002633"}, "geometry": {"type": "Point"}}]}', "has no polygon"),
])
def test_a_bad_file_is_refused_in_plain_english_and_nothing_is_stored(data_dir, tmp_path, content, why):
    import_boundary_files([path("region")])
    before = Store().version()
    bad = tmp_path / "bad.geojson"
    bad.write_text(content)
    with pytest.raises(FingertipsDataError, match=why) as caught:
        import_boundary_files([path("msoa2011"), bad])
    assert str(caught.value).startswith("bad.geojson is not a boundary file") and "Nothing was imported" in str(
        caught.value)
    assert Store().version() == before
    assert list(queries.boundary_summary(Store())["area_type_id"]) == [6]


def test_cli_imports_boundaries_and_fails_with_one_line(data_dir, tmp_path):
    done = cli("boundaries", "import", str(path("msoa2011")), str(path("msoa2021")))
    assert done.returncode == 0, done.stderr
    assert "19 MSOAs (2011 boundaries" in done.stdout and "(2021 boundaries" in done.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    failed = cli("boundaries", "import", str(bad))
    assert failed.returncode == 2 and last_line(failed.stderr).startswith("error: bad.json is not a boundary file")

"""Refresh small areas (MSOAs, area type 3) for chosen local authorities, one download per authority.

Each authority is asked for with `child_area_type_id=3`, `parent_area_type_id` = its own type (502 for a
county, 501 for a district or unitary) and `parent_area_code` = its code, as
../shared/fingertips/api/CONTRACT.md ("Small areas") describes. The download also holds the authority's own
rows (and England's, when Fingertips has them), which charts draw as lines. Every download is made first;
the store is written once, atomically, so a failed or cut-off download leaves it as it was.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

import settings
from connectors.fingertips import FingertipsClient
from errors import FingertipsDataError
from geography import COUNTY_UA_TYPE, DISTRICT_UA_TYPE, MSOA_TYPE
from loading.refresh import SMALL_AREAS_NEED_PARENT, Step, _quiet, profile_reference, write_reference
from store import importer
from store.db import Store

LA_CODE = re.compile(r"^E(06|07|08|09|10)\d{6}$")


def la_area_type(code: str) -> int:
    """The Fingertips area type a local authority is asked for as: 502 for a county, else 501."""
    if not LA_CODE.match(code):
        raise FingertipsDataError(f"'{code}' is not the code of an English local authority (E06, E07, E08, E09 or "
                                  "E10 followed by six digits, e.g. E06000009 for Blackpool). Nothing was changed.")
    return COUNTY_UA_TYPE if code.startswith("E10") else DISTRICT_UA_TYPE


def _codes(parent_codes: Sequence[str]) -> list[str]:
    codes = list(dict.fromkeys(str(c).strip().upper() for c in parent_codes if str(c).strip()))
    if not codes:
        raise FingertipsDataError(SMALL_AREAS_NEED_PARENT)
    for code in codes:
        la_area_type(code)
    return codes


def msoa_areas(client: FingertipsClient, codes: list[str]) -> pd.DataFrame:
    """The MSOAs of each authority: parent = its district or UA, county_code = its county where two-tier."""
    rows, district_of, county_of = [], {}, {}
    if any(c.startswith("E10") for c in codes):
        district_of = {m: la for la, ms in (client.parent_to_child_areas(MSOA_TYPE, DISTRICT_UA_TYPE) or {}).items()
                       for m in ms}
    if any(c.startswith("E07") for c in codes):
        county_of = {d: c for c, ds in (client.parent_to_child_areas(DISTRICT_UA_TYPE, COUNTY_UA_TYPE) or {}).items()
                     for d in ds if c.startswith("E10")}
    for code in codes:
        found = client.areas_by_parent(MSOA_TYPE, code)
        if not found:
            raise FingertipsDataError(f"Fingertips lists no MSOAs (small areas) in {code}. Nothing was changed; "
                                      "check the local authority code.")
        for a in found:
            county = code if code.startswith("E10") else county_of.get(code)
            parent = district_of.get(a["Code"]) if code.startswith("E10") else code
            rows.append({"area_code": a["Code"], "area_name": a.get("Name") or a["Code"], "area_type_id": MSOA_TYPE,
                         "parent_code": parent, "region_code": None, "county_code": county})
    frame = pd.DataFrame(rows).drop_duplicates("area_code", keep="last")
    return frame.astype({"parent_code": object, "region_code": object, "county_code": object})


def refresh_small_areas(wanted: str | int, parent_codes: Sequence[str], *, client: FingertipsClient | None = None,
                        store: Store | None = None, step: Step = _quiet) -> list[importer.ImportResult]:
    """Download a profile's MSOA data for each local authority, then store it all in one write."""
    codes = _codes(parent_codes)
    client = client or FingertipsClient()
    store = store or Store()
    ref = profile_reference(client, wanted, step)
    pid, key, name = int(ref.profile["Id"]), str(ref.profile["Key"]), ref.profile["Name"]
    step("Reading the small areas of each local authority", 0.1)
    areas = msoa_areas(client, codes)
    area_types = client.area_types()
    downloads = settings.data_dir() / "downloads"
    downloads.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=downloads) as tmp:
        files = []
        for i, code in enumerate(codes):
            step(f"Downloading {name} small areas for {code} ({i + 1} of {len(codes)})", 0.15 + 0.7 * i / len(codes))
            params = {"profile_id": pid, "child_area_type_id": MSOA_TYPE, "parent_area_type_id": la_area_type(code),
                      "parent_area_code": code}
            dest = client.download_data(Path(tmp) / f"{key}-msoa-{code}.data.csv", profile_id=pid,
                                        child_area_type_id=MSOA_TYPE, parent_area_type_id=la_area_type(code),
                                        parent_area_code=code)
            source = client.url("all_data/csv/by_profile_id", params)
            if not importer.has_rows(dest):
                raise FingertipsDataError(f"Fingertips sent no small-area data of {name} for {code} (only a header, "
                                          f"{source}). Nothing was changed.", source=source)
            files.append((dest, source))
        step("Saving to the local store", 0.9)
        results = _write(store, client, ref, area_types, areas, files)
    step("Done", 1.0)
    return results


def _write(store: Store, client: FingertipsClient, ref, area_types: list[dict], areas: pd.DataFrame,
           files: list[tuple[Path, str]]) -> list[importer.ImportResult]:
    pid, key = int(ref.profile["Id"]), str(ref.profile["Key"])
    results = []
    with store.writer() as con:
        write_reference(con, store, ref.profile, ref.groups, ref.members, area_types, areas, source=client.base_url)
        importer.import_metadata(con, store, ref.metadata, source=client.url(
            "indicator_metadata/csv/by_profile_id", {"profile_id": pid}))
        for dest, source in files:
            try:
                results.append(importer.import_values(con, store, dest, source=source, profile_key=key,
                                                      area_type_id=MSOA_TYPE))
            except importer.Unchanged as unchanged:
                results.append(unchanged.result or importer.ImportResult(source, "values", 0, False))
    return results

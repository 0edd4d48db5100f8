"""Refresh the store from the Fingertips API, and import files a user downloaded.

Everything is fetched first (bulk CSV streamed to disk), then written in one atomic store write.
"""
from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

import settings
from connectors.fingertips import FingertipsClient, metadata_frame
from errors import FingertipsDataError
from geography import COUNTY_UA_TYPE, ENGLAND, ENGLAND_TYPE, MSOA_TYPE, REGION_TYPE
from store import importer
from store.db import Store, now_utc
from store.metadata_import import read_metadata_csv

Step = Callable[[str, float | None], None]  # (message, fraction done or None)


def _quiet(message: str, fraction: float | None) -> None:
    pass


def resolve_profile(profiles: list[dict], wanted: str | int) -> dict:
    """Find a profile by id or url key (keys are preferred: several ids are unverified)."""
    text = str(wanted).strip().lower()
    for p in profiles:
        if str(p.get("Key", "")).lower() == text or str(p.get("Id")) == text:
            return p
    known = ", ".join(sorted(str(p.get("Key")) for p in profiles))
    raise FingertipsDataError(f"No Fingertips profile has the id or key '{wanted}'. "
                              f"Choose one of these keys: {known}.")


SMALL_AREAS_NEED_PARENT = (
    "Small areas (area type 3, MSOAs) are downloaded one local authority at a time, never for the whole country: "
    "name each one with --parent-area, e.g. --area-type 3 --parent-area E06000009 (repeat it for more).")


@dataclass(frozen=True)
class ProfileReference:
    """What a refresh reads about a profile before its data: the profile, its domains and definitions."""
    profile: dict
    groups: list[dict]
    members: list[tuple[dict, int]]
    metadata: pd.DataFrame


def profile_reference(client: FingertipsClient, wanted: str | int, step: Step = _quiet) -> ProfileReference:
    step("Finding the profile", 0.0)
    profile = resolve_profile(client.profiles(), wanted)
    pid = int(profile["Id"])
    detail = client.profile(pid) or profile
    groups = detail.get("GroupMetadata") or [{"Id": g, "Name": str(g), "Sequence": i}
                                             for i, g in enumerate(profile.get("GroupIds") or [], 1)]
    step("Reading the profile's domains and indicator definitions", 0.05)
    members = [(g, int(iid)) for g in groups for iid in client.indicator_metadata_by_group([g["Id"]])]
    return ProfileReference(profile, groups, members, client.indicator_metadata_csv(profile_id=pid))


def refresh_profile(wanted: str | int, area_type_id: int = COUNTY_UA_TYPE, parent_area_type_id: int = REGION_TYPE,
                    *, client: FingertipsClient | None = None, store: Store | None = None,
                    step: Step = _quiet) -> importer.ImportResult:
    if area_type_id == MSOA_TYPE:
        raise FingertipsDataError(SMALL_AREAS_NEED_PARENT)
    client = client or FingertipsClient()
    store = store or Store()
    ref = profile_reference(client, wanted, step)
    profile, groups, members, metadata = ref.profile, ref.groups, ref.members, ref.metadata
    pid, key = int(profile["Id"]), str(profile["Key"])
    step("Reading areas", 0.1)
    areas = fetch_areas(client, area_type_id, parent_area_type_id)
    area_types = client.area_types()
    downloads = settings.data_dir() / "downloads"
    downloads.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=downloads) as tmp:
        dest = Path(tmp) / f"{key}-{area_type_id}.data.csv"

        reported = [0]

        def on_bytes(done: int, total: int | None) -> None:
            if done - reported[0] >= 1_000_000:  # report once a megabyte
                reported[0] = done
                step(f"Downloading {profile['Name']} data: {done / 1e6:.0f} MB", 0.15 + 0.6 * done / total if total else None)

        client.download_data(dest, profile_id=pid, child_area_type_id=area_type_id,
                             parent_area_type_id=parent_area_type_id, progress=on_bytes)
        step("Saving to the local store", 0.8)
        source = client.url("all_data/csv/by_profile_id", {"profile_id": pid, "child_area_type_id": area_type_id,
                                                           "parent_area_type_id": parent_area_type_id})
        if not importer.has_rows(dest):
            raise FingertipsDataError(f"Fingertips sent no data for {profile['Name']} and area type {area_type_id} "
                                      f"(only a header, {source}). Nothing was changed; try again later or choose "
                                      "another area type.", source=source)
        with store.writer() as con:
            write_reference(con, store, profile, groups, members, area_types, areas, source=client.base_url)
            importer.import_metadata(con, store, metadata, source=client.url(
                "indicator_metadata/csv/by_profile_id", {"profile_id": pid}))
            try:
                result = importer.import_values(con, store, dest, source=source, profile_key=key,
                                                area_type_id=area_type_id)
            except importer.Unchanged as unchanged:
                result = unchanged.result or importer.ImportResult(source, "values", 0, False)
    step("Done", 1.0)
    return result


def fetch_areas(client: FingertipsClient, area_type_id: int, parent_area_type_id: int) -> pd.DataFrame:
    """England, regions and the chosen area type, each with its parent (region, or county for districts)."""
    rows = []
    for type_id in dict.fromkeys([ENGLAND_TYPE, REGION_TYPE, parent_area_type_id, area_type_id]):
        for a in client.areas_by_area_type(type_id):
            rows.append({"area_code": a["Code"], "area_name": a.get("Name") or a["Code"], "area_type_id": type_id})
    frame = pd.DataFrame(rows, columns=["area_code", "area_name", "area_type_id"])
    if not (frame["area_type_id"] == area_type_id).any():
        raise FingertipsDataError(f"Fingertips has no areas of area type {area_type_id}. Choose 502 (counties & "
                                  "UAs) or 501 (districts & UAs); nothing was changed.")
    region_of = _parents(client, area_type_id, REGION_TYPE)
    parent_of = region_of if parent_area_type_id in (ENGLAND_TYPE, REGION_TYPE) else \
        _parents(client, area_type_id, parent_area_type_id)
    frame["parent_code"] = frame["area_code"].map(parent_of).astype(object)  # text, even when all are missing
    frame["region_code"] = frame["area_code"].map(region_of).astype(object)
    frame.loc[frame["area_type_id"] == REGION_TYPE, "parent_code"] = ENGLAND
    return frame


def _parents(client: FingertipsClient, child_type: int, parent_type: int) -> dict[str, str]:
    mapping = client.parent_to_child_areas(child_type, parent_type) or {}
    return {child: parent for parent, children in mapping.items() for child in children}


def write_reference(con, store: Store, profile: dict, groups: list[dict], members: Iterable[tuple[dict, int]],
                    area_types: list[dict], areas: pd.DataFrame, *, source: str) -> None:
    """Profiles, domains, area types and areas as the API gave them (replacing earlier copies)."""
    pid = int(profile["Id"])
    load_id = store.record_load(con, kind="reference", source=source, row_count=len(areas),
                                profile_key=str(profile["Key"]))
    con.execute("DELETE FROM core_profiles WHERE profile_id = ?", [pid])
    con.execute("INSERT INTO core_profiles VALUES (?, ?, ?)", [pid, profile["Key"], profile["Name"]])
    con.execute("DELETE FROM core_profile_groups WHERE profile_id = ?", [pid])
    group_rows: list[tuple] = [(pid, int(g["Id"]), g.get("Name"), g.get("Sequence"), iid) for g, iid in members]
    seen = {r[1] for r in group_rows}
    group_rows += [(pid, int(g["Id"]), g.get("Name"), g.get("Sequence"), None) for g in groups if g["Id"] not in seen]
    if group_rows:
        con.executemany("INSERT INTO core_profile_groups VALUES (?, ?, ?, ?, ?)", group_rows)
    if area_types:
        con.execute("DELETE FROM core_area_types")
        con.executemany("INSERT INTO core_area_types VALUES (?, ?, ?)",
                        [(int(t["Id"]), t.get("Name"), t.get("Short")) for t in area_types])
    if len(areas):
        frame = areas.assign(load_id=load_id).reindex(columns=["area_code", "area_name", "area_type_id", "parent_code",
                                                               "region_code", "load_id", "county_code"])
        frame["county_code"] = frame["county_code"].astype(object)
        con.register("incoming_areas", frame)
        con.execute("DELETE FROM core_areas a USING incoming_areas i WHERE a.area_code = i.area_code "
                    "AND a.area_type_id = i.area_type_id")
        con.execute("INSERT INTO core_areas BY NAME SELECT * FROM incoming_areas")
        con.unregister("incoming_areas")


def store_neighbours(store: Store, area_code: str, neighbours: list[dict], model: str) -> None:
    with store.writer() as con:
        con.execute("DELETE FROM core_neighbours WHERE area_code = ? AND model = ?", [area_code, model])
        rows: list[tuple] = [(area_code, n["Code"], rank, model) for rank, n in enumerate(neighbours, 1)]
        if not rows:  # remember that the API had none, so it is not asked again
            rows = [(area_code, None, None, model)]
        con.executemany("INSERT INTO core_neighbours VALUES (?, ?, ?, ?)", rows)
        store.record_load(con, kind="neighbours", source=area_code, row_count=len(neighbours), fetched_at=now_utc())


def import_files(paths: Iterable[Path], *, store: Store | None = None, step: Step = _quiet
                 ) -> list[importer.ImportResult]:
    """Import bulk-data and metadata CSVs a user downloaded, all in one atomic write."""
    store = store or Store()
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.is_file():
            raise FingertipsDataError(f"{p} does not exist or is not a file.", source=str(p))
    results: list[importer.ImportResult] = []
    try:
        with store.writer() as con:
            for i, path in enumerate(paths):
                step(f"Importing {path.name}", i / max(len(paths), 1))
                results.append(import_one(con, store, path))
            if not any(r.changed for r in results):
                raise importer.Unchanged("all")
    except importer.Unchanged:
        results = [replace(r, changed=False) for r in results]
    step("Done", 1.0)
    return results


def import_one(con, store: Store, path: Path) -> importer.ImportResult:
    if path.suffix.lower() == ".json":  # an indicator_metadata JSON response saved to a file
        frame = metadata_frame(_read_json(path), source=path.name)
        return importer.import_metadata(con, store, frame, source=path.name, path=path)
    header = importer.read_header(path)
    if importer.file_kind(header) == "metadata":
        frame = read_metadata_csv(path)
        return importer.import_metadata(con, store, frame, source=path.name, path=path)
    try:
        return importer.import_values(con, store, path, source=path.name)
    except importer.Unchanged as unchanged:
        return unchanged.result or importer.ImportResult(path.name, "values", 0, False)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FingertipsDataError(f"{path.name} is not valid JSON.", source=path.name) from exc

"""Boundary GeoJSON into the store: ONS files a user downloaded (imported), or fetched from the ONS service.

The area type and vintage are read from the features' code property, as ONS names it:

| property | area type | vintage |
|----------|-----------|---------|
| `CTYUA23CD` (any `CTYUAyyCD`) | 502, counties & UAs | 20yy |
| `LAD24CD`, `LAD23CD` (any `LADyyCD`) | 501, districts & UAs | 20yy |
| `RGN23CD` (any `RGNyyCD`) | 6, regions | 20yy |
| `MSOA11CD` / `MSOA21CD` | 3, MSOAs | 2011 / 2021 |

Counties, districts and regions are national sets: an import replaces the set held for that area type.
MSOA boundaries are kept per district or unitary authority and vintage (`core_boundaries.parent_code`), so
a map of one local authority reads only its own; each feature's authority is its `LADCD_ACTIVE` or
`LADyyCD` property (as in the per-LA files of drkane/geo-lookups), else the store's MSOA areas, else the
file's name when it is an LA code (`E06000009.geojson`); features whose authority cannot be told are kept
in one national set of that vintage.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from errors import FingertipsDataError
from geography import MSOA_TYPE, REGION_TYPE
from store.db import Store, now_utc

CODE_KEY = re.compile(r"^(CTYUA|LAD|RGN|MSOA)(\d{2})CD$", re.IGNORECASE)
TYPE_OF_PREFIX = {"CTYUA": 502, "LAD": 501, "RGN": REGION_TYPE, "MSOA": MSOA_TYPE}
LA_PROPERTY = re.compile(r"^(LADCD_ACTIVE|LAD\d{2}CD)$", re.IGNORECASE)
LA_CODE = re.compile(r"^[EW]0[6-9]\d{6}$")
TYPE_WORDS = {502: "counties & UAs", 501: "districts & UAs", REGION_TYPE: "regions", MSOA_TYPE: "MSOAs"}
BAD_FILE_ADVICE = ("Import a GeoJSON file downloaded from the ONS Open Geography Portal (counties & UAs, local "
                   "authority districts, regions or MSOAs), as it was downloaded.")


@dataclass(frozen=True)
class BoundaryImport:
    """What one boundary file held and where it was kept."""
    source: str
    area_type_id: int
    vintage: str
    code_key: str
    features: int
    parents: tuple[str, ...] = ()  # the districts/UAs of MSOA sets

    def sentence(self) -> str:
        where = f" in {len(self.parents)} local authorities ({', '.join(self.parents[:6])}" \
                f"{'…' if len(self.parents) > 6 else ''})" if self.parents else ""
        return (f"{self.source}: {self.features:,} {TYPE_WORDS.get(self.area_type_id, 'areas')} "
                f"({self.vintage} boundaries, codes in {self.code_key}){where} stored.")


def _bad(source: str, why: str) -> FingertipsDataError:
    return FingertipsDataError(f"{source} is not a boundary file the dashboard can use: {why}. Nothing was "
                               "imported.", source=source, advice=BAD_FILE_ADVICE)


def read_geojson(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad(path.name, "it is not valid GeoJSON (JSON text)") from exc
    if not isinstance(data, dict) or not isinstance(data.get("features"), list) or not data["features"]:
        raise _bad(path.name, "it holds no features (a GeoJSON FeatureCollection is needed)")
    return data


def detect(data: dict, source: str) -> tuple[int, str, str]:
    """(area type id, vintage, code property) from the first feature's properties (see the module's table)."""
    props = (data["features"][0] or {}).get("properties") or {}
    for key in props:
        found = CODE_KEY.match(str(key))
        if found:
            prefix, yy = found.group(1).upper(), found.group(2)
            return TYPE_OF_PREFIX[prefix], f"20{yy}", str(key)
    shown = ", ".join(list(map(str, props))[:8]) or "none"
    raise _bad(source, f"no feature property names an ONS area code (CTYUAyyCD, LADyyCD, RGNyyCD, MSOA11CD or "
                       f"MSOA21CD; the first feature has {shown})")


def _check_features(data: dict, key: str, source: str) -> None:
    for i, feature in enumerate(data["features"], 1):
        props = (feature or {}).get("properties") or {}
        geometry = (feature or {}).get("geometry") or {}
        if not props.get(key):
            raise _bad(source, f"feature {i:,} has no {key}")
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise _bad(source, f"feature {i:,} ({props.get(key)}) has no polygon")


def _la_of(feature: dict, key: str, known: dict[str, str], stem: str) -> str | None:
    props = feature.get("properties") or {}
    for name, value in props.items():
        if LA_PROPERTY.match(str(name)) and value and LA_CODE.match(str(value)):
            return str(value)
    code = str(props.get(key))
    if code in known:
        return known[code]
    return stem if LA_CODE.match(stem) else None


def split_by_authority(data: dict, key: str, known: dict[str, str], stem: str = "") -> dict[str | None, dict]:
    """MSOA features grouped by their district or UA (None: not known), each group a FeatureCollection."""
    groups: dict[str | None, list] = {}
    for feature in data["features"]:
        groups.setdefault(_la_of(feature, key, known, stem), []).append(feature)
    extra = {k: v for k, v in data.items() if k not in ("features", "name")}
    return {la: {**extra, "type": "FeatureCollection", "features": features} for la, features in groups.items()}


def _known_msoas(con) -> dict[str, str]:
    rows = con.execute(f"SELECT area_code, any_value(parent_code) FROM core_areas WHERE area_type_id = {MSOA_TYPE} "
                       "AND parent_code IS NOT NULL GROUP BY area_code").fetchall()
    return {str(code): str(parent) for code, parent in rows}


def keep(con, store: Store, data: dict, source: str, stem: str = "") -> BoundaryImport:
    """Store one boundary FeatureCollection (inside a write session); what was kept."""
    area_type_id, vintage, key = detect(data, source)
    _check_features(data, key, source)
    if area_type_id != MSOA_TYPE:
        _put(con, area_type_id, vintage, None, key, data, source)
        store.record_load(con, kind="boundaries", source=source, row_count=len(data["features"]),
                          area_type_id=area_type_id)
        return BoundaryImport(source, area_type_id, vintage, key, len(data["features"]))
    groups = split_by_authority(data, key, _known_msoas(con), stem)
    for la, collection in groups.items():
        _put(con, area_type_id, vintage, la, key, collection, source)
    store.record_load(con, kind="boundaries", source=source, row_count=len(data["features"]), area_type_id=MSOA_TYPE)
    return BoundaryImport(source, area_type_id, vintage, key, len(data["features"]),
                          tuple(sorted(la for la in groups if la)))


def _put(con, area_type_id: int, vintage: str, parent: str | None, key: str, data: dict, source: str) -> None:
    if parent is None and area_type_id != MSOA_TYPE:
        con.execute("DELETE FROM core_boundaries WHERE area_type_id = ? AND parent_code IS NULL", [area_type_id])
    else:
        con.execute("DELETE FROM core_boundaries WHERE area_type_id = ? AND vintage IS NOT DISTINCT FROM ? AND "
                    "parent_code IS NOT DISTINCT FROM ?", [area_type_id, vintage, parent])
    con.execute("INSERT INTO core_boundaries (area_type_id, geojson, source, fetched_at, vintage, parent_code, "
                "code_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [area_type_id, json.dumps(data, separators=(",", ":")), source, now_utc(), vintage, parent, key])


def import_boundary_files(paths: Iterable[Path], *, store: Store | None = None) -> list[BoundaryImport]:
    """Import boundary GeoJSON files in one atomic write: a bad file stops them all (nothing is stored)."""
    store = store or Store()
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.is_file():
            raise FingertipsDataError(f"{p} does not exist or is not a file.", source=str(p))
    loaded = [(p, read_geojson(p)) for p in paths]  # every file is read and checked before the write starts
    for p, data in loaded:
        _check_features(data, detect(data, p.name)[2], p.name)
    with store.writer() as con:
        return [keep(con, store, data, p.name, p.name.split(".")[0]) for p, data in loaded]


def store_boundaries(store: Store, area_type_id: int, geojson: str, source: str) -> BoundaryImport:
    """Keep boundaries downloaded from the ONS service (their type and vintage read from the features)."""
    data = json.loads(geojson)
    found = detect(data, source)[0]
    if found != area_type_id:
        raise FingertipsDataError(f"The boundaries from {source} are of {TYPE_WORDS.get(found)}, not of area type "
                                  f"{area_type_id}.", source=source)
    with store.writer() as con:
        return keep(con, store, data, source)

"""England's code, the Fingertips area-type ids and the typed Area every layer passes around.

Declared once here; every layer may import this module (docs/architecture.md).
"""
from __future__ import annotations

from dataclasses import dataclass

ENGLAND = "E92000001"

ENGLAND_TYPE = 15
REGION_TYPE = 6
COUNTY_UA_TYPE = 502  # counties & unitary authorities, 2023 boundaries
DISTRICT_UA_TYPE = 501  # districts & unitary authorities, 2023 boundaries
MSOA_TYPE = 3  # middle-layer super output areas (Local Health small areas)
LOCAL_AUTHORITY_TYPES = (COUNTY_UA_TYPE, DISTRICT_UA_TYPE)
PICKER_TYPES = (ENGLAND_TYPE, REGION_TYPE, COUNTY_UA_TYPE, DISTRICT_UA_TYPE)  # most general first

AREA_TYPE_NAMES = {
    ENGLAND_TYPE: "England",
    REGION_TYPE: "Regions (statistical)",
    COUNTY_UA_TYPE: "Counties & UAs (from Apr 2023)",
    DISTRICT_UA_TYPE: "Districts & UAs (from Apr 2023)",
    MSOA_TYPE: "MSOA",
}


@dataclass(frozen=True)
class Area:
    """One area as the pages see it: its code, name, area type, region and the areas of its type."""

    code: str
    name: str
    type_id: int
    type_name: str
    region_code: str | None = None
    region_name: str | None = None
    peers: tuple[str, ...] = ()  # codes of every area of the same type (England: counties & UAs)

    @property
    def is_england(self) -> bool:
        return self.code == ENGLAND

    @property
    def parent_codes(self) -> tuple[str, ...]:
        """Its region (when it has one) and England, nearest first."""
        return tuple(c for c in (self.region_code, ENGLAND) if c and c != self.code)

    @property
    def is_local_authority(self) -> bool:
        return self.type_id in LOCAL_AUTHORITY_TYPES


def england() -> Area:
    return Area(ENGLAND, "England", ENGLAND_TYPE, "England")

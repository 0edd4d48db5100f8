"""ONS boundary GeoJSON for maps, through the same network door as the Fingertips client."""
from __future__ import annotations

import json

import settings
from connectors.fingertips import FingertipsClient
from errors import FingertipsDataError
from geography import COUNTY_UA_TYPE, DISTRICT_UA_TYPE, MSOA_TYPE

# Fingertips area type -> (ONS dataset name, the GeoJSON property holding the area code)
DATASETS: dict[int, tuple[str, str]] = {
    COUNTY_UA_TYPE: ("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC", "CTYUA23CD"),
    DISTRICT_UA_TYPE: ("Local_Authority_Districts_May_2024_Boundaries_UK_BSC", "LAD24CD"),
}
# MSOA (area type 3) boundaries per ONS code vintage: (dataset, code property). The names follow ONS's
# pattern for generalised clipped (BGC) sets; UNVERIFIED against the live service (not reachable here).
MSOA_DATASETS: dict[str, tuple[str, str]] = {
    "2011": ("Middle_Layer_Super_Output_Areas_December_2011_Boundaries_EW_BGC", "MSOA11CD"),
    "2021": ("Middle_layer_Super_Output_Areas_December_2021_Boundaries_EW_BGC", "MSOA21CD"),
}


class BoundaryClient(FingertipsClient):
    service = "ONS boundary service"


def dataset_for(area_type_id: int, vintage: str | None = None) -> tuple[str, str]:
    """(ONS dataset, code property) of an area type (MSOAs: of a code vintage, '2011' or '2021')."""
    if area_type_id == MSOA_TYPE and vintage in MSOA_DATASETS:
        return MSOA_DATASETS[str(vintage)]
    if area_type_id in DATASETS:
        return DATASETS[area_type_id]
    raise FingertipsDataError(f"There are no map boundaries for area type {area_type_id}"
                              + (f" ({vintage})" if vintage else "") + ".")


def boundary_url(area_type_id: int, vintage: str | None = None) -> str:
    dataset, _ = dataset_for(area_type_id, vintage)
    return settings.get("ONS_BOUNDARY_URL_TEMPLATE").format(dataset=dataset, area_type_id=area_type_id)


def fetch_boundaries(area_type_id: int, client: BoundaryClient | None = None,
                     vintage: str | None = None) -> tuple[str, str]:
    """(GeoJSON text, source URL) for counties & UAs (502), districts & UAs (501) or MSOAs (3, per vintage)."""
    url = boundary_url(area_type_id, vintage)
    client = client or BoundaryClient.for_page(retries=2, read_timeout=60)
    text = client.get_url(url).text
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise FingertipsDataError(f"The boundaries from {url} are not valid GeoJSON.", source=url) from exc
    if not isinstance(data, dict) or not isinstance(data.get("features"), list) or not data["features"]:
        raise FingertipsDataError(f"The boundaries from {url} hold no areas.", source=url)
    return text, url

"""ONS boundary GeoJSON for maps, through the same network door as the Fingertips client."""
from __future__ import annotations

import json

import settings
from connectors.fingertips import FingertipsClient
from errors import FingertipsDataError

# Fingertips area type -> (ONS dataset name, the GeoJSON property holding the area code)
DATASETS: dict[int, tuple[str, str]] = {
    502: ("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC", "CTYUA23CD"),
    501: ("Local_Authority_Districts_May_2024_Boundaries_UK_BSC", "LAD24CD"),
}


class BoundaryClient(FingertipsClient):
    service = "ONS boundary service"


def boundary_url(area_type_id: int) -> str:
    dataset, _ = DATASETS[area_type_id]
    return settings.get("ONS_BOUNDARY_URL_TEMPLATE").format(dataset=dataset, area_type_id=area_type_id)


def fetch_boundaries(area_type_id: int, client: BoundaryClient | None = None) -> tuple[str, str]:
    """(GeoJSON text, source URL) for counties & UAs (502) or districts & UAs (501)."""
    if area_type_id not in DATASETS:
        raise FingertipsDataError(f"There are no map boundaries for area type {area_type_id}.")
    url = boundary_url(area_type_id)
    client = client or BoundaryClient.for_page(retries=2, read_timeout=60)
    text = client.get_url(url).text
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise FingertipsDataError(f"The boundaries from {url} are not valid GeoJSON.", source=url) from exc
    if not isinstance(data, dict) or not isinstance(data.get("features"), list) or not data["features"]:
        raise FingertipsDataError(f"The boundaries from {url} hold no areas.", source=url)
    return text, url

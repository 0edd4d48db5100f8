"""The one door to the Fingertips API: a requests session with timeouts, retries and typed errors.

Paths and parameters follow ../shared/fingertips/api/CONTRACT.md. Nothing here imports streamlit.
"""
from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import requests

import settings
from connectors.http import build_session, failure_sentence, status_sentence
from errors import FingertipsAPIError, FingertipsDataError

Progress = Callable[[int, int | None], None]  # (bytes so far, total bytes or None)
CHUNK = 1 << 16


def _ids(values: Iterable[int]) -> str:
    return ",".join(str(int(v)) for v in values)


class FingertipsClient:
    """Client for the Fingertips public API (or the replay server in tests)."""

    def __init__(self, base_url: str | None = None, *, retries: int | None = None,
                 backoff: float | None = None, timeout: tuple[float, float] | None = None):
        self.base_url = (base_url or settings.api_url()).rstrip("/") + "/"
        self.retries = settings.get_int("HEP_RETRIES") if retries is None else retries
        backoff = settings.get_float("HEP_BACKOFF") if backoff is None else backoff
        self.timeout = timeout or (settings.get_float("HEP_CONNECT_TIMEOUT"), settings.get_float("HEP_READ_TIMEOUT"))
        self.session = build_session(self.retries, backoff)

    @classmethod
    def for_page(cls, retries: int = 1, read_timeout: float = 20):
        """A client for a call a page waits on: the settings, capped so the page never waits long."""
        return cls(retries=min(settings.get_int("HEP_RETRIES"), retries),
                   timeout=(min(settings.get_float("HEP_CONNECT_TIMEOUT"), 5),
                            min(settings.get_float("HEP_READ_TIMEOUT"), read_timeout)))

    # ---- transport -----------------------------------------------------------------------------
    def url(self, path: str, params: dict[str, Any] | None = None) -> str:
        return requests.Request("GET", self.base_url + path, params=params).prepare().url or path

    service = "Fingertips API"

    def _get(self, path: str, params: dict[str, Any] | None = None, *, stream: bool = False) -> requests.Response:
        return self.get_url(self.url(path, params), stream=stream)

    def get_url(self, url: str, *, stream: bool = False) -> requests.Response:
        """GET an absolute URL through this client's session (timeouts, retries, typed errors)."""
        try:
            response = self.session.get(url, timeout=self.timeout, stream=stream)
        except requests.exceptions.RequestException as exc:
            raise FingertipsAPIError(failure_sentence(exc, self.service, url, self.retries), url=url) from exc
        if response.status_code >= 400:
            raise FingertipsAPIError(_error_sentence(response, self.service), url=url, status=response.status_code)
        return response

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        response = self._get(path, params)
        try:
            return response.json()
        except (ValueError, requests.exceptions.RequestException) as exc:
            raise FingertipsDataError(
                f"The Fingertips API sent a reply that is not valid JSON ({response.url}). Try again later.",
                source=response.url) from exc

    def download(self, path: str, params: dict[str, Any], dest: Path, progress: Progress | None = None) -> Path:
        """Stream a file to `dest` (via a temporary name); retries a cut-off transfer, then raises."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        for attempt in range(self.retries + 1):
            response = self._get(path, params, stream=True)
            total = int(response.headers.get("Content-Length") or 0) or None
            done = 0
            try:
                with open(part, "wb") as fh:
                    for chunk in response.iter_content(CHUNK):
                        fh.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
                os.replace(part, dest)
                return dest
            except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
                    requests.exceptions.Timeout) as exc:
                part.unlink(missing_ok=True)
                if attempt == self.retries:
                    raise FingertipsDataError(
                        f"The download from {response.url} was cut off before the end "
                        f"({done:,} bytes arrived). Nothing was changed; try again later.",
                        source=response.url) from exc
                time.sleep(min(2 ** attempt, 10) * 0.1)
        raise AssertionError("unreachable")

    # ---- profiles and domains --------------------------------------------------------------------
    def profiles(self) -> list[dict]:
        return self.get_json("profiles")

    def profile(self, profile_id: int) -> dict | None:
        return self.get_json("profile", {"profile_id": profile_id})

    def group_metadata(self, group_ids: Iterable[int]) -> list[dict]:
        return self.get_json("group_metadata", {"group_ids": _ids(group_ids)})

    # ---- areas ------------------------------------------------------------------------------------
    def area_types(self) -> list[dict]:
        return self.get_json("area_types")

    def areas_by_area_type(self, area_type_id: int) -> list[dict]:
        return self.get_json("areas/by_area_type", {"area_type_id": area_type_id})

    def areas_by_parent(self, area_type_id: int, parent_area_code: str) -> list[dict]:
        return self.get_json("areas/by_parent_area_code",
                             {"area_type_id": area_type_id, "parent_area_code": parent_area_code})

    def parent_to_child_areas(self, child_area_type_id: int, parent_area_type_id: int) -> dict[str, list[str]]:
        return self.get_json("parent_to_child_areas", {"child_area_type_id": child_area_type_id,
                                                       "parent_area_type_id": parent_area_type_id})

    def nearest_neighbour_types(self) -> list[dict]:
        return self.get_json("nearest_neighbour_types")

    def nearest_neighbours(self, area_code: str, area_type_id: int, neighbour_type: int = 1) -> list[dict]:
        return self.areas_by_parent(area_type_id, f"nn-{neighbour_type}-{area_code}")

    def available_data(self, indicator_id: int | None = None, area_type_id: int | None = None) -> list[dict]:
        params = {k: v for k, v in {"indicator_id": indicator_id, "area_type_id": area_type_id}.items() if v}
        return self.get_json("available_data", params)

    # ---- metadata ---------------------------------------------------------------------------------
    def indicator_metadata(self, indicator_ids: Iterable[int]) -> dict[str, dict]:
        return self.get_json("indicator_metadata/by_indicator_id", {"indicator_ids": _ids(indicator_ids)})

    def indicator_metadata_frame(self, indicator_ids: Iterable[int]) -> pd.DataFrame:
        """indicator_metadata/by_indicator_id as a frame with the metadata CSV's headings."""
        return metadata_frame(self.indicator_metadata(indicator_ids), source=self.url("indicator_metadata"))

    def indicator_metadata_by_group(self, group_ids: Iterable[int]) -> dict[str, dict]:
        return self.get_json("indicator_metadata/by_group_id", {"group_ids": _ids(group_ids)})

    def indicator_metadata_csv(self, *, profile_id: int | None = None,
                               indicator_ids: Iterable[int] | None = None) -> pd.DataFrame:
        params: dict[str, Any]
        if profile_id is not None:
            path, params = "indicator_metadata/csv/by_profile_id", {"profile_id": profile_id}
        else:
            path, params = "indicator_metadata/csv/by_indicator_id", {"indicator_ids": _ids(indicator_ids or [])}
        response = self._get(path, params)
        try:
            text = response.content.decode("utf-8-sig")
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (UnicodeDecodeError, pd.errors.ParserError, requests.exceptions.RequestException) as exc:
            raise FingertipsDataError(f"The indicator metadata from {response.url} could not be read.",
                                      source=response.url) from exc
        if "Indicator ID" not in frame.columns:
            raise FingertipsDataError(f"The indicator metadata from {response.url} has no 'Indicator ID' column.",
                                      source=response.url, missing=["Indicator ID"])
        return frame

    # ---- bulk data ---------------------------------------------------------------------------------
    def download_data(self, dest: Path, *, child_area_type_id: int, parent_area_type_id: int = 15,
                      profile_id: int | None = None, group_id: int | None = None,
                      indicator_ids: Iterable[int] | None = None, progress: Progress | None = None,
                      parent_area_code: str | None = None) -> Path:
        """Download the bulk CSV by profile, by group or by indicator ids (exactly one of them); with
        `parent_area_code`, only the child areas of that one parent (how small areas are asked for, one local
        authority at a time: child_area_type_id=3, parent_area_type_id=501 or 502)."""
        params: dict[str, Any] = {"child_area_type_id": child_area_type_id,
                                  "parent_area_type_id": parent_area_type_id,
                                  "include_sortable_time_periods": "yes"}
        if parent_area_code:
            params["parent_area_code"] = parent_area_code
        if profile_id is not None:
            path, params["profile_id"] = "all_data/csv/by_profile_id", profile_id
        elif group_id is not None:
            path, params["group_id"] = "all_data/csv/by_group_id", group_id
        else:
            ids = list(indicator_ids or [])
            if not 0 < len(ids) <= 100:
                raise ValueError("give between 1 and 100 indicator ids")
            path, params["indicator_ids"] = "all_data/csv/by_indicator_id", _ids(ids)
        return self.download(path, params, dest, progress)


# IndicatorMetadata JSON field -> the metadata CSV heading it fills (nested fields as "Outer.Inner")
METADATA_JSON_FIELDS = {
    "Descriptive.Name": "Indicator", "Descriptive.Definition": "Definition", "Descriptive.Rationale": "Rationale",
    "Descriptive.DataSource": "Data source", "Descriptive.Methodology": "Methodology",
    "ConfidenceIntervalMethod.Name": "Confidence interval details", "Unit.Label": "Unit",
    "ValueType.Name": "Value type", "YearType.Name": "Year type", "Descriptive.Frequency": "Frequency",
    "Polarity.Name": "Polarity",
}


def metadata_frame(payload: Any, *, source: str = "the indicator metadata") -> pd.DataFrame:
    """An `indicator_metadata/...` JSON response (an object keyed by indicator id, or a list) as a text
    frame with the metadata CSV's headings, for store.importer.import_metadata."""
    items = list(payload.values()) if isinstance(payload, dict) else payload
    if not isinstance(items, list) or not all(isinstance(m, dict) for m in items):
        raise FingertipsDataError(f"{source} is not a Fingertips indicator-metadata response (an object of "
                                  "indicators keyed by ID).", source=source)
    rows = []
    for m in items:
        row = {"Indicator ID": str(m.get("IID", "") if m.get("IID") is not None else "")}
        for path, heading in METADATA_JSON_FIELDS.items():
            value: Any = m
            for part in path.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            row[heading] = "" if value is None else str(value)
        rows.append(row)
    return pd.DataFrame(rows, columns=["Indicator ID", *METADATA_JSON_FIELDS.values()], dtype=str)


def _error_sentence(response: requests.Response, service: str = "Fingertips API") -> str:
    detail = ""
    try:
        body = response.json()
        if isinstance(body, dict):
            detail = str(body.get("Message") or body.get("message") or "")
    except ValueError:
        detail = response.text[:200].strip()
    return status_sentence(response.status_code, service, detail, response.url)

"""Every setting of Health Equity Planner, declared once: name, default and help.

Read from the environment at call time (so tests and the CLI can change them). The README's
settings table is checked against this list by tests/test_settings.py.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("FINGERTIPS_API_URL", "https://fingertips.phe.org.uk/api/",
            "Base URL of the Fingertips API (ends in /api/)."),
    Setting("HEP_DATA_DIR", str(ROOT / "data" / "store"),
            "Folder of the local DuckDB store and downloads (git-ignored)."),
    Setting("HEP_STORE_URL", "",
            "Empty: pages read the single store file in HEP_DATA_DIR (one user). A folder (path or file:// URL) "
            "shared by many dashboard processes: it holds the store and the Parquet snapshots pages read. Or an "
            "S3-compatible bucket (s3://bucket/prefix): the refresh job publishes snapshots there and dashboards "
            "only read them (credentials from the usual AWS_* variables)."),
    Setting("HEP_S3_ENDPOINT_URL", "",
            "Address of an S3-compatible object store (MinIO, Ceph, a cloud's S3 API) for an s3:// HEP_STORE_URL; "
            "empty: Amazon S3."),
    Setting("HEP_CA_BUNDLE", "",
            "Path to a CA bundle for networks with TLS inspection (REQUESTS_CA_BUNDLE is honoured too)."),
    Setting("HEP_CONNECT_TIMEOUT", "10", "Seconds to wait for the API to accept a connection."),
    Setting("HEP_READ_TIMEOUT", "120", "Seconds to wait between bytes of an API response."),
    Setting("HEP_RETRIES", "4", "Retries on connection errors, 429 and 5xx (with backoff, honouring Retry-After)."),
    Setting("HEP_BACKOFF", "1.0", "Backoff factor in seconds between retries."),
    Setting("ONS_BOUNDARY_URL_TEMPLATE",
            "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/{dataset}/FeatureServer/0/query"
            "?where=1%3D1&outFields=*&outSR=4326&f=geojson",
            "URL of ONS boundary GeoJSON; {dataset} becomes the ONS dataset name, e.g. "
            "Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC."),
    Setting("NOMIS_API_URL", "https://www.nomisweb.co.uk/api/v01/",
            "Base URL of the Nomis API (ONS deaths by cause and population by age; ends in /api/v01/)."),
    Setting("NOMIS_API_KEY", "",
            "Optional Nomis unique ID (uid=0x...) from a free Nomis account; raises the 25,000-row cap per call."),
    Setting("HEP_MAX_UPLOAD_MB", "200", "Largest CSV a user may upload in the dashboard, in MB."),
    Setting("HEP_CHROMIUM_PATH", "/usr/bin/chromium", "Chromium used by kaleido to draw PNG/SVG exports and the pictures of charts on pages."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The setting's value from the environment, or its default."""
    value = os.environ.get(name, "").strip()
    return value or _BY_NAME[name].default


def get_float(name: str) -> float:
    try:
        return float(get(name))
    except ValueError:
        return float(_BY_NAME[name].default)


def get_int(name: str) -> int:
    return int(get_float(name))


def data_dir() -> Path:
    path = Path(get("HEP_DATA_DIR"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_folder() -> Path | None:
    """The shared store folder named by HEP_STORE_URL, or None for the single-file store in HEP_DATA_DIR or
    a store in an object store (see store_bucket)."""
    url = get("HEP_STORE_URL")
    if not url or url.startswith("s3://"):
        return None
    if url.startswith("file://"):
        url = url[len("file://"):]
    if "://" in url:
        raise ValueError(f"HEP_STORE_URL={url!r}: use a folder (a path or a file:// URL) or an S3-compatible "
                         "bucket (s3://bucket/prefix); other kinds of address are not supported.")
    path = Path(url)
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_bucket() -> str | None:
    """The s3://bucket/prefix HEP_STORE_URL names, or None."""
    url = get("HEP_STORE_URL")
    if not url.startswith("s3://"):
        return None
    if not url[len("s3://"):].strip("/"):
        raise ValueError(f"HEP_STORE_URL={url!r} names no bucket: write it as s3://bucket or s3://bucket/prefix.")
    return url.rstrip("/")


def api_url() -> str:
    url = get("FINGERTIPS_API_URL")
    return url if url.endswith("/") else url + "/"


def nomis_url() -> str:
    url = get("NOMIS_API_URL")
    return url if url.endswith("/") else url + "/"


def shared_dir() -> Path | None:
    """../shared beside the checkout (or HEP_SHARED_DIR), used by tests and benches only."""
    env = os.environ.get("HEP_SHARED_DIR")
    path = Path(env) if env else ROOT.parent / "shared"
    return path if (path / "fingertips").is_dir() else None

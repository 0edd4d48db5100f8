"""Fill the store from the dashboard: refresh from the API or import uploaded CSVs, with progress."""
from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import settings
from geography import AREA_TYPE_NAMES, LOCAL_AUTHORITY_TYPES, MSOA_TYPE
from loading.boundaries import import_boundary_files
from loading.refresh import import_files, refresh_profile
from loading.small_areas import refresh_small_areas
from services.data import areas, clear_caches, store

DEFAULT_PROFILES = {  # url key -> label; found by key in the API's profile list
    "public-health-outcomes-framework": "Public Health Outcomes Framework",
    "health-profiles": "Health Profiles",
    "local-health": "Local Health",
    "wider-determinants": "Wider Determinants of Health",
    "marmot-indicators": "Marmot indicators",
}
AREA_TYPES = {t: AREA_TYPE_NAMES[t] for t in LOCAL_AUTHORITY_TYPES}
SMALL_AREAS = {MSOA_TYPE: "MSOA small areas (Local Health, for the local authorities chosen below)"}


def api_url() -> str:
    """The Fingertips API this dashboard downloads from (the FINGERTIPS_API_URL setting)."""
    return settings.api_url()


def refresh(profile_keys: list[str], area_type_ids: list[int], status) -> int:
    """Download each profile for each area type, reporting into an st.status box. Returns rows loaded."""
    total = len(profile_keys) * len(area_type_ids)
    bar = status.progress(0.0)
    rows = 0
    for n, (key, type_id) in enumerate((k, t) for k in profile_keys for t in area_type_ids):
        label = f"{DEFAULT_PROFILES.get(key, key)} for {AREA_TYPES.get(type_id, type_id)}"
        status.write(f"Downloading {label}…")

        def step(message: str, fraction: float | None, n: int = n) -> None:
            bar.progress(min((n + (fraction or 0.0)) / total, 1.0), text=message)

        rows += refresh_profile(key, type_id, 6, store=store(), step=step).rows
    clear_caches()
    return rows


def refresh_small_areas_for(la_codes: list[str], status) -> int:
    """Download Local Health's MSOA data for each local authority (one download each), reporting into an st.status
    box. Returns rows stored."""
    bar = status.progress(0.0)
    status.write(f"Downloading Local Health small areas for {len(la_codes)} local authorit"
                 f"{'y' if len(la_codes) == 1 else 'ies'}…")

    def step(message: str, fraction: float | None) -> None:
        bar.progress(min(fraction or 0.0, 1.0), text=message)

    results = refresh_small_areas("local-health", la_codes, store=store(), step=step)
    clear_caches()
    return sum(r.rows_stored for r in results)


def local_authorities() -> dict[str, str]:
    """code -> 'Name (code)' for the local authorities the store knows (for the small-area choice)."""
    frame = areas()
    frame = frame[frame["area_type_id"].isin(LOCAL_AUTHORITY_TYPES)].drop_duplicates("area_code")
    return {c: f"{n} ({c})" for c, n in sorted(zip(frame["area_code"], frame["area_name"]), key=lambda x: x[1])}


def import_boundary_uploads(uploads) -> list:
    """Import uploaded GeoJSON files as map boundaries, in one write."""
    with _saved(uploads) as paths:
        results = import_boundary_files(paths, store=store())
    clear_caches()
    return results


@contextlib.contextmanager
def _saved(uploads) -> Iterator[list[Path]]:
    """The uploads checked against the size limit and saved to a temporary folder, under safe names."""
    limit = settings.get_int("HEP_MAX_UPLOAD_MB") * 1_000_000
    too_big = [u.name for u in uploads if u.size > limit]
    if too_big:
        raise ValueError(f"{', '.join(too_big)} is larger than the {limit // 1_000_000} MB limit (HEP_MAX_UPLOAD_MB).")
    with tempfile.TemporaryDirectory(dir=settings.data_dir()) as tmp:
        paths: list[Path] = []
        for i, u in enumerate(uploads):
            path = Path(tmp) / _file_name(u.name, i, {p.name for p in paths})
            path.write_bytes(u.getvalue())
            paths.append(path)
        yield paths


def _file_name(name: str, index: int, taken: set[str]) -> str:
    """The upload's own file name where it is safe here: no folders, NUL bytes, '..', clashes or long names."""
    base = Path(name.replace("\x00", "")).name
    if base in ("", ".", "..") or len(base.encode()) > 200:
        base = "upload.csv"
    while base in taken:
        base = f"{index + 1}-{base}"
    return base


def import_uploads(uploads) -> list:
    """Import uploaded Fingertips CSVs (values or definitions), in one write."""
    with _saved(uploads) as paths:
        results = import_files(paths, store=store())
    clear_caches()
    return results

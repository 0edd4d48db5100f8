"""What the life-expectancy gap page reads and fills: the mortality datasets held, their groups and years, the
gap between two groups (cached), the import of an uploaded file and the download from Nomis."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import settings
from analysis.mortality import compare_groups
from analysis.mortality_pool import natural_key, pooled, top_age
from analysis.segment import SegmentGap
from errors import MortalityDataError
from geography import ENGLAND
from loading import mortality as loader
from services.data import cached, clear_caches, store
from services.loading import _file_name
from store import mortality as stored
from store.db import Store

SEXES = {"persons": "Persons", "male": "Male", "female": "Female"}
COMPARE = {"groups": "Two groups of an imported file", "england": "An area and England (Nomis)"}
MEASURES = {"birth": "At birth", "75": "To age 75"}


def _key() -> tuple[str, tuple[int, int]]:
    s = store()
    return str(s.path), s.version()


@cached
def _datasets(path: str, version: tuple[int, int]) -> pd.DataFrame:
    return stored.datasets(Store(path))


def datasets() -> pd.DataFrame:
    """One row per mortality dataset held (empty when none)."""
    return _datasets(*_key())


@cached
def _rows(path: str, version: tuple[int, int], dataset: str) -> pd.DataFrame:
    return stored.dataset_rows(Store(path), dataset)


def rows(dataset: str) -> pd.DataFrame:
    return _rows(*_key(), dataset)


def compare_options(held: pd.DataFrame) -> dict[str, str]:
    """The kinds of comparison the data held allow (groups of a file first)."""
    kinds = set(held["kind"])
    return {k: v for k, v in COMPARE.items() if (k == "groups" and "groups" in kinds) or
            (k == "england" and "area" in kinds)}


def _listed(value) -> list:
    """A list column's cell as a list (DuckDB gives NULL, not [], when a dataset has no years)."""
    return [] if value is None or not hasattr(value, "__len__") else list(value)


def group_datasets(held: pd.DataFrame) -> dict[str, str]:
    """Imported datasets: name -> label with its groups and years."""
    out = {}
    for r in held[held["kind"] == loader.KIND_GROUPS].itertuples():
        years = _listed(r.years)
        span = f", {years[0]}–{years[-1]}" if years else ""
        out[r.dataset] = f"{r.dataset} ({len(r.groups)} groups{span})"
    return out


def areas_held(held: pd.DataFrame) -> dict[str, str]:
    """Areas downloaded from Nomis: GSS code -> name."""
    out = {}
    for r in held[held["kind"] == loader.KIND_AREA].itertuples():
        code = r.dataset.split()[-1]
        out[code] = next((g for g in r.groups if g != "England"), code)
    return out


def area_dataset(code: str) -> str:
    return f"Nomis {code}"


def groups(dataset: str) -> list[str]:
    return sorted(rows(dataset)["group_name"].dropna().unique(), key=natural_key)


def years(dataset: str) -> list[int]:
    return sorted(int(y) for y in rows(dataset)["year"].dropna().unique())


def is_rounded(dataset: str) -> bool:
    return bool(rows(dataset)["rounded"].any())


def source_of(dataset: str) -> tuple[str, str]:
    """(source, fetched at) of a dataset."""
    held = datasets()
    row = held[held["dataset"] == dataset]
    return (str(row["source"].iloc[0]), str(row["fetched_at"].iloc[0])) if len(row) else ("", "")


@dataclass(frozen=True)
class Choice:
    """What the page asks for: two groups of one dataset, a sex, a run of years and the measure."""

    dataset: str
    group_a: str
    group_b: str
    sex: str  # Male / Female / Persons
    years: tuple[int, ...] = ()  # () = every year held
    measure: str = "75"  # "birth" or "75"


@dataclass(frozen=True)
class GapResult:
    """The gap (None when it cannot be worked out), the years used and notes on the data."""

    gap: SegmentGap | None
    years: tuple[int, ...]
    notes: tuple[str, ...]
    top_age: int | None


def measures(dataset: str) -> tuple[dict[str, str], int | None]:
    """(life-expectancy measures the data allow, the age where the data stop: None with a 90+ band)."""
    top = top_age(rows(dataset))
    if top is None:
        return MEASURES, None
    return ({"75": MEASURES["75"]} if top >= 75 else {}), top


@cached
def _gap(path: str, version: tuple[int, int], choice: Choice) -> GapResult:
    frame, used, notes = pooled(stored.dataset_rows(Store(path), choice.dataset),
                                (choice.group_a, choice.group_b), list(choice.years) or None)
    top = top_age(frame) if len(frame) else None
    if frame.empty:
        return GapResult(None, tuple(used), tuple(notes or ["There are no deaths and population for these years."]),
                         top)
    upper = None if choice.measure == "birth" and top is None else 75.0
    try:
        result = compare_groups(frame, choice.group_a, choice.group_b, sex=choice.sex, upper_age=upper)
    except MortalityDataError as exc:
        return GapResult(None, tuple(used), (*notes, str(exc)), top)
    return GapResult(result, tuple(used), tuple(notes), top)


def gap(choice: Choice) -> GapResult:
    return _gap(*_key(), choice)


def import_upload(upload) -> loader.MortalityLoad:
    """Save an uploaded CSV to a temporary folder, check its size, then import it."""
    limit = settings.get_int("HEP_MAX_UPLOAD_MB") * 1_000_000
    if upload.size > limit:
        raise ValueError(f"{upload.name} is larger than the {limit // 1_000_000} MB limit (HEP_MAX_UPLOAD_MB).")
    with tempfile.TemporaryDirectory(dir=settings.data_dir()) as tmp:
        path = Path(tmp) / _file_name(upload.name, 0, set())
        path.write_bytes(upload.getvalue())
        result = loader.import_file(path, store=store(), name=path.name)
    clear_caches()
    return result


def download_nomis(area_code: str, first: int, last: int, step) -> loader.MortalityLoad:
    """An area and England from Nomis over the years first…last, reporting progress through `step`."""
    result = loader.download_nomis(area_code, range(int(first), int(last) + 1), store=store(), step=step)
    clear_caches()
    return result


__all__ = ["COMPARE", "ENGLAND", "MEASURES", "SEXES", "Choice", "GapResult", "area_dataset", "areas_held",
           "compare_options", "datasets", "download_nomis", "gap", "group_datasets", "groups", "import_upload",
           "is_rounded", "measures", "rows", "source_of", "years"]

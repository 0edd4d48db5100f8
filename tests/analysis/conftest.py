"""Fixtures for the analysis tests: the shared Fingertips sample, read in place (never copied)."""
from __future__ import annotations

import pandas as pd
import pytest

import settings
from store.column_map import rename_map
from store.schema import NUMERIC_VALUE_COLUMNS


def _shared_file(name: str):
    shared = settings.shared_dir()
    if shared is None:
        pytest.skip("shared Fingertips sample not found (settings.shared_dir() is None; set HEP_SHARED_DIR)")
    path = shared / "fingertips" / "data" / name
    if not path.is_file():
        pytest.skip(f"shared Fingertips sample has no {name}")
    return path


@pytest.fixture(scope="session")
def sample_values() -> pd.DataFrame:
    """indicator_values.csv with store column names, numbers as floats and empty strings as NA."""
    raw = pd.read_csv(_shared_file("indicator_values.csv"), dtype=str, keep_default_na=False)
    frame = raw.rename(columns=rename_map(list(raw.columns)))
    frame = frame.replace("", pd.NA)
    for column in NUMERIC_VALUE_COLUMNS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


@pytest.fixture(scope="session")
def sample_metadata() -> pd.DataFrame:
    """indicator_metadata.csv as strings (empty strings kept), indexed by integer indicator ID."""
    meta = pd.read_csv(_shared_file("indicator_metadata.csv"), dtype=str, keep_default_na=False)
    meta["indicator_id"] = meta["Indicator ID"].astype(int)
    return meta.set_index("indicator_id")

"""Loaders for the shared Fingertips sample used by the analysis tests (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from store.column_map import rename_map
from store.schema import NUMERIC_VALUE_COLUMNS


def load_values(path: Path) -> pd.DataFrame:
    """A bulk CSV with store column names, numbers as floats and empty strings as NA."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = raw.rename(columns=rename_map(list(raw.columns))).replace("", pd.NA)
    for column in NUMERIC_VALUE_COLUMNS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def load_metadata(path: Path) -> pd.DataFrame:
    """indicator_metadata.csv as strings (empty strings kept), indexed by integer indicator ID."""
    meta = pd.read_csv(path, dtype=str, keep_default_na=False)
    return meta.set_index(meta["Indicator ID"].astype(int).rename("indicator_id"))


def polarity_by_indicator(meta: pd.DataFrame) -> pd.Series:
    """The polarity to test with: the one implied by Fingertips' own labels when set, else 'Polarity'."""
    implied = meta["Polarity implied by Compared-to-England labels"]
    return implied.where(implied.str.match(r"^(High is good|Low is good|No judgement)"), meta["Polarity"])

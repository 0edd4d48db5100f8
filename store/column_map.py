"""Fingertips bulk-CSV headers -> store column names (derived from store.schema)."""
from __future__ import annotations

import re

from store.schema import INDICATOR_VALUE_FIELDS

PARENT_COMPARISON = re.compile(r"^Compared to (?!England value)(?!goal).*percentiles$")

HEADER_TO_COLUMN: dict[str, str] = {
    f.source: f.name for f in INDICATOR_VALUE_FIELDS if f.source and "*" not in f.source
}
REQUIRED_HEADERS: list[str] = [f.source for f in INDICATOR_VALUE_FIELDS if f.source]


def column_for(header: str) -> str | None:
    """The store column for one CSV header, or None when the header is not Fingertips'."""
    header = header.strip()
    if header in HEADER_TO_COLUMN:
        return HEADER_TO_COLUMN[header]
    if PARENT_COMPARISON.match(header):
        return "compared_to_parent"
    return None


def rename_map(headers: list[str]) -> dict[str, str]:
    """Map every recognised header to its column; unrecognised headers are left out."""
    out = {}
    for h in headers:
        c = column_for(h)
        if c:
            out[h] = c
    return out

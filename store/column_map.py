"""Fingertips bulk-CSV headers -> store columns, matched by meaning rather than by exact text.

A header is first *normalised*: lower-cased and stripped of everything but letters and digits, so that
`Area Name`, `AreaName`, `area_name`, `AREA NAME` and fingertipsR's `AreaName` are one key. The alias
table below then names, for every store column, the spellings seen in real files:

| store column | spellings (besides the schema's own header)                  | seen in                         |
|--------------|--------------------------------------------------------------|---------------------------------|
| area_name    | `AreaName`                                                   | the website's "Export table"    |
| compared_to_parent | any `Compared to <X> value or percentiles` (X not England), `Compared to percentiles`, `Compared to parent value or percentiles` | API (X = parent type's short name), website export |
| compared_to_goal | `Target data`                                            | fingertipsR's rename (older API)|
| time_period_range | `Time period range`                                     | API since 2022, 2025 web export |

Columns the store knows but does not keep (`Column not used`, which `all_data/csv/for_one_indicator` writes
where column 23 was, holding `Not compared`; an empty header, as a spreadsheet's index column leaves) are
ignored on purpose and listed in the import summary. Any other header is *unexpected*: its column is ignored
and the summary warns, naming it. Only a missing required column, or two columns meaning the same thing,
stops a file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.schema import INDICATOR_VALUE_FIELDS

# store column -> extra spellings (the schema's `source` header is always accepted too)
ALIASES: dict[str, tuple[str, ...]] = {
    "indicator_id": ("IndicatorID", "Indicator Id"),
    "area_name": ("AreaName",),
    "lower_ci_95": ("Lower CI 95 limit", "LowerCI95.0limit"),
    "upper_ci_95": ("Upper CI 95 limit", "UpperCI95.0limit"),
    "compared_to_parent": ("Compared to parent value or percentiles", "Compared to percentiles"),
    "compared_to_goal": ("Target data",),
}
# Known columns that are left out on purpose: normalised header -> why (shown in the import summary)
IGNORED_ON_PURPOSE: dict[str, str] = {
    "columnnotused": "Fingertips writes 'Column not used' (always 'Not compared') where the comparison with "
                     "the parent area would be, in files from all_data/csv/for_one_indicator",
    "": "a column without a heading (a spreadsheet's row numbers)",
    "unnamed0": "a column without a heading (a spreadsheet's row numbers)",
}
OPTIONAL: frozenset[str] = frozenset({"time_period_range"})  # 27th column since 2022; older files lack it
PARENT_COLUMN = "compared_to_parent"
NOT_USED = "columnnotused"
_PARENT = re.compile(r"^comparedto(?!england)(?!goal)[a-z0-9]*percentiles$")


def normalise(header: str) -> str:
    """The matching key of a header: lower case, letters and digits only ('Area Name' -> 'areaname')."""
    return re.sub(r"[^a-z0-9]", "", header.strip().lstrip("\ufeff").lower())


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for f in INDICATOR_VALUE_FIELDS:
        for spelling in (f.source or "", *ALIASES.get(f.name, ())):
            if spelling and "*" not in spelling:
                index[normalise(spelling)] = f.name
    return index


ALIAS_INDEX: dict[str, str] = _alias_index()
HEADER_TO_COLUMN: dict[str, str] = {
    f.source: f.name for f in INDICATOR_VALUE_FIELDS if f.source and "*" not in f.source
}
REQUIRED_COLUMNS: tuple[str, ...] = tuple(f.name for f in INDICATOR_VALUE_FIELDS if f.name not in OPTIONAL)
SOURCE_OF: dict[str, str] = {f.name: f.source or f.name for f in INDICATOR_VALUE_FIELDS}
SOURCE_OF[PARENT_COLUMN] = "Compared to <parent> value or percentiles"
REQUIRED_HEADERS: list[str] = [SOURCE_OF[c] for c in REQUIRED_COLUMNS]


def column_for(header: str) -> str | None:
    """The store column for one CSV header, or None when the header is not one the store keeps."""
    key = normalise(header)
    if key in ALIAS_INDEX:
        return ALIAS_INDEX[key]
    if _PARENT.match(key):
        return PARENT_COLUMN
    return None


def rename_map(headers: list[str]) -> dict[str, str]:
    """Map every recognised header to its column; unrecognised headers are left out."""
    return {h: c for h in headers if (c := column_for(h))}


@dataclass(frozen=True)
class HeaderMatch:
    """How a file's header lines up with the store: what is read, ignored, missing or doubled."""
    header: tuple[str, ...]
    columns: dict[str, int]  # store column -> position in the file
    parent_label: str | None  # column 23's header text, e.g. 'Compared to Region value or percentiles'
    ignored: tuple[tuple[str, str], ...] = ()  # (header, why) for known columns left out on purpose
    unexpected: tuple[str, ...] = ()  # headers nobody knows: ignored, with a warning
    missing: tuple[str, ...] = ()  # required headers not found (Fingertips' own spelling)
    repeated: tuple[str, ...] = field(default=())  # headers of columns that mean the same as another

    @property
    def ok(self) -> bool:
        return not self.missing and not self.repeated


def match_header(header: list[str]) -> HeaderMatch:
    """Line a header up with the store's columns (see the module's alias table)."""
    columns: dict[str, int] = {}
    ignored, unexpected, repeated = [], [], []
    for i, h in enumerate(header):
        column, key = column_for(h), normalise(h)
        if column is None:
            if key in IGNORED_ON_PURPOSE:
                ignored.append((h.strip() or f"(column {i + 1}, no heading)", IGNORED_ON_PURPOSE[key]))
            else:
                unexpected.append(h.strip())
        elif column in columns:
            repeated.append(h.strip())
        else:
            columns[column] = i
    has_not_used = any(normalise(h) == NOT_USED for h in header)
    missing = [SOURCE_OF[c] for c in REQUIRED_COLUMNS
               if c not in columns and not (c == PARENT_COLUMN and has_not_used)]
    parent = header[columns[PARENT_COLUMN]].strip() if PARENT_COLUMN in columns else None
    return HeaderMatch(tuple(header), columns, parent, tuple(ignored), tuple(unexpected), tuple(missing),
                       tuple(repeated))

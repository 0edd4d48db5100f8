"""The six Longer Lives causes of premature (under-75) death and the Fingertips indicators that measure them.

Pure: reads nothing. :func:`find_cause_indicators` works on any indicator metadata frame (the sample's
``indicator_metadata.csv``, the API's ``indicator_metadata/all``, or the store's definitions).

Matching rule, applied to each indicator name after lower-casing and collapsing spaces:

1. The name must state the under-75 age limit ("under 75", "aged 74 and under" or "<75") and must not be
   a variant: names containing "excess", "severe mental illness", "(2016 definition)" or "standardised
   mortality ratio" are skipped (SMI excess rates, the superseded 2016 preventable definitions, SMRs).
2. The cause phrase is what follows "mortality rate from" (or "for"), without a trailing "aged 74 and
   under" or bracketed note such as "(per 100,000 population)".
3. A cause matches when its phrase is exactly one of the cause's phrases below, so "cancer considered
   preventable" is not "cancer" and "alcoholic liver disease" is not "liver disease".
4. When several indicators match one cause, the known id (:data:`KNOWN_CAUSE_IDS`) wins if among them,
   otherwise the lowest id.

The known ids are confirmed in the shared material: 108, 40401, 40501 and 93721 are in the sample's
``indicator_metadata.csv`` (40401, 40501 and 93721 with values; all four in PHOF domain E or the
Mortality Profile 125 of ``profiles.json``); 40601 (liver disease) and 40701 (respiratory disease) are
named in a recorded ``indicator_metadata/all`` response (FingertipsNext ``ft.json``) and listed by
``api/CONTRACT.md`` among the indicators Fingertips returns for profile 125, but the sample has no
metadata or values for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Cause:
    """One Longer Lives cause: key, words for sentences and charts, and the phrases that name it."""

    key: str
    label: str
    phrases: tuple[str, ...]
    known_id: int


PREMATURE_CAUSES: dict[str, Cause] = {
    c.key: c
    for c in (
        Cause("all_causes", "all causes", ("all causes",), 108),
        Cause("cancer", "cancer", ("cancer", "cancers", "all cancers", "all cancer"), 40501),
        Cause(
            "heart_disease_and_stroke",
            "heart disease and stroke",
            ("cardiovascular disease", "cardiovascular diseases", "all cardiovascular diseases",
             "all cardiovascular disease", "heart disease and stroke"),
            40401,
        ),
        Cause("lung_disease", "lung disease", ("respiratory disease", "respiratory diseases",
                                               "all respiratory diseases", "lung disease"), 40701),
        Cause("liver_disease", "liver disease", ("liver disease", "liver diseases"), 40601),
        Cause("preventable", "causes considered preventable",
              ("causes considered preventable", "all causes considered preventable"), 93721),
    )
}
KNOWN_CAUSE_IDS: dict[str, int] = {k: c.known_id for k, c in PREMATURE_CAUSES.items()}

_UNDER_75 = re.compile(r"under 75|aged 74 and under|<\s?75")
_VARIANTS = ("excess", "severe mental illness", "(2016 definition)", "standardised mortality ratio")
_PHRASE = re.compile(r"mortality rate (?:from|for) (?P<cause>.+)$")
_TAIL = re.compile(r"(?:\s*\([^)]*\)|\s+aged 74 and under)+$")


def cause_phrase(name: object) -> str | None:
    """The cause an under-75 mortality rate indicator is about ("cancer", "all causes", …), or None."""
    if not isinstance(name, str):
        return None
    text = " ".join(name.lower().split())
    if not _UNDER_75.search(text) or any(v in text for v in _VARIANTS):
        return None
    found = _PHRASE.search(text)
    if not found:
        return None
    return _TAIL.sub("", found["cause"]).strip() or None


def cause_of(name: object) -> str | None:
    """The key of the Longer Lives cause an indicator name measures, or None."""
    phrase = cause_phrase(name)
    return next((c.key for c in PREMATURE_CAUSES.values() if phrase in c.phrases), None)


def _column(frame: pd.DataFrame, *names: str) -> pd.Series:
    for name in names:
        if name in frame.columns:
            return frame[name]
    raise ValueError(f"indicator metadata needs one of the columns {', '.join(names)}")


def find_cause_indicators(metadata: pd.DataFrame, *, fallback: bool = False) -> dict[str, int]:
    """cause key -> indicator id found by name in `metadata` (rule in the module docstring).

    `metadata` needs an id and a name column ("Indicator ID"/"Indicator Name", "indicator_id"/
    "indicator_name", or the API's "IID"/"Name"). Causes with no matching indicator are left out,
    unless `fallback` is true: then they take their known id. Keys come in PREMATURE_CAUSES order.
    """
    ids = pd.to_numeric(_column(metadata, "Indicator ID", "indicator_id", "IID"), errors="coerce")
    names = _column(metadata, "Indicator Name", "indicator_name", "Name")
    matches: dict[str, set[int]] = {}
    for indicator_id, name in zip(ids, names, strict=True):
        key = cause_of(name)
        if key is not None and pd.notna(indicator_id):
            matches.setdefault(key, set()).add(int(indicator_id))
    found: dict[str, int] = {}
    for key, cause in PREMATURE_CAUSES.items():
        candidates = matches.get(key, set())
        if candidates:
            found[key] = cause.known_id if cause.known_id in candidates else min(candidates)
        elif fallback:
            found[key] = cause.known_id
    return found


def missing_causes(found: dict[str, int]) -> list[str]:
    """Labels of the causes `found` has no indicator for, in PREMATURE_CAUSES order."""
    return [c.label for k, c in PREMATURE_CAUSES.items() if k not in found]

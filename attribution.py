"""The one attribution helper: the source and licence line of every page, chart export and file.

Every layer may import it (docs/architecture.md); nothing else spells out the licence.
"""
from __future__ import annotations

from datetime import date, datetime

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
BOUNDARIES = ("Contains ONS boundaries: Source: Office for National Statistics licensed under the Open Government "
              "Licence v3.0. Contains OS data © Crown copyright and database right.")
PAGE_SOURCES = ("Sources: OHID Fingertips (indicator data and definitions); ONS Open Geography (boundaries); "
                "PHE/OHID Health equity collection on GOV.UK (guidance).")
GUIDANCE = "Public Health England, Health equity collection"


def date_text(data_as_of: date | datetime | str) -> str:
    """'5 March 2025' from a date, datetime or ISO string; other strings are kept as given."""
    if isinstance(data_as_of, str):
        try:
            data_as_of = date.fromisoformat(data_as_of.strip()[:10])
        except ValueError:
            return data_as_of.strip()
    return f"{data_as_of.day} {data_as_of:%B %Y}"


def source_line(data_as_of: date | datetime | str | None, with_boundaries: bool = False) -> str:
    """What every export carries: 'Source: OHID Fingertips, data as of …' and the OGL sentence (plus the
    ONS/OS boundary notice for maps)."""
    line = f"Source: OHID Fingertips, data as of {date_text(data_as_of or 'unknown date')}. {OGL}"
    return f"{line} {BOUNDARIES}" if with_boundaries else line


def mortality_line(source: str, data_as_of: date | datetime | str | None) -> str:
    """The source line of the life-expectancy gap charts: ONS via Nomis, or the file an analyst imported."""
    when = date_text(data_as_of or "unknown date")
    if source.startswith("http"):
        return (f"Source: Office for National Statistics, deaths registered and mid-year population estimates via "
                f"Nomis, © Crown copyright, data as of {when}. {OGL}")
    return f"Source: {source} (imported {when}); life expectancy and its decomposition calculated here."


def page_line(data_as_of: str | None) -> str:
    """The caption at the foot of every page."""
    as_of = f"Data as of {data_as_of}. " if data_as_of else ""
    return f"{as_of}{PAGE_SOURCES} {OGL}"


def guidance_line() -> str:
    return f"{OGL.removesuffix('.')} ({GUIDANCE})."

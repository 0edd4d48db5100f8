"""The guidance catalogue's records and constants: resources, themes and the one error type."""


from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from settings import ROOT

DEFAULT_FOLDER = ROOT / "data" / "guidance"
RESOURCES_FILE = "resources.yaml"
THEMES_FILE = "themes.yaml"
ALLOWLIST_FILE = "indicator_allowlist.yaml"
THEME_KINDS = ("section", "dimension")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]")


class CatalogueError(ValueError):
    """The catalogue could not be loaded; ``problems`` lists every reason, one sentence each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(
            f"{len(self.problems)} problem(s) in the guidance catalogue:\n- " + "\n- ".join(self.problems)
        )


@dataclass(frozen=True)
class Resource:
    """One guidance resource. ``themes`` starts with its collection section; ``published`` and
    ``last_updated`` are ISO strings of a year, a month or a day (``"2014"``, ``"2014-09"``, ``"2016-03-04"``)."""

    id: str
    title: str
    url: str
    url_verified: bool
    publisher: str
    published: str | None
    type: str
    themes: tuple[str, ...]
    profiles: tuple[str, ...]
    indicator_ids: tuple[int, ...]
    description: str
    alt_url: str | None = None
    alt_url_verified: bool | None = None
    last_updated: str | None = None
    series: str | None = None
    also_known_as: str | None = None

    @property
    def primary_theme(self) -> str:
        return self.themes[0]

    @property
    def published_date(self) -> dt.date | None:
        """First day of the published period (1 January for a bare year), for sorting; None when unknown."""
        return None if self.published is None else _first_day(self.published)


@dataclass(frozen=True)
class Theme:
    """A collection section or an inequality dimension (``kind``), with its indicators and resources."""

    id: str
    label: str
    kind: str
    description: str
    indicator_ids: tuple[int, ...]
    resource_ids: tuple[str, ...]


def _first_day(text: str) -> dt.date | None:
    """The first day of an ISO year/month/day string, or None when it is not a real date."""
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None

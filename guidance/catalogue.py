"""The health equity guidance catalogue: load, validate and query data/guidance/*.yaml.

Three files make up the catalogue:

- ``resources.yaml``: guidance resources (title, https address, publisher, date, type, themes, Fingertips
  profiles and indicator IDs, and a one-line description);
- ``themes.yaml``: the ten sections of the GOV.UK "Health equity" collection and the cross-cutting
  inequality dimensions, each with its indicator IDs and resource IDs;
- ``indicator_allowlist.yaml`` (optional): indicator IDs the catalogue may use although they are not in
  the indicator metadata the caller knows about, each with a reason.

:func:`load_catalogue` checks everything and reports every problem at once, by file and by resource or
theme id, in one :class:`CatalogueError`; nothing is dropped silently. All text stays plain strings and
markup is refused, but pages must still escape it when they render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guidance.models import (
    ALLOWLIST_FILE,
    DEFAULT_FOLDER,
    RESOURCES_FILE,
    THEME_KINDS,
    THEMES_FILE,
    CatalogueError,
    Resource,
    Theme,
)
from guidance.validation import (
    _RESOURCE_FIELDS,
    _THEME_FIELDS,
    _allowlist,
    _check_indicators,
    _check_links,
    _check_unique,
    _entries,
    _read_yaml,
    _resource,
    _theme,
)

__all__ = ["ALLOWLIST_FILE", "DEFAULT_FOLDER", "RESOURCES_FILE", "THEMES_FILE", "_RESOURCE_FIELDS", "_THEME_FIELDS",
           "Catalogue", "CatalogueError", "Resource", "Theme", "load_catalogue"]


@dataclass(frozen=True)
class Catalogue:
    """Validated resources and themes, with the look-ups the pages need.

    ``themes`` is ordered sections first, then dimensions (file order within each).
    ``allowed_indicators`` maps each allow-listed indicator ID to its reason.
    Look-ups by an unknown theme or resource id raise ``KeyError``.
    """

    resources: tuple[Resource, ...]
    themes: tuple[Theme, ...]
    allowed_indicators: dict[int, str] = field(default_factory=dict)
    _resource_by_id: dict[str, Resource] = field(init=False, repr=False, compare=False)
    _theme_by_id: dict[str, Theme] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(t for kind in THEME_KINDS for t in self.themes if t.kind == kind)
        object.__setattr__(self, "themes", ordered)
        object.__setattr__(self, "_resource_by_id", {r.id: r for r in self.resources})
        object.__setattr__(self, "_theme_by_id", {t.id: t for t in ordered})

    @property
    def sections(self) -> list[Theme]:
        return [t for t in self.themes if t.kind == "section"]

    @property
    def dimensions(self) -> list[Theme]:
        return [t for t in self.themes if t.kind == "dimension"]

    def theme(self, theme_id: str) -> Theme:
        return self._theme_by_id[theme_id]

    def resource(self, resource_id: str) -> Resource:
        return self._resource_by_id[resource_id]

    def resources_for_theme(self, theme_id: str) -> list[Resource]:
        """The theme's resources, in the order the theme lists them."""
        return [self._resource_by_id[r] for r in self.theme(theme_id).resource_ids]

    def resources_for_indicator(self, indicator_id: int) -> list[Resource]:
        """Resources that name this Fingertips indicator, in catalogue order."""
        return [r for r in self.resources if indicator_id in r.indicator_ids]

    def indicators_for_theme(self, theme_id: str) -> list[int]:
        """The Fingertips indicator IDs mapped to a theme, in the theme's order."""
        return list(self.theme(theme_id).indicator_ids)

    def themes_for_indicator(self, indicator_id: int) -> list[Theme]:
        """Themes (sections, then dimensions) whose indicator list includes this indicator."""
        return [t for t in self.themes if indicator_id in t.indicator_ids]

    def search(self, text: str = "", theme: str | None = None, type: str | None = None) -> list[Resource]:
        """Resources whose title, description, publisher, type, series or other title contain every word of
        ``text`` (case-insensitive), optionally only those in ``theme`` and of ``type``; catalogue order."""
        if theme is not None:
            self.theme(theme)  # unknown theme -> KeyError
        words = text.casefold().split()
        found = []
        for r in self.resources:
            if (theme is not None and theme not in r.themes) or (type is not None and r.type != type):
                continue
            haystack = " ".join(
                s for s in (r.title, r.description, r.publisher, r.type, r.series, r.also_known_as) if s
            ).casefold()
            if all(w in haystack for w in words):
                found.append(r)
        return found

    def types(self) -> list[str]:
        """The resource types in use, sorted."""
        return sorted({r.type for r in self.resources})


def load_catalogue(folder: Path = DEFAULT_FOLDER, known_indicator_ids: set[int] | None = None) -> Catalogue:
    """Load and validate the catalogue in ``folder``.

    When ``known_indicator_ids`` is given (e.g. the IDs in the indicator metadata), every indicator ID in
    the catalogue must be one of them or be on the allow-list. Raises :class:`CatalogueError` listing
    every problem found.
    """
    folder = Path(folder)
    problems: list[str] = []
    raw_resources = _read_yaml(folder / RESOURCES_FILE, problems)
    raw_themes = _read_yaml(folder / THEMES_FILE, problems)
    allow_path = folder / ALLOWLIST_FILE
    raw_allow = _read_yaml(allow_path, problems) if allow_path.exists() else {"indicators": []}
    if problems:
        raise CatalogueError(problems)

    resources = [
        _resource(e, i, problems)
        for i, e in enumerate(_entries(raw_resources, RESOURCES_FILE, "resources", problems))
    ]
    themes = [
        _theme(e, i, problems) for i, e in enumerate(_entries(raw_themes, THEMES_FILE, "themes", problems))
    ]
    allowed = _allowlist(_entries(raw_allow, ALLOWLIST_FILE, "indicators", problems), problems)
    # Entries with a usable id take part in the cross-checks even when a field was bad, so that one
    # mistake is reported once rather than again as a broken link; any problem stops the load below.
    resources_ok = [r for r in resources if r is not None]
    themes_ok = [t for t in themes if t is not None]
    _check_unique(resources_ok, RESOURCES_FILE, "resource", problems)
    _check_unique(themes_ok, THEMES_FILE, "theme", problems)
    _check_links(resources_ok, themes_ok, problems)
    _check_indicators(resources_ok, themes_ok, allowed, known_indicator_ids, problems)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(resources_ok), tuple(themes_ok), allowed)



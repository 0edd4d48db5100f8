"""Reading and checking the catalogue's YAML files: every problem is recorded as a sentence naming its file
and entry, never dropped silently."""


from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from guidance.models import (
    _MARKUP,
    _SLUG,
    ALLOWLIST_FILE,
    RESOURCES_FILE,
    THEME_KINDS,
    THEMES_FILE,
    Resource,
    Theme,
    _first_day,
)

# --- reading -------------------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key repeated in one mapping instead of keeping only the last value."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: set[tuple[str, str]] = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping",
                            node.start_mark,
                            f"found duplicate key {key_node.value!r}",
                            key_node.start_mark,
                        )
                    seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        # _StrictLoader is a SafeLoader: no Python objects are ever constructed.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except FileNotFoundError:
        problems.append(f"{path.name}: file not found in {path.parent}")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: cannot be read ({exc})")
    except Exception as exc:  # noqa: BLE001 - PyYAML raises more than YAMLError (ValueError for
        # impossible dates, AttributeError for `!!timestamp garbage`, RecursionError for deep nesting)
        detail = " ".join(str(exc).split())[:300]
        problems.append(f"{path.name}: not valid YAML ({detail})")
    return None


def _entries(raw: Any, file: str, key: str, problems: list[str]) -> list[Any]:
    """The list under ``key`` of a file's top-level mapping (empty after recording a problem)."""
    if not isinstance(raw, dict) or key not in raw:
        problems.append(f"{file}: expected a mapping with a '{key}' list at the top level")
        return []
    extra = sorted(str(k) for k in raw if k != key)
    if extra:
        problems.append(f"{file}: unexpected top-level key(s) {', '.join(extra)}")
    if not isinstance(raw[key], list):
        problems.append(f"{file}: '{key}' must be a list")
        return []
    return raw[key]


class _Entry:
    """Typed access to one mapping, recording a problem (naming the entry) for each bad field."""

    def __init__(
        self, raw: Any, file: str, noun: str, index: int, allowed: Iterable[str], problems: list[str]
    ):
        self.raw = raw if isinstance(raw, dict) else {}
        self.problems = problems
        rid = self.raw.get("id")
        has_id = (isinstance(rid, str) and bool(rid.strip())) or _is_id(rid)
        label = f"'{rid}'" if has_id else f"#{index + 1} (no valid id)"
        self.where = f"{file}: {noun} {label}"
        if not isinstance(raw, dict):
            self.problem("must be a mapping of fields")
        unknown = sorted(str(k) for k in self.raw if k not in allowed)
        if unknown:
            self.problem(f"unknown field(s) {', '.join(unknown)}")

    def problem(self, message: str) -> None:
        self.problems.append(f"{self.where}: {message}")

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"missing required field '{key}'")
            return None
        if not isinstance(value, str):
            self.problem(f"'{key}' must be text")
            return None
        if _MARKUP.search(value):
            self.problem(f"'{key}' must be plain text, not markup")
            return None
        return value.strip()

    def slug(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not _SLUG.match(value):
            self.problem(f"'{key}' must be lower-case words joined by hyphens")
            return None
        return value

    def flag(self, key: str, required: bool = True) -> bool | None:
        value = self.raw.get(key)
        if value is None:
            if required:
                self.problem(f"missing required field '{key}'")
            return None
        if not isinstance(value, bool):
            self.problem(f"'{key}' must be true or false")
            return None
        return value

    def url(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
            self.problem(f"'{key}' must be an https:// address, got {value!r}")
            return None
        return value

    def date(self, key: str, required: bool = True) -> str | None:
        """An ISO year, month or day; YAML dates and bare years are accepted and normalised to text."""
        if key not in self.raw:
            if required:
                self.problem(f"missing required field '{key}' (use null when unknown)")
            return None
        value = self.raw[key]
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and _first_day(value.strip()) is not None:
            return value.strip()
        self.problem(f"'{key}' must be a date like 2016, 2016-03 or 2016-03-04, got {value!r}")
        return None

    def list_of(self, key: str, kind: str) -> tuple[Any, ...]:
        """A list of slugs (``kind="slug"``) or positive integer IDs (``kind="id"``), without repeats."""
        value = self.raw.get(key)
        if value is None:
            self.problem(f"missing required field '{key}'")
            return ()
        if not isinstance(value, list):
            self.problem(f"'{key}' must be a list")
            return ()
        good: list[Any] = []
        for item in value:
            ok = (isinstance(item, str) and bool(_SLUG.match(item))) if kind == "slug" else _is_id(item)
            if not ok:
                what = "a lower-case hyphenated id" if kind == "slug" else "a positive whole number"
                self.problem(f"'{key}' item {item!r} must be {what}")
            elif item in good:
                self.problem(f"'{key}' lists {item!r} more than once")
            else:
                good.append(item)
        return tuple(good)


_RESOURCE_FIELDS = (
    "id",
    "title",
    "url",
    "url_verified",
    "alt_url",
    "alt_url_verified",
    "publisher",
    "published",
    "last_updated",
    "type",
    "series",
    "also_known_as",
    "themes",
    "profiles",
    "indicator_ids",
    "description",
)
_THEME_FIELDS = ("id", "label", "kind", "description", "indicator_ids", "resource_ids")


def _resource(raw: Any, index: int, problems: list[str]) -> Resource | None:
    e = _Entry(raw, RESOURCES_FILE, "resource", index, _RESOURCE_FIELDS, problems)
    themes = e.list_of("themes", "slug")
    if "themes" in e.raw and not themes:
        e.problem("'themes' must name at least one theme")
    alt_url = e.url("alt_url", required=False)
    resource = Resource(
        id=e.slug("id") or "",
        title=e.text("title") or "",
        url=e.url("url") or "",
        url_verified=bool(e.flag("url_verified")),
        publisher=e.text("publisher") or "",
        published=e.date("published"),
        type=e.text("type") or "",
        themes=themes,
        profiles=e.list_of("profiles", "slug"),
        indicator_ids=e.list_of("indicator_ids", "id"),
        description=e.text("description") or "",
        alt_url=alt_url,
        alt_url_verified=e.flag("alt_url_verified", required=alt_url is not None),
        last_updated=e.date("last_updated", required=False),
        series=e.text("series", required=False),
        also_known_as=e.text("also_known_as", required=False),
    )
    return resource if resource.id else None


def _theme(raw: Any, index: int, problems: list[str]) -> Theme | None:
    e = _Entry(raw, THEMES_FILE, "theme", index, _THEME_FIELDS, problems)
    kind = e.text("kind")
    if kind is not None and kind not in THEME_KINDS:
        e.problem(f"'kind' must be one of {', '.join(THEME_KINDS)}, got {kind!r}")
    theme = Theme(
        id=e.slug("id") or "",
        label=e.text("label") or "",
        kind=kind or "",
        description=e.text("description") or "",
        indicator_ids=e.list_of("indicator_ids", "id"),
        resource_ids=e.list_of("resource_ids", "slug"),
    )
    return theme if theme.id else None


def _allowlist(entries: list[Any], problems: list[str]) -> dict[int, str]:
    allowed: dict[int, str] = {}
    for index, raw in enumerate(entries):
        e = _Entry(raw, ALLOWLIST_FILE, "indicator", index, ("id", "name", "reason"), problems)
        indicator_id = e.raw.get("id")
        reason = e.text("reason")
        e.text("name", required=False)
        if not _is_id(indicator_id):
            e.problem("'id' must be a positive whole number")
        elif indicator_id in allowed:
            e.problem("listed more than once")
        elif reason is not None:
            allowed[indicator_id] = reason
    return allowed


# --- cross-checks --------------------------------------------------------------------------------------


def _check_unique(items: list[Resource] | list[Theme], file: str, noun: str, problems: list[str]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            problems.append(f"{file}: {noun} '{item.id}': id used more than once")
        seen.add(item.id)


def _check_links(resources: list[Resource], themes: list[Theme], problems: list[str]) -> None:
    """Resource themes exist, theme resource lists exist, and the two sides agree."""
    theme_ids = {t.id for t in themes}
    by_id = {r.id: r for r in resources}
    members = {t.id: set(t.resource_ids) for t in themes}
    for r in resources:
        for t in r.themes:
            if t not in theme_ids:
                problems.append(f"{RESOURCES_FILE}: resource '{r.id}': unknown theme '{t}'")
            elif r.id not in members[t]:
                problems.append(
                    f"{THEMES_FILE}: theme '{t}': resource_ids lacks '{r.id}', which lists this theme"
                )
    for t in themes:
        for rid in t.resource_ids:
            if rid not in by_id:
                problems.append(f"{THEMES_FILE}: theme '{t.id}': unknown resource '{rid}'")
            elif t.id not in by_id[rid].themes:
                problems.append(
                    f"{THEMES_FILE}: theme '{t.id}': lists resource '{rid}', "
                    f"whose themes do not include '{t.id}'"
                )


def _check_indicators(
    resources: list[Resource],
    themes: list[Theme],
    allowed: dict[int, str],
    known: set[int] | None,
    problems: list[str],
) -> None:
    """Every indicator ID is known or allow-listed; every allow-list entry is used."""
    owners = [(RESOURCES_FILE, "resource", r.id, r.indicator_ids) for r in resources]
    owners += [(THEMES_FILE, "theme", t.id, t.indicator_ids) for t in themes]
    if known is not None:
        for file, noun, owner_id, ids in owners:
            for i in ids:
                if i not in known and i not in allowed:
                    problems.append(
                        f"{file}: {noun} '{owner_id}': unknown indicator id {i} "
                        f"(not in the indicator metadata nor in {ALLOWLIST_FILE})"
                    )
    used = {i for *_, ids in owners for i in ids}
    for i in sorted(set(allowed) - used):
        problems.append(f"{ALLOWLIST_FILE}: indicator {i}: not used by any resource or theme")


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0

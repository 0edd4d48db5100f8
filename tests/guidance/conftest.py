"""Fixtures for the guidance catalogue tests: a small valid catalogue built in code, and the shared facts."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import settings

KNOWN_IDS = {101, 102, 103}
EXTRA_ID = 99999

Parts = dict[str, Any]


def _parts() -> Parts:
    """A tiny valid catalogue: two sections, one dimension, three resources and one allow-listed ID."""

    def resource(rid: str, themes: list[str], type_: str, ids: list[int], **extra: Any) -> dict[str, Any]:
        return {
            "id": rid,
            "title": f"Title of {rid}",
            "url": f"https://example.org/{rid}",
            "url_verified": True,
            "publisher": "Public Health England",
            "published": "2016-03",
            "type": type_,
            "themes": themes,
            "profiles": ["public-health-outcomes-framework"],
            "indicator_ids": ids,
            "description": f"Plain description of {rid}.",
            **extra,
        }

    def theme(tid: str, kind: str, ids: list[int], resource_ids: list[str]) -> dict[str, Any]:
        return {
            "id": tid,
            "label": tid.title(),
            "kind": kind,
            "description": f"About {tid}.",
            "indicator_ids": ids,
            "resource_ids": resource_ids,
        }

    return {
        "resources": [
            resource(
                "res-a", ["homes", "deprivation"], "guidance", [101, EXTRA_ID], series="Cold homes briefing"
            ),
            resource("res-b", ["homes"], "data tool", [102], published=None),
            resource(
                "res-c",
                ["jobs"],
                "guidance",
                [101, 103],
                published="2014-09-01",
                alt_url="https://example.org/alt",
                alt_url_verified=False,
            ),
        ],
        # the dimension comes first in the file, to check that sections are listed first
        "themes": [
            theme("deprivation", "dimension", [101], ["res-a"]),
            theme("homes", "section", [101, 102, EXTRA_ID], ["res-a", "res-b"]),
            theme("jobs", "section", [103], ["res-c"]),
        ],
        "indicators": [{"id": EXTRA_ID, "name": "Extra indicator", "reason": "real ID, not in the sample"}],
    }


def write_parts(folder: Path, parts: Parts) -> Path:
    """Write the three catalogue files for ``parts`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, key in (
        ("resources.yaml", "resources"),
        ("themes.yaml", "themes"),
        ("indicator_allowlist.yaml", "indicators"),
    ):
        (folder / name).write_text(yaml.safe_dump({key: parts[key]}, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def fresh_parts() -> Callable[[], Parts]:
    """A function returning a new, independent copy of the small valid catalogue."""
    return _parts


@pytest.fixture
def known_ids() -> set[int]:
    """Indicator IDs the small catalogue treats as known metadata (EXTRA_ID is allow-listed instead)."""
    return set(KNOWN_IDS)


@pytest.fixture
def write() -> Callable[[Path, Parts], Path]:
    return write_parts


@pytest.fixture(scope="session")
def shared_guidance() -> Path:
    shared = settings.shared_dir()
    if shared is None or not (shared / "guidance" / "catalogue.yaml").is_file():
        pytest.skip("shared facts (../shared/guidance) not available; set HEP_SHARED_DIR to run this test")
    return shared / "guidance"


@pytest.fixture(scope="session")
def metadata_ids() -> set[int]:
    shared = settings.shared_dir()
    path = shared / "fingertips" / "data" / "indicator_metadata.csv" if shared else None
    if path is None or not path.is_file():
        pytest.skip("shared indicator_metadata.csv not available; set HEP_SHARED_DIR to run this test")
    with path.open(newline="", encoding="utf-8") as f:
        return {int(row["Indicator ID"]) for row in csv.DictReader(f)}


@pytest.fixture(scope="session")
def source_catalogue(shared_guidance: Path) -> dict[str, Any]:
    return yaml.safe_load((shared_guidance / "catalogue.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def source_themes(shared_guidance: Path) -> dict[str, Any]:
    return yaml.safe_load((shared_guidance / "themes.yaml").read_text(encoding="utf-8"))

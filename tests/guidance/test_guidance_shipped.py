"""The catalogue shipped in data/guidance/ loads cleanly and stays true to the shared facts."""

from __future__ import annotations

import difflib
import re

from guidance.catalogue import ALLOWLIST_FILE, DEFAULT_FOLDER, RESOURCES_FILE, THEMES_FILE, load_catalogue

LICENCE = (
    "Contains public sector information licensed under the Open Government Licence v3.0\n"
    "# (Public Health England, Health equity collection)"
)


# Indicator links we add beyond the shared catalogue's facts, per resource, each allow-listed with a reason:
# Longer Lives' lung (40701) and liver (40601) disease causes, so every premature-mortality cause has guidance.
EXTENSIONS: dict[str, tuple[int, ...]] = {"longer-lives": (40701, 40601)}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b)).ratio()


def test_shipped_catalogue_loads_without_problems():
    catalogue = load_catalogue()
    assert len(catalogue.resources) == 47
    assert [t.kind for t in catalogue.themes] == ["section"] * 10 + ["dimension"] * 6
    assert catalogue.resources_for_indicator(93759), "the allow-listed fuel poverty ID is used"


def test_shipped_catalogue_loads_against_sample_metadata(metadata_ids):
    catalogue = load_catalogue(known_indicator_ids=metadata_ids)
    used = {i for r in catalogue.resources for i in r.indicator_ids}
    used |= {i for t in catalogue.themes for i in t.indicator_ids}
    extended = {i for ids in EXTENSIONS.values() for i in ids}
    assert used - metadata_ids == set(catalogue.allowed_indicators) == {93759} | extended
    assert metadata_ids <= {i for t in catalogue.themes for i in t.indicator_ids}, (
        "every sample ID has a theme"
    )


def test_licence_line_in_headers():
    for name in (RESOURCES_FILE, THEMES_FILE):
        assert LICENCE in (DEFAULT_FOLDER / name).read_text(encoding="utf-8"), name
    assert (DEFAULT_FOLDER / ALLOWLIST_FILE).is_file()


def test_theme_ids_match_the_shared_themes(source_themes):
    catalogue = load_catalogue()
    source = source_themes["themes"]
    assert [t.id for t in catalogue.sections] == [t["id"] for t in source if t["kind"] == "section"]
    assert len(catalogue.sections) == 10
    assert [t.id for t in catalogue.dimensions] == [t["id"] for t in source if t["kind"] == "dimension"]
    for theme in source:
        ours = catalogue.theme(theme["id"])
        assert ours.label == theme["label"]
        assert ours.indicator_ids == tuple(theme["indicator_ids"])
        assert set(theme["resource_ids"]) <= set(ours.resource_ids)


def test_resource_facts_match_the_shared_catalogue(source_catalogue):
    catalogue = load_catalogue()
    source = source_catalogue["resources"]
    assert [r.id for r in catalogue.resources] == [r["id"] for r in source]
    for fact in source:
        ours = catalogue.resource(fact["id"])
        assert (ours.title, ours.publisher, ours.type) == (
            fact["title"],
            fact["publisher"],
            fact["resource_type"],
        )
        assert ours.url in (fact["url"], fact["url"].replace("http://", "https://", 1))
        assert ours.url_verified == fact["url_verified"]
        assert ours.published == (None if fact["published"] is None else str(fact["published"]))
        assert ours.primary_theme == fact["theme"]
        if fact.get("secondary_theme"):
            assert fact["secondary_theme"] in ours.themes
        assert ours.indicator_ids == tuple(fact["indicator_ids"]) + EXTENSIONS.get(fact["id"], ())
        assert ours.profiles == tuple(fact["profiles"])
        assert (ours.alt_url is None) == ("alt_url" not in fact)


def test_descriptions_are_our_own_words(source_catalogue, source_themes):
    catalogue = load_catalogue()
    for fact in source_catalogue["resources"]:
        description = catalogue.resource(fact["id"]).description
        assert description != fact["summary"], fact["id"]
        assert _similarity(description, fact["summary"]) < 0.6, fact["id"]
    for fact in source_themes["themes"]:
        description = catalogue.theme(fact["id"]).description
        assert description != fact["description"], fact["id"]
        assert _similarity(description, fact["description"]) < 0.6, fact["id"]


def test_every_theme_link_is_two_way():
    catalogue = load_catalogue()
    for theme in catalogue.themes:
        for resource in catalogue.resources_for_theme(theme.id):
            assert theme.id in resource.themes
    for resource in catalogue.resources:
        assert all(resource.id in catalogue.theme(t).resource_ids for t in resource.themes)


def test_every_premature_mortality_cause_has_guidance():
    from analysis.premature_causes import KNOWN_CAUSE_IDS

    catalogue = load_catalogue()
    for cause, indicator_id in KNOWN_CAUSE_IDS.items():
        assert catalogue.resources_for_indicator(indicator_id), cause
    assert all(i in catalogue.allowed_indicators for ids in EXTENSIONS.values() for i in ids)

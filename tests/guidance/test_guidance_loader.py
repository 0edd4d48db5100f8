"""load_catalogue: validation of broken catalogues (built in code) and the Catalogue query helpers."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance.catalogue import _RESOURCE_FIELDS, _THEME_FIELDS, Catalogue, CatalogueError, load_catalogue

# --- queries on a small valid catalogue ----------------------------------------------------------------


@pytest.fixture
def small(tmp_path, fresh_parts, write, known_ids) -> Catalogue:
    return load_catalogue(write(tmp_path, fresh_parts()), known_indicator_ids=known_ids)


def test_small_catalogue_loads(small):
    assert [r.id for r in small.resources] == ["res-a", "res-b", "res-c"]
    assert small.allowed_indicators == {99999: "real ID, not in the sample"}
    res_a = small.resource("res-a")
    assert res_a.primary_theme == "homes" and res_a.series == "Cold homes briefing"
    assert res_a.published_date == dt.date(2016, 3, 1)
    assert small.resource("res-b").published is None and small.resource("res-b").published_date is None
    assert small.resource("res-c").alt_url == "https://example.org/alt"


def test_themes_are_sections_then_dimensions(small):
    assert [t.id for t in small.themes] == ["homes", "jobs", "deprivation"]
    assert [t.id for t in small.sections] == ["homes", "jobs"]
    assert [t.id for t in small.dimensions] == ["deprivation"]
    assert small.theme("jobs").label == "Jobs"
    with pytest.raises(KeyError):
        small.theme("no-such-theme")


def test_theme_and_indicator_lookups(small):
    assert [r.id for r in small.resources_for_theme("homes")] == ["res-a", "res-b"]
    assert [r.id for r in small.resources_for_indicator(101)] == ["res-a", "res-c"]
    assert small.resources_for_indicator(424242) == []
    assert small.indicators_for_theme("homes") == [101, 102, 99999]
    assert [t.id for t in small.themes_for_indicator(101)] == ["homes", "deprivation"]
    with pytest.raises(KeyError):
        small.resources_for_theme("nope")


def test_search_and_types(small):
    assert small.types() == ["data tool", "guidance"]
    assert [r.id for r in small.search("")] == ["res-a", "res-b", "res-c"]
    assert [r.id for r in small.search("COLD homes")] == ["res-a"]  # matches the series, any case
    assert [r.id for r in small.search("description", theme="homes")] == ["res-a", "res-b"]
    assert [r.id for r in small.search("", theme="homes", type="data tool")] == ["res-b"]
    assert small.search("nothing like this") == []
    with pytest.raises(KeyError):
        small.search("x", theme="nope")


# --- each kind of broken entry names the offender -----------------------------------------------------


def _first(parts, key="resources"):
    return parts[key][0]


BROKEN = {
    "duplicate id": (lambda p: p["resources"].append(dict(_first(p))), ["res-a", "more than once"]),
    "unknown theme": (lambda p: _first(p)["themes"].append("no-such-theme"), ["res-a", "no-such-theme"]),
    "http url": (lambda p: _first(p).update(url="http://example.org/a"), ["res-a", "https"]),
    "http alt url": (lambda p: p["resources"][2].update(alt_url="http://x.org"), ["res-c", "alt_url"]),
    "unknown indicator": (
        lambda p: _first(p)["indicator_ids"].append(555),
        ["res-a", "unknown indicator id 555"],
    ),
    "missing title": (lambda p: _first(p).pop("title"), ["res-a", "'title'"]),
    "blank title": (lambda p: _first(p).update(title="  "), ["res-a", "'title'"]),
    "bad date": (lambda p: _first(p).update(published="2016-02-30"), ["res-a", "published"]),
    "bad date text": (lambda p: _first(p).update(last_updated="March 2016"), ["res-a", "last_updated"]),
    "markup": (lambda p: _first(p).update(description="<script>x</script>"), ["res-a", "plain text"]),
    "unknown field": (lambda p: _first(p).update(tittle="typo"), ["res-a", "tittle"]),
    "bool as indicator": (lambda p: _first(p)["indicator_ids"].append(True), ["res-a", "indicator_ids"]),
    "theme lists unknown resource": (
        lambda p: p["themes"][1]["resource_ids"].append("ghost"),
        ["theme 'homes'", "ghost"],
    ),
    "theme misses a member": (lambda p: p["themes"][2]["resource_ids"].clear(), ["theme 'jobs'", "res-c"]),
    "duplicate theme": (
        lambda p: p["themes"].append(dict(p["themes"][2])),
        ["theme 'jobs'", "more than once"],
    ),
    "bad theme kind": (lambda p: p["themes"][2].update(kind="topic"), ["theme 'jobs'", "kind"]),
    "theme unknown indicator": (
        lambda p: p["themes"][2]["indicator_ids"].append(777),
        ["theme 'jobs'", "777"],
    ),
    "unused allow-list entry": (lambda p: p["indicators"].append({"id": 4, "reason": "r"}), ["indicator 4"]),
    "allow-list without reason": (
        lambda p: p["indicators"][0].pop("reason"),
        ["indicator '99999'", "reason"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_entry_is_reported_by_id(case, tmp_path, fresh_parts, write, known_ids):
    parts = fresh_parts()
    breaker, expected = BROKEN[case]
    breaker(parts)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(write(tmp_path, parts), known_indicator_ids=known_ids)
    assert isinstance(info.value, ValueError)
    assert any(all(word in p for word in expected) for p in info.value.problems), info.value.problems


def test_unknown_indicator_is_only_checked_when_ids_are_known(tmp_path, fresh_parts, write):
    parts = fresh_parts()
    _first(parts)["indicator_ids"].append(555)
    assert load_catalogue(write(tmp_path, parts)).resources_for_indicator(555)


def test_all_problems_are_reported_together(tmp_path, fresh_parts, write, known_ids):
    parts = fresh_parts()
    _first(parts).update(url="http://example.org/a")
    parts["resources"][1].pop("title")
    parts["resources"][2]["indicator_ids"].append(555)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(write(tmp_path, parts), known_indicator_ids=known_ids)
    text = str(info.value)
    assert all(rid in text for rid in ("res-a", "res-b", "res-c"))
    assert len(info.value.problems) == 3


@pytest.mark.parametrize(
    "text",
    [
        "resources: [\n  - id: a\n",
        "resources:\n\t- x",
        "a: b: c",
        "x: 2016-02-30",
        "resources: []\nresources: []",
    ],
)
def test_broken_yaml_names_the_file(text, tmp_path, fresh_parts, write):
    folder = write(tmp_path, fresh_parts())
    (folder / "resources.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    assert info.value.problems[0].startswith("resources.yaml: not valid YAML"), info.value.problems


def test_missing_file_is_reported(tmp_path, fresh_parts, write):
    folder = write(tmp_path, fresh_parts())
    (folder / "themes.yaml").unlink()
    with pytest.raises(CatalogueError, match="themes.yaml: file not found"):
        load_catalogue(folder)


def test_allow_list_file_is_optional(tmp_path, fresh_parts, write, known_ids):
    parts = fresh_parts()
    _first(parts)["indicator_ids"].remove(99999)
    parts["themes"][1]["indicator_ids"].remove(99999)
    folder = write(tmp_path, parts)
    (folder / "indicator_allowlist.yaml").unlink()
    assert load_catalogue(folder, known_indicator_ids=known_ids).allowed_indicators == {}


def test_yaml_dates_and_years_are_normalised(tmp_path, fresh_parts, write):
    parts = fresh_parts()
    _first(parts)["published"] = dt.date(2016, 3, 4)
    parts["resources"][1]["published"] = 2017
    catalogue = load_catalogue(write(tmp_path, parts))
    assert [catalogue.resource(r).published for r in ("res-a", "res-b")] == ["2016-03-04", "2017"]


# --- whatever the files hold, the only failure is CatalogueError ----------------------------------------

# every field the loader knows, plus the files' top-level keys and the allow-list's
FIELDS = sorted({*_RESOURCE_FIELDS, *_THEME_FIELDS, "reason", "resources", "themes", "indicators"})
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.dates()
    | st.sampled_from(["https://a.org", "http://a.org", "2016-02-30", "res-a", "homes"])
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6) | st.integers(), inner, max_size=5)
    ),
    max_leaves=25,
)
TOKENS = [
    "resources:",
    "themes:",
    "indicators:",
    "\n",
    "\n- ",
    "  ",
    "- id: ",
    "id: ",
    "url: ",
    "themes: [",
    "]",
    "{",
    "}",
    ":",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "? ",
    "|",
    ">",
    "#",
    "---",
    "...",
    "\t",
    "'",
    '"',
    "!!python/object/apply:os.system ['true']",
    "!!binary x",
    "!!int x",
    "!!timestamp 2016-13-01",
    "2016-02-30",
    "2016-02-03",
    "0x1F",
    "1e999",
    ".nan",
    "null",
    "true",
    "%YAML 1.1\n",
    "@",
    "`",
    "\\",
    "\x00",
    "\ufeff",
    "é",
]
YAML_ISH_TEXT = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=30).map("".join) | st.text()
FILES = ["resources.yaml", "themes.yaml", "indicator_allowlist.yaml"]
FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _load_only_catalogue_error(folder: Path, known: set[int] | None) -> None:
    try:
        load_catalogue(folder, known_indicator_ids=known)
    except CatalogueError as err:
        assert err.problems and all(isinstance(p, str) and p for p in err.problems)


@FUZZ
@given(file=st.sampled_from(FILES), text=YAML_ISH_TEXT)
def test_random_text_only_raises_catalogue_error(file, text, fresh_parts, write, known_ids):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp), fresh_parts())
        (folder / file).write_text(text, encoding="utf-8")
        _load_only_catalogue_error(folder, known_ids)


@FUZZ
@given(file=st.sampled_from(FILES), data=STRUCTURES)
def test_random_structures_only_raise_catalogue_error(file, data, fresh_parts, write, known_ids):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp), fresh_parts())
        (folder / file).write_text(yaml.safe_dump(data), encoding="utf-8")
        _load_only_catalogue_error(folder, known_ids)


@FUZZ
@given(
    key=st.sampled_from(["resources", "themes", "indicators"]),
    index=st.integers(0, 2),
    field=st.sampled_from(FIELDS),
    value=STRUCTURES,
    known=st.booleans(),
)
def test_mutated_entries_only_raise_catalogue_error(
    key, index, field, value, known, fresh_parts, write, known_ids
):
    parts = fresh_parts()
    entries = parts[key]
    entries[index % len(entries)][field] = value
    with tempfile.TemporaryDirectory() as tmp:
        _load_only_catalogue_error(write(Path(tmp), parts), known_ids if known else None)

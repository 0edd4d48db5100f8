"""The Guidance library page in AppTest: filters from the URL, search, links, empty and error states."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

import services.guidance
from guidance.catalogue import Catalogue, CatalogueError, Resource, Theme, load_catalogue
from services.text import app_url, link
from store import queries
from tests.apptest import ROOT, raw_texts, texts

PAGE = "pages/guidance.py"
CAT = load_catalogue()
MARKDOWN_LINK = re.compile(r"\]\(([^)]*)\)")


def open_guidance(**params: str) -> AppTest:
    """Open /guidance directly with these query parameters, as a browser following a link does.

    (run_app(page=...) runs the overview first, whose pickers mark the URL values as already applied,
    so a page reached by switch_page would not re-read them.)
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> list[str]:
    """The resource headings on the page (bold title links), in order."""
    return [m.value.split("  \n")[0] for m in at.markdown if m.value.startswith("**[")]


def heading(r: Resource) -> str:
    return f"**{link(r.title, r.url)}**"


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


@pytest.fixture
def fresh_catalogue():
    """Clear the cached catalogue around a test that replaces it."""
    services.guidance.catalogue.clear()
    yield
    services.guidance.catalogue.clear()


def test_lists_every_resource_without_filters(sample_store):
    at = open_guidance()
    assert at.title[0].value == "Guidance library"
    assert shown(at) == [heading(r) for r in CAT.resources] and len(CAT.resources) == 47
    assert "**47 of 47 resources**" in texts(at)
    assert "Open Government Licence v3.0 (Public Health England, Health equity collection)" in texts(at)
    assert "2018-01-15" in texts(at) and "2018\\-01\\-15" in raw_texts(at)  # the collection's date, escaped


def test_theme_from_the_url_gives_that_themes_resources(sample_store):
    at = open_guidance(theme="children-young-people")
    expected = CAT.resources_for_theme("children-young-people")
    assert sorted(shown(at)) == sorted(heading(r) for r in expected)
    assert at.selectbox(key="pick_theme").value == "children-young-people"
    assert f"**{len(expected)} of 47 resources**" in texts(at)


def test_type_from_the_url_filters(sample_store):
    at = open_guidance(type="report")
    assert shown(at) == [heading(r) for r in CAT.search(type="report")]
    assert all("Report" in m.value for m in at.markdown if m.value.startswith("**["))


def test_search_text_narrows_and_is_kept_in_the_url(sample_store):
    at = open_guidance()
    at.text_input(key="guidance_q").input("homes").run()
    expected = CAT.search("homes")
    assert 0 < len(expected) < 47
    assert shown(at) == [heading(r) for r in expected]
    assert param(at, "q") == "homes"
    at = open_guidance(q="homes", theme="healthy-places")
    assert shown(at) == [heading(r) for r in CAT.search("homes", theme="healthy-places")]


def test_nothing_matching_shows_an_empty_state(sample_store):
    at = open_guidance(q="zzzz no such words")
    assert shown(at) == []
    assert "**0 of 47 resources**" in texts(at)
    assert any("No resources match" in i.value for i in at.info)


def test_bad_theme_in_the_url_warns_and_falls_back(sample_store):
    at = open_guidance(theme="<b>nope</b>")
    assert any("not available here" in w.value and "All themes" in w.value for w in at.warning)
    assert at.selectbox(key="pick_theme").value == "all"
    assert len(shown(at)) == 47


def test_links_are_https_or_to_the_explorer_for_the_area(sample_store):
    at = open_guidance(area="E06000009")
    urls = [u for m in at.markdown for u in MARKDOWN_LINK.findall(m.value)]
    urls += [u for c in at.caption for u in MARKDOWN_LINK.findall(c.value)]
    assert urls and all(u.startswith("https://") or u.startswith("/explorer?") for u in urls)
    assert all("area=E06000009" in u for u in urls if u.startswith("/explorer"))


def test_indicators_link_when_held_else_say_not_downloaded(sample_store):
    meta = queries.metadata(sample_store)
    held = {int(i) for i in meta.loc[meta["has_values"], "indicator_id"]}
    at = open_guidance(area="E06000009")
    page = texts(at)
    ids = {i for r in CAT.resources for i in r.indicator_ids}
    for i in ids & held:
        assert app_url("explorer", area="E06000009", indicator=i) in page
    missing = ids - held
    assert missing, "the sample should lack some catalogue indicators"
    for i in missing:
        assert f"ID {i} (not downloaded)" in page


def test_unverified_addresses_carry_a_note(sample_store):
    at = open_guidance()
    notes = [c.value for c in at.caption if "could not be confirmed" in c.value]
    assert len(notes) == sum(not r.url_verified for r in CAT.resources)


def test_catalogue_text_is_escaped(sample_store, fresh_catalogue, monkeypatch):
    theme = Theme("t", "Theme *one*", "section", "About <b>it</b>", (), ("r",))
    resource = Resource("r", "[click](javascript:alert(1))", "https://example.org/a", True, "Pub_lisher", None,
                        "report", ("t",), (), (), "Text with **bold** and <i>tags</i>")
    monkeypatch.setattr(services.guidance, "load_catalogue", lambda: Catalogue((resource,), (theme,)))
    at = open_guidance()
    page = raw_texts(at)
    assert "javascript" not in "".join(MARKDOWN_LINK.findall(page))
    assert "\\[click\\]" in page and "\\*\\*bold\\*\\*" in page and "\\<i\\>" in page


def test_broken_catalogue_lists_its_problems(sample_store, fresh_catalogue, monkeypatch):
    problems = ["resources.yaml: resource 'x': missing required field 'url'", "themes.yaml: file not found in data"]

    def broken():
        raise CatalogueError(problems)

    monkeypatch.setattr(services.guidance, "load_catalogue", broken)
    at = open_guidance()
    assert len(at.error) == 1
    message = at.error[0].value
    assert "could not be loaded" in message and "missing required field" in message and "file not found" in message
    assert shown(at) == []

"""The equity assessment page in AppTest, on the shared sample: pre-filled evidence, drafts, limits, safety."""
from __future__ import annotations

import re

from guidance.catalogue import load_catalogue
from tests.apptest import open_page, raw_texts, texts

PAGE = "pages/equity-assessment.py"
BLACKPOOL, THEME = "E06000009", "children-young-people"
CATALOGUE = load_catalogue()


def blackpool():
    return open_page(PAGE, area=BLACKPOOL, theme=THEME)


def test_stages_evidence_and_guidance_for_the_area_and_theme(sample_store):
    at = blackpool()
    assert not at.exception
    assert at.title[0].value == "Equity assessment"
    assert [h.value for h in at.header] == ["1. Prepare", "2. Assess", "3. Refine and apply", "4. Review"]
    shown = texts(at)
    assert "Significantly worse" in shown and "against England" in shown
    assert "No data held for small areas (e.g. MSOAs) within Blackpool." in shown
    assert "own adaptation" in shown
    links = "\n".join(m.value for m in at.markdown)
    for resource in CATALOGUE.resources_for_theme(THEME):
        assert resource.url in links
    assert len(at.checkbox) >= 5 and all(c.value for c in at.checkbox)
    assert at.query_params["theme"] in (THEME, [THEME])


def test_save_then_reopen_in_a_new_session(sample_store):
    at = blackpool()
    at.text_input(key="heat_title").input("Healthy Start outreach")
    at.text_area(key="heat_answer_prepare-aims").input("Reach families on low incomes")
    first_item = at.checkbox[0]
    first_item.uncheck()
    at.run()
    at.button(key="heat_save").click().run()
    assert not at.exception
    assert "Saved “Healthy Start outreach” (version 1" in texts(at)

    again = open_page(PAGE)  # a new session, England chosen
    assert not again.exception and "Saved assessments (1)" in [e.label for e in again.expander]
    assert any("Review by" in str(c) for c in again.dataframe[0].value.columns)
    again.button(key="heat_saved_open").click().run()
    assert not again.exception
    assert again.text_input(key="heat_title").value == "Healthy Start outreach"
    assert again.text_area(key="heat_answer_prepare-aims").value == "Reach families on low incomes"
    assert again.query_params["area"] in (BLACKPOOL, [BLACKPOOL])
    assert again.checkbox[0].value is False
    assert "as saved with this draft" in texts(again)


def test_duplicate_and_add_to_board_pack(sample_store):
    at = blackpool()
    at.text_input(key="heat_title").input("Vitamins").run()
    at.button(key="heat_save").click().run()
    at.button(key="heat_saved_copy").click().run()
    assert not at.exception and "Copied as “Copy of Vitamins”" in texts(at)
    assert "Saved assessments (2)" in [e.label for e in at.expander]
    at.button(key="heat_pack").click().run()
    assert "Added to the board pack (1 item)" in texts(at)


def test_free_text_is_shown_literally_never_as_markup(sample_store):
    at = blackpool()
    at.text_input(key="heat_title").input("<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold**").run()
    at.button(key="heat_save").click().run()
    assert not at.exception
    raw = raw_texts(at)
    for unsafe in (r"<img", r"\]\(javascript", r"\*\*bold"):  # only ever with a backslash before it
        assert not re.search(r"(?<!\\)" + unsafe, raw), unsafe
    assert "<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold**" in texts(at)


def test_text_beyond_the_limit_gets_a_message_and_is_not_saved(sample_store):
    at = blackpool()
    at.text_input(key="heat_title").input("Long")
    at.text_area(key="heat_answer_assess-drivers").input("y" * 5001).run()
    assert "5,001 characters: the limit is 5,000" in texts(at)
    at.button(key="heat_save").click().run()
    assert not at.exception
    assert "is 5,001 characters long; the limit is 5,000" in texts(at) and "Nothing was saved" in texts(at)


def test_all_themes_and_a_bad_theme_in_the_url(sample_store):
    at = open_page(PAGE, area=BLACKPOOL, theme="not-a-theme")
    assert not at.exception
    assert "the theme “not-a-theme”" in " ".join(w.value for w in at.warning)
    assert "Choose an inequality theme in the sidebar" in texts(at)

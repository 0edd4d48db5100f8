"""The inclusion-health self-assessment page in AppTest: answers, result and chart, resources, saves, comparison."""
from __future__ import annotations

from tests.apptest import open_page, texts

PAGE = "pages/inclusion-health.py"


def test_questionnaire_result_and_resources_for_weaker_areas(sample_store):
    at = open_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Inclusion health self-assessment"
    assert len(at.radio) >= 9 and all(r.value is None for r in at.radio)
    assert "Answer at least one statement" in texts(at)
    assert "own adaptation" in texts(at)
    for radio in at.radio:
        radio.set_value(4)
    at.radio(key="ih_answer_ts-outreach").set_value(1)
    at.run()
    assert not at.exception
    assert "Overall: Maturing" in texts(at) or "Overall: Thriving" in texts(at)
    assert len(at.get("plotly_chart")) == 1
    labels = [e.label for e in at.expander]
    assert "Targeted services: resources from the Health equity collection" in labels
    assert not any(label.startswith("Population health:") for label in labels)


def test_save_two_and_compare_them(sample_store):
    at = open_page(PAGE)
    at.text_input(key="ih_title").input("Central PCN")
    at.radio(key="ih_answer_ph-size").set_value(1).run()
    at.button(key="ih_save_button").click().run()
    assert "Saved “Central PCN” (version 1" in texts(at)
    at.button(key="ihc_saved_new").click().run()
    at.text_input(key="ih_title").input("Central PCN, a year on")
    at.radio(key="ih_answer_ph-size").set_value(3).run()
    at.button(key="ih_save_button").click().run()
    assert not at.exception
    assert "Compare two saved assessments" in [h.value for h in at.header]
    compared = at.dataframe[-1].value
    assert list(compared["Area"])[0] == "Population health"
    assert set(compared.iloc[0, 1:]) == {"Emerging", "Maturing"}
    assert len(at.get("plotly_chart")) == 2


def test_reopen_in_a_new_session_and_long_notes(sample_store):
    at = open_page(PAGE)
    at.text_input(key="ih_title").input("Team A")
    at.text_area(key="ih_notes").input("n" * 5001).run()
    at.button(key="ih_save_button").click().run()
    assert "Nothing was saved" in texts(at)
    at.text_area(key="ih_notes").input("Short note").run()
    at.button(key="ih_save_button").click().run()
    again = open_page(PAGE)
    again.button(key="ihc_saved_open").click().run()
    assert not again.exception
    assert again.text_input(key="ih_title").value == "Team A"
    assert again.text_area(key="ih_notes").value == "Short note"

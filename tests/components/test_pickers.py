"""URL-backed pickers: a value that differs only in case is taken; an unknown one warns and falls back."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from components import pickers, url_state

    url_state.warnings_here()
    st.write("chosen:", pickers.choice("sex", "Sex", {"persons": "Persons", "male": "Male"}, "persons", what="the sex"))


def _run(value: str) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    at.query_params["sex"] = value
    return at.run()


def test_a_value_in_another_case_is_the_option():
    at = _run("Male")
    assert not at.exception and not at.warning
    assert at.selectbox(key="pick_sex").value == "male"


def test_an_unknown_value_warns_and_shows_the_default():
    at = _run("banana")
    assert "The link asks for the sex “banana”, which is not available here" in at.warning[0].value
    assert at.selectbox(key="pick_sex").value == "persons"

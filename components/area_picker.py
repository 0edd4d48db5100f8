"""Sidebar area picker: search by name or code across England, regions, counties & UAs, districts & UAs."""
from __future__ import annotations

import streamlit as st

from components import url_state
from geography import ENGLAND

WIDGET_KEY = "area_picker"
CHOSEN_KEY = "area"


def show(labels: dict[str, str]) -> str:
    """Draw the picker of `labels` (code -> label, services.data.area_labels); returns the chosen area code
    (kept in the URL as ?area=)."""
    url_state.sync_from_url("area", WIDGET_KEY, lambda v: v.upper() in labels or v in labels, ENGLAND,
                            what="the area code", default_text="England")
    st.session_state[WIDGET_KEY] = str(st.session_state[WIDGET_KEY]).upper()
    code = st.selectbox("Area", list(labels), format_func=labels.__getitem__, key=WIDGET_KEY,
                        help="Type a name or an ONS code, e.g. Blackpool or E06000009.")
    url_state.write("area", code)
    st.session_state[CHOSEN_KEY] = code
    return code


def current() -> str:
    """The area chosen in the sidebar (England until one is chosen)."""
    return st.session_state.get(CHOSEN_KEY, ENGLAND)

"""Sidebar area picker: search by name or code across England, regions, counties & UAs, districts & UAs."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import url_state
from geography import ENGLAND

WIDGET_KEY = "area_picker"
CHOSEN_KEY = "area"


def options(areas: pd.DataFrame) -> dict[str, str]:
    """code -> label such as 'Blackpool — Counties & UAs (from Apr 2023) · E06000009' (UAs listed once)."""
    first = areas.drop_duplicates("area_code", keep="first")
    labels = {r.area_code: f"{r.area_name} — {r.area_type_name} · {r.area_code}" for r in first.itertuples()}
    labels.setdefault(ENGLAND, f"England — England · {ENGLAND}")
    return labels


def show(areas: pd.DataFrame) -> str:
    """Draw the picker; returns the chosen area code (kept in the URL as ?area=)."""
    labels = options(areas)
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

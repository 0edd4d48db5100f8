"""Sidebar area picker: search by name or code across England, regions, counties & UAs, districts & UAs."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import url_state

ENGLAND = "E92000001"
WIDGET_KEY = "area_picker"


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
    return code

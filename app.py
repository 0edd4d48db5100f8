"""Health Equity Planner: entry point. Navigation, shared sidebar, data date and attribution."""
from __future__ import annotations

import streamlit as st

from components import area_picker, url_state
from components.attribution import show_attribution
from services import data

st.set_page_config(page_title="Health Equity Planner", page_icon="⚖️", layout="wide")

if data.has_values():
    pages = [
        st.Page("pages/overview.py", title="Area overview", icon="🏠", default=True),
        st.Page("pages/explorer.py", title="Indicator explorer", icon="🔎", url_path="explorer"),
        st.Page("pages/guidance.py", title="Guidance library", icon="📚", url_path="guidance"),
        st.Page("pages/board_pack.py", title="Board pack", icon="🗂️", url_path="board-pack"),
        st.Page("pages/sources.py", title="Data & sources", icon="🗄️", url_path="data"),
    ]
    page = st.navigation(pages)
    with st.sidebar:
        st.session_state["area"] = area_picker.show(data.areas())
else:
    page = st.navigation([st.Page("pages/welcome.py", title="Welcome", icon="👋", default=True)])

url_state.show_warnings()
page.run()
show_attribution(data.data_as_of())

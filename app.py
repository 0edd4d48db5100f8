"""Health Equity Planner: entry point. Navigation, shared sidebar, data date and attribution."""
from __future__ import annotations

import streamlit as st

from components import area_picker, url_state
from components.attribution import show_attribution
from services import data

st.set_page_config(page_title="Health Equity Planner", page_icon=":material/balance:", layout="wide")

data.begin_run()
url_state.warnings_here()
if data.has_values():
    pages = [
        st.Page("pages/overview.py", title="Area overview", icon=":material/dashboard:", default=True),
        st.Page("pages/explorer.py", title="Indicator explorer", icon=":material/query_stats:", url_path="explorer"),
        st.Page("pages/premature_mortality.py", title="Premature mortality", icon=":material/monitor_heart:",
                url_path="premature-mortality"),
        st.Page("pages/guidance.py", title="Guidance library", icon=":material/menu_book:", url_path="guidance"),
        st.Page("pages/board_pack.py", title="Board pack", icon=":material/slideshow:", url_path="board-pack"),
        st.Page("pages/sources.py", title="Data & sources", icon=":material/database:", url_path="data"),
    ]
    page = st.navigation(pages)
    with st.sidebar:
        area_picker.show(data.areas())
else:
    page = st.navigation([st.Page("pages/welcome.py", title="Welcome", icon=":material/waving_hand:", default=True)])

page.run()
show_attribution(data.data_as_of(), data.snapshot())

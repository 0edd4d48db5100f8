"""Health Equity Planner: entry point. Navigation, shared sidebar, data date and attribution."""
from __future__ import annotations

import streamlit as st

from components import area_picker, chart_block, url_state
from components.attribution import show_attribution
from components.feedback import or_stop
from services import data

st.set_page_config(page_title="Health Equity Planner", page_icon="⚖️", layout="wide")

with or_stop():  # e.g. a shared store that cannot be reached
    data.begin_run()
url_state.warnings_here()
GAP_PAGE = st.Page("pages/life-expectancy-gap.py", title="Life expectancy gap", icon=":material/stacked_bar_chart:",
                   url_path="life-expectancy-gap")
BOARD_PACK_PAGE = st.Page("pages/board-pack.py", title="Board pack", icon=":material/slideshow:", url_path="board-pack")
if data.has_values():
    pages = [
        st.Page("pages/overview.py", title="Area overview", icon=":material/dashboard:", default=True),
        st.Page("pages/explorer.py", title="Indicator explorer", icon=":material/query_stats:", url_path="explorer"),
        st.Page("pages/premature-mortality.py", title="Premature mortality", icon=":material/monitor_heart:",
                url_path="premature-mortality"),
        st.Page("pages/small-areas.py", title="Small areas", icon=":material/grid_view:", url_path="small-areas"),
        st.Page("pages/guidance.py", title="Guidance library", icon=":material/menu_book:", url_path="guidance"),
        st.Page("pages/equity-assessment.py", title="Equity assessment", icon=":material/fact_check:",
                url_path="equity-assessment"),
        st.Page("pages/inclusion-health.py", title="Inclusion health self-assessment", icon=":material/diversity_3:",
                url_path="inclusion-health"),
        GAP_PAGE,
        BOARD_PACK_PAGE,
        st.Page("pages/data.py", title="Data & sources", icon=":material/database:", url_path="data"),
    ]
    page = st.navigation(pages)
    with st.sidebar:
        area_picker.show(data.area_labels())
else:
    # The gap page works on its own data (an imported file or Nomis), so it is offered before Fingertips data are.
    page = st.navigation([
        st.Page("pages/welcome.py", title="Welcome", icon=":material/waving_hand:", default=True), GAP_PAGE,
        BOARD_PACK_PAGE,
    ])

with st.sidebar:
    chart_block.interactive_toggle()
page.run()
show_attribution(data.data_as_of(), data.snapshot())

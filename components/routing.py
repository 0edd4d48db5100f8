"""Make sure every page runs inside app.py's st.navigation.

Streamlit treats a `pages/` folder as an old-style multipage app until some session has run
st.navigation; a shared link such as /explorer?area=… opened first after a restart would then run the
page file alone, without the sidebar. Each page calls `inside_app()` first: when it finds itself run
alone, it switches Streamlit to app.py's navigation and reruns, so the same URL opens normally.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def inside_app() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()

"""Make sure every page runs inside app.py's st.navigation.

Streamlit treats a `pages/` folder as an old-style multipage app until some session has run
st.navigation; a shared link such as /explorer?area=… opened first after a restart would then run the
page file alone, without the sidebar. Each page calls `inside_app()` first: when it finds itself run
alone, it switches Streamlit to app.py's navigation and runs app.py in this same run (so no click or
other widget event is lost), which runs the page properly; the stand-alone run then stops.
"""
from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP = Path(__file__).resolve().parents[1] / "app.py"


def inside_app() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()

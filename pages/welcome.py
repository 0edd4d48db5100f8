"""First run: explain the dashboard and fill the empty store (download, or upload CSVs)."""
from __future__ import annotations

import streamlit as st

from components import loaders
from components.routing import inside_app
from services import loading

inside_app()

st.title("Welcome to Health Equity Planner")
st.markdown(
    "This dashboard brings together **OHID Fingertips** indicators (Public Health Outcomes Framework, Health "
    "Profiles, Local Health, Wider Determinants, Marmot indicators) and the guidance of the **Health equity** "
    "collection on GOV.UK. Pick an area and an inequality theme to see how it compares with England, its region "
    "or its nearest neighbours, with the guidance that matters beside each indicator, and export charts and "
    "tables for board papers.\n\n"
    "The local store is empty. Download the data once (it is kept on this machine, so the dashboard never waits "
    "on the Fingertips API again), or upload CSV files downloaded from the Fingertips website."
)
st.caption(f"Fingertips API: {loading.api_url()}")
if not loaders.read_only():
    loaders.download_form(key="welcome")
    loaders.upload_form(key="welcome")

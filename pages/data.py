"""Data & sources: what the store holds, refresh from the API, import CSVs."""
from __future__ import annotations

import streamlit as st

from components import loaders, methods_section
from components.feedback import empty
from components.routing import inside_app
from services import data, methods, overview
from services.text import md

inside_app()

st.title("Data & sources")
held = data.status()
if held.empty:
    empty("The store holds no indicator data yet.")
else:
    st.caption(f"{held['indicator_id'].nunique()} indicators held. Data as of {data.data_as_of()}. One line per "
               "indicator and area type (and, for MSOA small areas, per local authority).")
    st.dataframe(held.drop(columns=["area_type_id"]), hide_index=True, width="stretch")
small = data.small_area_summary()
if len(small):
    st.subheader("Small areas (MSOA) held per local authority")
    st.dataframe(small, hide_index=True, width="stretch")
maps = data.boundary_summary()
if len(maps):
    with st.expander(f"Map boundaries held ({len(maps)} sets)"):
        st.dataframe(maps, hide_index=True, width="stretch")
notes = overview.polarity_notes()
if notes:
    with st.expander(f"Polarity checks ({len(notes)} indicators)"):
        st.caption("Where an indicator's definition gives no polarity, or one that contradicts Fingertips' own "
                   "Better/Worse comparisons, the direction Fingertips used is applied:")
        for note in notes:
            st.markdown(f"- {md(note)}")
writable = not loaders.read_only()
if writable:
    loaders.download_form(key="sources")
    loaders.upload_form(key="sources")
methods_section.show(methods.methods_view())
if writable:
    loaders.boundary_upload_form(key="sources")

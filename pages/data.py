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
    st.caption(f"{len(held)} indicators held. Data as of {data.data_as_of()}.")
    st.dataframe(held, hide_index=True, width="stretch")
notes = overview.polarity_notes()
if notes:
    with st.expander(f"Polarity checks ({len(notes)} indicators)"):
        st.caption("Where an indicator's definition gives no polarity, or one that contradicts Fingertips' own "
                   "Better/Worse comparisons, the direction Fingertips used is applied:")
        for note in notes:
            st.markdown(f"- {md(note)}")
loaders.download_form(key="sources")
loaders.upload_form(key="sources")
methods_section.show(methods.methods_view())

"""Life expectancy gap (the Segment Tool): which ages and causes of death make up the gap between two groups."""
from __future__ import annotations

import streamlit as st

from components import area_picker, gap_loaders, gap_pickers, loaders
from components.explorer_views import draw
from components.feedback import empty, guarded
from components.routing import inside_app
from services import gap_views
from services import life_expectancy as le

inside_app()

st.title("Life expectancy gap")
st.markdown("How many months of the gap in life expectancy between two groups arise at each age and from each "
            "cause of death (Arriaga's decomposition, as PHE's Segment Tool). Compare an area with England "
            "(ONS deaths and population via Nomis), or two groups of your own file, such as England's most and "
            "least deprived deciles.")
gap_loaders.outcome()
held = le.datasets()
area = area_picker.current()
default_area = str(st.query_params.get("area", "")) or (area if area != le.ENGLAND else "")
if held.empty:
    empty("No deaths and population are held yet. Import a file, or download an area and England from Nomis.")
    if not loaders.read_only():
        gap_loaders.upload_form()
        gap_loaders.nomis_form(default_area)
    st.stop()

choice = gap_pickers.choose(held)
if choice is not None:
    with guarded():
        draw(gap_views.gap_panel(choice))

with st.expander("Add deaths and population"):
    if not loaders.read_only():
        gap_loaders.upload_form()
        gap_loaders.nomis_form(default_area)

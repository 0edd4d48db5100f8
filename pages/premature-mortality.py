"""Premature mortality (Longer Lives): the county/UA ranked among all upper-tier LAs and its similar areas."""
from __future__ import annotations

import streamlit as st

from components import area_picker, pickers, premature_views
from components.feedback import empty, guarded
from components.routing import inside_app
from services import overview, premature
from services.text import md

inside_app()

st.title("Premature mortality")
st.caption("Deaths under 75 by cause, ranked among county and unitary authorities as PHE's Longer Lives did.")
area = overview.area_context(area_picker.current())
causes = premature.cause_options()
with st.sidebar:
    if causes:
        cause = pickers.choice("cause", "Cause of death", causes, next(iter(causes)), what="the cause")
    comparator = pickers.comparator(premature.COMPARATORS)

if not causes:
    empty("No premature-mortality indicator is held yet. Download the Public Health Outcomes Framework or the "
          "Mortality Profile on the Data & sources page.")
    st.stop()
if not area.is_local_authority or area.code not in set(overview.county_codes()):
    empty(f"{md(area.name)} is not a county or unitary authority. Longer Lives ranks upper-tier local "
          "authorities: choose one in the sidebar (e.g. Blackpool).")
    st.stop()
st.header(md(f"{area.name}: {causes[cause].lower()}"))
with guarded():
    view = premature.view(area, cause, comparator)
    if view is None:
        premature_views.no_data(causes[cause].lower())
    else:
        premature_views.show(view)

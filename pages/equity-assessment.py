"""Equity assessment: a guided four-stage assessment of a programme, its Assess stage pre-filled from the data."""
from __future__ import annotations

import streamlit as st

from components import area_picker, assessment_form, pickers
from components.routing import inside_app
from services import assessment, overview
from services.guidance import theme_options

inside_app()

area = overview.area_context(area_picker.current())
with st.sidebar:
    theme = pickers.theme(theme_options())
    comparator = pickers.comparator({"england": "England", "region": "Region", "neighbours": "Nearest neighbours"})

st.title("Equity assessment")
st.caption("Think through who a programme or service could leave behind, starting from what the data says for "
           "the area. Save drafts, come back to them at review, and export them as Word or into the board pack.")
view = assessment.page_view(area, theme, comparator)
if view.problem:
    st.warning(view.problem + " England is used instead.", icon=":material/info:")
st.caption(view.caption)
assessment_form.show_equity(view)

"""Inclusion health self-assessment: statements per area on a four-level maturity scale, saved and compared."""
from __future__ import annotations

import streamlit as st

from components import self_assessment
from components.routing import inside_app
from services import inclusion_health

inside_app()

st.title("Inclusion health self-assessment")
st.caption("How well does your service reach people in inclusion-health groups? Rate each statement, see where "
           "you are strongest and weakest, save the result and compare it with a later one.")
self_assessment.show(inclusion_health.page_view())

"""Indicator explorer: one indicator from every side for the chosen area."""
from __future__ import annotations

import streamlit as st

from components import area_picker, explorer_views, pickers
from components.feedback import empty, guarded
from components.routing import inside_app
from services import explorer, overview, small_areas
from services import explorer_views as ev
from services.guidance import catalogue, theme_options
from services.text import md

inside_app()

area = overview.area_context(area_picker.current())
with st.sidebar:
    theme = pickers.theme(theme_options())
    options = explorer.indicator_options(None if theme == pickers.ALL else catalogue().indicators_for_theme(theme))
    wanted = str(st.query_params.get("indicator", ""))
    missing = explorer_views.remember_missing(wanted, options, theme == pickers.ALL)
    if not options:
        empty("No indicator of this theme is held. Choose another theme.")
        st.stop()
    default = explorer.default_indicator(options, area.code)
    indicator = int(pickers.choice("indicator", "Indicator", options, default, what="the indicator",
                                   help="Type part of a name or an indicator ID."))
    comparator = pickers.comparator({"england": "England", "region": "Region", "neighbours": "Nearest neighbours"})

if missing and missing not in options and (wanted in (missing, str(indicator))):
    explorer_views.offer_download(int(missing))
meta = explorer.definition(indicator)
st.title(md(meta.get("indicator_name") or f"Indicator {indicator}"))
small = small_areas.link_to(area.code, area.name, indicator) if area.is_local_authority else None
if small:
    st.markdown(f":material/grid_view: {small} (Local Health MSOAs on a map and ranked)")
view = pickers.choice("view", "View", ev.VIEWS, "compare", what="the view", horizontal=True)
sex, age = explorer_views.sex_age(explorer.sex_age_choices(indicator))
with guarded():
    explorer_views.show(view, ev.context(area, indicator, sex, age, comparator))

"""Small areas: where inside a local authority — its MSOAs on a map, ranked, against the authority and England."""
from __future__ import annotations

import streamlit as st

from components import area_picker, pickers, small_area_views
from components.explorer_views import sex_age
from components.feedback import empty, guarded
from components.routing import inside_app
from services import overview, small_areas
from services import small_area_views as sv
from services.guidance import catalogue, theme_options
from services.text import md

inside_app()

st.title("Small areas")
area = overview.area_context(area_picker.current())
st.caption("Local Health's middle-layer super output areas (MSOAs, about 8,000 residents each) inside the chosen "
           "local authority, against the authority and England.")
with st.sidebar:
    theme = pickers.theme(theme_options())
if not area.is_local_authority:
    empty(f"{md(area.name)} is not a local authority. Choose a county, district or unitary authority in the "
          "sidebar (e.g. Blackpool) to see its small areas.")
    st.stop()
small_area_views.download_outcome()
if not small_areas.has_data(area.code):
    small_area_views.offer(area)
    st.stop()
options = small_areas.indicator_options(area.code, None if theme == pickers.ALL else
                                        catalogue().indicators_for_theme(theme))
with st.sidebar:
    if options:
        indicator = int(pickers.choice("indicator", "Indicator", options, next(iter(options)), what="the indicator",
                                       help="Local Health indicators held for this authority's MSOAs."))
if not options:
    empty("No small-area indicator of this theme is held for this authority. Choose another theme.")
    st.stop()
st.header(md(f"{area.name}: {options[str(indicator)].rsplit(' (', 1)[0]}"))
sex, _ = sex_age((small_areas.sex_options(area.code, indicator), []))
with guarded():
    view = sv.view(area, indicator, sex)
    if view is None:
        empty(f"No MSOA values of this indicator are held for {md(area.name)}.")
    else:
        small_area_views.show(view, area)

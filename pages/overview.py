"""Area overview: the area's indicators benchmarked as Fingertips does, with the collection's guidance."""
from __future__ import annotations

import streamlit as st

from components import area_picker, loaders, overview_group, pickers
from components.feedback import empty
from components.routing import inside_app
from services import overview, small_areas
from services.guidance import theme_options
from services.text import md

inside_app()

area = overview.area_context(area_picker.current())
held_profiles = overview.profile_options()
asked_profile = str(st.query_params.get("profile", ""))
with st.sidebar:
    profile = pickers.profile(held_profiles)
    theme = pickers.theme(theme_options())
    comparator = pickers.comparator({"england": "England", "region": "Region", "neighbours": "Nearest neighbours"})

loaders.offer_profile(asked_profile, held_profiles)
page = overview.page_view(area, profile, theme, comparator)
if page.problem:
    st.warning(page.problem + " England is used instead.", icon=":material/info:")
st.title(md(area.name))
st.caption(page.caption)
small = small_areas.link_to(area.code, area.name) if area.is_local_authority else None
if small:
    st.markdown(f":material/grid_view: {small}: Local Health indicators for its MSOAs, mapped and ranked.")
if page.table_empty:
    empty(f"No indicators {'in this profile ' if profile != pickers.ALL else ''}have data for {area.name}. "
          "Choose another profile, or download more on the Data & sources page.")
    st.stop()
st.info(md(page.summary), icon=":material/summarize:")
if page.worst_themes:
    st.markdown("Themes with the most *worse* results: " + md(page.worst_themes))
if page.mixed_periods:
    st.caption("Each indicator shows its latest period held; periods differ between indicators (see Period).")
overview_group.show_worsening(page.worsening, page.comparator_label)
if not page.groups:
    empty(f"None of the indicators held for {area.name} belong to {page.theme_label}. Try another theme or profile.")
one_theme = len(page.groups) == 1
if not one_theme and page.groups:
    st.caption("Each theme's spine chart opens with **Show the chart**; choose an inequality theme in the sidebar "
               "to see one theme with its chart drawn.")
for group in page.groups:
    overview_group.show(group, chart_drawn=one_theme)

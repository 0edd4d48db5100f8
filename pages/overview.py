"""Area overview: the area's indicators benchmarked as Fingertips does, with the collection's guidance."""
from __future__ import annotations

import streamlit as st

from analysis.overview import OverviewParams, summary_sentence, worst_themes
from components import loaders, overview_group, pickers
from components.feedback import empty
from components.routing import inside_app
from components.text import md
from services import data, overview
from services.guidance import catalogue, theme_options

inside_app()

area = overview.area_context(st.session_state.get("area", "E92000001"))
held_profiles = dict(zip(overview.profiles()["profile_key"], overview.profiles()["profile_name"]))
asked_profile = str(st.query_params.get("profile", ""))
with st.sidebar:
    profile = pickers.profile(held_profiles)
    theme = pickers.theme(theme_options())
    comparator = pickers.comparator({"england": "England", "region": "Region", "neighbours": "Nearest neighbours"})

loaders.offer_profile(asked_profile, held_profiles)
neighbour_codes, model, problem = (), None, None
if comparator == "neighbours":
    neighbour_codes, model, problem = overview.neighbours(area["code"], area["type_id"])
if comparator == "region" and not area["region_code"]:
    problem = f"{area['name']} has no region in the store."
if problem:
    st.warning(problem + " England is used instead.", icon=":material/info:")
    comparator = "england"
comparator_label = {"england": "England", "region": area["region_name"] or "region",
                    "neighbours": f"the mean of its {model or 'nearest neighbours'}"}[comparator]

st.title(md(area["name"]))
st.caption(f"{area['type_name']}" + (f" · {area['region_name']}" if area["region_name"] else "") +
           f" · {area['code']} · compared with {comparator_label}")
ids = overview.indicator_ids(profile, pickers.ALL)
params = OverviewParams(area["code"], comparator, area["region_code"], area["peers"], neighbour_codes)
table = overview.overview_table(ids, params)
if table.empty:
    empty(f"No indicators {'in this profile ' if profile != pickers.ALL else ''}have data for {area['name']}. "
          "Choose another profile, or download more on the Data & sources page.")
    st.stop()

groups = overview.theme_groups(table, theme)
shown = table[table["indicator_id"].isin(set().union(*[set(g["rows"]["indicator_id"]) for g in groups]))]
theme_label = "all themes" if theme == pickers.ALL else theme_options()[theme]
st.info(md(summary_sentence(shown, area["name"], theme_label, comparator_label)), icon=":material/summarize:")
if theme == pickers.ALL and (most := worst_themes(groups)):
    st.markdown("Themes with the most *worse* results: " + md(most))
if shown["time_period"].nunique() > 1:
    st.caption("Each indicator shows its latest period held; periods differ between indicators (see Period).")
if not groups:
    empty(f"None of the indicators held for {area['name']} belong to {theme_label}. Try another theme or profile.")
for g in groups:
    overview_group.show(g["id"], g["label"], g["description"], g["rows"], g["resources"], area=area,
                        comparator_label=comparator_label, catalogue=catalogue(), data_as_of=data.data_as_of() or "")

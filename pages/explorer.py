"""Indicator explorer: one indicator from every side for the chosen area."""
from __future__ import annotations

import streamlit as st

from analysis.explorer import choices, series
from components import explorer_views as views
from components import pickers
from components.feedback import empty, show_error
from components.routing import inside_app
from components.text import md
from errors import HEPError
from services import explorer, overview
from services.guidance import catalogue, theme_options

inside_app()

VIEWS = {"compare": "Compare areas", "trend": "Trend", "map": "Map", "distribution": "Distribution",
         "inequalities": "Inequalities", "definitions": "Definitions"}

area = overview.area_context(st.session_state.get("area", "E92000001"))
with st.sidebar:
    theme = pickers.theme(theme_options())
    options = explorer.indicator_options(None if theme == pickers.ALL else catalogue().indicators_for_theme(theme))
    wanted = str(st.query_params.get("indicator", ""))
    if wanted.isascii() and wanted.isdigit() and wanted not in options and theme == pickers.ALL:
        st.session_state["explorer_missing"] = wanted  # offered for download until another is chosen
    if not options:
        empty("No indicator of this theme is held. Choose another theme.")
        st.stop()
    indicator = int(pickers.choice("indicator", "Indicator", options, next(iter(options)), what="the indicator",
                                   help="Type part of a name or an indicator ID."))
    comparator = pickers.comparator({"england": "England", "region": "Region", "neighbours": "Nearest neighbours"})

missing = st.session_state.get("explorer_missing")
if missing and missing not in options and (wanted in (missing, str(indicator))):
    views.offer_download(int(missing))
meta = explorer.definition(indicator)
st.title(md(meta.get("indicator_name") or f"Indicator {indicator}"))
view = pickers.choice("view", "View", VIEWS, "compare", what="the view", horizontal=True)
rows = explorer.rows(indicator)
sexes, ages = choices(rows, "sex"), choices(rows, "age")
cols = st.columns(2)
sex = cols[0].selectbox("Sex", sexes, key="explorer_sex") if len(sexes) > 1 else (sexes[0] if sexes else None)
age = cols[1].selectbox("Age", ages, key="explorer_age") if len(ages) > 1 else (ages[0] if ages else None)
ctx = views.Context(area=area, indicator_id=indicator, meta=meta, rows=rows, series=series(rows, sex, age),
                    comparator=comparator, themes=[t.label for t in catalogue().themes_for_indicator(indicator)])
try:
    views.VIEW_FUNCTIONS[view](ctx)
except HEPError as exc:
    show_error(exc)

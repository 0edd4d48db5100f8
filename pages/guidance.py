"""Guidance library: the Health equity collection's resources, filtered by theme, type and free text."""
from __future__ import annotations

import streamlit as st

from components import area_picker, pickers, url_state
from components.feedback import empty
from components.routing import inside_app
from services import overview
from services.guidance import CatalogueError, Resource, attribution_line, catalogue, theme_options
from services.text import app_url, link, md

inside_app()

st.title("Guidance library")
try:
    cat = catalogue()
except CatalogueError as exc:
    st.error("The guidance catalogue could not be loaded:\n\n" + "\n".join(f"- {md(p)}" for p in exc.problems),
             icon=":material/error:")
    st.stop()

home = next((r for r in cat.resources if r.id == "health-equity-collection"), None)
dated = f" (published {home.published}, last updated {home.last_updated})" if home and home.last_updated else ""
st.markdown(f"Resources from Public Health England's GOV.UK **Health equity** collection{md(dated)}, for "
            "commissioners planning action on health inequalities, tagged by the collection's ten sections "
            "and by cross-cutting inequality dimensions.")
st.caption(attribution_line())

with st.sidebar:
    theme = pickers.theme(theme_options())
    kind = pickers.choice("type", "Resource type", {pickers.ALL: "All types", **{t: t.capitalize() for t in
                          cat.types()}}, pickers.ALL, what="the resource type")
st.session_state.setdefault("guidance_q", "")
url_state.sync_from_url("q", "guidance_q", lambda v: True, "", what="the search", default_text="no search")
query = st.text_input("Search titles and descriptions", key="guidance_q", max_chars=url_state.MAX_PARAM_LENGTH,
                      placeholder="e.g. housing, ethnicity, audit")
url_state.write("q", query.strip())

found = cat.search(query, theme=None if theme == pickers.ALL else theme, type=None if kind == pickers.ALL else kind)
if theme != pickers.ALL:
    st.caption(md(cat.theme(theme).description))
st.markdown(f"**{len(found)} of {len(cat.resources)} resources**")
if not found:
    empty("No resources match these filters. Clear the search, or choose another theme or type.")

held = overview.metadata()
names = {int(i): n for i, n in zip(held["indicator_id"], held["indicator_name"], strict=True) if isinstance(n, str)}
with_values = {int(i) for i in held.loc[held["has_values"], "indicator_id"]}
area = area_picker.current()


def indicator(i: int) -> str:
    """The indicator linked to the explorer when its values are held, else its ID marked not downloaded."""
    if i in with_values:
        return link(names.get(i, f"Indicator {i}"), app_url("explorer", area=area, indicator=i))
    return (f"{md(names[i])} " if i in names else "") + f"ID {i} (not downloaded)"


def show(r: Resource) -> None:
    with st.container(border=True):
        when = r.published or "date not given"
        st.markdown(f"**{link(r.title, r.url)}**  \n{md(r.publisher)} · {md(r.type.capitalize())} · {md(when)}"
                    f"  \n{md(r.description)}")
        st.caption("Themes: " + ", ".join(md(cat.theme(t).label) for t in r.themes))
        if r.indicator_ids:
            st.markdown("Indicators: " + "; ".join(indicator(i) for i in r.indicator_ids))
        if not r.url_verified:
            alt = f" Another copy: {link(r.alt_url, r.alt_url)}" if r.alt_url else ""
            st.caption("This address could not be confirmed; check it before relying on it." + alt)


for resource in found:
    show(resource)

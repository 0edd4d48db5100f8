"""The Small areas page drawn: finding, map, ranking, table and guidance; or the offer to download."""
from __future__ import annotations

import streamlit as st

from components import chart_block, guidance_list
from components.explorer_views import draw
from components.feedback import show_outcome
from errors import HEPError
from geography import Area
from services import small_areas
from services.small_area_views import SmallAreaView
from services.text import md
from services.views import Panel

OUTCOME = "small_area_download"


def show(view: SmallAreaView, area: Area) -> None:
    st.markdown(md(view.finding))
    draw(Panel(view.notes))
    main, side = st.columns([4, 1], gap="medium")
    with main:
        if view.map is not None:
            chart_block.show(view.map.figure, view.map.info, key=view.map.key)
        chart_block.show(view.ranking.figure, view.ranking.info, key=view.ranking.key)
        st.subheader(md(f"MSOAs of {area.name}"))
        chart_block.table(view.table, view.table_info, key="small_table", pack_button=True)
    with side:
        guidance_list.show(view.resources, heading="Guidance for this indicator's themes",
                           none_text="No resource of the Health equity collection names this indicator or its themes.")


def offer(area: Area) -> None:
    """The authority holds no small-area data: say so, offer the download, point to the import."""
    st.info(f"No small-area (MSOA) data are held for {md(area.name)}.", icon=":material/info:")
    st.button(f"Download Local Health small areas for {area.name}", key="small_download", type="primary",
              on_click=_download, args=(area.code, area.name), help="MSOA values of the Local Health profile, from "
              "the Fingertips API, for this local authority only")
    st.caption("Or import a Fingertips small-area CSV (and ONS MSOA boundary GeoJSON for the map) on the "
               "**Data & sources** page, or run `python -m loading refresh --profile local-health --area-type 3 "
               f"--parent-area {area.code}`.")


def download_outcome() -> None:
    """What the download button left (a success sentence, or the error in plain English), shown once."""
    show_outcome(OUTCOME)


def _download(code: str, name: str) -> None:
    """Button callback: download the authority's small areas; the outcome shows on the next run."""
    try:
        with st.spinner(f"Downloading Local Health small areas for {name}…"):
            rows = small_areas.download([code])
    except HEPError as exc:
        st.session_state[OUTCOME] = exc
        return
    st.session_state[OUTCOME] = f"Downloaded {rows:,} rows of Local Health small areas for {name}."

"""A chart with everything around it: alt text, data table, PNG/SVG/CSV/XLSX downloads, 'Add to board pack'."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from errors import ExportError
from services import board_pack, exports
from services.views import ChartInfo

INTERACTIVE_KEY = "interactive_charts"
MENU_LABEL = "Download or add to board pack"
TABLE_MENU_LABEL = "Download table or add to board pack"

PNG_SIZES = {"1600 × 900 (16:9)": (1600, 900), "1200 × 900 (4:3)": (1200, 900), "1000 × 1000 (square)": (1000, 1000),
             "800 × 450 (small)": (800, 450)}


def show(fig: go.Figure, info: ChartInfo, *, key: str, drawn: bool = True) -> None:
    """The chart (or, with drawn=False, a closed expander that draws it when opened), its description, the
    downloads and 'Add to board pack' (which work from the figure whether it is drawn or not), and its data
    table behind an expander that is sent to the browser only when opened."""
    if drawn:
        _draw(fig, info, key)
    else:
        on_demand = st.expander(f"Show the chart: {info.title}", key=f"open_chart_{key}", on_change="rerun",
                                icon=":material/bar_chart:")
        if on_demand.open:
            with on_demand:
                _draw(fig, info, key)
    st.caption(f"Chart description: {info.alt_text}")
    export_buttons(fig, info, key=key)
    data = st.expander("Data table for this chart", key=f"open_table_{key}", on_change="rerun")
    if data.open:
        with data:
            table(info.table, info, key=key)


def interactive_toggle() -> None:
    """The sidebar's choice between charts as pictures (the default: they appear at once) and interactive
    charts (values on hover, zoom), kept for the session."""
    if not st.toggle("Interactive charts", key=INTERACTIVE_KEY,
                     help="Pictures appear at once. Interactive charts show each value on hover and can be zoomed, "
                          "but take a moment longer to load."):
        exports.prewarm()  # the browser that draws the pictures opens (or stays open) while the page runs


def _draw(fig: go.Figure, info: ChartInfo, key: str) -> None:
    """The chart as a picture, or interactive when chosen or when no picture can be drawn (no Chromium)."""
    if not st.session_state.get(INTERACTIVE_KEY):
        try:
            st.image(exports.picture(fig), alt=info.alt_text, width="content")  # narrower columns shrink it
            return
        except ExportError:
            pass  # the interactive chart needs no browser on the server
    st.plotly_chart(fig, key=f"chart_{key}", config={"displaylogo": False}, width="stretch")


def export_buttons(fig: go.Figure, info: ChartInfo, *, key: str) -> None:
    """PNG and SVG downloads and 'Add to board pack', in one menu under the chart: the browser draws its widgets
    only when it is opened, which keeps a page with charts quick to appear."""
    with st.popover(MENU_LABEL, icon=":material/download:"):
        size = st.selectbox("Image size", list(PNG_SIZES), key=f"size_{key}")
        width, height = PNG_SIZES[size]
        row = st.container(horizontal=True)
        row.download_button("PNG", data=lambda: exports.png(fig, info, width, height),
                            file_name=f"{info.file_stem}.png", mime="image/png", key=f"png_{key}",
                            on_click="ignore", icon=":material/image:", help=f"{width}×{height} at 2× scale")
        row.download_button("SVG", data=lambda: exports.svg(fig, info, width, height),
                            file_name=f"{info.file_stem}.svg", mime="image/svg+xml", key=f"svg_{key}",
                            on_click="ignore", icon=":material/draw:")
        item = exports.pack_item(info, figure=fig)
        st.button("Add to board pack", key=f"pack_{key}", icon=":material/playlist_add:", on_click=add_to_pack,
                  args=(item, key))
    added_note(key)  # outside the menu, so the outcome stays in sight after the rerun


def table(frame: pd.DataFrame, info: ChartInfo, *, key: str, pack_button: bool = False) -> None:
    st.dataframe(frame, hide_index=True, width="stretch")
    table_downloads(frame, info, key=key, pack_button=pack_button)


def table_downloads(frame: pd.DataFrame, info: ChartInfo, *, key: str, pack_button: bool = False) -> None:
    """CSV and XLSX downloads of a table (and optionally 'Add table to board pack'), in one menu under it (the
    browser draws its buttons only when it is opened)."""
    row = st.popover(TABLE_MENU_LABEL if pack_button else "Download table", icon=":material/download:")
    row.download_button("CSV", data=lambda: exports.csv(frame), file_name=f"{info.file_stem}.csv",
                        mime="text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/table:")
    row.download_button(
        "XLSX", data=lambda: exports.xlsx(frame, info),
        file_name=f"{info.file_stem}.xlsx", key=f"xlsx_{key}", on_click="ignore", icon=":material/grid_on:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if pack_button:
        item = exports.pack_item(info, table=frame)
        row.button("Add table to board pack", key=f"packtable_{key}", icon=":material/playlist_add:",
                   on_click=add_to_pack, args=(item, key))
        added_note(key)


def add_to_pack(item, key: str) -> None:
    """Button callback: put the item in the session's board pack; the outcome shows beside the button."""
    st.session_state[f"pack_note_{key}"] = board_pack.add(item)


def added_note(key: str) -> None:
    """The outcome of 'Add to board pack', shown once beside the button (a status message, not a dialog)."""
    note = st.session_state.pop(f"pack_note_{key}", None)
    if note:
        st.success(note, icon=":material/check:")

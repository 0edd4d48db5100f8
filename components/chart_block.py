"""A chart with everything around it: alt text, data table, PNG/SVG/CSV/XLSX downloads, 'Add to board pack'."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from export import images
from export.pack_content import PackItem

PNG_SIZES = {"1600 × 900 (16:9)": (1600, 900), "1200 × 900 (4:3)": (1200, 900), "1000 × 1000 (square)": (1000, 1000),
             "800 × 450 (small)": (800, 450)}


@dataclass
class ChartInfo:
    """What goes around a chart: titles, the words for screen readers and board papers, its data."""

    title: str
    subtitle: str
    alt_text: str
    table: pd.DataFrame
    finding: str = ""
    data_as_of: str = ""
    with_boundaries: bool = False
    themes: list[str] = field(default_factory=list)
    indicator_ids: list[int] = field(default_factory=list)
    definitions: pd.DataFrame | None = None

    @property
    def source_line(self) -> str:
        return images.source_line(self.data_as_of or "unknown date", with_boundaries=self.with_boundaries)

    @property
    def file_stem(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", f"{self.title} {self.subtitle}".lower()).strip("-")[:80] or "chart"


def show(fig: go.Figure, info: ChartInfo, *, key: str) -> None:
    st.plotly_chart(fig, key=f"chart_{key}", config={"displaylogo": False}, width="stretch")
    st.caption(f"Chart description: {info.alt_text}")
    export_buttons(fig, info, key=key)
    with st.expander("Data table for this chart"):
        table(info.table, info, key=key)


def export_buttons(fig: go.Figure, info: ChartInfo, *, key: str) -> None:
    cols = st.columns([2, 1, 1, 2])
    size = cols[0].selectbox("Image size", list(PNG_SIZES), key=f"size_{key}", label_visibility="collapsed")
    width, height = PNG_SIZES[size]

    def decorated() -> go.Figure:  # built only when a download is asked for
        return images.decorate_for_export(fig, info.title, info.subtitle, info.source_line)

    cols[1].download_button("PNG", data=lambda: images.to_png(decorated(), width, height, 2),
                            file_name=f"{info.file_stem}.png", mime="image/png", key=f"png_{key}",
                            on_click="ignore", icon=":material/image:", help=f"{width}×{height} at 2× scale")
    cols[2].download_button("SVG", data=lambda: images.to_svg(decorated(), width, height),
                            file_name=f"{info.file_stem}.svg", mime="image/svg+xml", key=f"svg_{key}",
                            on_click="ignore", icon=":material/draw:")
    item = PackItem("chart", info.title, figure=fig, table=info.table, subtitle=info.subtitle,
                    alt_text=info.alt_text, finding=info.finding, source_line=info.source_line,
                    themes=info.themes, indicator_ids=info.indicator_ids)
    cols[3].button("Add to board pack", key=f"pack_{key}", icon=":material/playlist_add:", on_click=add_to_pack,
                   args=(item, key))
    added_note(key)


def table(frame: pd.DataFrame, info: ChartInfo, *, key: str, pack_button: bool = False) -> None:
    st.dataframe(frame, hide_index=True, width="stretch")
    table_downloads(frame, info, key=key, pack_button=pack_button)


def table_downloads(frame: pd.DataFrame, info: ChartInfo, *, key: str, pack_button: bool = False) -> None:
    """CSV and XLSX downloads of a table (and optionally 'Add table to board pack')."""
    cols = st.columns([1, 1, 2])
    cols[0].download_button("CSV", data=lambda: _tables().to_csv(frame), file_name=f"{info.file_stem}.csv",
                            mime="text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/table:")
    cols[1].download_button(
        "XLSX", data=lambda: _tables().to_xlsx(frame, title=info.title, area=info.subtitle, source=info.source_line,
                                            licence=images.DATA_ATTRIBUTION, data_as_of=info.data_as_of,
                                            definitions=info.definitions),
        file_name=f"{info.file_stem}.xlsx", key=f"xlsx_{key}", on_click="ignore", icon=":material/grid_on:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if pack_button:
        item = PackItem("table", info.title, table=frame, subtitle=info.subtitle, alt_text=info.alt_text,
                        finding=info.finding, source_line=info.source_line, themes=info.themes,
                        indicator_ids=info.indicator_ids)
        cols[2].button("Add table to board pack", key=f"packtable_{key}", icon=":material/playlist_add:",
                       on_click=add_to_pack, args=(item, key))
        added_note(key)


def _tables():
    """export.tables, imported when a table is first downloaded (it brings openpyxl)."""
    from export import tables

    return tables


def add_to_pack(item: PackItem, key: str) -> None:
    """Button callback: append to the session's board pack (st.session_state["board_pack"])."""
    pack = st.session_state.setdefault("board_pack", [])
    if any(p.title == item.title and p.subtitle == item.subtitle and p.kind == item.kind for p in pack):
        st.session_state[f"pack_note_{key}"] = "This is already in the board pack."
        return
    pack.append(item)
    st.session_state[f"pack_note_{key}"] = f"Added to the board pack ({len(pack)} item{'s' if len(pack) != 1 else ''})."


def added_note(key: str) -> None:
    """The outcome of 'Add to board pack', shown once beside the button (a status message, not a dialog)."""
    note = st.session_state.pop(f"pack_note_{key}", None)
    if note:
        st.success(note, icon=":material/check:")

"""The licence line every page carries (its words come from the one attribution helper)."""
from __future__ import annotations

import streamlit as st

import attribution


def show_attribution(data_as_of: str | None, snapshot: int | None = None) -> None:
    st.divider()
    st.caption(attribution.page_line(data_as_of) + (f" Store snapshot {snapshot}." if snapshot is not None else ""))

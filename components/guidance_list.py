"""The collection's guidance beside a theme, cause or stage: title links, type and date, description."""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from services.guidance import Resource
from services.text import link, md


def show(resources: Sequence[Resource], *, heading: str, none_text: str) -> None:
    st.markdown(f"**{md(heading)}**")
    if not resources:
        st.caption(none_text)
    for r in resources:
        date = f", {r.published}" if r.published else ""
        st.markdown(f"{link(r.title, r.url)}  \n*{md(r.type)}{md(date)}* — {md(r.description)}")

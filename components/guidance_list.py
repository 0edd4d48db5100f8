"""The collection's guidance beside a theme, cause or stage: title links, type and date, description."""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from services.guidance import Resource
from services.text import link, md


def show(resources: Sequence[Resource], *, heading: str, none_text: str) -> None:
    """One block of text (one element for the browser to draw, however many resources)."""
    if not resources:
        st.markdown(f"**{md(heading)}**")
        st.caption(none_text)
        return
    items = [f"{link(r.title, r.url)}  \n*{md(r.type)}{md(', ' + r.published if r.published else '')}* — "
             f"{md(r.description)}" for r in resources]
    st.markdown("\n\n".join([f"**{md(heading)}**", *items]))

"""The Methods section drawn: each method, its reference, and the indicators it is used for."""
from __future__ import annotations

import streamlit as st

from services.methods import MethodsView
from services.text import md


def show(view: MethodsView) -> None:
    st.header("Methods")
    st.caption(md(view.intro))
    for method in view.methods:
        st.markdown(f"**{md(method.name)}** — {md(method.use)}.  \n*Reference:* {md(method.reference)}")
        if not method.indicators:
            st.caption("Used wherever the rule applies; no indicator held is tied to it by its definition."
                       if method.name.startswith("Recent trend") else "No indicator held uses this method.")
            continue
        with st.expander(f"Used for {len(method.indicators)} indicators held"):
            st.markdown("\n".join(f"- {md(name)}" for name in method.indicators))

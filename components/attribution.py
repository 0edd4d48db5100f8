"""The licence line every page carries."""
from __future__ import annotations

import streamlit as st

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
SOURCES = "Sources: OHID Fingertips (indicator data and definitions); ONS Open Geography (boundaries); " \
          "PHE/OHID Health equity collection on GOV.UK (guidance)."


def show_attribution(data_as_of: str | None) -> None:
    st.divider()
    as_of = f"Data as of {data_as_of}. " if data_as_of else ""
    st.caption(f"{as_of}{SOURCES} {OGL}")

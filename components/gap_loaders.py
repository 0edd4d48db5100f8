"""Forms that fill the life-expectancy gap page: upload a deaths-and-population CSV, or download from Nomis."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from components import pickers
from components.feedback import show_error, show_outcome
from errors import HEPError
from services import life_expectancy as le

OUTCOME = "le_load_outcome"
UPLOAD_KEY = "le_upload"


def outcome() -> None:
    """What the last import or download did (shown once, at the top of the page)."""
    show_outcome(OUTCOME)


def _said(result) -> str:
    years = f", {result.years[0]}–{result.years[-1]}" if result.years else ""
    notes = "".join(f"\n\n{n}" for n in result.notes)
    return f"Stored {result.rows:,} rows of {result.dataset} ({len(result.groups)} groups{years}).{notes}"


def _import() -> None:
    """Button callback: import the uploaded file; the outcome shows on the next run."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        st.session_state[OUTCOME] = ValueError("Choose a CSV file first.")
        return
    try:
        result = le.import_upload(upload)
    except (HEPError, ValueError) as exc:
        st.session_state[OUTCOME] = exc
        return
    st.session_state[OUTCOME] = _said(result)
    pickers.choose("compare", "groups")
    for name in ("a", "b"):  # the new file's own first and last groups
        pickers.reset(name)
    st.session_state["le_dataset"] = result.dataset


def upload_form() -> None:
    st.subheader("Import a file")
    st.markdown("A CSV with the columns `group, sex, age, deaths, population` and optionally `cause` and `year` "
                "(one row per group × sex × age, ages as single years or PHE's bands 0, 1-4, 5-9 … 90+), or the "
                "England IMD decile file (`year, imd_decile, sex, age, deaths, population`), recognised by its "
                "header.")
    st.file_uploader("Deaths and population (CSV)", type=["csv"], key=UPLOAD_KEY)
    st.button("Import file", key="le_import", icon=":material/upload_file:", on_click=_import)


def nomis_form(default_area: str = "") -> None:
    st.subheader("Download from Nomis")
    st.markdown("Deaths registered by cause, sex and age, and mid-year population, for an area and England "
                "from ONS via Nomis (one call at a time). Counts for areas below region level are rounded by ONS.")
    this_year = dt.date.today().year
    with st.form("le_nomis"):
        area = st.text_input("Area code", value=default_area, placeholder="e.g. E06000009", max_chars=9)
        cols = st.columns(2)
        first = cols[0].number_input("From year", min_value=2001, max_value=this_year, value=2017, step=1)
        last = cols[1].number_input("To year", min_value=2001, max_value=this_year, value=2019, step=1)
        submitted = st.form_submit_button("Download from Nomis", icon=":material/cloud_download:")
    if submitted:
        _download(area, int(first), int(last))


def _download(area: str, first: int, last: int) -> None:
    if last < first:
        st.warning("'To year' must not be before 'From year'.")
        return
    with st.status(f"Downloading {area.strip().upper()} and England from Nomis…", expanded=True) as status:
        bar = st.progress(0.0)
        try:
            result = le.download_nomis(area, first, last, lambda m, f: bar.progress(min(f or 0.0, 1.0), text=m))
        except (HEPError, ValueError) as exc:
            status.update(label="The download did not finish; nothing was stored", state="error")
            show_error(exc)
            return
        status.update(label="Downloaded", state="complete")
    st.session_state[OUTCOME] = _said(result)
    pickers.choose("compare", "england")
    st.query_params["area"] = result.dataset.split()[-1]
    st.rerun()

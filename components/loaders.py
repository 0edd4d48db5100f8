"""Forms that fill the store: download profiles from the API, or upload Fingertips CSVs."""
from __future__ import annotations

import streamlit as st

from components import pickers
from components.feedback import show_error, show_outcome
from errors import FingertipsAPIError, HEPError
from services import loading
from services.text import md


def download_form(*, key: str) -> None:
    with st.form(f"download_{key}"):
        st.header("Download from Fingertips")
        profiles = st.multiselect("Profiles", list(loading.DEFAULT_PROFILES),
                                  default=["public-health-outcomes-framework"],
                                  format_func=loading.DEFAULT_PROFILES.__getitem__)
        types = st.multiselect("Geographies", list(loading.AREA_TYPES), default=list(loading.AREA_TYPES),
                               format_func=loading.AREA_TYPES.__getitem__)
        submitted = st.form_submit_button("Download data", type="primary")
    if not submitted:
        return
    if not profiles or not types:
        st.warning("Choose at least one profile and one geography.")
        return
    failure = None
    with st.status("Downloading from Fingertips…", expanded=True) as status:
        try:
            rows = loading.refresh(profiles, types, status)
        except HEPError as exc:
            status.update(label="The download did not finish", state="error", expanded=False)
            failure = exc
        else:
            status.update(label=f"Downloaded {rows:,} rows", state="complete")
    if failure is not None:  # the reason and the advice open on the page, not folded in the progress box
        show_error(failure)
        if isinstance(failure, FingertipsAPIError):
            st.info("The Fingertips API cannot be used right now. You can upload CSV files downloaded from the "
                    "Fingertips website (the 'Download' tab of any profile) instead, below.")
        return
    st.button("Open the dashboard", type="primary", key=f"open_{key}")


def upload_form(*, key: str) -> None:
    st.header("Or upload Fingertips CSV files")
    uploads = st.file_uploader("Bulk-data or indicator-definition CSVs from the Fingertips website",
                               type=["csv"], accept_multiple_files=True, key=f"upload_{key}")
    if uploads and st.button("Import files", key=f"import_{key}"):
        with st.spinner("Importing…"):
            try:
                results = loading.import_uploads(uploads)
            except (HEPError, ValueError) as exc:
                show_error(exc)
                return
        for r in results:
            first, *details = r.summary_lines()
            st.success(md(first))
            if details:
                st.caption("  \n".join(md(line) for line in details))
        st.button("Open the dashboard", type="primary", key=f"open_upload_{key}")


def offer_profile(key: str, held: dict[str, str]) -> None:
    """A profile asked for (in the URL) that is not held yet: say so and offer to download it."""
    show_outcome("profile_download")
    if key not in loading.DEFAULT_PROFILES or key in held:
        return
    label = loading.DEFAULT_PROFILES[key]
    st.info(f"{label} has not been downloaded yet.")
    st.button(f"Download {label}", key="offer_profile", on_click=_fetch_profile, args=(key,),
              help="Counties & UAs and districts & UAs, from the Fingertips API")


def _fetch_profile(key: str) -> None:
    """Button callback: download one profile for both geographies; the outcome shows on the next run."""
    try:
        with st.spinner(f"Downloading {loading.DEFAULT_PROFILES[key]}…"):
            rows = loading.refresh([key], list(loading.AREA_TYPES), st.container())
        st.session_state["profile_download"] = f"Downloaded {rows:,} rows of {loading.DEFAULT_PROFILES[key]}."
        pickers.choose("profile", key)
    except HEPError as exc:
        st.session_state["profile_download"] = exc

"""Forms that fill the store: download profiles from the API, or upload Fingertips CSVs."""
from __future__ import annotations

import streamlit as st

from components import pickers
from components.feedback import show_error, show_outcome
from errors import FingertipsAPIError, HEPError
from services import data, loading
from services.data import READ_ONLY_ADVICE
from services.text import md


def read_only() -> bool:
    """On a dashboard that only reads a shared store: say who adds data instead of offering forms."""
    why = data.read_only()
    if why:
        st.info(why, icon=":material/lock:")  # our own words, with commands in code marks
    return why is not None


def download_form(*, key: str) -> None:
    with st.form(f"download_{key}"):
        st.header("Download from Fingertips")
        profiles = st.multiselect("Profiles", list(loading.DEFAULT_PROFILES),
                                  default=["public-health-outcomes-framework"],
                                  format_func=loading.DEFAULT_PROFILES.__getitem__)
        geographies = {**loading.AREA_TYPES, **loading.SMALL_AREAS}
        types = st.multiselect("Geographies", list(geographies), default=list(loading.AREA_TYPES),
                               format_func=geographies.__getitem__)
        las = _local_authority_choice(key)
        submitted = st.form_submit_button("Download data", type="primary")
    if not submitted:
        return
    la_types = [t for t in types if t in loading.AREA_TYPES]
    small = any(t in loading.SMALL_AREAS for t in types)
    if (not profiles and la_types) or not types:
        st.warning("Choose at least one profile and one geography.")
        return
    if small and not las:
        st.warning("Choose at least one local authority for MSOA small areas (small areas are downloaded one "
                   "local authority at a time, never for the whole country).")
        return
    _run_download(profiles if la_types else [], la_types, las if small else [], key)


def _local_authority_choice(key: str) -> list[str]:
    """The local authorities whose MSOA small areas to download: those the store knows, or any code typed (the
    welcome screen's store knows none yet)."""
    known = loading.local_authorities()
    chosen = st.multiselect(
        "Local authorities for MSOA small areas", list(known), format_func=lambda c: known.get(c, c),
        key=f"small_las_{key}", accept_new_options=True, placeholder="Choose, or type a code such as E06000009",
        help="Used when 'MSOA small areas' is chosen: Local Health's small-area data for these authorities, one "
             "download each.")
    return [str(c).strip().upper() for c in chosen if str(c).strip()]


def _run_download(profiles: list[str], types: list[int], las: list[str], key: str) -> None:
    failure = None
    with st.status("Downloading from Fingertips…", expanded=True) as status:
        try:
            rows = loading.refresh(profiles, types, status) if profiles and types else 0
            if las:
                rows += loading.refresh_small_areas_for(las, status)
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


def boundary_upload_form(*, key: str) -> None:
    """Import ONS boundary GeoJSON (counties & UAs, districts, regions, MSOAs) so maps work offline."""
    st.header("Map boundaries")
    st.caption("Maps download ONS boundaries the first time they are drawn. Offline, import the ONS GeoJSON files "
               "here (as downloaded from the ONS Open Geography Portal): counties & UAs (CTYUA23CD), local "
               "authority districts (LAD24CD or LAD23CD), regions (RGN23CD) or MSOAs (MSOA11CD or MSOA21CD, e.g. "
               "one local authority's file). The area type and vintage are read from the file.")
    uploads = st.file_uploader("Boundary GeoJSON files", type=["geojson", "json"], accept_multiple_files=True,
                               key=f"boundaries_{key}")
    if uploads and st.button("Import boundaries", key=f"import_boundaries_{key}"):
        for r in _imported(loading.import_boundary_uploads, uploads, "Importing boundaries…"):
            st.success(r.sentence())


def _imported(run, uploads, busy: str) -> list:
    """Run an import of uploaded files with a spinner; a failure becomes a sentence (and no results)."""
    with st.spinner(busy):
        try:
            return run(uploads)
        except (HEPError, ValueError) as exc:
            show_error(exc)
            return []


def upload_form(*, key: str) -> None:
    st.header("Or upload Fingertips CSV files")
    uploads = st.file_uploader("Bulk-data or indicator-definition CSVs from the Fingertips website",
                               type=["csv"], accept_multiple_files=True, key=f"upload_{key}")
    if uploads and st.button("Import files", key=f"import_{key}"):
        results = _imported(loading.import_uploads, uploads, "Importing…")
        if not results:
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
    if data.read_only():
        st.info(f"{label} is not in the shared store yet. {READ_ONLY_ADVICE}")
        return
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

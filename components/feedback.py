"""The one place that turns errors and empty results into sentences on the page."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from errors import ExportError, FingertipsAPIError, FingertipsDataError, HEPError, StoreError


def show_error(exc: Exception, *, data_as_of: str | None = None) -> None:
    """A plain-English error with what to do next; never a traceback."""
    if isinstance(exc, FingertipsAPIError):
        st.error(f"{exc}\n\nWhat you can do: try again later, or import a CSV downloaded from the Fingertips "
                 "website on the **Data & sources** page.", icon=":material/cloud_off:")
    elif isinstance(exc, FingertipsDataError):
        advice = ("try again later; if it keeps happening, download the CSV from the Fingertips website and "
                  "import it on the **Data & sources** page" if exc.source.startswith("http") or not exc.source
                  else "check the file is a Fingertips 'Download' CSV and try again")
        st.error(f"{exc}\n\nWhat you can do: {advice}.",
                 icon=":material/description:")
    elif isinstance(exc, StoreError) and exc.advice != StoreError.default_advice:  # it says what to do
        st.error(str(exc), icon=":material/info:")
    elif isinstance(exc, StoreError):
        st.error(f"{exc}\n\nWhat you can do: download or import data on the **Data & sources** page.", icon=":material/info:")
    elif isinstance(exc, ExportError):
        st.error(f"{exc}\n\nWhat you can do: the data tables (CSV/XLSX) still download; ask IT to install "
                 "Chromium for images and board packs.", icon=":material/image_not_supported:")
    elif isinstance(exc, HEPError):
        advice = exc.advice if exc.advice not in str(exc) else ""
        st.error(str(exc) + (f"\n\nWhat you can do: {advice}" if advice else ""), icon=":material/error:")
    elif isinstance(exc, ValueError):
        st.error(str(exc), icon=":material/error:")
    else:
        st.error(f"Something went wrong ({type(exc).__name__}). Your data is unchanged; please try again.",
                 icon=":material/error:")
    if data_as_of:
        st.info(f"The data already in the store is still shown (data as of {data_as_of}).")


@contextmanager
def or_stop() -> Iterator[None]:
    """Run a step the whole page needs (e.g. reaching the store); one of the project's errors becomes a sentence
    on the page, and the page stops there."""
    try:
        yield
    except HEPError as exc:
        show_error(exc)
        st.stop()


@contextmanager
def guarded(*, data_as_of: str | None = None) -> Iterator[None]:
    """Run a block of drawing; one of the project's errors becomes a sentence on the page instead."""
    try:
        yield
    except HEPError as exc:
        show_error(exc, data_as_of=data_as_of)


def empty(message: str) -> None:
    """A neutral note for a selection that has no data."""
    st.info(message, icon=":material/info:")


def show_outcome(state_key: str) -> bool:
    """Show (once) what a button callback left in session state: an error, or a success sentence.
    Returns True when it was a success."""
    outcome = st.session_state.pop(state_key, None)
    if isinstance(outcome, Exception):
        show_error(outcome)
    elif outcome:
        st.success(outcome)
        return True
    return False

"""The health equity assessment drawn: saved drafts, the four stages with their prompts, the pre-filled evidence
(keep or remove, with a note) and the collection's guidance beside each stage, then save, DOCX and pack."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components import area_picker, pickers, url_state
from services import assessment, assessment_export, drafts
from services.assessment import EquityView
from services.drafts import DOCX_MIME
from services.text import link, md


def show_outcome(outcome: drafts.Outcome | None, reopen: Callable[[str, int], None] | None = None) -> None:
    """What the last save, copy or open did; a warning about another session's save offers its version."""
    if outcome is None:
        return
    {"success": st.success, "warning": st.warning, "error": st.error}[outcome.kind](outcome.text)
    if outcome.replaced_version and reopen:
        st.button(f"Open the version it replaced (version {outcome.replaced_version})", key="reopen_replaced",
                  on_click=reopen, args=(outcome.assessment_id, outcome.replaced_version))


def saved_list(table: pd.DataFrame, options: dict[str, str], *, open_: Callable, copy: Callable, new: Callable,
               key: str) -> None:
    """The saved assessments: a table, a picker and Open / Duplicate / New buttons."""
    with st.expander(f"Saved assessments ({len(table)})", expanded=False):
        if table.empty:
            st.caption("Nothing saved yet. Fill in the form below and press **Save draft**.")
        else:
            st.dataframe(table, hide_index=True, width="stretch")
            chosen = st.selectbox("Saved assessment", list(options), format_func=options.__getitem__,
                                  key=f"{key}_pick")
            with st.container(horizontal=True):
                st.button("Open", key=f"{key}_open", icon=":material/folder_open:", on_click=open_, args=(chosen,))
                st.button("Duplicate", key=f"{key}_copy", icon=":material/content_copy:", on_click=copy,
                          args=(chosen,), help="Save a copy as a new assessment, e.g. for another programme.")
        st.button("Start a new assessment", key=f"{key}_new", icon=":material/note_add:", on_click=new)


def _open_equity(assessment_id: str, version: int | None = None) -> None:
    """Callback: open a saved assessment and show its area, theme and comparator."""
    chosen = assessment.open_saved(assessment_id, version)
    if chosen:
        url_state.choose("area", chosen["area"], area_picker.WIDGET_KEY)
        pickers.choose("theme", chosen["theme"] or pickers.ALL)
        pickers.choose("comparator", chosen["comparator"])


def long_text(label: str, key: str, help_text: str, height: int = 100) -> None:
    """A text area with the stated limit; beyond it, a message (the text is kept, saving is refused)."""
    text = st.text_area(label, key=key, help=f"{help_text} {drafts.LIMIT_HELP}".strip(), height=height)
    if len(text or "") > drafts.MAX_FIELD_CHARS:
        st.warning(f"{len(text):,} characters: the limit is {drafts.MAX_FIELD_CHARS:,}. Shorten this before saving.")


def _evidence(view: EquityView) -> None:
    st.subheader("What the data says")
    st.caption(view.evidence_note)
    if view.open_title:
        st.button("Refresh the evidence from the current data", key="heat_refresh_button",
                  on_click=assessment.refresh_evidence, icon=":material/refresh:")
    for gap in view.gaps:
        st.info(md(gap), icon=":material/info:")
    for item in view.evidence:
        with st.container(border=True):
            keep, text = st.columns([1, 6], vertical_alignment="top")
            kept = keep.checkbox("Keep", key=assessment.keep_key(item.key),
                                 help="Untick to leave this item out of the assessment and its exports.")
            style = "" if kept else "~~"
            text.markdown(f"{style}**{md(item.kind_label)}**: {md(item.finding)}{style}  \n"
                          f"{md(item.indicator)} · {md(item.period)} · {md(item.comparison)}")
            text.text_input("Note on this item", key=assessment.note_key(item.key), label_visibility="collapsed",
                            placeholder="Add a note (optional)", help=drafts.LIMIT_HELP)


def _guidance(view: EquityView) -> None:
    st.markdown("**Guidance for this theme**")
    if view.resources_note:
        st.caption(view.resources_note)
    for r in view.resources:
        st.markdown(f"{link(r.title, r.url)}  \n*{md(r.type)}*")


def stage(view: EquityView, number: int, item) -> None:
    st.header(f"{number}. {item.label}")
    st.caption(md(item.purpose))
    main, side = st.columns([3, 1], gap="medium")
    with main:
        if item.id == "assess":
            _evidence(view)
            st.subheader("Your assessment")
        for prompt in item.prompts:
            long_text(prompt.text, assessment.answer_key(prompt.id), prompt.help)
    with side:
        _guidance(view)


def details(view: EquityView) -> None:
    """Programme name and review date (6-12 months ahead suggested)."""
    suggested, earliest, latest = view.review_range
    left, right = st.columns([3, 1])
    left.text_input("Programme or service being assessed", key=assessment.TITLE_KEY,
                    placeholder="e.g. Healthy Start vitamins outreach", help=f"Up to {drafts.MAX_TITLE_CHARS} characters.")
    right.date_input("Review by", key=assessment.REVIEW_KEY, format="DD/MM/YYYY",
                     help=f"A review six to twelve months ahead is suggested ({earliest:%-d %b %Y} to "
                          f"{latest:%-d %b %Y}); the default is nine months ({suggested:%-d %b %Y}).")


def _add_to_pack(view: EquityView) -> None:
    st.session_state["heat_pack_note"] = assessment_export.add_to_pack(view)


def actions(view: EquityView) -> None:
    st.divider()
    with st.container(horizontal=True):
        st.button("Save draft", key="heat_save", type="primary", icon=":material/save:", on_click=assessment.save,
                  args=(view,))
        now = assessment_export.snapshot(view)  # the file is built after the run, from the form as it is now
        st.download_button("Download DOCX", data=lambda: assessment_export.docx(view, now),
                           file_name=assessment_export.file_name(now), mime=DOCX_MIME, key="heat_docx",
                           on_click="ignore", icon=":material/description:")
        st.button("Add to board pack", key="heat_pack", icon=":material/playlist_add:", on_click=_add_to_pack,
                  args=(view,))
    if note := st.session_state.pop("heat_pack_note", None):
        st.success(note, icon=":material/check:")


def show_equity(view: EquityView) -> None:
    show_outcome(assessment.outcome(), _open_equity)
    saved_list(assessment.saved_table(), assessment.saved_options(), open_=_open_equity, copy=assessment.duplicate,
               new=assessment.new_assessment, key="heat_saved")
    st.caption(view.note)
    if view.open_title:
        st.caption(f"Editing the saved assessment “{md(view.open_title)}”.")
    details(view)
    for number, item in enumerate(view.stages, start=1):
        stage(view, number, item)
    actions(view)

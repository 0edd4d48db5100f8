"""The inclusion-health self-assessment drawn: the statements per area on the maturity scale, the result with its
chart, resources for the weaker areas, saving, comparing two saved assessments and the downloads."""
from __future__ import annotations

import streamlit as st

from components import chart_block
from components.assessment_form import long_text, saved_list, show_outcome
from services import drafts, inclusion_health
from services.inclusion_health import InclusionView
from services.text import link, md


def _questions(view: InclusionView) -> None:
    levels = {lv.score: lv.label for lv in view.spec.scale}
    for area in view.spec.areas:
        st.subheader(md(area.label))
        for sid, text in area.statements:
            st.radio(text, list(levels), format_func=levels.__getitem__, key=inclusion_health.answer_key(sid),
                     horizontal=True, help="Leave unanswered if you do not know yet.")


def _scale(view: InclusionView) -> None:
    with st.expander("The maturity scale used here"):
        for lv in view.spec.scale:
            st.markdown(f"**{lv.score}\\. {md(lv.label)}**: {md(lv.description)}")


def _result(view: InclusionView) -> None:
    st.header("Result")
    st.markdown(f"**Overall: {md(view.result.overall_level)}**")
    if view.chart is None:
        st.info("Answer at least one statement to see the result by area.", icon=":material/info:")
    else:
        chart_block.show(view.chart.figure, view.chart.info, key=view.chart.key)
    if view.weaker:
        st.subheader("Where to look next")
        for label, resources in view.weaker:
            with st.expander(f"{label}: resources from the Health equity collection"):
                for r in resources:
                    st.markdown(f"{link(r.title, r.url)}  \n{md(r.description)}")


def _compare() -> None:
    options = inclusion_health.saved_options()
    st.header("Compare two saved assessments")
    if len(options) < 2:
        st.caption("Save at least two assessments (for example a year apart) to compare them side by side.")
        return
    ids = list(options)
    left, right = st.columns(2)
    first = left.selectbox("Earlier", ids, index=len(ids) - 1, format_func=options.__getitem__, key="ihc_first")
    second = right.selectbox("Later", ids, index=0, format_func=options.__getitem__, key="ihc_second")
    found = inclusion_health.comparison(first, second)
    if found is None:
        st.error("One of those assessments is no longer in the store.")
        return
    table, chart = found
    st.dataframe(table, hide_index=True, width="stretch")
    chart_block.show(chart.figure, chart.info, key=chart.key)


def _add_to_pack() -> None:
    st.session_state["ihc_pack_note"] = inclusion_health.add_to_pack()


def _actions() -> None:
    now = inclusion_health.snapshot()  # the files are built after the run, from the form as it is now
    with st.container(horizontal=True):
        st.button("Save", key="ih_save_button", type="primary", icon=":material/save:", on_click=inclusion_health.save)
        st.download_button("Download DOCX", data=lambda: inclusion_health.docx(now),
                           file_name=inclusion_health.file_name(now, "docx"),
                           mime=drafts.DOCX_MIME, key="ihc_docx", on_click="ignore", icon=":material/description:")
        st.download_button("Download PDF", data=lambda: inclusion_health.pdf(now),
                           file_name=inclusion_health.file_name(now, "pdf"),
                           mime=drafts.PDF_MIME, key="ihc_pdf", on_click="ignore", icon=":material/picture_as_pdf:")
        st.button("Add to board pack", key="ihc_pack", icon=":material/playlist_add:", on_click=_add_to_pack)
    if note := st.session_state.pop("ihc_pack_note", None):
        st.success(note, icon=":material/check:")


def show(view: InclusionView) -> None:
    show_outcome(inclusion_health.outcome(), inclusion_health.open_saved)
    saved_list(inclusion_health.saved_table(), inclusion_health.saved_options(), open_=inclusion_health.open_saved,
               copy=inclusion_health.duplicate, new=inclusion_health.new_assessment, key="ihc_saved")
    st.caption(view.note)
    if view.open_title:
        st.caption(f"Editing the saved assessment “{md(view.open_title)}”.")
    st.text_input("Team, service or organisation assessed", key=inclusion_health.TITLE_KEY,
                  placeholder="e.g. Central Primary Care Network", help=f"Up to {drafts.MAX_TITLE_CHARS} characters.")
    _scale(view)
    _questions(view)
    long_text("Notes", inclusion_health.NOTES_KEY, "What lies behind your answers, and what you plan to do.")
    _result(view)
    _actions()
    _compare()

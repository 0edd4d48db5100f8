"""The Premature mortality page drawn: headline rank, similar areas, league table, map, ranks across causes."""
from __future__ import annotations

import streamlit as st

from components import chart_block, guidance_list
from components.feedback import empty
from services.premature import DECILE_NOTE, PrematureView
from services.text import md


def show(view: PrematureView) -> None:
    st.markdown(md(view.finding) if view.finding else "")
    cols = st.columns(3)
    rank = str(view.headline.get("rank_label", "not ranked (no value)"))
    cols[0].metric(f"Rank ({view.period})", rank.split(", ")[0], help=rank)
    value = view.headline.get("value")
    cols[1].metric("Rate per 100,000", "–" if value is None else f"{value:,.1f}",
                   help=f"95% CI {view.headline['ci']}" if view.headline.get("ci") else None)
    cols[2].metric("Grade", view.headline.get("grade", "Not graded"))
    st.caption(f"Grades: each area's 95% confidence interval compared with {md(view.comparator)} "
               f"(Longer Lives' four grades; premature deaths: lower is better).")
    _similar(view)
    for note in view.notes:
        st.caption(md(note))
    main, side = st.columns([4, 1], gap="medium")
    with main:
        chart_block.show(view.league.figure, view.league.info, key=view.league.key)
        if view.map is not None:
            chart_block.show(view.map.figure, view.map.info, key=view.map.key)
        elif view.map_problem:
            st.warning(view.map_problem)
        if view.causes is not None:
            chart_block.show(view.causes.figure, view.causes.info, key=view.causes.key)
    with side:
        guidance_list.show(view.resources, heading="Guidance for this cause",
                           none_text="No resource of the Health equity collection names this indicator.")


def _similar(view: PrematureView) -> None:
    similar = view.similar
    if similar.reason:
        st.warning(md(similar.reason) + " It is ranked among all areas, and graded against England only.")
        return
    others = ", ".join(similar.others)
    st.markdown(f"**Similar areas** (IMD 2019 decile {similar.decile}): {md(others)}")
    st.caption(DECILE_NOTE)


def no_data(cause_label: str) -> None:
    empty(f"No values of premature mortality from {cause_label} are held. Download the Mortality Profile or "
          "the Public Health Outcomes Framework on the Data & sources page.")

"""The life-expectancy gap page's choices, kept in the URL (?compare=…&area=…&a=…&b=…&sex=…&le=…)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import area_picker, pickers
from components.feedback import empty
from services import data
from services import life_expectancy as le


def _groups(held: pd.DataFrame) -> tuple[str, str, str] | None:
    sets = le.group_datasets(held)
    names = list(sets)
    if st.session_state.get("le_dataset") not in sets:
        st.session_state["le_dataset"] = names[0]
    dataset = st.selectbox("Data", names, format_func=sets.__getitem__, key="le_dataset") if len(sets) > 1 \
        else names[0]
    groups = {g: g for g in le.groups(dataset)}
    first, last = list(groups)[0], list(groups)[-1]
    cols = st.columns(2)
    with cols[0]:
        a = pickers.choice("a", "Group", groups, first, what="the group",
                           help="The group whose life expectancy is compared, e.g. the most deprived decile.")
    with cols[1]:
        b = pickers.choice("b", "Compared with", groups, last, what="the group",
                           help="The reference group, e.g. the least deprived decile.")
    if a == b:
        st.warning("Choose two different groups to compare.")
        return None
    return dataset, a, b


def _area(held: pd.DataFrame) -> tuple[str, str, str] | None:
    areas = le.areas_held(held)
    first = next(iter(areas))
    if data.has_values():  # the sidebar's area picker owns ?area=
        code = area_picker.current()
        if code not in areas:
            st.info(f"No Nomis data for {code} is held, so {areas[first]} is shown. Download it below.")
            code = first
    else:
        code = pickers.choice("area", "Area", areas, first, what="the area code")
    return le.area_dataset(code), areas[code], "England"


def _years(dataset: str) -> tuple[int, ...]:
    held = le.years(dataset)
    if len(held) < 2:
        return tuple(held)
    first, last = st.select_slider("Years (pooled)", options=held, value=(held[0], held[-1]),
                                   key=f"le_years_{dataset}")
    return tuple(y for y in held if first <= y <= last)


def choose(held: pd.DataFrame) -> le.Choice | None:
    """Draw the choices; the Choice to show, or None (with the reason on the page)."""
    options = le.compare_options(held)
    compare = pickers.choice("compare", "Compare", options, next(iter(options)), what="the comparison",
                             horizontal=True)
    picked = _groups(held) if compare == "groups" else _area(held)
    if picked is None:
        return None
    dataset, a, b = picked
    cols = st.columns([1, 1, 2])
    with cols[0]:
        sex = pickers.choice("sex", "Sex", le.SEXES, "persons", what="the sex")
    measures, top = le.measures(dataset)
    if not measures:
        empty(f"The data stop at age {top - 1}, before 75, so no life expectancy can be worked out.")
        return None
    with cols[1]:
        measure = pickers.choice("le", "Life expectancy", measures, "75" if top else "birth",
                                 what="the life expectancy",
                                 help="At birth needs ages up to 90+; to 75 counts the years lived before 75.")
    with cols[2]:
        years = _years(dataset)
    return le.Choice(dataset, a, b, le.SEXES[sex], years, measure)

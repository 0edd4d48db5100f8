"""The explorer's views drawn: each asks for its choices (widgets), then draws the Panel services build."""
from __future__ import annotations

import streamlit as st

from components import chart_block, pickers
from components.feedback import empty, show_outcome
from errors import HEPError
from services import explorer, explorer_panels
from services import explorer_views as ev
from services.views import ChartView, Note, Panel

VIEWS = ev.VIEWS
DOWNLOAD_OUTCOME = "explorer_download"
MISSING_KEY = "explorer_missing"
PICKER_WIDTH = 220  # pixels: a period or sex picker beside other choices, not across the page


def draw(panel: Panel) -> None:
    """Draw a Panel's notes and charts in order; consecutive paragraphs as one block of text (each element
    costs the browser time to draw, a definition with its guidance list had twenty)."""
    text: list[str] = []
    for block in panel.blocks:
        if isinstance(block, Note) and block.kind == "markdown":
            text.append(block.text)
            continue
        if text:
            st.markdown("\n\n".join(text))
            text = []
        if isinstance(block, ChartView):
            chart_block.show(block.figure, block.info, key=block.key)
        else:
            _note(block)
    if text:
        st.markdown("\n\n".join(text))


def _note(note: Note) -> None:
    if note.kind == "empty":
        empty(note.text)
    elif note.kind == "header":
        st.header(note.text)
    elif note.kind == "caption":
        st.caption(note.text)
    elif note.kind in ("info", "warning"):
        getattr(st, note.kind)(note.text)
    else:
        st.markdown(note.text)


def _period(ctx: ev.Context, key: str) -> str | None:
    periods, latest = ev.period_options(ctx)
    if latest is None:
        return None
    return st.selectbox("Period", periods, index=periods.index(latest), key=key, width=PICKER_WIDTH)


def _compare(ctx: ev.Context) -> Panel:
    sets = ev.compare_sets(ctx)
    row = st.container(horizontal=True, gap="large")
    which = row.radio("Areas to compare", list(sets), format_func=sets.__getitem__, horizontal=True,
                      key="compare_set")
    sort = row.radio("Sort by", ["value", "name"], horizontal=True, key="compare_sort")
    with row:
        period = _period(ctx, "compare_period")
    return explorer_panels.panel("compare", ctx, which, sort, period)


def _map(ctx: ev.Context) -> Panel:
    problem = ev.map_problem(ctx)
    if problem:
        return Panel((Note("warning", problem),))
    by = st.radio("Colour areas by", list(ev.MAP_COLOURS), horizontal=True, key="map_by",
                  format_func=ev.MAP_COLOURS.__getitem__)
    return explorer_panels.panel("map", ctx, by, _period(ctx, "map_period"))


CHOOSERS = {"compare": _compare, "map": _map}  # views with choices of their own; the others have none


def show(view: str, ctx: ev.Context) -> None:
    """Ask for the view's choices and draw it."""
    draw(CHOOSERS[view](ctx) if view in CHOOSERS else explorer_panels.panel(view, ctx))


def remember_missing(wanted: str, options: dict[str, str], all_themes: bool) -> str | None:
    """An indicator ID asked for in the URL that is not held stays offered for download until another is
    chosen; returns it (or None)."""
    if wanted.isascii() and wanted.isdigit() and wanted not in options and all_themes:
        st.session_state[MISSING_KEY] = wanted
    return st.session_state.get(MISSING_KEY)


def sex_age(choices: tuple[list[str], list[str]]) -> tuple[str | None, str | None]:
    """Sex and age pickers, shown only where the indicator has more than one of each."""
    sexes, ages = choices
    row = st.container(horizontal=True) if len(sexes) > 1 or len(ages) > 1 else None
    sex = row.selectbox("Sex", sexes, key="explorer_sex", width=PICKER_WIDTH) if row and len(sexes) > 1 else \
        (sexes[0] if sexes else None)
    age = row.selectbox("Age", ages, key="explorer_age", width=PICKER_WIDTH) if row and len(ages) > 1 else \
        (ages[0] if ages else None)
    return sex, age


def offer_download(indicator_id: int) -> None:
    """An indicator asked for in the URL but not held: offer to download it by ID."""
    if show_outcome(DOWNLOAD_OUTCOME):
        return
    st.warning(f"Indicator {indicator_id} is not in the local store.")
    st.button(f"Download indicator {indicator_id} from Fingertips", key="download_indicator",
              on_click=_download, args=(indicator_id,))


def _download(indicator_id: int) -> None:
    """Button callback (runs before the page, so a rerun cannot lose the click)."""
    try:
        added = explorer.download_indicator(indicator_id)
    except HEPError as exc:
        st.session_state[DOWNLOAD_OUTCOME] = exc
        return
    st.session_state[DOWNLOAD_OUTCOME] = f"Downloaded {added:,} rows of indicator {indicator_id}."
    pickers.choose("indicator", str(indicator_id))

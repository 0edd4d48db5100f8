"""One theme group of the area overview drawn: benchmarked indicator table (with who compared each row), tartan
rug, spine chart and guidance; and the page's "worse and getting worse" list."""
from __future__ import annotations

import streamlit as st

from components import chart_block, guidance_list, html_table
from services.overview_views import GroupView, TableView, significance_style

NUMBERS = {"Value": ".1f", "England": ".1f", "Region": ".1f"}


def show(view: GroupView, *, chart_drawn: bool = True) -> None:
    """The group's header, table and guidance; its spine chart drawn, or (chart_drawn=False) drawn on demand."""
    st.header(f"{view.label} ({view.count})")
    if view.description:
        st.caption(view.description)
    main, side = st.columns([4, 1], gap="medium")
    with main:
        html_table.show(view.table, caption=view.table_info.alt_text, styles={view.compared_column: significance_style},
                        links={"Explore": "Open in explorer", "Definition": "Definition"}, numbers=NUMBERS)
        if view.methods_note:
            st.caption(view.methods_note)
        chart_block.table_downloads(view.table.drop(columns=["Explore", "Definition"]), view.table_info,
                                    key=f"table_{view.group_id}", pack_button=True)
        # Only the chosen tab is drawn: a chart in a hidden tab costs the browser as much as a shown one.
        tabs = st.tabs(["Spine chart", "Tartan rug"], key=f"tabs_{view.group_id}", on_change="rerun")
        _chart_tab(tabs[0], view.spine, drawn=chart_drawn,
                   missing="No spine chart: the other areas' values for these indicators are not held.")
        # the theme's indicators for the area, its region, neighbours and England, as Fingertips draws them
        _chart_tab(tabs[1], view.rug, drawn=chart_drawn,
                   missing="No tartan rug: no comparison of these indicators is held for the areas it shows.")
    with side:
        guidance_list.show(view.resources, heading="Guidance for this theme",
                           none_text="The Health equity collection has no resource filed under this theme.")


def _chart_tab(tab, chart, *, drawn: bool, missing: str) -> None:
    """A tab's chart (or why there is none), drawn only while the tab is the chosen one."""
    if not tab.open:
        return
    with tab:
        if chart is None:
            st.caption(missing)
        else:
            chart_block.show(chart.figure, chart.info, key=chart.key, drawn=drawn)


def show_worsening(view: TableView | None, comparator_label: str) -> None:
    """The indicators worse than the comparator and getting worse, with CSV/XLSX and 'Add to board pack'."""
    st.subheader("Worse and getting worse")
    if view is None:
        st.caption(f"No indicator shown is both significantly worse than {comparator_label} and getting worse.")
        return
    st.caption(view.info.subtitle)
    compared = f"Compared with {comparator_label}"
    html_table.show(view.table, caption=view.info.alt_text, styles={compared: significance_style},
                    links={"Explore": "Open in explorer"}, numbers=NUMBERS)
    chart_block.table_downloads(view.table.drop(columns=["Explore"]), view.info, key=view.key, pack_button=True)

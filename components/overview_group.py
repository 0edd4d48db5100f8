"""One theme group of the area overview drawn: benchmarked indicator table, spine chart and guidance."""
from __future__ import annotations

import streamlit as st

from components import chart_block, guidance_list
from services.overview_views import GroupView, significance_style


def show(view: GroupView, *, chart_drawn: bool = True) -> None:
    """The group's header, table and guidance; its spine chart drawn, or (chart_drawn=False) drawn on demand."""
    st.header(f"{view.label} ({view.count})")
    if view.description:
        st.caption(view.description)
    main, side = st.columns([4, 1], gap="medium")
    with main:
        st.dataframe(
            view.table.style.map(significance_style, subset=[view.compared_column]), hide_index=True,
            width="stretch", key=f"table_{view.group_id}",
            column_config={
                "Explore": st.column_config.LinkColumn("Explore", display_text="Open in explorer"),
                "Definition": st.column_config.LinkColumn("Definition", display_text="Definition"),
                "Value": st.column_config.NumberColumn(format="%.1f"),
            })
        chart_block.table_downloads(view.table.drop(columns=["Explore", "Definition"]), view.table_info,
                                    key=f"table_{view.group_id}", pack_button=True)
        if view.spine is None:
            st.caption("No spine chart: the other areas' values for these indicators are not held.")
        else:
            chart_block.show(view.spine.figure, view.spine.info, key=view.spine.key, drawn=chart_drawn)
    with side:
        guidance_list.show(view.resources, heading="Guidance for this theme",
                           none_text="The Health equity collection has no resource filed under this theme.")

"""Area overview (placeholder until the benchmarked overview lands): the indicators held for the area."""
from __future__ import annotations

import streamlit as st

from components.feedback import empty
from services import data

area = st.session_state.get("area", "E92000001")
areas = data.areas()
name = areas.loc[areas["area_code"] == area, "area_name"].head(1)
st.title(name.iloc[0] if len(name) else area)
held = data.indicators_for_area(area)
if held.empty:
    empty("No indicators are held for this area yet. Download more profiles on the Data & sources page.")
else:
    st.caption(f"{len(held)} indicators held for this area.")
    st.dataframe(held.rename(columns={"indicator_id": "ID", "indicator_name": "Indicator", "rows": "Rows",
                                      "latest_period": "Latest period"}), hide_index=True, width="stretch")

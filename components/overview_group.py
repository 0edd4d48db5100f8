"""One theme group of the area overview: benchmarked indicator table, spine chart and guidance."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.overview import display_name, spine_rows, summary_sentence
from charts import theme as chart_theme
from charts.alt_text import alt_text
from charts.presentation import Presentation
from charts.spine import spine
from components import chart_block
from components.text import app_url, link, md
from guidance.catalogue import Catalogue, Resource

TABLE_COLUMNS = {
    "indicator": "Indicator", "significance": "Compared", "time_period": "Period", "value": "Value",
    "ci": "95% CI", "england_value": "England", "region_value": "Region", "recent_trend": "Recent trend",
    "count": "Count", "explore": "Explore", "definition": "Definition", "guidance": "Guidance for this indicator",
}


def _number(value: object) -> str:
    return "" if pd.isna(value) else f"{value:,.1f}"


def display_table(rows: pd.DataFrame, area_code: str, comparator_label: str, catalogue: Catalogue) -> pd.DataFrame:
    """The rows as people read them: words, rounded numbers, links to the explorer and definitions."""
    out = pd.DataFrame({
        "indicator": [display_name(r) for _, r in rows.iterrows()],
        "time_period": rows["time_period"],
        "value": rows["value"].round(1),
        "ci": [f"{_number(lo)} – {_number(hi)}" if pd.notna(lo) else "" for lo, hi in
               zip(rows["lower_ci_95"], rows["upper_ci_95"])],
        "count": [_number(c).removesuffix(".0") if pd.notna(c) and float(c).is_integer() else _number(c)
                  for c in rows["count"]],
        "england_value": rows["england_value"].round(1),
        "region_value": rows["region_value"].round(1),
        "significance": rows["significance"].fillna("Not compared"),
        "recent_trend": [t + (" (computed here)" if s == "computed here" else "")
                         for t, s in zip(rows["recent_trend"], rows["trend_source"])],
        "explore": [app_url("explorer", area=area_code, indicator=i) for i in rows["indicator_id"]],
        "definition": [app_url("explorer", area=area_code, indicator=i, view="definitions")
                       for i in rows["indicator_id"]],
        "guidance": ["; ".join(r.title for r in catalogue.resources_for_indicator(int(i))[:3])
                     for i in rows["indicator_id"]],
    })[list(TABLE_COLUMNS)]
    return out.rename(columns={**TABLE_COLUMNS, "significance": f"Compared with {comparator_label}"})


def _colour(word: object) -> str:
    fill = chart_theme.SIGNIFICANCE_COLOURS.get(chart_theme.significance_word(word), chart_theme.NOT_COMPARED)
    return f"background-color: {fill}; color: {chart_theme.text_colour_on(fill)}"


def show(group_id: str, label: str, description: str, rows: pd.DataFrame, resources: list[Resource], *,
         area: dict, comparator_label: str, catalogue: Catalogue, data_as_of: str) -> None:
    st.header(f"{label} ({len(rows)})")
    if description:
        st.caption(description)
    main, side = st.columns([4, 1], gap="medium")
    with main:
        table = display_table(rows, area["code"], comparator_label, catalogue)
        compared = f"Compared with {comparator_label}"
        st.dataframe(
            table.style.map(_colour, subset=[compared]), hide_index=True, width="stretch",
            key=f"table_{group_id}",
            column_config={
                "Explore": st.column_config.LinkColumn("Explore", display_text="Open in explorer"),
                "Definition": st.column_config.LinkColumn("Definition", display_text="Definition"),
                "Value": st.column_config.NumberColumn(format="%.1f"),
            })
        chart_block.table_downloads(table.drop(columns=["Explore", "Definition"]), chart_block.ChartInfo(
            title=f"{label}: indicators for {area['name']}",
            subtitle=f"{area['name']}, latest period per indicator, compared with {comparator_label}",
            alt_text=f"Table of {len(rows)} indicators in {label} for {area['name']}.", table=table,
            data_as_of=data_as_of, themes=[label], indicator_ids=[int(i) for i in rows["indicator_id"].unique()]),
            key=f"table_{group_id}", pack_button=True)
        _spine(group_id, label, rows, area, comparator_label, data_as_of)
    with side:
        st.markdown("**Guidance for this theme**")
        if not resources:
            st.caption("The Health equity collection has no resource filed under this theme.")
        for r in resources:
            date = f", {r.published}" if r.published else ""
            st.markdown(f"{link(r.title, r.url)}  \n*{md(r.type)}{md(date)}* — {md(r.description)}")


def _spine(group_id: str, label: str, rows: pd.DataFrame, area: dict, comparator_label: str, data_as_of: str) -> None:
    chart_rows = spine_rows(rows)
    chart_rows = chart_rows.assign(indicator_name=[display_name(r) for _, r in chart_rows.iterrows()])
    if chart_rows.empty:
        st.caption("No spine chart: the other areas' values for these indicators are not held.")
        return
    fig = spine(chart_rows, area_name=area["name"], presentation=Presentation(comparator="England"))
    info = chart_block.ChartInfo(
        title=f"{label}: where {area['name']} sits among {area['type_name']}",
        subtitle=f"{area['name']}, latest period per indicator, compared with {comparator_label}",
        alt_text=alt_text("spine", chart_rows, area_name=area["name"], indicator_name=label, period="latest",
                          comparator="England"),
        table=chart_rows[["indicator_name", "time_period", "area_value", "england_value", "worst", "q25",
                          "median", "q75", "best", "significance"]],
        finding=summary_sentence(rows, area["name"], label, comparator_label),
        data_as_of=data_as_of, themes=[label], indicator_ids=[int(i) for i in rows["indicator_id"].unique()])
    chart_block.show(fig, info, key=f"spine_{group_id}")

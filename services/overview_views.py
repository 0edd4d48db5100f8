"""One theme group of the area overview, built for components/overview_group.py to draw: the benchmarked
table as people read it, its downloads' words, the spine chart and the theme's guidance."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.overview import display_name, spine_rows, summary_sentence
from charts import theme as chart_theme
from charts.alt_text import alt_text
from charts.presentation import Presentation
from charts.spine import spine
from geography import Area
from guidance.catalogue import Catalogue, Resource
from services.text import app_url
from services.views import ChartInfo, ChartView

TABLE_COLUMNS = {
    "indicator": "Indicator", "significance": "Compared", "time_period": "Period", "value": "Value",
    "ci": "95% CI", "england_value": "England", "region_value": "Region", "recent_trend": "Recent trend",
    "count": "Count", "explore": "Explore", "definition": "Definition", "guidance": "Guidance for this indicator",
}


@dataclass(frozen=True)
class GroupView:
    """Everything one theme group shows."""

    group_id: str
    label: str
    description: str
    count: int
    table: pd.DataFrame  # display columns (TABLE_COLUMNS' labels)
    compared_column: str
    table_info: ChartInfo
    spine: ChartView | None
    resources: tuple[Resource, ...]


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


def significance_style(word: object) -> str:
    """The CSS of a comparison cell: the theme's colour for the word, with readable text on it."""
    fill = chart_theme.SIGNIFICANCE_COLOURS.get(chart_theme.significance_word(word), chart_theme.NOT_COMPARED)
    return f"background-color: {fill}; color: {chart_theme.text_colour_on(fill)}"


def group_view(group: dict, area: Area, comparator_label: str, catalogue: Catalogue, data_as_of: str) -> GroupView:
    rows, label = group["rows"], group["label"]
    table = display_table(rows, area.code, comparator_label, catalogue)
    ids = [int(i) for i in rows["indicator_id"].unique()]
    info = ChartInfo(
        title=f"{label}: indicators for {area.name}",
        subtitle=f"{area.name}, latest period per indicator, compared with {comparator_label}",
        alt_text=f"Table of {len(rows)} indicators in {label} for {area.name}.", table=table,
        data_as_of=data_as_of, themes=[label], indicator_ids=ids)
    return GroupView(group["id"], label, group["description"], len(rows), table, f"Compared with {comparator_label}",
                     info, _spine(group["id"], label, rows, area, comparator_label, data_as_of),
                     tuple(group["resources"]))


def _spine(group_id: str, label: str, rows: pd.DataFrame, area: Area, comparator_label: str,
           data_as_of: str) -> ChartView | None:
    chart_rows = spine_rows(rows)
    chart_rows = chart_rows.assign(indicator_name=[display_name(r) for _, r in chart_rows.iterrows()])
    if chart_rows.empty:
        return None
    fig = spine(chart_rows, area_name=area.name, presentation=Presentation(comparator="England"))
    info = ChartInfo(
        title=f"{label}: where {area.name} sits among {area.type_name}",
        subtitle=f"{area.name}, latest period per indicator, compared with {comparator_label}",
        alt_text=alt_text("spine", chart_rows, area_name=area.name, indicator_name=label, period="latest",
                          comparator="England"),
        table=chart_rows[["indicator_name", "time_period", "area_value", "england_value", "worst", "q25",
                          "median", "q75", "best", "significance"]],
        finding=summary_sentence(rows, area.name, label, comparator_label),
        data_as_of=data_as_of, themes=[label], indicator_ids=[int(i) for i in rows["indicator_id"].unique()])
    return ChartView(fig, info, f"spine_{group_id}")

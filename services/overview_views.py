"""One theme group of the area overview, built for components/overview_group.py to draw: the benchmarked
table as people read it, its downloads' words, the spine chart and the theme's guidance."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.ci_fill import CI_COMPUTED
from analysis.method_catalogue import comparison_label
from analysis.overview import display_name, spine_rows, summary_sentence
from charts import theme as chart_theme
from charts.alt_text import alt_text
from charts.presentation import Presentation
from charts.spine import spine
from charts.tartan_rug import tartan_rug
from geography import Area
from guidance.catalogue import Catalogue, Resource
from services.text import app_url
from services.views import ChartInfo, ChartView

TABLE_COLUMNS = {
    "indicator": "Indicator", "significance": "Compared", "time_period": "Period", "value": "Value",
    "ci": "95% CI", "ci_by": "CI by", "comparison_by": "Comparison by", "england_value": "England",
    "region_value": "Region", "recent_trend": "Recent trend", "count": "Count", "explore": "Explore",
    "definition": "Definition", "guidance": "Guidance for this indicator",
}
CI_COMPUTED_NOTE = "CI computed here"


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
    methods_note: str = ""
    rug: ChartView | None = None


@dataclass(frozen=True)
class TableView:
    """A table drawn with its downloads and 'Add table to board pack' (components.chart_block.table_downloads)."""

    table: pd.DataFrame
    info: ChartInfo
    key: str


def _number(value: object) -> str:
    return "" if pd.isna(value) else f"{value:,.1f}"


def _column(rows: pd.DataFrame, name: str, default: object = "") -> pd.Series:
    return rows[name] if name in rows else pd.Series(default, index=rows.index, dtype=object)


def comparison_by(rows: pd.DataFrame) -> list[str]:
    """Who made each comparison: "Fingertips" (its word in the file), or "computed here: <method>"."""
    out = []
    for source, word, method, level in zip(_column(rows, "significance_source"), _column(rows, "significance"),
                                           _column(rows, "comparison_method"), _column(rows, "comparison_level"),
                                           strict=True):
        if source == "Fingertips":
            out.append("Fingertips")
        elif source == "quintile":
            out.append("computed here: " + comparison_label("quintiles"))
        elif isinstance(word, str) and word != "Not compared" and isinstance(method, str):
            out.append("computed here: " + comparison_label(method, level))
        else:
            out.append("")
    return out


def ci_by(rows: pd.DataFrame) -> list[str]:
    """"Fingertips" where the CI came with the data, "CI computed here (Wilson score)" where made here."""
    return [f"{CI_COMPUTED_NOTE} ({method})" if source == CI_COMPUTED else source or ""
            for source, method in zip(_column(rows, "ci_source"), _column(rows, "ci_method_used"), strict=True)]


def methods_note(rows: pd.DataFrame) -> str:
    """One sentence naming how the group's rows were compared and where CIs were computed here."""
    by = pd.Series(comparison_by(rows), dtype=object)
    parts = [f"{word[0].upper()}{word[1:]} ({n})" for word, n in by[by != ""].value_counts().items()]
    computed = pd.Series(ci_by(rows), dtype=object)
    parts += [f"{word} ({n})" for word, n in computed[computed.str.startswith(CI_COMPUTED_NOTE)].value_counts().items()]
    return ("How each row was compared: " + "; ".join(parts) + ". Methods: Data & sources page.") if parts else ""


def display_table(rows: pd.DataFrame, area_code: str, comparator_label: str, catalogue: Catalogue) -> pd.DataFrame:
    """The rows as people read them: words, rounded numbers, links to the explorer and definitions."""
    out = pd.DataFrame({
        "indicator": [display_name(r) for _, r in rows.iterrows()],
        "time_period": rows["time_period"],
        "value": rows["value"].round(1),
        "ci": [f"{_number(lo)} – {_number(hi)}" if pd.notna(lo) else "" for lo, hi in
               zip(rows["lower_ci_95"], rows["upper_ci_95"])],
        "ci_by": ci_by(rows),
        "comparison_by": comparison_by(rows),
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


def group_view(group: dict, area: Area, comparator_label: str, catalogue: Catalogue, data_as_of: str,
               rug: pd.DataFrame | None = None) -> GroupView:
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
                     tuple(group["resources"]), methods_note(rows),
                     _rug(group["id"], label, rug, area, data_as_of, ids))


def _rug(group_id: str, label: str, cells: pd.DataFrame | None, area: Area, data_as_of: str,
         ids: list[int]) -> ChartView | None:
    """The theme's tartan rug: its indicators x the area, region, neighbours and England, against England."""
    if cells is None or cells.empty or cells["value"].notna().sum() == 0:
        return None
    columns = list(dict.fromkeys(cells["area_name"]))
    fig = tartan_rug(cells, presentation=Presentation(comparator="England"))
    worse = int(((cells["area_name"] == area.name) & (cells["significance"] == "Worse")).sum())
    table = cells.pivot_table(index="indicator_name", columns="area_name", values="value", aggfunc="first",
                              sort=False).reindex(columns=columns).rename_axis(columns=None).reset_index()
    info = ChartInfo(
        title=f"{label}: {area.name} beside its region, neighbours and England",
        subtitle="Latest period per indicator; each cell compared with England",
        alt_text=(f"Tartan rug of {cells['indicator_name'].nunique()} indicators in {label} for "
                  f"{', '.join(columns)}, each coloured by its comparison with England; {area.name} is worse "
                  f"than England on {worse}."),
        table=table.round(1), data_as_of=data_as_of, themes=[label], indicator_ids=ids)
    return ChartView(fig, info, f"rug_{group_id}")




def worsening_view(rows: pd.DataFrame, area: Area, comparator_label: str, catalogue: Catalogue,
                   data_as_of: str) -> TableView | None:
    """Indicators significantly worse than the comparator and getting worse, as a table to export."""
    if rows.empty:
        return None
    shown = display_table(rows, area.code, comparator_label, catalogue)[
        ["Indicator", "Period", "Value", f"Compared with {comparator_label}", "Recent trend", "Explore"]]
    info = ChartInfo(
        title=f"{area.name}: worse than {comparator_label} and getting worse",
        subtitle=f"Indicators significantly worse than {comparator_label} whose recent trend is getting worse",
        alt_text=f"Table of {len(shown)} indicators worse than {comparator_label} and getting worse for {area.name}.",
        table=shown.drop(columns=["Explore"]), data_as_of=data_as_of,
        indicator_ids=[int(i) for i in rows["indicator_id"].unique()])
    return TableView(shown, info, "worsening")


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

"""The life-expectancy gap page's view, built as a frozen Panel (components/explorer_views.draw draws it).

The gap e(b) − e(a) is split by age band, by cause and by cause × age (analysis/segment.py), in months, with
the two life expectancies, the gap, a finding in words, notes on the data and the collection's guidance for
the causes that contribute most.
"""
from __future__ import annotations

import pandas as pd

import attribution
from analysis.segment import ALL_CAUSES, OTHER, SegmentGap, gap_finding
from charts.gap_by_age import gap_by_age
from charts.gap_by_cause import gap_by_cause
from charts.gap_heatmap import gap_heatmap
from charts.presentation import Presentation
from services import gap_guidance
from services import life_expectancy as le
from services.guidance import catalogue
from services.text import link, md
from services.views import ChartInfo, ChartView, Note, Panel

ROUNDED = "Figures for small areas are rounded by ONS; contributions of rare causes are approximate."
MONTHS = "Contribution to the gap (months)"
TOP_BANDS = 3


def years_text(years: tuple[int, ...]) -> str:
    """'2014–2016' for a run, '2014, 2016' otherwise, 'all years pooled' when the file gave none."""
    if not years:
        return "all years pooled"
    if list(years) == list(range(years[0], years[-1] + 1)):
        return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


def _statement(g: SegmentGap, years: str) -> str:
    measure = g.measure[0].upper() + g.measure[1:]
    return (f"**{md(measure)}** ({md(years)}): {md(g.label_a)} **{g.e_a:.1f} years**, {md(g.label_b)} "
            f"**{g.e_b:.1f} years**; the gap is **{abs(g.gap):.2f} years ({abs(g.gap_months):.1f} months)**.")


def _top_bands(g: SegmentGap) -> str:
    sign = 1 if g.gap >= 0 else -1
    top = g.by_age.assign(_k=g.by_age["months"] * sign).nlargest(TOP_BANDS, "_k")
    bands = ", ".join(f"{md(r.age_band)} ({r.months:.1f} months)" for r in top.itertuples())
    return f"Age bands contributing most to the gap: {bands}."


def _has_causes(g: SegmentGap) -> bool:
    return bool((g.by_cause["cause"] != OTHER).any())


def _info(choice: le.Choice, g: SegmentGap, years: str, title: str, alt: str, table: pd.DataFrame,
          finding: str) -> ChartInfo:
    source, fetched = le.source_of(choice.dataset)
    return ChartInfo(title=title, subtitle=f"{g.label_a} compared with {g.label_b}, {g.sex}, {years}", alt_text=alt,
                     table=table.round(2), finding=finding, data_as_of=fetched, themes=["Deprivation"],
                     source=attribution.mortality_line(source, fetched))


def _largest(frame: pd.DataFrame, label: str, n: int = 3) -> str:
    top = frame.reindex(frame["months"].abs().sort_values(ascending=False).index).head(n)
    return "; ".join(f"{r[label]}, {r['months']:.1f} months" for _, r in top.iterrows())


def _charts(choice: le.Choice, g: SegmentGap, years: str, finding: str) -> list[ChartView]:
    what = f"the {abs(g.gap):.1f}-year gap in {g.measure} between {g.label_a} and {g.label_b}"
    p = Presentation(value_title=MONTHS, unit="months", source=None)
    by_age = g.by_age[["age_band", "years", "months"]]
    charts = [ChartView(gap_by_age(by_age, presentation=p), _info(
        choice, g, years, f"Gap in {g.measure} by age band",
        f"Bar chart of the contributions of {len(by_age)} age bands to {what}. Largest: {_largest(by_age, 'age_band')}.",
        by_age, finding), "gap_age")]
    if not _has_causes(g):
        return charts
    by_cause = g.by_cause[["cause", "years", "months"]]
    cells = g.by_age_cause[["cause", "age_band", "years", "months"]]
    charts.append(ChartView(gap_by_cause(by_cause, presentation=p), _info(
        choice, g, years, f"Gap in {g.measure} by cause of death",
        f"Bar chart of the contributions of {len(by_cause)} cause groups to {what}. Largest: "
        f"{_largest(by_cause, 'cause')}.", by_cause, finding), "gap_cause"))
    charts.append(ChartView(gap_heatmap(cells, presentation=p.with_(unit="months")), _info(
        choice, g, years, f"Gap in {g.measure} by cause and age band",
        f"Heat map of the contributions of each cause and age band to {what}. Largest cells: "
        f"{_largest(cells.assign(cell=cells['cause'] + ' at ' + cells['age_band']), 'cell')}.", cells, finding),
        "gap_heat"))
    return charts


def guidance_blocks(g: SegmentGap) -> list[Note]:
    """The collection's resources for the (up to three) causes that widen the gap most."""
    sign = 1 if g.gap >= 0 else -1
    causes = g.by_cause.assign(_k=g.by_cause["years"] * sign).sort_values("_k", ascending=False)
    named = [c for c, k in zip(causes["cause"], causes["_k"], strict=True) if k > 0][:3] if _has_causes(g) else []
    blocks = [Note("header", "Guidance for the causes contributing most")]
    for cause, resources in gap_guidance.resources_for_causes(catalogue(), named or [ALL_CAUSES]):
        items = "\n".join(f"- {link(r.title, r.url)} — {md(r.description)}" for r in resources)
        blocks.append(Note("markdown", f"**{md(cause)}**\n\n{items}" if items else f"**{md(cause)}**: none listed."))
    blocks.append(Note("caption", md(attribution.guidance_line())))
    return blocks


def _data_notes(choice: le.Choice, result: le.GapResult) -> list[Note]:
    notes = []
    if result.top_age is not None and choice.measure == "75":
        notes.append(Note("info", f"The data stop at age {result.top_age - 1}, so life expectancy to 75 is shown: "
                                  "the average number of years lived between birth and 75 (temporary life "
                                  "expectancy), which only deaths before 75 can shorten."))
    if le.is_rounded(choice.dataset):
        notes.append(Note("warning", ROUNDED))
    return notes


def gap_panel(choice: le.Choice) -> Panel:
    """The whole view for one choice: statement, finding, notes, three charts and guidance."""
    result = le.gap(choice)
    blocks: list = _data_notes(choice, result)
    if result.gap is None:
        return Panel((*blocks, *(Note("warning", md(n)) for n in result.notes),
                      Note("empty", "The gap cannot be worked out for this choice. Choose other groups, another "
                                    "sex or other years, or import more data below.")))
    g, years = result.gap, years_text(result.years)
    finding = gap_finding(g)
    blocks += [Note("warning", md(n)) for n in (*result.notes, *g.notes)]
    if not g.computed:
        return Panel((*blocks, Note("markdown", md(finding))))
    blocks += [Note("markdown", _statement(g, years)), Note("markdown", f"**Finding.** {md(finding)}"),
               Note("markdown", _top_bands(g))]
    charts = _charts(choice, g, years, finding)
    if not _has_causes(g):
        blocks.append(Note("caption", "These data hold deaths from all causes only, so the gap is split by age "
                                      "band but not by cause."))
    return Panel((*blocks, *charts, *guidance_blocks(g)))

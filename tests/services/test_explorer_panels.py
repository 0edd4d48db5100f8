"""services.explorer_panels: each explorer view is built once per store version and choices, on the real sample;
the nearest neighbours are looked up on every run, so a failed lookup is not remembered."""
from __future__ import annotations

from services import explorer, explorer_panels, overview
from services import explorer_views as ev
from services.views import Note

LIFE_EXPECTANCY = 90366
BLACKPOOL = "E06000009"


def _context(comparator: str = "england") -> ev.Context:
    sexes, ages = explorer.sex_age_choices(LIFE_EXPECTANCY)
    return ev.context(overview.area_context(BLACKPOOL), LIFE_EXPECTANCY, sexes[0], ages[0] if ages else None,
                      comparator)


def test_a_view_is_built_once_and_is_the_view_the_builder_makes(sample_store):
    ctx = _context()
    period = ev.period_options(ctx)[1]
    first = explorer_panels.panel("compare", ctx, "england", "value", period)
    assert explorer_panels.panel("compare", _context(), "england", "value", period) is first
    (chart,) = first.charts
    (built,) = ev.compare_panel(ctx, "england", "value", period).charts
    assert chart.info.subtitle == built.info.subtitle and chart.info.finding == built.info.finding
    assert chart.info.table.equals(built.info.table)
    other_sort = explorer_panels.panel("compare", ctx, "england", "name", period)
    assert other_sort is not first and list(other_sort.charts[0].info.table["area_code"]) == \
        list(chart.info.table["area_code"])  # the table is the same; the bars' order is the chart's business
    assert explorer_panels.panel("trend", ctx) is explorer_panels.panel("trend", ctx)


def test_a_new_store_version_builds_the_view_again(sample_store):
    ctx = _context()
    first = explorer_panels.panel("definitions", ctx)
    with sample_store.writer() as con:  # any write makes a new version of the store
        con.execute("UPDATE core_indicator_metadata SET definition = 'Rewritten here' WHERE indicator_id = ?",
                    [LIFE_EXPECTANCY])
    again = explorer_panels.panel("definitions", _context())
    assert again is not first
    assert any("Rewritten here" in note.text for note in again.blocks)


def test_neighbours_that_could_not_be_looked_up_are_asked_for_again(sample_store, monkeypatch):
    codes = tuple(c for c in overview.area_context(BLACKPOOL).peers if c != BLACKPOOL)[:5]  # as if fetched
    answers = [((), None, "The nearest neighbours could not be fetched (the API did not answer)."),
               (codes, "CIPFA nearest neighbours", None)]
    monkeypatch.setattr(overview, "neighbours", lambda *a, **k: answers.pop(0))
    period = ev.period_options(_context())[1]
    failed = explorer_panels.panel("compare", _context("neighbours"), "neighbours", "value", period)
    assert _infos(failed) == [
        "The nearest neighbours could not be fetched (the API did not answer)."]
    shown = explorer_panels.panel("compare", _context("neighbours"), "neighbours", "value", period)
    assert not answers, "looked up on each run"
    assert not _infos(shown)
    assert set(shown.charts[0].info.table["area_code"]) == {BLACKPOOL, *codes}


def _infos(panel) -> list[str]:
    return [b.text for b in panel.blocks if isinstance(b, Note) and b.kind == "info"]

"""The explorer's views built once per store version and choices, so a rerun, or another session asking for the
same view, draws it straight away (building a chart of 150 areas took a tenth of a second of each run).

The nearest neighbours are looked up before the cached build (they may be fetched from the API, and a failed
fetch must not be remembered), and are part of what the build is keyed on.
"""
from __future__ import annotations

from geography import Area
from services import explorer_views as ev
from services.data import _key, cached
from services.inequality_views import inequalities_panel
from services.views import Panel

BUILDERS = {"compare": ev.compare_panel, "trend": ev.trend_panel, "map": ev.map_panel,
            "distribution": ev.distribution_panel, "inequalities": inequalities_panel,
            "definitions": ev.definitions_panel}
PANELS_KEPT = 32  # a few indicators x views x choices


def panel(view: str, ctx: ev.Context, *choices) -> Panel:
    """The `view` panel (BUILDERS) for the context and the view's own choices (e.g. compare: set, sort, period)."""
    neighbours = ctx.neighbours if ctx.uses_neighbours(choices[0] if view == "compare" else None) else None
    return _panel(*_key(), view, ctx.area, ctx.indicator_id, ctx.sex, ctx.age, ctx.comparator, neighbours, choices)


@cached(max_entries=PANELS_KEPT)
def _panel(path: str, version, view: str, area: Area, indicator_id: int, sex: str | None, age: str | None,
           comparator: str, neighbours, choices: tuple) -> Panel:
    ctx = ev.context(area, indicator_id, sex, age, comparator, known_neighbours=neighbours)
    return BUILDERS[view](ctx, *choices)

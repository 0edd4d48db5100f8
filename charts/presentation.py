"""How a chart is presented, as one small frozen object every chart function takes last.

Data (the frame, England and region values, breaks, fitted lines, boundaries) stays in the chart's own
arguments; `Presentation` holds only what a page chooses about showing it. Example::

    compare_bar(frame, presentation=Presentation(title="Smoking", highlight="E06000009", unit="%"))
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from charts import theme


@dataclass(frozen=True)
class Presentation:
    """Title, labels, number format, size and the chosen area of a chart.

    title, subtitle: shown top left (None: no title). source: the line under the chart (None: none).
    value_title: title of the value axis (or the map's colour bar). category_title: title of the other
        axis, the one listing areas, periods or categories (None: the chart's own, e.g. "Time period").
    unit, decimals: how values are written in hover text and labels ("%" sticks to the number).
    width, height: figure size in pixels (None: the chart's own size, e.g. taller with more areas).
    highlight: the AREA CODE (e.g. "E06000009") of the chosen area, in every chart. Charts that show
        many areas (compare_bar, choropleth, distribution_box) find it in their code column and mark it;
        the labels people see still use its name. Charts of a single area or of England (trend_line,
        spine, inequality_bar) draw the same with or without it. A name matches nothing.
    comparator: the name significance is judged against ("England", or a region's name).
    """

    title: str | None = None
    subtitle: str | None = None
    source: str | None = theme.DEFAULT_SOURCE
    value_title: str = "Value"
    category_title: str | None = None
    unit: str = ""
    decimals: int = 1
    width: int | None = None
    height: int | None = None
    highlight: str | None = None
    comparator: str = "England"

    def with_(self, **changes: object) -> Presentation:
        """A copy with some fields changed (the object itself is frozen)."""
        return replace(self, **changes)

    def axis_title(self, default: str) -> str:
        """`category_title`, or the chart's `default` when it is not set."""
        return self.category_title if self.category_title is not None else default


DEFAULT = Presentation()

"""Every colour, font and layout default the charts use, in one place.

Significance colours are Fingertips' own (the R package fingertipscharts uses the same hex codes):
Better green, Similar amber, Worse red, Higher/Lower blues for indicators with no polarity, and grey for
"Not compared". tests/charts/test_chart_theme.py checks that the text colours reach WCAG AA contrast on
white and that Better and Worse stay apart for people with deuteranopia or protanopia.

Colour-blind note: simulated with Machado et al. (2009) matrices, Fingertips' light green (#92D050) and
dark red (#C00000) differ mainly in lightness, so they stay distinguishable (CIE76 distance above 30); the
weakest pair is Better/Similar under protanopia (about 15, still above the "noticeable" threshold of 10).
Colour is therefore never the only cue: every chart writes the category word in its legend and hover text.

Longer Lives grades (premature mortality, low is good) use ColorBrewer's RdBu diverging ends, chosen as
colour-blind safe: dark red and light salmon above the comparator, light and dark blue below it, so the
red/blue split stays visible with deuteranopia or protanopia; the weakest pair is "Similar but below" vs
"Not graded" grey under protanopia (CIE76 about 16). Labels inside the bars pick black or white text.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Fingertips significance categories, in legend order.
BETTER = "#92D050"
SIMILAR = "#FFC000"
WORSE = "#C00000"
HIGHER = "#BED2FF"
LOWER = "#3260C4"
NOT_COMPARED = "#C9C9C9"

SIGNIFICANCE_COLOURS: dict[str, str] = {
    "Better": BETTER,
    "Similar": SIMILAR,
    "Worse": WORSE,
    "Higher": HIGHER,
    "Lower": LOWER,
    "Not compared": NOT_COMPARED,
}
SIGNIFICANCE_ORDER: tuple[str, ...] = tuple(SIGNIFICANCE_COLOURS)

# Longer Lives grades (premature mortality, low is good), worst first, plus grey for "Not graded".
# The words are analysis.premature.GRADES (a test keeps them equal; charts do not import analysis).
GRADE_WORSE = "#B2182B"
GRADE_SIMILAR_ABOVE = "#F4A582"
GRADE_SIMILAR_BELOW = "#92C5DE"
GRADE_BETTER = "#2166AC"
GRADE_COLOURS: dict[str, str] = {
    "Significantly worse": GRADE_WORSE,
    "Similar but above": GRADE_SIMILAR_ABOVE,
    "Similar but below": GRADE_SIMILAR_BELOW,
    "Significantly better": GRADE_BETTER,
    "Not graded": NOT_COMPARED,
}
GRADE_ORDER: tuple[str, ...] = tuple(GRADE_COLOURS)
# Outline of the similar-areas group in league tables (3:1 on white, lighter than the selected outline).
SIMILAR_OUTLINE = "#505A5F"

# Quintiles with no judgement, lightest (lowest fifth) to darkest (highest fifth), as Fingertips' purples.
QUINTILES: tuple[str, ...] = ("#DED3EC", "#BEA7DA", "#9E7CC8", "#7E50B7", "#5E25A5")
# Fifths of a local authority's small areas by value (the words are analysis.small_areas.FIFTHS).
QUINTILE_COLOURS: dict[str, str] = {
    "Highest fifth": QUINTILES[4],
    "Second-highest fifth": QUINTILES[3],
    "Middle fifth": QUINTILES[2],
    "Second-lowest fifth": QUINTILES[1],
    "Lowest fifth": QUINTILES[0],
    "Not compared": NOT_COMPARED,
}
QUINTILE_ORDER: tuple[str, ...] = tuple(QUINTILE_COLOURS)
# Continuous scale for value maps, built from the quintile purples.
SEQUENTIAL: list[list] = [[i / (len(QUINTILES) - 1), c] for i, c in enumerate(QUINTILES)]

# Text, reference lines and highlights (text colours reach 4.5:1 on white; lines reach 3:1).
TEXT = "#0B0C0C"
SECONDARY_TEXT = "#505A5F"
ENGLAND_LINE = "#0B0C0C"
REGION_LINE = "#505A5F"
HIGHLIGHT = "#0B0C0C"
GRID = "#E5E5E5"
BACKGROUND = "#FFFFFF"
TRANSPARENT = "rgba(0,0,0,0)"
LEGEND_BACKGROUND = "rgba(255,255,255,0.8)"

# Neutral fills for charts that are not about significance.
NO_DATA = "#F0F0F0"
DISTRIBUTION_FILL = "#E8E8E8"
DISTRIBUTION_LINE = "#505A5F"
SPINE_RANGE = "#E8E8E8"
SPINE_IQR = "#A6A6A6"
FITTED_LINE = "#1D70B8"

# Life-expectancy gap (Segment Tool): an age band or cause that widens the gap (the first group's death rates
# are higher there) in the grades' dark red, one that narrows it in their dark blue; the cause × age heat
# map runs between the same two through white (ColorBrewer RdBu ends, colour-blind safe as above). Every
# gap chart also writes "widens"/"narrows" in its legend and hover text.
GAP_WIDENS = GRADE_WORSE
GAP_NARROWS = GRADE_BETTER
GAP_DIVERGING: list[list] = [[0.0, GAP_NARROWS], [0.5, BACKGROUND], [1.0, GAP_WIDENS]]

FONT_FAMILY = "Arial, Helvetica, sans-serif"
FONT_SIZE = 13
HIGHLIGHT_LINE_WIDTH = 3
DEFAULT_SOURCE = "Source: Office for Health Improvement and Disparities, Fingertips (OGL v3.0)"

_ALIASES = {"same": "Similar", "not different": "Similar", "none": "Not compared", "": "Not compared"}


def significance_word(label: object) -> str:
    """Fingertips' comparison label reduced to its category word.

    "Higher 99.8" -> "Higher", "Same" -> "Similar", blank/None/NaN -> "Not compared"; unknown words are
    returned unchanged so nothing is silently recoded.
    """
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        return "Not compared"
    text = str(label).strip()
    for word in SIGNIFICANCE_ORDER:
        if text.lower().startswith(word.lower()):
            return word
    return _ALIASES.get(text.split(" ")[0].lower() if text else "", text)


def significance_colour(label: object) -> str:
    """Colour of a comparison label (any spelling significance_word understands); grey when unknown."""
    return SIGNIFICANCE_COLOURS.get(significance_word(label), NOT_COMPARED)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a "#RRGGBB" colour."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    h = colour.lstrip("#")
    r, g, b = (channel(h[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str = BACKGROUND) -> float:
    """WCAG contrast ratio between two colours (1 to 21; AA text needs 4.5)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(fill: str) -> str:
    """TEXT or white, whichever reads better on `fill` (for labels drawn inside bars)."""
    return TEXT if contrast_ratio(TEXT, fill) >= contrast_ratio("#FFFFFF", fill) else "#FFFFFF"


AXIS_TITLE_STANDOFF = 8  # pixels between an axis title and its tick labels


def base_layout(title: str | None = None, subtitle: str | None = None) -> go.Layout:
    """White background, Fingertips-like font and grid, and a left-aligned title with subtitle."""
    return go.Layout(
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT},
        title={
            "text": f"<b>{title}</b>" if title else None,
            "subtitle": {"text": subtitle or None, "font": {"color": SECONDARY_TEXT}},
            "x": 0,
            "xanchor": "left",
        },
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        # An explicit standoff places an axis title beside the tick labels; without one Plotly guessed its place
        # and drew "Area" over the area names of a bar chart.
        xaxis={"gridcolor": GRID, "linecolor": SECONDARY_TEXT, "zeroline": False, "automargin": True,
               "title": {"standoff": AXIS_TITLE_STANDOFF}},
        yaxis={"gridcolor": GRID, "linecolor": SECONDARY_TEXT, "zeroline": False, "automargin": True,
               "title": {"standoff": AXIS_TITLE_STANDOFF}},
        legend={"font": {"color": TEXT}},
        hoverlabel={"font": {"family": FONT_FAMILY, "color": TEXT}, "bgcolor": BACKGROUND},
        margin={"t": 90 if subtitle else 60, "b": 40, "l": 10, "r": 10},
    )


def apply_theme(
    fig: go.Figure,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = DEFAULT_SOURCE,
    source_offset: int = 60,
) -> go.Figure:
    """Put the theme, title, subtitle and (when given) a source line at the bottom left on `fig`.

    The source line sits `source_offset` pixels below the plot area (raise it when the x-axis tick labels
    are tall); the bottom margin grows to fit it.
    """
    fig.update_layout(base_layout(title, subtitle))
    if source:
        fig.update_layout(margin_b=source_offset + 30)
        fig.add_annotation(
            text=source,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-source_offset,
            showarrow=False,
            align="left",
            font={"size": FONT_SIZE - 2, "color": SECONDARY_TEXT},
            name="source",
        )
    return fig

# Maturity levels of the inclusion-health self-assessment, lightest (Emerging) to darkest (Thriving):
# ColorBrewer's sequential Blues (colour-blind safe: one hue, differing in lightness); grey when not answered.
MATURITY_COLOURS: dict[str, str] = {
    "Emerging": "#C6DBEF",
    "Developing": "#6BAED6",
    "Maturing": "#2171B5",
    "Thriving": "#08306B",
    "Not answered": NOT_COMPARED,
}
# Two assessments side by side: the earlier in grey, the later in the fitted-line blue.
COMPARISON_COLOURS: tuple[str, str] = ("#A6A6A6", FITTED_LINE)

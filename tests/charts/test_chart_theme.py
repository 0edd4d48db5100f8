"""charts.theme: contrast, colour-blind separation, label normalisation, title/subtitle/source."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from charts import theme

# Machado, Oliveira & Fernandes (2009) full-severity dichromacy matrices, applied in linear RGB.
MACHADO = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}


def _linear(colour: str) -> tuple[float, ...]:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    h = colour.lstrip("#")
    return tuple(channel(int(h[i : i + 2], 16) / 255) for i in (0, 2, 4))


def _simulate(rgb: tuple[float, ...], matrix) -> tuple[float, ...]:
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str, vision: str | None = None) -> float:
    """CIE76 colour difference between two colours as seen with `vision` (None: typical vision)."""
    la, lb = _linear(a), _linear(b)
    if vision:
        la, lb = _simulate(la, MACHADO[vision]), _simulate(lb, MACHADO[vision])
    return math.dist(_lab(la), _lab(lb))


def test_fingertips_significance_colours():
    assert theme.SIGNIFICANCE_COLOURS == {
        "Better": "#92D050",
        "Similar": "#FFC000",
        "Worse": "#C00000",
        "Higher": "#BED2FF",
        "Lower": "#3260C4",
        "Not compared": "#C9C9C9",
    }
    assert len(theme.QUINTILES) == 5


@pytest.mark.parametrize("name", ["TEXT", "SECONDARY_TEXT"])
def test_text_colours_meet_wcag_aa_on_white(name):
    assert theme.contrast_ratio(getattr(theme, name), "#FFFFFF") >= 4.5


@pytest.mark.parametrize(
    "name", ["ENGLAND_LINE", "REGION_LINE", "HIGHLIGHT", "FITTED_LINE", "DISTRIBUTION_LINE"]
)
def test_lines_meet_non_text_contrast_on_white(name):
    assert theme.contrast_ratio(getattr(theme, name), "#FFFFFF") >= 3.0


def test_contrast_ratio_known_values():
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert theme.contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)


def test_labels_inside_bars_are_readable():
    for colour in theme.SIGNIFICANCE_COLOURS.values():
        assert theme.contrast_ratio(theme.text_colour_on(colour), colour) >= 4.5


@pytest.mark.parametrize("vision", ["deuteranopia", "protanopia"])
def test_better_and_worse_stay_apart_for_red_green_colour_blindness(vision):
    # 20 is a clear difference at a glance; Fingertips' light green vs dark red keeps ~31 (deut), ~55 (prot).
    assert delta_e(theme.BETTER, theme.WORSE, vision) >= 20


@pytest.mark.parametrize("vision", [None, "deuteranopia", "protanopia"])
def test_every_pair_of_categories_is_noticeably_different(vision):
    # The weakest pair is Better/Similar under protanopia (~15): documented in theme's docstring, and
    # the category word is always in legend and hover, so colour is never the only cue.
    for (a, ca), (b, cb) in itertools.combinations(theme.SIGNIFICANCE_COLOURS.items(), 2):
        assert delta_e(ca, cb, vision) >= 10, (a, b, vision)


@pytest.mark.parametrize(
    "label, word",
    [
        ("Better", "Better"),
        ("Worse", "Worse"),
        ("Similar", "Similar"),
        ("Same", "Similar"),
        ("Higher 99.8", "Higher"),
        ("Lower 99.8", "Lower"),
        ("Worse 95%", "Worse"),
        ("Not compared", "Not compared"),
        ("", "Not compared"),
        (None, "Not compared"),
        (float("nan"), "Not compared"),
        ("Odd", "Odd"),
    ],
)
def test_significance_word(label, word):
    assert theme.significance_word(label) == word


def test_every_label_in_the_sample_has_a_colour(values):
    labels = values["compared_to_england"].dropna().unique()
    assert {theme.significance_word(v) for v in labels} <= set(theme.SIGNIFICANCE_COLOURS)


def test_apply_theme_sets_title_subtitle_font_and_source():
    fig = theme.apply_theme(
        go.Figure(go.Bar(x=[1], y=[2])),
        title="Life expectancy",
        subtitle="Males, 2021 - 23",
        source="Source: test",
    )
    assert fig.layout.title.text == "<b>Life expectancy</b>"
    assert fig.layout.title.subtitle.text == "Males, 2021 - 23"
    assert fig.layout.font.family == theme.FONT_FAMILY
    assert fig.layout.font.color == theme.TEXT
    (note,) = [a for a in fig.layout.annotations if a.name == "source"]
    assert note.text == "Source: test" and note.yanchor == "top" and note.y == 0
    assert fig.layout.margin.b >= -note.yshift


def test_apply_theme_without_source_adds_no_annotation():
    fig = theme.apply_theme(go.Figure(), title="T", source=None)
    assert not fig.layout.annotations


def test_base_layout_has_no_title_when_none_given():
    layout = theme.base_layout()
    assert layout.title.text is None and layout.plot_bgcolor == theme.BACKGROUND


def test_colours_only_come_from_theme():
    """No chart module writes a colour literal: every colour lives in charts/theme.py."""
    charts = Path(theme.__file__).parent
    literal = re.compile(r"#[0-9A-Fa-f]{6}\b|rgba?\(")
    for path in charts.glob("*.py"):
        if path.name != "theme.py":
            assert not literal.search(path.read_text(encoding="utf-8")), path.name


def test_charts_never_import_streamlit():
    charts = Path(theme.__file__).parent
    for path in charts.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name


# --- Longer Lives grades --------------------------------------------------------------------------


def test_grade_colours_cover_the_four_grades_and_not_graded():
    assert theme.GRADE_ORDER == (
        "Significantly worse", "Similar but above", "Similar but below", "Significantly better", "Not graded"
    )
    assert theme.GRADE_COLOURS["Not graded"] == theme.NOT_COMPARED


@pytest.mark.parametrize("vision", [None, "deuteranopia", "protanopia"])
def test_every_pair_of_grades_is_noticeably_different(vision):
    # Weakest pair: Similar but below vs Not graded grey under protanopia (~16), noted in theme's docstring.
    for (a, ca), (b, cb) in itertools.combinations(theme.GRADE_COLOURS.items(), 2):
        assert delta_e(ca, cb, vision) >= 10, (a, b, vision)


@pytest.mark.parametrize("vision", ["deuteranopia", "protanopia"])
def test_worse_and_better_grades_stay_apart_for_red_green_colour_blindness(vision):
    assert delta_e(theme.GRADE_WORSE, theme.GRADE_BETTER, vision) >= 20
    assert delta_e(theme.GRADE_SIMILAR_ABOVE, theme.GRADE_SIMILAR_BELOW, vision) >= 20


def test_labels_inside_grade_bars_are_readable():
    for colour in theme.GRADE_COLOURS.values():
        assert theme.contrast_ratio(theme.text_colour_on(colour), colour) >= 4.5


def test_similar_outline_meets_non_text_contrast():
    assert theme.contrast_ratio(theme.SIMILAR_OUTLINE, "#FFFFFF") >= 3.0

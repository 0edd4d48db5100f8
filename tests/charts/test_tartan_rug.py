"""charts.tartan_rug: structure of the grid (rows, columns, colours, words, legend) on a small frame."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from charts import theme
from charts.presentation import Presentation
from charts.tartan_rug import tartan_rug

AREAS = ["Blackpool", "North West", "Neighbour A", "England"]
WORDS = {"Smoking": ["Worse", "Worse", "Similar", "Not compared"],
         "Obesity": ["Better", "Similar", None, "Not compared"],
         "Life expectancy": ["Higher 99.8", "Lower", "Similar", "Not compared"]}


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = [{"indicator_name": i, "area_name": a, "value": 10.0 + n + k, "significance": w}
            for n, (i, words) in enumerate(WORDS.items()) for k, (a, w) in enumerate(zip(AREAS, words, strict=True))]
    rows[6]["value"] = np.nan  # Obesity, Neighbour A: no value
    return pd.DataFrame(rows)


def test_grid_has_indicators_down_and_areas_across_in_order(frame):
    fig = tartan_rug(frame, presentation=Presentation(comparator="England"))
    heat = fig.data[0]
    assert heat.type == "heatmap" and list(heat.x) == AREAS and list(heat.y) == list(WORDS)
    assert np.asarray(heat.z).shape == (3, 4)
    assert fig.layout.meta == {"chart": "tartan_rug", "n_indicators": 3, "n_areas": 4}
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.xaxis.side == "top"


def test_each_cell_takes_its_words_colour(frame):
    fig = tartan_rug(frame)
    heat = fig.data[0]
    z = np.asarray(heat.z, dtype=float)
    scale = {round((lo[0] + hi[0]) / 2, 6): lo[1] for lo, hi in zip(heat.colorscale[::2], heat.colorscale[1::2])}
    n = len(scale)
    for r, (indicator, words) in enumerate(WORDS.items()):
        for c, word in enumerate(words):
            colour = scale[round((z[r, c] + 0.5) / n, 6)]
            assert colour == theme.significance_colour(word), (indicator, AREAS[c])


def test_legend_lists_each_word_once_in_fingertips_order_and_values_are_written(frame):
    fig = tartan_rug(frame)
    legend = [t.name for t in fig.data if t.showlegend is not False and t.type == "scatter"]
    assert legend == ["Better", "Similar", "Worse", "Higher", "Lower", "Not compared"]
    texts = [x for t in fig.data if t.type == "scatter" and t.mode == "text" for x in t.text]
    assert "10.0" in texts and "" in texts  # the missing value writes nothing
    worse = next(t for t in fig.data if t.type == "scatter" and t.mode == "text" and "Smoking" in t.y and t.textfont.color == "#FFFFFF")
    assert theme.text_colour_on(theme.WORSE) == worse.textfont.color


def test_hover_says_the_comparison_and_missing_columns_fail(frame):
    hover = tartan_rug(frame, presentation=Presentation(comparator="England", unit="%")).data[0].hovertext
    assert "Worse than England" in hover[0][0] and "10.0%" in hover[0][0]
    with pytest.raises(ValueError, match="tartan_rug needs"):
        tartan_rug(frame.drop(columns="area_name"))

"""charts.inequality_bar: 93763 alcohol-related mortality by deprivation decile, England 2023."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from charts import theme
from charts.inequality_bar import inequality_bar
from charts.presentation import Presentation


@pytest.fixture(scope="module")
def fitted(alcohol_deciles):
    """A straight line through the decile values (standing in for an SII line from analysis/)."""
    y = alcohol_deciles["frame"]["value"].to_numpy()
    x = np.arange(len(y))
    return np.polyval(np.polyfit(x, y, 1), x)


@pytest.fixture(scope="module")
def fig(alcohol_deciles, fitted):
    return inequality_bar(
        alcohol_deciles["frame"],
        label_col=None,
        england_value=alcohol_deciles["england"],
        fitted=fitted,
        presentation=Presentation(category_title="Deprivation decile (IMD2019)", value_title="per 100,000"),
    )


def test_bars_in_decile_order_with_cis(fig, alcohol_deciles):
    frame = alcohol_deciles["frame"]
    assert len(frame) == 10
    (bars,) = [t for t in fig.data if t.type == "bar"]
    assert bars.name == "Not compared" and bars.marker.color == theme.NOT_COMPARED
    assert [y.replace("<br>", " ") for y in bars.y] == frame["category"].tolist()
    assert list(bars.x) == pytest.approx(frame["value"].tolist())
    assert list(bars.error_x.array) == pytest.approx((frame["upper_ci_95"] - frame["value"]).tolist())
    assert list(bars.error_x.arrayminus) == pytest.approx((frame["value"] - frame["lower_ci_95"]).tolist())
    assert list(fig.layout.yaxis.categoryarray) == list(bars.y)
    assert fig.layout.yaxis.autorange == "reversed"  # most deprived at the top


def test_england_line_and_fitted_line(fig, alcohol_deciles, fitted):
    (england,) = fig.layout.shapes
    assert england.x0 == pytest.approx(alcohol_deciles["england"]) and england.showlegend
    assert england.line.color == theme.ENGLAND_LINE
    (line,) = [t for t in fig.data if t.type == "scatter"]
    assert line.name.startswith("Slope index of inequality")
    assert list(line.x) == pytest.approx(list(fitted)) and line.line.color == theme.FITTED_LINE


def test_axis_titles_meta_and_hover(fig):
    assert fig.layout.xaxis.title.text == "per 100,000"
    assert fig.layout.yaxis.title.text == "Deprivation decile (IMD2019)"
    assert fig.layout.meta == {"chart": "inequality_bar", "n_categories": 10}
    bars = fig.data[0]
    assert all("Not compared with England" in h and "95% CI" in h for h in bars.hovertext)


def test_significance_colours_when_labelled():
    frame = pd.DataFrame(
        {
            "category": ["Male", "Female"],
            "value": [10.0, 20.0],
            "lower_ci_95": [9.0, 19.0],
            "upper_ci_95": [11.0, 21.0],
            "significance": ["Better", "Worse 99.8"],
        }
    )
    fig = inequality_bar(frame, england_value=15)
    assert [(t.name, t.marker.color) for t in fig.data] == [("Better", theme.BETTER), ("Worse", theme.WORSE)]


def test_fitted_must_match_categories(alcohol_deciles):
    with pytest.raises(ValueError, match="fitted has 2 values for 10 categories"):
        inequality_bar(alcohol_deciles["frame"], fitted=[1.0, 2.0])


def test_snapshot(fig, snapshot):
    snapshot("inequality_bar", fig)

"""The life-expectancy gap charts: contributions by age band, by cause and by cause × age, in months."""
from __future__ import annotations

import pandas as pd

from charts import theme
from charts.gap_by_age import NARROWS, WIDENS, gap_by_age
from charts.gap_by_cause import gap_by_cause
from charts.gap_heatmap import gap_heatmap
from charts.presentation import Presentation

BY_AGE = pd.DataFrame({"age_band": ["0", "1-4", "5-9", "70-74"], "months": [2.0, -0.5, 0.1, 6.0]})
BY_CAUSE = pd.DataFrame({"cause": ["Cancer", "Circulatory", "Other"], "months": [5.0, 9.0, -1.0]})


def test_age_bands_stay_in_age_order_and_widening_and_narrowing_are_named():
    fig = gap_by_age(BY_AGE, presentation=Presentation(value_title="Months", unit="months"))
    names = [t.name for t in fig.data]
    assert names == [WIDENS, NARROWS]
    assert list(fig.layout.xaxis.categoryarray) == ["0", "1-4", "5-9", "70-74"]
    assert fig.data[0].marker.color == theme.GAP_WIDENS and fig.data[1].marker.color == theme.GAP_NARROWS
    assert "narrows the gap" in fig.data[1].hovertext[0] and "months" in fig.data[1].hovertext[0]
    assert fig.layout.meta["chart"] == "gap_by_age" and fig.layout.yaxis.title.text == "Months"


def test_causes_are_sorted_largest_first():
    fig = gap_by_cause(BY_CAUSE)
    assert list(fig.layout.yaxis.categoryarray) == ["Circulatory", "Cancer", "Other"]
    assert fig.layout.meta == {"chart": "gap_by_cause", "n_causes": 3}


def test_the_heat_map_is_centred_on_zero_with_a_label_in_each_cell():
    cells = pd.DataFrame({"cause": ["Cancer", "Cancer", "Other", "Other"], "age_band": ["0", "1-4", "0", "1-4"],
                          "months": [1.0, 3.0, -2.0, 0.5]})
    fig = gap_heatmap(cells)
    heat = fig.data[0]
    assert list(heat.y) == ["Cancer", "Other"] and list(heat.x) == ["0", "1-4"]
    assert heat.zmid == 0 and heat.zmin == -3.0 and heat.zmax == 3.0
    assert heat.text[0] == ("1.0", "3.0") or list(heat.text[0]) == ["1.0", "3.0"]
    assert heat.colorscale[0][1] == theme.GAP_NARROWS and heat.colorscale[-1][1] == theme.GAP_WIDENS

"""charts.rank_small_multiples: one panel per cause with the area's rank, coloured by grade."""

from __future__ import annotations

import pandas as pd
import pytest

from charts import theme
from charts.presentation import Presentation
from charts.rank_small_multiples import rank_small_multiples


def _summary() -> pd.DataFrame:
    return pd.DataFrame({
        "cause_label": ["all causes", "cancer", "liver disease"],
        "rank": pd.array([150, 12, pd.NA], dtype="Int64"),
        "n_ranked": [150, 148, 140],
        "rank_label": ["150th of 150, 1 = lowest rate", "12th of 148, 1 = lowest rate", "not ranked (no value)"],
        "grade_england": ["Significantly worse", "Significantly better", "Not graded"],
    })


@pytest.fixture(scope="module")
def fig():
    return rank_small_multiples(_summary(), area_name="Blackpool", presentation=Presentation(title="Blackpool's ranks"))


def test_one_panel_per_cause_with_rank_titles(fig):
    titles = [a.text for a in fig.layout.annotations if a.name != "source"]
    assert titles == ["<b>All causes</b>: 150th of 150, 1 = lowest rate", "<b>Cancer</b>: 12th of 148, 1 = lowest rate",
                      "<b>Liver disease</b>: not ranked (no value)"]
    assert fig.layout.meta == {"chart": "rank_small_multiples", "area": "Blackpool", "n_causes": 3}
    assert list(fig.layout.xaxis.tickvals) == [1, 150] and list(fig.layout.xaxis2.tickvals) == [1, 148]
    assert fig.layout.xaxis.range[0] < 1 and fig.layout.xaxis.range[1] > 150
    assert fig.layout.xaxis3.title.text == "Rank (1 = lowest rate)"


def test_markers_coloured_by_grade_and_absent_when_unranked(fig):
    markers = [t for t in fig.data if t.mode == "markers"]
    assert [(t.name, t.x[0]) for t in markers] == [("Significantly worse", 150), ("Significantly better", 12)]
    for t in markers:
        assert t.marker.color == theme.GRADE_COLOURS[t.name] and t.showlegend
    tracks = [t for t in fig.data if t.mode == "lines"]
    assert len(tracks) == 3 and all(t.line.color == theme.SPINE_IQR for t in tracks)


def test_needs_its_columns():
    with pytest.raises(ValueError, match="n_ranked"):
        rank_small_multiples(_summary().drop(columns="n_ranked"))

"""charts.spine: Blackpool against all counties & UAs for six indicators of the sample."""

from __future__ import annotations

import pandas as pd
import pytest

from charts import theme
from charts.presentation import Presentation
from charts.spine import SPINE_COLUMNS, spine, spine_positions


@pytest.fixture(scope="module")
def fig(blackpool_spine):
    return spine(blackpool_spine, area_name="Blackpool", presentation=Presentation(title="Blackpool compared with England"))


def test_positions_put_england_in_the_centre_and_worst_left(blackpool_spine):
    pos = spine_positions(blackpool_spine)
    assert (
        (pos["worst"] >= -1e-9) & (pos["worst"] <= 0.5) & (pos["best"] >= 0.5) & (pos["best"] <= 1 + 1e-9)
    ).all()
    assert (
        (pos["worst"] - 0).abs().lt(1e-9) | (pos["best"] - 1).abs().lt(1e-9)
    ).all()  # an extreme touches an edge
    assert ((pos["q25"] <= pos["median"] + 1e-9) & (pos["median"] <= pos["q75"] + 1e-9)).all()


def test_positions_by_hand():
    rows = pd.DataFrame(
        [
            {
                "worst": 0.0,
                "q25": 4,
                "median": 5,
                "q75": 6,
                "best": 8,
                "area_value": 9,
                "england_value": 5,
            },  # high good
            {
                "worst": 8.0,
                "q25": 6,
                "median": 5,
                "q75": 4,
                "best": 0,
                "area_value": 6,
                "england_value": 5,
            },  # low good
            {
                "worst": 5.0,
                "q25": 5,
                "median": 5,
                "q75": 5,
                "best": 5,
                "area_value": 5,
                "england_value": 5,
            },  # flat
        ]
    )
    pos = spine_positions(rows)
    assert pos.loc[0].tolist() == pytest.approx([0.0, 0.4, 0.5, 0.6, 0.8, 0.9])
    assert pos.loc[1].tolist() == pytest.approx([0.2, 0.4, 0.5, 0.6, 1.0, 0.4])
    assert pos.loc[2].tolist() == pytest.approx([0.5] * 6)


def test_structure(fig, blackpool_spine):
    n = len(blackpool_spine)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [b.marker.color for b in bars] == [theme.SPINE_RANGE, theme.SPINE_IQR]
    assert all(len(b.y) == n for b in bars)
    marks = [t for t in fig.data if t.type == "scatter"]
    assert sum(len(m.x) for m in marks) == blackpool_spine["area_value"].notna().sum()
    (england,) = fig.layout.shapes
    assert (
        england.x0 == england.x1 == 0.5
        and england.line.color == theme.ENGLAND_LINE
        and england.name == "England"
    )
    assert fig.layout.meta == {"chart": "spine", "area": "Blackpool", "n_indicators": n}
    assert list(fig.layout.xaxis.ticktext) == ["Worst", "England", "Best"]
    assert fig.layout.xaxis.title.text.startswith("Position among areas")
    assert fig.layout.yaxis.title.text == "Indicator"


def test_area_markers_coloured_by_significance_with_words(fig, blackpool_spine):
    words = blackpool_spine["significance"].map(theme.significance_word)
    for trace in (t for t in fig.data if t.type == "scatter"):
        word = trace.name.removeprefix("Blackpool: ")
        assert trace.marker.color == theme.SIGNIFICANCE_COLOURS[word]
        assert len(trace.x) == (words == word).sum()
        assert all(word.lower() in h.lower() and "England" in h for h in trace.hovertext)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="q25"):
        spine(pd.DataFrame(columns=[c for c in SPINE_COLUMNS if c != "q25"]))


def test_snapshot(fig, snapshot):
    snapshot("spine", fig)

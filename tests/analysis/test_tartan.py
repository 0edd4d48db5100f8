"""analysis.tartan (rug cells, worse and getting worse) and analysis.method_catalogue on small frames."""
from __future__ import annotations

import pandas as pd
from small_frames import AREA, PEER_A, PEERS, REGION, metadata, values

from analysis.method_catalogue import comparison_label, methods_used
from analysis.overview import OverviewParams, benchmark_table
from analysis.tartan import rug_rows, worsening
from geography import ENGLAND

COLUMNS = [(AREA, "Blackpool"), (REGION, "North West"), (PEER_A, "Neighbour"), (ENGLAND, "England")]


def table(polarity: str = "Low is good") -> pd.DataFrame:
    return benchmark_table(values(), metadata(polarity), OverviewParams(AREA, "england", REGION, PEERS))


def test_rug_has_one_cell_per_area_each_against_england():
    cells = rug_rows(table(), values(), metadata(), COLUMNS)
    assert cells["area_name"].tolist() == ["Blackpool", "North West", "Neighbour", "England"]
    assert cells["value"].tolist() == [64.0, 52.0, 48.0, 50.0]
    # low is good: 64 (62-66) and 52 (51-53) are above England's 50, 48 (47-49) below; England not compared
    assert cells["significance"].tolist() == ["Worse", "Worse", "Better", "Not compared"]
    assert set(cells["time_period"]) == {"2022"}


def test_rug_keeps_an_area_without_a_value_and_uses_fingertips_words():
    frame = values()
    frame.loc[(frame["area_code"] == PEER_A) & (frame["time_period"] == "2022"), "value"] = None
    frame.loc[(frame["area_code"] == REGION) & (frame["time_period"] == "2022"), "compared_to_england"] = "Similar"
    cells = rug_rows(table(), frame, metadata(), COLUMNS).set_index("area_name")
    assert cells.loc["Neighbour", "significance"] == "Not compared"
    assert cells.loc["North West", ["significance", "significance_source"]].tolist() == ["Similar", "Fingertips"]
    assert rug_rows(table().iloc[0:0], frame, metadata(), COLUMNS).empty


def test_worse_and_getting_worse():
    rows = table()  # Blackpool rises 60 -> 64 each year, low is good: worse and (if significant) getting worse
    assert rows["significance"].tolist() == ["Worse"]
    picked = worsening(rows.assign(recent_trend="Increasing and getting worse"))
    assert len(picked) == 1
    assert worsening(rows.assign(recent_trend="Increasing and getting better")).empty
    assert worsening(rows.assign(recent_trend="Increasing and getting worse", significance="Similar")).empty


def test_methods_catalogue_lists_indicators_per_method():
    meta = pd.DataFrame([
        {"indicator_id": 1, "indicator_name": "Smoking", "value_type": "Proportion", "ci_method": None,
         "benchmark_method": "Confidence intervals overlapping reference value (95.0)"},
        {"indicator_id": 2, "indicator_name": "Deaths", "value_type": "Crude rate", "ci_method": "Byar's method",
         "benchmark_method": "Confidence intervals overlapping reference value (99.8)"},
        {"indicator_id": 3, "indicator_name": "Deprivation", "value_type": "Score", "ci_method": None,
         "benchmark_method": "Quintiles"}])
    uses = {u.name: u for u in methods_used(meta)}
    assert uses["Wilson score confidence limits"].indicators == ("Smoking (1)",)
    assert uses["Byar's confidence limits"].indicators == ("Deaths (2)",)
    assert uses["Compared by: " + comparison_label("ci_overlap", 0.998)].indicators == ("Deaths (2)",)
    assert uses["Compared by: quintiles among areas of the same type"].indicators == ("Deprivation (3)",)
    assert all(u.reference for u in uses.values())
    assert {u.name for u in methods_used(meta.iloc[0:0])} >= {"Wilson score confidence limits",
                                                               "Byar's confidence limits"}

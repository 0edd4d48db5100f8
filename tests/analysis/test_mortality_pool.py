"""analysis.mortality_pool: stored rows pooled over the years both groups have, with notes on what is missing."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.mortality_pool import natural_key, pooled, top_age


def _rows() -> pd.DataFrame:
    return pd.DataFrame([{"group_name": g, "sex": "Male", "age": a, "cause": "All causes", "year": y,
                          "deaths": 1.0, "population": 100.0} for g in ("A", "B") for a in ("0", "1-4", "90+")
                         for y in (2018, 2019, 2020)])


def test_years_are_pooled_and_a_year_one_group_lacks_is_left_out_and_named():
    rows = _rows()
    rows.loc[(rows["group_name"] == "B") & (rows["year"] == 2019), "population"] = np.nan
    frame, used, notes = pooled(rows, ("A", "B"))
    assert used == [2018, 2020] and notes == ["There is no population for B in 2019."]
    assert frame["deaths"].tolist() == [2.0] * 6 and frame["population"].tolist() == [200.0] * 6
    frame, used, _ = pooled(rows, ("A", "B"), [2018])
    assert used == [2018] and frame["population"].tolist() == [100.0] * 6


def test_files_without_years_and_the_oldest_age():
    rows = _rows().assign(year=None).drop_duplicates(["group_name", "age"])
    frame, used, notes = pooled(rows, ("A", "B"))
    assert used == [] and notes == [] and len(frame) == 6
    assert top_age(frame) is None
    assert top_age(pd.DataFrame({"age": ["0", "1-4", "70-74"]})) == 75
    assert top_age(pd.DataFrame({"age": [str(a) for a in range(75)]})) == 75


def test_groups_sort_as_people_count():
    names = ["IMD decile 10", "IMD decile 2", "IMD decile 1"]
    assert sorted(names, key=natural_key) == ["IMD decile 1", "IMD decile 2", "IMD decile 10"]

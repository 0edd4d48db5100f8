"""The two views councils ask for, from the benchmarked overview table: the tartan rug (indicators x the
area, its region, its nearest neighbours and England, each compared with England) and the list of
indicators significantly worse than the comparator and getting worse. Pure pandas."""
from __future__ import annotations

import pandas as pd

from analysis.ci_fill import fill_cis
from analysis.overview import PERIOD_KEY, display_name, label_with_fallback
from analysis.tidy import headline_rows
from geography import ENGLAND

GETTING_WORSE = ("Increasing and getting worse", "Decreasing and getting worse")  # analysis.trends.trend_label
WORSE_WORDS = ("Worse", "Worst")
RUG_COLUMNS = ["indicator_id", "indicator_name", "sex", "age", "time_period", "area_code", "area_name", "value",
               "lower_ci_95", "upper_ci_95", "ci_source", "significance", "significance_source"]


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(**{k: frame[k].fillna("") for k in ("sex", "age")})


def rug_rows(table: pd.DataFrame, values: pd.DataFrame, metadata: pd.DataFrame,
             columns: list[tuple[str, str]]) -> pd.DataFrame:
    """One row per cell: each row of the overview `table` (an indicator at the area's period) for each
    (code, label) of `columns`, labelled against England's value of that period (Fingertips' own word
    where the file has one; England itself "Not compared"). Cells with no value are kept, "Not compared"."""
    if table.empty or not columns:
        return pd.DataFrame(columns=RUG_COLUMNS)
    meta = metadata.reindex(columns=["indicator_id", "polarity", "benchmark_method", "unit", "value_type",
                                     "ci_method"]).drop_duplicates("indicator_id")
    held = _keyed(fill_cis(headline_rows(values), meta))
    england = held[held["area_code"] == ENGLAND][PERIOD_KEY + ["value"]].drop_duplicates(PERIOD_KEY)
    wanted = _keyed(table)[PERIOD_KEY + ["indicator_name"]].assign(_row=range(len(table)))
    cells = pd.DataFrame([(code, label, n) for n, (code, label) in enumerate(columns)],
                         columns=["area_code", "area_label", "_column"])
    grid = wanted.merge(cells, how="cross")
    grid = grid.merge(held.drop(columns=["indicator_name", "area_name"], errors="ignore"),
                      on=PERIOD_KEY + ["area_code"], how="left")
    grid = grid.merge(england.rename(columns={"value": "comparator_value"}), on=PERIOD_KEY, how="left")
    grid = grid.drop(columns=["polarity", "benchmark_method"], errors="ignore").merge(
        meta[["indicator_id", "polarity", "benchmark_method"]], on="indicator_id", how="left")
    grid = label_with_fallback(grid.reset_index(drop=True), True)
    grid["indicator_name"] = [display_name(r) for _, r in grid.iterrows()]
    grid = grid.sort_values(["_row", "_column"]).rename(columns={"area_label": "area_name"})
    return grid.reindex(columns=RUG_COLUMNS).reset_index(drop=True)


def worsening(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the overview table significantly worse than the comparator whose recent trend is getting
    worse ("Increasing and getting worse" / "Decreasing and getting worse")."""
    if table.empty:
        return table
    worse = table["significance"].isin(WORSE_WORDS) & table["recent_trend"].isin(GETTING_WORSE)
    return table[worse.fillna(False)]

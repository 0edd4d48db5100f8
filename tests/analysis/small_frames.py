"""Small store-shaped frames built in code, for unit tests of the analysis and services layers."""
from __future__ import annotations

import pandas as pd

from geography import ENGLAND

REGION = "E12000002"
AREA, PEER_A, PEER_B, PEER_C, PEER_D = "E06000009", "E06000008", "E06000006", "E06000007", "E08000001"
PEERS = (AREA, PEER_A, PEER_B, PEER_C, PEER_D)


def row(code: str, value: float | None, period: str = "2022", *, indicator: int = 1, lower: float | None = None,
        upper: float | None = None, sex: str = "Persons", age: str = "All ages", **extra) -> dict:
    return {"indicator_id": indicator, "indicator_name": f"Indicator {indicator}", "area_code": code,
            "area_name": code, "time_period": period, "time_period_sortable": int(period[:4]) * 10000,
            "sex": sex, "age": age, "category_type": None, "category": None, "value": value,
            "lower_ci_95": lower, "upper_ci_95": upper, "lower_ci_99_8": None, "upper_ci_99_8": None,
            "count": 10.0, "denominator": 100.0, "value_note": None, "recent_trend": None,
            "compared_to_england": None, **extra}


def values() -> pd.DataFrame:
    """Indicator 1 for England, the region, the area and four peers over five years; the area is worse."""
    rows = []
    for i, year in enumerate(("2018", "2019", "2020", "2021", "2022")):
        rows += [row(ENGLAND, 50.0, year, lower=49.5, upper=50.5), row(REGION, 52.0, year, lower=51.0, upper=53.0),
                 row(AREA, 60.0 + i, year, lower=58.0 + i, upper=62.0 + i),
                 row(PEER_A, 48.0, year, lower=47.0, upper=49.0), row(PEER_B, 50.2, year, lower=45.0, upper=55.0),
                 row(PEER_C, 55.0, year, lower=54.0, upper=56.0), row(PEER_D, 40.0, year, lower=39.0, upper=41.0)]
    return pd.DataFrame(rows)


def metadata(polarity: str = "Low is good", method: str = "Confidence intervals overlapping reference value (95.0)"):
    return pd.DataFrame([{"indicator_id": 1, "indicator_name": "Indicator 1", "polarity": polarity,
                          "benchmark_method": method, "unit": "%", "value_type": "Proportion"}])

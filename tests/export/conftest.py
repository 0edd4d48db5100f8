"""Fixtures for the export tests: real rows from the shared Fingertips sample, read in place.

Everything skips with a reason when ../shared is absent; tests that draw images ask for the
`chromium` fixture, which skips when the browser named by HEP_CHROMIUM_PATH is missing.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

import settings
from store.column_map import rename_map

NUMERIC = ["indicator_id", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8",
           "count", "denominator", "time_period_sortable"]
COUNTY_GEOJSON = ("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_"
                  "4952317392296043005.geo.json")
COUNTY_CODE = "CTYUA23CD"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    root = settings.shared_dir()
    if root is None:
        pytest.skip("the shared Fingertips sample (../shared/fingertips, or HEP_SHARED_DIR) is not available")
    return root / "fingertips" / "data"


@pytest.fixture(scope="session")
def chromium() -> str:
    path = settings.get("HEP_CHROMIUM_PATH")
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"Chromium is not installed at {path} (install the 'chromium' package); "
                    "image export needs it")
    return path


@pytest.fixture(scope="session")
def values(data_dir: Path) -> pd.DataFrame:
    """The bulk CSV with store column names, numbers typed and empty strings as NA."""
    frame = pd.read_csv(data_dir / "indicator_values.csv", dtype=str, keep_default_na=False)
    frame = frame.rename(columns=rename_map(list(frame.columns)))
    frame = frame.replace("", pd.NA)
    for column in NUMERIC:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


@pytest.fixture(scope="session")
def county_geojson(data_dir: Path) -> dict:
    with open(data_dir / "boundaries" / COUNTY_GEOJSON, encoding="utf-8") as handle:
        return json.load(handle)


def _best_group(rows: pd.DataFrame, keys: list[str], spread: str) -> pd.DataFrame:
    """The rows of the `keys` group with the most distinct `spread` values, one row per value."""
    keyed = rows.assign(**{k: rows[k].fillna("") for k in keys})
    best = keyed.groupby(keys)[spread].nunique().idxmax()
    mask = (keyed[keys] == pd.Series(best, index=keys)).all(axis=1)
    return rows[mask.to_numpy()].drop_duplicates(spread).reset_index(drop=True)


@pytest.fixture(scope="session")
def map_rows(values: pd.DataFrame, county_geojson: dict) -> pd.DataFrame:
    """Headline rows of the indicator/period/sex that covers the most 2023 counties & UAs."""
    codes = {f["properties"][COUNTY_CODE] for f in county_geojson["features"]}
    rows = values[values["category_type"].isna() & values["area_code"].isin(codes) & values["value"].notna()]
    return _best_group(rows, ["indicator_id", "time_period", "sex", "age"], "area_code")


@pytest.fixture(scope="session")
def trend_rows(values: pd.DataFrame) -> pd.DataFrame:
    """England's headline series (one indicator, sex and age) with the most time periods."""
    headline = values["category_type"].isna() & values["value"].notna()
    england = values[(values["area_type"] == "England") & headline]
    rows = _best_group(england, ["indicator_id", "sex", "age"], "time_period")
    return rows.sort_values("time_period").reset_index(drop=True)


@pytest.fixture(scope="session")
def definitions(data_dir: Path) -> pd.DataFrame:
    """indicator_metadata.csv with snake_case column names."""
    frame = pd.read_csv(data_dir / "indicator_metadata.csv", dtype=str, keep_default_na=False)
    frame.columns = [re.sub(r"[^0-9a-z]+", "_", c.lower()).strip("_") for c in frame.columns]
    frame["indicator_id"] = pd.to_numeric(frame["indicator_id"], errors="coerce")
    return frame


def _name(rows: pd.DataFrame) -> str:
    return str(rows["indicator_name"].iloc[0])


@pytest.fixture(scope="session")
def box_rows(values: pd.DataFrame, map_rows: pd.DataFrame) -> pd.DataFrame:
    """Every period of the map's indicator and sex, for the same areas (one box per period)."""
    first = map_rows.iloc[0]
    return values[(values["indicator_id"] == first["indicator_id"]) & (values["sex"] == first["sex"])
                  & values["category_type"].isna() & values["area_code"].isin(map_rows["area_code"])
                  & values["value"].notna()]


@pytest.fixture(scope="session")
def figures(map_rows: pd.DataFrame, trend_rows: pd.DataFrame, box_rows: pd.DataFrame,
            county_geojson: dict) -> dict[str, go.Figure]:
    """Plain plotly figures (bar, line, choropleth, box) of real rows."""
    top = map_rows.nlargest(15, "value").sort_values("value")
    bar = go.Figure(go.Bar(x=top["value"], y=top["area_name"], orientation="h"),
                    layout={"xaxis_title": _name(map_rows)})
    line = go.Figure(go.Scatter(x=trend_rows["time_period"], y=trend_rows["value"], mode="lines+markers"),
                     layout={"yaxis_title": _name(trend_rows)})
    choropleth = go.Figure(go.Choropleth(
        geojson=county_geojson, featureidkey=f"properties.{COUNTY_CODE}", locations=map_rows["area_code"],
        z=map_rows["value"], text=map_rows["area_name"], colorscale="Blues"))
    choropleth.update_geos(fitbounds="locations", visible=False)
    box = go.Figure([go.Box(y=g["value"], name=period) for period, g in box_rows.groupby("time_period")],
                    layout={"yaxis_title": _name(box_rows), "showlegend": False})
    return {"bar": bar, "line": line, "choropleth": choropleth, "box": box}

"""Fixtures for the chart tests: real rows of the shared Fingertips sample (read in place, never copied)
and a JSON snapshot check of each figure's stable outline.

Snapshots live in tests/charts/snapshots/<name>.json; run with UPDATE_SNAPSHOTS=1 to rewrite them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import settings
from charts import theme
from store.column_map import rename_map
from store.schema import NUMERIC_VALUE_COLUMNS

SNAPSHOTS = Path(__file__).parent / "snapshots"
COUNTY_GEOJSON = (
    "Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_4952317392296043005.geo.json"
)
ENGLAND = "E92000001"
NORTH_WEST = "E12000002"
BLACKPOOL = "E06000009"
# Counties & UAs: unitary authorities, metropolitan districts, London boroughs, counties.
COUNTY_UA = r"^E(06|08|09|10)"


def shared_file(*parts: str) -> Path:
    shared = settings.shared_dir()
    if shared is None:
        pytest.skip(
            "the shared Fingertips sample is absent (settings.shared_dir() is None; set HEP_SHARED_DIR)"
        )
    path = shared.joinpath("fingertips", "data", *parts)
    if not path.is_file():
        pytest.skip(f"the shared Fingertips sample has no {'/'.join(parts)}")
    return path


@pytest.fixture(scope="session")
def values() -> pd.DataFrame:
    """indicator_values.csv with store column names, numeric columns as numbers, empty strings as NA."""
    raw = pd.read_csv(shared_file("indicator_values.csv"), dtype=str, keep_default_na=False)
    frame = raw.rename(columns=rename_map(list(raw.columns))).replace("", pd.NA)
    for column in NUMERIC_VALUE_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


@pytest.fixture(scope="session")
def areas() -> pd.DataFrame:
    return pd.read_csv(shared_file("areas.csv"), dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def metadata() -> pd.DataFrame:
    return pd.read_csv(shared_file("indicator_metadata.csv"), dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def county_geojson() -> dict:
    """ONS Counties and Unitary Authorities (Dec 2023) boundaries, keyed by CTYUA23CD."""
    with open(shared_file("boundaries", COUNTY_GEOJSON), encoding="utf-8") as fh:
        return json.load(fh)


def headline(values: pd.DataFrame, indicator_id: int, **equal: object) -> pd.DataFrame:
    """Rows of one indicator without an inequality breakdown, filtered on column == value pairs."""
    rows = values[(values["indicator_id"] == indicator_id) & values["category_type"].isna()]
    for column, wanted in equal.items():
        rows = rows[rows[column] == wanted]
    return rows


@pytest.fixture(scope="session")
def nw_smoking(values, areas) -> dict:
    """92304 current smokers (GPPS) 2019/20: North West counties & UAs with CIs and England labels,
    plus the England and North West region values."""
    nw_codes = areas.loc[areas["Region Code"] == NORTH_WEST, "Area Code"]
    rows = headline(values, 92304, time_period="2019/20")
    frame = rows[rows["area_code"].isin(nw_codes) & rows["area_code"].str.match(COUNTY_UA)]
    return {
        "frame": frame.reset_index(drop=True),
        "england": float(rows.loc[rows["area_code"] == ENGLAND, "value"].iloc[0]),
        "region": float(rows.loc[rows["area_code"] == NORTH_WEST, "value"].iloc[0]),
        "indicator": frame["indicator_name"].iloc[0],
    }


@pytest.fixture(scope="session")
def nw_life_expectancy(values, areas) -> dict:
    """90366 male life expectancy 2021 - 23 for North West counties & UAs (no CIs in the sample)."""
    nw_codes = areas.loc[areas["Region Code"] == NORTH_WEST, "Area Code"]
    rows = headline(values, 90366, sex="Male", time_period="2021 - 23")
    frame = rows[rows["area_code"].isin(nw_codes) & rows["area_code"].str.match(COUNTY_UA)]
    return {
        "frame": frame.reset_index(drop=True),
        "england": float(rows.loc[rows["area_code"] == ENGLAND, "value"].iloc[0]),
    }


@pytest.fixture(scope="session")
def falls_trend(values) -> dict:
    """22401 falls admissions 65+, persons: Blackpool over 14 periods (CIs from 2018) and England."""
    return {
        "area": headline(values, 22401, area_code=BLACKPOOL, sex="Persons").reset_index(drop=True),
        "england": headline(values, 22401, area_code=ENGLAND, sex="Persons").reset_index(drop=True),
    }


@pytest.fixture(scope="session")
def life_expectancy_counties(values) -> pd.DataFrame:
    """90366 male life expectancy, every county & UA, every period."""
    rows = headline(values, 90366, sex="Male")
    return rows[rows["area_code"].str.match(COUNTY_UA)].reset_index(drop=True)


@pytest.fixture(scope="session")
def alcohol_deciles(values) -> dict:
    """93763 alcohol-related mortality, England persons 2023, by County & UA deprivation decile (4/23)."""
    rows = values[
        (values["indicator_id"] == 93763)
        & (values["area_code"] == ENGLAND)
        & (values["sex"] == "Persons")
        & (values["time_period"] == "2023")
    ]
    deciles = rows[rows["category_type"].fillna("").str.contains(r"County & UA deprivation deciles.*4/23")]
    return {
        "frame": deciles.reset_index(drop=True),
        "england": float(rows.loc[rows["category_type"].isna(), "value"].iloc[0]),
    }


SPINE_INDICATORS = (92304, 90813, 92308, 91547, 41001, 93356)


@pytest.fixture(scope="session")
def blackpool_spine(values, metadata) -> pd.DataFrame:
    """Spine rows for Blackpool: per indicator, its latest period with a Blackpool value; quartiles over
    counties & UAs; worst/best from the polarity (metadata, else the one implied by Fingertips' labels)."""
    meta = metadata.set_index(metadata["Indicator ID"].astype(int))
    out = []
    for ind in SPINE_INDICATORS:
        rows = headline(values, ind)
        mine = rows[(rows["area_code"] == BLACKPOOL) & rows["value"].notna()]
        latest = mine.sort_values("time_period").iloc[-1]
        rows = rows[(rows["time_period"] == latest["time_period"]) & (rows["sex"] == latest["sex"])]
        q = rows.loc[rows["area_code"].str.match(COUNTY_UA), "value"].quantile([0, 0.25, 0.5, 0.75, 1])
        polarity = meta.at[ind, "Polarity"] or meta.at[ind, "Polarity implied by Compared-to-England labels"]
        low_good = polarity.startswith("Low is good")
        out.append(
            {
                "indicator_name": f"{latest['indicator_name']} ({latest['sex']}, {latest['time_period']})",
                "worst": q[1.0] if low_good else q[0.0],
                "q25": q[0.75] if low_good else q[0.25],
                "median": q[0.5],
                "q75": q[0.25] if low_good else q[0.75],
                "best": q[0.0] if low_good else q[1.0],
                "area_value": latest["value"],
                "england_value": float(rows.loc[rows["area_code"] == ENGLAND, "value"].iloc[0]),
                "significance": latest["compared_to_england"],
            }
        )
    return pd.DataFrame(out)


# --- snapshots ----------------------------------------------------------------------------------

_THEME_COLOURS = {
    v for k, v in vars(theme).items() if k.isupper() and isinstance(v, str) and v.startswith("#")
}


def _colour(trace: go.BaseTraceType) -> object:
    """The one colour that identifies a trace (fill, marker or line), or 'scale' for shaded map areas."""
    fill = getattr(trace, "fillcolor", None)
    if fill:
        return fill if fill in _THEME_COLOURS else "scale"
    marker = getattr(trace, "marker", None)
    colour = getattr(marker, "color", None) if marker is not None else None
    if isinstance(colour, str):
        return colour
    line = getattr(trace, "line", None)
    return getattr(line, "color", None) if line is not None else None


def _points(trace: go.BaseTraceType) -> int:
    if getattr(trace, "fill", None) == "toself":
        return 1  # one map area
    for attr in ("x", "y", "locations"):
        data = getattr(trace, attr, None)
        if data is not None:
            return len(data)
    return 0


def summarise(fig: go.Figure) -> dict:
    """A compact, stable outline of a figure: what a reviewer would check by eye."""
    traces: dict[tuple, dict] = {}  # identical entries (e.g. map areas of one category) are counted
    for t in fig.data:
        entry = {
            "type": t.type,
            "name": t.name,
            "colour": _colour(t),
            "points": _points(t),
            "ci": bool(
                getattr(t, "error_x", None)
                and t.error_x.array is not None
                or getattr(t, "error_y", None)
                and t.error_y.array is not None
            ),
        }
        key = tuple(entry.values())
        traces.setdefault(key, {**entry, "count": 0})["count"] += 1
    layout = fig.layout
    return {
        "meta": layout.meta,
        "title": layout.title.text,
        "subtitle": layout.title.subtitle.text,
        "x_title": layout.xaxis.title.text,
        "y_title": layout.yaxis.title.text,
        "traces": list(traces.values()),
        "shapes": [
            {"name": s.name, "colour": s.line.color, "legend": bool(s.showlegend)} for s in layout.shapes
        ],
        "annotations": [a.text for a in layout.annotations],
    }


def _jsonable(value: object) -> object:
    return json.loads(json.dumps(value, default=lambda o: o.item() if isinstance(o, np.generic) else str(o)))


@pytest.fixture
def snapshot():
    """check(name, fig): compare the figure's outline with snapshots/<name>.json.

    UPDATE_SNAPSHOTS=1 rewrites the file instead."""

    def check(name: str, fig: go.Figure) -> None:
        path = SNAPSHOTS / f"{name}.json"
        current = _jsonable(summarise(fig))
        if os.environ.get("UPDATE_SNAPSHOTS") == "1":
            SNAPSHOTS.mkdir(exist_ok=True)
            path.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            return
        if not path.is_file():
            pytest.fail(f"no snapshot {path.name}; run with UPDATE_SNAPSHOTS=1 to create it")
        assert current == json.loads(path.read_text(encoding="utf-8")), (
            f"{name} differs from snapshots/{path.name}; if intended, rerun with UPDATE_SNAPSHOTS=1"
        )

    return check

"""Bench: build a 20-item board pack (PPTX and PDF) from real sample rows and print the seconds taken.

    python bench/board_pack.py [--out FOLDER]

Needs the shared Fingertips sample (../shared or HEP_SHARED_DIR) and Chromium (HEP_CHROMIUM_PATH).
Items: 16 charts (bar, line, box and county maps over the indicators with the most county rows) and
4 tables. Every chart is drawn by the process's kept-warm Chromium (export.images.warm_session), and the PDF
reuses the pictures the PPTX drew. `board_pack_20_s` is a build with that browser already open, as it is when
the Board pack page has been open a moment (the page calls export.images.prewarm); the cold figure includes
starting Chromium.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402

import settings  # noqa: E402
from export.board_pack import PackItem, PackMeta, build_pdf, build_pptx  # noqa: E402
from export.images import source_line  # noqa: E402
from store.column_map import rename_map  # noqa: E402

N_ITEMS = 20
COUNTY_GEOJSON = ("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_"
                  "4952317392296043005.geo.json")
NUMERIC = ["indicator_id", "value", "lower_ci_95", "upper_ci_95", "count", "denominator"]


def load(data_dir: Path) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
    values = pd.read_csv(data_dir / "indicator_values.csv", dtype=str, keep_default_na=False)
    values = values.rename(columns=rename_map(list(values.columns))).replace("", pd.NA)
    for column in NUMERIC:
        values[column] = pd.to_numeric(values[column], errors="coerce")
    geojson = json.loads((data_dir / "boundaries" / COUNTY_GEOJSON).read_text(encoding="utf-8"))
    meta = pd.read_csv(data_dir / "indicator_metadata.csv", dtype=str, keep_default_na=False)
    meta.columns = [c.lower().replace(" ", "_") for c in meta.columns]
    meta["indicator_id"] = pd.to_numeric(meta["indicator_id"], errors="coerce")
    return values, geojson, meta


def latest_county_rows(values: pd.DataFrame, codes: set[str]) -> list[pd.DataFrame]:
    """For each indicator with county data: the latest period's headline rows of one sex and age."""
    rows = values[values["category_type"].isna() & values["area_code"].isin(codes) & values["value"].notna()]
    rows = rows.fillna({"sex": "", "age": ""})
    out = []
    for _, group in rows.groupby("indicator_id"):
        sex, age = group.groupby(["sex", "age"])["area_code"].nunique().idxmax()
        group = group[(group["sex"] == sex) & (group["age"] == age)]
        latest = group["time_period"].max()
        out.append(group[group["time_period"] == latest].drop_duplicates("area_code"))
    return sorted(out, key=len, reverse=True)


def make_item(n: int, rows: pd.DataFrame, values: pd.DataFrame, geojson: dict, as_of: str) -> PackItem:
    name, period = str(rows["indicator_name"].iloc[0]), str(rows["time_period"].iloc[0])
    iid = int(rows["indicator_id"].iloc[0])
    subtitle = f"Counties and unitary authorities, {period}, compared with England"
    common = {"subtitle": subtitle, "source_line": source_line(as_of), "themes": [f"Theme {n % 4 + 1}"],
              "indicator_ids": [iid], "finding": f"Values of {name.lower()} range from "
              f"{rows['value'].min():.1f} to {rows['value'].max():.1f} across {len(rows)} areas."}
    kind = ("bar", "map", "line", "box", "table")[n % 5]
    if kind == "table":
        table = rows[["area_code", "area_name", "value", "lower_ci_95", "upper_ci_95", "count"]]
        return PackItem("table", name, table=table, alt_text=f"Table of {name} by area.", **common)
    if kind == "map":
        fig = go.Figure(go.Choropleth(geojson=geojson, featureidkey="properties.CTYUA23CD",
                                      locations=rows["area_code"], z=rows["value"], colorscale="Blues"))
        fig.update_geos(fitbounds="locations", visible=False)
        common["source_line"] = source_line(as_of, with_boundaries=True)
    elif kind == "bar":
        top = rows.nlargest(15, "value").sort_values("value")
        fig = go.Figure(go.Bar(x=top["value"], y=top["area_name"], orientation="h"))
    elif kind == "line":
        series = values[(values["indicator_id"] == iid) & (values["area_type"] == "England")
                        & values["category_type"].isna()].drop_duplicates("time_period")
        if len(series) > 1:  # England over time
            fig = go.Figure(go.Scatter(x=series["time_period"], y=series["value"], mode="lines+markers"))
        else:  # no England series: areas in name order
            some = rows.sort_values("area_name").head(30)
            fig = go.Figure(go.Scatter(x=some["area_name"], y=some["value"], mode="lines+markers"))
    else:
        fig = go.Figure(go.Box(y=rows["value"], name=period, boxpoints="all"))
    return PackItem("chart", name, figure=fig, alt_text=f"{kind.title()} chart of {name}.", **common)


def build_items(data_dir: Path) -> tuple[list[PackItem], pd.DataFrame]:
    values, geojson, meta = load(data_dir)
    codes = {f["properties"]["CTYUA23CD"] for f in geojson["features"]}
    groups = latest_county_rows(values, codes)
    return [make_item(n, groups[n % len(groups)], values, geojson, "2025-03-05") for n in range(N_ITEMS)], meta


def build_both(items: list[PackItem], meta: pd.DataFrame, *, warm: bool = True
               ) -> tuple[dict[str, bytes], dict[str, float]]:
    """Build the PPTX, then the PDF; returns the files and the seconds each took. With `warm`, the browser is
    opened first (as the page's prewarm does) and not counted."""
    from export import images

    images._close_warm(only_if_idle=False)
    if warm:
        with images.warm_session():
            pass
    pack_meta = PackMeta("Benchmark board pack", "Health and Wellbeing Board", "Bench", date.today())
    guidance = [{"title": f"Resource for theme {t}", "url": f"https://www.gov.uk/example/{t}",
                 "theme": f"Theme {t}"} for t in range(1, 5)]
    outputs, seconds = {}, {}
    for label, build in (("pptx", lambda: build_pptx(items, pack_meta, guidance=guidance, definitions=meta)),
                         ("pdf", lambda: build_pdf(items, pack_meta, guidance=guidance, definitions=meta))):
        started = time.perf_counter()
        outputs[label] = build()
        seconds[label] = time.perf_counter() - started
    return outputs, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder to write board_pack.pptx and board_pack.pdf into")
    args = parser.parse_args()
    shared = settings.shared_dir()
    if shared is None:
        sys.exit("The shared Fingertips sample is not available (../shared or HEP_SHARED_DIR).")
    data_dir = shared / "fingertips" / "data"

    started = time.perf_counter()
    items, meta = build_items(data_dir)
    print(f"loaded sample and built {len(items)} items: {time.perf_counter() - started:.1f}s")
    _, cold = build_both(items, meta, warm=False)
    print(f"cold (Chromium started by the build): pptx {cold['pptx']:.1f}s")
    items, meta = build_items(data_dir)  # new figures: nothing drawn before is reused
    outputs, seconds = build_both(items, meta)
    for label, data in outputs.items():
        print(f"{label} (browser warm): {seconds[label]:.1f}s, {len(data) / 1e6:.1f} MB")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for label, data in outputs.items():
            (args.out / f"board_pack.{label}").write_bytes(data)
        print(f"written to {args.out}")


if __name__ == "__main__":
    main()

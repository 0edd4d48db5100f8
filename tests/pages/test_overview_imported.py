"""Done-when of issue 12: the overview compares an imported file that has counts and no CIs, with the
method named. The file is built here in Fingertips' bulk layout (its header read from the shared sample
at test time; nothing from ../shared is copied into the repository)."""
from __future__ import annotations

import csv
from pathlib import Path

from loading.refresh import import_files
from store.db import Store
from tests.apptest import run_app, tables, texts
from tests.conftest import shared_path

INDICATOR = 990001
NAME = "Adults doing too little exercise (test file)"


def _header(name: str) -> list[str]:
    with shared_path("data", name).open(encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f))


def _write(path: Path, header: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def imported_store(folder: Path, years: int = 1) -> Store:
    """Blackpool 300 of 1,000 (30%) and England 200,000 of 1,000,000 (20%) in 2022, counts and no CIs; with
    `years`, earlier years too, Blackpool 25 fewer a year back (a rising share, low is good)."""
    values = [{"Indicator ID": INDICATOR, "Indicator Name": NAME, "Area Code": code, "Area Name": name,
               "Area Type": kind, "Sex": "Persons", "Age": "18+ yrs", "Time period": str(2022 - back),
               "Value": (count - step * back) / denominator * 100, "Count": count - step * back,
               "Denominator": denominator, "Time period Sortable": (2022 - back) * 10000}
              for back in range(years)
              for code, name, kind, count, denominator, step in (
                  ("E06000009", "Blackpool", "UA", 300, 1000, 25),
                  ("E92000001", "England", "England", 200000, 1000000, 0))]
    meta = [{"Indicator ID": INDICATOR, "Indicator Name": NAME, "Polarity": "RAG - Low is good",
             "Value Type": "Proportion", "Unit": "%", "Unit Value": 100,
             "Benchmark Comparison Method": "Confidence intervals overlapping reference value (95.0)",
             "CI Method": "Wilson Score method", "Definition": "Share of adults doing too little exercise."}]
    folder.mkdir(parents=True, exist_ok=True)
    paths = [_write(folder / "values.csv", _header("indicator_values.csv"), values),
             _write(folder / "meta.csv", [h for h in _header("indicator_metadata.csv")], meta)]
    store = Store(folder / "hep.duckdb")
    import_files(paths, store=store)
    return store


def test_overview_compares_an_imported_file_with_counts_and_no_cis(data_dir):
    imported_store(data_dir)
    at = run_app(area="E06000009")
    assert not at.exception, at.exception
    table = tables(at)[0]
    row = table[table["Indicator"].str.startswith(NAME)].iloc[0]
    assert row["Compared with England"] == "Worse"  # 20% lies below Blackpool's 27.2%-32.9%; low is good
    assert row["CI by"] == "CI computed here (Wilson score)"
    assert row["95% CI"] == "27.2 – 32.9"
    assert row["Comparison by"] == "computed here: 95% confidence interval overlapping the comparator's value"
    page = texts(at)
    assert "CI computed here (Wilson score)" in page
    assert "95% confidence interval overlapping the comparator's value" in page


def _bars_with_whiskers(at) -> list[str]:
    import json

    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out += [t["name"] for t in spec["data"] if t.get("type") == "bar" and (t.get("error_x") or {}).get("array")]
    return out


def test_explorer_bars_draw_the_cis_computed_here(data_dir):
    from tests.apptest import open_page

    imported_store(data_dir)
    at = open_page("pages/explorer.py", area="E06000009", indicator=str(INDICATOR), view="compare")
    assert not at.exception, at.exception
    assert _bars_with_whiskers(at) == ["Worse"]  # Blackpool's bar, with its Wilson limits


def test_inequality_bars_have_whiskers(sample_store):
    from tests.apptest import open_page

    at = open_page("pages/explorer.py", area="E06000009", indicator="92033", view="inequalities")
    assert not at.exception
    assert _bars_with_whiskers(at)


def test_worse_and_getting_worse_lists_the_imported_indicator(data_dir):
    imported_store(data_dir, years=5)
    at = run_app(area="E06000009")
    assert not at.exception, at.exception
    worsening = next(t for t in tables(at) if "Recent trend" in t.columns and len(t.columns) == 6)
    assert worsening["Recent trend"].tolist() == ["Increasing and getting worse (computed here)"]
    assert worsening["Compared with England"].tolist() == ["Worse"]
    assert [b.label for b in at.button].count("Add table to board pack") == 2  # the list and the theme table

"""Import throughput of the shared 155k-row sample (and of the 116k-row small-area sample), beside a bare
DuckDB read_csv and a pandas read_csv of the same file.

    python bench/ingest.py
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import best_of, need_shared  # noqa: E402
from loading.refresh import import_files
from store.db import Store


def measure(repeat: int = 3, sample: Path | None = None) -> dict:
    """Import of a bulk CSV (the 155k-row sample by default) beside bare DuckDB and pandas reads of it."""
    sample = sample or need_shared() / "data" / "indicator_values.csv"
    rows = sum(1 for _ in open(sample, encoding="utf-8")) - 1  # approximate (quoted newlines are rare)

    def ours():
        with tempfile.TemporaryDirectory() as tmp:
            import_files([sample], store=Store(Path(tmp) / "hep.duckdb"))

    def bare_duckdb():
        with tempfile.TemporaryDirectory() as tmp:
            con = duckdb.connect(str(Path(tmp) / "bare.duckdb"))
            con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, header=true)", [str(sample)])
            con.close()

    def bare_pandas():
        pd.read_csv(sample, dtype=str, keep_default_na=False)

    t_ours, t_duck, t_pandas = best_of(ours, repeat), best_of(bare_duckdb, repeat), best_of(bare_pandas, repeat)
    return {"rows": rows, "import_s": round(t_ours, 3), "duckdb_read_csv_s": round(t_duck, 3),
            "pandas_read_csv_s": round(t_pandas, 3), "import_rows_per_s": int(rows / t_ours),
            "import_ratio_vs_duckdb": round(t_ours / t_duck, 2)}


def small_area_measure(repeat: int = 3) -> dict:
    """The same figures for the Local Health small-area sample (data/small_area/indicator_values_msoa.csv)."""
    figures = measure(repeat, need_shared() / "data" / "small_area" / "indicator_values_msoa.csv")
    return {f"small_area_{k}": v for k, v in figures.items()}


if __name__ == "__main__":
    figures = measure()
    print(f"import (typed, validated, atomic): {figures['import_s']:.2f} s "
          f"({figures['import_rows_per_s']:,} rows/s)")
    print(f"bare DuckDB read_csv:              {figures['duckdb_read_csv_s']:.2f} s")
    print(f"pandas read_csv:                   {figures['pandas_read_csv_s']:.2f} s")
    print(f"ratio to bare DuckDB: {figures['import_ratio_vs_duckdb']}x (target <= 1.5x)")
    print(json.dumps(figures))

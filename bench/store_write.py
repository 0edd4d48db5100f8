"""What a small store write costs: importing 1,000 real sample rows into an empty store and into one that holds
five million rows.

    python bench/store_write.py

The large store is the shared sample's values repeated under shifted indicator ids (32 copies of 155,551 rows,
clearly synthetic) plus the real sample itself. The 1,000 rows are the first 1,000 rows of the real sample with
their values changed by 1 %, so they replace rows the store holds (the costlier case: old rows are found and
deleted, new ones written).
"""
from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import need_shared  # noqa: E402
from loading.refresh import import_files  # noqa: E402
from store.db import Store  # noqa: E402

SMALL_ROWS = 1000
LARGE_ROWS = 5_000_000
COPY_OFFSET = 1_000_000  # indicator ids of copy k are the sample's + k * COPY_OFFSET


def small_file(sample: Path, folder: Path) -> Path:
    """The first SMALL_ROWS rows of the sample, values (and their intervals) changed by 1 %."""
    out = folder / "small.csv"
    with open(sample, newline="", encoding="utf-8-sig") as fh, open(out, "w", newline="", encoding="utf-8") as dst:
        reader, writer = csv.reader(fh), csv.writer(dst)
        header = next(reader)
        writer.writerow(header)
        numeric = [header.index(h) for h in ("Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit")]
        for _, row in zip(range(SMALL_ROWS), reader):
            for i in numeric:
                if row[i]:
                    row[i] = f"{float(row[i]) * 1.01:.6g}"
            writer.writerow(row)
    return out


def large_store(sample: Path, folder: Path) -> Store:
    """The real sample plus synthetic copies of it, to LARGE_ROWS rows or more."""
    store = Store(folder / "hep.duckdb")
    import_files([sample], store=store)
    base = store.query("SELECT count(*) AS n FROM core_indicator_values")["n"].iloc[0]
    copies = -(-LARGE_ROWS // int(base)) - 1
    columns = ", ".join(c for c in store.query("SELECT * FROM core_indicator_values LIMIT 0").columns
                        if c != "indicator_id")
    with store.writer() as con:
        for k in range(1, copies + 1):
            con.execute(f"INSERT INTO core_indicator_values (indicator_id, {columns}) SELECT indicator_id + "
                        f"{k * COPY_OFFSET}, {columns} FROM core_indicator_values WHERE indicator_id < {COPY_OFFSET}")
    return store


def timed_import(path: Path, store: Store) -> float:
    start = time.perf_counter()
    [result] = import_files([path], store=store)
    seconds = time.perf_counter() - start
    assert result.changed and result.rows == SMALL_ROWS, result
    return seconds


def measure() -> dict:
    sample = need_shared() / "data" / "indicator_values.csv"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = small_file(sample, folder)
        (folder / "empty").mkdir()
        empty_s = min(timed_import(small, Store(folder / "empty" / f"e{i}.duckdb")) for i in range(3))
        (folder / "large").mkdir()
        started = time.perf_counter()
        store = large_store(sample, folder / "large")
        build_s = time.perf_counter() - started
        rows = int(store.query("SELECT count(*) AS n FROM core_indicator_values")["n"].iloc[0])
        size_mb = store.path.stat().st_size / 1e6
        times = []
        for _ in range(3):  # each run changes the values again, so each one writes
            small = small_file(folder / "small_prev.csv" if times else sample, folder)
            small.rename(folder / "small_prev.csv")
            times.append(timed_import(folder / "small_prev.csv", store))
        large_s = min(times)
    return {"import_small_empty_s": round(empty_s, 3), "import_small_into_large_s": round(large_s, 3),
            "import_small_ratio": round(large_s / empty_s, 2), "large_store_rows": rows,
            "large_store_mb": round(size_mb, 1), "large_store_build_s": round(build_s, 1)}


if __name__ == "__main__":
    figures = measure()
    print(f"1,000 rows into an empty store: {figures['import_small_empty_s']} s; into a store of "
          f"{figures['large_store_rows']:,} rows ({figures['large_store_mb']} MB): "
          f"{figures['import_small_into_large_s']} s -> {figures['import_small_ratio']}x (targets <= 1 s, <= 3x)")
    print(json.dumps(figures))

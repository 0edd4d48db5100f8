"""The mortality_input table: write one dataset (inside a store write session) and read it back."""
from __future__ import annotations

import duckdb
import pandas as pd

from store import schema
from store.db import Store, now_utc

TABLE = "mortality_input"
COLUMNS = schema.column_names(TABLE)
DATA_COLUMNS = ("group_name", "group_code", "sex", "age", "cause", "year", "deaths", "population", "rounded")


def write_dataset(con: duckdb.DuckDBPyConnection, store: Store, rows: pd.DataFrame, *, dataset: str, kind: str,
                  source: str) -> int:
    """Replace `dataset` with `rows` (columns DATA_COLUMNS) and record the load; returns the rows written."""
    fetched_at = now_utc()
    load_id = store.record_load(con, kind="mortality", source=source, row_count=len(rows), fetched_at=fetched_at)
    frame = rows.reindex(columns=list(DATA_COLUMNS)).assign(dataset=dataset, kind=kind, source=source,
                                                             fetched_at=fetched_at, load_id=load_id)
    frame = frame.astype({"group_name": str, "sex": str, "age": str, "cause": str})
    frame["group_code"] = frame["group_code"].astype(object).where(frame["group_code"].notna(), None)
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    frame["rounded"] = frame["rounded"].fillna(False).astype(bool)
    con.execute(f"DELETE FROM {TABLE} WHERE dataset = ?", [dataset])
    con.register("incoming_mortality", frame[COLUMNS])
    con.execute(f"INSERT INTO {TABLE} SELECT * FROM incoming_mortality")
    con.unregister("incoming_mortality")
    return len(frame)


def datasets(store: Store) -> pd.DataFrame:
    """One row per dataset held: kind, groups, years, rows, source and when it was fetched."""
    frame = store.query(f"""
        SELECT dataset, any_value(kind) AS kind, list_sort(list_distinct(list(group_name))) AS groups,
               list_sort(list_distinct(list(year) FILTER (WHERE year IS NOT NULL))) AS years,
               count(*) AS rows, bool_or(rounded) AS rounded, any_value(source) AS source,
               strftime(max(fetched_at), '%d %b %Y %H:%M') AS fetched_at
        FROM {TABLE} GROUP BY dataset ORDER BY dataset""")
    if frame.empty:
        return pd.DataFrame(columns=["dataset", "kind", "groups", "years", "rows", "rounded", "source", "fetched_at"])
    return frame


def dataset_rows(store: Store, dataset: str) -> pd.DataFrame:
    """Every row of one dataset (the columns of DATA_COLUMNS)."""
    frame = store.query(f"SELECT {', '.join(DATA_COLUMNS)} FROM {TABLE} WHERE dataset = ?", [dataset])
    return frame if not frame.empty else pd.DataFrame(columns=list(DATA_COLUMNS))

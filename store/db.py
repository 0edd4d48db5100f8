"""The embedded DuckDB store: read-only snapshots for pages, atomic write sessions for loads.

A write copies the current file to `<name>.new`, applies every change there and renames it over the
old file only when all of it succeeded, so a crash at any moment leaves the previous store intact.
Readers open the file read-only for each query, so a swap is visible to the next query.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

import settings
from errors import StoreError
from store import schema, small_areas

FILE_NAME = "hep.duckdb"
# Page reads are small: one thread and a modest memory cap keep the dashboard's footprint low.
READ_CONFIG: dict[str, str | bool | int | float | list[str]] = {"threads": 1, "memory_limit": "256MB"}


def store_path(data_dir: Path | None = None) -> Path:
    return (data_dir or settings.data_dir()) / FILE_NAME


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class Store:
    """A DuckDB file under HEP_DATA_DIR."""

    def __init__(self, path: Path | None = None, tables: dict[str, tuple[schema.Field, ...]] | None = None):
        self.path = Path(path) if path else store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tables = schema.TABLES if tables is None else tables  # what a write session creates

    # ---- reading -------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    @contextlib.contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if not self.path.exists():
            raise StoreError("The local store is empty: no data has been downloaded or imported yet.")
        try:
            con = duckdb.connect(str(self.path), read_only=True, config=READ_CONFIG)
        except duckdb.Error as exc:
            raise StoreError(f"The local store at {self.path} could not be opened: {exc}") from exc
        try:
            yield con
        finally:
            con.close()

    def query(self, sql: str, params: list | tuple | None = None) -> pd.DataFrame:
        """Run one read-only query; an empty store gives an empty frame."""
        if not self.path.exists():
            return pd.DataFrame()
        with self.reader() as con:
            try:
                return con.execute(sql, params or []).df()
            except duckdb.CatalogException:
                return pd.DataFrame()

    def version(self) -> tuple[int, int]:
        """Changes whenever a write is swapped in (used to invalidate caches)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return (0, 0)
        return (st.st_ino, st.st_mtime_ns)

    def missing_columns(self) -> list[tuple[str, str]]:
        """(table, column) declared in store/schema.py that this store's file does not have yet."""
        if not self.path.exists():
            return []
        with self.reader() as con:
            have = set(con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                                   "WHERE schema_name = 'main' AND database_name = current_database()").fetchall())
        return [(t, f.name) for t, fields in self.tables.items() for f in fields if (t, f.name) not in have]

    def upgrade(self) -> bool:
        """Bring a store made by an older version up to the declared schema (one atomic write); True if it did."""
        if not self.missing_columns():
            return False
        with self.writer():
            pass  # the write session adds what is missing (create_tables)
        return True

    # ---- writing -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to a copy of the store; swapped in atomically if the block succeeds."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        new_path = self.path.with_name(self.path.name + ".new")
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for leftover in (new_path, new_path.with_name(new_path.name + ".wal")):
                leftover.unlink(missing_ok=True)
            if self.path.exists():
                shutil.copyfile(self.path, new_path)
            con = duckdb.connect(str(new_path))
            try:
                create_tables(con, self.tables)
                con.execute("BEGIN TRANSACTION")
                yield con
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
                con.close()
                _fsync(new_path)
                os.replace(new_path, self.path)
                _fsync(self.path.parent)
            except BaseException:
                with contextlib.suppress(Exception):
                    con.close()
                new_path.unlink(missing_ok=True)
                raise

    def record_load(self, con: duckdb.DuckDBPyConnection, *, kind: str, source: str, row_count: int,
                    profile_key: str | None = None, area_type_id: int | None = None,
                    fetched_at: datetime | None = None, content_sha256: str | None = None) -> int:
        row = con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchone()
        load_id = row[0] if row else 1
        con.execute(
            "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [load_id, kind, source, profile_key, area_type_id, fetched_at or now_utc(), row_count, content_sha256],
        )
        return int(load_id)


def create_tables(con: duckdb.DuckDBPyConnection, tables: dict | None = None) -> None:
    """Create missing tables (the data tables, or `tables`), and add columns declared since a store was made
    (e.g. time_period_range)."""
    tables = schema.TABLES if tables is None else tables
    for table in tables:
        con.execute(schema.ddl(table))
    have = set(con.execute("SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' "
                           "AND database_name = current_database()"
                           ).fetchall())
    added = set()
    for table, fields in tables.items():
        for f in fields:
            if (table, f.name) not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{f.name}" {f.sql_type}')
                added.add((table, f.name))
    if ("core_indicator_values", "area_type_id") in added and ("core_indicator_values", "indicator_id") in have:
        small_areas.classify(con)  # a store made before area types were kept: type its rows once


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

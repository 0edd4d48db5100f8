"""The embedded DuckDB store: pages read it, loads write it in place in one transaction.

A write session is one DuckDB transaction on the store file itself, so it costs what it writes (not the store's
size): DuckDB's write-ahead log makes it atomic and crash-safe (a session killed at any moment leaves the last
committed store; the log is replayed or dropped when the file is next opened). One process may open a DuckDB file
for writing or many may read it, never both, so store.locks makes readers wait while a write is under way.

A shared store (HEP_STORE_URL, a folder) also publishes a Parquet snapshot after every write (store.snapshots);
its readers read the snapshot named when their page run began, never the file, and never wait. With an object
store (HEP_STORE_URL=s3://…, store.object_store) the store file stays on the refresh job's disk, the one
process that writes (`act_as_publisher`); dashboards read the bucket's snapshots and never write.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

import settings
from errors import StoreError
from store import locks, object_store, schema, small_areas, snapshots

FILE_NAME = "hep.duckdb"
# Page reads are small: one thread and a modest memory cap keep the dashboard's footprint low.
READ_CONFIG: dict[str, str | bool | int | float | list[str]] = {"threads": 1, "memory_limit": "256MB"}
_pins = threading.local()  # per thread: {store folder: snapshot number} pinned for one page run
_ROLE = {"publisher": False}
READ_ONLY = ("This dashboard reads the shared store at {url}, which only the refresh job writes, so it cannot "
             "be changed from here.")
READ_ONLY_ADVICE = ("Ask whoever runs the refresh job to add it there (`python -m loading refresh …`, "
                    "`python -m loading import FILE` or `python -m loading boundaries import FILE`); dashboards "
                    "show it after their next page run.")


def act_as_publisher() -> None:
    """This process writes the store and publishes its snapshots (the command line: the refresh job). Only
    needed with an object store, where dashboards are readers."""
    _ROLE["publisher"] = True


_NULLABLE_INTS = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
                  pa.int64(): pd.Int64Dtype()}


def _frame(table: pa.Table) -> pd.DataFrame:
    """A query's rows as pandas, by Arrow: a third of the time and half the peak memory of DuckDB's own
    `.df()` for the large reads of the overview. Types as `.df()` gives them: integers with NULLs nullable
    (Int64, not float), dates as datetime64, a text column of NULLs only as objects (None)."""
    frame = table.to_pandas(date_as_object=False)
    for field in table.schema:
        nulls = table[field.name].null_count
        if pa.types.is_integer(field.type) and nulls:
            frame[field.name] = table.select([field.name]).to_pandas(types_mapper=_NULLABLE_INTS.get)[field.name]
        elif pa.types.is_string(field.type) and nulls and nulls == len(table):
            frame[field.name] = pd.Series([None] * len(table), index=frame.index, dtype=object)
    return frame


def store_path(data_dir: Path | None = None) -> Path:
    if data_dir is None:
        try:
            shared = settings.store_folder()
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        if shared is not None:
            return shared / FILE_NAME
    return (data_dir or settings.data_dir()) / FILE_NAME


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class Store:
    """A DuckDB file under HEP_DATA_DIR (or in the shared folder HEP_STORE_URL names, with its snapshots)."""

    def __init__(self, path: Path | None = None, tables: dict[str, tuple[schema.Field, ...]] | None = None):
        self.path = Path(path) if path else store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tables = schema.TABLES if tables is None else tables  # what a write session creates
        self._publishes = path is None and settings.get("HEP_STORE_URL") != ""
        bucket = object_store.bucket()  # None at once without an s3:// HEP_STORE_URL (the usual case)
        self.bucket = bucket if bucket and (path is None or self.path == store_path()) else None

    # ---- snapshots -----------------------------------------------------------------------------
    @property
    def read_bucket(self) -> object_store.Bucket | None:
        """The object store this process only reads (a dashboard beside a refresh job), or None."""
        return None if _ROLE["publisher"] else self.bucket

    def read_only(self) -> str | None:
        """Why this process cannot write the store, in words; None when it can."""
        bucket = self.read_bucket
        return READ_ONLY.format(url=bucket.url) if bucket else None

    def _refuse_if_read_only(self) -> None:
        why = self.read_only()
        if why:
            raise StoreError(why, advice=READ_ONLY_ADVICE)

    @property
    def snapshot_folder(self) -> Path:
        if self.read_bucket:
            return self.path.parent / object_store.CACHE
        return snapshots.folder_of(self.path)

    def _current(self) -> int | None:
        if self.path.name != FILE_NAME:  # e.g. assessments.duckdb beside a shared store: never snapshotted
            return None
        bucket = self.read_bucket
        return bucket.current() if bucket else snapshots.current(self.snapshot_folder)

    def snapshot(self) -> int | None:
        """The snapshot this thread reads (pinned for the page run, else the current one); None: no snapshots."""
        pinned = getattr(_pins, "folders", {}).get(str(self.path))
        return pinned if pinned is not None else self._current()

    def pin(self) -> int | None:
        """Read the current snapshot for the rest of this thread's page run (called once at its start)."""
        folders = getattr(_pins, "folders", None)
        if folders is None:
            folders = _pins.folders = {}
        folders.pop(str(self.path), None)
        n = self._current()
        if n is not None:
            folders[str(self.path)] = n
        return n

    def publishes(self) -> bool:
        return self._publishes or self.snapshot() is not None

    # ---- reading -------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists() or self.snapshot() is not None

    @contextlib.contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        n = self.snapshot()
        if n is not None:
            bucket = self.read_bucket
            if bucket:
                bucket.fetch(self.snapshot_folder, n)
            con = snapshots.connect(self.snapshot_folder, n, READ_CONFIG)
            try:
                yield con
            finally:
                con.close()
            return
        if not self.path.exists():
            raise StoreError("The local store is empty: no data has been downloaded or imported yet.")
        with locks.reading(self.path):
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
        if not self.exists():
            return pd.DataFrame()
        with self.reader() as con:
            try:
                return _frame(con.sql(sql, params=params or None).to_arrow_table())
            except duckdb.CatalogException:
                return pd.DataFrame()

    def version(self) -> tuple[int, int]:
        """Changes whenever a write is committed (used to invalidate caches); for a shared store, the snapshot."""
        n = self.snapshot()
        if n is not None:
            return (-1, n)
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
    @property
    def marker(self) -> Path:
        """Present while a write session runs (left behind by a session that was killed; cleared by the next)."""
        return self.path.with_name(self.path.name + ".writing")

    @contextlib.contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction on the store; committed if the block succeeds, else rolled back."""
        self._refuse_if_read_only()
        with locks.writing(self.path):
            for leftover in (self.path.with_name(self.path.name + ".new"),
                             self.path.with_name(self.path.name + ".new.wal")):  # from the copy-and-swap design
                leftover.unlink(missing_ok=True)
            self.marker.write_text(str(os.getpid()))
            try:
                with locks.file_open_for_writing(self.path):
                    yield from self._transaction()
                if self.publishes():
                    self._publish()
            finally:
                self.marker.unlink(missing_ok=True)

    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        new_file = not self.path.exists()
        try:
            con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise StoreError(f"The local store at {self.path} could not be opened for writing: {exc}") from exc
        try:
            con.execute("BEGIN TRANSACTION")
            create_tables(con, self.tables)
            yield con
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        except BaseException:
            with contextlib.suppress(Exception):
                con.execute("ROLLBACK")
            con.close()
            if new_file:  # a first write that failed leaves no store behind
                for path in (self.path, self.path.with_name(self.path.name + ".wal")):
                    path.unlink(missing_ok=True)
            raise
        finally:
            con.close()

    def publish(self) -> int:
        """Publish the store as a snapshot now (e.g. the first time a store is shared)."""
        self._refuse_if_read_only()
        with locks.writing(self.path), locks.file_open_for_writing(self.path):
            return self._publish()

    def _publish(self) -> int:
        if self.bucket is None:
            return snapshots.publish(self.path, self.tables)
        n = snapshots.publish(self.path, self.tables, after=self.bucket.current())
        self.bucket.push(self.snapshot_folder, n)
        return n

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


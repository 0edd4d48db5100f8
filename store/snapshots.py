"""Published snapshots of the store: Parquet files that many dashboard processes read while one writer works.

A shared store folder (HEP_STORE_URL) holds the store file that writers change (`hep.duckdb`) and, beside it:

    snapshots/CURRENT                 the number of the current snapshot (replaced atomically)
    snapshots/manifests/<n>.json      snapshot n: for every table, its columns and Parquet files
    snapshots/parts/<table>/<n>/...   files written by snapshot n (partitioned tables: <column>=<value>/*.parquet)

After every committed write the writer publishes: per table (and, for tables split by store.schema.PARTITIONS,
per partition) it compares a count and checksum with the previous snapshot and writes new Parquet only for what
changed; the rest is named again from earlier snapshots. Then the manifest is written, fsynced and renamed into
place, and CURRENT is replaced the same way: the one atomic step. Files are never changed once written; those no
snapshot of the last KEEP names (and older than GRACE_SECONDS) are deleted by a later publish.

Readers read CURRENT once per page run (store.db pins it) and query views over that snapshot's files with DuckDB
in memory; partitioned files are pruned by their folder names, so an indicator's query opens that indicator's
files only. A reader never takes a lock and never waits for a writer.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

import duckdb

from store import schema

SNAPSHOTS = "snapshots"
POINTER = "CURRENT"
KEEP = 3
GRACE_SECONDS = 600
_OPEN: dict[tuple[str, int], duckdb.DuckDBPyConnection] = {}  # (folder, n) -> in-memory database with views
_OPEN_LOCK = threading.Lock()
_KEEP_OPEN = 4


def folder_of(store_file: Path) -> Path:
    return store_file.parent / SNAPSHOTS


def current(folder: Path) -> int | None:
    try:
        return int((folder / POINTER).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def manifest(folder: Path, n: int) -> dict:
    return json.loads((folder / "manifests" / f"{n}.json").read_text())


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # processes may share a cache
    tmp.write_text(text)
    _fsync(tmp)
    os.replace(tmp, path)
    _fsync(path.parent)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# ---- publishing (inside the writer's lock) ------------------------------------------------------------
def _columns(con: duckdb.DuckDBPyConnection, table: str, fields: tuple[schema.Field, ...]) -> list[list[str]]:
    have = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND "
                            "schema_name = 'main' AND database_name = current_database()", [table]).fetchall())
    return [[f.name, have[f.name]] for f in fields if f.name in have]


def _checksum_sql(columns: list[str]) -> str:
    return "count(*) || ':' || coalesce(sum(hash(" + ", ".join(f'"{c}"' for c in columns) + ")::HUGEINT), 0)"


def _publish_whole(con, folder: Path, table: str, names: list[str], n: int, before: dict | None) -> dict:
    row = con.execute(f"SELECT {_checksum_sql(names)} FROM {table}").fetchone()
    digest = str(row[0]) if row else ""
    if before and before.get("digest") == digest:
        return {"digest": digest, "files": before["files"]}
    rel = f"parts/{table}/{n}.parquet"
    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    select = ", ".join(f'"{c}"' for c in names)
    con.execute(f"COPY (SELECT {select} FROM {table}) TO {_sql_text(str(folder / rel))} (FORMAT parquet)")
    _fsync(folder / rel)
    return {"digest": digest, "files": [rel]}


def _publish_split(con, folder: Path, table: str, names: list[str], key: str, n: int, before: dict | None) -> dict:
    others = [c for c in names if c != key]
    digests = {str(k): str(d) for k, d in con.execute(
        f'SELECT "{key}", {_checksum_sql(others)} FROM {table} GROUP BY ALL').fetchall()}
    old = (before or {}).get("partitions", {})
    parts = {k: old[k] for k, d in digests.items() if k in old and old[k]["digest"] == d}
    changed = [k for k in digests if k not in parts]
    if changed:
        out = folder / "parts" / table / str(n)
        out.mkdir(parents=True, exist_ok=True)
        select = ", ".join(f'"{c}"' for c in names)
        con.execute(f"COPY (SELECT {select} FROM {table} WHERE \"{key}\" IN (SELECT unnest(?))) TO "
                    f"{_sql_text(str(out))} (FORMAT parquet, PARTITION_BY (\"{key}\"), OVERWRITE_OR_IGNORE)",
                    [[int(k) for k in changed]])
        for k in changed:
            files = sorted((out / f"{key}={k}").glob("*.parquet"))
            parts[k] = {"digest": digests[k], "files": [str(f.relative_to(folder)) for f in files]}
            for f in files:
                _fsync(f)
    return {"partition_by": key, "partitions": parts}


def publish(store_file: Path, tables: dict[str, tuple[schema.Field, ...]], after: int | None = None) -> int:
    """Publish the store file as the next snapshot; returns its number. Called by the writer, under its lock.
    `after`: a number already taken elsewhere (an object store's CURRENT), so numbers only ever grow."""
    folder = folder_of(store_file)
    (folder / "manifests").mkdir(parents=True, exist_ok=True)
    previous = current(folder)
    before = manifest(folder, previous)["tables"] if previous else {}
    n = max(previous or 0, after or 0) + 1
    con = duckdb.connect(str(store_file), read_only=True)
    try:
        out = {}
        for table, fields in tables.items():
            columns = _columns(con, table, fields)
            if not columns:
                continue
            names = [c for c, _ in columns]
            key = schema.PARTITIONS.get(table)
            entry = _publish_split(con, folder, table, names, key, n, before.get(table)) if key in names else \
                _publish_whole(con, folder, table, names, n, before.get(table))
            out[table] = {"columns": columns, **entry}
    finally:
        con.close()
    write_atomically(folder / "manifests" / f"{n}.json", json.dumps({"snapshot": n, "published_at": time.time(),
                                                                      "tables": out}))
    write_atomically(folder / POINTER, str(n))
    collect_garbage(folder, n)
    return n


def _files(entry: dict) -> list[str]:
    if "partitions" in entry:
        return [f for part in entry["partitions"].values() for f in part["files"]]
    return list(entry["files"])


def files_of(snapshot: dict) -> list[str]:
    """Every file a manifest names, relative to its folder."""
    return [f for entry in snapshot["tables"].values() for f in _files(entry)]


def collect_garbage(folder: Path, newest: int) -> None:
    """Delete manifests and files no snapshot of the last KEEP names, once older than GRACE_SECONDS."""
    old_enough = time.time() - GRACE_SECONDS
    keep: set[str] = set()
    for path in (folder / "manifests").glob("*.json"):
        n = int(path.stem) if path.stem.isdigit() else -1
        if n > newest - KEEP or path.stat().st_mtime > old_enough:
            keep.update(files_of(manifest(folder, n)))
        else:
            path.unlink(missing_ok=True)
    for path in (folder / "parts").rglob("*.parquet") if (folder / "parts").exists() else ():
        if str(path.relative_to(folder)) not in keep and path.stat().st_mtime < old_enough:
            path.unlink(missing_ok=True)
    for path in sorted((folder / "parts").glob("*/*"), reverse=True) if (folder / "parts").exists() else ():
        if path.is_dir() and not any(path.rglob("*.parquet")):
            shutil.rmtree(path, ignore_errors=True)


# ---- reading ---------------------------------------------------------------------------------------
def _view_sql(folder: Path, table: str, entry: dict) -> str:
    select = ", ".join(f'"{c}"' for c, _ in entry["columns"])
    files = _files(entry)
    if not files:
        empty = ", ".join(f'CAST(NULL AS {t}) AS "{c}"' for c, t in entry["columns"])
        return f"SELECT {empty} WHERE false"
    listed = "[" + ", ".join(_sql_text(str(folder / f)) for f in files) + "]"
    if "partitions" in entry:
        key = entry["partition_by"]
        kind = dict(map(tuple, entry["columns"]))[key]
        return (f"SELECT {select} FROM read_parquet({listed}, hive_partitioning = true, "
                f"hive_types = {{'{key}': {kind}}})")
    return f"SELECT {select} FROM read_parquet({listed})"


def connect(folder: Path, n: int, config: dict) -> duckdb.DuckDBPyConnection:
    """A connection (a cursor of a shared in-memory database) with one view per table of snapshot n."""
    key = (str(folder), n)
    with _OPEN_LOCK:
        base = _OPEN.get(key)
        if base is None:
            base = duckdb.connect(":memory:", config=config)
            for table, entry in manifest(folder, n)["tables"].items():
                base.execute(f"CREATE VIEW {table} AS {_view_sql(folder, table, entry)}")
            _OPEN[key] = base
            for old in sorted(k for k in _OPEN if k[0] == key[0])[:-_KEEP_OPEN]:
                _OPEN.pop(old)  # closed by the garbage collector once its last cursor is done
        return base.cursor()

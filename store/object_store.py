"""Snapshots in an S3-compatible object store (HEP_STORE_URL=s3://bucket/prefix), for deployments without a
shared folder.

The bucket holds the same layout as a shared folder's `snapshots/` (store.snapshots): CURRENT, manifests/<n>.json
and parts/…. Only the refresh job publishes (the command line, `store.db.act_as_publisher`): it keeps the store
file and a full copy of its snapshots on its own disk (HEP_DATA_DIR), and after each local publish it uploads
the files the new snapshot adds, then its manifest, then CURRENT, a single PUT and the one step that makes the
snapshot current. Objects its local copy no longer has (old snapshots past their grace period) are deleted after.

Dashboards only read: once per page run they read CURRENT; the first time a process reads snapshot n it
downloads n's manifest and the files its local cache lacks into HEP_DATA_DIR/snapshot-cache, then DuckDB
reads them from local disk in-process. Files never change once written, so a cached file is never stale, a
new snapshot downloads only the partitions that changed, and a page reads at local-disk speed (reading the
Parquet through S3 on every query measured about a hundred times slower).
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import settings
from errors import StoreError
from store import snapshots

CACHE = "snapshot-cache"
_FETCH_LOCK = threading.Lock()


class Bucket:
    """One s3://bucket/prefix (HEP_STORE_URL), through s3fs (endpoint from HEP_S3_ENDPOINT_URL)."""

    def __init__(self, url: str):
        import s3fs  # imported here: a laptop's single-file store never needs it

        self.url = url
        self.root = url[len("s3://"):].strip("/")
        self.fs = s3fs.S3FileSystem(endpoint_url=settings.get("HEP_S3_ENDPOINT_URL") or None,
                                    config_kwargs={"connect_timeout": settings.get_float("HEP_CONNECT_TIMEOUT"),
                                                   "read_timeout": settings.get_float("HEP_READ_TIMEOUT"),
                                                   "retries": {"max_attempts": settings.get_int("HEP_RETRIES") + 1}})

    def key(self, rel: str) -> str:
        return f"{self.root}/{rel}"

    def _failed(self, doing: str, exc: Exception) -> StoreError:
        return StoreError(f"The shared store at {self.url} could not be {doing}: {exc}",
                          advice="Check HEP_STORE_URL, HEP_S3_ENDPOINT_URL and the AWS_* credentials, and that "
                                 "the object store is running; the data already shown is kept.")

    # ---- reading (every process) -------------------------------------------------------------------
    def current(self) -> int | None:
        try:
            return int(self.fs.cat_file(self.key(snapshots.POINTER)).decode().strip())
        except (FileNotFoundError, ValueError):  # nothing published yet, or not a number
            return None
        except Exception as exc:  # botocore and aiohttp raise many kinds; each means the store is out of reach
            raise self._failed("read", exc) from exc

    def fetch(self, folder: Path, n: int) -> None:
        """Make snapshot n readable from `folder` (this process's cache): its files, then its manifest."""
        done = folder / "manifests" / f"{n}.json"
        if done.exists():
            return
        with _FETCH_LOCK:
            if done.exists():
                return
            try:
                text = self.fs.cat_file(self.key(f"manifests/{n}.json")).decode()
                for rel in snapshots.files_of(json.loads(text)):
                    if not (folder / rel).exists():
                        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                        part = folder / f"{rel}.{os.getpid()}.part"
                        self.fs.get_file(self.key(rel), str(part))
                        os.replace(part, folder / rel)
            except Exception as exc:
                raise self._failed("read", exc) from exc
            (folder / "manifests").mkdir(parents=True, exist_ok=True)
            snapshots.write_atomically(done, text)
            snapshots.collect_garbage(folder, n)

    # ---- publishing (the refresh job only) ---------------------------------------------------------
    def push(self, folder: Path, n: int) -> None:
        """Upload snapshot n from the publisher's `folder` and make it current; then delete what it dropped."""
        try:
            self.fs.invalidate_cache()
            held = {path[len(self.root) + 1:] for path in self.fs.find(self.root)}
            for rel in snapshots.files_of(snapshots.manifest(folder, n)):
                if rel not in held:
                    self.fs.put_file(str(folder / rel), self.key(rel))
            self.fs.put_file(str(folder / "manifests" / f"{n}.json"), self.key(f"manifests/{n}.json"))
            self.fs.pipe_file(self.key(snapshots.POINTER), str(n).encode())
            kept = {str(p.relative_to(folder)) for sub in ("manifests", "parts") if (folder / sub).exists()
                    for p in (folder / sub).rglob("*") if p.is_file()}
            stale = [self.key(rel) for rel in held if rel != snapshots.POINTER and rel not in kept
                     and rel.split("/", 1)[0] in ("manifests", "parts")]
            if stale:
                self.fs.rm(stale)
        except Exception as exc:
            raise self._failed("written", exc) from exc


_BUCKETS: dict[tuple[str, str], Bucket] = {}


def bucket() -> Bucket | None:
    """The bucket HEP_STORE_URL names (one client per process), or None."""
    try:
        url = settings.store_bucket()
    except ValueError as exc:
        raise StoreError(str(exc)) from exc
    if url is None:
        return None
    key = (url, settings.get("HEP_S3_ENDPOINT_URL"))
    if key not in _BUCKETS:
        _BUCKETS[key] = Bucket(url)
    return _BUCKETS[key]

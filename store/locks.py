"""File locks that let one writer change the store in place while readers in any process wait for it.

DuckDB lets one process open a file for writing, or many processes open it read-only, never both. So:

- `hep.duckdb.lock` is the writers' lock and the readers' gate: a writer holds it (exclusive) for its whole
  session; a reader takes it shared for an instant on its way in, so it waits while a write is under way, and a
  stream of readers cannot starve a waiting writer.
- `hep.duckdb.readers` is held shared by every reader while its query runs; a writer takes it exclusive before
  it opens the file, so the readers already inside finish first.

The locks are flock(2) locks on open files, so they work between threads of one process as between processes,
and the kernel drops them when a process dies (a killed writer never leaves the store locked).
"""
from __future__ import annotations

import contextlib
import fcntl
import threading
from collections.abc import Iterator
from pathlib import Path

from errors import StoreError

_held = threading.local()  # per thread: how many reads and writes it is inside


def _count(kind: str, step: int) -> int:
    value = getattr(_held, kind, 0) + step
    setattr(_held, kind, value)
    return value


@contextlib.contextmanager
def _flock(path: Path, mode: int) -> Iterator[None]:
    with open(path, "a") as fh:
        fcntl.flock(fh, mode)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def gate_path(store_file: Path) -> Path:
    return store_file.with_name(store_file.name + ".lock")


def readers_path(store_file: Path) -> Path:
    return store_file.with_name(store_file.name + ".readers")


@contextlib.contextmanager
def reading(store_file: Path) -> Iterator[None]:
    """Held around one read of the file: waits while a write is under way."""
    if getattr(_held, "write", 0):
        raise StoreError("The store was read through a new connection inside a write session; use the write "
                         "session's connection instead.")
    if _count("read", 1) > 1:  # nested reads in one thread share the outer read's lock
        try:
            yield
        finally:
            _count("read", -1)
        return
    try:
        with _flock(gate_path(store_file), fcntl.LOCK_SH):
            pass
        with _flock(readers_path(store_file), fcntl.LOCK_SH):
            yield
    finally:
        _count("read", -1)


@contextlib.contextmanager
def writing(store_file: Path) -> Iterator[None]:
    """Held for a whole write session: one writer at a time, and new readers wait at the gate."""
    if getattr(_held, "read", 0) or getattr(_held, "write", 0):
        raise StoreError("A store write was started inside another read or write of the store in the same "
                         "thread; finish that one first.")
    _count("write", 1)
    try:
        with _flock(gate_path(store_file), fcntl.LOCK_EX):
            yield
    finally:
        _count("write", -1)


@contextlib.contextmanager
def file_open_for_writing(store_file: Path) -> Iterator[None]:
    """Inside `writing`: waits for the readers already inside to finish, and keeps new ones out."""
    with _flock(readers_path(store_file), fcntl.LOCK_EX):
        yield

"""Saved assessments: the app_assessments table (store.schema.USER_TABLES) in its own file beside the data store.

Every save adds a row (a new version) inside `Store.writer()`, so a crash mid-save leaves the file as it
was and no earlier version is ever overwritten. Saving a draft that another session saved after it was
opened still saves (the last write wins) but reports the version it replaced, which stays in the table.
Content is JSON text; nothing here renders it.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

import settings
from store import schema
from store.db import Store, now_utc

FILE_NAME = "assessments.duckdb"
TABLE = "app_assessments"
KINDS = ("equity", "inclusion")
MAX_CONTENT_CHARS = 2_000_000  # a whole draft as JSON; the services limit each field far below this


def assessments_store(data_dir: Path | None = None) -> Store:
    """The file assessments are kept in: assessments.duckdb in the shared store folder (HEP_STORE_URL) when
    there is one, so every dashboard of a team sees the same drafts, else in HEP_DATA_DIR."""
    if data_dir is None:
        try:
            data_dir = settings.store_folder()
        except ValueError:
            data_dir = None  # the data store reports a bad address; drafts stay in HEP_DATA_DIR
    return Store((data_dir or settings.data_dir()) / FILE_NAME, tables=schema.USER_TABLES)


@dataclass(frozen=True)
class Saved:
    """One stored version of an assessment."""

    assessment_id: str
    version: int
    kind: str
    title: str
    area_code: str
    theme_id: str
    review_date: date | None
    content: dict
    saved_at: datetime


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did: the version written and, when another session had saved in between, that version."""

    assessment_id: str
    version: int
    saved_at: datetime
    replaced: Saved | None = None


def new_id() -> str:
    return secrets.token_hex(8)


def _saved(row: pd.Series) -> Saved:
    review = row["review_date"]
    return Saved(str(row["assessment_id"]), int(row["version"]), str(row["kind"]), str(row["title"] or ""),
                 str(row["area_code"] or ""), str(row["theme_id"] or ""),
                 None if pd.isna(review) else pd.Timestamp(review).date(), json.loads(row["content"] or "{}"),
                 pd.Timestamp(row["saved_at"]).to_pydatetime())


def _version_in(con, assessment_id: str, version: int) -> Saved | None:
    frame = con.execute(f"SELECT * FROM {TABLE} WHERE assessment_id = ? AND version = ?",
                        [assessment_id, version]).df()
    return None if frame.empty else _saved(frame.iloc[0])


def save(store: Store, *, assessment_id: str, kind: str, title: str, area_code: str, theme_id: str,
         review_date: date | None, content: dict, loaded_version: int | None) -> SaveOutcome:
    """Add a new version of `assessment_id`. `loaded_version` is the version the session opened (None for a
    new assessment); when the stored one is newer, this save still wins and `replaced` names that version."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    text = json.dumps(content, ensure_ascii=False, default=str)
    if len(text) > MAX_CONTENT_CHARS:
        raise ValueError(f"This assessment is too long to save ({len(text):,} characters; the limit is "
                         f"{MAX_CONTENT_CHARS:,}).")
    saved_at = now_utc()
    with store.writer() as con:
        row = con.execute(f"SELECT coalesce(max(version), 0) FROM {TABLE} WHERE assessment_id = ?",
                          [assessment_id]).fetchone()
        current = int(row[0]) if row else 0
        replaced = _version_in(con, assessment_id, current) if current and current != (loaded_version or 0) else None
        version = current + 1
        con.execute(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [assessment_id, version, kind, title, area_code, theme_id, review_date, text, saved_at,
                     replaced.version if replaced else None])
    return SaveOutcome(assessment_id, version, saved_at, replaced)


def latest(store: Store, kind: str | None = None) -> pd.DataFrame:
    """The newest version of each assessment (of one kind when given), most recently saved first, with how
    many versions it has and when it was first saved."""
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    frame = store.query(f"""
        SELECT * FROM (
            SELECT assessment_id, version, kind, title, area_code, theme_id, review_date, saved_at,
                   count(*) OVER w AS versions, min(saved_at) OVER w AS first_saved_at,
                   row_number() OVER (PARTITION BY assessment_id ORDER BY version DESC) AS n
            FROM {TABLE} {where} WINDOW w AS (PARTITION BY assessment_id))
        WHERE n = 1 ORDER BY saved_at DESC, assessment_id""", params)
    columns = ["assessment_id", "version", "kind", "title", "area_code", "theme_id", "review_date", "saved_at",
               "versions", "first_saved_at"]
    return frame.reindex(columns=columns) if not frame.empty else pd.DataFrame(columns=columns)


def load(store: Store, assessment_id: str, version: int | None = None) -> Saved | None:
    """One version (the newest when `version` is None), or None when there is no such assessment."""
    if version is None:
        frame = store.query(f"SELECT * FROM {TABLE} WHERE assessment_id = ? ORDER BY version DESC LIMIT 1",
                            [assessment_id])
    else:
        frame = store.query(f"SELECT * FROM {TABLE} WHERE assessment_id = ? AND version = ?",
                            [assessment_id, int(version)])
    return None if frame.empty else _saved(frame.iloc[0])


def duplicate(store: Store, assessment_id: str, title: str | None = None) -> SaveOutcome:
    """A copy of the newest version as a new assessment (version 1), titled `title` or 'Copy of …'."""
    original = load(store, assessment_id)
    if original is None:
        raise ValueError("That assessment is no longer in the store.")
    return save(store, assessment_id=new_id(), kind=original.kind, title=title or f"Copy of {original.title}",
                area_code=original.area_code, theme_id=original.theme_id, review_date=original.review_date,
                content=original.content, loaded_version=None)

"""Saving, listing and reopening assessments for both assessment pages: limits, outcomes as sentences.

The pages never see store errors: a save returns an `Outcome` (success, warning or error, as safe
Markdown). Free text is checked against a stated limit here, before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import duckdb
import pandas as pd

from analysis.assessment import too_long
from errors import HEPError
from export.documents import DOCX_MIME, PDF_MIME
from services.text import md
from store import assessments
from store.db import Store

MAX_FIELD_CHARS = 5_000
MAX_TITLE_CHARS = 200
LIMIT_HELP = f"Up to {MAX_FIELD_CHARS:,} characters; shown and exported as plain text."
__all__ = ["DOCX_MIME", "LIMIT_HELP", "MAX_FIELD_CHARS", "MAX_TITLE_CHARS", "PDF_MIME", "Outcome", "duplicate", "load",
           "problems", "save", "saved", "saved_options", "saved_table", "store", "when"]


@dataclass(frozen=True)
class Outcome:
    """What a save or copy did, as one sentence of safe Markdown for the page."""

    kind: Literal["success", "warning", "error"]
    text: str
    assessment_id: str | None = None
    version: int | None = None
    replaced_version: int | None = None


def store() -> Store:
    return assessments.assessments_store()


def when(value: object) -> str:
    """'5 Mar 2025 14:02 UTC' for a saved time, '' when missing."""
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%-d %b %Y %H:%M} UTC"


def problems(title: str, fields: dict[str, str]) -> list[str]:
    """Why the text cannot be saved: no title, or a field beyond its limit."""
    found = [] if title.strip() else ["Name the programme or service before saving."]
    return found + too_long({"Programme or service": title}, MAX_TITLE_CHARS) + too_long(fields, MAX_FIELD_CHARS)


def save(kind: str, *, assessment_id: str | None, loaded_version: int | None, title: str, area_code: str,
         theme_id: str, review_date: date | None, content: dict, fields: dict[str, str]) -> Outcome:
    """Check the text, then save a new version (last write wins, with a warning when another session saved
    in between; nothing is lost, as every version is kept)."""
    found = problems(title, fields)
    if found:
        return Outcome("error", " ".join(md(p) for p in found) + " Nothing was saved.")
    try:
        out = assessments.save(store(), assessment_id=assessment_id or assessments.new_id(), kind=kind,
                               title=title.strip(), area_code=area_code, theme_id=theme_id, review_date=review_date,
                               content=content, loaded_version=loaded_version if assessment_id else None)
    except (HEPError, duckdb.Error, OSError, ValueError) as exc:
        return Outcome("error", f"The assessment could not be saved ({md(exc)}). The version saved before is "
                                "unchanged; please try again.")
    if out.replaced:
        r = out.replaced
        return Outcome("warning", f"Saved as version {out.version}, but another session saved this assessment "
                                  f"(version {r.version}, {md(when(r.saved_at))}) after you opened it. Your save is "
                                  f"now the current version; theirs is kept and can be reopened below.",
                       out.assessment_id, out.version, r.version)
    return Outcome("success", f"Saved “{md(title.strip())}” (version {out.version}, {md(when(out.saved_at))}).",
                   out.assessment_id, out.version)


def duplicate(assessment_id: str) -> Outcome:
    try:
        out = assessments.duplicate(store(), assessment_id)
    except (HEPError, duckdb.Error, OSError, ValueError) as exc:
        return Outcome("error", f"The assessment could not be copied ({md(exc)}).")
    copy = assessments.load(store(), out.assessment_id)
    return Outcome("success", f"Copied as “{md(copy.title if copy else '')}”; it is now in the list.",
                   out.assessment_id, out.version)


def load(assessment_id: str, version: int | None = None) -> assessments.Saved | None:
    return assessments.load(store(), assessment_id, version)


def saved(kind: str) -> pd.DataFrame:
    return assessments.latest(store(), kind)


def saved_table(kind: str, area_names: dict[str, str], theme_labels: dict[str, str]) -> pd.DataFrame:
    """The saved assessments as people read them: title, area, theme, last saved, versions, review date."""
    frame = saved(kind)
    return pd.DataFrame({
        "Programme or service": frame["title"].astype(str),
        "Area": [area_names.get(c, c) for c in frame["area_code"]],
        "Theme": [theme_labels.get(t, "All themes") for t in frame["theme_id"]],
        "Last saved": [when(t) for t in frame["saved_at"]],
        "Versions": frame["versions"].astype(int),
        "Review by": [f"{pd.Timestamp(d):%-d %b %Y}" if pd.notna(d) else "" for d in frame["review_date"]],
    })


def saved_options(kind: str) -> dict[str, str]:
    """assessment id -> 'Title (saved …)' for a picker, newest first."""
    frame = saved(kind)
    return {str(r.assessment_id): f"{r.title} (saved {when(r.saved_at)})" for r in frame.itertuples()}

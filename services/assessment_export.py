"""The health equity assessment as a Word document and as a board-pack section (a table item)."""
from __future__ import annotations

import re
from datetime import date

import pandas as pd
import streamlit as st

import attribution
from export.documents import DocSection, DocTable, Document, to_docx
from export.pack_content import PackItem
from services import board_pack
from services.assessment import OPEN_KEY, REVIEW_KEY, EquityView, content

EVIDENCE_HEADERS = ("Evidence", "Indicator", "Period", "Comparison", "Team's note")
PACK_CELL_CHARS = 300


def snapshot(view: EquityView) -> dict:
    """The form as it is now, with the review date and the version open: read during the page's run, because a
    download button builds its file later, outside the run (where the session's state cannot be read)."""
    draft = st.session_state.get(OPEN_KEY) or {}
    return {**content(view), "review": st.session_state.get(REVIEW_KEY), "version": draft.get("version")}


def _review_text(data: dict) -> str:
    review = data.get("review")
    return f"{review:%-d %B %Y}" if isinstance(review, date) else "not set"


def _programme(data: dict) -> str:
    return data["programme"].strip() or "Untitled programme"


def _kept(data: dict) -> list[dict]:
    return [e for e in data["evidence"] if e["keep"]]


def evidence_table(data: dict) -> DocTable:
    rows = tuple((e["finding"], f"{e['indicator']}" + (f" (ID {e['indicator_id']})" if e.get("indicator_id") else ""),
                  e["period"], e["comparison"], e["note"]) for e in _kept(data))
    return DocTable(EVIDENCE_HEADERS, rows, "Pre-filled from OHID Fingertips data held by the dashboard; each item "
                                            "names its indicator, period and comparison.")


def _stage_section(view: EquityView, number: int, stage, data: dict) -> DocSection:
    entries = tuple((p.text, data["answers"].get(p.id, "")) for p in stage.prompts)
    if stage.id != "assess":
        return DocSection(f"{number}. {stage.label}", stage.purpose, entries)
    removed = [f"Removed by the team: {e['finding']}" + (f" Note: {e['note']}" if e["note"].strip() else "")
               for e in data["evidence"] if not e["keep"]]
    tables = (evidence_table(data),) if _kept(data) else ()
    bullets = tuple(list(view.gaps) + removed)
    intro = stage.purpose + ("" if tables else " No pre-filled evidence was kept.")
    return DocSection(f"{number}. {stage.label}", intro, entries, tables, bullets)


def document(view: EquityView, data: dict | None = None) -> Document:
    data = data or snapshot(view)
    saved = f"Version {data['version']}" if data.get("version") else "Not saved yet"
    lines = (f"Area: {view.area.name} ({view.area.code})", f"Inequality theme: {view.theme_label}",
             "Compared with: England" + (f" and {view.comparator_label}" if view.comparator != "england" else ""),
             f"Review by: {_review_text(data)}", f"{saved}; exported {date.today():%-d %B %Y}")
    sections = [_stage_section(view, n, s, data) for n, s in enumerate(view.stages, start=1)]
    sections.append(DocSection("Guidance from the Health equity collection", "",
                               bullets=tuple(f"{r.title}: {r.url}" for r in view.resources)))
    return Document(f"Health equity assessment: {_programme(data)}", lines, tuple(sections),
                    (attribution.source_line(data.get("data_as_of")), attribution.guidance_line()), view.note.replace("\\", ""))


def docx(view: EquityView, data: dict | None = None) -> bytes:
    return to_docx(document(view, data))


def file_name(data: dict, extension: str = "docx") -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", f"equity-assessment {_programme(data)}".lower()).strip("-")[:70]
    return f"{stem}-{date.today().isoformat()}.{extension}"


def _cut(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= PACK_CELL_CHARS else text[: PACK_CELL_CHARS - 1] + "…"


def pack_item(view: EquityView) -> PackItem:
    """The assessment as one table of the board pack: each stage's answers and the evidence kept."""
    data = snapshot(view)
    rows = []
    for s in view.stages:
        if s.id == "assess":
            rows += [(s.label, e["finding"], _cut(f"{e['comparison']}. {e['note']}".strip())) for e in _kept(data)]
        rows += [(s.label, p.text, _cut(data["answers"].get(p.id, "")) or "No answer written.") for p in s.prompts]
    kept = _kept(data)
    return PackItem("table", f"Health equity assessment: {_programme(data)}",
                    table=pd.DataFrame(rows, columns=["Stage", "Question or evidence", "Answer or detail"]),
                    subtitle=f"{view.area.name}, {view.theme_label}, review by {_review_text(data)}",
                    finding=f"{len(kept)} finding{'s' if len(kept) != 1 else ''} from the data kept in the assessment "
                            f"of {_programme(data)}; review by {_review_text(data)}.",
                    source_line=attribution.source_line(data.get("data_as_of")), themes=[view.theme_label],
                    indicator_ids=sorted({int(e["indicator_id"]) for e in kept if e.get("indicator_id")}))


def add_to_pack(view: EquityView) -> str:
    return board_pack.add(pack_item(view))

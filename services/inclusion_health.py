"""The inclusion-health self-assessment: its statements and maturity scale (data/assessment/inclusion_health.yaml,
the dashboard's own adaptation), scores, the chart, saves, comparison over time and the exports.

This module owns the page's session-state keys (the widgets' values) and is the only one that writes them.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
import yaml

import attribution
from analysis.assessment import NOT_ANSWERED, SelfAssessmentResult, score
from charts.maturity_bar import maturity_bar
from export.documents import DocSection, DocTable, Document, to_docx, to_pdf
from export.pack_content import PackItem
from guidance.catalogue import Resource
from services import board_pack, drafts
from services.guidance import catalogue
from services.text import md
from services.views import ChartInfo, ChartView
from settings import ROOT

KIND = "inclusion"
THEME = "inclusion-health"
SPEC_FILE = ROOT / "data" / "assessment" / "inclusion_health.yaml"
TITLE_KEY, NOTES_KEY, OPEN_KEY, OUTCOME_KEY = "ih_title", "ih_notes", "ih_open", "ih_outcome"


@dataclass(frozen=True)
class Level:
    score: int
    label: str
    description: str


@dataclass(frozen=True)
class AreaSpec:
    id: str
    label: str
    statements: tuple[tuple[str, str], ...]  # (id, text)


@dataclass(frozen=True)
class Spec:
    note: str
    source: str
    scale: tuple[Level, ...]
    strong_from: int
    areas: tuple[AreaSpec, ...]

    @property
    def level_names(self) -> tuple[str, ...]:
        return tuple(level.label for level in self.scale)


@functools.cache
def spec() -> Spec:
    raw = yaml.safe_load(SPEC_FILE.read_text())
    scale = tuple(Level(int(s["score"]), s["label"], s["description"]) for s in raw["scale"])
    areas = tuple(AreaSpec(a["id"], a["label"], tuple((s["id"], s["text"]) for s in a["statements"]))
                  for a in raw["areas"])
    return Spec(" ".join(raw["note"].split()), raw["source"], scale, int(raw["strong_from"]), areas)


def answer_key(statement_id: str) -> str:
    return f"ih_answer_{statement_id}"


@dataclass(frozen=True)
class InclusionView:
    note: str
    spec: Spec
    result: SelfAssessmentResult
    chart: ChartView | None
    weaker: tuple[tuple[str, tuple[Resource, ...]], ...]  # (area label, the collection's resources)
    open_title: str


def answers() -> dict[str, int | None]:
    return {sid: st.session_state.get(answer_key(sid)) for a in spec().areas for sid, _ in a.statements}


def result_of(given: dict[str, int | None]) -> SelfAssessmentResult:
    s = spec()
    return score(given, [(a.id, a.label, [sid for sid, _ in a.statements]) for a in s.areas], s.level_names,
                 s.strong_from)


def result_frame(result: SelfAssessmentResult) -> pd.DataFrame:
    return pd.DataFrame({"area": [r.label for r in result.areas], "score": [r.score for r in result.areas],
                         "level": [r.level for r in result.areas],
                         "answered": [f"{r.answered} of {r.total}" for r in result.areas]})


def _chart(result: SelfAssessmentResult, title: str) -> ChartView | None:
    frame = result_frame(result)
    if frame["score"].isna().all():
        return None
    fig = maturity_bar(frame, levels=spec().level_names)
    low = [r.label for r in result.areas if r.score is not None and r.score < spec().strong_from]
    info = ChartInfo(f"Inclusion health self-assessment: {title or 'draft'}", f"Overall: {result.overall_level}",
                     alt_text=f"Bar chart of maturity by area on a four-level scale; overall {result.overall_level}. "
                              + (f"Below {spec().scale[spec().strong_from - 1].label}: {', '.join(low)}." if low
                                 else "No area is below the strong level."),
                     table=frame.rename(columns=str.capitalize), themes=["Inclusion health"])
    return ChartView(fig, info, "ih_result")


def page_view() -> InclusionView:
    st.session_state.setdefault(TITLE_KEY, "")
    st.session_state.setdefault(NOTES_KEY, "")
    for area in spec().areas:
        for sid, _ in area.statements:
            st.session_state.setdefault(answer_key(sid), None)
    result = result_of(answers())
    title = str(st.session_state.get(TITLE_KEY, ""))
    labels = {a.id: a.label for a in spec().areas}
    resources = tuple(catalogue().resources_for_theme(THEME))
    weaker = tuple((labels[a], resources) for a in result.weaker)
    draft = st.session_state.get(OPEN_KEY) or {}
    return InclusionView(md(spec().note), spec(), result, _chart(result, title), weaker, draft.get("title", ""))


# ---- drafts ------------------------------------------------------------------------------------------------
def _clear() -> None:
    for key in [k for k in st.session_state if str(k).startswith("ih_") and k != "ih_compare"]:
        del st.session_state[key]


def new_assessment() -> None:
    _clear()


def open_saved(assessment_id: str, version: int | None = None) -> None:
    saved = drafts.load(assessment_id, version)
    if saved is None:
        st.session_state[OUTCOME_KEY] = drafts.Outcome("error", "That assessment is no longer in the store.")
        return
    _clear()
    st.session_state[TITLE_KEY] = saved.title
    st.session_state[NOTES_KEY] = str(saved.content.get("notes", ""))
    for sid, value in saved.content.get("answers", {}).items():
        st.session_state[answer_key(sid)] = int(value) if value is not None else None
    newest = drafts.load(assessment_id)
    st.session_state[OPEN_KEY] = {"id": saved.assessment_id, "version": newest.version if newest else saved.version,
                                  "title": saved.title}
    st.session_state[OUTCOME_KEY] = drafts.Outcome(
        "success", f"Opened “{md(saved.title)}” (version {saved.version}, saved {md(drafts.when(saved.saved_at))}).")


def content() -> dict:
    result = result_of(answers())
    return {"answers": answers(), "notes": str(st.session_state.get(NOTES_KEY, "")),
            "scores": {r.area_id: r.score for r in result.areas}, "overall": result.overall_score,
            "overall_level": result.overall_level}


def save() -> None:
    draft, data = st.session_state.get(OPEN_KEY) or {}, content()
    title = str(st.session_state.get(TITLE_KEY, ""))
    outcome = drafts.save(KIND, assessment_id=draft.get("id"), loaded_version=draft.get("version"), title=title,
                          area_code="", theme_id=THEME, review_date=None, content=data,
                          fields={"Notes": data["notes"]})
    if outcome.assessment_id:
        st.session_state[OPEN_KEY] = {"id": outcome.assessment_id, "version": outcome.version, "title": title.strip()}
    st.session_state[OUTCOME_KEY] = outcome


def duplicate(assessment_id: str) -> None:
    st.session_state[OUTCOME_KEY] = drafts.duplicate(assessment_id)


def outcome() -> drafts.Outcome | None:
    return st.session_state.pop(OUTCOME_KEY, None)


def saved_table() -> pd.DataFrame:
    frame = drafts.saved_table(KIND, {}, {})
    return frame.drop(columns=["Area", "Theme", "Review by"]).rename(columns={"Programme or service": "Assessment"})


def saved_options() -> dict[str, str]:
    return drafts.saved_options(KIND)


def comparison(first_id: str, second_id: str) -> tuple[pd.DataFrame, ChartView] | None:
    """Two saved assessments side by side: a table of levels per area and a grouped bar chart."""
    first, second = drafts.load(first_id), drafts.load(second_id)
    if first is None or second is None:
        return None
    parts, columns = [], {}
    for saved in (first, second):
        res = result_of(saved.content.get("answers", {}))
        name = f"{saved.title} ({drafts.when(saved.saved_at)})"
        parts.append(result_frame(res).assign(series=html.escape(name)))
        columns[name] = [r.level for r in res.areas] + [res.overall_level]
    table = pd.DataFrame({"Area": [a.label for a in spec().areas] + ["Overall"], **columns})
    fig = maturity_bar(pd.concat(parts, ignore_index=True), series_col="series", levels=spec().level_names)
    info = ChartInfo("Inclusion health self-assessment compared", " and ".join(columns),
                     alt_text="Grouped bar chart of two self-assessments' maturity per area.", table=table,
                     themes=["Inclusion health"])
    return table, ChartView(fig, info, "ih_compare_chart")


# ---- exports -------------------------------------------------------------------------------------------------
def snapshot() -> dict:
    """The form as it is now, read during the page's run (a download button builds its file after the run)."""
    return {**content(), "title": str(st.session_state.get(TITLE_KEY, "")).strip()}


def document(data: dict | None = None) -> Document:
    s, data = spec(), data or snapshot()
    result = result_of(data["answers"])
    levels = {lv.score: lv.label for lv in s.scale}
    title = data["title"] or "Untitled"
    sections = [DocSection("Result", f"Overall maturity: {result.overall_level}.", tables=(DocTable(
        ("Area", "Level", "Mean score", "Statements answered"),
        tuple((r.label, r.level, "" if r.score is None else f"{r.score:.1f}", f"{r.answered} of {r.total}")
              for r in result.areas)),))]
    for area in s.areas:
        rows = tuple((text, levels.get(data["answers"].get(sid), NOT_ANSWERED)) for sid, text in area.statements)
        sections.append(DocSection(area.label, tables=(DocTable(("Statement", "Level"), rows),)))
    weaker = [a.label for a in s.areas if a.id in result.weaker]
    sections.append(DocSection("Notes", entries=(("Notes", data["notes"]),)))
    sections.append(DocSection("Where to look next", "Areas below the strong level: " + (", ".join(weaker) or "none") + ".",
                               bullets=tuple(f"{r.title}: {r.url}" for r in catalogue().resources_for_theme(THEME))))
    sections.append(DocSection("Maturity scale", bullets=tuple(f"{lv.label}: {lv.description}" for lv in s.scale)))
    return Document(f"Inclusion health self-assessment: {title}", (f"Exported {date.today():%-d %B %Y}",),
                    tuple(sections), (attribution.guidance_line(),), s.note)


def docx(data: dict | None = None) -> bytes:
    return to_docx(document(data))


def pdf(data: dict | None = None) -> bytes:
    return to_pdf(document(data))


def file_name(data: dict, extension: str) -> str:
    title = data["title"] or "draft"
    stem = re.sub(r"[^a-z0-9]+", "-", f"inclusion-health {title}".lower()).strip("-")[:70]
    return f"{stem}-{date.today().isoformat()}.{extension}"


def add_to_pack() -> str:
    result = result_of(answers())
    title = str(st.session_state.get(TITLE_KEY, "")).strip() or "draft"
    item = PackItem("table", f"Inclusion health self-assessment: {title}",
                    table=result_frame(result).rename(columns=str.capitalize),
                    subtitle=f"Overall: {result.overall_level}", themes=["Inclusion health"],
                    finding=f"Overall maturity {result.overall_level}; {len(result.weaker)} of {len(result.areas)} "
                            "areas below the strong level.", source_line=attribution.guidance_line())
    return board_pack.add(item)

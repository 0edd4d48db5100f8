"""The health equity assessment page: its four stages (data/assessment/heat_prompts.yaml, the dashboard's own
adaptation), the Assess stage pre-filled from the store, drafts in session state, saves, DOCX and the pack.

This module owns the page's session-state keys (the widgets' values) and is the only one that writes them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
import yaml

from analysis.assessment import Evidence, EvidenceItem, PrefillInputs, add_months, prefill
from analysis.overview import OverviewParams
from analysis.premature import PREMATURE_CAUSES, find_cause_indicators
from geography import Area
from guidance.catalogue import Resource
from services import drafts, overview
from services.data import _key, cached, data_as_of
from services.guidance import catalogue, theme_options
from services.text import md
from settings import ROOT
from store import queries
from store.db import Store

KIND = "equity"
ALL = "all"
TITLE_KEY, REVIEW_KEY, OPEN_KEY, OUTCOME_KEY = "heat_title", "heat_review", "heat_open", "heat_outcome"
PROMPTS_FILE = ROOT / "data" / "assessment" / "heat_prompts.yaml"
HEAT_RESOURCE = "health-equity-assessment-tool-heat"


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    help: str


@dataclass(frozen=True)
class Stage:
    id: str
    label: str
    purpose: str
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class HeatSpec:
    note: str
    source: str
    stages: tuple[Stage, ...]
    review_months: tuple[int, int, int]  # suggested, earliest, latest


@functools.cache
def spec() -> HeatSpec:
    raw = yaml.safe_load(PROMPTS_FILE.read_text())
    stages = tuple(Stage(s["id"], s["label"], s["purpose"],
                         tuple(Prompt(p["id"], " ".join(p["text"].split()), p.get("help", "")) for p in s["prompts"]))
                   for s in raw["stages"])
    months = raw["review_months"]
    return HeatSpec(" ".join(raw["note"].split()), raw["source"], stages,
                    (int(months["suggested"]), int(months["earliest"]), int(months["latest"])))


@dataclass(frozen=True)
class EquityView:
    """Everything the equity assessment page draws."""

    area: Area
    theme_id: str
    theme_label: str
    comparator: str
    comparator_label: str
    problem: str | None
    caption: str
    note: str
    stages: tuple[Stage, ...]
    resources: tuple[Resource, ...]
    resources_note: str
    evidence: tuple[EvidenceItem, ...]
    gaps: tuple[str, ...]
    evidence_note: str
    open_title: str  # the saved draft open, '' for a new assessment
    review_range: tuple[date, date, date]  # suggested, earliest, latest


def answer_key(prompt_id: str) -> str:
    return f"heat_answer_{prompt_id}"


def keep_key(item_key: str) -> str:
    return f"heat_keep_{item_key}"


def note_key(item_key: str) -> str:
    return f"heat_note_{item_key}"


# ---- the pre-fill ------------------------------------------------------------------------------------------
@cached
def _rows(path: str, version, ids: tuple[int, ...], area_code: str, which: str) -> pd.DataFrame:
    s = Store(path)
    if which == "small":
        return queries.small_area_values(s, list(ids), area_code)
    return queries.values(s, list(ids), [area_code], headline_only=False)


@cached
def _peer_rows(path: str, version, ids: tuple[int, ...], codes: tuple[str, ...]) -> pd.DataFrame:
    return queries.values(Store(path), list(ids), list(codes))


def evidence(area: Area, theme_id: str, comparator: str, neighbour_codes: tuple[str, ...], label: str,
             theme_label: str) -> Evidence:
    """The Assess stage's items from the overview's benchmark tables and the store's breakdowns."""
    ids = overview.indicator_ids(ALL, theme_id)
    base = OverviewParams(area.code, "england", area.region_code, area.peers)
    england = overview.overview_table(ids, base)
    compared = None if comparator == "england" else overview.overview_table(
        ids, OverviewParams(area.code, comparator, area.region_code, area.peers, neighbour_codes))
    held = set(overview.indicator_ids(ALL, ALL))
    causes = {i: PREMATURE_CAUSES[k].label for k, i in find_cause_indicators(overview.metadata()).items() if i in held}
    inputs = PrefillInputs(
        area.code, area.name, theme_label, england, compared, label,
        breakdown_rows=_rows(*_key(), tuple(ids), area.code, "all") if ids else pd.DataFrame(),
        small_area_rows=_rows(*_key(), tuple(ids), area.code, "small") if ids else pd.DataFrame(),
        premature_rows=_peer_rows(*_key(), tuple(sorted(causes)), (area.code, *area.peers)) if causes else pd.DataFrame(),
        premature_causes=causes, peer_codes=area.peers)
    return prefill(inputs)


def _open() -> dict:
    return st.session_state.get(OPEN_KEY) or {}


def page_view(area: Area, theme_id: str, comparator: str) -> EquityView:
    comparator, neighbour_codes, label, problem = overview.comparison(area, comparator)
    theme_label = "all themes" if theme_id == ALL else theme_options()[theme_id]
    draft = _open()
    as_of = data_as_of() or "unknown date"
    if draft.get("evidence") is not None and (draft.get("area_code"), draft.get("theme_id")) == (area.code, theme_id):
        found = Evidence(tuple(EvidenceItem.from_dict(e) for e in draft["evidence"]), tuple(draft.get("gaps", ())))
        note = f"Evidence as saved with this draft (data as of {md(draft.get('data_as_of', 'unknown date'))})."
    else:
        found = evidence(area, theme_id, comparator, neighbour_codes, label, theme_label)
        note = f"Pre-filled from the data held (as of {md(as_of)}); remove or annotate any item."
    months = spec().review_months
    today = date.today()
    _defaults(found.items, add_months(today, months[0]))
    cat = catalogue()
    resources = tuple(cat.resources_for_theme(theme_id)) if theme_id != ALL else (cat.resource(HEAT_RESOURCE),)
    res_note = "" if theme_id != ALL else "Choose an inequality theme in the sidebar to see the collection's guidance for it."
    caption = f"{area.name} · {theme_label} · compared with England" + (f" and {label}" if comparator != "england" else "")
    return EquityView(area, theme_id, theme_label, comparator, label, problem, caption, md(spec().note), spec().stages,
                      resources, res_note, found.items, found.gaps, note, draft.get("title", ""),
                      (add_months(today, months[0]), add_months(today, months[1]), add_months(today, months[2])))


def _defaults(items: tuple[EvidenceItem, ...], review: date) -> None:
    st.session_state.setdefault(TITLE_KEY, "")
    st.session_state.setdefault(REVIEW_KEY, review)
    for stage in spec().stages:
        for p in stage.prompts:
            st.session_state.setdefault(answer_key(p.id), "")
    for item in items:
        st.session_state.setdefault(keep_key(item.key), True)
        st.session_state.setdefault(note_key(item.key), "")


# ---- drafts ------------------------------------------------------------------------------------------------
def _clear() -> None:
    for key in [k for k in st.session_state if str(k).startswith("heat_")]:
        del st.session_state[key]


def new_assessment() -> None:
    """Callback: start again with an empty form."""
    _clear()


def open_saved(assessment_id: str, version: int | None = None) -> dict | None:
    """Callback: put a saved version in the form; returns its area, theme and comparator (None when gone)."""
    saved = drafts.load(assessment_id, version)
    if saved is None:
        st.session_state[OUTCOME_KEY] = drafts.Outcome("error", "That assessment is no longer in the store.")
        return None
    _clear()
    content = saved.content
    st.session_state[TITLE_KEY] = saved.title
    if saved.review_date:
        st.session_state[REVIEW_KEY] = saved.review_date
    for prompt_id, text in content.get("answers", {}).items():
        st.session_state[answer_key(prompt_id)] = str(text)
    for item in content.get("evidence", []):
        st.session_state[keep_key(item["key"])] = bool(item.get("keep", True))
        st.session_state[note_key(item["key"])] = str(item.get("note", ""))
    newest = drafts.load(assessment_id)
    st.session_state[OPEN_KEY] = {
        "id": saved.assessment_id, "version": newest.version if newest else saved.version, "title": saved.title,
        "area_code": saved.area_code, "theme_id": saved.theme_id, "data_as_of": content.get("data_as_of"),
        "evidence": content.get("evidence"), "gaps": content.get("gaps", [])}
    st.session_state[OUTCOME_KEY] = drafts.Outcome(
        "success", f"Opened “{md(saved.title)}” (version {saved.version}, saved {md(drafts.when(saved.saved_at))}).")
    return {"area": saved.area_code, "theme": saved.theme_id, "comparator": content.get("comparator", "england")}


def refresh_evidence() -> None:
    """Callback: replace the draft's saved evidence with what the data says now (notes are kept by item)."""
    if OPEN_KEY in st.session_state:
        st.session_state[OPEN_KEY] = {**st.session_state[OPEN_KEY], "evidence": None}


def content(view: EquityView) -> dict:
    """The form as saved: programme, answers, every pre-filled item with kept/removed and its note."""
    state = st.session_state
    return {
        "programme": str(state.get(TITLE_KEY, "")), "comparator": view.comparator, "data_as_of": data_as_of(),
        "answers": {p.id: str(state.get(answer_key(p.id), "")) for s in view.stages for p in s.prompts},
        "evidence": [{**i.as_dict(), "keep": bool(state.get(keep_key(i.key), True)),
                      "note": str(state.get(note_key(i.key), ""))} for i in view.evidence],
        "gaps": list(view.gaps)}


def _fields(view: EquityView, data: dict) -> dict[str, str]:
    prompts = {p.id: p.text for s in view.stages for p in s.prompts}
    notes = {f"Note on {e['indicator']}": e["note"] for e in data["evidence"]}
    return {**{prompts[k][:60]: v for k, v in data["answers"].items()}, **notes}


def save(view: EquityView) -> None:
    """Callback: save the form as a new version of the open draft (or a new assessment)."""
    draft, data = _open(), content(view)
    outcome = drafts.save(KIND, assessment_id=draft.get("id"), loaded_version=draft.get("version"),
                          title=data["programme"], area_code=view.area.code, theme_id=view.theme_id,
                          review_date=st.session_state.get(REVIEW_KEY), content=data, fields=_fields(view, data))
    if outcome.assessment_id:
        st.session_state[OPEN_KEY] = {"id": outcome.assessment_id, "version": outcome.version,
                                      "title": data["programme"].strip(), "area_code": view.area.code,
                                      "theme_id": view.theme_id, "data_as_of": data["data_as_of"],
                                      "evidence": data["evidence"], "gaps": data["gaps"]}
    st.session_state[OUTCOME_KEY] = outcome


def duplicate(assessment_id: str) -> None:
    st.session_state[OUTCOME_KEY] = drafts.duplicate(assessment_id)


def outcome() -> drafts.Outcome | None:
    """What the last button did (shown once)."""
    return st.session_state.pop(OUTCOME_KEY, None)


def saved_table() -> pd.DataFrame:
    names = dict(zip(overview.areas()["area_code"], overview.areas()["area_name"]))
    return drafts.saved_table(KIND, names, theme_options())


def saved_options() -> dict[str, str]:
    return drafts.saved_options(KIND)


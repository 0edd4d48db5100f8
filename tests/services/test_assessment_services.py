"""services.assessment, services.inclusion_health and export.documents: the view on the sample, saves with
their limits and warnings, and the DOCX/PDF/pack exports read back."""
from __future__ import annotations

import io

import docx
import pytest
import streamlit as st

import attribution
from export.documents import DocSection, DocTable, Document, to_docx, to_pdf
from services import assessment, assessment_export, drafts, inclusion_health, overview
from services.data import clear_caches

BLACKPOOL = "E06000009"
THEME = "children-young-people"


@pytest.fixture(autouse=True)
def _fresh_session():
    st.session_state.clear()
    clear_caches()
    yield
    st.session_state.clear()


def read_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == ("Title" if level == 0 else f"Heading {level}")]


@pytest.fixture
def view(sample_store):
    return assessment.page_view(overview.area_context(BLACKPOOL), THEME, "england")


def test_the_view_has_four_stages_prefilled_evidence_and_guidance(view):
    assert [s.label for s in view.stages] == ["Prepare", "Assess", "Refine and apply", "Review"]
    assert view.evidence and all(i.period and i.comparison for i in view.evidence)
    assert any(g.startswith("No data held for small areas") for g in view.gaps)
    assert view.resources and "own adaptation" in view.note.replace("\\", "")
    suggested, earliest, latest = view.review_range
    assert earliest < suggested < latest
    assert st.session_state[assessment.REVIEW_KEY] == suggested
    prompts = " ".join(p.text for s in view.stages for p in s.prompts).lower()
    for word in ("disability", "sexual orientation", "socioeconomic", "neighbourhoods", "inclusion-health",
                 "wider determinants", "psychosocial", "access to"):
        assert word in prompts


def test_docx_has_stage_headings_evidence_rows_and_attribution(view):
    st.session_state[assessment.TITLE_KEY] = "School readiness <programme>"
    st.session_state[assessment.answer_key("prepare-aims")] = "Reach *every* family [link](javascript:x)\x0b"
    removed = view.evidence[0]
    st.session_state[assessment.keep_key(removed.key)] = False
    st.session_state[assessment.note_key(view.evidence[1].key)] = "Check with the school nursing team"
    doc = read_docx(assessment_export.docx(view))
    assert headings(doc, 0) == ["Health equity assessment: School readiness <programme>"]
    assert headings(doc, 1) == ["1. Prepare", "2. Assess", "3. Refine and apply", "4. Review",
                                "Guidance from the Health equity collection", "Source and licence"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Reach *every* family [link](javascript:x)" in text  # kept literally, control character dropped
    assert f"Removed by the team: {removed.finding}" in text
    (table,) = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == list(assessment_export.EVIDENCE_HEADERS)
    assert len(rows) == len(view.evidence)  # header + every item but the removed one
    assert rows[1][0] == view.evidence[1].finding and rows[1][2] == view.evidence[1].period
    assert rows[1][4] == "Check with the school nursing team"
    assert attribution.OGL in text and "Source: OHID Fingertips, data as of" in text
    assert "No data held for small areas" in text


def test_save_reopen_and_concurrent_save_warning(view):
    st.session_state[assessment.TITLE_KEY] = "Vitamins"
    st.session_state[assessment.answer_key("prepare-aims")] = "First words"
    assessment.save(view)
    first = assessment.outcome()
    assert first.kind == "success" and first.version == 1
    other = drafts.save("equity", assessment_id=first.assessment_id, loaded_version=1, title="Vitamins",
                        area_code=BLACKPOOL, theme_id=THEME, review_date=None, content={"answers": {}}, fields={})
    assert other.kind == "success" and other.version == 2  # another session saved in between
    st.session_state[assessment.answer_key("prepare-aims")] = "Second words"
    assessment.save(view)
    warned = assessment.outcome()
    assert warned.kind == "warning" and warned.replaced_version == 2 and "another session" in warned.text
    chosen = assessment.open_saved(first.assessment_id)
    assert chosen == {"area": BLACKPOOL, "theme": THEME, "comparator": "england"}
    assert st.session_state[assessment.answer_key("prepare-aims")] == "Second words"
    reopened = assessment.page_view(overview.area_context(BLACKPOOL), THEME, "england")
    assert "as saved with this draft" in reopened.evidence_note
    assert [i.key for i in reopened.evidence] == [i.key for i in view.evidence]


def test_long_text_and_missing_title_are_refused_with_a_message(view):
    st.session_state[assessment.answer_key("prepare-aims")] = "x" * (drafts.MAX_FIELD_CHARS + 1)
    assessment.save(view)
    outcome = assessment.outcome()
    assert outcome.kind == "error" and "Name the programme" in outcome.text and "5,001 characters" in outcome.text
    assert drafts.saved("equity").empty
    st.session_state[assessment.TITLE_KEY] = "Fine"
    st.session_state[assessment.answer_key("prepare-aims")] = "x" * drafts.MAX_FIELD_CHARS
    assessment.save(view)
    assert assessment.outcome().kind == "success"


def test_pack_item_is_a_table_with_the_evidence_kept(view):
    st.session_state[assessment.TITLE_KEY] = "Vitamins"
    item = assessment_export.pack_item(view)
    assert item.kind == "table" and item.title == "Health equity assessment: Vitamins"
    assert list(item.table.columns) == ["Stage", "Question or evidence", "Answer or detail"]
    assert (item.table["Stage"] == "Assess").sum() >= len(view.evidence)
    assert attribution.OGL in item.source_line and item.themes == ["Children and young people"]


def test_inclusion_health_scores_exports_and_comparison():
    view = inclusion_health.page_view()
    assert view.chart is None and len(view.weaker) == len(view.spec.areas)
    st.session_state[inclusion_health.TITLE_KEY] = "Central PCN"
    for area in view.spec.areas:
        for sid, _ in area.statements:
            st.session_state[inclusion_health.answer_key(sid)] = 4
    st.session_state[inclusion_health.answer_key("ph-size")] = 1
    view = inclusion_health.page_view()
    assert view.result.overall_level == "Maturing"  # (2.5 + 8 * 4) / 9 = 3.83
    assert [label for label, _ in view.weaker] == ["Population health"]
    assert view.chart is not None and view.chart.figure.layout.meta["chart"] == "maturity_bar"
    doc = read_docx(inclusion_health.docx())
    assert headings(doc, 1)[0] == "Result" and "Where to look next" in headings(doc, 1)
    assert "Population health" in [c.text for c in doc.tables[0].columns[0].cells]
    assert inclusion_health.pdf().startswith(b"%PDF")
    inclusion_health.save()
    first = inclusion_health.outcome()
    inclusion_health.new_assessment()
    st.session_state[inclusion_health.TITLE_KEY] = "Central PCN, a year on"
    st.session_state[inclusion_health.answer_key("ph-size")] = 3
    inclusion_health.page_view()
    inclusion_health.save()
    second = inclusion_health.outcome()
    table, chart = inclusion_health.comparison(first.assessment_id, second.assessment_id)
    assert list(table.columns)[0] == "Area" and len(table.columns) == 3
    assert len(chart.figure.data) == 2
    assert inclusion_health.add_to_pack().startswith("Added to the board pack")


def test_documents_write_any_text_as_text():
    document = Document("T <b>", ("line",), (DocSection("S", "intro", (("Q", ""),), (DocTable(("A",), (("é😀",),)),),
                                                      ("• bullet",)),), ("src",), "note")
    doc = read_docx(to_docx(document))
    assert headings(doc, 1) == ["S", "Source and licence"]
    assert "No answer written." in [p.text for p in doc.paragraphs]
    assert doc.tables[0].cell(1, 0).text == "é😀"
    assert to_pdf(document).startswith(b"%PDF")

"""Assessments as documents: Word (DOCX, python-docx: the project's only DOCX writer) and PDF (fpdf2).

A `Document` is plain data (headings, question-and-answer entries, tables, bullet lines, source lines)
built by the services; the writers only lay it out. Text is written as text runs, never interpreted, and
characters XML cannot hold (control characters) are dropped so any typed text can be saved.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx as python_docx
from docx.shared import Pt, RGBColor
from fpdf.enums import XPos, YPos

from export.pack_content import PackMeta, column_weights
from export.pack_pdf import GREY, PackPDF

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NO_ANSWER = "No answer written."
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"


@dataclass(frozen=True)
class DocTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class DocSection:
    heading: str
    intro: str = ""
    entries: tuple[tuple[str, str], ...] = ()  # (question, answer)
    tables: tuple[DocTable, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    lines: tuple[str, ...]  # under the title: area, theme, dates
    sections: tuple[DocSection, ...]
    source_lines: tuple[str, ...]  # attribution.source_line(...), the guidance licence line
    note: str = ""  # e.g. "These questions are the dashboard's own adaptation…"


def clean(text: object) -> str:
    """Text a document can hold: control characters (other than tab and newline) removed."""
    return _NOT_XML.sub("", "" if text is None else str(text))


def _docx_table(doc, table: DocTable) -> None:
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(header)).bold = True
    for values in table.rows:
        for cell, value in zip(grid.add_row().cells, values, strict=True):
            cell.text = clean(value)
    if table.caption:
        doc.add_paragraph(clean(table.caption)).runs[0].italic = True


def _docx_section(doc, section: DocSection) -> None:
    doc.add_heading(clean(section.heading), level=1)
    if section.intro:
        doc.add_paragraph(clean(section.intro))
    for question, answer in section.entries:
        doc.add_paragraph().add_run(clean(question)).bold = True
        para = doc.add_paragraph()
        run = para.add_run(clean(answer) if answer.strip() else NO_ANSWER)
        if not answer.strip():
            run.italic = True
    for table in section.tables:
        _docx_table(doc, table)
    for line in section.bullets:
        doc.add_paragraph(clean(line), style="List Bullet")


def to_docx(document: Document) -> bytes:
    """The document as a Word file: a title, one Heading 1 per section, tables with a header row, and the
    source and licence lines at the end."""
    doc = python_docx.Document()
    doc.core_properties.title = clean(document.title)[:255]
    doc.core_properties.author = "Health Equity Planner"
    doc.add_heading(clean(document.title), level=0)
    for line in document.lines:
        doc.add_paragraph(clean(line))
    if document.note:
        run = doc.add_paragraph().add_run(clean(document.note))
        run.italic = True
        run.font.color.rgb = RGBColor(0x50, 0x5A, 0x5F)
    for section in document.sections:
        _docx_section(doc, section)
    doc.add_heading("Source and licence", level=1)
    for line in document.source_lines:
        doc.add_paragraph(clean(line)).runs[0].font.size = Pt(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf_table(pdf: PackPDF, table: DocTable) -> None:
    rows = [list(r) for r in table.rows]
    pdf.use_font(8.5)
    with pdf.table(line_height=4.5, text_align="LEFT", first_row_as_headings=True,
                   col_widths=tuple(column_weights(list(table.headers), rows))) as grid:
        for values in [list(table.headers), *rows]:
            row = grid.row()
            for value in values:
                row.cell(pdf.t(clean(value)))
    pdf.ln(2)
    pdf.para(clean(table.caption), 8.5, "I", GREY)


def to_pdf(document: Document) -> bytes:
    """The same document as an A4 PDF (DejaVu Sans where installed, else Latin-1 text)."""
    pdf = PackPDF(PackMeta(clean(document.title), author="Health Equity Planner"))
    pdf.add_page()
    pdf.para(clean(document.title), 18, "B", h=9, gap=2)
    for line in document.lines:
        pdf.para(clean(line), 10.5, color=GREY, gap=0.5)
    pdf.ln(2)
    pdf.para(clean(document.note), 9, "I", GREY, gap=3)
    for section in document.sections:
        pdf.start_section(pdf.t(clean(section.heading)))
        pdf.para(clean(section.heading), 14, "B", h=7, gap=1)
        pdf.para(clean(section.intro), 10, color=GREY, gap=2)
        for question, answer in section.entries:
            pdf.para(clean(question), 10, "B", gap=0.5)
            pdf.para(clean(answer) if answer.strip() else NO_ANSWER, 10, "" if answer.strip() else "I", gap=2)
        for table in section.tables:
            _pdf_table(pdf, table)
        for line in section.bullets:
            pdf.use_font(10)
            pdf.multi_cell(0, 5, pdf.t("• " + clean(line)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
    pdf.para("Source and licence", 12, "B", h=6, gap=1)
    for line in document.source_lines:
        pdf.para(clean(line), 8.5, color=GREY, h=4)
    return bytes(pdf.output())

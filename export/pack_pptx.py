"""The board pack as a PowerPoint deck (python-pptx, 16:9).

A title slide, then one slide per item: its title (a real title placeholder, so the outline and
screen readers see it), subtitle, the chart picture (with alt text on the picture) or a table, and
the source line. Speaker notes carry the alt text and the finding. Optional closing slides list the
guidance for the themes covered and the indicator definitions.
"""
from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from export.pack_content import (
    IMAGE_HEIGHT,
    IMAGE_SHARE,
    IMAGE_WIDTH,
    Entry,
    PackItem,
    PackMeta,
    Progress,
    chart_images,
    column_weights,
    definition_entries,
    display_table,
    guidance_by_theme,
    report,
)

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BODY_TOP, BODY_BOTTOM = Inches(1.55), Inches(6.75)
GREY = RGBColor(0x50, 0x5A, 0x5F)
TABLE_ROWS, TABLE_COLS = 12, 8
DEFINITIONS_PER_SLIDE = 4
DEFINITION_CHARS = 300

TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5  # in python-pptx's default template


def _textbox(slide, top, height, text: str, size: float, color: RGBColor | None = None):
    box = slide.shapes.add_textbox(MARGIN, top, SLIDE_W - 2 * MARGIN, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            if color is not None:
                run.font.color.rgb = color
    return box


def _titled_slide(prs, title: str, subtitle: str = ""):
    """A Title Only slide with the title placeholder stretched across the 16:9 page."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    heading = slide.shapes.title
    heading.left, heading.top = MARGIN, Inches(0.3)
    heading.width, heading.height = SLIDE_W - 2 * MARGIN, Inches(0.8)
    heading.text = title
    for paragraph in heading.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(24)
    if subtitle:
        _textbox(slide, Inches(1.05), Inches(0.45), subtitle, 14, GREY)
    return slide


def _add_picture(slide, png: bytes, alt_text: str, title: str) -> None:
    """The picture centred in the body area at 16:9, with its alt text (descr) set."""
    height = BODY_BOTTOM - BODY_TOP
    width = int(height * IMAGE_WIDTH / IMAGE_HEIGHT)
    if width > SLIDE_W - 2 * MARGIN:
        width = SLIDE_W - 2 * MARGIN
        height = int(width * IMAGE_HEIGHT / IMAGE_WIDTH)
    left = Emu(int((SLIDE_W - width) / 2))
    picture = slide.shapes.add_picture(io.BytesIO(png), left, BODY_TOP, width=width, height=height)
    c_nv_pr = picture._element.nvPicPr.cNvPr  # python-pptx has no public alt-text API
    c_nv_pr.set("descr", alt_text or title)
    c_nv_pr.set("title", title)


def _add_table(slide, frame: pd.DataFrame) -> None:
    headers, rows, note = display_table(frame, TABLE_ROWS, TABLE_COLS)
    bottom = BODY_BOTTOM - (Inches(0.35) if note else 0)
    row_h = min(Inches(0.4), int((bottom - BODY_TOP) / (len(rows) + 1)))
    shape = slide.shapes.add_table(len(rows) + 1, len(headers), MARGIN, BODY_TOP,
                                   SLIDE_W - 2 * MARGIN, row_h * (len(rows) + 1))
    table = shape.table
    weights = column_weights(headers, rows)
    for column, weight in zip(table.columns, weights, strict=True):
        column.width = int((SLIDE_W - 2 * MARGIN) * weight / sum(weights))
    for r, values in enumerate([headers, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    if note:
        _textbox(slide, bottom, Inches(0.35), note, 10, GREY)


def _notes(slide, item: PackItem) -> None:
    parts = [f"Alt text: {item.alt_text}" if item.alt_text else "",
             f"Finding: {item.finding}" if item.finding else "",
             item.source_line]
    slide.notes_slide.notes_text_frame.text = "\n\n".join(p for p in parts if p)


def _item_slide(prs, item: PackItem, png: bytes | None) -> None:
    slide = _titled_slide(prs, item.title, item.subtitle)
    if png is not None:
        _add_picture(slide, png, item.alt_text, item.title)
    else:
        _add_table(slide, item.table)
    if item.source_line:
        _textbox(slide, Inches(6.8), Inches(0.55), item.source_line, 9, GREY)
    _notes(slide, item)


def _guidance_slide(prs, by_theme: dict[str, list[dict]]) -> None:
    slide = _titled_slide(prs, "Guidance and resources", "For the themes in this pack")
    frame = _textbox(slide, BODY_TOP, BODY_BOTTOM - BODY_TOP, "", 12).text_frame
    first = True
    for theme, resources in by_theme.items():
        for text, url in [(theme, None)] + [(r.get("title") or r["url"], r["url"]) for r in resources]:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            run = paragraph.add_run()
            run.text = text if url is None else f"• {text}"
            run.font.size = Pt(14 if url is None else 12)
            run.font.bold = url is None
            if url:
                run.hyperlink.address = url


def _definition_slides(prs, entries: list[Entry]) -> None:
    for start in range(0, len(entries), DEFINITIONS_PER_SLIDE):
        slide = _titled_slide(prs, "Indicator definitions")
        top = BODY_TOP - Inches(0.4)
        frame = _textbox(slide, top, BODY_BOTTOM - top, "", 12).text_frame
        for n, (heading, parts) in enumerate(entries[start:start + DEFINITIONS_PER_SLIDE]):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text, run.font.bold, run.font.size = heading, True, Pt(13)
            if parts:
                text = parts[0][1]
                body = frame.add_paragraph().add_run()
                body.text = text if len(text) <= DEFINITION_CHARS else text[:DEFINITION_CHARS - 1] + "…"
                body.font.size = Pt(11)


def build_pptx(items: list[PackItem], meta: PackMeta, *, progress: Progress | None = None,
               guidance: list[dict] | None = None, definitions: pd.DataFrame | None = None) -> bytes:
    """The pack as .pptx bytes: title slide + one slide per item (+ guidance and definitions slides
    when given and relevant). Charts are drawn by one browser; `progress(fraction, message)`."""
    images = chart_images(items, progress)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = meta.title
    prs.core_properties.author = meta.author

    cover = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    for shape in (cover.shapes.title, cover.placeholders[1]):  # widen the 4:3 layout's boxes
        top, height = shape.top, shape.height  # inherited; setting one position sets all four
        shape.left, shape.top, shape.width, shape.height = MARGIN, top, SLIDE_W - 2 * MARGIN, height
    cover.shapes.title.text = meta.title
    byline = " · ".join(p for p in (meta.author, meta.date_text) if p)
    cover.placeholders[1].text = "\n".join(p for p in (meta.meeting, byline) if p)

    for n, (item, png) in enumerate(zip(items, images, strict=True), start=1):
        _item_slide(prs, item, png)
        report(progress, IMAGE_SHARE + (1 - IMAGE_SHARE) * n / (len(items) + 1), f"Built slide {n + 1}")
    by_theme = guidance_by_theme(items, guidance)
    if by_theme:
        _guidance_slide(prs, by_theme)
    _definition_slides(prs, definition_entries(items, definitions))

    buffer = io.BytesIO()
    prs.save(buffer)
    report(progress, 1.0, "PowerPoint pack ready")
    return buffer.getvalue()

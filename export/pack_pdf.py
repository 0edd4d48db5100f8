"""The board pack as an A4 PDF (fpdf2).

Cover, contents (page numbers filled in at the end, entries are links), a one-page plain-English
summary of findings, one section per item (picture with caption and alt text beneath, or a table),
guidance resources for the themes covered (clickable links) and an appendix of indicator
definitions. Text uses DejaVu Sans (Debian's fonts-dejavu-core) so any Unicode prints; without it
the core Helvetica font is used and text is reduced to Latin-1.
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos

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
    pages_needed,
    report,
    summary_lines,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
              "BI": "DejaVuSans-BoldOblique.ttf"}
GREY, BLUE, BLACK = (80, 90, 95), (29, 112, 184), (11, 12, 12)
TOC_LINE_H = 7.0
TABLE_ROWS, TABLE_COLS = 30, 7
SUMMARY_SIZES = (10.5, 9.5, 8.5, 7.5)  # font sizes tried to keep the summary on one page
_LATIN1 = str.maketrans({"•": "-", "…": "...", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"',
                         "≥": ">=", "≤": "<=", "−": "-"})


class PackPDF(FPDF):
    """A4 portrait with the pack's font, a footer "title · Page n of N" (not on the cover)."""

    def __init__(self, meta: PackMeta, font_dir: Path | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.meta = meta
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        font_dir = font_dir or FONT_DIR
        self.unicode_font = all((font_dir / f).is_file() for f in FONT_FILES.values())
        if self.unicode_font:
            for style, filename in FONT_FILES.items():
                self.add_font("DejaVu", style, str(font_dir / filename))
        self.pack_font = "DejaVu" if self.unicode_font else "helvetica"
        self.set_title(self.t(meta.title))
        self.set_author(self.t(meta.author))
        self.set_subject(self.t(meta.meeting))
        self.set_creator("Health Equity Planner")
        self.set_lang("en-GB")

    def t(self, text) -> str:
        """`text` as printable text for the current font (Latin-1 only with the core font)."""
        text = "" if text is None else str(text)
        if self.unicode_font:
            return text
        return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.use_font(8, color=GREY)
        self.cell(0, 5, self.t(f"{self.meta.title} · Page {self.page_no()} of {{nb}}"), align="C")

    # --- small writing helpers -----------------------------------------------------------------
    def use_font(self, size: float, emphasis: str = "", color: tuple[int, int, int] = BLACK) -> None:
        self.set_font(self.pack_font, emphasis, size)
        self.set_text_color(*color)

    def para(self, text: str, size: float = 10.5, emphasis: str = "", color=BLACK, h: float | None = None,
             link: str | int | None = None, gap: float = 1.5) -> None:
        if not text:
            return
        self.use_font(size, emphasis, color)
        self.multi_cell(0, h or size * 0.5, self.t(text), link=link, align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def labelled(self, label: str, text: str, size: float = 9.5) -> None:
        """"Label: text" with the label in bold, wrapping across the page width."""
        if not text:
            return
        self.use_font(size, "B")
        self.write(size * 0.5, self.t(f"{label}: "))
        self.use_font(size)
        self.write(size * 0.5, self.t(text))
        self.ln(size * 0.5 + 1.5)

    def section(self, title: str, subtitle: str = "", new_page: bool = True) -> None:
        """New page, outline entry (also the contents entry) and heading."""
        if new_page:
            self.add_page()
        self.start_section(self.t(title))
        self.para(title, 16, "B", h=8, gap=1)
        self.para(subtitle, 10.5, color=GREY, gap=3)

    def fit(self, text: str, width: float) -> str:
        """`text` cut with an ellipsis to fit `width` mm in the current font."""
        text, ellipsis = self.t(text), self.t("…")
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + ellipsis) > width:
            text = text[:-1]
        return text.rstrip() + ellipsis


def _render_toc(pdf: PackPDF, outline) -> None:
    """Contents lines (name ... page), each a link to its section; pads to the reserved pages."""
    pdf.set_x(pdf.l_margin)
    for section in outline:
        link = pdf.add_link(page=section.page_number)
        pdf.use_font(11)
        pdf.cell(pdf.epw - 15, TOC_LINE_H, pdf.fit(section.name, pdf.epw - 18), link=link)
        pdf.cell(15, TOC_LINE_H, str(section.page_number), align="R", link=link,
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    placeholder = pdf.toc_placeholder
    while pdf.page < placeholder.start_page + placeholder.pages - 1:
        pdf.add_page()


def _cover(pdf: PackPDF, items: list[PackItem]) -> None:
    pdf.add_page()
    pdf.set_y(70)
    pdf.para(pdf.meta.title, 26, "B", h=12, gap=6)
    pdf.para(pdf.meta.meeting, 14, h=7)
    pdf.para(" · ".join(p for p in (pdf.meta.author, pdf.meta.date_text) if p), 12, color=GREY, h=6)
    sources = list(dict.fromkeys(item.source_line for item in items if item.source_line))
    if sources:
        pdf.set_y(max(pdf.get_y() + 10, pdf.h - 30 - 5 * 3 * len(sources)))
        for line in sources:
            pdf.para(line, 8.5, color=GREY, h=4.2)


def _contents(pdf: PackPDF, sections: int) -> None:
    pdf.add_page()
    pdf.para("Contents", 16, "B", h=8, gap=4)
    first = int((pdf.page_break_trigger - pdf.get_y()) // TOC_LINE_H)
    later = int((pdf.page_break_trigger - pdf.t_margin) // TOC_LINE_H)
    pages = pages_needed(sections, first, later)
    pdf.insert_toc_placeholder(_render_toc, pages=pages, reset_page_indices=False)


def _fit_summary(pdf: PackPDF, lines: list[str]) -> tuple[float, list[str]]:
    """The largest font size (and the lines) that keep the summary on one page; findings that still
    do not fit are replaced by a pointer to the pages that follow."""
    room = pdf.page_break_trigger - pdf.get_y()

    def height(size: float, chosen: list[str]) -> float:
        pdf.use_font(size)
        return sum(pdf.multi_cell(pdf.epw - 6, size * 0.52, pdf.t(line), dry_run=True, output="HEIGHT")
                   + 2 for line in chosen)

    for size in SUMMARY_SIZES:
        if height(size, lines) <= room:
            return size, lines
    size, kept = SUMMARY_SIZES[-1], list(lines)
    while kept and height(size, [*kept, "x"]) > room:
        kept.pop()
    return size, [*kept, f"… and {len(lines) - len(kept)} more findings on the pages that follow."]


def _summary(pdf: PackPDF, lines: list[str]) -> None:
    # the contents placeholder has already broken onto a fresh page
    pdf.section("Summary of findings", "What the charts and tables in this pack show, in plain English.",
                new_page=False)
    size, lines = _fit_summary(pdf, lines)
    for line in lines:
        pdf.use_font(size)
        pdf.cell(6, size * 0.52, pdf.t("•"))
        pdf.multi_cell(pdf.epw - 6, size * 0.52, pdf.t(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)


def _table(pdf: PackPDF, frame: pd.DataFrame) -> None:
    headers, rows, note = display_table(frame, TABLE_ROWS, TABLE_COLS)
    pdf.use_font(8)
    with pdf.table(line_height=4.5, text_align="LEFT", first_row_as_headings=True,
                   col_widths=tuple(column_weights(headers, rows))) as table:
        for values in [headers, *rows]:
            row = table.row()
            for value in values:
                row.cell(pdf.t(value))
    pdf.ln(2)
    pdf.para(note, 8.5, "I", GREY)


def _item(pdf: PackPDF, number: int, item: PackItem, png: bytes | None) -> None:
    pdf.section(item.title, item.subtitle)
    if png is not None:
        height = pdf.epw * IMAGE_HEIGHT / IMAGE_WIDTH
        pdf.image(io.BytesIO(png), x=pdf.l_margin, w=pdf.epw, h=height,
                  alt_text=pdf.t(item.alt_text or item.title), title=pdf.t(item.title))
        pdf.ln(2)
        caption = f"Figure {number}. {item.title}" + (f" — {item.subtitle}" if item.subtitle else "")
        pdf.para(caption, 9.5, "I")
        pdf.labelled("Description", item.alt_text)
    else:
        _table(pdf, item.table)
        pdf.para(f"Table {number}. {item.title}", 9.5, "I")
    pdf.labelled("Finding", item.finding, 10.5)
    pdf.ln(1)
    pdf.para(item.source_line, 8, color=GREY, h=4)


def _guidance(pdf: PackPDF, by_theme: dict[str, list[dict]]) -> None:
    pdf.section("Guidance and resources",
                "Further reading for the themes in this pack (links open in a browser).")
    for theme, resources in by_theme.items():
        pdf.para(theme, 12, "B", h=6.5, gap=1)
        for resource in resources:
            pdf.use_font(10.5, "U", BLUE)
            pdf.cell(6, 5.5, "")
            pdf.multi_cell(pdf.epw - 6, 5.5, pdf.t(resource.get("title") or resource["url"]), align="L",
                           link=resource["url"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_x(pdf.l_margin + 6)
            pdf.use_font(8, color=GREY)
            pdf.multi_cell(pdf.epw - 6, 4, pdf.t(resource["url"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
        pdf.ln(2)


def _appendix(pdf: PackPDF, entries: list[Entry]) -> None:
    pdf.section("Appendix: indicator definitions", "From the Fingertips indicator metadata.")
    for heading, parts in entries:
        pdf.para(heading, 11.5, "B", h=6, gap=1)
        for label, text in parts:
            pdf.labelled(label, text, 9)
        pdf.ln(3)


def build_pdf(items: list[PackItem], meta: PackMeta, *, summary_findings: list[str] | None = None,
              guidance: list[dict] | None = None, definitions: pd.DataFrame | None = None,
              progress: Progress | None = None) -> bytes:
    """The pack as A4 PDF bytes. Charts are drawn by one browser; `progress(fraction, message)`.

    `guidance` is a list of dicts with title, url and theme (only the items' themes are kept);
    `definitions` has indicator_id, indicator_name and definition columns (only the items'
    indicators are kept). Without summary findings, each item's finding is summarised instead.
    """
    images = chart_images(items, progress)
    pdf = PackPDF(meta)
    by_theme = guidance_by_theme(items, guidance)
    entries = definition_entries(items, definitions)

    _cover(pdf, items)
    _contents(pdf, 1 + len(items) + bool(by_theme) + bool(entries))
    _summary(pdf, summary_lines(items, summary_findings))
    counts = {"chart": 0, "table": 0}
    for n, (item, png) in enumerate(zip(items, images, strict=True), start=1):
        counts[item.kind] += 1
        _item(pdf, counts[item.kind], item, png)
        report(progress, IMAGE_SHARE + (1 - IMAGE_SHARE) * n / (len(items) + 1),
               f"Wrote the page for item {n}")
    if by_theme:
        _guidance(pdf, by_theme)
    if entries:
        _appendix(pdf, entries)
    out = bytes(pdf.output())
    report(progress, 1.0, "PDF pack ready")
    return out

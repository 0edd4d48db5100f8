"""export.board_pack: PPTX read back with python-pptx, PDF read back with pypdf."""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from export import pack_pdf
from export.board_pack import PackItem, PackMeta, build_pdf, build_pptx
from export.images import source_line

META = PackMeta("Health inequalities update", "Health and Wellbeing Board", "Public Health Intelligence",
                date(2025, 3, 5))
GUIDANCE = [
    {"title": "Healthy life expectancy: guidance for local areas", "url": "https://www.gov.uk/example/hle",
     "theme": "Life expectancy"},
    {"title": "NHS Health Check programme", "url": "https://www.healthcheck.nhs.uk/", "theme": "Prevention"},
    {"title": "Unrelated resource", "url": "https://www.gov.uk/example/other", "theme": "Air quality"},
]


def _items(figures, map_rows, trend_rows) -> list[PackItem]:
    data_line, map_line = source_line("2025-03-05"), source_line("2025-03-05", with_boundaries=True)
    hle, check = int(map_rows["indicator_id"].iloc[0]), int(trend_rows["indicator_id"].iloc[0])
    table = map_rows[["area_code", "area_name", "time_period", "value", "lower_ci_95", "upper_ci_95"]]
    return [
        PackItem("chart", "Healthy life expectancy by county", figure=figures["choropleth"],
                 subtitle="Counties and UAs, females, compared with England",
                 alt_text="Map of England's counties shaded by healthy life expectancy; darker is longer.",
                 finding="Healthy life expectancy is shortest in the North East.", source_line=map_line,
                 themes=["Life expectancy"], indicator_ids=[hle]),
        PackItem("chart", "NHS Health Checks over time", figure=figures["line"],
                 subtitle="England, all periods",
                 alt_text="Line chart of people receiving an NHS Health Check, rising through the year.",
                 finding="Uptake recovers each year after the first quarter.", source_line=data_line,
                 themes=["Prevention"], indicator_ids=[check]),
        PackItem("table", "Healthy life expectancy: the data", table=table, subtitle="Counties and UAs",
                 alt_text="Table of values with 95% confidence intervals.", finding="150 areas are listed.",
                 source_line=data_line, themes=["Life expectancy"], indicator_ids=[hle]),
    ]


@pytest.fixture(scope="module")
def items(figures, map_rows, trend_rows):
    return _items(figures, map_rows, trend_rows)


def test_item_needs_its_content():
    with pytest.raises(ValueError, match="has no figure"):
        PackItem("chart", "No figure")
    with pytest.raises(ValueError, match="kind must be"):
        PackItem("slide", "Bad", table=pd.DataFrame())


def test_pptx_has_title_slide_and_one_slide_per_item(chromium, items):
    progress = []
    data = build_pptx(items, META, progress=lambda f, m: progress.append((f, m)))
    prs = Presentation(io.BytesIO(data))
    slides = list(prs.slides)
    assert len(slides) == len(items) + 1
    assert slides[0].shapes.title.text == META.title
    assert "Health and Wellbeing Board" in slides[0].placeholders[1].text
    assert "5 March 2025" in slides[0].placeholders[1].text
    for slide, item in zip(slides[1:], items, strict=True):
        assert slide.shapes.title.text == item.title
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert item.subtitle in texts and item.source_line in texts
        notes = slide.notes_slide.notes_text_frame.text
        assert item.alt_text in notes and item.finding in notes
    for slide, item in zip(slides[1:3], items[:2], strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == item.alt_text
        assert pictures[0].image.content_type == "image/png"
    tables = [s for s in slides[3].shapes if s.has_table]
    assert len(tables) == 1 and tables[0].table.cell(0, 1).text == "area_name"
    fractions = [f for f, _ in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_pptx_adds_guidance_and_definitions_slides_when_given(chromium, items, definitions):
    data = build_pptx(items[2:], META, guidance=GUIDANCE, definitions=definitions)
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert [s.shapes.title.text for s in slides[2:]] == ["Guidance and resources", "Indicator definitions"]
    links = [r.hyperlink.address for s in slides[2].shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == ["https://www.gov.uk/example/hle"]


@pytest.fixture(scope="module")
def pdf_reader(chromium, items, definitions):
    data = build_pdf(items, META, summary_findings=["Healthy life expectancy varies by over 15 years.",
                                                    "Health Check uptake has recovered since 2020."],
                     guidance=GUIDANCE, definitions=definitions)
    assert data.startswith(b"%PDF")
    return PdfReader(io.BytesIO(data))


def _page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_pdf_sections_and_page_count(pdf_reader, items):
    texts = _page_texts(pdf_reader)
    # cover, contents, summary, one page per item, guidance, appendix
    assert len(texts) >= 3 + len(items) + 2
    assert META.title in texts[0] and "Health and Wellbeing Board" in texts[0] and "5 March 2025" in texts[0]
    assert "Contents" in texts[1]
    assert "Summary of findings" in texts[2] and "varies by over 15 years" in texts[2]
    everything = " ".join(texts)
    for item in items:
        assert item.title in everything
        assert item.finding in everything
    assert "Description: Map of England" in everything  # alt text under the picture
    assert "Guidance and resources" in everything and "Appendix: indicator definitions" in everything
    assert "Unrelated resource" not in everything  # guidance only for the themes covered


def test_pdf_contents_lists_sections_with_their_pages(pdf_reader, items):
    texts = _page_texts(pdf_reader)
    for item in items:
        page = next(i for i, t in enumerate(texts) if i > 1 and t.startswith(item.title)) + 1
        assert f"{item.title} {page}" in texts[1]


def _annotations(reader: PdfReader) -> list:
    return [a.get_object() for page in reader.pages for a in page.get("/Annots", []) or []]


def test_pdf_has_clickable_guidance_and_contents_links(pdf_reader):
    annotations = [a for a in _annotations(pdf_reader) if a.get("/Subtype") == "/Link"]
    uris = {a["/A"]["/URI"] for a in annotations if "/A" in a and "/URI" in a["/A"]}
    assert {"https://www.gov.uk/example/hle", "https://www.healthcheck.nhs.uk/"} <= uris
    internal = [a for a in annotations if "/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo")]
    assert len(internal) >= 3
    assert len(pdf_reader.outline) >= 3  # bookmarks for each section


def _alt_texts(node, seen=None) -> list[str]:
    """Every /Alt in the PDF's structure tree (where fpdf2 puts an image's alt text)."""
    seen = set() if seen is None else seen
    node = node.get_object()
    if id(node) in seen:
        return []
    seen.add(id(node))
    found = []
    if isinstance(node, dict):
        if "/Alt" in node:
            found.append(str(node["/Alt"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), (dict, list)):
                found += _alt_texts(kid, seen)
    return found


def test_pdf_images_carry_alt_text(pdf_reader, items):
    assert sum(len(page.images) for page in pdf_reader.pages) == 2
    alts = _alt_texts(pdf_reader.trailer["/Root"]["/StructTreeRoot"])
    assert items[0].alt_text in alts and items[1].alt_text in alts


def test_pdf_without_dejavu_falls_back_to_core_font(monkeypatch, map_rows):
    monkeypatch.setattr(pack_pdf, "FONT_DIR", pack_pdf.Path("/nonexistent"))
    item = PackItem("table", "Table – with ≥ Unicode • marks", table=map_rows[["area_name", "value"]].head(5),
                    finding="Works “offline”.", source_line=source_line("2025-03-05"))
    reader = PdfReader(io.BytesIO(build_pdf([item], META)))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Table - with >= Unicode - marks" in text
    fonts = {str(f) for p in reader.pages for f in (p["/Resources"].get("/Font") or {}).values()}
    assert fonts

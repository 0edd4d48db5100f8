"""Journey 3: three charts from the overview into the board pack, reordered, built as PPTX and PDF."""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pptx import Presentation
from pypdf import PdfReader

from tests.e2e.journeys import (
    BLACKPOOL,
    EXPORT_SECONDS,
    add_charts_to_pack,
    button,
    download,
    download_button,
    go_to,
    idle,
    open_page,
    screenshot,
)

pytestmark = pytest.mark.e2e


def _listed_titles(page) -> list[str]:
    """The item titles as the page lists them ('1. Title' in bold)."""
    bold = page.get_by_test_id("stMain").locator("strong").all_inner_texts()
    return [re.sub(r"^\d+\.\s*", "", t).strip() for t in bold if re.match(r"^\d+\.", t)]


def _build(page, label: str) -> tuple[str, bytes]:
    button(page, f"Generate {label}").click()
    offered = download_button(page, f"Download {label}")
    offered.wait_for(timeout=EXPORT_SECONDS * 1000)
    idle(page)
    return download(page, offered)


def test_three_charts_become_a_powerpoint_and_a_pdf(page):
    open_page(page, f"/?area={BLACKPOOL}&theme=all", "Blackpool")
    add_charts_to_pack(page, 3)
    go_to(page, "Board pack", "Board pack")
    titles = _listed_titles(page)
    assert len(titles) == 3 and all("where Blackpool sits" in t for t in titles), titles

    button(page, "Down").click()  # the first item moves to second place
    titles = [titles[1], titles[0], titles[2]]
    expect(page.get_by_text(f"1. {titles[0]}", exact=True)).to_be_visible()
    idle(page)
    assert _listed_titles(page) == titles

    page.get_by_label("Title").fill("Blackpool: health inequalities")
    page.get_by_label("Meeting").fill("Health and Wellbeing Board")
    name, pptx = _build(page, "PowerPoint")
    assert name.endswith(".pptx") and name.startswith("blackpool-health-inequalities")
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    slide_titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert slide_titles[0] == "Blackpool: health inequalities"
    assert slide_titles[1:4] == titles
    assert len(slides) >= 4

    name, pdf = _build(page, "PDF")
    assert name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1 + 3  # cover and one page per chart at least
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in ["Blackpool: health inequalities", "Health and Wellbeing Board", *titles]:
        assert expected in text, expected
    assert download_button(page, "Download PowerPoint").is_visible()  # both files stay on offer
    screenshot(page, "3-board-pack")

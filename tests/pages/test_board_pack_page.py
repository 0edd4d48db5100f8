"""The Board pack page (AppTest) and services/board_pack, with charts of real rows from the sample store.

Files are read back from what the page itself built (kept in session state for its download buttons):
the PPTX with python-pptx, the PDF with pypdf.
"""
from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

import settings
from charts.compare_bar import compare_bar
from charts.presentation import Presentation as ChartPresentation
from charts.trend_line import trend_line
from export import pack_content
from export.board_pack import PackItem, PackMeta
from export.images import source_line
from services import board_pack
from tests.apptest import ROOT, texts

BLACKPOOL, LIFE_EXPECTANCY = "E06000009", 90366
PAGE = "pages/board-pack.py"


def _chromium() -> None:
    path = settings.get("HEP_CHROMIUM_PATH")
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"Chromium is not installed at {path} (install the 'chromium' package); packs draw charts with it")


@pytest.fixture
def items(sample_store) -> list[PackItem]:
    """A trend chart, a comparison bar chart and a table of life expectancy rows from the sample store."""
    rows = sample_store.query(
        "SELECT area_code, area_name, parent_code, time_period, time_period_sortable, value, lower_ci_95, "
        "upper_ci_95, compared_to_england AS significance FROM core_indicator_values WHERE indicator_id = ? "
        "AND sex = 'Female' AND category_type IS NULL AND value IS NOT NULL", [LIFE_EXPECTANCY])
    assert len(rows), "the sample has no female life expectancy rows"
    trend = rows[rows["area_code"] == BLACKPOOL].sort_values("time_period_sortable")
    latest = rows[rows["time_period"] == trend["time_period"].iloc[-1]]
    north_west = latest[latest["parent_code"] == trend["parent_code"].iloc[0]]
    line = source_line("2025-03-01")
    return [
        PackItem("chart", "Life expectancy at birth over time", figure=trend_line(trend), subtitle="Blackpool, females",
                 alt_text="Line chart of female life expectancy in Blackpool by period.",
                 finding="Female life expectancy in Blackpool is below England's.", source_line=line,
                 themes=["Children and young people"], indicator_ids=[LIFE_EXPECTANCY]),
        PackItem("chart", "Life expectancy across the region", figure=compare_bar(north_west, presentation=ChartPresentation(highlight=BLACKPOOL)),
                 subtitle=f"North West, females, {trend['time_period'].iloc[-1]}",
                 alt_text="Bar chart of female life expectancy in the region's areas.",
                 finding="Blackpool has the lowest value in the region.", source_line=line,
                 themes=["healthy-places"], indicator_ids=[LIFE_EXPECTANCY]),
        PackItem("table", "Life expectancy: the data", table=north_west[["area_name", "time_period", "value"]],
                 subtitle="North West, females", finding="Blackpool has the lowest value in the region.",
                 source_line=line, themes=["Healthy places"], indicator_ids=[LIFE_EXPECTANCY]),
    ]


def _page(pack: list[PackItem] | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.run()
    if pack is not None:
        at.session_state["board_pack"] = pack
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _titles(at: AppTest) -> list[str]:
    return [i.title for i in at.session_state["board_pack"]]


def test_empty_pack_says_how_to_add_charts(sample_store):
    at = _page(None)
    assert at.title[0].value == "Board pack"
    assert "Add to board pack" in texts(at) and "Area overview" in texts(at)
    assert not [b for b in at.button if b.label.startswith("Generate")]


def test_items_are_listed_and_can_be_reordered_and_removed(sample_store, items):
    at = _page(list(items))
    shown = texts(at)
    for item in items:
        assert item.title in shown.replace("\\", "") and item.finding in shown.replace("\\", "")
    assert at.button(key="up_0").disabled and at.button(key="down_2").disabled
    at.button(key="down_0").click().run()
    assert _titles(at) == [items[1].title, items[0].title, items[2].title]
    at.button(key="up_2").click().run()
    assert _titles(at) == [items[1].title, items[2].title, items[0].title]
    at.button(key="remove_1").click().run()
    assert not at.exception
    assert _titles(at) == [items[1].title, items[0].title]
    assert "2 items" in texts(at)


def test_generates_powerpoint_and_pdf_to_download(sample_store, items):
    _chromium()
    at = _page(list(items))
    at.text_input[0].input("Blackpool: health inequalities")
    at.text_input[1].input("Health and Wellbeing Board")
    at.text_input[2].input("Public Health Intelligence")
    _button(at, "Generate PowerPoint").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.label for s in at.status] == ["The PowerPoint pack is ready"]
    offered = [d.label for d in at.get("download_button") if d.label.startswith("Download")]
    assert len(offered) == 1 and offered[0].startswith("Download PowerPoint")

    pptx = at.session_state["board_pack_files"]["pptx"][1]
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert titles[0] == "Blackpool: health inequalities"
    assert titles[1:4] == [i.title for i in items]
    assert len(slides) >= 1 + len(items) + 2  # cover, items, guidance, definitions
    guidance = " ".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)
    assert "Local action on health inequalities" in guidance  # a Children and young people resource
    assert "Life expectancy at birth" in guidance  # the definitions slide

    _button(at, "Generate PDF").click().run()
    assert not at.exception and not at.error
    labels = [d.label for d in at.get("download_button")]
    assert any("PowerPoint" in label for label in labels) and any("PDF" in label for label in labels)
    reader = PdfReader(io.BytesIO(at.session_state["board_pack_files"]["pdf"][1]))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ["Blackpool: health inequalities", "Summary of findings", items[0].finding,
                     "Guidance and resources", "Healthy places", "Appendix: indicator definitions"]:
        assert expected in " ".join(text.split()), expected

    at.button(key="remove_2").click().run()  # the pack changed: the old files are no longer offered
    assert not [d for d in at.get("download_button") if d.label.startswith("Download")]


def test_a_missing_chromium_is_reported_as_an_error(sample_store, items, monkeypatch):
    monkeypatch.setenv("HEP_CHROMIUM_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(pack_content, "_PNG_CACHE", {})  # pictures drawn by earlier tests would be reused
    at = _page(list(items))
    _button(at, "Generate PDF").click().run()
    assert not at.exception
    assert "Chromium is not installed" in " ".join(e.value for e in at.error)
    assert [s.label for s in at.status] == ["The PDF pack could not be built"]
    assert not [d for d in at.get("download_button") if d.label.startswith("Download")]


# services/board_pack on its own


def test_move_and_remove_ignore_out_of_range():
    pack = ["a", "b", "c"]
    board_pack.move(pack, 0, -1)
    board_pack.move(pack, 2, 1)
    board_pack.remove(pack, 3)
    assert pack == ["a", "b", "c"]
    board_pack.move(pack, 1, 1)
    board_pack.remove(pack, 0)
    assert pack == ["c", "b"]


def test_themes_by_id_or_label_find_the_catalogue_guidance(sample_store, items):
    labelled = board_pack.with_theme_labels(items)
    assert [i.themes for i in labelled] == [["Children and young people"], ["Healthy places"], ["Healthy places"]]
    assert items[1].themes == ["healthy-places"]  # the originals are untouched
    found = board_pack.guidance(items)
    assert {g["theme"] for g in found} == {"Children and young people", "Healthy places"}
    assert all(g["url"].startswith("https://") and g["title"] for g in found)
    unknown = PackItem("table", "T", table=pd.DataFrame({"a": [1]}), themes=["Other indicators"])
    assert board_pack.guidance([unknown]) == []


def test_summary_definitions_and_file_name(sample_store, items):
    assert board_pack.summary_findings(items) == [
        f"{items[0].title}: {items[0].finding}", f"{items[1].title}: {items[1].finding}",
        f"{items[2].title}: {items[2].finding}"]
    definitions = board_pack.definitions(items)
    assert definitions["indicator_id"].tolist() == [LIFE_EXPECTANCY]
    assert board_pack.definitions([PackItem("table", "T", table=pd.DataFrame())]) is None
    meta = PackMeta("Health inequalities: Q1 / 2025", date=date(2025, 3, 5))
    assert board_pack.file_name(meta, "pptx") == "health-inequalities-q1-2025-2025-03-05.pptx"
    with pytest.raises(ValueError, match="Unknown board pack format"):
        board_pack.build("docx", items, meta)

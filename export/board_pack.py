"""Board packs: a list of charts and tables with their words, as PowerPoint (PPTX) or PDF.

    items = [PackItem("chart", "Smoking prevalence", figure=fig, subtitle="Leeds, 2023, vs England",
                      alt_text="Bar chart ...", finding="Leeds is similar to England.",
                      source_line=source_line("2025-03-01"), themes=["Tobacco"], indicator_ids=[92443])]
    pptx_bytes = build_pptx(items, PackMeta("Health inequalities", "Health and Wellbeing Board",
                                            "Public Health team", date.today()))
    pdf_bytes = build_pdf(items, meta, summary_findings=[...], guidance=[...], definitions=frame)

Every chart picture of a pack is drawn by one Chromium (export.images.render_many).
"""
from __future__ import annotations

from export.pack_content import PackItem, PackMeta, Progress
from export.pack_pdf import build_pdf
from export.pack_pptx import build_pptx

__all__ = ["PackItem", "PackMeta", "Progress", "build_pdf", "build_pptx"]

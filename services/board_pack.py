"""What the Board pack page needs: the pack in session state, its words, and the PPTX/PDF files.

The pack is the list of `export.board_pack.PackItem` that "Add to board pack" (components.chart_block)
appends with `add`; this module is the only one that touches ``st.session_state["board_pack"]``. Built files are kept in session state with a signature of
the items and cover they were built from, so a download is only offered while it still matches the pack.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Hashable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from export import images
from export.board_pack import PackItem, PackMeta, Progress, build_pdf, build_pptx

__all__ = ["PackItem", "PackMeta"]
from export.pack_content import covered_themes
from services import overview
from services.guidance import catalogue

PACK_KEY = "board_pack"
FILES_KEY = "board_pack_files"
DEFAULT_TITLE = "Health inequalities update"


@dataclass(frozen=True)
class Format:
    """A file the pack can be built as."""

    label: str
    extension: str
    mime: str


FORMATS = {
    "pptx": Format("PowerPoint", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "pdf": Format("PDF", "pdf", "application/pdf"),
}


def items() -> list[PackItem]:
    """The pack held in this session (the same list object every run, so changes stick)."""
    return st.session_state.setdefault(PACK_KEY, [])


def add(item: PackItem) -> str:
    """Append an item (once: the same title, subtitle and kind is not added twice); returns the outcome."""
    pack = items()
    if any(p.title == item.title and p.subtitle == item.subtitle and p.kind == item.kind for p in pack):
        return "This is already in the board pack."
    pack.append(item)
    return f"Added to the board pack ({len(pack)} item{'s' if len(pack) != 1 else ''})."


def move(pack: list[PackItem], index: int, step: int) -> None:
    """Move the item at `index` by `step` places (-1 earlier, +1 later); out-of-range moves do nothing."""
    target = index + step
    if 0 <= index < len(pack) and 0 <= target < len(pack):
        pack[index], pack[target] = pack[target], pack[index]


def remove(pack: list[PackItem], index: int) -> None:
    """Take the item at `index` out of the pack (nothing happens when there is none)."""
    if 0 <= index < len(pack):
        del pack[index]


def _theme_labels() -> dict[str, str]:
    """Theme id or label (case-folded) -> the theme's label."""
    themes = catalogue().themes
    return {**{t.id.casefold(): t.label for t in themes}, **{t.label.casefold(): t.label for t in themes}}


def with_theme_labels(pack: list[PackItem]) -> list[PackItem]:
    """Copies of the items whose themes are catalogue labels (an item may name a theme by id or label);
    names the catalogue does not know are kept as they are."""
    labels = _theme_labels()
    return [dataclasses.replace(item, themes=list(dict.fromkeys(labels.get(t.casefold(), t) for t in item.themes)))
            for item in pack]


def guidance(pack: list[PackItem]) -> list[dict]:
    """The catalogue's resources for the themes the items cover: dicts of title, url and theme (label)."""
    cat = catalogue()
    by_label = {t.label: t.id for t in cat.themes}
    return [{"title": r.title, "url": r.url, "theme": label}
            for label in covered_themes(with_theme_labels(pack)) if label in by_label
            for r in cat.resources_for_theme(by_label[label])]


def summary_findings(pack: list[PackItem]) -> list[str]:
    """One plain-English line per item that has a finding ("Title: finding"), duplicates dropped."""
    lines = [f"{item.title}: {item.finding.strip()}" for item in pack if item.finding and item.finding.strip()]
    return list(dict.fromkeys(lines))


def definitions(pack: list[PackItem]) -> pd.DataFrame | None:
    """Indicator definitions (from the store's metadata) of the indicators the items show; None if none."""
    ids = {int(i) for item in pack for i in item.indicator_ids}
    if not ids:
        return None
    meta = overview.metadata()
    return meta[pd.to_numeric(meta["indicator_id"], errors="coerce").isin(ids)].reset_index(drop=True)


def prewarm() -> None:
    """Start the chart renderer in the background while people arrange the pack, so building finds it open."""
    images.prewarm()


def build(fmt: str, pack: list[PackItem], meta: PackMeta, progress: Progress | None = None) -> bytes:
    """The pack as PPTX or PDF bytes, with the summary of findings, guidance and definitions.

    Raises errors.ExportError when the charts cannot be drawn (e.g. Chromium is missing).
    """
    labelled = with_theme_labels(pack)
    extras = {"guidance": guidance(pack), "definitions": definitions(pack), "progress": progress}
    if fmt == "pptx":
        return build_pptx(labelled, meta, **extras)
    if fmt == "pdf":
        return build_pdf(labelled, meta, summary_findings=summary_findings(pack), **extras)
    raise ValueError(f"Unknown board pack format {fmt!r}; choose one of {', '.join(FORMATS)}.")


def file_name(meta: PackMeta, fmt: str) -> str:
    """E.g. 'health-inequalities-update-2025-03-05.pptx'."""
    stem = re.sub(r"[^a-z0-9]+", "-", meta.title.lower()).strip("-")[:60] or "board-pack"
    when = meta.date.isoformat()[:10] if hasattr(meta.date, "isoformat") else str(meta.date)
    return f"{stem}-{when}.{FORMATS[fmt].extension}" if when else f"{stem}.{FORMATS[fmt].extension}"


def signature(pack: list[PackItem], meta: PackMeta) -> Hashable:
    """What a built file depends on: the items in order and the cover."""
    return (tuple((item.kind, item.title, item.subtitle) for item in pack),
            (meta.title, meta.meeting, meta.author, str(meta.date)))


def keep_file(fmt: str, data: bytes, sig: Hashable) -> None:
    """Keep a built file for this session, with the signature of what it was built from."""
    st.session_state.setdefault(FILES_KEY, {})[fmt] = (sig, data)


def kept_file(fmt: str, sig: Hashable) -> bytes | None:
    """The file built for exactly this pack and cover, or None (e.g. after an item was moved)."""
    kept = st.session_state.get(FILES_KEY, {}).get(fmt)
    return kept[1] if kept and kept[0] == sig else None

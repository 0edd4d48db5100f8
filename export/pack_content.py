"""What a board pack holds, and the preparation the PPTX and PDF builders share.

`PackItem` and `PackMeta` describe the pack; the helpers below draw the chart images (one browser
for the whole pack), shape tables for display, and pick the guidance and definitions that match the
items. They carry no layout: export.pack_pptx and export.pack_pdf do that.
"""
from __future__ import annotations

import html
import math
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from export.images import date_text

Progress = Callable[[float, str], None]

# Pack pictures: 16:9 at 960x540 CSS pixels (so plotly's 12px text prints at about 6pt across A4 and
# 8pt on a slide), drawn at scale 2 to stay sharp.
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 960, 540, 2
IMAGE_SHARE = 0.7  # of the progress bar spent drawing pictures
_TAG = re.compile(r"<[^>]+>")
DEFINITION_FIELDS = ("definition", "unit", "value_type", "polarity", "data_source", "frequency",
                     "methodology", "benchmark_method")


@dataclass
class PackItem:
    """One chart or table of the pack, with the words that go around it."""

    kind: Literal["chart", "table"]
    title: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    subtitle: str = ""  # area, period, comparator
    alt_text: str = ""  # what the chart shows, for screen readers (also goes in speaker notes)
    finding: str = ""  # one plain-English sentence: what it means
    source_line: str = ""  # export.images.source_line(...)
    themes: list[str] = field(default_factory=list)
    indicator_ids: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind == "chart" and self.figure is None:
            raise ValueError(f"Chart item {self.title!r} has no figure.")
        if self.kind == "table" and self.table is None:
            raise ValueError(f"Table item {self.title!r} has no table.")
        if self.kind not in ("chart", "table"):
            raise ValueError(f"kind must be 'chart' or 'table', not {self.kind!r}")


@dataclass
class PackMeta:
    """The pack's cover: title, meeting, author and date."""

    title: str
    meeting: str = ""
    author: str = ""
    date: date | datetime | str = ""

    @property
    def date_text(self) -> str:
        """'5 March 2025' (ISO strings are read; other text is kept as given)."""
        return date_text(self.date) if self.date else ""


def report(progress: Progress | None, fraction: float, message: str) -> None:
    """Call `progress` if given, with the fraction kept within 0..1."""
    if progress:
        progress(min(1.0, max(0.0, fraction)), message)


def _for_pack(fig: go.Figure) -> dict:
    """The page's figure as a plotly dict for a slide or page, leaving the page's figure untouched.

    The words sit around the picture as real text, so an untitled figure loses plotly's empty 100px
    title band. Only the layout is copied: the traces (maps carry megabytes of GeoJSON) are shared
    read-only with the page's figure, as kaleido only reads them.
    """
    plotly_json = fig.to_plotly_json()
    layout = dict(plotly_json.get("layout") or {})
    if not (layout.get("title") or {}).get("text") and "t" not in (layout.get("margin") or {}):
        layout["margin"] = {**(layout.get("margin") or {}), "t": 40}
    return {"data": plotly_json["data"], "layout": layout}


# Pictures already drawn, by figure object: a PDF built after a PPTX of the same pack redraws nothing.
# Each entry keeps a weak reference to its figure, so a figure that has gone cannot lend its id to another.
_PNG_CACHE: dict[int, tuple[weakref.ref, bytes]] = {}


def _cached(fig: go.Figure) -> bytes | None:
    hit = _PNG_CACHE.get(id(fig))
    return hit[1] if hit and hit[0]() is fig else None


def _remember(fig: go.Figure, png: bytes) -> None:
    for key in [k for k, (ref, _) in _PNG_CACHE.items() if ref() is None]:
        del _PNG_CACHE[key]
    _PNG_CACHE[id(fig)] = (weakref.ref(fig), png)


def chart_images(items: list[PackItem], progress: Progress | None = None) -> list[bytes | None]:
    """PNG bytes for each chart item (None for tables), all drawn by one browser (pictures drawn for an
    earlier build of the same items are reused)."""
    from export.images import render_many

    out: list[bytes | None] = [None] * len(items)
    for i, item in enumerate(items):
        if item.kind == "chart" and item.figure is not None:
            out[i] = _cached(item.figure)
    charts = [i for i, item in enumerate(items) if item.kind == "chart" and out[i] is None]
    if not charts:
        return out
    report(progress, 0.02, f"Starting the chart renderer for {len(charts)} charts")
    images = render_many(
        [_for_pack(items[i].figure) for i in charts], "png", IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE,
        progress=lambda done, total: report(progress, IMAGE_SHARE * done / total,
                                            f"Drew chart {done} of {total}"),
    )
    for i, image in zip(charts, images, strict=True):
        out[i] = image
        _remember(items[i].figure, image)
    return out


def _format(value, fmt: str | None) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if fmt == "#,##0.0":
        return f"{value:,.1f}"
    if fmt == "#,##0":
        return f"{value:,.0f}"
    if fmt == "0":
        return f"{value:.0f}"
    return str(value)


def display_table(frame: pd.DataFrame, max_rows: int,
                  max_cols: int) -> tuple[list[str], list[list[str]], str]:
    """Headers, text rows (numbers to 1 dp / thousands separators) and a note when cut short."""
    shown = frame.iloc[:max_rows, :max_cols]
    from export.tables import number_format  # openpyxl loads only when a pack is built

    formats = [number_format(c, frame[c]) for c in shown.columns]
    rows = [[_format(v, f) for v, f in zip(row, formats, strict=True)]
            for row in shown.itertuples(index=False, name=None)]
    cut = []
    if len(frame) > max_rows:
        cut.append(f"the first {max_rows} of {len(frame):,} rows")
    if frame.shape[1] > max_cols:
        cut.append(f"{max_cols} of {frame.shape[1]} columns")
    note = f"Showing {' and '.join(cut)}; the full table is in the Excel download." if cut else ""
    return [str(c) for c in shown.columns], rows, note


def column_weights(headers: list[str], rows: list[list[str]]) -> list[float]:
    """Relative column widths from the longest text in each column (kept between 4 and 40 characters)."""
    return [float(min(40, max(4, len(h), *(len(r[i]) for r in rows)))) for i, h in enumerate(headers)]


def covered_themes(items: list[PackItem]) -> list[str]:
    """Themes of the items, in first-seen order."""
    return list(dict.fromkeys(t for item in items for t in item.themes))


def guidance_by_theme(items: list[PackItem], guidance: list[dict] | None) -> dict[str, list[dict]]:
    """Guidance resources (dicts with title, url, theme) for the themes the items cover, by theme."""
    themes = {t.casefold(): t for t in covered_themes(items)}
    out: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    for resource in guidance or []:
        theme = themes.get(str(resource.get("theme", "")).casefold())
        key = (str(theme), resource.get("url", ""))
        if theme and resource.get("url") and key not in seen:
            seen.add(key)
            out.setdefault(theme, []).append(resource)
    return out


def _plain(text) -> str:
    """Metadata text without HTML tags or entities (Fingertips writes '40 &ndash; 74', '<br>')."""
    return " ".join(html.unescape(_TAG.sub(" ", str(text))).split())


def _label(column: str) -> str:
    return str(column).replace("_", " ").strip().capitalize()


Entry = tuple[str, list[tuple[str, str]]]  # heading, [(label, text), ...]


def definition_entries(items: list[PackItem], definitions: pd.DataFrame | None) -> list[Entry]:
    """(heading, [(label, text), ...]) for each indicator the items use (all rows when no item names one)."""
    if definitions is None or definitions.empty:
        return []
    frame = definitions
    wanted = {int(i) for item in items for i in item.indicator_ids}
    if wanted and "indicator_id" in frame.columns:
        ids = pd.to_numeric(frame["indicator_id"], errors="coerce")
        frame = frame[ids.isin(wanted)]
    name_col = next((c for c in ("indicator_name", "name") if c in frame.columns), None)
    fields = [c for c in DEFINITION_FIELDS if c in frame.columns] or [
        c for c in frame.columns if c not in ("indicator_id", name_col, "load_id")]
    entries = []
    for _, row in frame.iterrows():
        name = str(row[name_col]) if name_col else "Indicator"
        heading = f"{name} (ID {row['indicator_id']})" if "indicator_id" in frame.columns else name
        parts = [(_label(c), _plain(row[c])) for c in fields if not pd.isna(row[c]) and _plain(row[c])]
        entries.append((heading, parts))
    return entries


def summary_lines(items: list[PackItem], summary_findings: list[str] | None) -> list[str]:
    """The findings for the summary: those given, else each item's own finding."""
    lines = [s.strip() for s in summary_findings or [] if s and s.strip()]
    return lines or [f"{item.title}: {item.finding.strip()}" for item in items if item.finding.strip()]


def pages_needed(lines: int, first_page_capacity: int, page_capacity: int) -> int:
    """How many pages `lines` one-line entries take, given the capacity of the first and later pages."""
    if lines <= first_page_capacity:
        return 1
    return 1 + math.ceil((lines - first_page_capacity) / page_capacity)

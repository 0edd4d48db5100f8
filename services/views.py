"""The frozen view objects services build and components draw: a chart with what goes around it, and the
ordered blocks (sentences and charts) of one view."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

import attribution


@dataclass(frozen=True)
class ChartInfo:
    """What goes around a chart: titles, the words for screen readers and board papers, its data."""

    title: str
    subtitle: str
    alt_text: str
    table: pd.DataFrame
    finding: str = ""
    data_as_of: str = ""
    with_boundaries: bool = False
    themes: list[str] = field(default_factory=list)
    indicator_ids: list[int] = field(default_factory=list)
    definitions: pd.DataFrame | None = None
    source: str = ""  # a whole source line for data that are not from Fingertips (e.g. ONS deaths via Nomis)

    @property
    def source_line(self) -> str:
        if self.source:
            return self.source
        return attribution.source_line(self.data_as_of or "unknown date", with_boundaries=self.with_boundaries)

    @property
    def file_stem(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", f"{self.title} {self.subtitle}".lower()).strip("-")[:80] or "chart"


@dataclass(frozen=True)
class ChartView:
    """A figure ready to draw, its surroundings and a widget key unique on the page."""

    figure: go.Figure
    info: ChartInfo
    key: str


BlockKind = Literal["header", "markdown", "caption", "info", "warning", "empty"]


@dataclass(frozen=True)
class Note:
    """A sentence on the page. `text` is already safe Markdown (data text escaped by services.text.md)."""

    kind: BlockKind
    text: str


Block = Note | ChartView


@dataclass(frozen=True)
class Panel:
    """One view of a page: notes and charts in the order they are drawn."""

    blocks: tuple[Block, ...] = ()

    @classmethod
    def empty(cls, text: str) -> Panel:
        return cls((Note("empty", text),))

    @property
    def charts(self) -> list[ChartView]:
        return [b for b in self.blocks if isinstance(b, ChartView)]

    def texts(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Note)]

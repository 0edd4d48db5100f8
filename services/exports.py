"""Downloads of one chart or table, as pages offer them: PNG/SVG (the same figure the page shows, with title,
subtitle and the attribution line), CSV/XLSX, and the item 'Add to board pack' puts in the pack."""
from __future__ import annotations

import time

import pandas as pd
import plotly.graph_objects as go

import attribution
from errors import ExportError
from export import images
from export.pack_content import PackItem
from services.views import ChartInfo


def _decorated(fig: go.Figure, info: ChartInfo) -> go.Figure:
    return images.decorate_for_export(fig, info.title, info.subtitle, info.source_line)


PICTURE_WIDTH = 800  # pixels: about a page's main column on a laptop, so the text is shown at its own size
DEFAULT_HEIGHT = 450  # plotly's own default, which the charts without a height of their own take
PICTURES_RETRY_SECONDS = 300  # after the picture browser failed, charts are interactive this long
_pictures_failed_at: list[float] = []  # when it last failed (empty: never)


def _pictures_failed_lately() -> bool:
    return bool(_pictures_failed_at) and time.monotonic() - _pictures_failed_at[-1] < PICTURES_RETRY_SECONDS


def picture(fig: go.Figure) -> str:
    """The chart as a page shows it, as SVG text: the browser draws a picture at once, where an interactive
    chart first loads plotly.js (about 0.7 s for each new tab here). ExportError if it cannot be drawn, and
    at once for a while after a failure, so a server whose Chromium is broken does not retry on every chart."""
    if _pictures_failed_lately():
        raise ExportError("Pictures of charts cannot be drawn on this server at the moment.")
    try:
        return images.picture(fig, PICTURE_WIDTH, int(fig.layout.height or DEFAULT_HEIGHT)).decode("utf-8")
    except ExportError:
        _pictures_failed_at[:] = [time.monotonic()]
        raise


def prewarm() -> None:
    """Open the browser that draws pictures in the background, unless it failed a moment ago."""
    if not _pictures_failed_lately():
        images.prewarm()


def png(fig: go.Figure, info: ChartInfo, width: int, height: int) -> bytes:
    return images.to_png(_decorated(fig, info), width, height, 2)


def svg(fig: go.Figure, info: ChartInfo, width: int, height: int) -> bytes:
    return images.to_svg(_decorated(fig, info), width, height)


def _tables():
    """export.tables, imported when a table is first downloaded (it brings openpyxl)."""
    from export import tables

    return tables


def csv(frame: pd.DataFrame) -> bytes:
    return _tables().to_csv(frame)


def xlsx(frame: pd.DataFrame, info: ChartInfo) -> bytes:
    return _tables().to_xlsx(frame, title=info.title, area=info.subtitle, source=info.source_line,
                             licence=attribution.OGL, data_as_of=info.data_as_of, definitions=info.definitions)


def pack_item(info: ChartInfo, *, figure: go.Figure | None = None, table: pd.DataFrame | None = None) -> PackItem:
    """A chart (when `figure` is given) or a table for the board pack, with its words and source line."""
    return PackItem("chart" if figure is not None else "table", info.title, figure=figure,
                    table=info.table if table is None else table, subtitle=info.subtitle, alt_text=info.alt_text,
                    finding=info.finding, source_line=info.source_line, themes=info.themes,
                    indicator_ids=info.indicator_ids)

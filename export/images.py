"""Static images (PNG, SVG, ...) of plotly figures: the only module that calls kaleido.

kaleido 1.x drives a Chrome/Chromium through choreographer. Browsers cannot be downloaded here, so
the browser is always the one named by the HEP_CHROMIUM_PATH setting (Debian's /usr/bin/chromium by
default), passed to ``kaleido.Kaleido(path=...)``. choreographer starts it headless with
``--no-sandbox`` unless ``enable_sandbox=True`` is given, which is what running as root in a container
needs. MathJax is switched off (it would be fetched from a CDN) and plotly.js comes from the installed
plotly package, so drawing never touches the network.

Opening Chromium costs a few seconds, so `ImageSession` keeps one browser (with a couple of tabs
drawing in parallel) for a whole batch, and `render_many`, `to_png` and `to_svg` share one kept-warm
session per process (`warm_session`): opened on first use (or ahead of it by `prewarm`), closed
WARM_SECONDS after its last use, so a board pack, its PDF after it and the next chart download all find
the browser open. A map's GeoJSON (megabytes) goes to the browser as a file it reads itself, written
once per boundary set, rather than being encoded into every figure's message.
The browser runs on its own thread with its own event loop, so these functions are safe to call from
Streamlit, Jupyter or any code that already runs an asyncio loop.
"""
from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import html
import json
import os
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Self

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

import attribution
import settings
from errors import ExportError

__all__ = [
    "BOUNDARY_ATTRIBUTION", "DATA_ATTRIBUTION", "ExportError", "ImageSession",
    "date_text", "decorate_for_export", "picture", "prewarm", "render_many", "source_line", "to_png", "to_svg",
    "warm_session",
]

DATA_ATTRIBUTION = attribution.OGL
BOUNDARY_ATTRIBUTION = attribution.BOUNDARIES
FORMATS = ("png", "svg", "jpeg", "webp", "pdf")
RENDER_TIMEOUT_SECONDS = 120
WARM_SECONDS = 180  # a kept-warm browser closes this long after its last use
START_TIMEOUT_SECONDS = 60
SOURCE_LINE_CHARS = 115  # longest line of the wrapped source note
_DEFAULT_MARGIN = {"t": 100, "b": 80}  # plotly.js defaults

Progress = Callable[[int, int], None]


# --- attribution and decoration --------------------------------------------------------------

date_text = attribution.date_text
source_line = attribution.source_line


def _wrap_sentences(text: str, limit: int = SOURCE_LINE_CHARS) -> list[str]:
    """Pack whole sentences into lines of at most `limit` characters (a longer sentence stays whole)."""
    lines: list[str] = []
    for sentence in re.split(r"(?<=\.)\s+", text.strip()):
        if lines and len(lines[-1]) + 1 + len(sentence) <= limit:
            lines[-1] = f"{lines[-1]} {sentence}"
        elif sentence:
            lines.append(sentence)
    return lines


def decorate_for_export(fig: go.Figure, title: str, subtitle: str = "", source_line: str = "") -> go.Figure:
    """A copy of `fig` with the export title, subtitle (area, period, comparator) and source note.

    The page's figure is never changed; an empty title and subtitle leave the figure's own title alone.
    The source note sits under the plot in extra bottom margin, wrapped at sentence ends so each
    sentence stays searchable in SVG/PDF output.
    """
    out = go.Figure(fig)  # a deep copy
    if source_line:  # the export's own line replaces the chart's short one, so the licence is said once
        out.layout.annotations = [a for a in out.layout.annotations if a.name != "source"]
    margin = out.layout.margin
    bottom = margin.b if margin.b is not None else _DEFAULT_MARGIN["b"]
    lines = [html.escape(line, quote=False) for line in _wrap_sentences(source_line)] if source_line else []
    if title or subtitle:
        out.update_layout(
            title={"text": html.escape(title, quote=False), "x": 0, "xref": "paper", "xanchor": "left",
                   "font": {"size": 20}, "subtitle": {"text": html.escape(subtitle, quote=False)}},
            margin={"t": max(margin.t or _DEFAULT_MARGIN["t"], 110 if subtitle else 80)},
        )
    if lines:
        out.update_layout(margin={"b": bottom + 16 * len(lines) + 16})
        out.add_annotation(
            text="<br>".join(lines), showarrow=False, align="left", font={"size": 11, "color": "#505a5f"},
            xref="paper", x=0, xanchor="left", yref="paper", y=0, yanchor="top", yshift=-bottom,
        )
    return out


# --- drawing -----------------------------------------------------------------------------------

# plotly.js fetches a base-map TopoJSON (e.g. cdn.plot.ly/un/world_110m.json) for every geo subplot,
# even a choropleth of our own GeoJSON with the base layers hidden (plotly.js issue #6767). With no
# internet that fetch fails, so the browser is pointed (config.topojsonURL) at local files holding
# empty layers: maps draw only their own boundaries, which is how this project draws them.
_GEO_SCOPES = ("world", "usa", "europe", "asia", "africa", "north-america", "south-america")
_GEO_LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")


def _empty_topojson_url() -> str:
    """file:// URL of a folder of empty base-map TopoJSON files (one fixed folder per user in the
    temp directory; each file is written atomically, so concurrent processes agree)."""
    user = os.getuid() if hasattr(os, "getuid") else "user"
    folder = Path(tempfile.gettempdir()) / f"hep-topojson-{user}"
    folder.mkdir(exist_ok=True)
    empty = json.dumps({"type": "Topology", "arcs": [], "objects": {
        layer: {"type": "GeometryCollection", "geometries": []} for layer in _GEO_LAYERS}})
    for scope in _GEO_SCOPES:
        for resolution in (50, 110):
            target = folder / f"{scope}_{resolution}m.json"
            if not target.is_file() or target.read_text(encoding="utf-8") != empty:
                partial = target.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(empty, encoding="utf-8")
                os.replace(partial, target)
    return folder.as_uri() + "/"


def browser_path() -> str:
    """The Chromium kaleido will use (HEP_CHROMIUM_PATH), or ExportError when it is not there."""
    path = settings.get("HEP_CHROMIUM_PATH")
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        raise ExportError(
            f"Chromium is not installed (looked for {path}); install the 'chromium' package, "
            "or set HEP_CHROMIUM_PATH to a Chrome or Chromium browser."
        )
    return path


def _translate(error: BaseException) -> ExportError:
    """Any kaleido/choreographer failure as one plain-English ExportError."""
    from choreographer.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

    if isinstance(error, ExportError):
        return error
    if isinstance(error, ChromeNotFoundError):
        return ExportError("Chromium is not installed; install the 'chromium' package.")
    if isinstance(error, (BrowserFailedError, BrowserClosedError)):
        return ExportError(f"Chromium ({settings.get('HEP_CHROMIUM_PATH')}) could not start or stopped "
                           "while drawing charts. Try again; if it keeps failing, check that "
                           "HEP_CHROMIUM_PATH names a working Chrome or Chromium, or reinstall the "
                           "'chromium' package.")
    if isinstance(error, (TimeoutError, asyncio.TimeoutError)):
        return ExportError(f"Drawing a chart took longer than {RENDER_TIMEOUT_SECONDS} seconds; "
                           "try a smaller chart or fewer areas.")
    return ExportError(f"A chart could not be drawn as an image: {error}")


async def _open_kaleido(path: str, tabs: int):
    import kaleido

    k = kaleido.Kaleido(path=path, n=tabs, mathjax=False, timeout=RENDER_TIMEOUT_SECONDS)
    await k.open()
    return k


def _default_tabs() -> int:
    """Browser tabs drawing at once: two at least (Python encodes one figure's JSON while Chromium draws
    another: on 2 CPUs a batch took 0.44 s a chart with two tabs against 0.74 s with one), at most four."""
    return max(2, min(4, (os.cpu_count() or 1) // 2))


async def _cancel_pending() -> None:
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


class ImageSession:
    """One Chromium kept open to draw many figures; use as ``with ImageSession() as s: s.render(...)``."""

    def __init__(self, tabs: int | None = None) -> None:
        self._tabs = tabs or _default_tabs()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None

    def _submit(self, coro) -> Future:
        assert self._loop is not None, "ImageSession is not open"
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def __enter__(self) -> Self:
        path = browser_path()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="hep-kaleido", daemon=True)
        self._thread.start()
        try:
            opening = self._submit(_open_kaleido(path, self._tabs))
            self._kaleido = opening.result(timeout=START_TIMEOUT_SECONDS)
        except BaseException as error:
            self._stop_loop()
            if isinstance(error, TimeoutError):
                raise ExportError(f"Chromium ({path}) did not start within {START_TIMEOUT_SECONDS} seconds; "
                                  "try again, or check the machine is not short of memory.") from error
            raise _translate(error) from error
        return self

    def render(self, figs: Sequence[go.Figure | dict], fmt: str = "png", width: int = 1600,
               height: int = 900, scale: float = 2, progress: Progress | None = None) -> list[bytes]:
        """Draw `figs` (figures or their dicts) in order, in parallel tabs; `progress(done, total)`
        is called on the caller's thread, so it may update a Streamlit widget."""
        if fmt not in FORMATS:
            raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        topojson = _empty_topojson_url()
        futures = [self._submit(self._kaleido.calc_fig(fig, opts=opts, topojson=topojson)) for fig in figs]
        images: list[bytes] = []
        try:
            for future in futures:
                images.append(future.result())
                if progress:
                    progress(len(images), len(futures))
        except BaseException as error:
            for future in futures:
                future.cancel()
            raise _translate(error) from error
        return images

    def _stop_loop(self) -> None:
        """Cancel what is left on the browser's loop (e.g. choreographer's watchdog), then stop it."""
        if self._loop is not None:
            with contextlib.suppress(Exception):  # best effort: the loop is being thrown away
                self._submit(_cancel_pending()).result(timeout=10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=30)
            if not self._loop.is_running():
                self._loop.close()
        self._loop = self._thread = self._kaleido = None

    def __exit__(self, *exc_info) -> None:
        """Close the browser (best effort: a failure here must not hide the caller's own error)."""
        try:
            if self._kaleido is not None:
                with contextlib.suppress(Exception):
                    self._submit(self._kaleido.close()).result(timeout=30)
        finally:
            self._stop_loop()


# --- one kept-warm browser per process ------------------------------------------------------------

_warm_lock = threading.Lock()
_warm: dict = {"session": None, "path": None, "users": 0, "timer": None}


def _close_warm(only_if_idle: bool = True) -> None:
    with _warm_lock:
        session = _warm["session"]
        if session is None or (only_if_idle and _warm["users"]):
            return
        _warm.update(session=None, path=None, timer=None)
    session.__exit__(None, None, None)


@contextlib.contextmanager
def warm_session():
    """The process's kept-warm ImageSession: opened on first use, closed WARM_SECONDS after its last use
    (and at exit). A session whose browser failed is dropped, so the next use opens a new one."""
    path = browser_path()
    with _warm_lock:
        session = _warm["session"]
        if session is not None and _warm["path"] != path:
            _warm.update(session=None, path=None)
            session.__exit__(None, None, None)
            session = None
        if session is None:
            session = ImageSession().__enter__()
            _warm.update(session=session, path=path)
        if _warm["timer"] is not None:
            _warm["timer"].cancel()
        _warm["users"] += 1
    try:
        yield session
    except ExportError:
        with _warm_lock:
            if _warm["session"] is session:
                _warm.update(session=None, path=None)
        session.__exit__(None, None, None)
        raise
    finally:
        with _warm_lock:
            _warm["users"] -= 1
            if _warm["users"] == 0 and _warm["session"] is session:
                timer = threading.Timer(WARM_SECONDS, _close_warm)
                timer.daemon = True
                _warm["timer"] = timer
                timer.start()


def prewarm() -> None:
    """Open the kept-warm browser in the background (e.g. when the board pack page opens), unless it is open
    already (pages call this on every run); errors are left for the export itself to report."""
    if _warm["session"] is not None:
        return

    def start() -> None:
        with contextlib.suppress(Exception), warm_session():
            pass
    threading.Thread(target=start, name="hep-kaleido-prewarm", daemon=True).start()


atexit.register(lambda: _close_warm(only_if_idle=False))


# --- maps' GeoJSON as files the browser reads ------------------------------------------------------

_GEOJSON_FILES: dict[int, tuple[object, str]] = {}  # id(geojson dict) -> (the dict, kept alive; its file URL)
_GEOJSON_KEEP = 16


def _geojson_url(geojson: dict) -> str:
    hit = _GEOJSON_FILES.get(id(geojson))
    if hit and hit[0] is geojson:
        return hit[1]
    text = json.dumps(geojson, separators=(",", ":"))
    user = os.getuid() if hasattr(os, "getuid") else "user"
    folder = Path(tempfile.gettempdir()) / f"hep-geojson-{user}"
    folder.mkdir(exist_ok=True)
    target = folder / f"{hashlib.sha256(text.encode()).hexdigest()[:32]}.json"
    if not target.is_file():
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    while len(_GEOJSON_FILES) >= _GEOJSON_KEEP:
        _GEOJSON_FILES.pop(next(iter(_GEOJSON_FILES)))
    _GEOJSON_FILES[id(geojson)] = (geojson, target.as_uri())
    return target.as_uri()


def _lighter(fig: go.Figure | dict) -> dict:
    """The figure as a dict whose traces name their GeoJSON by file URL (plotly.js reads a GeoJSON URL, and
    the browser may read files: the base-map TopoJSON comes the same way); other figures are unchanged."""
    data = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    traces = list(data.get("data") or [])
    if not any(isinstance(t.get("geojson"), dict) for t in traces):
        return data
    traces = [{**t, "geojson": _geojson_url(t["geojson"])} if isinstance(t.get("geojson"), dict) else t
              for t in traces]
    return {**data, "data": traces}


def render_many(figs: Sequence[go.Figure | dict], fmt: str = "png", width: int = 1600, height: int = 900,
                scale: float = 2, progress: Progress | None = None) -> list[bytes]:
    """Images of many figures, in order, drawn by the kept-warm browser; ExportError if it cannot be done."""
    if not figs:
        return []
    with warm_session() as session:
        return session.render([_lighter(f) for f in figs], fmt, width, height, scale, progress)


_PICTURES: OrderedDict[str, bytes] = OrderedDict()  # figure's hash -> its SVG, most recently used last
_PICTURES_KEEP = 256
_pictures_lock = threading.Lock()


def picture(fig: go.Figure, width: int, height: int) -> bytes:
    """SVG of a figure as a page shows it, drawn once per distinct figure and size in this process (the
    same chart for the next visitor costs nothing); ExportError if it cannot be drawn."""
    data = _lighter(fig)
    key = hashlib.sha256(f"{width}x{height}:{json.dumps(data, cls=PlotlyJSONEncoder, sort_keys=True)}"
                         .encode()).hexdigest()
    with _pictures_lock:
        if key in _PICTURES:
            _PICTURES.move_to_end(key)
            return _PICTURES[key]
    svg = render_many([data], "svg", width, height, 1)[0]
    with _pictures_lock:
        _PICTURES[key] = svg
        while len(_PICTURES) > _PICTURES_KEEP:
            _PICTURES.popitem(last=False)
    return svg


def to_png(fig: go.Figure, width: int = 1600, height: int = 900, scale: float = 2) -> bytes:
    """PNG bytes of one figure, width*scale by height*scale pixels."""
    return render_many([fig], "png", width, height, scale)[0]


def to_svg(fig: go.Figure, width: int = 1600, height: int = 900) -> bytes:
    """SVG bytes of one figure."""
    return render_many([fig], "svg", width, height, 1)[0]

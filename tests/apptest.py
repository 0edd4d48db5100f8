"""Helpers to run the dashboard with Streamlit's AppTest (in-process, no browser)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def run_app(page: str | None = None, timeout: float = 60, interactive_charts: bool = True, **params: str) -> AppTest:
    """Run app.py (optionally switching to a page file) with the given URL query parameters.

    Charts are interactive (the sidebar's "Interactive charts" on), so a test reads the figure a page draws;
    the default, charts as pictures, is tested on its own (tests/components/test_chart_pictures.py) and in
    the browser journeys."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["interactive_charts"] = interactive_charts
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def open_page(page: str, interactive_charts: bool = True, **params: str) -> AppTest:
    """Run app.py, switch to `page` (e.g. "pages/explorer.py") and run it with the URL query parameters."""
    at = run_app(interactive_charts=interactive_charts, **params)
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def tables(at: AppTest) -> list[pd.DataFrame]:
    """The HTML tables a run drew (components/html_table), read back as pandas (an empty cell is "")."""
    return [pd.read_html(io.StringIO(el.proto.body), keep_default_na=False)[0]
            for el in at.get("html") if "hep-table" in el.proto.body]


def texts(at: AppTest) -> str:
    """All the text an AppTest run put on the page (markdown, captions, alerts, titles), as people read it."""
    return re.sub(r"\\(.)", r"\1", raw_texts(at))  # undo Markdown escaping


def raw_texts(at: AppTest) -> str:
    """The same text as sent to the browser, Markdown escapes included."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def no_exceptions(at: AppTest) -> bool:
    return not at.exception

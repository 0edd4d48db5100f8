"""Charts appear as pictures by default (SVG drawn on the server by Chromium, so the browser loads no
plotly.js), interactive when the sidebar's "Interactive charts" is on, and interactive when no picture can
be drawn. Real script runs (AppTest) and a real Chromium (HEP_CHROMIUM_PATH)."""
from __future__ import annotations

import base64

import pytest
from streamlit.testing.v1 import AppTest

from export import images
from services import exports
from tests.apptest import run_app


def _script(values=(20.1, 14.2)):
    import pandas as pd
    import plotly.graph_objects as go

    from components import chart_block
    from services.views import ChartInfo

    info = ChartInfo(title="Smoking", subtitle="Blackpool", alt_text="Bar chart of smoking in Blackpool.",
                     table=pd.DataFrame({"area": ["Blackpool"], "value": [20.1]}))
    chart_block.show(go.Figure(go.Bar(x=["Blackpool", "Lancashire"], y=list(values))), info, key="smoke")


def _svg(at: AppTest) -> str:
    url = at.get("image")[0].proto.imgs[0].url
    head, data = url.split(",", 1)
    assert head == "data:image/svg+xml;base64", head
    return base64.b64decode(data).decode("utf-8")


@pytest.fixture()
def chromium():
    try:
        images.browser_path()
    except images.ExportError as error:
        pytest.skip(f"no Chromium to draw pictures with: {error}")


def test_a_chart_is_a_picture_of_the_same_figure_with_its_description(chromium):
    at = AppTest.from_function(_script, default_timeout=90).run()
    assert not at.exception
    assert not at.get("plotly_chart"), "no interactive chart unless asked for"
    svg = _svg(at)
    assert svg.startswith("<svg") and "Lancashire" in svg and "Blackpool" in svg
    assert at.get("image")[0].proto.imgs[0].alt == "Bar chart of smoking in Blackpool."
    assert "Chart description: Bar chart of smoking in Blackpool." in [c.value for c in at.caption]


def test_the_same_figure_is_drawn_once(chromium, monkeypatch):
    AppTest.from_function(_script, default_timeout=90).run()
    drawn = []
    monkeypatch.setattr(images, "render_many", lambda *a, **k: drawn.append(a) or [b"<svg/>"])
    at = AppTest.from_function(_script, default_timeout=90).run()
    assert not at.exception and not drawn and "Lancashire" in _svg(at)


def test_interactive_charts_when_chosen(chromium):
    at = AppTest.from_function(_script, default_timeout=90)
    at.session_state["interactive_charts"] = True
    at.run()
    assert len(at.get("plotly_chart")) == 1 and not at.get("image")


def test_without_chromium_the_chart_is_interactive_and_nothing_fails(monkeypatch):
    monkeypatch.setattr(exports, "_pictures_failed_at", [])
    monkeypatch.setenv("HEP_CHROMIUM_PATH", "/nonexistent/chromium")
    at = AppTest.from_function(_script, args=((1.0, 2.0),), default_timeout=90).run()  # a figure not drawn before
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) == 1 and not at.get("image")
    # the failure is remembered: the next chart does not try the browser again
    monkeypatch.delenv("HEP_CHROMIUM_PATH")
    tried = []
    monkeypatch.setattr(images, "render_many", lambda *a, **k: tried.append(a) or [b"<svg/>"])
    at = AppTest.from_function(_script, args=((3.0, 4.0),), default_timeout=90).run()
    assert len(at.get("plotly_chart")) == 1 and not tried


def test_the_sidebar_offers_interactive_charts_and_pages_draw_pictures(sample_store, chromium):
    at = run_app(area="E06000009", theme="children-young-people", interactive_charts=False)
    assert not at.exception
    toggle = next(t for t in at.sidebar.toggle if t.label == "Interactive charts")
    assert toggle.value is False
    assert not at.get("plotly_chart") and "Blackpool" in _svg(at)  # the spine chart
    toggle.set_value(True).run()
    assert [c.proto.spec for c in at.get("plotly_chart")] and not at.get("image")

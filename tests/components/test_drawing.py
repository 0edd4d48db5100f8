"""Components draw the view objects services build: Panels, chart blocks and the board-pack button.

Each case runs a small script with Streamlit's AppTest (the components' own code, a real script run)."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _panel_script():
    import pandas as pd
    import plotly.graph_objects as go

    from components.explorer_views import draw
    from services.views import ChartInfo, ChartView, Note, Panel

    info = ChartInfo(title="Smoking", subtitle="Blackpool, 2022", alt_text="Bar chart of smoking.",
                     table=pd.DataFrame({"area": ["Blackpool"], "value": [20.1]}), data_as_of="2025-03-05")
    draw(Panel((Note("header", "By sex"), Note("info", "England's are shown."), Note("caption", "A caption"),
                Note("empty", "Nothing here."), Note("markdown", "**Bold** text"),
                ChartView(go.Figure(go.Bar(x=[1], y=[2])), info, "smoke"))))


def test_a_panel_is_drawn_in_order():
    at = AppTest.from_function(_panel_script, default_timeout=30).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["By sex"]
    assert [i.value for i in at.info] == ["England's are shown.", "Nothing here."]
    assert "A caption" in [c.value for c in at.caption]
    assert "Chart description: Bar chart of smoking." in [c.value for c in at.caption]
    assert any(b.label == "Add to board pack" for b in at.button)


def test_add_to_board_pack_puts_the_chart_in_the_pack_once():
    at = AppTest.from_function(_panel_script, default_timeout=30).run()
    add = next(b for b in at.button if b.label == "Add to board pack")
    add.click().run()
    assert [s.value for s in at.success] == ["Added to the board pack (1 item)."]
    assert [item.title for item in at.session_state["board_pack"]] == ["Smoking"]
    next(b for b in at.button if b.label == "Add to board pack").click().run()
    assert [s.value for s in at.success] == ["This is already in the board pack."]
    assert len(at.session_state["board_pack"]) == 1


def _group_script():
    import pandas as pd

    from components import overview_group
    from services.overview_views import GroupView
    from services.views import ChartInfo

    table = pd.DataFrame({"Indicator": ["Smoking"], "Compared with England": ["Worse"], "Explore": ["/explorer"],
                          "Definition": ["/explorer?view=definitions"], "Value": [20.1]})
    info = ChartInfo(title="Healthy places: indicators for Blackpool", subtitle="s", alt_text="a", table=table)
    overview_group.show(GroupView("hp", "Healthy places", "Where people live.", 1, table, "Compared with England",
                                  info, None, ()))


def test_a_theme_group_without_spine_or_guidance_says_so():
    at = AppTest.from_function(_group_script, default_timeout=30).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Healthy places (1)"]
    captions = [c.value for c in at.caption]
    assert "No spine chart: the other areas' values for these indicators are not held." in captions
    assert "The Health equity collection has no resource filed under this theme." in captions
    assert any(b.label == "Add table to board pack" for b in at.button)


def _error_script():
    from components.feedback import guarded
    from errors import FingertipsAPIError

    with guarded(data_as_of="5 March 2025"):
        raise FingertipsAPIError("The Fingertips API did not answer.", url="http://x", status=503)


def test_guarded_turns_an_error_into_sentences():
    at = AppTest.from_function(_error_script, default_timeout=30).run()
    assert not at.exception
    assert at.error[0].value.startswith("The Fingertips API did not answer.")
    assert "What you can do" in at.error[0].value
    assert at.info[0].value == "The data already in the store is still shown (data as of 5 March 2025)."

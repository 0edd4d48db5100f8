"""Choices that live in the URL (?area=…&theme=…) so a link reopens the same view.

Before a widget is drawn, `sync_from_url` copies a new URL value into the widget's session state (or
warns and falls back to the default when the value is not valid); after it, `write` puts the choice
back into the URL, since switching pages clears query parameters.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

MAX_PARAM_LENGTH = 200
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~$:&])")  # a link's text is shown literally ('-' and '.' are safe)


def sync_from_url(name: str, widget_key: str, valid: Callable[[str], bool], default: str, *,
                  what: str, default_text: str) -> str:
    if widget_key in st.session_state:  # keep the choice when another page's widget had the same key
        st.session_state[widget_key] = st.session_state[widget_key]
    seen_key = f"_url_seen_{name}"
    raw = st.query_params.get(name)
    if raw is not None and raw != st.session_state.get(seen_key):
        st.session_state[seen_key] = raw
        value = str(raw).strip()[:MAX_PARAM_LENGTH]
        if valid(value):
            st.session_state[widget_key] = value
        else:
            shown = value if len(value) <= 40 else value[:40] + "…"
            shown = _MARKDOWN.sub(r"\\\1", " ".join(shown.split()))  # on one line, shown literally
            message = (f"The link asks for {what} “{shown}”, which is not available here, so {default_text} "
                       "is shown instead.")
            box = st.session_state.get("_url_warning_box")
            (box or st).warning(message, icon=":material/link_off:")
            st.session_state[widget_key] = default
    if not valid(str(st.session_state.get(widget_key, ""))):
        st.session_state[widget_key] = default
    return st.session_state[widget_key]


def forget(name: str, widget_key: str) -> None:
    """From a callback: drop the choice from the URL and the widget, so the next run starts at the default."""
    st.query_params.pop(name, None)
    st.session_state.pop(widget_key, None)
    st.session_state.pop(f"_url_seen_{name}", None)


def canonical_case(name: str, options: dict[str, str]) -> None:
    """A link whose value differs from an option only in case (?sex=Male for "male") means that option."""
    raw = st.query_params.get(name)
    if raw is None or raw in options:
        return
    match = next((key for key in options if key.casefold() == str(raw).strip().casefold()), None)
    if match is not None:
        st.query_params[name] = match


def write(name: str, value: str | None) -> None:
    """Put the current choice in the URL (or remove it when None/empty)."""
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
        st.session_state[f"_url_seen_{name}"] = value
    elif name in st.query_params:
        del st.query_params[name]


def choose(name: str, value: str, widget_key: str) -> None:
    """From a button callback: put `value` in the URL and let the widget take it up on the next run."""
    st.query_params[name] = value
    st.session_state.pop(widget_key, None)
    st.session_state.pop(f"_url_seen_{name}", None)


def warnings_here() -> None:
    """Messages about bad URL values go here (the top of the page), whichever widget finds them."""
    st.session_state["_url_warning_box"] = st.container()

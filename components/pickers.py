"""Sidebar pickers whose choices live in the URL: profile, theme, comparator, indicator."""
from __future__ import annotations

import streamlit as st

from components import url_state

ALL = "all"


def choice(name: str, label: str, options: dict[str, str], default: str, *, what: str, help: str = "",
           horizontal: bool = False) -> str:
    """A selectbox (or horizontal radio) over `options` (value -> label) kept in the URL as ?name=value."""
    key = f"pick_{name}"
    url_state.canonical_case(name, options)
    url_state.sync_from_url(name, key, lambda v: v in options, default, what=what,
                            default_text=f"“{options.get(default, default)}”")
    if horizontal:
        value = st.radio(label, list(options), format_func=options.__getitem__, key=key, horizontal=True,
                         help=help or None)
    else:
        value = st.selectbox(label, list(options), format_func=options.__getitem__, key=key, help=help or None)
    url_state.write(name, value)
    return value


def choose(name: str, value: str) -> None:
    """Choose `value` for the picker `name` from a callback: the URL and the widget follow on the next run."""
    url_state.choose(name, value, f"pick_{name}")


def reset(name: str) -> None:
    """From a callback: the picker `name` goes back to its default on the next run."""
    url_state.forget(name, f"pick_{name}")


def profile(profiles: dict[str, str]) -> str:
    options = {ALL: "All profiles held", **profiles}
    return choice("profile", "Profile", options, ALL, what="the profile",
                  help="Fingertips profile (found by its URL key, e.g. public-health-outcomes-framework).")


def theme(themes: dict[str, str]) -> str:
    return choice("theme", "Inequality theme", {ALL: "All themes", **themes}, ALL, what="the theme",
                  help="The ten sections of the Health equity collection, then cross-cutting dimensions.")


def comparator(options: dict[str, str]) -> str:
    return choice("comparator", "Compare with", options, "england", what="the comparator")

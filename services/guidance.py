"""The guidance catalogue for pages (validated once at start-up, cached)."""
from __future__ import annotations

import streamlit as st

import attribution
from guidance.catalogue import Catalogue, CatalogueError, Resource, load_catalogue

__all__ = ["Catalogue", "CatalogueError", "Resource", "attribution_line", "catalogue", "theme_options"]


@st.cache_resource(ttl=3600, show_spinner=False)
def catalogue() -> Catalogue:
    """The shipped catalogue; a broken entry raises CatalogueError naming it (shown by the page)."""
    return load_catalogue()


def attribution_line() -> str:
    """The licence line of the guidance library."""
    return attribution.guidance_line()


def theme_options() -> dict[str, str]:
    """Theme id -> label: the collection's ten sections first, then the inequality dimensions."""
    return {t.id: t.label for t in catalogue().themes}

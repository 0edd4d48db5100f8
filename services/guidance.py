"""The guidance catalogue for pages (validated once at start-up, cached)."""
from __future__ import annotations

import streamlit as st

from guidance.catalogue import Catalogue, load_catalogue


@st.cache_resource(ttl=3600, show_spinner=False)
def catalogue() -> Catalogue:
    """The shipped catalogue; a broken entry raises CatalogueError naming it (shown by the page)."""
    return load_catalogue()


def theme_options() -> dict[str, str]:
    """Theme id -> label: the collection's ten sections first, then the inequality dimensions."""
    return {t.id: t.label for t in catalogue().themes}

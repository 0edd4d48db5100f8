"""The Methods section of Data & sources: each method, its reference and the held indicators it is used for."""
from __future__ import annotations

from dataclasses import dataclass

from analysis.method_catalogue import MethodUse, methods_used
from services.overview import metadata


@dataclass(frozen=True)
class MethodsView:
    """What the Methods section shows, in order."""

    intro: str
    methods: tuple[MethodUse, ...]


INTRO = ("Fingertips' own comparison words, confidence intervals and recent trends are shown wherever the data "
         "carries them (marked \"Fingertips\"). The product computes only what Fingertips did not: other "
         "comparators, imported data and small areas (marked \"computed here\"), with the method each "
         "indicator's definition names. See docs/methods.md for the reference results these methods reproduce.")


def methods_view() -> MethodsView:
    meta = metadata()
    held = meta[meta["has_values"].fillna(False).astype(bool)] if "has_values" in meta else meta
    return MethodsView(INTRO, tuple(methods_used(held)))

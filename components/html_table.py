"""A table drawn as plain HTML: a real <table> that screen readers and the browser's find can read, and that
costs the browser a fraction of Streamlit's data grid (a canvas with its own scripts, about 0.15-0.3 s per page
on a two-core machine). Used for the overview's benchmarked tables; sorting and filtering are in the CSV/XLSX
downloads beside each table."""
from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd
import streamlit as st

CSS = """<style>
.hep-table-wrap { max-height: 34rem; overflow: auto; border: 1px solid rgba(49, 51, 63, 0.2);
                  border-radius: 0.5rem; margin-bottom: 0.5rem; }
.hep-table { border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.35; }
.hep-table caption { text-align: left; padding: 0.4rem 0.6rem; font-size: 0.8rem; color: rgba(49, 51, 63, 0.75); }
.hep-table th { position: sticky; top: 0; background: #f0f2f6; text-align: left; font-weight: 600;
                padding: 0.35rem 0.6rem; border-bottom: 1px solid rgba(49, 51, 63, 0.25); white-space: nowrap; }
.hep-table td { padding: 0.3rem 0.6rem; border-bottom: 1px solid rgba(49, 51, 63, 0.1); vertical-align: top;
                white-space: nowrap; }
.hep-table td:first-child { white-space: normal; min-width: 16rem; max-width: 28rem; }
.hep-table td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
</style>"""


def _cell(value: object, *, link_text: str | None, number_format: str | None) -> tuple[str, bool]:
    """(the cell's HTML, whether it is a number)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "", False
    if link_text is not None:
        return f'<a href="{escape(str(value))}" target="_self">{escape(link_text)}</a>', False
    if number_format is not None and isinstance(value, int | float):
        return escape(format(value, number_format)), True
    return escape(str(value)), False


def to_html(frame: pd.DataFrame, *, caption: str, links: dict[str, str] | None = None,
            numbers: dict[str, str] | None = None, styles: dict[str, Callable[[object], str]] | None = None) -> str:
    """The frame as an HTML table: `links` {column: text shown for its URLs}, `numbers` {column: format spec},
    `styles` {column: CSS for a cell's value}. Every value is escaped."""
    links, numbers, styles = links or {}, numbers or {}, styles or {}
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text, numeric = _cell(value, link_text=links.get(column), number_format=numbers.get(column))
            style = styles[column](value) if column in styles else ""
            attrs = (' class="num"' if numeric else "") + (f' style="{escape(style)}"' if style else "")
            cells.append(f"<td{attrs}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="hep-table-wrap"><table class="hep-table"><caption>{escape(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def show(frame: pd.DataFrame, *, caption: str, links: dict[str, str] | None = None,
         numbers: dict[str, str] | None = None, styles: dict[str, Callable[[object], str]] | None = None) -> None:
    st.html(CSS + to_html(frame, caption=caption, links=links, numbers=numbers, styles=styles))

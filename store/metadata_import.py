"""Indicator definitions (metadata) into core_indicator_metadata: from the API's metadata CSV, the sample's
metadata CSV, or an `indicator_metadata/...` JSON response turned into the same frame by the client."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from errors import FingertipsDataError
from store.column_map import normalise

INT_MAX = 2_147_483_647
METADATA_SOURCES: dict[str, tuple[str, ...]] = {  # store column -> accepted headers (API CSV, sample CSV)
    "indicator_name": ("Indicator", "Indicator Name"),
    "definition": ("Definition",),
    "rationale": ("Rationale",),
    "data_source": ("Data source", "Data Source"),
    "methodology": ("Methodology", "Method"),
    "ci_method": ("Confidence interval details", "CI Method"),
    "unit": ("Unit",),
    "value_type": ("Value type", "Value Type"),
    "year_type": ("Year type", "Period Type"),
    "frequency": ("Frequency",),
    "polarity": ("Polarity",),
    "benchmark_method": ("Benchmark Comparison Method", "Benchmarking method"),
}
IMPLIED_POLARITY = "Polarity implied by Compared-to-England labels"
POLARITY_WORDS = {"rag - low is good": "Low is good", "rag - high is good": "High is good",
                  "bob - blue orange blue": "No judgement", "low is good": "Low is good",
                  "high is good": "High is good", "no judgement": "No judgement",
                  "not applicable": "Not applicable"}
BAD_ID_ADVICE = "Correct the Indicator ID in that row (or download the file again from Fingertips) and import it again."


def is_metadata_header(header: list[str]) -> bool:
    keys = {normalise(h) for h in header}
    return "areacode" not in keys and "indicatorid" in keys and bool({"definition", "polarity"} & keys)


def stored_polarity(text: str | None) -> str | None:
    """The polarity text kept in core_indicator_metadata: Fingertips' known wordings in their short form
    ("RAG - Low is good" -> "Low is good", "BOB - Blue orange blue" -> "No judgement"), any other text
    unchanged (nothing is silently recoded in the store), None when blank.

    Not a judgement of direction: analysis.benchmarking.normalise_polarity reads any of these into one of
    its four words (unknown text -> "No judgement") where values are benchmarked.
    """
    if not text:
        return None
    text = text.strip()
    for prefix, word in POLARITY_WORDS.items():
        if text.lower().startswith(prefix):
            return word
    return text


def indicator_id(text: str, row: int, source: str) -> int | None:
    """The Indicator ID of metadata row `row`, None for an empty cell; out of range or not whole: an error."""
    text = text.strip()
    if not text:
        return None
    if text.lstrip("+-").isdigit() and 0 < int(text) <= INT_MAX:
        return int(text)
    raise FingertipsDataError(
        f"{source}: row {row:,}, column 'Indicator ID': '{text[:40]}' is not an indicator ID (a whole number "
        f"from 1 to {INT_MAX:,}). Nothing was imported.", source=source, row=row, column="Indicator ID",
        text=text, advice=BAD_ID_ADVICE)


def metadata_rows(frame: pd.DataFrame, source: str = "the metadata") -> list[tuple]:
    """Rows for core_indicator_metadata from a metadata frame (all text); rows without an ID are skipped."""
    cols = {normalise(c): c for c in frame.columns}
    wanted = {column: next((cols[normalise(h)] for h in headers if normalise(h) in cols), None)
              for column, headers in METADATA_SOURCES.items()}
    implied = cols.get(normalise(IMPLIED_POLARITY))
    out = []
    for row, r in enumerate(frame.to_dict("records"), 1):
        iid = indicator_id(str(r[cols["indicatorid"]]), row, source)
        if iid is None:
            continue
        rec = {column: (str(r[c]).strip() or None) if c is not None else None for column, c in wanted.items()}
        if implied and str(r[implied]).strip():
            rec["polarity"] = stored_polarity(str(r[implied])) or rec["polarity"]
        rec["polarity"] = stored_polarity(rec["polarity"])
        out.append((iid, *rec.values()))
    return out


def write_metadata(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, source: str, load_id_of) -> int:
    """Replace the definitions of the frame's indicators; `load_id_of(n)` records the load. Returns rows."""
    if "indicatorid" not in {normalise(c) for c in frame.columns}:
        raise FingertipsDataError(f"{source} has no 'Indicator ID' column; it is not Fingertips indicator "
                                  "metadata.", source=source, missing=["Indicator ID"])
    rows = metadata_rows(frame, source)
    load_id = load_id_of(len(rows))
    if rows:
        con.execute("CREATE OR REPLACE TEMP TABLE staging_meta AS SELECT * FROM core_indicator_metadata LIMIT 0")
        con.executemany(f"INSERT INTO staging_meta VALUES ({', '.join('?' * (len(rows[0]) + 1))})",
                        [(*r, load_id) for r in rows])
        con.execute("DELETE FROM core_indicator_metadata WHERE indicator_id IN (SELECT indicator_id FROM staging_meta)")
        con.execute("INSERT INTO core_indicator_metadata SELECT * FROM staging_meta")
    return len(rows)


def read_metadata_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as exc:
        raise FingertipsDataError(f"{path.name} could not be read as a CSV file.", source=path.name) from exc

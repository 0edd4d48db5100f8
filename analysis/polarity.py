"""Polarity as Fingertips' own comparison words imply it, to catch a wrong polarity in the metadata.

Fingertips writes "Better"/"Worse" against England in its bulk files. Where an area is above England and
labelled "Worse", the indicator is "Low is good". When at least `min_rows` labelled rows agree (to
`agreement`), that direction is what Fingertips used; metadata that says otherwise (e.g. a prototype's
metadata giving Year 6 obesity "High is good") is overruled, and the change is reported.
"""
from __future__ import annotations

import pandas as pd

from analysis.benchmarking import HIGH_IS_GOOD, LOW_IS_GOOD, normalise_polarity


def implied_polarity(counts: pd.DataFrame, *, min_rows: int = 20, agreement: float = 0.95) -> pd.Series:
    """`counts` has indicator_id, high_good (rows where above England is Better or below is Worse) and
    low_good (the opposite); returns indicator_id -> polarity for indicators with a clear direction."""
    total = counts["high_good"] + counts["low_good"]
    high = counts["high_good"] / total.where(total > 0)
    out = pd.Series(index=counts["indicator_id"], dtype=object)
    out[(total >= min_rows).to_numpy() & (high >= agreement).to_numpy()] = HIGH_IS_GOOD
    out[(total >= min_rows).to_numpy() & (high <= 1 - agreement).to_numpy()] = LOW_IS_GOOD
    return out.dropna()


def corrected(metadata: pd.DataFrame, implied: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    """Metadata with polarity set from `implied` where it is missing or contradicts; the notes say what changed."""
    out = metadata.copy()
    notes = []
    for i, row in out.iterrows():
        iid = row["indicator_id"]
        if iid not in implied.index:
            continue
        given, wanted = row.get("polarity"), implied[iid]
        if normalise_polarity(given) == wanted:
            continue
        out.at[i, "polarity"] = wanted
        said = f"the definition says “{given}”" if isinstance(given, str) and given else "the definition gives none"
        notes.append(f"{row.get('indicator_name') or iid} ({iid}): polarity taken as “{wanted}” ({said}).")
    return out, notes

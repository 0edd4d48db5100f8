"""Deprivation deciles of upper-tier local authorities, for "similar areas" comparisons (pure, no I/O).

Source: MHCLG English Indices of Deprivation 2019, File 11 (upper-tier LA summaries, 151 areas on 2019
boundaries, OGL v3.0). The file has no decile column; :func:`imd_deciles` derives one:

1. Rank the areas on the IMD average score, highest score (most deprived) first. Tied scores share the
   lowest rank of the tie (pandas ``method="min"``), so tied areas always fall in the same decile.
2. ``decile = ceil(10 * rank / n)`` with ``n`` the number of areas ranked. Decile 1 is the most deprived.
   Every decile spans ``n / 10`` rank places; when ``n`` is not a multiple of 10 the tenths are uneven
   and the remainder goes to the last (least deprived) decile. With 151 areas and no ties (the 2019 file
   has none) deciles 1-9 hold 15 areas each (ranks 1-15, 16-30, ..., 121-135) and decile 10 holds 16
   (ranks 136-151).

:func:`current_upper_tier` carries the deciles to the 2023 upper-tier codes using the code-change table
(``data/deprivation/code_changes.csv``): a new code that is the whole of exactly one 2019 area
("same_area") takes that area's decile; a new code that is only part of a 2019 area ("split") is left
without a decile and says why.
"""

from __future__ import annotations

import pandas as pd

DECILE_COLUMNS = ("area_code", "area_name", "imd_average_score", "imd_rank_of_average_score", "decile")
CHANGE_COLUMNS = ("new_code", "new_name", "old_codes", "old_names", "relation", "decile", "note")
SAME_AREA, SPLIT, CODE_CORRECTED = "same_area", "split", "code_corrected"


def decile_of_rank(rank: int, n: int, groups: int = 10) -> int:
    """The group (1 = first ranks) that rank `rank` of `n` falls in: ceil(groups * rank / n)."""
    if n < 1 or not 1 <= rank <= n:
        raise ValueError(f"rank must be between 1 and n ({n}), not {rank}")
    return -(-groups * rank // n)  # integer ceiling, no rounding error


def imd_deciles(
    frame: pd.DataFrame, code_col: str, name_col: str, score_col: str, groups: int = 10
) -> pd.DataFrame:
    """One row per area: code, name, IMD average score, its rank (1 = most deprived) and decile.

    Rows without a score are dropped (they cannot be ranked); rows come out in rank order.
    """
    data = pd.DataFrame(
        {
            "area_code": frame[code_col].astype(str).str.strip(),
            "area_name": frame[name_col].astype(str).str.strip(),
            "imd_average_score": pd.to_numeric(frame[score_col], errors="coerce"),
        }
    ).dropna(subset=["imd_average_score"])
    ranks = data["imd_average_score"].rank(ascending=False, method="min").astype(int)
    n = len(data)
    data["imd_rank_of_average_score"] = ranks
    data["decile"] = [decile_of_rank(r, n, groups) for r in ranks]
    return data.sort_values(["imd_rank_of_average_score", "area_code"]).reset_index(drop=True)


def current_upper_tier(deciles: pd.DataFrame, code_changes: pd.DataFrame) -> pd.DataFrame:
    """The 2023 upper-tier areas with the 2019 decile each can be given, and a note.

    Columns: area_code, area_name, decile (nullable integer), placement ("2019 area", "same area as …",
    or "cannot be placed"), note. 2019 areas replaced by a new code are left out; new codes come from
    `code_changes` rows of relation ``same_area`` (decile inherited) or ``split`` (no decile).
    ``code_corrected`` rows need no action: the decile table already holds the corrected code.
    """
    changes = code_changes[code_changes["relation"].isin([SAME_AREA, SPLIT])]
    replaced = {c for codes in changes["old_codes"] for c in str(codes).split(";")}
    kept = deciles.loc[~deciles["area_code"].isin(replaced), ["area_code", "area_name", "decile"]].copy()
    kept["placement"] = "2019 area"
    kept["note"] = ""
    new = pd.DataFrame(
        {
            "area_code": changes["new_code"],
            "area_name": changes["new_name"],
            "decile": [
                _inherited(row, deciles) if row.relation == SAME_AREA else pd.NA for row in changes.itertuples()
            ],
            "placement": [
                f"same area as {row.old_names} (2019)" if row.relation == SAME_AREA else "cannot be placed"
                for row in changes.itertuples()
            ],
            "note": changes["note"],
        }
    )
    out = pd.concat([kept, new], ignore_index=True)
    out["decile"] = out["decile"].astype("Int64")
    return out.sort_values("area_code").reset_index(drop=True)


def _inherited(row: object, deciles: pd.DataFrame) -> object:
    found = deciles.loc[deciles["area_code"] == row.old_codes, "decile"]  # type: ignore[attr-defined]
    return int(found.iloc[0]) if len(found) else pd.NA


def table_for_codes(codes: object, deciles: pd.DataFrame, code_changes: pd.DataFrame) -> pd.DataFrame:
    """The decile table matching the geography of `codes` (the area codes of one period's data).

    Data that still uses a 2019 code since replaced (e.g. Northamptonshire E10000021 in 2016 - 18) gets
    the 2019 table with an empty note column; otherwise the 2023 table of :func:`current_upper_tier`.
    """
    changes = code_changes[code_changes["relation"].isin([SAME_AREA, SPLIT])]
    replaced = {c for old in changes["old_codes"] for c in str(old).split(";")}
    if replaced & set(map(str, codes)):  # type: ignore[call-overload]
        return deciles.assign(note="")
    return current_upper_tier(deciles, code_changes)

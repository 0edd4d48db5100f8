"""Longer Lives: premature (under-75) mortality ranked among all upper-tier LAs and among similar areas.

Pure pandas; no I/O. The pieces, each small and tested:

* :func:`similar_areas` — the upper-tier LAs in the same IMD 2019 decile (``analysis.deprivation``), or
  the reason an area cannot be placed.
* :func:`rank_areas` — 1 = lowest rate (best); tied values share the lowest rank of the tie (pandas
  ``method="min"``); rows without a value are not ranked and do not count in ``n_ranked``.
* :func:`grade` — Longer Lives' four grades against a comparator value, premature mortality being
  "low is good": the 95% CI entirely above the comparator is "Significantly worse", entirely below is
  "Significantly better"; a CI that contains the comparator (limits included, as Fingertips compares)
  is "Similar but above" when the value is above the comparator, otherwise "Similar but below" (a
  value equal to the comparator counts as below: it is not above). Anything missing: "Not graded".
* Comparators: England's value (the E92000001 row, or given), or the **similar-areas average** — the
  plain mean of the values of the areas in the selected area's decile that have a value, the selected
  area included. It is an unweighted mean of rates (no populations), not a pooled rate.
* :func:`league_table`, :func:`rank_across_causes` and :func:`finding` build what a page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.premature_causes import KNOWN_CAUSE_IDS, PREMATURE_CAUSES, find_cause_indicators
from geography import ENGLAND

__all__ = [
    "GRADES", "KNOWN_CAUSE_IDS", "NOT_GRADED", "PREMATURE_CAUSES", "SimilarAreas", "find_cause_indicators",
    "finding", "grade", "grade_from_label", "league_table", "ordinal", "rank_across_causes", "rank_areas",
    "rank_label", "similar_areas",
]

SIGNIFICANTLY_WORSE = "Significantly worse"
SIMILAR_ABOVE = "Similar but above"
SIMILAR_BELOW = "Similar but below"
SIGNIFICANTLY_BETTER = "Significantly better"
NOT_GRADED = "Not graded"
GRADES: tuple[str, ...] = (SIGNIFICANTLY_WORSE, SIMILAR_ABOVE, SIMILAR_BELOW, SIGNIFICANTLY_BETTER)
COMPARATOR_NAMES = {"england": "England", "similar": "similar areas"}


@dataclass(frozen=True)
class SimilarAreas:
    """The areas in `area_code`'s IMD decile (itself included), or why there are none (`reason`)."""

    area_code: str
    area_name: str
    decile: int | None
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    reason: str | None = None

    @property
    def placed(self) -> bool:
        return self.decile is not None

    @property
    def others(self) -> tuple[str, ...]:
        """Names of the similar areas other than the area itself."""
        return tuple(n for c, n in zip(self.codes, self.names, strict=True) if c != self.area_code)


def similar_areas(area_code: str, deciles: pd.DataFrame) -> SimilarAreas:
    """Areas sharing `area_code`'s decile in `deciles` (columns area_code, area_name, decile[, note]).

    Use ``analysis.deprivation.current_upper_tier`` for 2023 codes, or the 2019 table for older data.
    """
    row = deciles[deciles["area_code"] == area_code]
    if row.empty:
        return SimilarAreas(area_code, area_code, None, reason=(
            f"{area_code} is not in the IMD 2019 upper-tier table: it is not a county or unitary "
            "authority, or its code is newer than the table."))
    name, decile = str(row["area_name"].iloc[0]), row["decile"].iloc[0]
    if pd.isna(decile):
        note = str(row["note"].iloc[0]) if "note" in row and pd.notna(row["note"].iloc[0]) else ""
        return SimilarAreas(area_code, name, None, reason=(
            f"{name} cannot be placed in an IMD 2019 decile" + (f": {note}" if note else ".")))
    peers = deciles[deciles["decile"] == decile].sort_values("area_name")
    return SimilarAreas(area_code, name, int(decile), tuple(peers["area_code"]), tuple(peers["area_name"]))


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 3 -> "3rd", 11 -> "11th", 22 -> "22nd", 113 -> "113th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_label(rank: object, n: int) -> str:
    """ "12th of 150, 1 = lowest rate", or "not ranked (no value)"."""
    if rank is None or pd.isna(rank):
        return "not ranked (no value)"
    return f"{ordinal(int(rank))} of {n}, 1 = lowest rate"  # type: ignore[call-overload]


def rank_areas(frame: pd.DataFrame, value_col: str = "value") -> pd.DataFrame:
    """`frame` with rank (1 = lowest), rank_from_highest, n_ranked, tied and rank_label columns added."""
    values = pd.to_numeric(frame[value_col], errors="coerce")
    out = frame.copy()
    out["rank"] = values.rank(ascending=True, method="min").astype("Int64")
    out["rank_from_highest"] = values.rank(ascending=False, method="min").astype("Int64")
    out["n_ranked"] = int(values.notna().sum())
    out["tied"] = values.notna() & values.duplicated(keep=False)
    out["rank_label"] = [rank_label(r, int(values.notna().sum())) for r in out["rank"]]
    return out


def _missing(*xs: object) -> bool:
    return any(x is None or pd.isna(x) for x in xs)  # type: ignore[call-overload]


def grade(value: object, lower: object, upper: object, comparator_value: object) -> str:
    """One of GRADES (low is good), or NOT_GRADED when the value, a CI limit or the comparator is missing."""
    if _missing(value, lower, upper, comparator_value):
        return NOT_GRADED
    v, lo, hi, c = (float(x) for x in (value, lower, upper, comparator_value))  # type: ignore[arg-type]
    if lo > c:
        return SIGNIFICANTLY_WORSE
    if hi < c:
        return SIGNIFICANTLY_BETTER
    return SIMILAR_ABOVE if v > c else SIMILAR_BELOW


def grade_from_label(label: object, value: object, comparator_value: object) -> str:
    """A grade from Fingertips' own "Compared to England" word, for rows without CIs.

    "Worse"/"Better" become the significant grades; "Similar"/"Same" split on value vs comparator.
    """
    word = str(label).strip().lower() if isinstance(label, str) else ""
    if word.startswith("worse"):
        return SIGNIFICANTLY_WORSE
    if word.startswith("better"):
        return SIGNIFICANTLY_BETTER
    if word.startswith(("similar", "same")) and not _missing(value, comparator_value):
        return SIMILAR_ABOVE if float(value) > float(comparator_value) else SIMILAR_BELOW  # type: ignore[arg-type]
    return NOT_GRADED


def _england_value(values: pd.DataFrame, value_col: str) -> float | None:
    rows = values.loc[values["area_code"] == ENGLAND, value_col].dropna()
    return float(rows.iloc[0]) if len(rows) else None


def _grades(table: pd.DataFrame, comparator_value: float | None, label_col: str | None) -> list[str]:
    out = []
    for r in table.itertuples(index=False):
        g = grade(r.value, r.lower_ci_95, r.upper_ci_95, comparator_value)
        if g == NOT_GRADED and label_col is not None:
            g = grade_from_label(getattr(r, "label", None), r.value, comparator_value)
        out.append(g)
    return out


def _ci_text(lower: object, upper: object) -> str:
    return "" if _missing(lower, upper) else f"{float(lower):,.1f} to {float(upper):,.1f}"  # type: ignore[arg-type]


def league_table(
    values: pd.DataFrame,
    area_code: str,
    deciles: pd.DataFrame,
    comparator: Literal["england", "similar"] = "england",
    *,
    england_value: float | None = None,
    value_col: str = "value",
    lower_col: str = "lower_ci_95",
    upper_col: str = "upper_ci_95",
    label_col: str | None = "compared_to_england",
) -> pd.DataFrame:
    """One row per upper-tier LA of `deciles` found in `values` (one indicator, sex, age and period).

    Columns: rank, rank_from_highest, n_ranked, tied, rank_label, area_code, area_name, value,
    lower_ci_95, upper_ci_95, ci, grade, is_selected, is_similar, comparator, comparator_value. Sorted by
    rank (unranked last, then by name). Rows whose CI is missing fall back to Fingertips' label in
    `label_col` when comparing with England only (the label is about England). ``attrs["similar"]``
    holds the :class:`SimilarAreas`.
    """
    if comparator not in COMPARATOR_NAMES:
        raise ValueError(f"comparator must be 'england' or 'similar', not {comparator!r}")
    known = deciles.set_index("area_code")["area_name"]
    rows = values[values["area_code"].isin(known.index)].drop_duplicates("area_code")
    table = pd.DataFrame({
        "area_code": rows["area_code"].astype(str),
        "area_name": rows["area_code"].map(known).astype(str),
        "value": pd.to_numeric(rows[value_col], errors="coerce"),
        "lower_ci_95": pd.to_numeric(rows[lower_col], errors="coerce") if lower_col in rows else float("nan"),
        "upper_ci_95": pd.to_numeric(rows[upper_col], errors="coerce") if upper_col in rows else float("nan"),
        "label": rows[label_col] if label_col in rows else None,
    }).reset_index(drop=True)
    group = similar_areas(area_code, deciles)
    table["is_selected"] = table["area_code"] == area_code
    table["is_similar"] = table["area_code"].isin(group.codes)
    if comparator == "england":
        value = england_value if england_value is not None else _england_value(values, value_col)
    else:
        peers = table.loc[table["is_similar"], "value"].dropna()
        value = float(peers.mean()) if group.placed and len(peers) else None
    use_label = label_col if comparator == "england" and label_col in rows else None
    table["grade"] = _grades(table, value, use_label)
    table["ci"] = [_ci_text(lo, hi) for lo, hi in zip(table["lower_ci_95"], table["upper_ci_95"], strict=True)]
    table["comparator"] = COMPARATOR_NAMES[comparator]
    table["comparator_value"] = value
    table = rank_areas(table.drop(columns="label")).sort_values(["rank", "area_name"], na_position="last")
    order = ["rank", "rank_from_highest", "n_ranked", "tied", "rank_label", "area_code", "area_name", "value",
             "lower_ci_95", "upper_ci_95", "ci", "grade", "is_selected", "is_similar", "comparator",
             "comparator_value"]
    table = table[order].reset_index(drop=True)
    table.attrs["similar"] = group
    return table


def _selected(table: pd.DataFrame) -> pd.Series | None:
    chosen = table[table["is_selected"]]
    return chosen.iloc[0] if len(chosen) else None


def rank_across_causes(
    values: pd.DataFrame, area_code: str, deciles: pd.DataFrame, cause_col: str = "cause", **columns: str
) -> pd.DataFrame:
    """The area's place for each cause in `values` (long frame, one period per cause, `cause_col` = key).

    One row per cause present, in PREMATURE_CAUSES order: cause, cause_label, area_name, value, rank,
    rank_from_highest, n_ranked, tied, rank_label, similar_rank (1 = lowest among the similar areas with
    a value), n_similar, grade_england, grade_similar. Rank columns are empty where the area has no value.
    `columns` passes value_col / lower_col / upper_col / label_col to :func:`league_table`.
    """
    out = []
    for key, cause in PREMATURE_CAUSES.items():
        subset = values[values[cause_col] == key]
        if subset.empty:
            continue
        england = league_table(subset, area_code, deciles, "england", **columns)  # type: ignore[arg-type]
        similar = league_table(subset, area_code, deciles, "similar", **columns)  # type: ignore[arg-type]
        peers = rank_areas(similar[similar["is_similar"]])
        mine, mine_peer, mine_similar = _selected(england), _selected(peers), _selected(similar)
        out.append({
            "cause": key, "cause_label": cause.label,
            "area_name": england.attrs["similar"].area_name,
            "value": None if mine is None else mine["value"],
            **{c: (pd.NA if mine is None else mine[c]) for c in ("rank", "rank_from_highest", "tied")},
            "n_ranked": int(england["value"].notna().sum()),
            "rank_label": rank_label(None if mine is None else mine["rank"], int(england["value"].notna().sum())),
            "similar_rank": pd.NA if mine_peer is None else mine_peer["rank"],
            "n_similar": int(peers["value"].notna().sum()),
            "grade_england": NOT_GRADED if mine is None else mine["grade"],
            "grade_similar": NOT_GRADED if mine_similar is None else mine_similar["grade"],
        })
    frame = pd.DataFrame(out)
    for column in ("rank", "rank_from_highest", "similar_rank"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


_PHRASES = {
    SIGNIFICANTLY_WORSE: "significantly worse than {}",
    SIGNIFICANTLY_BETTER: "significantly better than {}",
    SIMILAR_ABOVE: "not significantly different from {} (though above)",
    SIMILAR_BELOW: "not significantly different from {} (though below)",
    NOT_GRADED: "not compared with {}",
}


def _comparison(grade_england: str, grade_similar: str) -> str:
    if grade_england == grade_similar and grade_england in (SIGNIFICANTLY_WORSE, SIGNIFICANTLY_BETTER):
        return _PHRASES[grade_england].format("England") + " and than similar areas"
    england = _PHRASES.get(grade_england, _PHRASES[NOT_GRADED]).format("England")
    similar = _PHRASES.get(grade_similar, _PHRASES[NOT_GRADED]).format("similar areas")
    return f"{england}, and {similar}"


def finding(summary: Mapping[str, object]) -> str:
    """A plain-English sentence from one row of :func:`rank_across_causes`, e.g.
    "Blackpool has the 3rd highest premature death rate from liver disease of 150 areas, significantly
    worse than England and than similar areas." """
    area, cause = summary["area_name"], summary["cause_label"]
    rank, high, n = summary.get("rank"), summary.get("rank_from_highest"), summary["n_ranked"]
    if _missing(rank, high):
        return f"{area} has no premature death rate from {cause} for this period, so it is not ranked."
    low_side = int(rank) < int(high)  # type: ignore[call-overload]
    place = int(rank if low_side else high)  # type: ignore[call-overload]
    joint = "joint " if bool(summary.get("tied")) else ""
    position = f"the {joint}{'' if place == 1 else ordinal(place) + ' '}{'lowest' if low_side else 'highest'}"
    comparison = _comparison(str(summary.get("grade_england", NOT_GRADED)),
                             str(summary.get("grade_similar", NOT_GRADED)))
    return f"{area} has {position} premature death rate from {cause} of {n} areas, {comparison}."

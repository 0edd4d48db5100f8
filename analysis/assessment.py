"""The evidence a health equity assessment starts from, and the scores of an inclusion-health self-assessment.

Pure pandas: frames the services read from the store go in, frozen dataclasses come out; no I/O.

* :func:`prefill` lists what the data says for the Assess stage: indicators significantly worse than
  England (and than the chosen comparator), those getting worse (recent trend), the inequality
  breakdowns held (sex, age, deprivation with its slope index of inequality, ethnicity, others) with
  their gap, the spread between small areas where small-area data is held, and the premature-mortality
  rank where held. Every item cites its indicator, period and comparison; a kind of evidence with no data
  becomes a sentence in ``gaps`` ("No data held for …"), never an invented item.
* :func:`score` turns answers on a 1-4 maturity scale into a result per area and overall.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from analysis.benchmarking import confidence_level
from analysis.explorer import breakdowns, sex_age_breakdown
from analysis.inequalities import slope_index
from analysis.overview import display_name
from analysis.premature import rank_areas
from analysis.tidy import latest_period

WORSE_WORDS = frozenset({"Worse", "Worst"})
DIMENSIONS = ("sex", "age", "deprivation", "ethnicity")
KINDS = {"worse": "Significantly worse", "worsening": "Getting worse", "inequality": "Inequality breakdown",
         "small-area": "Small-area spread", "premature": "Premature mortality rank"}


@dataclass(frozen=True)
class EvidenceItem:
    """One pre-filled finding: what it is, which indicator and period it comes from and what it was compared with."""

    key: str  # stable across runs: kind, indicator, sex, age (and breakdown)
    kind: str  # a key of KINDS
    indicator: str
    indicator_id: int | None
    period: str
    comparison: str  # e.g. "64.2 against England 50.1 (95% confidence intervals)"
    finding: str  # one sentence

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def as_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "indicator": self.indicator, "indicator_id": self.indicator_id,
                "period": self.period, "comparison": self.comparison, "finding": self.finding}

    @classmethod
    def from_dict(cls, data: Mapping) -> EvidenceItem:
        raw_id = data.get("indicator_id")
        return cls(str(data["key"]), str(data["kind"]), str(data.get("indicator", "")),
                   int(raw_id) if raw_id is not None else None, str(data.get("period", "")),
                   str(data.get("comparison", "")), str(data.get("finding", "")))


@dataclass(frozen=True)
class Evidence:
    """The pre-filled items and, for each kind of evidence with no data, the sentence that says so."""

    items: tuple[EvidenceItem, ...] = ()
    gaps: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrefillInputs:
    """What :func:`prefill` reads. Tables are `analysis.overview.benchmark_table` results; frames are store rows."""

    area_code: str
    area_name: str
    theme_label: str
    england_table: pd.DataFrame
    comparator_table: pd.DataFrame | None = None  # None when the comparator is England
    comparator_label: str = "England"
    breakdown_rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # the area's rows, breakdowns included
    small_area_rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # rows of the area's small areas
    premature_rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # under-75 mortality rows of the peers
    premature_causes: Mapping[int, str] = field(default_factory=dict)  # indicator id -> cause label
    peer_codes: tuple[str, ...] = ()


def _number(value: object) -> str:
    return "no value" if value is None or pd.isna(value) else f"{float(value):,.1f}"  # type: ignore[arg-type]


def _key(*parts: object) -> str:
    return ":".join("" if p is None or (isinstance(p, float) and math.isnan(p)) else str(p) for p in parts)


def _level(method: object, source: object) -> str:
    if source == "Fingertips":
        return "Fingertips' own comparison"
    if source == "quintile":
        return "quintiles among similar areas"
    level = confidence_level(method)
    return f"{level:g}% confidence intervals" if level else "no confidence interval comparison"


def worse_items(table: pd.DataFrame, comparator_label: str, kind_key: str = "england") -> list[EvidenceItem]:
    """Rows whose comparison word is Worse (or Worst, by quintile) than the comparator."""
    if table is None or table.empty:
        return []
    rows = table[table["significance"].isin(WORSE_WORDS)]
    out = []
    for _, r in rows.iterrows():
        name = display_name(r)
        comparison = (f"{_number(r['value'])} against {comparator_label} {_number(r.get('comparator_value'))} "
                      f"({_level(r.get('benchmark_method'), r.get('significance_source'))})")
        out.append(EvidenceItem(_key("worse", kind_key, r["indicator_id"], r.get("sex"), r.get("age")), "worse",
                                name, int(r["indicator_id"]), str(r["time_period"]), comparison,
                                f"{name} is significantly worse than {comparator_label} ({r['time_period']})."))
    return out


def worsening_items(table: pd.DataFrame, area_name: str) -> list[EvidenceItem]:
    """Rows whose recent trend (Fingertips' word, or computed here) says 'getting worse'."""
    if table is None or table.empty:
        return []
    trend = table["recent_trend"].fillna("").astype(str)
    out = []
    for _, r in table[trend.str.endswith("getting worse")].iterrows():
        name = display_name(r)
        source = "computed here" if r.get("trend_source") == "computed here" else "Fingertips' recent trend"
        out.append(EvidenceItem(_key("worsening", r["indicator_id"], r.get("sex"), r.get("age")), "worsening",
                                name, int(r["indicator_id"]), str(r["time_period"]),
                                f"{r['recent_trend']} over the last five periods ({source})",
                                f"{name} in {area_name} is {str(r['recent_trend']).lower()} (to {r['time_period']})."))
    return out


def dimension_of(label: str) -> str:
    """Which inequality dimension a breakdown label is about: sex, age, deprivation, ethnicity or other."""
    text = label.lower()
    if text.startswith("by sex"):
        return "sex"
    if text.startswith("by age"):
        return "age"
    if "depriv" in text:
        return "deprivation"
    return "ethnicity" if "ethnic" in text else "other"


def _gap_sentence(frame: pd.DataFrame, label: str) -> tuple[str, str]:
    """(comparison, finding) of one breakdown: SII and gap for deprivation, else highest against lowest."""
    if dimension_of(label) == "deprivation":
        result = slope_index(frame)
        if result is not None:
            gap_text = "" if math.isnan(result.gap) else f"; gap least minus most deprived {result.gap:,.1f}"
            return (f"slope index of inequality {result.sii:,.1f}{gap_text} ({result.n_groups} groups)",
                    f"Slope index of inequality {result.sii:,.1f} across {result.n_groups} deprivation groups.")
    ordered = frame.dropna(subset=["value"]).sort_values("value")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    gap = float(high["value"]) - float(low["value"])
    why = ("; no slope index: it needs a value for every deprivation group"
           if dimension_of(label) == "deprivation" else "")
    return (f"highest {high['category']} {_number(high['value'])}, lowest {low['category']} "
            f"{_number(low['value'])}; gap {gap:,.1f}{why}",
            f"{gap:,.1f} between {high['category']} (highest) and {low['category']} (lowest).")


def inequality_items(rows: pd.DataFrame, area_code: str, area_name: str) -> tuple[list[EvidenceItem], set[str]]:
    """One item per indicator and breakdown held for the area, and the dimensions seen."""
    if rows is None or rows.empty:
        return [], set()
    items, seen = [], set()
    for indicator_id, ind_rows in rows.groupby("indicator_id", sort=True):
        parts = breakdowns(ind_rows, area_code)
        for column in ("sex", "age"):
            split = sex_age_breakdown(ind_rows, area_code, column)
            if len(split) > 1:
                parts[f"By {column}"] = split
        name = str(ind_rows["indicator_name"].dropna().iloc[0]) if ind_rows["indicator_name"].notna().any() else ""
        for label, frame in parts.items():
            if frame["value"].notna().sum() < 2:
                continue
            seen.add(dimension_of(label))
            comparison, finding = _gap_sentence(frame, label)
            items.append(EvidenceItem(_key("inequality", indicator_id, label), "inequality", f"{name}: {label}",
                                      int(indicator_id), str(frame["time_period"].iloc[0]), comparison,
                                      f"{name} in {area_name}, {label.lower()}: {finding}"))
    return items, seen


def small_area_items(rows: pd.DataFrame, area_name: str) -> list[EvidenceItem]:
    """Per indicator, the spread between the area's small areas at the latest period (lowest to highest)."""
    if rows is None or rows.empty:
        return []
    latest = latest_period(rows.dropna(subset=["value"]), ("indicator_id", "sex", "age"))
    out = []
    for (indicator_id, sex, age), part in latest.groupby(["indicator_id", "sex", "age"], dropna=False, sort=True):
        if len(part) < 2:
            continue
        low, high = part["value"].min(), part["value"].max()
        name = display_name(part.iloc[0])
        out.append(EvidenceItem(_key("small-area", indicator_id, sex, age), "small-area", name, int(indicator_id),
                                str(part["time_period"].iloc[0]),
                                f"{len(part)} small areas from {_number(low)} to {_number(high)}",
                                f"Across {len(part)} small areas of {area_name}, {name} ranges from "
                                f"{_number(low)} to {_number(high)}."))
    return out


def premature_items(inputs: PrefillInputs) -> list[EvidenceItem]:
    """The area's rank among its peers on each under-75 mortality indicator held (1 = lowest rate)."""
    rows = inputs.premature_rows
    if rows is None or rows.empty:
        return []
    rows = rows[rows["area_code"].isin(set(inputs.peer_codes) | {inputs.area_code})]
    rows = rows[(rows["sex"].fillna("Persons") == "Persons")]
    out = []
    for indicator_id, part in rows.groupby("indicator_id", sort=True):
        mine = part[(part["area_code"] == inputs.area_code) & part["value"].notna()]
        if mine.empty:
            continue
        period = latest_period(mine, ("indicator_id",))["time_period"].iloc[0]
        ranked = rank_areas(part[part["time_period"] == period].drop_duplicates("area_code"))
        row = ranked[ranked["area_code"] == inputs.area_code].iloc[0]
        cause = inputs.premature_causes.get(int(indicator_id), "premature mortality")
        out.append(EvidenceItem(_key("premature", indicator_id), "premature", str(row["indicator_name"]),
                                int(indicator_id), str(period), f"rank {row['rank_label']} among similar areas",
                                f"Premature deaths from {cause}: {inputs.area_name} ranks {row['rank_label']} "
                                f"({period}, value {_number(row['value'])})."))
    return out


def prefill(inputs: PrefillInputs) -> Evidence:
    """Everything the Assess stage starts from, in a fixed order, with a 'no data held' sentence per gap."""
    items: list[EvidenceItem] = []
    gaps: list[str] = []
    where = f"{inputs.theme_label} in {inputs.area_name}"
    if inputs.england_table is None or inputs.england_table.empty:
        gaps.append(f"No data held for the indicators of {where}.")
    items += worse_items(inputs.england_table, "England")
    if inputs.comparator_table is not None:
        items += worse_items(inputs.comparator_table, inputs.comparator_label, "comparator")
    items += worsening_items(inputs.england_table, inputs.area_name)
    inequality, seen = inequality_items(inputs.breakdown_rows, inputs.area_code, inputs.area_name)
    items += inequality
    missing = [d for d in DIMENSIONS if d not in seen]
    if missing:
        gaps.append(f"No data held for breakdowns by {', '.join(missing)} of {where}.")
    small = small_area_items(inputs.small_area_rows, inputs.area_name)
    items += small
    if not small:
        gaps.append(f"No data held for small areas (e.g. MSOAs) within {inputs.area_name}.")
    premature = premature_items(inputs)
    items += premature
    if not premature:
        gaps.append(f"No data held for premature (under-75) mortality of {inputs.area_name} and similar areas.")
    unique = list({i.key: i for i in items}.values())
    return Evidence(tuple(unique), tuple(gaps))


def add_months(start: date, months: int) -> date:
    """`start` moved on by whole months, the day kept where the month allows (31 Jan + 1 month = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return start.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(f"no date {months} months after {start}")


def too_long(fields: Mapping[str, str], limit: int) -> list[str]:
    """A sentence for every field longer than `limit` characters."""
    return [f"“{label}” is {len(text):,} characters long; the limit is {limit:,}. Shorten it and save again."
            for label, text in fields.items() if len(text or "") > limit]


# ---- inclusion-health self-assessment -------------------------------------------------------------------
@dataclass(frozen=True)
class AreaResult:
    area_id: str
    label: str
    score: float | None  # mean of the answered statements (1-4), None when none is answered
    level: str
    answered: int
    total: int


@dataclass(frozen=True)
class SelfAssessmentResult:
    areas: tuple[AreaResult, ...]
    overall_score: float | None
    overall_level: str
    weaker: tuple[str, ...]  # ids of areas scoring below the strong level (or not answered)


NOT_ANSWERED = "Not answered"


def level_for(score_value: float | None, levels: Sequence[str]) -> str:
    """The level a mean score reaches: its whole part (2.5 is the second level, not yet the third)."""
    if score_value is None or math.isnan(score_value):
        return NOT_ANSWERED
    index = min(max(int(math.floor(score_value + 1e-9)), 1), len(levels))
    return levels[index - 1]


def score(answers: Mapping[str, int | None], areas: Sequence[tuple[str, str, Sequence[str]]],
          levels: Sequence[str], strong_from: int) -> SelfAssessmentResult:
    """Per area the mean of its answered statements (1..len(levels)) and its level; overall the mean of
    the areas' means (each area counts once however many statements it has)."""
    results = []
    for area_id, label, statement_ids in areas:
        given = [int(a) for a in (answers.get(s) for s in statement_ids) if a is not None]
        if any(not 1 <= g <= len(levels) for g in given):
            raise ValueError(f"answers for {label} must be between 1 and {len(levels)}")
        mean = sum(given) / len(given) if given else None
        results.append(AreaResult(area_id, label, mean, level_for(mean, levels), len(given), len(statement_ids)))
    scored = [r.score for r in results if r.score is not None]
    overall = sum(scored) / len(scored) if scored else None
    weaker = tuple(r.area_id for r in results if r.score is None or r.score < strong_from)
    return SelfAssessmentResult(tuple(results), overall, level_for(overall, levels), weaker)

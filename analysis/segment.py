"""The Segment Tool view: a life-expectancy gap split by age band and cause, with plain-English notes.

`segment_gap` takes two groups' deaths (rows = start ages of the bands, columns = causes including the
all-cause total) and person-years by band, and returns a frozen `SegmentGap` whose three breakdowns all add
up to `gap = e_b − e_a`. "Other" is all causes minus the named causes within each band, so each band's
causes add up to its all-cause count. Contributions are positive where group a's death rates are higher.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.decomposition import abridged_life_table, arriaga, band_labels, split_by_cause

ALL_CAUSES = "All causes"
OTHER = "Other"
MIN_PERSON_YEARS = 5_000  # PHE: no life expectancy below this many person-years
PHRASES = {"Circulatory": "circulatory disease", "Cancer": "cancer", "Respiratory": "respiratory disease",
           "Digestive": "digestive disease", "External causes": "external causes (injury, poisoning, suicide)",
           "Mental and behavioural": "mental and behavioural disorders", OTHER: "other causes"}


@dataclass(frozen=True)
class SegmentGap:
    """A view-ready decomposition. Frames carry `years` and `months`; `notes` are sentences for people."""

    label_a: str
    label_b: str
    e_a: float
    e_b: float
    upper_age: float | None
    by_age: pd.DataFrame
    by_cause: pd.DataFrame
    by_age_cause: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)
    computed: bool = True  # False when the data cannot give a life expectancy at all
    reliable: bool = True  # False when PHE would not publish it (too few person-years)
    sex: str = ""  # "Male", "Female" or "Persons" (or empty), for the sentences

    @property
    def gap(self) -> float:
        return self.e_b - self.e_a

    @property
    def gap_months(self) -> float:
        return self.gap * 12

    @property
    def measure(self) -> str:
        who = {"Male": "male ", "Female": "female "}.get(self.sex, "")
        return f"{who}life expectancy" + ("" if self.upper_age is None else f" to age {self.upper_age:g}")


def _ages(frame: pd.DataFrame | pd.Series) -> list[str]:
    return [str(a) for a in frame.index]


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def data_notes(label: str, deaths: pd.DataFrame, population: pd.Series,
               upper_age: float | None) -> tuple[list[str], bool, bool]:
    """(notes, computable, reliable) for one group, following PHE's rules for life expectancy."""
    notes: list[str] = []
    labels = pd.Series(band_labels(population.index.to_numpy(float), upper_age), index=population.index)
    all_deaths = deaths[ALL_CAUSES]
    computable = reliable = True
    if (population <= 0).any():
        notes.append(f"{label} has no person-years at ages {_join(list(labels[population <= 0]))}, so its "
                     f"{'life expectancy' if upper_age is None else 'life expectancy to ' + f'{upper_age:g}'} "
                     "cannot be calculated.")
        computable = False
    if upper_age is None and all_deaths.iloc[-1] <= 0:
        notes.append(f"{label} has no deaths at ages {labels.iloc[-1]}, so its life expectancy cannot be "
                     "calculated (PHE publishes none in this case).")
        computable = False
    total = float(population.sum())
    if total < MIN_PERSON_YEARS:
        notes.append(f"{label} has only {total:,.0f} person-years, fewer than the {MIN_PERSON_YEARS:,} PHE "
                     "requires for a life expectancy; treat these figures with great caution.")
        reliable = False
    closed = all_deaths.iloc[:-1] if upper_age is None else all_deaths
    if (closed <= 0).any():
        notes.append(f"{label} recorded no deaths at ages {_join(list(labels[closed.index][closed <= 0]))}; "
                     "the figures at these ages rest on very few deaths.")
    named = deaths.drop(columns=[ALL_CAUSES]).sum(axis=1)
    if (named > all_deaths + 1e-9).any():
        notes.append(f"For {label}, the named causes add up to more than all causes at ages "
                     f"{_join(list(labels[named > all_deaths + 1e-9]))} (rounded counts?); 'Other' is "
                     "negative there.")
    return notes, computable, reliable


def _with_other(deaths: pd.DataFrame) -> pd.DataFrame:
    named = [c for c in deaths.columns if c not in (ALL_CAUSES, OTHER)]
    out = deaths[named].astype(float).copy()
    out[OTHER] = deaths[ALL_CAUSES].astype(float) - out.sum(axis=1)
    return out


def _years(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["months"] = frame["years"] * 12
    return frame


def _check_inputs(deaths: pd.DataFrame, population: pd.Series, upper_age: float | None) -> None:
    if ALL_CAUSES not in deaths.columns:
        raise ValueError(f"deaths need an '{ALL_CAUSES}' column (the all-cause total of each band)")
    if not deaths.index.equals(population.index):
        raise ValueError("deaths and population must have the same age bands")
    if upper_age is not None and float(deaths.index[-1]) >= upper_age:
        raise ValueError("every band must start below upper_age")


def _empty(label_a: str, label_b: str, upper_age: float | None, notes: list[str], reliable: bool,
           sex: str) -> SegmentGap:
    nothing = pd.DataFrame(columns=["years", "months"])
    return SegmentGap(label_a, label_b, float("nan"), float("nan"), upper_age, nothing, nothing, nothing,
                      tuple(notes), computed=False, reliable=reliable, sex=sex)


def segment_gap(deaths_a: pd.DataFrame, population_a: pd.Series, deaths_b: pd.DataFrame,
                population_b: pd.Series, *, label_a: str = "Group A", label_b: str = "Group B",
                upper_age: float | None = None, sex: str = "") -> SegmentGap:
    """The gap e_b − e_a by age band, by cause and by age × cause (years and months), with notes.

    Rows of `deaths_*` / `population_*` are the bands' start ages (PHE's 0, 1, 5 … 90+, or up to 70 with
    `upper_age=75` for a temporary life expectancy); `deaths_*` columns are causes, one of them 'All causes'.
    """
    for deaths, population in ((deaths_a, population_a), (deaths_b, population_b)):
        _check_inputs(deaths, population, upper_age)
    notes_a, ok_a, rel_a = data_notes(label_a, deaths_a, population_a, upper_age)
    notes_b, ok_b, rel_b = data_notes(label_b, deaths_b, population_b, upper_age)
    notes, reliable = notes_a + notes_b, rel_a and rel_b
    if not (ok_a and ok_b):
        return _empty(label_a, label_b, upper_age, notes, reliable, sex)
    x = population_a.index.to_numpy(float)
    table_a = abridged_life_table(x, population_a, deaths_a[ALL_CAUSES], upper_age=upper_age)
    table_b = abridged_life_table(x, population_b, deaths_b[ALL_CAUSES], upper_age=upper_age)
    ages = arriaga(x, table_a["lx"], table_a["ex"], table_b["lx"], table_b["ex"], upper_age=upper_age)
    causes_a, causes_b = _with_other(deaths_a), _with_other(deaths_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_a = causes_a.div(deaths_a[ALL_CAUSES].astype(float), axis=0).fillna(0.0)
        share_b = causes_b.div(deaths_b[ALL_CAUSES].astype(float), axis=0).fillna(0.0)
    split = split_by_cause(x, ages["total"], table_a["mx"], table_b["mx"], share_a, share_b)
    split.index = pd.Index(ages["age_band"], name="age_band")
    by_age_cause = split.stack().rename("years").reset_index().rename(columns={"level_1": "cause"})
    by_age_cause.insert(0, "start_age", np.repeat(x, split.shape[1]))
    by_age = ages.rename(columns={"total": "years"})
    by_cause = split.sum().rename("years").rename_axis("cause").reset_index()
    return SegmentGap(label_a, label_b, float(table_a["ex"].iloc[0]), float(table_b["ex"].iloc[0]), upper_age,
                      _years(by_age), _years(by_cause), _years(by_age_cause), tuple(notes), True, reliable, sex)


def _main_window(contrib: pd.DataFrame) -> tuple[int, int | None]:
    """The shortest run of consecutive bands holding most (over half) of a cause's contribution."""
    values = contrib["years"].to_numpy(float)
    sign = 1.0 if values.sum() >= 0 else -1.0
    values, total = values * sign, abs(values.sum())
    starts = contrib["start_age"].to_numpy(float)
    best: tuple[float, float, int, int] | None = None
    for i in range(len(values)):
        for j in range(i, len(values)):
            got = values[i:j + 1].sum()
            if got > total / 2:
                key = (j - i, -got, i, j)
                best = key if best is None or key < best else best
                break
    i, j = (0, len(values) - 1) if best is None else (best[2], best[3])
    labels = contrib["age_band"].tolist()
    last = labels[j]
    end = None if last.endswith("+") else int(last.split("-")[-1])
    return int(starts[i]), end


def _ages_phrase(start: int, end: int | None) -> str:
    if end is None:
        return f"ages {start} and over"
    return f"age {start}" if start == end else f"ages {start}–{end}"


def gap_finding(result: SegmentGap) -> str:
    """One plain sentence: the gap, the cause that contributes most and the ages where most of it arises."""
    if not result.computed:
        return f"The gap in {result.measure} between {result.label_a} and {result.label_b} cannot be calculated: " + \
            (result.notes[0] if result.notes else "the data are too sparse.")
    gap = result.gap
    higher, lower = (result.label_b, result.label_a) if gap >= 0 else (result.label_a, result.label_b)
    opening = f"Of the {abs(gap):.1f}-year gap in {result.measure} between {lower} and {higher}"
    causes = result.by_cause
    named = causes[causes["cause"] != OTHER]
    if named.empty:  # all causes only: say where the gap arises
        start, end = _main_window(result.by_age)
        part = result.by_age[(result.by_age["start_age"] >= start)
                             & (result.by_age["start_age"] <= (end if end is not None else np.inf))]
        return f"{opening}, {part['years'].sum():.1f} years arise at {_ages_phrase(start, end)}."
    top = causes.iloc[(causes["years"] * np.sign(gap or 1)).argmax()]
    cells = result.by_age_cause[result.by_age_cause["cause"] == top["cause"]]
    start, end = _main_window(cells)
    phrase = PHRASES.get(str(top["cause"]), str(top["cause"]).lower())
    return f"{opening}, {phrase} contributes {top['years']:.1f} years, most of it at {_ages_phrase(start, end)}."

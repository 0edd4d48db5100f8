"""The area overview as a table: one row per indicator (and sex/age), benchmarked as Fingertips does.

Pure pandas: the store's value rows and indicator definitions go in, a tidy table comes out. The
comparator is England, the area's region, or the mean of its nearest neighbours. Where the file
carries Fingertips' own "Compared to England" word and the CI needed to recompute it is missing,
Fingertips' word is used (and said so in `significance_source`).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.benchmarking import NOT_COMPARED, label_significance, method_choices, quintile_labels
from analysis.ci_fill import fill_cis
from analysis.spine import spine_statistics
from analysis.tidy import headline_rows, latest_period
from analysis.trends import CANNOT_CALCULATE, TrendParams, recent_trend
from geography import ENGLAND

COMPARATORS = {"england": "England", "region": "region", "neighbours": "nearest neighbours"}
ROW_KEY = ["indicator_id", "sex", "age"]
PERIOD_KEY = ROW_KEY + ["time_period"]
FINGERTIPS_WORDS = {"Better", "Similar", "Worse", "Higher", "Lower", "Not compared"}


@dataclass(frozen=True)
class OverviewParams:
    area_code: str
    comparator: str = "england"
    region_code: str | None = None
    peer_codes: tuple[str, ...] = ()  # areas of the same type, for spine statistics and quintiles
    neighbour_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.comparator not in COMPARATORS:
            raise ValueError(f"comparator must be one of {sorted(COMPARATORS)}")


def _values_of(frame: pd.DataFrame, codes, name: str, how: str = "first") -> pd.DataFrame:
    rows = frame[frame["area_code"].isin(list(codes))]
    if rows.empty:
        return pd.DataFrame(columns=PERIOD_KEY + [name])
    grouped = rows.groupby(PERIOD_KEY, dropna=False)["value"]
    return (grouped.mean() if how == "mean" else grouped.first()).rename(name).reset_index()


def _comparator_limits(frame: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """The comparator's own CIs per period (for the double-overlap method), under comparator_* names."""
    names = {"lower_ci_95": "comparator_lower", "upper_ci_95": "comparator_upper",
             "lower_ci_99_8": "comparator_lower_99_8", "upper_ci_99_8": "comparator_upper_99_8"}
    rows = frame[frame["area_code"] == code] if code else frame.iloc[0:0]
    return rows.reindex(columns=PERIOD_KEY + list(names)).drop_duplicates(PERIOD_KEY).rename(columns=names)


def _spine(frame: pd.DataFrame, peers: tuple[str, ...], polarity: dict[int, object],
           shown: pd.DataFrame) -> pd.DataFrame:
    """Spine statistics (analysis.spine, Fingertips' method) among peers, per indicator/sex/age/period of the
    `shown` rows (only the key and value columns of those periods are copied: a district's peers are ~300)."""
    rows = frame.loc[frame["area_code"].isin(list(peers)), PERIOD_KEY + ["value"]].dropna(subset=["value"])
    rows = rows.merge(shown[PERIOD_KEY].drop_duplicates(), on=PERIOD_KEY)
    out = []
    for key, group in rows.groupby(PERIOD_KEY, dropna=False):
        stats = spine_statistics(group, polarity.get(key[0]))
        out.append({**dict(zip(PERIOD_KEY, key)), "worst": stats.worst, "q25": stats.q25, "median": stats.median,
                    "q75": stats.q75, "best": stats.best, "peers": stats.n_areas})
    spine = pd.DataFrame(out, columns=PERIOD_KEY + ["worst", "q25", "median", "q75", "best", "peers"])
    # text keys stay text even when every value is missing (e.g. Local Health rows have no age)
    return spine.astype({c: frame[c].dtype for c in PERIOD_KEY if c in frame and frame[c].dtype == object})


def benchmark_table(values: pd.DataFrame, metadata: pd.DataFrame, params: OverviewParams) -> pd.DataFrame:
    """One row per indicator/sex/age of the area at its latest period, with comparisons and spine stats."""
    meta = metadata.reindex(columns=["indicator_id", "polarity", "benchmark_method", "unit", "value_type",
                                     "ci_method"]).drop_duplicates("indicator_id")
    headline = fill_cis(headline_rows(values), meta)
    area = headline[headline["area_code"] == params.area_code]
    if area.empty:
        return pd.DataFrame()
    latest = latest_with_value(area)
    table = latest.merge(_values_of(headline, [ENGLAND], "england_value"), on=PERIOD_KEY, how="left")
    region = [params.region_code] if params.region_code else []
    table = table.merge(_values_of(headline, region, "region_value"), on=PERIOD_KEY, how="left")
    table = table.merge(_values_of(headline, params.neighbour_codes, "neighbours_value", "mean"),
                        on=PERIOD_KEY, how="left")
    polarity = dict(zip(meta["indicator_id"], meta["polarity"]))
    table = table.merge(_spine(headline, params.peer_codes, polarity, latest), on=PERIOD_KEY, how="left")
    table = table.merge(meta, on="indicator_id", how="left")
    table["comparator_value"] = table[f"{params.comparator}_value"]
    comparator_code = {"england": ENGLAND, "region": params.region_code}.get(params.comparator)
    table = table.merge(_comparator_limits(headline, comparator_code), on=PERIOD_KEY, how="left")
    table = label_with_fallback(table, params.comparator == "england", comparator_code)
    table = _quintiles(table, headline, params)
    table = _trends(table, headline, params.area_code)
    return table.sort_values(["indicator_name", "sex", "age"], na_position="first").reset_index(drop=True)


def latest_with_value(area: pd.DataFrame) -> pd.DataFrame:
    """Each series' latest period with a value; a series with no value at all keeps its latest row."""
    key = ("indicator_id", "area_code", "sex", "age")
    with_value = latest_period(area.dropna(subset=["value"]), key)
    has_value = area.groupby(list(key), dropna=False)["value"].transform(lambda v: v.notna().any())
    return pd.concat([with_value, latest_period(area[~has_value], key)], ignore_index=True)


def _fingertips_word(frame: pd.DataFrame, against_england: bool, comparator_code: str | None) -> pd.Series:
    """The word Fingertips wrote for each row against this comparator (NA where it wrote none): England's
    from `compared_to_england`, a region's from `compared_to_parent` when the row's parent is that region."""
    words = pd.Series(pd.NA, index=frame.index, dtype=object)
    if against_england and "compared_to_england" in frame:
        words = frame["compared_to_england"]
    elif comparator_code and {"compared_to_parent", "parent_code"} <= set(frame.columns):
        label = frame.get("compared_to_parent_label", pd.Series("", index=frame.index)).fillna("")
        same = (frame["parent_code"] == comparator_code) & ~label.str.contains("England", case=False)
        words = frame["compared_to_parent"].where(same.fillna(False))
    words = words.astype("string").str.replace(r" (95|99\.8)$", "", regex=True)
    return words.where(words.isin(FINGERTIPS_WORDS)).astype(object)


def label_with_fallback(frame: pd.DataFrame, against_england: bool, comparator_code: str | None = None
                        ) -> pd.DataFrame:
    """Label each row against its comparator: the word Fingertips wrote in the file where it wrote one for
    this comparator ("Not compared" included), else computed here (label_significance, by the method the
    indicator's `benchmark_method` names). An area compared with itself (England with England) is "Not
    compared". `significance_source` says "Fingertips" or "computed"; `comparison_method` and
    `comparison_level` name the method (analysis.methods' names) and CI level."""
    out = frame.assign(significance=label_significance(frame), significance_source="computed")
    out["comparison_method"], out["comparison_level"] = method_choices(out)
    given = _fingertips_word(out, against_england, comparator_code)
    use = given.notna()
    out.loc[use, "significance"] = given[use]
    out.loc[use, "significance_source"] = "Fingertips"
    itself = comparator_code or (ENGLAND if against_england else None)
    if itself and "area_code" in out:
        same = (out["area_code"] == itself).to_numpy()
        out.loc[same, "significance"], out.loc[same, "significance_source"] = NOT_COMPARED, "computed"
    return out


def _quintiles(table: pd.DataFrame, headline: pd.DataFrame, params: OverviewParams) -> pd.DataFrame:
    """Indicators benchmarked by quintiles get the area's quintile among its peers as their word."""
    quintile = table["benchmark_method"].fillna("").str.contains("uintile") & (params.area_code != ENGLAND)
    for i in table.index[quintile]:
        row = table.loc[i]
        peers = headline[(headline["indicator_id"] == row["indicator_id"])
                         & (headline["time_period"] == row["time_period"])
                         & headline["area_code"].isin(list(params.peer_codes) + [params.area_code])]
        peers = peers[(peers["sex"].fillna("") == (row["sex"] or "")) & (peers["age"].fillna("") == (row["age"] or ""))]
        labels = quintile_labels(peers.set_index("area_code")["value"], row["polarity"])
        table.loc[i, "significance"] = labels.get(params.area_code, NOT_COMPARED)
        table.loc[i, "significance_source"] = "quintile"
    return table


def _trends(table: pd.DataFrame, headline: pd.DataFrame, area_code: str) -> pd.DataFrame:
    """Fingertips' recent trend from the file where given, else computed here over the last 5 points."""
    series = headline[headline["area_code"] == area_code]
    trends, sources = [], []
    for row in table.itertuples():
        given = row.recent_trend if isinstance(row.recent_trend, str) and row.recent_trend else None
        if given:
            trends.append(given)
            sources.append("Fingertips")
            continue
        points = series[(series["indicator_id"] == row.indicator_id)
                        & (series["sex"].fillna("") == (row.sex if isinstance(row.sex, str) else ""))
                        & (series["age"].fillna("") == (row.age if isinstance(row.age, str) else ""))]
        params = TrendParams(value_type=_text(row.value_type), comparator_method=row.comparison_method)
        computed = recent_trend(points, row.polarity, params) if len(points) >= 5 else CANNOT_CALCULATE
        trends.append(computed)
        sources.append("computed here" if computed != CANNOT_CALCULATE else "")
    return table.assign(recent_trend=trends, trend_source=sources)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def spine_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Rows for charts.spine: worst/q25/median/q75/best already follow each indicator's polarity."""
    return table.assign(area_value=table["value"]).dropna(subset=["worst", "best", "area_value"])


def display_name(row) -> str:
    """Indicator name with its sex/age when the indicator has several."""
    name = str(row["indicator_name"])
    extra = [s for s in (row.get("sex"), row.get("age")) if isinstance(s, str) and s and s != "Persons"
             and s.removesuffix(" yrs") not in name]
    return name + (f" ({', '.join(extra)})" if extra else "")


def summary_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many rows fall in each comparison group: worse, similar, better, higher/lower, not compared."""
    words = table["significance"].fillna(NOT_COMPARED)
    groups = {"worse": {"Worse", "Worst"}, "similar": {"Similar", "Middle"}, "better": {"Better", "Best"},
              "higher": {"Higher", "Highest", "High"}, "lower": {"Lower", "Lowest", "Low"}}
    counts = {k: int(words.isin(v).sum()) for k, v in groups.items()}
    counts["not_compared"] = len(words) - sum(counts.values())
    return counts


def summary_sentence(table: pd.DataFrame, area_name: str, theme_label: str, comparator_label: str) -> str:
    """E.g. 'Of 24 indicators in Children and young people, Blackpool is significantly worse than England
    on 12, similar on 8 and better on 1; 3 are not compared.'"""
    if table.empty:
        return f"No indicators in {theme_label} have data for {area_name}."
    if area_name == comparator_label:
        return (f"{len(table)} indicators in {theme_label} have data for {area_name}. Choose a region or a local "
                f"authority to compare it with {comparator_label}.")
    c = summary_counts(table)
    text = (f"Of {len(table)} indicators in {theme_label}, {area_name} is significantly worse than "
            f"{comparator_label} on {c['worse']}, similar on {c['similar']} and better on {c['better']}")
    if c["higher"] or c["lower"]:
        text += (f"; it is higher on {c['higher']} and lower on {c['lower']} where no judgement of good or bad "
                 "is made")
    if c["not_compared"]:
        text += f"; {c['not_compared']} {'is' if c['not_compared'] == 1 else 'are'} not compared"
    return text + "."


def worst_themes(groups: list[dict], top: int = 3) -> str:
    """'Children and young people (12), Healthy places (5)': the groups with most 'worse' results."""
    counts = [(g["label"], summary_counts(g["rows"])["worse"]) for g in groups]
    counts = sorted((c for c in counts if c[1]), key=lambda c: -c[1])[:top]
    return ", ".join(f"{label} ({n})" for label, n in counts)

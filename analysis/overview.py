"""The area overview as a table: one row per indicator (and sex/age), benchmarked as Fingertips does.

Pure pandas: the store's value rows and indicator definitions go in, a tidy table comes out. The
comparator is England, the area's region, or the mean of its nearest neighbours. Where the file
carries Fingertips' own "Compared to England" word and the CI needed to recompute it is missing,
Fingertips' word is used (and said so in `significance_source`).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.benchmarking import NOT_COMPARED, label_significance, quintile_labels
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


def _spine(frame: pd.DataFrame, peers: tuple[str, ...], polarity: dict[int, object]) -> pd.DataFrame:
    """Spine statistics (analysis.spine, Fingertips' method) per indicator/sex/age/period among peers."""
    rows = frame[frame["area_code"].isin(list(peers))].dropna(subset=["value"])
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
    headline = headline_rows(values)
    area = headline[headline["area_code"] == params.area_code]
    if area.empty:
        return pd.DataFrame()
    latest = latest_with_value(area)
    table = latest.merge(_values_of(headline, [ENGLAND], "england_value"), on=PERIOD_KEY, how="left")
    region = [params.region_code] if params.region_code else []
    table = table.merge(_values_of(headline, region, "region_value"), on=PERIOD_KEY, how="left")
    table = table.merge(_values_of(headline, params.neighbour_codes, "neighbours_value", "mean"),
                        on=PERIOD_KEY, how="left")
    meta = metadata.reindex(columns=["indicator_id", "polarity", "benchmark_method", "unit", "value_type"])
    meta = meta.drop_duplicates("indicator_id")
    polarity = dict(zip(meta["indicator_id"], meta["polarity"]))
    table = table.merge(_spine(headline, params.peer_codes, polarity), on=PERIOD_KEY, how="left")
    table = table.merge(meta, on="indicator_id", how="left")
    table["comparator_value"] = table[f"{params.comparator}_value"]
    table = label_with_fallback(table, params.comparator == "england")
    table = _quintiles(table, headline, params)
    table = _trends(table, headline, params.area_code)
    return table.sort_values(["indicator_name", "sex", "age"], na_position="first").reset_index(drop=True)


def latest_with_value(area: pd.DataFrame) -> pd.DataFrame:
    """Each series' latest period with a value; a series with no value at all keeps its latest row."""
    key = ("indicator_id", "area_code", "sex", "age")
    with_value = latest_period(area.dropna(subset=["value"]), key)
    has_value = area.groupby(list(key), dropna=False)["value"].transform(lambda v: v.notna().any())
    return pd.concat([with_value, latest_period(area[~has_value], key)], ignore_index=True)


def label_with_fallback(frame: pd.DataFrame, against_england: bool) -> pd.DataFrame:
    """Label each row (label_significance); against England, where the CI needed is missing, use the word
    Fingertips itself wrote in the file. `significance_source` says which."""
    out = frame.assign(significance=label_significance(frame), significance_source="computed")
    if against_england and "compared_to_england" in out:
        use_file = (out["significance"] == NOT_COMPARED) & out["compared_to_england"].isin(FINGERTIPS_WORDS)
        out.loc[use_file, "significance"] = out.loc[use_file, "compared_to_england"]
        out.loc[use_file, "significance_source"] = "Fingertips"
    return out


def _quintiles(table: pd.DataFrame, headline: pd.DataFrame, params: OverviewParams) -> pd.DataFrame:
    """Indicators benchmarked by quintiles get the area's quintile among its peers as their word."""
    quintile = table["benchmark_method"].fillna("").str.contains("uintile")
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
        computed = (recent_trend(points, row.polarity, TrendParams(value_type=_text(row.value_type)))
                    if len(points) >= 5 else CANNOT_CALCULATE)
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

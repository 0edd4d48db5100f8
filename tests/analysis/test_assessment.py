"""analysis.assessment: the Assess stage's pre-fill on small frames built in code and on the shared sample,
and the self-assessment scores."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from small_frames import AREA, PEER_A, PEER_B, PEER_C, PEERS, REGION, metadata, row, values

from analysis.assessment import (
    EvidenceItem,
    PrefillInputs,
    add_months,
    dimension_of,
    level_for,
    prefill,
    score,
    too_long,
)
from analysis.overview import OverviewParams, benchmark_table
from analysis.premature import PREMATURE_CAUSES, find_cause_indicators

DECILES = ["Most deprived decile", "Second most deprived decile", "Third more deprived decile",
           "Fourth more deprived decile", "Fifth more deprived decile", "Fifth less deprived decile",
           "Fourth less deprived decile", "Third less deprived decile", "Second least deprived decile",
           "Least deprived decile"]
LEVELS = ("Emerging", "Developing", "Maturing", "Thriving")


def england_table():
    return benchmark_table(values(), metadata(), OverviewParams(AREA, "england", REGION, PEERS))


def region_table():
    return benchmark_table(values(), metadata(), OverviewParams(AREA, "region", REGION, PEERS))


def breakdown_rows() -> pd.DataFrame:
    """Indicator 1 for the area: a decile breakdown (most deprived highest) and a male/female split."""
    rows = [row(AREA, 70.0 - 2 * i, "2022", category_type="LA deprivation deciles", category=c, denominator=1000.0)
            for i, c in enumerate(DECILES)]
    rows += [row(AREA, 66.0, "2022", sex="Male"), row(AREA, 62.0, "2022", sex="Female"),
             row(AREA, 64.0, "2022", sex="Persons")]
    return pd.DataFrame(rows)


def inputs(**changes) -> PrefillInputs:
    base = dict(area_code=AREA, area_name="Blackpool", theme_label="Healthy places", england_table=england_table())
    return PrefillInputs(**{**base, **changes})


def test_worse_than_england_cites_indicator_period_and_comparison():
    evidence = prefill(inputs())
    worse = [i for i in evidence.items if i.kind == "worse"]
    assert len(worse) == 1
    item = worse[0]
    assert (item.indicator_id, item.period, item.indicator) == (1, "2022", "Indicator 1 (All ages)")
    assert item.comparison == "64.0 against England 50.0 (95% confidence intervals)"
    assert item.finding == "Indicator 1 (All ages) is significantly worse than England (2022)."


def test_worse_than_the_chosen_comparator_is_a_separate_item():
    evidence = prefill(inputs(comparator_table=region_table(), comparator_label="North West region"))
    comparisons = [i.comparison for i in evidence.items if i.kind == "worse"]
    assert comparisons == ["64.0 against England 50.0 (95% confidence intervals)",
                           "64.0 against North West region 52.0 (95% confidence intervals)"]
    assert len({i.key for i in evidence.items}) == len(evidence.items)


def test_getting_worse_from_the_recent_trend():
    (item,) = [i for i in prefill(inputs()).items if i.kind == "worsening"]
    assert item.comparison.startswith("Increasing and getting worse")
    assert "computed here" in item.comparison  # the small frame carries no Fingertips trend


def test_nothing_worse_or_worsening_when_the_area_is_better():
    better = values()
    better.loc[better["area_code"] == AREA, ["value", "lower_ci_95", "upper_ci_95"]] = [40.0, 39.0, 41.0]
    table = benchmark_table(better, metadata(), OverviewParams(AREA, "england", REGION, PEERS))
    evidence = prefill(inputs(england_table=table))
    assert not [i for i in evidence.items if i.kind in ("worse", "worsening")]


def test_deprivation_breakdown_gives_the_slope_index_and_sex_the_gap():
    evidence = prefill(inputs(breakdown_rows=breakdown_rows()))
    items = {i.key: i for i in evidence.items if i.kind == "inequality"}
    deprivation = next(i for i in items.values() if "deprivation" in i.indicator.lower())
    # equal populations, values fall by 2 per decile: the fitted line falls 20 across the rank scale 0-1;
    # the gap, least minus most deprived, is 52 - 70 = -18
    assert deprivation.comparison.startswith("slope index of inequality -20.0; gap least minus most deprived -18.0")
    by_sex = next(i for i in items.values() if i.indicator.endswith("By sex"))
    assert by_sex.comparison == "highest Male 66.0, lowest Female 62.0; gap 4.0"
    assert "age" in " ".join(evidence.gaps) and "ethnicity" in " ".join(evidence.gaps)
    assert "deprivation" not in evidence.gaps[0].split("by ")[1]


def test_missing_data_is_said_never_invented():
    evidence = prefill(inputs(england_table=pd.DataFrame()))
    assert evidence.items == ()
    gaps = " ".join(evidence.gaps)
    assert "No data held for the indicators of Healthy places in Blackpool." in gaps
    assert "No data held for breakdowns by sex, age, deprivation, ethnicity" in gaps
    assert "No data held for small areas" in gaps
    assert "No data held for premature (under-75) mortality" in gaps


def test_small_area_spread_at_the_latest_period():
    rows = pd.DataFrame([row("E02000001", 10.0, "2021"), row("E02000002", 30.0, "2021"),
                         row("E02000001", 12.0, "2022"), row("E02000002", 40.0, "2022"),
                         row("E02000003", 25.0, "2022")])
    (item,) = [i for i in prefill(inputs(small_area_rows=rows)).items if i.kind == "small-area"]
    assert item.period == "2022" and item.comparison == "3 small areas from 12.0 to 40.0"


def test_premature_mortality_rank_among_peers():
    rows = pd.DataFrame([row(AREA, 500.0, "2022", indicator=108), row(PEER_A, 300.0, "2022", indicator=108),
                         row(PEER_B, 400.0, "2022", indicator=108), row(PEER_C, None, "2022", indicator=108),
                         row(AREA, 200.0, "2019", indicator=108)])
    evidence = prefill(inputs(premature_rows=rows, premature_causes={108: "all causes"}, peer_codes=PEERS))
    (item,) = [i for i in evidence.items if i.kind == "premature"]
    assert item.period == "2022"
    assert item.comparison == "rank 3rd of 3, 1 = lowest rate among similar areas"
    assert item.finding.startswith("Premature deaths from all causes: Blackpool ranks 3rd of 3")


def test_an_item_survives_a_round_trip_through_a_dict():
    item = prefill(inputs()).items[0]
    assert EvidenceItem.from_dict(item.as_dict()) == item


@pytest.mark.parametrize(("label", "dimension"), [("By sex", "sex"), ("By age", "age"),
                                                  ("County & UA deprivation deciles · Persons", "deprivation"),
                                                  ("Ethnic groups (w unknown)", "ethnicity"), ("Disability", "other")])
def test_dimension_of_a_breakdown(label, dimension):
    assert dimension_of(label) == dimension


def test_review_date_months_ahead():
    assert add_months(date(2025, 3, 5), 9) == date(2025, 12, 5)
    assert add_months(date(2025, 5, 31), 9) == date(2026, 2, 28)
    assert add_months(date(2024, 11, 30), 6) == date(2025, 5, 30)


def test_too_long_names_the_field_and_the_limit():
    assert too_long({"Aims": "x" * 5000}, 5000) == []
    (message,) = too_long({"Aims": "x" * 5001, "Other": ""}, 5000)
    assert "“Aims” is 5,001 characters long; the limit is 5,000" in message


def test_scores_per_area_and_overall():
    areas = [("a", "Area A", ["a1", "a2"]), ("b", "Area B", ["b1"]), ("c", "Area C", ["c1"])]
    result = score({"a1": 2, "a2": 3, "b1": 4, "c1": None}, areas, LEVELS, strong_from=3)
    a, b, c = result.areas
    assert (a.score, a.level, a.answered) == (2.5, "Developing", 2)
    assert (b.score, b.level) == (4.0, "Thriving")
    assert (c.score, c.level) == (None, "Not answered")
    assert result.overall_score == pytest.approx(3.25) and result.overall_level == "Maturing"
    assert result.weaker == ("a", "c")
    with pytest.raises(ValueError):
        score({"a1": 5}, areas, LEVELS, 3)


def test_level_for_edges():
    assert [level_for(s, LEVELS) for s in (1.0, 1.99, 2.0, 3.999, 4.0, None)] == [
        "Emerging", "Emerging", "Developing", "Maturing", "Thriving", "Not answered"]


# ---- on the shared sample ------------------------------------------------------------------------------------
BLACKPOOL = "E06000009"


def test_prefill_on_the_sample_for_blackpool(sample_store):
    from guidance.catalogue import load_catalogue
    from store import queries

    cat = load_catalogue()
    ids = [i for i in cat.indicators_for_theme("children-young-people")]
    areas = queries.areas(sample_store)
    peers = tuple(areas.loc[areas["area_type_id"] == 502, "area_code"])
    region = areas.loc[areas["area_code"] == BLACKPOOL, "region_code"].iloc[0]
    values_ = queries.values(sample_store, ids, [BLACKPOOL, "E92000001", region, *peers])
    meta = queries.metadata(sample_store)
    table = benchmark_table(values_, meta, OverviewParams(BLACKPOOL, "england", region, peers))
    causes = find_cause_indicators(meta)
    premature = queries.values(sample_store, list(causes.values()), [BLACKPOOL, *peers])
    evidence = prefill(PrefillInputs(
        BLACKPOOL, "Blackpool", "Children and young people", table,
        breakdown_rows=queries.values(sample_store, ids, [BLACKPOOL], headline_only=False),
        small_area_rows=queries.small_area_values(sample_store, ids, BLACKPOOL), premature_rows=premature,
        premature_causes={i: PREMATURE_CAUSES[k].label for k, i in causes.items()}, peer_codes=peers))
    worse = [i for i in evidence.items if i.kind == "worse"]
    assert len(worse) >= 5
    # each "worse" item agrees with the table's own comparison, and cites a real period of the indicator
    worse_ids = set(table.loc[table["significance"].isin(["Worse", "Worst"]), "indicator_id"])
    assert {i.indicator_id for i in worse} == worse_ids
    raw = pd.read_csv(__import__("settings").shared_dir() / "fingertips" / "data" / "indicator_values.csv",
                      dtype=str, keep_default_na=False, usecols=["Indicator ID", "Area Code", "Time period"])
    mine = raw[raw["Area Code"] == BLACKPOOL]
    for item in worse:
        assert item.period in set(mine.loc[mine["Indicator ID"] == str(item.indicator_id), "Time period"])
    assert any(i.kind == "inequality" for i in evidence.items)
    assert any("ethnic" in i.indicator.lower() for i in evidence.items)
    assert "No data held for small areas (e.g. MSOAs) within Blackpool." in evidence.gaps
    assert [i for i in evidence.items if i.kind == "premature"]

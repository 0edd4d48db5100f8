"""analysis.premature and analysis.premature_causes: frames built in code, then the real shared sample."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import premature as pm
from analysis.deprivation import current_upper_tier, table_for_codes
from analysis.premature_causes import KNOWN_CAUSE_IDS, cause_of, find_cause_indicators, missing_causes
from settings import ROOT
from tests.conftest import shared_path

DEPRIVATION = ROOT / "data" / "deprivation"
BLACKPOOL = "E06000009"


def _deciles() -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["A1", "A2", "A3", "B1", "B2", "C1"],
        "area_name": ["Ashby", "Aston", "Avon", "Bury", "Bath", "Crewe"],
        "decile": pd.array([1, 1, 1, 2, 2, pd.NA], dtype="Int64"),
        "note": ["", "", "", "", "", "it is only part of a 2019 county"],
    })


def _values(**override: object) -> pd.DataFrame:
    frame = pd.DataFrame({
        "area_code": ["E92000001", "A1", "A2", "A3", "B1", "B2", "C1", "D9"],
        "value": [100.0, 150.0, 150.0, 120.0, 90.0, None, 95.0, 10.0],
        "lower_ci_95": [99.0, 140.0, 130.0, 95.0, 80.0, None, 85.0, 5.0],
        "upper_ci_95": [101.0, 160.0, 170.0, 130.0, 99.0, None, 105.0, 15.0],
    })
    return frame.assign(**override)


# --- causes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, key", [
    ("Under 75 mortality rate from all causes", "all_causes"),
    ("Mortality rate for all causes aged 74 and under", "all_causes"),
    ("Under 75 mortality rate from cancer", "cancer"),
    ("Under 75 mortality rate from all cardiovascular diseases", "heart_disease_and_stroke"),
    ("Under 75  mortality rate from respiratory disease", "lung_disease"),
    ("Under 75 mortality rate from liver disease", "liver_disease"),
    ("Under 75 mortality rate from causes considered preventable (per 100,000 population)", "preventable"),
    ("Under 75 mortality rate from cancer considered preventable", None),
    ("Under 75 mortality rate from cancer considered preventable (2016 definition)", None),
    ("Under 75 mortality rate from alcoholic liver disease", None),
    ("Excess under 75 mortality rate due to liver disease in adults with severe mental illness (SMI)", None),
    ("Deaths from all cancer, under 75 years, standardised mortality ratio", None),
    ("Mortality rate from liver disease, all ages", None),
    (None, None),
])
def test_cause_of_names(name, key):
    assert cause_of(name) == key


def test_find_prefers_the_known_id_then_the_lowest():
    meta = pd.DataFrame({"indicator_id": [99999, 40501, 50000, 50001],
                         "indicator_name": ["Under 75 mortality rate from cancer"] * 2
                         + ["Under 75 mortality rate from liver disease"] * 2})
    assert find_cause_indicators(meta) == {"cancer": 40501, "liver_disease": 50000}
    assert find_cause_indicators(meta, fallback=True)["lung_disease"] == KNOWN_CAUSE_IDS["lung_disease"]
    with pytest.raises(ValueError, match="one of the columns"):
        find_cause_indicators(pd.DataFrame({"x": [1]}))


def test_causes_in_the_sample_metadata(sample_metadata):
    found = find_cause_indicators(sample_metadata)
    assert found == {"all_causes": 108, "cancer": 40501, "heart_disease_and_stroke": 40401, "preventable": 93721}
    assert missing_causes(found) == ["lung disease", "liver disease"]


def test_causes_in_a_recorded_api_metadata_response():
    path = shared_path("data", "recordings", "dhsc-govuk__FingertipsNext", "apps", "ai-search",
                       "ai-search-setup", "dist", "assets", "ft.json")
    if not path.is_file():
        pytest.skip("the recorded indicator_metadata/all response is absent")
    items = json.loads(path.read_text(encoding="utf-8")).values()
    meta = pd.DataFrame([{"IID": m["IID"], "Name": m["Descriptive"]["Name"]} for m in items])
    assert find_cause_indicators(meta) == KNOWN_CAUSE_IDS


def test_known_ids_are_in_the_mortality_profiles(sample_metadata):
    profiles = json.loads(shared_path("data", "profiles.json").read_text(encoding="utf-8"))["profiles"]
    members = {i for p in profiles if p["Id"] in (19, 22, 125) for g in p["groups"] for i in g["IndicatorIds"]}
    in_sample = {i for i in KNOWN_CAUSE_IDS.values() if i in sample_metadata.index}
    assert in_sample == {108, 40401, 40501, 93721} and in_sample <= members


# --- similar areas, ranks, grades -------------------------------------------------------------------


def test_similar_areas_share_the_decile():
    group = pm.similar_areas("A2", _deciles())
    assert group.decile == 1 and group.codes == ("A1", "A2", "A3") and group.others == ("Ashby", "Avon")


def test_similar_areas_explain_unplaced_and_unknown_areas():
    unplaced = pm.similar_areas("C1", _deciles())
    assert not unplaced.placed and unplaced.codes == ()
    assert unplaced.reason == "Crewe cannot be placed in an IMD 2019 decile: it is only part of a 2019 county"
    assert "not in the IMD 2019 upper-tier table" in pm.similar_areas("Z9", _deciles()).reason


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (112, "112th")])
def test_ordinal(n, text):
    assert pm.ordinal(n) == text


def test_rank_ties_share_the_min_rank_and_missing_is_unranked():
    ranked = pm.rank_areas(pd.DataFrame({"value": [150.0, 150.0, 120.0, None, 90.0]}))
    assert ranked["rank"].tolist() == [3, 3, 2, pd.NA, 1]
    assert ranked["rank_from_highest"].tolist() == [1, 1, 3, pd.NA, 4]
    assert ranked["n_ranked"].iloc[0] == 4 and ranked["tied"].tolist() == [True, True, False, False, False]
    assert ranked["rank_label"].tolist()[2:4] == ["2nd of 4, 1 = lowest rate", "not ranked (no value)"]


@pytest.mark.parametrize("value, lower, upper, comparator, expected", [
    (150, 140, 160, 100, pm.SIGNIFICANTLY_WORSE),
    (90, 80, 99, 100, pm.SIGNIFICANTLY_BETTER),
    (105, 95, 115, 100, pm.SIMILAR_ABOVE),
    (95, 85, 105, 100, pm.SIMILAR_BELOW),
    (100, 90, 110, 100, pm.SIMILAR_BELOW),
    (110, 100, 120, 100, pm.SIMILAR_ABOVE),  # comparator on the lower limit: inside the CI
    (95, None, 105, 100, pm.NOT_GRADED),
    (95, 85, 105, None, pm.NOT_GRADED),
])
def test_grade(value, lower, upper, comparator, expected):
    assert pm.grade(value, lower, upper, comparator) == expected


@given(st.floats(0, 1e4), st.floats(0, 500), st.floats(0, 500), st.floats(0, 1e4))
def test_grade_is_always_one_of_the_four(value, below, above, comparator):
    assert pm.grade(value, value - below, value + above, comparator) in pm.GRADES


@pytest.mark.parametrize("label, value, expected", [("Worse", 1, pm.SIGNIFICANTLY_WORSE),
                                                    ("Better 95%", 1, pm.SIGNIFICANTLY_BETTER),
                                                    ("Similar", 120, pm.SIMILAR_ABOVE), ("Same", 80, pm.SIMILAR_BELOW),
                                                    (None, 80, pm.NOT_GRADED)])
def test_grade_from_label(label, value, expected):
    assert pm.grade_from_label(label, value, 100) == expected


# --- league table, causes, sentences ---------------------------------------------------------------


def test_league_table_against_england():
    table = pm.league_table(_values(), "A3", _deciles())
    assert table["area_code"].tolist() == ["B1", "C1", "A3", "A1", "A2", "B2"]  # D9 and England left out
    assert table["rank"].tolist() == [1, 2, 3, 4, 4, pd.NA]
    assert table["grade"].tolist() == [pm.SIGNIFICANTLY_BETTER, pm.SIMILAR_BELOW, pm.SIMILAR_ABOVE,
                                       pm.SIGNIFICANTLY_WORSE, pm.SIGNIFICANTLY_WORSE, pm.NOT_GRADED]
    assert table["is_selected"].sum() == 1 and table.loc[table["is_selected"], "area_code"].item() == "A3"
    assert set(table.loc[table["is_similar"], "area_code"]) == {"A1", "A2", "A3"}
    assert table["comparator_value"].iloc[0] == 100.0 and table["ci"].iloc[0] == "80.0 to 99.0"
    assert table["rank_label"].iloc[0] == "1st of 5, 1 = lowest rate"


def test_league_table_against_similar_areas_uses_their_mean():
    table = pm.league_table(_values(), "A3", _deciles(), "similar")
    assert table["comparator_value"].iloc[0] == pytest.approx((150 + 150 + 120) / 3)
    grades = dict(zip(table["area_code"], table["grade"], strict=True))
    assert grades["A3"] == pm.SIGNIFICANTLY_BETTER and grades["A2"] == pm.SIMILAR_ABOVE
    unplaced = pm.league_table(_values(), "C1", _deciles(), "similar")
    assert set(unplaced["grade"]) == {pm.NOT_GRADED} and unplaced.attrs["similar"].reason
    with pytest.raises(ValueError, match="comparator"):
        pm.league_table(_values(), "A3", _deciles(), "region")  # type: ignore[arg-type]


def test_league_table_falls_back_to_fingertips_labels_without_cis():
    values = _values(lower_ci_95=None, upper_ci_95=None,
                     compared_to_england=[None, "Worse", "Worse", "Similar", "Better", None, "Similar", None])
    table = pm.league_table(values, "A3", _deciles()).set_index("area_code")
    assert table.loc["A3", "grade"] == pm.SIMILAR_ABOVE and table.loc["B1", "grade"] == pm.SIGNIFICANTLY_BETTER
    assert set(pm.league_table(values, "A3", _deciles(), "similar")["grade"]) == {pm.NOT_GRADED}


def test_rank_across_causes_and_finding():
    liver = [100.0, 1, 2, 3, 4, 5, 6, 7]
    values = pd.concat([_values(cause="cancer"),
                        _values(cause="liver_disease", value=liver, lower_ci_95=[v - 1 for v in liver],
                                upper_ci_95=[v + 1 for v in liver])])
    summary = pm.rank_across_causes(values, "A1", _deciles())
    assert summary["cause"].tolist() == ["cancer", "liver_disease"]
    cancer, liver = summary.to_dict("records")
    assert (cancer["rank"], cancer["rank_from_highest"], cancer["tied"], cancer["similar_rank"]) == (4, 1, True, 2)
    # similar-areas mean 140 lies on Ashby's lower CI limit (140 to 160): inside, so "similar but above"
    assert pm.finding(cancer) == ("Ashby has the joint highest premature death rate from cancer of 5 areas, "
                                  "significantly worse than England, and not significantly different from "
                                  "similar areas (though above).")
    assert pm.finding(liver) == ("Ashby has the lowest premature death rate from liver disease of 6 areas, "
                                 "significantly better than England, and not significantly different from "
                                 "similar areas (though below).")
    nothing = pm.rank_across_causes(values, "B2", _deciles()).iloc[0].to_dict()
    assert pm.finding(nothing) == "Bath has no premature death rate from cancer for this period, so it is not ranked."


def test_finding_wording_for_the_brief_example():
    row = {"area_name": "Blackpool", "cause_label": "liver disease", "rank": 148, "rank_from_highest": 3,
           "n_ranked": 150, "tied": False, "grade_england": pm.SIGNIFICANTLY_WORSE,
           "grade_similar": pm.SIGNIFICANTLY_WORSE}
    assert pm.finding(row) == ("Blackpool has the 3rd highest premature death rate from liver disease of 150 "
                               "areas, significantly worse than England and than similar areas.")
    row |= {"rank": 12, "rank_from_highest": 139, "grade_similar": pm.SIMILAR_BELOW}
    assert pm.finding(row).endswith("12th lowest premature death rate from liver disease of 150 areas, "
                                    "significantly worse than England, and not significantly different from "
                                    "similar areas (though below).")


# --- the real sample ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    deciles = pd.read_csv(DEPRIVATION / "imd2019_upper_tier_deciles.csv", dtype={"decile": "Int64"})
    changes = pd.read_csv(DEPRIVATION / "code_changes.csv", dtype={"decile": "Int64"}, keep_default_na=False)
    return deciles, changes


def _latest(values: pd.DataFrame, indicator_id: int, sex: str | None = None) -> pd.DataFrame:
    rows = values[(values["indicator_id"] == indicator_id) & values["category_type"].isna()]
    if sex:
        rows = rows[rows["sex"] == sex]
    return rows[rows["time_period"] == rows["time_period"].max()]


def test_cancer_2016_18_ranks_the_sample_counties_and_uas(sample_values, tables):
    rows = _latest(sample_values, 40501)
    assert set(rows["time_period"]) == {"2016 - 18"}
    deciles = table_for_codes(rows["area_code"], *tables)
    assert len(deciles) == 151, "2016 - 18 uses 2019 codes (Northamptonshire E10000021)"
    table = pm.league_table(rows, BLACKPOOL, deciles)
    assert table["n_ranked"].iloc[0] == 37 and not table["area_code"].str.startswith("E07").any()
    worst = table.dropna(subset=["rank"]).iloc[-1]
    assert (worst["area_name"], worst["rank_label"]) == ("Liverpool", "37th of 37, 1 = lowest rate")
    assert worst["grade"] == pm.SIGNIFICANTLY_WORSE and table["comparator_value"].iloc[0] == 132.3
    # Blackpool has no 40501 row in the sample: unranked, but its similar areas are still named.
    assert table[table["area_code"] == BLACKPOOL].empty
    group = table.attrs["similar"]
    assert group.decile == 1 and {"Knowsley", "Liverpool", "Middlesbrough", "Hartlepool"} <= set(group.others)
    similar = table[table["is_similar"]]
    assert set(similar["area_name"]) == {"Liverpool", "Nottingham", "Salford"}


def test_blackpool_preventable_mortality_2024_is_ranked_highest(sample_values, tables):
    rows = _latest(sample_values, 93721, sex="Persons")
    deciles = table_for_codes(rows["area_code"], *tables)
    table = pm.league_table(rows, BLACKPOOL, deciles)
    me = table[table["is_selected"]].iloc[0]
    assert me["rank_from_highest"] == 1 and me["rank"] == me["n_ranked"] > 100
    assert me["grade"] == pm.SIGNIFICANTLY_WORSE  # from Fingertips' own label: the sample has no CIs here
    summary = pm.rank_across_causes(rows.assign(cause="preventable"), BLACKPOOL, deciles).iloc[0].to_dict()
    assert summary["similar_rank"] == summary["n_similar"] == 15
    assert pm.finding(summary).startswith(
        f"Blackpool has the highest premature death rate from causes considered preventable of {me['n_ranked']}")


def test_current_table_places_149_of_153(tables, areas_current):
    current = current_upper_tier(*tables)
    assert set(current["area_code"]) == areas_current
    unplaced = current[current["decile"].isna()]
    assert sorted(unplaced["area_name"]) == ["Cumberland", "North Northamptonshire", "West Northamptonshire",
                                             "Westmorland and Furness"]
    assert pm.similar_areas("E06000063", current).reason.startswith("Cumberland cannot be placed")
    assert current.set_index("area_code").at["E06000060", "decile"] == 10


@pytest.fixture(scope="module")
def areas_current() -> set[str]:
    areas = pd.read_csv(shared_path("data", "areas.csv"), dtype=str, keep_default_na=False)
    keep = (areas["Area Type"] == "Counties and Unitary Authorities") & (areas["In current hierarchy"] == "yes")
    return set(areas.loc[keep, "Area Code"])

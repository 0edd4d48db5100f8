"""The analyst's deaths-and-population layout, its checks, PHE bands and the England IMD-decile gap."""
from __future__ import annotations

import pandas as pd
import pytest

import settings
from analysis.decomposition import PHE_START_AGES
from analysis.mortality import cause_group, compare_groups, from_imd_deciles, parse_age, to_phe_bands, validate
from analysis.segment import gap_finding
from errors import HEPError, MortalityDataError


@pytest.fixture(scope="module")
def imd_raw() -> pd.DataFrame:
    root = settings.shared_dir()
    path = None if root is None else root / "mortality" / "england_imd_decile_deaths_population.csv"
    if path is None or not path.is_file():
        pytest.skip("../shared/mortality/england_imd_decile_deaths_population.csv is absent (set HEP_SHARED_DIR)")
    return pd.read_csv(path)


def banded_file(groups=("A", "B"), causes=True) -> pd.DataFrame:
    """A small analyst file in PHE bands, built in code: deaths by cause plus the all-cause total."""
    rows = []
    labels = ["0", "1-4", *[f"{a}-{a + 4}" for a in range(5, 90, 5)], "90+"]
    for k, group in enumerate(groups):
        for sex in ("Male", "Female"):
            for i, (start, label) in enumerate(zip(PHE_START_AGES, labels)):
                pop = 30_000 + 500 * i
                total = round(pop * 0.00005 * 2.718 ** (0.09 * start) * (1.4 if k == 0 else 1.0)) + 1
                rows.append((group, sex, label, total, pop, "All causes" if causes else ""))
                if causes:
                    rows.append((group, sex, label, total // 3, pop, "Circulatory"))
                    rows.append((group, sex, label, total // 4, pop, "Cancer"))
    return pd.DataFrame(rows, columns=["group", "sex", "age", "deaths", "population", "cause"])


def test_parse_age_reads_single_years_and_bands():
    assert parse_age("0") == (0, 0) and parse_age("1-4") == (1, 4) and parse_age(" 90+ ") == (90, None)
    assert parse_age("<1") == (0, 0) and parse_age("37") == (37, 37)
    with pytest.raises(ValueError):
        parse_age("5 to 9")


def test_cause_groups_follow_icd10_chapters():
    assert cause_group("I21.9") == "Circulatory" and cause_group("C34") == "Cancer" and cause_group("D48") == "Cancer"
    assert cause_group("J44") == "Respiratory" and cause_group("K70") == "Digestive"
    assert cause_group("X70") == "External causes" and cause_group("F10") == "Mental and behavioural"
    assert cause_group("U07.1") == "Other" and cause_group("A41") == "Other"


@pytest.mark.parametrize("change, words", [
    (lambda f: f.drop(columns="population"), "no 'population' column"),
    (lambda f: f.assign(sex=f["sex"].where(f.index != 3, "Man")), "Row 4: 'sex' must be Male, Female or Persons"),
    (lambda f: f.assign(age=f["age"].where(f.index != 0, "0 to 4")), "Row 1: '0 to 4' in column 'age'"),
    (lambda f: f.assign(age=f["age"].where(f.index != 0, "0-4")), "inside one of PHE's bands"),
    (lambda f: f.assign(age=f["age"].where(f.index != 0, "85+")), "give 85-89 and 90+ separately"),
    (lambda f: f.assign(deaths=f["deaths"].where(f.index != 5, -1)), "Row 6: 'deaths' must be a number"),
    (lambda f: f.assign(deaths=f["deaths"].astype(object).where(f.index != 2, "n/a")), "not 'n/a'"),
    (lambda f: pd.concat([f, f.iloc[[7]]], ignore_index=True), "appears on an earlier row"),
    (lambda f: f.assign(population=f["population"].where(f.index != 1, 1)), "'population' differs"),
    (lambda f: f.assign(group=f["group"].where(f.index != 0, " ")), "Row 1: 'group' is empty"),
])
def test_validation_names_the_row_and_column(change, words):
    with pytest.raises(MortalityDataError, match=words.replace("(", r"\(").replace("+", r"\+")) as info:
        validate(change(banded_file()))
    assert isinstance(info.value, HEPError)


def test_cause_is_optional_and_a_missing_band_is_reported():
    frame = banded_file(causes=False).drop(columns="cause")
    assert set(validate(frame)["cause"]) == {"All causes"}
    with pytest.raises(MortalityDataError, match="do not cover each PHE band"):
        to_phe_bands(frame[frame["age"] != "10-14"])


def test_single_years_are_summed_to_phe_bands(imd_raw):
    layout = from_imd_deciles(imd_raw, years=[2016])
    assert set(layout["age"].astype(int)) == set(range(75)) and layout["group"].nunique() == 10
    banded = to_phe_bands(layout)
    one = banded[(banded["group"] == "IMD decile 1") & (banded["sex"] == "Male")].set_index("start_age")
    raw = imd_raw[(imd_raw["year"] == 2016) & (imd_raw["imd_decile"] == 1) & (imd_raw["sex"] == "Male")]
    assert one.loc[1, "deaths"] == raw[raw["age"].between(1, 4)]["deaths"].sum()
    assert one.loc[70, "population"] == raw[raw["age"].between(70, 74)]["population"].sum()
    assert one.index.tolist() == list(PHE_START_AGES[:16])


def test_causes_in_an_analysts_file_give_other_and_reconcile():
    result = compare_groups(banded_file(), "A", "B", sex="Persons")
    assert result.by_cause["cause"].tolist() == ["Cancer", "Circulatory", "Other"]
    assert result.gap > 0 and result.upper_age is None
    for frame in (result.by_age, result.by_cause, result.by_age_cause):
        assert frame["years"].sum() == pytest.approx(result.gap, abs=1e-9)
    cut = compare_groups(banded_file(), "A", "B", sex="Female", upper_age=75)
    assert cut.upper_age == 75 and cut.e_b < 75 and cut.by_age["age_band"].iloc[-1] == "70-74"


def test_an_unknown_group_or_missing_all_cause_rows_are_plain_errors():
    with pytest.raises(MortalityDataError, match="no rows for group 'C'"):
        compare_groups(banded_file(), "A", "C")
    frame = banded_file()
    with pytest.raises(MortalityDataError, match="no 'All causes' rows"):
        compare_groups(frame[frame["cause"] != "All causes"], "A", "B")


@pytest.mark.parametrize("sex, low, high", [("Male", 3.0, 7.0), ("Female", 1.5, 5.0), ("Persons", 2.0, 6.0)])
def test_decile_1_vs_10_gap_to_75_is_plausible_and_reconciles(imd_raw, sex, low, high):
    layout = from_imd_deciles(imd_raw, years=[2014, 2015, 2016])
    result = compare_groups(layout, "IMD decile 1", "IMD decile 10", sex=sex)
    assert result.upper_age == 75 and result.computed and result.reliable
    assert 60 < result.e_a < result.e_b < 75
    assert low < result.gap < high
    assert result.by_age["years"].sum() == pytest.approx(result.gap, abs=1e-9)
    assert result.by_cause["years"].sum() == pytest.approx(result.gap, abs=1e-9)
    peak = result.by_age.loc[result.by_age["years"].idxmax(), "start_age"]
    assert 40 <= peak <= 70  # most of the premature gap is in middle age
    text = gap_finding(result)
    assert text.startswith(f"Of the {result.gap:.1f}-year gap in ")
    assert "to age 75 between IMD decile 1 and IMD decile 10" in text


def test_male_gap_is_wider_than_female(imd_raw):
    layout = from_imd_deciles(imd_raw)
    male = compare_groups(layout, "IMD decile 1", "IMD decile 10", sex="Male")
    female = compare_groups(layout, "IMD decile 1", "IMD decile 10", sex="Female")
    assert male.gap > female.gap > 0

"""SII / RII (phe_sii) and quantiles (phe_quantile) against PHEindicatormethods' sheets (read in place).

SII, RII and the intercept are deterministic and compared exactly (1e-6). Limits are simulated: as the R
tests do (tolerance 0.05), they are compared to a relative 5% -- with the package's own repetitions and
a fixed seed. Limits at 98% or 99% cannot be asked for here (confidence is 0.95 or 0.998 only); for those
cases only the deterministic figures are checked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import methods
from tests.analysis.methods.conftest import read_sheet, reference_path

SII_FILE = "testdata_SII.xlsx"
VALUE_TYPES = {0: "other", 1: "rate", 2: "proportion"}
MULTIPLIERS = {"(x 100)": 100, "(x -100)": -100, "negative multiplier": -1}
SIM_TOL = 0.05


def sii_cases():
    data = read_sheet(SII_FILE, "testdata_SII")
    if data.empty:
        return [pytest.param(None, None, id="absent")]
    data = data[~data.TestDescription.str.startswith(("error", "warning"))]
    return [pytest.param(desc, area, id=f"{desc}-{area}") for (desc, area), _ in
            data.groupby(["TestDescription", "Area"], sort=False)]


def multiplier_for(description: str) -> float:
    return next((m for text, m in MULTIPLIERS.items() if text in description), 1)


@pytest.mark.parametrize(("description", "area"), sii_cases())
def test_sii_reference(description, area, reproduced):
    reference_path(SII_FILE)
    data = read_sheet(SII_FILE, "testdata_SII")
    group = data[(data.TestDescription == description) & (data.Area == area)]
    first = group.iloc[0]
    simulated_at_95 = str(first.Confidence) in ("95", "c(95, 99)") and "98%" not in description
    result = methods.sii(group.Quantile, group.Population, group.Value, group.LowerCL, group.UpperCL,
                         value_type=VALUE_TYPES[first.ValueType], transform="transform" in description, rii=True,
                         repetitions=int(first.Repetitions), seed=20240601, multiplier=multiplier_for(description))
    assert result["sii"] == pytest.approx(first.sii, rel=1e-6)
    if not np.isnan(first.rii):
        assert result["rii"] == pytest.approx(first.rii, rel=1e-6)
    if not np.isnan(first.Intercept):
        assert result["intercept"] == pytest.approx(first.Intercept, rel=1e-6)
    reproduced("SII (value, RII, intercept)")
    if simulated_at_95 and not np.isnan(first.sii_lowercl_1):
        assert result["lower"] == pytest.approx(first.sii_lowercl_1, rel=SIM_TOL)
        assert result["upper"] == pytest.approx(first.sii_uppercl_1, rel=SIM_TOL)
        if not np.isnan(first.rii_lowercl_1):
            assert result["rii_lower"] == pytest.approx(first.rii_lowercl_1, rel=SIM_TOL)
            assert result["rii_upper"] == pytest.approx(first.rii_uppercl_1, rel=SIM_TOL)
        reproduced("SII (simulated limits)")


def test_sii_with_standard_error_or_count_gives_the_same_result():
    reference_path(SII_FILE)
    data = read_sheet(SII_FILE, "testdata_SII")
    normal = data[data.RecordNo.between(1, 10)]
    by_limits = methods.sii(normal.Quantile, normal.Population, normal.Value, normal.LowerCL, normal.UpperCL,
                            seed=1, repetitions=20000)
    by_se = methods.sii(normal.Quantile, normal.Population, normal.Value, se=normal.StandardError, seed=1,
                        repetitions=20000)
    assert by_se["sii"] == pytest.approx(by_limits["sii"])
    assert by_se["lower"] == pytest.approx(by_limits["lower"], rel=0.01)
    props = data[data.RecordNo.between(91, 100)]
    by_value = methods.sii(props.Quantile, props.Population, props.Value, props.LowerCL, props.UpperCL,
                           value_type="proportion", seed=1, repetitions=10000)
    by_count = methods.sii(props.Quantile, props.Population, None, props.LowerCL, props.UpperCL, count=props.Count,
                           value_type="proportion", seed=1, repetitions=10000)
    assert by_count["sii"] == pytest.approx(by_value["sii"], rel=1e-4)


def test_sii_is_repeatable_with_a_seed_and_rejects_bad_input():
    q, pop, val = range(1, 6), [100, 120, 90, 110, 100], [70, 72, 75, 77, 80]
    first = methods.sii(q, pop, val, se=[1] * 5, seed=7, repetitions=2000)
    assert first == methods.sii(q, pop, val, se=[1] * 5, seed=7, repetitions=2000)
    with pytest.raises(ValueError, match="greater than zero"):
        methods.sii(q, [0, 1, 1, 1, 1], val, se=[1] * 5)
    with pytest.raises(ValueError, match="0.95"):
        methods.sii(q, pop, val, se=[1] * 5, confidence=0.99)
    with pytest.raises(ValueError, match="value_type"):
        methods.sii(q, pop, val, se=[1] * 5, value_type="count")


QUANTILES = {"Decile": 10, "Quartile": 4, "Septile": 7}
GROUPS = {"IndSexReg": ["IndSexRef", "ParentCode"], "IndSex": ["IndSexRef"], "All": None}


def quantile_groups():
    data = read_sheet("testdata_Quantiles.xlsx", "testdata_Quantiles")
    if data.empty:
        return [pytest.param(None, id="absent")]
    data = data[data.Test != "BadPolarity"].assign(GroupSet=lambda d: d.GroupSet.fillna("All"))
    cases = []
    for (name, groupset), frame in data.groupby(["QuantileNm", "GroupSet"]):
        keys = GROUPS[groupset]
        for key, group in frame.groupby(keys) if keys else [("all", frame)]:
            cases.append(pytest.param(group, QUANTILES[name], keys is not None, id=f"{name}-{key}"))
    return cases


@pytest.mark.parametrize(("group", "n", "polarity_decides"), quantile_groups())
def test_quantiles_reference(group, n, polarity_decides, reproduced):
    reference_path("testdata_Quantiles.xlsx")
    invert = str(group.Polarity.iloc[0]) in ("RAG - Low is good", "True") if polarity_decides else True
    got = methods.assign_quantiles(group.Value, n, "most deprived" if invert else "least deprived")
    np.testing.assert_array_equal(got, group.QuantileInGrp.to_numpy(dtype=float))
    reproduced("Quantiles (rows)", len(group))


def test_quantiles_basic_and_errors():
    assert list(methods.assign_quantiles(pd.Series([1, 2, 3, 4, np.nan]), 2, "least deprived")[:4]) == [1, 1, 2, 2]
    assert np.isnan(methods.assign_quantiles([1, 2, 3], 5)).all()  # too few areas
    with pytest.raises(ValueError, match="highest_is"):
        methods.assign_quantiles([1, 2], 2, "highest")
